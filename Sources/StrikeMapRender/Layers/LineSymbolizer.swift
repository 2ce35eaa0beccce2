import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Strokes a layer's lines (and the outlines of its polygons).
struct LineSymbolizer: Symbolizer {
    static let type = "line"
    static let traits: SymbolizerTraits = .staticBase
    var stroke: ColorValue
    /// Width in points.
    var width: SizeValue
    /// Dash and gap lengths in points; none for a solid line.
    var dash: [Double] = []
    /// Whether polygons' outlines are stroked too (a file layer's polygons have their own outline).
    var outlines = true

    init(stroke: ColorValue, width: SizeValue, dash: [Double] = [], outlines: Bool = true) {
        self.stroke = stroke; self.width = width; self.dash = dash; self.outlines = outlines
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case stroke, width, dash, outlines }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        stroke = try r.required(.stroke)
        width = try r(.width, .literal(0.5))
        dash = try r(.dash, [])
        outlines = try r(.outlines, true)
        if dash.contains(where: { !($0.isFinite && $0 >= 0 && $0 <= 100) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.dash],
                debugDescription: "dash lengths are points from 0 to 100, e.g. [3, 2]"))
        }
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        LayerPlan(paint: [{ rc in paint(layer.features, rc) }])
    }

    private func paint(_ features: [Feature], _ rc: RenderContext) {
        let c = rc.cairo
        c.save()
        c.setRoundCaps()
        c.setColor(stroke.resolve(rc.style))
        c.setDash(dash.map { $0 * rc.pt })
        c.newPath()
        for f in features {
            guard let b = f.bbox, b.intersects(rc.cullBox) else { continue }
            switch f.geometry {
            case .lines(let ls): for l in ls { rc.addPath(l, close: false) }
            case .polygons(let ps): if outlines { for p in ps { for r in p { rc.addPath(r, close: true) } } }
            case .points: continue
            }
        }
        c.setLineWidth(width.resolve(rc.style) * rc.pt)
        c.stroke()
        c.restore()
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? {
        guard layer.features.contains(where: { if case .lines = $0.geometry { return true } else { return false } }) else {
            return nil
        }
        return Self.swatch(stroke: stroke, width: width, dash: dash)
    }

    /// A short stroke in the line's look, for a legend entry (range rings use it too).
    static func swatch(stroke: ColorValue, width: SizeValue, dash: [Double]) -> LegendSwatch {
        { rc, p, size in
            let c = rc.cairo
            c.newPath()
            c.move(to: p.x - size / 2, p.y); c.line(to: p.x + size / 2, p.y)
            c.setColor(stroke.resolve(rc.style)); c.setLineWidth(width.resolve(rc.style) * rc.pt)
            c.setDash(dash.map { $0 * rc.pt }); c.stroke()
            c.setDash([])
        }
    }
}
