import Foundation

/// The page around a map (or a page of panels): the title and subtitle above, the source line
/// below, and the body between them. Measured before anything is drawn, since their heights
/// decide the body's; drawn last, over everything.
struct PageLayout {
    let title: TextLayout
    let subtitle: TextLayout
    let footer: TextLayout
    let margin: Double
    let top: Double
    let subtitleY: Double
    /// The body: from under the subtitle to above the source line.
    let bodyTop: Double
    let bodyBottom: Double
    let footerY: Double

    init(_ c: CairoContext, spec: MapSpec, title titleText: String, subtitle subtitleText: String,
         footer footerText: String, sink: TextSink?) throws {
        let style = spec.style, pt = spec.unitsPerPoint
        let W = Double(spec.widthPx), H = Double(spec.heightPx)
        margin = style.margin * pt
        // On pages narrower than the default 8 in, the headline shrinks a little so the map keeps its room.
        let headline = min(1, max(0.75, W / pt / 576))
        title = try TextLayout(context: c, text: titleText, font: style.boldFont, size: style.titleSize * headline * pt)
        title.wrap(width: W - 2 * margin)
        subtitle = try TextLayout(context: c, text: subtitleText, font: style.font,
                                  size: style.subtitleSize * max(0.85, headline) * pt)
        subtitle.wrap(width: W - 2 * margin)
        footer = try TextLayout(context: c, text: footerText, font: style.font, size: style.footerSize * pt)
        footer.wrap(width: W - 2 * margin)
        for t in [title, subtitle, footer] { t.sink = sink }
        top = margin * 0.9
        subtitleY = top + title.size.height + 2 * pt
        bodyTop = subtitleY + subtitle.size.height + 8 * pt
        footerY = H - margin * 0.8 - footer.size.height
        bodyBottom = footerY - 6 * pt
    }

    func drawText(_ style: MapStyle) {
        title.draw(x: margin, y: top, color: style.title)
        subtitle.draw(x: margin, y: subtitleY, color: style.subtitle)
        footer.draw(x: margin, y: footerY, color: style.footer)
    }

    /// The legend's size as it will be drawn in a strip: rows of symbol and text, in as many
    /// columns as fit `width`.
    static func legendStrip(_ c: CairoContext, texts: [String], style: MapStyle, pt: Double,
                            width: Double) throws -> (rowH: Double, colW: Double, columns: Int, lines: Int) {
        let layouts = try texts.map { try TextLayout(context: c, text: $0, font: style.font, size: style.legendSize * pt) }
        let symbolW = 2 * style.markerRadius * 1.3 * pt
        let rowH = max(layouts.map(\.size.height).max() ?? 0, symbolW) + 2 * pt
        let colW = symbolW + 5 * pt + (layouts.map(\.size.width).max() ?? 0) + 10 * pt
        let columns = max(1, Int(width / colW))
        // Fewer lines where columns as wide as their own texts fit side by side (as the strip
        // draws them when its height allows no more lines).
        let widths = layouts.map(\.size.width)
        let lines = (1...max(1, texts.count)).first { lines in
            stride(from: 0, to: widths.count, by: lines).reduce(0.0) { total, start in
                total + symbolW + 5 * pt + (widths[start..<min(widths.count, start + lines)].max() ?? 0) + 10 * pt
            } <= width
        } ?? (texts.count + columns - 1) / columns
        return (rowH, colW, columns, min(lines, (texts.count + columns - 1) / columns))
    }
}
