import Foundation

/// Turns the many spellings of one Arabic place name into comparable keys.
///
/// Wire stories write al-Asad, Ain al-Asad, Ayn al-Assad; Jurf al-Sakhar, Jurf as-Saqr. The
/// key drops case, diacritics, ʿayn/hamza marks, articles, hyphens and spaces, and folds the
/// common ASCII transliteration variants (q/k, ay/ai/ei, ou/u, doubled letters) onto one form.
public enum NameKey {
    private static let articles: Set<String> = ["al", "el", "as", "ad", "ar", "az", "an", "at", "ash", "ath", "ad", "the"]

    public static func isArabic(_ s: String) -> Bool {
        s.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
    }

    /// Loose form: lowercase words without marks or articles, joined by single spaces.
    public static func words(_ raw: String) -> [String] {
        if isArabic(raw) { return arabicWords(raw) }
        var s = raw.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        s = String(s.unicodeScalars.filter { !"ʿʾʻʼ'’‘`´".unicodeScalars.contains($0) })
        let separators = CharacterSet.alphanumerics.inverted
        var words = s.components(separatedBy: separators).filter { !$0.isEmpty }
        // "Al-Asad", "al Asad", "Alasad"-style glued articles stay as they are; separate ones go.
        words = words.filter { !articles.contains($0) }
        return words
    }

    /// The comparison key: words glued, transliteration variants folded.
    public static func key(_ raw: String) -> String {
        if isArabic(raw) { return arabicWords(raw).joined() }
        // Word-final h after a vowel is silent in most romanisations: Hasakah = Hasaka, Raqqah = Raqqa.
        var s = words(raw).map { w -> String in
            if w.count > 3, w.hasSuffix("h"), let v = w.dropLast().last, "aeiou".contains(v) { return String(w.dropLast()) }
            return w
        }.joined()
        let folds: [(String, String)] = [
            ("ayn", "ain"), ("ey", "ai"), ("ay", "ai"), ("ei", "ai"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
            ("kh", "k"), ("q", "k"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("sh", "s"), ("ck", "k"),
            ("w", "u"), ("y", "i"), ("e", "a"), ("o", "u"), ("z", "s"),
        ]
        for (a, b) in folds { s = s.replacingOccurrences(of: a, with: b) }
        // Doubled letters: Assad = Asad.
        var out = ""
        for c in s where out.last != c { out.append(c) }
        return out
    }

    private static func arabicWords(_ raw: String) -> [String] {
        var scalars = String.UnicodeScalarView()
        for u in raw.unicodeScalars {
            switch u.value {
            case 0x064B...0x065F, 0x0670, 0x0640: continue // tashkeel, dagger alef, tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: scalars.append(Unicode.Scalar(0x0627)!) // alef forms
            case 0x0629: scalars.append(Unicode.Scalar(0x0647)!) // ta marbuta -> ha
            case 0x0649: scalars.append(Unicode.Scalar(0x064A)!) // alef maqsura -> ya
            default: scalars.append(u)
            }
        }
        let words = String(scalars).components(separatedBy: CharacterSet.whitespaces.union(.punctuationCharacters))
            .filter { !$0.isEmpty }
        // The article ال glued to a word: البوكمال = بوكمال.
        return words.map { $0.hasPrefix("ال") && $0.count > 3 ? String($0.dropFirst(2)) : $0 }
            .filter { $0 != "قاعده" && $0 != "مدينه" && $0 != "محافظه" }
    }

    /// Edit distance, for "did you mean".
    public static func distance(_ a: String, _ b: String) -> Int { distance(Array(a), Array(b)) }

    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
