import Foundation
import StrikeMapCore

/// How exactly an event's coordinates place it, in one scale for every source: each reader maps
/// its source's codes onto it (ACLED's `geo_precision`, UCDP's `where_prec`, the Yemen log's
/// district centroids, a desk's own words). The README's table gives the mapping.
public enum PlacePrecision: String, Sendable, Codable, CaseIterable, Comparable {
    /// The place itself: a village, a base, a street.
    case exact
    /// Near a known place (UCDP: within about 25 km; ACLED: a part of a region, or near a town).
    case near
    /// Only the district (second-order division) is known: the point is its centre.
    case admin2
    /// Only the province (first-order division) or a larger region is known: the point is its centre.
    case admin1
    /// Only the country is known.
    case country
    /// The source says it does not know (UCDP 7: international waters or airspace).
    case unknown

    /// Coarser than a place: the point stands for an area (a district, a province, a country),
    /// and a map must not let it pass for a village.
    public var isCoarse: Bool { self >= .admin2 }

    public static func < (a: PlacePrecision, b: PlacePrecision) -> Bool { a.rank < b.rank }
    private var rank: Int {
        switch self {
        case .exact: return 0
        case .near: return 1
        case .admin2: return 2
        case .admin1: return 3
        case .country: return 4
        case .unknown: return 5
        }
    }

    /// The words a map uses: "placed at a district centre".
    public var placedAt: String {
        switch self {
        case .exact: return "placed at the place named"
        case .near: return "placed near a known place"
        case .admin2: return "placed at a district centre"
        case .admin1: return "placed at a province centre"
        case .country: return "placed at a country's centre"
        case .unknown: return "placed where the source could not say"
        }
    }

    /// "a district or province centre": the centres these levels stand for, finest first (a
    /// place the source could not give is "an assumed point").
    public static func centreWords(_ levels: Set<PlacePrecision>) -> String {
        let names = [(PlacePrecision.admin2, "district"), (.admin1, "province"), (.country, "country")]
            .filter { levels.contains($0.0) }.map(\.1)
        if names.isEmpty { return "an assumed point" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return "a \(list) centre" + (levels.contains(.unknown) ? " or an assumed point" : "")
    }

    /// The words the readers write, as they write them.
    private static let written: [String: PlacePrecision] = [
        "site": .exact, "exact": .exact, "near-site": .near, "near": .near, "district": .admin2, "admin2": .admin2,
        "governorate": .admin1, "admin1": .admin1, "country": .country, "unknown": .unknown,
    ]

    /// The scale's word for an event's `precision` text as the readers write it (StrikeMap's own
    /// words, the canonical names, and those of older files: `site`, `near-site`, `district`,
    /// `governorate`); nil for words it does not know (a desk's free text), which a map treats
    /// as given, not as coarse.
    public init?(wording text: String) {
        // Most events carry a word the readers wrote (or none): looked up as it is, without
        // lower-casing and trimming a string per event of a million.
        if text.isEmpty { return nil }
        if let known = Self.written[text] { self = known; return }
        switch text.lowercased().trimmingCharacters(in: .whitespaces) {
        case "exact", "site", "town", "village", "point", "1": self = .exact
        case "near", "near-site", "approximate", "nearby", "2": self = .near
        case "admin2", "district", "municipality", "county": self = .admin2
        case "admin1", "governorate", "province", "region", "state", "3": self = .admin1
        case "country", "national": self = .country
        case "unknown": self = .unknown
        default: return nil
        }
    }
}

/// How exactly an event's date is known: the day, or only a span it lies in.
public enum DatePrecision: String, Sendable, Codable, CaseIterable {
    case day, week, month, year
    /// A span longer than a year, or one the source gives only as its ends.
    case range

    /// The precision a span of days has: 1 day, up to a week, a month, a year, or more.
    public static func of(from start: CivilDate, to end: CivilDate) -> DatePrecision {
        let days = end.dayNumber - start.dayNumber + 1
        if days <= 1 { return .day }
        if days <= 7 { return .week }
        if days <= 31 { return .month }
        if days <= 366 { return .year }
        return .range
    }
}

/// What a source says about how sure it is of an event beyond its one date and one toll: the
/// last day of a span the event lies in, the date's precision, and the low and high estimates
/// of the deaths around the `killed` the map counts (UCDP's `low`, `best`, `high`).
public struct Uncertainty: Sendable, Hashable, Codable {
    /// The last day the event may have been on; nil when only its one date is known.
    public var dateEnd: CivilDate?
    public var datePrecision: DatePrecision?
    public var killedLow: Int?
    public var killedHigh: Int?

    public init(dateEnd: CivilDate? = nil, datePrecision: DatePrecision? = nil, killedLow: Int? = nil, killedHigh: Int? = nil) {
        self.dateEnd = dateEnd
        self.datePrecision = datePrecision
        self.killedLow = killedLow
        self.killedHigh = killedHigh
    }

    public static let none = Uncertainty()
    public var isNone: Bool { self == .none }
}

/// An event's `Uncertainty`, held by reference and never changed: shared by copies of the event.
final class UncertaintyBox: Sendable {
    let value: Uncertainty
    init(_ value: Uncertainty) { self.value = value }
}
