import Foundation
import StrikeMapGeo
import StrikeMapCore

/// How a layer's features are drawn: a fill, a line, a marker, a label. One type per file in
/// `Layers/`; each registers under the name documents use (`"type": "polygon"`).
///
/// A symbolizer draws nothing itself: `plan` returns what it will draw (`LayerPlan`: paint steps,
/// marks, label requests, legend rows, its manifest record), and the page compositor
/// (`MapComposer`) lays out the furniture and the labels from every layer's plan, then paints.
protocol Symbolizer: Codable, Sendable {
    /// The name in documents.
    static var type: String { get }
    /// What this kind of symbolizer does (draws events, reads files, ...), declared once.
    static var traits: SymbolizerTraits { get }
    /// The files this symbolizer opens, each with the key that names it. A type that reads files
    /// lists every one here (and declares `.readsFiles`): a service refuses a document by this
    /// list before anything is opened, and the pipeline opens only what is listed.
    var filesRead: [SymbolizerFile] { get }
    /// The same symbolizer with its files' paths replaced (`key`, old path → new path), for a
    /// caller that moves or checks a document's files (the pipeline itself opens them through
    /// `FileAccess`).
    func relocatingFiles(_ relocate: (SymbolizerFile) throws -> String) rethrows -> Self
    /// Checks the features the pipeline read from one of `filesRead` (a field it needs, ...).
    func check(_ features: [Feature], of file: SymbolizerFile) throws
    /// Whether it writes the names of the events' sites by their marks (markers do; clusters
    /// and density views leave the towns their names).
    func labelsEventSites(_ layer: LayerInput, spec: MapSpec) -> Bool
    /// What it will draw of the layer's features on this map (clipped to the map frame).
    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan
    /// The symbol of the layer's legend entry (for layers with a `legend` name), if this
    /// symbolizer draws something the layer has.
    func legendSwatch(_ layer: LayerInput) -> LegendSwatch?
    /// What a frame fitted to the events must show whole for this symbolizer's marks to read
    /// (a choropleth's areas that hold events: a frame around the events cut Helmand in half).
    func extentToHold(_ spec: MapSpec) -> GeoBox?
}

extension Symbolizer {
    static var traits: SymbolizerTraits { [] }
    var filesRead: [SymbolizerFile] { [] }
    func relocatingFiles(_ relocate: (SymbolizerFile) throws -> String) rethrows -> Self { self }
    func check(_ features: [Feature], of file: SymbolizerFile) throws {}
    func labelsEventSites(_ layer: LayerInput, spec: MapSpec) -> Bool { false }
    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? { nil }
    func extentToHold(_ spec: MapSpec) -> GeoBox? { nil }
}

/// The symbolizer types documents may name. Built-in ones are listed here; a program can add
/// its own with `register` before decoding a document that uses them.
final class SymbolizerRegistry: @unchecked Sendable {
    static let shared = SymbolizerRegistry()
    private let lock = NSLock()
    private var types: [String: any Symbolizer.Type] = [:]

    private init() {
        for t in [BackgroundSymbolizer.self, PolygonSymbolizer.self, LineSymbolizer.self, PointSymbolizer.self,
                  TextSymbolizer.self, PlaceSymbolizer.self, EventMarkerSymbolizer.self, CountryLabelSymbolizer.self,
                  ProvinceLabelSymbolizer.self, HexbinSymbolizer.self, GridSymbolizer.self, ClusterSymbolizer.self, AutoViewSymbolizer.self, HeatmapSymbolizer.self, ChoroplethSymbolizer.self, RingSymbolizer.self, HighlightSymbolizer.self, NoteSymbolizer.self, ArcSymbolizer.self, ReliefSymbolizer.self, AirfieldSymbolizer.self] as [any Symbolizer.Type] {
            types[t.type] = t
        }
    }

    func register(_ t: any Symbolizer.Type) {
        lock.lock(); defer { lock.unlock() }
        types[t.type] = t
    }

    func lookup(_ name: String) -> (any Symbolizer.Type)? {
        lock.lock(); defer { lock.unlock() }
        return types[name]
    }

    var names: [String] {
        lock.lock(); defer { lock.unlock() }
        return types.keys.sorted()
    }
}

/// A symbolizer of any registered type, as it appears in a document: an object with a `type`.
public struct AnySymbolizer: Codable, Sendable, Equatable {
    let base: any Symbolizer

    init(_ base: any Symbolizer) { self.base = base }

    public var type: String { Swift.type(of: base).type }
    /// What its type declares it does.
    public var traits: SymbolizerTraits { Swift.type(of: base).traits }
    /// The files it opens.
    public var filesRead: [SymbolizerFile] { base.filesRead }
    /// The same symbolizer with its files' paths replaced.
    public func relocatingFiles(_ relocate: (SymbolizerFile) throws -> String) rethrows -> AnySymbolizer {
        AnySymbolizer(try base.relocatingFiles(relocate))
    }

    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: TypeKey.self)
        let name = try c.decode(String.self, forKey: .type)
        guard let t = SymbolizerRegistry.shared.lookup(name) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription:
                "unknown symbolizer type '\(name)'; known: \(SymbolizerRegistry.shared.names.joined(separator: ", "))")
        }
        base = try t.init(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: TypeKey.self)
        try c.encode(type, forKey: .type)
        try base.encode(to: encoder)
    }

    public static func == (a: AnySymbolizer, b: AnySymbolizer) -> Bool {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return (try? e.encode(a)) == (try? e.encode(b))
    }
}
