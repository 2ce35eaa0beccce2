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
    public var currentView: EventView {
        guard let first = symbolizers.first else { return .auto }
        return first.type == EventMarkerSymbolizer.type ? .markers : EventView(rawValue: first.type) ?? .auto
    }

    /// Replaces an events layer's symbolizers with the given view's (keeping the markers'
    /// aggregation, sizing and colours when the view is markers).
    public mutating func setView(_ view: EventView, _ settings: ViewSettings) {
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
