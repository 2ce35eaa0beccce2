import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Any CSV whose header names its columns recognisably (see `ColumnRole`): coordinates from
/// latitude/longitude (lat/lon/lng/long/y/x), a date, and whatever else it has. Used when the
/// header is neither ACLED's nor StrikeMap's, or when `ReadOptions.columns` names the columns.
///
/// The Yemen Data Project's air-raid log is recognised by its header and read with what the log
/// itself says: each row is an air raid (kind `strike`, type "Air raid"), placed at a district
/// centroid (precision `district`), with its target and categories; it names no actor, so the
/// events have none.
struct GenericCSVReader {
    let gazetteer: Gazetteer
    let options: ReadOptions
    /// Reads the file again (for the day/month pre-pass); stdin's bytes are kept in memory.
    let reopen: () throws(CSVError) -> CSVReader

    /// The Yemen Data Project's air-raid log (yemendataproject.org), as its spreadsheet exports.
    static func isYemenDataProject(_ header: [String]) -> Bool {
        let h = Set(header.map { $0.lowercased() })
        return ["incident id", "governorate", "district", "air raids", "main category", "sub-category"].allSatisfy(h.contains)
    }

    /// A header with a date and both coordinates under names `ColumnRole` knows.
    /// Whether the header has date and coordinate columns; a column named twice is an error
    /// here already, so that its message (not "cannot find the columns") reaches the user.
    static func canRead(header: [String], file: String) throws(EventReadError) -> Bool {
        let col = try roles(header, options: ReadOptions(), file: file)
        return col[.date] != nil && col[.lat] != nil && col[.lon] != nil
    }

    /// Which column holds each field: `options.columns` first (exact names, an error if absent),
    /// then the header's names.
    static func roles(_ header: [String], options: ReadOptions, file: String) throws(EventReadError) -> [ColumnRole: Int] {
        var exact: [String: Int] = [:], loose: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            let name = FastText.trim(raw)
            if exact[name] == nil { exact[name] = i }
            if loose[name.lowercased()] == nil { loose[name.lowercased()] = i }
        }
        var out: [ColumnRole: Int] = [:]
        for (key, column) in options.columns {
            guard let role = ColumnRole(rawValue: key.lowercased()) else {
                throw .unknownColumn(file: file, key: key, column: column, header: header)
            }
            guard let i = exact[column] else { throw .unknownColumn(file: file, key: key, column: column, header: header) }
            out[role] = i
        }
        let taken = Set(out.values)
        for role in ColumnRole.allCases where out[role] == nil {
            if let i = role.names.lazy.compactMap({ loose[$0] }).first(where: { !taken.contains($0) }) { out[role] = i }
        }
        // A column read twice over (two "date" columns) is a question only the user can answer.
        for i in Set(out.values) {
            let name = FastText.trim(header[i]).lowercased()
            let same = header.indices.filter { FastText.trim(header[$0]).lowercased() == name }
            if same.count > 1 { throw .duplicateColumn(file: file, column: name, positions: same.map { $0 + 1 }) }
        }
        return out
    }

    func read(_ reader: CSVReader, header: [String], into collector: inout RowCollector) throws(EventReadError) {
        let file = reader.name
        let yemen = options.columns.isEmpty && Self.isYemenDataProject(header)
        var col = try Self.roles(header, options: options, file: file)
        if yemen {
            // The log's own columns: Target is the target, District/Governorate the place, the
            // categories go to the notes. It has no kind, type or actor column, and none is guessed.
            col[.place] = nil
            col[.notes] = nil
        }
        let missing = [ColumnRole.date, .lat, .lon].filter { col[$0] == nil }
        if !missing.isEmpty {
            throw .unrecognisedColumns(file: file, missing: missing.map(\.rawValue), header: header)
        }
        let lower = Dictionary(header.enumerated().map { (FastText.trim($1).lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        let district = lower["district"], governorate = lower["governorate"]
        let mainCategory = lower["main category"], subCategory = lower["sub-category"]
        let places = PlaceNameColumns(header: header, specificIndex: col[.place])
        // Used where a row gives no kind: the user's default, else what the log is (Yemen), else 'event'.
        let fixedKind: String? = options.kindDefault ?? (yemen ? "strike" : nil)
        if col[.kind] == nil && fixedKind == nil {
            collector.note("\(file): no kind column (kind, type or event_type): every event is of kind 'event'; "
                           + "set one with --kind-default, or name the column with --columns kind=COLUMN")
        }
        if yemen {
            collector.note("\(file): read as the Yemen Data Project air-raid log: each row an air raid (kind "
                           + "'\(fixedKind!)'), placed at its district's centroid; the log names no actor")
        }
        let dateName = header[col[.date]!]
        var dates = DateColumn(file: file, column: dateName, order: options.dateOrder) { () throws(EventReadError) in
            try scanColumn(reopen, index: col[.date]!)
        }
        let baseName = (file as NSString).lastPathComponent
        var countries: [String: String] = [:]
        var sites = SiteNames(gazetteer: gazetteer)
        var emptyKinds = 0
        let countryTable = CountryTable.standard
        while true {
            let record: CSVRecord?
            do { record = try reader.next() } catch { throw .csv(error) }
            guard let row = record else { break }
            try collector.row(file: file, line: row.line) {
                func v(_ i: Int?) -> String {
                    guard let i, i < row.fields.count else { return "" }
                    return FastText.trim(row.fields[i])
                }
                func f(_ r: ColumnRole) -> String { v(col[r]) }
                func issue(_ r: ColumnRole, _ m: String) -> RowIssue {
                    RowIssue(file: file, line: row.line, column: col[r].map { header[$0] } ?? r.rawValue, value: f(r), message: m)
                }
                let (date, approximate) = try dates.date(f(.date), line: row.line)
                var site: Site?
                let latText = f(.lat), lonText = f(.lon)
                let point: GeoPoint
                if latText.isEmpty && lonText.isEmpty {
                    let name = f(.site)
                    guard !name.isEmpty else { throw issue(.lat, "no coordinates; a row without a place cannot be mapped") }
                    let country = countryTable.find(yemen ? "YE" : f(.country))?.alpha2
                    switch sites.site(name, country: country) {
                    case .success(let s): site = s
                    case .failure(let error):
                        throw sites.issue(error, name: name, column: col[.site].map { header[$0] } ?? "site",
                                          fix: "or give lat and lon instead", country: country, file: file, line: row.line)
                    }
                    point = site!.location
                } else {
                    guard let lat = FastText.decimal(latText), (-90...90).contains(lat) else {
                        throw issue(.lat, "expected a latitude in decimal degrees (-90..90)")
                    }
                    guard let lon = FastText.decimal(lonText), (-180...180).contains(lon) else {
                        throw issue(.lon, "expected a longitude in decimal degrees (-180..180)")
                    }
                    point = GeoPoint(lat: lat, lon: lon)
                }
                // A launch point: coordinates, or a site the gazetteer knows (an arc is drawn to the event).
                var origin: GeoPoint?
                if !f(.originLat).isEmpty || !f(.originLon).isEmpty {
                    guard let lat = FastText.decimal(f(.originLat)), (-90...90).contains(lat) else {
                        throw issue(.originLat, "expected a latitude in decimal degrees (-90..90), or leave both origin columns empty")
                    }
                    guard let lon = FastText.decimal(f(.originLon)), (-180...180).contains(lon) else {
                        throw issue(.originLon, "expected a longitude in decimal degrees (-180..180), or leave both origin columns empty")
                    }
                    origin = GeoPoint(lat: lat, lon: lon)
                } else if !f(.origin).isEmpty {
                    let from = f(.origin)
                    switch sites.site(from) {
                    case .success(let s): origin = s.location
                    case .failure(let error):
                        throw sites.issue(error, name: from, column: col[.origin].map { header[$0] } ?? "origin",
                                          fix: "or give the origin's lat and lon instead", file: file, line: row.line)
                    }
                }
                var kind = f(.kind)
                if kind.isEmpty {
                    if col[.kind] != nil { emptyKinds += 1 }
                    kind = fixedKind ?? EventKind.event.rawValue
                }
                func count(_ r: ColumnRole) throws -> Int? {
                    let t = f(r)
                    if t.isEmpty { return nil }
                    guard let n = Int(t), n >= 0 else { throw issue(r, "expected a whole number of people, or empty when unknown") }
                    return n
                }
                let countryText = yemen ? "YE" : f(.country)
                if countries[countryText] == nil { countries[countryText] = countryTable.find(countryText)?.alpha2 ?? countryText }
                var notes = f(.notes)
                var placeName = places.name { v($0) }
                var precision = f(.precision)
                if yemen {
                    placeName = [v(district), v(governorate)].filter { !$0.isEmpty && $0 != "-" }.joined(separator: ", ")
                    precision = "district"
                    notes = [("Main category", v(mainCategory)), ("Sub-category", v(subCategory))]
                        .filter { !$0.1.isEmpty && $0.1.lowercased() != "unknown" }
                        .map { "\($0.0): \($0.1)" }.joined(separator: "; ")
                }
                var confidence: Confidence = approximate ? .approximate : .unstated
                let confidenceText = f(.confidence).lowercased()
                if !confidenceText.isEmpty {
                    guard let c = Confidence(rawValue: confidenceText) else {
                        throw issue(.confidence, "expected confirmed, approximate, claimed or unstated (or leave it empty)")
                    }
                    confidence = approximate && (c == .confirmed || c == .unstated) ? .approximate : c
                }
                if approximate { notes = ([notes] + ["date given as '\(f(.date))'"]).filter { !$0.isEmpty }.joined(separator: "; ") }
                let eventKind = EventKind(rawValue: kind)
                let weapon = EventEvidence.weapon(column: f(.weapon), subEventType: f(.subtype), actorIsState: false,
                                                  kind: eventKind, notes: notes)
                return Event(id: f(.id).isEmpty ? "\(baseName):\(row.line)" : f(.id), date: date, kind: eventKind,
                             eventType: yemen ? "Air raid" : f(.type), subEventType: f(.subtype), weapon: weapon,
                             actor: yemen ? "" : f(.actor), target: f(.target), siteID: site?.id,
                             siteName: site?.name ?? (placeName.isEmpty ? nil : placeName),
                             location: point, precision: precision, country: countries[countryText]!,
                             injured: try count(.injured), killed: try count(.killed), confidence: confidence,
                             sources: f(.sources).split(separator: ";").map { FastText.trim(String($0)) }.filter { !$0.isEmpty },
                             notes: notes, origin: origin)
            }
        }
        if emptyKinds > 0 {
            collector.note("\(file): \(emptyKinds) row\(emptyKinds == 1 ? " has" : "s have") an empty kind: kind '\(fixedKind ?? "event")'")
        }
        dates.noteRanges(into: &collector)
    }
}

/// The values of one column with their lines, read from a fresh reader of the same input.
func scanColumn(_ reopen: () throws(CSVError) -> CSVReader, index: Int) throws(EventReadError) -> [(line: Int, value: String)] {
    do throws(CSVError) {
        let r = try reopen()
        _ = try r.next()
        var out: [(line: Int, value: String)] = []
        while let rec = try r.next() {
            if index < rec.fields.count { out.append((rec.line, FastText.trim(rec.fields[index]))) }
        }
        return out
    } catch { throw .csv(error) }
}

extension DateColumn {
    func noteRanges(into collector: inout RowCollector) {
        Self.noteRanges(ranges, file: file, into: &collector)
    }

    static func noteRanges(_ ranges: Int, file: String, into collector: inout RowCollector) {
        guard ranges > 0 else { return }
        collector.note("\(file): \(ranges) date\(ranges == 1 ? " was a range" : "s were ranges") (such as 2012-2013 or "
                       + "March 2–5, 2011): each such event is dated to the first day, marked approximate, and its notes give the text")
    }
}
