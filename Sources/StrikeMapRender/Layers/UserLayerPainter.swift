import Foundation
import StrikeMapGeo

/// Draws a user layer: polygons filled and outlined, lines stroked, points as dots.
struct UserLayerPainter: MapLayer {
    var layer: UserLayer

    func draw(in rc: RenderContext) throws {
        let s = layer.style
        let polygons = layer.features.filter { if case .polygons = $0.geometry { return true } else { return false } }
        let lines = layer.features.filter { if case .lines = $0.geometry { return true } else { return false } }
        try PolygonLayer(features: polygons, fill: s.fill, stroke: s.stroke, strokeWidthPt: s.widthPt).draw(in: rc)
        try LineLayer(features: lines, color: s.stroke, widthPt: s.widthPt, dashPt: s.dashPt).draw(in: rc)
        let c = rc.cairo
        for f in layer.features {
            guard case .points(let ps) = f.geometry else { continue }
            for g in ps {
                guard let p = rc.frame.project(g) else { continue }
                c.newPath()
                c.arc(p.x, p.y, radius: s.radiusPt * rc.pt)
                c.setColor(s.fill?.with(alpha: 1) ?? .white)
                c.fill(preserve: true)
                c.setColor(s.stroke)
                c.setLineWidth(max(0.5, s.widthPt * 0.6) * rc.pt)
                c.stroke()
            }
        }
    }

    /// Points to label with the layer's label field.
    func labelPoints(frame: MapFrame) -> [(String, CanvasPoint)] {
        guard let field = layer.style.labelField else { return [] }
        return layer.features.compactMap { f in
            guard case .points(let ps) = f.geometry, let g = ps.first, let text = f[field], !text.isEmpty,
                  let p = frame.project(g) else { return nil }
            return (text, p)
        }
    }
}
