import Foundation

/// Annotations added to a document from the command line: each is a layer of its own type.
extension MapDocument {
    /// A range-ring spec as the command line gives it: `SITE:300km[,1000km]` or `LAT,LON:300km`.
    public struct RingSpec: Sendable, Equatable {
        public var center: String
        public var radiiKm: [Double]

        /// Reads `CENTER:R[,R...]`, each radius in km (`300km`, `300 km` or `300`).
        public static func parse(_ text: String) -> RingSpec? {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            let center = text[..<colon].trimmingCharacters(in: .whitespaces)
            var radii: [Double] = []
            for part in text[text.index(after: colon)...].split(separator: ",") {
                var t = part.trimmingCharacters(in: .whitespaces).lowercased()
                if t.hasSuffix("km") { t = String(t.dropLast(2)).trimmingCharacters(in: .whitespaces) }
                guard let km = Double(t), km.isFinite, km > 0, km <= RingSymbolizer.maxRadiusKm else { return nil }
                radii.append(km)
            }
            guard !center.isEmpty, !radii.isEmpty else { return nil }
            return RingSpec(center: center, radiiKm: radii)
        }
    }

    /// Adds range rings as a layer under the events (over the land and borders), labelled with
    /// their radii.
    public mutating func addRings(_ ring: RingSpec) {
        let n = layers.filter { $0.symbolizers.contains { $0.base is RingSymbolizer } }.count
        let layer = MapLayerDocument(id: n == 0 ? "rings" : "rings-\(n + 1)", source: .background,
                                     symbolizers: [RingSymbolizer(center: ring.center, radiiKm: ring.radiiKm)])
        let at = layers.firstIndex { if case .events = $0.source { return true } else { return false } } ?? layers.count
        layers.insert(layer, at: at)
    }

    /// Shades and outlines areas by name: provinces of the basemap, or, with `file`, polygons
    /// of the file (all of them when `names` is empty, named in the legend by the file's name).
    public mutating func addHighlight(names: [String], file: String? = nil) {
        let n = layers.filter { $0.symbolizers.contains { $0.base is HighlightSymbolizer } }.count
        let id = n == 0 ? "highlight" : "highlight-\(n + 1)"
        let source: LayerSource = file.map { .file(path: $0, layer: nil) } ?? .basemap(.admin1)
        let legend = file.flatMap { names.isEmpty ? (($0 as NSString).lastPathComponent as NSString).deletingPathExtension : nil }
        let layer = MapLayerDocument(id: id, source: source, legend: legend, symbolizers: [HighlightSymbolizer(names: names)])
        // Over the land and the province lines, under rivers, borders, places and events.
        let at = layers.firstIndex { $0.id == "rivers" }
            ?? layers.firstIndex { if case .events = $0.source { return true } else { return false } } ?? layers.count
        layers.insert(layer, at: at)
    }

    /// A note as the command line gives it: `PLACE: text`, the place a site or `LAT,LON`.
    public static func parseNote(_ spec: String) -> (at: String, text: String)? {
        guard let colon = spec.firstIndex(of: ":") else { return nil }
        let at = spec[..<colon].trimmingCharacters(in: .whitespaces)
        let text = spec[spec.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !at.isEmpty, !text.isEmpty, text.count <= NoteSymbolizer.maxLength else { return nil }
        return (at, text)
    }

    /// Adds a callout, as a layer of its own over everything else.
    public mutating func addNote(at: String, text: String, leader: NoteLeader = .elbow) {
        let n = layers.filter { $0.symbolizers.contains { $0.base is NoteSymbolizer } }.count
        layers.append(MapLayerDocument(id: n == 0 ? "note" : "note-\(n + 1)", source: .background,
                                       symbolizers: [NoteSymbolizer(at: at, text: text, leader: leader)]))
    }
}
