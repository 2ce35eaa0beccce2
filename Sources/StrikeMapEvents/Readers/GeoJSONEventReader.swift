import Foundation
import StrikeMapGeo
import StrikeMapCore

/// GeoJSON events: a FeatureCollection (or a single Feature) of Point features whose properties
/// are the event's fields, under StrikeMap's names (as `strikemap events --format geojson` writes
/// them: id, date, kind, weapon, actor, target, site, precision, country, injured, killed,
/// confidence, sources, notes, time, timezone) or any of the names `ColumnRole` knows (`Date`,
/// `event_date`, `type`, `fatalities`, ...). Without a kind, every event is of kind `event`.
/// Non-point features are skipped with one note; a file with no point at all is refused, as it is
/// a file of areas or lines to draw, not of events.
struct GeoJSONEventReader {
    let gazetteer: Gazetteer
    var options = ReadOptions()

    func read(_ data: Data, file: String, into collector: inout RowCollector) throws(EventReadError) {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidGeoJSON(file: file, message: "not valid JSON (\(error.localizedDescription))")
        }
        let features: [Any]
        let lines: FeatureLines?
        if let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
           let list = object["features"] as? [Any] {
            features = list
            lines = FeatureLines(data: data)
        } else if let object = root as? [String: Any], object["type"] as? String == "Feature" {
            features = [object]
            lines = nil
        } else {
            throw .invalidGeoJSON(file: file, message: "expected {\"type\": \"FeatureCollection\", \"features\": [...]} or a Feature")
        }
        // Areas and lines are not events: count them by type and leave them out.
        var other: [String: Int] = [:]
        var points: [Int] = []
        for (i, item) in features.enumerated() {
            let type = ((item as? [String: Any])?["geometry"] as? [String: Any])?["type"] as? String
            if let type, type != "Point" { other[type, default: 0] += 1 } else { points.append(i) }
        }
        let otherTotal = other.values.reduce(0, +)
        if points.isEmpty && otherTotal > 0 {
            let main = other.max { $0.value < $1.value }!.key
            throw .notEventsFile(file: file, features: otherTotal, geometry: other.count == 1 ? main : "non-point")
        }
        if otherTotal > 0 {
            let list = other.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            collector.note("\(file): skipped \(otherTotal) feature\(otherTotal == 1 ? "" : "s") that are not points (\(list)); "
                           + "draw areas and lines with --layer")
        }
        // Property names as the file has them, matched without case to the fields.
        var keyFor: [ColumnRole: String] = [:]
        var seenKeys: [String: String] = [:]
        for i in points {
            for k in (((features[i] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]).keys where seenKeys[k.lowercased()] == nil {
                seenKeys[k.lowercased()] = k
            }
        }
        for (key, name) in options.columns {
            guard let role = ColumnRole(rawValue: key.lowercased()) else { continue }
            guard seenKeys.values.contains(name) else {
                throw .unknownColumn(file: file, key: key, column: name, header: seenKeys.values.sorted())
            }
            keyFor[role] = name
        }
        for role in ColumnRole.allCases where keyFor[role] == nil {
            if let k = role.names.lazy.compactMap({ seenKeys[$0] }).first { keyFor[role] = k }
        }
        if keyFor[.kind] == nil && options.kindDefault == nil && !points.isEmpty {
            collector.note("\(file): no kind property (kind, type or event_type): every event is of kind 'event'; "
                           + "set one with --kind-default")
        }
        var dates = DateColumn(file: file, column: keyFor[.date] ?? "date", order: options.dateOrder) { () throws(EventReadError) in
            points.map { i in
                let props = (features[i] as? [String: Any])?["properties"] as? [String: Any]
                return (lines?.line(ofFeature: i) ?? 1, (props?[keyFor[.date] ?? "date"] as? String) ?? "")
            }
        }
        dates.invalidMessage = "not a date StrikeMap reads; use YYYY-MM-DD"
        var sites = SiteNames(gazetteer: gazetteer)
        for index in points {
            // Line of the feature in the file, so the message points where to look.
            let line = lines?.line(ofFeature: index) ?? 1
            try collector.row(file: file, line: line) {
                try parse(features[index], index: index, file: file, line: line, keys: keyFor, dates: &dates, sites: &sites)
            }
        }
        dates.noteRanges(into: &collector)
    }

    private func parse(_ item: Any, index: Int, file: String, line: Int, keys: [ColumnRole: String],
                       dates: inout DateColumn, sites: inout SiteNames) throws -> Event {
        func issue(_ field: String, _ value: Any?, _ m: String) -> RowIssue {
            RowIssue(file: file, line: line, column: field, value: value.map { "\($0)" } ?? "", message: m)
        }
        guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
            throw issue("type", nil, "not a GeoJSON Feature")
        }
        let props = feature["properties"] as? [String: Any] ?? [:]
        func text(_ r: ColumnRole) -> String {
            switch keys[r].flatMap({ props[$0] }) {
            case let s as String: return s.trimmingCharacters(in: .whitespaces)
            case let n as NSNumber: return n.stringValue
            default: return ""
            }
        }
        func name(_ r: ColumnRole) -> String { keys[r] ?? r.rawValue }
        guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
              let coords = geometry["coordinates"] as? [Any], coords.count >= 2,
              let lon = (coords[0] as? NSNumber)?.doubleValue, let lat = (coords[1] as? NSNumber)?.doubleValue else {
            throw issue("geometry", nil, "expected a Point geometry with [longitude, latitude]")
        }
        let point = GeoPoint(lat: lat, lon: lon)
        guard point.isValid else { throw issue("coordinates", "[\(lon), \(lat)]", "outside -180..180 / -90..90") }
        let dateText = text(.date)
        let (date, approximate) = try dates.date(dateText, line: line)
        var kind = text(.kind)
        if kind.isEmpty { kind = options.kindDefault ?? EventKind.event.rawValue }
        var site: Site?
        if !text(.site).isEmpty {
            let country = text(.country).isEmpty ? nil : CountryTable.standard.find(text(.country))?.alpha2
            switch sites.site(text(.site), country: country) {
            case .success(let s): site = s
            case .failure(let error):
                throw sites.issue(error, name: text(.site), column: name(.site), fix: "name a known site, or leave the property out (the feature's point places the event)",
                                  country: country, file: file, line: line)
            }
        }
        func count(_ r: ColumnRole) throws -> Int? {
            let v = text(r)
            if v.isEmpty { return nil }
            guard let n = Int(v), n >= 0 else { throw issue(name(r), v, "expected a whole number") }
            return n
        }
        var confidence: Confidence
        if text(.confidence).isEmpty { confidence = .unstated } else {
            guard let c = Confidence(rawValue: text(.confidence).lowercased()) else {
                throw issue(name(.confidence), text(.confidence), "expected confirmed, approximate, claimed or unstated (or leave it empty)")
            }
            confidence = c
        }
        var notes = text(.notes)
        if approximate {
            if confidence == .confirmed || confidence == .unstated { confidence = .approximate }
            notes = (notes.isEmpty ? "" : notes + "; ") + "date given as '\(dateText)'"
        }
        let sources: [String]
        if let list = keys[.sources].flatMap({ props[$0] }) as? [Any] { sources = list.map { "\($0)" } }
        else { sources = text(.sources).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } }
        func raw(_ k: String) -> String { (props[k] as? String).map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        let id = text(.id).isEmpty ? "\((file as NSString).lastPathComponent)#\(index + 1)" : text(.id)
        let eventKind = EventKind(rawValue: kind)
        let countryText = text(.country)
        let placeName = text(.place)
        // Where it was launched from, when the feature says (as `events --format geojson` writes it).
        var origin: GeoPoint?
        if props["origin_lat"] != nil || props["origin_lon"] != nil {
            let number = { (k: String) -> Double? in (props[k] as? NSNumber)?.doubleValue ?? (props[k] as? String).flatMap(Double.init) }
            guard let la = number("origin_lat"), let lo = number("origin_lon"), GeoPoint(lat: la, lon: lo).isValid else {
                throw issue("origin_lat", "\(props["origin_lat"] ?? ""), \(props["origin_lon"] ?? "")",
                            "expected origin_lat and origin_lon in decimal degrees, both or neither")
            }
            origin = GeoPoint(lat: la, lon: lo)
        }
        // The span and the estimates, as `events --format geojson` writes them (UCDP's, ACLED's).
        var uncertainty = Uncertainty()
        if !raw("date_end").isEmpty {
            guard let end = CivilDate(iso: raw("date_end")), end >= date else {
                throw issue("date_end", raw("date_end"), "expected the last day of the event's span (YYYY-MM-DD, on or after its date)")
            }
            if end > date { uncertainty.dateEnd = end }
        }
        if !raw("date_precision").isEmpty {
            guard let p = DatePrecision(rawValue: raw("date_precision").lowercased()) else {
                throw issue("date_precision", raw("date_precision"), "expected day, week, month, year or range")
            }
            uncertainty.datePrecision = p
        }
        func estimate(_ k: String) throws -> Int? {
            guard let v = props[k], !(v is NSNull) else { return nil }
            guard let n = (v as? NSNumber).map({ $0.doubleValue }) ?? (v as? String).flatMap(Double.init), n >= 0, n == n.rounded(), n < 1e9 else {
                throw issue(k, "\(v)", "expected a whole number of deaths")
            }
            return Int(n)
        }
        uncertainty.killedLow = try estimate("killed_low")
        uncertainty.killedHigh = try estimate("killed_high")
        var e = Event(id: id, date: date, time: raw("time").isEmpty ? nil : raw("time"),
                     timezone: raw("timezone").isEmpty ? nil : raw("timezone"), kind: eventKind,
                     eventType: text(.type),
                     subEventType: text(.subtype),
                     weapon: EventEvidence.weapon(column: text(.weapon), subEventType: text(.subtype), actorIsState: false,
                                                  kind: eventKind, notes: notes),
                     actor: text(.actor), target: text(.target),
                     siteID: site?.id, siteName: site?.name ?? (placeName.isEmpty ? nil : placeName),
                     location: point, precision: text(.precision),
                     country: countryText.isEmpty ? (site?.country ?? "") : CountryTable.standard.find(countryText)?.alpha2 ?? countryText.uppercased(),
                     injured: try count(.injured), killed: try count(.killed), confidence: confidence,
                     sources: sources.filter { !$0.isEmpty }, notes: notes, origin: origin)
        if !uncertainty.isNone { e.uncertainty = uncertainty }
        return e
    }
}

/// Finds the line on which each feature of a FeatureCollection starts, by scanning the text for
/// `"type": "Feature"` objects at the nesting depth of the features array.
struct FeatureLines {
    private var starts: [Int] = []

    init(data: Data) {
        var line = 1, depth = 0, inString = false, escaped = false
        var featuresDepth: Int?
        var pendingKey = ""
        var collecting = false
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for b in raw {
                if inString {
                    if escaped { escaped = false }
                    else if b == UInt8(ascii: "\\") { escaped = true }
                    else if b == UInt8(ascii: "\"") { inString = false; collecting = false }
                    else if collecting { pendingKey.append(Character(Unicode.Scalar(b))) }
                    if b == 10 { line += 1 }
                    continue
                }
                switch b {
                case 10: line += 1
                case UInt8(ascii: "\""):
                    inString = true; collecting = true; pendingKey = ""
                case UInt8(ascii: "["):
                    depth += 1
                    if featuresDepth == nil && pendingKey == "features" { featuresDepth = depth }
                case UInt8(ascii: "{"):
                    depth += 1
                    if let fd = featuresDepth, depth == fd + 1 { starts.append(line) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                default: break
                }
            }
        }
    }

    func line(ofFeature i: Int) -> Int { i < starts.count ? starts[i] : 1 }
}
