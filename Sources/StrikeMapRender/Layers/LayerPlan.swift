import Foundation
import StrikeMapEvents
import StrikeMapCore

/// What one symbolizer will draw on one layer, worked out before anything is drawn: its paint
/// steps, the marks no panel may cover, the boxes no label may cover, its label requests, its
/// legend rows and its record for the manifest. The page compositor (`MapComposer`) lays out the
/// page and the labels from these values, then paints; no symbolizer reads or writes another's
/// plan (what lies below a layer reaches it through `PlanContext.below`, which the compositor fills).
struct LayerPlan {
    /// Drawing, in order, clipped to the map frame.
    var paint: [PaintStep] = []
    /// Drawn again over a later layer that covers the base (a density view): the towns' dots.
    var repaintOverCover: [PaintStep] = []
    /// Whether this layer covers what lies under it (a density view): the borders and the towns'
    /// dots below it are drawn again on top, so the reader can still tell where its cells lie.
    var coversBase = false
    /// Markers (event markers, clusters): marks no panel may cover, obstacles of every label.
    var markers: [DrawnMarker] = []
    /// Towns with a dot: a panel prefers places with fewer of them.
    var towns: [Town] = []
    /// Filled areas that show the data (a choropleth's counted areas): a panel may lie over them
    /// but prefers the place that hides least of them.
    var areaCover: AreaCover?
    /// Label requests, placed with every other layer's after the furniture: made when the labels
    /// are placed (text is measured there), so that a plan made only to measure the legend
    /// measures no names.
    var labels: () throws -> LabelBatch = { LabelBatch() }
    /// Boxes no label may cover (markers, dots, symbols).
    var obstacles: [Obstacle] = []
    /// Legend rows for what this layer draws.
    var legend: [LegendRow] = []
    /// The land's outline, for layers that clip to it (the land layer gives it; built on first use).
    var landOutline: LandOutline?
    /// What the manifest says about this layer.
    var record = LayerRecord()
    /// Weapons shown as badges (the legend lists them).
    var badges: Set<Weapon> = []
    /// The ids of the events it draws (the caption and the counts describe these), worked out
    /// only when asked: most maps draw every event, and a density view has thousands.
    var drawnEventIDs: () -> [String] = { [] }

    init(paint: [PaintStep] = []) { self.paint = paint }

    /// Keeps labels off `box` (and off the site's place when a panel hides the site).
    mutating func avoid(_ box: CanvasRect, site: CanvasPoint? = nil) { obstacles.append(Obstacle(box: box, site: site)) }

    /// A marker as planned: where it is drawn and how large, and what it holds.
    struct DrawnMarker {
        var group: EventGroup
        var center: CanvasPoint
        var radius: Double
        var badge: Weapon?
        /// Places merged into the marker (1: its own site only).
        var sites = 1
        /// Where its count is printed (over every marker); nil when it has none (one event, an
        /// earlier one, a number too wide for it, or one that would overlap a larger marker's).
        var countBox: CanvasRect?
    }

    struct Town {
        var name: String; var arabic: String?; var point: CanvasPoint; var capital: Bool; var rank: Double
        /// A capital shown on a continent's or the world's map although no event is near it:
        /// labelled after the others, without a leader.
        var farFromEvents = false
    }

    /// A box no label may cover; one that belongs to a minor site (a town's dot, an airfield) goes
    /// with its site when a panel covers it.
    struct Obstacle {
        var box: CanvasRect
        var site: CanvasPoint?
    }
}

/// A drawing step of a plan, run on the map's render context once the page is laid out.
typealias PaintStep = (_ rc: RenderContext) throws -> Void

/// A layer's entries in the manifest.
struct LayerRecord {
    var markers: [RenderManifest.Marker] = []
    /// Events of the layer outside the map frame.
    var offFrame = 0
    /// How the events are drawn (markers, cluster, hexbin, ...), and why when a view was chosen.
    var view: String?
    var viewReason: String?
    var density: RenderManifest.Density?
    /// The markers' stated limit of displacement.
    var maxShift: Double?
    var rings: [RenderManifest.Ring] = []
    var arcs: [RenderManifest.Arc] = []
    var relief: RenderManifest.Relief?
    var airfields: [RenderManifest.Airfield] = []
}

/// The land's outline as a path, projected once: built when a layer first clips to it (a cached
/// basemap may never need it).
final class LandOutline {
    private let build: () -> CairoPath?
    private var built: CairoPath??

    init(_ build: @escaping () -> CairoPath?) { self.build = build }

    var path: CairoPath? {
        if let built { return built }
        let p = build()
        built = .some(p)
        return p
    }
}

/// A legend entry: its text and a function drawing its symbol centred on a point, `size` wide.
struct LegendRow {
    var text: String
    var symbol: LegendSwatch
}

typealias LegendSwatch = (_ rc: RenderContext, _ center: CanvasPoint, _ size: Double) throws -> Void

func squareObstacle(_ p: CanvasPoint, _ d: Double) -> CanvasRect {
    CanvasRect(x: p.x - d, y: p.y - d, width: 2 * d, height: 2 * d)
}
