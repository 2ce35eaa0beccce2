import Foundation
import Testing

/// Whether `../shared/real` is beside the clone (a suite's trait cannot name the suite itself).
enum SharedFiles {
    static let real = CLITests.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/real")
    static let realPresent = FileManager.default.fileExists(atPath: real.path)
}

/// Real third-party files (`../shared/real/`, never committed: ACLED's terms), rendered as a new
/// user would, unedited: each map's title, legend and caption describe that data and nothing
/// else, and its counts add up to the rows in the file. Reported as skipped where the folder is
/// not beside the clone (CI requires it: `.ci/run`); a file missing from the folder fails.
@Suite(.enabled(if: SharedFiles.realPresent, "needs ../shared/real beside the clone"))
struct RealFileMapTests {
    let cli = CLITests()
    static let real = SharedFiles.real

    /// The file's path; the test fails, naming it, when the folder lacks it.
    func path(_ name: String) throws -> String {
        let p = Self.real.appendingPathComponent(name).path
        return try #require(FileManager.default.fileExists(atPath: p) ? p : nil, "\(p) is missing from shared/real")
    }

    struct Map {
        var status: Int32
        var stderr: String
        var caption: String
        var manifest: [String: Any]
        var title: String { manifest["title"] as? String ?? "" }
        var subtitle: String { manifest["subtitle"] as? String ?? "" }
        var legend: [String] { manifest["legend"] as? [String] ?? [] }
        var input: [String: Any] { manifest["input"] as? [String: Any] ?? [:] }
        var drawn: Int { input["drawn"] as? Int ?? -1 }
        var rowsRead: Int { input["rowsRead"] as? Int ?? -1 }
        /// Every number in brackets in the legend, added up (but the row of events placed at an
        /// area's centre, which counts some of the classes' events again).
        var legendTotal: Int {
            legend.filter { !$0.hasPrefix("Of these, at") }.compactMap { r -> Int? in
                guard r.hasSuffix(")"), let open = r.lastIndex(of: "(") else { return nil }
                return Int(r[r.index(after: open)..<r.index(before: r.endIndex)].replacingOccurrences(of: ",", with: ""))
            }.reduce(0, +)
        }
        /// Words no map of other people's data may carry.
        func saysNothingOfTheSample() {
            for text in legend + [title, subtitle, caption] {
                #expect(!text.contains("US"), "\(text)")
                #expect(!text.contains("coalition"), "\(text)")
                #expect(!text.contains("Pentagon"), "\(text)")
            }
        }
    }

    func render(_ args: [String]) throws -> Map {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--out", dir.appendingPathComponent("map.png").path, "--manifest", man.path,
                             "--caption", "-"] + args)
        let m = (try? JSONSerialization.jsonObject(with: Data(contentsOf: man))) as? [String: Any] ?? [:]
        return Map(status: r.status, stderr: r.stderr, caption: r.stdout, manifest: m)
    }

    /// A region preset's frame widened past the committed extract (middle-east on Afghanistan's
    /// events reaches 13°E–75°E) is drawn on the world layers: Libya, Niger and Chad are land, not
    /// sea. Without the world layers, the map says that land past the extract is not drawn.
    @Test func landPastTheExtractIsLandOrSaidToBeMissing() throws {
        let file = try path("acled_afghanistan_2020.csv")
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("map.png"), man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--events", file, "--region", "middle-east", "--theme", "light", "--no-relief",
                             "--out", png.path, "--manifest", man.path])
        #expect(r.status == 0, "\(r.stderr)")
        let m = (try JSONSerialization.jsonObject(with: Data(contentsOf: man))) as? [String: Any] ?? [:]
        let missing = (m["leftOff"] as? [String] ?? []).contains { $0.contains("basemap extract") }
        let world = FileManager.default.fileExists(atPath: CLITests.repoRoot.appendingPathComponent("Geo/basemap/world/basemap.json").path)
        #expect(missing == !world, "world layers installed: \(world); left off: \(m["leftOff"] ?? "none")")
        guard world, let f = m["mapFrame"] as? [Double] else { return }
        // The frame's left edge, from 45% to 75% of its height: the Sahara, where the extract
        // alone drew sea (#DDEBF2 in the light theme).
        let image = try CairoSurfaceReader(path: png.path)
        let ys = stride(from: f[1] + 0.45 * f[3], to: f[1] + 0.75 * f[3], by: 2).map { Int($0) }
        let sea = ys.filter { image.pixel(Int(f[0]) + 4, $0) == (221, 235, 242) }.count
        #expect(sea * 10 < ys.count, "\(sea) of \(ys.count) pixels on the left edge are sea")
    }

    /// Events placed only at an area's centre are shown as such (issue: uncertainty shown
    /// honestly), counted against an independent count of the data's own precision codes
    /// (`scripts/ucdp_layouts.py`, Python's csv module): UCDP's where_prec 3 to 7 in Syria.
    @Test func eventsAtAnAreasCentreAreMarkedAndCounted() throws {
        let ucdp = try path("ucdp_ged_23.1_sample1000_global.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLITests.repoRoot.appendingPathComponent("scripts/ucdp_layouts.py").path, "count", ucdp, "Syria"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let count = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let total = try #require(count["rows"] as? Int)
        let codes = try #require(count["where_prec"] as? [String: Int])
        let coarse = ["3", "4", "5", "6", "7"].reduce(0) { $0 + (codes[$1] ?? 0) }
        #expect(total == 265 && coarse > 0)

        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("map.png"), man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--events", ucdp, "--country", "Syria", "--view", "markers", "--theme", "light",
                             "--out", png.path, "--manifest", man.path, "--caption", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any])
        let legend = m["legend"] as? [String] ?? []
        let markers = m["markers"] as? [[String: Any]] ?? []
        #expect(legend.contains { $0.hasPrefix("Of these, at a") && $0.hasSuffix("(\(coarse))") }, "\(legend)")
        let hatched = markers.filter { $0["coarse"] != nil }
        #expect(hatched.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == coarse)
        #expect(r.stdout.contains("\(coarse) of the \(total) events are placed only at the centre of"), "\(r.stdout)")
        #expect(r.stdout.contains("(drawn hatched)"))
        #expect((m["title"] as? String ?? "").contains("involving"), "\(m["title"] ?? "")")
        #expect((m["footer"] as? String ?? "").contains("UCDP"))
        // On the page: a hatched marker holds both paper and its colour; a solid one its colour only.
        let image = try CairoSurfaceReader(path: png.path)
        func shares(_ mk: [String: Any]) -> (paper: Double, ink: Double) {
            let x = mk["x"] as? Double ?? 0, y = mk["y"] as? Double ?? 0, rr = (mk["radius"] as? Double ?? 0) * 0.6
            var paper = 0, ink = 0, n = 0
            for dx in stride(from: -rr, through: rr, by: 1) { for dy in stride(from: -rr, through: rr, by: 1) where dx * dx + dy * dy <= rr * rr {
                let px = image.pixel(Int(x + dx), Int(y + dy))
                n += 1
                if px.0 > 235 && px.1 > 235 && px.2 > 235 { paper += 1 } else if Int(px.0) + Int(px.1) + Int(px.2) < 600 { ink += 1 }
            } }
            return (Double(paper) / Double(max(n, 1)), Double(ink) / Double(max(n, 1)))
        }
        let big = hatched.filter { ($0["radius"] as? Double ?? 0) > 12 && ($0["countBox"] == nil) }
        if let h = big.first ?? hatched.first {
            let s = shares(h)
            #expect(s.paper > 0.2 && s.ink > 0.2, "hatched marker: \(s)")
        }
        if let solid = markers.first(where: { $0["coarse"] == nil && $0["hollow"] as? Bool == false && ($0["count"] as? Int ?? 0) == 1 }) {
            #expect(shares(solid).paper < 0.05, "solid marker: \(shares(solid))")
        }

        // exact-only: they are left off, and the map says so.
        let exact = try render(["--events", ucdp, "--country", "Syria", "--precision", "exact-only"])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.drawn == total - coarse)
        #expect((exact.input["removedByFilter"] as? [String: Int])?["place precision"] == coarse)
        #expect((exact.manifest["footer"] as? String ?? "").contains("\(coarse) events placed only at the centre of a district, province or country are left off (--precision exact-only)"))
        #expect(!exact.legend.contains { $0.contains("placed at") })
        // hide: drawn like the rest, but the caption still says how many stand for an area.
        let hide = try render(["--events", ucdp, "--country", "Syria", "--view", "markers", "--precision", "hide"])
        #expect(hide.drawn == total)
        #expect(((hide.manifest["markers"] as? [[String: Any]]) ?? []).allSatisfy { $0["coarse"] == nil })
        #expect(hide.caption.contains("\(coarse) of the \(total) events are placed only at the centre of") && !hide.caption.contains("drawn hatched"))
        // A density view counts them where they are placed, and says so; --coarse drop leaves
        // them out of it (not out of a map of markers).
        let hex = try render(["--events", ucdp, "--country", "Syria", "--view", "hexbin"])
        #expect(hex.drawn == total && hex.caption.contains("the density view counts them there"), "\(hex.caption)")
        let dropped = try render(["--events", ucdp, "--country", "Syria", "--view", "hexbin", "--coarse", "drop"])
        #expect(dropped.drawn == total - coarse)
        #expect((dropped.input["removedByFilter"] as? [String: Int])?["place precision"] == coarse)
        #expect((dropped.manifest["footer"] as? String ?? "").contains("left off (--coarse drop)"))
        let kept = try render(["--events", ucdp, "--country", "Syria", "--view", "markers", "--coarse", "drop"])
        #expect(kept.drawn == total)
        // Deaths say which of UCDP's estimates they are.
        let deaths = try render(["--events", ucdp, "--country", "Syria", "--view", "hexbin", "--weight", "fatalities"])
        #expect(deaths.legend.first?.hasPrefix("Reported deaths (best estimate) per hexagon") == true, "\(deaths.legend)")
        // The Yemen log's raids all sit at district centres, and its map says so.
        let yemen = try render(["--events", try path("yemen_data_project_airstrikes.csv")])
        let grouped = String(yemen.drawn / 1000) + "," + String(format: "%03d", yemen.drawn % 1000)
        #expect(yemen.drawn > 1000)
        #expect(yemen.caption.contains("All \(grouped) events are placed only at the centre of a district"), "\(yemen.caption)")
    }

    /// A store keeps what UCDP says of spans and estimates: its lists and maps are the file's,
    /// byte for byte (the timeline spreads spans alike); a store made before those columns is
    /// read without them, and the next import adds them.
    @Test func aStoreKeepsSpansAndEstimates() throws {
        let ucdp = try path("ucdp_ged_23.1_sample1000_global.csv")
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", ucdp, "--into", store, "--quiet").status == 0)
        let fromFile = try cli.strikemap("events", "--events", ucdp, "--format", "json")
        let fromStore = try cli.strikemap("events", "--events", store, "--format", "json")
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(fromFile.stdout.contains("\"killed_high\"") && fromFile.stdout.contains("\"date_end\""))
        #expect(fromStore.stdout == fromFile.stdout)
        // So does a list written as StrikeMap CSV and read back.
        let csv = dir.appendingPathComponent("list.csv")
        try cli.strikemap("events", "--events", ucdp, "--format", "csv").stdout.write(to: csv, atomically: true, encoding: .utf8)
        let fromList = try cli.strikemap("events", "--events", csv.path, "--format", "json")
        #expect(fromList.status == 0, "\(fromList.stderr)")
        #expect(fromList.stdout == fromFile.stdout)
        let geojson = dir.appendingPathComponent("list.geojson")
        try cli.strikemap("events", "--events", ucdp, "--format", "geojson").stdout.write(to: geojson, atomically: true, encoding: .utf8)
        let fromFeatures = try cli.strikemap("events", "--events", geojson.path, "--format", "json")
        #expect(fromFeatures.status == 0, "\(fromFeatures.stderr)")
        #expect(fromFeatures.stdout == fromFile.stdout)
        for extra in [["--country", "Syria", "--timeline"], ["--country", "Afghanistan", "--size-by", "casualties", "--view", "markers"]] {
            let a = dir.appendingPathComponent("a.svg").path, b = dir.appendingPathComponent("b.svg").path
            let r1 = try cli.run(["render", "--quiet", "--events", ucdp, "--out", a] + extra)
            let r2 = try cli.run(["render", "--quiet", "--events", store, "--out", b] + extra)
            #expect(r1.status == 0 && r2.status == 0, "\(r2.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)), "\(extra)")
        }
        // An older store: the four columns dropped (OGR SQL), as a store made before them.
        let later = ["date_end", "date_precision", "killed_low", "killed_high"]
        for column in later {
            _ = try CLITests.runTool("/usr/bin/ogrinfo", [store, "-q", "-dialect", "OGRSQL", "-sql", "ALTER TABLE events DROP COLUMN \(column)"])
        }
        let dropped = try CLITests.runTool("/usr/bin/ogrinfo", [store, "-so", "events"])
        #expect(dropped.contains("killed:") && !later.contains { dropped.contains($0 + ":") }, "\(dropped)")
        let old = try cli.strikemap("events", "--events", store, "--format", "json")
        #expect(old.status == 0, "\(old.stderr)")
        #expect(!old.stdout.contains("\"killed_high\"") && old.stdout.contains("\"killed\""))
        #expect(try cli.strikemap("import", ucdp, "--into", store, "--quiet").status == 0)
        let info = try CLITests.runTool("/usr/bin/ogrinfo", [store, "-so", "events"])
        for column in later { #expect(info.contains(column + ":"), "\(column)") }
    }

    @Test func acledAfghanistan2020() throws {
        let file = try path("acled_afghanistan_2020.csv")
        let m = try render(["--events", file])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.rowsRead == 496)
        #expect(m.drawn == 496)
        #expect(m.legendTotal == 496)
        #expect(m.title.hasPrefix("Battles"), "\(m.title)")
        #expect(m.title.hasSuffix("in Afghanistan"), "\(m.title)")
        #expect(m.legend.contains { $0.hasPrefix("Battles (") }, "\(m.legend)")
        #expect(m.caption.contains("496") || m.subtitle.contains("located"))
        m.saysNothingOfTheSample()
        // The source line credits ACLED (its terms ask for it), and not the gazetteer, which placed nothing.
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("afg.svg")
        let r = try cli.run(["render", "--events", file, "--out", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        // The five labels named of the many dropped end with an ellipsis: the list is not whole.
        if let dropped = r.stderr.firstMatch(of: /(\d+) labels dropped for lack of room \(([^)]*)\)/), let n = Int(dropped.1), n > 5 {
            #expect(dropped.2.hasSuffix("; …") && dropped.2.split(separator: ";").count == 6, "\(dropped.2)")
        }
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.contains("Events: ACLED (Armed Conflict Location &amp; Event Data), acled_afghanistan_2020.csv"))
        #expect(!text.contains("StrikeMap gazetteer"))
        // Colour by actor, with a shorter name: the legend names the actors, the title what happened.
        let a = try render(["--events", file, "--color-by", "actor", "--actor-label", "Military Forces of Afghanistan (2014-)=Afghan forces"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.legend.contains { $0.hasPrefix("Taliban (") }, "\(a.legend)")
        #expect(a.legend.contains { $0.hasPrefix("Afghan forces (") }, "\(a.legend)")
        #expect(a.legendTotal == 496)
    }

    @Test func acledAfricaOldLayout() throws {
        let file = try path("acled_africa_2016_oldformat.csv")
        let m = try render(["--events", file])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.rowsRead == 500)
        #expect(m.drawn + ((m.input["removedByFilter"] as? [String: Int])?.values.reduce(0, +) ?? 0)
                + (m.input["invalid"] as? Int ?? 0) + (m.input["duplicates"] as? Int ?? 0) == 500)
        #expect(m.legendTotal == m.drawn)
        #expect(m.legend.contains { $0.hasPrefix("Riots/Protests (") }, "\(m.legend)")
        m.saysNothingOfTheSample()
        // A continent's map names the towns near its events, not capitals on other continents.
        let labels = (m.manifest["labels"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "city" }.compactMap { $0["text"] as? String }
        #expect(labels.contains("Nairobi") || labels.contains("Cairo") || labels.contains("Lagos"), "\(labels)")
        for far in ["Brasilia", "New Delhi", "Bangkok", "Washington, D.C.", "Beijing"] { #expect(!labels.contains(far), "\(far) on an Africa map") }
        #expect((m.manifest["projection"] as? String ?? "").hasPrefix("+proj=laea"))
        // One name for one place: no town is labelled beside an event site of its name (Rabat,
        // Algiers, Dakar and Lusaka were named twice, as a town and as a site).
        let all = m.manifest["labels"] as? [[String: Any]] ?? []
        func name(_ l: [String: Any]) -> String {
            let t = (l["text"] as? String ?? "").lowercased()
            return t.hasSuffix(" area") ? String(t.dropLast(5)) : t
        }
        func centre(_ l: [String: Any]) -> (Double, Double) {
            ((l["x"] as? Double ?? 0) + (l["width"] as? Double ?? 0) / 2, (l["y"] as? Double ?? 0) + (l["height"] as? Double ?? 0) / 2)
        }
        let sites = all.filter { $0["role"] as? String == "site" }
        for town in all where town["role"] as? String == "city" {
            let (x, y) = centre(town)
            // 30 mm at 200 dpi: labels of one place, not two places of one name.
            #expect(!sites.contains { name($0) == name(town) && hypot(centre($0).0 - x, centre($0).1 - y) < 236 }, "\(town["text"] ?? "") twice")
        }
        // One country, by any of its names.
        for c in ["SO", "SOM", "Somalia"] {
            let s = try render(["--events", file, "--country", c])
            #expect(s.status == 0, "\(s.stderr)")
            #expect(s.title.hasSuffix("in Somalia"), "\(c): \(s.title)")
            #expect(s.drawn > 0)
        }
    }

    @Test func yemenDataProjectAirRaids() throws {
        let file = try path("yemen_data_project_airstrikes.csv")
        let m = try render(["--events", file])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.rowsRead == 16_749)
        // 13 raids of Al-Hada, Dhamar, are geocoded near Makkah: the frame fitted to the log leaves
        // them out (it gave half the map to the Saudi desert) and the map says so, with where.
        #expect(m.drawn == 16_718)
        #expect(m.legendTotal == 16_718)
        #expect((m.input["removedByFilter"] as? [String: Int])?["far from the rest"] == 13, "\(m.input)")
        let stray = "13 events far from all the others are not on the map: Al-Hada, Dhamar (13) at 21.36°N 40.28°E."
        #expect((m.manifest["footer"] as? String ?? "").hasSuffix("\n" + stray), "\(m.manifest["footer"] ?? "")")
        #expect(m.caption.contains(stray), "\(m.caption)")
        #expect(((m.manifest["frameBox"] as? [Double]) ?? [])[3] < 20, "\(m.manifest["frameBox"] ?? "")")
        #expect(m.title == "Air raids in Yemen", "\(m.title)")
        #expect(m.legend.contains("Air raid (16,718)"), "\(m.legend)")
        // The log names no actor: the map names none.
        #expect(!m.title.contains(" by "))
        #expect(!(m.title + m.caption).contains("Saudi"))
        m.saysNothingOfTheSample()
        // The log says nothing of how sure each raid is: the map does not call them confirmed.
        let c = try render(["--events", file, "--color-by", "confidence", "--from", "2016-01-01", "--to", "2016-01-31"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.legend.contains { $0.hasPrefix("Confidence not stated (") }, "\(c.legend)")
        #expect(!c.legend.contains { $0.lowercased().hasPrefix("confirmed") })
        // Framed where they are, on a Red Sea map, they are drawn where the log puts them, and said to be
        // outside the country their rows name.
        let wide = try render(["--events", file, "--region", "red-sea"])
        #expect(wide.stderr.contains("13 events lie outside the country their rows name"), "\(wide.stderr)")
        #expect(wide.caption.contains("13 events lie outside the country the data names for them"), "\(wide.caption)")
        // 18 rows without coordinates are reported, in one line, not dropped in silence: on
        // stderr, and on the map itself (its footer), in its caption and in its manifest.
        #expect(m.stderr.contains("18"), "\(m.stderr)")
        let note = "18 of 16,749 rows not mapped: no place given."
        #expect((m.manifest["footer"] as? String ?? "").contains("\n" + note), "\(m.manifest["footer"] ?? "")")
        #expect(m.caption.contains(note), "\(m.caption)")
        let reasons = m.input["invalidReasons"] as? [[String: Any]] ?? []
        #expect(reasons.count == 1 && reasons.first?["reason"] as? String == "no place given"
                && reasons.first?["count"] as? Int == 18, "\(reasons)")
    }

    @Test func areasAreALayerNotEvents() throws {
        let file = try path("iraq_governorates_simplemaps.geojson")
        let asEvents = try render(["--events", file])
        #expect(asEvents.status == 65)
        #expect(asEvents.stderr.contains("--layer"), "\(asEvents.stderr)")
        let asLayer = try render(["--region", "iraq", "--layer", "\(file):name=Governorates,label=name"])
        #expect(asLayer.status == 0, "\(asLayer.stderr)")
        #expect(asLayer.legend.contains("Governorates"))
        // Areas are labelled inside themselves, with the other labels, never over one.
        let userLabels = (asLayer.manifest["labels"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "user" }
        #expect(userLabels.count >= 3, "\(userLabels)")
        let afg = try path("acled_afghanistan_2020.csv")
        let shp = Self.real.appendingPathComponent("afg_adm1_shapefile/afg_admbnda_adm1_agcho_20180522.shp").path
        let both = try render(["--events", afg, "--layer", "\(shp):label=ADM1_EN,name=Provinces (OCHA)"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.legend.contains("Provinces (OCHA)"))
        #expect(both.drawn == 496)
    }

    /// A choropleth framed to fit the events holds its counted areas whole: Afghanistan's events
    /// end near Lashkar Gah, but Helmand, Kandahar and Nimroz run to the border at 29.4°N (the
    /// frame cut them in half); the bounding box of every counted province lies in the frame.
    @Test func aChoroplethFrameHoldsItsAreas() throws {
        let afg = try path("acled_afghanistan_2020.csv")
        let shp = Self.real.appendingPathComponent("afg_adm1_shapefile/afg_admbnda_adm1_agcho_20180522.shp").path
        let m = try render(["--events", afg, "--view", "choropleth", "--by-layer", "\(shp):ADM1_EN"])
        #expect(m.status == 0, "\(m.stderr)")
        let f = m.manifest["frameBox"] as? [Double] ?? []
        // Afghanistan: 60.5-75.2°E, 29.4-38.5°N.
        #expect(f.count == 4 && f[0] <= 60.5 && f[1] <= 29.4 && f[2] >= 75.0 && f[3] >= 38.4, "\(f)")
        // Markers are framed on their events still.
        let markers = try render(["--events", afg])
        let g = markers.manifest["frameBox"] as? [Double] ?? []
        #expect(g.count == 4 && g[1] > f[1], "\(g) against \(f)")
    }

    /// Every map of the real and synthetic files — with each region preset that overlaps the data,
    /// a density view and a month — keeps its panels off the drawn marks (read from the manifest).
    static let furnitureCases: [(file: String, args: [String])] = [
        ("real/acled_afghanistan_2020.csv", []),
        ("real/acled_afghanistan_2020.csv", ["--view", "hexbin"]),
        ("real/acled_afghanistan_2020.csv", ["--month", "2020-03"]),
        ("real/yemen_data_project_airstrikes.csv", []),
        ("real/yemen_data_project_airstrikes.csv", ["--region", "yemen"]),
        ("real/yemen_data_project_airstrikes.csv", ["--region", "red-sea"]),
        ("real/yemen_data_project_airstrikes.csv", ["--region", "yemen", "--view", "hexbin"]),
        ("real/yemen_data_project_airstrikes.csv", ["--month", "2016-01"]),
        ("real/acled_africa_2016_oldformat.csv", []),
        ("real/acled_africa_2016_oldformat.csv", ["--view", "hexbin"]),
        ("synthetic/syria-clustered-10k.csv", []),
        ("synthetic/syria-clustered-10k.csv", ["--region", "syria"]),
        ("synthetic/syria-clustered-10k.csv", ["--region", "levant", "--view", "hexbin"]),
        ("synthetic/syria-clustered-10k.csv", ["--region", "eastern-syria", "--month", "2023-06"]),
        ("synthetic/syria-clustered-10k.csv", ["--region", "iraq-syria", "--view", "cluster"]),
        ("synthetic/syria-clustered-10k.csv", ["--region", "middle-east", "--view", "grid"]),
    ]

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.real.path), "../shared/real is not here"),
          arguments: Self.furnitureCases.indices)
    func noPanelCoversADrawnMark(_ i: Int) throws {
        let (file, args) = Self.furnitureCases[i]
        let path = Self.real.deletingLastPathComponent().appendingPathComponent(file).path
        let m = try render(["--events", path] + args)
        #expect(m.status == 0, "\(file) \(args): \(m.stderr)")
        let covered = FurnitureCLITests.covered(m.manifest)
        #expect(covered.isEmpty, "\(file) \(args): \(covered.prefix(3))")
        // Every panel drawn is listed with its box; a legend always is.
        #expect((m.manifest["legendBox"] as? [Double])?.count == 4, "\(file) \(args)")
    }
}
