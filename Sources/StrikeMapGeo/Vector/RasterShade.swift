import CGDAL
import Foundation
import StrikeMapCore

/// A user's raster as hill shading, read with GDAL (GeoTIFF, VRT, SRTM .hgt, ASCII grid …) for
/// the part of it a map shows. One band: an elevation model (any numeric type but bytes) is
/// shaded here; an 8-bit band is taken to be a hillshade already (`gdaldem hillshade` output).
///
/// Shading is Horn's 3 × 3 slope with the light from the north-west at 45° — the algorithm and
/// defaults of `gdaldem hillshade` — computed on the window read at about the map's resolution,
/// so a continent-sized model costs no more than a map's worth of cells. Heights are taken to be
/// metres. Everything GDAL gives is copied out; no handle outlives `load`.
public final class RasterShade: ShadeSource, @unchecked Sendable {
    public let source: String
    public let cellDegrees: Double
    /// `gdaldem`'s shade of level ground: 255 × sin 45°.
    public var flat: Double { 180.3 }
    /// Computed shading has no tint: only the faintest slopes (about 2°) are left alone.
    public var calm: Double { 3 }
    /// The shade grid, row by row from the window's top.
    private let width: Int, height: Int
    private let values: [Double]
    /// Raster coordinates → grid cell: cell x = (X − x0) / dx, cell y = (Y − y0) / dy.
    private let x0: Double, y0: Double, dx: Double, dy: Double
    /// WGS84 lon/lat → the raster's coordinates; nil when the raster is in lon/lat.
    private let wkt: String?

    private init(source: String, cellDegrees: Double, width: Int, height: Int, values: [Double],
                 x0: Double, y0: Double, dx: Double, dy: Double, wkt: String?) {
        self.source = source; self.cellDegrees = cellDegrees; self.width = width; self.height = height
        self.values = values; self.x0 = x0; self.y0 = y0; self.dx = dx; self.dy = dy; self.wkt = wkt
    }

    /// The largest window read, in cells per side: a map is rarely wider than 4,000 pixels, and
    /// shading at half that resolution is indistinguishable once blended.
    static let maxSide = 2048

    nonisolated(unsafe) private static var cache: [String: RasterShade] = [:]
    nonisolated(unsafe) private static var cacheOrder: [String] = []
    private static let cacheLock = NSLock()
    /// Windows kept (each up to 2048² values, 32 MiB): a series of frames or a service asking for
    /// one extent again reads once, and a client varying the box cannot fill the memory.
    static let cacheEntries = 4

    /// The shading of `path` over `box` (a map's visible lon/lat box), read once per file and box
    /// while it stays among the last `cacheEntries` read. The read itself runs outside the lock.
    public static func load(path: String, covering box: GeoBox, exaggeration: Double = 1) throws(GeoError) -> RasterShade {
        let key = "\(path)|\(box)|\(exaggeration)"
        cacheLock.lock()
        if let s = cache[key] { cacheLock.unlock(); return s }
        cacheLock.unlock()
        let s = try read(path: path, box: box, exaggeration: exaggeration)
        cacheLock.lock(); defer { cacheLock.unlock() }
        if cache.updateValue(s, forKey: key) == nil { cacheOrder.append(key) }
        while cacheOrder.count > cacheEntries { cache[cacheOrder.removeFirst()] = nil }
        return s
    }

    private static func read(path: String, box: GeoBox, exaggeration: Double) throws(GeoError) -> RasterShade {
        if case .failure(let error) = GDALLibrary.shared { throw error }
        guard case .success(let gdal) = GDALLibrary.shared else { throw .rasterOpen(path: path, message: "GDAL is not loaded") }
        _ = VectorDataset.registered
        let name = (path as NSString).lastPathComponent
        guard FileManager.default.fileExists(atPath: path) else { throw .rasterOpen(path: path, message: "no such file") }
        gdal.CPLErrorReset()
        guard let ds = gdal.GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil) else {
            let msg = gdal.CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
            throw .rasterOpen(path: path, message: (msg.isEmpty ? "not a raster format GDAL can read" : msg)
                + "; a relief layer takes an elevation model or a hillshade as GeoTIFF (gdalinfo \(name) shows what GDAL sees)")
        }
        defer { gdal.GDALClose(ds) }
        let bands = Int(gdal.GDALGetRasterCount(ds))
        guard bands == 1, let band = gdal.GDALGetRasterBand(ds, 1) else {
            throw .rasterOpen(path: path, message: "it has \(bands) bands; a relief layer takes one: elevation, or an 8-bit hillshade "
                + "(e.g. gdaldem hillshade dem.tif shade.tif, or gdal_translate -b 1 to keep one band)")
        }
        let W = Int(gdal.GDALGetRasterXSize(ds)), H = Int(gdal.GDALGetRasterYSize(ds))
        var gt = [Double](repeating: 0, count: 6)
        guard gdal.GDALGetGeoTransform(ds, &gt) == CE_None, gt[1] != 0, gt[5] != 0 else {
            throw .rasterOpen(path: path, message: "it is not georeferenced (no geotransform); give it one with gdal_translate -a_ullr or gdalwarp")
        }
        guard gt[2] == 0, gt[4] == 0 else {
            throw .rasterOpen(path: path, message: "it is rotated; straighten it first: gdalwarp \(name) north-up.tif")
        }

        // The map's box in the raster's coordinates: a 16 × 16 grid over it, transformed.
        var lons: [Double] = [], lats: [Double] = []
        for j in 0...16 {
            for i in 0...16 {
                lons.append(box.west + (box.east - box.west) * Double(i) / 16)
                lats.append(box.south + (box.north - box.south) * Double(j) / 16)
            }
        }
        var xs = lons, ys = lats
        let wkt = gdal.GDALGetProjectionRef(ds).map { String(cString: $0) } ?? ""
        // Lon/lat rasters are read directly; others through PROJ, from the file's WKT.
        let geographic = wkt.isEmpty || wkt.hasPrefix("GEOGCS") || wkt.hasPrefix("GEOGCRS")
        if wkt.isEmpty, !(abs(gt[0]) <= 360 && abs(gt[3]) <= 90) {
            throw .rasterOpen(path: path, message: "it has no coordinate reference system; set one with gdal_edit.py -a_srs EPSG:NNNN \(name)")
        }
        var projection: Projection?
        if !geographic {
            do { projection = try Projection(crs: wkt) } catch {
                throw .rasterOpen(path: path, message: "its coordinate reference system cannot be converted from WGS84 (\(error))")
            }
            projection!.forward(xs: &xs, ys: &ys)
        }
        // Pixel window, widened by a cell for the 3 × 3 slope at its edge.
        let pxs = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }.map { (($0.0 - gt[0]) / gt[1], ($0.1 - gt[3]) / gt[5]) }
        guard !pxs.isEmpty else { throw .rasterOpen(path: path, message: "this map's area cannot be expressed in its coordinates") }
        let c0 = max(0, Int(pxs.map(\.0).min()!.rounded(.down)) - 1), c1 = min(W, Int(pxs.map(\.0).max()!.rounded(.up)) + 1)
        let r0 = max(0, Int(pxs.map(\.1).min()!.rounded(.down)) - 1), r1 = min(H, Int(pxs.map(\.1).max()!.rounded(.up)) + 1)
        guard c1 - c0 >= 3, r1 - r0 >= 3 else {
            let e = (gt[0], gt[0] + gt[1] * Double(W), gt[3] + gt[5] * Double(H), gt[3])
            throw .rasterOpen(path: path, message: String(format: "it covers %.4g to %.4g, %.4g to %.4g (in its own coordinates), outside this map; "
                + "draw its area, e.g. with --bbox, or leave it out", e.0, e.1, e.2, e.3))
        }
        let winW = c1 - c0, winH = r1 - r0
        let k = max(1, Double(max(winW, winH)) / Double(maxSide))
        let bw = max(3, Int((Double(winW) / k).rounded())), bh = max(3, Int((Double(winH) / k).rounded()))
        var buffer = [Double](repeating: 0, count: bw * bh)
        var extra = GDALRasterIOExtraArg()
        extra.nVersion = 1
        extra.eResampleAlg = k > 1 ? GRIORA_Average : GRIORA_NearestNeighbour
        let err = buffer.withUnsafeMutableBytes { b in
            gdal.GDALRasterIOEx(band, GF_Read, Int32(c0), Int32(r0), Int32(winW), Int32(winH), b.baseAddress,
                                Int32(bw), Int32(bh), GDT_Float64, 0, 0, &extra)
        }
        guard err == CE_None else {
            let msg = gdal.CPLGetLastErrorMsg().map { String(cString: $0) } ?? "read failed"
            throw .rasterOpen(path: path, message: msg)
        }
        var hasNoData: Int32 = 0
        let noData = gdal.GDALGetRasterNoDataValue(band, &hasNoData)
        let isShade = gdal.GDALGetRasterDataType(band) == GDT_Byte
        // Cell size of the buffer, in the raster's units.
        let dx = gt[1] * Double(winW) / Double(bw), dy = gt[5] * Double(winH) / Double(bh)
        let x0 = gt[0] + gt[1] * Double(c0), y0 = gt[3] + gt[5] * Double(r0)
        var values = buffer
        for i in values.indices where (hasNoData != 0 && values[i] == noData) || !values[i].isFinite { values[i] = .nan }
        if !isShade {
            // Metres per cell: degrees become metres at the window's middle latitude.
            let midLat = geographic ? y0 + dy * Double(bh) / 2 : 0
            let ew = geographic ? abs(dx) * 111_320 * cos(midLat * .pi / 180) : abs(dx)
            let ns = geographic ? abs(dy) * 110_574 : abs(dy)
            values = hillshade(buffer: values, width: bw, height: bh, ew: ew, ns: ns, z: exaggeration)
        }
        let cellDeg = geographic ? abs(dx) : abs(dx) / 111_320
        return RasterShade(source: name, cellDegrees: cellDeg, width: bw, height: bh, values: values,
                           x0: x0, y0: y0, dx: dx, dy: dy, wkt: geographic ? nil : wkt)
    }

    /// Horn's slope and aspect, lit from azimuth 315° at 45° altitude, as `gdaldem hillshade` does;
    /// NaN where a neighbour is missing. Edge cells copy their inner neighbour's shade.
    static func hillshade(buffer h: [Double], width w: Int, height ht: Int, ew: Double, ns: Double, z: Double) -> [Double] {
        let alt = 45 * Double.pi / 180, az = 315 * Double.pi / 180
        var out = [Double](repeating: .nan, count: w * ht)
        for y in 1..<(ht - 1) {
            for x in 1..<(w - 1) {
                let i = y * w + x
                let a = h[i - w - 1], b = h[i - w], c = h[i - w + 1]
                let d = h[i - 1], f = h[i + 1]
                let g = h[i + w - 1], hh = h[i + w], k = h[i + w + 1]
                // dz/dx eastwards, dz/dy northwards (rows run south).
                let dzdx = ((c + 2 * f + k) - (a + 2 * d + g)) / (8 * ew) * z
                let dzdy = ((a + 2 * b + c) - (g + 2 * hh + k)) / (8 * ns) * z
                guard dzdx.isFinite, dzdy.isFinite else { continue }
                // Surface normal (−dz/dx, −dz/dy, 1) against the light's direction.
                let lx = cos(alt) * sin(az), ly = cos(alt) * cos(az), lz = sin(alt)
                let shade = (-dzdx * lx - dzdy * ly + lz) / (1 + dzdx * dzdx + dzdy * dzdy).squareRoot()
                out[i] = max(0, min(255, 255 * shade))
            }
        }
        for x in 0..<w { out[x] = out[min(ht - 1, 1) * w + x]; out[(ht - 1) * w + x] = out[max(0, ht - 2) * w + x] }
        for y in 0..<ht { out[y * w] = out[y * w + min(w - 1, 1)]; out[y * w + w - 1] = out[y * w + max(0, w - 2)] }
        return out
    }

    /// The shade at many places at once (NaN where there is none): one PROJ batch for a
    /// projected raster, made on the calling thread (PROJ contexts stay on one thread).
    public func shades(lons: [Double], lats: [Double], into out: inout [Double]) {
        var xs = lons, ys = lats
        if let wkt, let p = try? Projection(crs: wkt) { p.forward(xs: &xs, ys: &ys) }
        for i in xs.indices {
            let fx = (xs[i] - x0) / dx - 0.5, fy = (ys[i] - y0) / dy - 0.5
            guard fx.isFinite, fy.isFinite, fx >= -0.5, fy >= -0.5, fx <= Double(width) - 0.5, fy <= Double(height) - 0.5 else {
                out[i] = .nan; continue
            }
            let cx = max(0, min(width - 2, Int(fx.rounded(.down)))), cy = max(0, min(height - 2, Int(fy.rounded(.down))))
            let tx = max(0, min(1, fx - Double(cx))), ty = max(0, min(1, fy - Double(cy)))
            let j = cy * width + cx
            out[i] = (values[j] * (1 - tx) + values[j + 1] * tx) * (1 - ty) + (values[j + width] * (1 - tx) + values[j + width + 1] * tx) * ty
        }
    }

    public func shade(lon: Double, lat: Double) -> Double? {
        var s = [Double.nan]
        shades(lons: [lon], lats: [lat], into: &s)
        return s[0].isNaN ? nil : s[0]
    }

    public func forScale(degreesPerPixel: Double) -> ShadeSource { self }
}
