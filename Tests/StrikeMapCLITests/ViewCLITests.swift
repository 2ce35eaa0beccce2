import Foundation
import Testing
@testable import StrikeMapRender

/// `--view` and the density flags from the command line: what stderr says, and the errors for
/// settings that do not fit.
@Suite struct ViewCLITests {
    let cli = CLITests()

    /// 600 events at 600 places around two cities, as CSV.
    static let dense: String = {
        var rows = ["id,date,lat,lon,kind,killed"]
        for i in 0..<600 {
            let c = i % 2 == 0 ? (36.2, 37.15) : (33.5, 36.3)
            let a = Double(i) * 2.399, r = 0.02 * Double(i).squareRoot()
            rows.append("e\(i),2021-05-\(String(format: "%02d", 1 + i % 28)),\(String(format: "%.4f", c.0 + r * cos(a))),\(String(format: "%.4f", c.1 + r * sin(a))),strike,\(i % 3)")
        }
        return rows.joined(separator: "\n") + "\n"
    }()

    @Test func viewsSayWhatTheyDrew() throws {
        let out = MapDocumentCLITests.temp("png"), manifest = MapDocumentCLITests.temp("json")
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: manifest) }
        let hex = try cli.strikemap("render", "--events", "-", "--region", "syria", "--view", "hexbin", "--cell", "5mm",
                                    "--classes", "jenks:4", "--ramp", "viridis-r", "--weight", "fatalities",
                                    "--out", out, "--manifest", manifest, stdin: Self.dense)
        #expect(hex.status == 0, "\(hex.stderr)")
        #expect(hex.stderr.contains("600 drawn as a hexbin of"), "\(hex.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        let d = m["density"] as! [String: Any]
        #expect(d["weight"] as? String == "fatalities" && d["ramp"] as? String == "viridis-r" && d["cellSizeMM"] as? Double == 5)
        let cells = d["cells"] as! [[String: Any]]
        // Fatalities: 0, 1, 2 repeating: 600 events report 600 deaths.
        #expect(cells.reduce(0.0) { $0 + ($1["value"] as! Double) } == 600)
        // auto says which view it chose, and why.
        let auto = try cli.strikemap("render", "--events", "-", "--region", "syria", "--out", out, stdin: Self.dense)
        #expect(auto.status == 0)
        #expect(auto.stderr.contains("view: 600 events at 600 places"), "\(auto.stderr)")
    }

    @Test func choroplethByAFileCountsInItsAreasAndCreditsIt() throws {
        let zone = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/layers/zone.geojson").path
        // The test zone spans 39.0-40.6 E, 31.2-32.2 N: three events inside, one outside.
        let csv = "id,date,lat,lon,kind\na,2021-05-01,31.5,39.5,strike\nb,2021-05-02,31.6,39.6,strike\nc,2021-05-03,32.0,40.0,strike\nd,2021-05-04,33.5,36.3,strike\n"
        let out = MapDocumentCLITests.temp("png"), manifest = MapDocumentCLITests.temp("json")
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: manifest) }
        let r = try cli.strikemap("render", "--events", "-", "--bbox", "36,30,42,34", "--view", "choropleth", "--by-layer", zone + ":name",
                                  "--out", out, "--manifest", manifest, "--caption", "-", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        let d = m["density"] as! [String: Any]
        let areas = d["areas"] as! [[String: Any]]
        #expect(areas.count == 1 && areas[0]["name"] as? String == "Test zone" && areas[0]["count"] as? Int == 3, "\(areas)")
        #expect(d["outsideAreas"] as? Int == 1)
        #expect(r.stderr.contains("1 outside every area, not counted"), "\(r.stderr)")
        #expect(r.stdout.contains("the most were in Test zone (3)"), "\(r.stdout)")
        let bad = try cli.strikemap("render", "--events", "-", "--bbox", "36,30,42,34", "--view", "choropleth", "--by-layer", zone + ":NAME",
                                    "--out", out, stdin: csv)
        #expect(bad.status != 0 && bad.stderr.contains("no field 'NAME'") && bad.stderr.contains("'name'"), "\(bad.stderr)")
    }

    @Test func settingsThatDoNotFitAreRefused() throws {
        let heat = try cli.strikemap("render", "--view", "heatmap", "--cell", "4mm")
        #expect(heat.status == 64)
        #expect(heat.stderr.contains("--cell applies to --view grid or hexbin"), "\(heat.stderr)")
        let classes = try cli.strikemap("render", "--view", "hexbin", "--classes", "natural:3")
        #expect(classes.status == 64 && classes.stderr.contains("auto, quantile, jenks, equal or headtail"), "\(classes.stderr)")
        let ramp = try cli.strikemap("render", "--view", "hexbin", "--ramp", "rainbow")
        #expect(ramp.status == 64 && ramp.stderr.contains("viridis"), "\(ramp.stderr)")
        let cell = try cli.strikemap("render", "--view", "hexbin", "--cell", "1km")
        #expect(cell.status == 64 && cell.stderr.contains("a length on the page"), "\(cell.stderr)")
        let by = try cli.strikemap("render", "--view", "choropleth", "--by-layer", "areas.geojson")
        #expect(by.status == 64 && by.stderr.contains("the field naming its areas"), "\(by.stderr)")
        let help = try cli.strikemap("render", "--help")
        #expect(help.stdout.contains("--view") && help.stdout.contains("--max-shift") && help.stdout.contains("--by-layer"))
    }
}

/// Counts on markers stay whole: a smaller marker of another kind drawn over a larger one's
/// centre does not cut its number (a 14 read "1"); counts are printed over every marker and,
/// where two would overlap, the smaller marker's is left off.
@Suite struct MarkerCountTests {
    let cli = CLITests()

    func render(_ csv: String, _ dir: URL, _ name: String) throws -> (RasterImage, [[String: Any]]) {
        let png = dir.appendingPathComponent("\(name).png"), man = dir.appendingPathComponent("\(name).json")
        let r = try cli.strikemap("render", "--events", "-", "--region", "iraq-syria", "--max-shift", "0", "--no-relief",
                                  "--out", png.path, "--manifest", man.path, stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        return (try CairoSurface(pngFile: png.path).raster(), m["markers"] as? [[String: Any]] ?? [])
    }

    /// Coloured by weapon, markers carry no weapon badge: the legend names each weapon once.
    @Test func coloursByWeaponNeedNoBadges() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = "id,date,lat,lon,kind,weapon\nd1,2023-11-01,33.0,41.0,strike,drone\nd2,2023-11-02,33.0,41.0,strike,drone\n"
            + "r1,2023-11-03,34.0,43.0,attack,rocket\n"
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.strikemap("render", "--events", "-", "--color-by", "weapon", "--out", dir.appendingPathComponent("m.png").path,
                                  "--manifest", man.path, stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        let legend = m["legend"] as? [String] ?? []
        #expect(legend.filter { $0.hasPrefix("Drone") } == ["Drone (2)"], "\(legend)")
        #expect(legend.filter { $0.hasPrefix("Rocket") } == ["Rocket (1)"], "\(legend)")
        #expect((m["markers"] as? [[String: Any]] ?? []).allSatisfy { $0["weapon"] == nil })
        // Coloured by type, the same markers keep their badges.
        let typed = try cli.strikemap("render", "--events", "-", "--out", dir.appendingPathComponent("t.png").path,
                                      "--manifest", man.path, stdin: csv)
        #expect(typed.status == 0)
        let t = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        #expect((t["markers"] as? [[String: Any]] ?? []).contains { $0["weapon"] as? String == "drone" })
    }

    @Test func aSmallerMarkerOverALargerOneLeavesItsCountWhole() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "id,date,lat,lon,kind\n"
        for i in 0..<14 { csv += "s\(i),2023-11-\(String(format: "%02d", i + 1)),33.0,41.0,strike\n" }
        let (alone, aloneMarkers) = try render(csv, dir, "alone")
        for i in 0..<3 { csv += "a\(i),2023-11-0\(i + 1),33.0,41.05,attack\n" }
        let (both, markers) = try render(csv, dir, "both")
        let big = try #require(markers.first { $0["count"] as? Int == 14 })
        let small = try #require(markers.first { $0["count"] as? Int == 3 })
        let box = try #require(big["countBox"] as? [Double])
        #expect(box == aloneMarkers.first?["countBox"] as? [Double])
        // The premise: the attacks' marker, drawn after (over) the strikes', reaches into the number.
        let sx = small["x"] as? Double ?? 0, sy = small["y"] as? Double ?? 0, sr = small["radius"] as? Double ?? 0
        let reach = CanvasRect(x: sx - sr, y: sy - sr, width: 2 * sr, height: 2 * sr)
        #expect(reach.intersects(CanvasRect(x: box[0], y: box[1], width: box[2], height: box[3])), "\(reach) \(box)")
        // Every light pixel of the number drawn alone is light with the other marker over it.
        var digits = 0, kept = 0
        for y in Int(box[1])..<Int(box[1] + box[3]) {
            for x in Int(box[0])..<Int(box[0] + box[2]) {
                guard let a = alone.pixel(x: x, y: y), min(a.r, a.g, a.b) > 230 else { continue }
                digits += 1
                if let b = both.pixel(x: x, y: y), min(b.r, b.g, b.b) > 200 { kept += 1 }
            }
        }
        #expect(digits > 20 && kept == digits, "\(kept) of \(digits) pixels of the 14 kept")
        // No two printed counts overlap.
        let boxes = markers.compactMap { $0["countBox"] as? [Double] }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = CanvasRect(x: boxes[i][0], y: boxes[i][1], width: boxes[i][2], height: boxes[i][3])
                let b = CanvasRect(x: boxes[j][0], y: boxes[j][1], width: boxes[j][2], height: boxes[j][3])
                #expect(!a.intersects(b), "\(a) \(b)")
            }
        }
    }
}
