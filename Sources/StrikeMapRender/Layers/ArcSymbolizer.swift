import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Launch→target arcs: for each event whose record gives where it was launched from (`origin`,
/// or `origin_lat`/`origin_lon`), the shortest path on the ellipsoid from there to the event,
/// in the event's class colour, with an arrowhead at the target and a small ring at the launch
/// point. Events without an origin draw nothing, so the layer sits in every map.
struct ArcSymbolizer: Symbolizer {
    static let type = "arc"
    /// Line width in points.
    var width: SizeValue = .literal(0.9)

    init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case width }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        width = try r(.width, .literal(0.9))
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        let withOrigin = layer.events.filter { $0.origin != nil }
        guard !withOrigin.isEmpty else { return plan }
        let frame = ctx.rc.frame
        let symbology = ctx.symbology()
        var arcs: [(path: [GeoPoint], origin: GeoPoint, color: Color)] = []
        for e in withOrigin {
            let origin = e.origin!
            let path = Geodesic.path(from: origin, to: e.location)
            arcs.append((path, origin, symbology.markerClass(of: e).color))
            let middle = path[path.count / 2]
            func xy(_ p: GeoPoint) -> [Double]? { frame.project(p).map { [$0.x, $0.y] } }
            plan.record.arcs.append(.init(eventID: e.id, from: [origin.lat, origin.lon], to: [e.location.lat, e.location.lon],
                                          middle: [middle.lat, middle.lon], fromXY: xy(origin), toXY: xy(e.location),
                                          middleXY: xy(middle)))
        }
        plan.paint = [{ rc in paint(arcs, rc) }]
        plan.legend = [LegendRow(text: "Launch point → target", symbol: { rc, p, size in
            let c = rc.cairo, w = width.resolve(rc.style) * rc.pt
            c.setColor(rc.style.subtitle)
            c.newPath(); c.move(to: p.x - size / 2, p.y); c.line(to: p.x + size / 2 - 3 * w, p.y)
            c.setLineWidth(w); c.stroke()
            c.newPath(); c.move(to: p.x + size / 2, p.y)
            c.line(to: p.x + size / 2 - 6 * w, p.y - 2.6 * w); c.line(to: p.x + size / 2 - 6 * w, p.y + 2.6 * w)
            c.closePath(); c.fill()
        })]
        return plan
    }

    /// Each arc, its arrowhead at the target and a small ring at the launch point.
    private func paint(_ arcs: [(path: [GeoPoint], origin: GeoPoint, color: Color)], _ rc: RenderContext) {
        let c = rc.cairo
        let lineWidth = width.resolve(rc.style) * rc.pt
        c.save()
        c.setRoundCaps()
        for (path, origin, color) in arcs {
            c.setColor(color)
            c.setLineWidth(lineWidth)
            var projected = rc.frame.project(path)
            // The line stops short of the target, so the arrowhead shows beside its marker
            // instead of under it.
            projected = Self.trimmed(projected, by: 5 * rc.pt)
            c.newPath()
            if let first = projected.first {
                c.move(to: first.x, first.y)
                for p in projected.dropFirst() { c.line(to: p.x, p.y) }
            }
            c.stroke()
            // The arrowhead points along the path's last stretch that is long enough to show it.
            if let tip = projected.last,
               let back = projected.dropLast().last(where: { hypot($0.x - tip.x, $0.y - tip.y) > lineWidth * 3 }) {
                let dx = tip.x - back.x, dy = tip.y - back.y, d = hypot(dx, dy)
                let ux = dx / d, uy = dy / d, len = 6 * lineWidth, half = 2.6 * lineWidth
                c.newPath()
                c.move(to: tip.x, tip.y)
                c.line(to: tip.x - ux * len - uy * half, tip.y - uy * len + ux * half)
                c.line(to: tip.x - ux * len + uy * half, tip.y - uy * len - ux * half)
                c.closePath()
                c.fill()
            }
            if let start = rc.frame.project(origin) {
                c.newPath()
                c.arc(start.x, start.y, radius: 2.2 * lineWidth)
                c.setColor(rc.style.paper); c.fill(preserve: true)
                c.setColor(color); c.setLineWidth(lineWidth * 0.8); c.stroke()
            }
        }
        c.restore()
    }

    /// The polyline with `gap` (canvas units) taken off its end.
    static func trimmed(_ points: [CanvasPoint], by gap: Double) -> [CanvasPoint] {
        guard let end = points.last, points.count >= 2 else { return points }
        var out = points
        while out.count >= 2 {
            let a = out[out.count - 2]
            let da = hypot(a.x - end.x, a.y - end.y)
            if da >= gap {
                // The point on a→(last kept) at `gap` from the end.
                let b = out[out.count - 1], db = hypot(b.x - end.x, b.y - end.y)
                let t = da - db > 0 ? (gap - db) / (da - db) : 0
                out[out.count - 1] = CanvasPoint(x: b.x + (a.x - b.x) * t, y: b.y + (a.y - b.y) * t)
                return out
            }
            out.removeLast()
        }
        return out
    }
}
