import Foundation

/// A longitude/latitude rectangle: west, south, east, north in degrees.
public struct GeoBox: Hashable, Sendable, Codable, CustomStringConvertible {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Parses "W,S,E,N" as given to `--bbox`.
    public init(parsing text: String) throws(GeoError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else {
            throw .invalidBBox(text, reason: "expected 4 comma-separated numbers W,S,E,N, e.g. 38,29,49,38")
        }
        var values: [Double] = []
        for (name, part) in zip(["W", "S", "E", "N"], parts) {
            guard let v = Double(part), v.isFinite else {
                throw .invalidBBox(text, reason: "\(name) = '\(part)' is not a number")
            }
            values.append(v)
        }
        self.init(west: values[0], south: values[1], east: values[2], north: values[3])
        try validate()
    }

    public func validate() throws(GeoError) {
        guard (-180...180).contains(west), (-180...180).contains(east) else {
            throw .invalidBBox(description, reason: "longitudes must be within -180..180")
        }
        guard (-90...90).contains(south), (-90...90).contains(north) else {
            throw .invalidBBox(description, reason: "latitudes must be within -90..90")
        }
        guard west < east else { throw .invalidBBox(description, reason: "W must be less than E") }
        guard south < north else { throw .invalidBBox(description, reason: "S must be less than N") }
    }

    public var center: GeoPoint { GeoPoint(lat: (south + north) / 2, lon: (west + east) / 2) }

    public func contains(_ p: GeoPoint) -> Bool {
        p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north
    }

    public func contains(_ other: GeoBox) -> Bool {
        other.west >= west && other.east <= east && other.south >= south && other.north <= north
    }

    public func intersects(_ other: GeoBox) -> Bool {
        !(other.west > east || other.east < west || other.south > north || other.north < south)
    }

    public func expanded(byDegrees d: Double) -> GeoBox {
        GeoBox(west: max(-180, west - d), south: max(-90, south - d),
               east: min(180, east + d), north: min(90, north + d))
    }

    /// The smallest box holding all the points, or nil for none.
    public static func enclosing<S: Sequence>(_ points: S) -> GeoBox? where S.Element == GeoPoint {
        var box: GeoBox?
        for p in points {
            if var b = box {
                b.west = min(b.west, p.lon); b.east = max(b.east, p.lon)
                b.south = min(b.south, p.lat); b.north = max(b.north, p.lat)
                box = b
            } else {
                box = GeoBox(west: p.lon, south: p.lat, east: p.lon, north: p.lat)
            }
        }
        return box
    }

    public var description: String {
        [west, south, east, north].map { String(format: "%g", $0) }.joined(separator: ",")
    }
}
