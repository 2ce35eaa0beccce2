import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Words that describe a rendered map: an accurate paragraph for alt text and captions, and
/// figure snippets for Markdown and HTML documents.
public enum MapCaption {
    static func list(_ items: [String], or: Bool = false) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
        }
    }

    static func longDate(_ d: CivilDate) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        return "\(d.day) \(months[d.month - 1]) \(d.year)"
    }

    /// One paragraph: what, where, when, how many, the busiest places, what is uncertain, sources.
    public static func paragraph(spec: MapSpec, manifest: RenderManifest) -> String {
        let events = spec.events
        let words = spec.eventWords
        let r = spec.region
        // The place as the title gives it: the events' countries where the preset's name would not hold.
        let (phrase, name) = MapText.place(r, events: events)
        let place = phrase.isEmpty ? "" : phrase.hasPrefix("in the ") ? " of " + phrase.dropFirst(3)
            : phrase.hasPrefix("in ") || phrase.hasPrefix("mostly in ") ? " of \(name)" : " of the area \(phrase)"
        // The period as far as the data go (a month asked past the data's end is not called a month).
        let (stated, cut) = MapText.statedPeriod(spec.dateRange, data: spec.dataDates)
        let from = stated.from ?? events.map(\.date).min()
        let to = stated.to ?? events.map(\.date).max()
        var when = ""
        if let f = from, let t = to { when = f == t ? " on \(longDate(f))" : " between \(longDate(f)) and \(longDate(t))" }
        var asked = ""
        if cut != nil, let d = spec.dataDates, let first = d.from, let last = d.to {
            let a = spec.dateRange.from, b = spec.dateRange.to
            let outside = (b.map { $0 < first } ?? false) || (a.map { $0 > last } ?? false)
            let startCut = a.map { $0 < first } ?? false, endCut = b.map { $0 > last } ?? false
            if outside {
                asked = " The data run from \(longDate(first)) to \(longDate(last)), outside the period asked."
            } else if startCut && endCut, let a, let b {
                asked = " The data run from \(longDate(first)) to \(longDate(last)), within the period asked (\(longDate(a)) to \(longDate(b)))."
            } else if endCut, let b {
                asked = " The data end on \(longDate(last)); the period asked runs to \(longDate(b))."
            } else if startCut, let a {
                asked = " The data start on \(longDate(first)); the period asked begins on \(longDate(a))."
            }
        }
        guard !events.isEmpty else {
            return "Map\(place) showing no recorded events\(when).\(asked)"
        }
        var s = "Map\(place) showing \(MapText.countPhrase(events, words: words))\(when).\(asked)"
        if spec.symbology.classes.isEmpty, let (actor, share) = MapText.dominantActor(events) {
            let who = words.actorName(actor)
            let role = MapText.hasTwoSides(events) ? "a party" : "the actor"
            s += share == 1 ? " The data names \(who) as \(role) in every one."
                : " The data names \(who) as \(role) in \(Int((share * 100).rounded(.down)))% of them."
        }
        // Where the two commonest classes happened.
        // Class keys by index, then only the two classes' events gathered.
        let keys = events.indices.map { words.key(of: events[$0]) }
        let present = Set(keys)
        for k in words.classes.filter({ present.contains($0.key) }).prefix(2) {
            let mine = events.indices.filter { keys[$0] == k.key }.map { events[$0] }
            s += " " + whereSentence(mine, noun: k.noun, nouns: k.nouns)
        }
        if let d = manifest.density { s += " " + viewSentence(d, manifest: manifest) }
        // `ids` builds a set: once, not once per event.
        let misplacedIDs = spec.misplaced.ids
        let misplaced = misplacedIDs.isEmpty ? 0 : events.reduce(0) { $0 + (misplacedIDs.contains($1.id) ? 1 : 0) }
        if misplaced > 0 {
            s += " \(MapText.plural(misplaced, "event lies", "events lie")) outside the country the data names for \(misplaced == 1 ? "it" : "them"); the coordinates may be wrong."
        }
        // Counted without copying the events (each filter copied every match).
        let claimed = events.reduce(0) { $0 + ($1.confidence == .claimed ? 1 : 0) }
        let approximate = events.reduce(0) { $0 + ($1.confidence == .approximate ? 1 : 0) }
        let hollow = manifest.view == "markers" ? " and drawn hollow" : ""
        if claimed > 0 { s += " \(MapText.plural(claimed, "event")) \(claimed == 1 ? "is" : "are") known only from claims\(hollow)." }
        if approximate > 0 { s += " \(MapText.plural(approximate, "event")) \(approximate == 1 ? "has" : "have") an approximate date or place." }
        // Markers of such events alone are hatched; a cluster that mixes them with others is not.
        let hatched = spec.symbology.precision == .show ? manifest.markers.filter { $0.coarse != nil }.reduce(0) { $0 + $1.count } : 0
        let density = manifest.view != "markers"
        if let p = precisionSentence(events, hatched: hatched, density: density && hatched == 0) { s += " " + p }
        if let note = spec.coarseLeftOffNote { s += " \(note)." }
        if let note = spec.totalsNote { s += " \(note)." }
        if let note = spec.invalidRowsNote { s += " \(note)." }
        if let note = spec.strayNote { s += " \(note)." }
        if !spec.eventSources.isEmpty { s += " Sources: \(spec.eventSources)." }
        return s
    }

    /// "35 of the 265 events are placed only at the centre of a province (20), a district (12) or
    /// the country (3), not necessarily where they happened (drawn hatched).": the events whose coordinates
    /// stand for an area, by the area; nil when there are none.
    static func precisionSentence(_ events: [Event], hatched: Int, density: Bool = false) -> String? {
        var by: [PlacePrecision: Int] = [:]
        var cache: [String: PlacePrecision?] = [:]
        for i in events.indices {
            let text = events[i].precision
            let p: PlacePrecision?
            if let known = cache[text] { p = known } else { p = PlacePrecision(wording: text); cache[text] = p }
            if let p, p.isCoarse { by[p, default: 0] += 1 }
        }
        let n = by.values.reduce(0, +)
        guard n > 0 else { return nil }
        let names: [(PlacePrecision, String)] = [(.admin1, "a province"), (.admin2, "a district"), (.country, "a country"),
                                                 (.unknown, "an assumed point")]
        let parts = names.filter { by[$0.0] != nil }.sorted { by[$0.0]! > by[$1.0]! }
        let centres = parts.filter { $0.0 != .unknown }
        let several = parts.count > 1
        var pieces: [String] = []
        if !centres.isEmpty {
            pieces.append("the centre of " + list(centres.map { several ? "\($0.1) (\(MapText.number(by[$0.0]!)))" : $0.1 }, or: true))
        }
        if let u = by[.unknown] { pieces.append("an assumed point" + (several ? " (\(MapText.number(u)))" : "")) }
        let whereText = pieces.joined(separator: centres.count > 1 ? ", or at " : " or at ")
        let how = hatched >= n ? " (drawn hatched)"
            : hatched > 0 ? "; \(MapText.number(hatched)) of them, in circles of such events alone, are drawn hatched" : density ? "; the density view counts \(n == 1 ? "it" : "them") there" : ""
        let all = n == events.count ? (n == 1 ? "The event is" : "All \(MapText.number(n)) events are")
            : "\(MapText.number(n)) of the \(MapText.number(events.count)) events \(n == 1 ? "is" : "are")"
        return "\(all) placed only at \(whereText), not necessarily where \(n == 1 ? "it" : "they") happened\(how)."
    }

    /// How a density view shows the events, and for a choropleth the areas with the most.
    static func viewSentence(_ d: RenderManifest.Density, manifest: RenderManifest) -> String {
        let what = d.weight == "fatalities" ? "reported deaths" : "events"
        switch d.view {
        case "choropleth":
            guard !d.areas.isEmpty else { return "No event lies inside a shaded area." }
            let rate = d.perArea == true
            let top = d.areas.prefix(3).map { a in
                rate ? "\(a.name) (\(MapText.decimal(a.value, significant: 2)) per 1,000 km²)" : "\(a.name) (\(MapText.number(Int(a.value.rounded()))))"
            }
            var out = "Areas are shaded by \(rate ? "\(what) per 1,000 km²" : "\(what)") in \(d.classes.count) classes; the most were in \(list(top))"
            out += d.areas.count > 3 ? ", of \(d.areas.count) areas with events." : "."
            if d.outsideAreas > 0 { out += " \(MapText.plural(d.outsideAreas, "event lies", "events lie")) outside every area and \(d.outsideAreas == 1 ? "is" : "are") not counted." }
            return out
        case "heatmap":
            return "The shading is a kernel density of the \(what) (\(MapText.decimal(d.bandwidthKm ?? 0)) km bandwidth)."
        default:
            let cell = d.view == "hexbin" ? "hexagons" : "squares"
            // The cell's ground only in words that hold across the map (see BinnedView.cellGround).
            let size: String
            if let km2 = d.cellAreaKm2 {
                size = "of about \(MapText.roundedNumber(km2)) km² each"
            } else if let km = d.cellAcrossKm {
                size = "about \(MapText.decimal(km, significant: 2)) km across"
            } else {
                size = "\(MapText.decimal(d.cellSizeMM ?? 0, significant: 2)) mm across on the page (the scale varies across the map)"
            }
            return "The \(what) are counted in \(cell) \(size), shaded in \(d.classes.count) classes; \(MapText.plural(d.cells.count, "cell")) hold events."
        }
    }

    /// Where events of one class were reported, in words that stay true for any counts:
    /// "The places with the most battles were Nad-e Ali (14), Kunduz (11) and Balkh (10), of 167
    /// places." Names that hold commas ("Sirwah, Marib") are listed with semicolons.
    static func whereSentence(_ es: [Event], noun: String, nouns: String) -> String {
        var counts: [String: Int] = [:]
        var unnamed = 0
        for i in es.indices {
            if let name = es[i].siteName ?? es[i].siteID, !name.isEmpty { counts[name, default: 0] += 1 } else { unnamed += 1 }
        }
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let unnamedNote = unnamed == 0 ? "" : unnamed == es.count ? "" : ", and \(MapText.plural(unnamed, "at a place", "at places")) the data does not name"
        func join(_ items: [String]) -> String {
            guard items.contains(where: { $0.contains(",") }) else { return list(items) }
            return items.count < 2 ? items.joined() : items.dropLast().joined(separator: "; ") + "; and " + items.last!
        }
        if sorted.isEmpty {
            return es.count == 1 ? "The data does not name the place of the \(noun)." : "The data does not name the places of these \(nouns)."
        }
        if es.count == 1 { return "The \(noun) was reported at \(sorted[0].key)." }
        let named = es.count - unnamed
        if sorted.count == 1 {
            return named == 1 ? "One \(noun) was reported at \(sorted[0].key)\(unnamedNote)."
                : "All \(MapText.plural(named, noun, nouns)) with a named place were reported at \(sorted[0].key)\(unnamedNote)."
        }
        if sorted[0].value == 1 {
            return "\(MapText.capitalized(MapText.plural(named, noun, nouns))) were reported at \(MapText.number(sorted.count)) different places, among them \(join(sorted.prefix(3).map(\.key)))\(unnamedNote)."
        }
        // Only places with more than one are ranked; ties of one are not "the most" of anything.
        let top = sorted.filter { $0.value > 1 }.prefix(3)
        let rest = sorted.dropFirst(top.count)
        let restNote = rest.isEmpty ? ""
            : rest.allSatisfy({ $0.value == 1 }) ? "; \(MapText.plural(rest.count, "other place")) had one each"
            : ", of \(MapText.plural(sorted.count, "place"))"
        if top.count == 1 {
            return "\(top[0].key) had the most \(nouns) (\(MapText.number(top[0].value)))\(restNote)\(unnamedNote)."
        }
        let ranked = top.map { "\($0.key) (\(MapText.number($0.value)))" }
        return "The places with the most \(nouns) were \(join(ranked))\(restNote)\(unnamedNote)."
    }

    public enum Snippet: String, Sendable, CaseIterable { case md, html }

    /// A figure snippet for a document, with the paragraph as alt text.
    public static func embed(_ kind: Snippet, path: String, spec: MapSpec, manifest: RenderManifest) -> String {
        let alt = paragraph(spec: spec, manifest: manifest)
        let credit = "Map: StrikeMap. Basemap: Natural Earth."
        switch kind {
        case .md:
            // Text from the data is text: HTML and Markdown's own marks are escaped, so a title
            // holding "<script>" or "*" cannot become markup in the reader's document.
            func md(_ s: String) -> String {
                var out = ""
                for c in s {
                    switch c {
                    case "&": out += "&amp;"
                    case "<": out += "&lt;"
                    case ">": out += "&gt;"
                    case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "~": out += "\\" + String(c)
                    case "\n", "\r": out += " "
                    default: out.append(c)
                    }
                }
                return out
            }
            let target = path.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28")
                .replacingOccurrences(of: ")", with: "%29")
            return "![\(md(alt))](\(target))\n\n*\(md(manifest.title)). \(md(credit))*"
        case .html:
            func esc(_ s: String) -> String {
                s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            }
            let widthIn = Double(spec.widthPx) / spec.dpi, heightIn = Double(spec.heightPx) / spec.dpi
            return """
            <figure>
              <img src="\(esc(path))" alt="\(esc(alt))" width="\(Int((widthIn * 96).rounded()))" height="\(Int((heightIn * 96).rounded()))">
              <figcaption>\(esc(manifest.title)). \(esc(credit))</figcaption>
            </figure>
            """
        }
    }
}
