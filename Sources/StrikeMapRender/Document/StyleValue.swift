import Foundation

/// A value in a map document that is either written out or taken from the theme: `"#D55E00"` or
/// `"@attack"` for a colour, `0.7` or `"@riverWidth"` (also `"@riverWidth*1.5"`) for a size,
/// `true` or `"@showRivers"` for a switch. References keep a document short and let a theme or a
/// style file restyle every layer at once, as CartoCSS variables do.
public enum StyleValue<Value: StyleValueType>: Sendable, Equatable, Codable {
    case literal(Value)
    /// A key of `MapStyle`, times a factor (1 unless written `@key*factor`).
    case reference(key: String, factor: Double)

    public func resolve(_ style: MapStyle) -> Value {
        switch self {
        case .literal(let v): return v
        case let .reference(key, factor):
            // Checked when the document was decoded, so the key exists and has the right type.
            guard let v = style.value(forKey: key) as? Value else { return Value.fallback }
            return v.scaled(by: factor)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self), s.hasPrefix("@") {
            var key = String(s.dropFirst())
            var factor = 1.0
            if let star = key.firstIndex(of: "*") {
                guard Value.scalable, let f = Double(key[key.index(after: star)...].trimmingCharacters(in: .whitespaces)),
                      f.isFinite, f >= 0 else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription:
                        "'\(s)': a factor is written @key*number, and only sizes take one")
                }
                factor = f
                key = String(key[..<star]).trimmingCharacters(in: .whitespaces)
            }
            guard MapStyle.house.value(forKey: key) is Value else {
                let known = MapStyle.keys(of: Value.self)
                let near = known.min { NameDistance.of(key, $0) < NameDistance.of(key, $1) } ?? ""
                throw DecodingError.dataCorruptedError(in: c, debugDescription:
                    MapStyle.house.value(forKey: key) == nil
                        ? "'@\(key)' is not a style key; did you mean '@\(near)'"
                        : "'@\(key)' is not \(Value.typeName)")
            }
            self = .reference(key: key, factor: factor)
            return
        }
        self = .literal(try Value.decodeLiteral(c))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .literal(let v): try v.encodeLiteral(&c)
        case let .reference(key, factor):
            try c.encode(factor == 1 ? "@\(key)" : "@\(key)*\(Self.number(factor))")
        }
    }

    static func number(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
}

/// The kinds of values a `StyleValue` can hold: colours, sizes and switches.
public protocol StyleValueType: Sendable, Equatable {
    static var typeName: String { get }
    static var scalable: Bool { get }
    static var fallback: Self { get }
    static func decodeLiteral(_ c: SingleValueDecodingContainer) throws -> Self
    func encodeLiteral(_ c: inout SingleValueEncodingContainer) throws
    func scaled(by factor: Double) -> Self
}

extension Color: StyleValueType {
    public static let typeName = "a colour"
    public static let scalable = false
    public static let fallback = Color.hex("#FF00FF")
    public static func decodeLiteral(_ c: SingleValueDecodingContainer) throws -> Color {
        guard let s = try? c.decode(String.self) else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath,
                debugDescription: "expected a colour (#RRGGBB, #RRGGBBAA or @styleKey)"))
        }
        guard let color = Color(hex: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not a colour; use #RRGGBB, #RRGGBBAA or @styleKey")
        }
        return color
    }
    public func encodeLiteral(_ c: inout SingleValueEncodingContainer) throws { try c.encode(self) }
    public func scaled(by factor: Double) -> Color { self }
}

extension Double: StyleValueType {
    public static let typeName = "a number"
    public static let scalable = true
    public static let fallback = 1.0
    public static func decodeLiteral(_ c: SingleValueDecodingContainer) throws -> Double {
        guard let d = try? c.decode(Double.self) else {
            throw DecodingError.typeMismatch(Double.self, .init(codingPath: c.codingPath,
                debugDescription: "expected a number (or @styleKey)"))
        }
        guard d.isFinite, d >= 0, d <= 1000 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(d) is out of range; use 0 to 1000 points")
        }
        return d
    }
    public func encodeLiteral(_ c: inout SingleValueEncodingContainer) throws { try c.encode(self) }
    public func scaled(by factor: Double) -> Double { self * factor }
}

extension Bool: StyleValueType {
    public static let typeName = "true or false"
    public static let scalable = false
    public static let fallback = true
    public static func decodeLiteral(_ c: SingleValueDecodingContainer) throws -> Bool {
        guard let b = try? c.decode(Bool.self) else {
            throw DecodingError.typeMismatch(Bool.self, .init(codingPath: c.codingPath,
                debugDescription: "expected true or false (or @styleKey)"))
        }
        return b
    }
    public func encodeLiteral(_ c: inout SingleValueEncodingContainer) throws { try c.encode(self) }
    public func scaled(by factor: Double) -> Bool { self }
}

public typealias ColorValue = StyleValue<Color>
public typealias SizeValue = StyleValue<Double>
public typealias SwitchValue = StyleValue<Bool>

extension StyleValue: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral,
                      ExpressibleByExtendedGraphemeClusterLiteral {
    /// `"@key"` or `"@key*1.5"` in code: the standard layers are written the way a user writes them.
    public init(stringLiteral s: String) {
        precondition(s.hasPrefix("@"), "a style reference starts with @")
        let body = s.dropFirst()
        if let star = body.firstIndex(of: "*") {
            self = .reference(key: String(body[..<star]), factor: Double(body[body.index(after: star)...])!)
        } else {
            self = .reference(key: String(body), factor: 1)
        }
    }
}

extension MapStyle {
    /// A style key's current value, for `@key` references.
    public func value(forKey key: String) -> Any? {
        Mirror(reflecting: self).children.first { $0.label == key }?.value
    }

    /// The keys holding values of one type (for suggestions).
    static func keys<T>(of type: T.Type) -> [String] {
        Mirror(reflecting: MapStyle.house).children.compactMap { $0.value is T ? $0.label : nil }
    }
}
