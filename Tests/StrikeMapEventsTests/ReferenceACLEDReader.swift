import Foundation
@testable import StrikeMapGeo
@testable import StrikeMapCore
@testable import StrikeMapEvents

// The ACLED reader as it was before the byte-level, parallel one (commit bff5101), kept as the
// oracle of the differential tests: the new reader must give the same report.

/// ACLED's CSV export as it comes: columns matched by name (in any order), dates in any form
/// `LooseDate` reads, kinds from `ACLEDMapping`, ACLED's own event type and sub-event type kept on
/// each event. Recognised by `event_id_cnty` and `event_date` in the header.
///
/// The pre-2019 layout (no `sub_event_type`; `ally_actor_1`, `gwno`, often no `iso`; event types
/// such as `Remote violence` and `Battle-No change of territory`) is read too: its event types are
/// renamed to today's where the old name maps to one new type (see `oldTypes`), and
/// `Riots/Protests`, which today's scheme splits in two, is kept as it is.
struct ReferenceACLEDReader {
    static let required = ["event_id_cnty", "event_date", "event_type", "actor1", "latitude", "longitude"]
    let gazetteer: Gazetteer
    let mapping: ACLEDMapping
    var options = ReadOptions()
    /// Reads the file again, for the day/month pre-pass of numeric dates.
    var reopen: (() throws(CSVError) -> CSVReader)?
    /// Counting only: skip the fields no count uses (sources, target, notes kept only for the weapon).
    var lean = false

    init(gazetteer: Gazetteer, mapping: ACLEDMapping) {
        self.gazetteer = gazetteer
        self.mapping = mapping
    }

    static func recognises(header: [String]) -> Bool {
        let h = Set(header.map { $0.lowercased() })
        return h.contains("event_id_cnty") && h.contains("event_date")
    }

    func read(_ reader: CSVReader, header: [String], into collector: inout RowCollector) throws(EventReadError) {
        let col = try columnIndex(header, file: reader.name)
        let missing = ACLEDReader.required.filter { col[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(file: reader.name, columns: missing, format: "ACLED") }
        let oldLayout = col["sub_event_type"] == nil
        if oldLayout {
            collector.note("\(reader.name): the pre-2019 ACLED layout (no sub_event_type): event types renamed to today's "
                           + "where one maps to one (Remote violence → Explosions/Remote violence, ...); Riots/Protests kept as it is")
        }
        // Locations, actors, event types and countries repeat across an export: work each out once.
        var siteCache: [String: Site?] = [:]
        var kindCache: [KindKey: Classified] = [:]
        var countryCache: [String: String] = [:]
        let columns = Columns(col)
        let reopen = self.reopen
        var dates = DateColumn(file: reader.name, column: "event_date", order: options.dateOrder) { () throws(EventReadError) in
            guard let reopen, let i = col["event_date"] else { return [] }
            return try scanColumn(reopen, index: i)
        }
        dates.invalidMessage = "not a date; ACLED dates look like 2023-11-21 or 21 November 2023"
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw .csv(error) }
            guard let row = record else { break }
            try collector.row(file: reader.name, line: row.line) {
                try parse(row, columns, col, file: reader.name, oldLayout: oldLayout, dates: &dates, siteCache: &siteCache,
                          kindCache: &kindCache, countryCache: &countryCache)
            }
        }
        dates.noteRanges(into: &collector)
    }

    /// Column positions, looked up once per file rather than by name on every row.
    struct Columns {
        let id, date, eventType, subEventType, actor1, inter1, actor2, iso, iso3, country, location,
            latitude, longitude, geoPrecision, timePrecision, source, notes, fatalities: Int?
        init(_ col: [String: Int]) {
            id = col["event_id_cnty"]; date = col["event_date"]; eventType = col["event_type"]
            subEventType = col["sub_event_type"]; actor1 = col["actor1"]; inter1 = col["inter1"]; actor2 = col["actor2"]
            iso = col["iso"]; iso3 = col["iso3"]; country = col["country"]; location = col["location"]
            latitude = col["latitude"]; longitude = col["longitude"]; geoPrecision = col["geo_precision"]
            timePrecision = col["time_precision"]
            source = col["source"]; notes = col["notes"]; fatalities = col["fatalities"]
        }
    }

    struct KindKey: Hashable { var actor, inter, eventType, subEventType: String }
    /// What a row's type and actor come to, worked out once per distinct combination.
    struct Classified { var kind: EventKind?; var state: Bool; var eventType: String; var subEventType: String }

    private func parse(_ row: CSVRecord, _ c: Columns, _ col: [String: Int], file: String, oldLayout: Bool,
                       dates: inout DateColumn, siteCache: inout [String: Site?], kindCache: inout [KindKey: Classified],
                       countryCache: inout [String: String]) throws -> Event {
        func v(_ i: Int?) -> String {
            guard let i, i < row.fields.count else { return "" }
            return FastText.trim(row.fields[i])
        }
        func f(_ k: String) -> String { v(col[k]) }
        func issue(_ c: String, _ m: String) -> RowIssue {
            RowIssue(file: file, line: row.line, column: c, value: f(c), message: m)
        }
        let id = !v(c.id).isEmpty ? v(c.id) : v(col["data_id"]).isEmpty ? "" : "data_id:" + v(col["data_id"])
        guard !id.isEmpty else { throw issue("event_id_cnty", "empty event id (and no data_id)") }
        let dateText = v(c.date)
        let (date, approximate) = try dates.date(dateText, line: row.line)
        guard let lat = FastText.decimal(v(c.latitude)), (-90...90).contains(lat) else {
            throw issue("latitude", "expected a latitude in decimal degrees (-90..90)")
        }
        guard let lon = FastText.decimal(v(c.longitude)), (-180...180).contains(lon) else {
            throw issue("longitude", "expected a longitude in decimal degrees (-180..180)")
        }
        let actor = v(c.actor1)
        let cacheKey = KindKey(actor: actor, inter: v(c.inter1), eventType: v(c.eventType), subEventType: v(c.subEventType))
        if kindCache[cacheKey] == nil {
            var type = cacheKey.eventType, subType = cacheKey.subEventType
            if oldLayout, let modern = ACLEDReader.oldTypes[type.lowercased()] { (type, subType) = modern }
            let st = ACLEDMapping.isState(actor: actor, inter: cacheKey.inter)
            let kind = mapping.kind(eventType: type, subEventType: subType, actorIsState: st)
                ?? options.kindDefault.map { EventKind(rawValue: $0) }
            kindCache[cacheKey] = Classified(kind: kind, state: st, eventType: type, subEventType: subType)
        }
        let classified = kindCache[cacheKey]!
        guard let kind = classified.kind else {
            let what = [v(c.eventType), v(c.subEventType)].filter { !$0.isEmpty }.joined(separator: " / ")
            throw issue("event_type", "no rule maps this event type ('\(what)') to a kind; add one with --acled-map, or give --kind-default")
        }
        let point = GeoPoint(lat: lat, lon: lon)
        let location = v(c.location)
        if siteCache[location] == nil { siteCache[location] = .some(gazetteer.exactMatch(location)) }
        // A gazetteer site of that name counts only if it is where ACLED puts the event.
        let site = siteCache[location].flatMap { $0 }.flatMap { $0.location.distanceKm(to: point) < 25 ? $0 : nil }
        var notes = v(c.notes)
        let weapon = EventEvidence.weapon(column: "", subEventType: classified.subEventType, actorIsState: classified.state,
                                          kind: kind, notes: notes)
        let precision: String
        switch v(c.geoPrecision) {
        case "1": precision = "site"
        case "2": precision = "near-site"
        case "3": precision = "governorate"
        default: precision = ""
        }
        // ISO numeric, else ISO alpha-3, else the name: each becomes alpha-2 when the table knows it.
        let iso = v(c.iso), iso3 = v(c.iso3), name = v(c.country)
        let countryKey = !iso.isEmpty && iso != "0" ? "#" + iso : (!iso3.isEmpty ? iso3 : name)
        if countryCache[countryKey] == nil {
            let table = CountryTable.standard
            let found = Int(iso).flatMap { $0 == 0 ? nil : table.find(numeric: $0) } ?? table.find(iso3) ?? table.find(name)
            countryCache[countryKey] = found?.alpha2 ?? (iso3.isEmpty ? name : iso3)
        }
        let country = countryCache[countryKey]!
        let fatalities = v(c.fatalities)
        guard fatalities.isEmpty || Int(fatalities) != nil else {
            throw issue("fatalities", "expected a whole number")
        }
        // time_precision: 2 the week, 3 the month.
        let datePrecision: DatePrecision? = ["2": .week, "3": .month][v(c.timePrecision)]
        var e = reference(id: id, date: date, kind: kind, classified: classified, weapon: weapon, actor: actor, site: site,
                          location: location, point: point, precision: precision, country: country, fatalities: fatalities,
                          approximate: approximate, dateText: dateText, notes: notes, c: c, v: v)
        if let datePrecision { e.uncertainty = Uncertainty(datePrecision: datePrecision) }
        return e
    }

    private func reference(id: String, date: CivilDate, kind: EventKind, classified: Classified, weapon: Weapon,
                           actor: String, site: Site?, location: String, point: GeoPoint, precision: String, country: String,
                           fatalities: String, approximate: Bool, dateText: String, notes: String, c: Columns,
                           v: (Int?) -> String) -> Event {
        var notes = notes
        if lean {
            return Event(id: id, date: date, kind: kind, eventType: classified.eventType, subEventType: classified.subEventType,
                         weapon: weapon, actor: actor,
                         siteID: site?.id, siteName: site?.name ?? (location.isEmpty ? nil : location),
                         location: point, precision: precision, country: country, killed: Int(fatalities),
                         confidence: approximate ? .approximate : .unstated)
        }
        if approximate { notes = (notes.isEmpty ? "" : notes + "; ") + "date given as '\(dateText)'" }
        return Event(id: id, date: date, kind: kind, eventType: classified.eventType, subEventType: classified.subEventType,
                     weapon: weapon, actor: actor, target: v(c.actor2),
                     siteID: site?.id, siteName: site?.name ?? (location.isEmpty ? nil : location),
                     location: point, precision: precision, country: country, killed: Int(fatalities),
                     confidence: approximate ? .approximate : .unstated,
                     sources: v(c.source).split(separator: ";").map { FastText.trim(String($0)) }
                        .filter { !$0.isEmpty },
                     notes: notes)
    }
}

