import Foundation
import StrikeMapGeo

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

/// One layer of the map: a data source drawn by a style, in order.
public protocol MapLayer {
    func draw(in rc: RenderContext) throws
}

/// Filled (and optionally outlined) polygons.
public struct PolygonLayer: MapLayer {
    public var features: [Feature]
    public var fill: Color?
    public var stroke: Color?
    public var strokeWidthPt: Double = 0.5
    public var filter: (Feature) -> Bool = { _ in true }

    public func draw(in rc: RenderContext) throws {
        let c = rc.cairo
        c.save()
        c.setEvenOddFill()
        c.setRoundCaps()
        c.newPath()
        for f in features where filter(f) {
            guard let b = f.bbox, b.intersects(rc.cullBox), case .polygons(let polys) = f.geometry else { continue }
            for poly in polys { for ring in poly { rc.addPath(ring, close: true) } }
        }
        if let fill {
            c.setColor(fill)
            c.fill(preserve: stroke != nil)
        }
        if let stroke {
            c.setColor(stroke)
            c.setLineWidth(strokeWidthPt * rc.pt)
            c.stroke()
        }
        c.newPath()
        c.restore()
    }
}

/// Stroked lines (borders, rivers, province boundaries).
public struct LineLayer: MapLayer {
    public var features: [Feature]
    public var color: Color
    public var widthPt: Double
    public var dashPt: [Double] = []
    public var widthFor: ((Feature) -> Double)? = nil

    public func draw(in rc: RenderContext) throws {
        let c = rc.cairo
        c.save()
        c.setRoundCaps()
        c.setColor(color)
        c.setDash(dashPt.map { $0 * rc.pt })
        // Group by width so each width is one stroke call.
        var byWidth: [Double: [Feature]] = [:]
        for f in features {
            guard let b = f.bbox, b.intersects(rc.cullBox) else { continue }
            byWidth[widthFor?(f) ?? widthPt, default: []].append(f)
        }
        for (w, fs) in byWidth.sorted(by: { $0.key < $1.key }) {
            c.newPath()
            for f in fs {
                switch f.geometry {
                case .lines(let ls): for l in ls { rc.addPath(l, close: false) }
                case .polygons(let ps): for p in ps { for r in p { rc.addPath(r, close: true) } }
                case .points: continue
                }
            }
            c.setLineWidth(w * rc.pt)
            c.stroke()
        }
        c.restore()
    }
}
