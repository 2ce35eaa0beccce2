import CGDAL
import Foundation
import StrikeMapCore

/// A vector file opened with GDAL/OGR (GeoJSON, Shapefile, GeoPackage, KML, ...).
///
/// Owns its dataset handle; features are copied out into plain Swift values, so nothing
/// of GDAL outlives the object. Geometries come back in WGS84 lon/lat whatever the file's CRS.
public final class VectorDataset {
    public let path: String
    private let handle: UnsafeMutableRawPointer

    /// GDAL's functions. Only reached after `init` has checked that the library loaded.
    private static var gdal: GDALLibrary {
        if case .success(let g) = GDALLibrary.shared { return g }
        preconditionFailure("GDAL used before it was loaded")
    }
    private var gdal: GDALLibrary { Self.gdal }

    package static let registered: Bool = {
        gdal.GDALAllRegister()
        // Our errors carry GDAL's message; keep its own stderr printing quiet.
        _ = gdal.CPLSetErrorHandler(gdal.CPLQuietErrorHandler)
        // GDAL reads a GeoJSON object of at most 200 MB by default, and then says only "Failed to
        // read GeoJSON data": a detailed border layer passes that. The limit is raised (a user's
        // own setting in the environment wins); past it the error says which limit and what to do.
        if ProcessInfo.processInfo.environment["OGR_GEOJSON_MAX_OBJ_SIZE"] == nil {
            gdal.CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "\(geoJSONLimitMB)")
        }
        return true
    }()

    /// The largest GeoJSON object read, in MB (GDAL's `OGR_GEOJSON_MAX_OBJ_SIZE`).
    static let geoJSONLimitMB = 2000

    public init(path: String) throws(GeoError) {
        if case .failure(let error) = GDALLibrary.shared { throw error }
        _ = VectorDataset.registered
        guard FileManager.default.fileExists(atPath: path) else {
            throw .vectorOpen(path: path, message: "no such file")
        }
        let gdal = Self.gdal
        gdal.CPLErrorReset()
        guard let h = gdal.GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            let msg = gdal.CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
            let limit = ProcessInfo.processInfo.environment["OGR_GEOJSON_MAX_OBJ_SIZE"] ?? "\(Self.geoJSONLimitMB)"
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
            // GDAL says the same for a file past its limit and for a broken one: a file of a tenth
            // of the limit or more is taken to be the first.
            if msg.contains("GeoJSON"), let mb = Int(limit), mb > 0, size >= mb * 100_000 {
                throw .vectorOpen(path: path, message: "GDAL could not read it (\(msg)); a GeoJSON object is read up to "
                    + "\(limit) MB (OGR_GEOJSON_MAX_OBJ_SIZE), and a file near that is also slow to draw: simplify it first, "
                    + "e.g. ogr2ogr -simplify 0.001 simpler.geojson \((path as NSString).lastPathComponent), or set "
                    + "OGR_GEOJSON_MAX_OBJ_SIZE=0 to lift the limit")
            }
            if msg.contains("GeoJSON") {
                throw .vectorOpen(path: path, message: "GDAL could not read it (\(msg)); check that the file is complete, "
                    + "valid GeoJSON (ogrinfo \((path as NSString).lastPathComponent) shows what GDAL sees)")
            }
            throw .vectorOpen(path: path, message: msg.isEmpty
                ? "not a vector format GDAL can read (GeoJSON, Shapefile, GeoPackage, KML ...)" : msg)
        }
        self.path = path
        self.handle = h
    }

    deinit { gdal.GDALClose(handle) }

    public var layerCount: Int { Int(gdal.GDALDatasetGetLayerCount(handle)) }

    /// All features of every layer (or of one layer by index).
    ///
    /// - Parameters:
    ///   - within: read only features whose envelope meets this box (an index lookup for Shapefiles).
    ///   - clip: cut geometries to `within`, so a continent-sized polygon costs only its visible part.
    ///   - where: an OGR SQL attribute filter, e.g. "scalerank <= 7".
    public func features(layer index: Int? = nil, within box: GeoBox? = nil, clip: Bool = false,
                         where filter: String? = nil) throws(GeoError) -> [Feature] {
        var out: [Feature] = []
        let layers = index.map { [$0] } ?? Array(0..<layerCount)
        for i in layers {
            guard let layer = gdal.GDALDatasetGetLayer(handle, Int32(i)) else {
                throw .vectorOpen(path: path, message: "no layer \(i)")
            }
            if let box { gdal.OGR_L_SetSpatialFilterRect(layer, box.west, box.south, box.east, box.north) }
            if let filter, gdal.OGR_L_SetAttributeFilter(layer, filter) != OGRERR_NONE {
                throw .vectorOpen(path: path, message: "bad attribute filter '\(filter)'")
            }
            defer {
                gdal.OGR_L_SetSpatialFilter(layer, nil)
                _ = gdal.OGR_L_SetAttributeFilter(layer, nil)
            }
            try readLayer(layer, clipTo: clip ? box : nil, into: &out)
        }
        return out
    }

    /// Names of the layers, for messages.
    public var layerNames: [String] {
        (0..<layerCount).compactMap { i in
            gdal.GDALDatasetGetLayer(handle, Int32(i)).flatMap { gdal.OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    private func readLayer(_ layer: UnsafeMutableRawPointer, clipTo box: GeoBox?,
                           into out: inout [Feature]) throws(GeoError) {
        let transform = try wgs84Transform(for: layer)
        defer { if let t = transform { gdal.OCTDestroyCoordinateTransformation(t) } }
        let clipper = box.flatMap { Self.rectangle($0) }
        defer { if let c = clipper { gdal.OGR_G_DestroyGeometry(c) } }
        gdal.OGR_L_ResetReading(layer)
        while let feature = gdal.OGR_L_GetNextFeature(layer) {
            defer { gdal.OGR_F_Destroy(feature) }
            guard var geom = gdal.OGR_F_GetGeometryRef(feature) else { continue }
            if let t = transform, gdal.OGR_G_Transform(geom, t) != OGRERR_NONE {
                throw .vectorOpen(path: path, message: "a feature could not be reprojected to WGS84")
            }
            var clipped: UnsafeMutableRawPointer?
            defer { if let c = clipped { gdal.OGR_G_DestroyGeometry(c) } }
            if let c = clipper, gdal.OGR_G_Within(geom, c) == 0 {
                guard let cut = gdal.OGR_G_Intersection(geom, c) else { continue }
                clipped = cut
                geom = cut
            }
            guard let geometry = Self.convert(geom) else { continue }
            var props: [String: String] = [:]
            let n = gdal.OGR_F_GetFieldCount(feature)
            for f in 0..<n where gdal.OGR_F_IsFieldSetAndNotNull(feature, f) != 0 {
                guard let defn = gdal.OGR_F_GetFieldDefnRef(feature, f),
                      let name = gdal.OGR_Fld_GetNameRef(defn),
                      let value = gdal.OGR_F_GetFieldAsString(feature, f) else { continue }
                props[String(cString: name)] = String(cString: value)
            }
            out.append(Feature(geometry: geometry, properties: props))
        }
    }

    /// A transformation to WGS84 lon/lat when the layer declares another CRS; nil when none is needed.
    private func wgs84Transform(for layer: UnsafeMutableRawPointer) throws(GeoError) -> UnsafeMutableRawPointer? {
        guard let source = gdal.OGR_L_GetSpatialRef(layer) else { return nil } // assume lon/lat
        guard let wgs84 = gdal.OSRNewSpatialReference(nil) else { return nil }
        defer { gdal.OSRDestroySpatialReference(wgs84) }
        _ = gdal.OSRSetWellKnownGeogCS(wgs84, "WGS84")
        gdal.OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER)
        if gdal.OSRIsGeographic(source) != 0 && gdal.OSRIsSame(source, wgs84) != 0 { return nil }
        guard let clone = gdal.OSRClone(source) else { return nil }
        defer { gdal.OSRDestroySpatialReference(clone) }
        gdal.OSRSetAxisMappingStrategy(clone, OAMS_TRADITIONAL_GIS_ORDER)
        guard let t = gdal.OCTNewCoordinateTransformation(clone, wgs84) else {
            throw .vectorOpen(path: path, message: "its coordinate reference system cannot be converted to WGS84")
        }
        return t
    }

    private static func rectangle(_ b: GeoBox) -> UnsafeMutableRawPointer? {
        guard let ring = gdal.OGR_G_CreateGeometry(wkbLinearRing), let poly = gdal.OGR_G_CreateGeometry(wkbPolygon) else { return nil }
        for (x, y) in [(b.west, b.south), (b.east, b.south), (b.east, b.north), (b.west, b.north), (b.west, b.south)] {
            gdal.OGR_G_AddPoint_2D(ring, x, y)
        }
        _ = gdal.OGR_G_AddGeometryDirectly(poly, ring)
        return poly
    }

    private static func points(of g: UnsafeMutableRawPointer) -> [GeoPoint] {
        let n = Int(gdal.OGR_G_GetPointCount(g))
        guard n > 0 else { return [] }
        var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
        let stride = Int32(MemoryLayout<Double>.stride)
        xs.withUnsafeMutableBytes { xb in
            ys.withUnsafeMutableBytes { yb in
                _ = gdal.OGR_G_GetPoints(g, xb.baseAddress, stride, yb.baseAddress, stride, nil, 0)
            }
        }
        return (0..<n).map { GeoPoint(lat: ys[$0], lon: xs[$0]) }
    }

    private static func convert(_ g: UnsafeMutableRawPointer) -> Geometry? {
        let type = gdal.OGR_GT_Flatten(gdal.OGR_G_GetGeometryType(g))
        switch type {
        case wkbPoint:
            return .points([GeoPoint(lat: gdal.OGR_G_GetY(g, 0), lon: gdal.OGR_G_GetX(g, 0))])
        case wkbLineString, wkbLinearRing:
            return .lines([points(of: g)])
        case wkbPolygon:
            return .polygons([rings(of: g)])
        case wkbMultiPoint, wkbMultiLineString, wkbMultiPolygon, wkbGeometryCollection:
            var pts: [GeoPoint] = [], lines: [[GeoPoint]] = [], polys: [[[GeoPoint]]] = []
            for i in 0..<gdal.OGR_G_GetGeometryCount(g) {
                guard let part = gdal.OGR_G_GetGeometryRef(g, i), let c = convert(part) else { continue }
                switch c {
                case .points(let p): pts += p
                case .lines(let l): lines += l
                case .polygons(let p): polys += p
                }
            }
            if !polys.isEmpty { return .polygons(polys) }
            if !lines.isEmpty { return .lines(lines) }
            if !pts.isEmpty { return .points(pts) }
            return nil
        default:
            return nil
        }
    }

    private static func rings(of polygon: UnsafeMutableRawPointer) -> [[GeoPoint]] {
        (0..<gdal.OGR_G_GetGeometryCount(polygon)).compactMap { i in
            gdal.OGR_G_GetGeometryRef(polygon, i).map { points(of: $0) }
        }
    }
}
