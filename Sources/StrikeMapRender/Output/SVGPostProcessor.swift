import Foundation

/// Finishes an SVG written by cairo: adds `<title>` and `<desc>`, and the map's text as real
/// `<text>` elements (cairo 1.16 can only write glyph outlines, which nobody can edit or select).
enum SVGPostProcessor {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Characters XML 1.0 does not allow (controls other than tab, newline and return;
                // U+FFFE and U+FFFF) become U+FFFD, so a stray byte in the data cannot make the
                // file unreadable, and the reader sees that something was there.
                if (c.value < 0x20 && c != "\t" && c != "\n" && c != "\r") || c.value == 0xFFFE || c.value == 0xFFFF {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    static func hex(_ c: Color) -> String { c.description }

    /// cairo numbers clip paths, surfaces, patterns and glyphs with counters that live for the
    /// whole process, so the same map drawn twice (or frames drawn on several threads) would get
    /// different ids. Renumbering them in order of first appearance makes the file depend on the
    /// map alone.
    static func renumberIDs(_ svg: String) -> String {
        let prefixes: [[UInt8]] = ["clip", "surface", "pattern", "mask", "image", "glyph", "source", "filter"].map { Array($0.utf8) }
        let bytes = Array(svg.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var mapping: [[UInt8]: Int] = [:]
        var next: [Int: Int] = [:]
        func isWord(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        var i = 0
        let n = bytes.count
        scan: while i < n {
            let c = bytes[i]
            // A candidate starts a word: one of the prefixes followed directly by digits.
            if (c == 99 || c == 115 || c == 112 || c == 109 || c == 105 || c == 103 || c == 102) && (i == 0 || !isWord(bytes[i - 1])) {
                for (k, p) in prefixes.enumerated() where i + p.count < n && bytes[i] == p[0] {
                    var match = true
                    for j in 1..<p.count where bytes[i + j] != p[j] { match = false; break }
                    guard match else { continue }
                    var e = i + p.count
                    while e < n && bytes[e] >= 48 && bytes[e] <= 57 { e += 1 }
                    guard e > i + p.count, e >= n || !isWord(bytes[e]) else { continue }
                    let key = Array(bytes[i..<e])
                    let number: Int
                    if let known = mapping[key] { number = known } else {
                        number = next[k, default: 0]
                        next[k] = number + 1
                        mapping[key] = number
                    }
                    out.append(contentsOf: p)
                    out.append(contentsOf: Array(String(number).utf8))
                    i = e
                    continue scan
                }
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func finish(_ data: Data, title: String, description: String, runs: [TextRun], scale: Double) throws(RenderError) -> Data {
        var svg = String(decoding: data, as: UTF8.self)
        // Cairo's own ids first, before any text of the map's is added: a label that happens to
        // read "clip77" is the data's, not an id.
        svg = renumberIDs(svg)
        guard let open = svg.range(of: "<svg"), let openEnd = svg.range(of: ">", range: open.upperBound..<svg.endIndex),
              let close = svg.range(of: "</svg>", options: .backwards) else {
            throw RenderError.cairo(operation: "SVG output", status: "cairo wrote an SVG without an <svg> element")
        }
        var text = ""
        if !runs.isEmpty {
            text += String(format: "<g id=\"text\" transform=\"scale(%.6f)\">\n", scale)
            for r in runs {
                var attrs = String(format: "x=\"%.2f\" y=\"%.2f\"", r.rightToLeft ? r.x + r.width : r.x, r.baseline)
                attrs += " font-family=\"\(escape(r.family))\""
                attrs += String(format: " font-size=\"%.2f\"", r.size)
                if r.bold { attrs += " font-weight=\"bold\"" }
                if r.italic { attrs += " font-style=\"italic\"" }
                if r.letterSpacing != 0 { attrs += String(format: " letter-spacing=\"%.2f\"", r.letterSpacing) }
                if r.rightToLeft { attrs += " direction=\"rtl\" text-anchor=\"start\"" }
                attrs += " fill=\"\(hex(r.color))\""
                if r.color.a < 1 { attrs += String(format: " fill-opacity=\"%.3f\"", r.color.a) }
                if let h = r.halo {
                    attrs += " stroke=\"\(hex(h))\"" + String(format: " stroke-width=\"%.2f\"", r.haloWidth * 2)
                    if h.a < 1 { attrs += String(format: " stroke-opacity=\"%.3f\"", h.a) }
                    attrs += " stroke-linejoin=\"round\" paint-order=\"stroke\""
                }
                text += "<text \(attrs) xml:space=\"preserve\">\(escape(r.text))</text>\n"
            }
            text += "</g>\n"
        }
        svg.replaceSubrange(close, with: text + "</svg>")
        let meta = "\n<title>\(escape(title))</title>\n<desc>\(escape(description))</desc>"
        svg.insert(contentsOf: meta, at: openEnd.upperBound)
        return Data(svg.utf8)
    }
}
