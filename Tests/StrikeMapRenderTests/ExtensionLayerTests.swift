import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// A new layer type in one file: a symbolizer that rings every event's true position in a
/// colour of the document's choosing. Registered, it reads from documents and draws in order.
struct RingSymbolizer: Symbolizer {
    static let type = "test-rings"
    var color: ColorValue
    var radius: SizeValue = .literal(9)

    enum CodingKeys: String, CodingKey, CaseIterable { case color, radius }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        color = try r.required(.color)
        radius = try r(.radius, .literal(9))
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        let centres = layer.events.compactMap { context.rc.frame.project($0.location) }
        var plan = LayerPlan(paint: [{ rc in
            let c = rc.cairo
            for p in centres {
                c.newPath()
                c.arc(p.x, p.y, radius: radius.resolve(rc.style) * rc.pt)
                c.setColor(color.resolve(rc.style)); c.setLineWidth(2 * rc.pt); c.stroke()
            }
        }])
        plan.legend = [LegendRow(text: "Ringed: \(layer.events.count)") { rc, p, size in
            rc.cairo.newPath(); rc.cairo.arc(p.x, p.y, radius: size / 3)
            rc.cairo.setColor(color.resolve(rc.style)); rc.cairo.stroke()
        }]
        return plan
    }
}

@Suite struct ExtensionLayerTests {
    @Test func aNewLayerTypeDrawsFromADocument() throws {
        SymbolizerRegistry.shared.register(RingSymbolizer.self)
        let text = ##"{"id": "rings", "source": "events", "filter": "kind == 'strike'", "symbolizers": [{"type": "test-rings", "color": "#FF00FF"}]}"##
        let layer = try JSONDecoder().decode(MapLayerDocument.self, from: Data(text.utf8))
        var spec = Fixture.spec()
        spec.layers.append(layer)
        let (surface, m) = try MapRenderer(spec: spec).renderImage()
        #expect(m.layers.last == "rings")
        let strikes = Fixture.events.filter { $0.kind == .strike }.count
        #expect(m.legend.contains("Ringed: \(strikes)"))
        // Magenta on the ring of each strike marker's true position, none on an attack-only site's.
        let pt = spec.unitsPerPoint
        let strike = try #require(m.markers.first { $0.kind == "strike" })
        var hits = 0
        for a in stride(from: 0.0, to: 2 * Double.pi, by: Double.pi / 8) {
            let x = Int(strike.trueX + cos(a) * 9 * pt), y = Int(strike.trueY + sin(a) * 9 * pt)
            if let p = surface.pixel(x: x, y: y), p.r > 200, p.g < 90, p.b > 200 { hits += 1 }
        }
        #expect(hits >= 4, "\(hits) of 16 points on the ring are magenta")
        // It round-trips through a document's JSON.
        var doc = MapDocument()
        doc.layers.append(layer)
        #expect(try MapDocument.decode(doc.json(), source: "x") == doc)
    }
}
