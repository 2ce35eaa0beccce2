import ArgumentParser
import Foundation
import StrikeMapGeo
import StrikeMapCore

struct Sites: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find sites in the gazetteer and the world's airfields by name, ICAO code, spelling variant or position.",
        discussion: """
        Finds a place however a wire story spelled it: case, diacritics, ʿayn and hamza marks, the article (al-, el-, as-), hyphens and the usual transliteration variants (q/k, ay/ai/ei, ou/u) are ignored, and Arabic names work too. Exact name and alias hits come first, then near spellings with a score. Every site carries the source and precision of its coordinate.

        Airports and military airfields worldwide (OurAirports, public domain; Geo/airfields.csv) are searched too, after the gazetteer, by name or ICAO code (ORAA is Al-Asad Air Base; Syrian and Iraqi bases without an ICAO code by OurAirports' ident, e.g. OS65). A listing without a query shows them only with --country or --kind.

        Examples:
          strikemap sites "Ayn al Asad"
          strikemap sites البوكمال --format json
          strikemap sites --kind airbase --country IQ
          strikemap sites ORAA
          strikemap sites --near 33.79,42.44 --within 50km
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, geojson }

    @Argument(help: ArgumentHelp("A name in any spelling; omit to list all sites.", valueName: "query"))
    var query: String?

    @Option(name: .long, help: ArgumentHelp("Only sites in this country (ISO code).", valueName: "code"))
    var country: String?

    @Option(name: .long, help: ArgumentHelp("Only this kind: \(SiteKind.allCases.map(\.rawValue).joined(separator: ", ")) (airport: civil airfields; airbase: military ones, researched bases first).",
                                            valueName: "kind"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("Sites near this point (decimal degrees).", valueName: "lat,lon"))
    var near: String?

    @Option(name: .long, help: ArgumentHelp("Radius for --near, in km (50km, 20).", valueName: "distance"))
    var within: String = "50km"

    @Option(name: .long, help: ArgumentHelp("table, csv, json or geojson.", valueName: "format"))
    var format: Format = .table

    /// Flag checks that need no file (ArgumentParser runs them before `run`).
    func validate() throws {
        if let k = kind, SiteKind(rawValue: k.lowercased()) == nil {
            throw ValidationError("--kind '\(k)': use one of \(SiteKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let near, Self.point(near) == nil {
            throw ValidationError("--near '\(near)': use LAT,LON in decimal degrees, e.g. 33.79,42.44")
        }
        if Self.kilometres(within) == nil { throw ValidationError("--within '\(within)': use a distance in km, e.g. 50km") }
    }

    /// `LAT,LON` in decimal degrees, nil when it is not a point on the globe.
    static func point(_ text: String) -> GeoPoint? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1] else { return nil }
        let p = GeoPoint(lat: lat, lon: lon)
        return p.isValid ? p : nil
    }

    /// A distance such as `50km` or `50`, nil unless more than zero.
    static func kilometres(_ text: String) -> Double? {
        let w = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard let km = Double(w.hasSuffix("km") ? String(w.dropLast(2)) : w), km > 0, km.isFinite else { return nil }
        return km
    }

    func run() throws {
        do { try find() } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }

    private func find() throws {
        let catalog = try GeoCatalog.load()
        let kindValue = kind.flatMap { SiteKind(rawValue: $0.lowercased()) }
        var results: [(site: Site, note: String)] = []
        if let near, let here = Self.point(near), let km = Self.kilometres(within) {
            results = (catalog.gazetteer.near(here, withinKm: km) + (Gazetteer.airfields?.near(here, withinKm: km) ?? []))
                .sorted { $0.km < $1.km }
                .filter { country == nil || $0.site.country == country!.uppercased() }
                .filter { kindValue == nil || $0.site.kind == kindValue }
                .map { ($0.site, String(format: "%.1f km", $0.km)) }
        } else if let query {
            var matches = catalog.gazetteer.search(query, country: country, kind: kindValue, fuzzyThreshold: 0.75, exhaustive: true)
            // Airfields after the gazetteer's own places, and only as strong matches when it has one
            // (so "Baghdad" lists the city and its airport, not every near spelling worldwide).
            let strongHere = matches.contains { $0.kind <= .transliteration }
            let airfieldMatches = (Gazetteer.airfields?.search(query, country: country, kind: kindValue, fuzzyThreshold: 0.85,
                                                               exhaustive: !strongHere) ?? [])
                .filter { !strongHere || $0.kind <= .partial }
            matches += airfieldMatches.prefix(25)
            if matches.isEmpty {
                _ = try catalog.gazetteer.resolve(query, country: country, kind: kindValue) // throws "did you mean"
            }
            results = matches.map { ($0.site, $0.score >= 1 ? $0.kind.rawValue : String(format: "%@ %.2f", $0.kind.rawValue, $0.score)) }
        } else {
            // The world's 5,500 airfields join a listing narrowed by country or kind.
            let airfields = country != nil || kindValue != nil ? Gazetteer.airfields?.sites ?? [] : []
            results = (catalog.gazetteer.sites + airfields)
                .filter { country == nil || $0.country == country!.uppercased() }
                .filter { kindValue == nil || $0.kind == kindValue }
                .map { ($0, "") }
        }
        print(try Self.format(results, as: format, noteHeader: near != nil ? "distance" : "match"))
    }

    static func object(_ s: Site) -> [String: Any] {
        ["id": s.id, "name": s.name, "aliases": s.aliases, "kind": s.kind.rawValue, "country": s.country,
         "admin1": s.admin1, "lat": s.location.lat, "lon": s.location.lon, "precision": s.precision, "source": s.source]
    }

    static func format(_ results: [(site: Site, note: String)], as format: Format, noteHeader: String = "match") throws -> String {
        switch format {
        case .json: return try JSONOutput.string(results.map { object($0.site) })
        case .geojson:
            return try JSONOutput.string(["type": "FeatureCollection", "features": results.map { r in
                var p = object(r.site); p.removeValue(forKey: "lat"); p.removeValue(forKey: "lon")
                return ["type": "Feature", "properties": p,
                        "geometry": ["type": "Point", "coordinates": [r.site.location.lon, r.site.location.lat]]] as [String: Any]
            }])
        case .csv:
            let header = ["id", "name", "aliases", "kind", "country", "admin1", "lat", "lon", "precision", "source"]
            return ([header.joined(separator: ",")] + results.map { r in
                let s = r.site
                return [s.id, s.name, s.aliases.joined(separator: "|"), s.kind.rawValue, s.country, s.admin1,
                        String(s.location.lat), String(s.location.lon), s.precision, s.source]
                    .map(JSONOutput.csvField).joined(separator: ",")
            }).joined(separator: "\n")
        case .table:
            return Table.render(header: ["id", "name", "kind", "country", "lat", "lon", "precision", noteHeader, "source"],
                                rows: results.map { r in
                let s = r.site
                return [s.id, s.name, s.kind.rawValue, s.country, String(format: "%.4f", s.location.lat),
                        String(format: "%.4f", s.location.lon), s.precision, r.note,
                        s.source.count > 70 ? String(s.source.prefix(67)) + "..." : s.source]
            })
        }
    }
}
