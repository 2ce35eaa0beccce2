import Foundation
import StrikeMapCore

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
        // Plain ASCII (most names) needs no Unicode folding, which costs microseconds a call.
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            var words: [String] = []
            var current: [UInt8] = []
            func flush() {
                if !current.isEmpty {
                    let w = String(decoding: current, as: UTF8.self)
                    if !articles.contains(w) { words.append(w) }
                    current.removeAll(keepingCapacity: true)
                }
            }
            for c in raw.utf8 {
                switch c {
                case 65...90: current.append(c + 32)
                case 97...122, 48...57: current.append(c)
                case 39, 96: continue  // ' and ` (hamza and ʿayn in ASCII spellings) join the word
                default: flush()
                }
            }
            flush()
            return words
        }
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
        key(words: words(raw), arabic: isArabic(raw))
    }

    /// The key of a name whose `words` are known (Arabic names' words are joined as they are).
    public static func key(words: [String], arabic: Bool) -> String {
        if arabic { return words.joined() }
        // On bytes, in two buffers used in turn: the airfield table's 5,500 rows are keyed at
        // once, and a String per step was most of that.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(48)
        for w in words {
            let start = bytes.count
            bytes.append(contentsOf: w.utf8)
            // Word-final h after a vowel is silent in most romanisations: Hasakah = Hasaka,
            // Raqqah = Raqqa. (Four characters or more; a UTF-8 byte before the h that is not
            // ASCII is never one of the vowels.)
            let n = bytes.count - start
            if n > 3, bytes[bytes.count - 1] == 104, isVowel(bytes[bytes.count - 2]), w.count > 3 { bytes.removeLast() }
        }
        var scratch: [UInt8] = []
        scratch.reserveCapacity(bytes.count + 8)
        for (a, b) in folds { replaceAll(&bytes, a, b, scratch: &scratch) }
        // Doubled letters: Assad = Asad.
        var kept = 0
        for i in bytes.indices where kept == 0 || bytes[kept - 1] != bytes[i] {
            bytes[kept] = bytes[i]
            kept += 1
        }
        return String(decoding: bytes[0..<kept], as: UTF8.self)
    }

    private static func isVowel(_ c: UInt8) -> Bool { c == 97 || c == 101 || c == 105 || c == 111 || c == 117 }

    /// Applied in order: transliteration variants onto one spelling.
    private static let folds: [([UInt8], [UInt8])] = [
        ("ayn", "ain"), ("ey", "ai"), ("ay", "ai"), ("ei", "ai"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
        ("kh", "k"), ("q", "k"), ("dh", "d"), ("th", "t"), ("gh", "g"), ("sh", "s"), ("ck", "k"),
        ("w", "u"), ("y", "i"), ("e", "a"), ("o", "u"), ("z", "s"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Replaces every occurrence of `a` with `b`, left to right, like `replacingOccurrences`;
    /// `scratch` is the second buffer (its contents are not kept).
    private static func replaceAll(_ s: inout [UInt8], _ a: [UInt8], _ b: [UInt8], scratch: inout [UInt8]) {
        guard s.count >= a.count, let first = a.first, let at = s.firstIndex(of: first) else { return }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: s[0..<at])
        var i = at
        var changed = false
        while i < s.count {
            if s[i] == first && i + a.count <= s.count && s[i..<(i + a.count)].elementsEqual(a) {
                scratch.append(contentsOf: b)
                i += a.count
                changed = true
            } else {
                scratch.append(s[i])
                i += 1
            }
        }
        if changed { swap(&s, &scratch) }
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
        var rows = DistanceRows()
        return distance(a, b, rows: &rows)
    }

    /// The two rows of the edit-distance table, kept by a caller that measures one query against
    /// thousands of names: a fuzzy search allocated two arrays per name, most of its time.
    public struct DistanceRows {
        var prev: [Int] = [], cur: [Int] = []
        public init() {}
    }

    public static func distance(_ a: [Character], _ b: [Character], rows: inout DistanceRows) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let n = b.count + 1
        if rows.prev.count < n {
            rows.prev = [Int](repeating: 0, count: n)
            rows.cur = rows.prev
        }
        return rows.prev.withUnsafeMutableBufferPointer { p in
            rows.cur.withUnsafeMutableBufferPointer { c in
                var prev = p, cur = c
                for j in 0..<n { prev[j] = j }
                for i in 1...a.count {
                    cur[0] = i
                    let ai = a[i - 1]
                    for j in 1..<n {
                        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai == b[j - 1] ? 0 : 1))
                    }
                    swap(&prev, &cur)
                }
                return prev[n - 1]
            }
        }
    }
}
