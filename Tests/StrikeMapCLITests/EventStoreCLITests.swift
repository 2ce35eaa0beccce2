import Foundation
import Testing
import StrikeMapTestSupport

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
        defer { try? FileManager.default.removeItem(at: dir) }
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
        defer { try? FileManager.default.removeItem(at: dir) }
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
        defer { try? FileManager.default.removeItem(at: dir) }
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
        defer { try? FileManager.default.removeItem(at: dir) }
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

    @Test(.enabled(if: EventStoreCLITests.syntheticTenThousand != nil, "needs ../shared/synthetic beside the clone"))
    func anInterruptedImportLeavesTheStoreAsItWas() throws {
        let input = try #require(Self.syntheticTenThousand)
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
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

    /// A CSV of `n` events like the sample's first row, ids `prefix-1` …
    func manyEvents(_ n: Int, prefix: String, in dir: URL) throws -> String {
        let lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(separator: "\n")
        var out = String(lines[0]) + "\n"
        let row = lines[1].split(separator: ",", maxSplits: 1)[1]
        for i in 1...n { out += "\(prefix)-\(i)," + row + "\n" }
        let path = dir.appendingPathComponent("\(prefix).csv").path
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The GeoPackage's stored feature count as other tools read it, and its rows.
    func featureCount(_ store: String) throws -> (stored: Int?, rows: Int?) {
        let text = try StrikeMapProcess.run(["-ro", "-so", store, "events"], executable: "/usr/bin/ogrinfo").out
        let stored = text.firstMatch(of: /Feature Count: (\d+)/).flatMap { Int($0.1) }
        let stats = try cli.strikemap("events", "--events", store, "--stats", "--format", "json").stdout
        let rows = (try? JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any])?["total"] as? Int
        return (stored, rows)
    }

    /// An import that fails part-way (here: the file may not grow past a limit, as on a full
    /// disk) leaves the stored feature count as it was, exits 74 (an I/O failure), and says that
    /// nothing was changed: the count said 5,390 for 54 rows. Two imports at once leave a count
    /// equal to the rows (it said 250,000 for 300,000).
    @Test func theStoredFeatureCountIsTrueAfterAFailedOrConcurrentImport() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo") else { return }
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        let before = try featureCount(store)
        #expect(before.stored == before.rows && before.rows != nil, "\(before)")
        let big = try manyEvents(20_000, prefix: "big", in: dir)
        let size = (try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int ?? 0) / 1024 + 300
        // SIGXFSZ ignored, so a write past the limit fails (EFBIG) as on a full disk.
        let failed = try StrikeMapProcess.run(["-c", "trap '' XFSZ; ulimit -f \(size); exec \"$0\" import \"$1\" --into \"$2\"",
                                               CLITests.binary, big, store], executable: "/bin/bash")
        let message = failed.err
        #expect(failed.status == 74, "\(message)")
        #expect(message.contains("nothing was changed"), "\(message)")
        let after = try featureCount(store)
        #expect(after.stored == before.rows && after.rows == before.rows, "\(after) after a failed import, \(before) before")

        // Two imports at once, of different events.
        let a = try manyEvents(3_000, prefix: "a", in: dir), b = try manyEvents(3_000, prefix: "b", in: dir)
        let imports = [a, b].map { file -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLITests.binary)
            p.arguments = ["import", file, "--into", store, "--quiet"]
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in imports { try p.run() }
        for p in imports { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let both = try featureCount(store)
        #expect(both.rows == (before.rows ?? 0) + 6_000 && both.stored == both.rows, "\(both)")
    }

    /// A store the user may read but not write is read (it was refused, exit 65, though ogrinfo
    /// -ro read it), and reading leaves the file as it was.
    @Test func aStoreOneMayOnlyReadIsRead() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.gpkg").path
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }
        var args = ["events", "--events", store, "--stats"]
        var tool = CLITests.binary
        if geteuid() == 0 {
            // Root may write anything: read as nobody instead, when the system can.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
            args = ["--reuid=65534", "--regid=65534", "--clear-groups", CLITests.binary] + args
            tool = "/usr/bin/setpriv"
            // Nobody must reach the binary and the store.
            var path = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent()
            while path.path != "/" {
                guard let mode = (try? FileManager.default.attributesOfItem(atPath: path.path))?[.posixPermissions] as? Int,
                      mode & 0o001 != 0 else { return }
                path = path.deletingLastPathComponent()
            }
        }
        let read = try StrikeMapProcess.run(args, executable: tool)
        #expect(read.status == 0, "\(read.err)")
        #expect(read.out.contains("events: 54"), "\(read.out.prefix(300))")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
    }

    /// An import refused because the GeoPackage's `events` table is not a store's leaves the file
    /// as it was: its journal mode too (a refused import switched it to WAL).
    @Test func aRefusedImportLeavesSomeoneElsesFileAlone() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ogr2ogr") else { return }
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("events.csv")
        try "id,name\n1,a\n".write(to: csv, atomically: true, encoding: .utf8)
        let theirs = dir.appendingPathComponent("theirs.gpkg").path
        #expect(try StrikeMapProcess.run(["-f", "GPKG", theirs, csv.path, "-nln", "events"], executable: "/usr/bin/ogr2ogr").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: theirs))
        // SQLite's header: bytes 18 and 19 are 1 in rollback-journal mode, 2 in WAL mode.
        #expect(before[18] == 1 && before[19] == 1)
        let r = try cli.strikemap("import", Self.sample, "--into", theirs)
        #expect(r.status == 65 && r.stderr.contains("not made by strikemap import"), "\(r.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: theirs))
        #expect(after[18] == 1 && after[19] == 1 && after == before)
    }
}
