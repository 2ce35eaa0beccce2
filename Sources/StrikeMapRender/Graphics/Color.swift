import Foundation

/// An sRGB colour with alpha, 0...1 per channel.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    public var r: Double, g: Double, b: Double, a: Double

    public init(r: Double, g: Double, b: Double, a: Double = 1) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }

    /// "#RRGGBB" or "#RRGGBBAA".
    public init?(hex: String) {
        var s = hex.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("#") { s.removeFirst() }
        guard s.count == 6 || s.count == 8, let v = UInt64(s, radix: 16) else { return nil }
        if s.count == 6 {
            self.init(r: Double((v >> 16) & 0xFF) / 255, g: Double((v >> 8) & 0xFF) / 255, b: Double(v & 0xFF) / 255)
        } else {
            self.init(r: Double((v >> 24) & 0xFF) / 255, g: Double((v >> 16) & 0xFF) / 255,
                      b: Double((v >> 8) & 0xFF) / 255, a: Double(v & 0xFF) / 255)
        }
    }

    public static func hex(_ s: String) -> Color { Color(hex: s)! }

    public func with(alpha: Double) -> Color { Color(r: r, g: g, b: b, a: alpha) }

    /// Rec. 709 luma, 0...1: what the colour becomes in grayscale print.
    public var luminance: Double { 0.2126 * r + 0.7152 * g + 0.0722 * b }

    public var description: String {
        String(format: "#%02X%02X%02X", Int((r * 255).rounded()), Int((g * 255).rounded()), Int((b * 255).rounded()))
    }

    public static let white = Color(r: 1, g: 1, b: 1)
    public static let black = Color(r: 0, g: 0, b: 0)
}

/// Colours are written and read as "#RRGGBB" or "#RRGGBBAA" in style files.
extension Color: Codable {
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let c = Color(hex: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(s)' is not a colour; use #RRGGBB or #RRGGBBAA"))
        }
        self = c
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if a < 1 {
            try c.encode(description + String(format: "%02X", Int((a * 255).rounded())))
        } else {
            try c.encode(description)
        }
    }
}
