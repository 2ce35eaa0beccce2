import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Towns and cities of the basemap: a dot each (capitals ringed), thinned by the map's scale,
/// spelled as the gazetteer spells them, and labelled after the event sites. Towns that are
/// themselves event sites are left to the events layer.
struct PlaceSymbolizer: Symbolizer {
    static let type = "places"
    /// Whether the towns get labels as well as dots.
    var labels = true

    init() {}

    /// Past this width a map is a continent's or the world's: towns near events only, no leaders.
    static let wideKm = 3000.0

    enum CodingKeys: String, CodingKey, CaseIterable { case labels }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        labels = try r(.labels, true)
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let towns = selectCities(layer.features, ctx: ctx)
        var plan = LayerPlan(paint: [{ rc in Self.drawDots(towns, rc) }])
        plan.towns = towns
        // Drawn again over a density view, which would cover them.
        plan.repaintOverCover = plan.paint
        let pt = ctx.pt, style = ctx.style
        for town in towns { plan.avoid(squareObstacle(town.point, 2.4 * pt), site: town.point) }
        // Capitals (with a leader if need be), then other towns by rank; a town under a panel is
        // neither shown nor labelled.
        // On a continent's or the world's map a capital's name sits near its dot or is left off:
        // a long leader across a crowded Europe pointed at the wrong capital.
        let wide = ctx.rc.frame.kmPerUnitAtCenter * ctx.mapRect.width > Self.wideKm
        if labels {
            plan.labels = {
                var batch = LabelBatch()
                for city in towns {
                    try batch.add(ctx.labelName(city.name, city.arabic), role: "city", font: city.capital ? style.boldFont : style.font,
                                  sizePt: city.capital ? style.capitalLabelSize : style.cityLabelSize,
                                  color: city.capital ? style.capitalText : style.cityText, anchor: city.point,
                                  clearance: (city.capital ? 3.3 : 2.2) * pt, priority: (city.capital ? 300 : 1000) + city.rank * 10,
                                  leader: city.capital && !city.farFromEvents, leaderSteps: wide ? [0, 7 * pt, 14 * pt] : nil,
                                  minorSite: true,
                                  leaderMayCrossMarks: city.capital, in: ctx.rc)
                }
                return batch
            }
        }
        if !towns.isEmpty {
            plan.legend = [LegendRow(text: "City") { rc, center, _ in
                Self.drawTown(LayerPlan.Town(name: "", point: center, capital: false, rank: 0), rc)
            }]
        }
        return plan
    }

    /// The towns' dots.
    static func drawDots(_ towns: [LayerPlan.Town], _ rc: RenderContext) {
        for city in towns { drawTown(city, rc) }
    }

    /// A town is an open ring, a capital a ringed dot: neither can be taken for an event, whose
    /// marks are filled (a cluster of one on a world map is a filled dot of about a town's size).
    static func drawTown(_ city: LayerPlan.Town, _ rc: RenderContext) {
        let c = rc.cairo, pt = rc.pt, style = rc.style
        c.newPath()
        if city.capital {
            let r = 2.1 * pt
            c.arc(city.point.x, city.point.y, radius: r + 1.2 * pt)
            c.setColor(.white); c.fill(preserve: true)
            c.setColor(style.cityDot); c.setLineWidth(0.6 * pt); c.stroke()
            c.arc(city.point.x, city.point.y, radius: r)
            c.setColor(style.cityDot)
            c.fill()
        } else {
            c.arc(city.point.x, city.point.y, radius: 1.7 * pt)
            c.setColor(style.legendPaper); c.fill(preserve: true)
            c.setColor(style.cityDot); c.setLineWidth(0.9 * pt); c.stroke()
        }
    }

    /// Populated places to show, thinned by map scale, spelled as the gazetteer spells them.
    private func selectCities(_ places: [Feature], ctx: PlanContext) -> [LayerPlan.Town] {
        // Every frame of a series shows the same towns: chosen once for the series and frame.
        let spec = ctx.spec, m = ctx.mapRect
        let question = "cities|\(m.x),\(m.y),\(m.width),\(m.height)|\(spec.region.bbox)|\(spec.region.projectionDefinition)|\(places.count)|\(ctx.eventSitesLabelled)|\(spec.labels)|\(spec.dpi)"
        return SeriesMemo.shared.value(spec.seriesEvents ?? spec.events, question) { chooseCities(places, ctx: ctx) }
    }

    private func chooseCities(_ places: [Feature], ctx: PlanContext) -> [LayerPlan.Town] {
        let rc = ctx.rc, spec = ctx.spec, mapRect = ctx.mapRect, pt = ctx.pt
        let widthKm = rc.frame.kmPerUnitAtCenter * mapRect.width
        // A continent's or the world's map takes only the largest places (Natural Earth's ranks
        // 0-1, 0-2): with rank 3 a world hexbin carried some 500 town dots, which read as events.
        let maxRank = widthKm > 8000 ? 1.0 : widthKm > 4500 ? 2.0 : widthKm > 2500 ? 3.0 : widthKm > 1200 ? 5.0 : widthKm > 500 ? 6.0 : 7.0
        // A series uses all its frames' events, so the same towns show in every frame.
        let all = spec.seriesEvents ?? spec.events
        var eventSites = Set<String>()
        for i in all.indices { if let s = all[i].siteID { eventSites.insert(s) } }
        // Event places by cells of a fifth of a degree: a town looks only at the events around
        // it, not at every event (a war's log has tens of thousands).
        struct Cell: Hashable { var x: Int, y: Int }
        func cell(_ p: GeoPoint) -> Cell { Cell(x: Int((p.lon * 5).rounded(.down)), y: Int((p.lat * 5).rounded(.down))) }
        // Only events that carry a name count: a town beside an unnamed event (a file of bare
        // coordinates) keeps its own name, or Baghdad went unnamed under a marker on Baghdad.
        var eventCells: [Cell: [GeoPoint]] = [:]
        for i in all.indices where all[i].siteID.flatMap({ spec.gazetteer[$0] }) != nil || !(all[i].siteName ?? "").isEmpty {
            eventCells[cell(all[i].location), default: []].append(all[i].location)
        }
        func nearEvent(_ g: GeoPoint) -> Bool {
            let c = cell(g)
            for dx in -1...1 {
                for dy in -1...1 where eventCells[Cell(x: c.x + dx, y: c.y + dy)]?.contains(where: { $0.distanceKm(to: g) < 12 }) == true {
                    return true
                }
            }
            return false
        }
        // On a crowded map the capitals are named whatever the events around them: the reader
        // needs them to find the way, and the village names of the data would crowd them out.
        var distinct = Set<GeoPoint>()
        for i in all.indices where distinct.count <= 150 { distinct.insert(all[i].location) }
        let crowded = distinct.count > 150
        // Under clusters or a density view no event site is named: every town keeps its name.
        let sitesNamed = ctx.eventSitesLabelled
        // On a map of a continent or the world the towns are there to find the events by: those
        // near events (within a twelfth of the frame's diagonal on the page), and the capitals of
        // a region asked for by name, after them and without leaders. Capitals on other continents, with
        // their leaders, crowded the events out, and unnamed dots far from any event read as
        // events. A region's map keeps all its towns.
        let reach = widthKm > Self.wideKm ? 0.08 * (mapRect.width * mapRect.width + mapRect.height * mapRect.height).squareRoot() : nil
        var near: [Int64: [CanvasPoint]] = [:]
        func pageCell(_ p: CanvasPoint, _ size: Double) -> (Int, Int) { (Int((p.x / size).rounded(.down)), Int((p.y / size).rounded(.down))) }
        func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }
        if let reach {
            var seen = Set<GeoPoint>()
            let sites = all.indices.compactMap { seen.insert(all[$0].location).inserted ? all[$0].location : nil }
            for case let p? in rc.frame.project(points: sites) {
                let (x, y) = pageCell(p, reach)
                near[key(x, y), default: []].append(p)
            }
        }
        func nearEvents(_ p: CanvasPoint) -> Bool {
            guard let reach else { return true }
            let (x, y) = pageCell(p, reach)
            for dx in -1...1 { for dy in -1...1 {
                if near[key(x + dx, y + dy)]?.contains(where: { hypot($0.x - p.x, $0.y - p.y) <= reach }) == true { return true }
            } }
            return false
        }
        var out: [LayerPlan.Town] = []
        for f in places {
            guard case .points(let ps) = f.geometry, let g = ps.first, rc.frame.visibleBox.contains(g),
                  let rank = Double(f["scalerank"] ?? ""), rank <= maxRank,
                  let p = rc.frame.project(g), mapRect.insetBy(4 * pt).contains(p) else { continue }
            let capital = (f["featurecla"] ?? "").lowercased().contains("admin-0 capital")
            let far = !nearEvents(p)
            // Far from every event, only a capital of a region asked by name stays: a frame fitted
            // to the data, or a box, takes in the capitals of every continent it spans.
            if far && !(capital && spec.region.origin == .preset && spec.region.bbox.contains(g)) { continue }
            // A town that is itself an event site is labelled as the site.
            if sitesNamed && !(crowded && capital) && nearEvent(g) { continue }
            let raw = f["nameascii"] ?? f["name"] ?? ""
            let match = spec.gazetteer.sites.first {
                ($0.kind == .city || $0.kind == .town) && $0.location.distanceKm(to: g) < 15
            }
            if sitesNamed, let m = match, eventSites.contains(m.id) { continue }
            let name = match?.name ?? raw
            out.append(.init(name: name, arabic: match?.arabicName, point: p, capital: capital, rank: rank - (capital ? 2 : 0) + (far ? 50 : 0),
                             farFromEvents: far))
        }
        return out.sorted { $0.rank < $1.rank }
    }
}
