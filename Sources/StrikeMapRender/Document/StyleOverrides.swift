import Foundation
import Yams

/// Style keys laid over a theme, as a document or a style file gives them: `{"sea": "#CFE3EE",
/// "showRivers": false, "siteLabelSize": 8}`. Checked against `MapStyle` when read.
public struct StyleOverrides: Codable, Sendable, Equatable {
    public enum Value: Codable, Sendable, Equatable {
        case bool(Bool), number(Double), text(String)

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else {
                throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath,
                    debugDescription: "expected a colour, a font, a number or true/false"))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .bool(let b): try c.encode(b)
            case .number(let d): try c.encode(d)
            case .text(let s): try c.encode(s)
            }
        }

        var any: Any {
            switch self { case .bool(let b): return b; case .number(let d): return d; case .text(let s): return s }
        }
    }

    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public init(from decoder: Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: Value].self)
        // Checked now, so a bad key is reported at its place in the document.
        do { _ = try MapStyle.house.applying(self, keyPath: "") } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey(error.keyPath)],
                                                    debugDescription: error.message))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }

    /// Later keys win.
    public func merged(with other: StyleOverrides) -> StyleOverrides {
        StyleOverrides(values.merging(other.values) { $1 })
    }

    /// Reads a style file: a JSON or YAML object of style keys.
    public static func load(path: String) throws -> StyleOverrides {
        // A style is a few keys: a FIFO would block the run, a device would read without end.
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw StyleFileError.unreadable(path: path, message: "not a regular file (a FIFO, device or folder); save the style to a file")
            }
            guard st.st_size <= 1 << 20 else {
                throw StyleFileError.unreadable(path: path, message: "larger than 1 MiB; a style file is a few keys")
            }
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StyleFileError.unreadable(path: path, message: error.localizedDescription)
        }
        let text = String(decoding: data, as: UTF8.self)
        let first = text.unicodeScalars.first { !CharacterSet.whitespacesAndNewlines.contains($0) }
        do {
            let values: [String: Value]
            if first == "{" { values = try JSONDecoder().decode([String: Value].self, from: data) }
            else { values = try YAMLReading.decode([String: Value].self, from: text) }
            let o = StyleOverrides(values)
            _ = try MapStyle.house.applying(o, keyPath: "")
            return o
        } catch let e as DocumentError {
            throw StyleFileError.invalid(path: path, key: e.keyPath, message: e.message)
        } catch {
            let e = DocumentError.from(error, source: path)
            throw StyleFileError.invalid(path: path, key: e.keyPath,
                                         message: e.keyPath.isEmpty ? "not a JSON or YAML object of style keys (\(e.message))" : e.message)
        }
    }
}

extension MapStyle {
    /// The style with `overrides` laid over it. Unknown keys and wrong types are errors naming the key.
    public func applying(_ overrides: StyleOverrides, keyPath: String) throws(DocumentError) -> MapStyle {
        guard !overrides.values.isEmpty else { return self }
        let base: [String: Any]
        do { base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(self)) as? [String: Any] ?? [:] } catch {
            return self
        }
        var merged = base
        func at(_ k: String) -> String { keyPath.isEmpty ? k : keyPath + "." + k }
        for (k, v) in overrides.values.sorted(by: { $0.key < $1.key }) {
            guard base[k] != nil else {
                let near = base.keys.min { NameDistance.of(k, $0) < NameDistance.of(k, $1) } ?? ""
                throw DocumentError(source: "", keyPath: at(k), message: "unknown key; did you mean '\(near)'")
            }
            merged[k] = v.any
        }
        do {
            let s = try JSONDecoder().decode(MapStyle.self, from: JSONSerialization.data(withJSONObject: merged))
            try s.checkRanges()
            return s
        } catch let e as DocumentError {
            throw DocumentError(source: "", keyPath: at(e.keyPath), message: e.message)
        } catch {
            let e = DocumentError.from(error, source: "")
            throw DocumentError(source: "", keyPath: at(e.keyPath), message: e.message)
        }
    }

    /// Sizes a map can be drawn with: type from 1 to 200 points, lines and markers up to 100.
    func checkRanges() throws(DocumentError) {
        let sizes: [(String, Double, ClosedRange<Double>)] = [
            ("titleSize", titleSize, 1...200), ("subtitleSize", subtitleSize, 1...200), ("footerSize", footerSize, 1...200),
            ("siteLabelSize", siteLabelSize, 1...200), ("cityLabelSize", cityLabelSize, 1...200),
            ("capitalLabelSize", capitalLabelSize, 1...200), ("provinceLabelSize", provinceLabelSize, 1...200),
            ("countryLabelSize", countryLabelSize, 1...200), ("legendSize", legendSize, 1...200), ("countSize", countSize, 1...200),
            ("borderWidth", borderWidth, 0...100), ("provinceWidth", provinceWidth, 0...100), ("riverWidth", riverWidth, 0...100),
            ("coastWidth", coastWidth, 0...100), ("markerRadius", markerRadius, 0.5...100), ("markerMaxRadius", markerMaxRadius, 0.5...100),
            ("margin", margin, 0...500),
        ]
        guard (0...1).contains(reliefStrength) else {
            throw DocumentError(source: "", keyPath: "reliefStrength", message: "\(reliefStrength) is out of range; use 0 (no shading) to 1")
        }
        for (k, v, range) in sizes where !range.contains(v) {
            throw DocumentError(source: "", keyPath: k, message: "\(v) is out of range; use \(range.lowerBound.formatted()) to \(range.upperBound.formatted()) points")
        }
    }
}

/// YAML through Yams, decoded with the same Codable types as JSON, so both give the same
/// documents and the same key-path errors.
///
/// Bounded before any work grows with it: YAML's anchors let a 64 KB document reuse one list in
/// every layer, expanding to millions of values (33 s of CPU for one request), and nesting is
/// read by recursion (60,000 nested brackets overflowed the stack). A document is refused past
/// `maxNesting` levels (scanned in the text, before the parser recurses) or `maxNodes` values
/// once its aliases are expanded (counted without expanding them all: the count stops there).
enum YAMLReading {
    static let maxNesting = 64
    static let maxNodes = 100_000

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try checkNesting(text)
        do {
            // As YAMLDecoder.decode(from: String) does, with the node counted in between; the
            // parser holds the anchors the nodes refer to, so it lives until decoding ends.
            let parser = try Parser(yaml: text, resolver: Resolver.basic.appending(.merge), encoding: .default)
            return try withExtendedLifetime(parser) {
                let node = try parser.singleRoot() ?? ""
                try checkSize(node)
                return try YAMLDecoder().decode(type, from: node)
            }
        } catch let e as YamlError {
            throw DocumentError(source: "", keyPath: "", message: "not valid YAML: \(e)")
        }
    }

    /// Refuses text nested deeper than `maxNesting`: brackets and braces outside quotes, block
    /// indentation, and the `- ` and `? ` that open a nested item on one line. An over-count is
    /// harmless (real documents nest a dozen levels); what matters is that no text deeper than
    /// the limit reaches the parser.
    static func checkNesting(_ text: String) throws {
        var flow = 0, line = 1
        var quote: UInt8? = nil
        var atLineStart = true, indent = 0, markers = 0, comment = false
        var previous: UInt8 = 0
        func check() throws {
            // Two spaces of indentation a level, as documents are written; one would be counted
            // as one, which the limit's margin allows for.
            if flow + indent / 2 + markers > maxNesting {
                throw DocumentError(source: "", keyPath: "", message: "line \(line): the document nests more than \(maxNesting) levels deep; no map needs that many (is it generated in a loop?)")
            }
        }
        for c in text.utf8 {
            if c == UInt8(ascii: "\n") {
                try check()
                line += 1; atLineStart = true; indent = 0; markers = 0; comment = false
                // Quotes end with the line: a stray one in a plain value (5" gun) must not hide
                // the brackets after it. A quoted text over several lines is then over-counted,
                // which is harmless.
                quote = nil
                previous = c
                continue
            }
            if comment { continue }
            if atLineStart {
                if c == UInt8(ascii: " ") { indent += 1; previous = c; continue }
                if (c == UInt8(ascii: "-") || c == UInt8(ascii: "?")) { markers += 1; previous = c; continue }
                atLineStart = false
            }
            if let q = quote {
                if c == q && previous != UInt8(ascii: "\\") { quote = nil }
            } else {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = c
                case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\n") || previous == 0: comment = true
                case UInt8(ascii: "["), UInt8(ascii: "{"): flow += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
                default: break
                }
            }
            try check()
            previous = c
        }
        try check()
    }

    /// Refuses a node tree of more than `maxNodes` values, aliases counted each time they are
    /// used. Iterative, and it stops at the limit, so a tree of a billion expanded values costs
    /// no more than one at the limit.
    static func checkSize(_ root: Node) throws {
        var stack: [Node] = [root]
        var count = 0
        while let node = stack.popLast() {
            count += 1
            if count > maxNodes {
                throw DocumentError(source: "", keyPath: "", message: "the document holds more than \(maxNodes.formatted()) values once its aliases (*name) are expanded; reuse fewer lists, or write the layers out")
            }
            switch node {
            case .mapping(let m): for (k, v) in m { stack.append(k); stack.append(v) }
            case .sequence(let s): stack.append(contentsOf: s)
            case .scalar, .alias: break
            }
        }
    }
}
