import Foundation
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Shared, loaded once: the shipped geodata and the sample events.
enum Fixture {
    static let catalog: GeoCatalog = try! GeoCatalog.load()
    static let events: [Event] = try! EventLoader(gazetteer: catalog.gazetteer).read(path: EventLoader.samplePath()).events
    static let region: Region = try! catalog.regions.named("iraq-syria")
    static let basemap: Basemap = try! catalog.basemap(for: region)
    /// The sample's own words and symbols (its preset document's).
    static let sampleSymbology: SymbologyDocument = try! MapDocument.samplePreset().symbology

    static func spec(events: [Event]? = nil, range: DateRange = .all, width: Int = 1600, height: Int = 1200) -> MapSpec {
        var s = MapSpec(region: region, basemap: basemap, gazetteer: catalog.gazetteer,
                        events: (events ?? Self.events).filter { range.contains($0.date) }, dateRange: range)
        s.widthPx = width
        s.heightPx = height
        s.symbology = sampleSymbology
        return s
    }

    static func tempPath(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-test-\(UUID()).\(ext)").path
    }
}

extension RenderManifest.Label {
    var rect: CanvasRect { CanvasRect(x: x, y: y, width: width, height: height) }
}
