import Foundation
import StrikeMapGeo
import StrikeMapCore

/// A running count that someone published of events of one kind since a date, such as a
/// ministry's tally of attacks, set beside the events a map places. Most counted events are
/// never dated or placed in public, and the map's note says so in numbers. The sample's preset
/// uses the Pentagon's count of attacks on US forces (Data/pentagon-attack-counts-2023.csv).
///
/// The file is a CSV with `as_of` (a date), `total` (cumulative since `start`) and, for each
/// of `places`, a column of that place's share, named after it (`Iraq` → `iraq`, `West Bank`
/// → `west_bank`); other columns (a `source` for each row, ...) are kept out of the note.
public struct PublishedCounts: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var asOf: CivilDate
        public var total: Int
        /// One share per place, in `places` order; nil when that count gave no split.
        public var shares: [Int?]
        public var source: String
    }
    /// Who published the count, as the note names them: "Pentagon".
    public var publisher: String
    /// The day the count starts from.
    public var start: CivilDate
    /// The events it counts.
    public var kind: EventKind
    public var noun: String
    public var nouns: String
    /// The places the count is split by, in the note's order.
    public var places: [String]
    public var rows: [Row]

    public init(publisher: String, start: CivilDate, kind: EventKind, noun: String? = nil, nouns: String? = nil,
                places: [String] = [], rows: [Row] = []) {
        self.publisher = publisher
        self.start = start
        self.kind = kind
        self.noun = noun ?? kind.rawValue
        self.nouns = nouns ?? (self.noun + "s")
        self.places = places
        self.rows = rows
    }

    /// The column that holds a place's share: lower case, spaces and dashes as `_`.
    public static func column(for place: String) -> String {
        String(place.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Reads the counts from `path`, oldest first. Throws for a missing column or a row whose
    /// date or total is not one, naming the file, line and column.
    public func loading(path: String) throws -> PublishedCounts {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw CSVError.empty(file: path) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let col = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let needed = ["as_of", "total"] + places.map(Self.column(for:))
        if let missing = needed.first(where: { col[$0] == nil }) {
            throw RowIssue(file: path, line: header.line, column: missing, value: "",
                           message: "no column '\(missing)'; the file has \(names.joined(separator: ", ")) (a count needs as_of, total and one column per place)")
        }
        var out = self
        out.rows = []
        while let r = try reader.next() {
            func f(_ k: String) -> String {
                col[k].flatMap { $0 < r.fields.count ? r.fields[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
            }
            guard let d = CivilDate(iso: f("as_of")) else {
                throw RowIssue(file: path, line: r.line, column: "as_of", value: f("as_of"), message: "expected a date such as 2023-11-21")
            }
            guard let t = Int(f("total")) else {
                throw RowIssue(file: path, line: r.line, column: "total", value: f("total"), message: "expected a whole number")
            }
            let shares = places.map { Int(f(Self.column(for: $0))) }
            out.rows.append(Row(asOf: d, total: t, shares: shares, source: f("source")))
        }
        out.rows.sort { $0.asOf < $1.asOf }
        return out
    }

    /// The latest count on or before `date` that gives the split by place.
    public func latest(onOrBefore date: CivilDate) -> Row? {
        rows.last { $0.asOf <= date && !$0.shares.contains(nil) }
    }

    /// "Pentagon count, 17 Oct – 21 Nov: 66 attacks (32 in Iraq, 34 in Syria), most never dated
    /// or located in public. Shown: 41 attack reports dated and placed". Only for ranges that start
    /// when the count does or before, since its totals are cumulative.
    public func note(for range: DateRange, located events: [Event]) -> String? {
        if let from = range.from, from > start { return nil }
        let end = range.to ?? events.map(\.date).max() ?? start
        guard let row = latest(onOrBefore: end) else { return nil }
        let shown = events.filter { $0.kind == kind && $0.date <= row.asOf && $0.date >= start }
        let claims = shown.filter { $0.confidence == .claimed }.count
        func day(_ d: CivilDate) -> String { "\(d.day) \(CivilDate.shortMonthNames[d.month - 1])" }
        let split = zip(places, row.shares).map { "\($1!) in \($0)" }.joined(separator: ", ")
        var text = "\(publisher) count, \(day(start)) – \(day(row.asOf)): \(row.total) \(row.total == 1 ? noun : nouns)"
            + (split.isEmpty ? "" : " (\(split))") + ", most never dated or located in public. "
            + "Shown: \(shown.count) \(noun) report\(shown.count == 1 ? "" : "s") dated and placed"
        if claims > 0 { text += shown.count == 1 ? ", a claim only" : claims == 1 ? ", 1 of them a claim only" : ", \(claims) of them claims only" }
        return text
    }
}
