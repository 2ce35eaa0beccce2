import Foundation
import StrikeMapGeo
import StrikeMapCore

/// The Uppsala Conflict Data Program's Georeferenced Event Dataset (UCDP GED, CC BY 4.0), in
/// the layouts it circulates in, recognised by its column names whatever their order:
/// - the standard download (49 columns: `id`, `type_of_violence`, `side_a`, `side_b`,
///   `where_prec`, `latitude`, `longitude`, `date_prec`, `date_start`, `date_end`, `best`,
///   `low`, `high`, …; dates as `2013-01-03 00:00:00.000`);
/// - copies on HDX, whose second row holds HXL hashtags (`#event+id`, `#date+start`): skipped;
/// - exports from the UCDP explorer: US dates with times (`1/3/2013 12:00:00 AM`), `True` and
///   `False`, a comma at the end of each line;
/// - older versions, which name the estimates `best_est`, `low_est` and `high_est`.
///
/// Each row becomes one event: `type_of_violence` 1, 2, 3 the types "State-based conflict"
/// (kind `battle`), "Non-state conflict" (`battle`) and "One-sided violence" (`attack`);
/// `side_a` the actor and `side_b` the other side (the target); `best` the deaths counted,
/// `low` and `high` kept beside it; `date_start` the date and `date_end` the end of its span;
/// `where_prec` and `date_prec` mapped onto `PlacePrecision` and `DatePrecision`.
struct UCDPReader {
    let gazetteer: Gazetteer
    var options = ReadOptions()

    static let publisher = "UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program, CC BY 4.0)"

    static func recognises(header: [String]) -> Bool {
        let h = Set(header.map { FastText.trim($0).lowercased() })
        return ["type_of_violence", "side_a", "side_b", "latitude", "longitude", "date_start"].allSatisfy(h.contains)
    }

    /// The types of violence, by UCDP's code: its own names, and the kind each is.
    static let types: [String: (type: String, kind: EventKind)] = [
        "1": ("State-based conflict", EventKind(rawValue: "battle")),
        "2": ("Non-state conflict", EventKind(rawValue: "battle")),
        "3": ("One-sided violence", .attack),
    ]

    /// `where_prec`: 1 the place itself; 2 within about 25 km of it; 3 the second-order
    /// division; 4 the first-order division; 5 a part of the country larger than that, or along
    /// a road, river or border (placed at a province-sized area's centre, or coarser); 6 the
    /// country; 7 international waters or airspace.
    static let places: [String: PlacePrecision] = [
        "1": .exact, "2": .near, "3": .admin2, "4": .admin1, "5": .admin1, "6": .country, "7": .unknown,
    ]

    /// `date_prec`: 1 the day; 2 a span of 2 to 6 days; 3 a span within a month (8 to 30 days);
    /// 4 a span of a month to a year; 5 longer than a year.
    static let dates: [String: DatePrecision] = ["1": .day, "2": .week, "3": .month, "4": .year, "5": .range]

    /// Country names UCDP writes that are not ISO names: the former name in brackets
    /// ("Russia (Soviet Union)") is dropped first; these remain.
    static let countryNames: [String: String] = [
        "dr congo": "CD", "bosnia-herzegovina": "BA", "ivory coast": "CI", "macedonia, fyr": "MK",
        "kingdom of eswatini": "SZ", "yemen": "YE", "cambodia": "KH", "myanmar": "MM", "serbia": "RS",
        "russia": "RU", "zimbabwe": "ZW", "madagascar": "MG", "vietnam": "VN", "iran": "IR", "syria": "SY",
        "laos": "LA", "tanzania": "TZ", "bolivia": "BO", "venezuela": "VE", "moldova": "MD",
        "south yemen": "YE", "north yemen": "YE", "united states of america": "US", "east timor": "TL",
    ]

    func read(_ reader: CSVReader, header: [String], into collector: inout RowCollector) throws(EventReadError) {
        let file = reader.name
        var col: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            let name = FastText.trim(raw).lowercased()
            if !name.isEmpty && col[name] == nil { col[name] = i }
        }
        func index(_ names: String...) -> Int? { names.lazy.compactMap { col[$0] }.first }
        let id = index("id", "event_id"), violence = col["type_of_violence"]!, sideA = col["side_a"]!, sideB = col["side_b"]!
        let lat = col["latitude"]!, lon = col["longitude"]!, start = col["date_start"]!, end = col["date_end"]
        let wherePrec = col["where_prec"], datePrec = col["date_prec"]
        let best = index("best", "best_est"), low = index("low", "low_est"), high = index("high", "high_est")
        let country = col["country"], placeName = index("where_coordinates", "where_description")
        let admin1 = col["adm_1"], sourceOffice = index("source_office", "source_original"), clarity = col["event_clarity"]
        let whereDescription = col["where_description"], dyad = col["dyad_name"], conflict = col["conflict_name"]
        let baseName = (file as NSString).lastPathComponent
        let countryTable = CountryTable.standard
        var countries: [String: String] = [:]
        var hashtagRows = 0
        let rowsBefore = collector.report.rowsRead
        collector.note("\(file): read as UCDP GED: each row an event of organised violence, typed by type_of_violence, "
                       + "between side_a and side_b, with best as the deaths (low and high kept)")
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw .csv(error) }
            guard let row = record else { break }
            // HDX's copies carry a row of HXL hashtags under the header: not an event. Only the
            // first row is looked at: a later row beginning with '#' is a bad row, and said so.
            if collector.report.rowsRead == rowsBefore, hashtagRows == 0,
               let first = row.fields.first(where: { !FastText.trim($0).isEmpty }), FastText.trim(first).hasPrefix("#") {
                hashtagRows += 1
                continue
            }
            try collector.row(file: file, line: row.line) {
                func v(_ i: Int?) -> String {
                    guard let i, i < row.fields.count else { return "" }
                    return FastText.trim(row.fields[i])
                }
                func issue(_ i: Int?, _ fallback: String, _ m: String) -> RowIssue {
                    RowIssue(file: file, line: row.line, column: i.map { header[$0] } ?? fallback, value: v(i), message: m)
                }
                guard let latitude = FastText.decimal(v(lat)), (-90...90).contains(latitude) else {
                    throw issue(lat, "latitude", v(lat).isEmpty ? "no coordinates; a row without a place cannot be mapped"
                                                                 : "expected a latitude in decimal degrees (-90..90)")
                }
                guard let longitude = FastText.decimal(v(lon)), (-180...180).contains(longitude) else {
                    throw issue(lon, "longitude", "expected a longitude in decimal degrees (-180..180)")
                }
                guard let first = Self.date(v(start)) else {
                    throw issue(start, "date_start", "expected a date such as 2013-01-03, 2013-01-03 00:00:00.000 or 1/3/2013 12:00:00 AM")
                }
                var last = first
                if end != nil, !v(end).isEmpty {
                    guard let d = Self.date(v(end)), d >= first else {
                        throw issue(end, "date_end", "expected a date on or after date_start, or leave it empty")
                    }
                    last = d
                }
                let code = v(violence)
                guard let type = Self.types[code] else {
                    throw issue(violence, "type_of_violence", "expected 1 (state-based), 2 (non-state) or 3 (one-sided)")
                }
                func count(_ i: Int?, _ name: String) throws -> Int? {
                    let t = v(i)
                    if t.isEmpty { return nil }
                    // Some copies write whole numbers as 2.0.
                    guard let x = Double(t), x >= 0, x == x.rounded(), x < 1e9 else {
                        throw issue(i, name, "expected a whole number of deaths, or empty when unknown")
                    }
                    return Int(x)
                }
                let killed = try count(best, "best"), killedLow = try count(low, "low"), killedHigh = try count(high, "high")
                // No where_prec column: the precision is not known, and is not claimed.
                var precision: PlacePrecision?
                if wherePrec != nil {
                    guard let p = Self.places[v(wherePrec)] else { throw issue(wherePrec, "where_prec", "expected a code from 1 to 7") }
                    precision = p
                }
                var datePrecision = DatePrecision.of(from: first, to: last)
                if datePrec != nil, !v(datePrec).isEmpty {
                    guard let p = Self.dates[v(datePrec)] else { throw issue(datePrec, "date_prec", "expected a code from 1 to 5") }
                    datePrecision = p
                }
                let countryText = v(country)
                if countries[countryText] == nil { countries[countryText] = Self.countryCode(countryText, countryTable) }
                let name = v(placeName)
                let place = [name, v(admin1)].filter { !$0.isEmpty }
                let notes = [("where", v(whereDescription)), ("dyad", v(dyad)), ("conflict", v(conflict)),
                             ("deaths low–best–high", [killedLow, killed, killedHigh].contains(nil) ? ""
                                 : "\(killedLow!)–\(killed!)–\(killedHigh!)")]
                    .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
                var e = Event(id: v(id).isEmpty ? "\(baseName):\(row.line)" : v(id), date: first, kind: type.kind,
                              eventType: type.type, actor: v(sideA), target: v(sideB),
                              siteName: place.isEmpty ? nil : (place.count == 2 && place[1].hasPrefix(place[0]) ? place[1] : place.joined(separator: ", ")),
                              location: GeoPoint(lat: latitude, lon: longitude), precision: precision?.rawValue ?? "",
                              country: countries[countryText]!, killed: killed,
                              confidence: v(clarity) == "2" ? .approximate : .unstated,
                              sources: v(sourceOffice).split(separator: ";").map { FastText.trim(String($0)) }.filter { !$0.isEmpty },
                              notes: notes)
                let u = Uncertainty(dateEnd: last == first ? nil : last, datePrecision: datePrecision,
                                    killedLow: killedLow, killedHigh: killedHigh)
                e.uncertainty = u
                return e
            }
        }
        if hashtagRows > 0 {
            collector.note("\(file): \(hashtagRows == 1 ? "a row" : "\(hashtagRows) rows") of HXL hashtags (#event+id, …) under the header, as HDX's copies have: skipped")
        }
        let unknown = countries.filter { $0.value == $0.key && !$0.key.isEmpty }.keys.sorted()
        if !unknown.isEmpty {
            collector.note("\(file): \(unknown.count == 1 ? "a country" : "\(unknown.count) countries") not known by name, kept as written: "
                           + unknown.prefix(5).joined(separator: "; ") + (unknown.count > 5 ? "; …" : ""))
        }
    }

    /// UCDP's country name as an ISO code: the name, else the name without its former name in
    /// brackets, else UCDP's own spelling; the text itself when none is known.
    static func countryCode(_ text: String, _ table: CountryTable) -> String {
        if text.isEmpty { return "" }
        if let c = table.find(text) { return c.alpha2 }
        var bare = text
        if let open = bare.firstIndex(of: "(") { bare = FastText.trim(String(bare[..<open])) }
        if let c = table.find(bare) { return c.alpha2 }
        return countryNames[bare.lowercased()] ?? text
    }

    /// `2013-01-03`, `2013-01-03 00:00:00.000`, `2013-01-03T00:00:00`, or the explorer's US
    /// `1/3/2013 12:00:00 AM`: the day, whatever the time.
    static func date(_ text: String) -> CivilDate? {
        let day = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        if day.contains("-") {
            let p = day.split(separator: "-").compactMap { Int($0) }
            guard p.count == 3, day.split(separator: "-").first?.count == 4 else { return nil }
            return CivilDate(year: p[0], month: p[1], day: p[2])
        }
        if day.contains("/") {
            let p = day.split(separator: "/").compactMap { Int($0) }
            guard p.count == 3, p[2] >= 1000 else { return nil }
            return CivilDate(year: p[2], month: p[0], day: p[1])
        }
        return nil
    }
}
