import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Terrain: Natural Earth's relief where the ground is rough, nothing where it is level, lined
/// up with the map in its projection; users' elevation models shaded from the north-west.
@Suite(.serialized) struct ReliefTests {
    static func render(_ configure: (inout MapSpec) -> Void) throws -> (RasterImage, RenderManifest, MapFrame) {
        var spec = Fixture.spec(events: [])
        configure(&spec)
        let (s, m) = try MapRenderer(spec: spec).renderImage()
        let f = m.mapFrame
        return (s.raster(), m, try MapFrame(region: spec.region, rect: CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3])))
    }

    nonisolated(unsafe) static let withRelief = try! render { _ in }
    nonisolated(unsafe) static let without = try! render { $0.style.showRelief = false }

    static func luminance(_ img: RasterImage, _ p: CanvasPoint) -> Double? {
        guard let px = img.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded())) else { return nil }
        return 0.2126 * Double(px.r) + 0.7152 * Double(px.g) + 0.0722 * Double(px.b)
    }

    /// Points on a 12 × 12 grid over a lon/lat box, projected, clear of labels, towns and panels.
    static func clearPoints(_ box: GeoBox, _ m: RenderManifest, _ frame: MapFrame) -> [CanvasPoint] {
        let lb = m.legendBox
        let panels = [CanvasRect(x: lb[0], y: lb[1], width: lb[2], height: lb[3])] + (m.insetBox.map { [CanvasRect(x: $0[0], y: $0[1], width: $0[2], height: $0[3])] } ?? [])
        var out: [CanvasPoint] = []
        for j in 0..<12 {
            for i in 0..<12 {
                let g = GeoPoint(lat: box.south + (box.north - box.south) * (Double(j) + 0.5) / 12,
                                 lon: box.west + (box.east - box.west) * (Double(i) + 0.5) / 12)
                guard let p = frame.project(g), frame.rect.insetBy(4).contains(p) else { continue }
                if m.labels.contains(where: { CanvasRect(x: $0.x, y: $0.y, width: $0.width, height: $0.height).insetBy(-4).contains(p) }) { continue }
                if panels.contains(where: { $0.insetBy(-6).contains(p) }) { continue }
                out.append(p)
            }
        }
        return out
    }

    static func spread(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
    }

    @Test func mountainsAreShadedAndTheDesertIsNot() throws {
        let (img, m, frame) = Self.withRelief
        let (plain, _, _) = Self.without
        // The Zagros folds on the Iran–Iraq border, and the level gravel of Iraq's western desert.
        // Points where lines (borders, provinces, rivers) cross are left out: only the land colour.
        func open(_ box: GeoBox) -> [CanvasPoint] {
            let points = Self.clearPoints(box, m, frame)
            let values = points.compactMap { Self.luminance(plain, $0) }.sorted()
            let median = values[values.count / 2]
            return points.filter { abs(Self.luminance(plain, $0)! - median) < 1.5 }
        }
        let zagros = open(GeoBox(west: 47.0, south: 33.0, east: 48.6, north: 34.0))
        let desert = open(GeoBox(west: 39.5, south: 32.5, east: 41.0, north: 33.5))
        try #require(zagros.count > 60 && desert.count > 60)
        let zShaded = zagros.compactMap { Self.luminance(img, $0) }, zPlain = zagros.compactMap { Self.luminance(plain, $0) }
        let dShaded = desert.compactMap { Self.luminance(img, $0) }, dPlain = desert.compactMap { Self.luminance(plain, $0) }
        #expect(Self.spread(zPlain) < 1)
        // With it the mountains vary from pixel to pixel, the desert hardly (its faint lowland
        // tint is below the calm threshold).
        let zSpread = Self.spread(zShaded), dSpread = Self.spread(dShaded)
        #expect(zSpread > 3 && zSpread > 4 * dSpread, "spread: Zagros \(zSpread), desert \(dSpread)")
        let zChange = zip(zShaded, zPlain).map { abs($0 - $1) }.reduce(0, +) / Double(zShaded.count)
        let dChange = zip(dShaded, dPlain).map { abs($0 - $1) }.reduce(0, +) / Double(dShaded.count)
        #expect(zChange > 1.5 && zChange > 4 * dChange, "mean change: Zagros \(zChange), desert \(dChange)")
        #expect(m.relief?.complete == true)
        #expect(m.relief?.source?.contains("Natural Earth") == true)
    }

    @Test func theSeaIsNotShaded() throws {
        let (img, m, frame) = Self.withRelief
        let (plain, _, _) = Self.without
        // The eastern Mediterranean has sea-floor relief in the image; the land clip keeps it off.
        let sea = Self.clearPoints(GeoBox(west: 33.0, south: 33.0, east: 34.6, north: 34.4), m, frame)
        try #require(sea.count > 20)
        for p in sea { #expect(Self.luminance(img, p) == Self.luminance(plain, p)) }
    }

    @Test func reliefGridSamplesTheImageAndAverages() throws {
        let (grid, complete) = try #require(ReliefGrid.covering(GeoBox(west: 36, south: 30, east: 48, north: 38)))
        #expect(complete)
        #expect(grid.width == 1140 && grid.height == 960)
        // Level desert near the flat value; mountains spread far from it.
        var desert: [Double] = [], zagros: [Double] = []
        for i in 0..<20 {
            for j in 0..<20 {
                desert.append(grid.value(lon: 39.5 + Double(i) * 0.075, lat: 32.5 + Double(j) * 0.05)!)
                zagros.append(grid.value(lon: 47 + Double(i) * 0.075, lat: 33 + Double(j) * 0.05)!)
            }
        }
        #expect(Self.spread(desert) < 8 && abs(desert.reduce(0, +) / 400 - grid.flat) < 20)
        #expect(Self.spread(zagros) > 20)
        #expect(grid.value(lon: 24.9, lat: 33) == nil && grid.value(lon: 40, lat: 42.1) == nil)
        // A reduced grid is the block mean: its cell equals the average of the four it covers.
        let half = grid.reduced(by: 2)
        #expect(half.width == 570 && half.height == 480)
        let lon = 25 + 300.5 * half.cellDegrees, lat = 42 - 200.5 * (32.0 / 480)
        let fine = [(600, 400), (601, 400), (600, 401), (601, 401)].map { (x, y) in
            grid.value(lon: 25 + (Double(x) + 0.5) / 30, lat: 42 - (Double(y) + 0.5) / 30)!
        }
        #expect(abs(half.value(lon: lon, lat: lat)! - fine.reduce(0, +) / 4) <= 1)
    }

    @Test func reliefIsOffInMonoAndWithTheSwitch() throws {
        #expect(Theme.mono.style.showRelief == false)
        #expect(Theme.light.style.showRelief && Theme.print.style.showRelief && Theme.dark.style.showRelief)
        let (_, m, _) = Self.without
        #expect(m.relief == nil)
    }

    // MARK: A user's elevation model

    /// An ESRI ASCII grid (which GDAL reads without any tool) of a cone `height` m high (flanks of
    /// about 8°) at
    /// 44° E 33.5° N, 0.005° cells over 43.5–44.5° E, 33–34° N.
    static func coneDEM(height: Double = 5000) throws -> String {
        let n = 200, c = 0.005
        var text = "ncols \(n)\nnrows \(n)\nxllcorner 43.5\nyllcorner 33\ncellsize \(c)\nNODATA_value -9999\n"
        for j in 0..<n {
            let lat = 33 + (Double(n - 1 - j) + 0.5) * c
            var row: [String] = []
            for i in 0..<n {
                let lon = 43.5 + (Double(i) + 0.5) * c
                let r = hypot(lon - 44, (lat - 33.5) * 1.2)
                row.append(String(Int(max(0, height * (1 - r / 0.3)))))
            }
            text += row.joined(separator: " ") + "\n"
        }
        let path = Fixture.tempPath("asc")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func elevationIsShadedFromTheNorthWest() throws {
        let dem = try Self.coneDEM()
        defer { try? FileManager.default.removeItem(atPath: dem) }
        let baghdad = try Fixture.catalog.regions.named("baghdad")
        func draw(_ raster: String?) throws -> (RasterImage, MapFrame) {
            var spec = Fixture.spec(events: [])
            spec.region = baghdad
            spec.basemap = try Fixture.catalog.basemap(for: baghdad)
            spec.style.showRelief = raster != nil
            if let raster {
                var doc = MapDocument()
                doc.layers = spec.layers
                doc.addRasterRelief(path: raster, id: "dem", strength: 0.8, exaggeration: 1)
                spec.layers = doc.layers
            }
            let (s, m) = try MapRenderer(spec: spec).renderImage()
            let f = m.mapFrame
            if raster != nil { #expect(m.relief?.source == (raster! as NSString).lastPathComponent) }
            #expect(!spec.layers.contains { $0.id == "relief" } || raster == nil, "the built-in relief gives way to the user's")
            return (s.raster(), try MapFrame(region: baghdad, rect: CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3])))
        }
        let (shaded, frame) = try draw(dem)
        let (plain, _) = try draw(nil)
        func change(_ lat: Double, _ lon: Double) throws -> Double {
            let p = try #require(frame.project(GeoPoint(lat: lat, lon: lon)))
            return try #require(Self.luminance(shaded, p)) - (try #require(Self.luminance(plain, p)))
        }
        // The north-west flank faces the light: lighter or unchanged on near-white land; the
        // south-east flank is in shadow: clearly darker. Flat ground beyond the cone: unchanged.
        let nw = try change(33.5 + 0.1, 44 - 0.12), se = try change(33.5 - 0.1, 44 + 0.12)
        #expect(se < -10, "south-east flank changed by \(se)")
        #expect(nw > se + 10, "north-west \(nw) vs south-east \(se)")
        #expect(abs(try change(33.5, 44.45)) < 3)
    }

    @Test func hillshadeMatchesGDALsConventions() {
        // Level ground: 255 × sin 45°.
        let flat = RasterShade.hillshade(buffer: [Double](repeating: 100, count: 25), width: 5, height: 5, ew: 30, ns: 30, z: 1)
        #expect(abs(flat[12] - 180.3) < 0.5)
        // A slope rising to the east (facing west) is lit from the north-west; rising to the
        // west (facing east) is darker.
        let east = (0..<25).map { Double($0 % 5) * 30 }, west = (0..<25).map { Double(4 - $0 % 5) * 30 }
        let facesWest = RasterShade.hillshade(buffer: east, width: 5, height: 5, ew: 30, ns: 30, z: 1)[12]
        let facesEast = RasterShade.hillshade(buffer: west, width: 5, height: 5, ew: 30, ns: 30, z: 1)[12]
        #expect(facesWest > 180.3 && facesEast < 180.3)
        // A missing neighbour leaves the cell without shade rather than inventing one.
        var holed = east; holed[6] = .nan
        #expect(RasterShade.hillshade(buffer: holed, width: 5, height: 5, ew: 30, ns: 30, z: 1)[12].isNaN)
    }

    @Test func badRastersAreClearErrors() throws {
        let dem = try Self.coneDEM()
        defer { try? FileManager.default.removeItem(atPath: dem) }
        #expect(throws: GeoError.self) { try RasterShade.load(path: "/no/such/dem.tif", covering: GeoBox(west: 43, south: 33, east: 45, north: 34)) }
        do {
            _ = try RasterShade.load(path: dem, covering: GeoBox(west: 10, south: 10, east: 12, north: 12))
            Issue.record("a raster outside the map was accepted")
        } catch {
            #expect("\(error)".contains("outside this map"))
        }
        let text = Fixture.tempPath("tif")
        try "not a raster".write(toFile: text, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: text) }
        do {
            _ = try RasterShade.load(path: text, covering: GeoBox(west: 43, south: 33, east: 45, north: 34))
            Issue.record("a text file was accepted as a raster")
        } catch {
            #expect("\(error)".contains("cannot read raster data"))
        }
    }
}
