import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender
import StrikeMapCore

/// Canvas size and headline, shared by `render` and `frames`.
struct CanvasOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Width in pixels (200...20000; default 1600).", valueName: "px"))
    var width: Int?

    @Option(name: .long, help: ArgumentHelp("Height in pixels (150...20000). Default: the extent's shape, so the map shows the region, box or data asked for and little else (between 0.5 and 1.6 times the width; 1200 for the sample and for --facet pages).", valueName: "px"))
    var height: Int?

    @Option(name: .long, help: ArgumentHelp("Resolution: type and lines are sized in points, so a higher dpi makes them larger in pixels (36...1200; default 200, or the document's).", valueName: "dpi"))
    var dpi: Double?

    @Option(name: .long, help: ArgumentHelp("Title above the map. Default: says what and where.", valueName: "text"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Subtitle. Default: the date range and event counts.", valueName: "text"))
    var subtitle: String?

    /// Lays the given flags over a document (the flags left out keep the document's values).
    func apply(to doc: inout MapDocument, look: LookOptions) throws {
        if let (w, h) = try look.pixels(dpi: dpi ?? doc.page.dpi) {
            if width != nil || height != nil { throw UsageError("--size replaces --width and --height; give one or the other") }
            doc.page.width = w
            doc.page.height = h
        } else {
            if let width { doc.page.width = width }
            if let height { doc.page.height = height }
        }
        if let dpi {
            // Out of range (or not a number: "nan" parses as a Double) before any work.
            guard dpi.isFinite, dpi >= 36, dpi <= 1200 else { throw RenderError.invalidDPI(dpi) }
            doc.page.dpi = dpi
        }
        if let title { doc.furniture.title = title }
        if let subtitle { doc.furniture.subtitle = subtitle }
    }
}
