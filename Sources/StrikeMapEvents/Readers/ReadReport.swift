import Foundation
import StrikeMapGeo
import StrikeMapCore

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

/// Header columns by lowercased name; a column that appears twice is an error, since it is not
/// clear which one holds the data.
func columnIndex(_ header: [String], file: String) throws(EventReadError) -> [String: Int] {
    var col: [String: Int] = [:]
    for (i, raw) in header.enumerated() {
        let name = FastText.trim(raw).lowercased()
        guard !name.isEmpty else { continue }
        if let first = col[name] {
            throw .duplicateColumn(file: file, column: name, positions: [first + 1, i + 1])
        }
        col[name] = i
    }
    return col
}

/// Errors that stop reading a file altogether.
public enum EventReadError: Error, CustomStringConvertible {
    case csv(CSVError)
    case unknownFormat(file: String, header: String)
    case missingColumns(file: String, columns: [String], format: String)
    case strict(RowIssue)
    case invalidGeoJSON(file: String, message: String)
    case duplicateColumn(file: String, column: String, positions: [Int])

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
        case let .duplicateColumn(file, column, positions):
            return "\(file):1: column '\(column)' appears \(positions.count) times (columns \(positions.map(String.init).joined(separator: " and "))); "
                + "remove or rename the extra one so it is clear which to read"
        }
    }
}

/// What reading produced: the events, and every row that was skipped with its reason.
/// Counts are always exact; the lists of issues keep the first `issueCap` of each, so a
/// million bad rows cannot exhaust memory.
public struct ReadReport: Sendable {
    public static let issueCap = 1000
    public var rowsRead = 0
    /// The events read (empty when reading only streams them to a callback).
    public var events: [Event] = []
    public var eventCount = 0
    public var skipped: [RowIssue] = []
    public var skippedTotal = 0
    /// Rows whose id was already read (the later one is skipped).
    public var duplicates: [RowIssue] = []
    public var duplicatesTotal = 0
    /// Things the reader did that the user should know, e.g. converting a Windows-1256 file.
    public var notes: [String] = []

    public init() {}

    mutating func skip(_ issue: RowIssue) {
        skippedTotal += 1
        if skipped.count < Self.issueCap { skipped.append(issue) }
    }

    mutating func duplicate(_ issue: RowIssue) {
        duplicatesTotal += 1
        if duplicates.count < Self.issueCap { duplicates.append(issue) }
    }

    /// One line for stderr: how many rows became events and how many did not, and why.
    public var summary: String {
        var s = "read \(rowsRead) row\(rowsRead == 1 ? "" : "s"): \(eventCount) event\(eventCount == 1 ? "" : "s")"
        if skippedTotal > 0 { s += ", \(skippedTotal) skipped as invalid" }
        if duplicatesTotal > 0 { s += ", \(duplicatesTotal) duplicate id\(duplicatesTotal == 1 ? "" : "s") skipped" }
        return s
    }
}

/// Turns parsed rows into a report: keeps ids unique across every file read, stops at the first
/// bad row under --strict, hands each event to a callback and keeps it only when asked.
public struct RowCollector {
    public private(set) var report = ReadReport()
    private var seen: Set<String> = []
    let strict: Bool
    let retain: Bool
    let each: (Event) -> Void

    init(strict: Bool, retain: Bool, each: @escaping (Event) -> Void) {
        self.strict = strict
        self.retain = retain
        self.each = each
    }

    mutating func note(_ text: String) { report.notes.append(text) }

    /// Records one row: `parse` returns its event or throws a `RowIssue`.
    mutating func row(file: String, line: Int, _ parse: () throws -> Event) throws(EventReadError) {
        report.rowsRead += 1
        do {
            let event = try parse()
            guard seen.insert(event.id).inserted else {
                let issue = RowIssue(file: file, line: line, column: "id", value: event.id,
                                     message: "duplicate id; the first row with it is kept")
                if strict { throw EventReadError.strict(issue) }
                report.duplicate(issue)
                return
            }
            report.eventCount += 1
            if retain { report.events.append(event) }
            each(event)
        } catch let issue as RowIssue {
            if strict { throw .strict(issue) }
            report.skip(issue)
        } catch let e as EventReadError {
            throw e
        } catch {
            let issue = RowIssue(file: file, line: line, column: "", value: "", message: "\(error)")
            if strict { throw .strict(issue) }
            report.skip(issue)
        }
    }
}
