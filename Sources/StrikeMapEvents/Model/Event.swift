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
    /// `air`: from the air, by a means the record does not name ("airstrike", "air raid": a
    /// drone, a plane or a helicopter); `aircraft` is a plane the record names (a warplane, an F-16).
    case drone, rocket, ballisticMissile = "ballistic-missile", gunship, aircraft, air, mixed, unknown

    /// Reads the loose spellings analysts use ("OWA drone", "Katyusha", "CRBM", "AC-130J", "F-16").
    /// Whole words only, so "Belgrade" is no Grad rocket, "towards" no OWA drone and
    /// "firefighters" no fighter jet; a plural `s` is allowed ("UAVs", "rockets"), and model
    /// numbers take a letter suffix ("F-16s", "AC-130J"). Bare "fighter" is not read: in conflict
    /// reporting it is usually a militant, not a jet.
    /// One pass over the text: it runs on every row of million-row files.
    public init(loose text: String) {
        var native = text
        native.makeContiguousUTF8()
        self = native.utf8.withContiguousStorageIfAvailable { Weapon(looseUTF8: $0) } ?? Weapon(looseUTF8: Array(text.utf8))
    }

    private init(looseUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { Weapon(looseUTF8: $0) }
    }

    /// `init(loose:)` on UTF-8 bytes straight from a file, so that a reader need not make a
    /// String of every row's notes to look for a weapon in them.
    init(looseUTF8 b: UnsafeBufferPointer<UInt8>) {
        // The longest raw value is 17 bytes: only a short text can be one.
        if b.count <= 17, let exact = Weapon(rawValue: String(decoding: b, as: UTF8.self)) { self = exact; return }
        var drone = false, rocket = false, ballistic = false, gunship = false, aircraft = false, air = false
        // Scanned in place, lower-casing ASCII on the fly: no copy of the text per row.
        do {
            @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
            // Letters, digits and any non-ASCII byte (é, Arabic) are inside a word.
            @inline(__always) func wordByte(_ c: UInt8) -> Bool {
                let l = c | 0x20
                return (l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c >= 0x80
            }
            /// `word` at `i`, ending at a word boundary: after an optional plural `s`, or for a
            /// model number (`model`) after any letters.
            func at(_ i: Int, _ word: StaticString, model: Bool = false) -> Bool {
                let n = word.utf8CodeUnitCount
                guard i + n <= b.count else { return false }
                let same = word.withUTF8Buffer { w in
                    for k in 1..<n where lower(b[i + k]) != w[k] { return false }
                    return true
                }
                guard same else { return false }
                var j = i + n
                if model {
                    while j < b.count, (b[j] | 0x20) >= 97, (b[j] | 0x20) <= 122 { j += 1 }
                } else if j < b.count, lower(b[j]) == UInt8(ascii: "s") {
                    j += 1
                }
                return j == b.count || !wordByte(b[j])
            }
            for i in 0..<b.count {
                // Only where a word starts.
                if i > 0 && wordByte(b[i - 1]) { continue }
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
                case UInt8(ascii: "w"): if at(i, "warplane") { aircraft = true }
                case UInt8(ascii: "a"):
                    if at(i, "ac-130", model: true) { gunship = true }
                    else if at(i, "aircraft") { aircraft = true }
                    else if at(i, "air strike") || at(i, "airstrike") || at(i, "air-strike") || at(i, "air raid")
                                || at(i, "air-raid") || at(i, "airraid") { air = true }
                case UInt8(ascii: "f"):
                    if at(i, "f-16", model: true) || at(i, "f-15", model: true) || at(i, "f-35", model: true)
                        || at(i, "f-18", model: true) || at(i, "fighter jet") || at(i, "fighter plane") { aircraft = true }
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
        else if air { self = .air }
        else if b.count < 24,
                let exact = Weapon(rawValue: String(decoding: b.map { c -> UInt8 in
                    let l = c >= 65 && c <= 90 ? c + 32 : c
                    return l == 32 ? 45 : l
                }, as: UTF8.self)) {
            self = exact
        }
        else { self = .unknown }
    }

    public var label: String {
        switch self {
        case .ballisticMissile: return "ballistic missile"
        case .air: return "from the air"
        default: return rawValue
        }
    }
}

/// How sure the record is: confirmed by an official, approximate (date or place), a claim only,
/// or not stated: a file with no such column (ACLED, the Yemen log) says nothing about it, and
/// the map must not say "confirmed" for it.
public enum Confidence: String, Sendable, Codable, CaseIterable {
    case confirmed, approximate, claimed, unstated
}

/// One dated attack or strike.
///
/// Its text fields live in one shared, copy-on-write box, and only the numbers are inline: a
/// copy of an event is one retain and 80 bytes, not a dozen retains and 296 bytes. Maps of a
/// million events copy and filter event lists several times, and those copies were half the
/// time and most of the memory of such a render.
public struct Event: Sendable, Hashable, Codable {
    /// The text of an event. Only mutated while uniquely referenced (see `text`).
    final class Text: @unchecked Sendable {
        var id: String
        var time: String?
        var timezone: String?
        var kind: EventKind
        var eventType: String
        var subEventType: String
        var actor: String
        var target: String
        var siteID: String?
        var siteName: String?
        var precision: String
        var country: String
        var sources: [String]
        var notes: String
        /// Most sources give no span or estimates: a reference (nil), not 60 bytes an event.
        var uncertaintyBox: UncertaintyBox?
        var uncertainty: Uncertainty { uncertaintyBox?.value ?? .none }

        init(id: String, time: String?, timezone: String?, kind: EventKind, eventType: String, subEventType: String,
             actor: String, target: String, siteID: String?, siteName: String?, precision: String, country: String,
             sources: [String], notes: String) {
            self.id = id; self.time = time; self.timezone = timezone; self.kind = kind
            self.eventType = eventType; self.subEventType = subEventType; self.actor = actor; self.target = target
            self.siteID = siteID; self.siteName = siteName; self.precision = precision; self.country = country
            self.sources = sources; self.notes = notes
        }

        func copy() -> Text {
            let t = Text(id: id, time: time, timezone: timezone, kind: kind, eventType: eventType, subEventType: subEventType,
                         actor: actor, target: target, siteID: siteID, siteName: siteName, precision: precision,
                         country: country, sources: sources, notes: notes)
            t.uncertaintyBox = uncertaintyBox
            return t
        }
    }

    private var box: Text
    /// The box, copied first if another event shares it: for setters only.
    private var text: Text {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    public var id: String { get { box.id } set { text.id = newValue } }
    /// The day in the place's local time (see `strikemap render --help` on US vs local dates).
    public var date: CivilDate
    public var time: String? { get { box.time } set { text.time = newValue } }
    public var timezone: String? { get { box.timezone } set { text.timezone = newValue } }
    public var kind: EventKind { get { box.kind } set { text.kind = newValue } }
    /// The source's own classification as it words it (ACLED's event type, today's names;
    /// "Air raid" for the Yemen Data Project); empty when the data has none.
    public var eventType: String { get { box.eventType } set { text.eventType = newValue } }
    /// The source's finer classification (ACLED's sub-event type); empty when the data has none.
    public var subEventType: String { get { box.subEventType } set { text.subEventType = newValue } }
    public var weapon: Weapon
    public var actor: String { get { box.actor } set { text.actor = newValue } }
    public var target: String { get { box.target } set { text.target = newValue } }
    /// Gazetteer id of the site, when the event is placed at one.
    public var siteID: String? { get { box.siteID } set { text.siteID = newValue } }
    public var siteName: String? { get { box.siteName } set { text.siteName = newValue } }
    public var location: GeoPoint
    /// Where the attack or strike was launched from, when the record says (a launch→target arc).
    public var origin: GeoPoint?
    public var precision: String { get { box.precision } set { text.precision = newValue } }
    public var country: String { get { box.country } set { text.country = newValue } }
    public var injured: Int?
    public var killed: Int?
    public var confidence: Confidence
    public var sources: [String] { get { box.sources } set { text.sources = newValue } }
    public var notes: String { get { box.notes } set { text.notes = newValue } }
    /// The date's span and precision and the deaths' low and high estimates, where the source
    /// gives them (UCDP); `.none` for most sources.
    public var uncertainty: Uncertainty {
        get { box.uncertainty }
        set { text.uncertaintyBox = newValue.isNone ? nil : UncertaintyBox(newValue) }
    }
    /// How exactly the coordinates place the event, from `precision`'s words; nil where the
    /// words are a desk's own (taken as given).
    public var placePrecision: PlacePrecision? { PlacePrecision(wording: box.precision) }

    public init(id: String, date: CivilDate, time: String? = nil, timezone: String? = nil, kind: EventKind,
                eventType: String = "", subEventType: String = "", weapon: Weapon = .unknown, actor: String = "", target: String = "", siteID: String? = nil,
                siteName: String? = nil, location: GeoPoint, precision: String = "", country: String = "",
                injured: Int? = nil, killed: Int? = nil, confidence: Confidence = .unstated,
                sources: [String] = [], notes: String = "", origin: GeoPoint? = nil) {
        self.origin = origin
        self.box = Text(id: id, time: time, timezone: timezone, kind: kind, eventType: eventType,
                        subEventType: subEventType, actor: actor, target: target, siteID: siteID, siteName: siteName,
                        precision: precision, country: country, sources: sources, notes: notes)
        self.date = date
        self.weapon = weapon
        self.location = location
        self.injured = injured
        self.killed = killed
        self.confidence = confidence
    }

    // Equality, hashing and coding are the fields', as the compiler would write them for a
    // plain struct of these fields (same keys, same order), not the box's identity.
    private enum CodingKeys: String, CodingKey {
        case id, date, time, timezone, kind, eventType, subEventType, weapon, actor, target, siteID, siteName,
             location, precision, country, injured, killed, confidence, sources, notes, origin
        case dateEnd, datePrecision, killedLow, killedHigh
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  date: try c.decode(CivilDate.self, forKey: .date),
                  time: try c.decodeIfPresent(String.self, forKey: .time),
                  timezone: try c.decodeIfPresent(String.self, forKey: .timezone),
                  kind: try c.decode(EventKind.self, forKey: .kind),
                  eventType: try c.decode(String.self, forKey: .eventType),
                  subEventType: try c.decode(String.self, forKey: .subEventType),
                  weapon: try c.decode(Weapon.self, forKey: .weapon),
                  actor: try c.decode(String.self, forKey: .actor),
                  target: try c.decode(String.self, forKey: .target),
                  siteID: try c.decodeIfPresent(String.self, forKey: .siteID),
                  siteName: try c.decodeIfPresent(String.self, forKey: .siteName),
                  location: try c.decode(GeoPoint.self, forKey: .location),
                  precision: try c.decode(String.self, forKey: .precision),
                  country: try c.decode(String.self, forKey: .country),
                  injured: try c.decodeIfPresent(Int.self, forKey: .injured),
                  killed: try c.decodeIfPresent(Int.self, forKey: .killed),
                  confidence: try c.decode(Confidence.self, forKey: .confidence),
                  sources: try c.decode([String].self, forKey: .sources),
                  notes: try c.decode(String.self, forKey: .notes),
                  origin: try c.decodeIfPresent(GeoPoint.self, forKey: .origin))
        let u = Uncertainty(dateEnd: try c.decodeIfPresent(CivilDate.self, forKey: .dateEnd),
                            datePrecision: try c.decodeIfPresent(DatePrecision.self, forKey: .datePrecision),
                            killedLow: try c.decodeIfPresent(Int.self, forKey: .killedLow),
                            killedHigh: try c.decodeIfPresent(Int.self, forKey: .killedHigh))
        if !u.isNone { uncertainty = u }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(time, forKey: .time)
        try c.encodeIfPresent(timezone, forKey: .timezone)
        try c.encode(kind, forKey: .kind)
        try c.encode(eventType, forKey: .eventType)
        try c.encode(subEventType, forKey: .subEventType)
        try c.encode(weapon, forKey: .weapon)
        try c.encode(actor, forKey: .actor)
        try c.encode(target, forKey: .target)
        try c.encodeIfPresent(siteID, forKey: .siteID)
        try c.encodeIfPresent(siteName, forKey: .siteName)
        try c.encode(location, forKey: .location)
        try c.encode(precision, forKey: .precision)
        try c.encode(country, forKey: .country)
        try c.encodeIfPresent(injured, forKey: .injured)
        try c.encodeIfPresent(killed, forKey: .killed)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(sources, forKey: .sources)
        try c.encode(notes, forKey: .notes)
        try c.encodeIfPresent(origin, forKey: .origin)
        // Only where the source gave them: every other event's JSON is as it was.
        let u = uncertainty
        try c.encodeIfPresent(u.dateEnd, forKey: .dateEnd)
        try c.encodeIfPresent(u.datePrecision, forKey: .datePrecision)
        try c.encodeIfPresent(u.killedLow, forKey: .killedLow)
        try c.encodeIfPresent(u.killedHigh, forKey: .killedHigh)
    }

    public static func == (a: Event, b: Event) -> Bool {
        guard a.date == b.date, a.location == b.location, a.weapon == b.weapon, a.injured == b.injured,
              a.killed == b.killed, a.confidence == b.confidence, a.origin == b.origin else { return false }
        if a.box === b.box { return true }
        let x = a.box, y = b.box
        return x.id == y.id && x.time == y.time && x.timezone == y.timezone && x.kind == y.kind
            && x.eventType == y.eventType && x.subEventType == y.subEventType && x.actor == y.actor
            && x.target == y.target && x.siteID == y.siteID && x.siteName == y.siteName
            && x.precision == y.precision && x.country == y.country && x.sources == y.sources && x.notes == y.notes
            && x.uncertainty == y.uncertainty
    }

    public func hash(into h: inout Hasher) {
        let x = box
        h.combine(x.id); h.combine(date); h.combine(x.time); h.combine(x.timezone); h.combine(x.kind)
        h.combine(x.eventType); h.combine(x.subEventType); h.combine(weapon); h.combine(x.actor); h.combine(x.target)
        h.combine(x.siteID); h.combine(x.siteName); h.combine(location); h.combine(x.precision); h.combine(x.country)
        h.combine(injured); h.combine(killed); h.combine(confidence); h.combine(x.sources); h.combine(x.notes); h.combine(origin)
        h.combine(x.uncertainty)
    }
}

/// Which weapon the record's own evidence shows, and only that.
///
/// In order: a weapon column; the source's sub-type where it names the means (ACLED "Air/drone
/// strike": only what the notes say, drone, aircraft or gunship, else from the air; "Shelling/artillery/missile attack": only a rocket or missile
/// the notes name, since shells and mortars have no badge; "Remote explosive/landmine/IED",
/// "Grenade", "Suicide bomb": none); then the notes, for attacks and strikes only — a battle's or a
/// protest's notes mention weapons in passing, not as the means of the event.
enum EventEvidence {
    static func weapon(column: String, subEventType: String, actorIsState: Bool, kind: EventKind, notes: String) -> Weapon {
        if !column.isEmpty {
            let w = Weapon(loose: column)
            if w != .unknown { return w }
        }
        return notesRule(subEventType: subEventType, kind: kind).weapon(Weapon(loose: notes))
    }

    /// What the notes may say about the weapon, which depends on the sub-type and kind only: a
    /// reader works it out once per distinct pair, and reads a row's notes only when they count.
    enum NotesRule: Sendable, Equatable {
        /// The notes do not count: the weapon is unknown.
        case ignore
        /// Whatever weapon the notes name.
        case any
        /// Only these weapons count; others, and none, give `otherwise`.
        case only([Weapon], otherwise: Weapon)

        func weapon(_ fromNotes: @autoclosure () -> Weapon) -> Weapon {
            switch self {
            case .ignore: return .unknown
            case .any: return fromNotes()
            case .only(let allowed, let otherwise):
                let w = fromNotes()
                return allowed.contains(w) ? w : otherwise
            }
        }
    }

    static func notesRule(subEventType: String, kind: EventKind) -> NotesRule {
        switch subEventType.lowercased() {
        case "air/drone strike":
            // The sub-type says "from the air", not which: a state flies drones too, and a militia
            // is not known to have used one because it struck from the air. Only the notes tell
            // which; without them the means is "from the air", and no more.
            return .only([.drone, .aircraft, .gunship, .air], otherwise: .air)
        case "shelling/artillery/missile attack":
            return .only([.rocket, .ballisticMissile], otherwise: .unknown)
        case "remote explosive/landmine/ied", "grenade", "suicide bomb":
            return .ignore
        default:
            return kind == .attack || kind == .strike ? .any : .ignore
        }
    }
}

extension Event {
    /// Text from a file that holds bidirectional controls (an RLO that reverses what follows, an
    /// unclosed embedding) is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: its
    /// effect ends where the value ends, so an actor's name cannot reverse the rest of a title,
    /// a caption or a line of a report. Values without such controls are left as they are.
    mutating func isolateBidiControls() {
        func isolated(_ s: String) -> String? { BidiText.hasControls(s) ? BidiText.isolated(s) : nil }
        if let v = isolated(actor) { actor = v }
        if let v = isolated(target) { target = v }
        if let v = isolated(eventType) { eventType = v }
        if let v = isolated(subEventType) { subEventType = v }
        if let v = isolated(country) { country = v }
        if let v = isolated(precision) { precision = v }
        if let v = isolated(notes) { notes = v }
        if let n = siteName, let v = isolated(n) { siteName = v }
        if sources.contains(where: BidiText.hasControls) { sources = sources.map { isolated($0) ?? $0 } }
    }
}
