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

    /// Every place in one pass over the mapped bytes (a map asks for a few hundred thousand).
    public func shades(lons: [Double], lats: [Double], into out: inout [Double]) {
        withBytes { b in
            let w = Double(width), h = Double(height)
            let sx = w / (box.east - box.west), sy = h / (box.north - box.south)
            for i in lons.indices {
                let fx = (lons[i] - box.west) * sx - 0.5, fy = (box.north - lats[i]) * sy - 0.5
                guard fx >= -0.5, fy >= -0.5, fx <= w - 0.5, fy <= h - 0.5 else { out[i] = .nan; continue }
                let x0 = max(0, min(width - 2, Int(fx.rounded(.down)))), y0 = max(0, min(height - 2, Int(fy.rounded(.down))))
                let tx = max(0, min(1, fx - Double(x0))), ty = max(0, min(1, fy - Double(y0)))
                let j = y0 * width + x0
                let a = Double(b[j]), c = Double(b[j + 1]), d = Double(b[j + width]), e = Double(b[j + width + 1])
                out[i] = (a * (1 - tx) + c * tx) * (1 - ty) + (d * (1 - tx) + e * tx) * ty
            }
        }
    }

    public func forScale(degreesPerPixel: Double) -> ShadeSource {
        let k = degreesPerPixel / cellDegrees
        guard k >= 2 else { return self }
        // Powers of two, so that zooming out in steps reuses a few reduced grids.
        return reduced(by: 1 << Int(log2(k).rounded(.down)))
    }
}
