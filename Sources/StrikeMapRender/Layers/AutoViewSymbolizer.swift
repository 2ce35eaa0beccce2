import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The view for any number of events: markers while the places fit on the page as markers,
/// clusters when there are too many places for markers but few enough to count, hexagons past
/// that. The choice is made on the events' distinct places and the page's size, on the whole
/// series for frames and panels (so every frame shares one view), and recorded in the manifest.
/// `{"type": "auto", "markers": {...}, "cluster": {...}, "hexbin": {...}}`.
struct AutoViewSymbolizer: Symbolizer {
    static let type = "auto"
    static let traits: SymbolizerTraits = .drawsEvents
    var markers = EventMarkerSymbolizer()
    var cluster = ClusterSymbolizer()
    var hexbin = HexbinSymbolizer()

    init(markers: EventMarkerSymbolizer = .init(), cluster: ClusterSymbolizer = .init(), hexbin: HexbinSymbolizer = .init()) {
        self.markers = markers
        self.cluster = cluster
        self.hexbin = hexbin
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case markers, cluster, hexbin }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        markers = try r(.markers, EventMarkerSymbolizer())
        cluster = try r(.cluster, ClusterSymbolizer())
        hexbin = try r(.hexbin, HexbinSymbolizer())
    }

    func labelsEventSites(_ layer: LayerInput, spec: MapSpec) -> Bool {
        markers.labels && Self.choose(spec.seriesEvents ?? layer.events, spec: spec).view == .markers
    }

    /// The view for these events on this page, and why (for stderr and the manifest): by how
    /// many cells of 3 mm on the page hold events, and how many events there are.
    static func choose(_ events: [Event], spec: MapSpec) -> (view: EventView, reason: String) {
        let box = spec.region.bbox
        let question = "auto|\(spec.widthPx)x\(spec.heightPx)@\(spec.dpi)|\(box)"
        let answer: Choice = SeriesMemo.shared.value(events, question) { work(events, spec: spec) }
        return (answer.view, answer.reason)
    }

    private struct Choice { var view: EventView; var reason: String }

    private static func work(_ events: [Event], spec: MapSpec) -> Choice {
        let box = spec.region.bbox
        let mmAcross = Double(spec.widthPx) / spec.dpi * 25.4
        // Degrees per 3 mm, along the longer side of the region (the frame fits it).
        let span = max(box.east - box.west, (box.north - box.south) * Double(spec.widthPx) / Double(max(1, spec.heightPx)))
        let cell = max(1e-6, span / (mmAcross / 3))
        var cells = Set<Int64>()
        var places = Set<Int64>()
        for e in events {
            cells.insert(Int64(Int((e.location.lat / cell).rounded(.down))) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: Int((e.location.lon / cell).rounded(.down))))))
            // About 100 m apart or more counts as another place.
            places.insert(Int64((e.location.lat * 1000).rounded()) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: Int((e.location.lon * 1000).rounded())))))
        }
        let what = "\(MapText.number(events.count)) events at \(MapText.number(places.count)) places in \(MapText.number(cells.count)) cells of 3 mm"
        if cells.count <= 250 && places.count <= 600 { return Choice(view: .markers, reason: "\(what): markers") }
        if cells.count <= 1200 && events.count < 5000 { return Choice(view: .cluster, reason: "\(what): too many places for markers, clusters") }
        return Choice(view: .hexbin, reason: "\(what): too many to show one by one, hexagons")
    }

    private func chosen(_ layer: LayerInput, _ spec: MapSpec) -> (any Symbolizer, String) {
        let (view, reason) = Self.choose(spec.seriesEvents ?? layer.events, spec: spec)
        switch view {
        case .markers: return (markers, reason)
        case .cluster: return (cluster, reason)
        default: return (hexbin, reason)
        }
    }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan {
        let (s, reason) = chosen(layer, context.spec)
        var plan = try s.plan(layer, in: context)
        plan.record.view = Swift.type(of: s) == EventMarkerSymbolizer.self ? "markers" : Swift.type(of: s).type
        plan.record.viewReason = reason
        return plan
    }
}
