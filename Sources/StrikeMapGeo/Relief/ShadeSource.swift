import Foundation

/// Grey hill shading sampled at places: 0 black, 255 white, `flat` where the ground is level.
/// The renderer darkens the map where a value is below `flat` and lightens it above, so any
/// source (Natural Earth's shaded relief, a user's elevation model shaded by StrikeMap) blends
/// the same way under any land colour.
public protocol ShadeSource: AnyObject, Sendable {
    /// The shade of level ground.
    var flat: Double { get }
    /// How far below `flat` a shade still counts as level (noise, or a source's elevation tint).
    var calm: Double { get }
    /// The size of one cell in degrees (about; for choosing a resolution).
    var cellDegrees: Double { get }
    /// Where the shading comes from, for the map's source line.
    var source: String { get }
    /// The shade at a place, nil where the source has no data.
    func shade(lon: Double, lat: Double) -> Double?
    /// The shade at many places (NaN where there is none), in one pass.
    func shades(lons: [Double], lats: [Double], into out: inout [Double])
    /// The source averaged for a map that shows about `degreesPerPixel` per output pixel.
    func forScale(degreesPerPixel: Double) -> ShadeSource
}

extension ShadeSource {
    public func shades(lons: [Double], lats: [Double], into out: inout [Double]) {
        for i in lons.indices { out[i] = shade(lon: lons[i], lat: lats[i]) ?? .nan }
    }
}

extension ReliefGrid: ShadeSource {
    /// Level ground in Natural Earth's shaded relief: the median of the Syrian desert and the
    /// western Iraqi plateau (measured from the image; lowlands read a little darker, as drawn).
    public var flat: Double { 168 }
    /// The image darkens lowlands by up to about 20 grey levels (Mesopotamia reads 147): a tint
    /// of height, not of slope, which on a map looks like a grey wash.
    public var calm: Double { 24 }

    public func shade(lon: Double, lat: Double) -> Double? { value(lon: lon, lat: lat) }

    public func forScale(degreesPerPixel: Double) -> ShadeSource {
        let k = degreesPerPixel / cellDegrees
        guard k >= 2 else { return self }
        // Powers of two, so that zooming out in steps reuses a few reduced grids.
        return reduced(by: 1 << Int(log2(k).rounded(.down)))
    }
}
