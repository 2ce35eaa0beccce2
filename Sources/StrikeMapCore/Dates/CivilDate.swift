import Foundation

/// A calendar day with no time zone: the day an event happened where it happened.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for impossible dates such as 2023-02-31.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO form YYYY-MM-DD only. Byte-level: it runs once per row of million-row files.
    public init?(iso text: String) {
        var s = text
        s.makeContiguousUTF8()
        guard s.utf8.count == 10 else { return nil }
        let parsed: (Int, Int, Int)? = s.utf8.withContiguousStorageIfAvailable { b -> (Int, Int, Int)? in
            func digits(_ r: Range<Int>) -> Int? {
                var v = 0
                for i in r { let c = b[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
                return v
            }
            guard b[4] == 45, b[7] == 45, let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
            return (y, m, d)
        } ?? nil
        guard let (y, m, d) = parsed else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    /// ISO 8601 week-numbering year and week.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - isoWeekday)
        // Day number of 1 January of that year, computed directly: the year may lie outside
        // the range the failable initialiser accepts.
        let jan1 = CivilDate(unchecked: thursday.year, 1, 1).dayNumber
        return (thursday.year, (thursday.dayNumber - jan1) / 7 + 1)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The Monday of ISO week `week` of `year`, nil when the year has no such week.
    public static func mondayOf(isoYear: Int, week: Int) -> CivilDate? {
        guard (1...53).contains(week), let jan4 = CivilDate(year: isoYear, month: 1, day: 4) else { return nil }
        let monday1 = jan4.adding(days: 1 - jan4.isoWeekday)
        let monday = monday1.adding(days: (week - 1) * 7)
        return monday.isoWeek.year == isoYear ? monday : nil
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public static let shortMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// YYYY-MM-DD, digit by digit: String(format:) was a tenth of an import's time.
    public var description: String {
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let b: [UInt8] = [zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), dash,
                          zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10), zero + UInt8(day % 10)]
        return String(decoding: b, as: UTF8.self)
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CivilDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
