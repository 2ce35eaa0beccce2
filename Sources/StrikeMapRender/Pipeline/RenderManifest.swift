import Foundation

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
    /// The ids of the layers drawn, bottom to top.
    public var layers: [String] = []
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
