import Foundation
import StrikeMapCore
import StrikeMapGeo

/// The order of day and month in numeric dates such as `05/03/2015`: a property of a file, not of
/// a value, so it is decided once per file (see `DateColumn`).
public enum DateOrder: String, Sendable, CaseIterable, Codable {
    /// Day first: 05/03/2015 is 5 March (Europe, the Middle East, most of the world).
    case dmy
    /// Month first: 05/03/2015 is 3 May (the United States).
    case mdy
}

/// Dates as people type and export them. One small hand-written scanner instead of a list of
/// `DateFormatter`s: it runs on every row of million-row files, and a formatter costs microseconds.
///
/// Forms: `2023-11-21` (also `2012-08-5`, `2023_11_21`, `2023/11/21`, with a time after `T` or a
/// space, which is ignored), `21 March 2020`, `21 Mar 2020`, `9-May-20` (Excel), `March 2, 2011`,
/// and numeric `dd/mm/yyyy` or `mm/dd/yyyy` (also with `.` or `-`) whose order the caller supplies.
/// Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (Excel's rule).
/// Ranges (`2012-2013`, `March 2–5, 2011`, `2-5 March 2011`, `March 15, 2011 - May 1, 2011`,
/// `April 1 - April 3, 2015`, `2011-03-15 to 2011-05-01`) and dates that name only a month or
/// a year (`March 2011`, `2011`) give their first day, flagged approximate. A time after a date
/// (`3/28/2015 2:00 PM`) is ignored.
public enum LooseDate {
    public enum Parsed: Equatable, Sendable {
        /// One day.
        case day(CivilDate)
        /// The first day of a range the text gives (the event happened within it).
        case range(CivilDate)
        /// A numeric date whose day/month order the file must decide: `first/second/year`.
        case numeric(first: Int, second: Int, year: Int)
        case invalid
    }

    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    /// 00–69 → 2000s, 70–99 → 1900s, as Excel reads two-digit years.
    public static func fullYear(_ y: Int, digits: Int) -> Int {
        guard digits <= 2 else { return y }
        return y < 70 ? 2000 + y : 1900 + y
    }

    /// A numeric date in the given order.
    public static func resolve(first: Int, second: Int, year: Int, order: DateOrder) -> CivilDate? {
        order == .dmy ? CivilDate(year: year, month: second, day: first) : CivilDate(year: year, month: first, day: second)
    }

    private enum Token: Equatable {
        case num(Int, digits: Int)
        case word(String)
        case sep(UInt8)  // - / . _ , and space; en and em dashes read as -
    }

    public static func parse(_ text: String) -> Parsed {
        // The common case first, at no cost beyond CivilDate's own check.
        if let d = CivilDate(iso: text) { return .day(d) }
        if let r = spanned(text) { return r }
        guard let tokens = tokenize(text) else { return .invalid }
        var shape: [UInt8] = []
        shape.reserveCapacity(tokens.count)
        var nums: [(Int, Int)] = []
        var words: [String] = []
        for t in tokens {
            switch t {
            case let .num(v, d): shape.append(UInt8(ascii: "N")); nums.append((v, d))
            case let .word(w): shape.append(UInt8(ascii: "W")); words.append(w)
            case let .sep(c): shape.append(c)
            }
        }
        func month(_ i: Int) -> Int? { months[words[i]] }
        func day(_ y: Int, _ m: Int?, _ d: Int) -> CivilDate? { m.flatMap { CivilDate(year: y, month: $0, day: d) } }
        func year(_ i: Int) -> Int? {
            let (v, d) = nums[i]
            return d == 4 || d == 2 ? fullYear(v, digits: d) : nil
        }
        switch String(decoding: shape, as: UTF8.self) {
        case "N-N-N", "N_N_N", "N/N/N", "N.N.N":
            if nums[0].1 == 4 {  // year first: never ambiguous
                return day(nums[0].0, nums[1].0, nums[2].0).map(Parsed.day) ?? .invalid
            }
            guard nums[0].1 <= 2, nums[1].1 <= 2, let y = year(2) else { return .invalid }
            return .numeric(first: nums[0].0, second: nums[1].0, year: y)
        // A space after another separator is dropped: "March 2, 2011" is W N,N.
        case "N W N", "N-W-N", "N W,N", "N/W/N", "N.W.N", "N W.N":
            guard let y = year(1) else { return .invalid }
            return day(y, month(0), nums[0].0).map(Parsed.day) ?? .invalid
        case "W N,N", "W N N", "W.N,N", "W.N N":
            guard nums[1].1 == 4 else { return .invalid }
            return day(nums[1].0, month(0), nums[0].0).map(Parsed.day) ?? .invalid
        case "W N":  // March 2011: the month
            guard nums[0].1 == 4 else { return .invalid }
            return day(nums[0].0, month(0), 1).map(Parsed.range) ?? .invalid
        case "N":  // 2011: the year
            guard nums[0].1 == 4, nums[0].0 >= 1000 else { return .invalid }
            return CivilDate(year: nums[0].0, month: 1, day: 1).map(Parsed.range) ?? .invalid
        case "N-N":  // 2012-2013: a span of years
            guard nums[0].1 == 4, nums[1].1 == 4, nums[1].0 >= nums[0].0 else { return .invalid }
            return CivilDate(year: nums[0].0, month: 1, day: 1).map(Parsed.range) ?? .invalid
        case "W N-N,N", "W N-N N":  // March 2–5, 2011
            guard nums[2].1 == 4, nums[1].0 >= nums[0].0, day(nums[2].0, month(0), nums[1].0) != nil else { return .invalid }
            return day(nums[2].0, month(0), nums[0].0).map(Parsed.range) ?? .invalid
        case "N-N W N", "N-N W,N":  // 2-5 March 2011
            guard nums[2].1 == 4, nums[1].0 >= nums[0].0, day(nums[2].0, month(0), nums[1].0) != nil else { return .invalid }
            return day(nums[2].0, month(0), nums[0].0).map(Parsed.range) ?? .invalid
        default:
            return .invalid
        }
    }

    /// A span written as two dates with a dash or "to" between them, as people write them:
    /// `March 15, 2011 - May 1, 2011`, `April 1 - April 3, 2015` (the year once, at the end),
    /// `15 March - 1 May 2011`, `2011-03-15 to 2011-05-01`, `2011-03-15/2011-05-01`: the first
    /// day, as a range. nil when the text is not two dates so joined (the other forms apply);
    /// `.invalid` when the second day comes before the first.
    private static func spanned(_ text: String) -> Parsed? {
        // Every row of a file goes through here: a single pass over the bytes lets through only
        // text with a joint (a space before a dash, an en or em dash or "to", or two ISO dates
        // around a slash); the splitting below allocates.
        let u = text.utf8
        guard u.count <= 80 else { return nil }
        var prev: UInt8 = 0, joint = false
        for c in u {
            if prev == 32 && (c == 45 || c == 0xE2 || c == 116) { joint = true; break }
            prev = c
        }
        guard joint || (u.count == 21 && u.contains(47)) else { return nil }
        var parts: [Substring] = []
        for joint in [" - ", " – ", " — ", " to ", "/"] {
            let p = text.components(separatedBy: joint)
            if p.count == 2, !p[0].isEmpty, !p[1].isEmpty {
                parts = [Substring(p[0]), Substring(p[1])]
                if joint == "/" && (CivilDate(iso: p[0]) == nil || CivilDate(iso: p[1]) == nil) { parts = [] }
                if !parts.isEmpty { break }
            }
        }
        guard parts.count == 2 else { return nil }
        let left = parts[0].trimmingCharacters(in: .whitespaces), right = parts[1].trimmingCharacters(in: .whitespaces)
        func first(_ p: Parsed) -> CivilDate? {
            switch p { case .day(let d), .range(let d): return d; default: return nil }
        }
        guard let end = first(parse(right)) else { return nil }
        // The first date may leave its year to the second: "April 1 - April 3, 2015".
        let start = first(parse(left)) ?? first(parse("\(left), \(end.year)")) ?? first(parse("\(left) \(end.year)"))
        guard let start else { return nil }
        return start <= end ? .range(start) : .invalid
    }

    /// Splits into numbers, lower-cased words and single separators (runs of spaces around another
    /// separator fold into it). A time after a year-first date (`T14:00`, ` 14:00:00`) is dropped.
    /// nil for text no date form can match (too long, or characters no form uses).
    private static func tokenize(_ text: String) -> [Token]? {
        var s = text
        s.makeContiguousUTF8()
        let u = Array(s.utf8)
        guard u.count <= 40 else { return nil }
        var end = u.count
        // A time after the date (2023-11-21T14:00:00Z, 3/28/2015 2:00 PM, 21 March 2020 14:00):
        // the day is what counts, so cut at the space or T before the first colon.
        if let colon = u.firstIndex(of: UInt8(ascii: ":")) {
            guard let cut = u[..<colon].lastIndex(where: { $0 == 32 || $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) else {
                return nil
            }
            end = cut
        }
        var tokens: [Token] = []
        var i = 0
        func pushSep(_ c: UInt8) {
            if case .sep(let prev)? = tokens.last {
                if prev == 32 { tokens[tokens.count - 1] = .sep(c) }  // " -" → "-"
                return  // "- " or ", " → keep the first
            }
            tokens.append(.sep(c))
        }
        while i < end {
            let c = u[i]
            switch c {
            case 48...57:
                var v = 0, d = 0
                while i < end, u[i] >= 48, u[i] <= 57, d < 5 { v = v * 10 + Int(u[i] - 48); d += 1; i += 1 }
                if i < end, u[i] >= 48, u[i] <= 57 { return nil }
                // "1st", "2nd", "21st March": an ordinal suffix is part of the number.
                if i + 1 < end {
                    let a = u[i] | 0x20, b = u[i + 1] | 0x20
                    let ordinal = (a == 115 && b == 116) || (a == 110 && b == 100) || (a == 114 && b == 100) || (a == 116 && b == 104)
                    let nextIsLetter = i + 2 < end && (u[i + 2] | 0x20) >= 97 && (u[i + 2] | 0x20) <= 122
                    if ordinal && !nextIsLetter { i += 2 }
                }
                tokens.append(.num(v, digits: d))
                continue
            case 65...90, 97...122:
                var w: [UInt8] = []
                while i < end, (u[i] | 0x20) >= 97, (u[i] | 0x20) <= 122 { w.append(u[i] | 0x20); i += 1 }
                tokens.append(.word(String(decoding: w, as: UTF8.self)))
                continue
            case 32, 9:
                if !tokens.isEmpty, tokens.last != .sep(32) {
                    if case .sep = tokens.last! {} else { tokens.append(.sep(32)) }
                }
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ","):
                pushSep(c)
            case 0xE2 where i + 2 < end && u[i + 1] == 0x80 && (u[i + 2] == 0x93 || u[i + 2] == 0x94):
                pushSep(UInt8(ascii: "-"))  // – and —
                i += 3
                continue
            default:
                return nil
            }
            i += 1
        }
        while case .sep(32)? = tokens.last { tokens.removeLast() }
        return tokens
    }
}

/// Reads one file's date column: the per-file day/month order and a cache of repeated values.
///
/// The order of `dd/mm/yyyy` vs `mm/dd/yyyy` is decided from the whole column: a first part above
/// 12 anywhere means day first, a second part above 12 means month first, both is an error, and
/// neither (every value could be either) needs `--date-order`. The column is scanned only when the
/// first numeric date turns up, so ISO and ACLED files never pay for it.
struct DateColumn {
    let file: String
    let column: String
    var order: DateOrder?
    /// Decides the day/month order from the column's values (a second read of the file, or of
    /// stdin's bytes), when the first numeric date turns up.
    let decideOrder: () throws(EventReadError) -> DateOrder
    private var cache: [String: LooseDate.Parsed] = [:]
    private(set) var ranges = 0
    private var orderGiven = true
    /// What a row whose value is no date is told.
    var invalidMessage = "not a date StrikeMap reads; use 2023-11-21, 21 November 2023 or 21/11/2023"

    init(file: String, column: String, order: DateOrder?,
         scan: @escaping () throws(EventReadError) -> [(line: Int, value: String)]) {
        self.init(file: file, column: column, order: order) { () throws(EventReadError) in
            try Self.decide(try scan(), file: file, column: column)
        }
    }

    /// With the order decided elsewhere (once for a file that several parsers read in parallel).
    init(file: String, column: String, order: DateOrder?, decideOrder: @escaping () throws(EventReadError) -> DateOrder) {
        self.file = file
        self.column = column
        self.order = order
        self.decideOrder = decideOrder
    }

    /// The day of `text`, whether it was a range, or a `RowIssue`; file-level problems with the
    /// day/month order are thrown as `EventReadError`.
    mutating func date(_ text: String, line: Int) throws -> (date: CivilDate, approximate: Bool) {
        let parsed: LooseDate.Parsed
        if let hit = cache[text] { parsed = hit } else {
            parsed = LooseDate.parse(text)
            if cache.count < 50_000 { cache[text] = parsed }
        }
        return try resolve(parsed, text: text, line: line)
    }

    /// The day of a value already parsed (`text` is the value, for messages).
    mutating func resolve(_ parsed: LooseDate.Parsed, text: @autoclosure () -> String, line: Int) throws -> (date: CivilDate, approximate: Bool) {
        switch parsed {
        case .day(let d): return (d, false)
        case .range(let d):
            ranges += 1
            return (d, true)
        case let .numeric(first, second, year):
            if order == nil {
                orderGiven = false
                order = try decideOrder()
            }
            guard let d = LooseDate.resolve(first: first, second: second, year: year, order: order!) else {
                throw RowIssue(file: file, line: line, column: column, value: text(),
                               message: "not a valid date read as \(order == .dmy ? "day/month/year" : "month/day/year")"
                                + (orderGiven ? ", the date order given" : ", the order the file's other dates show"))
            }
            return (d, false)
        case .invalid:
            throw RowIssue(file: file, line: line, column: column, value: text(), message: invalidMessage)
        }
    }

    /// The order the values show, or an error that says why it cannot be told.
    static func decide(_ values: [(line: Int, value: String)], file: String, column: String) throws(EventReadError) -> DateOrder {
        var dmy: (line: Int, value: String)?, mdy: (line: Int, value: String)?, either: (line: Int, value: String)?
        for v in values {
            guard case let .numeric(a, b, _) = LooseDate.parse(FastText.trim(v.value)) else { continue }
            if a > 12 && b <= 12 { if dmy == nil { dmy = v } }
            else if b > 12 && a <= 12 { if mdy == nil { mdy = v } }
            else if a != b && either == nil { either = v }
            if dmy != nil && mdy != nil { break }
        }
        switch (dmy, mdy) {
        case let (d?, m?):
            throw .mixedDateOrder(file: file, column: column, dayFirst: (d.line, d.value), monthFirst: (m.line, m.value))
        case (_?, nil): return .dmy
        case (nil, _?): return .mdy
        case (nil, nil):
            if let e = either { throw .ambiguousDateOrder(file: file, column: column, line: e.line, value: e.value) }
            return .dmy  // every value has day = month: both orders give the same dates
        }
    }
}
