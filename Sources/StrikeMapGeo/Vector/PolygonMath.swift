import Foundation
import StrikeMapCore

/// Planar helpers on lon/lat rings, adequate for governorate-sized polygons.
public enum PolygonMath {
    /// Even-odd point-in-polygon test over all rings (holes included).
    public static func contains(_ rings: [[GeoPoint]], _ p: GeoPoint) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.lat > p.lat) != (b.lat > p.lat) {
                    let x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon
                    if p.lon < x { inside.toggle() }
                }
                j = i
            }
        }
        return inside
    }

    public static func area(_ ring: [GeoPoint]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        var j = ring.count - 1
        for i in 0..<ring.count {
            s += (ring[j].lon + ring[i].lon) * (ring[j].lat - ring[i].lat)
            j = i
        }
        return abs(s) / 2
    }

    /// A point guaranteed inside the polygon (unlike a centroid, which can fall outside a
    /// crescent-shaped province): of several horizontal scan lines, the midpoint of the widest
    /// inside segment, taking the line nearest the polygon's middle on ties.
    public static func representativePoint(_ polygons: [[[GeoPoint]]]) -> GeoPoint? {
        guard let largest = polygons.max(by: { area($0.first ?? []) < area($1.first ?? []) }),
              let outer = largest.first, let box = GeoBox.enclosing(outer) else { return nil }
        var best: (width: Double, point: GeoPoint)?
        let steps = 15
        for k in 1..<steps {
            // Scan from the middle outwards so ties prefer central lines.
            let offset = (k % 2 == 0 ? 1.0 : -1.0) * Double(k / 2) / Double(steps)
            let lat = box.south + (box.north - box.south) * (0.5 + offset) + 1e-9
            var xs: [Double] = []
            for ring in largest where ring.count >= 3 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[j]
                    if (a.lat > lat) != (b.lat > lat) {
                        xs.append((b.lon - a.lon) * (lat - a.lat) / (b.lat - a.lat) + a.lon)
                    }
                    j = i
                }
            }
            xs.sort()
            var i = 0
            while i + 1 < xs.count {
                let w = xs[i + 1] - xs[i]
                if w > (best?.width ?? 0) * 1.15 {
                    best = (w, GeoPoint(lat: lat, lon: (xs[i] + xs[i + 1]) / 2))
                }
                i += 2
            }
        }
        return best?.point
    }
}
