import Foundation
import StrikeMapCore

/// How a query matched a site.
public enum MatchKind: String, Sendable, Codable, Comparable {
    case id, exact, transliteration, partial, fuzzy

    private var rank: Int { [.id: 0, .exact: 1, .transliteration: 2, .partial: 3, .fuzzy: 4][self]! }
    public static func < (a: MatchKind, b: MatchKind) -> Bool { a.rank < b.rank }
}

public struct SiteMatch: Sendable {
    public var site: Site
    public var kind: MatchKind
    /// 1 for id, name and alias hits; below 1 for fuzzy ones.
    public var score: Double
}

/// The sites StrikeMap knows by name, each with a sourced coordinate (Geo/gazetteer.csv).
public struct Gazetteer: Sendable {
    public private(set) var sites: [Site]
    private var byID: [String: Int] = [:]
    private var byWords: [String: [Int]] = [:]
    private var byKey: [String: [Int]] = [:]
    /// Per site, each name's folded key and the keys of its words, worked out once for fuzzy search.
    private var nameKeys: [[(key: [Character], words: Set<String>)]] = []
    /// Sites by the key of each word of their names: the sites whose names hold every word of a
    /// query are found by intersecting lists, not by scanning every name.
    private var byWordKey: [String: [Int]] = [:]

    public init(sites: [Site]) {
        self.sites = sites
        for (i, s) in sites.enumerated() {
            byID[s.id.lowercased()] = i
            var keys: [(key: [Character], words: Set<String>)] = []
            // Each name's words and key are worked out once (the airfield table has 5,500 rows,
            // read whenever a name is not in the gazetteer).
            for n in [s.name] + s.aliases {
                // A code (an airfield's ICAO "ORAA") is taken as written, never as a spelling of
                // something else: folded, "Zasa" and "Kara", villages in a Syrian file, were
                // Argentine and American airports.
                if Self.isCode(n) {
                    let w = NameKey.words(n).joined(separator: " ")
                    if !w.isEmpty, !(byWords[w]?.contains(i) ?? false) { byWords[w, default: []].append(i) }
                    continue
                }
                let arabic = NameKey.isArabic(n)
                let words = NameKey.words(n)
                let k = NameKey.key(words: words, arabic: arabic)
                let wordKeys = Set(words.map { NameKey.key(words: [$0], arabic: arabic) })
                keys.append((Array(k), wordKeys))
                for wk in wordKeys where !(byWordKey[wk]?.last == i) { byWordKey[wk, default: []].append(i) }
                let w = words.joined(separator: " ")
                if !w.isEmpty, !(byWords[w]?.contains(i) ?? false) { byWords[w, default: []].append(i) }
                if !k.isEmpty, !(byKey[k]?.contains(i) ?? false) { byKey[k, default: []].append(i) }
            }
            nameKeys.append(keys)
        }
    }

    /// A short code in capitals and digits (ICAO "ORAA", "OR0A"), not a name.
    static func isCode(_ n: String) -> Bool {
        (3...4).contains(n.count) && n.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// Whether lookups that find nothing here try the airfields (false for the airfield table itself).
    private var fallsBackToAirfields = true

    public subscript(id: String) -> Site? {
        if let i = byID[id.lowercased()] { return sites[i] }
        return fallsBackToAirfields ? Gazetteer.airfields?[id] : nil
    }

    // MARK: Airfields

    /// Airports and military airfields worldwide (Geo/airfields.csv, OurAirports, public domain),
    /// with their ICAO codes as aliases: read on the first `resolve` or id the gazetteer cannot
    /// answer, so maps whose sites are all in the gazetteer never pay for 5,500 rows. (`exactMatch`,
    /// which readers of large files call per place name, does not look here.) Nil when the file is
    /// missing; an unreadable file is reported once on stderr (it only adds places).
    public static let airfields: Gazetteer? = {
        guard let geo = try? DataLocator.geo() else { return nil }
        let path = geo.appendingPathComponent("airfields.csv").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            // IATA codes are left out of the names looked up: three letters match too many town
            // names ("Hit", "Bab") to stand for an airfield when a gazetteer name is missed.
            let loaded = try load(path: path)
            var g = Gazetteer(sites: loaded.sites.map { s in
                var s = s
                s.aliases = s.aliases.filter { !($0.count == 3 && $0.allSatisfy(\.isUppercase)) }
                return s
            })
            g.fallsBackToAirfields = false
            return g
        } catch {
            FileHandle.standardError.write(Data("warning: airfields not available: \(error)\n".utf8))
            return nil
        }
    }()

    /// Reads the gazetteer CSV. Governorate rows without coordinates get a representative point
    /// inside their polygon among `provinces` (admin-1 features with a `name`).
    public static func load(path: String, provinces: [Feature] = []) throws -> Gazetteer {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw CSVError.empty(file: path) }
        let columns = Dictionary(header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces), $0) },
                                 uniquingKeysWith: { a, _ in a })
        for required in ["id", "name", "kind", "country", "lat", "lon", "precision", "source"] where columns[required] == nil {
            throw GeoError.gazetteerRow(path: path, line: 1, field: required, value: "",
                                        reason: "missing column; the header needs id,name,aliases,kind,country,admin1,lat,lon,precision,source")
        }
        var sites: [Site] = []
        var seen: Set<String> = []
        while let row = try reader.next() {
            func field(_ name: String) -> String {
                guard let i = columns[name], i < row.fields.count else { return "" }
                // Spaces and tabs, as every reader trims (Foundation's trim was a fifth of a load).
                return FastText.trim(row.fields[i])
            }
            func fail(_ f: String, _ reason: String) -> GeoError {
                .gazetteerRow(path: path, line: row.line, field: f, value: field(f), reason: reason)
            }
            let id = field("id")
            guard !id.isEmpty else { throw fail("id", "empty id") }
            guard seen.insert(id.lowercased()).inserted else { throw fail("id", "duplicate id") }
            guard let kind = SiteKind(rawValue: field("kind")) else {
                throw fail("kind", "expected one of \(SiteKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !field("source").isEmpty else { throw fail("source", "every coordinate needs a source") }
            guard !field("precision").isEmpty else { throw fail("precision", "every coordinate needs a precision") }
            let aliases = field("aliases").split(separator: "|").map { FastText.trim(String($0)) }
                .filter { !$0.isEmpty }
            var location: GeoPoint
            if field("lat").isEmpty && field("lon").isEmpty && kind == .governorate {
                let names = Set(([field("name")] + aliases).flatMap(provinceKeys))
                let country = field("country")
                guard let polygon = provinces.first(where: { f in
                    guard f["iso_a2"] == nil || f["iso_a2"] == country else { return false }
                    return !names.isDisjoint(with: provinceKeys(f["name"] ?? ""))
                }), case .polygons(let polys) = polygon.geometry,
                      let p = PolygonMath.representativePoint(polys) else {
                    throw fail("lat", "governorate without coordinates and no basemap polygon of that name; "
                                + "add an alias matching Natural Earth's admin-1 name, or give lat/lon")
                }
                location = GeoPoint(lat: (p.lat * 10000).rounded() / 10000, lon: (p.lon * 10000).rounded() / 10000)
            } else {
                guard let lat = Double(field("lat")), (-90...90).contains(lat) else {
                    throw fail("lat", "expected a latitude in decimal degrees between -90 and 90")
                }
                guard let lon = Double(field("lon")), (-180...180).contains(lon) else {
                    throw fail("lon", "expected a longitude in decimal degrees between -180 and 180")
                }
                location = GeoPoint(lat: lat, lon: lon)
            }
            sites.append(Site(id: id, name: field("name"), aliases: aliases, kind: kind,
                              country: field("country").uppercased(), admin1: field("admin1"),
                              location: location, precision: field("precision"), source: field("source"),
                              population: Int(field("population"))))
        }
        return Gazetteer(sites: sites)
    }

    /// Keys a province name can be matched by: "Homs (Hims)" gives homs and hims;
    /// "Erbil Governorate" gives erbil.
    public static func provinceKeys(_ name: String) -> [String] {
        var n = name
        for w in [" Governorate", " Province", "Governorate of ", "Province of "] {
            n = n.replacingOccurrences(of: w, with: "", options: .caseInsensitive)
        }
        let parts = n.split(whereSeparator: { $0 == "(" || $0 == ")" }).map(String.init)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return ([n] + parts).map { NameKey.key($0) }.filter { !$0.isEmpty }
    }

    /// All sites matching `query`, best first: id, exact name or alias, transliteration variant,
    /// all query words in the name, then fuzzy (edit distance on the folded key) with a score.
    /// - Parameter exhaustive: also list partial and fuzzy matches when exact ones exist
    ///   (for browsing: "Erbil" lists the city, then Erbil Air Base).
    /// - Parameter fuzzy: also look for misspellings (a scan of every name); without it only
    ///   ids, names, transliterations and names holding every word of the query are found.
    public func search(_ query: String, country: String? = nil, kind: SiteKind? = nil,
                       fuzzyThreshold: Double = 0.6, exhaustive: Bool = false, fuzzy: Bool = true) -> [SiteMatch] {
        func allowed(_ s: Site) -> Bool {
            (country == nil || s.country.caseInsensitiveCompare(country!) == .orderedSame)
                && (kind == nil || s.kind == kind)
        }
        var best: [Int: SiteMatch] = [:]
        func offer(_ i: Int, _ k: MatchKind, _ score: Double) {
            guard allowed(sites[i]) else { return }
            if let old = best[i], old.kind < k || (old.kind == k && old.score >= score) { return }
            best[i] = SiteMatch(site: sites[i], kind: k, score: score)
        }
        let q = query.trimmingCharacters(in: .whitespaces)
        if let i = byID[q.lowercased()] { offer(i, .id, 1) }
        let words = NameKey.words(q)
        for i in byWords[words.joined(separator: " ")] ?? [] { offer(i, .exact, 1) }
        let key = NameKey.key(q)
        for i in byKey[key] ?? [] { offer(i, .transliteration, 1) }
        guard best.isEmpty || exhaustive, !key.isEmpty else { return Self.ranked(best) }
        let qKeys = Set(words.map { NameKey.key($0) })
        let keyChars = Array(key)
        var rows = NameKey.DistanceRows()
        // A site's best score over its names: every query word in a name (partial), else the
        // edit distance on the folded key (fuzzy).
        func consider(_ i: Int) {
            var score = 0.0
            var kindHere = MatchKind.fuzzy
            for name in nameKeys[i] {
                if !qKeys.isEmpty, qKeys.isSubset(of: name.words) {
                    kindHere = .partial
                    score = max(score, 0.9 * Double(qKeys.count) / Double(max(name.words.count, 1)) + 0.1)
                }
                let longest = max(keyChars.count, name.key.count, 1)
                // Skip the edit distance when the lengths alone rule out the threshold.
                guard Double(abs(keyChars.count - name.key.count)) <= Double(longest) * (1 - min(fuzzyThreshold, score)) else { continue }
                let d = NameKey.distance(keyChars, name.key, rows: &rows)
                score = max(score, 1 - Double(d) / Double(longest))
            }
            if score >= fuzzyThreshold || kindHere == .partial { offer(i, kindHere, min(score, 0.99)) }
        }
        // Names are short: a query far longer than any is not a misspelling of one.
        guard key.count <= 80 else { return Self.ranked(best) }
        // The sites with every word of the query in a name: those listed under each word.
        var partial = Set<Int>()
        if !qKeys.isEmpty {
            var candidates: Set<Int>?
            for k in qKeys {
                let here = Set(byWordKey[k] ?? [])
                candidates = candidates.map { $0.intersection(here) } ?? here
                if candidates!.isEmpty { break }
            }
            partial = candidates ?? []
            for i in partial.sorted() { consider(i) }
        }
        // Misspellings: every other name. Only when asked (`fuzzy`), as it is a scan: readers
        // resolve thousands of names and print a few.
        if fuzzy {
            for i in sites.indices where !partial.contains(i) { consider(i) }
        }
        return Self.ranked(best)
    }

    private static func ranked(_ best: [Int: SiteMatch]) -> [SiteMatch] {
        best.values.sorted {
            $0.kind != $1.kind ? $0.kind < $1.kind
                : $0.score != $1.score ? $0.score > $1.score : $0.site.id < $1.site.id
        }
    }

    /// Exactly one site for `query` (by id, name, alias or transliteration variant), or an error that
    /// lists the candidates ("ambiguous") or the nearest names ("did you mean"; `suggest: false`
    /// leaves them out, and the scan of every name they take: readers of files with thousands of
    /// unknown village names ask for them only for the names they print).
    public func resolve(_ query: String, country: String? = nil, kind: SiteKind? = nil, suggest: Bool = true) throws(GeoError) -> Site {
        do { return try resolveHere(query, country: country, kind: kind) } catch {
            // A name the gazetteer does not know may be an airfield ("Shayrat", "ORAA"); an
            // ambiguous one stays ambiguous.
            guard case .unknownSite = error, fallsBackToAirfields, let airfields = Gazetteer.airfields else {
                if case .unknownSite = error, suggest { throw .unknownSite(query, suggestions: suggestions(for: query, country: country, kind: kind)) }
                throw error
            }
            do { return try airfields.resolveHere(query, country: country, kind: kind) } catch {
                if case .unknownSite = error {
                    throw .unknownSite(query, suggestions: suggest ? suggestions(for: query, country: country, kind: kind) : [])
                }
                throw error
            }
        }
    }

    /// Up to five names near `query` in spelling, the gazetteer's before the airfields'. With a
    /// `country`, that country's sites; only when it has none near, others. The airfields of the
    /// whole world must be nearer in spelling (0.7 against 0.5): "Qaryat Zaytun" in a Syrian file
    /// was offered Karpathos and Karratha airports.
    public func suggestions(for query: String, country: String? = nil, kind: SiteKind? = nil) -> [String] {
        func near(_ c: String?) -> [String] {
            var out: [String] = []
            var tables = [(self, 0.5)]
            if fallsBackToAirfields, let airfields = Gazetteer.airfields { tables.append((airfields, c == nil ? 0.7 : 0.5)) }
            for (table, threshold) in tables {
                for m in table.search(query, country: c, kind: kind, fuzzyThreshold: threshold) where !out.contains(m.site.name) {
                    out.append(m.site.name)
                }
            }
            return out
        }
        var found = country.map { near($0) } ?? []
        if found.isEmpty { found = near(nil) }
        return Array(found.prefix(5))
    }

    private func resolveHere(_ query: String, country: String?, kind: SiteKind?) throws(GeoError) -> Site {
        let matches = search(query, country: country, kind: kind, fuzzy: false)
        let strong = matches.filter { $0.kind <= .transliteration }
        if let first = strong.first {
            let sameTier = strong.filter { $0.kind == first.kind }
            if sameTier.count == 1 { return first.site }
            throw .ambiguousSite(query, candidates: sameTier.map {
                "\($0.site.name) (\($0.site.kind.rawValue), \($0.site.country), id \($0.site.id))"
            })
        }
        // "al-Asad" for "Al-Asad Air Base": every word of the query is in one site's name only.
        let partial = matches.filter { $0.kind == .partial && $0.score >= 0.5 }
        if partial.count == 1 { return partial[0].site }
        if partial.count > 1 && partial.count <= 6 {
            throw .ambiguousSite(query, candidates: partial.map {
                "\($0.site.name) (\($0.site.kind.rawValue), \($0.site.country), id \($0.site.id))"
            })
        }
        throw .unknownSite(query, suggestions: [])
    }

    /// The one site whose id, name, alias or transliteration is `query`, or nil (no fuzzy
    /// matching, no errors): constant time, for resolving place names in large files.
    public func exactMatch(_ query: String) -> Site? {
        if let i = byID[query.lowercased()] { return sites[i] }
        let w = NameKey.words(query).joined(separator: " ")
        if let hits = byWords[w] { return hits.count == 1 ? sites[hits[0]] : nil }
        let k = NameKey.key(query)
        if let hits = byKey[k], hits.count == 1 { return sites[hits[0]] }
        return nil
    }

    /// Sites within `km` of a point, nearest first.
    public func near(_ p: GeoPoint, withinKm km: Double) -> [(site: Site, km: Double)] {
        sites.map { ($0, $0.location.distanceKm(to: p)) }.filter { $0.1 <= km }.sorted { $0.1 < $1.1 }
    }
}
