import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Areas the story is about, shaded and outlined, with a legend entry naming them: provinces of
/// the basemap (`source: {"basemap": "admin1"}`) or the polygons of a file, picked by name.
///
/// Names match loosely, as people write them: case, accents, punctuation and a leading
/// "al-"/"el-" do not count ("Anbar" is Natural Earth's "Al Anbar"). A name that matches no
/// area is an error that lists the nearest names, not a map without the highlight.
struct HighlightSymbolizer: Symbolizer {
    static let type = "highlight"
    /// The areas, by name; none: every area of the layer (a file of one's own areas).
    var names: [String]
    /// The property holding the names.
    var field = "name"
    var fill: ColorValue = .literal(.hex("#D55E002E"))
    var stroke: ColorValue = .literal(.hex("#D55E00"))
    /// Outline width in points.
    var width: SizeValue = .literal(1.2)

    init(names: [String], field: String = "name") {
        self.names = names
        self.field = field
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case names, field, fill, stroke, width }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        names = try r.required(.names)
        field = try r(.field, "name")
        fill = try r(.fill, .literal(.hex("#D55E002E")))
        stroke = try r(.stroke, .literal(.hex("#D55E00")))
        width = try r(.width, .literal(1.2))
        if names.contains(where: { Self.key($0).isEmpty }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.names],
                debugDescription: "a name with no letters or digits; give the areas' names as the data has them"))
        }
    }

    /// A name reduced to what identifies it: the gazetteer's loose key (case, accents, articles,
    /// hyphens and common transliteration variants do not count).
    static func key(_ name: String) -> String { NameKey.key(name) }

    /// The layer's features each name picks, with the name as the data spells it; throws for a
    /// name that picks none.
    func matches(_ layer: LayerInput) throws -> [(name: String, features: [Feature])] {
        if names.isEmpty { return [(layer.document.legend ?? layer.id, layer.features)] }
        var byKey: [String: [Feature]] = [:]
        for f in layer.features { if let n = f[field] { byKey[Self.key(n), default: []].append(f) } }
        return try names.map { name in
            let k = Self.key(name)
            if let found = byKey[k], !found.isEmpty { return (found[0][field] ?? name, found) }
            let near = byKey.keys.sorted { NameKey.distance($0, k) < NameKey.distance($1, k) }.prefix(3)
                .compactMap { byKey[$0]?.first?[field] }
            throw RenderError.unknownArea(name: name, layer: layer.id, nearest: near)
        }
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let found = try matches(layer)
        var plan = LayerPlan(paint: [{ rc in paint(found, rc) }])
        if layer.document.legend == nil, !names.isEmpty {
            var seen = Set<String>()
            plan.legend = [LegendRow(text: MapCaption.list(found.map(\.name).filter { seen.insert($0).inserted }), symbol: swatch)]
        }
        return plan
    }

    private func paint(_ found: [(name: String, features: [Feature])], _ rc: RenderContext) {
        let c = rc.cairo, style = rc.style
        c.save()
        c.setEvenOddFill()
        c.setRoundCaps()
        // One path per area, each filled on its own: with one path for all, even-odd filling
        // would cancel the shade where two areas overlap (or one is named twice). An area named
        // twice is drawn once.
        var drawn = Set<String>()
        for (name, features) in found where drawn.insert(name).inserted {
            for f in features {
                guard case .polygons(let polys) = f.geometry else { continue }
                c.newPath()
                for poly in polys { for ring in poly { rc.addPath(ring, close: true) } }
                c.setColor(fill.resolve(style))
                c.fill(preserve: true)
                c.setColor(stroke.resolve(style))
                c.setLineWidth(width.resolve(style) * rc.pt)
                c.stroke()
            }
        }
        c.restore()
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? { swatch }

    private var swatch: LegendSwatch {
        { rc, p, size in
            let c = rc.cairo, style = rc.style
            c.newPath()
            c.rectangle(p.x - size * 0.45, p.y - size * 0.32, size * 0.9, size * 0.64)
            c.setColor(fill.resolve(style)); c.fill(preserve: true)
            c.setColor(stroke.resolve(style)); c.setLineWidth(width.resolve(style) * rc.pt); c.stroke()
        }
    }
}
