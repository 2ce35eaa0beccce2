import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Narrows a list of events; every event removed is counted under the filter that removed it,
/// so a map can say how the rows read add up to the events drawn.
public struct EventFilter: Sendable {
    public var dates: DateRange = .all
    public var kinds: Set<String> = []
    /// ISO alpha-2, alpha-3 or English names, all equal: `MX`, `MEX` and `Mexico` match the same
    /// events, whichever of the forms the events store.
    public var countries: Set<String> = []
    /// The source's event type or sub-event type (`Battles`, `Air/drone strike`), any case.
    public var types: Set<String> = []
    /// Case-insensitive substring of the actor.
    public var actorContains: String?
    public var sites: Set<String> = []
    public var confidences: Set<Confidence> = []
    public var region: GeoBox?
    /// Leave out events whose coordinates stand for an area (a district's, province's or
    /// country's centre): counted under `placePrecision`.
    public var exactPlacesOnly = false
    public static let placePrecision = "place precision"
    /// A frame fitted to the events reaches this far: events outside it lie far from all the
    /// others (a coordinate typed wrong, most often) and are left out, counted as
    /// `farFromTheRest`, so that the map says so rather than frames a desert for them.
    public var reach: GeoBox?
    public static let farFromTheRest = "far from the rest"

    /// The events each filter removed, in words: "12 outside the date filter", "13 far from the rest".
    public static func worded(_ removed: [String: Int]) -> [String] {
        removed.sorted { $0.key < $1.key }.map {
            let n = IssueGroup.grouped($0.value)
            return $0.key == farFromTheRest ? "\(n) \($0.key)" : "\(n) outside the \($0.key) filter"
        }
    }

    public init() {}

    /// Whether the filter keeps every event (nothing asked): applying it is a copy for nothing.
    public var selectsEverything: Bool {
        dates == .all && kinds.isEmpty && countries.isEmpty && types.isEmpty && actorContains == nil && sites.isEmpty
            && confidences.isEmpty && region == nil && reach == nil && !exactPlacesOnly
    }

    public struct Result: Sendable {
        public init(kept: [Event] = []) { self.kept = kept }
        public var kept: [Event] = []
        /// Where each kept event was in the list filtered (only when asked for: `apply(_:indices:)`).
        public var keptIndices: [Int] = []
        /// Filter name ("date", "kind", "region", ...) to the number of events it removed.
        public var removed: [String: Int] = [:]
        public var removedTotal: Int { removed.values.reduce(0, +) }

        public var summary: String { EventFilter.worded(removed).joined(separator: ", ") }
    }

    /// The country filter as alpha-2 keys (`CountryTable.key`).
    var countryKeys: Set<String> { Set(countries.map { CountryTable.standard.key($0) }) }
    /// The types asked for, lower-cased; a pre-2019 ACLED name also asks for the name it has
    /// today (`Remote violence` is read as Explosions/Remote violence, and filtered as it).
    var typeKeys: Set<String> {
        Set(types.flatMap { t -> [String] in
            let k = t.lowercased()
            guard let now = ACLEDReader.oldTypes[k] else { return [k] }
            return [k, (now.subType.isEmpty ? now.type : now.subType).lowercased()]
        })
    }

    func matchesType(_ eventType: String, _ subEventType: String, _ wanted: Set<String>) -> Bool {
        wanted.isEmpty || wanted.contains(eventType.lowercased()) || wanted.contains(subEventType.lowercased())
    }

    /// `indices`: also say where each kept event was in `events`.
    public func apply(_ events: [Event], indices: Bool = false) -> Result {
        var r = Result()
        let wantedCountries = countryKeys, wantedTypes = typeKeys
        // Events repeat a few country spellings: normalise each once.
        var countryKey: [String: String] = [:]
        for (i, e) in events.enumerated() {
            if !dates.contains(e.date) { r.removed["date", default: 0] += 1; continue }
            if !kinds.isEmpty && !kinds.contains(e.kind.rawValue) { r.removed["kind", default: 0] += 1; continue }
            if !wantedCountries.isEmpty {
                if countryKey[e.country] == nil { countryKey[e.country] = CountryTable.standard.key(e.country) }
                if !wantedCountries.contains(countryKey[e.country]!) { r.removed["country", default: 0] += 1; continue }
            }
            if !matchesType(e.eventType, e.subEventType, wantedTypes) { r.removed["type", default: 0] += 1; continue }
            if let a = actorContains, !e.actor.localizedCaseInsensitiveContains(a) {
                r.removed["actor", default: 0] += 1; continue
            }
            if !sites.isEmpty && !(e.siteID.map(sites.contains) ?? false) { r.removed["site", default: 0] += 1; continue }
            if !confidences.isEmpty && !confidences.contains(e.confidence) {
                r.removed["confidence", default: 0] += 1; continue
            }
            if let box = reach, !box.contains(e.location) { r.removed[Self.farFromTheRest, default: 0] += 1; continue }
            if let box = region, !box.contains(e.location) { r.removed["map extent", default: 0] += 1; continue }
            // Last: only events the map would show are counted as left off for their precision.
            if exactPlacesOnly, e.placePrecision?.isCoarse == true { r.removed[Self.placePrecision, default: 0] += 1; continue }
            r.kept.append(e)
            if indices { r.keptIndices.append(i) }
        }
        return r
    }
}
