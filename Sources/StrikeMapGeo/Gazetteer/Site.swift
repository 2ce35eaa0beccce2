import Foundation
import StrikeMapCore

/// What kind of place a site is.
public enum SiteKind: String, Sendable, Codable, CaseIterable {
    case airbase, garrison, facility, town, city, governorate
    /// A civil airport (Geo/airfields.csv); military fields are `airbase`.
    case airport

    /// Military sites are what attacks target; the renderer labels them before towns.
    public var isMilitary: Bool { self == .airbase || self == .garrison || self == .facility }
}

/// A named place with a sourced coordinate.
public struct Site: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: SiteKind
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var admin1: String
    public var location: GeoPoint
    /// How exact the coordinate is: exact, site-approx, nearby-town, governorate-point.
    public var precision: String
    /// Where the coordinate comes from.
    public var source: String
    public var population: Int?

    public init(id: String, name: String, aliases: [String] = [], kind: SiteKind, country: String,
                admin1: String = "", location: GeoPoint, precision: String, source: String,
                population: Int? = nil) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.country = country
        self.admin1 = admin1
        self.location = location
        self.precision = precision
        self.source = source
        self.population = population
    }

    /// The Arabic name among the aliases, if any.
    public var arabicName: String? { aliases.first { NameKey.isArabic($0) } }
}
