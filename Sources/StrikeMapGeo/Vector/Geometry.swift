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
        switch self {
        case .points(let ps): return GeoBox.enclosing(ps)
        case .lines(let ls): return GeoBox.enclosing(ls.lazy.flatMap { $0 })
        case .polygons(let ps): return GeoBox.enclosing(ps.lazy.flatMap { $0.first ?? [] })
        }
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
