import Foundation
import StrikeMapCore

/// The offline basemap: Natural Earth layers clipped to an extent (Geo/basemap/NAME/).
///
/// Layers: `land` and `lakes` polygons, `borders` (country boundaries on land),
/// `admin1` province polygons and `admin1_lines`, `rivers`, and `places` (populated places).
public struct Basemap: Sendable {
    public var name: String
    public var extent: GeoBox
    public var land: [Feature] = []
    public var lakes: [Feature] = []
    public var borders: [Feature] = []
    public var admin1: [Feature] = []
    public var admin1Lines: [Feature] = []
    public var rivers: [Feature] = []
    public var places: [Feature] = []

    public static let layerNames = ["land", "lakes", "borders", "admin1", "admin1_lines", "rivers", "places"]

    /// Loads every layer of one extract folder. An extract either holds `NAME.geojson` files
    /// (the committed Middle East one) or lists layer files elsewhere in its `basemap.json`
    /// (the world layers of `make world-basemap`); then only the part around `box` is read.
    public static func load(folder: URL, for box: GeoBox? = nil) throws -> Basemap {
        let meta = try BasemapExtract(folder: folder)
        var map = Basemap(name: meta.name, extent: meta.bbox)
        // Read a margin around the region: the frame is widened to the canvas aspect.
        let read = box.map { b in
            b.expanded(byDegrees: max(3, 0.6 * max(b.east - b.west, b.north - b.south)))
        }
        // The binary cache, when there is one, holds every layer of a GeoJSON extract.
        let cachePath = folder.appendingPathComponent("basemap.bin").path
        let cached = meta.layers.isEmpty && FileManager.default.fileExists(atPath: cachePath)
            ? try BasemapBinary.read(path: cachePath) : nil
        func layer(_ n: String) throws -> [Feature] {
            if let cached {
                guard let features = cached[n] else {
                    throw BasemapBinary.Error.corrupt(path: cachePath, reason: "no layer \(n)")
                }
                return features
            }
            if let source = meta.layers[n] {
                let path = source.path.hasPrefix("/") ? source.path : folder.appendingPathComponent(source.path).path
                return try VectorDataset(path: path).features(within: read, clip: source.clip ?? false, where: source.where)
            }
            let path = folder.appendingPathComponent("\(n).geojson").path
            return try VectorDataset(path: path).features()
        }
        map.land = try layer("land")
        map.lakes = try layer("lakes")
        map.borders = try layer("borders")
        map.admin1 = try layer("admin1")
        map.admin1Lines = try layer("admin1_lines")
        map.rivers = try layer("rivers")
        map.places = try layer("places")
        return map
    }

    /// The extract to use for `box`: the smallest one under Geo/basemap/ that holds it.
    /// Regions outside every extract fail with the command that installs the world layers.
    public static func extract(for box: GeoBox, geo: URL, regionName: String) throws -> BasemapExtract {
        let root = geo.appendingPathComponent("basemap")
        let folders = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        let extracts = folders.compactMap { try? BasemapExtract(folder: $0) }
            .sorted { area($0.bbox) < area($1.bbox) }
        if let fit = extracts.first(where: { $0.bbox.contains(box) }) { return fit }
        let largest = extracts.last?.bbox ?? GeoBox(west: 25, south: 10, east: 63, north: 42)
        throw GeoError.outsideBasemap(region: "\(regionName) (\(box))", extract: largest,
                                      fix: "run `make world-basemap` once to add Natural Earth's world layers")
    }

    private static func area(_ b: GeoBox) -> Double { (b.east - b.west) * (b.north - b.south) }

    /// Reads the GeoJSON layers of an extract folder and writes its `basemap.bin`.
    public static func writeCache(folder: URL) throws {
        let cachePath = folder.appendingPathComponent("basemap.bin").path
        try? FileManager.default.removeItem(atPath: cachePath)
        let map = try load(folder: folder)
        try BasemapBinary.write([("land", map.land), ("lakes", map.lakes), ("borders", map.borders), ("admin1", map.admin1),
                                 ("admin1_lines", map.admin1Lines), ("rivers", map.rivers), ("places", map.places)],
                                to: cachePath)
    }

    /// The province polygon holding a point, if any.
    public func province(containing p: GeoPoint) -> Feature? {
        admin1.first { f in
            guard let b = f.bbox, b.contains(p), case .polygons(let polys) = f.geometry else { return false }
            return polys.contains { PolygonMath.contains($0, p) }
        }
    }
}

/// An extract folder's `basemap.json`: its name, bounding box and, for extracts that point at
/// files elsewhere, the file behind each layer.
public struct BasemapExtract: Sendable {
    public struct LayerSource: Sendable, Decodable {
        public var path: String
        public var `where`: String?
        public var clip: Bool?
    }
    public var folder: URL
    public var name: String
    public var bbox: GeoBox
    public var layers: [String: LayerSource]

    private struct Meta: Decodable { var name: String; var bbox: [Double]; var layers: [String: LayerSource]? }

    public init(folder: URL) throws {
        let url = folder.appendingPathComponent("basemap.json")
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw GeoError.fileUnreadable(path: url.path, message: "missing; rebuild it with scripts/build_basemap.sh")
        }
        let meta: Meta
        do { meta = try JSONDecoder().decode(Meta.self, from: data) } catch {
            throw GeoError.fileUnreadable(path: url.path, message: "not a basemap description: \(error)")
        }
        guard meta.bbox.count == 4 else {
            throw GeoError.fileUnreadable(path: url.path, message: "bbox must have 4 numbers")
        }
        self.folder = folder
        self.name = meta.name
        self.bbox = GeoBox(west: meta.bbox[0], south: meta.bbox[1], east: meta.bbox[2], north: meta.bbox[3])
        self.layers = meta.layers ?? [:]
    }
}
