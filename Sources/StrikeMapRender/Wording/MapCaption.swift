import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Words that describe a rendered map: an accurate paragraph for alt text and captions, and
/// figure snippets for Markdown and HTML documents.
public enum MapCaption {
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
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
        let place = r.placePhrase.isEmpty ? "" : r.placePhrase.hasPrefix("in ") ? " of \(r.title)" : " of the area \(r.placePhrase)"
        let from = spec.dateRange.from ?? events.map(\.date).min()
        let to = spec.dateRange.to ?? events.map(\.date).max()
        var when = ""
        if let f = from, let t = to { when = f == t ? " on \(longDate(f))" : " between \(longDate(f)) and \(longDate(t))" }
        guard !events.isEmpty else {
            return "Map\(place) showing no recorded events\(when)."
        }
        var s = "Map\(place) showing \(MapText.countPhrase(events, words: words))\(when)."
        if spec.symbology.classes.isEmpty, let (actor, share) = MapText.dominantActor(events) {
            let who = words.actorName(actor)
            let role = MapText.hasTwoSides(events) ? "a party" : "the actor"
            s += share == 1 ? " The data names \(who) as \(role) in every one."
                : " The data names \(who) as \(role) in \(Int((share * 100).rounded(.down)))% of them."
        }
        func busiest(_ es: [Event]) -> [String] {
            var counts: [String: Int] = [:]
            for e in es { counts[e.siteName ?? e.siteID ?? "unnamed places", default: 0] += 1 }
            let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var out = sorted.prefix(3).map { "\($0.key) (\($0.value))" }
            if sorted.count > 3 { out.append(MapText.plural(sorted.count - 3, "other place")) }
            return out
        }
        // Where the two commonest classes happened.
        var byClass: [String: [Event]] = [:]
        for e in events { byClass[words.key(of: e), default: []].append(e) }
        for k in words.classes.filter({ byClass[$0.key] != nil }).prefix(2) {
            let es = byClass[k.key]!
            s += es.count == 1 ? " The \(k.noun) was reported at \(list(busiest(es)))."
                : " Most \(k.nouns) were reported at \(list(busiest(es)))."
        }
        let claimed = events.filter { $0.confidence == .claimed }.count
        let approximate = events.filter { $0.confidence == .approximate }.count
        if claimed > 0 { s += " \(MapText.plural(claimed, "event")) \(claimed == 1 ? "is" : "are") known only from claims and drawn hollow." }
        if approximate > 0 { s += " \(MapText.plural(approximate, "event")) \(approximate == 1 ? "has" : "have") an approximate date or place." }
        if let note = spec.totalsNote { s += " \(note)." }
        if !spec.eventSources.isEmpty { s += " Sources: \(spec.eventSources)." }
        return s
    }

    public enum Snippet: String, Sendable, CaseIterable { case md, html }

    /// A figure snippet for a document, with the paragraph as alt text.
    public static func embed(_ kind: Snippet, path: String, spec: MapSpec, manifest: RenderManifest) -> String {
        let alt = paragraph(spec: spec, manifest: manifest)
        let credit = "Map: StrikeMap. Basemap: Natural Earth."
        switch kind {
        case .md:
            let escapedAlt = alt.replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: "[", with: "\\[")
            return "![\(escapedAlt)](\(path.replacingOccurrences(of: " ", with: "%20")))\n\n*\(manifest.title). \(credit)*"
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
