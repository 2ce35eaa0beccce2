import Dispatch
import Foundation
import Testing
import StrikeMapTestSupport
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Runs the built `strikemap` executable as a user would.
@Suite struct CLITests {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static let binary = StrikeMapProcess.binary

    /// The package's folder (Data/, Tests/Fixtures/).
    static let repoRoot = StrikeMapProcess.repoRoot

    func strikemap(_ args: String..., stdin: String? = nil, cwd: URL? = nil) throws -> Result {
        try run(args, stdin: stdin, cwd: cwd)
    }

    func run(_ args: [String], stdin: String? = nil, cwd: URL? = nil) throws -> Result {
        let r = try StrikeMapProcess.run(args, stdin: stdin.map { Data($0.utf8) }, cwd: cwd)
        return Result(status: r.status, stdout: r.out, stderr: r.err)
    }

    /// Another program's standard output (ogrinfo, psql).
    static func runTool(_ path: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("sm-cli-\(UUID())")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test func renderWithNoArgumentsWritesTheDefaultMap() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try strikemap("render", cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Output/iraq-syria_2023-10-17_2023-11-22.png\n")
        let png = try CairoSurface(pngFile: dir.appendingPathComponent("Output/iraq-syria_2023-10-17_2023-11-22.png").path)
        #expect(png.width == 1600 && png.height == 1200)
        #expect(r.stderr.contains("read 54 rows: 54 events"))
    }

    @Test func formatComesFromTheExtensionAndDatesFromTheFlags() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("nov.svg").path
        let r = try strikemap("render", "--from", "2023-11-01", "--to", "2023-11-15", "--out", svg,
                              "--manifest", dir.appendingPathComponent("m.json").path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<?xml"))
        let m = try JSONDecoder().decode(RenderManifest.self, from: Data(contentsOf: dir.appendingPathComponent("m.json")))
        #expect(m.subtitle.hasPrefix("1 – 15 Nov 2023"))
        #expect(r.stderr.contains("outside the date filter"))
    }

    @Test(arguments: [
        (["render", "--width", "abc"], "--width", Int32(64)),
        (["render", "--bbox", "1,2,3"], "expected 4 comma-separated numbers", Int32(64)),
        (["render", "--region", "atlantis"], "unknown region 'atlantis'; known regions: iraq-syria", Int32(64)),
        (["render", "--from", "2023-02-31"], "--from '2023-02-31' is not a valid date; use YYYY-MM-DD", Int32(64)),
        (["render", "--from", "2023-11-15", "--to", "2023-11-01"], "earlier than --from", Int32(64)),
        (["render", "--format", "gif"], "unknown output format 'gif'", Int32(64)),
        (["render", "--events", "/nonexistent.csv"], "/nonexistent.csv: cannot read: no such file", Int32(66)),
        (["render", "--width", "200000"], "limited to 20000 pixels", Int32(64)),
        (["events", "--last", "2m"], "use a number and a unit: 14d (days), 3w (weeks)", Int32(64)),
    ])
    func badInputGivesAClearErrorAndNonZeroExit(args: [String], message: String, status: Int32) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(args, cwd: dir)
        #expect(r.status == status, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        // A failed run leaves no output behind.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output").path))
    }

    @Test func eventsFromStdinAndSkippedRowsReported() throws {
        let csv = "id,date,kind,site\na,2023-11-20,attack,Ain al-Asad\nb,2023-11-21,attack,Narnia\n"
        let r = try strikemap("events", "--events", "-", "--format", "json", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(json.count == 1)
        #expect(json[0]["site"] as? String == "al-asad-ab")
        for key in ["id", "date", "kind", "lat", "lon", "site", "country", "weapon", "actor", "confidence", "sources"] {
            #expect(json[0][key] != nil, "missing \(key)")
        }
        // One line per distinct problem: count, file, line, column, value, reason.
        #expect(r.stderr.contains("skipped 1 row of <stdin> (line 3): column 'site' = 'Narnia': not a site the gazetteer or the airfields know"), "\(r.stderr)")
        #expect(r.stderr.contains("1 skipped as invalid"))
    }

    @Test func eventsFilteredByDate() throws {
        let r = try strikemap("events", "--from", "2023-11-01", "--to", "2023-11-15", "--format", "json")
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let dates = json.compactMap { $0["date"] as? String }
        #expect(!dates.isEmpty && dates.allSatisfy { $0 >= "2023-11-01" && $0 <= "2023-11-15" })
    }

    @Test func sitesFindsSpellingVariants() throws {
        for (q, id) in [("Jurf al-Nasr", "jurf-al-saqr"), ("ayn al asad", "al-asad-ab"), ("البوكمال", "abu-kamal"),
                        ("Deir Ezzor", "deir-ez-zor")] {
            let r = try strikemap("sites", q, "--format", "json")
            #expect(r.status == 0, "\(q): \(r.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
            #expect(json.first?["id"] as? String == id, "\(q)")
            #expect((json.first?["source"] as? String)?.isEmpty == false)
        }
        let unknown = try strikemap("sites", "Qwxz")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no site named 'Qwxz'"))
    }
}

@Suite struct CLIEventFormatTests {
    @Test func geoJSONOutputRoundTripsIntoEvents() throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try cli.strikemap("events", "--from", "2023-11-01", "--to", "2023-11-15", "--format", "geojson")
        #expect(first.status == 0)
        let path = dir.appendingPathComponent("e.geojson").path
        try first.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let again = try cli.strikemap("events", "--events", path, "--format", "json")
        let direct = try cli.strikemap("events", "--from", "2023-11-01", "--to", "2023-11-15", "--format", "json")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == direct.stdout)
    }

    @Test func acledExportRendersWithLast() throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let acled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/events/acled-export.csv").path
        let out = dir.appendingPathComponent("a.png").path
        let r = try cli.strikemap("render", "--events", acled, "--last", "30d", "--out", out,
                                  "--manifest", dir.appendingPathComponent("m.json").path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("acled-export.csv (line 7): column 'event_date'"))
        let m = try JSONDecoder().decode(RenderManifest.self, from: Data(contentsOf: dir.appendingPathComponent("m.json")))
        #expect(Set(m.markers.flatMap(\.eventIDs)) == ["IRQ90001", "IRQ90002", "SYR90003", "SYR90004", "IRQ90005"])
    }

    @Test func statsAsJSON() throws {
        let r = try CLITests().strikemap("events", "--stats", "--format", "json", "--month", "2023-11")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let total = json["total"] as! Int
        let byKind = json["by_kind"] as! [String: Int]
        #expect(total > 0 && byKind.values.reduce(0, +) == total)
        #expect((json["first_date"] as! String) >= "2023-11-01")
    }
}

@Suite struct FramesCLITests {
    @Test func framesCommandWritesNumberedFilesAndAnIndex() throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("f").path
        let r = try cli.strikemap("frames", "--from", "2023-11-10", "--to", "2023-11-16", "--window", "3d",
                                  "--width", "600", "--height", "450", "--dpi", "80", "--out-dir", out)
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == (1...7).map { String(format: "frame-%04d.png", $0) } + ["frames.json"])
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/frames.json"))) as! [String: Any]
        let frames = index["frames"] as! [[String: Any]]
        #expect(frames.map { $0["date"] as! String } == (10...16).map { "2023-11-\($0)" })
        let extents = Set(frames.map { "\($0["mapFrame"]!)" })
        #expect(extents.count == 1)
        // Not a terminal: plain progress lines.
        #expect(r.stderr.contains("frame 7/7"))
        let bad = try cli.strikemap("frames", "--window", "3d", "--cumulative")
        #expect(bad.status == 64)
    }
}

/// Map documents through the command line: print, edit, render; standard output.
@Suite struct MapDocumentCLITests {
    static func run(_ args: [String], stdin: Data? = nil) throws -> (status: Int32, out: Data, err: String) {
        let r = try StrikeMapProcess.run(args, stdin: stdin)
        return (r.status, r.stdout, r.err)
    }

    static func temp(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sm-doc-\(UUID()).\(ext)").path
    }

    /// `render --print-spec | render --spec - --out -` reproduces the map: SVG byte for byte, PNG pixel for pixel.
    @Test(arguments: ["svg", "png", "pdf"])
    func printedSpecReproducesTheMap(format: String) throws {
        let file = Self.temp(format)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let direct = try Self.run(["render", "--quiet", "--region", "eastern-syria", "--theme", "dark", "--out", file])
        #expect(direct.status == 0, "\(direct.err)")
        let spec = try Self.run(["render", "--region", "eastern-syria", "--theme", "dark", "--format", format, "--print-spec"])
        #expect(spec.status == 0)
        let again = try Self.run(["render", "--quiet", "--spec", "-", "--out", "-"], stdin: spec.out)
        #expect(again.status == 0, "\(again.err)")
        let written = try Data(contentsOf: URL(fileURLWithPath: file))
        if format == "png" {
            let a = try CairoSurface(pngFile: file).raster()
            let b = Self.temp("png")
            defer { try? FileManager.default.removeItem(atPath: b) }
            try again.out.write(to: URL(fileURLWithPath: b))
            #expect(try CairoSurface(pngFile: b).raster().rgba == a.rgba)
        } else {
            #expect(again.out == written)
        }
        #expect(again.out.count > 1000)
    }

    @Test func flagsOverrideTheSpecAndYAMLWorks() throws {
        let yaml = Self.temp("yaml")
        defer { try? FileManager.default.removeItem(atPath: yaml) }
        try """
        # A map of November in the print theme
        page: {theme: print, width: 1000, height: 800}
        extent: {region: syria}
        data: {dates: {month: 2023-11}}
        furniture: {title: "November in Syria"}
        """.write(toFile: yaml, atomically: true, encoding: .utf8)
        let r = try Self.run(["render", "--spec", yaml, "--theme", "mono", "--width", "1200", "--print-spec"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try JSONSerialization.jsonObject(with: r.out) as! [String: Any]
        let page = doc["page"] as! [String: Any]
        #expect(page["theme"] as? String == "mono" && page["width"] as? Int == 1200 && page["height"] as? Int == 800)
        #expect((doc["furniture"] as! [String: Any])["title"] as? String == "November in Syria")
        let out = Self.temp("png")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let m = Self.temp("json")
        defer { try? FileManager.default.removeItem(atPath: m) }
        let drawn = try Self.run(["render", "--spec", yaml, "--out", out, "--manifest", m])
        #expect(drawn.status == 0, "\(drawn.err)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: m))) as! [String: Any]
        #expect(manifest["title"] as? String == "November in Syria" && manifest["width"] as? Int == 1000)
        #expect(manifest["region"] as? String == "syria")
    }

    @Test func badSpecsNameTheKeyPath() throws {
        let bad = Self.temp("json")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try ##"{"layers": [{"id": "sea", "source": "background", "symbolizers": [{"type": "background", "fill": 3}]}]}"##
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try Self.run(["render", "--spec", bad])
        #expect(r.status == 65)
        #expect(r.err.contains("\(bad): layers[0].symbolizers[0].fill: expected a colour"), "\(r.err)")
        let missing = try Self.run(["render", "--spec", "/nonexistent/map.json"])
        #expect(missing.status == 66, "\(missing.err)")
    }
}

/// A desk's file whose rows name villages the gazetteer does not know: one line for them all,
/// with the count, the first lines and "did you mean" for the first name only (ranked by the
/// row's country); a known name among them still resolves.
@Suite struct UnknownSiteNamesTests {
    @Test func unknownNamesShareOneLineAndOneSuggestion() throws {
        var csv = "id,date,kind,site,country\n"
        csv += "a0,2024-01-01,strike,Mayadinx,SY\n"
        for i in 1...1_200 { csv += "a\(i),2024-01-02,strike,Qaryat Zaytun \(i),SY\n" }
        csv += "k1,2024-01-03,strike,Al-Asad Air Base,IQ\n"
        let r = try StrikeMapProcess.run(["events", "--events", "-", "--format", "csv"], stdin: Data(csv.utf8))
        #expect(r.status == 0, "\(r.err)")
        let lines = r.err.split(separator: "\n").filter { $0.contains("not a site the gazetteer or the airfields know") }
        #expect(lines.count == 1, "\(r.err)")
        #expect(lines.first?.contains("skipped 1,201 rows of <stdin> (lines 2, 3, 4, …): column 'site' = 'Mayadinx' (first example)") == true, "\(r.err)")
        // The first name's suggestions, the row's country first.
        #expect(lines.first?.contains("(did you mean: Mayadin") == true, "\(r.err)")
        #expect(r.err.components(separatedBy: "did you mean").count == 2, "one suggestion list: \(r.err)")
        // Counts grouped by thousands in every line alike.
        #expect(r.err.contains("read 1,202 rows: 1 event, 1,201 skipped as invalid; 1 listed"), "\(r.err)")
        #expect(r.out.contains("\nk1,") && r.out.split(separator: "\n").count == 2, "\(r.out)")
        // A site's event is listed with its point (tools that read the list know no gazetteer).
        let k1 = r.out.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(k1[8] == "al-asad-ab" && Double(k1[9]).map { abs($0 - 33.79) < 0.1 } == true && Double(k1[10]).map { abs($0 - 42.44) < 0.1 } == true, "\(k1)")
    }

    /// A name that is a site only in another country than the row's is not placed there: four-
    /// letter village names were airports on other continents by their folded ICAO codes, and a
    /// base in Iraq named in a row for Syria is a contradiction to correct, said once.
    @Test func aSiteInAnotherCountryThanTheRowsIsRefused() throws {
        let csv = "id,date,kind,site,country\nv1,2024-01-01,strike,Zasa,SY\nv2,2024-01-01,strike,Kara,SY\n"
            + "b1,2024-01-02,strike,Al-Asad Air Base,SY\nb2,2024-01-02,strike,Al-Asad Air Base,IQ\nb3,2024-01-03,strike,Al-Asad Air Base,\n"
        let r = try StrikeMapProcess.run(["events", "--events", "-", "--format", "json"], stdin: Data(csv.utf8))
        #expect(r.status == 0, "\(r.err)")
        let events = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        #expect(events.compactMap { $0["id"] as? String }.sorted() == ["b2", "b3"], "\(r.out)")
        #expect(r.err.contains("skipped 2 rows of <stdin> (lines 3, 4): column 'site' = 'Kara' (first example): a site in another country than the row's; correct the country, or give lat and lon instead ('Kara' is Acadiana Regional Airport (airport, US), not a site in SY as the row says)"), "\(r.err)")
        #expect(r.err.contains("skipped 1 row of <stdin> (line 2): column 'site' = 'Zasa': not a site the gazetteer or the airfields know"), "\(r.err)")
    }
}
