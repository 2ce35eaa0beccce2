import Foundation
import StrikeMapTestSupport
import Testing
@testable import StrikeMapCLI
@testable import StrikeMapServer

/// `strikemap serve --events PG:...`: a PostGIS store served as the files are, and a new import
/// seen without a restart (the import log changes the data version, so maps get a new ETag).
@Suite(.serialized, .enabled(if: PostGIS.available, "STRIKEMAP_TEST_POSTGIS is not set: `make test` starts a PostGIS cluster"))
struct ServicePostGISTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/events-2023-10-17_2023-11-22.csv").path

    @Test func aStoreIsServedAndANewImportChangesTheMaps() async throws {
        let store = try PostGIS.freshDatabase()
        defer { try? PostGIS.psql("DROP DATABASE IF EXISTS \(PostGIS.database(of: store))", database: "postgres") }
        #expect(try CLIProcess.run(["import", Self.sample, "--into", store, "--quiet"]).status == 0)
        var settings = MapService.Settings.underTest
        settings.events = [store]
        settings.recheckSeconds = 0
        try await withService(settings) { _, base in
            let q = "/map.png?width=800&height=600&dpi=100&from=2023-11-01&to=2023-11-15"
            let map = try await fetch(base, q)
            #expect(map.status == 200 && map.body.prefix(4) == ServiceRouteTests.png, "\(map.text.prefix(300))")
            // The same counts as the files give, the stats counted by the database.
            let fromFile = try CLIProcess.run(["events", "--events", Self.sample, "--from", "2023-11-01", "--to", "2023-11-15", "--format", "csv"])
            let csv = try await fetch(base, "/events.csv?from=2023-11-01&to=2023-11-15")
            #expect(csv.status == 200 && csv.text.split(separator: "\n").count == String(decoding: fromFile.out, as: UTF8.self).split(separator: "\n").count)
            let stats = try #require(try await fetch(base, "/stats.json").json)
            #expect(stats["total"] as? Int == 54 && stats["first_date"] as? String == "2023-10-17")
            #expect(try await fetch(base, q, headers: ["If-None-Match": map.headers["etag"] ?? ""]).status == 304)

            // One more event, imported while the service runs: a new version, a new map.
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-pg-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let more = dir.appendingPathComponent("more.csv")
            try "id,date,kind,lat,lon,country\nextra-1,2023-11-05,strike,34.45,40.92,SY\n".write(to: more, atomically: true, encoding: .utf8)
            #expect(try CLIProcess.run(["import", more.path, "--into", store, "--quiet"]).status == 0)
            let after = try await fetch(base, q)
            #expect(after.status == 200 && after.headers["etag"] != map.headers["etag"])
            #expect(Int(after.headers["x-strikemap-events-drawn"] ?? "") == (Int(map.headers["x-strikemap-events-drawn"] ?? "") ?? -9) + 1)
            #expect(try await fetch(base, q, headers: ["If-None-Match": map.headers["etag"] ?? ""]).status == 200)
            #expect(try #require(try await fetch(base, "/stats.json").json)["total"] as? Int == 55)
        }
    }
}
