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

    func draw(_ layer: LayerInput, in scene: MapScene) throws {
        let rc = scene.rc, c = rc.cairo, style = scene.style
        for f in layer.features {
            guard case .points(let ps) = f.geometry else { continue }
            for g in ps {
                guard let p = rc.frame.project(g) else { continue }
                c.newPath()
                c.arc(p.x, p.y, radius: radius.resolve(style) * rc.pt)
                c.setColor(fill.resolve(style))
                c.fill(preserve: true)
                c.setColor(stroke.resolve(style))
                c.setLineWidth(width.resolve(style) * rc.pt)
                c.stroke()
            }
        }
    }

    /// Labels must not cover the dots.
    func obstacles(_ layer: LayerInput, in scene: MapScene) -> [CanvasRect] {
        let d = (radius.resolve(scene.style) + 0.5) * scene.pt
        var out: [CanvasRect] = []
        for f in layer.features {
            guard case .points(let ps) = f.geometry else { continue }
            for g in ps { if let p = scene.rc.frame.project(g) { out.append(squareObstacle(p, d)) } }
        }
        return out
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? {
        guard layer.features.contains(where: { if case .points = $0.geometry { return true } else { return false } }) else {
            return nil
        }
        return { scene, p, _ in
            let c = scene.rc.cairo, style = scene.style
            c.newPath()
            c.arc(p.x, p.y, radius: radius.resolve(style) * scene.pt)
            c.setColor(fill.resolve(style)); c.fill(preserve: true)
            c.setColor(stroke.resolve(style)); c.setLineWidth(width.resolve(style) * scene.pt); c.stroke()
        }
    }
}
