import Foundation
import StrikeMapGeo
import StrikeMapCore

/// StrikeMap's own CSV format (see README "Event files"):
///
///     id,date,time,timezone,kind,weapon,actor,target,site,lat,lon,precision,country,
///     injured,killed,confidence,sources,notes,event_type,sub_event_type
///
/// Required: `date` and `kind`, and either `site` (a gazetteer id or name) or `lat`+`lon`.
/// Columns are matched by name, in any order; unknown columns are ignored.
public struct StrikeMapCSVReader {
    public static let columns = ["id", "date", "time", "timezone", "kind", "weapon", "actor", "target", "site",
                                 "lat", "lon", "precision", "country", "injured", "killed", "confidence",
                                 "sources", "notes", "event_type", "sub_event_type", "origin", "origin_lat", "origin_lon",
                                 "date_end", "date_precision", "killed_low", "killed_high", "site_name"]
    public let gazetteer: Gazetteer
    var options = ReadOptions()
    /// Reads the file again, for the day/month pre-pass of numeric dates.
    var reopen: (() throws(CSVError) -> CSVReader)?
    /// The kinds StrikeMap's styles and filters know; others are bad rows, or, with a kind
    /// default given, kept and named in a note.
    public static let knownKinds: Set<String> = ["attack", "strike", "battle", "protest", "riot", "protest-or-riot",
                                                  "violence-against-civilians", "strategic-development", "event"]

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    public static func recognises(header: [String]) -> Bool {
        let h = Set(header.map { $0.lowercased() })
        return h.contains("date") && h.contains("kind")
    }

    func read(_ reader: CSVReader, header: [String], into collector: inout RowCollector) throws(EventReadError) {
        let col = try columnIndex(header, file: reader.name)
        let places = PlaceNameColumns(header: header)
        let missing = ["date", "kind"].filter { col[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(file: reader.name, columns: missing, format: "StrikeMap CSV") }
        if col["site"] == nil && (col["lat"] == nil || col["lon"] == nil) {
            throw .missingColumns(file: reader.name, columns: ["site or lat,lon"], format: "StrikeMap CSV")
        }
        let baseName = (reader.name as NSString).lastPathComponent
        // Site names repeat down a file: resolve each spelling once.
        var sites = SiteNames(gazetteer: gazetteer)
        let reopen = self.reopen
        var dates = DateColumn(file: reader.name, column: "date", order: options.dateOrder) { () throws(EventReadError) in
            guard let reopen, let i = col["date"] else { return [] }
            return try scanColumn(reopen, index: i)
        }
        dates.invalidMessage = "not a valid date; use YYYY-MM-DD (the local date where the event happened)"
        var otherKinds: [String: Int] = [:]
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw .csv(error) }
            guard let row = record else { break }
            try collector.row(file: reader.name, line: row.line) {
                let e = try parse(row, col, places, file: reader.name, baseName: baseName, dates: &dates, sites: &sites)
                if !Self.knownKinds.contains(e.kind.rawValue) { otherKinds[e.kind.rawValue, default: 0] += 1 }
                return e
            }
        }
        dates.noteRanges(into: &collector)
        // Any kind is accepted (a user's own categories), but not silently.
        if !otherKinds.isEmpty {
            let list = otherKinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            collector.note("\(reader.name): kinds StrikeMap has no style for, drawn as other events: \(list); "
                           + "known kinds are \(Self.knownKinds.sorted().joined(separator: ", "))")
        }
    }

    /// The row's place as its own columns name it (nil when they do not).
    private func placeName(_ places: PlaceNameColumns, _ row: CSVRecord) -> String? {
        guard !places.isEmpty else { return nil }
        let name = places.name { i in i < row.fields.count ? row.fields[i].trimmingCharacters(in: .whitespaces) : "" }
        return name.isEmpty ? nil : name
    }

    private func parse(_ row: CSVRecord, _ col: [String: Int], _ places: PlaceNameColumns, file: String, baseName: String, dates: inout DateColumn,
                       sites: inout SiteNames) throws -> Event {
        func f(_ k: String) -> String {
            guard let i = col[k], i < row.fields.count else { return "" }
            return row.fields[i].trimmingCharacters(in: .whitespaces)
        }
        func issue(_ c: String, _ m: String) -> RowIssue {
            RowIssue(file: file, line: row.line, column: c, value: f(c), message: m)
        }
        let headerCount = (col.values.max() ?? 0) + 1
        if row.fields.count < headerCount
            || row.fields.dropFirst(headerCount).contains(where: { !FastText.trim($0).isEmpty }) {
            throw RowIssue(file: file, line: row.line, column: "", value: "",
                           message: "has \(row.fields.count) fields, the header has \(headerCount); check for an unquoted comma")
        }
        let (date, approximate) = try dates.date(f("date"), line: row.line)
        var kindText = f("kind")
        if kindText.isEmpty, let k = options.kindDefault { kindText = k }
        guard !kindText.isEmpty else { throw issue("kind", "empty; use attack or strike (or give --kind-default)") }
        // StrikeMap's own format has a fixed list of kinds: a typo ("atack") is a bad row, not a
        // new class of "other events". Kinds of one's own are kept when a kind default is given.
        let lowerKind = kindText.lowercased()
        if options.kindDefault == nil && !Self.knownKinds.contains(lowerKind) {
            let guess = Self.knownKinds.filter { NameKey.distance($0, lowerKind) <= 2 }.sorted().first
            throw issue("kind", "unknown kind" + (guess.map { " (did you mean '\($0)'?)" } ?? "")
                        + "; known kinds are \(Self.knownKinds.sorted().joined(separator: ", ")); to keep kinds of your own, give --kind-default")
        }
        var location: GeoPoint?
        var site: Site?
        let name = f("site")
        if !name.isEmpty {
            let country = f("country").isEmpty ? nil : CountryTable.standard.find(f("country"))?.alpha2
            switch sites.site(name, country: country) {
            case .success(let s): site = s
            case .failure(let error):
                throw sites.issue(error, name: name, column: "site", fix: "or give lat and lon instead",
                                  country: country, file: file, line: row.line)
            }
        }
        if !f("lat").isEmpty || !f("lon").isEmpty {
            guard let lat = FastText.decimal(f("lat")), (-90...90).contains(lat) else {
                throw issue("lat", "expected a latitude in decimal degrees (-90..90)")
            }
            guard let lon = FastText.decimal(f("lon")), (-180...180).contains(lon) else {
                throw issue("lon", "expected a longitude in decimal degrees (-180..180)")
            }
            location = GeoPoint(lat: lat, lon: lon)
        }
        guard let point = location ?? site?.location else {
            throw issue("site", "no place: give a site (gazetteer id or name) or lat and lon")
        }
        // Where it was launched from, when the row says: coordinates, or a site.
        var origin: GeoPoint?
        if !f("origin_lat").isEmpty || !f("origin_lon").isEmpty {
            guard let lat = FastText.decimal(f("origin_lat")), (-90...90).contains(lat) else {
                throw issue("origin_lat", "expected a latitude in decimal degrees (-90..90), or leave origin_lat and origin_lon empty")
            }
            guard let lon = FastText.decimal(f("origin_lon")), (-180...180).contains(lon) else {
                throw issue("origin_lon", "expected a longitude in decimal degrees (-180..180), or leave origin_lat and origin_lon empty")
            }
            origin = GeoPoint(lat: lat, lon: lon)
        } else if !f("origin").isEmpty {
            let from = f("origin")
            switch sites.site(from) {
            case .success(let s): origin = s.location
            case .failure(let error):
                throw sites.issue(error, name: from, column: "origin", fix: "or give origin_lat and origin_lon instead", file: file, line: row.line)
            }
        }
        func count(_ c: String) throws -> Int? {
            let v = f(c)
            if v.isEmpty { return nil }
            guard let n = Int(v), n >= 0 else { throw issue(c, "expected a whole number of people, or empty when unknown") }
            return n
        }
        let confidenceText = f("confidence").lowercased()
        var confidence: Confidence
        if confidenceText.isEmpty { confidence = .unstated }
        else if let c = Confidence(rawValue: confidenceText) { confidence = c }
        else { throw issue("confidence", "expected confirmed, approximate, claimed or unstated (or leave it empty)") }
        var notes = f("notes")
        if approximate {
            if confidence == .confirmed || confidence == .unstated { confidence = .approximate }
            notes = (notes.isEmpty ? "" : notes + "; ") + "date given as '\(f("date"))'"
        }
        let id = f("id").isEmpty ? "\(baseName):\(row.line)" : f("id")
        // The span and the estimates, as `events --format csv` writes them (UCDP's, ACLED's).
        var uncertainty = Uncertainty()
        if !f("date_end").isEmpty {
            guard let end = CivilDate(iso: f("date_end")), end >= date else {
                throw issue("date_end", "expected the last day of the event's span (YYYY-MM-DD, on or after date), or leave it empty")
            }
            if end > date { uncertainty.dateEnd = end }
        }
        if !f("date_precision").isEmpty {
            guard let p = DatePrecision(rawValue: f("date_precision").lowercased()) else {
                throw issue("date_precision", "expected day, week, month, year or range (or leave it empty)")
            }
            uncertainty.datePrecision = p
        }
        uncertainty.killedLow = try count("killed_low")
        uncertainty.killedHigh = try count("killed_high")
        var e = Event(id: id, date: date, time: f("time").isEmpty ? nil : f("time"),
                     timezone: f("timezone").isEmpty ? nil : f("timezone"),
                     kind: EventKind(rawValue: kindText), eventType: f("event_type"), subEventType: f("sub_event_type"),
                     // A weapon column that says something (even "unknown") is the record's word;
                     // left empty, the notes of an attack or strike may name the means.
                     weapon: f("weapon").isEmpty
                        ? EventEvidence.weapon(column: "", subEventType: f("sub_event_type"), actorIsState: false,
                                               kind: EventKind(rawValue: kindText), notes: f("notes"))
                        : Weapon(loose: f("weapon")),
                     actor: f("actor"), target: f("target"), siteID: site?.id,
                     // The gazetteer's name for its site, else the file's own place columns.
                     siteName: site?.name ?? placeName(places, row),
                     location: point, precision: f("precision"),
                     // IRQ, Iraq and IQ are one country: stored as alpha-2 when the table knows it.
                     country: f("country").isEmpty ? (site?.country ?? "")
                        : CountryTable.standard.find(f("country"))?.alpha2 ?? f("country").uppercased(),
                     injured: try count("injured"), killed: try count("killed"), confidence: confidence,
                     sources: f("sources").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty },
                     notes: notes, origin: origin)
        if !uncertainty.isNone { e.uncertainty = uncertainty }
        return e
    }
}
