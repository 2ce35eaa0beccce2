import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapCore

/// The ACLED reader parses blocks of a file in parallel, cut at guessed record boundaries. These
/// tests read files with tiny blocks (so that cuts fall everywhere: inside quoted newlines, on
/// CRLFs, in bad rows) and check that the report is the one the serial reader it replaced
/// (`ReferenceACLEDReader`) gives: the same events in the same order, the same skipped rows with
/// the same lines, the same errors.
@Suite struct ACLEDParallelTests {
    static let gazetteer: Gazetteer = try! GeoCatalog.load().gazetteer
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/events")
    }

    /// Everything a report says, comparable.
    struct Outcome: Equatable {
        var events: [Event] = []
        var skipped: [RowIssue] = []
        var duplicates: [RowIssue] = []
        var groups: [String] = []
        var notes: [String] = []
        var counts: [Int] = []
        var encoding: String?
        var error: String?
    }

    struct Setup {
        var lean = false
        var strict = false
        var options = ReadOptions()
        /// Read from bytes in memory (as standard input is), not from the file.
        var inMemory = false
    }

    static func open(_ path: String, _ setup: Setup) throws(CSVError) -> CSVReader {
        if setup.inMemory, let data = FileManager.default.contents(atPath: path) { return try CSVReader(data: data, name: path) }
        return try CSVReader(path: path)
    }

    static func outcome(_ path: String, _ setup: Setup,
                        read: (CSVReader, [String], inout RowCollector) throws(EventReadError) -> Void) -> Outcome {
        var out = Outcome()
        var collector = RowCollector(strict: setup.strict, retain: true, each: { _ in })
        do {
            let reader = try open(path, setup)
            let header = try reader.next()!.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            try read(reader, header, &collector)
            out.encoding = reader.convertedFrom
        } catch {
            out.error = "\(error)"
        }
        let r = collector.report
        out.events = r.events
        out.skipped = r.skipped
        out.duplicates = r.duplicates
        out.groups = r.issueGroups.map(\.description)
        out.notes = r.notes
        out.counts = [r.rowsRead, r.eventCount, r.skippedTotal, r.duplicatesTotal]
        return out
    }

    static func reference(_ path: String, _ setup: Setup) -> Outcome {
        outcome(path, setup) { reader, header, collector throws(EventReadError) in
            var r = ReferenceACLEDReader(gazetteer: gazetteer, mapping: .default)
            r.lean = setup.lean
            r.options = setup.options
            r.reopen = { () throws(CSVError) in try open(path, setup) }
            try r.read(reader, header: header, into: &collector)
        }
    }

    static func current(_ path: String, _ setup: Setup, parallelism: Int, block: Int) -> Outcome {
        outcome(path, setup) { reader, header, collector throws(EventReadError) in
            var r = ACLEDReader(gazetteer: gazetteer, mapping: .default)
            r.lean = setup.lean
            r.options = setup.options
            r.reopen = { () throws(CSVError) in try open(path, setup) }
            r.parallelism = parallelism
            r.blockBytes = block
            r.parallelMinimum = 0
            try r.read(reader, header: header, into: &collector)
        }
    }

    /// The new reader, serial and in parallel with blocks of many sizes, against the old.
    static func expectSame(_ path: String, _ setup: Setup = Setup(), blocks: [Int] = [40, 97, 256, 1000, 4096, 1 << 22],
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = reference(path, setup)
        for parallelism in [1, 2] {
            for block in blocks {
                let got = current(path, setup, parallelism: parallelism, block: block)
                #expect(got.error == expected.error, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.counts == expected.counts, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.skipped == expected.skipped, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.duplicates == expected.duplicates, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.groups == expected.groups, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.notes == expected.notes, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.encoding == expected.encoding, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                #expect(got.events.count == expected.events.count, "parallelism \(parallelism), block \(block)", sourceLocation: sourceLocation)
                if let i = (0..<min(got.events.count, expected.events.count)).first(where: { got.events[$0] != expected.events[$0] }) {
                    Issue.record("parallelism \(parallelism), block \(block): event \(i) differs: \(got.events[i]) vs \(expected.events[i])",
                                 sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// A deterministic generator, so that a failure can be run again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    static let header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,iso,country,location,"
        + "latitude,longitude,geo_precision,source,notes,fatalities,time_precision"

    /// Rows good and bad, with what splits records: quoted newlines (LF and CRLF), doubled
    /// quotes, text after a closing quote, blank lines, CRLF line ends, non-ASCII text.
    static func file(rows: Int, seed: UInt64, numericDates: Bool = false, legacyFrom: Int? = nil) throws -> String {
        var g = Generator(state: seed)
        var bytes = Array((header + "\n").utf8)
        let types = [("Explosions/Remote violence", "Air/drone strike", "Military Forces of the United States (2021-)", "8"),
                     ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Islamic Resistance in Iraq", "3"),
                     ("Battles", "Armed clash", "Syrian Democratic Forces", "2"),
                     ("Protests", "Peaceful protest", "Protesters (Iraq)", "6"),
                     ("Weird type", "", "Someone", "")]
        let places = [("368", "Iraq", "Ain al-Asad", "33.7950", "42.4418"), ("760", "Syria", "Abu Kamal", "34.4537", "40.9188"),
                      ("368", "Iraq", "Baghdad", "33.3152", "44.3661"), ("760", "Syria", " Tal Baydar ", "36.6500", "40.8833")]
        let notes = ["\"A drone struck, \"\"reportedly\"\"\nnear the base.\"", "\"Rockets fired\r\nat dawn\"", "plain notes",
                     "\"قصف بطائرة مسيرة\"", "\"quoted\"tail", "", "\"Katyusha rockets; F-16s overhead\"", "\"line\n\n\"\"two\"\"\n\""]
        let months = ["January", "March", "November"]
        for i in 0..<rows {
            let t = types[Int.random(in: 0..<types.count, using: &g)]
            let p = places[Int.random(in: 0..<places.count, using: &g)]
            var id = "ROW\(i)"
            var date = Bool.random(using: &g) ? "2023-\(String(format: "%02d", 1 + i % 12))-\(String(format: "%02d", 1 + i % 28))"
                : "\(1 + i % 28) \(months[i % 3]) 2022"
            if numericDates && i % 3 == 0 { date = "\(13 + i % 15)/\(1 + i % 12)/2021" }
            var lat = p.3, fatalities = "\(i % 5)"
            switch Int.random(in: 0..<40, using: &g) {
            case 0: lat = "abc"
            case 1: lat = "91"
            case 2: id = ""
            case 3: fatalities = "x"
            case 4: date = "not a date"
            case 5: id = "ROW\(max(0, i - 7))"  // a duplicate
            case 6: date = "2012-2013"  // a range
            case 7: lat = "\"33,5\""
            case 8: lat = "33.12345678901234567"
            case 9: date = "2023-02-31"
            default: break
            }
            var note = notes[Int.random(in: 0..<notes.count, using: &g)]
            if let from = legacyFrom, i >= from, i % 4 == 0 { note = "caf\u{E9} sous le pont" }
            let line = [id, date, t.0, t.1, t.2, t.3, "Civilians", p.0, p.1, p.2, lat, p.4, "\(1 + i % 3)",
                        "Wire A; Wire B", note, fatalities, "\(1 + (i / 3) % 3)"].joined(separator: ",")
            var lineBytes = Array(line.utf8)
            if legacyFrom != nil {
                // Latin-1 é, as Excel's Western "CSV" writes it: the row is not UTF-8.
                lineBytes = lineBytes.withUnsafeBufferPointer { b in
                    var out: [UInt8] = []
                    var k = 0
                    while k < b.count {
                        if k + 1 < b.count && b[k] == 0xC3 && b[k + 1] == 0xA9 && note.hasPrefix("caf") { out.append(0xE9); k += 2 }
                        else { out.append(b[k]); k += 1 }
                    }
                    return out
                }
            }
            bytes += lineBytes
            switch Int.random(in: 0..<10, using: &g) {
            case 0: bytes += [13, 10]
            case 1: bytes += [10, 10]  // a blank line after
            default: bytes += [10]
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("acled-parallel-\(UUID()).csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func parallelReadGivesTheSerialReport() throws {
        for seed: UInt64 in [1, 2, 3] {
            let path = try Self.file(rows: 400, seed: seed)
            defer { try? FileManager.default.removeItem(atPath: path) }
            Self.expectSame(path)
            Self.expectSame(path, Setup(lean: true))
            Self.expectSame(path, Setup(inMemory: true))
        }
    }

    @Test func strictStopsAtTheSameRow() throws {
        let path = try Self.file(rows: 300, seed: 7)
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSame(path, Setup(strict: true))
    }

    @Test func numericDatesAreOrderedOnceForAllParsers() throws {
        let path = try Self.file(rows: 300, seed: 11, numericDates: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSame(path)
        Self.expectSame(path, Setup(inMemory: true))
        var given = Setup()
        given.options.dateOrder = .mdy  // 13/1/2021 and the like are then invalid rows
        Self.expectSame(path, given)
    }

    /// Rows that are not UTF-8 only in the second half: the code page is still picked from the
    /// file's first such row.
    @Test func legacyCodePageFoundLate() throws {
        let path = try Self.file(rows: 300, seed: 5, legacyFrom: 200)
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSame(path)
    }

    @Test func unterminatedQuoteIsReportedAtItsLine() throws {
        let base = try Self.file(rows: 200, seed: 9)
        defer { try? FileManager.default.removeItem(atPath: base) }
        var text = try String(contentsOfFile: base, encoding: .utf8)
        text += "LAST,2023-01-01,Battles,Armed clash,X,2,,368,Iraq,\"Baghdad,33.3,44.3,1,,notes,0\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("acled-open-\(UUID()).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = Self.reference(path, Setup())
        #expect(expected.error?.contains("never closed") == true)
        Self.expectSame(path)
    }

    @Test func fixturesAndRealFilesReadAsBefore() throws {
        var paths = ["acled-export.csv", "acled-old-layout.csv"].map { Self.fixtures.appendingPathComponent($0).path }
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
        for name in ["real/acled_afghanistan_2020.csv", "real/acled_africa_2016_oldformat.csv", "synthetic/syria-clustered-10k.csv"] {
            let p = shared.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: p) { paths.append(p) }
        }
        for p in paths {
            Self.expectSame(p, blocks: [512, 65536, 1 << 22])
            Self.expectSame(p, Setup(lean: true), blocks: [4096])
        }
    }

    @Test func fastNumbersAreDoubleParsing() {
        var g = Generator(state: 99)
        for _ in 0..<20000 {
            let digits = Int.random(in: 1...15, using: &g)
            var s = Bool.random(using: &g) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &g)
            for k in 0..<digits {
                if k == point && k > 0 { s += "." }
                s += String(Int.random(in: 0...9, using: &g))
            }
            let fast = Array(s.utf8).withUnsafeBufferPointer { ACLEDRowParser.decimal($0) }
            #expect(fast == nil || fast == Double(s), "\(s)")
            #expect(fast != nil || s.hasSuffix("."), "\(s)")
        }
    }
}
