import Foundation
import StrikeMapGeo
import StrikeMapCore

/// The names of the provinces where drawn events are, in italic capitals at each province's
/// representative point; placed last, so they give way to everything else.
struct ProvinceLabelSymbolizer: Symbolizer {
    static let type = "provinceLabels"
    static let traits: SymbolizerTraits = .readsDrawnEvents

    init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case none }
    init(from decoder: Decoder) throws { _ = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"]) }
    func encode(to encoder: Encoder) throws {}

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        // The provinces where the events layers drew markers (planned before this layer).
        let markers = ctx.below.markers
        plan.labels = {
            var batch = LabelBatch()
            let style = ctx.style
            for (name, arabic, p) in provinceAnchors(markers, ctx) {
                try batch.add(ctx.labelName(name, arabic, upper: true), role: "province", font: style.italicFont,
                              sizePt: style.provinceLabelSize, color: style.provinceText, anchor: p, clearance: 0, priority: 3000,
                              leader: false, centered: true, spacingPt: ctx.spec.labels.spacesLetters ? 1.2 : 0, in: ctx.rc)
            }
            return batch
        }
        return plan
    }

    /// Provinces that hold at least one drawn event, at their representative point.
    private func provinceAnchors(_ markers: [LayerPlan.DrawnMarker], _ ctx: PlanContext) -> [(String, String?, CanvasPoint)] {
        let spec = ctx.spec
        let governorates = spec.gazetteer.sites
            .filter { $0.kind == .governorate }
            .map { ($0, Set(([$0.name] + $0.aliases).flatMap(Gazetteer.provinceKeys))) }
        var names: [String: CanvasPoint] = [:]
        var arabic: [String: String] = [:]
        // A province's point and words depend on the province alone: worked out once each, not
        // once per marker (a dense map has thousands of markers in a few provinces). The
        // assignments below stay per marker, in marker order, as they were.
        var known: [String: (display: String, point: CanvasPoint, arabic: String?)?] = [:]
        for m in markers {
            guard let f = spec.basemap.province(containing: m.group.location), let name = f["name"],
                  names[name] == nil else { continue }
            let worked: (display: String, point: CanvasPoint, arabic: String?)?
            if let w = known[name] {
                worked = w
            } else {
                worked = {
                    guard case .polygons(let ps) = f.geometry,
                          let rp = PolygonMath.representativePoint(ps), let p = ctx.rc.frame.project(rp) else { return nil }
                    // Spelled as the gazetteer spells it, without "Governorate".
                    let keys = Set(Gazetteer.provinceKeys(name))
                    let site = governorates.first { !keys.isDisjoint(with: $0.1) }?.0
                    let display = (site?.name ?? name.split(separator: "(").first.map(String.init) ?? name)
                        .replacingOccurrences(of: " Governorate", with: "").trimmingCharacters(in: .whitespaces)
                    return (display, p, site?.arabicName)
                }()
                known[name] = .some(worked)
            }
            guard let w = worked else { continue }
            names[w.display] = w.point
            if let a = w.arabic { arabic[w.display] = a }
        }
        return names.sorted { $0.key < $1.key }.map { ($0.key, arabic[$0.key], $0.value) }
    }
}
