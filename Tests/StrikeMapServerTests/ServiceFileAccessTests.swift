import Foundation
import Testing
@testable import StrikeMapCLI
@testable import StrikeMapServer
@testable import StrikeMapRender

/// A request may name a file on the server only under the folders given with `--data-dir`, for
/// every symbolizer and source that reads one, through the query, `POST /map` and `POST /spec`;
/// every refusal reads the same whether or not the path exists, and comes before any open.
@Suite(.serialized) struct ServiceFileAccessTests {
    static let small = "width=800&height=600&dpi=100"
    static let zone = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/layers/zone.geojson").path

    /// A data folder with the test zone, a link out of it, a FIFO and a raster's name that is a folder.
    static func dataFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "strikemap-data-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/dem.tif", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: zone, toPath: dir + "/zone.geojson")
        try FileManager.default.createSymbolicLink(atPath: dir + "/passwd.geojson", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(dir + "/fifo.geojson", 0o600) == 0)
        return dir
    }

    static func error(_ r: Fetched) -> String { (r.json?["error"] as? String) ?? "" }

    /// The document `/spec` builds for a query, with one layer added.
    static func document(_ base: URL, adding layer: [String: Any]) async throws -> Data {
        let spec = try await fetch(base, "/spec?region=syria&" + small)
        var doc = try #require(try JSONSerialization.jsonObject(with: spec.body) as? [String: Any])
        doc["layers"] = (doc["layers"] as? [Any] ?? []) + [layer]
        return try JSONSerialization.data(withJSONObject: doc)
    }

    @Test func filesOnlyFromTheDataFolders() async throws {
        let dir = try Self.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var settings = MapService.Settings.underTest
        settings.fileAccess = try FileAccess(folders: [dir])
        try await withService(settings) { _, base in
            // Allowed: the zone, by a path relative to the folder or by its full path.
            let choropleth = try await fetch(base, "/map.png?view=choropleth&by-layer=zone.geojson:name&" + Self.small)
            #expect(choropleth.status == 200, "\(choropleth.text)")
            let layer = try await fetch(base, "/map.png?layer=\(dir)/zone.geojson&" + Self.small)
            #expect(layer.status == 200, "\(layer.text)")
            let highlight = try await fetch(base, "/map.png?highlight-layer=zone.geojson&" + Self.small)
            #expect(highlight.status == 200, "\(highlight.text)")

            // Refused, with the same words whether the file is there or not.
            var words: Set<String> = []
            let outside = ["/etc/passwd", "/etc/no-such-file", "../../../../etc/passwd", "passwd.geojson", "fifo.geojson", "missing.geojson"]
            for path in outside {
                for (parameter, value) in [("by-layer", path + ":name"), ("layer", path), ("highlight-layer", path)] {
                    let view = parameter == "by-layer" ? "view=choropleth&" : ""
                    let r = try await fetch(base, "/map.png?\(view)\(parameter)=\(value)&" + Self.small)
                    #expect(r.status == 400, "\(parameter)=\(value): \(r.status) \(r.text)")
                    #expect(r.json?["parameter"] as? String == parameter, "\(r.text)")
                    let message = r.json?["error"] as? String ?? ""
                    #expect(message.contains("not a file in this service's data folders"), "\(message)")
                    words.insert(message.replacingOccurrences(of: "'\(path)'", with: "'P'").replacingOccurrences(of: "'\(parameter)'", with: "'Q'"))
                }
                // A raster layer (terrain) by its name.
                let r = try await fetch(base, "/map.png?layer=\(path.replacingOccurrences(of: ".geojson", with: ".tif"))&" + Self.small)
                #expect(r.status == 400, "raster \(path): \(r.text)")
            }
            #expect(words.count == 1, "\(words)")
            // A folder named like a raster is not a file either.
            #expect(try await fetch(base, "/map.png?layer=dem.tif&" + Self.small).status == 400)

            // Posted documents: every source and symbolizer that reads a file, through /map and /spec.
            let layers: [[String: Any]] = [
                ["id": "mine", "source": ["file": "/etc/passwd"]],
                ["id": "areas", "source": "events", "symbolizers": [["type": "choropleth", "file": "/etc/passwd", "field": "name"]]],
                ["id": "dem", "source": "background", "symbolizers": [["type": "relief", "raster": "/proc/self/fd/0"]]],
                ["id": "dem2", "source": "background", "symbolizers": [["type": "relief", "raster": "fifo.geojson"]]],
            ]
            for layer in layers {
                let body = try await Self.document(base, adding: layer)
                for route in ["/map", "/spec"] {
                    let r = try await fetch(base, route, method: "POST", body: body)
                    #expect(r.status == 400, "\(route) \(layer["id"]!): \(r.status) \(r.text)")
                    #expect(r.json?["parameter"] as? String == "layers")
                    let words = Self.error(r)
                    #expect(words.contains("not a file in this service's data folders"), "\(r.text)")
                }
            }
            // A published count's file is one too; StrikeMap's own (builtin:) is no server path.
            let spec0 = try await fetch(base, "/spec?region=syria&" + Self.small)
            var counted = try #require(try JSONSerialization.jsonObject(with: spec0.body) as? [String: Any])
            for (file, status) in [("/etc/passwd", 400), ("missing.csv", 400), ("builtin:pentagon-attack-counts-2023.csv", 200)] {
                var furniture = counted["furniture"] as? [String: Any] ?? [:]
                furniture["publishedCounts"] = ["file": file, "by": "Pentagon", "from": "2023-10-17", "kind": "attack", "places": ["Iraq", "Syria"]]
                counted["furniture"] = furniture
                let body = try JSONSerialization.data(withJSONObject: counted)
                for route in ["/map", "/spec"] {
                    let r = try await fetch(base, route, method: "POST", body: body)
                    #expect(r.status == status, "\(route) \(file): \(r.status) \(r.text)")
                    if status == 400 {
                        #expect(r.json?["parameter"] as? String == "furniture.publishedCounts.file", "\(r.text)")
                        #expect(Self.error(r).contains("not a file in this service's data folders"), "\(r.text)")
                    }
                }
            }
            // The zone, posted, is drawn; /spec gives back what the service would draw.
            let ok = try await Self.document(base, adding: ["id": "areas", "source": "events",
                                                            "symbolizers": [["type": "choropleth", "file": "zone.geojson", "field": "name"]]])
            let drawn = try await fetch(base, "/map", method: "POST", body: ok)
            #expect(drawn.status == 200, "\(drawn.text)")
            let spec = try await fetch(base, "/spec", method: "POST", body: ok)
            #expect(spec.status == 200 && spec.text.contains("zone.geojson"), "\(spec.text)")
            // The service still answers at once (nothing blocked on the FIFO).
            #expect(try await fetch(base, "/health").status == 200)
        }
    }

    @Test func withoutDataFoldersNoRequestNamesAFile() async throws {
        try await withService { _, base in
            let r = try await fetch(base, "/map.png?layer=\(Self.zone)&" + Self.small)
            #expect(r.status == 400 && r.json?["parameter"] as? String == "layer", "\(r.text)")
            let words = Self.error(r)
            #expect(words.contains("data-dir option"), "\(r.text)")
            let body = try await Self.document(base, adding: ["id": "dem", "source": "background",
                                                              "symbolizers": [["type": "relief", "raster": Self.zone]]])
            let posted = try await fetch(base, "/spec", method: "POST", body: body)
            let postedWords = Self.error(posted)
            #expect(posted.status == 400 && postedWords.contains("opens no file a request names"), "\(posted.text)")
        }
    }

    /// A CRS in a query or a document is data: a pipeline or a file reference is a 400 before PROJ
    /// sees it, and the service goes on answering (nothing is left blocked on a FIFO).
    @Test func aCRSThatReadsFilesIsRefused() async throws {
        try await withService { _, base in
            for crs in ["+proj=merc +step +proj=hgridshift +grids=/proc/self/fd/3", "+proj=merc +nadgrids=/etc/passwd",
                        "+init=epsg:4326", "+proj=hgridshift +grids=/etc/passwd"] {
                let q = crs.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let r = try await fetch(base, "/map.png?crs=\(q)&" + Self.small)
                #expect(r.status == 400, "\(crs): \(r.status) \(r.text)")
                #expect(r.json?["parameter"] as? String == "crs", "\(r.text)")
                // Posted in a document: the same refusal, from the pipeline.
                let body = try await Self.document(base, adding: ["id": "x", "source": "background", "symbolizers": [] as [Any]])
                var doc = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
                doc["extent"] = ["region": "syria", "crs": crs]
                for route in ["/map", "/spec"] {
                    let posted = try await fetch(base, route, method: "POST", body: try JSONSerialization.data(withJSONObject: doc))
                    #expect(posted.status == 400, "\(route) \(crs): \(posted.status) \(posted.text)")
                }
            }
            let optIn = try await fetch(base, "/map.png?crs-files=true&" + Self.small)
            #expect(optIn.status == 400 && optIn.json?["parameter"] as? String == "crs-files", "\(optIn.text)")
            // A CRS that is one: drawn.
            let ok = try await fetch(base, "/map.png?crs=EPSG:32638&region=iraq&" + Self.small)
            #expect(ok.status == 200, "\(ok.text)")
            #expect(try await fetch(base, "/health").status == 200)
        }
    }

    /// HEAD is GET without the body.
    @Test func headIsAnsweredAsGet() async throws {
        try await withService { _, base in
            let r = try await fetch(base, "/map.png?" + Self.small, method: "HEAD")
            #expect(r.status == 200 && r.headers["content-type"] == "image/png" && r.headers["etag"] != nil, "\(r.status) \(r.headers)")
            #expect(r.body.isEmpty)
            #expect(try await fetch(base, "/health", method: "HEAD").status == 200)
            #expect(try await fetch(base, "/nowhere", method: "HEAD").status == 404)
        }
    }
}
