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
    /// What is said of this row's value alone ("did you mean …"), printed after the message and
    /// not part of it: rows with one problem and different values share one line, with the
    /// first row's hint.
    public var hint: String?

    public init(file: String, line: Int, column: String, value: String, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let text = message + (hint.map { " (\($0))" } ?? "")
        return column.isEmpty ? "\(file):\(line): \(text)"
            : "\(file):\(line): column '\(column)' = '\(value)': \(text)"
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
    /// Numeric dates in one column, some only day-first, others only month-first.
    case mixedDateOrder(file: String, column: String, dayFirst: (line: Int, value: String), monthFirst: (line: Int, value: String))
    /// Every numeric date could be day-first or month-first: the user must say which.
    case ambiguousDateOrder(file: String, column: String, line: Int, value: String)
    /// A file of areas or lines, not of events (a layer to draw, not points to count).
    case notEventsFile(file: String, features: Int, geometry: String)
    /// A CSV whose header has no recognisable date or coordinate column.
    case unrecognisedColumns(file: String, missing: [String], header: [String])
    /// `columns` names a column the header does not have.
    case unknownColumn(file: String, key: String, column: String, header: [String])
    /// More events than the limit: reading stopped at the first one past it.
    case tooManyEvents(file: String, line: Int, limit: Int)
    /// An event store (GeoPackage, PostGIS) that could not be opened or read.
    case store(StoreError)

    public var description: String { message(for: .service) }

    /// The message, the fixes that name a setting named for `audience` (`--date-order`, or `date-order`).
    public func message(for audience: Audience) -> String {
        let cli = audience == .commandLine
        switch self {
        case .csv(let e): return e.message(for: audience)
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
        case let .mixedDateOrder(file, column, d, m):
            return "\(file): column '\(column)' mixes day-first and month-first dates: line \(d.line) has '\(d.value)' "
                + "(day first), line \(m.line) has '\(m.value)' (month first); make the column one or the other"
        case let .ambiguousDateOrder(file, column, line, value):
            return "\(file): column '\(column)': cannot tell whether dates such as '\(value)' (line \(line)) are "
                + "day/month/year or month/day/year, as no value has a part above 12; "
                + (cli ? "give --date-order dmy or --date-order mdy" : "give the date order")
        case let .notEventsFile(file, features, geometry):
            return "\(file): holds \(features) \(geometry.lowercased()) feature\(features == 1 ? "" : "s") and no points: it is "
                + "not an events file; to draw its areas or lines on a map, " + (cli ? "give it with --layer FILE" : "give it as a layer")
        case let .unrecognisedColumns(file, missing, header):
            let names = missing.count <= 1 ? missing.joined() : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
            return "\(file): cannot find the \(names) column\(missing.count == 1 ? "" : "s") "
                + "in the header (\(header.joined(separator: ", ").prefix(300))); this is not StrikeMap CSV (id,date,kind,site,...), "
                + "an ACLED export (event_id_cnty,event_date,...) or a CSV StrikeMap recognises: name the columns with "
                + (cli ? "--columns " : "the columns option ")
                + "(e.g. date=COL,lat=COL,lon=COL)"
        case let .tooManyEvents(file, line, limit):
            return "\(file):\(line): more than \(limit) events, the most one map takes; reading stopped here. "
                + (cli ? "narrow it with --from/--to or --bbox, or count it with events --stats (which streams any size)"
                       : "Narrow the input (a date range, a region) or count it without drawing")
        case let .unknownColumn(file, key, column, header):
            return (cli ? "--columns: " : "") + "\(file): \(key)=\(column): the header has no column '\(column)'; it has: \(header.joined(separator: ", "))"
        case let .store(e): return e.description
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
    /// Who published each file whose layout names its publisher (file as given → "ACLED"), for
    /// the map's source line: ACLED's terms ask for the attribution.
    public var publishers: [String: String] = [:]
    /// For an event store read as input: the files its events were imported from, in the order
    /// first met (the source line names them, not the store).
    public var storeFiles: [String: [String]] = [:]
    /// For an event store read as input: its first and last date over the whole store (it returns
    /// only the events asked for, so their dates are not the data's).
    public var storeDates: [String: DateRange] = [:]
    /// The inputs events came from: files as given, and for a store the files its events were
    /// imported from; `eventOrigins[i]` indexes it for `events[i]` (so a map can name only the
    /// files it draws on).
    /// For a store whose selection was empty: the first filter (kinds, types, actor, countries)
    /// that no stored event passes, with the store's commonest values for it.
    public var storeMiss: (field: String, present: [String])?
    public var origins: [String] = []
    public var eventOrigins: [Int32] = []
    /// Skipped and duplicate rows grouped by file, column and problem, in the order first seen:
    /// one line each on stderr, however many rows share the problem.
    public var issueGroups: [IssueGroup] = []
    private var groupIndex: [IssueGroup.Key: Int] = [:]
    public static let groupCap = 200

    public init() {}

    mutating func skip(_ issue: RowIssue) {
        skippedTotal += 1
        if skipped.count < Self.issueCap { skipped.append(issue) }
        group(issue, duplicate: false)
    }

    mutating func duplicate(_ issue: RowIssue) {
        duplicatesTotal += 1
        if duplicates.count < Self.issueCap { duplicates.append(issue) }
        group(issue, duplicate: true)
    }

    private mutating func group(_ issue: RowIssue, duplicate: Bool) {
        // Past the cap (a file whose every row fails differently) the rest share one group.
        var key = IssueGroup.Key(file: issue.file, column: issue.column, message: issue.message, duplicate: duplicate)
        if groupIndex[key] == nil && issueGroups.count >= Self.groupCap {
            key = IssueGroup.Key(file: issue.file, column: "", message: "other problems (see the full list with --strict, one at a time)", duplicate: duplicate)
        }
        if let i = groupIndex[key] {
            issueGroups[i].count += 1
            if issueGroups[i].lines.count < IssueGroup.lineCap { issueGroups[i].lines.append(issue.line) }
        } else {
            groupIndex[key] = issueGroups.count
            issueGroups.append(IssueGroup(file: key.file, column: key.column, message: key.message, duplicate: duplicate,
                                          count: 1, lines: [issue.line], example: issue.value, hint: issue.hint))
        }
    }

    /// One line for stderr: how many rows became events and how many did not, and why.
    public var summary: String {
        // Counts grouped by thousands, as the lines of skipped rows give them ("1,967 rows").
        func n(_ v: Int) -> String { IssueGroup.grouped(v) }
        var s = "read \(n(rowsRead)) row\(rowsRead == 1 ? "" : "s"): \(n(eventCount)) event\(eventCount == 1 ? "" : "s")"
        if skippedTotal > 0 { s += ", \(n(skippedTotal)) skipped as invalid" }
        if duplicatesTotal > 0 { s += ", \(n(duplicatesTotal)) duplicate id\(duplicatesTotal == 1 ? "" : "s") skipped" }
        return s
    }
}

/// Rows skipped for one reason in one file.
public struct IssueGroup: Sendable, CustomStringConvertible {
    struct Key: Hashable { var file, column, message: String; var duplicate: Bool }
    static let lineCap = 3
    public var file: String
    public var column: String
    public var message: String
    /// Rows skipped because their id was read before (the first is kept).
    public var duplicate: Bool
    public var count: Int
    /// The first few lines (up to 3).
    public var lines: [Int]
    /// The value of the first row.
    public var example: String
    /// What was said of the first row's value alone ("did you mean …").
    public var hint: String?

    /// `skipped 1,000 rows of x.csv (lines 2, 3, 5, …): column 'date' = '9-May-20' (first example): ...`
    public var description: String {
        let rows = count == 1 ? "1 row" : "\(Self.grouped(count)) rows"
        let where_ = count == 1 ? "line \(lines[0])"
            : "lines " + lines.map(String.init).joined(separator: ", ") + (count > lines.count ? ", …" : "")
        var s = "skipped \(rows) of \(file) (\(where_))"
        if !column.isEmpty {
            s += ": column '\(column)' = '\(example.prefix(80))'" + (count > 1 ? " (first example)" : "")
        }
        return s + ": " + message + (hint.map { " (\($0))" } ?? "")
    }

    /// 1000 → "1,000": counts that are read at a glance.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// Turns parsed rows into a report: keeps ids unique across every file read, stops at the first
/// bad row under --strict, hands each event to a callback and keeps it only when asked.
public struct RowCollector {
    public private(set) var report = ReadReport()
    private var seen = IDSet()
    let strict: Bool
    let retain: Bool
    let each: (Event) -> Void
    /// The most events taken; the next one is an error (`tooManyEvents`).
    var maxEvents = Int.max

    init(strict: Bool, retain: Bool, maxEvents: Int? = nil, each: @escaping (Event) -> Void) {
        self.strict = strict
        self.retain = retain
        self.maxEvents = maxEvents ?? Int.max
        self.each = each
    }

    mutating func note(_ text: String) { report.notes.append(text) }

    mutating func publisher(_ name: String, of file: String) { report.publishers[file] = name }

    mutating func storeFiles(_ files: [String], of store: String) { report.storeFiles[store] = files }
    mutating func storeDates(_ span: DateRange, of store: String) { report.storeDates[store] = span }

    mutating func storeMiss(_ miss: (field: String, present: [String])?) { if report.storeMiss == nil { report.storeMiss = miss } }

    private var origin: Int32 = -1
    private var originIndex: [String: Int32] = [:]

    /// Where the rows that follow come from (a file as given, or a store row's imported file).
    mutating func origin(_ name: String) {
        if let i = originIndex[name] { origin = i; return }
        origin = Int32(report.origins.count)
        originIndex[name] = origin
        report.origins.append(name)
    }

    /// Records one row: `parse` returns its event or throws a `RowIssue`.
    mutating func row(file: String, line: Int, _ parse: () throws -> Event) throws(EventReadError) {
        report.rowsRead += 1
        do {
            let event = try parse()
            try accept(event, file: file, line: line, new: seen.insert(event.id))
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

    /// Records a row parsed elsewhere (on another thread), with the hash of its id made there
    /// (`IDSet.hash`), so that this serial step only looks the id up.
    mutating func row(file: String, line: Int, parsed event: Event, idHash: UInt64) throws(EventReadError) {
        report.rowsRead += 1
        try accept(event, file: file, line: line, new: seen.insert(event.id, hash: idHash))
    }

    private mutating func accept(_ event: Event, file: String, line: Int, new: Bool) throws(EventReadError) {
        guard new else {
            let issue = RowIssue(file: file, line: line, column: "id", value: event.id,
                                 message: "duplicate id; the first row with it is kept")
            if strict { throw EventReadError.strict(issue) }
            report.duplicate(issue)
            return
        }
        guard report.eventCount < maxEvents else { throw .tooManyEvents(file: file, line: line, limit: maxEvents) }
        report.eventCount += 1
        var event = event
        event.isolateBidiControls()
        if retain {
            report.events.append(event)
            report.eventOrigins.append(origin)
        }
        each(event)
    }
}

/// The ids read so far, keyed by their UTF-8 bytes under a cheap hash that parsers compute on
/// their own threads.
struct IDSet {
    private var map = ByteMap<Bool>()

    static func hash(_ id: String) -> UInt64 {
        var s = id
        return s.withUTF8 { ByteMap<Bool>.hash($0) }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteMap<Bool>.hash(bytes) }

    /// Whether `id` was new.
    mutating func insert(_ id: String) -> Bool { insert(id, hash: Self.hash(id)) }

    mutating func insert(_ id: String, hash: UInt64) -> Bool {
        var s = id
        return s.withUTF8 { b in
            if map.find(b, hash: hash) != nil { return false }
            map.insert(b, hash: hash, true)
            return true
        }
    }
}

extension EventReadError: StrikeMapError {
    public var category: FailureCategory {
        switch self {
        case .csv(let e): return e.category
        case .unknownColumn: return .usage
        case .store(let e): return e.category
        case .tooManyEvents: return .limit
        default: return .badInput
        }
    }

    public var setting: String? {
        switch self {
        case .unknownColumn: return "columns"
        case .ambiguousDateOrder: return "date-order"
        default: return nil
        }
    }
}
