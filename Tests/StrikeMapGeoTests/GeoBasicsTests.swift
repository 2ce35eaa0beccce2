import Foundation
import Testing
@testable import StrikeMapGeo
@testable import StrikeMapCore

@Suite struct GeoBasicsTests {
    @Test func bboxParsing() throws {
        let b = try GeoBox(parsing: "38, 29,49,38")
        #expect(b == GeoBox(west: 38, south: 29, east: 49, north: 38))
        #expect(throws: GeoError.self) { try GeoBox(parsing: "38,29,49") }
        #expect(throws: GeoError.self) { try GeoBox(parsing: "49,29,38,38") }
        #expect(throws: GeoError.self) { try GeoBox(parsing: "38,29,x,38") }
        #expect(throws: GeoError.self) { try GeoBox(parsing: "38,-95,49,38") }
    }

    @Test func projectionRoundTrips() throws {
        let region = Region(name: "t", title: "t", bbox: GeoBox(west: 35, south: 29, east: 49, north: 38))
        #expect(region.projectionDefinition.hasPrefix("+proj=lcc"))
        let p = try Projection(crs: region.projectionDefinition)
        let asad = GeoPoint(lat: 33.7856, lon: 42.4411)
        let xy = try #require(p.forward(asad))
        let back = try #require(p.inverse(x: xy.x, y: xy.y))
        #expect(abs(back.lat - asad.lat) < 1e-9 && abs(back.lon - asad.lon) < 1e-9)
        // East is +x, north is +y.
        let east = try #require(p.forward(GeoPoint(lat: 33.7856, lon: 43)))
        let north = try #require(p.forward(GeoPoint(lat: 34.5, lon: 42.4411)))
        #expect(east.x > xy.x && north.y > xy.y)
    }

    @Test func badCRSIsATypedError() {
        #expect(throws: GeoError.self) { try Projection(crs: "EPSG:999999999") }
    }

    @Test func representativePointIsInsideAConcavePolygon() throws {
        // A U shape: its centroid (2, 1.4) lies in the notch, outside the polygon.
        let ring = [(0.0, 0.0), (4, 0), (4, 3), (3, 3), (3, 1), (1, 1), (1, 3), (0, 3), (0, 0)]
            .map { GeoPoint(lat: $0.1, lon: $0.0) }
        let p = try #require(PolygonMath.representativePoint([[ring]]))
        #expect(PolygonMath.contains([ring], p))
    }
}
