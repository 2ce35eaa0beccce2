import Foundation
import StrikeMapGeo
import StrikeMapCore

/// The names of the provinces where drawn events are, in italic capitals at each province's
/// representative point; placed last, so they give way to everything else.
struct ProvinceLabelSymbolizer: Symbolizer {
    static let type = "provinceLabels"

    init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case none }
    init(from decoder: Decoder) throws { _ = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"]) }
    func encode(to encoder: Encoder) throws {}

    func addLabels(_ layer: LayerInput, in scene: MapScene, to labels: inout LabelBatch) throws {
        let style = scene.style
        for (name, arabic, p) in provinceAnchors(scene) {
            try labels.add(scene.labelText(name, arabic, upper: true), role: "province", font: style.italicFont,
                           sizePt: style.provinceLabelSize, color: style.provinceText, anchor: p, clearance: 0, priority: 3000,
                           leader: false, centered: true, spacingPt: scene.spec.labels.spacesLetters ? 1.2 : 0, in: scene.rc)
        }
    }

    /// Provinces that hold at least one drawn event, at their representative point.
    private func provinceAnchors(_ scene: MapScene) -> [(String, String?, CanvasPoint)] {
        let spec = scene.spec
        let governorates = spec.gazetteer.sites
            .filter { $0.kind == .governorate }
            .map { ($0, Set(([$0.name] + $0.aliases).flatMap(Gazetteer.provinceKeys))) }
        var names: [String: CanvasPoint] = [:]
        var arabic: [String: String] = [:]
        // A province's point and words depend on the province alone: worked out once each, not
        // once per marker (a dense map has thousands of markers in a few provinces). The
        // assignments below stay per marker, in marker order, as they were.
        var known: [String: (display: String, point: CanvasPoint, arabic: String?)?] = [:]
        for m in scene.markers {
            guard let f = spec.basemap.province(containing: m.group.location), let name = f["name"],
                  names[name] == nil else { continue }
            let worked: (display: String, point: CanvasPoint, arabic: String?)?
            if let w = known[name] {
                worked = w
            } else {
                worked = {
                    guard case .polygons(let ps) = f.geometry,
                          let rp = PolygonMath.representativePoint(ps), let p = scene.rc.frame.project(rp) else { return nil }
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
