import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Events at the same place, of the same kind and the same certainty (confirmed or approximate,
/// versus claimed only), drawn as one marker with a count instead of a stack.
public struct EventGroup: Sendable {
    public init(kind: EventKind, classKey: String? = nil, siteID: String?, label: String, location: GeoPoint, events: [Event],
                claimed: Bool, earlier: Bool = false) {
        self.kind = kind; self.classKey = classKey ?? kind.rawValue
        self.siteID = siteID; self.label = label; self.location = location
        self.events = events; self.claimed = claimed; self.earlier = earlier
    }
    /// Events from before the highlighted period of a frame: drawn faded.
    public var earlier: Bool

    public var kind: EventKind
    /// The symbology class the group's events share (its marker's shape and colour).
    public var classKey: String
    public var siteID: String?
    public var label: String
    public var location: GeoPoint
    public var events: [Event]
    /// Events known only from claims: drawn hollow.
    public var claimed: Bool
    /// How coarsely the group's events are placed, when they stand for an area (a district's,
    /// province's or country's centre): drawn hatched. Nil when placed as given, or when the map
    /// does not mark precision.
    public var coarse: PlacePrecision?
    public var allClaimed: Bool { claimed }
    public var count: Int { events.count }

    /// The precision a map marks for an event: its place precision when that stands for an area.
    static func coarseness(_ e: Event, marked: Bool) -> PlacePrecision? {
        guard marked, let p = e.placePrecision, p.isCoarse else { return nil }
        return p
    }

    /// One group per place and class (default: per kind), claimed or not, earlier or not, and
    /// (`marksPrecision`) placed at an area's centre or not.
    public static func make(_ events: [Event], gazetteer: Gazetteer, highlightSince: CivilDate? = nil,
                            classKey: (Event) -> String = { $0.kind.rawValue }, marksPrecision: Bool = false) -> [EventGroup] {
        // Groups in the order first seen, found by key. Formatting a coordinate is slow next to
        // everything else here, and a war's log has millions of events on a few thousand
        // places: each location's text is formatted once (keyed by its exact bits, so -0.0 and
        // 0.0 stay apart as their texts do).
        var index: [String: Int] = [:]
        var groups: [EventGroup] = []
        struct Bits: Hashable { var lat: UInt64, lon: UInt64 }
        var placeText: [Bits: String] = [:]
        for e in events {
            let place: String
            if let site = e.siteID {
                place = site
            } else {
                let bits = Bits(lat: e.location.lat.bitPattern, lon: e.location.lon.bitPattern)
                if let known = placeText[bits] { place = known } else {
                    place = String(format: "%.3f,%.3f", e.location.lat, e.location.lon)
                    placeText[bits] = place
                }
            }
            let claimed = e.confidence == .claimed
            let earlier = highlightSince.map { e.date < $0 } ?? false
            let cls = classKey(e)
            let coarse = coarseness(e, marked: marksPrecision)
            let key = place + "|" + cls + (claimed ? "|true" : "|false") + (earlier ? "|true" : "|false") + "|" + (coarse?.rawValue ?? "")
            if let i = index[key] {
                groups[i].events.append(e)
            } else {
                let label = e.siteID.flatMap { gazetteer[$0]?.name } ?? e.siteName ?? ""
                index[key] = groups.count
                var g = EventGroup(kind: e.kind, classKey: cls, siteID: e.siteID, label: label, location: e.location, events: [e],
                                   claimed: claimed, earlier: earlier)
                g.coarse = coarse
                groups.append(g)
            }
        }
        // Largest first so that small markers are drawn on top of big ones.
        return groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }
}
