import Foundation

/// A kernel density surface over the map frame: the points counted onto a grid, then smoothed with
/// a Gaussian kernel (separable: a pass along rows, one along columns). The grid is as fine as the
/// kernel needs (about six cells per standard deviation), so the cost is bounded by the frame,
/// not by the number of points.
struct KernelDensity {
    let columns: Int
    let rows: Int
    /// A grid cell's side in canvas units.
    let cell: Double
    let origin: CanvasPoint
    /// Smoothed points per grid cell.
    private(set) var values: [Double]

    /// `sigma`: the kernel's standard deviation in canvas units.
    init(points: [CanvasPoint], weights: [Double]? = nil, frame: CanvasRect, sigma: Double) {
        // At least one canvas unit per cell, whatever the frame or the bandwidth (a frame of no
        // size or a bandwidth of NaN would make no grid at all).
        let side = max(frame.width, frame.height)
        let cell = max(1, min(max(sigma.isFinite ? sigma / 6 : 1, 1), side.isFinite ? side / 64 : 1))
        self.cell = cell
        origin = CanvasPoint(x: frame.x, y: frame.y)
        columns = max(1, Int((frame.width / cell).rounded(.up)))
        rows = max(1, Int((frame.height / cell).rounded(.up)))
        var grid = [Double](repeating: 0, count: columns * rows)
        for (i, p) in points.enumerated() {
            let cx = Int(((p.x - origin.x) / cell).rounded(.down)), cy = Int(((p.y - origin.y) / cell).rounded(.down))
            guard cx >= 0, cy >= 0, cx < columns, cy < rows else { continue }
            grid[cy * columns + cx] += weights?[i] ?? 1
        }
        let s = max(0.5, sigma.isFinite ? sigma / cell : 1)
        let reach = max(1, Int((3 * s).rounded(.up)))
        var kernel = (-reach...reach).map { exp(-Double($0 * $0) / (2 * s * s)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        values = Self.blur(grid, columns: columns, rows: rows, kernel: kernel, reach: reach)
    }

    private static func blur(_ input: [Double], columns w: Int, rows h: Int, kernel: [Double], reach: Int) -> [Double] {
        var tmp = [Double](repeating: 0, count: w * h)
        var out = [Double](repeating: 0, count: w * h)
        input.withUnsafeBufferPointer { src in
            tmp.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let row = y * w
                    for x in 0..<w where src[row + x] != 0 {
                        let v = src[row + x]
                        for k in max(-reach, -x)...min(reach, w - 1 - x) { dst[row + x + k] += v * kernel[k + reach] }
                    }
                }
            }
        }
        tmp.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for x in 0..<w where src[y * w + x] != 0 {
                        let v = src[y * w + x]
                        for k in max(-reach, -y)...min(reach, h - 1 - y) { dst[(y + k) * w + x] += v * kernel[k + reach] }
                    }
                }
            }
        }
        return out
    }

    var maximum: Double { values.max() ?? 0 }

    /// The value at a canvas point (nearest cell).
    func value(at p: CanvasPoint) -> Double {
        let cx = Int(((p.x - origin.x) / cell).rounded(.down)), cy = Int(((p.y - origin.y) / cell).rounded(.down))
        guard cx >= 0, cy >= 0, cx < columns, cy < rows else { return 0 }
        return values[cy * columns + cx]
    }
}
