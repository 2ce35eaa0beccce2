import Foundation
import StrikeMapCore

/// The shipped geodata, loaded from Geo/: gazetteer (with governorate points computed from the
/// basemap's province polygons) and region presets.
public struct GeoCatalog: Sendable {
    public var gazetteer: Gazetteer
    public var regions: RegionCatalog
    public var geoFolder: URL

    /// The Middle East extract, read once: its provinces place the gazetteer's governorates,
    /// and most maps draw on it.
    public var middleEast: Basemap

    public static func load() throws -> GeoCatalog {
        let geo = try DataLocator.geo()
        let middleEast = try Basemap.load(folder: geo.appendingPathComponent("basemap/middle-east"))
        let gazetteer = try Gazetteer.load(path: geo.appendingPathComponent("gazetteer.csv").path, provinces: middleEast.admin1)
        let regions = try RegionCatalog.load(path: geo.appendingPathComponent("regions.csv").path)
        return GeoCatalog(gazetteer: gazetteer, regions: regions, geoFolder: geo, middleEast: middleEast)
    }

    /// The basemap for a region: the smallest extract that holds what the frame may show of it
    /// (`showing`: the region widened to the page's shape), else the smallest that holds the
    /// region itself (land past its edge is then not drawn; the map says so).
    public func basemap(for region: Region, showing: GeoBox? = nil) throws -> Basemap {
        let extract = try showing.flatMap { try? Basemap.extract(for: $0, geo: geoFolder, regionName: region.name) }
            ?? Basemap.extract(for: region.bbox, geo: geoFolder, regionName: region.name)
        if extract.folder.standardizedFileURL.path == geoFolder.appendingPathComponent("basemap/middle-east").standardizedFileURL.path {
            return middleEast
        }
        // Read well beyond the region: the frame widens it to the page's shape, and the locator
        // inset shows about four times the frame around it.
        let b = showing.map { s in GeoBox(west: min(s.west, region.bbox.west), south: min(s.south, region.bbox.south),
                                          east: max(s.east, region.bbox.east), north: max(s.north, region.bbox.north)) } ?? region.bbox
        let pad = max(12, 2.5 * max(b.east - b.west, b.north - b.south))
        let wide = GeoBox(west: max(-180, b.west - pad), south: max(-90, b.south - pad),
                          east: min(180, b.east + pad), north: min(90, b.north + pad))
        return try Basemap.load(folder: extract.folder, for: wide)
    }
}
