import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// A density view: events merged in screen space into clusters (as supercluster does), each a
/// circle at its events' centre whose area grows with its count, the count printed inside.
/// Sites that would overlap join one cluster, and clusters that then overlap join again, so no
/// circle hides another and none is moved from its events. With `extent`, a faint ring shows how
/// far each cluster's events spread.
/// `{"type": "cluster", "radius": 2.4, "extent": false}`.
struct ClusterSymbolizer: Symbolizer {
    static let type = "cluster"
    static let traits: SymbolizerTraits = .drawsEvents
    /// The largest circle's radius, in millimetres on the page.
    var radius = 2.4
    /// Draw each cluster's spread (its farthest event) as a ring.
    var extent = false

    init(radius: Double = 2.4, extent: Bool = false) {
        self.radius = radius
        self.extent = extent
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case radius, extent }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        radius = try r(.radius, 2.4)
        extent = try r(.extent, false)
        guard radius.isFinite, radius >= 1, radius <= 12 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.radius],
                debugDescription: "the largest cluster's radius is 1 to 12 millimetres on the page, e.g. 2.4"))
        }
    }

    struct Drawn {
        var center: CanvasPoint
        var radius: Double
        var count: Int
        var events: [Event]
        var extent: Double
        var sites: Int
        var label: String
    }

    /// The clusters of the layer's events inside the frame.
    func clusters(_ layer: LayerInput, _ ctx: PlanContext) -> [Drawn] {
        // One item per place first: a site's events are one point however many they are.
        var sites: [String: Int] = [:]
        var items: [ScreenClusterer.Item] = []
        var members: [[Event]] = []
        var names: [String] = []
        for (e, p) in zip(layer.events, ctx.projected(layer)) {
            guard let p, ctx.mapRect.contains(p) else { continue }
            let key = "\(Int(p.x * 4)),\(Int(p.y * 4))"
            if let i = sites[key] {
                items[i].weight += 1
                members[i].append(e)
            } else {
                sites[key] = items.count
                items.append(.init(point: p, weight: 1))
                members.append([e])
                names.append(e.siteID.flatMap { ctx.spec.gazetteer[$0]?.name } ?? e.siteName ?? "")
            }
        }
        let rMax = radius * ctx.mm, rMin = max(2.2 * ctx.pt, 0.16 * rMax)
        // Area in proportion to the count, relative to the largest cluster: found by clustering
        // once with the largest site as the reference, then again with the largest cluster.
        var largest = max(1, items.map(\.weight).max() ?? 1)
        var result: [ScreenClusterer.Cluster] = []
        for _ in 0..<3 {
            let ref = largest
            let clusterer = ScreenClusterer(radius: { Self.circleRadius($0, largest: ref, rMin: rMin, rMax: rMax) },
                                            tolerance: { _, _ in 0 }, gap: 1 * ctx.pt)
            result = clusterer.cluster(items)
            let next = max(1, result.map(\.weight).max() ?? 1)
            if next == largest { break }
            largest = next
        }
        let ref = largest
        return result.map { c in
            let evs = c.members.flatMap { members[$0] }
            let heaviest = c.members.max { items[$0].weight < items[$1].weight }!
            return Drawn(center: c.center, radius: Self.circleRadius(c.weight, largest: ref, rMin: rMin, rMax: rMax),
                         count: c.weight, events: evs, extent: c.extent, sites: c.members.count, label: names[heaviest])
        }
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let style = ctx.style, pt = ctx.pt
        let all = clusters(layer, ctx)
        let fill = style.monochromeMarkers ? Color.black : (ctx.symbology().classes.count == 1
            ? ctx.symbology().classes[0].color : Color.hex("#3B3B6D"))
        var plan = LayerPlan()
        // A cluster whose every event stands for an area (a province's centre) is hatched, as a
        // marker is; one that mixes them is not, and the caption counts them.
        let marks = ctx.spec.symbology.precision == .show
        let coarse: [PlacePrecision?] = all.map { k in
            guard marks else { return nil }
            let levels = k.events.map { EventGroup.coarseness($0, marked: true) }
            return levels.allSatisfy { $0 != nil } ? levels.compactMap { $0 }.max() : nil
        }
        for (i, k) in all.enumerated() {
            var g = EventGroup(kind: k.events[0].kind, siteID: nil, label: k.sites > 1 && !k.label.isEmpty ? k.label + " area" : k.label,
                               location: k.events[0].location, events: k.events, claimed: false)
            g.coarse = coarse[i]
            plan.markers.append(.init(group: g, center: k.center, radius: k.radius, badge: nil))
            plan.avoid(squareObstacle(k.center, k.radius))
            plan.record.markers.append(.init(kind: "cluster", classLabel: nil, site: nil, eventIDs: k.events.map(\.id),
                                             count: k.count, x: k.center.x, y: k.center.y, trueX: k.center.x, trueY: k.center.y,
                                             radius: k.radius, hollow: false, weapon: nil, sites: k.sites, extent: k.extent,
                                             coarse: coarse[i]?.rawValue))
        }
        plan.drawnEventIDs = { all.flatMap { $0.events.map(\.id) } }
        plan.paint = [{ rc in try paint(all, coarse: coarse, fill: fill, rc) }]
        plan.record.offFrame = layer.events.count - all.reduce(0) { $0 + $1.count }
        plan.record.view = "cluster"
        let largest = all.map(\.count).max() ?? 1
        plan.legend = legend(largest: largest, fill: fill, rMax: radius * ctx.mm, rMin: max(2.2 * pt, 0.16 * radius * ctx.mm), ctx)
        let hatched = all.indices.filter { coarse[$0] != nil }
        if !hatched.isEmpty {
            let n = hatched.reduce(0) { $0 + all[$1].count }
            plan.legend.append(LegendRow(text: "Placed at \(PlacePrecision.centreWords(Set(hatched.compactMap { coarse[$0] }))) (\(MapText.number(n)))") { rc, center, _ in
                rc.drawHatched(.circle, ink: fill, center: center, radius: rc.style.markerRadius * rc.pt)
            })
        }
        // No site labels: a cluster spans several places, and the towns keep their names.
        return plan
    }

    private func paint(_ all: [Drawn], coarse: [PlacePrecision?], fill: Color, _ rc: RenderContext) throws {
        let style = rc.style, pt = rc.pt, c = rc.cairo
        if extent {
            for k in all where k.extent > k.radius {
                c.newPath(); c.arc(k.center.x, k.center.y, radius: k.extent)
                c.setColor(fill.with(alpha: 0.08)); c.fill(preserve: true)
                c.setColor(fill.with(alpha: 0.45)); c.setLineWidth(0.5 * pt); c.setDash([2 * pt, 1.5 * pt]); c.stroke()
                c.setDash([])
            }
        }
        for (k, coarse) in zip(all, coarse) {
            if coarse != nil {
                rc.drawHatched(.circle, ink: fill, center: k.center, radius: k.radius)
            } else {
                c.newPath(); c.arc(k.center.x, k.center.y, radius: k.radius)
                c.setColor(fill.with(alpha: 0.88)); c.fill(preserve: true)
                c.setColor(style.markerOutline); c.setLineWidth(0.8 * pt); c.stroke()
            }
            let t = try rc.text(MapText.number(k.count), font: style.boldFont, sizePt: style.countSize)
            if t.size.width <= 2.1 * k.radius && t.size.height <= 2.2 * k.radius {
                let x = k.center.x - t.size.width / 2, y = k.center.y - t.size.height / 2
                if coarse != nil { t.drawWithHalo(x: x, y: y, color: fill, halo: style.legendPaper, haloWidth: 2.4 * pt) }
                else { t.draw(x: x, y: y, color: .white) }
            }
        }
    }

    /// Three reference circles (the largest count, and two round numbers below it).
    /// A circle's radius: its area grows with its count, from the smallest circle for one event
    /// to the largest for the largest cluster. (A floor under a square-root scale drew every
    /// cluster under a fortieth of the largest alike: 1 event and 19 the same size.)
    static func circleRadius(_ n: Int, largest: Int, rMin: Double, rMax: Double) -> Double {
        guard largest > 1 else { return rMin }
        let t = min(1, Double(max(0, n - 1)) / Double(largest - 1))
        return (rMin * rMin + (rMax * rMax - rMin * rMin) * t).squareRoot()
    }

    private func legend(largest: Int, fill: Color, rMax: Double, rMin: Double, _ ctx: PlanContext) -> [LegendRow] {
        // The legend's symbol column is as wide as in Legend.swift (twice a marker and a third).
        let scaled = rMax > 2 * ctx.style.markerRadius * 1.3 * ctx.pt * 0.66
        var rows = [LegendRow(text: "Events in each circle, merged where circles would overlap" + (scaled ? " (circles not to scale)" : "")) { _, _, _ in }]
        var refs = [largest]
        for f in [0.25, 0.04] {
            let v = Double(largest) * f
            guard v >= 2 else { continue }
            let p = pow(10, (log10(v)).rounded(.down))
            let nice = [1.0, 2, 5, 10].map { $0 * p }.last { $0 <= v } ?? p
            if Int(nice) < refs.last! { refs.append(Int(nice)) }
        }
        for n in refs {
            let r = Self.circleRadius(n, largest: largest, rMin: rMin, rMax: rMax)
            rows.append(LegendRow(text: MapText.number(n)) { rc, center, size in
                // True size (the default largest circle fits a legend row); a larger one is scaled
                // down, and the heading says so.
                let shown = min(r, size * 0.66)
                let c = rc.cairo
                c.newPath(); c.arc(center.x, center.y, radius: shown)
                c.setColor(fill.with(alpha: 0.88)); c.fill(preserve: true)
                c.setColor(rc.style.markerOutline); c.setLineWidth(0.8 * rc.pt); c.stroke()
            })
        }
        return rows
    }
}
