import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// One map being drawn: its layers with their data, and what the layers have drawn so far
/// (markers, towns), which the furniture and the labels must keep clear of.
///
/// Phases: `drawLayers` (each layer's geometry, in document order), then the furniture, then
/// `placeAndDrawLabels` (every layer's label candidates, placed together by priority).
final class MapScene {
    let spec: MapSpec
    let rc: RenderContext
    let mapRect: CanvasRect
    /// The layers shown at this scale, with their features.
    let layers: [LayerInput]
    var style: MapStyle { rc.style }
    var pt: Double { rc.pt }
    /// Canvas units per millimetre on the page.
    var mm: Double { rc.pt * 72 / 25.4 }

    struct City { var name: String; var arabic: String?; var point: CanvasPoint; var capital: Bool; var rank: Double }
    struct DrawnMarker {
        var group: EventGroup
        var center: CanvasPoint
        var radius: Double
        var badge: Weapon?
        /// Places merged into the marker (1: its own site only).
        var sites = 1
    }

    /// Towns drawn by a places layer (those under a panel are removed when the furniture is placed).
    var cities: [City] = []
    /// The land's outline as the land layer drew it, for layers that clip to the land (relief).
    var landPath: CairoPath?
    /// Markers drawn by the events layers, in drawing order, and per layer.
    private(set) var markers: [DrawnMarker] = []
    private(set) var markersByLayer: [String: [DrawnMarker]] = [:]
    /// The markers as the manifest lists them, and the events that fell outside the frame.
    var manifestMarkers: [RenderManifest.Marker] = []
    var offFrame = 0
    /// How the events are drawn (for the manifest), and a density view's record.
    var viewName = "markers"
    var viewReason: String?
    var density: RenderManifest.Density?
    /// What an auto view chose for each layer, once it drew.
    var autoChoice: [String: any Symbolizer] = [:]
    /// A density layer's legend rows, made when it drew (they list its classes).
    var densityLegend: [String: [LegendRow]] = [:]
    /// The markers' stated limit of displacement, when a markers layer drew.
    var maxShift: Double?
    /// Each events layer's events on the canvas (nil where they cannot be projected), projected once.
    private var projectedEvents: [String: [CanvasPoint?]] = [:]
    func projected(_ layer: LayerInput) -> [CanvasPoint?] {
        if let p = projectedEvents[layer.id] { return p }
        let p = rc.frame.project(points: layer.events.map(\.location))
        projectedEvents[layer.id] = p
        return p
    }
    /// Range rings drawn, for the manifest.
    var rings: [RenderManifest.Ring] = []
    /// Launch→target arcs drawn, for the manifest.
    var arcs: [RenderManifest.Arc] = []
    /// The terrain shading drawn, for the manifest.
    var reliefRecord: RenderManifest.Relief?
    /// Names labelled in English for want of one in the chosen language, and those translated.
    var labelFallbacks: Set<String> = []
    var labelsTranslated: Set<String> = []
    /// Airfields drawn, for the manifest, the labels and the obstacles.
    var airfields: [RenderManifest.Airfield] = []
    /// Set when the legend goes in a strip under the map rather than in a corner.
    var legendStrip: CanvasRect?
    /// Set when the scale bar and north arrow go in that strip (no place in the map was free).
    var scaleInStrip = false
    /// Whether a panel with no free place may ask for the page again with a strip; false on the
    /// last attempt, when it takes the corner that covers least instead.
    var mayAskForStrip = true
    /// Weapons shown as badges on the map (for the legend), per events layer.
    var badgesByLayer: [String: Set<Weapon>] = [:]
    /// Badges drawn anywhere (facet pages pool their panels' badges into one legend).
    var extraBadges: Set<Weapon> = []

    init(spec: MapSpec, rc: RenderContext, mapRect: CanvasRect, layers: [LayerInput]? = nil) throws {
        self.spec = spec
        self.rc = rc
        self.mapRect = mapRect
        self.layers = try layers ?? LayerInput.resolve(spec: spec, frame: rc.frame)
    }

    private var symbologies: [ColorBy: EventSymbology] = [:]
    /// The event classes along `colorBy` (default: the document's), worked out once per map.
    func symbology(_ colorBy: ColorBy? = nil) -> EventSymbology {
        let by = colorBy ?? spec.symbology.colorBy
        if let s = symbologies[by] { return s }
        let s = spec.eventSymbology(by)
        symbologies[by] = s
        return s
    }

    /// Whether an events layer names its sites (markers do; clusters and density views do not,
    /// and leave the towns their names).
    var eventSitesLabelled: Bool {
        layers.contains { layer in
            layer.document.source == .events && layer.document.symbolizers.contains { $0.base.labelsEventSites(layer, spec: spec) }
        }
    }

    /// After a density view: the borders and the towns' dots again, on top, so the reader can
    /// still tell where the cells lie.
    func redrawOverDensity() throws {
        for layer in layers {
            if case .basemap(let b) = layer.document.source, b == .borders {
                for s in layer.document.symbolizers { try s.base.draw(layer, in: self) }
            }
        }
        PlaceSymbolizer.drawDots(self)
    }

    func addMarkers(_ drawn: [DrawnMarker], layer: String) {
        markers += drawn
        markersByLayer[layer, default: []] += drawn
    }

    /// Draws the layers' geometry, in order; `only` picks some of them.
    func drawLayers(_ only: (LayerInput) -> Bool = { _ in true }) throws {
        for layer in layers where only(layer) {
            for s in layer.document.symbolizers { try s.base.draw(layer, in: self) }
        }
    }

    // MARK: Legend

    /// The legend: the events layers' entries first (what the map is about), then the other
    /// layers' in drawing order.
    func legendRows() -> [LegendRow] {
        let events = layers.filter { $0.document.drawsEvents }
        let others = layers.filter { !$0.document.drawsEvents }
        var rows: [LegendRow] = []
        for layer in events + others {
            for s in layer.document.symbolizers { rows += s.base.legendRows(layer, in: self) }
            if let name = layer.document.legend, !layer.features.isEmpty,
               let swatch = layer.document.symbolizers.lazy.compactMap({ $0.base.legendSwatch(layer) }).first {
                rows.append(LegendRow(text: name, symbol: swatch))
            }
        }
        return rows
    }

    /// The legend's lines as they will probably read, before anything is drawn.
    static func expectedLegendTexts(_ spec: MapSpec, layers: [LayerInput]) -> [String] {
        var rows: [String] = []
        for layer in layers {
            for s in layer.document.symbolizers { rows += s.base.expectedLegendTexts(layer, spec: spec) }
            if let name = layer.document.legend, !layer.features.isEmpty { rows.append(name) }
        }
        return rows
    }

    // MARK: Labels

    func placeAndDrawLabels(reserved: [CanvasRect], into manifest: inout RenderManifest) throws {
        var batch = LabelBatch()
        for layer in layers {
            for s in layer.document.symbolizers { try s.base.addLabels(layer, in: self, to: &batch) }
        }
        var obstacles = reserved
        for layer in layers {
            for s in layer.document.symbolizers { obstacles += s.base.obstacles(layer, in: self) }
        }
        let placer = LabelPlacer(bounds: mapRect.insetBy(2 * pt), obstacles: obstacles, padding: 1.5 * pt,
                                 leaderSteps: [0, 7 * pt, 14 * pt, 24 * pt, 36 * pt])
        // Each request must not count its own anchor's marker as an obstacle: anchors sit at the
        // clearance distance, so the candidate boxes start outside the marker already.
        // Past the limit, the lowest priorities are dropped before placement (and counted).
        let ranked = batch.requests.sorted { $0.priority < $1.priority }
        let considered = Array(ranked.prefix(MapSpec.maxLabels))
        var (placed, dropped) = placer.place(considered)
        dropped += ranked.dropFirst(MapSpec.maxLabels)
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
                                         width: p.box.width, height: p.box.height, leader: p.leader != nil))
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

    /// A label in the chosen language: English; the place's name in the other language (from
    /// GeoNames; for Arabic, the gazetteer's researched Arabic name first), English where none is
    /// known (counted, for the manifest and stderr); or English over the other. `upper` sets
    /// names in capitals (provinces, countries) in the language's own rules; `country` looks a
    /// country up by its ISO code.
    func labelText(_ english: String, _ arabic: String?, upper: Bool = false, country: String? = nil) -> String {
        let shown = upper ? english.uppercased() : english
        guard let lang = spec.labels.language else { return shown }
        let names = PlaceNames.shipped
        var native = lang == "ar" ? arabic : nil
        if native == nil { native = names?.label(country.map { "country:\($0)" } ?? english, lang) }
        if native == nil, lang == "ar" { native = arabic }
        guard var n = native else {
            labelFallbacks.insert(english)
            return shown
        }
        labelsTranslated.insert(english)
        if upper { n = n.uppercased(with: Locale(identifier: lang)) }
        return spec.labels.withEnglish ? "\(shown)\n\(n)" : n
    }
}

/// A panel found no place in the map that covers no drawn mark: the page is laid out again with
/// a strip under the map for the legend (and for the scale bar, when `scale`).
struct FurnitureNeedsStrip: Error { var scale: Bool }

/// Label candidates from every layer, placed together.
struct LabelBatch {
    struct Pending {
        var layout: TextLayout; var role: String; var color: Color
        /// A callout's margin inside its panel (0: a plain label with a halo).
        var boxPadding: Double = 0
        /// A callout whose leader leaves the box's side level before turning to its place.
        var elbow = false
    }
    private(set) var requests: [LabelPlacer.Request] = []
    /// The place each note was given at, by request id (for the error when one finds no room).
    var noteSites: [Int: String] = [:]
    private(set) var pending: [Pending] = []

    mutating func add(_ text: String, role: String, font: String, sizePt: Double, color: Color, anchor: CanvasPoint,
                      clearance: Double, priority: Double, leader: Bool, centered: Bool = false,
                      spacingPt: Double = 0, alternatives: [CanvasPoint] = [], boxPadding: Double = 0,
                      elbow: Bool = false, leaderSteps: [Double]? = nil, in rc: RenderContext) throws {
        // Two-language labels stack their lines centred on each other; a callout's lines start flush left.
        let layout = try rc.text(text, font: font, sizePt: sizePt, letterSpacingPt: spacingPt, centerLines: boxPadding == 0)
        let size = (width: layout.size.width + 2 * boxPadding, height: layout.size.height + 2 * boxPadding)
        var request = LabelPlacer.Request(id: pending.count, text: text, size: size, anchor: anchor,
                                          clearance: clearance, priority: priority, allowLeader: leader, centered: centered,
                                          alternatives: alternatives)
        request.leaderSteps = leaderSteps
        requests.append(request)
        pending.append(Pending(layout: layout, role: role, color: color, boxPadding: boxPadding, elbow: elbow))
    }
}

/// A legend entry: its text and a function drawing its symbol centred on a point, `size` wide.
struct LegendRow {
    var text: String
    var symbol: LegendSwatch
}

typealias LegendSwatch = (_ scene: MapScene, _ center: CanvasPoint, _ size: Double) throws -> Void

func squareObstacle(_ p: CanvasPoint, _ d: Double) -> CanvasRect {
    CanvasRect(x: p.x - d, y: p.y - d, width: 2 * d, height: 2 * d)
}
