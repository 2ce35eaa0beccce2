import Foundation
import StrikeMapGeo
import StrikeMapCore

/// The state a layer draws with: the Cairo context, the map frame, the style and the unit size.
public final class RenderContext {
    public let cairo: CairoContext
    public let frame: MapFrame
    public let style: MapStyle
    /// Canvas units per point.
    public let pt: Double
    /// Features outside this box are skipped before projection.
    public let cullBox: GeoBox
    /// Where text goes instead of glyphs, for SVG with editable text.
    let sink: TextSink?

    init(cairo: CairoContext, frame: MapFrame, style: MapStyle, pt: Double, sink: TextSink? = nil) {
        self.cairo = cairo
        self.frame = frame
        self.style = style
        self.pt = pt
        self.sink = sink
        cullBox = frame.visibleBox.expanded(byDegrees: 0.5)
    }

    func text(_ s: String, font: String, sizePt: Double, letterSpacingPt: Double = 0,
              centerLines: Bool = false) throws(RenderError) -> TextLayout {
        let t = try TextLayout(context: cairo, text: s, font: font, size: sizePt * pt, letterSpacing: letterSpacingPt * pt,
                               centerLines: centerLines)
        t.sink = sink
        return t
    }

    /// Adds a ring or line of lon/lat points to the current path.
    func addPath(_ points: [GeoPoint], close: Bool) {
        let projected = frame.project(points)
        guard let first = projected.first else { return }
        cairo.move(to: first.x, first.y)
        // Points closer than a third of a pixel to the last one drawn change nothing visible;
        // skipping them spares cairo most of a coastline's vertices at regional scales.
        var last = first
        let minStep = 0.33 * 0.33
        for p in projected.dropFirst() {
            let dx = p.x - last.x, dy = p.y - last.y
            if dx * dx + dy * dy < minStep { continue }
            cairo.line(to: p.x, p.y)
            last = p
        }
        if let end = projected.last, end != last { cairo.line(to: end.x, end.y) }
        if close { cairo.closePath() }
    }
}

