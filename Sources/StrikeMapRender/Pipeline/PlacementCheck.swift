import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Where the basemap says each event lies: which country's province holds its point. Used to
/// catch coordinates that contradict the row's own country (a district of Yemen geocoded to a
/// town of the same name in Saudi Arabia) and to name the countries of a file that gives none.
/// Points are looked up once per place, so a war's log of a few hundred places costs little.
public struct PlacementCheck: Sendable {
    let basemap: Basemap
    private var cache: [GeoPoint: String?] = [:]
    /// The provinces whose box touches each one-degree cell: a point is tested against the few
    /// provinces around it, not against every province of the basemap.
    private let cells: [Int64: [Int]]

    init(basemap: Basemap) {
        self.basemap = basemap
        var cells: [Int64: [Int]] = [:]
        for (i, f) in basemap.admin1.enumerated() {
            guard let b = f.bbox, b.east - b.west < 60, b.north - b.south < 60 else { continue }
            for x in Int(b.west.rounded(.down))...Int(b.east.rounded(.down)) {
                for y in Int(b.south.rounded(.down))...Int(b.north.rounded(.down)) { cells[Self.key(x, y), default: []].append(i) }
            }
        }
        // Provinces too big for the grid (none in Natural Earth's admin-1) are looked at everywhere.
        let huge = basemap.admin1.indices.filter { i in basemap.admin1[i].bbox.map { $0.east - $0.west >= 60 || $0.north - $0.south >= 60 } ?? false }
        if !huge.isEmpty { for k in cells.keys { cells[k]! += huge } }
        self.cells = cells
    }

    private static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }

    private func province(containing p: GeoPoint) -> Feature? {
        guard let candidates = cells[Self.key(Int(p.lon.rounded(.down)), Int(p.lat.rounded(.down)))] else { return nil }
        for i in candidates {
            let f = basemap.admin1[i]
            guard let b = f.bbox, b.contains(p), case .polygons(let polys) = f.geometry else { continue }
            if polys.contains(where: { PolygonMath.contains($0, p) }) { return f }
        }
        return nil
    }

    /// The ISO alpha-2 code of the country whose province holds the point (nil at sea, off the
    /// basemap, or where Natural Earth has no code).
    mutating func country(at exact: GeoPoint) -> String? {
        // To about 500 m: borders at the basemap's scale are no finer, and a war's log repeats
        // nearby points by the thousand.
        let p = GeoPoint(lat: (exact.lat * 200).rounded() / 200, lon: (exact.lon * 200).rounded() / 200)
        if let known = cache[p] { return known }
        let code = province(containing: p)?["iso_a2"].flatMap { $0.count == 2 && $0 != "-9" ? $0.uppercased() : nil }
        cache[p] = .some(code)
        return code
    }

    /// Whether a point lies within about 25 km of the country: borders drawn at the basemap's
    /// scale are not exact, and a town on a border (Rafah) is not misplaced.
    mutating func near(_ p: GeoPoint, _ code: String) -> Bool {
        let d = 0.25
        for (dy, dx) in [(d, 0.0), (-d, 0.0), (0.0, d), (0.0, -d), (d, d), (d, -d), (-d, d), (-d, -d)] {
            if country(at: GeoPoint(lat: p.lat + dy, lon: p.lon + dx)) == code { return true }
        }
        return false
    }

    /// Events whose point lies in another country than the one their row names.
    public struct Misplaced: Sendable {
        /// Their ids, each with the words for it as an example ("3763 'Al-Hada, Dhamar' at 21.36,
        /// 40.28: named Yemen, inside Saudi Arabia").
        public var examples: [String: String] = [:]
        public var ids: Set<String> { Set(examples.keys) }
        public init() {}

        /// Keeps only these events (those drawn), so stderr and the caption count alike.
        public mutating func keep(_ drawn: Set<String>) { examples = examples.filter { drawn.contains($0.key) } }

        /// One line for the reader of stderr: how many, one example, what to check.
        public var note: String? {
            guard let first = examples.keys.min(), let example = examples[first] else { return nil }
            return "\(MapText.plural(examples.count, "event lies", "events lie")) outside the country their rows name, "
                + "e.g. \(example); they are drawn where the coordinates say: check them"
        }
    }

    mutating func misplaced(_ events: [Event]) -> Misplaced {
        var out = Misplaced()
        let table = CountryTable.standard
        // By index: `for e in events` copies each event and retains its strings.
        for i in events.indices where events[i].country.utf8.count == 2 {
            guard let actual = country(at: events[i].location), actual != events[i].country.uppercased(),
                  !near(events[i].location, events[i].country.uppercased()) else { continue }
            let e = events[i]
            let name = e.siteName.map { " '\($0)'" } ?? ""
            out.examples[e.id] = "\(e.id)\(name) at \(e.location.lat), \(e.location.lon): named "
                + "\(table.find(e.country)?.shortName ?? e.country), inside \(table.find(actual)?.shortName ?? actual)"
        }
        return out
    }
}
