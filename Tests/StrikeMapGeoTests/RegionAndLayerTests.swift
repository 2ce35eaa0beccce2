import Foundation
import Testing
@testable import StrikeMapGeo
@testable import StrikeMapCore

@Suite struct RegionAndLayerTests {
    static let catalog: GeoCatalog = try! GeoCatalog.load()

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/layers")
    }

    @Test func presetsExistAndProjectConformally() throws {
        for name in ["iraq", "syria", "iraq-syria", "levant", "gulf", "red-sea", "yemen", "middle-east"] {
            let r = try Self.catalog.regions.named(name)
            #expect(r.projectionDefinition.contains("+proj=lcc") || r.projectionDefinition.contains("+proj=merc"))
            _ = try Projection(crs: r.projectionDefinition)
        }
        do { _ = try Self.catalog.regions.named("mars") } catch {
            #expect(error.description.contains("known regions: iraq-syria"))
        }
    }

    @Test func projectionChoiceFollowsTheExtent() {
        #expect(Region.custom(GeoBox(west: 30, south: -10, east: 50, north: 10)).projectionDefinition.contains("merc"))
        #expect(Region.custom(GeoBox(west: -20, south: 65, east: 40, north: 85)).projectionDefinition.contains("stere"))
        #expect(Region.custom(GeoBox(west: 35, south: 29, east: 49, north: 38)).projectionDefinition.contains("lcc"))
        // A continent: an equal-area projection about its centre; the world: Equal Earth.
        #expect(Region.custom(GeoBox(west: -20, south: -36, east: 52, north: 38)).projectionDefinition.hasPrefix("+proj=laea +lat_0=1.0 +lon_0=16.0"))
        #expect(Region.custom(GeoBox(west: -180, south: -60, east: 180, north: 80)).projectionDefinition.hasPrefix("+proj=eqearth"))
    }

    @Test func aroundFramesTheRadius() throws {
        let asad = try Self.catalog.gazetteer.resolve("al-Asad")
        let r = Region.around(asad, radiusKm: 150)
        #expect(r.bbox.contains(asad.location))
        let east = GeoPoint(lat: asad.location.lat, lon: r.bbox.east)
        let north = GeoPoint(lat: r.bbox.north, lon: asad.location.lon)
        #expect(abs(asad.location.distanceKm(to: east) - 150) < 3)
        #expect(abs(asad.location.distanceKm(to: north) - 150) < 3)
        #expect(r.placePhrase == "near Al-Asad Air Base")
    }

    @Test func regionsOutsideTheExtractFailWithTheFix() throws {
        // A data folder with only the Middle East extract.
        let geo = FileManager.default.temporaryDirectory.appendingPathComponent("geo-\(UUID())")
        let me = geo.appendingPathComponent("basemap/middle-east")
        try FileManager.default.createDirectory(at: me, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: geo) }
        try FileManager.default.copyItem(at: Self.catalog.geoFolder.appendingPathComponent("basemap/middle-east/basemap.json"),
                                         to: me.appendingPathComponent("basemap.json"))
        let europe = GeoBox(west: 5, south: 45, east: 20, north: 55)
        #expect(throws: GeoError.self) { try Basemap.extract(for: europe, geo: geo, regionName: "europe") }
        do { _ = try Basemap.extract(for: europe, geo: geo, regionName: "europe") } catch {
            #expect("\(error)".contains("make world-basemap"))
        }
        #expect(try Basemap.extract(for: GeoBox(west: 41.8, south: 12, east: 54, north: 19.2), geo: geo,
                                    regionName: "yemen").name == "middle-east")
    }

    /// The same zone in four formats (the Shapefile in UTM 38N) reads back as the same WGS84 shape.
    @Test(arguments: ["zone.geojson", "zone.shp", "zone.gpkg", "zone.kml"])
    func userLayerFormatsRead(file: String) throws {
        let features = try VectorDataset(path: Self.fixtures.appendingPathComponent(file).path).features()
        let zone = try #require(features.first { if case .polygons = $0.geometry { return true } else { return false } })
        let box = try #require(zone.bbox)
        #expect(abs(box.west - 39.0) < 0.001 && abs(box.east - 40.6) < 0.001)
        #expect(abs(box.south - 31.2) < 0.001 && abs(box.north - 32.2) < 0.001)
    }

    @Test func unreadableLayerIsATypedError() {
        #expect(throws: GeoError.self) { try VectorDataset(path: "/nonexistent.gpkg") }
        #expect(throws: GeoError.self) {
            try VectorDataset(path: Self.fixtures.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("StrikeMapGeoTests/GeoBasicsTests.swift").path)
        }
    }
}

@Suite struct BasemapCacheTests {
    /// The committed basemap.bin holds the same features as the GeoJSON it was made from.
    @Test func binaryCacheMatchesTheGeoJSON() throws {
        let folder = try DataLocator.geo().appendingPathComponent("basemap/middle-east")
        let cached = try BasemapBinary.read(path: folder.appendingPathComponent("basemap.bin").path)
        for name in Basemap.layerNames {
            let source = try VectorDataset(path: folder.appendingPathComponent("\(name).geojson").path).features()
            let copy = try #require(cached[name], "\(name) missing from basemap.bin")
            #expect(copy.count == source.count, "\(name)")
            for (a, b) in zip(source, copy) {
                #expect(a.properties == b.properties)
                #expect(a.geometry.pointCount == b.geometry.pointCount)
                if let ba = a.bbox, let bb = b.bbox {
                    #expect(abs(ba.west - bb.west) < 1e-4 && abs(ba.north - bb.north) < 1e-4)
                }
            }
        }
    }

    @Test func damagedCacheIsATypedError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("SMBM\u{1}\0\0\0\u{5}\0".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: BasemapBinary.Error.self) { try BasemapBinary.read(path: path) }
    }
}
