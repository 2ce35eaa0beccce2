import Foundation
import StrikeMapEvents
import StrikeMapGeo

/// Legend, scale bar, north arrow, inset locator map and graticule.
extension MapScene {
    struct LegendRow {
        var kind: EventKind?
        var hollow = false
        var count: Int?
        var text: String
        var user: UserLayer? = nil
        var badge: Weapon? = nil
        var sizeKey = false
        var city = false
        var faded = false
    }

    func legendRows() -> [LegendRow] {
        var rows: [LegendRow] = []
        func order(_ k: EventKind) -> String { k == .attack ? "0" : k == .strike ? "1" : "2" + k.rawValue }
        // A series of frames keeps the same entries in every frame (with this frame's counts).
        let seriesKinds = spec.seriesEvents.map { Set($0.map(\.kind)) } ?? []
        let kinds = Array(Set(markers.map(\.group.kind)).union(seriesKinds)).sorted { order($0) < order($1) }
        let seriesClaimed = Set((spec.seriesEvents ?? []).filter { $0.confidence == .claimed }.map(\.kind))
        for k in kinds {
            let text = k == .attack ? "Attack on US or coalition forces" : k == .strike ? "US strike"
                : k.rawValue.replacingOccurrences(of: "-", with: " ").capitalized
            let n = markers.filter { $0.group.kind == k && !$0.group.claimed }.reduce(0) { $0 + $1.group.count }
            if n > 0 || seriesKinds.contains(k) { rows.append(LegendRow(kind: k, count: n, text: "\(text) (\(n))")) }
            let claimed = markers.filter { $0.group.kind == k && $0.group.claimed }.reduce(0) { $0 + $1.group.count }
            if claimed > 0 || seriesClaimed.contains(k) {
                let what = k == .attack ? "Attack claimed, not confirmed" : "\(text), claimed only"
                rows.append(LegendRow(kind: k, hollow: true, count: claimed, text: "\(what) (\(claimed))"))
            }
        }
        if spec.highlightSince != nil {
            rows.append(LegendRow(kind: .attack, text: "Earlier in the period shown", faded: true))
        }
        if markers.contains(where: { $0.group.count > 1 }) || spec.seriesEvents != nil {
            let what = spec.sizeBy == .casualties ? "Number: events; size: killed and injured" : "Number: events at the site"
            rows.append(LegendRow(text: what, sizeKey: true))
        }
        // Badges mark markers whose events all used one weapon; a count here would mislead.
        // A series lists every badge any of its frames may show, so the legend stays the same.
        var shown = badges
        if let series = spec.seriesEvents, style.showWeaponBadges {
            shown.formUnion(Self.singleWeapons(series, gazetteer: spec.gazetteer))
        }
        for w in Weapon.badged where shown.contains(w) {
            rows.append(LegendRow(text: w.label.prefix(1).uppercased() + w.label.dropFirst(), badge: w))
        }
        for user in spec.userLayers where !user.features.isEmpty { rows.append(LegendRow(text: user.name, user: user)) }
        if !cities.isEmpty { rows.append(LegendRow(text: "City", city: true)) }
        return rows
    }

    /// The legend's lines as they will probably read, before anything is drawn (to decide
    /// whether it fits in a corner of the map).
    static func expectedLegendTexts(_ spec: MapSpec) -> [String] {
        var rows: [String] = []
        let events = spec.seriesEvents ?? spec.events
        let kinds = Set(events.map(\.kind))
        for k in kinds {
            if events.contains(where: { $0.kind == k && $0.confidence != .claimed }) { rows.append("\(k.rawValue) on US or coalition forces (000)") }
            if events.contains(where: { $0.kind == k && $0.confidence == .claimed }) { rows.append("Attack claimed, not confirmed (000)") }
        }
        let groups = EventGroup.make(events, gazetteer: spec.gazetteer)
        if spec.aggregate != .none && (groups.contains(where: { $0.count > 1 }) || spec.seriesEvents != nil) {
            rows.append("Number: events at the site")
        }
        var weapons = Set<Weapon>()
        if spec.seriesEvents != nil {
            weapons = singleWeapons(events, gazetteer: spec.gazetteer)
        } else {
            for g in groups {
                if let w = g.events.first?.weapon, g.events.allSatisfy({ $0.weapon == w }), Weapon.badged.contains(w) { weapons.insert(w) }
            }
        }
        if spec.style.showWeaponBadges { rows += weapons.map { $0.label } }
        rows += spec.userLayers.map(\.name)
        if spec.highlightSince != nil { rows.append("Earlier in the period shown") }
        if spec.style.showCities { rows.append("City") }
        return rows
    }

    /// Weapons that some site group used exclusively, and so may carry a badge. Any event's own
    /// weapon counts too: in a frame or a panel a group may hold just that event.
    static func singleWeapons(_ events: [Event], gazetteer: Gazetteer) -> Set<Weapon> {
        Set(events.map(\.weapon).filter { Weapon.badged.contains($0) })
    }

    /// The legend laid out in columns in a strip under the map.
    func drawLegendStrip(_ r: CanvasRect, into manifest: inout RenderManifest) throws {
        let rows = legendRows()
        guard !rows.isEmpty else { return }
        let pad = 6 * pt, symbolW = 2 * style.markerRadius * 1.3 * pt
        let texts = try rows.map { try rc.text($0.text, font: style.font, sizePt: style.legendSize) }
        let rowH = max(texts.map(\.size.height).max() ?? 0, symbolW) + 2 * pt
        let colW = symbolW + 5 * pt + (texts.map(\.size.width).max() ?? 0) + 10 * pt
        let columns = max(1, Int((r.width - 2 * pad) / colW))
        // Fill column by column, so the legend reads downwards like a list.
        let perColumn = max(1, (rows.count + columns - 1) / columns)
        for (i, (row, text)) in zip(rows, texts).enumerated() {
            let x = r.x + pad + Double(i / perColumn) * colW
            let y = r.y + pad + Double(i % perColumn) * rowH
            try drawLegendRow(row, text: text, at: CanvasPoint(x: x, y: y), rowH: rowH, symbolW: symbolW)
        }
        manifest.legend = rows.map(\.text)
        manifest.legendBox = [r.x, r.y, r.width, r.height]
    }

    private func drawLegendRow(_ row: LegendRow, text: TextLayout, at o: CanvasPoint, rowH: Double, symbolW: Double) throws {
        let c = rc.cairo
        let center = CanvasPoint(x: o.x + symbolW / 2, y: o.y + rowH / 2)
        if let user = row.user {
            drawUserSymbol(user, at: center, size: symbolW)
        } else if let k = row.kind {
            drawMarker(kind: k, center: center, radius: style.markerRadius * pt, hollow: row.hollow, faded: row.faded)
        } else if let w = row.badge {
            try drawBadge(w, at: center)
        } else if row.city {
            c.newPath(); c.arc(center.x, center.y, radius: 1.6 * pt); c.setColor(style.cityDot); c.fill()
        } else if row.sizeKey {
            drawMarker(kind: .attack, center: center, radius: style.markerRadius * 1.35 * pt, hollow: false)
            let t = try rc.text("3", font: style.boldFont, sizePt: style.countSize)
            t.draw(x: center.x - t.size.width / 2, y: center.y - t.size.height / 2, color: countColor(kind: .attack, hollow: false))
        }
        text.draw(x: o.x + symbolW + 5 * pt, y: o.y + (rowH - text.size.height) / 2, color: style.title)
    }

    /// Draws legend, scale bar, north arrow and inset in the emptiest corners; returns their
    /// boxes, which labels must keep clear of.
    func drawFurniture(into manifest: inout RenderManifest) throws -> [CanvasRect] {
        let pad = 6 * pt
        let rows = style.showLegend && legendStrip == nil ? legendRows() : []
        let heading = try rc.text("Legend", font: style.boldFont, sizePt: style.legendSize)
        let texts = try rows.map { try rc.text($0.text, font: style.font, sizePt: style.legendSize) }
        let symbolW = 2 * style.markerRadius * 1.3 * pt
        let rowH = max(texts.map(\.size.height).max() ?? 0, symbolW) + 2 * pt
        let legendSize = (w: pad * 2 + symbolW + 5 * pt + (texts.map(\.size.width).max() ?? 0),
                          h: pad * 2 + heading.size.height + 2 * pt + rowH * Double(rows.count))

        // Scale bar: a round length near a fifth of the frame width, true at the centre latitude.
        let kmPerUnit = rc.frame.kmPerUnitAtCenter
        let nice = [0.5, 1.0, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 300, 500, 1000, 2000, 5000]
        let km = nice.last(where: { $0 <= mapRect.width * 0.18 * kmPerUnit }) ?? nice[0]
        let miles = nice.last(where: { $0 <= mapRect.width * 0.18 * kmPerUnit / 1.609344 }) ?? nice[0]
        let kmText = try rc.text(km >= 1 ? "\(Int(km)) km" : "\(km) km", font: style.font, sizePt: style.legendSize)
        let miText = try rc.text(miles >= 1 ? "\(Int(miles)) mi" : "\(miles) mi", font: style.font, sizePt: style.legendSize)
        let barW = km / kmPerUnit, miW = miles * 1.609344 / kmPerUnit
        let showScale = style.showScaleBar || style.showNorthArrow
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
        func corner(_ i: Int, _ size: (w: Double, h: Double)) -> CanvasRect {
            CanvasRect(x: i % 2 == 0 ? mapRect.x + gap : mapRect.maxX - gap - size.w,
                       y: i < 2 ? mapRect.y + gap : mapRect.maxY - gap - size.h, width: size.w, height: size.h)
        }
        // In a series, every frame's events count, so the panels stay put from frame to frame.
        let seriesPoints = (spec.seriesEvents ?? []).compactMap { rc.frame.project($0.location) }
        func cost(_ r: CanvasRect) -> Double {
            let grown = r.insetBy(-8 * pt)
            return Double(markers.filter { grown.contains($0.center) }.count) * 10
                + Double(seriesPoints.filter { grown.contains($0) }.count) * 10
                + Double(cities.filter { grown.contains($0.point) }.count)
        }
        var free = [2, 3, 0, 1]
        func take(_ size: (w: Double, h: Double), prefer: [Int]) -> CanvasRect {
            let order = prefer.filter { free.contains($0) }
            let best = order.min { cost(corner($0, size)) < cost(corner($1, size)) }!
            free.removeAll { $0 == best }
            return corner(best, size)
        }
        var reserved: [CanvasRect] = []
        let legendRect = rows.isEmpty ? nil : take(legendSize, prefer: [2, 3, 0, 1])
        let furnRect = showScale ? take(furnSize, prefer: [3, 2, 1, 0]) : nil
        let insetRect = insetSize.flatMap { size in free.isEmpty ? nil : take(size, prefer: [1, 0, 3, 2]) }
        for r in [legendRect, furnRect, insetRect].compactMap({ $0 }) { reserved.append(r) }
        // Towns under the panels are neither shown nor labelled.
        cities.removeAll { c in reserved.contains { $0.insetBy(-3 * pt).contains(c.point) } }

        if let r = legendRect {
            try drawLegend(rows: rows, texts: texts, heading: heading, rect: r, rowH: rowH, symbolW: symbolW, pad: pad)
            manifest.legend = rows.map(\.text)
            manifest.legendBox = [r.x, r.y, r.width, r.height]
        }
        if let r = furnRect {
            try drawScaleAndNorth(rect: r, pad: pad, arrowH: arrowH, km: (kmText, barW), miles: (miText, miW))
        }
        if let r = insetRect, let wide {
            try drawInset(rect: r, wide: wide)
            manifest.insetBox = [r.x, r.y, r.width, r.height]
        }
        if style.showGraticule { reserved += try drawGraticule(avoiding: reserved) }
        return reserved
    }

    func panel(_ r: CanvasRect) {
        let c = rc.cairo
        c.newPath()
        c.setColor(style.legendPaper)
        c.rectangle(r.x, r.y, r.width, r.height)
        c.fill(preserve: true)
        c.setColor(style.frame); c.setLineWidth(0.5 * pt); c.stroke()
    }

    private func drawLegend(rows: [LegendRow], texts: [TextLayout], heading: TextLayout, rect r: CanvasRect,
                            rowH: Double, symbolW: Double, pad: Double) throws {
        let c = rc.cairo
        panel(r)
        heading.draw(x: r.x + pad, y: r.y + pad, color: style.title)
        var y = r.y + pad + heading.size.height + 2 * pt
        for (row, text) in zip(rows, texts) {
            try drawLegendRow(row, text: text, at: CanvasPoint(x: r.x + pad, y: y), rowH: rowH, symbolW: symbolW)
            y += rowH
        }
    }

    func drawScaleAndNorth(rect r: CanvasRect, pad: Double, arrowH: Double,
                                   km: (TextLayout, Double), miles: (TextLayout, Double)) throws {
        let c = rc.cairo
        panel(r)
        if style.showScaleBar {
            var bars = [km]
            if style.scaleMiles { bars.append(miles) }
            var barY = r.y + pad + 2 * pt
            for (label, width) in bars {
                c.newPath()
                c.setColor(style.title)
                c.rectangle(r.x + pad, barY, width / 2, 3 * pt); c.fill()
                c.rectangle(r.x + pad, barY, width, 3 * pt); c.setLineWidth(0.6 * pt); c.stroke()
                label.draw(x: r.x + pad, y: barY + 4 * pt, color: style.title)
                barY += 8 * pt + label.size.height
            }
        }
        guard style.showNorthArrow else { return }
        // North arrow at the right of the panel, turned to true north where it stands.
        let n = try rc.text("N", font: style.boldFont, sizePt: style.legendSize)
        let ax = r.maxX - pad - 6 * pt, ay = r.y + pad + n.size.height + (arrowH - n.size.height) / 2
        let angle = rc.frame.northAngle(at: CanvasPoint(x: ax, y: ay))
        c.save()
        c.translate(ax, ay)
        c.rotate(angle)
        let ah = (arrowH - n.size.height) / 2
        c.newPath(); c.move(to: 0, -ah); c.line(to: 4 * pt, ah); c.line(to: 0, ah * 0.55); c.closePath()
        c.setColor(style.title); c.fill()
        c.newPath(); c.move(to: 0, -ah); c.line(to: -4 * pt, ah); c.line(to: 0, ah * 0.55); c.closePath()
        c.setColor(style.title); c.setLineWidth(0.6 * pt); c.stroke()
        c.restore()
        n.draw(x: ax - n.size.width / 2, y: r.y + pad * 0.6, color: style.title)
    }

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

    private func drawInset(rect: CanvasRect, wide: GeoBox) throws {
        let c = rc.cairo
        let frame = try MapFrame(region: Region.custom(wide), rect: rect)
        let inner = RenderContext(cairo: c, frame: frame, style: style, pt: pt, sink: rc.sink)
        c.save()
        c.newPath()
        c.rectangle(rect.x, rect.y, rect.width, rect.height)
        c.clip()
        c.setColor(style.sea); c.paint()
        let eventCountries = Set(spec.events.map { $0.country.uppercased() })
        try PolygonLayer(features: spec.basemap.land, fill: style.land, stroke: nil).draw(in: inner)
        try PolygonLayer(features: spec.basemap.admin1, fill: style.focusLand, stroke: nil,
                         filter: { eventCountries.contains($0["iso_a2"] ?? "") }).draw(in: inner)
        try LineLayer(features: spec.basemap.borders, color: style.border, widthPt: 0.35).draw(in: inner)
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
        c.newPath()
        c.setColor(style.frame); c.setLineWidth(0.6 * pt)
        c.rectangle(rect.x, rect.y, rect.width, rect.height); c.stroke()
    }

    /// Meridians and parallels at a round step, with degree labels inside the frame's left and
    /// bottom edges. Returns the label boxes.
    private func drawGraticule(avoiding reserved: [CanvasRect]) throws -> [CanvasRect] {
        let c = rc.cairo
        let v = rc.frame.visibleBox
        let steps = [0.25, 0.5, 1, 2, 5, 10, 15, 30]
        let step = steps.first { (v.east - v.west) / $0 <= 8 } ?? 30
        var boxes: [CanvasRect] = []
        func degrees(_ d: Double, _ pos: String, _ neg: String) -> String {
            let a = abs(d)
            let text = a == a.rounded() ? String(Int(a)) : String(format: "%g", a)
            return "\(text)°\(d >= 0 ? pos : neg)"
        }
        c.save()
        c.setColor(style.graticule); c.setLineWidth(0.4 * pt)
        var lon = (v.west / step).rounded(.up) * step
        while lon <= v.east {
            let line = stride(from: v.south, through: v.north, by: (v.north - v.south) / 40).map { GeoPoint(lat: $0, lon: lon) }
            c.newPath(); rc.addPath(line, close: false); c.stroke()
            // Label where the meridian meets the bottom edge.
            // Label at the bottom edge, or the top one where a panel is in the way.
            let t = try rc.text(degrees(lon, "E", "W"), font: style.font, sizePt: style.legendSize * 0.9)
            for bottom in [true, false] {
                guard let p = crossing(meridian: lon, atBottom: bottom),
                      p > mapRect.x + 12 * pt, p < mapRect.maxX - 12 * pt - t.size.width else { continue }
                let y = bottom ? mapRect.maxY - t.size.height - 2 * pt : mapRect.y + 2 * pt
                let box = CanvasRect(x: p + 2 * pt, y: y, width: t.size.width, height: t.size.height)
                if !(reserved + boxes).contains(where: { $0.intersects(box) }) {
                    t.drawWithHalo(x: box.x, y: box.y, color: style.footer, halo: style.halo, haloWidth: 1 * pt)
                    boxes.append(box)
                    break
                }
            }
            lon += step
        }
        var lat = (v.south / step).rounded(.up) * step
        while lat <= v.north {
            let line = stride(from: v.west, through: v.east, by: (v.east - v.west) / 60).map { GeoPoint(lat: lat, lon: $0) }
            c.newPath(); rc.addPath(line, close: false); c.stroke()
            // Label at the left edge, or the right one where a panel is in the way.
            let t = try rc.text(degrees(lat, "N", "S"), font: style.font, sizePt: style.legendSize * 0.9)
            for left in [true, false] {
                guard let p = crossing(parallel: lat, atLeft: left),
                      p > mapRect.y + 12 * pt + t.size.height, p < mapRect.maxY - 12 * pt else { continue }
                let x = left ? mapRect.x + 2 * pt : mapRect.maxX - 2 * pt - t.size.width
                let box = CanvasRect(x: x, y: p - t.size.height - 1 * pt, width: t.size.width, height: t.size.height)
                if !(reserved + boxes).contains(where: { $0.intersects(box) }) {
                    t.drawWithHalo(x: box.x, y: box.y, color: style.footer, halo: style.halo, haloWidth: 1 * pt)
                    boxes.append(box)
                    break
                }
            }
            lat += step
        }
        c.restore()
        return boxes
    }

    /// x where a meridian crosses the frame's bottom (or top) edge.
    private func crossing(meridian lon: Double, atBottom: Bool) -> Double? {
        var best: (Double, Double)?
        for i in 0...200 {
            let x = mapRect.x + mapRect.width * Double(i) / 200
            guard let g = rc.frame.unproject(CanvasPoint(x: x, y: atBottom ? mapRect.maxY : mapRect.y)) else { continue }
            let d = abs(g.lon - lon)
            if d < (best?.1 ?? .infinity) { best = (x, d) }
        }
        return best.flatMap { $0.1 < 0.5 ? $0.0 : nil }
    }

    /// y where a parallel crosses the frame's left (or right) edge.
    private func crossing(parallel lat: Double, atLeft: Bool) -> Double? {
        var best: (Double, Double)?
        for i in 0...200 {
            let y = mapRect.y + mapRect.height * Double(i) / 200
            guard let g = rc.frame.unproject(CanvasPoint(x: atLeft ? mapRect.x : mapRect.maxX, y: y)) else { continue }
            let d = abs(g.lat - lat)
            if d < (best?.1 ?? .infinity) { best = (y, d) }
        }
        return best.flatMap { $0.1 < 0.5 ? $0.0 : nil }
    }

    // MARK: Weapon badges

    /// A small lettered disc beside a marker for its weapon: D drone, R rocket, M ballistic
    /// missile, G gunship, A aircraft. Letters stay legible in grayscale and for colour-blind readers.
    func drawBadge(_ w: Weapon, at p: CanvasPoint) throws {
        let c = rc.cairo
        let r = 3.6 * pt
        c.newPath(); c.arc(p.x, p.y, radius: r)
        c.setColor(style.legendPaper); c.fill(preserve: true)
        c.setColor(style.title); c.setLineWidth(0.6 * pt); c.stroke()
        let t = try rc.text(w.badgeLetter, font: style.boldFont, sizePt: 5.2)
        t.draw(x: p.x - t.size.width / 2, y: p.y - t.size.height / 2, color: style.title)
    }
}

extension Weapon {
    /// The weapons that get a badge, in legend order.
    static let badged: [Weapon] = [.drone, .rocket, .ballisticMissile, .gunship, .aircraft]

    var badgeLetter: String {
        switch self {
        case .drone: return "D"
        case .rocket: return "R"
        case .ballisticMissile: return "M"
        case .gunship: return "G"
        case .aircraft: return "A"
        case .mixed: return "+"
        case .unknown: return "?"
        }
    }
}
