import ArgumentParser
import Foundation
import StrikeMapRender
import StrikeMapCore

extension Theme: ExpressibleByArgument {}
extension Aggregation: ExpressibleByArgument {}
extension MarkerSize: ExpressibleByArgument {}
extension LabelLanguage: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allValues }
}
extension SVGTextMode: ExpressibleByArgument {}
extension MapCaption.Snippet: ExpressibleByArgument {}
extension FacetRenderer.Period: ExpressibleByArgument {}

/// How the map looks and how big it is.
struct LookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("light (default), dark, print or mono (black and white).", valueName: "theme"))
    var theme: Theme?

    @Option(name: .long, help: ArgumentHelp(
        "A JSON or YAML file whose keys override the theme: colours (\"sea\": \"#CFE3EE\"), fonts, sizes in points, and layer visibility (\"showRivers\": false). See README.",
        valueName: "file.json"))
    var style: String?

    @Option(name: .long, help: ArgumentHelp(
        "Place labels in English (en, default), or in a language of the region with names from GeoNames: ar (Arabic), fa (Persian), ckb (Sorani Kurdish), ku (Kurmanji Kurdish), he (Hebrew), tr (Turkish), ru (Russian), uk (Ukrainian); en+LANG for English over it (en+fa). Names GeoNames lacks stay in English, and stderr says which.",
        valueName: "lang"))
    var labels: LabelLanguage?

    @Option(name: .long, help: ArgumentHelp(
        "none: a marker per event; site (default): one per site and kind with a count; grid: also merge markers a few millimetres apart.",
        valueName: "mode"))
    var aggregate: Aggregation?

    @Option(name: .customLong("size-by"), help: ArgumentHelp(
        "Marker area proportional to the event count (default), to casualties (killed + injured), or none.",
        valueName: "what"))
    var sizeBy: MarkerSize?

    @Flag(name: .long, help: "Draw meridians and parallels with degree labels.")
    var graticule = false

    @Flag(name: .long, inversion: .prefixedNo, help: "A locator inset showing the frame within the wider region (default: on for regional maps).")
    var inset: Bool?

    @Flag(name: .long, help: "Add a scale bar in miles under the one in kilometres.")
    var miles = false

    @Flag(name: .long, inversion: .prefixedNo, help: ArgumentHelp(
        "Terrain: Natural Earth's shaded relief over the land (default: on in the light, dark and print themes, off in mono). The Middle East is built in; `make world-basemap` adds the world. For your own elevation model use --layer dem.tif."))
    var relief: Bool?

    @Option(name: .customLong("relief-strength"), help: ArgumentHelp(
        "How strongly the relief shows, from 0 to 1 (default 0.45; 0.28 in the dark theme). Style key: reliefStrength.",
        valueName: "0-1"))
    var reliefStrength: Double?

    @Option(name: .long, help: ArgumentHelp(
        "Physical size for documents: 16x10cm, 160x100mm, 6x4in (with --dpi). Replaces --width and --height.",
        valueName: "WxHunit"))
    var size: String?

    @Option(name: .customLong("svg-text"), help: ArgumentHelp(
        "SVG labels as editable <text> elements (text, default) or glyph outlines (outline).", valueName: "mode"))
    var svgText: SVGTextMode?

    func validate() throws {
        if let reliefStrength, !(reliefStrength.isFinite && reliefStrength >= 0 && reliefStrength <= 1) {
            throw ValidationError("--relief-strength \(reliefStrength): use a number from 0 (no shading) to 1, e.g. 0.6")
        }
    }

    /// Lays the given flags over a document.
    func apply(to doc: inout MapDocument) throws {
        if let theme { doc.page.theme = theme }
        if let style {
            let o = try StyleOverrides.load(path: style)
            doc.page.style = (doc.page.style ?? StyleOverrides()).merged(with: o)
        }
        if let labels { doc.page.labels = labels }
        if aggregate != nil || sizeBy != nil {
            // Every events layer's markers.
            for i in doc.layers.indices where doc.layers[i].drawsEvents {
                doc.layers[i].setMarkers(aggregate: aggregate, sizeBy: sizeBy)
            }
        }
        if graticule { doc.furniture.graticule = .literal(true) }
        if let inset { doc.furniture.inset = .literal(inset) }
        if miles { doc.furniture.miles = .literal(true) }
        var terrain: [String: StyleOverrides.Value] = [:]
        if let relief { terrain["showRelief"] = .bool(relief) }
        if let reliefStrength { terrain["reliefStrength"] = .number(reliefStrength) }
        if !terrain.isEmpty { doc.page.style = (doc.page.style ?? StyleOverrides()).merged(with: StyleOverrides(terrain)) }
        if let svgText { doc.output.svgText = svgText }
    }

    /// Pixels for --size at the given dpi.
    func pixels(dpi: Double) throws -> (Int, Int)? {
        guard let size else { return nil }
        let text = size.lowercased().replacingOccurrences(of: " ", with: "")
        let units: [(String, Double)] = [("mm", 1 / 25.4), ("cm", 1 / 2.54), ("in", 1), ("px", 0)]
        guard let (unit, perInch) = units.first(where: { text.hasSuffix($0.0) }) else {
            throw UsageError("--size '\(size)': end with cm, mm, in or px, e.g. 16x10cm or 6x4in")
        }
        let parts = text.dropLast(unit.count).split(separator: "x")
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), w > 0, h > 0 else {
            throw UsageError("--size '\(size)': use WIDTHxHEIGHT and a unit, e.g. 16x10cm or 6x4in")
        }
        if perInch == 0 { return (Int(w.rounded()), Int(h.rounded())) }
        return (Int((w * perInch * dpi).rounded()), Int((h * perInch * dpi).rounded()))
    }
}
