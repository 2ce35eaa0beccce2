import Foundation
import Testing
@testable import StrikeMapCore

/// The reading flags as a user types them: --columns, --kind-default, --date-order, the grouped
/// skip lines and the refusal of a file of polygons.
@Suite struct ReaderOptionsCLITests {
    let cli = CLITests()
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/events/\(name)").path
    }

    @Test func columnsNameTheFields() throws {
        let csv = "When,Where N,Where E,What\n2023-11-20,33.79,42.44,strike\n"
        let r = try cli.strikemap("events", "--events", "-", "--format", "json",
                                  "--columns", "date=When,lat=Where N,lon=Where E,kind=What", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(json.count == 1 && json[0]["kind"] as? String == "strike" && json[0]["date"] as? String == "2023-11-20")
        // A column the header lacks: the flag is named, and the header listed.
        let bad = try cli.strikemap("events", "--events", "-", "--columns", "date=Day", stdin: csv)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--columns: <stdin>: date=Day: the header has no column 'Day'; it has: When, Where N, Where E, What"))
        let key = try cli.strikemap("events", "--columns", "colour=red")
        #expect(key.status == 64 && key.stderr.contains("unknown field 'colour'"), "\(key.stderr)")
    }

    @Test func kindDefaultSetsTheKindOfAFileWithoutOne() throws {
        let csv = "date,latitude,longitude\n2023-11-20,33.79,42.44\n2023-11-21,33.79,42.44\n"
        let plain = try cli.strikemap("events", "--events", "-", "--format", "json", stdin: csv)
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("\"kind\" : \"event\""))
        #expect(plain.stderr.components(separatedBy: "no kind column").count == 2, "one note: \(plain.stderr)")
        let strike = try cli.strikemap("events", "--events", "-", "--format", "json", "--kind-default", "strike", stdin: csv)
        #expect(strike.stdout.components(separatedBy: "\"kind\" : \"strike\"").count == 3)
        #expect(!strike.stderr.contains("no kind column"))
    }

    @Test func dateOrderIsAskedForOnlyWhenTheFileCannotTell() throws {
        let file = Self.fixture("generic-ambiguous.csv")
        let r = try cli.strikemap("events", "--events", file)
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(file): column 'date': cannot tell whether dates such as '05/03/2015' (line 2)"))
        #expect(r.stderr.contains("give --date-order dmy or --date-order mdy"))
        let mdy = try cli.strikemap("events", "--events", file, "--date-order", "mdy", "--format", "json")
        #expect(mdy.status == 0 && mdy.stdout.contains("2015-05-03"), "\(mdy.stderr)")
        let bad = try cli.strikemap("events", "--events", file, "--date-order", "ymd")
        #expect(bad.status == 64 && bad.stderr.contains("--date-order 'ymd': use dmy"), "\(bad.stderr)")
        // The order a file shows needs no flag.
        let dmy = try cli.strikemap("events", "--events", Self.fixture("generic-dmy.csv"), "--format", "json")
        #expect(dmy.status == 0 && dmy.stdout.contains("2015-03-28"))
    }

    @Test func skippedRowsAreOneLinePerProblem() throws {
        var csv = "id,date,lat,lon,kind\n"
        for i in 0..<50 { csv += "r\(i),9-May-20x,33,44,strike\n" }
        for i in 0..<5 { csv += "n\(i),2020-05-09,,44,strike\n" }
        csv += "ok,2020-05-09,33,44,strike\n"
        let r = try cli.strikemap("events", "--events", "-", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("skipped ") && !$0.contains("read ") }
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(lines[0].hasPrefix("strikemap: skipped 50 rows of <stdin> (lines 2, 3, 4, …): column 'date' = '9-May-20x' (first example): "))
        #expect(lines[1].hasPrefix("strikemap: skipped 5 rows of <stdin> (lines 52, 53, 54, …): column 'lat' = ''"))
        #expect(r.stderr.contains("read 56 rows: 1 event, 55 skipped as invalid"))
        // --strict still stops at the first.
        let strict = try cli.strikemap("events", "--events", "-", "--strict", stdin: csv)
        #expect(strict.status == 65 && strict.stderr.contains("<stdin>:2: column 'date' = '9-May-20x'"))
    }

    /// Rows that did not become events are on the map too: its footer, caption and manifest
    /// say how many of the rows read and why, commonest reason first, with each one's count.
    @Test func rowsNotReadAreSaidOnTheMap() throws {
        var csv = "id,date,lat,lon,kind\n"
        for i in 0..<5 { csv += "r\(i),9-May-20x,33,44,strike\n" }
        for i in 0..<2 { csv += "n\(i),2020-05-09,,44,strike\n" }
        for i in 0..<3 { csv += "ok\(i),2020-05-0\(i + 1),33.\(i),44,strike\n" }
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.strikemap("render", "--events", "-", "--out", dir.appendingPathComponent("m.png").path,
                                  "--manifest", man.path, "--caption", "-", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let note = "7 of 10 rows not mapped: date not read (5), no place given (2)."
        #expect(r.stdout.contains(note), "\(r.stdout)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        #expect((m["footer"] as? String)?.hasSuffix("\n" + note) == true, "\(m["footer"] ?? "")")
        let reasons = (m["input"] as? [String: Any])?["invalidReasons"] as? [[String: Any]] ?? []
        #expect(reasons.map { "\($0["reason"] ?? "") \($0["count"] ?? "")" } == ["date not read 5", "no place given 2"])
        // Every row read: no note.
        let clean = try cli.strikemap("render", "--events", "-", "--out", dir.appendingPathComponent("c.png").path,
                                      "--caption", "-", stdin: "id,date,lat,lon,kind\nok,2020-05-09,33,44,strike\n")
        #expect(clean.status == 0 && !clean.stdout.contains("not mapped"), "\(clean.stdout)")
    }

    @Test func aFileOfPolygonsIsRefusedWithOneClearError() throws {
        for command in ["events", "render"] {
            let dir = try cli.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let r = try cli.run([command, "--events", Self.fixture("geojson-polygons.geojson")]
                                + (command == "render" ? ["--out", dir.appendingPathComponent("m.png").path] : []))
            #expect(r.status == 65, "\(command): \(r.stderr)")
            let errors = r.stderr.split(separator: "\n").filter { $0.contains("error:") }
            #expect(errors.count == 1)
            #expect(errors.first?.contains("holds 2 polygon features and no points") == true)
            #expect(errors.first?.contains("--layer FILE") == true)
        }
    }

    @Test func renderCopiesTheReadingFlagsIntoTheDocument() throws {
        let r = try cli.strikemap("render", "--print-spec", "--events", "x.csv", "--date-order", "mdy",
                                  "--columns", "date=When,lat=N,lon=E", "--kind-default", "strike")
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let data = doc["data"] as! [String: Any]
        #expect(data["dateOrder"] as? String == "mdy" && data["kindDefault"] as? String == "strike")
        #expect(data["columns"] as? [String: String] == ["date": "When", "lat": "N", "lon": "E"])
    }

    @Test func countryAndTypeFilters() throws {
        let file = Self.fixture("generic-dmy.csv")
        for form in ["IQ", "IRQ", "Iraq", "iraq"] {
            let r = try cli.strikemap("events", "--events", file, "--country", form, "--format", "json")
            #expect(r.status == 0)
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
            #expect(json.count == 2, "\(form)")
        }
        let t = try cli.strikemap("events", "--events", file, "--type", "shelling", "--format", "json")
        let json = try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as! [[String: Any]]
        #expect(json.count == 1 && json[0]["event_type"] as? String == "Shelling")
        let none = try cli.strikemap("events", "--events", file, "--type", "Air raid")
        #expect(none.stderr.contains("no events of type 'Air raid' in the input (it has: Airstrike, Shelling)"), "\(none.stderr)")
        let unknown = try cli.strikemap("events", "--events", file, "--country", "Atlantis")
        #expect(unknown.status == 64)
    }
}
