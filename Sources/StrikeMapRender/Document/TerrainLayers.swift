import Foundation

/// Terrain added from the command line: a user's raster drawn as hill shading.
extension MapDocument {
    /// File extensions taken as rasters by `--layer` (everything else is read as vector data).
    public static let rasterExtensions: Set<String> = ["tif", "tiff", "vrt", "hgt", "dem", "asc", "img", "bil", "dt0", "dt1", "dt2", "nc", "grd"]

    public static func isRasterPath(_ path: String) -> Bool {
        rasterExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// Draws `path` (an elevation model, or an 8-bit hillshade) as the map's terrain, in place of
    /// Natural Earth's relief: one terrain at a time reads; two would shade the slopes twice.
    /// Further rasters go over the first (e.g. a detailed model of a valley over a coarse one).
    public mutating func addRasterRelief(path: String, id: String, strength: Double?, exaggeration: Double) {
        let relief = ReliefSymbolizer(strength: strength.map { .literal($0) } ?? "@reliefStrength", raster: path, exaggeration: exaggeration)
        let layer = MapLayerDocument(id: id, source: .background, symbolizers: [relief])
        var at = layers.lastIndex { $0.symbolizers.contains { ($0.base as? ReliefSymbolizer)?.raster != nil } }.map { $0 + 1 }
        if at == nil, let builtIn = layers.firstIndex(where: { $0.id == "relief" && $0.symbolizers.contains { ($0.base as? ReliefSymbolizer)?.raster == nil } }) {
            layers.remove(at: builtIn)
            at = builtIn
        }
        var taken = Set(layers.map(\.id)), unique = id, n = 2
        while taken.contains(unique) { unique = "\(id)-\(n)"; n += 1 }
        taken.insert(unique)
        var l = layer
        l.id = unique
        layers.insert(l, at: at ?? Self.fileLayerIndex(in: layers))
    }


    /// Which airfields `addAirfields` draws.
    public enum AirfieldSelection: String, Sendable, CaseIterable { case military, all }

    /// Draws airfields (military ones, or all) over the places, under the events.
    public mutating func addAirfields(_ which: AirfieldSelection) {
        layers.removeAll { $0.id == "airfields" }
        let layer = MapLayerDocument(id: "airfields", source: .background,
                                     symbolizers: [AirfieldSymbolizer(which: which == .all ? .all : .military)])
        let at = layers.firstIndex { if case .events = $0.source { return true } else { return false } } ?? layers.count
        // Under launch arcs too, which sit just before the events.
        let arcs = layers.firstIndex { $0.id == "launch-arcs" }
        layers.insert(layer, at: min(at, arcs ?? at))
    }
}
