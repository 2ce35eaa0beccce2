import CGDAL
import Foundation
import StrikeMapCore

/// The events table: one column per field of the event model, plus where each row came from.
/// Names are lower-case snake case, as SQL and pandas like them; the README lists them.
enum StoreSchema {
    enum ColumnType {
        case text, date, dateTime, integer, real
        var ogr: OGRFieldType {
            switch self {
            case .text: return OFTString
            case .date: return OFTDate
            case .dateTime: return OFTDateTime
            case .integer: return OFTInteger64
            case .real: return OFTReal
            }
        }
    }
    struct Column {
        var name: String; var type: ColumnType; var json = false
        /// Added after stores were first made: a store without it is read as having it empty,
        /// and an import adds it.
        var later = false
    }

    static let columns: [Column] = [
        Column(name: "event_id", type: .text), Column(name: "date", type: .date),
        Column(name: "time", type: .text), Column(name: "timezone", type: .text),
        Column(name: "kind", type: .text), Column(name: "event_type", type: .text), Column(name: "sub_event_type", type: .text),
        Column(name: "weapon", type: .text), Column(name: "actor", type: .text), Column(name: "target", type: .text),
        Column(name: "site_id", type: .text), Column(name: "site_name", type: .text),
        Column(name: "lat", type: .real), Column(name: "lon", type: .real), Column(name: "precision", type: .text),
        Column(name: "country", type: .text), Column(name: "injured", type: .integer), Column(name: "killed", type: .integer),
        Column(name: "confidence", type: .text), Column(name: "sources", type: .text, json: true), Column(name: "notes", type: .text),
        Column(name: "origin_lat", type: .real), Column(name: "origin_lon", type: .real),
        Column(name: "source_file", type: .text), Column(name: "publisher", type: .text), Column(name: "imported_at", type: .dateTime), Column(name: "row_hash", type: .text),
        // What the source says of the date's span and the deaths' range (UCDP), see `Uncertainty`.
        Column(name: "date_end", type: .date, later: true), Column(name: "date_precision", type: .text, later: true),
        Column(name: "killed_low", type: .integer, later: true), Column(name: "killed_high", type: .integer, later: true),
    ]

    /// The import log's columns (besides its fid): one row per file per import.
    static let importLogColumns: [(String, ColumnType)] = [
        ("source_file", .text), ("publisher", .text), ("imported_at", .dateTime),
        ("inserted", .integer), ("updated", .integer), ("unchanged", .integer), ("skipped", .integer),
    ]

    /// The columns that hold the event model (not where or when a row was imported).
    static let modelColumns = columns.map(\.name).filter { !["source_file", "publisher", "imported_at", "row_hash"].contains($0) }

    /// The event's text columns (nil: NULL).
    static func texts(_ e: Event) -> [(String, String?)] {
        [("event_id", e.id), ("date", e.date.description), ("time", e.time), ("timezone", e.timezone),
         ("kind", e.kind.rawValue), ("event_type", e.eventType), ("sub_event_type", e.subEventType),
         ("weapon", e.weapon.rawValue), ("actor", e.actor), ("target", e.target), ("site_id", e.siteID), ("site_name", e.siteName),
         ("precision", e.precision), ("country", e.country), ("confidence", e.confidence.rawValue),
         ("sources", SourcesColumn.sourcesJSON(e.sources)), ("notes", e.notes)]
    }

    /// A digest of everything stored about an event (not where or when it was imported): equal
    /// digests mean a re-import changes nothing. FNV-1a, 64 bits, over the fields with separators.
    static func hash(_ e: Event) -> String { hash(e, texts: texts(e)) }

    /// The digest, from the event's text columns already made (`texts(e)`).
    static func hash(_ e: Event, texts: [(String, String?)]) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        func add(_ s: String) {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            h = (h ^ 0x1f) &* 0x100000001b3
        }
        for (_, v) in texts { add(v ?? "\u{0}") }
        for v in [e.injured, e.killed] { add(v.map(String.init) ?? "\u{0}") }
        for v in [e.location.lat, e.location.lon, e.origin?.lat ?? .nan, e.origin?.lon ?? .nan] { add(String(v)) }
        // Only where the source gave them: the digests of every other event stay as they were.
        // (An ACLED row with time_precision 2 or 3, imported before, is updated once.)
        let u = e.uncertainty
        if !u.isNone {
            add(u.dateEnd?.description ?? "\u{0}"); add(u.datePrecision?.rawValue ?? "\u{0}")
            for v in [u.killedLow, u.killedHigh] { add(v.map(String.init) ?? "\u{0}") }
        }
        return String(h, radix: 16)
    }

    /// A stored date: GDAL gives a DATE column back as 2023/11/20 (a text one as 2023-11-20).
    /// Swapped byte by byte: Foundation's replacingOccurrences was a seventh of a store read.
    static func storedDate(_ text: String) -> CivilDate? {
        let b = text.utf8.prefix(10).map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }
        return CivilDate(iso: String(decoding: b, as: UTF8.self))
    }

    /// An event from a row's columns (read through the accessors the store passes).
    static func event(text: (String) -> String, optional: (String) -> String?, int: (String) -> Int?,
                      real: (String) -> Double?) throws -> Event {
        let dateText = text("date")
        guard let date = storedDate(dateText) else {
            throw StoreError.read("event \(text("event_id"))", "its date '\(dateText)' is not a date")
        }
        guard let lat = real("lat"), let lon = real("lon") else {
            throw StoreError.read("event \(text("event_id"))", "it has no lat/lon")
        }
        let sources = SourcesColumn.sourcesArray(text("sources"))
        var origin: GeoPoint?
        if let oLat = real("origin_lat"), let oLon = real("origin_lon") { origin = GeoPoint(lat: oLat, lon: oLon) }
        var e = Event(id: text("event_id"), date: date, time: optional("time"), timezone: optional("timezone"),
                     kind: EventKind(rawValue: text("kind")), eventType: text("event_type"), subEventType: text("sub_event_type"),
                     weapon: Weapon(rawValue: text("weapon")) ?? .unknown, actor: text("actor"), target: text("target"),
                     siteID: optional("site_id"), siteName: optional("site_name"), location: GeoPoint(lat: lat, lon: lon),
                     precision: text("precision"), country: text("country"), injured: int("injured"), killed: int("killed"),
                     confidence: Confidence(rawValue: text("confidence")) ?? .unstated, sources: sources,
                     notes: text("notes"), origin: origin)
        let u = Uncertainty(dateEnd: optional("date_end").flatMap(storedDate),
                            datePrecision: optional("date_precision").flatMap(DatePrecision.init(rawValue:)),
                            killedLow: int("killed_low"), killedHigh: int("killed_high"))
        if !u.isNone { e.uncertainty = u }
        return e
    }
}

/// A store that cannot be opened, written or read.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case open(String, String)
    /// The database did not answer (no server, refused, wrong host): try again or elsewhere.
    case unreachable(String, String)
    case write(String, String)
    case read(String, String)

    public var description: String {
        // A driver's message may repeat the connection string: it is redacted as the name is.
        switch self {
        case let .open(l, m), let .unreachable(l, m): return "\(Self.name(l)): cannot open the event store: \(Self.redacted(m))"
        case let .write(l, m): return "\(Self.name(l)): import failed, nothing was changed: \(Self.redacted(m))"
        case let .read(l, m): return "\(Self.name(l)): cannot read the event store: \(Self.redacted(m))"
        }
    }

    /// A PostGIS connection string without its password.
    public static func name(_ location: String) -> String {
        guard location.hasPrefix("PG:") else { return location }
        return redacted(location)
    }

    /// Text with every password libpq could read hidden: `password=x`, `password = x`,
    /// `password='a b'` (quoted, with `\'` inside), and a URI's `user:PASSWORD@`.
    public static func redacted(_ text: String) -> String {
        guard text.range(of: "password", options: .caseInsensitive) != nil || text.contains("@") else { return text }
        var out = text.replacingOccurrences(of: #"(?i)\bpassword\s*=\s*('(?:[^'\\]|\\.)*'?|(?:\\.|\S)+)"#, with: "password=…",
                                            options: .regularExpression)
        // postgresql://user:secret@host/db, postgres://:secret@host
        out = out.replacingOccurrences(of: #"(?i)\b(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@"#, with: "$1:…@", options: .regularExpression)
        // ?password=... in a URI's query
        out = out.replacingOccurrences(of: #"(?i)([?&]password=)[^&\s]*"#, with: "$1…", options: .regularExpression)
        return out
    }
}

/// The store's `sources` column: an event's sources as a JSON array of strings.
public enum SourcesColumn {
    /// A JSON array of strings, written here as JSONEncoder writes it (slashes escaped too: the
    /// text is part of the row digest, which must not change between versions). JSONEncoder
    /// itself was a tenth of an import's time.
    public static func sourcesJSON(_ sources: [String]) -> String {
        var out = "["
        for (i, s) in sources.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "/": out += "\\/"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
                default: out.unicodeScalars.append(u)
                }
            }
            out += "\""
        }
        return out + "]"
    }

    /// The sources column, a JSON array of strings. Arrays without escapes (nearly all) are split
    /// here; others go to JSONDecoder, which cost a tenth of a store read when used for all.
    public static func sourcesArray(_ json: String) -> [String] {
        if json.isEmpty || json == "[]" { return [] }
        var bytes = Array(json.utf8)
        let backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
        // "\/" (how JSONEncoder writes a slash) is the one escape undone here.
        if bytes.contains(backslash) {
            var plain: [UInt8] = []
            plain.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == backslash {
                    guard i + 1 < bytes.count, bytes[i + 1] == slash else { plain = []; break }
                    plain.append(slash); i += 2
                } else { plain.append(bytes[i]); i += 1 }
            }
            if !plain.isEmpty { bytes = plain }
        }
        if !bytes.contains(backslash) {
            // ["a", "b"]: the text between each pair of quotes.
            var out: [String] = [], start: Int?
            var ok = bytes.first == UInt8(ascii: "[") && bytes.last == UInt8(ascii: "]")
            for i in bytes.indices where ok && bytes[i] == UInt8(ascii: "\"") {
                if let s = start { out.append(String(decoding: bytes[s..<i], as: UTF8.self)); start = nil } else { start = i + 1 }
            }
            if start != nil { ok = false }
            if ok { return out }
        }
        return (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}

extension StoreError: StrikeMapError {
    /// A database that does not answer is unavailable (exit 69, HTTP 503: try again later or
    /// elsewhere); a write that failed is an I/O failure (74: the disk, not the data); a store
    /// that opens but is not one (no PostGIS, not made by import) is bad input.
    public var category: FailureCategory {
        switch self {
        case .open(_, let m) where m.hasPrefix("no such store"): return .notFound
        case .open: return .badInput
        case .unreachable: return .unavailable
        case .read(let l, _): return l.hasPrefix("PG:") ? .unavailable : .badInput
        case .write: return .io
        }
    }

    /// The store's location, as given.
    public var location: String {
        switch self { case .open(let l, _), .unreachable(let l, _), .write(let l, _), .read(let l, _): return l }
    }
}
