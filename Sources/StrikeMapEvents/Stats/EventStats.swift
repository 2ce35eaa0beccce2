import Foundation
import StrikeMapCore
import StrikeMapGeo

/// Counts of events per kind, country, ISO week, site and weapon.
public struct EventStats: Sendable, Codable {
    public var total = 0
    public var byKind: [String: Int] = [:]
    /// By the source's own event type (empty when no event has one).
    public var byType: [String: Int] = [:]
    public var byCountry: [String: Int] = [:]
    public var byWeek: [String: Int] = [:]
    public var bySite: [String: Int] = [:]
    public var byWeapon: [String: Int] = [:]
    public var byConfidence: [String: Int] = [:]
    public var firstDate: CivilDate?
    public var lastDate: CivilDate?

    enum CodingKeys: String, CodingKey {
        case total, byKind = "by_kind", byType = "by_type", byCountry = "by_country", byWeek = "by_week", bySite = "by_site"
        case byWeapon = "by_weapon", byConfidence = "by_confidence", firstDate = "first_date", lastDate = "last_date"
    }

    public init() {}

    public static func weekKey(_ d: CivilDate) -> String {
        let w = d.isoWeek
        return String(format: "%04d-W%02d", w.year, w.week)
    }
}

/// Collects events in a compact form (a few bytes each, strings interned) so that statistics over
/// millions of rows fit in little memory, and filters them once the whole date range is known
/// (`--last` counts back from the newest event).
public struct StatsAccumulator {
    private struct Row {
        var day: Int32, kind: UInt32, country: UInt32, site: UInt32, weapon: UInt8, confidence: UInt8, actor: UInt32
        var type: UInt32
    }
    private final class Interner {
        var ids: [String: UInt32] = [:]
        var names: [String] = []
        func id(_ s: String) -> UInt32 {
            if let i = ids[s] { return i }
            let i = UInt32(names.count)
            ids[s] = i
            names.append(s)
            return i
        }
    }
    private var rows: [Row] = []
    private let kinds = Interner(), countries = Interner(), sites = Interner(), actors = Interner()
    /// Event type and sub-event type, interned as a pair.
    private let types = Interner()
    private var typePairs: [(String, String)] = []
    /// Site key (gazetteer id, else the place name) to the name shown.
    private var siteNames: [UInt32: String] = [:]
    private static let weapons = Weapon.allCases
    private static let confidences = Confidence.allCases
    public private(set) var newest: CivilDate?

    public init() {}

    public mutating func add(_ e: Event) {
        let site = sites.id(e.siteID ?? e.siteName ?? "(no site)")
        if siteNames[site] == nil { siteNames[site] = e.siteName ?? e.siteID ?? "(no site)" }
        rows.append(Row(day: Int32(e.date.dayNumber), kind: kinds.id(e.kind.rawValue), country: countries.id(e.country),
                        site: site,
                        weapon: UInt8(Self.weapons.firstIndex(of: e.weapon) ?? 0),
                        confidence: UInt8(Self.confidences.firstIndex(of: e.confidence) ?? 0),
                        actor: actors.id(e.actor), type: typeID(e)))
        if newest.map({ e.date > $0 }) ?? true { newest = e.date }
    }

    private mutating func typeID(_ e: Event) -> UInt32 {
        let before = types.names.count
        let id = types.id(e.eventType + "\u{1F}" + e.subEventType)
        if types.names.count > before { typePairs.append((e.eventType, e.subEventType)) }
        return id
    }

    /// Counts the events that pass `filter` (its site filter matches site names or ids).
    public func stats(filter: EventFilter) -> (stats: EventStats, removed: [String: Int]) {
        var s = EventStats()
        var removed: [String: Int] = [:]
        let kindOK = kinds.names.map { filter.kinds.isEmpty || filter.kinds.contains($0) }
        let wantedCountries = filter.countryKeys, wantedTypes = filter.typeKeys
        let countryOK = countries.names.map { wantedCountries.isEmpty || wantedCountries.contains(CountryTable.standard.key($0)) }
        let typeOK = typePairs.map { filter.matchesType($0.0, $0.1, wantedTypes) }
        let actorOK = actors.names.map { a in filter.actorContains.map { a.localizedCaseInsensitiveContains($0) } ?? true }
        let siteOK = sites.names.map { filter.sites.isEmpty || filter.sites.contains($0) }
        var weekOf: [Int32: String] = [:]
        for r in rows {
            let date = CivilDate(dayNumber: Int(r.day))
            if !filter.dates.contains(date) { removed["date", default: 0] += 1; continue }
            if !kindOK[Int(r.kind)] { removed["kind", default: 0] += 1; continue }
            if !countryOK[Int(r.country)] { removed["country", default: 0] += 1; continue }
            if !typeOK[Int(r.type)] { removed["type", default: 0] += 1; continue }
            if !actorOK[Int(r.actor)] { removed["actor", default: 0] += 1; continue }
            if !siteOK[Int(r.site)] { removed["site", default: 0] += 1; continue }
            let confidence = Self.confidences[Int(r.confidence)]
            if !filter.confidences.isEmpty && !filter.confidences.contains(confidence) {
                removed["confidence", default: 0] += 1; continue
            }
            s.total += 1
            s.byKind[kinds.names[Int(r.kind)], default: 0] += 1
            let type = typePairs[Int(r.type)].0
            if !type.isEmpty { s.byType[type, default: 0] += 1 }
            s.byCountry[countries.names[Int(r.country)], default: 0] += 1
            if weekOf[r.day] == nil { weekOf[r.day] = EventStats.weekKey(date) }
            s.byWeek[weekOf[r.day]!, default: 0] += 1
            s.bySite[siteNames[r.site] ?? sites.names[Int(r.site)], default: 0] += 1
            s.byWeapon[Self.weapons[Int(r.weapon)].rawValue, default: 0] += 1
            s.byConfidence[confidence.rawValue, default: 0] += 1
            if s.firstDate.map({ date < $0 }) ?? true { s.firstDate = date }
            if s.lastDate.map({ date > $0 }) ?? true { s.lastDate = date }
        }
        return (s, removed)
    }
}
