import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The events: one marker per site and kind (or per event, or per few millimetres of page),
/// its area growing with the count, the count printed inside, a weapon badge when all its
/// events used one weapon, and the site named beside it. Markers that would overlap are nudged
/// apart, with a dot and a hairline to the true place.
struct EventMarkerSymbolizer: Symbolizer {
    static let type = "markers"
    static let traits: SymbolizerTraits = .drawsEvents
    /// How co-located events become markers; default: the map's (`site`).
    var aggregate: Aggregation?
    /// What a marker's area shows; default: the map's (`count`).
    var sizeBy: MarkerSize?
    /// Weapon badges: true, false or a style switch.
    var badges: SwitchValue = "@showWeaponBadges"
    /// Whether the sites are labelled.
    var labels = true
    func labelsEventSites(_ layer: LayerInput, spec: MapSpec) -> Bool { labels }
    /// What the shapes and colours show; default: the document's symbology (`type`).
    var colorBy: ColorBy?
    /// How far a marker may be moved off its place to clear a neighbour, in millimetres on the
    /// page. Markers that cannot be separated within it are merged into one, at their centre.
    var maxShift = 2.0

    init(aggregate: Aggregation? = nil, sizeBy: MarkerSize? = nil) {
        self.aggregate = aggregate
        self.sizeBy = sizeBy
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case aggregate, sizeBy, badges, labels, colorBy, maxShift }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        aggregate = try r.optional(.aggregate)
        sizeBy = try r.optional(.sizeBy)
        badges = try r(.badges, "@showWeaponBadges")
        labels = try r(.labels, true)
        colorBy = try r.optional(.colorBy)
        maxShift = try r(.maxShift, 2.0)
        guard maxShift.isFinite, maxShift >= 0, maxShift <= 20 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.maxShift],
                debugDescription: "maxShift is 0 to 20 millimetres on the page, e.g. 2"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(aggregate, forKey: .aggregate)
        try c.encodeIfPresent(sizeBy, forKey: .sizeBy)
        if badges != "@showWeaponBadges" { try c.encode(badges, forKey: .badges) }
        if !labels { try c.encode(labels, forKey: .labels) }
        try c.encodeIfPresent(colorBy, forKey: .colorBy)
        if maxShift != 2 { try c.encode(maxShift, forKey: .maxShift) }
    }

    // MARK: Groups and sizes

    /// Area grows with the number. Up to a few dozen per marker, a marker of one event has the
    /// style's radius and the largest is capped; past that (a whole war's log) the cap would
    /// make 13 look like 1,125, so areas are scaled to the largest instead, with a floor.
    func radius(forCount n: Int, largest: Int, _ ctx: PlanContext) -> Double {
        let base = ctx.style.markerRadius, cap = ctx.style.markerMaxRadius
        let cappedAt = (cap / base) * (cap / base)
        if Double(largest) <= 4 * cappedAt { return min(cap, base * sqrt(Double(n))) * ctx.pt }
        return max(0.55 * base, cap * sqrt(Double(n) / Double(largest))) * ctx.pt
    }

    /// The largest number a marker shows, and how much every marker shrinks on a dense map: so
    /// that together they cover at most a sixth of the frame, since markers pushed far from their
    /// places would misinform more than small ones.
    func sizing(_ groups: [EventGroup], _ ctx: PlanContext) -> (largest: Int, shrink: Double) {
        let largest = groups.map { sizeMeasure($0, ctx) }.max() ?? 1
        var area = 0.0
        for g in groups {
            guard let p = ctx.rc.frame.project(g.location), ctx.mapRect.contains(p) else { continue }
            let r = radius(forCount: sizeMeasure(g, ctx), largest: largest, ctx)
            area += Double.pi * r * r
        }
        let budget = ctx.mapRect.width * ctx.mapRect.height / 6
        return (largest, area > budget ? max(0.3, (budget / area).squareRoot()) : 1)
    }

    /// The number a marker's area shows.
    func sizeMeasure(_ g: EventGroup, _ ctx: PlanContext) -> Int {
        switch sizeBy ?? ctx.spec.sizeBy {
        case .count: return g.count
        case .none: return 1
        case .casualties:
            // Added without overflow: a typo of many digits must not stop the map.
            let people = g.events.reduce(0) { total, e in
                min(1_000_000_000, total &+ min(1_000_000_000, max(0, e.killed ?? 0)) &+ min(1_000_000_000, max(0, e.injured ?? 0)))
            }
            return max(1, people)
        }
    }

    /// Groups for the chosen aggregation; `grid` merges site groups that fall in one page cell.
    func groups(_ events: [Event], _ ctx: PlanContext) -> [EventGroup] {
        let spec = ctx.spec
        let symbology = ctx.symbology(colorBy)
        let marks = spec.symbology.precision == .show
        switch aggregate ?? spec.aggregate {
        case .none:
            return events.map { e in
                var g = EventGroup(kind: e.kind, classKey: symbology.key(of: e), siteID: e.siteID,
                                   label: e.siteID.flatMap { spec.gazetteer[$0]?.name } ?? e.siteName ?? "",
                                   location: e.location, events: [e], claimed: e.confidence == .claimed,
                                   earlier: spec.highlightSince.map { e.date < $0 } ?? false)
                g.coarse = EventGroup.coarseness(e, marked: marks)
                return g
            }
        case .site:
            return EventGroup.make(events, gazetteer: spec.gazetteer, highlightSince: spec.highlightSince, classKey: symbology.key(of:),
                                   marksPrecision: marks)
        case .grid:
            let cell = 24 * ctx.pt
            var cells: [String: [EventGroup]] = [:]
            var order: [String] = []
            for g in EventGroup.make(events, gazetteer: spec.gazetteer, highlightSince: spec.highlightSince, classKey: symbology.key(of:),
                                     marksPrecision: marks) {
                guard let p = ctx.rc.frame.project(g.location) else { continue }
                let key = "\(Int((p.x / cell).rounded(.down))),\(Int((p.y / cell).rounded(.down)))|\(g.classKey)|\(g.claimed)|\(g.earlier)|\(g.coarse?.rawValue ?? "")"
                if cells[key] == nil { order.append(key) }
                cells[key, default: []].append(g)
            }
            return order.map { key in
                let members = cells[key]!.sorted { $0.count > $1.count }
                let n = Double(members.reduce(0) { $0 + $1.count })
                let lat = members.reduce(0) { $0 + $1.location.lat * Double($1.count) } / n
                let lon = members.reduce(0) { $0 + $1.location.lon * Double($1.count) } / n
                var merged = members[0]
                merged.events = members.flatMap(\.events)
                if members.count > 1 {
                    merged.location = GeoPoint(lat: lat, lon: lon)
                    merged.siteID = members[0].siteID
                    merged.label = members[0].label + " area"
                }
                return merged
            }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        }
    }

    /// The weapon badge a marker carries: only when all its events used the same badged weapon.
    func badge(for g: EventGroup, shown: Bool) -> Weapon? {
        guard shown, !g.earlier, let w = g.events.first?.weapon, Weapon.badged.contains(w),
              g.events.allSatisfy({ $0.weapon == w }) else { return nil }
        return w
    }

    // MARK: Plan

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let mapRect = ctx.mapRect, pt = ctx.pt, style = ctx.style
        let symbology = ctx.symbology(colorBy)
        var placed: [(group: EventGroup, truth: CanvasPoint, radius: Double, extent: Double, sites: Int)] = []
        var offFrame = 0
        let all = groups(layer.events, ctx)
        // A series of frames or panels sizes its markers on the whole series, so that one count
        // has one size in every panel and the panels can be compared.
        let scale = sizing(ctx.spec.seriesEvents.map { groups($0, ctx) } ?? all, ctx)
        var inFrame: [(group: EventGroup, truth: CanvasPoint)] = []
        for g in all {
            guard let p = ctx.rc.frame.project(g.location), mapRect.contains(p) else {
                offFrame += g.count
                continue
            }
            inFrame.append((g, p))
        }
        var plan = LayerPlan()
        plan.record.offFrame = offFrame
        let limit = maxShift * ctx.mm
        plan.record.maxShift = limit
        func markerRadius(_ measure: Int) -> Double {
            min(style.markerMaxRadius * pt, radius(forCount: measure, largest: scale.largest, ctx) * scale.shrink)
        }
        // Markers of one class that would overlap more than moving each by the limit can clear
        // are merged, at their centre, rather than pushed away from their places.
        var byClass: [String: [Int]] = [:]
        var classOrder: [String] = []
        for (i, m) in inFrame.enumerated() {
            let key = "\(m.group.classKey)|\(m.group.claimed)|\(m.group.earlier)|\(m.group.coarse?.rawValue ?? "")"
            if byClass[key] == nil { classOrder.append(key) }
            byClass[key, default: []].append(i)
        }
        // Two markers can part if each moves half their overlap; in a crowd each has many
        // neighbours, so only overlaps up to 60% of the pair's radii are left to the nudging.
        let clusterer = ScreenClusterer(radius: markerRadius, tolerance: { a, b in min(2 * limit, 0.6 * (a + b)) }, gap: 1.2 * pt)
        for key in classOrder {
            let members = byClass[key]!
            let clusters = clusterer.cluster(members.map { .init(point: inFrame[$0].truth, weight: sizeMeasure(inFrame[$0].group, ctx)) })
            for c in clusters {
                let parts = c.members.map { inFrame[members[$0]] }
                let heaviest = parts.max { $0.group.count < $1.group.count }!
                var g = heaviest.group
                var sites = 1
                if parts.count > 1 {
                    g.events = parts.flatMap(\.group.events)
                    let n = Double(g.events.count)
                    g.location = GeoPoint(lat: g.events.reduce(0) { $0 + $1.location.lat } / n,
                                          lon: g.events.reduce(0) { $0 + $1.location.lon } / n)
                    sites = Set(parts.map { $0.group.siteID ?? "\($0.group.location)" }).count
                    if sites > 1, !g.label.isEmpty { g.label += " area" }
                }
                placed.append((g, c.center, markerRadius(c.weight), c.extent, sites))
            }
        }
        // The drawing order the groups had: largest first, so small markers lie on top.
        placed.sort { $0.group.count != $1.group.count ? $0.group.count > $1.group.count : $0.group.label < $1.group.label }
        // Badges on shrunken markers would cover them: a dense map shows none.
        let dense = scale.shrink < 1
        // Faded (earlier) markers stay on their places, under the current ones; only current
        // markers are moved apart.
        let current = placed.indices.filter { !placed[$0].group.earlier }
        let moved = Declutter.apply(current.map { (placed[$0].truth, placed[$0].radius) }, gap: 1.2 * pt, bounds: mapRect,
                                    maxShift: { _ in limit })
        var centers = placed.map(\.truth)
        for (k, i) in current.enumerated() { centers[i] = moved[k] }
        // Earlier ones first, so the current ones are drawn over them.
        let order = placed.indices.sorted { (placed[$0].group.earlier ? 0 : 1, $0) < (placed[$1].group.earlier ? 0 : 1, $1) }
        placed = order.map { placed[$0] }
        centers = order.map { centers[$0] }
        // Coloured by weapon, the colours already say it: a badge too listed "Drone" twice.
        let showBadges = badges.resolve(style) && !dense && symbology.colorBy != .weapon
        var drawn: [LayerPlan.DrawnMarker] = []
        for (i, m) in placed.enumerated() {
            let g = m.group, p = centers[i]
            let cls = symbology.markerClass(key: g.classKey)
            let badge = badge(for: g, shown: showBadges)
            drawn.append(.init(group: g, center: p, radius: m.radius, badge: badge, sites: m.sites))
            if let badge { plan.badges.insert(badge) }
            plan.record.markers.append(.init(kind: g.kind.rawValue, classLabel: cls.label, site: g.siteID, eventIDs: g.events.map(\.id),
                                             count: g.count, x: p.x, y: p.y, trueX: m.truth.x, trueY: m.truth.y,
                                             radius: m.radius, hollow: g.claimed, weapon: badge?.rawValue,
                                             sites: m.sites > 1 ? m.sites : nil, extent: m.sites > 1 ? m.extent : nil,
                                             coarse: g.coarse?.rawValue))
        }
        try placeCounts(&drawn, ctx)
        for i in drawn.indices { plan.record.markers[i].countBox = drawn[i].countBox.map { [$0.x, $0.y, $0.width, $0.height] } }
        plan.markers = drawn
        plan.drawnEventIDs = { drawn.flatMap { $0.group.events.map(\.id) } }
        let truths = placed.map(\.truth)
        plan.paint = [{ rc in try paint(drawn, truths: truths, symbology: symbology, rc) }]
        for m in drawn {
            plan.avoid(squareObstacle(m.center, m.radius * 1.3))
            if m.badge != nil { plan.avoid(squareObstacle(ctx.rc.badgeCenter(m), 3.8 * pt)) }
        }
        plan.labels = { try self.labels(drawn, ctx) }
        plan.legend = legendRows(drawn, badgesShown: plan.badges, ctx)
        return plan
    }

    /// Where each marker's count goes. Counts are printed after every marker, so a smaller marker
    /// drawn over a larger one never hides part of its number (a 14 read "1"); the larger
    /// marker's number then lies over the smaller one, whose own count is left off if the two
    /// would overlap. A number wider than its marker is not printed (the legend row says what
    /// the size means). Each distinct count is measured once.
    private func placeCounts(_ drawn: inout [LayerPlan.DrawnMarker], _ ctx: PlanContext) throws {
        let style = ctx.style
        var sizes: [Int: (width: Double, height: Double)] = [:]
        var shown = BoxGrid(over: ctx.mapRect)
        for i in drawn.indices where drawn[i].group.count > 1 && !drawn[i].group.earlier {
            let n = drawn[i].group.count, p = drawn[i].center, r = drawn[i].radius
            let s: (width: Double, height: Double)
            if let known = sizes[n] { s = known } else {
                s = try ctx.rc.text("\(n)", font: style.boldFont, sizePt: style.countSize).size
                sizes[n] = s
            }
            guard s.width <= 2.3 * r, s.height <= 2.4 * r else { continue }
            let box = CanvasRect(x: p.x - s.width / 2, y: p.y - s.height / 2, width: s.width, height: s.height)
            guard !shown.any(near: box, where: { $0.intersects(box) }) else { continue }
            shown.insert(box)
            drawn[i].countBox = box
        }
    }

    /// The markers, their counts and badges; a marker moved off its place keeps a dot there and
    /// a thin line to it.
    private func paint(_ drawn: [LayerPlan.DrawnMarker], truths: [CanvasPoint], symbology: EventSymbology, _ rc: RenderContext) throws {
        let c = rc.cairo, pt = rc.pt, style = rc.style
        for (m, truth) in zip(drawn, truths) where hypot(m.center.x - truth.x, m.center.y - truth.y) > 1.5 * pt {
            c.newPath(); c.move(to: truth.x, truth.y); c.line(to: m.center.x, m.center.y)
            c.setColor(style.leader); c.setLineWidth(0.6 * pt); c.stroke()
            c.newPath(); c.arc(truth.x, truth.y, radius: 1.3 * pt)
            c.setColor(style.monochromeMarkers ? .black : symbology.markerClass(key: m.group.classKey).color); c.fill()
        }
        for m in drawn {
            rc.drawMarker(symbology.markerClass(key: m.group.classKey), center: m.center, radius: m.radius,
                          hollow: m.group.claimed, faded: m.group.earlier, coarse: m.group.coarse != nil)
        }
        // Counts over every marker (see placeCounts).
        for m in drawn {
            guard let box = m.countBox else { continue }
            let t = try rc.text("\(m.group.count)", font: style.boldFont, sizePt: style.countSize)
            let k = symbology.markerClass(key: m.group.classKey)
            if m.group.coarse != nil {
                // Over hatching a number reads only with a halo of paper round it.
                t.drawWithHalo(x: box.x, y: box.y, color: style.monochromeMarkers ? .black : k.color, halo: style.legendPaper,
                               haloWidth: 2.4 * pt)
            } else {
                t.draw(x: box.x, y: box.y, color: rc.countColor(k, hollow: m.group.claimed))
            }
        }
        // Badges last, so no marker covers another's badge.
        for m in drawn { if let b = m.badge { try rc.drawBadge(b, at: rc.badgeCenter(m)) } }
    }

    // MARK: Labels

    /// Event sites, busiest first; one label per site even if it has two markers.
    private func labels(_ markers: [LayerPlan.DrawnMarker], _ ctx: PlanContext) throws -> LabelBatch {
        var labels = LabelBatch()
        guard self.labels else { return labels }
        let style = ctx.style
        var labelled: Set<String> = []
        var named: [String: [CanvasPoint]] = [:]
        let crowded = markers.count > 150
        let busiest = max(1, markers.map(\.group.count).max() ?? 1)
        for m in markers.sorted(by: { $0.group.count > $1.group.count }) {
            let key = m.group.siteID ?? "\(m.group.location)"
            guard !m.group.label.isEmpty, labelled.insert(key).inserted else { continue }
            // Data often gives one place name to points a little apart: name it once there.
            let near = 40 * ctx.pt
            if let seen = named[m.group.label], seen.contains(where: { hypot($0.x - m.center.x, $0.y - m.center.y) < near }) { continue }
            named[m.group.label, default: []].append(m.center)
            // Busiest sites first; a site with a single event still comes before any town. On a
            // crowded map (a war's log, hundreds of sites) capitals and large cities are named
            // first, so the reader can find their way; the busiest sites follow, before towns.
            let priority = crowded ? 450 - 40 * Double(m.group.count) / Double(busiest) : -Double(m.group.count)
            let arabic = m.group.siteID.flatMap { ctx.spec.gazetteer[$0]?.arabicName }
            try labels.add(ctx.labelName(m.group.label, arabic), role: "site", font: style.boldFont,
                           sizePt: style.siteLabelSize, color: style.siteText,
                           anchor: m.center, clearance: m.radius, priority: priority, leader: true, in: ctx.rc)
        }
        return labels
    }

    // MARK: Legend

    private func legendRows(_ markers: [LayerPlan.DrawnMarker], badgesShown: Set<Weapon>, _ ctx: PlanContext) -> [LegendRow] {
        let spec = ctx.spec, style = ctx.style
        let symbology = ctx.symbology(colorBy)
        var rows: [LegendRow] = []
        func symbol(_ k: MarkerClass, hollow: Bool = false, faded: Bool = false, coarse: Bool = false) -> LegendSwatch {
            { rc, center, _ in
                rc.drawMarker(k, center: center, radius: rc.style.markerRadius * rc.pt, hollow: hollow, faded: faded, coarse: coarse)
            }
        }
        // A class whose every marker is hatched shows hatched in the legend too (the Yemen log's
        // raids all sit at district centres: a solid swatch matched nothing on the map).
        func allCoarse(_ key: String, claimed: Bool) -> Bool {
            let mine = markers.filter { $0.group.classKey == key && $0.group.claimed == claimed }
            return !mine.isEmpty && mine.allSatisfy { $0.group.coarse != nil } && spec.seriesEvents == nil
        }
        // A series of frames keeps the same entries in every frame (with this frame's counts).
        let series = spec.seriesEvents ?? []
        let seriesKeys = Set(series.map(symbology.key(of:)))
        let seriesClaimed = Set(series.filter { $0.confidence == .claimed }.map(symbology.key(of:)))
        for k in symbology.classes {
            let n = markers.filter { $0.group.classKey == k.key && !$0.group.claimed }.reduce(0) { $0 + $1.group.count }
            if n > 0 || seriesKeys.contains(k.key) {
                rows.append(LegendRow(text: "\(k.label) (\(MapText.number(n)))", symbol: symbol(k, coarse: allCoarse(k.key, claimed: false))))
            }
            let claimed = markers.filter { $0.group.classKey == k.key && $0.group.claimed }.reduce(0) { $0 + $1.group.count }
            if claimed > 0 || seriesClaimed.contains(k.key) {
                rows.append(LegendRow(text: "\(k.claimedLabel) (\(MapText.number(claimed)))",
                                      symbol: symbol(k, hollow: true, coarse: allCoarse(k.key, claimed: true))))
            }
        }
        let first = symbology.classes.first
        // Events that stand for an area: one row, hatched, naming the areas the data has.
        let coarse = markers.filter { $0.group.coarse != nil }
        // The series' levels once for all its frames, not once a frame.
        let seriesCoarse: [PlacePrecision] = spec.symbology.precision == .show && !series.isEmpty
            ? SeriesMemo.shared.value(series, "coarseLevels") { Array(Set(series.compactMap { EventGroup.coarseness($0, marked: true) })) } : []
        if !coarse.isEmpty || !seriesCoarse.isEmpty {
            let n = coarse.reduce(0) { $0 + $1.group.count }
            let levels = Set(coarse.compactMap(\.group.coarse) + seriesCoarse)
            // The hatched markers' own class when they share one, else a neutral circle.
            let keys = Set(coarse.map(\.group.classKey))
            let only = keys.count == 1 ? symbology.markerClass(key: keys.first!) : nil
            // "Of these": the class rows above count them already.
            rows.append(LegendRow(text: "Of these, at \(PlacePrecision.centreWords(levels)) (\(MapText.number(n)))") { rc, center, _ in
                let r = rc.style.markerRadius * rc.pt
                if let only { rc.drawMarker(only, center: center, radius: r, hollow: false, coarse: true) }
                else { rc.drawHatched(.circle, ink: rc.style.monochromeMarkers ? .black : rc.style.cityDot, center: center, radius: r) }
            })
        }
        if spec.highlightSince != nil {
            if let first { rows.append(LegendRow(text: "Earlier in the period shown", symbol: symbol(first, faded: true))) }
        }
        if let first, markers.contains(where: { $0.group.count > 1 }) || spec.seriesEvents != nil {
            // Merged markers count the events of several places a few millimetres apart: say so.
            let merged = markers.contains { $0.sites > 1 } ? " (or at nearby sites, merged)" : ""
            // Sizes by casualties say which estimate they are when the source gives several (UCDP's low, best, high).
            let what: String
            if (sizeBy ?? spec.sizeBy) == .casualties {
                let estimates = markers.contains { m in m.group.events.contains { $0.uncertainty.killedLow != nil || $0.uncertainty.killedHigh != nil } }
                let injured = markers.contains { m in m.group.events.contains { $0.injured != nil } }
                let size = estimates ? "deaths (best estimate)" + (injured ? " and injured" : "") : "killed and injured"
                what = "Number: events\(merged); size: \(size)"
            } else {
                what = "Number: events at the site\(merged)"
            }
            rows.append(LegendRow(text: what) { rc, center, _ in
                rc.drawMarker(first, center: center, radius: rc.style.markerRadius * 1.35 * rc.pt, hollow: false)
                let t = try rc.text("3", font: rc.style.boldFont, sizePt: rc.style.countSize)
                t.draw(x: center.x - t.size.width / 2, y: center.y - t.size.height / 2,
                       color: rc.countColor(first, hollow: false))
            })
        }
        // Badges mark markers whose events all used one weapon; a count here would mislead.
        // A series lists every badge any of its frames may show, so the legend stays the same.
        var shown = badgesShown
        if let series = spec.seriesEvents, badges.resolve(style), ctx.symbology(colorBy).colorBy != .weapon {
            shown.formUnion(Self.singleWeapons(series))
        }
        for w in Weapon.badged where shown.contains(w) {
            rows.append(LegendRow(text: w.label.prefix(1).uppercased() + w.label.dropFirst()) { rc, center, _ in
                try rc.drawBadge(w, at: center)
            })
        }
        return rows
    }

    /// Weapons that some site group used exclusively, and so may carry a badge. Any event's own
    /// weapon counts too: in a frame or a panel a group may hold just that event.
    static func singleWeapons(_ events: [Event]) -> Set<Weapon> {
        Set(events.map(\.weapon).filter { Weapon.badged.contains($0) })
    }
}
