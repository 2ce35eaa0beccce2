import Foundation
import StrikeMapGeo

/// What happened. Open to more kinds than the two the sample data has.
public struct EventKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
    public static let attack = EventKind(rawValue: "attack")
    public static let strike = EventKind(rawValue: "strike")
    public var description: String { rawValue }
}

/// The means of an attack or strike.
public enum Weapon: String, Sendable, Codable, CaseIterable {
    case drone, rocket, ballisticMissile = "ballistic-missile", gunship, aircraft, mixed, unknown

    /// Reads the loose spellings analysts use ("OWA drone", "Katyusha", "CRBM", "AC-130J", "F-16").
    public init(loose text: String) {
        if let exact = Weapon(rawValue: text) { self = exact; return }
        let t = FastText.lowerBytes(text)
        func has(_ s: StaticString) -> Bool { FastText.contains(t, s) }
        let drone = has("drone") || has("uav") || has("owa")
        let rocket = has("rocket") || has("katyusha") || has("grad")
        if drone && rocket { self = .mixed }
        else if has("ballistic") || has("crbm") || has("srbm") { self = .ballisticMissile }
        else if drone { self = .drone }
        else if rocket { self = .rocket }
        else if has("ac-130") || has("gunship") { self = .gunship }
        else if has("aircraft") || has("f-16") || has("f-15") || has("air strike") || has("airstrike")
                    || has("fighter") { self = .aircraft }
        else if t.count < 24, let exact = Weapon(rawValue: String(decoding: t.map { $0 == 32 ? 45 : $0 }, as: UTF8.self)) {
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
                weapon: Weapon = .unknown, actor: String = "", target: String = "", siteID: String? = nil,
                siteName: String? = nil, location: GeoPoint, precision: String = "", country: String = "",
                injured: Int? = nil, killed: Int? = nil, confidence: Confidence = .confirmed,
                sources: [String] = [], notes: String = "") {
        self.id = id
        self.date = date
        self.time = time
        self.timezone = timezone
        self.kind = kind
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
