import Foundation
import StrikeMapTestSupport
import Testing
@testable import StrikeMapServer

/// Event lists from a store come a page at a time from the database (LIMIT and OFFSET in SQL):
/// every page, its total and its link are what the same events give from their file.
@Suite(.serialized) struct ServiceStorePagingTests {
    static let sample = StrikeMapProcess.repoRoot.appendingPathComponent("Data/events-2023-10-17_2023-11-22.csv").path
    static let pages = ["/events.csv?limit=7", "/events.csv?offset=7&limit=7", "/events.json?kind=strike&offset=3&limit=5",
                        "/events.geojson?country=SY&limit=4", "/events.csv?from=2023-11-01&to=2023-11-15&offset=2&limit=30",
                        "/events.csv?offset=50&limit=10", "/events.csv?offset=500", "/events.json?region=baghdad&limit=3",
                        "/events.csv?last=7d&limit=5"]

    /// Every page the service gives from `store` equals the page it gives from the sample file.
    static func samePagesAsTheFile(store: String) async throws {
        let fromFile: [String: Fetched] = try await withService { _, base in
            var out: [String: Fetched] = [:]
            for page in pages { out[page] = try await fetch(base, page) }
            return out
        }
        var settings = MapService.Settings.underTest
        settings.events = [store]
        try await withService(settings) { _, base in
            // The document the service shows names its data, not their path or connection string.
            let spec = try await fetch(base, "/spec?kind=strike")
            #expect(spec.status == 200 && !spec.text.contains(store) && spec.text.contains("service:events"), "\(spec.text.prefix(400))")
            for page in pages {
                let a = try #require(fromFile[page]), b = try await fetch(base, page)
                #expect(a.status == 200 && b.status == 200, "\(page): \(b.text.prefix(300))")
                #expect(b.text == a.text, "\(page): the store's page differs from the file's")
                #expect(b.headers["x-strikemap-events-total"] == a.headers["x-strikemap-events-total"], "\(page)")
                #expect(b.headers["link"] == a.headers["link"], "\(page)")
            }
        }
    }

    @Test func aGeoPackagesPagesAreTheFilesPages() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-paging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("events.gpkg").path
        #expect(try StrikeMapProcess.run(["import", Self.sample, "--into", store, "--quiet"]).status == 0)
        try await Self.samePagesAsTheFile(store: store)
    }

    @Test(.enabled(if: PostGIS.available, "STRIKEMAP_TEST_POSTGIS is not set: `make test` starts a PostGIS cluster"))
    func aPostGISStoresPagesAreTheFilesPages() async throws {
        let store = try PostGIS.freshDatabase()
        defer { try? PostGIS.psql("DROP DATABASE IF EXISTS \(PostGIS.database(of: store))", database: "postgres") }
        #expect(try StrikeMapProcess.run(["import", Self.sample, "--into", store, "--quiet"]).status == 0)
        try await Self.samePagesAsTheFile(store: store)
    }
}
