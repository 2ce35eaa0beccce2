import Foundation

/// A copy of an image's pixels as plain values (un-premultiplied RGBA, 8 bits each), for tests,
/// golden-image comparison and encoders. Safe to share between threads.
public struct RasterImage: Sendable, CustomStringConvertible {
    public let width: Int
    public let height: Int
    /// RGBA, row by row.
    public let rgba: [UInt8]

    public init(width: Int, height: Int, rgba: [UInt8]) {
        self.width = width
        self.height = height
        self.rgba = rgba
    }

    public var description: String { "RasterImage(\(width)x\(height))" }

    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 4
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }

    /// Whether the pixel is within `tolerance` (0-255 per channel) of a colour.
    public func pixel(x: Double, y: Double, isNear c: Color, tolerance: Int = 24) -> Bool {
        guard let p = pixel(x: Int(x.rounded()), y: Int(y.rounded())) else { return false }
        func close(_ v: UInt8, _ w: Double) -> Bool { abs(Int(v) - Int((w * 255).rounded())) <= tolerance }
        return close(p.r, c.r) && close(p.g, c.g) && close(p.b, c.b)
    }
}

extension CairoSurface {
    /// The pixels of an image surface.
    public func raster() -> RasterImage {
        var out = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                if let p = pixel(x: x, y: y) {
                    let i = (y * width + x) * 4
                    out[i] = p.r; out[i + 1] = p.g; out[i + 2] = p.b; out[i + 3] = p.a
                }
            }
        }
        return RasterImage(width: width, height: height, rgba: out)
    }
}
