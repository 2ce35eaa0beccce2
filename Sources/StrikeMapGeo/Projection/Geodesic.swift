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

    /// A closed ring (first point repeated last) as the pieces to draw on a map centred on
    /// `centralMeridian`: cut where it crosses the opposite meridian, each piece running to the
    /// cut, with longitudes within 180° of the centre. One closed piece when it does not cross.
    /// Without the cut, a ring of thousands of kilometres on a world map (a missile's reach) drew
    /// a line straight across the map, and one round a pole could not be closed at all.
    public static func pieces(ofRing ring: [GeoPoint], centralMeridian lon0: Double) -> (pieces: [[GeoPoint]], closed: Bool) {
        guard ring.count > 1 else { return ([ring], false) }
        // Longitude relative to the centre, in [-180, 180).
        func relative(_ lon: Double) -> Double {
            var r = (lon - lon0).truncatingRemainder(dividingBy: 360)
            if r >= 180 { r -= 360 } else if r < -180 { r += 360 }
            return r
        }
        // Just inside the cut on either side, so PROJ never has to choose a side.
        let edge = 180 - 1e-7
        var pieces: [[GeoPoint]] = []
        var current: [GeoPoint] = []
        var previous: (lat: Double, rel: Double)?
        for p in ring {
            let rel = relative(p.lon)
            if let q = previous, abs(rel - q.rel) > 180 {
                // Across the cut: where the step meets it, by its share of the longitude crossed.
                let eastward = rel < q.rel  // from near +180 over to near -180
                let span = eastward ? (rel + 360 - q.rel) : (q.rel + 360 - rel)
                let toCut = eastward ? (180 - q.rel) : (q.rel + 180)
                let t = span > 0 ? min(max(toCut / span, 0), 1) : 0.5
                let lat = q.lat + (p.lat - q.lat) * t
                current.append(GeoPoint(lat: lat, lon: lon0 + (eastward ? edge : -edge)))
                pieces.append(current)
                current = [GeoPoint(lat: lat, lon: lon0 + (eastward ? -edge : edge))]
            }
            current.append(GeoPoint(lat: p.lat, lon: lon0 + rel))
            previous = (p.lat, rel)
        }
        guard !pieces.isEmpty else { return ([current], true) }
        // The ring's end is its start: the last piece runs on into the first.
        pieces[0] = current + pieces[0].dropFirst()
        return (pieces, false)
    }
}
