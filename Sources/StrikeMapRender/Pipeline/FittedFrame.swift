import Foundation
import StrikeMapCore
import StrikeMapGeo
import StrikeMapEvents

/// The frame a map takes when the user gives no extent: around the events, not around a stray
/// few. The Yemen Data Project's log places 13 raids of Al-Hada, Dhamar, near Makkah (a district
/// centroid typed wrong); a frame around every event gave half the map to the Saudi desert.
///
/// The bulk of the events is the box between the 0.5th and 99.5th percentiles of longitude and
/// latitude; the frame reaches half that box's size (at least half a degree) past each of its
/// sides. Events beyond are left out only when they are few (at most 1 in 100) and leaving them
/// out at least halves the frame's area; otherwise the data is spread that way and the frame holds
/// it all. The map says how many were left out, and where (`MapSpec.farFromTheRest`).
struct FittedFrame {
    /// How far the frame may reach past the bulk, as a share of the bulk's size.
    static let reachShare = 0.5
    /// The most events, per hundred, a frame leaves out.
    static let mostLeftOutPerHundred = 1
    /// Percentiles are taken on at most this many events (evenly spaced through the list):
    /// a million-event file costs no more than a hundred thousand.
    static let sample = 100_000

    /// The box the frame may reach, when leaving out the events beyond it makes the map; nil when
    /// the frame should hold every event.
    static func reach(_ points: [GeoPoint]) -> GeoBox? {
        let n = points.count
        // Too few to call any of them stray: a story of a dozen events may be in two places.
        guard n >= 50, let all = GeoBox.enclosing(points) else { return nil }
        let step = max(1, n / sample)
        var lons: [Double] = [], lats: [Double] = []
        lons.reserveCapacity(n / step + 1); lats.reserveCapacity(n / step + 1)
        for i in stride(from: 0, to: n, by: step) { lons.append(points[i].lon); lats.append(points[i].lat) }
        lons.sort(); lats.sort()
        let k = lons.count / 200
        let bulk = (w: lons[k], e: lons[lons.count - 1 - k], s: lats[k], n: lats[lats.count - 1 - k])
        let padLon = reachShare * max(1, bulk.e - bulk.w), padLat = reachShare * max(1, bulk.n - bulk.s)
        let reach = GeoBox(west: bulk.w - padLon, south: bulk.s - padLat, east: bulk.e + padLon, north: bulk.n + padLat)
        var out = 0
        var kept: GeoBox?
        for p in points {
            if reach.contains(p) {
                kept = kept.map { GeoBox(west: min($0.west, p.lon), south: min($0.south, p.lat),
                                         east: max($0.east, p.lon), north: max($0.north, p.lat)) }
                    ?? GeoBox(west: p.lon, south: p.lat, east: p.lon, north: p.lat)
            } else {
                out += 1
            }
        }
        guard out > 0, out * 100 <= n * mostLeftOutPerHundred, let kept else { return nil }
        func area(_ b: GeoBox) -> Double { max(0.01, b.east - b.west) * max(0.01, b.north - b.south) }
        return area(kept) * 2 <= area(all) ? reach : nil
    }
}
