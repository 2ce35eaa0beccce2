import Foundation
import StrikeMapCore

/// How much of any box of the page a layer's filled areas cover, weighted by what they show: a
/// choropleth's counted areas, the highest class weighing most. A panel (legend, scale bar, inset)
/// may lie over such areas, since they fill the frame, but should hide as little of them as it
/// can, and above all not the province the map is about.
///
/// The areas are drawn once into a coarse grey raster (a cell of `cell` page units holds the
/// weight of what covers it), kept as a summed-area table, so any box is answered in four reads.
struct AreaCover: Sendable {
    /// Page units per raster cell.
    let cell: Double
    let columns: Int
    let rows: Int
    /// `sums[(y) * (columns + 1) + x]`: the weights of the cells above and left of (x, y).
    private let sums: [Double]

    /// `weights`: per raster cell, 0 (nothing counted) to 1 (the highest class), row by row.
    init(cell: Double, columns: Int, rows: Int, weights: [Double]) {
        self.cell = cell
        self.columns = columns
        self.rows = rows
        var s = [Double](repeating: 0, count: (columns + 1) * (rows + 1))
        for y in 0..<rows {
            var row = 0.0
            for x in 0..<columns {
                row += weights[y * columns + x]
                s[(y + 1) * (columns + 1) + x + 1] = s[y * (columns + 1) + x + 1] + row
            }
        }
        sums = s
    }

    /// The mean weight over `box` (in page units): 0 where it covers no counted area, 1 where it
    /// lies wholly over the highest class.
    func share(of box: CanvasRect) -> Double {
        let x0 = clampColumn(box.x / cell), x1 = clampColumn(box.maxX / cell)
        let y0 = clampRow(box.y / cell), y1 = clampRow(box.maxY / cell)
        guard x1 > x0, y1 > y0 else { return 0 }
        let w = columns + 1
        let total = sums[y1 * w + x1] - sums[y0 * w + x1] - sums[y1 * w + x0] + sums[y0 * w + x0]
        return total / Double((x1 - x0) * (y1 - y0))
    }

    private func clampColumn(_ v: Double) -> Int { min(max(Int(v.rounded()), 0), columns) }
    private func clampRow(_ v: Double) -> Int { min(max(Int(v.rounded()), 0), rows) }

    /// Draws `fills` (each a weight in 0...1 and the rings of one area) on a raster of `cell`
    /// page units over a page of `width` × `height`, and reads back each cell's weight.
    static func drawn(width: Double, height: Double, cell: Double, frame: MapFrame, style: MapStyle, pt: Double,
                      fills: [(weight: Double, rings: [[[GeoPoint]]])]) throws(RenderError) -> AreaCover {
        let columns = max(1, Int((width / cell).rounded(.up))), rows = max(1, Int((height / cell).rounded(.up)))
        let surface = try CairoSurface(.image(width: columns, height: rows))
        let c = try CairoContext(surface: surface)
        c.scale(1 / cell, 1 / cell)
        c.setEvenOddFill()
        let rc = RenderContext(cairo: c, frame: frame, style: style, pt: pt)
        // The grey level is the weight: areas do not overlap, so each cell takes the weight of
        // the area over it (edge cells a share, as cairo antialiases them).
        for f in fills {
            c.newPath()
            for poly in f.rings { for ring in poly { rc.addPath(ring, close: true) } }
            c.setColor(Color(r: f.weight, g: f.weight, b: f.weight))
            c.fill()
        }
        var weights = [Double](repeating: 0, count: columns * rows)
        for y in 0..<rows {
            for x in 0..<columns {
                if let p = surface.pixel(x: x, y: y) { weights[y * columns + x] = Double(p.r) / 255 * Double(p.a) / 255 }
            }
        }
        return AreaCover(cell: cell, columns: columns, rows: rows, weights: weights)
    }
}
