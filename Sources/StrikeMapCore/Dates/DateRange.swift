import Foundation

/// What is wrong with a date range, in the names of its fields (from, to, on, last, month,
/// week): the CLI words them as flags (`--from`), a map document as keys (`data.dates.from`).
public enum DateRangeError: Error, CustomStringConvertible, Equatable {
    case invalidDate(field: String, value: String)
    case invalidDuration(String)
    case invalidMonth(String)
    case invalidWeek(String)
    case reversed(from: CivilDate, to: CivilDate)
    /// Fields that cannot be given together; `lastWithFrom` when they are last and from.
    case conflicting(fields: [String])

    public var description: String { worded(prefix: "") }

    /// The message with each field name prefixed (`--` for flags).
    public func worded(prefix p: String) -> String {
        switch self {
        case let .invalidDate(field, value):
            return "\(p)\(field) '\(value)' is not a valid date; use YYYY-MM-DD, e.g. 2023-11-21"
        case let .invalidDuration(value):
            return "\(p)last '\(value)' is not a duration; use a number and a unit: 14d (days), 3w (weeks)"
        case let .invalidMonth(value):
            return "\(p)month '\(value)' is not a month; use YYYY-MM, e.g. 2023-11"
        case let .invalidWeek(value):
            return "\(p)week '\(value)' is not an ISO week; use YYYY-Www, e.g. 2023-W46"
        case let .reversed(from, to):
            return "\(p)to \(to) is earlier than \(p)from \(from); swap them"
        case let .conflicting(fields):
            let names = fields.map { p + $0 }.joined(separator: " and ")
            if Set(fields) == ["last", "from"] {
                return "\(names) cannot be combined; \(p)last counts back from \(p)to (or from the newest event)"
            }
            return "\(names) cannot be combined; \(p)on, \(p)month and \(p)week each give a whole range"
        }
    }
}

/// An inclusive range of days; either end may be open.
public struct DateRange: Hashable, Sendable, CustomStringConvertible {
    public var from: CivilDate?
    public var to: CivilDate?

    public init(from: CivilDate? = nil, to: CivilDate? = nil) throws(DateRangeError) {
        if let f = from, let t = to, t < f { throw .reversed(from: f, to: t) }
        self.from = from
        self.to = to
    }

    public static let all = try! DateRange()

    public func contains(_ d: CivilDate) -> Bool {
        (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true)
    }

    public var isUnbounded: Bool { from == nil && to == nil }

    public var description: String {
        switch (from, to) {
        case (nil, nil): return "all dates"
        case let (f?, nil): return "from \(f)"
        case let (nil, t?): return "until \(t)"
        case let (f?, t?): return f == t ? "\(f)" : "\(f) to \(t)"
        }
    }

    /// The flags of every command, resolved to one range:
    /// `--from`/`--to` (inclusive), `--on DATE`, `--last 14d|3w` (ending at `--to`, or at
    /// `newest` when `--to` is absent), `--month YYYY-MM`, `--week YYYY-Www`.
    public static func parse(from: String? = nil, to: String? = nil, on: String? = nil, last: String? = nil,
                             month: String? = nil, week: String? = nil,
                             newest: CivilDate? = nil) throws(DateRangeError) -> DateRange {
        let used = [("on", on), ("month", month), ("week", week)].filter { $0.1 != nil }.map(\.0)
        if used.count > 1 || (!used.isEmpty && (from != nil || to != nil || last != nil)) {
            throw .conflicting(fields: used + [from != nil ? "from" : nil, to != nil ? "to" : nil, last != nil ? "last" : nil].compactMap { $0 })
        }
        if last != nil && from != nil {
            throw .conflicting(fields: ["last", "from"])
        }
        func date(_ flag: String, _ v: String?) throws(DateRangeError) -> CivilDate? {
            guard let v else { return nil }
            guard let d = CivilDate(iso: v.trimmingCharacters(in: .whitespaces)) else { throw .invalidDate(field: flag, value: v) }
            return d
        }
        if let on { let d = try date("on", on); return try DateRange(from: d, to: d) }
        if let month {
            let p = month.split(separator: "-")
            guard p.count == 2, p[0].count == 4, p[1].count == 2, let y = Int(p[0]), let m = Int(p[1]),
                  let first = CivilDate(year: y, month: m, day: 1) else { throw .invalidMonth(month) }
            return try DateRange(from: first, to: CivilDate(year: y, month: m, day: CivilDate.daysIn(month: m, year: y)))
        }
        if let week {
            let p = week.uppercased().split(separator: "-")
            guard p.count == 2, p[0].count == 4, p[1].hasPrefix("W"), let y = Int(p[0]),
                  let w = Int(p[1].dropFirst()), let monday = CivilDate.mondayOf(isoYear: y, week: w) else {
                throw .invalidWeek(week)
            }
            return try DateRange(from: monday, to: monday.adding(days: 6))
        }
        let f = try date("from", from)
        let t = try date("to", to)
        if let last {
            let s = last.trimmingCharacters(in: .whitespaces).lowercased()
            guard let unit = s.last, let n = Int(s.dropLast()), n > 0, n <= 100_000 else { throw .invalidDuration(last) }
            let days: Int
            switch unit {
            case "d": days = n
            case "w": days = n * 7
            default: throw .invalidDuration(last)
            }
            guard let end = t ?? newest else { return try DateRange(from: nil, to: nil) }
            return try DateRange(from: end.adding(days: -(days - 1)), to: end)
        }
        return try DateRange(from: f, to: t)
    }
}

extension DateRangeError: StrikeMapError {
    public var category: FailureCategory { .usage }
    public func message(for audience: Audience) -> String { worded(prefix: audience == .commandLine ? "--" : "") }
}
