import Foundation

/// A density view: the events counted in squares a few millimetres across, coloured by count (or
/// by reported deaths) on a sequential ramp, in classes; empty squares are not drawn.
/// `{"type": "grid", "cell": 4, "weight": "count", "classes": "quantile:5", "ramp": "ylorrd"}`.
struct GridSymbolizer: CellDensitySymbolizer {
    static let type = "grid"
    static let shape = ScreenBins.Shape.square
    /// The squares' side, in millimetres on the page.
    var cell: Double
    var encoding: DensityEncoding

    init(cell: Double = 4, encoding: DensityEncoding = DensityEncoding()) {
        self.cell = cell
        self.encoding = encoding
    }
}
