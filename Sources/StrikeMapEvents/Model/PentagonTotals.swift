import Foundation
import StrikeMapGeo
import StrikeMapCore

/// The Pentagon's running count of attacks on US forces since 17 Oct 2023 (Data/pentagon-attack-counts-2023.csv).
/// Most counted attacks were never dated or placed publicly; the totals let a map say so honestly.
public struct PentagonTotals: Sendable {
    public struct Row: Sendable {
        public var asOf: CivilDate
        public var total: Int
        public var iraq: Int?
        public var syria: Int?
        public var source: String
    }
    public var rows: [Row]

    public static let countStart = CivilDate(year: 2023, month: 10, day: 17)!

    public static func load(path: String) throws -> PentagonTotals {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw CSVError.empty(file: path) }
        let col = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        while let r = try reader.next() {
            func f(_ k: String) -> String { col[k].flatMap { $0 < r.fields.count ? r.fields[$0] : nil } ?? "" }
            guard let d = CivilDate(iso: f("as_of")), let t = Int(f("total")) else {
                throw RowIssue(file: path, line: r.line, column: "as_of/total", value: f("as_of"),
                               message: "expected a date and a whole number")
            }
            rows.append(Row(asOf: d, total: t, iraq: Int(f("iraq")), syria: Int(f("syria")), source: f("source")))
        }
        return PentagonTotals(rows: rows.sorted { $0.asOf < $1.asOf })
    }

    /// The latest count on or before `date` that gives the split by country.
    public func latest(onOrBefore date: CivilDate) -> Row? {
        rows.last { $0.asOf <= date && $0.iraq != nil && $0.syria != nil }
    }

    /// "The Pentagon counted 66 attacks by 21 Nov 2023 (32 Iraq, 34 Syria); 41 are located here."
    /// Only for ranges that start at the beginning of the count, since the totals are cumulative.
    public func note(for range: DateRange, located events: [Event]) -> String? {
        guard range.from == nil || range.from! <= Self.countStart else { return nil }
        let end = range.to ?? events.map(\.date).max() ?? Self.countStart
        guard let row = latest(onOrBefore: end) else { return nil }
        let shown = events.filter { $0.kind == .attack && $0.date <= row.asOf && $0.date >= Self.countStart }
        let claims = shown.filter { $0.confidence == .claimed }.count
        let month = CivilDate.shortMonthNames[row.asOf.month - 1]
        var text = "Pentagon count, 17 Oct – \(row.asOf.day) \(month): \(row.total) attacks (\(row.iraq!) in Iraq, "
            + "\(row.syria!) in Syria), most never dated or located in public. "
            + "Shown: \(shown.count) attack report\(shown.count == 1 ? "" : "s") dated and placed"
        if claims > 0 { text += shown.count == 1 ? ", a claim only" : claims == 1 ? ", 1 of them a claim only" : ", \(claims) of them claims only" }
        return text
    }

    /// The counts in the Data folder (nil when it cannot be read).
    public static var shipped: PentagonTotals? {
        guard let path = try? DataLocator.data().appendingPathComponent("pentagon-attack-counts-2023.csv").path else { return nil }
        return try? load(path: path)
    }
}
