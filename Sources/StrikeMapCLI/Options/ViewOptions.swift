import ArgumentParser
import Foundation
import StrikeMapRender
import StrikeMapCore

extension EventView: ExpressibleByArgument {}
extension DensityWeight: ExpressibleByArgument {}

/// How the events are drawn: markers, clusters or a density view, and the views' settings.
struct ViewOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "auto (default): markers while the places fit, clusters past a few hundred places, hexagons past a few thousand (stderr and the manifest say which). markers: one per site and kind, moved at most --max-shift off its place, merged where they cannot part. cluster: circles of merged events with their counts. hexbin, grid: events counted in hexagons or squares --cell across, coloured by class. heatmap: kernel density, --bandwidth. choropleth: events per province (or per area of --by-layer).",
        valueName: "view"))
    var view: EventView?

    @Option(name: .long, help: ArgumentHelp("hexbin, grid: the cells' size on the page, e.g. 4mm (default) or 0.5cm.", valueName: "length"))
    var cell: String?

    @Option(name: .long, help: ArgumentHelp("Density views: colour by the number of events (count, default) or by reported deaths (fatalities).", valueName: "what"))
    var weight: DensityWeight?

    @Option(name: .long, help: ArgumentHelp(
        "Density views: class breaks, with the number of classes: auto (default: natural breaks of the logarithms where the values are skewed, the largest ten times the median or more, so hotspots stand out; quantiles otherwise), quantile:5, jenks:6 (natural breaks), equal:4, headtail:6 (head/tail breaks, at most 6). The manifest's density.classMethod says which was used.",
        valueName: "method[:n]"))
    var classes: String?

    @Option(name: .long, help: ArgumentHelp(
        "Density views: the colour ramp, all colour-blind safe: ylorrd (default on light themes), viridis (default on dark), cividis, magma, reds, blues, greys; add -r to reverse (viridis-r).",
        valueName: "name"))
    var ramp: String?

    @Option(name: .long, help: ArgumentHelp("heatmap: the kernel's bandwidth, e.g. 15km (default: a fortieth of the map's width).", valueName: "distance"))
    var bandwidth: String?

    @Option(name: .customLong("by-layer"), help: ArgumentHelp(
        "choropleth: count events in the polygons of this file (GeoJSON, Shapefile, GeoPackage...), named by FIELD; default: the basemap's provinces.",
        valueName: "file:field"))
    var byLayer: String?

    @Flag(name: .customLong("per-area"), help: "choropleth: events per 1,000 km² rather than counts.")
    var perArea = false

    @Option(name: .customLong("max-shift"), help: ArgumentHelp(
        "markers: how far a marker may be moved off its place to clear a neighbour, e.g. 2mm (default); markers that cannot part within it are merged.",
        valueName: "length"))
    var maxShift: String?

    @Flag(name: .long, help: "cluster: show how far each cluster's events spread (a dashed ring).")
    var extent = false

    func validate() throws {
        if let cell { _ = try Self.millimetres(cell, flag: "--cell", range: 0.5...50) }
        if let maxShift { _ = try Self.millimetres(maxShift, flag: "--max-shift", range: 0...20) }
        if let bandwidth { _ = try Self.kilometres(bandwidth) }
        if let classes { do { _ = try ClassScheme(classes) } catch { throw ValidationError("--classes: \(error.description)") } }
        if let ramp { do { _ = try ColorRamp(ramp) } catch { throw ValidationError("--ramp: \(error.description)") } }
        if let byLayer { _ = try Self.fileAndField(byLayer) }
        let settings = [cell.map { _ in "--cell" }, bandwidth.map { _ in "--bandwidth" }, byLayer.map { _ in "--by-layer" },
                        perArea ? "--per-area" : nil, extent ? "--extent" : nil].compactMap { $0 }
        let fits: [String: Set<EventView>] = ["--cell": [.hexbin, .grid], "--bandwidth": [.heatmap], "--by-layer": [.choropleth],
                                              "--per-area": [.choropleth], "--extent": [.cluster, .auto]]
        for s in settings where !(fits[s]!.contains(view ?? .auto) || (s == "--cell" && view == nil)) {
            throw ValidationError("\(s) applies to --view \(fits[s]!.map(\.rawValue).sorted().joined(separator: " or ")), not --view \((view ?? .auto).rawValue)")
        }
    }

    /// A length on the page in millimetres: 4mm, 0.4cm, 0.15in (a bare number is millimetres).
    static func millimetres(_ text: String, flag: String, range: ClosedRange<Double>) throws -> Double {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Double)] = [("mm", 1), ("cm", 10), ("in", 25.4), ("", 1)]
        for (u, f) in units where t.hasSuffix(u) {
            if let v = Double(t.dropLast(u.count)), v.isFinite {
                let mm = v * f
                guard range.contains(mm) else {
                    throw ValidationError("\(flag) '\(text)': from \(MapText.decimal(range.lowerBound)) to \(MapText.decimal(range.upperBound)) mm on the page")
                }
                return mm
            }
        }
        throw ValidationError("\(flag) '\(text)': a length on the page, e.g. 4mm or 0.5cm")
    }

    static func kilometres(_ text: String) throws -> Double {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "")
        let num = t.hasSuffix("km") ? String(t.dropLast(2)) : t
        guard let v = Double(num), v.isFinite, v > 0, v <= 5000 else {
            throw ValidationError("--bandwidth '\(text)': a distance in kilometres, e.g. 15km")
        }
        return v
    }

    static func fileAndField(_ text: String) throws -> (String, String) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
            throw ValidationError("--by-layer '\(text)': give the file and the field naming its areas, e.g. governorates.geojson:name")
        }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// Lays the flags over a document's events layers. Without --view, a document's own layers
    /// are kept, and the settings go to the view they name.
    func apply(to doc: inout MapDocument) throws {
        var s = ViewSettings()
        if let cell { s.cellMM = try Self.millimetres(cell, flag: "--cell", range: 0.5...50) }
        s.weight = weight
        if let classes { s.classes = try ClassScheme(classes) }
        if let ramp { s.ramp = try ColorRamp(ramp) }
        if let bandwidth { s.bandwidthKm = try Self.kilometres(bandwidth) }
        if let byLayer { s.byLayer = try Self.fileAndField(byLayer) }
        s.perArea = perArea
        if let maxShift { s.maxShiftMM = try Self.millimetres(maxShift, flag: "--max-shift", range: 0...20) }
        s.showExtent = extent
        let any = view != nil || cell != nil || weight != nil || classes != nil || ramp != nil || bandwidth != nil
            || byLayer != nil || perArea || maxShift != nil || extent
        guard any else { return }
        for i in doc.layers.indices where doc.layers[i].drawsEvents {
            if let view { doc.layers[i].setView(view, s) } else { doc.layers[i].applyViewSettings(s) }
        }
    }
}
