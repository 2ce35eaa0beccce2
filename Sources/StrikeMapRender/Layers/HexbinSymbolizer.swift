import Foundation

/// A density view: the events counted in hexagons a few millimetres across, coloured by count (or
/// by reported deaths) on a sequential ramp, in classes; empty hexagons are not drawn.
/// `{"type": "hexbin", "cell": 4, "weight": "count", "classes": "quantile:5", "ramp": "ylorrd"}`.
struct HexbinSymbolizer: Symbolizer {
    static let type = "hexbin"
    /// The hexagons' width across the flats, in millimetres on the page.
    var cell = 4.0
    var encoding = DensityEncoding()

    init(cell: Double = 4, encoding: DensityEncoding = DensityEncoding()) {
        self.cell = cell
        self.encoding = encoding
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case cell }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"] + DensityKeys.names)
        cell = try r(.cell, 4.0)
        encoding = try DensityEncoding(from: decoder)
        try checkCell(cell, decoder)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cell, forKey: .cell)
        try encoding.encode(to: encoder)
    }

    var view: BinnedView { BinnedView(shape: .hexagon, cellMM: cell, encoding: encoding) }

    func draw(_ layer: LayerInput, in scene: MapScene) throws { try view.draw(layer, in: scene) }
    func legendRows(_ layer: LayerInput, in scene: MapScene) -> [LegendRow] { scene.densityLegend[layer.id] ?? [] }
    func expectedLegendTexts(_ layer: LayerInput, spec: MapSpec) -> [String] { view.expectedLegendTexts(layer) }
}

/// A cell size is a length on the page: from half a millimetre to five centimetres.
func checkCell(_ mm: Double, _ decoder: Decoder) throws {
    guard mm.isFinite, mm >= 0.5, mm <= 50 else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey("cell")],
            debugDescription: "a cell is 0.5 to 50 millimetres across on the page, e.g. 4"))
    }
}
