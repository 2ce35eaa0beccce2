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
            rc.cairo.setColor(fill.resolve(rc.style))
            rc.cairo.paint()
        }])
    }
}
