import Foundation

/// Text from the data, made safe for every output: characters no format may hold (C0 controls
/// other than tab and newline, U+FFFE, U+FFFF) become U+FFFD. Cairo refuses them in a PDF and
/// XML in an SVG; a reader of the map sees that something was there.
enum OutputText {
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isForbidden) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars { out.append(isForbidden(c) ? "\u{FFFD}" : c) }
        return String(out)
    }

    static func isForbidden(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t" && c != "\n") || c.value == 0x7F || c.value == 0xFFFE || c.value == 0xFFFF
    }
}
