import Foundation
import StrikeMapEvents
import StrikeMapGeo

/// Everything a map is drawn from: plain values, no C state. Build one, hand it to `MapRenderer`.
public struct MapSpec: Sendable {
    public var region: Region
    public var basemap: Basemap
    public var gazetteer: Gazetteer
    public var events: [Event]
    /// The range the events were filtered to (shown in the subtitle).
    public var dateRange: DateRange
    public var widthPx: Int = 1600
    public var heightPx: Int = 1200
    /// Resolution: type and line sizes are in points and scale with it.
    public var dpi: Double = 200
    public var title: String?
    public var subtitle: String?
    /// Attribution for the source line, besides Natural Earth and StrikeMap's gazetteer.
    public var eventSources: String = ""
    /// A note appended to the subtitle, e.g. the Pentagon's total count for the period.
    public var totalsNote: String?
    public var style: MapStyle = .house
    /// For a series of frames: all the series' events, so that every frame has the same
    /// focus countries, legend entries and panel corners.
    public var seriesEvents: [Event]?
    /// Events dated before this day are drawn faded, the newer ones at full strength.
    public var highlightSince: CivilDate?
    /// Shares the drawn basemap between frames of the same size (PNG only).
    public var baseCache: BaseLayerCache?
    /// A bar chart of events per day under the map.
    public var timeline: TimelineSpec?
    /// The user's own layers, drawn in order over the basemap and under the events.
    public var userLayers: [UserLayer] = []
    /// How co-located events become markers.
    public var aggregate: Aggregation = .site
    /// What a marker's area shows.
    public var sizeBy: MarkerSize = .count
    /// The language of place labels.
    public var labels: LabelLanguage = .en
    /// SVG labels as real `<text>` elements (editable in Inkscape or Illustrator), or as glyph outlines.
    public var svgText: SVGTextMode = .text
    /// A description for the file's metadata (PDF subject, SVG `<desc>`, PNG text chunk).
    public var metadataDescription: String?
    /// Pins the PDF creation date for reproducible output.
    public var creationDate: String = "2026-01-01T00:00:00Z"

    public init(region: Region, basemap: Basemap, gazetteer: Gazetteer, events: [Event],
                dateRange: DateRange = .all) {
        self.region = region
        self.basemap = basemap
        self.gazetteer = gazetteer
        self.events = events
        self.dateRange = dateRange
    }

    /// Canvas units (pixels) per point.
    public var unitsPerPoint: Double { dpi / 72 }

    public static let maxPixels = 20_000
    /// Width times height: 150 megapixels (600 MB of image memory).
    public static let maxArea = 150_000_000
    /// Events on one map; more is a database, not a map (filter by date or region first).
    public static let maxEvents = 2_000_000
    /// Label candidates considered; the rest are dropped lowest priority first, and counted.
    public static let maxLabels = 5_000
}

/// The timeline strip: all the data's events, of which the map shows `range`.
public struct TimelineSpec: Sendable {
    public var events: [Event]
    public init(events: [Event]) { self.events = events }
}

/// `none`: a marker per event; `site`: one per site, kind and certainty, with a count;
/// `grid`: markers within a few millimetres of each other on the page merged too.
public enum Aggregation: String, Sendable, CaseIterable { case none, site, grid }

/// Marker area proportional to the number of events, to killed plus injured, or fixed.
public enum MarkerSize: String, Sendable, CaseIterable { case count, casualties, none }

/// Place labels in English, Arabic, or both (English over Arabic).
public enum LabelLanguage: String, Sendable, CaseIterable {
    case en, ar, enAr = "en+ar"
}

public enum SVGTextMode: String, Sendable, CaseIterable {
    case text, outline
}

/// What was drawn, for tests, manifests and captions.
public struct RenderManifest: Sendable, Codable {
    public struct Marker: Sendable, Codable {
        public var kind: String
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
    }
    public struct Label: Sendable, Codable {
        public var text: String
        public var role: String
        public var x: Double, y: Double, width: Double, height: Double
        public var leader: Bool
    }
    public var width: Int
    public var height: Int
    public var dpi: Double
    public var region: String
    public var bbox: [Double]
    public var projection: String
    public var mapFrame: [Double]
    public var kmPerPixel: Double
    public var markers: [Marker] = []
    public var labels: [Label] = []
    public var droppedLabels: [String] = []
    public var legend: [String] = []
    public var legendBox: [Double] = []
    public var insetBox: [Double]?
    public var eventCount: Int
    public var title: String
    public var subtitle: String
    /// How the input rows add up: read = drawn + removed by a filter + invalid + duplicate.
    public var input: InputCounts?
    /// Events inside the extent but outside the drawn frame (counted with the extent filter).
    public var offFrame: Int = 0
    /// The timeline's bars, when drawn: per day, the counts and the bar's pixel height.
    public var timeline: [TimelineBar]?
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
}

public struct InputCounts: Sendable, Codable {
    public var rowsRead: Int
    public var invalid: Int
    public var duplicates: Int
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
