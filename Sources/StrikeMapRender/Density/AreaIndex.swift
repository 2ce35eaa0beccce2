import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Which of a set of polygons holds a point, without testing every polygon: a grid of
/// one-degree cells lists the polygons whose box touches each, and a point is tested only
/// against those of its cell (boxes first, then rings). Areas are taken not to overlap, so the
/// first that holds a point is the one.
struct AreaIndex {
    private let boxes: [GeoBox]
    private let rings: [[[[GeoPoint]]]]
    private var grid: [Int64: [Int]] = [:]

    /// `areas`: each polygon's box and rings (polygons of rings), in the caller's order; the
    /// answers are indices into it.
    init(_ areas: [(box: GeoBox, rings: [[[GeoPoint]]])]) {
        boxes = areas.map(\.box)
        rings = areas.map(\.rings)
        for (i, a) in areas.enumerated() {
            for x in Int(a.box.west.rounded(.down))...Int(a.box.east.rounded(.down)) {
                for y in Int(a.box.south.rounded(.down))...Int(a.box.north.rounded(.down)) { grid[Self.key(x, y), default: []].append(i) }
            }
        }
    }

    private static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }

    /// The index of the area that holds `g`, or nil.
    func area(holding g: GeoPoint) -> Int? {
        grid[Self.key(Int(g.lon.rounded(.down)), Int(g.lat.rounded(.down)))]?.first { i in
            boxes[i].contains(g) && rings[i].contains { PolygonMath.contains($0, g) }
        }
    }
}
