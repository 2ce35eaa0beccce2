import Foundation

/// Paints the whole map frame (the sea under the land).
struct BackgroundSymbolizer: Symbolizer {
    static let type = "background"
    static let traits: SymbolizerTraits = .staticBase
    var fill: ColorValue

    init(fill: ColorValue) { self.fill = fill }

    enum CodingKeys: String, CodingKey, CaseIterable { case fill }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        fill = try r.required(.fill)
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        LayerPlan(paint: [{ rc in
            let c = rc.cairo
            c.setColor(fill.resolve(rc.style))
            // On a world projection the globe has an edge: filled inside it, paper beyond.
            if let outline = rc.frame.globeOutline, let first = outline.first {
                c.newPath()
                c.move(to: first.x, first.y)
                for p in outline.dropFirst() { c.line(to: p.x, p.y) }
                c.closePath()
                c.fill()
            } else {
                c.paint()
            }
        }])
    }
}
