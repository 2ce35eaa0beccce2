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

    /// "17 Oct – 22 Nov 2023", the range the map covers; open ends take the events' own dates.
    public static func span(_ range: DateRange, events: [Event]) -> String {
        let from = range.from ?? events.map(\.date).min()
        let to = range.to ?? events.map(\.date).max()
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
        "\(n) \(n == 1 ? word : (plural ?? word + "s"))"
    }

    public static func defaultTitle(region: Region, events: [Event]) -> String {
        let kinds = Set(events.map(\.kind))
        let place = region.placePhrase.isEmpty ? "" : " " + region.placePhrase
        if kinds == [.attack] { return "Attacks on US forces\(place)" }
        if kinds == [.strike] { return "US strikes\(place)" }
        return "Attacks on US forces and US strikes\(place)"
    }

    public static func defaultSubtitle(range: DateRange, events: [Event]) -> String {
        let attacks = events.filter { $0.kind == .attack }.count
        let strikes = events.filter { $0.kind == .strike }.count
        let others = events.count - attacks - strikes
        var parts: [String] = []
        if attacks > 0 { parts.append(plural(attacks, "attack")) }
        if strikes > 0 { parts.append(plural(strikes, "strike")) }
        if others > 0 { parts.append(plural(others, "other event")) }
        if parts.isEmpty {
            return range.isUnbounded ? "No events in this extent" : "\(span(range, events: events)) · no events in this extent"
        }
        return "\(span(range, events: events)) · " + parts.joined(separator: " and ") + " located"
    }
}

extension MapText {
    /// The source line under the map: the events' source, then the basemap's and the gazetteer's.
    public static func sourceLine(eventSources: String) -> String {
        var parts: [String] = []
        let events = eventSources.trimmingCharacters(in: .whitespaces)
        if !events.isEmpty { parts.append("Events: \(events)") }
        parts.append("Basemap: Natural Earth (public domain)")
        parts.append("Site coordinates: StrikeMap gazetteer (GeoNames CC-BY 4.0 and cited references)")
        return parts.joined(separator: ". ") + ". Map: StrikeMap"
    }
}
