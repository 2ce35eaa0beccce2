import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Legend, scale bar, north arrow and inset, each where it covers no drawn mark: a corner first
/// (the one that covers fewest towns), else a place along an edge (`PanelPlacer`).
extension MapComposer {
    /// Draws legend, scale bar, north arrow and inset where they cover no drawn mark; returns
    /// their boxes, which labels must keep clear of. Throws `FurnitureNeedsStrip` when the legend
    /// or the scale bar has no such place (the page is laid out again with a strip under the
    /// map); an inset with none is left off.
    func drawFurniture(into manifest: inout RenderManifest) throws -> [CanvasRect] {
        let pad = 6 * pt
        let rows = style.showLegend && legendStrip == nil ? legendRows() : []
        let heading = try rc.text("Legend", font: style.boldFont, sizePt: style.legendSize)
        let texts = try rows.map { try rc.text($0.text, font: style.font, sizePt: style.legendSize) }
        let symbolW = 2 * style.markerRadius * 1.3 * pt
        // A frame of a series sizes its legend for the whole series' (see `seriesLegend`).
        let seriesTexts = rows.isEmpty ? [] : try (seriesLegend ?? []).map { try rc.text($0, font: style.font, sizePt: style.legendSize) }
        let rowH = max((texts + seriesTexts).map(\.size.height).max() ?? 0, symbolW) + 2 * pt
        let legendSize = (w: pad * 2 + symbolW + 5 * pt + ((texts + seriesTexts).map(\.size.width).max() ?? 0),
                          h: pad * 2 + heading.size.height + 2 * pt + rowH * Double(max(rows.count, seriesTexts.count)))

        // Scale bar: a round length near a fifth of the frame width, true at the centre latitude.
        let kmPerUnit = rc.frame.kmPerUnitAtCenter
        let km = Self.roundLength(atMost: mapRect.width * 0.18 * kmPerUnit)
        let miles = Self.roundLength(atMost: mapRect.width * 0.18 * kmPerUnit / 1.609344)
        let kmText = try rc.text(km >= 1 ? "\(Int(km)) km" : "\(km) km", font: style.font, sizePt: style.legendSize)
        let miText = try rc.text(miles >= 1 ? "\(Int(miles)) mi" : "\(miles) mi", font: style.font, sizePt: style.legendSize)
        let barW = km / kmPerUnit, miW = miles * 1.609344 / kmPerUnit
        // Where the scale varies across the map (a continent, the world), no bar is true
        // everywhere and north turns from place to place: neither is drawn, and the manifest says why.
        let scaleHolds = rc.frame.scaleSpread <= 1.1
        let showScale = (style.showScaleBar || style.showNorthArrow) && scaleHolds
        if !scaleHolds && (style.showScaleBar || style.showNorthArrow) {
            manifest.leftOff = (manifest.leftOff ?? []) + ["scale bar and north arrow: the scale varies by "
                + "\(Int(((rc.frame.scaleSpread - 1) * 100).rounded()))% across this map, so no one length or direction holds everywhere"]
        }
        let arrowH = 24 * pt
        let scaleRows = style.showScaleBar ? (style.scaleMiles ? 2.0 : 1.0) : 0
        let furnSize = (w: (style.showScaleBar ? max(barW, miW, kmText.size.width) : 0) + pad * 2
                            + (style.showNorthArrow ? 22 * pt : 0),
                        h: max(style.showNorthArrow ? arrowH + 2 * pt : 0,
                               scaleRows * (8 * pt + kmText.size.height)) + pad * 2)

        // Inset: for regional maps, a locator of the wider region.
        let wide = insetBox()
        let insetW = mapRect.width * 0.2
        var insetFrame: MapFrame?
        if let wide {
            insetFrame = try MapFrame(region: Region.custom(wide), rect: CanvasRect(x: 0, y: 0, width: insetW, height: insetW))
        }
        let insetSize: (w: Double, h: Double)? = insetFrame.map { f in
            // Shrink-wrap the inset to the wider box's shape.
            let corners = [GeoPoint(lat: wide!.south, lon: wide!.west), GeoPoint(lat: wide!.north, lon: wide!.east),
                           GeoPoint(lat: wide!.south, lon: wide!.east), GeoPoint(lat: wide!.north, lon: wide!.west)]
                .compactMap { f.project($0) }
            let w = (corners.map(\.x).max() ?? insetW) - (corners.map(\.x).min() ?? 0)
            let h = (corners.map(\.y).max() ?? insetW) - (corners.map(\.y).min() ?? 0)
            return (min(insetW, max(w, insetW * 0.5)), min(insetW, max(h, insetW * 0.5)))
        }

        // Corners (0 top left, 1 top right, 2 bottom left, 3 bottom right), scored by what they would cover.
        let gap = 6 * pt
        // In a series, every frame's events count, so the panels stay put from frame to frame.
        // A density view draws no markers: its events count instead. Projected once per list
        // and frame (each frame of a series asks for the same).
        let markers = self.markers, towns = self.towns, density = record.density, covers = areaCovers
        let pointSource = spec.seriesEvents ?? (markers.isEmpty ? spec.events : [])
        let m = mapRect
        let seriesPoints: [CanvasPoint] = pointSource.isEmpty ? [] : SeriesMemo.shared.value(pointSource,
            "cornerPoints|\(m.x),\(m.y),\(m.width),\(m.height)|\(spec.region.bbox)|\(spec.region.projectionDefinition)") {
            rc.frame.project(points: pointSource.map(\.location)).compactMap { $0 }.filter { m.contains($0) }
        }
        func cost(_ r: CanvasRect) -> Double {
            let grown = r.insetBy(-8 * pt)
            var n = 0.0
            for mk in markers where grown.contains(mk.center) { n += 10 }
            for p in seriesPoints where grown.contains(p) { n += 10 }
            for c in towns where grown.contains(c.point) { n += 1 }
            // A panel wholly over the highest class of a choropleth weighs as much as covering
            // ten events; over the lowest of five classes, two.
            for a in covers { n += 100 * a.share(of: r) }
            return n
        }
        // What no panel may cover: every marker's disc (its badge and outline with it), a density
        // view's cells, and where a view has neither (a heatmap) or a series must keep its panels
        // still, the events' places. A choropleth's marks are its areas, which fill the frame: a
        // panel may overlap them, at the cost of what it hides (`AreaCover`).
        var marks = markers.map { squareObstacle($0.center, $0.radius + 1.5 * pt) }
        if let d = density, let size = d.cellSize, !d.cells.isEmpty {
            marks += d.cells.map { CanvasRect(x: $0.x - size / 2, y: $0.y - size / 2, width: size, height: size) }
        } else if density?.view != "choropleth" || spec.seriesEvents != nil {
            marks += seriesPoints.map { squareObstacle($0, style.markerRadius * pt) }
        }
        let reach = [legendSize.w, legendSize.h, furnSize.w, furnSize.h, insetSize?.w ?? 0, insetSize?.h ?? 0].max() ?? 0
        var placer = PanelPlacer(frame: mapRect, gap: gap, marks: marks, reach: reach, cost: cost)
        var reserved: [CanvasRect] = []
        // No free place in the map: the page is laid out again with the panel in a strip under it;
        // on the last attempt (a legend the layout did not foresee), the corner that covers least.
        func leastCovering(_ size: (w: Double, h: Double), _ prefer: [Int]) -> CanvasRect {
            prefer.map { placer.corner($0, size) }.min { cost($0) < cost($1) }!
        }
        var legendRect: CanvasRect?
        if !rows.isEmpty {
            if let r = placer.place(legendSize, prefer: [2, 3, 0, 1]) { legendRect = r }
            else if mayAskForStrip { throw FurnitureNeedsStrip(scale: false) }
            else { legendRect = leastCovering(legendSize, [2, 3, 0, 1]) }
        }
        var furnRect: CanvasRect?
        if showScale && !scaleInStrip {
            if let r = placer.place(furnSize, prefer: [3, 2, 1, 0]) { furnRect = r }
            else if mayAskForStrip { throw FurnitureNeedsStrip(scale: true) }
            else { furnRect = leastCovering(furnSize, [3, 2, 1, 0]) }
        }
        // A locator is a help, not the data: with no free place it is left off, and the manifest says so.
        let insetRect = insetSize.flatMap { placer.place($0, prefer: [1, 0, 3, 2]) }
        if insetSize != nil && insetRect == nil {
            manifest.leftOff = (manifest.leftOff ?? []) + ["inset: every place for it in the map would cover drawn events"]
        }
        for r in [legendRect, furnRect, insetRect].compactMap({ $0 }) { reserved.append(r) }
        // Towns and airfields under the panels are neither shown nor labelled.
        setPanels(reserved)

        if let r = legendRect {
            try drawLegend(rows: rows, texts: texts, heading: heading, rect: r, rowH: rowH, symbolW: symbolW, pad: pad)
            manifest.legend = rows.map(\.text)
            manifest.legendBox = [r.x, r.y, r.width, r.height]
        }
        if let r = furnRect {
            try drawScaleAndNorth(rect: r, pad: pad, arrowH: arrowH, km: (kmText, barW), miles: (miText, miW))
            manifest.scaleBox = [r.x, r.y, r.width, r.height]
        }
        if let r = insetRect, let wide {
            try drawInset(rect: r, wide: wide)
            manifest.insetBox = [r.x, r.y, r.width, r.height]
        }
        if style.showGraticule { reserved += try drawGraticule(avoiding: reserved) }
        return reserved
    }

    /// The longest round length (km or miles) not over `limit`: what a scale bar shows.
    static func roundLength(atMost limit: Double) -> Double {
        let nice = [0.5, 1.0, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 300, 500, 1000, 2000, 5000]
        return nice.last { $0 <= limit } ?? nice[0]
    }

    /// The width of the scale bar's box at the right end of the strip under the map.
    static func stripScaleWidth(pt: Double) -> Double { 120 * pt }
    /// Its height: the north arrow's, or two bars with their words.
    static func stripScaleHeight(pt: Double, style: MapStyle) -> Double {
        max(style.showNorthArrow ? 26 * pt : 0, (style.scaleMiles ? 2 : 1) * (8 * pt + style.legendSize * 1.4 * pt)) + 12 * pt
    }

    /// The scale bar and north arrow in a box of the strip under the map (no place in the map was free).
    func drawScaleInStrip(_ r: CanvasRect, into manifest: inout RenderManifest) throws {
        let pad = 6 * pt
        let kmPerUnit = rc.frame.kmPerUnitAtCenter
        let room = r.width - 2 * pad - (style.showNorthArrow ? 22 * pt : 0)
        let km = Self.roundLength(atMost: room * kmPerUnit)
        let miles = Self.roundLength(atMost: room * kmPerUnit / 1.609344)
        let kmText = try rc.text(km >= 1 ? "\(Int(km)) km" : "\(km) km", font: style.font, sizePt: style.legendSize)
        let miText = try rc.text(miles >= 1 ? "\(Int(miles)) mi" : "\(miles) mi", font: style.font, sizePt: style.legendSize)
        try drawScaleAndNorth(rect: r, pad: pad, arrowH: 24 * pt, km: (kmText, km / kmPerUnit), miles: (miText, miles * 1.609344 / kmPerUnit))
        manifest.scaleBox = [r.x, r.y, r.width, r.height]
    }

    func panel(_ r: CanvasRect) {
        let c = rc.cairo
        c.newPath()
        c.setColor(style.legendPaper)
        c.rectangle(r.x, r.y, r.width, r.height)
        c.fill(preserve: true)
        c.setColor(style.frame); c.setLineWidth(0.5 * pt); c.stroke()
    }

}
