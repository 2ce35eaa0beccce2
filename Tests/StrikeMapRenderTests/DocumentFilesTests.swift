import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// A symbolizer type from outside the library that reads a file: declared once, in its own file,
/// and nothing else changes for a service to refuse it.
struct StampSymbolizer: Symbolizer {
    static let type = "test-stamp"
    static let traits: SymbolizerTraits = .readsFiles
    var image: String

    enum CodingKeys: String, CodingKey, CaseIterable { case image }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        image = try r.required(.image)
    }

    var filesRead: [SymbolizerFile] { [SymbolizerFile(key: "image", path: image, use: .features)] }

    /// Never reached in these tests: a service refuses the document before anything is planned.
    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan { LayerPlan() }
}

/// Documents declare every file they would open; `FileAccess` decides which a render may open.
@Suite struct DocumentFilesTests {
    static func decode(_ json: String) throws -> MapDocument {
        try MapDocument.decode(Data(json.utf8), source: "test")
    }

    @Test func aDocumentListsEveryFileItWouldOpen() throws {
        let doc = try Self.decode(##"""
        {"data": {"events": ["builtin:sample", "mine.csv", "-", "PG:dbname=x"], "acledMap": "rules.csv"},
         "layers": [
           {"id": "roads", "source": {"file": "roads.gpkg", "layer": "main"}, "symbolizers": [{"type": "line", "stroke": "#555555"}]},
           {"id": "events", "source": "events", "symbolizers": [{"type": "choropleth", "file": "areas.geojson", "field": "name"}]},
           {"id": "dem", "source": "background", "symbolizers": [{"type": "relief", "raster": "dem.tif"}]}]}
        """##)
        let files = doc.filesRead
        #expect(files.map(\.path) == ["mine.csv", "rules.csv", "roads.gpkg", "areas.geojson", "dem.tif"])
        #expect(files.map(\.role) == [.events, .acledMap, .layerSource, .symbolizer, .symbolizer])
        #expect(files[2].key == "layer 'roads' (layers[0].source.file)")
        #expect(files[3].key == "layer 'events' (layers[1].symbolizers[0].file)" && files[3].use == .areas)
        #expect(files[4].key == "layer 'dem' (layers[2].symbolizers[0].raster)" && files[4].use == .terrain)
        #expect(doc.layerFilesRead.count == 3)
        // The default map reads no file of its layers.
        #expect(MapDocument().layerFilesRead.isEmpty)
    }

    @Test func typesDeclareTheirTraits() throws {
        let doc = try Self.decode(##"""
        {"layers": [
           {"id": "land", "source": {"basemap": "land"}, "symbolizers": [{"type": "polygon"}]},
           {"id": "events", "source": "events", "symbolizers": [{"type": "hexbin"}]},
           {"id": "arcs", "source": "events", "symbolizers": [{"type": "arc"}]},
           {"id": "areas", "source": "events", "symbolizers": [{"type": "choropleth", "file": "a.geojson", "field": "name"}]}]}
        """##)
        #expect(doc.layers.map(\.drawsEvents) == [false, true, false, true])
        #expect(doc.layers[0].symbolizers[0].traits == .staticBase)
        #expect(doc.layers[3].symbolizers[0].traits == [.drawsEvents, .readsFiles])
        // A type that reads files lists them; relocating rewrites only those paths.
        let moved = doc.layers[3].symbolizers[0].relocatingFiles { "/data/" + $0.path }
        #expect(moved.filesRead.map(\.path) == ["/data/a.geojson"])
    }

    @Test func aNewSymbolizerThatReadsAFileIsListedAndRefused() throws {
        SymbolizerRegistry.shared.register(StampSymbolizer.self)
        let doc = try Self.decode(##"""
        {"layers": [{"id": "stamp", "source": "events", "symbolizers": [{"type": "test-stamp", "image": "/etc/passwd"}]}]}
        """##)
        #expect(doc.layerFilesRead.map(\.path) == ["/etc/passwd"])
        #expect(throws: FileAccessError.noFilesTaken(path: "/etc/passwd", key: "layer 'stamp' (layers[0].symbolizers[0].image)")) {
            try doc.checkMapFiles(.none)
        }
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileAccessError.outsideFolders(path: "/etc/passwd", key: "layer 'stamp' (layers[0].symbolizers[0].image)")) {
            try doc.checkMapFiles(try FileAccess(folders: [dir]))
        }
        // The command line opens what its user names.
        try doc.checkMapFiles(.any)
    }

    /// A published count's file is listed and checked with the layers'; StrikeMap's own is not a
    /// file the document names. The former `pentagonTotals` still reads as the sample's count, and
    /// the furniture's words stay with the files they were written for.
    @Test func aPublishedCountIsAFileTheDocumentReads() throws {
        let doc = try Self.decode(##"""
        {"furniture": {"publishedCounts": {"file": "/etc/passwd", "by": "Ministry", "from": "2024-01-01", "kind": "raid"}}}
        """##)
        #expect(doc.filesRead.map(\.key) == ["furniture.publishedCounts.file"])
        #expect(throws: FileAccessError.noFilesTaken(path: "/etc/passwd", key: "furniture.publishedCounts.file")) {
            try doc.checkMapFiles(.none)
        }
        let sample = try MapDocument.samplePreset()
        #expect(sample.furniture.publishedCounts?.file == "builtin:pentagon-attack-counts-2023.csv")
        #expect(sample.mapFilesRead.isEmpty)
        let legacy = try Self.decode(##"{"furniture": {"pentagonTotals": true}}"##)
        #expect(legacy.furniture.publishedCounts == sample.furniture.publishedCounts)
        #expect(!String(decoding: legacy.json(), as: UTF8.self).contains("pentagonTotals"))
        // Scoped: the sample's words for the sample, none for other files.
        #expect(sample.furniture.scoped(to: ["builtin:sample"]) == sample.furniture)
        let other = sample.furniture.scoped(to: ["mine.csv"])
        #expect(other.source == nil && other.publishedCounts == nil && other.legend == sample.furniture.legend)
        // A day that is not one, or a builtin name that leaves the Data folder, names its key.
        let badDay = #"{"furniture": {"publishedCounts": {"file": "a.csv", "by": "M", "kind": "raid", "from": "17 Oct"}}}"#
        let badName = #"{"furniture": {"publishedCounts": {"file": "builtin:../x", "by": "M", "kind": "raid", "from": "2024-01-01"}}}"#
        for (text, key) in [(badDay, "from"), (badName, "file")] {
            #expect { try Self.decode(text) } throws: { e in "\(e)".contains("furniture.publishedCounts.\(key)") }
        }
        // Built in code rather than read: the same error when drawn, no trap.
        let coded = PublishedCountsDocument(file: "builtin:pentagon-attack-counts-2023.csv", by: "M", from: "17 Oct", kind: "attack")
        #expect { try coded.load(access: .any) } throws: { e in "\(e)".contains("furniture.publishedCounts.from") }
    }

    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "strikemap-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/sub/areas.geojson"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: dir + "/inside", withDestinationPath: dir + "/sub/areas.geojson")
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        return dir
    }

    @Test func onlyRegularFilesUnderTheFoldersAreOpened() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let access = try FileAccess(folders: [dir])
        let real = FileAccess.realPath(dir)!
        // Relative paths are under the first folder; links that stay inside are followed.
        #expect(try access.resolve("sub/areas.geojson", key: "k") == real + "/sub/areas.geojson")
        #expect(try access.resolve(dir + "/sub/areas.geojson", key: "k") == real + "/sub/areas.geojson")
        #expect(try access.resolve("inside", key: "k") == real + "/sub/areas.geojson")
        // Outside, by any road: absolute, climbing out, a link out, a FIFO, a folder, a missing
        // file, a NUL. Every refusal reads the same, so none tells whether a path exists.
        var words: Set<String> = []
        for path in ["/etc/passwd", "../../../../etc/passwd", "sub/../../x", "passwd", "fifo", "sub", "missing.geojson",
                     "/nonexistent/x.geojson", "sub/areas.geojson\0x", ""] {
            do {
                _ = try access.resolve(path, key: "k")
                Issue.record("\(path) was allowed")
            } catch {
                #expect(error == .outsideFolders(path: path, key: "k"), "\(path): \(error)")
                words.insert(error.description.replacingOccurrences(of: "'\(path)'", with: "'P'"))
            }
        }
        #expect(words.count == 1, "\(words)")
        // A folder that is not one is refused at start.
        #expect(throws: FileAccessError.notAFolder(dir + "/sub/areas.geojson")) {
            _ = try FileAccess(folders: [dir + "/sub/areas.geojson"])
        }
        // A folder's name is not a prefix of its neighbour's: /tmp/a allows nothing in /tmp/ab.
        let neighbour = dir + "b"
        try FileManager.default.createDirectory(atPath: neighbour, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: neighbour) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: neighbour + "/f.geojson"))
        #expect(throws: FileAccessError.self) { _ = try access.resolve(neighbour + "/f.geojson", key: "k") }
    }

    @Test func thePipelineChecksBeforeItOpens() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var doc = MapDocument()
        doc.page.width = 400; doc.page.height = 300
        doc.layers.append(MapLayerDocument(id: "relief", source: .background, symbolizers: [ReliefSymbolizer(raster: dir + "/fifo")]))
        let pipeline = MapPipeline(catalog: Fixture.catalog)
        // A FIFO nobody writes would block GDAL's open for ever: refused first.
        #expect(throws: FileAccessError.self) {
            _ = try pipeline.render(RenderRequest(document: doc, fileAccess: try FileAccess(folders: [dir])))
        }
    }
}
