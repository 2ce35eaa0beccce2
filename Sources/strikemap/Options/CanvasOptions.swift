import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender

/// Canvas size and headline, shared by `render` and `frames`.
struct CanvasOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Width in pixels (200...20000; default 1600).", valueName: "px"))
    var width: Int?

    @Option(name: .long, help: ArgumentHelp("Height in pixels (150...20000; default 1200).", valueName: "px"))
    var height: Int?

    @Option(name: .long, help: ArgumentHelp("Resolution: type and lines are sized in points, so a higher dpi makes them larger in pixels.", valueName: "dpi"))
    var dpi: Double = 200

    @Option(name: .long, help: ArgumentHelp("Title above the map. Default: says what and where.", valueName: "text"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Subtitle. Default: the date range and event counts.", valueName: "text"))
    var subtitle: String?

    /// Applies size, look, layers and attribution to a spec.
    func configure(_ spec: inout MapSpec, look: LookOptions, extent: RegionOptions, input: EventInputOptions,
                   sampleUsed: Bool) throws {
        if let (w, h) = try look.pixels(dpi: dpi) {
            if width != nil || height != nil { throw UsageError("--size replaces --width and --height; give one or the other") }
            spec.widthPx = w
            spec.heightPx = h
        } else {
            spec.widthPx = width ?? 1600
            spec.heightPx = height ?? 1200
        }
        spec.dpi = dpi
        spec.style = try look.mapStyle()
        spec.labels = look.labels
        spec.aggregate = look.aggregate
        spec.sizeBy = look.sizeBy
        spec.svgText = look.svgText
        spec.userLayers = try extent.userLayers()
        spec.title = title
        spec.subtitle = subtitle
        spec.eventSources = sampleUsed
            ? "StrikeMap timeline of US DoD, CENTCOM and news reports (Data/events-2023-10-17_2023-11-22.csv)"
            : input.events.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
    }
}
