import Foundation
import StrikeMapGeo

/// A row that could not become an event: where it is and what to fix.
public struct RowIssue: Error, Sendable, CustomStringConvertible, Hashable {
    public var file: String
    public var line: Int
    public var column: String
    public var value: String
    public var message: String

    public init(file: String, line: Int, column: String, value: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }

    public var description: String {
        column.isEmpty ? "\(file):\(line): \(message)"
            : "\(file):\(line): column '\(column)' = '\(value)': \(message)"
    }
}

/// Errors that stop reading a file altogether.
public enum EventReadError: Error, CustomStringConvertible {
    case csv(CSVError)
    case unknownFormat(file: String, header: String)
    case missingColumns(file: String, columns: [String], format: String)
    case strict(RowIssue)
    case invalidGeoJSON(file: String, message: String)

    public var description: String {
        switch self {
        case .csv(let e): return e.description
        case let .unknownFormat(file, header):
            return "\(file): cannot tell the format from the header '\(header.prefix(120))'; expected StrikeMap CSV "
                + "(id,date,kind,site,...), an ACLED export (event_id_cnty,event_date,...) or GeoJSON"
        case let .missingColumns(file, columns, format):
            return "\(file): \(format) file lacks column(s) \(columns.joined(separator: ", ")); see `strikemap events --help` for the columns"
        case .strict(let issue): return "\(issue) (stopped: --strict)"
        case let .invalidGeoJSON(file, message): return "\(file): not a GeoJSON FeatureCollection: \(message)"
        }
    }
}

/// What reading produced: the events, and every row that was skipped with its reason.
public struct ReadReport: Sendable {
    public var rowsRead = 0
    public var events: [Event] = []
    public var skipped: [RowIssue] = []
    /// Rows whose id was already read (the later one is skipped).
    public var duplicates: [RowIssue] = []

    public init() {}

    public mutating func merge(_ other: ReadReport) {
        rowsRead += other.rowsRead
        var ids = Set(events.map(\.id))
        for e in other.events {
            if ids.insert(e.id).inserted { events.append(e) }
            else {
                duplicates.append(RowIssue(file: "(merged input)", line: 0, column: "id", value: e.id,
                                           message: "duplicate id; the first one read is kept"))
            }
        }
        skipped += other.skipped
        duplicates += other.duplicates
    }

    /// One line for stderr: how many rows became events and how many did not, and why.
    public var summary: String {
        var s = "read \(rowsRead) row\(rowsRead == 1 ? "" : "s"): \(events.count) event\(events.count == 1 ? "" : "s")"
        if !skipped.isEmpty { s += ", \(skipped.count) skipped as invalid" }
        if !duplicates.isEmpty { s += ", \(duplicates.count) duplicate id\(duplicates.count == 1 ? "" : "s") skipped" }
        return s
    }
}
