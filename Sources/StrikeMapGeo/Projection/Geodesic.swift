import CProj
import Foundation
import StrikeMapCore

/// Distances and directions on the WGS84 ellipsoid (Karney's algorithms, as PROJ ships them):
/// a range ring is the set of points at one true distance from its centre, which no sphere or
/// projected circle gives exactly.
public enum Geodesic {
    /// The WGS84 ellipsoid, set up once; PROJ's geodesic functions only read it.
    nonisolated(unsafe) private static var wgs84: geod_geodesic = {
        var g = geod_geodesic()
        geod_init(&g, 6_378_137, 1 / 298.257223563)
        return g
    }()

    /// The point `distanceKm` from `origin` setting out at `azimuthDeg` (clockwise from north).
    public static func destination(from origin: GeoPoint, azimuthDeg: Double, distanceKm: Double) -> GeoPoint {
        var lat = 0.0, lon = 0.0, azi2 = 0.0
        withUnsafePointer(to: &wgs84) { g in
            geod_direct(g, origin.lat, origin.lon, azimuthDeg, distanceKm * 1000, &lat, &lon, &azi2)
        }
        return GeoPoint(lat: lat, lon: lon)
    }

    /// The shortest distance between two points on the ellipsoid, in km.
    public static func distanceKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: &wgs84) { g in
            geod_inverse(g, a.lat, a.lon, b.lat, b.lon, &s12, &azi1, &azi2)
        }
        return s12 / 1000
    }

    /// The shortest path from `a` to `b` on the ellipsoid, as `count + 1` points from `a` to `b`.
    public static func path(from a: GeoPoint, to b: GeoPoint, count: Int = 64) -> [GeoPoint] {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: &wgs84) { g in
            geod_inverse(g, a.lat, a.lon, b.lat, b.lon, &s12, &azi1, &azi2)
        }
        var out = (0..<count).map { i in
            destination(from: a, azimuthDeg: azi1, distanceKm: s12 / 1000 * Double(i) / Double(count))
        }
        out.append(b)
        // Continuous longitudes, so a path across the antimeridian draws as one line.
        for i in 1..<out.count {
            while out[i].lon - out[i - 1].lon > 180 { out[i].lon -= 360 }
            while out[i].lon - out[i - 1].lon < -180 { out[i].lon += 360 }
        }
        return out
    }

    /// The ring of points `radiusKm` from `center`, every `360 / count` degrees of azimuth from
    /// north, closed (the first point repeated at the end). Longitudes are kept continuous
    /// across the antimeridian, so the ring draws as one line.
    public static func circle(center: GeoPoint, radiusKm: Double, count: Int = 360) -> [GeoPoint] {
        var out: [GeoPoint] = []
        out.reserveCapacity(count + 1)
        var previous: Double?
        for i in 0...count {
            var p = destination(from: center, azimuthDeg: Double(i) * 360 / Double(count), distanceKm: radiusKm)
            if let q = previous {
                while p.lon - q > 180 { p.lon -= 360 }
                while p.lon - q < -180 { p.lon += 360 }
            }
            previous = p.lon
            out.append(p)
        }
        return out
    }
}
