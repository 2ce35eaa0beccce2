import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Small multiples: one panel per week or month on one page, every panel the same extent and
/// scale, with one legend and one scale bar for all.
public struct FacetRenderer {
    public enum Period: String, Sendable, Codable, CaseIterable { case week, month }

    public let spec: MapSpec
    public let period: Period

    public init(spec: MapSpec, period: Period) {
        self.spec = spec
        self.period = period
    }

    public struct Panel: Sendable, Codable {
        public var title: String
        public var from: String
        public var to: String
        public var events: Int
        public var rect: [Double]
    }

    /// The periods covering the spec's date range (or its events' dates).
    public func periods() -> [(title: String, range: DateRange)] {
        // No panel for days past the data's ends: a week with no data is not a week without events.
        let range = MapText.statedPeriod(spec.dateRange, data: spec.dataDates).range
        guard let first = range.from ?? spec.events.map(\.date).min(),
              let last = range.to ?? spec.events.map(\.date).max(), first <= last else { return [] }
        var out: [(String, DateRange)] = []
        switch period {
        case .week:
            var monday = first.adding(days: 1 - first.isoWeekday)
            while monday <= last && out.count < 120 {
                let sunday = monday.adding(days: 6)
                let w = monday.isoWeek
                out.append(("Week \(w.week): \(MapText.day(monday, withYear: false)) – \(MapText.day(sunday, withYear: false))",
                            try! DateRange(from: max(monday, first), to: min(sunday, last))))
                monday = monday.adding(days: 7)
            }
        case .month:
            var y = first.year, m = first.month
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                          "October", "November", "December"]
            while (y, m) <= (last.year, last.month) && out.count < 120 {
                let start = CivilDate(year: y, month: m, day: 1)!
                let end = CivilDate(year: y, month: m, day: CivilDate.daysIn(month: m, year: y))!
                out.append(("\(months[m - 1]) \(y)", try! DateRange(from: max(start, first), to: min(end, last))))
                m += 1; if m > 12 { m = 1; y += 1 }
            }
        }
        return out
    }

    /// The page as the bytes of a PNG, SVG or PDF file, with the same metadata and text modes as a single map.
    public func encode(_ format: OutputFormat) throws -> (data: Data, manifest: RenderManifest, panels: [Panel]) {
        let (data, manifest, panels, _) = try encodeDrawn(format)
        return (data, manifest, panels)
    }

    /// The page's bytes, manifest and panels, and the ids of the events its panels drew.
    func encodeDrawn(_ format: OutputFormat) throws -> (data: Data, manifest: RenderManifest, panels: [Panel], drawn: () -> Set<String>) {
        try spec.checkLimits()
        let (data, drawn) = try spec.encoder(format).encode { ctx, sink in
            let drawn = try draw(ctx, sink: sink)
            let description = spec.metadataDescription ?? drawn.0.subtitle.replacingOccurrences(of: "\n", with: " ")
            return (drawn, PageEncoder.Metadata(title: drawn.0.title, description: description,
                                                source: spec.sourceLine))
        }
        return (data, drawn.0, drawn.1, drawn.2)
    }

    @discardableResult
    public func write(to path: String, format: OutputFormat) throws -> (RenderManifest, [Panel]) {
        let (data, manifest, panels) = try encode(format)
        try AtomicFile.write(data, to: path)
        return (manifest, panels)
    }

    func draw(_ c: CairoContext, sink: TextSink? = nil) throws -> (RenderManifest, [Panel], () -> Set<String>) {
        let style = spec.style
        let pt = spec.unitsPerPoint
        let W = Double(spec.widthPx), H = Double(spec.heightPx)
        c.setColor(style.paper); c.rectangle(0, 0, W, H); c.fill()
        let periods = periods()
        guard !periods.isEmpty else { throw RenderError.projection("no dates to make panels of; give a date range") }
        // The words count the events the panels show, and the panels' size depends on the
        // words' height: settle the two, as a single map does.
        struct Grid {
            var page: PageLayout, title: String, subtitle: String, legendSpec: MapSpec, probe: MapFrame
            var legendH: Double, gridTop: Double, gridBottom: Double, cols: Int, rows: Int, cellW: Double, cellH: Double
            var panelSize: (width: Double, height: Double)
        }
        func layout(_ spec: MapSpec) throws -> Grid {
            let words = spec.eventWords
            let titleText = spec.title ?? MapText.defaultTitle(region: spec.region, events: spec.events, words: words,
                                                               named: !spec.symbology.classes.isEmpty)
            let subtitleText = spec.subtitle ?? MapText.defaultSubtitle(range: spec.dateRange, events: spec.events, words: words,
                                                                        data: spec.dataDates)
                + " · one panel per \(period.rawValue)"
            let page = try PageLayout(c, spec: spec, title: titleText, subtitle: subtitleText,
                                      footer: spec.footerText, sink: sink)
            let margin = page.margin
            let gridTop = page.bodyTop
            // The shared legend's height, from the rows it will have, in as many columns as fit.
            var legendSpec = spec
            legendSpec.seriesEvents = spec.events
            legendSpec.seriesSlices = periods.map(\.range)
            legendSpec.style.showCities = false  // panels show no towns
            let probe = try MapFrame(region: spec.region, rect: CanvasRect(x: 0, y: 0, width: 1000, height: 1000))
            // The legend's rows as the layers plan them for the whole series on a frame of this extent.
            let legendTexts = try MapComposer(spec: legendSpec, rc: RenderContext(cairo: c, frame: probe, style: style, pt: pt),
                                              mapRect: probe.rect).legendRows().map(\.text)
            let strip = try PageLayout.legendStrip(c, texts: legendTexts, style: style, pt: pt, width: W - 2 * margin - 120 * pt - 12 * pt)
            let legendH = max(44 * pt, 12 * pt + strip.rowH * Double(strip.lines))
            let gridBottom = page.bodyBottom - legendH - 4 * pt

            // Columns and rows that keep the panels closest to the region's shape.
            let b = spec.region.bbox
            let corners = [GeoPoint(lat: b.south, lon: b.west), GeoPoint(lat: b.north, lon: b.east),
                           GeoPoint(lat: b.south, lon: b.east), GeoPoint(lat: b.north, lon: b.west)].compactMap { probe.project($0) }
            let aspect = ((corners.map(\.x).max() ?? 1) - (corners.map(\.x).min() ?? 0))
                / max(1, (corners.map(\.y).max() ?? 1) - (corners.map(\.y).min() ?? 0))
            let gap = 6 * pt
            let n = periods.count
            var best = (cols: 1, rows: n, score: -1.0)
            for cols in 1...n {
                let rows = (n + cols - 1) / cols
                let w = (W - 2 * margin - Double(cols - 1) * gap) / Double(cols)
                let h = (gridBottom - gridTop - Double(rows) * (12 * pt)) / Double(rows) - gap
                let used = min(w, h * aspect) * min(h, w / aspect)
                if used > best.score { best = (cols, rows, used) }
            }
            let cols = best.cols, rows = best.rows
            let cellW = (W - 2 * margin - Double(cols - 1) * gap) / Double(cols)
            let cellH = (gridBottom - gridTop) / Double(rows)
            // Every panel's map has this size; its caption line sits above it.
            let captionH = try TextLayout(context: c, text: "0", font: style.boldFont, size: style.legendSize * pt).size.height
            return Grid(page: page, title: titleText, subtitle: subtitleText, legendSpec: legendSpec, probe: probe,
                        legendH: legendH, gridTop: gridTop, gridBottom: gridBottom, cols: cols, rows: rows, cellW: cellW,
                        cellH: cellH, panelSize: (cellW, cellH - captionH - 2 * pt - gap))
        }
        var spec = self.spec
        var grid = try layout(spec)
        for _ in 0..<2 {
            let panelFrame = try MapFrame(region: spec.region, rect: CanvasRect(x: 0, y: 0, width: grid.panelSize.width,
                                                                               height: max(1, grid.panelSize.height)))
            let inFrame = self.spec.events.filter { panelFrame.project($0.location).map(panelFrame.rect.contains) ?? false }
            if inFrame.count == spec.events.count { break }
            spec.events = inFrame
            grid = try layout(spec)
        }
        let (page, titleText, subtitleText, legendSpec, legendH) = (grid.page, grid.title, grid.subtitle, grid.legendSpec, grid.legendH)
        let (gridTop, gridBottom, cols, cellW, cellH) = (grid.gridTop, grid.gridBottom, grid.cols, grid.cellW, grid.cellH)
        let margin = page.margin
        let gap = 6 * pt
        let b = spec.region.bbox
        var panels: [Panel] = []
        var manifest = RenderManifest(width: spec.widthPx, height: spec.heightPx, dpi: spec.dpi, region: spec.region.name,
                                      bbox: [b.west, b.south, b.east, b.north], projection: spec.region.projectionDefinition,
                                      mapFrame: [margin, gridTop, W - 2 * margin, gridBottom - gridTop], kmPerPixel: 0,
                                      eventCount: spec.events.count, title: titleText, subtitle: subtitleText)
        manifest.period = .init(asked: spec.dateRange, data: spec.dataDates)
        manifest.footer = spec.footerText
        // Events outside every panel's frame are outside the extent, as on a single map.
        manifest.offFrame = self.spec.events.count - spec.events.count
        var lastFrame: MapFrame?
        var composers: [MapComposer] = []
        for (i, p) in periods.enumerated() {
            let col = i % cols, row = i / cols
            let caption = try TextLayout(context: c, text: "\(p.title) · \(MapText.plural(spec.events.filter { p.range.contains($0.date) }.count, "event"))",
                                         font: style.boldFont, size: style.legendSize * pt)
            caption.sink = sink
            let x = margin + Double(col) * (cellW + gap)
            let y = gridTop + Double(row) * cellH
            caption.draw(x: x, y: y, color: style.title)
            let rect = CanvasRect(x: x, y: y + caption.size.height + 2 * pt, width: cellW,
                                  height: cellH - caption.size.height - 2 * pt - gap)
            var panelSpec = legendSpec
            panelSpec.events = spec.events.filter { p.range.contains($0.date) }
            let frame = try MapFrame(region: spec.region, rect: rect)
            lastFrame = frame
            let rc = RenderContext(cairo: c, frame: frame, style: style, pt: pt, sink: sink)
            c.save()
            c.newPath(); c.rectangle(rect.x, rect.y, rect.width, rect.height); c.clip()
            // Every layer's geometry; no labels in panels this small.
            let composer = try MapComposer(spec: panelSpec, rc: rc, mapRect: rect)
            try composer.paint(layers: 0..<composer.layers.count)
            let record = composer.record
            manifest.markers += record.markers
            manifest.offFrame += record.offFrame
            if manifest.layers.isEmpty { manifest.layers = composer.layers.map(\.id) }
            composers.append(composer)
            c.restore()
            c.newPath(); c.setColor(style.frame); c.setLineWidth(0.5 * pt)
            c.rectangle(rect.x, rect.y, rect.width, rect.height); c.stroke()
            panels.append(Panel(title: p.title, from: p.range.from!.description, to: p.range.to!.description,
                                events: panelSpec.events.count, rect: [rect.x, rect.y, rect.width, rect.height]))
        }
        // One legend and one scale bar for every panel.
        if let frame = lastFrame {
            manifest.kmPerPixel = frame.kmPerUnitAtCenter
            let strip = CanvasRect(x: margin, y: gridBottom + 6 * pt, width: W - 2 * margin, height: legendH)
            let rc = RenderContext(cairo: c, frame: frame, style: style, pt: pt, sink: sink)
            // The legend from the layers planned for the whole series on a panel's frame (the
            // classes of a density view are the series', as in every panel); nothing is painted.
            let composer = try MapComposer(spec: legendSpec, rc: rc, mapRect: frame.rect)
            let record = composer.record
            manifest.view = record.view ?? "markers"
            manifest.viewReason = record.viewReason
            let scaleW = 120 * pt
            try composer.drawLegendStrip(CanvasRect(x: strip.x, y: strip.y, width: strip.width - scaleW, height: strip.height),
                                         into: &manifest)
            // No bar where the scale varies across the panels' extent (see CornerPanels).
            if frame.scaleSpread <= 1.1 {
                let kmPerUnit = frame.kmPerUnitAtCenter
                let nice = [10.0, 20, 25, 50, 100, 150, 200, 250, 300, 500, 1000]
                let km = nice.last(where: { $0 <= 90 * pt * kmPerUnit }) ?? nice[0]
                let kmText = try rc.text("\(Int(km)) km", font: style.font, sizePt: style.legendSize)
                try composer.drawScaleAndNorth(rect: CanvasRect(x: strip.maxX - scaleW, y: strip.y, width: scaleW, height: 44 * pt),
                                               pad: 6 * pt, arrowH: 24 * pt, km: (kmText, km / kmPerUnit), miles: (kmText, 0))
            }
        }
        page.drawText(style)
        try c.check("drawing the panels")
        return (manifest, panels, { composers.reduce(into: Set<String>()) { $0.formUnion($1.drawnEventIDs) } })
    }
}
