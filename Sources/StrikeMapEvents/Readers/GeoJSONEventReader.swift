import Foundation
import StrikeMapGeo
import StrikeMapCore

/// A GeoJSON FeatureCollection of Point features whose properties are the event model's fields
/// (as `strikemap events --format geojson` writes them: id, date, kind, weapon, actor, target,
/// site, precision, country, injured, killed, confidence, sources, notes, time, timezone).
struct GeoJSONEventReader {
    let gazetteer: Gazetteer

    func read(_ data: Data, file: String, into collector: inout RowCollector) throws(EventReadError) {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidGeoJSON(file: file, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
              let features = object["features"] as? [Any] else {
            throw .invalidGeoJSON(file: file, message: "expected {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        let lines = FeatureLines(data: data)
        for (index, item) in features.enumerated() {
            // Line of the feature in the file, so the message points where to look.
            let line = lines.line(ofFeature: index)
            try collector.row(file: file, line: line) {
                try parse(item, index: index, file: file, line: line)
            }
        }
    }

    private func parse(_ item: Any, index: Int, file: String, line: Int) throws -> Event {
        func issue(_ field: String, _ value: Any?, _ m: String) -> RowIssue {
            RowIssue(file: file, line: line, column: field, value: value.map { "\($0)" } ?? "",
                     message: "feature \(index + 1): \(m)")
        }
        guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
            throw issue("type", nil, "not a GeoJSON Feature")
        }
        let props = feature["properties"] as? [String: Any] ?? [:]
        func text(_ k: String) -> String {
            switch props[k] {
            case let s as String: return s.trimmingCharacters(in: .whitespaces)
            case let n as NSNumber: return n.stringValue
            default: return ""
            }
        }
        guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
              let coords = geometry["coordinates"] as? [Any], coords.count >= 2,
              let lon = (coords[0] as? NSNumber)?.doubleValue, let lat = (coords[1] as? NSNumber)?.doubleValue else {
            throw issue("geometry", nil, "expected a Point geometry with [longitude, latitude]")
        }
        let point = GeoPoint(lat: lat, lon: lon)
        guard point.isValid else { throw issue("coordinates", "[\(lon), \(lat)]", "outside -180..180 / -90..90") }
        guard let date = CivilDate(iso: text("date")) else { throw issue("date", props["date"], "not a YYYY-MM-DD date") }
        let kind = text("kind")
        guard !kind.isEmpty else { throw issue("kind", nil, "missing; use attack or strike") }
        var site: Site?
        if !text("site").isEmpty {
            do { site = try gazetteer.resolve(text("site")) } catch { throw issue("site", text("site"), error.description) }
        }
        func count(_ k: String) throws -> Int? {
            let v = text(k)
            if v.isEmpty { return nil }
            guard let n = Int(v), n >= 0 else { throw issue(k, v, "expected a whole number") }
            return n
        }
        let confidence: Confidence
        if text("confidence").isEmpty { confidence = .confirmed } else {
            guard let c = Confidence(rawValue: text("confidence").lowercased()) else {
                throw issue("confidence", text("confidence"), "expected confirmed, approximate or claimed")
            }
            confidence = c
        }
        let sources: [String]
        if let list = props["sources"] as? [Any] { sources = list.map { "\($0)" } }
        else { sources = text("sources").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } }
        let id = text("id").isEmpty ? "\((file as NSString).lastPathComponent)#\(index + 1)" : text("id")
        return Event(id: id, date: date, time: text("time").isEmpty ? nil : text("time"),
                     timezone: text("timezone").isEmpty ? nil : text("timezone"), kind: EventKind(rawValue: kind),
                     weapon: Weapon(loose: text("weapon")), actor: text("actor"), target: text("target"),
                     siteID: site?.id, siteName: site?.name ?? (text("site_name").isEmpty ? nil : text("site_name")),
                     location: point, precision: text("precision"),
                     country: text("country").isEmpty ? (site?.country ?? "") : text("country").uppercased(),
                     injured: try count("injured"), killed: try count("killed"), confidence: confidence,
                     sources: sources.filter { !$0.isEmpty }, notes: text("notes"))
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
