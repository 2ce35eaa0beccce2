import Foundation

/// The shipped geodata, loaded from Geo/: gazetteer (with governorate points computed from the
/// basemap's province polygons) and region presets.
public struct GeoCatalog: Sendable {
    public var gazetteer: Gazetteer
    public var regions: RegionCatalog
    public var geoFolder: URL

    public static func load() throws -> GeoCatalog {
        let geo = try DataLocator.geo()
        let provincesPath = geo.appendingPathComponent("basemap/middle-east/admin1.geojson").path
        let provinces = try VectorDataset(path: provincesPath).features()
        let gazetteer = try Gazetteer.load(path: geo.appendingPathComponent("gazetteer.csv").path, provinces: provinces)
        let regions = try RegionCatalog.load(path: geo.appendingPathComponent("regions.csv").path)
        return GeoCatalog(gazetteer: gazetteer, regions: regions, geoFolder: geo)
    }

    /// The basemap for a region: the smallest extract that holds it.
    public func basemap(for region: Region) throws -> Basemap {
        let extract = try Basemap.extract(for: region.bbox, geo: geoFolder, regionName: region.name)
        return try Basemap.load(folder: extract.folder, for: region.bbox)
    }
}
