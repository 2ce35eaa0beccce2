import Foundation
import StrikeMapEvents
import StrikeMapCore

/// One class of events as the map draws and names it.
struct MarkerClass: Sendable {
    /// The class's key (the value, lower-cased).
    var key: String
    /// The legend's words: what the data says ("Air/drone strike", "Battles", "Attack").
    var label: String
    /// Several of them in a title, lower-case unless a name ("air/drone strikes", "US strikes").
    var titlePhrase: String
    var noun: String
    var nouns: String
    var claimedLabel: String
    var shape: MarkerShape
    var color: Color
    /// Black and white print: solid or open.
    var monoSolid: Bool
}

/// The classes of a map's events along one dimension (`ColorBy`), with a shape and colour each:
/// fixed ones for the kinds and ACLED types (so a type looks the same on every map), Okabe–Ito
/// colours and distinct shapes in order of frequency for anything else (actors, a file's own
/// kinds), and "Other" past eight classes.
struct EventSymbology: Sendable {
    let colorBy: ColorBy
    /// Whether explosions are told apart by sub-type (the symbols do; titles speak of types).
    let splitsExplosions: Bool
    /// Legend order: the document's classes as listed, then the rest by frequency.
    private(set) var classes: [MarkerClass] = []
    private var index: [String: Int] = [:]
    /// Each value seen while counting, as spelled, lower-cased (`key(of:)` is asked once or
    /// more per event and class: one look-up instead of lower-casing the value every time).
    private var lowerOfValue: [String: String] = [:]
    /// Each value seen while counting, as spelled, to its class's place in `classes` (`-1`:
    /// "Other"): one hash per event for `classIndex(of:)`, which the title, the counts and the
    /// caption ask of every event.
    private var classOfSpelling: [String: Int] = [:]
    private let other: MarkerClass
    private let actorNames: [String: String]

    static let maxClasses = 8

    init(colorBy: ColorBy, document: SymbologyDocument = SymbologyDocument(), named: [EventClassStyle] = [],
         events: [Event], style: MapStyle, splitsExplosions: Bool = true) {
        self.colorBy = colorBy
        self.splitsExplosions = splitsExplosions
        actorNames = document.actors
        other = MarkerClass(key: "\u{0}other", label: colorBy == .actor ? "Other actors" : "Other",
                            titlePhrase: "other events", noun: "other event", nouns: "other events",
                            claimedLabel: "Other, claimed only", shape: .square, color: .hex("#A0A0A0"), monoSolid: false)
        // Count every value once; first spelling seen names it. Counted per spelling first, in
        // the order first seen, then merged by key: the same counts, first spellings and kinds as
        // lower-casing every event's value, with a lower-casing per spelling instead.
        var bySpelling: [String: Int] = [:]
        var spellings: [(value: String, kind: EventKind, count: Int)] = []
        // By index: `for e in events` would copy each event and retain all its strings.
        for j in events.indices {
            let v = Self.rawValue(events[j], colorBy, split: splitsExplosions)
            if let i = bySpelling[v] { spellings[i].count += 1 } else {
                bySpelling[v] = spellings.count
                spellings.append((v, events[j].kind, 1))
            }
        }
        var counts: [String: Int] = [:]
        var spelling: [String: String] = [:]
        var kindOf: [String: EventKind] = [:]
        var keyOfSpelling: [String: String] = [:]
        for s in spellings {
            let k = s.value.lowercased()
            keyOfSpelling[s.value] = k
            counts[k, default: 0] += s.count
            if spelling[k] == nil { spelling[k] = s.value; kindOf[k] = s.kind }
        }
        let namedKeys = named.map { $0.value.lowercased() }
        let rest = counts.keys.filter { !namedKeys.contains($0) }
            .sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
        // Named classes come first, in the document's order (those with no event have no row).
        var keys = namedKeys.filter { counts[$0] != nil } + rest
        let cap = colorBy == .type ? Self.maxClasses + 2 : Self.maxClasses
        if keys.count > cap { keys = Array(keys.prefix(cap - 1)) }
        var paletteRank = 0
        // Shapes the fixed looks and the document will take are not handed out by the palette.
        var usedShapes = Set(keys.compactMap { k in named.first { $0.value.lowercased() == k }?.shape ?? Self.fixed[k]?.shape })
        for k in keys {
            let given = named.first { $0.value.lowercased() == k }
            let value = spelling[k] ?? given?.value ?? k
            let fixed = Self.fixed[k]
            var shape = given?.shape ?? fixed?.shape
            var color = given?.color?.resolve(style) ?? fixed.map { $0.color(style) }
            // Two fixed looks of one shape on one map (a file's kinds "attack" and "battle", both
            // circles) would differ by colour alone: the later one takes a free shape.
            if given?.shape == nil, let s = shape, classes.contains(where: { $0.shape == s }) { shape = nil }
            if shape == nil || color == nil {
                // The next palette slot whose shape no class has yet.
                var slot = paletteRank
                while usedShapes.contains(Self.shapes[slot % Self.shapes.count]) && slot < paletteRank + Self.shapes.count { slot += 1 }
                shape = shape ?? Self.shapes[slot % Self.shapes.count]
                color = color ?? Self.palette[slot % Self.palette.count]
                paletteRank = slot + 1
            }
            usedShapes.insert(shape!)
            let words = Self.words(k, value: value, kind: kindOf[k], colorBy: colorBy, actorNames: actorNames)
            let label = given?.label ?? words.label
            index[k] = classes.count
            classes.append(MarkerClass(key: k, label: label, titlePhrase: given?.title ?? words.title,
                                       noun: given?.noun ?? words.noun, nouns: given?.nouns ?? given?.noun.map { $0 + "s" } ?? words.nouns,
                                       claimedLabel: given?.claimedLabel ?? "\(label), claimed only",
                                       shape: shape!, color: color!, monoSolid: classes.count % 2 == 0))
        }
        if counts.count > keys.count { classes.append(other) }
        lowerOfValue = keyOfSpelling
        for (spelled, k) in keyOfSpelling { classOfSpelling[spelled] = index[k] ?? -1 }
    }

    /// The event's value along a dimension. For types, explosions split by the sub-types that
    /// say how (from the air, by shelling, by a planted device); a file with no types has kinds.
    static func rawValue(_ e: Event, _ by: ColorBy, split: Bool = true) -> String {
        switch by {
        case .type:
            if e.eventType.isEmpty { return e.kind.rawValue }
            if split, isExplosions(e.eventType), fixed[e.subEventType.lowercased()] != nil {
                return e.subEventType
            }
            return e.eventType
        case .subType:
            return e.subEventType.isEmpty ? rawValue(e, .type) : e.subEventType
        case .actor:
            return e.actor.isEmpty ? "Actor not given" : e.actor
        case .weapon:
            return e.weapon == .unknown ? "Weapon not known" : e.weapon.label
        case .confidence:
            return e.confidence == .unstated ? "Confidence not stated" : e.confidence.rawValue
        }
    }

    /// Whether an event type is ACLED's "Explosions/Remote violence" in any case. Asked for every
    /// event, so printable ASCII (every ACLED export) is compared byte by byte; anything else
    /// goes to Foundation's comparison as before.
    static func isExplosions(_ type: String) -> Bool {
        let fast = type.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for b in bytes where b < 0x20 || b >= 0x7F { return nil }
            guard bytes.count == explosionsLowercase.count else { return false }
            var i = 0
            for t in explosionsLowercase {
                let b = bytes[i]
                if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != t { return false }
                i += 1
            }
            return true
        }
        if let fast, let answer = fast { return answer }
        return type.caseInsensitiveCompare("Explosions/Remote violence") == .orderedSame
    }
    private static let explosionsLowercase: [UInt8] = Array("explosions/remote violence".utf8)

    /// The event's value, lower-cased.
    private func lowerValue(of e: Event) -> String {
        let v = Self.rawValue(e, colorBy, split: splitsExplosions)
        return lowerOfValue[v] ?? v.lowercased()
    }

    func markerClass(of e: Event) -> MarkerClass {
        let i = classIndex(of: e)
        return i >= 0 ? classes[i] : other
    }

    /// The event's class as its place in `classes`, or `-1` for "Other" (which is in `classes`
    /// too, last, when some event of the counted list fell to it).
    func classIndex(of e: Event) -> Int {
        let v = Self.rawValue(e, colorBy, split: splitsExplosions)
        if let i = classOfSpelling[v] { return i }
        return index[v.lowercased()] ?? -1
    }

    /// How many of `events` fall in each class, by `classIndex(of:)`; the last slot counts
    /// "Other" when it is not among `classes`.
    func classCounts(_ events: [Event]) -> [Int] {
        var counts = [Int](repeating: 0, count: classes.count + 1)
        let otherSlot = classes.last?.key == other.key ? classes.count - 1 : classes.count
        for j in events.indices {
            let i = classIndex(of: events[j])
            counts[i >= 0 ? i : otherSlot] += 1
        }
        return counts
    }

    func markerClass(key: String) -> MarkerClass {
        index[key].map { classes[$0] } ?? other
    }

    func key(of e: Event) -> String {
        let i = classIndex(of: e)
        return i >= 0 ? classes[i].key : other.key
    }

    /// The actor's name as the map prints it.
    func actorName(_ actor: String) -> String { actorNames[actor] ?? actor }

    // MARK: Fixed looks and words

    struct Look: Sendable {
        var shape: MarkerShape
        /// A literal, or a theme key for the kinds whose colours the themes set.
        var value: ColorValue
        func color(_ s: MapStyle) -> Color { value.resolve(s) }
    }

    static let palette: [Color] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#222222", "#999999"].map { .hex($0) }
    static let shapes: [MarkerShape] = [.circle, .diamond, .square, .triangleUp, .triangleDown, .hexagon, .star, .pentagon]

    /// One look per kind and ACLED type, the same on every map. Explosions share vermilion and
    /// differ by shape; the kinds of the sample keep the theme's attack and strike colours.
    static let fixed: [String: Look] = {
        var t: [String: Look] = [
            "attack": Look(shape: .circle, value: "@attack"),
            "strike": Look(shape: .diamond, value: "@strike"),
            "event": Look(shape: .square, value: "@otherEvent"),
            "battles": Look(shape: .circle, value: .literal(.hex("#0072B2"))),
            "air/drone strike": Look(shape: .diamond, value: .literal(.hex("#D55E00"))),
            "air raid": Look(shape: .diamond, value: .literal(.hex("#D55E00"))),
            "shelling/artillery/missile attack": Look(shape: .triangleUp, value: .literal(.hex("#D55E00"))),
            "remote explosive/landmine/ied": Look(shape: .star, value: .literal(.hex("#D55E00"))),
            "explosions/remote violence": Look(shape: .hexagon, value: .literal(.hex("#D55E00"))),
            "violence against civilians": Look(shape: .triangleDown, value: .literal(.hex("#CC79A7"))),
            "protests": Look(shape: .square, value: .literal(.hex("#009E73"))),
            "riots": Look(shape: .pentagon, value: .literal(.hex("#E69F00"))),
            "riots/protests": Look(shape: .pentagon, value: .literal(.hex("#E69F00"))),
            "strategic developments": Look(shape: .plus, value: .literal(.hex("#666666"))),
        ]
        for (kind, type) in kindTypes { t[kind] = t[type] }
        return t
    }()

    /// StrikeMap's kinds that stand for an ACLED type: they look and read like it.
    static let kindTypes = [("battle", "battles"), ("violence-against-civilians", "violence against civilians"),
                            ("protest", "protests"), ("riot", "riots"), ("protest-or-riot", "riots/protests"),
                            ("strategic-development", "strategic developments")]

    /// Title phrase, counting nouns, for the values whose words are known; the rest are
    /// worded from the value itself ("airstrike events"), which is always true if clumsy.
    static let phrases: [String: (title: String, noun: String, nouns: String)] = {
        var t: [String: (title: String, noun: String, nouns: String)] = [
            "attack": ("attacks", "attack", "attacks"),
            "strike": ("strikes", "strike", "strikes"),
            "event": ("events", "event", "events"),
            "battles": ("battles", "battle", "battles"),
            "air/drone strike": ("air/drone strikes", "air/drone strike", "air/drone strikes"),
            "air raid": ("air raids", "air raid", "air raids"),
            "shelling/artillery/missile attack": ("shelling/artillery/missile attacks", "shelling/artillery/missile attack",
                                                  "shelling/artillery/missile attacks"),
            "remote explosive/landmine/ied": ("remote explosives/landmines/IEDs", "remote explosive/landmine/IED event",
                                              "remote explosive/landmine/IED events"),
            "explosions/remote violence": ("explosions/remote violence", "explosion/remote violence event",
                                           "explosion/remote violence events"),
            "violence against civilians": ("violence against civilians", "event of violence against civilians",
                                           "events of violence against civilians"),
            "protests": ("protests", "protest", "protests"),
            "riots": ("riots", "riot", "riots"),
            "riots/protests": ("riots/protests", "riot or protest", "riots and protests"),
            "strategic developments": ("strategic developments", "strategic development", "strategic developments"),
        ]
        for (kind, type) in kindTypes { t[kind] = t[type] }
        return t
    }()

    static func words(_ key: String, value: String, kind: EventKind?, colorBy: ColorBy,
                      actorNames: [String: String]) -> (label: String, title: String, noun: String, nouns: String) {
        switch colorBy {
        case .actor:
            let name = actorNames[value] ?? value
            return (name, "events by \(name)", "event by \(name)", "events by \(name)")
        case .weapon, .confidence:
            let label = value.prefix(1).uppercased() + value.dropFirst()
            return (label, "\(value) events", "\(value) event", "\(value) events")
        case .type, .subType:
            // A kind (lower-cased by the reader) is shown as a word; a type as the data spells it.
            let isKind = kind.map { $0.rawValue == value } ?? false
            let shown = isKind ? value.replacingOccurrences(of: "-", with: " ") : value
            let label = isKind ? shown.prefix(1).uppercased() + shown.dropFirst() : shown
            if let p = phrases[key] { return (label, p.title, p.noun, p.nouns) }
            let lower = shown.lowercased()
            return (label, "\(lower) events", "\(lower) event", "\(lower) events")
        }
    }
}
