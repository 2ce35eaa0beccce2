import Foundation

/// The Unicode bidirectional formatting characters.
public enum BidiText {
    /// `s` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, with its own isolates
    /// balanced: a PDI in the value that closes nothing of its own is dropped (it would close our
    /// FSI early and let an override after it run on into the rest of the line), and isolates it
    /// leaves open are closed. The final PDI then ends every embedding and override begun inside
    /// (UAX #9, rule X6a).
    public static func isolated(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\u{2068}")
        var open = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x2066...0x2068:
                open += 1
                out.append(u)
            case 0x2069:
                guard open > 0 else { continue }
                open -= 1
                out.append(u)
            default:
                out.append(u)
            }
        }
        for _ in 0..<open { out.append("\u{2069}") }
        out.append("\u{2069}")
        return String(out)
    }

    /// Whether `s` holds an embedding, override or isolate control (U+202A–U+202E,
    /// U+2066–U+2069) or a direction mark (U+200E, U+200F, U+061C). Their UTF-8 forms start with
    /// 0xE2 or 0xD8: text without those bytes (all ASCII, most Arabic) is passed over in one scan.
    public static func hasControls(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b -> Bool in
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i < b.count {
                guard let hit = memchr(base + i, 0xE2, b.count - i) else { break }
                let k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if k + 2 < b.count {
                    let b1 = b[k + 1], b2 = b[k + 2]
                    if b1 == 0x80 && ((0xAA...0xAE).contains(b2) || b2 == 0x8E || b2 == 0x8F) { return true }
                    if b1 == 0x81 && (0xA6...0xA9).contains(b2) { return true }
                }
                i = k + 1
            }
            // U+061C ARABIC LETTER MARK is D8 9C.
            i = 0
            while i < b.count {
                guard let hit = memchr(base + i, 0xD8, b.count - i) else { break }
                let k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if k + 1 < b.count && b[k + 1] == 0x9C { return true }
                i = k + 1
            }
            return false
        }
    }
}
