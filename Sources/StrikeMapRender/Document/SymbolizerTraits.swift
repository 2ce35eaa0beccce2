import Foundation

/// What a kind of symbolizer does, declared once by its type (as MapLibre declares each layer
/// type's capabilities), so that the pipeline, the document and the service ask the declaration
/// rather than casting to concrete types.
public struct SymbolizerTraits: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Draws the events themselves (markers or a density view), so `--view` and the marker
    /// flags change it and its legend rows come first.
    public static let drawsEvents = SymbolizerTraits(rawValue: 1 << 0)
    /// Depends on nothing but the basemap and the style: a service or a series of frames may
    /// draw it once and keep the pixels.
    public static let staticBase = SymbolizerTraits(rawValue: 1 << 1)
    /// Opens files its document names (listed by `filesRead`).
    public static let readsFiles = SymbolizerTraits(rawValue: 1 << 2)
    /// Clips to the land's outline as the land layer drew it.
    public static let needsLandOutline = SymbolizerTraits(rawValue: 1 << 3)
    /// Reads what the events layers drew (province names where events are): planned after
    /// every other layer, whatever its place in the document.
    public static let readsDrawnEvents = SymbolizerTraits(rawValue: 1 << 4)

    /// The traits' names, for messages and `--help`.
    public var names: [String] {
        [(Self.drawsEvents, "draws events"), (.staticBase, "static base"), (.readsFiles, "reads files"),
         (.needsLandOutline, "needs the land outline"), (.readsDrawnEvents, "reads the drawn events")].filter { contains($0.0) }.map(\.1)
    }
}

/// A file a symbolizer opens, and the key of the symbolizer that names it (`file`, `raster`).
public struct SymbolizerFile: Sendable, Equatable {
    /// What the file gives the map: polygons to count events in, terrain to shade, features to draw.
    public enum Use: String, Sendable, Equatable { case areas, terrain, features }
    public var key: String
    public var path: String
    public var use: Use

    public init(key: String, path: String, use: Use) {
        self.key = key
        self.path = path
        self.use = use
    }
}
