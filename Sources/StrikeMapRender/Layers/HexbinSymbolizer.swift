import Foundation

/// A density view: the events counted in hexagons a few millimetres across, coloured by count (or
/// by reported deaths) on a sequential ramp, in classes; empty hexagons are not drawn.
/// `{"type": "hexbin", "cell": 4, "weight": "count", "classes": "quantile:5", "ramp": "ylorrd"}`.
struct HexbinSymbolizer: CellDensitySymbolizer {
    static let type = "hexbin"
    static let shape = ScreenBins.Shape.hexagon
    /// The hexagons' width across the flats, in millimetres on the page.
    var cell: Double
    var encoding: DensityEncoding

    init(cell: Double = 4, encoding: DensityEncoding = DensityEncoding()) {
        self.cell = cell
        self.encoding = encoding
    }
}
