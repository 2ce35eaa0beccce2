import CCairo
import Foundation

/// Draws a page onto the surface its format needs and returns the file's bytes: PNG from an
/// image surface with our encoder, SVG and PDF from cairo's stream surfaces. Every page
/// (single map, facets, frames) is encoded here, so all get the same metadata and text modes.
struct PageEncoder {
    var format: OutputFormat
    var widthPx: Int
    var heightPx: Int
    var dpi: Double
    var svgText: SVGTextMode
    var creationDate: String

    /// What the file says about itself (PNG text chunks, SVG title and desc, PDF info).
    struct Metadata {
        var title: String
        var description: String
        var source: String

        init(title: String, description: String, source: String) {
            self.title = OutputText.clean(title)
            self.description = OutputText.clean(description)
            self.source = OutputText.clean(source)
        }
    }

    /// `draw` lays out the page in pixel units (vector surfaces are scaled to points) and returns
    /// its manifest and metadata; `sink` collects the text for editable SVG.
    func encode<M>(_ draw: (CairoContext, TextSink?) throws -> (M, Metadata)) throws -> (Data, M) {
        switch format {
        case .png:
            let surface = try CairoSurface(.image(width: widthPx, height: heightPx))
            let ctx = try CairoContext(surface: surface)
            let (m, meta) = try draw(ctx, nil)
            surface.flush()
            let png = try PNGWriter.encode(surface, dpi: dpi, text: [
                ("Title", meta.title), ("Description", meta.description), ("Source", meta.source), ("Software", "StrikeMap"),
            ])
            return (png, m)
        case .svg, .pdf:
            let k = 72 / dpi
            let w = Double(widthPx) * k, h = Double(heightPx) * k
            let surface = try CairoSurface(format == .svg ? .svg(widthPt: w, heightPt: h) : .pdf(widthPt: w, heightPt: h))
            let ctx = try CairoContext(surface: surface)
            ctx.scale(k, k)
            let sink = format == .svg && svgText == .text ? TextSink() : nil
            let (m, meta) = try draw(ctx, sink)
            surface.setPDFMetadata(title: meta.title, subject: meta.description, creator: "StrikeMap", date: creationDate)
            try surface.finish()
            guard format == .svg else { return (surface.bytes, m) }
            return (try SVGPostProcessor.finish(surface.bytes, title: meta.title, description: meta.description,
                                                runs: sink?.runs ?? [], scale: k), m)
        }
    }
}
