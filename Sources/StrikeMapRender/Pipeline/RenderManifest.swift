import Foundation
import StrikeMapEvents
import StrikeMapCore

/// What was drawn, for tests, manifests and captions.
public struct RenderManifest: Sendable, Codable {
    public struct Marker: Sendable, Codable {
        public var kind: String
        /// The legend's words for the marker's class ("Air/drone strike", "Battles").
        public var classLabel: String?
        public var site: String?
        public var eventIDs: [String]
        public var count: Int
        /// Where the marker is drawn.
        public var x: Double
        public var y: Double
        /// Where the place is; differs from x, y when the marker was moved off a neighbour.
        public var trueX: Double
        public var trueY: Double
        public var radius: Double
        public var hollow: Bool
        /// The weapon badge drawn on the marker, if all its events share one weapon.
        public var weapon: String?
        /// For a marker that merges several places (a cluster): how many, and the farthest one's
        /// distance from the marker's centre (canvas units). trueX, trueY are then the places'
        /// centre, weighted by what the markers' sizes show (their events, by default).
        public var sites: Int? = nil
        public var extent: Double? = nil
        /// Where the count is printed (x, y, width, height), over every marker; absent when it
        /// is not (one event, too wide for the marker, or it would overlap a larger one's).
        public var countBox: [Double]? = nil
        /// How coarsely the marker's events are placed when they stand for an area (`admin2`,
        /// `admin1`, `country`, `unknown`): drawn hatched. Absent when placed as given.
        public var coarse: String? = nil
    }
    /// A density view's encoding and what it drew.
    public struct Density: Sendable, Codable {
        public struct ValueClass: Sendable, Codable {
            public var from: Double
            public var to: Double
            public var color: String
            /// Cells (or areas) in the class.
            public var members: Int
        }
        public struct Cell: Sendable, Codable {
            public var x: Double
            public var y: Double
            public var count: Int
            public var value: Double
        }
        public struct Area: Sendable, Codable {
            public var name: String
            public var count: Int
            public var value: Double
            public var areaKm2: Double
        }
        /// hexbin, grid, heatmap or choropleth.
        public var view: String
        /// count or fatalities.
        public var weight: String
        public var ramp: String
        public var classes: [ValueClass] = []
        /// How the class bounds were chosen: quantile, jenks, jenks-log (natural breaks of the
        /// logarithms, the default for skewed values), equal or headtail.
        public var classMethod: String?
        /// hexbin and grid: the cell size across, in canvas units and millimetres on the page.
        public var cellSize: Double?
        public var cellSizeMM: Double?
        /// What a cell covers on the ground: its area on an equal-area map, its width where the
        /// scale hardly varies across the frame; neither where no one value holds.
        public var cellAreaKm2: Double?
        public var cellAcrossKm: Double?
        /// heatmap: the kernel's bandwidth (standard deviation) in kilometres.
        public var bandwidthKm: Double?
        public var cells: [Cell] = []
        /// choropleth: whether values are per 1,000 km².
        public var perArea: Bool?
        /// choropleth: each area's name, events and value (count, or per 1,000 km² for a rate).
        public var areas: [Area] = []
        /// Events drawn in the view (inside a cell or an area).
        public var events: Int = 0
        /// Events outside every area of a choropleth.
        public var outsideAreas: Int = 0
        /// Choropleth: areas in sight with no events, filled as the class "0".
        public var zeroAreas: Int?
    }
    public struct Label: Sendable, Codable {
        public var text: String
        public var role: String
        public var x: Double, y: Double, width: Double, height: Double
        public var leader: Bool
        /// The leader line's ends (at the mark, then at the label), when there is one.
        public var leaderLine: [Double]?
    }
    public var width: Int
    public var height: Int
    public var dpi: Double
    public var region: String
    /// The extent asked for (the preset's, the --bbox, the circle's or the fitted box), W, S, E, N.
    public var bbox: [Double]
    /// The extent the map frame shows (W, S, E, N): the asked one widened to the frame's shape.
    public var frameBox: [Double]?
    public var projection: String
    public var mapFrame: [Double]
    public var kmPerPixel: Double
    public var markers: [Marker] = []
    /// How the events are drawn: markers, cluster, hexbin, grid, heatmap or choropleth; with
    /// `--view auto`, why that one.
    public var view: String = "markers"
    public var viewReason: String?
    /// Markers are drawn at most this far from their places (canvas units; 2 mm on the page by default).
    public var maxShift: Double?
    public var density: Density?
    public var labels: [Label] = []
    public var droppedLabels: [String] = []
    public var legend: [String] = []
    public var legendBox: [Double] = []
    public var insetBox: [Double]?
    /// The scale bar and north arrow's panel (x, y, width, height), in the map or in the strip under it.
    public var scaleBox: [Double]?
    /// Furniture left off the map, and why (a locator inset with no place free of events).
    public var leftOff: [String]?
    /// The period the map states (the range asked, cut to the data's dates), what was asked, the
    /// data's first and last date, and the note the subtitle gives when it was cut.
    public var period: Period?

    public struct Period: Sendable, Codable {
        public var from: String?, to: String?
        public var askedFrom: String?, askedTo: String?
        public var dataFirst: String?, dataLast: String?
        public var note: String?

        init(asked: DateRange, data: DateRange?) {
            let (stated, note) = MapText.statedPeriod(asked, data: data)
            from = stated.from?.description; to = stated.to?.description
            askedFrom = asked.from?.description; askedTo = asked.to?.description
            dataFirst = data?.from?.description; dataLast = data?.to?.description
            self.note = note
        }
    }
    public var eventCount: Int
    public var title: String
    public var subtitle: String
    /// The footer's text: the source line, and the rows not mapped with why.
    public var footer: String?
    /// How the input rows add up: read = drawn + removed by a filter + invalid + duplicate.
    public var input: InputCounts?
    /// Events inside the extent but outside the drawn frame (counted with the extent filter).
    public var offFrame: Int = 0
    /// The timeline's bars, when drawn: per day, the counts and the bar's pixel height.
    public var timeline: [TimelineBar]?
    /// The ids of the layers drawn, bottom to top.
    public var layers: [String] = []
    /// Range rings drawn (`ring` layers), with points on each for checking.
    public var rings: [Ring]?
    /// Launch→target arcs drawn (`arc` layers): per event, its origin and target, where each was
    /// drawn, and the arc's middle point on the ellipsoid and on the page.
    public var arcs: [Arc]?
    /// The terrain shading drawn (`relief` layers): where it came from, and whether it covered the
    /// whole map (false: part of the map has none; `make world-basemap` unpacks the world's).
    public var relief: Relief?
    /// Labels in another language than English: which, how many names were found in it, and
    /// those shown in English for want of one (GeoNames has none).
    public var labelLanguage: LabelNames?

    public struct LabelNames: Sendable, Codable {
        public var language: String
        public var translated: Int
        public var inEnglish: [String]
    }
    /// Airfields drawn (`airfields` layers), each with its record's source.
    public var airfields: [Airfield]?

    public struct Airfield: Sendable, Codable {
        public var id: String, name: String, kind: String
        public var lat: Double, lon: Double, x: Double, y: Double
        public var source: String
    }

    public struct Relief: Sendable, Codable {
        public var source: String?
        public var complete: Bool
    }

    public struct Arc: Sendable, Codable {
        public var eventID: String
        public var from: [Double], to: [Double], middle: [Double]
        public var fromXY: [Double]?, toXY: [Double]?, middleXY: [Double]?
    }

    /// A range ring: its centre, its true radius, and eight of its points (every 45° from north)
    /// with where they were drawn.
    public struct Ring: Sendable, Codable {
        public struct Point: Sendable, Codable {
            public var lat: Double, lon: Double
            public var x: Double?, y: Double?
        }
        public var center: String
        public var lat: Double, lon: Double
        public var radiusKm: Double
        public var label: String
        public var points: [Point]
    }
}

public struct TimelineBar: Sendable, Codable {
    public var date: String
    public var attacks: Int
    public var strikes: Int
    public var other: Int
    public var x: Double
    public var height: Double
    /// The bars' baseline (canvas y): a bar spans baseline - height ... baseline.
    public var baseline: Double
    public var highlighted: Bool
    /// The share of events dated only to a span (UCDP's date_start–date_end) that falls on this
    /// day: each such event is spread evenly over its days, drawn pale on top, never as a whole
    /// event on its first day. Absent when none.
    public var spread: Double? = nil
}

public struct InputCounts: Sendable, Codable {
    public var rowsRead: Int
    public var invalid: Int
    public var duplicates: Int
    /// The invalid rows by reason, in the words the footer gives.
    public var invalidReasons: [InvalidRowReason] = []
    public var removedByFilter: [String: Int]
    public var drawn: Int

    public init(rowsRead: Int, invalid: Int, duplicates: Int, removedByFilter: [String: Int], drawn: Int) {
        self.rowsRead = rowsRead
        self.invalid = invalid
        self.duplicates = duplicates
        self.removedByFilter = removedByFilter
        self.drawn = drawn
    }
}
