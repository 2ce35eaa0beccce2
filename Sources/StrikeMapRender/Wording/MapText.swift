import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The words on a map: title, subtitle, source line, legend captions.
public enum MapText {
    static let months = CivilDate.shortMonthNames

    public static func day(_ d: CivilDate, withYear: Bool = true) -> String {
        withYear ? "\(d.day) \(months[d.month - 1]) \(d.year)" : "\(d.day) \(months[d.month - 1])"
    }

    /// The period a map can speak for: the range asked, cut to the data's first and last date,
    /// and a note when it was cut ("data end 21 Mar 2020"), so a month of nine days of data is
    /// not called a month. A range wholly outside the data keeps its dates and says where the
    /// data are ("the data run 1 Jan – 21 Mar 2020").
    public static func statedPeriod(_ range: DateRange, data: DateRange?) -> (range: DateRange, note: String?) {
        guard let data, let first = data.from, let last = data.to else { return (range, nil) }
        if let t = range.to, t < first { return (range, "the data run \(span(data, events: []))") }
        if let f = range.from, f > last { return (range, "the data run \(span(data, events: []))") }
        var notes: [String] = []
        var from = range.from, to = range.to
        // The year only where the period asked runs into another one.
        if let f = from, f < first { from = first; notes.append("data start \(day(first, withYear: f.year != first.year))") }
        if let t = to, t > last { to = last; notes.append("data end \(day(last, withYear: t.year != last.year))") }
        guard !notes.isEmpty, let stated = try? DateRange(from: from, to: to) else { return (range, nil) }
        return (stated, notes.joined(separator: ", "))
    }

    /// "17 Oct – 22 Nov 2023", the range the map covers; open ends take the events' own dates.
    public static func span(_ range: DateRange, events: [Event]) -> String {
        var first = events.first?.date, last = first
        if range.from == nil || range.to == nil {
            for i in events.indices {
                let d = events[i].date
                if d < first! { first = d }
                if d > last! { last = d }
            }
        }
        let from = range.from ?? first
        let to = range.to ?? last
        switch (from, to) {
        case let (f?, t?) where f == t: return day(f)
        case let (f?, t?) where f.year == t.year && f.month == t.month: return "\(f.day) – \(day(t))"
        case let (f?, t?): return "\(day(f, withYear: f.year != t.year)) – \(day(t))"
        case let (f?, nil): return "from \(day(f))"
        case let (nil, t?): return "until \(day(t))"
        default: return "no dates"
        }
    }

    public static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(number(n)) \(n == 1 ? word : (plural ?? word + "s"))"
    }

    /// A measured value to a few significant figures, grouped by thousands: 1,230; 12.5; 0.034.
    public static func decimal(_ v: Double, significant: Int = 3) -> String {
        guard v.isFinite, v != 0 else { return "0" }
        let digits = max(0, significant - 1 - Int(log10(abs(v)).rounded(.down)))
        if digits == 0 { return number(Int(v.rounded())) }
        var s = String(format: "%.\(digits)f", v)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// A count as a newsroom prints it: 16,731; 1,125; 950.
    /// A quantity to two significant figures, thousands separated: 12,345 → "12,000", 3.46 → "3.5".
    public static func roundedNumber(_ v: Double) -> String {
        guard v.isFinite, v > 0 else { return "0" }
        if v < 100 { return decimal(v, significant: 2) }
        let p = pow(10, (log10(v)).rounded(.down) - 1)
        return number(Int((v / p).rounded() * p))
    }

    public static func number(_ n: Int) -> String {
        let digits = String(abs(n))
        guard digits.count > 3 else { return String(n) }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// What and where, from what is drawn: the commonest classes of event ("Battles and
    /// air/drone strikes", "Air raids"), who did it when every event names the same actor,
    /// and the place. Nothing the data does not hold.
    /// Where a map's events are, in words: the region's own phrase ("in Iraq") when the events
    /// counted are (nearly) all inside it (its box, and the countries it is named for), else the events' countries
    /// ("in Syria, Lebanon and Iraq", "mostly in Syria", "in 6 countries"), so a preset's name is
    /// never put over events mostly outside it. `name` is the place alone, for "Map of …".
    static func place(_ region: Region, events: [Event]) -> (phrase: String, name: String) {
        let asNamed = (region.placePhrase, region.title)
        guard region.origin == .preset, !events.isEmpty else { return asNamed }
        // In the region: inside the preset's own box (the frame widens it to the page's shape)
        // and, for a preset named for countries, in one of them where the event names its country.
        var counts: [String: Int] = [:]
        var inside = 0
        let wanted = Set(region.countries)
        for i in events.indices {
            let c = events[i].country
            if !c.isEmpty { counts[c, default: 0] += 1 }
            if region.bbox.contains(events[i].location) && (wanted.isEmpty || c.isEmpty || wanted.contains(c)) { inside += 1 }
        }
        if Double(inside) >= 0.9 * Double(events.count) { return asNamed }
        // Most events name no country: the preset's name would say more than the data, and no
        // other place can be said.
        return countriesPlace(counts, of: events.count) ?? ("", "the area shown")
    }

    /// Where events are, from the countries they are in (ISO code → events): up to three by
    /// name when every event has one ("in Iraq and Syria"), the one that holds more than half
    /// ("mostly in Iraq"), else how many ("in 35 countries"); nil when most events have none.
    static func countriesPlace(_ counts: [String: Int], of total: Int) -> (phrase: String, name: String)? {
        let known = counts.values.reduce(0, +)
        guard known > 0, known * 2 >= total else { return nil }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if ranked.count <= 3 && known == total {
            let names = MapCaption.list(ranked.map { CountryNames.name($0.key) })
            return ("in \(names)", names)
        }
        if let top = ranked.first, top.value * 2 > known {
            let name = CountryNames.name(top.key)
            return ("mostly in \(name)", "an area mostly in \(name)")
        }
        return ("in \(ranked.count) countries", "\(ranked.count) countries")
    }

    static func defaultTitle(region: Region, events: [Event], words: EventSymbology, named: Bool = false) -> String {
        let phrase = place(region, events: events).phrase
        let place = phrase.isEmpty ? "" : " " + phrase
        let counts = words.classCounts(events)
        let shown = words.classes.indices.filter { counts[$0] > 0 }.map { words.classes[$0] }
        let what: String
        switch shown.count {
        case 0: what = "events"
        case 1: what = shown[0].titlePhrase
        case 2: what = "\(shown[0].titlePhrase) and \(shown[1].titlePhrase)"
        default: what = "\(shown[0].titlePhrase), \(shown[1].titlePhrase) and other events"
        }
        var by = ""
        if !named, let (actor, share) = dominantActor(events) {
            let verb = hasTwoSides(events) ? "involving" : "by"
            by = share == 1 ? " \(verb) \(words.actorName(actor))"
                : ", mostly \(verb) \(words.actorName(actor))" + (place.isEmpty ? "" : ",")
        }
        return capitalized(what) + by + place
    }

    /// Battles have two sides, and the actor the data names first is only one of them: such a
    /// map says who was involved, not who did it.
    static func hasTwoSides(_ events: [Event]) -> Bool {
        events.indices.contains { i in
            events[i].kind.rawValue == "battle" || events[i].eventType.caseInsensitiveCompare("Battles") == .orderedSame
        }
    }

    /// The actor the data names for at least four in five of the events (and its share), when
    /// there is one: "unknown" and empty actors never count.
    static func dominantActor(_ events: [Event]) -> (actor: String, share: Double)? {
        guard !events.isEmpty else { return nil }
        // Only an actor named in more than half of the events can qualify, so a majority vote
        // (Boyer–Moore) finds the one candidate in a pass of comparisons, and a second pass
        // counts it: no hashing of every event's actor.
        var candidate = events[0].actor, lead = 0
        for i in events.indices {
            let a = events[i].actor
            if lead == 0 { candidate = a; lead = 1 } else if a == candidate { lead += 1 } else { lead -= 1 }
        }
        var n = 0
        for i in events.indices where events[i].actor == candidate { n += 1 }
        let actor = candidate
        guard !actor.isEmpty, !["unknown", "unidentified"].contains(actor.lowercased()) else { return nil }
        let share = Double(n) / Double(events.count)
        guard share == 1 || (share >= 0.8 && events.count >= 5) else { return nil }
        return (actor, share)
    }

    static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// How many of each class, by frequency: "30 attacks and 24 strikes", "375 battles, 88 air/drone strikes and 33 other events".
    static func countPhrase(_ events: [Event], words: EventSymbology) -> String {
        let counts = words.classCounts(events)
        let ranked = words.classes.indices.filter { counts[$0] > 0 }
        var parts = ranked.prefix(ranked.count > 3 ? 2 : 3).map { plural(counts[$0], words.classes[$0].noun, words.classes[$0].nouns) }
        if ranked.count > 3 {
            parts.append(plural(ranked.dropFirst(2).reduce(0) { $0 + counts[$1] }, "other event"))
        }
        return MapCaption.list(parts)
    }

    static func defaultSubtitle(range asked: DateRange, events: [Event], words: EventSymbology, data: DateRange? = nil) -> String {
        let (range, note) = statedPeriod(asked, data: data)
        let when = span(range, events: events) + (note.map { " (\($0))" } ?? "")
        if events.isEmpty {
            return range.isUnbounded ? "No events in this extent" : "\(when) · no events in this extent"
        }
        return "\(when) · " + countPhrase(events, words: words) + " located"
    }
}

extension MapText {
    /// The source line under the map: the events' source, then the basemap's and the gazetteer's.
    /// The gazetteer is credited only when it placed some event (the data gave a site, not coordinates).
    public static func sourceLine(eventSources: String, gazetteerPlaced: Bool = true, areaSources: [String] = [],
                                  terrainSources: [String] = []) -> String {
        var parts: [String] = []
        let events = eventSources.trimmingCharacters(in: .whitespaces)
        if !events.isEmpty { parts.append("Events: \(events)") }
        if !areaSources.isEmpty { parts.append("Areas: \(areaSources.joined(separator: "; "))") }
        if !terrainSources.isEmpty { parts.append("Terrain: \(terrainSources.joined(separator: "; "))") }
        parts.append("Basemap: Natural Earth (public domain)")
        if gazetteerPlaced {
            parts.append("Site coordinates: StrikeMap gazetteer (GeoNames CC-BY 4.0 and cited references)")
        }
        return parts.joined(separator: ". ") + ". Map: StrikeMap"
    }
}
