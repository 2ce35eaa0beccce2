import Foundation
import StrikeMapCore

/// Vector geometry in WGS84 degrees, flattened to what a map draws.
public enum Geometry: Sendable {
    case points([GeoPoint])
    /// Each element is one line string.
    case lines([[GeoPoint]])
    /// Each element is one polygon: its outer ring first, then holes.
    case polygons([[[GeoPoint]]])

    public var bbox: GeoBox? {
        // Ring by ring over plain arrays: a lazy flattened sequence cost a tenth of the start-up
        // of every map (the basemap's boxes are worked out as it loads).
        var w = Double.infinity, s = Double.infinity, e = -Double.infinity, n = -Double.infinity
        func add(_ ring: [GeoPoint]) {
            for p in ring {
                if p.lon < w { w = p.lon }
                if p.lon > e { e = p.lon }
                if p.lat < s { s = p.lat }
                if p.lat > n { n = p.lat }
            }
        }
        switch self {
        case .points(let ps): add(ps)
        case .lines(let ls): for l in ls { add(l) }
        case .polygons(let ps): for poly in ps { if let outer = poly.first { add(outer) } }
        }
        return w <= e ? GeoBox(west: w, south: s, east: e, north: n) : nil
    }

    public var pointCount: Int {
        switch self {
        case .points(let ps): return ps.count
        case .lines(let ls): return ls.reduce(0) { $0 + $1.count }
        case .polygons(let ps): return ps.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        }
    }
}

/// One feature of a vector layer: a geometry and its attributes as text.
public struct Feature: Sendable {
    public var geometry: Geometry
    public var properties: [String: String]
    public let bbox: GeoBox?

    public init(geometry: Geometry, properties: [String: String]) {
        self.geometry = geometry
        self.properties = properties
        self.bbox = geometry.bbox
    }

    public subscript(key: String) -> String? { properties[key] }
}
