import Foundation
import StrikeMapCore

/// What is wrong with a density view's settings, in the document's terms; the CLI words them as flags.
public enum DensityError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownRamp(String, known: [String])
    case badClasses(String)
    case badLength(what: String, String)
    case byLayer(String)

    public var description: String {
        switch self {
        case let .unknownRamp(s, known):
            return "unknown colour ramp '\(s)'; known: \(known.joined(separator: ", ")) (add -r to reverse one, e.g. viridis-r)"
        case .badClasses(let s):
            return "classes '\(s)': use auto, quantile, jenks, equal or headtail, optionally with a number of classes from 2 to 9, e.g. quantile:5 or jenks:6"
        case let .badLength(what, s):
            return "\(what) '\(s)': a positive length with a unit, e.g. 4mm, 0.5cm or 10km"
        case .byLayer(let s):
            return s
        }
    }
}

/// A setting written as one short text in documents and on the command line ("jenks:6",
/// "viridis-r"): decoded through its parser, so a document gets the parser's own message.
public protocol TextSetting: Codable, CustomStringConvertible {
    init(_ text: String) throws(DensityError)
}

extension TextSetting {
    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(s) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension DensityError: StrikeMapError {
    public var category: FailureCategory { .usage }
}
