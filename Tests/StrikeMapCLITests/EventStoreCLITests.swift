import Foundation
import Testing

/// The event store: imports that add up and can be repeated, reads that give the same maps and
/// lists as the files, filters done by the database, and a store other tools can open.
@Suite(.serialized) struct EventStoreCLITests {
    let cli = CLITests()
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/events-2023-10-17_2023-11-22.csv").path

    /// The counts line of an import: inserted, updated, unchanged, skipped.
    func counts(_ stderr: String) -> [Int]? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("import:") }) else { return nil }
        return ["inserted", "updated", "unchanged", "skipped"].map { word in
            let before = line.components(separatedBy: " \(word)")[0]
            return Int(before.split(separator: " ").last!.replacingOccurrences(of: ",", with: "")) ?? -1
        }
    }

    @Test func importsAddUpAndRepeatWithoutChange() throws {
        let dir = try cli.tempDir()
        let store = dir.appendingPathComponent("events.gpkg").path
        let first = try cli.strikemap("import", Self.sample, "--into", store)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(counts(first.stderr) == [54, 0, 0, 0], "\(first.stderr)")
        let again = try cli.strikemap("import", Self.sample, "--into", store)
        #expect(counts(again.stderr) == [0, 0, 54, 0], "\(again.stderr)")
        // An updated export: one event changed, one new, one bad row.
        var lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(lines.firstIndex { $0.hasPrefix("sm-2023-0047,") })
        lines[i] = lines[i].replacingOccurrences(of: ",8,0,confirmed,", with: ",9,0,confirmed,")
        lines.insert("sm-2099-0001,2023-11-23,,,attack,drone,Unknown,US/Coalition,al-asad-ab,,,site,IQ,,,claimed,Test,", at: lines.count - 1)
        lines.insert("sm-2099-0002,2023-13-45,,,attack,drone,Unknown,US/Coalition,al-asad-ab,,,site,IQ,,,claimed,Test,", at: lines.count - 1)
        let updated = dir.appendingPathComponent("updated.csv")
        try lines.joined(separator: "\n").write(to: updated, atomically: true, encoding: .utf8)
        let third = try cli.strikemap("import", updated.path, "--into", store)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(counts(third.stderr) == [1, 1, 53, 1], "\(third.stderr)")
        #expect(third.stderr.contains("56 rows read") && third.stderr.contains("55 events in"), "\(third.stderr)")
        // Another tool opens it: GDAL's ogrinfo counts the rows of the events table.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo") {
            let text = try CLITests.runTool("/usr/bin/ogrinfo", ["-so", store, "events"])
            #expect(text.contains("Feature Count: 55"), "\(text)")
            #expect(text.contains("event_id: String") && text.contains("date: Date") && text.contains("killed: Integer64"))
        }
    }

    @Test func aStoreGivesTheSameListsAndMapsAsItsFiles() throws {
        let dir = try cli.tempDir()
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        // Round trip: every field of every event.
        let fromFile = try cli.strikemap("events", "--events", Self.sample, "--format", "csv")
        let fromStore = try cli.strikemap("events", "--events", store, "--format", "csv")
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(fromStore.stdout == fromFile.stdout)
        // Maps: the whole series, and a filtered week, byte for byte (SVG).
        // (A month and a range past the data's ends: both say where the data end, the store by its own MIN/MAX.)
        for extra in [[String](), ["--week", "2023-W45", "--kind", "strike"], ["--country", "Syria", "--from", "2023-11-01"],
                      ["--month", "2023-11"], ["--from", "2023-10-01", "--to", "2023-12-31", "--kind", "strike"]] {
            let a = dir.appendingPathComponent("a.svg").path, b = dir.appendingPathComponent("b.svg").path
            let r1 = try cli.run(["render", "--quiet", "--events", Self.sample, "--out", a] + extra)
            let r2 = try cli.run(["render", "--quiet", "--events", store, "--out", b] + extra)
            #expect(r1.status == 0 && r2.status == 0, "\(r2.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)), "\(extra)")
        }
        // The filters go to the database: only that week's strikes are read from it.
        let week = try cli.strikemap("render", "--events", store, "--week", "2023-W45", "--kind", "strike", "--out", dir.appendingPathComponent("w.png").path)
        #expect(week.stderr.contains("read 3 rows"), "\(week.stderr)")
        #expect(!week.stderr.contains("outside the"), "the database filtered, not the map: \(week.stderr)")
    }

    @Test func aMisspeltFilterIsToldAsForFiles() throws {
        let dir = try cli.tempDir()
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        // The database returns nothing for a kind, type, actor or country no event has: the
        // same error as the file gives, with what the store has instead, not an empty map.
        for filter in [["--kind", "strik"], ["--actor", "nobody at all"], ["--country", "FR"], ["--type", "Air raid"]] {
            let out = dir.appendingPathComponent("x.png").path
            let fromFile = try cli.run(["render", "--events", Self.sample, "--out", out] + filter)
            let fromStore = try cli.run(["render", "--events", store, "--out", out] + filter)
            #expect(fromFile.status == 65 && fromStore.status == 65, "\(filter): \(fromStore.stderr)")
            #expect(fromStore.stderr == fromFile.stderr, "\(filter)")
        }
        // A filter the store has, in dates with no such event: an empty map, no error.
        let quiet = try cli.strikemap("render", "--events", store, "--kind", "strike", "--from", "2023-10-17", "--to", "2023-10-17",
                                      "--out", dir.appendingPathComponent("e.png").path)
        #expect(quiet.status == 0, "\(quiet.stderr)")
    }

    @Test func aFailedImportChangesNothing() throws {
        let dir = try cli.tempDir()
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        // A second file that cannot be read: nothing of the first is written either.
        let r = try cli.strikemap("import", Self.sample, "/no/such/file.csv", "--into", store)
        #expect(r.status == 66, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        // Not a store, not made by import, or missing: clear errors.
        let missing = try cli.strikemap("events", "--events", dir.appendingPathComponent("none.gpkg").path)
        #expect(missing.status == 66 && missing.stderr.contains("no such store; make one with: strikemap import"), "\(missing.stderr)")
        let bad = try cli.strikemap("import", Self.sample, "--into", dir.appendingPathComponent("x.csv").path)
        #expect(bad.status == 64 && bad.stderr.contains("give a GeoPackage path ending in .gpkg"), "\(bad.stderr)")
        let notGpkg = dir.appendingPathComponent("text.gpkg")
        try "hello".write(to: notGpkg, atomically: true, encoding: .utf8)
        let junk = try cli.strikemap("import", Self.sample, "--into", notGpkg.path)
        #expect(junk.status == 65 && junk.stderr.contains("cannot open the event store"), "\(junk.stderr)")
        #expect(try String(contentsOf: notGpkg, encoding: .utf8) == "hello", "a file that is not a store is never replaced")
    }

    /// `../shared/synthetic/syria-clustered-10k.csv` (10,000 ACLED-layout rows), when it is here.
    static let syntheticTenThousand: String? = {
        let path = CLITests.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/synthetic/syria-clustered-10k.csv").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    @Test func anInterruptedImportLeavesTheStoreAsItWas() throws {
        guard let input = Self.syntheticTenThousand else { return }
        let dir = try cli.tempDir()
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        let count = { (store: String) throws -> String in try cli.strikemap("events", "--events", store, "--stats", "--format", "json").stdout }
        let before = try count(store)
        // The same import run to its end, for the one other state the store may be left in: a
        // signal that lands after the commit, as the process exits, finds the import complete.
        let whole = dir.appendingPathComponent("whole.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, input, "--into", whole, "--quiet").status == 0)
        let complete = try count(whole)
        // Interrupted at several moments: the store reads as before each time (SQLite's journal),
        // never as part of the import.
        for delay: UInt32 in [150_000, 400_000, 900_000] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLITests.binary)
            p.arguments = ["import", input, "--into", store, "--quiet"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(delay)
            p.terminate()
            p.waitUntilExit()
            if p.terminationReason == .exit && p.terminationStatus == 0 { break } // finished first: nothing to check
            let now = try count(store)
            #expect(now == before || now == complete, "a part of the import is in the store: \(now)")
            if now == complete { break }
        }
    }
}
