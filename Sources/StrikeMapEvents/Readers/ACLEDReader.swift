import Foundation
import StrikeMapGeo

/// ACLED's CSV export as it comes: columns matched by name (in any order), dates as
/// `YYYY-MM-DD` or `DD Month YYYY`, kinds from `ACLEDMapping`. Recognised by `event_id_cnty`
/// and `event_date` in the header.
struct ACLEDReader {
    static let required = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude"]
    let gazetteer: Gazetteer
    let mapping: ACLEDMapping

    static func recognises(header: [String]) -> Bool {
        let h = Set(header.map { $0.lowercased() })
        return h.contains("event_id_cnty") && h.contains("event_date")
    }

    private static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    /// `2023-11-21`, `21 November 2023`, `21-Nov-2023`.
    static func date(_ text: String) -> CivilDate? {
        if let d = CivilDate(iso: text) { return d }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        guard parts.count == 3, let day = Int(parts[0]), let month = months[parts[1].lowercased()],
              let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    func read(_ reader: CSVReader, header: [String], into collector: inout RowCollector) throws(EventReadError) {
        let col = try columnIndex(header, file: reader.name)
        let missing = Self.required.filter { col[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(file: reader.name, columns: missing, format: "ACLED") }
        // Locations, actors and event types repeat across an export: work each out once.
        var siteCache: [String: Site?] = [:]
        var kindCache: [String: (kind: EventKind?, state: Bool)] = [:]
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw .csv(error) }
            guard let row = record else { break }
            try collector.row(file: reader.name, line: row.line) {
                try parse(row, col, file: reader.name, siteCache: &siteCache, kindCache: &kindCache)
            }
        }
    }

    private func parse(_ row: CSVRecord, _ col: [String: Int], file: String,
                       siteCache: inout [String: Site?], kindCache: inout [String: (kind: EventKind?, state: Bool)]) throws -> Event {
        func f(_ k: String) -> String {
            guard let i = col[k], i < row.fields.count else { return "" }
            return FastText.trim(row.fields[i])
        }
        func issue(_ c: String, _ m: String) -> RowIssue {
            RowIssue(file: file, line: row.line, column: c, value: f(c), message: m)
        }
        let id = f("event_id_cnty")
        guard !id.isEmpty else { throw issue("event_id_cnty", "empty event id") }
        guard let date = Self.date(f("event_date")) else {
            throw issue("event_date", "not a date; ACLED dates look like 2023-11-21 or 21 November 2023")
        }
        guard let lat = FastText.decimal(f("latitude")), (-90...90).contains(lat) else {
            throw issue("latitude", "expected a latitude in decimal degrees (-90..90)")
        }
        guard let lon = FastText.decimal(f("longitude")), (-180...180).contains(lon) else {
            throw issue("longitude", "expected a longitude in decimal degrees (-180..180)")
        }
        let actor = f("actor1")
        let subEventType = f("sub_event_type")
        let cacheKey = actor + "\u{1F}" + f("inter1") + "\u{1F}" + f("event_type") + "\u{1F}" + subEventType
        if kindCache[cacheKey] == nil {
            let st = ACLEDMapping.isState(actor: actor, inter: f("inter1"))
            kindCache[cacheKey] = (mapping.kind(eventType: f("event_type"), subEventType: subEventType, actorIsState: st), st)
        }
        let cached = kindCache[cacheKey]!
        guard let kind = cached.kind else {
            throw issue("event_type", "no rule maps this event type to a kind; add one with --acled-map")
        }
        let state = cached.state
        let point = GeoPoint(lat: lat, lon: lon)
        let location = f("location")
        if siteCache[location] == nil { siteCache[location] = .some(gazetteer.exactMatch(location)) }
        // A gazetteer site of that name counts only if it is where ACLED puts the event.
        let site = siteCache[location].flatMap { $0 }.flatMap { $0.location.distanceKm(to: point) < 25 ? $0 : nil }
        let notes = f("notes")
        var weapon = Weapon(loose: notes)
        if weapon == .unknown {
            switch subEventType.lowercased() {
            case "air/drone strike": weapon = state ? .aircraft : .drone
            case "shelling/artillery/missile attack": weapon = .rocket
            default: break
            }
        }
        let precision: String
        switch f("geo_precision") {
        case "1": precision = "site"
        case "2": precision = "near-site"
        case "3": precision = "governorate"
        default: precision = ""
        }
        let country = Int(f("iso")).flatMap { ISONumeric.alpha2[$0] } ?? (f("iso3").isEmpty ? f("country") : f("iso3"))
        let fatalities = f("fatalities")
        guard fatalities.isEmpty || Int(fatalities) != nil else {
            throw issue("fatalities", "expected a whole number")
        }
        return Event(id: id, date: date, kind: kind, weapon: weapon, actor: actor, target: f("actor2"),
                     siteID: site?.id, siteName: site?.name ?? (location.isEmpty ? nil : location),
                     location: point, precision: precision, country: country, killed: Int(fatalities),
                     confidence: .confirmed,
                     sources: f("source").split(separator: ";").map { FastText.trim(String($0)) }
                        .filter { !$0.isEmpty },
                     notes: notes)
    }
}
