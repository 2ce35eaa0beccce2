import Foundation
import StrikeMapGeo
import StrikeMapCore

/// A point or size on the canvas, in canvas units (pixels for PNG).
public struct CanvasPoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public struct CanvasRect: Hashable, Sendable, Codable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ o: CanvasRect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
    public func contains(_ o: CanvasRect) -> Bool {
        o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY
    }
    public func contains(_ p: CanvasPoint) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
    public func insetBy(_ d: Double) -> CanvasRect { CanvasRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// Where the map sits on the canvas and how lon/lat become canvas positions: a PROJ projection
/// followed by a uniform scale (no distortion) that fits the region into the frame. The shorter
/// side of the region is widened to fill the frame's aspect.
public final class MapFrame {
    public let projection: Projection
    public let rect: CanvasRect
    /// Canvas units per projected metre.
    public let scale: Double
    public let centerX: Double
    public let centerY: Double
    /// The lon/lat box of everything visible in the frame (for culling and for the inset).
    public private(set) var visibleBox: GeoBox

    /// The projection as given to PROJ.
    public let definition: String
    /// The region's own width over its height, projected (the frame widens its shorter side).
    public let regionAspect: Double

    public init(region: Region, rect: CanvasRect) throws {
        definition = region.projectionDefinition
        let projection = try Projection(crs: definition)
        var xs: [Double] = [], ys: [Double] = []
        let b = region.bbox
        let n = 24
        for i in 0...n {
            let t = Double(i) / Double(n)
            for p in [GeoPoint(lat: b.south, lon: b.west + (b.east - b.west) * t),
                      GeoPoint(lat: b.north, lon: b.west + (b.east - b.west) * t),
                      GeoPoint(lat: b.south + (b.north - b.south) * t, lon: b.west),
                      GeoPoint(lat: b.south + (b.north - b.south) * t, lon: b.east)] {
                if let q = projection.forward(p) { xs.append(q.x); ys.append(q.y) }
            }
        }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max(),
              maxX > minX, maxY > minY else {
            throw RenderError.projection("the region \(region.name) cannot be drawn in \(region.projectionDefinition)")
        }
        self.projection = projection
        self.rect = rect
        regionAspect = (maxX - minX) / (maxY - minY)
        scale = min(rect.width / (maxX - minX), rect.height / (maxY - minY))
        centerX = (minX + maxX) / 2
        centerY = (minY + maxY) / 2
        visibleBox = b
        visibleBox = computeVisibleBox() ?? b
    }

    public func toCanvas(x: Double, y: Double) -> CanvasPoint {
        CanvasPoint(x: rect.x + rect.width / 2 + (x - centerX) * scale,
                    y: rect.y + rect.height / 2 - (y - centerY) * scale)
    }

    public func project(_ p: GeoPoint) -> CanvasPoint? {
        projection.forward(p).map { toCanvas(x: $0.x, y: $0.y) }
    }

    public func unproject(_ c: CanvasPoint) -> GeoPoint? {
        let x = (c.x - rect.x - rect.width / 2) / scale + centerX
        let y = -(c.y - rect.y - rect.height / 2) / scale + centerY
        return projection.inverse(x: x, y: y)
    }

    /// Projects a whole ring or line in one PROJ call.
    public func project(_ ring: [GeoPoint]) -> [CanvasPoint] {
        var xs = ring.map(\.lon), ys = ring.map(\.lat)
        projection.forward(xs: &xs, ys: &ys)
        var out: [CanvasPoint] = []
        out.reserveCapacity(ring.count)
        for i in 0..<ring.count where xs[i].isFinite && ys[i].isFinite && abs(xs[i]) < 1e15 {
            out.append(toCanvas(x: xs[i], y: ys[i]))
        }
        return out
    }

    /// Projects many points in one PROJ call (events by the thousand); nil where PROJ fails.
    public func project(points: [GeoPoint]) -> [CanvasPoint?] {
        var xs = points.map(\.lon), ys = points.map(\.lat)
        projection.forward(xs: &xs, ys: &ys)
        return toCanvas(xs: xs, ys: ys)
    }

    /// Projected coordinates (from `projection.forward`) on this frame's canvas; nil where PROJ failed.
    public func toCanvas(xs: [Double], ys: [Double]) -> [CanvasPoint?] {
        (0..<xs.count).map { i in
            xs[i].isFinite && ys[i].isFinite && abs(xs[i]) < 1e15 ? toCanvas(x: xs[i], y: ys[i]) : nil
        }
    }

    private func computeVisibleBox() -> GeoBox? {
        var pts: [GeoPoint] = []
        let n = 16
        for i in 0...n {
            let t = Double(i) / Double(n)
            for c in [CanvasPoint(x: rect.x + rect.width * t, y: rect.y),
                      CanvasPoint(x: rect.x + rect.width * t, y: rect.maxY),
                      CanvasPoint(x: rect.x, y: rect.y + rect.height * t),
                      CanvasPoint(x: rect.maxX, y: rect.y + rect.height * t)] {
                if let g = unproject(c) { pts.append(g) }
            }
        }
        return GeoBox.enclosing(pts)
    }

    /// Whether the projection keeps areas, so that an area in km² on the page holds anywhere on it.
    public var isEqualArea: Bool {
        let name = definition.split(separator: " ").first { $0.hasPrefix("+proj=") }.map { String($0.dropFirst(6)) } ?? ""
        return ["laea", "eqearth", "aea", "cea", "moll", "sinu", "hammer", "eck4", "eck6", "wag4", "wag7", "igh"].contains(name)
    }

    /// The outline of the whole globe on the canvas, for a world projection whose globe is not a
    /// rectangle (Equal Earth, Mollweide, Robinson, ...): the sea is drawn inside it, and paper
    /// beyond. Nil for other projections.
    public private(set) lazy var globeOutline: [CanvasPoint]? = {
        let name = definition.split(separator: " ").first { $0.hasPrefix("+proj=") }.map { String($0.dropFirst(6)) } ?? ""
        guard ["eqearth", "moll", "robin", "natearth", "natearth2", "eck4", "eck6", "wag4", "wag7", "sinu", "hammer", "wintri"].contains(name) else {
            return nil
        }
        // The antimeridian just inside on either side of the central one, and the poles.
        let lon0 = definition.firstMatch(of: /\+lon_0=(-?[0-9.]+)/).flatMap { Double($0.1) } ?? 0
        let west = lon0 - 179.999, east = lon0 + 179.999
        var ring: [GeoPoint] = []
        for i in 0...180 { ring.append(GeoPoint(lat: -90 + Double(i), lon: east)) }
        for i in 0...180 { ring.append(GeoPoint(lat: 90 - Double(i), lon: west)) }
        let points = project(ring)
        return points.count > 100 ? points : nil
    }()

    /// Square kilometres per square canvas unit, true everywhere on an equal-area map.
    public var km2PerSquareUnit: Double { 1 / (scale * scale) / 1e6 }

    /// How much the scale varies across the frame: the largest kilometres per canvas unit along
    /// a parallel over the smallest, on a 5×5 grid of points of the frame that lie on the globe
    /// (1 where it does not vary). Past about 1.1 no single length holds across the map.
    public private(set) lazy var scaleSpread: Double = {
        var scales: [Double] = []
        for i in 0...4 {
            for j in 0...4 {
                let p = CanvasPoint(x: rect.x + rect.width * (0.05 + 0.9 * Double(i) / 4), y: rect.y + rect.height * (0.05 + 0.9 * Double(j) / 4))
                let q = CanvasPoint(x: p.x + 10, y: p.y)
                guard let a = unproject(p), let back = project(a), abs(back.x - p.x) < 1, abs(back.y - p.y) < 1,
                      let b = unproject(q) else { continue }
                let km = a.distanceKm(to: b) / 10
                if km > 0 { scales.append(km) }
            }
        }
        guard let lo = scales.min(), let hi = scales.max(), lo > 0 else { return 1 }
        return hi / lo
    }()

    /// Kilometres per canvas unit at the frame's centre, along the parallel (the scale bar's truth).
    public var kmPerUnitAtCenter: Double {
        let mid = CanvasPoint(x: rect.x + rect.width / 2, y: rect.y + rect.height / 2)
        let right = CanvasPoint(x: mid.x + 100, y: mid.y)
        guard let a = unproject(mid), let b = unproject(right) else { return 1 / scale / 1000 }
        return a.distanceKm(to: b) / 100
    }

    /// The angle (radians, clockwise from canvas up) of true north at a canvas point.
    public func northAngle(at c: CanvasPoint) -> Double {
        // A point off the globe's drawing (beside a world map narrower than its frame, where the
        // longitude wraps) projects back elsewhere: north there is taken at the frame's centre.
        guard let g = unproject(c), let back = project(g), abs(back.x - c.x) < 1, abs(back.y - c.y) < 1 else {
            let centre = CanvasPoint(x: rect.x + rect.width / 2, y: rect.y + rect.height / 2)
            guard c != centre, let g = unproject(centre),
                  let n = project(GeoPoint(lat: min(89.9, g.lat + 0.2), lon: g.lon)) else { return 0 }
            return atan2(n.x - centre.x, -(n.y - centre.y))
        }
        guard let n = project(GeoPoint(lat: min(89.9, g.lat + 0.2), lon: g.lon)) else { return 0 }
        return atan2(n.x - c.x, -(n.y - c.y))
    }
}
