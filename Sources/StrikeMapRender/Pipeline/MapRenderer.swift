import CCairo
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Draws one map (a `MapSpec`) and encodes it. PNG, SVG and PDF come from the same drawing code:
/// everything is laid out in pixel units; vector surfaces are sized in points and scaled.
public final class MapRenderer {
    public let spec: MapSpec

    public init(spec: MapSpec) throws(RenderError) {
        try spec.checkLimits()
        self.spec = spec
    }

    /// Where the legend and the scale bar go: in the map (where a place covers no drawn mark) or
    /// in a strip under it. A map is drawn with the first; when a panel finds no free place the
    /// page is laid out and drawn again with the second (a map of dense marks edge to edge).
    struct Placement: Equatable {
        var legendInStrip = false
        var scaleInStrip = false
    }

    /// A page whose height was fitted to the extent needs this many more units for a strip under
    /// the map: drawn again on the taller page.
    struct PageNeedsHeight: Error { var extra: Int }

    /// Draws with the placement that leaves every mark uncovered: at most three attempts.
    private func drawPlaced<T>(_ attempt: (Placement) throws -> T) throws -> T {
        var placement = Placement()
        while true {
            do { return try attempt(placement) } catch let e as FurnitureNeedsStrip {
                // With both in the strip the compositor does not ask again (`mayAskForStrip`): at most three tries.
                placement = Placement(legendInStrip: true, scaleInStrip: placement.scaleInStrip || e.scale)
            }
        }
    }

    /// Renders into an image surface in memory.
    public func renderImage() throws -> (surface: CairoSurface, manifest: RenderManifest) {
        do { return try renderImageAsLaidOut() } catch let e as PageNeedsHeight { return try taller(e).renderImage() }
    }

    /// The renderer of the same map on a page taller by what a legend strip takes (once).
    private func taller(_ e: PageNeedsHeight) throws -> MapRenderer {
        var s = spec
        s.heightPx = min(MapSpec.maxPixels, s.heightPx + e.extra)
        s.heightFitsExtent = false
        return try MapRenderer(spec: s)
    }

    private func renderImageAsLaidOut() throws -> (surface: CairoSurface, manifest: RenderManifest) {
        try drawPlaced { placement in
            let surface = try CairoSurface(.image(width: spec.widthPx, height: spec.heightPx))
            let ctx = try CairoContext(surface: surface)
            let manifest = try draw(ctx, placement: placement).manifest
            surface.flush()
            return (surface, manifest)
        }
    }

    /// The map as the bytes of a PNG, SVG or PDF file.
    public func encode(_ format: OutputFormat) throws -> (data: Data, manifest: RenderManifest) {
        let (data, manifest, _) = try encodeDrawn(format)
        return (data, manifest)
    }

    /// The map's bytes, its manifest and the ids of the events its layers drew (as their plans say).
    func encodeDrawn(_ format: OutputFormat) throws -> (data: Data, manifest: RenderManifest, drawn: () -> Set<String>) {
        do { return try encodeAsLaidOut(format) } catch let e as PageNeedsHeight { return try taller(e).encodeDrawn(format) }
    }

    private func encodeAsLaidOut(_ format: OutputFormat) throws -> (data: Data, manifest: RenderManifest, drawn: () -> Set<String>) {
        let (data, drawn) = try drawPlaced { placement in
            try spec.encoder(format).encode { ctx, sink in
                let d = try draw(ctx, sink: sink, placement: placement)
                return (d, PageEncoder.Metadata(title: d.manifest.title, description: description(d.manifest), source: sourceLine()))
            }
        }
        return (data, drawn.manifest, drawn.drawn)
    }

    /// Renders and writes `path` atomically in the given format.
    @discardableResult
    public func write(to path: String, format: OutputFormat) throws -> RenderManifest {
        let (data, manifest) = try encode(format)
        try AtomicFile.write(data, to: path)
        return manifest
    }

    // MARK: - Drawing

    /// The page laid out for a spec's words: header, footer, legend strip, timeline and the map frame.
    struct PageFit {
        var page: PageLayout
        var mapRect: CanvasRect
        var frame: MapFrame
        var legendStrip: CanvasRect?
        var timelineRect: CanvasRect?
        var title: String
        var subtitle: String
        /// The layers planned on the frame of the whole body, to measure the legend: the map's own
        /// plans when the frame is that one (no strip under the map).
        var probe: MapComposer?
        /// In a series, the legend's texts as the whole series plans them.
        var seriesLegend: [String]?
    }

    private func pageLayout(_ c: CairoContext, _ spec: MapSpec, sink: TextSink?, placement: Placement) throws -> PageFit {
        let style = spec.style
        let pt = spec.unitsPerPoint
        let W = Double(spec.widthPx)
        // Header and footer first: their heights decide the map frame.
        let (titleText, subtitleText) = Self.headerTexts(spec)
        let page = try PageLayout(c, spec: spec, title: titleText, subtitle: subtitleText, footer: spec.footerText, sink: sink)
        let margin = page.margin
        let mapTop = page.bodyTop
        var mapBottom = page.bodyBottom
        // A legend that would cover too much of a small map goes in a strip under it instead.
        // The timeline goes right under the map, above any legend strip.
        var timelineRect: CanvasRect?
        if let t = spec.timeline {
            let h = TimelineStrip(spec: spec, timeline: t, style: style, pt: pt).height
            mapBottom -= h + 6 * pt
            timelineRect = CanvasRect(x: margin, y: mapBottom + 6 * pt, width: W - 2 * margin, height: h)
        }
        // The legend is measured from the layers planned on a frame of the whole body: the map's
        // frame unless the legend then needs a strip under it.
        let body = CanvasRect(x: margin, y: mapTop, width: W - 2 * margin, height: mapBottom - mapTop)
        // The plans of the frame the page ends with, when they are made here.
        var planned: MapComposer?
        func compose(_ rect: CanvasRect, _ spec: MapSpec) throws -> MapComposer {
            try MapComposer(spec: spec, rc: RenderContext(cairo: c, frame: try MapFrame(region: spec.region, rect: rect), style: style,
                                                          pt: pt, sink: sink), mapRect: rect)
        }
        // The scale bar, when it goes in the strip, takes the strip's right end.
        let scaleW = placement.scaleInStrip ? MapComposer.stripScaleWidth(pt: pt) : 0
        /// The height of the strip under the map for the legend (and the scale bar), nil when the
        /// legend goes in the map or there is none; and the legend's texts as planned on the body.
        func stripHeight(_ spec: MapSpec) throws -> (height: Double?, texts: [String]) {
            guard style.showLegend || placement.scaleInStrip else { return (nil, []) }
            if style.showLegend, body.height > 40 * pt, body.width > 40 * pt { planned = try compose(body, spec) }
            let texts = planned?.legendRows().map(\.text) ?? []
            let pad = 6 * pt
            let stripWidth = W - 2 * margin - 2 * pad - scaleW
            let m = try PageLayout.legendStrip(c, texts: texts, style: style, pt: pt, width: stripWidth)
            let insideArea = (2 * pad + m.colW) * (2 * pad + m.rowH * Double(texts.count + 1))
            let mapArea = body.width * body.height
            guard (!texts.isEmpty && (placement.legendInStrip || insideArea > 0.12 * mapArea
                                      || m.rowH * Double(texts.count + 1) > 0.55 * body.height)) || placement.scaleInStrip else { return (nil, texts) }
            func height(_ lines: Int) -> Double {
                let h = 2 * pad + m.rowH * Double(lines)
                return placement.scaleInStrip ? max(h, MapComposer.stripScaleHeight(pt: pt, style: style)) : h
            }
            // The strip leaves a smaller frame, on which the layers may plan another legend
            // (markers shrink on a denser map, and their badges go): measured again there, and
            // the strip sized for that legend.
            var stripH = height(m.lines)
            planned = nil
            let rect = CanvasRect(x: margin, y: mapTop, width: W - 2 * margin, height: body.height - stripH - 8 * pt)
            if style.showLegend, rect.height > 40 * pt {
                let composer = try compose(rect, spec)
                let real = try PageLayout.legendStrip(c, texts: composer.legendRows().map(\.text), style: style, pt: pt, width: stripWidth)
                if height(real.lines) == stripH { planned = composer } else { stripH = height(real.lines) }
            }
            return (stripH, texts)
        }
        let stripH: Double?
        // A series' legend as the whole series plans it: every frame's legend panel is sized for it.
        var seriesLegend: [String]?
        if let series = spec.seriesEvents, style.showLegend {
            // Every frame of a series lays its legend out alike (frames must not jump): decided
            // once, on the legend the whole series plans (every class, weapon and width of count
            // a frame may show, and the row for earlier events).
            var whole = spec
            whole.events = series
            if whole.highlightSince == nil { whole.highlightSince = series.map(\.date).max() }
            var failure: Error?
            let question = "legendStrip|\(body)|\(placement)|\(spec.widthPx)x\(spec.heightPx)|\(spec.dpi)|\(spec.region.bbox)"
            let decided = SeriesMemo.shared.value(series, question) { () -> (height: Double?, texts: [String]) in
                do { return try stripHeight(whole) } catch { failure = error; return (nil, []) }
            }
            if let failure { throw failure }
            stripH = decided.height
            seriesLegend = decided.texts
            // Those plans were the series', not this frame's.
            planned = nil
        } else {
            stripH = try stripHeight(spec).height
        }
        var legendStrip: CanvasRect?
        // A page fitted to the extent grows by the strip, so that the frame keeps the extent's
        // shape (it was up to a third wider than the extent, showing what nobody asked for).
        if let stripH, spec.heightFitsExtent { throw PageNeedsHeight(extra: Int((stripH + 8 * pt).rounded(.up))) }
        if let stripH {
            mapBottom -= stripH + 8 * pt
            legendStrip = CanvasRect(x: margin, y: mapBottom + 4 * pt, width: W - 2 * margin, height: stripH)
            // Keep the timeline directly under the map.
            if let t = timelineRect {
                legendStrip!.y = t.maxY - stripH + 4 * pt
                timelineRect!.y -= stripH + 8 * pt
            }
        }
        let mapRect = CanvasRect(x: margin, y: mapTop, width: W - 2 * margin, height: mapBottom - mapTop)
        guard mapRect.height > 40 * pt, mapRect.width > 40 * pt else {
            throw RenderError.invalidSize(width: spec.widthPx, height: spec.heightPx,
                                          reason: "too small for the title, map and source line at \(Int(spec.dpi)) dpi; "
                                            + "make it larger or lower the dpi")
        }
        let frame = try MapFrame(region: spec.region, rect: mapRect)
        return PageFit(page: page, mapRect: mapRect, frame: frame, legendStrip: legendStrip, timelineRect: timelineRect,
                       title: titleText, subtitle: subtitleText, probe: planned?.mapRect == mapRect ? planned : nil,
                       seriesLegend: seriesLegend)
    }


    /// The title and subtitle a spec's page carries (its own, or worded from its events).
    static func headerTexts(_ spec: MapSpec) -> (title: String, subtitle: String) {
        let words = spec.eventWords
        let named = !spec.symbology.classes.isEmpty
        // A series' frames share one title, from all its events: worked out once.
        let titleEvents = spec.seriesEvents ?? spec.events
        let titleText = spec.title ?? SeriesMemo.shared.value(titleEvents, "title|\(spec.region.name)|\(spec.region.placePhrase)|\(named)|\(spec.symbology)|\(spec.style.monochromeMarkers)") {
            MapText.defaultTitle(region: spec.region, events: titleEvents, words: words, named: named)
        }
        var subtitleText = spec.subtitle ?? MapText.defaultSubtitle(range: spec.dateRange, events: spec.events, words: words,
                                                                    data: spec.dataDates)
        if let note = spec.totalsNote, spec.subtitle == nil { subtitleText += "\n" + note + "." }
        return (titleText, subtitleText)
    }

    /// The page height at which the map frame takes the extent's own shape, for a document that
    /// gives no height: the header, footer and timeline measured as the page lays them out, the
    /// frame as tall as its width over the extent's projected width-to-height ratio, the page
    /// between half and 1.6 times its width (a tall country's page would run on). The legend
    /// is taken to fit in the map; where it goes to a strip under it instead, the frame is that
    /// much wider than the extent.
    public static func fittedHeight(_ spec: MapSpec) throws -> Int {
        let c = try CairoContext(surface: try CairoSurface(.image(width: 1, height: 1)))
        let (title, subtitle) = headerTexts(spec)
        let page = try PageLayout(c, spec: spec, title: title, subtitle: subtitle, footer: spec.footerText, sink: nil)
        let pt = spec.unitsPerPoint
        var furniture = Double(spec.heightPx) - (page.bodyBottom - page.bodyTop)
        if let t = spec.timeline { furniture += TimelineStrip(spec: spec, timeline: t, style: spec.style, pt: pt).height + 6 * pt }
        let W = Double(spec.widthPx), mapWidth = W - 2 * page.margin
        guard mapWidth > 0 else { return spec.heightPx }
        let frame = try MapFrame(region: spec.region, rect: CanvasRect(x: 0, y: 0, width: mapWidth, height: mapWidth))
        let h = furniture + mapWidth / frame.regionAspect
        return Int(min(max(h, 0.5 * W, 150), 1.6 * W, Double(MapSpec.maxPixels)).rounded())
    }

    private func description(_ m: RenderManifest) -> String {
        spec.metadataDescription ?? m.subtitle.replacingOccurrences(of: "\n", with: " ")
    }

    func sourceLine() -> String { spec.sourceLine }

    private func draw(_ c: CairoContext, sink: TextSink? = nil, placement: Placement) throws -> (manifest: RenderManifest, drawn: () -> Set<String>) {
        let style = spec.style
        let pt = spec.unitsPerPoint
        let W = Double(spec.widthPx), H = Double(spec.heightPx)

        c.setColor(style.paper)
        c.rectangle(0, 0, W, H)
        c.fill()

        // The words count the events inside the frame, and the frame's size depends on the
        // words' height: settle the two (a second pass at most, in practice).
        var drawnSpec = spec
        var layout = try pageLayout(c, drawnSpec, sink: sink, placement: placement)
        for _ in 0..<3 {
            // One PROJ call for all the events; a frame that keeps them all changes nothing.
            let projected = layout.frame.project(points: spec.events.map(\.location))
            let inside = projected.map { $0.map(layout.mapRect.contains) ?? false }
            let keptCount = inside.reduce(0) { $0 + ($1 ? 1 : 0) }
            if keptCount == drawnSpec.events.count && (keptCount == spec.events.count || drawnSpec.events.count < spec.events.count
                && self.spec.events.indices.filter { inside[$0] }.map { self.spec.events[$0].id } == drawnSpec.events.map(\.id)) { break }
            // One copy of the kept events (a zip, filter and map made three).
            var kept: [Event] = []
            kept.reserveCapacity(keptCount)
            for i in spec.events.indices where inside[i] { kept.append(spec.events[i]) }
            drawnSpec.events = kept
            layout = try pageLayout(c, drawnSpec, sink: sink, placement: placement)
        }
        // The timeline counts what the final frame holds, on every date.
        if let t = spec.timeline {
            drawnSpec.timeline = TimelineSpec(events: t.events.filter { layout.frame.project($0.location).map(layout.mapRect.contains) ?? false })
        }
        let spec = drawnSpec
        let offFrame = self.spec.events.count - spec.events.count
        let (page, mapRect, frame, legendStrip, timelineRect, titleText, subtitleText) =
            (layout.page, layout.mapRect, layout.frame, layout.legendStrip, layout.timelineRect, layout.title, layout.subtitle)
        // The plans made to measure the legend, when they were made on this frame with these events.
        let composer: MapComposer
        if let probe = layout.probe, probe.spec.events.count == spec.events.count {
            composer = probe
        } else {
            composer = try MapComposer(spec: spec, rc: RenderContext(cairo: c, frame: frame, style: style, pt: pt, sink: sink),
                                       mapRect: mapRect)
        }
        composer.legendStrip = legendStrip
        composer.seriesLegend = layout.seriesLegend
        composer.scaleInStrip = placement.scaleInStrip && legendStrip != nil
        composer.mayAskForStrip = !(placement.legendInStrip && placement.scaleInStrip)

        // Map body, clipped to the frame. A cached basemap is the whole canvas as it stood after
        // the basemap was drawn (paper elsewhere), so it is painted unclipped: pixel for pixel what
        // drawing it again would give, whichever frame happened to draw it first.
        let base = composer.staticBaseCount
        // A base layer may choose its features by the map's events (focus countries: `iso_a2 in
        // @eventCountries`): the values of the sets it names are part of what was drawn.
        let sets = composer.layers.prefix(base).reduce(into: Set<String>()) { $0.formUnion($1.document.filter?.variablesUsed ?? []) }
        let variables = spec.filterVariables
        let cacheKey = BaseLayerCache.key(mapRect, spec.widthPx, spec.heightPx, region: spec.region)
            + sets.sorted().map { "|@\($0)=" + (variables[$0] ?? []).sorted().joined(separator: ",") }.joined()
        let cached: ARGBImage? = {
            guard let cache = spec.baseCache, sink == nil, case .image = c.surface.kind else { return nil }
            return cache.image(for: cacheKey)
        }()
        if let cachedBase = cached { try c.paint(cachedBase) }
        c.save()
        c.rectangle(mapRect.x, mapRect.y, mapRect.width, mapRect.height)
        c.clip()
        if cached == nil {
            try composer.paint(layers: 0..<base)
            if let cache = spec.baseCache, sink == nil, let snapshot = c.surface.argbSnapshot() {
                cache.store(snapshot, for: cacheKey)
            }
        }
        try composer.paint(layers: base..<composer.layers.count)

        var manifest = RenderManifest(
            width: spec.widthPx, height: spec.heightPx, dpi: spec.dpi, region: spec.region.name,
            bbox: [spec.region.bbox.west, spec.region.bbox.south, spec.region.bbox.east, spec.region.bbox.north],
            projection: spec.region.projectionDefinition,
            mapFrame: [mapRect.x, mapRect.y, mapRect.width, mapRect.height],
            kmPerPixel: frame.kmPerUnitAtCenter, eventCount: spec.events.count,
            title: titleText, subtitle: subtitleText)
        manifest.footer = spec.footerText
        // Past the basemap's extract there is no land to draw: the map says so rather than show sea.
        let shown = frame.visibleBox, extract = spec.basemap.extent
        if !(extract.west <= shown.west + 0.01 && extract.east >= shown.east - 0.01
             && extract.south <= shown.south + 0.01 && extract.north >= shown.north - 0.01) {
            func deg(_ v: Double, _ pos: String, _ neg: String) -> String { "\(Int(abs(v).rounded()))°\(v >= 0 ? pos : neg)" }
            manifest.leftOff = (manifest.leftOff ?? []) + ["land past the basemap extract '\(spec.basemap.name)' ("
                + "\(deg(extract.west, "E", "W"))–\(deg(extract.east, "E", "W")), \(deg(extract.south, "N", "S"))–\(deg(extract.north, "N", "S"))) "
                + "is not drawn: run `make world-basemap` once to add Natural Earth's world layers"]
        }
        let record = composer.record
        manifest.markers = record.markers
        manifest.period = .init(asked: spec.dateRange, data: spec.dataDates)
        let v = frame.visibleBox
        manifest.frameBox = [v.west, v.south, v.east, v.north]
        manifest.view = record.view ?? "markers"
        manifest.viewReason = record.viewReason
        manifest.density = record.density
        if !record.rings.isEmpty { manifest.rings = record.rings }
        if !record.arcs.isEmpty { manifest.arcs = record.arcs }
        manifest.relief = record.relief
        manifest.maxShift = record.maxShift
        manifest.offFrame = offFrame + record.offFrame
        manifest.layers = composer.layers.map(\.id)

        let reserved = try composer.drawFurniture(into: &manifest)
        // After the panels: fields under them are hidden, and left out.
        let airfields = composer.shownAirfields
        if !airfields.isEmpty { manifest.airfields = airfields }
        try composer.placeAndDrawLabels(reserved: reserved, into: &manifest)
        c.restore()
        if var strip = legendStrip {
            if composer.scaleInStrip {
                let w = MapComposer.stripScaleWidth(pt: pt)
                try composer.drawScaleInStrip(CanvasRect(x: strip.maxX - w, y: strip.y, width: w,
                                                         height: MapComposer.stripScaleHeight(pt: pt, style: style)), into: &manifest)
                strip.width -= w
            }
            if style.showLegend { try composer.drawLegendStrip(strip, into: &manifest) }
        }
        if let r = timelineRect, let t = spec.timeline {
            manifest.timeline = try TimelineStrip(spec: spec, timeline: t, style: style, pt: pt).draw(c, in: r, sink: sink)
        }

        // Frame line, then the text outside the map.
        c.setColor(style.frame)
        c.setLineWidth(0.6 * pt)
        c.rectangle(mapRect.x, mapRect.y, mapRect.width, mapRect.height)
        c.stroke()
        page.drawText(style)
        try c.check("drawing the map")
        return (manifest, { composer.drawnEventIDs })
    }
}
