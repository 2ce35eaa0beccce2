import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Thousands of events on one map: markers never far from their events, density views whose
/// numbers add up to the events drawn, and `auto` choosing between them.
@Suite struct DensityViewTests {
    let pipeline = MapPipeline(catalog: Fixture.catalog)

    /// `count` events around a few Syrian cities, spread like real data (Gaussian, tens of km),
    /// some with deaths; deterministic.
    static func clustered(_ count: Int, seed: UInt64 = 7) -> [Event] {
        var rng = SeededRandom(seed: seed)
        let cities = [(36.20, 37.15, 5.0), (34.73, 36.72, 2.0), (33.51, 36.29, 3.0), (35.33, 40.14, 1.5), (36.50, 40.75, 1.0)]
        let total = cities.reduce(0) { $0 + $1.2 }
        return (0..<count).map { i in
            var pick = rng.next() * total
            var c = cities[0]
            for city in cities { if pick < city.2 { c = city; break }; pick -= city.2 }
            // Box–Muller: a normal spread of about 0.15° around the city.
            let u1 = max(1e-9, rng.next()), u2 = rng.next()
            let r = (-2 * log(u1)).squareRoot() * 0.15
            let lat = c.0 + r * cos(2 * .pi * u2), lon = c.1 + r * sin(2 * .pi * u2)
            return Event(id: "e\(i)", date: CivilDate(year: 2021, month: 1 + i % 12, day: 1 + i % 28)!, kind: .strike,
                         eventType: "Explosions/Remote violence", subEventType: "Air/drone strike",
                         location: GeoPoint(lat: (lat * 1e4).rounded() / 1e4, lon: (lon * 1e4).rounded() / 1e4),
                         country: "SY", killed: i % 3, sources: ["test"])
        }
    }

    func render(_ events: [Event], view: EventView?, _ settings: ViewSettings = ViewSettings(),
                edit: (inout MapDocument) -> Void = { _ in }) throws -> RenderResult {
        var doc = MapDocument()
        doc.data.events = ["test.csv"]
        doc.extent.region = "syria"
        if let view {
            for i in doc.layers.indices where doc.layers[i].drawsEvents { doc.layers[i].setView(view, settings) }
        }
        edit(&doc)
        var report = ReadReport()
        report.events = events
        report.rowsRead = events.count
        report.eventCount = events.count
        return try pipeline.render(RenderRequest(document: doc, input: report))
    }

    /// The frame the map was drawn in, rebuilt from the manifest, to project events as the map did.
    func frame(_ r: RenderResult) throws -> MapFrame {
        let f = r.manifest.mapFrame
        return try MapFrame(region: r.spec.region, rect: CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3]))
    }

    /// On a world map (Equal Earth) a hexagon's stated area holds wherever it is read: the ground
    /// under a hexagon at the centre and one far from it, measured on the sphere from its corners,
    /// match the legend's km²; no scale bar or north arrow claims one length or direction.
    @Test func aWorldHexbinStatesAnAreaTrueEverywhere() throws {
        let events = Self.clustered(400)
        let r = try render(events, view: .hexbin) { $0.extent.region = nil; $0.extent.bbox = [-180, -60, 180, 80] }
        let m = r.manifest
        #expect(m.projection.hasPrefix("+proj=eqearth"))
        let d = try #require(m.density)
        let km2 = try #require(d.cellAreaKm2)
        #expect(d.cellAcrossKm == nil)
        #expect(m.legend.first?.contains("km² each") == true, "\(m.legend.first ?? "")")
        #expect(!(m.legend.first ?? "").contains("km across") && !r.caption.contains("km across"), "\(r.caption)")
        #expect(m.scaleBox == nil)
        #expect(m.leftOff?.contains { $0.hasPrefix("scale bar and north arrow") } == true)
        // The world's map names only its largest places (Natural Earth rank 0-1), not hundreds.
        let towns = m.labels.filter { $0.role == "city" }.map(\.text)
        #expect(towns.count <= 45 && !towns.contains("Belmopan") && !towns.contains("Honiara"), "\(towns.count): \(towns)")
        let frame = try frame(r)
        let size = try #require(d.cellSize)
        let f = m.mapFrame
        for centre in [CanvasPoint(x: f[0] + f[2] / 2, y: f[1] + f[3] / 2), CanvasPoint(x: f[0] + f[2] * 0.8, y: f[1] + f[3] * 0.2)] {
            // A hexagon of that size (across the flats) around the point, its corners on the globe.
            let corners = (0..<6).compactMap { k -> GeoPoint? in
                let a = Double(k) * .pi / 3 + .pi / 6
                let r = size / 3.0.squareRoot()
                return frame.unproject(CanvasPoint(x: centre.x + r * cos(a), y: centre.y + r * sin(a)))
            }
            #expect(corners.count == 6)
            let ground = Self.sphericalAreaKm2(corners)
            #expect(abs(ground - km2) / km2 < 0.03, "at \(centre): \(ground) km² on the ground, \(km2) stated")
        }
        // A regional map keeps its hexagons' width, and its scale bar.
        let regional = try render(events, view: .hexbin).manifest
        #expect(regional.density?.cellAcrossKm != nil && regional.density?.cellAreaKm2 == nil)
        #expect(regional.scaleBox != nil && regional.legend.first?.contains("km across") == true)
    }

    /// The area of a small polygon on the sphere (km²), by the spherical excess of its fan of triangles.
    static func sphericalAreaKm2(_ p: [GeoPoint]) -> Double {
        let R = 6371.0088
        func v(_ g: GeoPoint) -> (Double, Double, Double) {
            let la = g.lat * .pi / 180, lo = g.lon * .pi / 180
            return (cos(la) * cos(lo), cos(la) * sin(lo), sin(la))
        }
        func triangle(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint) -> Double {
            let (a, b, c) = (v(a), v(b), v(c))
            let triple = a.0 * (b.1 * c.2 - b.2 * c.1) - a.1 * (b.0 * c.2 - b.2 * c.0) + a.2 * (b.0 * c.1 - b.1 * c.0)
            let dot = 1 + (a.0 * b.0 + a.1 * b.1 + a.2 * b.2) + (b.0 * c.0 + b.1 * c.1 + b.2 * c.2) + (c.0 * a.0 + c.1 * a.1 + c.2 * a.2)
            return abs(2 * atan2(triple, dot))
        }
        var excess = 0.0
        for i in 1..<(p.count - 1) { excess += triangle(p[0], p[i], p[i + 1]) }
        return excess * R * R
    }

    @Test func markersStayWithinTheStatedDistanceOrMerge() throws {
        let events = Self.clustered(3000)
        let r = try render(events, view: .markers)
        let m = r.manifest
        let limit = try #require(m.maxShift)
        // 2 mm on the page at the map's resolution.
        #expect(abs(limit - 2 / 25.4 * m.dpi) < 0.01)
        let fr = try frame(r)
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        var total = 0
        var merged = 0
        for marker in m.markers {
            total += marker.count
            #expect(hypot(marker.x - marker.trueX, marker.y - marker.trueY) <= limit + 0.01)
            // trueX, trueY is where its events are: their centre, weighted by events per place.
            let pts = marker.eventIDs.compactMap { byID[$0].flatMap { fr.project($0.location) } }
            let cx = pts.reduce(0) { $0 + $1.x } / Double(pts.count), cy = pts.reduce(0) { $0 + $1.y } / Double(pts.count)
            #expect(hypot(cx - marker.trueX, cy - marker.trueY) < 0.5, "centre \(cx),\(cy) vs \(marker.trueX),\(marker.trueY)")
            if let sites = marker.sites, sites > 1 {
                merged += 1
                let far = pts.map { hypot($0.x - marker.trueX, $0.y - marker.trueY) }.max() ?? 0
                #expect(abs(far - (marker.extent ?? -1)) < 0.5)
            }
        }
        #expect(merged > 0)
        #expect(total == m.eventCount)
    }

    @Test func hexbinAndGridCellsSumToTheEventsDrawn() throws {
        let events = Self.clustered(5000)
        for view in [EventView.hexbin, .grid] {
            var s = ViewSettings()
            s.cellMM = 3
            let r = try render(events, view: view, s)
            let d = try #require(r.manifest.density)
            #expect(d.view == view.rawValue)
            #expect(r.manifest.view == view.rawValue)
            #expect(d.cells.reduce(0) { $0 + $1.count } == r.manifest.eventCount)
            #expect(d.events == r.manifest.eventCount)
            #expect(r.counts.drawn == r.manifest.eventCount)
            // No empty cells; classes ascend and cover every cell.
            #expect(d.cells.allSatisfy { $0.count > 0 })
            #expect(d.classes.map(\.members).reduce(0, +) == d.cells.count)
            #expect(zip(d.classes, d.classes.dropFirst()).allSatisfy { $0.to < $1.from })
            // Each event lies in a cell that counts it: within a cell's reach of a cell centre.
            let fr = try frame(r)
            let reach = (d.cellSize ?? 0) * (view == .hexbin ? 1 / 3.0.squareRoot() : 0.5.squareRoot()) + 0.01
            var centres: [Int: [CanvasPoint]] = [:]
            for c in d.cells { centres[Int(c.x / 50), default: []].append(CanvasPoint(x: c.x, y: c.y)) }
            for e in events.prefix(300) {
                guard let p = fr.project(e.location), fr.rect.contains(p) else { continue }
                let near = (-1...1).flatMap { centres[Int(p.x / 50) + $0] ?? [] }
                #expect(near.contains { hypot($0.x - p.x, $0.y - p.y) <= reach }, "\(e.id) at \(p) in no cell")
            }
        }
    }

    @Test func choroplethTotalsEqualADirectCount() throws {
        let events = Self.clustered(2000)
        let r = try render(events, view: .choropleth)
        let d = try #require(r.manifest.density)
        #expect(d.view == "choropleth")
        #expect(d.areas.reduce(0) { $0 + $1.count } + d.outsideAreas == r.manifest.eventCount)
        // Count directly: each event against every province polygon.
        var direct: [String: Int] = [:]
        for e in events {
            for f in r.spec.basemap.admin1 {
                guard case .polygons(let polys) = f.geometry, let name = f["name"], polys.contains(where: { PolygonMath.contains($0, e.location) }) else { continue }
                direct[name, default: 0] += 1
                break
            }
        }
        for a in d.areas { #expect(direct[a.name] == a.count, "\(a.name): \(a.count) vs \(direct[a.name] ?? 0)") }
        #expect(d.areas.count == direct.count)
        // Provinces in sight with no events are the class "0", first in the legend, not land.
        #expect((d.zeroAreas ?? 0) > 0)
        let heading = try #require(r.manifest.legend.firstIndex { $0.hasPrefix("Events per") })
        #expect(r.manifest.legend[heading + 1] == "0", "\(r.manifest.legend)")
        // The caption names the areas with the most, with their counts.
        let top = try #require(d.areas.first)
        #expect(r.caption.contains("the most were in \(top.name) (\(MapText.number(top.count)))"), "\(r.caption)")
        #expect(!r.caption.contains("drawn hollow"))
        // Per area: the rate is the count over the area.
        var s = ViewSettings()
        s.perArea = true
        let rate = try #require(try render(events, view: .choropleth, s).manifest.density)
        for a in rate.areas { #expect(abs(a.value - Double(a.count) / a.areaKm2 * 1000) < 1e-6) }
    }

    /// A choropleth's panels hide as little of its counted areas as they can: with the most
    /// events in Nimroz, at Delaram on its north-eastern edge, the province fills the legend's
    /// first corner (south-west) though none of its events is there; no panel lies over a
    /// province of the upper classes and none covers more than a tenth of its box with counted
    /// provinces. Checked against the provinces' own polygons, projected as the map did, point by
    /// point over each box.
    @Test func choroplethPanelsKeepOffTheCountedAreas() throws {
        var events: [Event] = []
        let places = [(32.16, 63.43, 60), (34.35, 62.20, 20), (34.53, 69.17, 10), (36.70, 67.10, 5), (34.43, 70.45, 3)]
        for (lat, lon, n) in places {
            for i in 0..<n {
                events.append(Event(id: "p\(events.count)", date: CivilDate(year: 2021, month: 1, day: 1 + i % 28)!, kind: .strike,
                                    location: GeoPoint(lat: lat + Double(i % 5) * 0.01, lon: lon + Double(i % 3) * 0.01),
                                    country: "AF", sources: ["test"]))
            }
        }
        let r = try render(events, view: .choropleth) { doc in
            doc.extent.region = nil
            doc.extent.bbox = [60.4, 29.3, 75.0, 38.6]
        }
        let d = try #require(r.manifest.density)
        let counted = Set(d.areas.map(\.name))
        #expect(counted.count >= 4, "\(counted)")
        let f = try frame(r)
        // Each counted province's outer rings on the page, as (x, y) held in GeoPoints for PolygonMath.
        // The upper half of the classes: counts from the lower bound of the middle class up.
        let upperFrom = d.classes[d.classes.count / 2].from
        let upper = Set(d.areas.filter { $0.value >= upperFrom }.map(\.name))
        #expect(!upper.isEmpty)
        var rings: [(ring: [GeoPoint], upper: Bool)] = []
        for feature in r.spec.basemap.admin1 {
            guard let name = feature["name"], counted.contains(name), case .polygons(let polys) = feature.geometry else { continue }
            for poly in polys {
                if let outer = poly.first { rings.append((f.project(outer).map { GeoPoint(lat: $0.y, lon: $0.x) }, upper.contains(name))) }
            }
        }
        func inside(_ p: CanvasPoint, upperOnly: Bool) -> Bool {
            rings.contains { (!upperOnly || $0.upper) && PolygonMath.contains([$0.ring], GeoPoint(lat: p.y, lon: p.x)) }
        }
        let boxes = [r.manifest.legendBox, r.manifest.scaleBox ?? [], r.manifest.insetBox ?? []].filter { $0.count == 4 }
        #expect(boxes.count >= 2)
        for b in boxes {
            var hits = 0, upperHits = 0
            for i in 0..<24 { for j in 0..<24 {
                let p = CanvasPoint(x: b[0] + b[2] * (Double(i) + 0.5) / 24, y: b[1] + b[3] * (Double(j) + 0.5) / 24)
                if inside(p, upperOnly: false) { hits += 1 }
                if inside(p, upperOnly: true) { upperHits += 1 }
            } }
            #expect(upperHits == 0, "a panel at \(b) lies over the upper classes' provinces at \(upperHits) of 576 points")
            #expect(hits < 58, "a panel at \(b) lies over counted provinces at \(hits) of 576 points")
        }
    }

    @Test func clustersDoNotOverlapAndKeepEveryEvent() throws {
        let r = try render(Self.clustered(4000), view: .cluster)
        let ms = r.manifest.markers
        // Sizes grow from one event: a larger count is a larger circle, a cluster of 1 the smallest.
        let byCount = Dictionary(grouping: ms, by: \.count).mapValues { $0[0].radius }.sorted { $0.key < $1.key }
        for (a, b) in zip(byCount, byCount.dropFirst()) { #expect(a.value < b.value, "\(a) vs \(b)") }
        #expect(ClusterSymbolizer.circleRadius(1, largest: 500, rMin: 4, rMax: 20) == 4)
        #expect(ClusterSymbolizer.circleRadius(19, largest: 500, rMin: 4, rMax: 20) > 4.5)
        #expect(ClusterSymbolizer.circleRadius(500, largest: 500, rMin: 4, rMax: 20) == 20)
        #expect(r.manifest.view == "cluster")
        #expect(ms.reduce(0) { $0 + $1.count } == r.manifest.eventCount)
        for (i, a) in ms.enumerated() {
            #expect(a.x == a.trueX && a.y == a.trueY)
            for b in ms[(i + 1)...] { #expect(hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius - 0.01) }
        }
        #expect(r.manifest.legend.first?.hasPrefix("Events in each circle") == true)
    }

    @Test func heatmapColoursWhereEventsAreAndLeavesTheRestClear() throws {
        let events = Self.clustered(3000)
        var s = ViewSettings()
        s.bandwidthKm = 10
        let r = try render(events, view: .heatmap, s)
        let d = try #require(r.manifest.density)
        #expect(d.view == "heatmap" && d.bandwidthKm == 10)
        #expect(d.events == r.manifest.eventCount)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("heatmap-\(getpid()).png").path
        try r.data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let image = try CairoSurface(pngFile: file).raster()
        let fr = try frame(r)
        // Aleppo, the densest city: coloured (not the land's colour); the empty desert: land.
        let aleppo = try #require(fr.project(GeoPoint(lat: 36.20, lon: 37.15)))
        let desert = try #require(fr.project(GeoPoint(lat: 33.6, lon: 38.6)))
        // The same basemap without the density: a markers map of one event far away.
        let plainData = try render([events[0]], view: .markers).data
        try plainData.write(to: URL(fileURLWithPath: file))
        let plain = try CairoSurface(pngFile: file).raster()
        func same(_ p: CanvasPoint) -> Bool {
            guard let a = image.pixel(x: Int(p.x), y: Int(p.y)), let b = plain.pixel(x: Int(p.x), y: Int(p.y)) else { return false }
            return abs(Int(a.r) - Int(b.r)) + abs(Int(a.g) - Int(b.g)) + abs(Int(a.b) - Int(b.b)) < 12
        }
        #expect(!same(CanvasPoint(x: aleppo.x + 3, y: aleppo.y + 3)))
        #expect(same(desert))
    }

    @Test func autoPicksMarkersForFewPlacesAndDensityForMany() throws {
        let few = try render(SymbologyTests.acledLike(SymbologyTests.acledTypes), view: nil)
        #expect(few.manifest.view == "markers")
        #expect(few.manifest.viewReason?.hasSuffix("markers") == true)
        let many = try render(Self.clustered(20_000), view: nil)
        #expect(many.manifest.view == "hexbin", "\(many.manifest.viewReason ?? "")")
        #expect(many.manifest.viewReason?.contains("20,000 events") == true)
        // The legend explains the encoding with its class breaks.
        #expect(many.manifest.legend.first?.hasPrefix("Events per hexagon") == true, "\(many.manifest.legend)")
    }

    @Test func framesOfASlidingWindowClassWhatTheWindowsShow() throws {
        // 3,000 events over a year (their dates spread by the generator); windows of 7 days.
        let events = Self.clustered(3000)
        let prepared = try pipeline.prepare(try { () throws -> RenderRequest in
            var doc = MapDocument()
            doc.data.events = ["test.csv"]
            doc.extent.region = "syria"
            for i in doc.layers.indices where doc.layers[i].drawsEvents { doc.layers[i].setView(.hexbin, ViewSettings()) }
            var report = ReadReport()
            report.events = events
            report.rowsRead = events.count
            report.eventCount = events.count
            return RenderRequest(document: doc, input: report)
        }())
        let from = CivilDate(year: 2021, month: 3, day: 1)!, to = CivilDate(year: 2021, month: 3, day: 20)!
        let series = FrameSeries(base: prepared.spec, events: prepared.spec.events, from: from, to: to, step: .day, span: .window(days: 7))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("win-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let manifests = try series.render(try series.frames(outDir: dir, format: .png), format: .png, threads: 2)
        let largest = manifests.compactMap { $0.density?.cells.map(\.value).max() }.max() ?? 0
        // The top class ends at the most any window's cell holds, not at the whole series' sums.
        for m in manifests {
            let d = try #require(m.density)
            #expect(d.classes.last?.to == largest, "\(d.classes.map(\.to)) vs \(largest)")
            #expect(d.cells.reduce(0) { $0 + $1.count } == m.eventCount)
        }
    }

    @Test func classBreaksAndRamps() throws {
        let values = (1...100).map(Double.init)
        #expect(ClassScheme(method: .equal, count: 4).breaks(values, integral: true) == [25, 50, 75, 100])
        #expect(ClassScheme(method: .quantile, count: 4).breaks(values, integral: true) == [25, 50, 75, 100])
        // Natural breaks find the gaps between groups.
        let groups = [1.0, 2, 3, 50, 51, 52, 200, 201]
        #expect(ClassScheme(method: .jenks, count: 3).breaks(groups, integral: true) == [3, 52, 201])
        // Ties never make empty classes.
        #expect(ClassScheme(method: .quantile, count: 5).breaks([1, 1, 1, 1, 1, 1, 2, 9], integral: true) == [1, 2, 9])
        let c = ClassedValues(values: groups, scheme: ClassScheme(method: .jenks, count: 3), ramp: try ColorRamp("viridis"), integral: true)
        #expect(c.rangeTexts { MapText.number(Int($0)) } == ["1–3", "4–52", "53–201"])
        #expect(c.classIndex(52) == 1 && c.classIndex(53) == 2)
        #expect(try ClassScheme("jenks:6") == ClassScheme(method: .jenks, count: 6))
        #expect(try ClassScheme("headtail") == ClassScheme(method: .headtail, count: 5) && ClassScheme().method == .auto)
        // A war's log: most cells hold a few events, a few hold hundreds. By default the breaks
        // are natural breaks of the logarithms: the busiest cells get a class of their own (at
        // quantiles 132 and 1,259 shared one), and the few-event cells are not one class either.
        var skewed: [Double] = []
        for (value, n) in [(1.0, 20), (2, 15), (4, 15), (9, 15), (20, 15), (45, 15), (100, 15), (220, 10), (600, 5), (1259, 3)] {
            skewed += Array(repeating: value, count: n)
        }
        let auto = ClassScheme().breaks(skewed, integral: true)
        #expect(ClassScheme().resolvedMethod(skewed) == "jenks-log")
        #expect(auto.count == 5 && auto.last == 1259)
        #expect(auto[3] >= 220 && auto[3] < 600, "\(auto): the top class holds only the hotspots")
        #expect(auto[0] <= 4, "\(auto): the fewest-event cells keep a class")
        let quantiles = ClassScheme(method: .quantile, count: 5).breaks(skewed, integral: true)
        #expect(quantiles[3] < 220, "\(quantiles): at quantiles the top class mixes 220 with 1,259")
        // Even values are not skewed: quantiles.
        #expect(ClassScheme().resolvedMethod(values) == "quantile")
        #expect(ClassScheme().breaks(values, integral: true) == [20, 40, 60, 80, 100])
        // Head/tail: the mean splits off the head while the head is under 40% of what is split.
        let heavy: [Double] = Array(repeating: 1, count: 60) + Array(repeating: 10, count: 25) + Array(repeating: 100, count: 10)
            + Array(repeating: 1000, count: 5)
        #expect(ClassScheme(method: .headtail, count: 9).breaks(heavy, integral: true) == [10, 100, 1000])
        #expect(throws: DensityError.self) { try ClassScheme("natural") }
        #expect(throws: DensityError.self) { try ClassScheme("quantile:12") }
        let e = #expect(throws: DensityError.self) { try ColorRamp("rainbow") }
        #expect(e?.description.contains("viridis") == true)
        // A reversed ramp runs the other way.
        let v = try ColorRamp("viridis"), vr = try ColorRamp("viridis-r")
        #expect(v.color(at: 0) == vr.color(at: 1))
        #expect(v.color(at: 1).luminance > v.color(at: 0).luminance)
    }

    @Test func viewsAreLayerTypesOfTheDocument() throws {
        var doc = MapDocument()
        var s = ViewSettings()
        s.cellMM = 5
        s.classes = try ClassScheme("jenks:4")
        s.ramp = try ColorRamp("cividis")
        for i in doc.layers.indices where doc.layers[i].drawsEvents { doc.layers[i].setView(.hexbin, s) }
        let json = String(decoding: doc.json(), as: UTF8.self)
        #expect(json.contains("\"hexbin\"") && json.contains("jenks:4") && json.contains("cividis"))
        let back = try MapDocument.decode(doc.json(), source: "map.json")
        #expect(back == doc)
        // Flags laid over a document's own view keep what the document says and change what they give.
        var areas = ViewSettings()
        areas.byLayer = ("governorates.geojson", "NAME_1")
        areas.ramp = try ColorRamp("blues")
        var own = MapDocument()
        let ev = try #require(own.layers.firstIndex { $0.drawsEvents })
        own.layers[ev].setView(.choropleth, areas)
        var more = ViewSettings()
        more.classes = try ClassScheme("jenks:3")
        own.layers[ev].applyViewSettings(more)
        let ch = try #require(own.layers[ev].symbolizers.first?.base as? ChoroplethSymbolizer)
        #expect(ch.file == "governorates.geojson" && ch.field == "NAME_1")
        let blues = try ColorRamp("blues"), jenks3 = try ClassScheme("jenks:3")
        #expect(ch.encoding.ramp == blues && ch.encoding.classes == jenks3)
        #expect(own.layers[ev].currentView == .choropleth)
        let bad = "layers:\n  - id: events\n    source: events\n    symbolizers:\n      - type: hexbin\n        ramp: rainbow\n"
        let e = #expect(throws: DocumentError.self) { try MapDocument.decode(Data(bad.utf8), source: "map.yaml") }
        #expect(e?.keyPath == "layers[0].symbolizers[0].ramp", "\(String(describing: e))")
    }
}
