import Foundation
import StrikeMapEvents

/// What a density view counts: events, or the deaths they report (ACLED's fatalities; `killed`
/// in StrikeMap's CSV and GeoJSON).
public enum DensityWeight: String, Sendable, Codable, CaseIterable {
    case count, fatalities

    func value(_ e: Event) -> Double {
        switch self {
        case .count: return 1
        case .fatalities: return Double(min(1_000_000, max(0, e.killed ?? 0)))
        }
    }

    /// The noun of the legend heading: "Events", "Reported deaths".
    var heading: String { self == .count ? "Events" : "Reported deaths" }

    /// The heading for these events: deaths say which estimate they are where the source gives
    /// several (UCDP's low, best and high): "Reported deaths (best estimate)".
    func heading(_ events: [Event]) -> String {
        guard self == .fatalities, events.contains(where: { $0.uncertainty.killedLow != nil || $0.uncertainty.killedHigh != nil }) else {
            return heading
        }
        return "Reported deaths (best estimate)"
    }
}

/// The colour encoding every density view shares: what is counted, how the values are classed,
/// the ramp and how opaque the colour is over the basemap.
struct DensityEncoding: Sendable, Equatable {
    var weight: DensityWeight = .count
    var classes = ClassScheme()
    /// Default: ylorrd on light pages, viridis on dark ones, greys in black and white.
    var ramp: ColorRamp?
    var opacity = 0.85

    func resolvedRamp(_ style: MapStyle) -> ColorRamp {
        if let ramp { return ramp }
        if style.monochromeMarkers { return try! ColorRamp("greys") }
        return try! ColorRamp(style.paper.luminance < 0.4 ? "viridis" : "ylorrd")
    }
}

/// The density views' keys shared by every density layer type, read and written alike.
enum DensityKeys: String, CodingKey, CaseIterable {
    case weight, classes, ramp, opacity
    static var names: [String] { allCases.map(\.stringValue) }
}

extension DensityEncoding {
    /// Reads the shared keys; the layer type's own reader checks for unknown keys.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: DensityKeys.self)
        weight = try c.decodeIfPresent(DensityWeight.self, forKey: .weight) ?? .count
        classes = try c.decodeIfPresent(ClassScheme.self, forKey: .classes) ?? ClassScheme()
        ramp = try c.decodeIfPresent(ColorRamp.self, forKey: .ramp)
        opacity = try c.decodeIfPresent(Double.self, forKey: .opacity) ?? 0.85
        guard opacity > 0 && opacity <= 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [DensityKeys.opacity],
                debugDescription: "opacity is a number above 0 and at most 1, e.g. 0.85"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: DensityKeys.self)
        if weight != .count { try c.encode(weight, forKey: .weight) }
        if classes != ClassScheme() { try c.encode(classes, forKey: .classes) }
        try c.encodeIfPresent(ramp, forKey: .ramp)
        if opacity != 0.85 { try c.encode(opacity, forKey: .opacity) }
    }
}
