import Foundation
import StrikeMapGeo
import StrikeMapCore

/// How to read files whose layout StrikeMap cannot fully tell on its own. The defaults read
/// StrikeMap CSV, ACLED exports and self-describing CSV and GeoJSON as they are.
public struct ReadOptions: Sendable, Equatable {
    /// Day/month order of numeric dates (`05/03/2015`); nil = decide from each file's values.
    public var dateOrder: DateOrder?
    /// Field → column name, exactly as in the header (`date`, `lat`, `lon`, `kind`, ... see
    /// `ColumnRole`); overrides recognition by name. Makes a CSV read as a generic CSV.
    public var columns: [String: String]
    /// The kind of every event whose row gives none (a file without a kind column, an empty kind,
    /// an ACLED event type no rule maps).
    public var kindDefault: String?
    /// How messages name standard input ("-"); default `<stdin>`.
    public var standardInputName: String?
    /// The longest CSV record taken, in bytes (default 1 MiB): a longer one stops the read with
    /// an error naming its line, so input with no line breaks cannot take all memory.
    public var maxRecordBytes = CSVScanner.defaultMaxRecordBytes
    /// The record limits a user may set: 1 KiB to 1 GiB.
    public static let recordLimits = 1024...(1 << 30)
    /// The most events kept (a map's limit); reading stops with an error at the first event past
    /// it, not after taking them all in. nil: no limit (streaming counts).
    public var maxEvents: Int?
    /// For an event store given as input: the filters the database applies (dates, extent,
    /// kinds, countries); the same filters are applied again to what it returns, as for files.
    public var storeQuery = StoreQuery()

    public init(dateOrder: DateOrder? = nil, columns: [String: String] = [:], kindDefault: String? = nil) {
        self.dateOrder = dateOrder
        self.columns = columns
        self.kindDefault = kindDefault
    }

    /// Reads a size: bytes, or with a unit K, M, G (binary: 16M = 16 MiB), optionally "iB" or "B".
    public static func parseSize(_ text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where t.hasSuffix(suffix) && t.count > suffix.count { t.removeLast(suffix.count); break }
        var scale = 1
        if let unit = t.last, let power = ["K": 10, "M": 20, "G": 30][String(unit)] { scale = 1 << power; t.removeLast() }
        guard let n = Double(t), n.isFinite, n > 0, n * Double(scale) < Double(1 << 40) else { return nil }
        return Int((n * Double(scale)).rounded())
    }

    /// Reads `date=Date,lat=Latitude,lon=Longitude`. Column names may hold spaces; `,` separates pairs.
    public static func parseColumns(_ text: String) throws(ReadOptionsError) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let eq = pair.firstIndex(of: "=") else { throw .malformedColumns(String(pair)) }
            let key = pair[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let column = pair[pair.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !column.isEmpty else { throw .malformedColumns(String(pair)) }
            guard ColumnRole(rawValue: key) != nil else { throw .unknownKey(key) }
            out[key] = column
        }
        return out
    }

    /// Checks keys given some other way (a map document).
    public func validate() throws(ReadOptionsError) {
        for key in columns.keys where ColumnRole(rawValue: key.lowercased()) == nil { throw .unknownKey(key) }
        if let k = kindDefault, FastTextKind.isBlank(k) { throw .emptyKind }
    }
}

public enum ReadOptionsError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case malformedColumns(String)
    case emptyKind

    public var description: String {
        switch self {
        case .unknownKey(let k):
            return "columns: unknown field '\(k)'; fields are \(ColumnRole.allCases.map(\.rawValue).joined(separator: ", "))"
        case .malformedColumns(let p):
            return "columns: '\(p)' is not FIELD=COLUMN (e.g. date=Date,lat=Latitude,lon=Longitude)"
        case .emptyKind: return "kind default: empty; give a kind such as strike or attack"
        }
    }
}

enum FastTextKind {
    static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }
}

/// What a column holds, and the header names that say so (compared without case; the first
/// present wins).
public enum ColumnRole: String, CaseIterable, Sendable {
    case id, date, lat, lon, kind, type, subtype, country, actor, target, site, place, notes, weapon, killed, injured,
         sources, precision, confidence
    /// Where the event was launched from (a missile's or drone's launch point): coordinates or a site.
    case originLat = "origin_lat", originLon = "origin_lon", origin

    var names: [String] {
        switch self {
        case .id: return ["id", "event_id", "event id", "incident id", "incident_id", "eventid"]
        case .date: return ["date", "event_date", "event date", "day"]
        case .lat: return ["latitude", "lat", "y"]
        case .lon: return ["longitude", "lon", "lng", "long", "x"]
        case .kind: return ["kind", "type", "event_type", "event type"]
        case .type: return ["event_type", "event type", "type"]
        case .subtype: return ["sub_event_type", "sub event type", "subtype", "sub_type"]
        case .country: return ["country", "iso3", "country_code", "country code", "iso"]
        case .actor: return ["actor", "actor1", "perpetrator"]
        case .target: return ["target"]
        case .site: return ["site"]
        case .place: return ["site_name", "location", "place", "city", "town", "village", "district"]
        case .notes: return ["notes", "description", "summary", "details"]
        case .weapon: return ["weapon", "weapons"]
        case .killed: return ["killed", "fatalities", "deaths", "dead"]
        case .injured: return ["injured", "wounded"]
        case .sources: return ["sources", "source"]
        case .precision: return ["precision", "geo_precision"]
        case .confidence: return ["confidence"]
        case .originLat: return ["origin_lat", "origin latitude", "origin_latitude", "launch_lat", "launch_latitude", "from_lat"]
        case .originLon: return ["origin_lon", "origin longitude", "origin_longitude", "launch_lon", "launch_longitude", "from_lon"]
        case .origin: return ["origin", "launch_site", "launch site", "launched_from", "launched from"]
        }
    }
}

extension ReadOptionsError: StrikeMapError {
    public var category: FailureCategory { .usage }
    public var setting: String? { self == .emptyKind ? "kind-default" : "columns" }
}
