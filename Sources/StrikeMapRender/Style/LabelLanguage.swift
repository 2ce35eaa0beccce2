import Foundation
import StrikeMapGeo

/// Place labels in English (`en`), in a language of the region (`ar`, `fa`, `ckb`, `ku`, `he`,
/// `tr`, `ru`, `uk`: names from GeoNames, English where none is known), or both, English over
/// the other (`en+fa`).
public struct LabelLanguage: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// The other language, nil for English alone.
    public let language: String?
    /// Whether English is shown too (above the other).
    public let withEnglish: Bool

    public init?(rawValue: String) {
        let v = rawValue.trimmingCharacters(in: .whitespaces).lowercased()
        if v == "en" { self.rawValue = v; language = nil; withEnglish = true; return }
        let both = v.hasPrefix("en+")
        let lang = both ? String(v.dropFirst(3)) : v
        guard PlaceNames.languages.contains(lang) else { return nil }
        self.rawValue = v; language = lang; withEnglish = both
    }

    public static let en = LabelLanguage(rawValue: "en")!
    public static let ar = LabelLanguage(rawValue: "ar")!
    public static let enAr = LabelLanguage(rawValue: "en+ar")!

    /// Every value `--labels` takes.
    public static var allValues: [String] { ["en"] + PlaceNames.languages + PlaceNames.languages.map { "en+\($0)" } }

    public var description: String { rawValue }

    /// Arabic script is cursive (and Kurmanji names come in it too), Hebrew is not spaced: letter
    /// spacing only for English, Turkish and Cyrillic labels.
    public var spacesLetters: Bool { language == nil || ["tr", "ru", "uk"].contains(language!) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let v = LabelLanguage(rawValue: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription:
                "'\(s)' is not a label language; use en, one of \(PlaceNames.languages.joined(separator: " ")), or en+ one of them (en+fa)")
        }
        self = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
