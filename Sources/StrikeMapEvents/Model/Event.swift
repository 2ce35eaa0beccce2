import Foundation
import StrikeMapGeo
import StrikeMapCore

/// What happened. Open to more kinds than the two the sample data has.
public struct EventKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
    public static let attack = EventKind(rawValue: "attack")
    public static let strike = EventKind(rawValue: "strike")
    /// What a record is when its data says nothing about its kind: an event, no more.
    public static let event = EventKind(rawValue: "event")
    public var description: String { rawValue }
}

/// The means of an attack or strike.
public enum Weapon: String, Sendable, Codable, CaseIterable {
    case drone, rocket, ballisticMissile = "ballistic-missile", gunship, aircraft, mixed, unknown

    /// Reads the loose spellings analysts use ("OWA drone", "Katyusha", "CRBM", "AC-130J", "F-16").
    /// One pass over the text: it runs on every row of million-row files.
    public init(loose text: String) {
        if let exact = Weapon(rawValue: text) { self = exact; return }
        var drone = false, rocket = false, ballistic = false, gunship = false, aircraft = false
        // Scanned in place, lower-casing ASCII on the fly: no copy of the text per row.
        var native = text
        native.makeContiguousUTF8()
        native.utf8.withContiguousStorageIfAvailable { b in
            @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
            func at(_ i: Int, _ word: StaticString) -> Bool {
                let n = word.utf8CodeUnitCount
                guard i + n <= b.count else { return false }
                return word.withUTF8Buffer { w in
                    for k in 1..<n where lower(b[i + k]) != w[k] { return false }
                    return true
                }
            }
            for i in 0..<b.count {
                switch lower(b[i]) {
                case UInt8(ascii: "d"): if at(i, "drone") { drone = true }
                case UInt8(ascii: "u"): if at(i, "uav") { drone = true }
                case UInt8(ascii: "o"): if at(i, "owa") { drone = true }
                case UInt8(ascii: "r"): if at(i, "rocket") { rocket = true }
                case UInt8(ascii: "k"): if at(i, "katyusha") { rocket = true }
                case UInt8(ascii: "g"):
                    if at(i, "grad") { rocket = true } else if at(i, "gunship") { gunship = true }
                case UInt8(ascii: "b"): if at(i, "ballistic") { ballistic = true }
                case UInt8(ascii: "c"): if at(i, "crbm") { ballistic = true }
                case UInt8(ascii: "s"): if at(i, "srbm") { ballistic = true }
                case UInt8(ascii: "a"):
                    if at(i, "ac-130") { gunship = true }
                    else if at(i, "aircraft") || at(i, "air strike") || at(i, "airstrike") { aircraft = true }
                case UInt8(ascii: "f"):
                    if at(i, "f-16") || at(i, "f-15") || at(i, "fighter") { aircraft = true }
                default: break
                }
            }
        }
        if drone && rocket { self = .mixed }
        else if ballistic { self = .ballisticMissile }
        else if drone { self = .drone }
        else if rocket { self = .rocket }
        else if gunship { self = .gunship }
        else if aircraft { self = .aircraft }
        else if text.utf8.count < 24,
                let exact = Weapon(rawValue: String(decoding: FastText.lowerBytes(text).map { $0 == 32 ? 45 : $0 }, as: UTF8.self)) {
            self = exact
        }
        else { self = .unknown }
    }

    public var label: String {
        switch self {
        case .ballisticMissile: return "ballistic missile"
        default: return rawValue
        }
    }
}

/// How sure the record is: confirmed by an official, approximate (date or place), or a claim only.
public enum Confidence: String, Sendable, Codable, CaseIterable {
    case confirmed, approximate, claimed
}

/// One dated attack or strike.
public struct Event: Sendable, Hashable, Codable {
    public var id: String
    /// The day in the place's local time (see `strikemap render --help` on US vs local dates).
    public var date: CivilDate
    public var time: String?
    public var timezone: String?
    public var kind: EventKind
    /// The source's own classification as it words it (ACLED's event type, today's names;
    /// "Air raid" for the Yemen Data Project); empty when the data has none.
    public var eventType: String
    /// The source's finer classification (ACLED's sub-event type); empty when the data has none.
    public var subEventType: String
    public var weapon: Weapon
    public var actor: String
    public var target: String
    /// Gazetteer id of the site, when the event is placed at one.
    public var siteID: String?
    public var siteName: String?
    public var location: GeoPoint
    public var precision: String
    public var country: String
    public var injured: Int?
    public var killed: Int?
    public var confidence: Confidence
    public var sources: [String]
    public var notes: String

    public init(id: String, date: CivilDate, time: String? = nil, timezone: String? = nil, kind: EventKind,
                eventType: String = "", subEventType: String = "", weapon: Weapon = .unknown, actor: String = "", target: String = "", siteID: String? = nil,
                siteName: String? = nil, location: GeoPoint, precision: String = "", country: String = "",
                injured: Int? = nil, killed: Int? = nil, confidence: Confidence = .confirmed,
                sources: [String] = [], notes: String = "") {
        self.id = id
        self.date = date
        self.time = time
        self.timezone = timezone
        self.kind = kind
        self.eventType = eventType
        self.subEventType = subEventType
        self.weapon = weapon
        self.actor = actor
        self.target = target
        self.siteID = siteID
        self.siteName = siteName
        self.location = location
        self.precision = precision
        self.country = country
        self.injured = injured
        self.killed = killed
        self.confidence = confidence
        self.sources = sources
        self.notes = notes
    }
}
