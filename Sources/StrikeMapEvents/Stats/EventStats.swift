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
        /// Strings met lately, by their 16 bytes. Readers hand over the same few String values
        /// (one stored actor, country or type shared by thousands of events): the same bytes are
        /// the same storage, or the same inline text, so the same string, found without hashing
        /// its text. Each entry holds its string, so that storage cannot be freed and reused.
        private struct Recent { var bits: (UInt64, UInt64); var string: String; var id: UInt32 }
        private var recent = [Recent?](repeating: nil, count: 64)

        func id(_ s: String) -> UInt32 {
            let bits = unsafeBitCast(s, to: (UInt64, UInt64).self)
            let slot = Int(truncatingIfNeeded: ((bits.0 ^ bits.1) &* 0x9E37_79B9_7F4A_7C15) >> 58)
            if let r = recent[slot], r.bits == bits { return r.id }
            let i: UInt32
            if let known = ids[s] {
                i = known
            } else {
                i = UInt32(names.count)
                ids[s] = i
                names.append(s)
            }
            recent[slot] = Recent(bits: bits, string: s, id: i)
            return i
        }
    }
    private var rows: [Row] = []
    private let kinds = Interner(), countries = Interner(), sites = Interner(), actors = Interner()
    /// Event type and sub-event type, interned as a pair.
    private var typeIDs: [TypePair: UInt32] = [:]
    /// Pairs looked up lately, holding their strings (see `Interner.recent`).
    private struct RecentType { var bits: ((UInt64, UInt64), (UInt64, UInt64)); var pair: TypePair; var id: UInt32 }
    private var recentTypes = [RecentType?](repeating: nil, count: 64)
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

    private struct TypePair: Hashable { var type, subType: String }

    private mutating func typeID(_ e: Event) -> UInt32 {
        // A pair met lately (as the same String values, see `Interner`) needs no lookup.
        let bits = (unsafeBitCast(e.eventType, to: (UInt64, UInt64).self), unsafeBitCast(e.subEventType, to: (UInt64, UInt64).self))
        let mix = (bits.0.0 ^ bits.0.1 ^ (bits.1.0 &* 31) ^ (bits.1.1 &* 17)) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: mix >> 58)
        if let last = recentTypes[slot], last.bits.0 == bits.0, last.bits.1 == bits.1 { return last.id }
        // Keyed by the pair itself: no joined string to allocate for every event.
        let key = TypePair(type: e.eventType, subType: e.subEventType)
        let id: UInt32
        if let known = typeIDs[key] {
            id = known
        } else {
            id = UInt32(typePairs.count)
            typeIDs[key] = id
            typePairs.append((e.eventType, e.subEventType))
        }
        recentTypes[slot] = RecentType(bits: bits, pair: key, id: id)
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
        // Counted by interned id (and day) first, named once at the end: a million events cost
        // array increments, not a million string-keyed dictionary updates per table.
        var kindCount = [Int](repeating: 0, count: kinds.names.count)
        var typeCount = [Int](repeating: 0, count: typePairs.count)
        var countryCount = [Int](repeating: 0, count: countries.names.count)
        var siteCount = [Int](repeating: 0, count: sites.names.count)
        var weaponCount = [Int](repeating: 0, count: Self.weapons.count)
        var confidenceCount = [Int](repeating: 0, count: Self.confidences.count)
        var dayCount: [Int32: Int] = [:]
        var first: Int32?, last: Int32?
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
            kindCount[Int(r.kind)] += 1
            typeCount[Int(r.type)] += 1
            countryCount[Int(r.country)] += 1
            dayCount[r.day, default: 0] += 1
            siteCount[Int(r.site)] += 1
            weaponCount[Int(r.weapon)] += 1
            confidenceCount[Int(r.confidence)] += 1
            if first.map({ r.day < $0 }) ?? true { first = r.day }
            if last.map({ r.day > $0 }) ?? true { last = r.day }
        }
        for (i, n) in kindCount.enumerated() where n > 0 { s.byKind[kinds.names[i], default: 0] += n }
        for (i, n) in typeCount.enumerated() where n > 0 && !typePairs[i].0.isEmpty { s.byType[typePairs[i].0, default: 0] += n }
        for (i, n) in countryCount.enumerated() where n > 0 { s.byCountry[countries.names[i], default: 0] += n }
        for (day, n) in dayCount { s.byWeek[EventStats.weekKey(CivilDate(dayNumber: Int(day))), default: 0] += n }
        for (i, n) in siteCount.enumerated() where n > 0 {
            s.bySite[siteNames[UInt32(i)] ?? sites.names[i], default: 0] += n
        }
        for (i, n) in weaponCount.enumerated() where n > 0 { s.byWeapon[Self.weapons[i].rawValue, default: 0] += n }
        for (i, n) in confidenceCount.enumerated() where n > 0 { s.byConfidence[Self.confidences[i].rawValue, default: 0] += n }
        s.firstDate = first.map { CivilDate(dayNumber: Int($0)) }
        s.lastDate = last.map { CivilDate(dayNumber: Int($0)) }
        return (s, removed)
    }
}
