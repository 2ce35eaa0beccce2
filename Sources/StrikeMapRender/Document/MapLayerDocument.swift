import Foundation

/// One layer of a map: a source drawn by symbolizers, optionally filtered and limited to a range
/// of scales. Layers are drawn in the order the document lists them, first at the bottom.
public struct MapLayerDocument: Codable, Sendable, Equatable {
    /// A name unique in the document (`land`, `rivers`, `events`, or a file layer's name).
    public var id: String
    public var source: LayerSource
    /// Which of the source's features this layer draws (see `FeatureFilter`).
    public var filter: FeatureFilter?
    /// Drawn only at scales from 1:minScale (most detailed) ...
    public var minScale: Double?
    /// ... to 1:maxScale (least detailed); either may be left out.
    public var maxScale: Double?
    /// Whether the layer is drawn: true, false, or a style switch (`@showRivers`).
    public var visible: SwitchValue
    /// The layer's legend entry; none when left out (basemap layers).
    public var legend: String?
    public var symbolizers: [AnySymbolizer]

    init(id: String, source: LayerSource, filter: FeatureFilter? = nil, minScale: Double? = nil,
         maxScale: Double? = nil, visible: SwitchValue = .literal(true), legend: String? = nil,
         symbolizers: [any Symbolizer]) {
        self.id = id
        self.source = source
        self.filter = filter
        self.minScale = minScale
        self.maxScale = maxScale
        self.visible = visible
        self.legend = legend
        self.symbolizers = symbolizers.map(AnySymbolizer.init)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, source, filter, minScale, maxScale, visible, legend, symbolizers
    }

    public init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder)
        id = try r.required(.id)
        source = try r.required(.source)
        filter = try r.optional(.filter)
        minScale = try r.optional(.minScale)
        maxScale = try r.optional(.maxScale)
        visible = try r(.visible, .literal(true))
        legend = try r.optional(.legend)
        symbolizers = try r(.symbolizers, [])
        for (k, v) in [("minScale", minScale), ("maxScale", maxScale)] {
            if let v, !(v.isFinite && v > 0) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey(k)],
                    debugDescription: "a scale denominator is a positive number (1:N), e.g. 5000000"))
            }
        }
        if let lo = minScale, let hi = maxScale, lo > hi {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey("minScale")],
                debugDescription: "minScale (\(lo)) is larger than maxScale (\(hi))"))
        }
    }

    /// Whether the layer is drawn at a scale of 1:`denominator`.
    public func showsAt(scaleDenominator d: Double) -> Bool {
        (minScale.map { d >= $0 } ?? true) && (maxScale.map { d < $0 } ?? true)
    }
}

/// Where a layer's features come from.
public enum LayerSource: Codable, Sendable, Equatable {
    /// No features: the layer paints the whole frame (the sea).
    case background
    /// A layer of the offline basemap.
    case basemap(BasemapLayer)
    /// A vector file read through GDAL (GeoJSON, Shapefile, GeoPackage, KML ...), in any CRS.
    case file(path: String, layer: String?)
    /// The map's events, after the document's date and extent filters.
    case events

    public enum BasemapLayer: String, Codable, Sendable, CaseIterable {
        case land, lakes, rivers, borders, admin1, admin1Lines, places
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case basemap, file, layer }

    public init(from decoder: Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            switch s {
            case "background": self = .background
            case "events": self = .events
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                    "unknown source '\(s)'; use \"background\", \"events\", {\"basemap\": NAME} or {\"file\": PATH}"))
            }
            return
        }
        let r = try DocumentReader<CodingKeys>(decoder)
        if let b: String = try r.optional(.basemap) {
            guard let layer = BasemapLayer(rawValue: b) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.basemap],
                    debugDescription: "unknown basemap layer '\(b)'; known: \(BasemapLayer.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            self = .basemap(layer)
        } else if let f: String = try r.optional(.file) {
            self = .file(path: f, layer: try r.optional(.layer))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "a source is \"background\", \"events\", {\"basemap\": NAME} or {\"file\": PATH}"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .background:
            var c = encoder.singleValueContainer(); try c.encode("background")
        case .events:
            var c = encoder.singleValueContainer(); try c.encode("events")
        case .basemap(let b):
            var c = encoder.container(keyedBy: CodingKeys.self); try c.encode(b.rawValue, forKey: .basemap)
        case let .file(path, layer):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .file)
            try c.encodeIfPresent(layer, forKey: .layer)
        }
    }

    var isBasemap: Bool {
        switch self { case .background, .basemap: return true; default: return false }
    }
}

extension MapLayerDocument {
    /// Sets the aggregation and marker size of this layer's event markers.
    public mutating func setMarkers(aggregate: Aggregation?, sizeBy: MarkerSize?) {
        func set(_ m: inout EventMarkerSymbolizer) {
            if let aggregate { m.aggregate = aggregate }
            if let sizeBy { m.sizeBy = sizeBy }
        }
        for i in symbolizers.indices {
            if var m = symbolizers[i].base as? EventMarkerSymbolizer {
                set(&m)
                symbolizers[i] = AnySymbolizer(m)
            } else if var a = symbolizers[i].base as? AutoViewSymbolizer {
                set(&a.markers)
                symbolizers[i] = AnySymbolizer(a)
            }
        }
    }
}
