import Foundation
import StrikeMapCore

/// A grey shaded-relief image on a longitude/latitude grid (plate carrée, rows north to south),
/// one byte per cell: Natural Earth's shaded relief as Debian ships it (`earth.jpg` of
/// gnudatalanguage, 2 arc-minutes). Stored as raw bytes with a JSON sidecar, so the renderer maps
/// the file and reads only the cells a map needs, without GDAL or an image decoder.
///
/// Files: `NAME.json` (`{"width": …, "height": …, "bbox": [west, south, east, north], "source": …}`)
/// and `NAME.bytes` beside it (width × height bytes).
public final class ReliefGrid: @unchecked Sendable {
    public let width: Int
    public let height: Int
    public let box: GeoBox
    /// Where the image comes from, for the map's source line.
    public let source: String
    private let bytes: Data
    /// Reduced copies (averaged k × k blocks), for maps that show many cells per pixel.
    private var reduced: [Int: ReliefGrid] = [:]
    private let lock = NSLock()

    public init(width: Int, height: Int, box: GeoBox, source: String, bytes: Data) throws(GeoError) {
        guard width > 1, height > 1, bytes.count == width * height, box.east > box.west, box.north > box.south else {
            throw .rasterOpen(path: source, message: "a relief grid of \(width) × \(height) cells needs \(width * height) bytes and a box with extent; it has \(bytes.count)")
        }
        self.width = width; self.height = height; self.box = box; self.source = source; self.bytes = bytes
    }

    private struct Sidecar: Decodable {
        var width: Int
        var height: Int
        var bbox: [Double]
        var source: String
    }

    /// Reads `NAME.json` and maps `NAME.bytes`.
    public static func load(sidecar url: URL) throws(GeoError) -> ReliefGrid {
        let meta: Sidecar
        do { meta = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: url)) } catch {
            throw .rasterOpen(path: url.path, message: "not a relief sidecar (\(error.localizedDescription)); rebuild it with scripts/build_relief.sh")
        }
        guard meta.bbox.count == 4 else { throw .rasterOpen(path: url.path, message: "bbox is [west, south, east, north]") }
        let raw = url.deletingPathExtension().appendingPathExtension("bytes")
        let data: Data
        do { data = try Data(contentsOf: raw, options: .alwaysMapped) } catch {
            throw .rasterOpen(path: raw.path, message: "cannot read the relief image (\(error.localizedDescription)); rebuild it with scripts/build_relief.sh")
        }
        return try ReliefGrid(width: meta.width, height: meta.height,
                              box: GeoBox(west: meta.bbox[0], south: meta.bbox[1], east: meta.bbox[2], north: meta.bbox[3]),
                              source: meta.source, bytes: data)
    }

    /// Runs `body` over the grid's bytes.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T { bytes.withUnsafeBytes(body) }

    /// Degrees of longitude per cell.
    public var cellDegrees: Double { (box.east - box.west) / Double(width) }

    /// The grey value (0–255) at a place, interpolated between the four nearest cells; nil outside.
    @inline(__always)
    public func value(lon: Double, lat: Double) -> Double? {
        let fx = (lon - box.west) / (box.east - box.west) * Double(width) - 0.5
        let fy = (box.north - lat) / (box.north - box.south) * Double(height) - 0.5
        guard fx >= -0.5, fy >= -0.5, fx <= Double(width) - 0.5, fy <= Double(height) - 0.5 else { return nil }
        let x0 = max(0, min(width - 2, Int(fx.rounded(.down)))), y0 = max(0, min(height - 2, Int(fy.rounded(.down))))
        let tx = max(0, min(1, fx - Double(x0))), ty = max(0, min(1, fy - Double(y0)))
        return bytes.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Double in
            let i = y0 * width + x0
            let a = Double(b[i]), c = Double(b[i + 1]), d = Double(b[i + width]), e = Double(b[i + width + 1])
            return (a * (1 - tx) + c * tx) * (1 - ty) + (d * (1 - tx) + e * tx) * ty
        }
    }

    /// The grid with cells averaged in blocks of `factor` × `factor`, so that a map showing many
    /// cells per pixel samples their mean rather than one of them (no shimmer). Cached.
    public func reduced(by factor: Int) -> ReliefGrid {
        guard factor > 1, width / factor > 1, height / factor > 1 else { return self }
        lock.lock(); defer { lock.unlock() }
        if let r = reduced[factor] { return r }
        let w = width / factor, h = height / factor
        var out = [UInt8](repeating: 0, count: w * h)
        bytes.withUnsafeBytes { (b: UnsafeRawBufferPointer) in
            var sums = [Int](repeating: 0, count: w)
            for y in 0..<h {
                for i in 0..<w { sums[i] = 0 }
                for yy in (y * factor)..<(y * factor + factor) {
                    let row = yy * width
                    for x in 0..<(w * factor) { sums[x / factor] += Int(b[row + x]) }
                }
                for x in 0..<w { out[y * w + x] = UInt8(sums[x] / (factor * factor)) }
            }
        }
        // The reduced grid covers the whole cells it averaged.
        let box = GeoBox(west: self.box.west, south: self.box.north - (self.box.north - self.box.south) * Double(h * factor) / Double(height),
                         east: self.box.west + (self.box.east - self.box.west) * Double(w * factor) / Double(width), north: self.box.north)
        let r = (try? ReliefGrid(width: w, height: h, box: box, source: source, bytes: Data(out))) ?? self
        reduced[factor] = r
        return r
    }

    // MARK: Finding the relief

    nonisolated(unsafe) private static var cache: [String: ReliefGrid] = [:]
    private static let cacheLock = NSLock()

    /// The relief images StrikeMap knows, most detailed first: the committed Middle East extract,
    /// then the whole world if `make world-basemap` unpacked it.
    public static func candidates() -> [URL] {
        guard let geo = try? DataLocator.geo() else { return [] }
        return [geo.appendingPathComponent("relief/middle-east.json"),
                geo.appendingPathComponent("basemap/world/relief.json")]
    }

    /// The relief to draw a map of `box` with: the first image that covers it, else the first that
    /// covers part of it (`complete` false). Nil when none is installed or none reaches the map.
    public static func covering(_ box: GeoBox) -> (grid: ReliefGrid, complete: Bool)? {
        var partial: ReliefGrid?
        for url in candidates() where FileManager.default.fileExists(atPath: url.path) {
            guard let g = cached(url) else { continue }
            let b = g.box
            if b.west <= box.west, b.east >= box.east, b.south <= box.south, b.north >= box.north { return (g, true) }
            if partial == nil, b.west < box.east, b.east > box.west, b.south < box.north, b.north > box.south { partial = g }
        }
        return partial.map { ($0, false) }
    }

    private static func cached(_ url: URL) -> ReliefGrid? {
        cacheLock.lock(); defer { cacheLock.unlock() }
        if let g = cache[url.path] { return g }
        guard let g = try? load(sidecar: url) else { return nil }
        cache[url.path] = g
        return g
    }
}
