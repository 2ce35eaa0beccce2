import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Draws a layer's points as dots (a user's bases, checkpoints, wells).
struct PointSymbolizer: Symbolizer {
    static let type = "point"
    /// Radius in points.
    var radius: SizeValue = .literal(2.8)
    var fill: ColorValue = .literal(.white)
    var stroke: ColorValue
    /// Outline width in points.
    var width: SizeValue = .literal(0.72)

    init(radius: SizeValue = .literal(2.8), fill: ColorValue = .literal(.white), stroke: ColorValue,
         width: SizeValue = .literal(0.72)) {
        self.radius = radius; self.fill = fill; self.stroke = stroke; self.width = width
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case radius, fill, stroke, width }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        radius = try r(.radius, .literal(2.8))
        fill = try r(.fill, .literal(.white))
        stroke = try r.required(.stroke)
        width = try r(.width, .literal(0.72))
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        var points: [CanvasPoint] = []
        for f in layer.features {
            guard case .points(let ps) = f.geometry else { continue }
            for g in ps { if let p = context.rc.frame.project(g) { points.append(p) } }
        }
        var plan = LayerPlan(paint: [{ rc in paint(points, rc) }])
        // Labels must not cover the dots.
        let d = (radius.resolve(context.style) + 0.5) * context.pt
        for p in points { plan.avoid(squareObstacle(p, d)) }
        return plan
    }

    private func paint(_ points: [CanvasPoint], _ rc: RenderContext) {
        let c = rc.cairo, style = rc.style
        for p in points {
            c.newPath()
            c.arc(p.x, p.y, radius: radius.resolve(style) * rc.pt)
            c.setColor(fill.resolve(style))
            c.fill(preserve: true)
            c.setColor(stroke.resolve(style))
            c.setLineWidth(width.resolve(style) * rc.pt)
            c.stroke()
        }
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? {
        guard layer.features.contains(where: { if case .points = $0.geometry { return true } else { return false } }) else {
            return nil
        }
        return { rc, p, _ in
            let c = rc.cairo, style = rc.style
            c.newPath()
            c.arc(p.x, p.y, radius: radius.resolve(style) * rc.pt)
            c.setColor(fill.resolve(style)); c.fill(preserve: true)
            c.setColor(stroke.resolve(style)); c.setLineWidth(width.resolve(style) * rc.pt); c.stroke()
        }
    }
}
