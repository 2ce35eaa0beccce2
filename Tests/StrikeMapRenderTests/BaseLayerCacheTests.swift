import Foundation
import StrikeMapCore
import Testing
@testable import StrikeMapRender

/// A service, or a series of frames, keeps the drawn basemap and locator inset of a frame and
/// paints them into later maps: a map's pixels must not depend on what was drawn before it.
@Suite struct BaseLayerCacheTests {
    @Test func keptBasemapsAndInsetsGiveThePixelsOfAFreshDrawing() throws {
        let cache = BaseLayerCache(capacityBytes: 256 << 20)
        var first = Fixture.spec()
        first.baseCache = cache
        let (_, firstManifest) = try MapRenderer(spec: first).renderImage()
        #expect(firstManifest.insetBox != nil, "the sample's frame has a locator inset")
        #expect(cache.usage.count == 2, "the basemap and the inset are kept")

        let november = try DateRange(from: CivilDate(year: 2023, month: 11, day: 1)!, to: CivilDate(year: 2023, month: 11, day: 15)!)
        let syria = Fixture.events.filter { $0.country.uppercased() == "SY" }
        #expect(!syria.isEmpty && syria.count < Fixture.events.count)
        // Other events in the same frame: November's (the same countries), and Syria's alone,
        // whose focus country and inset differ from the first map's.
        for (name, events) in [("November", Fixture.events.filter { november.contains($0.date) }), ("Syria", syria)] {
            let held = cache.usage.count
            var kept = Fixture.spec(events: events)
            kept.baseCache = cache
            let (fromCache, manifest) = try MapRenderer(spec: kept).renderImage()
            let (fresh, _) = try MapRenderer(spec: Fixture.spec(events: events)).renderImage()
            let a = fromCache.raster(), b = fresh.raster()
            let differing = zip(a.rgba, b.rgba).filter { $0 != $1 }.count
            #expect(differing == 0, "\(name): \(differing) bytes differ from a fresh drawing")
            if name == "Syria" { #expect(cache.usage.count == held + 2, "Syria's focus country: a basemap and an inset of its own") }

            // The inset really is drawn: sea, land, provinces and borders, not one flat colour.
            let box = try #require(manifest.insetBox)
            var colours = Set<UInt32>()
            for y in Int(box[1] + 2)..<Int(box[1] + box[3] - 2) {
                for x in Int(box[0] + 2)..<Int(box[0] + box[2] - 2) {
                    let p = a.pixel(x: x, y: y)!
                    colours.insert(UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b))
                }
            }
            #expect(colours.count > 20, "\(name): the inset has \(colours.count) colours")
        }
    }
}
