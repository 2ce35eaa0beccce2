import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Labels a layer's points (beside them) or areas (centred inside them) with one of their
/// attributes; placed with every other label, never overlapping one.
struct TextSymbolizer: Symbolizer {
    static let type = "text"
    /// The attribute to print.
    var field: String
    var size: SizeValue = "@cityLabelSize"
    var color: ColorValue = "@cityText"
    /// Lower numbers are placed first: event sites come first, capitals at about 300, towns at 1000.
    var priority = 700.0
    /// Distance kept from the point, in points (the dot's radius).
    var clearance: SizeValue = .literal(2.8)

    init(field: String, clearance: SizeValue = .literal(2.8)) {
        self.field = field
        self.clearance = clearance
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case field, size, color, priority, clearance }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        field = try r.required(.field)
        size = try r(.size, "@cityLabelSize")
        color = try r(.color, "@cityText")
        priority = try r(.priority, 700)
        clearance = try r(.clearance, .literal(2.8))
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        plan.labels = { try labels(layer, context) }
        return plan
    }

    private func labels(_ layer: LayerInput, _ context: PlanContext) throws -> LabelBatch {
        var batch = LabelBatch()
        let style = context.style
        for f in layer.features {
            guard let text = f[field], !text.isEmpty else { continue }
            // A point is labelled beside itself; an area at a point inside it, centred on it.
            let anchor: GeoPoint?
            var centred = false
            switch f.geometry {
            case .points(let ps): anchor = ps.first
            case .polygons(let polys): anchor = PolygonMath.representativePoint(polys); centred = true
            default: anchor = nil
            }
            guard let g = anchor, let p = context.rc.frame.project(g), context.mapRect.contains(p) else { continue }
            try batch.add(text, role: "user", font: style.font, sizePt: size.resolve(style), color: color.resolve(style),
                          anchor: p, clearance: centred ? 0 : clearance.resolve(style) * context.pt, priority: priority,
                          leader: false, centered: centred, in: context.rc)
        }
        return batch
    }
}
