import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Checks that would catch a broken map: what colour is where, and what is not drawn.
@Suite(.serialized) struct MapPixelTests {
    static let rendered: (surface: RasterImage, manifest: RenderManifest) = {
        // Flat colours: the terrain shading would tint the land (ReliefTests checks it).
        var spec = Fixture.spec()
        spec.style.showRelief = false
        let (s, m) = try! MapRenderer(spec: spec).renderImage()
        return (s.raster(), m)
    }()
    var surface: RasterImage { Self.rendered.surface }
    var manifest: RenderManifest { Self.rendered.manifest }
    let style = MapStyle.house

    func frame() throws -> MapFrame {
        let f = manifest.mapFrame
        return try MapFrame(region: Fixture.region, rect: CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3]))
    }

    func covered(_ p: CanvasPoint) -> Bool {
        manifest.labels.contains { $0.rect.insetBy(-4).contains(p) }
            || manifest.markers.contains { hypot($0.x - p.x, $0.y - p.y) < $0.radius + 4 }
    }

    /// The first of the points that projects inside the frame clear of labels and markers.
    func clearPoint(_ candidates: [GeoPoint]) throws -> CanvasPoint {
        let frame = try frame()
        let f = manifest.mapFrame
        let inner = CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3]).insetBy(4)
        let lb = manifest.legendBox
        let legend = CanvasRect(x: lb[0], y: lb[1], width: lb[2], height: lb[3]).insetBy(-6)
        for g in candidates {
            if let p = frame.project(g), inner.contains(p), !covered(p), !legend.contains(p) { return p }
        }
        throw CancellationError()
    }

    @Test func seaIsSeaColouredAndLandIsLand() throws {
        // The Mediterranean off Lebanon and Cyprus; the Gulf off Kuwait.
        let med = try clearPoint([GeoPoint(lat: 34.2, lon: 34.6), GeoPoint(lat: 33.5, lon: 34.2), GeoPoint(lat: 35.5, lon: 35.2)])
        let gulf = try clearPoint([GeoPoint(lat: 29.0, lon: 49.5), GeoPoint(lat: 28.6, lon: 49.9)])
        for p in [med, gulf] {
            let ok = surface.pixel(x: p.x, y: p.y, isNear: style.sea, tolerance: 6)
            #expect(ok, "\(p) is not sea-coloured")
        }
        // The Syrian and Iraqi deserts: focus-country land.
        for p in [try clearPoint([GeoPoint(lat: 34.8, lon: 38.0), GeoPoint(lat: 34.2, lon: 37.4)]),
                  try clearPoint([GeoPoint(lat: 31.5, lon: 45.5), GeoPoint(lat: 31.0, lon: 45.0)])] {
            let ok = surface.pixel(x: p.x, y: p.y, isNear: style.focusLand, tolerance: 6)
            #expect(ok, "\(p) is not focus-land-coloured")
        }
        // Turkey and Saudi Arabia had no events: ordinary land colour.
        for p in [try clearPoint([GeoPoint(lat: 37.6, lon: 39.6), GeoPoint(lat: 37.5, lon: 38.6)]),
                  try clearPoint([GeoPoint(lat: 30.0, lon: 41.0), GeoPoint(lat: 29.5, lon: 43.5)])] {
            let ok = surface.pixel(x: p.x, y: p.y, isNear: style.land, tolerance: 6)
            #expect(ok, "\(p) is not land-coloured")
        }
    }

    @Test func attackMarkerSitsOnAlAsad() throws {
        let frame = try frame()
        let asad = try #require(Fixture.catalog.gazetteer["al-asad-ab"])
        let projected = try #require(frame.project(asad.location))
        let marker = try #require(manifest.markers.first { $0.site == "al-asad-ab" && $0.kind == "attack" && !$0.hollow })
        // The marker belongs to al-Asad's true projected position...
        #expect(abs(marker.trueX - projected.x) < 0.5 && abs(marker.trueY - projected.y) < 0.5)
        // ...is drawn within reach of it (moved at most by its own size to clear a neighbour)...
        #expect(hypot(marker.x - projected.x, marker.y - projected.y) <= marker.radius * 1.2)
        // ...and is attack-coloured (sampled below the count number).
        #expect(surface.pixel(x: marker.x, y: marker.y + marker.radius * 0.65, isNear: style.attack))
        #expect(marker.count == Fixture.events.filter { $0.siteID == "al-asad-ab" && $0.confidence != .claimed }.count)
    }

    @Test func strikeMarkersAreStrikeColoured() throws {
        let strikes = manifest.markers.filter { $0.kind == "strike" }
        #expect(strikes.reduce(0) { $0 + $1.count } == Fixture.events.filter { $0.kind == .strike }.count)
        for m in strikes {
            // Most of the marker shows the strike colour (a neighbour's badge may touch an edge;
            // the count sits in the middle).
            if m.coarse != nil {
                // Placed only at a province's centre (the sample's Al Anbar strike): hatched, stripes
                // of the strike colour on paper, over a grid of points inside the shape.
                var ink = 0, paper = 0
                for i in -4...4 { for j in -4...4 {
                    let x = m.x + Double(i) * 0.12 * m.radius, y = m.y + Double(j) * 0.12 * m.radius
                    if surface.pixel(x: x, y: y, isNear: style.strike, tolerance: 40) { ink += 1 }
                    if surface.pixel(x: x, y: y, isNear: style.legendPaper, tolerance: 20) { paper += 1 }
                } }
                #expect(ink >= 10 && paper >= 10, "\(m.site ?? "?"): \(ink) strike-coloured, \(paper) paper of 81")
                continue
            }
            let samples = [(0.0, 0.6), (0.0, -0.6), (0.6, 0.0), (-0.6, 0.0), (0.35, 0.35), (-0.35, 0.35)]
            let hits = samples.filter { surface.pixel(x: m.x + $0.0 * m.radius, y: m.y + $0.1 * m.radius, isNear: style.strike) }.count
            #expect(hits >= 4, "\(m.site ?? "?"): \(hits) of \(samples.count) samples strike-coloured")
        }
    }

    @Test func everyEventIsDrawnOnce() {
        let ids = manifest.markers.flatMap(\.eventIDs)
        #expect(ids.count == Fixture.events.count)
        #expect(Set(ids) == Set(Fixture.events.map(\.id)))
    }

    @Test func nothingIsDrawnOutsideTheFrame() throws {
        let f = manifest.mapFrame
        let left = Int(f[0]) - 3, right = Int(f[0] + f[2]) + 3
        // Side margins beside the map, from the frame's top to its bottom, stay paper-white.
        for y in stride(from: Int(f[1]), to: Int(f[1] + f[3]), by: 3) {
            for x in [0, left / 2, left, right, (right + surface.width) / 2, surface.width - 1] {
                #expect(surface.pixel(x: Double(x), y: Double(y), isNear: style.paper, tolerance: 2), "ink at \(x),\(y)")
            }
        }
    }

    @Test func labelsNeverCollide() {
        let labels = manifest.labels
        #expect(labels.count > 20)
        for i in labels.indices {
            let a = labels[i].rect
            let frame = manifest.mapFrame
            #expect(a.x >= frame[0] && a.maxX <= frame[0] + frame[2] && a.y >= frame[1] && a.maxY <= frame[1] + frame[3],
                    "\(labels[i].text) crosses the frame")
            for j in labels.indices where j > i {
                #expect(!a.intersects(labels[j].rect), "\(labels[i].text) overlaps \(labels[j].text)")
            }
            for m in manifest.markers {
                let box = CanvasRect(x: m.x - m.radius, y: m.y - m.radius, width: 2 * m.radius, height: 2 * m.radius)
                #expect(!a.intersects(box), "\(labels[i].text) covers a marker at \(m.site ?? "?")")
            }
            let lb = manifest.legendBox
            #expect(!a.intersects(CanvasRect(x: lb[0], y: lb[1], width: lb[2], height: lb[3])), "\(labels[i].text) covers the legend")
        }
        // Every site with events is named.
        let sites = Set(manifest.markers.compactMap(\.site))
        for id in sites {
            let name = Fixture.catalog.gazetteer[id]!.name
            #expect(labels.contains { $0.text == name }, "\(name) has no label")
        }
    }

    @Test func legendIsBuiltFromWhatIsDrawn() {
        let attacks = Fixture.events.filter { $0.kind == .attack && $0.confidence != .claimed }.count
        let claimed = Fixture.events.filter { $0.kind == .attack && $0.confidence == .claimed }.count
        #expect(manifest.legend.contains("Attack on US or coalition forces (\(attacks))"))
        #expect(manifest.legend.contains("Attack claimed, not confirmed (\(claimed))"))
        #expect(manifest.legend.contains("US strike (7)"))
    }

    @Test func dateFilteringChangesWhatIsDrawn() throws {
        let range = try DateRange.parse(from: "2023-11-20", to: "2023-11-22")
        let (late, m) = try MapRenderer(spec: Fixture.spec(range: range)).renderImage()
        #expect(m.eventCount == Fixture.events.filter { range.contains($0.date) }.count)
        #expect(m.markers.allSatisfy { $0.site != "rumalyn-lz" })
        // Where the full map has the Rumalyn marker, the late map has none.
        let rumalyn = try #require(manifest.markers.first { $0.site == "rumalyn-lz" })
        #expect(surface.pixel(x: rumalyn.x, y: rumalyn.y, isNear: style.attack))
        #expect(!late.raster().pixel(x: rumalyn.x, y: rumalyn.y, isNear: style.attack))
        #expect(m.subtitle.hasPrefix("20 – 22 Nov 2023"), "\(m.subtitle)")
    }

    @Test func invalidSizesAreTypedErrors() {
        var s = Fixture.spec()
        s.widthPx = 200_000
        #expect(throws: RenderError.self) { try MapRenderer(spec: s) }
        s.widthPx = 10
        #expect(throws: RenderError.self) { try MapRenderer(spec: s) }
    }
}

/// User layers draw between the basemap and the events, in every format GDAL reads.
@Suite struct UserLayerRenderTests {
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/layers")
    }

    @Test(arguments: ["zone.geojson", "zone.shp", "zone.gpkg", "zone.kml"])
    func layerIsDrawn(file: String) throws {
        let layer = try UserLayer.load(argument: Self.fixtures.appendingPathComponent(file).path + ":fill=#FF00FF,stroke=#FF00FF")
        var spec = Fixture.spec(events: [])
        spec.userLayers = [layer]
        let (surface, manifest) = try MapRenderer(spec: spec).renderImage()
        let f = manifest.mapFrame
        let frame = try MapFrame(region: Fixture.region, rect: CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3]))
        let inside = try #require(frame.project(GeoPoint(lat: 31.7, lon: 39.8)))
        let outside = try #require(frame.project(GeoPoint(lat: 30.7, lon: 39.8)))
        let image = surface.raster()
        let magenta = Color.hex("#FF00FF")
        #expect(image.pixel(x: inside.x, y: inside.y, isNear: magenta, tolerance: 8))
        #expect(!image.pixel(x: outside.x, y: outside.y, isNear: magenta, tolerance: 60))
        #expect(manifest.legend.contains("zone"))
    }

    @Test func badStyleIsAClearError() {
        do { _ = try UserLayer.load(argument: "x.geojson:fill=pink"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("fill=pink is not a colour"))
        }
        do { _ = try UserLayer.load(argument: "x.geojson:size=3"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("unknown style key 'size'"))
        }
    }
}

@Suite struct FramingTests {
    /// Every preset's whole extent lands inside the map frame, at any canvas shape, undistorted.
    @Test(arguments: [(1600, 1200), (1200, 1600), (2400, 800)])
    func regionBBoxStaysInsideTheFrame(width: Int, height: Int) throws {
        for region in Fixture.catalog.regions.regions {
            let rect = CanvasRect(x: 20, y: 80, width: Double(width) - 40, height: Double(height) - 160)
            let frame = try MapFrame(region: region, rect: rect)
            let b = region.bbox
            var touches = 0
            for i in 0...20 {
                let t = Double(i) / 20
                for g in [GeoPoint(lat: b.south, lon: b.west + (b.east - b.west) * t),
                          GeoPoint(lat: b.north, lon: b.west + (b.east - b.west) * t),
                          GeoPoint(lat: b.south + (b.north - b.south) * t, lon: b.west),
                          GeoPoint(lat: b.south + (b.north - b.south) * t, lon: b.east)] {
                    let p = try #require(frame.project(g))
                    #expect(rect.insetBy(-0.01).contains(p), "\(region.name): \(g) falls outside the frame")
                    if abs(p.x - rect.x) < 0.5 || abs(p.x - rect.maxX) < 0.5 || abs(p.y - rect.y) < 0.5 || abs(p.y - rect.maxY) < 0.5 {
                        touches += 1
                    }
                }
            }
            // Fitted, not shrunk: the extent reaches the frame's edge on at least one axis.
            #expect(touches > 0, "\(region.name) does not fill the frame")
            // One scale for x and y: a degree of latitude near the centre is as long as the km say.
            let c = b.center
            let a = try #require(frame.project(c)), n = try #require(frame.project(GeoPoint(lat: c.lat + 0.1, lon: c.lon)))
            let km = c.distanceKm(to: GeoPoint(lat: c.lat + 0.1, lon: c.lon))
            let kmPerUnitNS = km / hypot(n.x - a.x, n.y - a.y)
            #expect(abs(kmPerUnitNS / frame.kmPerUnitAtCenter - 1) < 0.02, "\(region.name) is distorted")
        }
    }
}

/// A world map narrower than its frame: beside it, canvas points unproject to wrapped longitudes.
/// North is then taken at the frame's centre (the arrow pointed sideways), and nothing is placed
/// by such a point (a country's name was written west of the Americas).
@Suite struct WorldFrameTests {
    @Test func northBesideAWorldMapIsUp() throws {
        let world = Region(name: "world-test", title: "World", bbox: GeoBox(west: -170, south: -75, east: 170, north: 75),
                           crs: "+proj=merc +lon_0=0 +datum=WGS84 +units=m +no_defs")
        let frame = try MapFrame(region: world, rect: CanvasRect(x: 0, y: 0, width: 1200, height: 200))
        let beside = CanvasPoint(x: 1150, y: 100)
        // The point is off the world's drawing: its unprojected place projects back elsewhere.
        let g = try #require(frame.unproject(beside))
        let back = try #require(frame.project(g))
        #expect(abs(back.x - beside.x) > 100, "the test point should be beside the world: \(g) → \(back)")
        #expect(abs(frame.northAngle(at: beside)) < 1e-6, "\(frame.northAngle(at: beside))")
        #expect(abs(frame.northAngle(at: CanvasPoint(x: 600, y: 100))) < 1e-6)
    }
}
