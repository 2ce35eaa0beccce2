import Foundation
import StrikeMapCore

/// Reads a document object's keys with defaults for the ones left out, and refuses keys it does
/// not know, so that a typo (`widht`) is an error naming its path instead of a silent default.
struct DocumentReader<K: CodingKey & CaseIterable> {
    let c: KeyedDecodingContainer<K>

    init(_ decoder: Decoder, alsoAllowed extra: [String] = []) throws {
        let allowed = K.allCases.map(\.stringValue) + extra
        let any = try decoder.container(keyedBy: AnyKey.self)
        for key in any.allKeys where !allowed.contains(key.stringValue) {
            let near = allowed.min { NameDistance.of(key.stringValue, $0) < NameDistance.of(key.stringValue, $1) } ?? ""
            let hint = NameDistance.of(key.stringValue, near) <= max(2, near.count / 3) ? "; did you mean '\(near)'" : ""
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key],
                debugDescription: "unknown key\(hint) (known: \(allowed.sorted().joined(separator: ", ")))"))
        }
        c = try decoder.container(keyedBy: K.self)
    }

    func callAsFunction<T: Decodable>(_ key: K, _ fallback: T) throws -> T {
        try c.decodeIfPresent(T.self, forKey: key) ?? fallback
    }

    func optional<T: Decodable>(_ key: K) throws -> T? {
        try c.decodeIfPresent(T.self, forKey: key)
    }

    func required<T: Decodable>(_ key: K) throws -> T {
        try c.decode(T.self, forKey: key)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
    init(_ s: String) { stringValue = s }
}

/// What is wrong with a map document, at which key: `layers[3].symbolizers[0].width: expected a number`.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    /// Where the document came from (a path, or "standard input").
    public var source: String
    /// The key path, e.g. `layers[3].symbolizers[0].width`; empty for the whole document.
    public var keyPath: String
    public var message: String

    public init(source: String, keyPath: String, message: String) {
        self.source = source
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        "\(source): \(keyPath.isEmpty ? "" : keyPath + ": ")\(message)"
    }

    static func path(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for k in codingPath {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    /// Words a decoder's error in the document's terms.
    static func from(_ error: Error, source: String) -> DocumentError {
        func typeName(_ t: Any.Type) -> String {
            if t == Double.self || t == Int.self { return "a number" }
            if t == Bool.self { return "true or false" }
            if t == String.self { return "text" }
            let name = String(describing: t)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a \(name)"
        }
        switch error {
        case let DecodingError.typeMismatch(type, ctx):
            // Our own value types say what they expect in the description.
            let message = ctx.debugDescription.hasPrefix("expected") ? ctx.debugDescription : "expected \(typeName(type))"
            return DocumentError(source: source, keyPath: path(ctx.codingPath), message: message)
        case let DecodingError.valueNotFound(type, ctx):
            return DocumentError(source: source, keyPath: path(ctx.codingPath), message: "expected \(typeName(type)), found null")
        case let DecodingError.keyNotFound(key, ctx):
            return DocumentError(source: source, keyPath: path(ctx.codingPath + [key]), message: "required key is missing")
        case let DecodingError.dataCorrupted(ctx):
            var message = ctx.debugDescription
            if let underlying = ctx.underlyingError as NSError?, message.contains("not valid JSON") || message.isEmpty {
                message = "not valid JSON: \(underlying.userInfo[NSDebugDescriptionErrorKey] as? String ?? underlying.localizedDescription)"
            }
            return DocumentError(source: source, keyPath: path(ctx.codingPath), message: message)
        case var e as DocumentError:
            // Errors raised while reading the text (its size, its YAML) do not know the file.
            if e.source.isEmpty { e.source = source }
            return e
        default:
            return DocumentError(source: source, keyPath: "", message: "\(error)")
        }
    }
}

extension DocumentError: StrikeMapError {
    public var category: FailureCategory { .badInput }
}
