/// JSON text laid out as Foundation's JSONSerialization lays it out with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` on Linux (two-space indent, `" : "`, an empty
/// array as `[`, a blank line, `]`), so the output of `events --format json` and the service's
/// event lists is the same text as before, byte for byte. Written by hand because
/// JSONSerialization boxed every value: 10,000 events took 3.3 s to write, their CSV 0.4 s.
enum PrettyJSON {
    indirect enum Value {
        case string(String)
        case int(Int)
        case double(Double)
        case null
        case array([Value])
        /// Keys are written in sorted order, whatever order they are given in.
        case object([(String, Value)])
    }

    static func string(_ value: Value) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: Value, indent: Int, into out: inout String) {
        switch value {
        case .string(let s): quote(s, into: &out)
        case .int(let n): out += String(n)
        case .double(let d): out += number(d)
        case .null: out += "null"
        case .array(let items):
            out += "[\n"
            if items.isEmpty {
                out += "\n"
            } else {
                for (i, item) in items.enumerated() {
                    pad(indent + 1, into: &out)
                    write(item, indent: indent + 1, into: &out)
                    out += i == items.count - 1 ? "\n" : ",\n"
                }
            }
            pad(indent, into: &out)
            out += "]"
        case .object(let members):
            out += "{\n"
            let sorted = members.sorted { $0.0 < $1.0 }
            if sorted.isEmpty { out += "\n" }
            for (i, (key, item)) in sorted.enumerated() {
                pad(indent + 1, into: &out)
                quote(key, into: &out)
                out += " : "
                write(item, indent: indent + 1, into: &out)
                out += i == sorted.count - 1 ? "\n" : ",\n"
            }
            pad(indent, into: &out)
            out += "}"
        }
    }

    private static func pad(_ level: Int, into out: inout String) {
        for _ in 0..<level { out += "  " }
    }

    /// A finite number as Foundation writes it: Swift's shortest form, less a trailing ".0".
    static func number(_ d: Double) -> String {
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// A string in quotes: `"` and `\` escaped, the C0 controls as `\n`, `\t`… or `\u00XX`;
    /// everything else (slashes, non-ASCII) as it is.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        var plainFrom = s.unicodeScalars.startIndex
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let c = scalars[i]
            let escaped: String?
            switch c {
            case "\"": escaped = "\\\""
            case "\\": escaped = "\\\\"
            case "\n": escaped = "\\n"
            case "\r": escaped = "\\r"
            case "\t": escaped = "\\t"
            case "\u{08}": escaped = "\\b"
            case "\u{0C}": escaped = "\\f"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    escaped = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped = nil
                }
            }
            if let escaped {
                // Appended as a slice of the string (its indices are the scalars'): appending to
                // `unicodeScalars` copied the whole output each time.
                out += s[plainFrom..<i]
                out += escaped
                plainFrom = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out += s[plainFrom..<s.endIndex]
        out += "\""
    }
}
