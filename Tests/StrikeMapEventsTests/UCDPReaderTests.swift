import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapCore

/// UCDP GED read with no flags in each layout it circulates in — the standard download (the
/// 1,000-event sample in `../shared/real/`), HDX's copies and the explorer's exports (both made
/// from the sample by `scripts/ucdp_layouts.py`, as those layouts are documented) — and counted
/// against an independent count by the same script (Python's csv module).
@Suite(.enabled(if: RealFilesTests.present, "needs ../shared/real"))
struct UCDPReaderTests {
    static let sample = RealFilesTests.real.appendingPathComponent("ucdp_ged_23.1_sample1000_global.csv").path
    static let script = RealFilesTests.root.appendingPathComponent("scripts/ucdp_layouts.py").path

    struct Count: Decodable {
        var rows: Int
        var type_of_violence: [String: Int]
        var where_prec: [String: Int]
        var date_prec: [String: Int]
        var best: Int, low: Int, high: Int, spans: Int
        var country: [String: Int]
    }

    static func python(_ args: [String]) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "ucdp_layouts.py \(args)")
        return data
    }

    static func read(_ path: String) throws -> ReadReport {
        try EventLoader(gazetteer: RealFilesTests.gazetteer).read(path: path)
    }

    @Test func theStandardLayoutReadsWithNoFlags() throws {
        let count = try JSONDecoder().decode(Count.self, from: try Self.python(["count", Self.sample]))
        let r = try Self.read(Self.sample)
        #expect(r.rowsRead == count.rows && r.eventCount == count.rows && r.skippedTotal == 0)
        #expect(r.publishers.values.contains { $0.contains("UCDP") && $0.contains("CC BY 4.0") })
        // Types by type_of_violence, with their kinds: two sides in conflicts, one in one-sided violence.
        let types = Dictionary(grouping: r.events, by: \.eventType).mapValues(\.count)
        #expect(types["State-based conflict"] == count.type_of_violence["1"])
        #expect(types["Non-state conflict"] == count.type_of_violence["2"])
        #expect(types["One-sided violence"] == count.type_of_violence["3"])
        #expect(r.events.allSatisfy { ($0.eventType == "One-sided violence") == ($0.kind == .attack) })
        // Place precision, by the table in the README.
        let table: [String: PlacePrecision] = ["1": .exact, "2": .near, "3": .admin2, "4": .admin1, "5": .admin1, "6": .country, "7": .unknown]
        var expected: [PlacePrecision: Int] = [:]
        for (code, n) in count.where_prec { expected[table[code]!, default: 0] += n }
        let placed = Dictionary(grouping: r.events, by: { $0.placePrecision! }).mapValues(\.count)
        #expect(placed == expected, "\(placed) vs \(expected)")
        // Date precision and spans.
        let dates: [String: DatePrecision] = ["1": .day, "2": .week, "3": .month, "4": .year, "5": .range]
        var expectedDates: [DatePrecision: Int] = [:]
        for (code, n) in count.date_prec { expectedDates[dates[code]!, default: 0] += n }
        #expect(Dictionary(grouping: r.events, by: { $0.uncertainty.datePrecision! }).mapValues(\.count) == expectedDates)
        #expect(r.events.filter { $0.uncertainty.dateEnd != nil }.count == count.spans)
        #expect(r.events.allSatisfy { e in e.uncertainty.dateEnd.map { $0 > e.date } ?? true })
        // Deaths: best counted, low and high kept.
        #expect(r.events.reduce(0) { $0 + ($1.killed ?? 0) } == count.best)
        #expect(r.events.reduce(0) { $0 + ($1.uncertainty.killedLow ?? 0) } == count.low)
        #expect(r.events.reduce(0) { $0 + ($1.uncertainty.killedHigh ?? 0) } == count.high)
        // Both sides: side_a the actor, side_b the other.
        let first = try #require(r.events.first { $0.id == "300380" })
        #expect(first.actor == "Government of Syria" && first.target == "Syrian insurgents")
        #expect(first.date == CivilDate(year: 2013, month: 1, day: 3) && first.placePrecision == .exact)
        // Every country UCDP names is known by its ISO code (Yemen (North Yemen), DR Congo (Zaire), …).
        #expect(r.events.allSatisfy { $0.country.count == 2 }, "\(Set(r.events.map(\.country)).filter { $0.count != 2 })")
        #expect(r.events.filter { $0.country == "SY" }.count == count.country["Syria"])
        #expect(r.events.filter { $0.country == "YE" }.count == count.country["Yemen (North Yemen)"])
    }

    /// HDX's copy and the explorer's export of the same events give the same events.
    @Test(arguments: ["hdx", "explorer"]) func otherLayoutsGiveTheSameEvents(_ layout: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ucdp-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("\(layout).csv").path
        _ = try Self.python([layout, Self.sample, path])
        let standard = try Self.read(Self.sample), other = try Self.read(path)
        #expect(other.rowsRead == standard.rowsRead && other.eventCount == standard.eventCount && other.skippedTotal == 0)
        if layout == "hdx" { #expect(other.notes.contains { $0.contains("HXL hashtags") && $0.contains("skipped") }) }
        let byID = Dictionary(uniqueKeysWithValues: standard.events.map { ($0.id, $0) })
        for e in other.events {
            let s = try #require(byID[e.id])
            #expect(e.date == s.date && e.location == s.location && e.eventType == s.eventType && e.kind == s.kind
                    && e.actor == s.actor && e.target == s.target && e.killed == s.killed && e.country == s.country
                    && e.precision == s.precision && e.uncertainty == s.uncertainty, "\(layout) \(e.id)")
        }
    }

    /// A row UCDP would not write is named by file, line and column, with what to write instead.
    @Test func badRowsAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ucdp-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.csv").path
        try """
        id,type_of_violence,side_a,side_b,where_prec,latitude,longitude,date_start,date_end,best,low,high,country
        1,1,A,B,1,33.3,44.4,2020-01-02,2020-01-02,1,1,1,Iraq
        2,4,A,B,1,33.3,44.4,2020-01-02,2020-01-02,1,1,1,Iraq
        3,1,A,B,9,33.3,44.4,2020-01-02,2020-01-02,1,1,1,Iraq
        4,1,A,B,1,33.3,44.4,2020-01-05,2020-01-02,1,1,1,Iraq
        5,1,A,B,1,,,2020-01-02,2020-01-02,1,1,1,Iraq

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Self.read(path)
        #expect(r.eventCount == 1 && r.skippedTotal == 4)
        let byLine = Dictionary(uniqueKeysWithValues: r.skipped.map { ($0.line, $0) })
        #expect(byLine[3]?.column == "type_of_violence" && byLine[3]?.value == "4" && byLine[3]?.message.contains("1 (state-based)") == true)
        #expect(byLine[4]?.column == "where_prec" && byLine[4]?.message.contains("1 to 7") == true)
        #expect(byLine[5]?.column == "date_end" && byLine[5]?.message.contains("on or after date_start") == true)
        #expect(byLine[6]?.column == "latitude" && byLine[6]?.message.contains("no coordinates") == true, "\(r.skipped)")
    }
}
