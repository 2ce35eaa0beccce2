import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// What a symbolizer plans a layer with: the map's spec, the render context (frame, style,
/// text measurement), the map frame's box, values worked out once per map (the event classes,
/// the events projected), and what the layers below have planned (`below`, filled in by the
/// compositor). Symbolizers read it; only the compositor writes it.
final class PlanContext {
    let spec: MapSpec
    let rc: RenderContext
    let mapRect: CanvasRect
    var style: MapStyle { rc.style }
    var pt: Double { rc.pt }
    /// Canvas units per millimetre on the page.
    var mm: Double { rc.pt * 72 / 25.4 }
    /// Whether an events layer names its sites (markers do; clusters and density views leave the
    /// towns their names).
    let eventSitesLabelled: Bool

    /// What the layers planned before this one hold: their markers and towns (so airfields keep
    /// clear of towns, and province names go where events are) and the land's outline (for
    /// layers that clip to it). Layers whose type `.readsDrawnEvents` are planned after all the others.
    struct Below {
        var markers: [LayerPlan.DrawnMarker] = []
        var towns: [LayerPlan.Town] = []
        var landOutline: LandOutline?
    }
    var below = Below()

    init(spec: MapSpec, rc: RenderContext, mapRect: CanvasRect, layers: [LayerInput]) {
        self.spec = spec
        self.rc = rc
        self.mapRect = mapRect
        eventSitesLabelled = layers.contains { layer in
            layer.document.source == .events && layer.document.symbolizers.contains { $0.base.labelsEventSites(layer, spec: spec) }
        }
    }

    private var symbologies: [ColorBy: EventSymbology] = [:]
    /// The event classes along `colorBy` (default: the document's), worked out once per map.
    func symbology(_ colorBy: ColorBy? = nil) -> EventSymbology {
        let by = colorBy ?? spec.symbology.colorBy
        if let s = symbologies[by] { return s }
        let s = spec.eventSymbology(by)
        symbologies[by] = s
        return s
    }

    /// Each events layer's events on the canvas (nil where they cannot be projected). PROJ runs
    /// once per list of events and projection, whatever the frame: the page's layout plans the
    /// layers on more than one frame (to measure the legend), and every frame of a series asks too.
    private var projectedEvents: [String: [CanvasPoint?]] = [:]
    func projected(_ layer: LayerInput) -> [CanvasPoint?] {
        if let p = projectedEvents[layer.id] { return p }
        let frame = rc.frame
        let xy = SeriesMemo.shared.value(layer.events, "projected|\(frame.definition)") { () -> (xs: [Double], ys: [Double]) in
            var xs = layer.events.map(\.location.lon), ys = layer.events.map(\.location.lat)
            frame.projection.forward(xs: &xs, ys: &ys)
            return (xs, ys)
        }
        let p = frame.toCanvas(xs: xy.xs, ys: xy.ys)
        projectedEvents[layer.id] = p
        return p
    }

    /// A label in the chosen language: English; the place's name in the other language (from
    /// GeoNames; for Arabic, the gazetteer's researched Arabic name first), English where none is
    /// known; or English over the other. `upper` sets names in capitals (provinces, countries) in
    /// the language's own rules; `country` looks a country up by its ISO code.
    func labelName(_ english: String, _ arabic: String?, upper: Bool = false, country: String? = nil) -> LabelName {
        let shown = upper ? english.uppercased() : english
        guard let lang = spec.labels.language else { return LabelName(text: shown, english: english, translated: nil) }
        let names = PlaceNames.shipped
        var native = lang == "ar" ? arabic : nil
        if native == nil { native = names?.label(country.map { "country:\($0)" } ?? english, lang) }
        if native == nil, lang == "ar" { native = arabic }
        guard var n = native else { return LabelName(text: shown, english: english, translated: false) }
        if upper { n = n.uppercased(with: Locale(identifier: lang)) }
        return LabelName(text: spec.labels.withEnglish ? "\(shown)\n\(n)" : n, english: english, translated: true)
    }
}

/// A place's label as written, and whether it is in the chosen language (nil: English was asked
/// for); the manifest counts the names translated and lists those left in English.
struct LabelName {
    var text: String
    var english: String
    var translated: Bool?
}
