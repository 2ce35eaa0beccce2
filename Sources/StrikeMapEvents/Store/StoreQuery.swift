import Foundation
import StrikeMapCore
import StrikeMapGeo

/// The part of a selection the database does with its indexes: dates, extent, kinds, types,
/// actor, countries, sites and confidences, as SQL that GeoPackage (SQLite) and PostGIS both
/// run. What cannot be said exactly in SQL is left out (the selection may then return more), and
/// every filter is applied again in memory as for files, so a store and its files give the same map.
public struct StoreQuery: Sendable, Equatable {
    public var from: CivilDate?
    public var to: CivilDate?
    /// Events whose point is in this box (west ≤ east, within ±180°).
    public var box: GeoBox?
    public var kinds: [String] = []
    /// ISO alpha-2 codes, as the readers store them.
    public var countries: [String] = []
    /// Event types or sub-event types, lower-cased.
    public var types: [String] = []
    public var actorContains: String?
    public var sites: [String] = []
    public var confidences: [String] = []

    public init(from: CivilDate? = nil, to: CivilDate? = nil, box: GeoBox? = nil, kinds: [String] = [], countries: [String] = []) {
        self.from = from; self.to = to; self.box = box; self.kinds = kinds; self.countries = countries
    }

    /// The query for an in-memory filter: its every part the database can do exactly.
    public init(_ filter: EventFilter) {
        from = filter.dates.from
        to = filter.dates.to
        kinds = filter.kinds.sorted()
        // Names are pushed only when each is a country the table knows (stored as alpha-2).
        let codes = filter.countries.map { CountryTable.standard.find($0)?.alpha2 }
        if codes.allSatisfy({ $0 != nil }) { countries = codes.compactMap { $0 }.sorted() }
        // SQL's lower() folds ASCII only: types in other scripts are matched in memory alone.
        let typeKeys = filter.typeKeys
        if typeKeys.allSatisfy({ $0.allSatisfy(\.isASCII) }) { types = typeKeys.sorted() }
        // SQL's lower() and LIKE fold ASCII only: other text is matched in memory alone.
        if let a = filter.actorContains, !a.isEmpty, a.allSatisfy(\.isASCII) { actorContains = a }
        sites = filter.sites.sorted()
        confidences = filter.confidences.map(\.rawValue).sorted()
        // Clamped to the globe (every point is inside it); a box across the antimeridian is not pushed.
        if let b = filter.region, b.west <= b.east {
            box = GeoBox(west: max(-180, b.west), south: max(-90, b.south), east: min(180, b.east), north: min(90, b.north))
        }
    }

    /// Whether the database alone selects exactly what `filter` keeps, so that counts can come
    /// straight from SQL (a part left out of the query would be missing from them).
    public func isExact(for filter: EventFilter) -> Bool {
        (filter.countries.isEmpty || !countries.isEmpty)
            && (filter.types.isEmpty || !types.isEmpty)
            && (filter.actorContains == nil || actorContains != nil)
            && (filter.region == nil || box != nil)
    }

    /// Whether the query selects everything.
    public var isEmpty: Bool { whereClause(postgres: false) == nil }

    /// SQL, quoted by doubling quotes (GDAL passes no parameters); nil when nothing is filtered.
    /// The extent uses the spatial index: GeoPackage's R-tree table, PostGIS's GiST.
    func whereClause(postgres: Bool) -> String? {
        let parts = clauses(postgres: postgres)
        return parts.isEmpty ? nil : parts.map(\.sql).joined(separator: " AND ")
    }

    /// Each filter's condition, named by the document field it comes from (`kinds`, `types`,
    /// `actor`, `countries`, as `SelectionError` names them; `dates`, `sites`, `confidences`, `extent`).
    func clauses(postgres: Bool) -> [(field: String, sql: String)] {
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        func list(_ v: [String]) -> String { v.map(q).joined(separator: ", ") }
        var parts: [(field: String, sql: String)] = []
        if let from { parts.append(("dates", "date >= \(q(from.description))")) }
        if let to { parts.append(("dates", "date <= \(q(to.description))")) }
        if !kinds.isEmpty { parts.append(("kinds", "kind IN (\(list(kinds.map { $0.lowercased() })))")) }
        if !types.isEmpty {
            let t = list(types.map { $0.lowercased() })
            parts.append(("types", "(lower(event_type) IN (\(t)) OR lower(sub_event_type) IN (\(t)))"))
        }
        if let a = actorContains {
            let pattern = a.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            parts.append(("actor", "lower(actor) LIKE \(q("%" + pattern + "%")) ESCAPE '\\'"))
        }
        if !countries.isEmpty { parts.append(("countries", "country IN (\(list(countries.map { $0.uppercased() })))")) }
        // A site is its gazetteer id, else its name (as `events --stats` keys it).
        if !sites.isEmpty { parts.append(("sites", "COALESCE(site_id, site_name) IN (\(list(sites)))")) }
        if !confidences.isEmpty { parts.append(("confidences", "confidence IN (\(list(confidences)))")) }
        if let b = box {
            let (w, s, e, n) = (b.west, b.south, b.east, b.north)
            if postgres {
                parts.append(("extent", "geom && ST_MakeEnvelope(\(w), \(s), \(e), \(n), 4326)"))
            } else if from != nil || to != nil {
                // With dates, SQLite plans by the R-tree subquery whenever it is there, and reads
                // a region's every year (1.5 s for a month of a million rows, against 0.09 s by
                // the date index): the box is then tested on the row's own lat/lon.
                parts.append(("extent", "lon BETWEEN \(w) AND \(e) AND lat BETWEEN \(s) AND \(n)"))
            } else {
                parts.append(("extent", "fid IN (SELECT id FROM rtree_events_geom WHERE minx <= \(e) AND maxx >= \(w) AND miny <= \(n) AND maxy >= \(s))"))
            }
        }
        return parts
    }
}
