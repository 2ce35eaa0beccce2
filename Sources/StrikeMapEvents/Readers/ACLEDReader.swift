import Foundation
import StrikeMapGeo
import StrikeMapCore

/// ACLED's CSV export as it comes: columns matched by name (in any order), dates as
/// `YYYY-MM-DD` or `DD Month YYYY`, kinds from `ACLEDMapping`. Recognised by `event_id_cnty`
/// and `event_date` in the header.
struct ACLEDReader {
    static let required = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude"]
    let gazetteer: Gazetteer
    let mapping: ACLEDMapping
    /// Counting only: skip the fields no count uses (sources, target, notes kept only for the weapon).
    var lean = false

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
        var kindCache: [KindKey: (kind: EventKind?, state: Bool)] = [:]
        let columns = Columns(col)
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw .csv(error) }
            guard let row = record else { break }
            try collector.row(file: reader.name, line: row.line) {
                try parse(row, columns, col, file: reader.name, siteCache: &siteCache, kindCache: &kindCache)
            }
        }
    }

    /// Column positions, looked up once per file rather than by name on every row.
    struct Columns {
        let id, date, eventType, subEventType, actor1, inter1, actor2, iso, iso3, country, location,
            latitude, longitude, geoPrecision, source, notes, fatalities: Int?
        init(_ col: [String: Int]) {
            id = col["event_id_cnty"]; date = col["event_date"]; eventType = col["event_type"]
            subEventType = col["sub_event_type"]; actor1 = col["actor1"]; inter1 = col["inter1"]; actor2 = col["actor2"]
            iso = col["iso"]; iso3 = col["iso3"]; country = col["country"]; location = col["location"]
            latitude = col["latitude"]; longitude = col["longitude"]; geoPrecision = col["geo_precision"]
            source = col["source"]; notes = col["notes"]; fatalities = col["fatalities"]
        }
    }

    struct KindKey: Hashable { var actor, inter, eventType, subEventType: String }

    private func parse(_ row: CSVRecord, _ c: Columns, _ col: [String: Int], file: String,
                       siteCache: inout [String: Site?], kindCache: inout [KindKey: (kind: EventKind?, state: Bool)]) throws -> Event {
        func v(_ i: Int?) -> String {
            guard let i, i < row.fields.count else { return "" }
            return FastText.trim(row.fields[i])
        }
        func f(_ k: String) -> String { v(col[k]) }
        func issue(_ c: String, _ m: String) -> RowIssue {
            RowIssue(file: file, line: row.line, column: c, value: f(c), message: m)
        }
        let id = v(c.id)
        guard !id.isEmpty else { throw issue("event_id_cnty", "empty event id") }
        guard let date = Self.date(v(c.date)) else {
            throw issue("event_date", "not a date; ACLED dates look like 2023-11-21 or 21 November 2023")
        }
        guard let lat = FastText.decimal(v(c.latitude)), (-90...90).contains(lat) else {
            throw issue("latitude", "expected a latitude in decimal degrees (-90..90)")
        }
        guard let lon = FastText.decimal(v(c.longitude)), (-180...180).contains(lon) else {
            throw issue("longitude", "expected a longitude in decimal degrees (-180..180)")
        }
        let actor = v(c.actor1)
        let subEventType = v(c.subEventType)
        let cacheKey = KindKey(actor: actor, inter: v(c.inter1), eventType: v(c.eventType), subEventType: subEventType)
        if kindCache[cacheKey] == nil {
            let st = ACLEDMapping.isState(actor: actor, inter: v(c.inter1))
            kindCache[cacheKey] = (mapping.kind(eventType: v(c.eventType), subEventType: subEventType, actorIsState: st), st)
        }
        let cached = kindCache[cacheKey]!
        guard let kind = cached.kind else {
            throw issue("event_type", "no rule maps this event type to a kind; add one with --acled-map")
        }
        let state = cached.state
        let point = GeoPoint(lat: lat, lon: lon)
        let location = v(c.location)
        if siteCache[location] == nil { siteCache[location] = .some(gazetteer.exactMatch(location)) }
        // A gazetteer site of that name counts only if it is where ACLED puts the event.
        let site = siteCache[location].flatMap { $0 }.flatMap { $0.location.distanceKm(to: point) < 25 ? $0 : nil }
        let notes = v(c.notes)
        var weapon = Weapon(loose: notes)
        if weapon == .unknown {
            switch subEventType.lowercased() {
            case "air/drone strike": weapon = state ? .aircraft : .drone
            case "shelling/artillery/missile attack": weapon = .rocket
            default: break
            }
        }
        let precision: String
        switch v(c.geoPrecision) {
        case "1": precision = "site"
        case "2": precision = "near-site"
        case "3": precision = "governorate"
        default: precision = ""
        }
        let country = Int(v(c.iso)).flatMap { ISONumeric.alpha2[$0] } ?? (v(c.iso3).isEmpty ? v(c.country) : v(c.iso3))
        let fatalities = v(c.fatalities)
        guard fatalities.isEmpty || Int(fatalities) != nil else {
            throw issue("fatalities", "expected a whole number")
        }
        if lean {
            return Event(id: id, date: date, kind: kind, weapon: weapon, actor: actor,
                         siteID: site?.id, siteName: site?.name ?? (location.isEmpty ? nil : location),
                         location: point, precision: precision, country: country, killed: Int(fatalities))
        }
        return Event(id: id, date: date, kind: kind, weapon: weapon, actor: actor, target: v(c.actor2),
                     siteID: site?.id, siteName: site?.name ?? (location.isEmpty ? nil : location),
                     location: point, precision: precision, country: country, killed: Int(fatalities),
                     confidence: .confirmed,
                     sources: v(c.source).split(separator: ";").map { FastText.trim(String($0)) }
                        .filter { !$0.isEmpty },
                     notes: notes)
    }
}
