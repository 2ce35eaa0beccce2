import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Fills (and optionally outlines) a layer's polygons, even-odd, in one path.
struct PolygonSymbolizer: Symbolizer {
    static let type = "polygon"
    static let traits: SymbolizerTraits = .staticBase
    var fill: ColorValue?
    var stroke: ColorValue?
    /// Outline width in points.
    var width: SizeValue = .literal(0.5)

    init(fill: ColorValue? = nil, stroke: ColorValue? = nil, width: SizeValue = .literal(0.5)) {
        self.fill = fill; self.stroke = stroke; self.width = width
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case fill, stroke, width }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        fill = try r.optional(.fill)
        stroke = try r.optional(.stroke)
        width = try r(.width, .literal(0.5))
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        let features = layer.features
        func addPaths(_ rc: RenderContext) {
            for f in features {
                guard let b = f.bbox, b.intersects(rc.cullBox), case .polygons(let polys) = f.geometry else { continue }
                for poly in polys { for ring in poly { rc.addPath(ring, close: true) } }
            }
        }
        // The relief clips to the land: the land's outline is kept, so its thousands of points
        // are projected once (and not at all when the basemap is cached and nothing clips to it).
        let rc0 = context.rc
        let outline = layer.document.source == .basemap(.land) ? LandOutline {
            rc0.cairo.save(); rc0.cairo.newPath()
            addPaths(rc0)
            let path = CairoPath(copying: rc0.cairo)
            rc0.cairo.newPath(); rc0.cairo.restore()
            return path
        } : nil
        var plan = LayerPlan(paint: [{ rc in
            try self.paint(rc, outline: outline.flatMap { $0.path }, addPaths: addPaths)
        }])
        plan.landOutline = outline
        return plan
    }

    private func paint(_ rc: RenderContext, outline: CairoPath?, addPaths: (RenderContext) -> Void) throws {
        let c = rc.cairo, style = rc.style
        let fill = fill?.resolve(style), stroke = stroke?.resolve(style)
        c.save()
        c.setEvenOddFill()
        c.setRoundCaps()
        c.newPath()
        if let outline { outline.append(to: c) } else { addPaths(rc) }
        if let fill {
            c.setColor(fill)
            c.fill(preserve: stroke != nil)
        }
        if let stroke {
            c.setColor(stroke)
            c.setLineWidth(width.resolve(style) * rc.pt)
            c.stroke()
        }
        c.newPath()
        c.restore()
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? {
        guard layer.features.contains(where: { if case .polygons = $0.geometry { return true } else { return false } }) else {
            return nil
        }
        return { rc, p, size in
            let c = rc.cairo, style = rc.style
            c.newPath()
            c.rectangle(p.x - size * 0.45, p.y - size * 0.32, size * 0.9, size * 0.64)
            if let f = fill?.resolve(style) { c.setColor(f); c.fill(preserve: true) }
            c.setColor(stroke?.resolve(style) ?? fill?.resolve(style) ?? style.frame)
            c.setLineWidth(width.resolve(style) * rc.pt); c.stroke()
        }
    }
}
