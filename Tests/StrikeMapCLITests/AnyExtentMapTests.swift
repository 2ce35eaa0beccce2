import Foundation
import Testing
import StrikeMapGeo
import StrikeMapRender
import StrikeMapTestSupport

/// Issue 28's acceptance: every real and synthetic file — fitted, with each region preset that
/// overlaps its data, as a hexbin and for one month — and a made-up ACLED export of the whole
/// world, each checked from its manifest against the file itself:
/// - the title's place holds for the events counted (read from the file by id, not from StrikeMap);
/// - no panel covers a drawn mark;
/// - the period stated lies within the data's first and last dates;
/// - the frame is drawn on a basemap that covers it, and no marker stands in open sea (land drawn
///   as sea put whole countries' events there).
/// Skipped, with a message, where `../shared/` is not beside the clone.
@Suite struct AnyExtentMapTests {
    let cli = CLITests()
    static let shared = CLITests.repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let ucdp = ["--columns", "date=date_start,lat=latitude,lon=longitude,id=id", "--kind-default", "battle"]

    /// (file under shared/ or `world` for the made-up export, its id and country columns, flags).
    static let cases: [(file: String, id: String, country: String?, args: [String])] = {
        var out: [(String, String, String?, [String])] = []
        func add(_ file: String, _ id: String, _ country: String?, _ variants: [[String]]) {
            for v in variants { out.append((file, id, country, v)) }
        }
        add("real/acled_afghanistan_2020.csv", "event_id_cnty", "country",
            [[], ["--view", "hexbin"], ["--month", "2020-03"], ["--region", "middle-east"]])
        add("real/yemen_data_project_airstrikes.csv", "Incident ID", nil,
            [[], ["--region", "yemen"], ["--region", "red-sea"], ["--region", "middle-east"], ["--view", "hexbin"], ["--month", "2016-01"]])
        add("real/acled_africa_2016_oldformat.csv", "event_id_cnty", "country",
            [[], ["--view", "hexbin"], ["--month", "2016-06"], ["--region", "red-sea"]])
        add("real/ucdp_ged_23.1_sample1000_global.csv", "id", "country",
            [ucdp, ucdp + ["--view", "hexbin"], ucdp + ["--region", "syria"], ucdp + ["--region", "levant"],
             ucdp + ["--region", "middle-east"], ucdp + ["--month", "2014-07"]])
        add("synthetic/syria-clustered-10k.csv", "event_id_cnty", "country",
            [[], ["--region", "syria"], ["--region", "levant"], ["--region", "iraq-syria"], ["--region", "eastern-syria"],
             ["--view", "hexbin"], ["--month", "2023-06"]])
        add("world", "event_id_cnty", "country", [[], ["--view", "hexbin"], ["--region", "middle-east"], ["--month", "2024-02"]])
        return out
    }()

    /// An ACLED export of the whole world, made up: 16 countries on five continents, their events
    /// around real places (a fixed seed, so the same file every run).
    static let world: String = {
        let places: [(String, Double, Double, Int)] = [
            ("Mexico", 19.4, -99.1, 120), ("Colombia", 4.7, -74.1, 90), ("Brazil", -22.9, -43.2, 60),
            ("Nigeria", 11.8, 13.2, 160), ("Democratic Republic of Congo", -1.7, 29.2, 140), ("Sudan", 15.6, 32.5, 130),
            ("Ethiopia", 11.6, 37.4, 80), ("Somalia", 2.0, 45.3, 90), ("Ukraine", 48.0, 37.8, 200), ("Syria", 36.2, 37.2, 150),
            ("Yemen", 15.4, 44.2, 120), ("Afghanistan", 34.5, 69.2, 70), ("Pakistan", 33.7, 71.5, 80), ("India", 34.1, 74.8, 40),
            ("Myanmar", 21.9, 96.1, 110), ("Philippines", 7.1, 125.6, 60)]
        var g = SplitMix(seed: 28)
        var rows = ["event_id_cnty,event_date,year,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,fatalities"]
        var n = 0
        for (country, lat, lon, count) in places {
            for i in 0..<count {
                n += 1
                let day = 1 + Int(g.unit() * 90)
                let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day - 1,
                                                                 to: DateComponents(calendar: Calendar(identifier: .gregorian),
                                                                                    timeZone: TimeZone(identifier: "UTC"), year: 2024, month: 1, day: 1).date!)!
                let f = DateFormatter()
                f.dateFormat = "yyyy-MM-dd"; f.timeZone = TimeZone(identifier: "UTC")
                let type = i % 3 == 0 ? "Battles,Armed clash" : i % 3 == 1 ? "Explosions/Remote violence,Shelling/artillery/missile attack"
                    : "Violence against civilians,Attack"
                rows.append("W\(n),\(f.string(from: date)),2024,\(type),Armed group,\(country),Region,Place \(i % 9),"
                            + String(format: "%.4f,%.4f", lat + (g.unit() - 0.5) * 1.2, lon + (g.unit() - 0.5) * 1.2) + ",\(i % 4)")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }()

    /// id → country of every row of a file (the file's own words; "Yemen" for the Yemen log).
    static func countries(_ text: String, id: String, country: String?) -> [String: String] {
        var rows = csvRows(text)
        guard !rows.isEmpty else { return [:] }
        let header = rows.removeFirst()
        guard let i = header.firstIndex(of: id) else { return [:] }
        let c = country.flatMap { header.firstIndex(of: $0) }
        var out: [String: String] = [:]
        for f in rows where i < f.count {
            out[f[i]] = c.map { $0 < f.count ? f[$0] : "" } ?? "Yemen"
        }
        return out
    }

    /// The rows of a CSV text: quoted fields may hold commas, quotes ("") and line breaks.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cur = "", quoted = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    let next = it.next()
                    if next == "\"" { cur.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else { cur.unicodeScalars.append(ch) }
            } else if ch == "\"" { quoted = true
            } else if ch == "," { row.append(cur); cur = ""
            } else if ch == "\n" { row.append(cur); rows.append(row); row = []; cur = ""
            } else if ch != "\r" { cur.unicodeScalars.append(ch) }
        }
        if !cur.isEmpty || !row.isEmpty { row.append(cur); rows.append(row) }
        return rows
    }

    /// Whether the title's place holds for the events counted, by country: "in N countries" counts
    /// them; "mostly in X" names the commonest; "in A, B and C" names every country (a region's
    /// name when nine in ten are in its countries); a region named for no country is not checked.
    static func placeHolds(_ title: String, counted: [String: Int], region: String?) -> String? {
        let total = counted.values.reduce(0, +)
        guard total > 0 else { return nil }
        let table = CountryTable.standard
        func key(_ s: String) -> String { table.key(s) }
        var byKey: [String: Int] = [:]
        for (c, n) in counted { byKey[key(c), default: 0] += n }
        if let r = title.range(of: #" in (\d+) countries$"#, options: .regularExpression) {
            let n = Int(title[r].split(separator: " ")[1]) ?? -1
            return n == byKey.count ? nil : "'\(title)': \(byKey.count) countries counted"
        }
        if let r = title.range(of: " mostly in ") {
            let named = key(String(title[r.upperBound...]))
            let top = byKey.max { $0.value < $1.value }!
            return named == top.key ? nil : "'\(title)': the commonest is \(top.key) (\(top.value) of \(total))"
        }
        guard let r = title.range(of: " in ", options: .backwards) else { return nil }
        var place = String(title[r.upperBound...])
        if place.hasPrefix("the ") { place.removeFirst(4) }
        let names = place.replacingOccurrences(of: " and ", with: ", ").components(separatedBy: ", ")
        let keys = Set(names.map(key))
        // A name that is no country (a region's: "Middle East", "Red Sea area"): not a claim about countries.
        guard keys.allSatisfy({ table.find($0) != nil }) else { return nil }
        let inNamed = keys.reduce(0) { $0 + (byKey[$1] ?? 0) }
        if region != nil, keys.count <= 2, inNamed * 10 >= total * 9 { return nil }
        return keys == Set(byKey.keys) ? nil : "'\(title)': the events counted are in \(byKey.sorted { $0.value > $1.value }.prefix(6))"
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.shared.appendingPathComponent("real").path), "../shared is not here"),
          arguments: Self.cases.indices)
    func aMapOfAnyExtentSaysNoMoreThanItsData(_ k: Int) throws {
        let c = Self.cases[k]
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path: String
        let text: String
        if c.file == "world" {
            path = dir.appendingPathComponent("acled_world_2024.csv").path
            text = Self.world
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } else {
            path = Self.shared.appendingPathComponent(c.file).path
            text = try String(contentsOfFile: path, encoding: .utf8)
        }
        let man = dir.appendingPathComponent("m.json")
        // The light theme without relief: its sea is one colour, to tell from land by pixel.
        let png = dir.appendingPathComponent("m.png")
        let r = try cli.run(["render", "--events", path, "--out", png.path, "--manifest", man.path, "--theme", "light", "--no-relief"]
                            + c.args)
        let label = "\(c.file) \(c.args.filter { !$0.contains("=") })"
        #expect(r.status == 0, "\(label): \(r.stderr)")
        guard r.status == 0 else { return }
        let m = try FurnitureCLITests.manifest(man)

        // No panel over a drawn mark.
        let covered = FurnitureCLITests.covered(m)
        #expect(covered.isEmpty, "\(label): \(covered.prefix(3))")

        // The period stated lies within the data's dates.
        let period = m["period"] as? [String: Any] ?? [:]
        if let first = period["dataFirst"] as? String, let last = period["dataLast"] as? String {
            if let from = period["from"] as? String { #expect(from >= first, "\(label): from \(from), data from \(first)") }
            if let to = period["to"] as? String { #expect(to <= last, "\(label): to \(to), data to \(last)") }
        }

        // The basemap covers the frame: no land past an extract drawn as sea.
        let world = FileManager.default.fileExists(atPath: CLITests.repoRoot.appendingPathComponent("Geo/basemap/world/basemap.json").path)
        if world {
            let leftOff = m["leftOff"] as? [String] ?? []
            #expect(!leftOff.contains { $0.contains("basemap") }, "\(label): \(leftOff)")
        }

        // No event on the sea where the basemap has land: a marker with sea nearly all around it
        // (14 of 16 points just outside its disc and badge) lies on open water. A few events may (a raid on a ship);
        // land drawn as sea puts whole countries' markers there.
        let markers = m["markers"] as? [[String: Any]] ?? []
        let image = try CairoSurfaceReader(path: png.path)
        let sea = Theme.light.style.sea
        let seaRGB = [sea.r, sea.g, sea.b].map { Int(($0 * 255).rounded()) }
        func isSea(_ p: (UInt8, UInt8, UInt8)) -> Bool {
            abs(Int(p.0) - seaRGB[0]) <= 3 && abs(Int(p.1) - seaRGB[1]) <= 3 && abs(Int(p.2) - seaRGB[2]) <= 3
        }
        var atSea = 0
        for mk in markers {
            guard let x = mk["x"] as? Double, let y = mk["y"] as? Double, let radius = mk["radius"] as? Double else { continue }
            let ring = (0..<16).map { k -> (Double, Double) in
                let t = Double(k) * .pi / 8
                return (x + cos(t) * (radius + 6), y + sin(t) * (radius + 6))
            }
            guard ring.allSatisfy({ image.contains($0.0, $0.1) }) else { continue }
            if ring.filter({ isSea(image.pixel(Int($0.0), Int($0.1))) }).count >= 14 { atSea += 1 }
        }
        // (A marker over a small island has sea all around it too: a few are allowed.)
        #expect(atSea <= max(3, markers.count / 20), "\(label): \(atSea) of \(markers.count) markers have sea all around")

        // The title's place holds for the events counted (markers list their events' ids).
        guard !markers.isEmpty else { return }
        let byID = Self.countries(text, id: c.id, country: c.country)
        var counted: [String: Int] = [:]
        var unknown = 0
        for mk in markers {
            for id in mk["eventIDs"] as? [String] ?? [] {
                // ACLED's id, or the reader's own (file:line) where a row has none.
                if let country = byID[id], !country.isEmpty { counted[country, default: 0] += 1 } else { unknown += 1 }
            }
        }
        #expect(unknown * 20 <= max(1, counted.values.reduce(0, +)), "\(label): \(unknown) drawn events not found in the file by id")
        let region = c.args.firstIndex(of: "--region").map { c.args[$0 + 1] }
        let title = m["title"] as? String ?? ""
        if let wrong = Self.placeHolds(title, counted: counted, region: region) { Issue.record("\(label): \(wrong)") }
    }
}
