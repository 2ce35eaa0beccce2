import CCairo
import Foundation
import StrikeMapEvents
import StrikeMapGeo

/// Draws a `MapSpec` onto a Cairo surface. PNG, SVG and PDF come from the same drawing code:
/// everything is laid out in pixel units; vector surfaces are sized in points and scaled.
public final class MapRenderer {
    public let spec: MapSpec

    public init(spec: MapSpec) throws(RenderError) {
        guard spec.widthPx >= 200, spec.heightPx >= 150 else {
            throw .invalidSize(width: spec.widthPx, height: spec.heightPx, reason: "the smallest map is 200x150 pixels")
        }
        guard spec.widthPx <= MapSpec.maxPixels, spec.heightPx <= MapSpec.maxPixels else {
            throw .invalidSize(width: spec.widthPx, height: spec.heightPx,
                               reason: "each side is limited to \(MapSpec.maxPixels) pixels")
        }
        guard spec.widthPx * spec.heightPx <= MapSpec.maxArea else {
            throw .invalidSize(width: spec.widthPx, height: spec.heightPx,
                               reason: "more than \(MapSpec.maxArea / 1_000_000) megapixels; use SVG or PDF for very large prints")
        }
        guard spec.events.count <= MapSpec.maxEvents else {
            throw .tooMuch(what: "\(spec.events.count) events", limit: MapSpec.maxEvents,
                           fix: "narrow the dates or the region, or count them with `strikemap events --stats`")
        }
        guard spec.dpi >= 36, spec.dpi <= 1200 else { throw .invalidDPI(spec.dpi) }
        self.spec = spec
    }

    /// Renders into an image surface in memory.
    public func renderImage() throws -> (surface: CairoSurface, manifest: RenderManifest) {
        let surface = try CairoSurface(.image(width: spec.widthPx, height: spec.heightPx))
        let ctx = try CairoContext(surface: surface)
        let manifest = try draw(ctx)
        surface.flush()
        return (surface, manifest)
    }

    /// Renders and writes `path` atomically in the given format.
    @discardableResult
    public func write(to path: String, format: OutputFormat) throws -> RenderManifest {
        var manifest: RenderManifest?
        try AtomicFile.write(to: path) { tmp in
            switch format {
            case .png:
                let (surface, m) = try renderImage()
                try PNGWriter.write(surface, to: tmp, dpi: spec.dpi, text: [
                    ("Title", m.title), ("Description", description(m)), ("Source", sourceLine()),
                    ("Software", "StrikeMap"),
                ])
                manifest = m
            case .svg, .pdf:
                let k = 72 / spec.dpi
                let w = Double(spec.widthPx) * k, h = Double(spec.heightPx) * k
                let surface = try CairoSurface(format == .svg ? .svg(path: tmp, widthPt: w, heightPt: h)
                                                               : .pdf(path: tmp, widthPt: w, heightPt: h))
                let ctx = try CairoContext(surface: surface)
                ctx.scale(k, k)
                let sink = format == .svg && spec.svgText == .text ? TextSink() : nil
                let m = try draw(ctx, sink: sink)
                surface.setPDFMetadata(title: m.title, subject: description(m), creator: "StrikeMap",
                                       date: spec.creationDate)
                try surface.finish()
                if format == .svg {
                    try SVGPostProcessor.finish(path: tmp, title: m.title, description: description(m),
                                                runs: sink?.runs ?? [], scale: k)
                }
                manifest = m
            }
        }
        return manifest!
    }

    // MARK: - Drawing

    private func description(_ m: RenderManifest) -> String {
        spec.metadataDescription ?? m.subtitle.replacingOccurrences(of: "\n", with: " ")
    }

    private func draw(_ c: CairoContext, sink: TextSink? = nil) throws -> RenderManifest {
        let style = spec.style
        let pt = spec.unitsPerPoint
        let W = Double(spec.widthPx), H = Double(spec.heightPx)
        let margin = style.margin * pt

        c.setColor(style.paper)
        c.rectangle(0, 0, W, H)
        c.fill()

        // Header and footer first: their heights decide the map frame.
        let titleText = spec.title ?? MapText.defaultTitle(region: spec.region, events: spec.seriesEvents ?? spec.events)
        var subtitleText = spec.subtitle ?? MapText.defaultSubtitle(range: spec.dateRange, events: spec.events)
        if let note = spec.totalsNote, spec.subtitle == nil { subtitleText += "\n" + note + "." }
        // On pages narrower than the default 8 in, the headline shrinks a little so the map keeps its room.
        let headline = min(1, max(0.75, W / pt / 576))
        let title = try TextLayout(context: c, text: titleText, font: style.boldFont, size: style.titleSize * headline * pt)
        title.wrap(width: W - 2 * margin)
        let subtitle = try TextLayout(context: c, text: subtitleText, font: style.font,
                                      size: style.subtitleSize * max(0.85, headline) * pt)
        subtitle.wrap(width: W - 2 * margin)
        let footerText = sourceLine()
        let footer = try TextLayout(context: c, text: footerText, font: style.font, size: style.footerSize * pt)
        footer.wrap(width: W - 2 * margin)
        for t in [title, subtitle, footer] { t.sink = sink }

        let top = margin * 0.9
        let subtitleY = top + title.size.height + 2 * pt
        let mapTop = subtitleY + subtitle.size.height + 8 * pt
        let footerH = footer.size.height
        var mapBottom = H - margin * 0.8 - footerH - 6 * pt
        // A legend that would cover too much of a small map goes in a strip under it instead.
        // The timeline goes right under the map, above any legend strip.
        var timelineRect: CanvasRect?
        if let t = spec.timeline {
            let h = TimelineStrip(spec: spec, timeline: t, style: style, pt: pt).height
            mapBottom -= h + 6 * pt
            timelineRect = CanvasRect(x: margin, y: mapBottom + 6 * pt, width: W - 2 * margin, height: h)
        }
        var legendStrip: CanvasRect?
        if style.showLegend {
            let texts = try MapScene.expectedLegendTexts(spec).map {
                try TextLayout(context: c, text: $0, font: style.font, size: style.legendSize * pt)
            }
            let pad = 6 * pt, symbolW = 2 * style.markerRadius * 1.3 * pt
            let rowH = max(texts.map(\.size.height).max() ?? 0, symbolW) + 2 * pt
            let colW = symbolW + 5 * pt + (texts.map(\.size.width).max() ?? 0) + 10 * pt
            let insideArea = (2 * pad + colW) * (2 * pad + rowH * Double(texts.count + 1))
            let mapArea = (W - 2 * margin) * (mapBottom - mapTop)
            if !texts.isEmpty && (insideArea > 0.12 * mapArea || rowH * Double(texts.count + 1) > 0.55 * (mapBottom - mapTop)) {
                let columns = max(1, Int((W - 2 * margin - 2 * pad) / colW))
                let lines = (texts.count + columns - 1) / columns
                let stripH = 2 * pad + rowH * Double(lines)
                mapBottom -= stripH + 8 * pt
                legendStrip = CanvasRect(x: margin, y: mapBottom + 4 * pt, width: W - 2 * margin, height: stripH)
                // Keep the timeline directly under the map.
                if let t = timelineRect {
                    legendStrip!.y = t.maxY - stripH + 4 * pt
                    timelineRect!.y -= stripH + 8 * pt
                }
            }
        }
        let mapRect = CanvasRect(x: margin, y: mapTop, width: W - 2 * margin, height: mapBottom - mapTop)
        guard mapRect.height > 40 * pt, mapRect.width > 40 * pt else {
            throw RenderError.invalidSize(width: spec.widthPx, height: spec.heightPx,
                                          reason: "too small for the title, map and source line at \(Int(spec.dpi)) dpi; "
                                            + "make it larger or lower --dpi")
        }
        let frame = try MapFrame(region: spec.region, rect: mapRect)
        let rc = RenderContext(cairo: c, frame: frame, style: style, pt: pt, sink: sink)

        // Map body, clipped to the frame. A cached basemap is the whole canvas as it stood after
        // the basemap was drawn (paper elsewhere), so it is painted unclipped: pixel for pixel what
        // drawing it again would give, whichever frame happened to draw it first.
        let eventCountries = Set((spec.seriesEvents ?? spec.events).map { $0.country.uppercased() }.filter { !$0.isEmpty })
        let cacheKey = BaseLayerCache.key(mapRect, spec.widthPx, spec.heightPx)
        let cached: ARGBImage? = {
            guard let cache = spec.baseCache, sink == nil, case .image = c.surface.kind else { return nil }
            return cache.image(for: cacheKey)
        }()
        if let base = cached { c.paint(try CairoSurface(argb: base)) }
        c.save()
        c.rectangle(mapRect.x, mapRect.y, mapRect.width, mapRect.height)
        c.clip()
        if cached == nil {
            try drawBasemap(rc, eventCountries: eventCountries)
            if let cache = spec.baseCache, sink == nil, let snapshot = c.surface.argbSnapshot() {
                cache.store(snapshot, for: cacheKey)
            }
        }
        for user in spec.userLayers { try UserLayerPainter(layer: user).draw(in: rc) }


        var manifest = RenderManifest(
            width: spec.widthPx, height: spec.heightPx, dpi: spec.dpi, region: spec.region.name,
            bbox: [spec.region.bbox.west, spec.region.bbox.south, spec.region.bbox.east, spec.region.bbox.north],
            projection: spec.region.projectionDefinition,
            mapFrame: [mapRect.x, mapRect.y, mapRect.width, mapRect.height],
            kmPerPixel: frame.kmPerUnitAtCenter, eventCount: spec.events.count,
            title: titleText, subtitle: subtitleText)

        let scene = try MapScene(spec: spec, rc: rc, mapRect: mapRect)
        scene.legendStrip = legendStrip
        try scene.drawCityDots()
        try scene.drawMarkers(into: &manifest)
        let reserved = try scene.drawFurniture(into: &manifest)
        try scene.placeAndDrawLabels(reserved: reserved, into: &manifest)
        c.restore()
        if let strip = legendStrip { try scene.drawLegendStrip(strip, into: &manifest) }
        if let r = timelineRect, let t = spec.timeline {
            manifest.timeline = try TimelineStrip(spec: spec, timeline: t, style: style, pt: pt).draw(c, in: r, sink: sink)
        }

        // Frame line, then the text outside the map.
        c.setColor(style.frame)
        c.setLineWidth(0.6 * pt)
        c.rectangle(mapRect.x, mapRect.y, mapRect.width, mapRect.height)
        c.stroke()
        title.draw(x: margin, y: top, color: style.title)
        subtitle.draw(x: margin, y: subtitleY, color: style.subtitle)
        footer.draw(x: margin, y: H - margin * 0.8 - footerH, color: style.footer)
        try c.check("drawing the map")
        return manifest
    }

    /// Sea, land, focus countries, lakes, provinces, rivers, borders: the map under the events.
    func drawBasemap(_ rc: RenderContext, eventCountries: Set<String>) throws {
        let style = rc.style
        let bm = spec.basemap
        rc.cairo.setColor(style.sea)
        rc.cairo.paint()
        var layers: [MapLayer] = [
            PolygonLayer(features: bm.land, fill: style.land, stroke: style.coast, strokeWidthPt: style.coastWidth),
            PolygonLayer(features: bm.admin1, fill: style.focusLand, stroke: nil,
                         filter: { eventCountries.contains($0["iso_a2"] ?? "") }),
        ]
        if style.showLakes {
            layers.append(PolygonLayer(features: bm.lakes, fill: style.lake, stroke: style.coast, strokeWidthPt: style.coastWidth))
        }
        if style.showProvinces {
            layers.append(LineLayer(features: bm.admin1Lines, color: style.provinceLine, widthPt: style.provinceWidth,
                                    dashPt: [2, 1.5]))
        }
        if style.showRivers {
            layers.append(LineLayer(features: bm.rivers, color: style.river, widthPt: style.riverWidth, widthFor: { f in
                (Double(f["scalerank"] ?? "") ?? 9) <= 4 ? style.riverWidth * 1.5 : style.riverWidth
            }))
        }
        layers.append(LineLayer(features: bm.borders, color: style.border, widthPt: style.borderWidth))
        for layer in layers { try layer.draw(in: rc) }
    }

    func sourceLine() -> String {
        var parts: [String] = []
        let events = spec.eventSources.trimmingCharacters(in: .whitespaces)
        if !events.isEmpty { parts.append("Events: \(events)") }
        parts.append("Basemap: Natural Earth (public domain)")
        parts.append("Site coordinates: StrikeMap gazetteer (GeoNames CC-BY 4.0 and cited references)")
        return parts.joined(separator: ". ") + ". Map: StrikeMap"
    }
}
