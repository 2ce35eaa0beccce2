import Foundation
import StrikeMapEvents

/// How an events layer shows its events: one of the layer types below, or `auto`, which picks
/// markers, clusters or hexagons from how many places the page must show.
public enum EventView: String, Sendable, Codable, CaseIterable {
    case auto, markers, cluster, hexbin, grid, heatmap, choropleth
}

/// The settings of the views, from flags or a document; those a view does not use are ignored.
public struct ViewSettings: Sendable, Equatable {
    /// hexbin, grid: cell size across, in millimetres on the page.
    public var cellMM: Double?
    public var weight: DensityWeight?
    public var classes: ClassScheme?
    public var ramp: ColorRamp?
    /// heatmap: the kernel's bandwidth in kilometres.
    public var bandwidthKm: Double?
    /// choropleth: a polygon file and the field naming its areas (default: the basemap's provinces).
    public var byLayer: (path: String, field: String)?
    /// choropleth: events per 1,000 km² instead of counts.
    public var perArea = false
    /// markers: the largest move off a place, in millimetres.
    public var maxShiftMM: Double?
    /// cluster: show each cluster's spread.
    public var showExtent = false

    public init() {}

    public static func == (a: ViewSettings, b: ViewSettings) -> Bool {
        a.cellMM == b.cellMM && a.weight == b.weight && a.classes == b.classes && a.ramp == b.ramp
            && a.bandwidthKm == b.bandwidthKm && a.byLayer?.path == b.byLayer?.path && a.byLayer?.field == b.byLayer?.field
            && a.perArea == b.perArea && a.maxShiftMM == b.maxShiftMM && a.showExtent == b.showExtent
    }

    var encoding: DensityEncoding {
        var e = DensityEncoding()
        if let weight { e.weight = weight }
        if let classes { e.classes = classes }
        e.ramp = ramp
        return e
    }
}

extension MapLayerDocument {
    /// The view an events layer's first symbolizer draws (auto for any other type).
    public var currentView: EventView? {
        symbolizers.first.flatMap { EventView(rawValue: $0.type) }
    }

    /// Lays the settings given over the layer's own view, keeping everything else its document
    /// says (a choropleth's file, a cell size, a ramp).
    public mutating func applyViewSettings(_ s: ViewSettings) {
        func merge(_ e: inout DensityEncoding) {
            if let w = s.weight { e.weight = w }
            if let c = s.classes { e.classes = c }
            if let r = s.ramp { e.ramp = r }
        }
        func apply(_ any: any Symbolizer) -> any Symbolizer {
            switch any {
            case var m as EventMarkerSymbolizer:
                if let v = s.maxShiftMM { m.maxShift = v }
                return m
            case var h as HexbinSymbolizer:
                if let c = s.cellMM { h.cell = c }
                merge(&h.encoding)
                return h
            case var g as GridSymbolizer:
                if let c = s.cellMM { g.cell = c }
                merge(&g.encoding)
                return g
            case var h as HeatmapSymbolizer:
                if let b = s.bandwidthKm { h.bandwidth = b }
                merge(&h.encoding)
                return h
            case var c as ChoroplethSymbolizer:
                if let by = s.byLayer { c.file = by.path; c.field = by.field }
                if s.perArea { c.perArea = true }
                merge(&c.encoding)
                return c
            case var c as ClusterSymbolizer:
                if s.showExtent { c.extent = true }
                return c
            case var a as AutoViewSymbolizer:
                a.markers = apply(a.markers) as! EventMarkerSymbolizer
                a.cluster = apply(a.cluster) as! ClusterSymbolizer
                a.hexbin = apply(a.hexbin) as! HexbinSymbolizer
                return a
            default:
                return any
            }
        }
        symbolizers = symbolizers.map { AnySymbolizer(apply($0.base)) }
    }

    /// Replaces an events layer's symbolizers with the given view's (keeping the markers'
    /// aggregation, sizing and colours when the view is markers). The layer's own view, asked
    /// for again, keeps its settings and takes only those given.
    /// Whether the layer draws the events themselves (markers or a density view), rather than
    /// something of theirs (launch arcs): the layers `--view` and the marker flags change.
    public var drawsEvents: Bool {
        source == .events && symbolizers.contains { $0.traits.contains(.drawsEvents) }
    }

    /// A layer that draws something of the events but not the events (launch arcs) is left as it is.
    public mutating func setView(_ view: EventView, _ settings: ViewSettings) {
        guard drawsEvents else { return }
        if view == currentView {
            applyViewSettings(settings)
            return
        }
        let markers: EventMarkerSymbolizer = {
            var m = symbolizers.lazy.compactMap { $0.base as? EventMarkerSymbolizer }.first
                ?? symbolizers.lazy.compactMap { ($0.base as? AutoViewSymbolizer)?.markers }.first
                ?? EventMarkerSymbolizer()
            if let s = settings.maxShiftMM { m.maxShift = s }
            return m
        }()
        let encoding = settings.encoding
        let hexbin = HexbinSymbolizer(cell: settings.cellMM ?? 4, encoding: encoding)
        let cluster = ClusterSymbolizer(extent: settings.showExtent)
        let chosen: any Symbolizer
        switch view {
        case .markers: chosen = markers
        case .cluster: chosen = cluster
        case .hexbin: chosen = hexbin
        case .grid: chosen = GridSymbolizer(cell: settings.cellMM ?? 4, encoding: encoding)
        case .heatmap: chosen = HeatmapSymbolizer(bandwidth: settings.bandwidthKm, encoding: encoding)
        case .choropleth:
            chosen = ChoroplethSymbolizer(file: settings.byLayer?.path, field: settings.byLayer?.field,
                                          perArea: settings.perArea, encoding: encoding)
        case .auto: chosen = AutoViewSymbolizer(markers: markers, cluster: cluster, hexbin: hexbin)
        }
        symbolizers = [AnySymbolizer(chosen)]
    }
}
