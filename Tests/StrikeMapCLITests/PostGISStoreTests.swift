import Foundation
import StrikeMapTestSupport
import Testing

/// PostGIS as the team's store: the same imports, counts, maps, lists and statistics as a
/// GeoPackage and as the files themselves, with its indexes, clear errors, and readers that
/// never see half an import. Run by `make test` against a throw-away cluster.
@Suite(.serialized, .enabled(if: PostGIS.available, "STRIKEMAP_TEST_POSTGIS is not set: `make test` starts a PostGIS cluster"))
struct PostGISStoreTests {
    let cli = CLITests()
    static let sample = EventStoreCLITests.sample
    static let example = CLITests.repoRoot.appendingPathComponent("Data/examples/al-asad-crbm-2023-11-20.csv").path

    @Test func importsAddUpWithTheIndexesAMapNeeds() throws {
        let store = try PostGIS.freshDatabase()
        let first = try cli.strikemap("import", Self.sample, "--into", store)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(EventStoreCLITests().counts(first.stderr) == [54, 0, 0, 0], "\(first.stderr)")
        let again = try cli.strikemap("import", Self.sample, "--into", store)
        #expect(EventStoreCLITests().counts(again.stderr) == [0, 0, 54, 0], "\(again.stderr)")
        // One changed event and one new one, from a second file: its rows name it.
        var lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = try #require(lines.firstIndex { $0.hasPrefix("sm-2023-0047,") })
        lines[i] = lines[i].replacingOccurrences(of: ",8,0,confirmed,", with: ",9,0,confirmed,")
        lines.insert("sm-2099-0001,2023-11-23,,,attack,drone,Unknown,US/Coalition,al-asad-ab,,,site,IQ,,,claimed,Test,", at: lines.count - 1)
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let updated = dir.appendingPathComponent("updated.csv")
        try lines.joined(separator: "\n").write(to: updated, atomically: true, encoding: .utf8)
        let third = try cli.strikemap("import", updated.path, "--into", store)
        #expect(EventStoreCLITests().counts(third.stderr) == [1, 1, 53, 0], "\(third.stderr)")
        let db = PostGIS.database(of: store)
        #expect(try PostGIS.psql("SELECT count(*) FROM events", database: db) == "55")
        #expect(try PostGIS.psql("SELECT count(*) FROM events WHERE source_file = 'updated.csv'", database: db) == "2")
        #expect(try PostGIS.psql("SELECT injured FROM events WHERE event_id = 'sm-2023-0047'", database: db) == "9")
        // A spatial index (GiST) on the point, indexes on date, kind and country, a unique id.
        let indexes = try PostGIS.psql("SELECT indexdef FROM pg_indexes WHERE tablename = 'events'", database: db)
        #expect(indexes.contains("USING gist (geom)"), "\(indexes)")
        for column in ["(date)", "(kind)", "(country)"] { #expect(indexes.contains("USING btree \(column)"), "\(indexes)") }
        #expect(indexes.contains("UNIQUE") && indexes.contains("(event_id)"), "\(indexes)")
        #expect(try PostGIS.psql("SELECT GeometryType(geom) || ST_SRID(geom) FROM events LIMIT 1", database: db) == "POINT4326")
        // Other tools read it: ogrinfo through GDAL.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo") {
            let r = try CLITests.runTool("/usr/bin/ogrinfo", ["-so", store, "events"])
            #expect(r.contains("Feature Count: 55"), "\(r)")
        }
    }

    /// The issue's test: the same files into PostGIS and into a GeoPackage give the same maps,
    /// lists and counts as the files themselves.
    @Test func postGISGeoPackageAndFilesGiveTheSameMaps() throws {
        let real = RealFileMapTests.real
        let afghanistan = real.appendingPathComponent("acled_afghanistan_2020.csv").path
        // Two layouts (ACLED's current and its 2016 one), small enough to import twice in a test:
        // the 16,731-row Yemen log is drawn by RealFileMapTests.
        let africa = real.appendingPathComponent("acled_africa_2016_oldformat.csv").path
        let haveReal = FileManager.default.fileExists(atPath: afghanistan) && FileManager.default.fileExists(atPath: africa)
        let files = haveReal ? [afghanistan, africa] : [Self.sample, Self.example]
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = dir.appendingPathComponent("s.gpkg").path
        let pg = try PostGIS.freshDatabase()
        for store in [gpkg, pg] {
            let r = try cli.run(["import"] + files + ["--into", store, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let selections: [[String]] = haveReal
            // Afghanistan alone (the Africa file is not named), a pushed actor and type, and a
            // month with no event (an empty map naming both files).
            ? [["--bbox", "60,29,75,39"], ["--bbox", "60,29,75,39", "--actor", "taliban", "--type", "Armed clash"],
               ["--bbox", "60,29,75,39", "--month", "2016-03"]]
            : [[], ["--week", "2023-W45", "--kind", "strike"], ["--region", "anbar"]]
        for extra in selections {
            let fromFiles = dir.appendingPathComponent("f.svg").path
            let r = try cli.run(["render", "--quiet", "--out", fromFiles] + files.flatMap { ["--events", $0] } + extra)
            #expect(r.status == 0, "\(extra): \(r.stderr)")
            let expected = try Data(contentsOf: URL(fileURLWithPath: fromFiles))
            // A map of Afghanistan credits ACLED's file alone: no Yemen event is on it.
            if haveReal, !extra.contains("--month") {
                let svg = String(decoding: expected, as: UTF8.self)
                #expect(svg.contains("acled_afghanistan_2020.csv") && !svg.contains("acled_africa"), "\(extra)")
            }
            for store in [gpkg, pg] {
                let out = dir.appendingPathComponent("s.svg").path
                let s = try cli.run(["render", "--quiet", "--out", out, "--events", store] + extra)
                #expect(s.status == 0, "\(extra): \(s.stderr)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == expected, "\(extra) from \(store)")
            }
        }
        // Lists (every field) and counts; the counts come from SQL, and say so.
        let listed = try cli.run(["events", "--format", "csv"] + files.flatMap { ["--events", $0] })
        let counted = try cli.run(["events", "--stats", "--format", "json", "--from", haveReal ? "2016-01-01" : "2023-11-01"]
                                  + files.flatMap { ["--events", $0] })
        for store in [gpkg, pg] {
            #expect(try cli.run(["events", "--format", "csv", "--events", store]).stdout == listed.stdout, "\(store)")
            let s = try cli.run(["events", "--stats", "--format", "json", "--events", store, "--from", haveReal ? "2016-01-01" : "2023-11-01"])
            #expect(s.stdout == counted.stdout, "\(store)")
            #expect(s.stderr.contains("counted by the store's SQL"), "\(s.stderr)")
        }
    }

    @Test func filtersGoToTheDatabase() throws {
        let store = try PostGIS.freshDatabase()
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        // Only that week's strikes leave the database.
        let week = try cli.strikemap("render", "--events", store, "--week", "2023-W45", "--kind", "strike",
                                     "--out", try cli.tempDir().appendingPathComponent("w.png").path)
        #expect(week.stderr.contains("read 3 rows"), "\(week.stderr)")
        // The extent too, when it is given: a box around Al-Asad reads only the events near it
        // (its first cut: the box widened by a degree each way, as for files).
        let all = 54
        let anbar = try cli.strikemap("render", "--events", store, "--bbox", "41.5,33.3,42.7,34.2",
                                      "--out", try cli.tempDir().appendingPathComponent("a.png").path)
        #expect(anbar.status == 0, "\(anbar.stderr)")
        let read = try #require(anbar.stderr.firstMatch(of: /read (\d+) rows/).map { Int($0.1)! })
        #expect(read > 0 && read < all, "\(anbar.stderr)")
    }

    @Test(.enabled(if: EventStoreCLITests.syntheticTenThousand != nil, "needs ../shared/synthetic beside the clone"))
    func aFailedOrInterruptedImportChangesNothing() throws {
        let store = try PostGIS.freshDatabase()
        let db = PostGIS.database(of: store)
        #expect(try cli.strikemap("import", Self.sample, "--into", store, "--quiet").status == 0)
        let r = try cli.strikemap("import", Self.example, "/no/such/file.csv", "--into", store)
        #expect(r.status == 66, "\(r.stderr)")
        #expect(try PostGIS.psql("SELECT count(*) FROM events", database: db) == "54")
        // Killed part-way through a large import: PostgreSQL rolls the transaction back.
        let input = try #require(EventStoreCLITests.syntheticTenThousand, "needs ../shared/synthetic beside the clone")
        for delay: UInt32 in [300_000, 900_000] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLITests.binary)
            p.arguments = ["import", input, "--into", store, "--quiet"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(delay)
            p.terminate()
            p.waitUntilExit()
            if p.terminationReason == .exit && p.terminationStatus == 0 { break }
            // Before the import, or (a signal landing after the commit) all of it; never a part.
            let now = try PostGIS.psql("SELECT count(*) FROM events", database: db)
            #expect(now == "54" || now == "10054", "a part of the import is in the store: \(now)")
            if now != "54" { break }
        }
    }

    @Test func clearErrorsForConnectionsAndMissingPostGIS() throws {
        let k = PostGIS.keywords
        let nowhere = "PG:host=\(k["host"] ?? "") port=\(k["port"] ?? "") dbname=no_such_db user=postgres"
        let r = try cli.strikemap("events", "--events", nowhere)
        #expect(r.status != 0 && r.stderr.contains("database \"no_such_db\" does not exist") && r.stderr.contains("psql takes the same keywords"),
                "\(r.stderr)")
        #expect(!r.stderr.contains("\n\n"), "one message, not libpq's lines")
        // A password never appears in a message.
        let secret = try cli.strikemap("events", "--events", nowhere + " password=hunter2")
        #expect(!secret.stderr.contains("hunter2"), "\(secret.stderr)")
        // A database without PostGIS, and a user who may not add it: the error says who must.
        let role = "u_" + UUID().uuidString.lowercased().prefix(8)
        try PostGIS.psql("CREATE ROLE \(role) LOGIN", database: "postgres")
        let plain = try PostGIS.freshDatabase(postGIS: false, user: role)
        try PostGIS.psql("GRANT ALL ON SCHEMA public TO \(role)", database: PostGIS.database(of: plain))
        let noGIS = try cli.strikemap("import", Self.sample, "--into", plain)
        #expect(noGIS.status == 65 && noGIS.stderr.contains("CREATE EXTENSION postgis"), "\(noGIS.stderr)")
        #expect(try PostGIS.psql("SELECT count(*) FROM pg_tables WHERE tablename = 'events'", database: PostGIS.database(of: plain)) == "0")
        // A store with no events table yet names the command, quoted for the shell.
        let empty = try PostGIS.freshDatabase()
        let none = try cli.strikemap("render", "--events", empty)
        #expect(none.stderr.contains("strikemap import FILE --into \"PG:"), "\(none.stderr)")
    }
}

/// Maps read a store while an import writes to it: they see it as it was until the import
/// commits, and never fail on a lock (GeoPackage in write-ahead-log mode; PostgreSQL's MVCC).
@Suite(.serialized, .enabled(if: EventStoreCLITests.syntheticTenThousand != nil, "needs ../shared/synthetic beside the clone"))
struct ConcurrentStoreReadTests {
    let cli = CLITests()

    func readWhileImporting(_ store: String) throws {
        #expect(try cli.strikemap("import", EventStoreCLITests.sample, "--into", store, "--quiet").status == 0)
        let input = try #require(EventStoreCLITests.syntheticTenThousand, "needs ../shared/synthetic beside the clone")
        // A bigger import than the file alone: four copies with their own ids.
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOfFile: input, encoding: .utf8)
        var rows = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = rows.removeFirst()
        var out = [header]
        for copy in 0..<4 { for r in rows { out.append("C\(copy)" + r) } }
        let bulk = dir.appendingPathComponent("bulk.csv")
        try out.joined(separator: "\n").write(to: bulk, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["import", bulk.path, "--into", store, "--quiet"]
        try p.run()
        var seen: [String: Int] = [:]
        while p.isRunning {
            let r = try cli.strikemap("events", "--events", store, "--stats", "--format", "json")
            #expect(r.status == 0, "a read during an import failed: \(r.stderr)")
            let total = r.stdout.firstMatch(of: /"total" : (\d+)/).map { String($0.1) } ?? "?"
            seen[total, default: 0] += 1
            // Reads now and then, not in a tight loop that would take the import's CPU.
            usleep(100_000)
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        // Every read saw the store before or after the import, never part of it.
        #expect(Set(seen.keys).isSubset(of: ["54", "\(54 + 4 * rows.count)"]), "\(seen)")
        #expect(seen["54", default: 0] > 0, "no read ran during the import: \(seen)")
    }

    @Test func geoPackage() throws {
        try readWhileImporting(try cli.tempDir().appendingPathComponent("c.gpkg").path)
    }

    @Test(.enabled(if: PostGIS.available)) func postGIS() throws {
        try readWhileImporting(try PostGIS.freshDatabase())
    }
}
