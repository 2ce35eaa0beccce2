import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The legend: a panel in a corner of the map, or a strip under it when it would cover too much.
extension MapComposer {
    /// The legend laid out in columns in a strip under the map.
    func drawLegendStrip(_ r: CanvasRect, into manifest: inout RenderManifest) throws {
        let rows = legendRows()
        guard !rows.isEmpty else { return }
        let pad = 6 * pt, symbolW = 2 * style.markerRadius * 1.3 * pt
        let texts = try rows.map { try rc.text($0.text, font: style.font, sizePt: style.legendSize) }
        let rowH = max(texts.map(\.size.height).max() ?? 0, symbolW) + 2 * pt
        let colW = symbolW + 5 * pt + (texts.map(\.size.width).max() ?? 0) + 10 * pt
        let columns = max(1, Int((r.width - 2 * pad) / colW))
        // Fill column by column, so the legend reads downwards like a list; never more rows than
        // the strip has room for (its height allows for columns as wide as their own texts):
        // columns then sit as wide as their own texts.
        let fits = max(1, Int(((r.height - 2 * pad) / rowH + 0.01).rounded(.down)))
        let perColumn = min(fits, max(1, (rows.count + columns - 1) / columns))
        var columnX: [Double] = []
        var x = r.x + pad
        for start in stride(from: 0, to: rows.count, by: perColumn) {
            columnX.append(x)
            let widest = texts[start..<min(rows.count, start + perColumn)].map(\.size.width).max() ?? 0
            x += perColumn * columns >= rows.count ? colW : symbolW + 5 * pt + widest + 10 * pt
        }
        for (i, (row, text)) in zip(rows, texts).enumerated() {
            let x = columnX[i / perColumn]
            let y = r.y + pad + Double(i % perColumn) * rowH
            try drawLegendRow(row, text: text, at: CanvasPoint(x: x, y: y), rowH: rowH, symbolW: symbolW)
        }
        manifest.legend = rows.map(\.text)
        manifest.legendBox = [r.x, r.y, r.width, r.height]
    }

    func drawLegendRow(_ row: LegendRow, text: TextLayout, at o: CanvasPoint, rowH: Double, symbolW: Double) throws {
        try row.symbol(rc, CanvasPoint(x: o.x + symbolW / 2, y: o.y + rowH / 2), symbolW)
        text.draw(x: o.x + symbolW + 5 * pt, y: o.y + (rowH - text.size.height) / 2, color: style.title)
    }

    func drawLegend(rows: [LegendRow], texts: [TextLayout], heading: TextLayout, rect r: CanvasRect,
                            rowH: Double, symbolW: Double, pad: Double) throws {
        panel(r)
        heading.draw(x: r.x + pad, y: r.y + pad, color: style.title)
        var y = r.y + pad + heading.size.height + 2 * pt
        for (row, text) in zip(rows, texts) {
            try drawLegendRow(row, text: text, at: CanvasPoint(x: r.x + pad, y: y), rowH: rowH, symbolW: symbolW)
            y += rowH
        }
    }

}
