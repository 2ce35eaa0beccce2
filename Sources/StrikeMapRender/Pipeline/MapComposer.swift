import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The page compositor of one map (or one panel): plans every layer (`LayerPlan`), then from the
/// plans alone lays out the furniture where it covers no drawn mark, places every label against
/// every obstacle, and paints. Single maps, frames and facet pages all draw through it.
///
/// Phases: `init` plans the layers (no drawing); `paint` runs the plans' paint steps in document
/// order; `drawFurniture` places and draws legend, scale bar and inset; `placeAndDrawLabels`
/// places every layer's label requests together and draws them.
final class MapComposer {
    let spec: MapSpec
    let rc: RenderContext
    let mapRect: CanvasRect
    /// The layers shown at this scale, with their features.
    let layers: [LayerInput]
    /// Each layer's plans, one per symbolizer, in document order.
    let plans: [[LayerPlan]]
    var style: MapStyle { rc.style }
    var pt: Double { rc.pt }
    /// Canvas units per millimetre on the page.
    var mm: Double { rc.pt * 72 / 25.4 }

    /// Set when the legend goes in a strip under the map rather than in a corner.
    var legendStrip: CanvasRect?
    /// Set when the scale bar and north arrow go in that strip (no place in the map was free).
    var scaleInStrip = false
    /// In a series of frames, the legend's texts as the whole series plans them: the legend panel
    /// is sized for them in every frame, so it neither moves nor changes size.
    var seriesLegend: [String]?
    /// Whether a panel with no free place may ask for the page again with a strip; false on the
    /// last attempt, when it takes the corner that covers least instead.
    var mayAskForStrip = true
    /// The panels placed in the map (legend, scale bar, inset): minor sites under them are left out.
    private(set) var panels: [CanvasRect] = []

    init(spec: MapSpec, rc: RenderContext, mapRect: CanvasRect, layers: [LayerInput]? = nil) throws {
        self.spec = spec
        self.rc = rc
        self.mapRect = mapRect
        let layers = try layers ?? LayerInput.resolve(spec: spec, frame: rc.frame)
        self.layers = layers
        plans = try Self.plan(layers, PlanContext(spec: spec, rc: rc, mapRect: mapRect, layers: layers))
    }

    /// Plans every layer's symbolizers in document order, each seeing what those before it
    /// planned; types that read what the events layers drew are planned after all the others.
    private static func plan(_ layers: [LayerInput], _ context: PlanContext) throws -> [[LayerPlan]] {
        var out = layers.map { $0.document.symbolizers.map { _ in LayerPlan() } }
        let items = layers.indices.flatMap { i in layers[i].document.symbolizers.indices.map { (i, $0) } }
        let late = { (item: (Int, Int)) in layers[item.0].document.symbolizers[item.1].traits.contains(.readsDrawnEvents) }
        for (i, j) in items.filter({ !late($0) }) + items.filter(late) {
            try RenderDeadline.check()
            let plan = try layers[i].document.symbolizers[j].base.plan(layers[i], in: context)
            context.below.markers += plan.markers
            context.below.towns += plan.towns
            if let land = plan.landOutline { context.below.landOutline = land }
            out[i][j] = plan
        }
        return out
    }

    private var allPlans: [LayerPlan] { plans.flatMap { $0 } }

    /// Every marker planned, in drawing order.
    var markers: [LayerPlan.DrawnMarker] { allPlans.flatMap(\.markers) }
    /// Every town with a dot.
    var towns: [LayerPlan.Town] { allPlans.flatMap(\.towns) }
    var areaCovers: [AreaCover] { allPlans.compactMap(\.areaCover) }

    /// The layers' records, together: lists joined in document order; for the view, the density
    /// record and the markers' limit, the last layer that states one.
    var record: LayerRecord {
        var r = LayerRecord()
        for p in allPlans {
            r.markers += p.record.markers
            r.offFrame += p.record.offFrame
            r.view = p.record.view ?? r.view
            r.viewReason = p.record.viewReason ?? r.viewReason
            r.density = p.record.density ?? r.density
            r.maxShift = p.record.maxShift ?? r.maxShift
            r.rings += p.record.rings
            r.arcs += p.record.arcs
            r.relief = p.record.relief ?? r.relief
            r.airfields += p.record.airfields
        }
        return r
    }

    /// Airfields drawn and not under a panel.
    var shownAirfields: [RenderManifest.Airfield] {
        record.airfields.filter { !isUnderPanel(CanvasPoint(x: $0.x, y: $0.y)) }
    }

    /// Whether a minor site (a town, an airfield) lies under a panel, and so is neither shown nor labelled.
    func isUnderPanel(_ p: CanvasPoint) -> Bool {
        panels.contains { $0.insetBy(-3 * pt).contains(p) }
    }

    /// The events some layer draws.
    var drawnEventIDs: Set<String> { allPlans.reduce(into: Set<String>()) { $0.formUnion($1.drawnEventIDs()) } }

    /// Weapons shown as badges by any layer.
    var badges: Set<Weapon> { allPlans.reduce(into: Set<Weapon>()) { $0.formUnion($1.badges) } }

    /// The number of leading layers that depend on nothing but the basemap and the style.
    var staticBaseCount: Int { layers.prefix { $0.isStaticBase }.count }

    // MARK: Paint

    /// Paints the plans of the layers at `indices`, in order. A layer that covers the base (a
    /// density view) has the borders and the towns' dots below it painted again on top.
    func paint(layers indices: Range<Int>) throws {
        for i in indices {
            for plan in plans[i] {
                try RenderDeadline.check()
                for step in plan.paint { try step(rc) }
                if plan.coversBase { try repaintBase(under: i) }
            }
        }
    }

    private func repaintBase(under index: Int) throws {
        for (i, layer) in layers.enumerated() {
            if case .basemap(let b) = layer.document.source, b == .borders {
                for plan in plans[i] { for step in plan.paint { try step(rc) } }
            }
        }
        for i in 0..<index { for plan in plans[i] { for step in plan.repaintOverCover { try step(rc) } } }
    }

    // MARK: Legend

    /// The legend: the events layers' entries first (what the map is about), then the other
    /// layers' in drawing order.
    func legendRows() -> [LegendRow] {
        let events = layers.indices.filter { layers[$0].document.drawsEvents }
        let others = layers.indices.filter { !layers[$0].document.drawsEvents }
        var rows: [LegendRow] = []
        for i in events + others {
            let layer = layers[i]
            rows += plans[i].flatMap(\.legend)
            if let name = layer.document.legend, !layer.features.isEmpty,
               let swatch = layer.document.symbolizers.lazy.compactMap({ $0.base.legendSwatch(layer) }).first {
                rows.append(LegendRow(text: name, symbol: swatch))
            }
        }
        return rows
    }

    // MARK: Labels

    /// The towns whose name an event site's label already gives close by ("Rabat" over "Rabat",
    /// "Sirte" beside "Sirte area"): one name for one place, the site's (its marker is the news).
    /// The share of the map frame labels may cover (the default map's cover about a tenth).
    static let labelShare = 0.125

    static func townsNamedBySites(_ batch: LabelBatch, within distance: Double) -> Set<Int> {
        func key(_ text: String) -> String {
            var t = (text.split(separator: "\n").first.map(String.init) ?? text).lowercased()
            if t.hasSuffix(" area") { t.removeLast(5) }
            return t.trimmingCharacters(in: .whitespaces)
        }
        var sites: [String: [CanvasPoint]] = [:]
        for (r, item) in zip(batch.requests, batch.pending) where item.role == "site" { sites[key(r.text), default: []].append(r.anchor) }
        guard !sites.isEmpty else { return [] }
        var out = Set<Int>()
        for (r, item) in zip(batch.requests, batch.pending) where item.role == "city" {
            if let anchors = sites[key(r.text)], anchors.contains(where: { hypot($0.x - r.anchor.x, $0.y - r.anchor.y) <= distance }) {
                out.insert(r.id)
            }
        }
        return out
    }

    /// Places every layer's label requests together (minor sites under a panel left out), against
    /// every plan's obstacles and `reserved` (the panels), and draws them.
    func placeAndDrawLabels(reserved: [CanvasRect], into manifest: inout RenderManifest) throws {
        var batch = LabelBatch()
        var obstacles = reserved
        for plan in allPlans {
            batch.append(try plan.labels()) { item in item.minorSite.map { !isUnderPanel($0) } ?? true }
            for o in plan.obstacles where o.site.map({ !isUnderPanel($0) }) ?? true { obstacles.append(o.box) }
        }
        if let lang = spec.labels.language {
            let names = batch.pending.compactMap(\.name)
            manifest.labelLanguage = .init(language: lang, translated: Set(names.filter { $0.translated == true }.map(\.english)).count,
                                           inEnglish: Set(names.filter { $0.translated == false }.map(\.english)).sorted())
        }
        let placer = LabelPlacer(bounds: mapRect.insetBy(2 * pt), obstacles: obstacles, padding: 1.5 * pt,
                                 leaderSteps: [0, 7 * pt, 14 * pt, 24 * pt, 36 * pt])
        // Each request must not count its own anchor's marker as an obstacle: anchors sit at the
        // clearance distance, so the candidate boxes start outside the marker already.
        // Past the limit, the lowest priorities are dropped before placement (and counted).
        let repeated = Self.townsNamedBySites(batch, within: 12 * mm)
        let ranked = batch.requests.filter { !repeated.contains($0.id) }.sorted { $0.priority < $1.priority }
        let considered = Array(ranked.prefix(MapSpec.maxLabels))
        var (placed, dropped) = placer.place(considered)
        dropped += ranked.dropFirst(MapSpec.maxLabels)
        // A label budget by the page's area: labels in priority order until they cover an eighth
        // of the map frame; past it only notes, the user's own labels and country names. A crowded map (ACLED's
        // Africa, a small world map) had its dots buried in names; a region's map stays under it.
        let budget = Self.labelShare * mapRect.width * mapRect.height
        var covered = 0.0
        var kept: [LabelPlacer.Placement] = []
        let requestByID = Dictionary(considered.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in placed {
            let role = batch.pending[p.id].role
            // Country names, light and spaced, are how a reader finds the place: never cut.
            if role == "note" || role == "user" || role == "country" { kept.append(p); continue }
            covered += p.box.width * p.box.height
            if covered > budget {
                if let r = requestByID[p.id] { dropped.append(r) }
            } else {
                kept.append(p)
            }
        }
        placed = kept
        // A note is what the desk most wants read: one that found no room stops the map.
        if let note = dropped.first(where: { batch.pending[$0.id].role == "note" }) {
            throw RenderError.noteNotPlaced(at: batch.noteSites[note.id] ?? note.text)
        }
        let c = rc.cairo
        for p in placed {
            if let l = p.leader {
                c.newPath(); c.move(to: l.from.x, l.from.y)
                if batch.pending[p.id].elbow, let (knee, side) = Self.elbow(box: p.box, from: l.from, run: 6 * pt) {
                    c.line(to: knee.x, knee.y); c.line(to: side.x, side.y)
                } else {
                    c.line(to: l.to.x, l.to.y)
                }
                c.setColor(style.leader); c.setLineWidth(0.5 * pt); c.stroke()
            }
        }
        for p in placed {
            let item = batch.pending[p.id]
            if item.boxPadding > 0 {
                // A callout: text on a panel, outlined, the leader (if any) meeting its edge.
                c.newPath()
                c.rectangle(p.box.x, p.box.y, p.box.width, p.box.height)
                c.setColor(style.paper); c.fill(preserve: true)
                c.setColor(item.color); c.setLineWidth(0.6 * pt); c.stroke()
                item.layout.draw(x: p.box.x + item.boxPadding, y: p.box.y + item.boxPadding, color: item.color)
            } else {
                item.layout.drawWithHalo(x: p.box.x, y: p.box.y, color: item.color, halo: style.halo, haloWidth: 1.2 * pt)
            }
            manifest.labels.append(.init(text: p.text, role: item.role, x: p.box.x, y: p.box.y,
                                         width: p.box.width, height: p.box.height, leader: p.leader != nil,
                                         leaderLine: p.leader.map { [$0.from.x, $0.from.y, $0.to.x, $0.to.y] }))
        }
        manifest.droppedLabels = dropped.map(\.text)
    }

    /// An elbow leader's bend and its end: the middle of the box's side that faces the place,
    /// and a point `run` out from it, level; nil when the place is above or below the box (a
    /// straight leader reads better there).
    static func elbow(box: CanvasRect, from: CanvasPoint, run: Double) -> (knee: CanvasPoint, side: CanvasPoint)? {
        let y = box.y + box.height / 2
        if from.x < box.x - run { return (CanvasPoint(x: box.x - run, y: y), CanvasPoint(x: box.x, y: y)) }
        if from.x > box.maxX + run { return (CanvasPoint(x: box.maxX + run, y: y), CanvasPoint(x: box.maxX, y: y)) }
        return nil
    }

    /// Records the panels placed in the map (minor sites under them are left out).
    func setPanels(_ rects: [CanvasRect]) { panels = rects }
}

/// A panel found no place in the map that covers no drawn mark: the page is laid out again with
/// a strip under the map for the legend (and for the scale bar, when `scale`).
struct FurnitureNeedsStrip: Error { var scale: Bool }
