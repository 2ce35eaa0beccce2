import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The locator inset: the wider region, with the main map's frame traced on it.
extension MapComposer {
    /// The wider region an inset shows: about four times the frame, within the basemap; nil when
    /// the map is already regional enough that an inset would add nothing.
    func insetBox() -> GeoBox? {
        guard style.showInset else { return nil }
        let v = rc.frame.visibleBox
        let spanLon = v.east - v.west, spanLat = v.north - v.south
        guard spanLon < 24 && spanLat < 18 else { return nil }
        let c = v.center
        let half = max(spanLon * 2.2, spanLat * 2.2 * 1.3, 12)
        var box = GeoBox(west: c.lon - half, south: c.lat - half / 1.3, east: c.lon + half, north: c.lat + half / 1.3)
        let e = spec.basemap.extent
        // Keep inside the basemap, sliding rather than cutting where possible.
        if box.west < e.west { box.east += e.west - box.west; box.west = e.west }
        if box.east > e.east { box.west -= box.east - e.east; box.east = e.east }
        if box.south < e.south { box.north += e.south - box.south; box.south = e.south }
        if box.north > e.north { box.south -= box.north - e.north; box.north = e.north }
        box = GeoBox(west: max(box.west, e.west, -180), south: max(box.south, e.south, -85),
                     east: min(box.east, e.east, 180), north: min(box.north, e.north, 85))
        return box.east > box.west && box.north > box.south ? box : nil
    }

    func drawInset(rect: CanvasRect, wide: GeoBox) throws {
        let c = rc.cairo
        if rc.sink == nil, case .image = c.surface.kind, c.isUntransformed {
            // A raster map draws the inset through an image of its pixels, which a service (or a
            // series of frames) keeps with its basemap: the inset projects the wider region's
            // land, provinces and borders, a tenth of an uncached map's time. It is drawn this way
            // whether or not it is kept, so a map's pixels never depend on what was asked before.
            let x0 = rect.x.rounded(.down), y0 = rect.y.rounded(.down)
            let w = Int((rect.maxX.rounded(.up) - x0)), h = Int((rect.maxY.rounded(.up) - y0))
            let countries = Set(spec.events.map { $0.country.uppercased() }).sorted().joined(separator: ",")
            let key = "inset:" + BaseLayerCache.key(rect, w, h, region: .custom(wide)) + "|"
                + BaseLayerCache.key(mapRect, spec.widthPx, spec.heightPx, region: spec.region) + "|" + countries
            let image: ARGBImage
            if let kept = spec.baseCache?.image(for: key) {
                image = kept
            } else {
                let surface = try CairoSurface(.image(width: max(1, w), height: max(1, h)))
                let offscreen = try CairoContext(surface: surface)
                offscreen.translate(-x0, -y0)
                try drawInsetBody(on: offscreen, rect: rect, wide: wide)
                guard let snapshot = surface.argbSnapshot() else {
                    throw RenderError.cairo(operation: "drawing the inset", status: "no pixel data")
                }
                image = snapshot
                spec.baseCache?.store(image, for: key)
            }
            try c.paint(image, x: x0, y: y0)
        } else {
            try drawInsetBody(on: c, rect: rect, wide: wide)
        }
        c.newPath()
        c.setColor(style.frame); c.setLineWidth(0.6 * pt)
        c.rectangle(rect.x, rect.y, rect.width, rect.height); c.stroke()
    }

    /// The inset's sea, land, provinces with events, borders and the main map's outline, clipped
    /// to its rectangle, on `c`.
    private func drawInsetBody(on c: CairoContext, rect: CanvasRect, wide: GeoBox) throws {
        let frame = try MapFrame(region: Region.custom(wide), rect: rect)
        let inner = RenderContext(cairo: c, frame: frame, style: style, pt: pt, sink: rc.sink)
        c.save()
        c.newPath()
        c.rectangle(rect.x, rect.y, rect.width, rect.height)
        c.clip()
        c.setColor(style.sea); c.paint()
        // A simpler basemap: land, the countries with events, borders.
        let eventCountries = Set(spec.events.map { $0.country.uppercased() })
        let context = PlanContext(spec: spec, rc: inner, mapRect: rect, layers: [])
        func paint(_ s: any Symbolizer, _ features: [Feature]) throws {
            let doc = MapLayerDocument(id: "inset", source: .background, symbolizers: [])
            for step in try s.plan(LayerInput(document: doc, features: features, events: []), in: context).paint { try step(inner) }
        }
        try paint(PolygonSymbolizer(fill: .literal(style.land)), spec.basemap.land)
        try paint(PolygonSymbolizer(fill: .literal(style.focusLand)),
                  spec.basemap.admin1.filter { eventCountries.contains($0["iso_a2"] ?? "") })
        try paint(LineSymbolizer(stroke: .literal(style.border), width: .literal(0.35)), spec.basemap.borders)
        // The main map's frame, as the reader would trace it.
        var outline: [CanvasPoint] = []
        let m = mapRect
        let n = 12
        for i in 0..<(4 * n) {
            let t = Double(i % n) / Double(n)
            let p: CanvasPoint
            switch i / n {
            case 0: p = CanvasPoint(x: m.x + m.width * t, y: m.y)
            case 1: p = CanvasPoint(x: m.maxX, y: m.y + m.height * t)
            case 2: p = CanvasPoint(x: m.maxX - m.width * t, y: m.maxY)
            default: p = CanvasPoint(x: m.x, y: m.maxY - m.height * t)
            }
            if let g = rc.frame.unproject(p), let q = frame.project(g) { outline.append(q) }
        }
        if let first = outline.first {
            c.newPath()
            c.move(to: first.x, first.y)
            for q in outline.dropFirst() { c.line(to: q.x, q.y) }
            c.closePath()
            c.setColor(style.insetFrame.with(alpha: 0.12)); c.fill(preserve: true)
            c.setColor(style.insetFrame); c.setLineWidth(1.2 * pt); c.stroke()
        }
        c.restore()
    }

}
