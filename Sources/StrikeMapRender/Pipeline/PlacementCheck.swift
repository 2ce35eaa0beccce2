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

    init(basemap: Basemap) { self.basemap = basemap }

    /// The ISO alpha-2 code of the country whose province holds the point (nil at sea, off the
    /// basemap, or where Natural Earth has no code).
    mutating func country(at p: GeoPoint) -> String? {
        if let known = cache[p] { return known }
        let code = basemap.province(containing: p)?["iso_a2"].flatMap { $0.count == 2 && $0 != "-9" ? $0.uppercased() : nil }
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
        for e in events where e.country.count == 2 {
            guard let actual = country(at: e.location), actual != e.country.uppercased(),
                  !near(e.location, e.country.uppercased()) else { continue }
            let name = e.siteName.map { " '\($0)'" } ?? ""
            out.examples[e.id] = "\(e.id)\(name) at \(e.location.lat), \(e.location.lon): named "
                + "\(table.find(e.country)?.shortName ?? e.country), inside \(table.find(actual)?.shortName ?? actual)"
        }
        return out
    }
}
