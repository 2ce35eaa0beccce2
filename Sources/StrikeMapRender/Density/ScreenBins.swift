import Foundation

/// Events counted into cells laid over the page: hexagons (flat sides left and right, pointed top)
/// or squares, `size` canvas units across. One pass over the points with a hash of cell
/// coordinates; empty cells do not exist.
struct ScreenBins {
    enum Shape: String, Sendable { case hexagon, square }
    struct Cell {
        /// Cell coordinates (axial for hexagons, column and row for squares).
        var q: Int
        var r: Int
        var center: CanvasPoint
        var count: Int
        /// The weighted value (the count, or the fatalities).
        var value: Double
    }

    let shape: Shape
    /// Across the flats (hexagons) or the side (squares), in canvas units.
    let size: Double
    /// The grid's origin: the map frame's corner, so cells line up with the frame.
    let origin: CanvasPoint

    private var hexRadius: Double { size / 3.0.squareRoot() }

    /// The cell holding a point.
    func cell(of p: CanvasPoint) -> (q: Int, r: Int) {
        let x = p.x - origin.x, y = p.y - origin.y
        switch shape {
        case .square:
            return (Int((x / size).rounded(.down)), Int((y / size).rounded(.down)))
        case .hexagon:
            // Axial coordinates, then rounding in cube coordinates to the nearest hexagon.
            let R = hexRadius
            let fq = (3.0.squareRoot() / 3 * x - y / 3) / R, fr = (2.0 / 3 * y) / R
            let fs = -fq - fr
            var q = fq.rounded(), r = fr.rounded()
            let s = fs.rounded()
            let dq = abs(q - fq), dr = abs(r - fr), ds = abs(s - fs)
            if dq > dr && dq > ds { q = -r - s } else if dr > ds { r = -q - s }
            return (Int(q), Int(r))
        }
    }

    func center(q: Int, r: Int) -> CanvasPoint {
        switch shape {
        case .square:
            return CanvasPoint(x: origin.x + (Double(q) + 0.5) * size, y: origin.y + (Double(r) + 0.5) * size)
        case .hexagon:
            let R = hexRadius
            return CanvasPoint(x: origin.x + R * 3.0.squareRoot() * (Double(q) + Double(r) / 2), y: origin.y + R * 1.5 * Double(r))
        }
    }

    /// The cell's outline, for drawing.
    func outline(_ c: CanvasPoint) -> [CanvasPoint] {
        switch shape {
        case .square:
            let h = size / 2
            return [.init(x: c.x - h, y: c.y - h), .init(x: c.x + h, y: c.y - h), .init(x: c.x + h, y: c.y + h), .init(x: c.x - h, y: c.y + h)]
        case .hexagon:
            let R = hexRadius
            return (0..<6).map { k in
                let a = Double.pi / 180 * (60 * Double(k) - 30)
                return CanvasPoint(x: c.x + R * cos(a), y: c.y + R * sin(a))
            }
        }
    }

    /// The cell's area in canvas units².
    var cellArea: Double { shape == .square ? size * size : 3.0.squareRoot() / 2 * size * size }

    /// Counts the points into cells; `weights` (same length) give each point's value, else 1.
    func bin(_ points: [CanvasPoint], weights: [Double]? = nil) -> [Cell] {
        var index: [Int64: Int] = [:]
        var cells: [Cell] = []
        for (i, p) in points.enumerated() {
            let (q, r) = cell(of: p)
            let key = Int64(q) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: r)))
            let w = weights?[i] ?? 1
            if let k = index[key] {
                cells[k].count += 1
                cells[k].value += w
            } else {
                index[key] = cells.count
                cells.append(Cell(q: q, r: r, center: center(q: q, r: r), count: 1, value: w))
            }
        }
        // A stable order (row, then column) whatever the events' order.
        return cells.sorted { ($0.r, $0.q) < ($1.r, $1.q) }
    }
}
