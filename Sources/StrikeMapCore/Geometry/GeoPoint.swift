import Foundation

/// A WGS84 position in decimal degrees.
public struct GeoPoint: Hashable, Sendable, Codable, CustomStringConvertible {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    public var isValid: Bool {
        lat.isFinite && lon.isFinite && (-90...90).contains(lat) && (-180...180).contains(lon)
    }

    public var description: String { String(format: "%.4f,%.4f", lat, lon) }

    /// Great-circle distance in kilometres (haversine on the mean Earth sphere; ample for
    /// "what is near this point" and for scale bars at the map's centre).
    public func distanceKm(to other: GeoPoint) -> Double {
        let r = 6371.0088
        let φ1 = lat * .pi / 180, φ2 = other.lat * .pi / 180
        let dφ = (other.lat - lat) * .pi / 180, dλ = (other.lon - lon) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}
