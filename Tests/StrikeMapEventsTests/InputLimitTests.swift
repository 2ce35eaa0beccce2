import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
import StrikeMapCore

/// Limits that hold while reading, not after: the event limit, the record limit, and text
/// checks on the first bytes.
@Suite struct InputLimitTests {
    static let gazetteer: Gazetteer = EventReaderTests.gazetteer

    @Test func theEventLimitStopsTheReadAtTheFirstEventPastIt() throws {
        var options = ReadOptions()
        options.maxEvents = 10
        let loader = EventLoader(gazetteer: Self.gazetteer, options: options)
        #expect {
            _ = try loader.read(paths: [try EventLoader.samplePath()])
        } throws: { error in
            guard case let .tooManyEvents(file, line, limit) = error as? EventReadError else { return false }
            // The header is line 1: the eleventh event is on line 12.
            return limit == 10 && line == 12 && file.hasSuffix(".csv")
        }
        // Streaming counts take any number.
        var streamed = 0
        let report = try loader.stream(paths: [try EventLoader.samplePath()]) { _ in streamed += 1 }
        #expect(report.eventCount == 54 && streamed == 54)
    }

    @Test func aRecordPastTheLimitNamesItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sm-limit-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("long.csv").path
        let field = String(repeating: "x", count: 5000)
        let text = "date,latitude,longitude,notes\n2023-11-01,33.3,44.4,short\n2023-11-02,33.3,44.4,\"\(field)\"\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        var options = ReadOptions()
        options.maxRecordBytes = 2048
        #expect {
            _ = try EventLoader(gazetteer: Self.gazetteer, options: options).read(paths: [file])
        } throws: { error in
            guard case .csv(let e) = error as? EventReadError else { return false }
            return e == .recordTooLong(file: file, line: 3, limit: 2048)
        }
        options.maxRecordBytes = 8192
        let report = try EventLoader(gazetteer: Self.gazetteer, options: options).read(paths: [file])
        #expect(report.eventCount == 2)
        // The scanner stops without buffering on: a block with no record end past the limit.
        var scanner = CSVScanner(delimiter: 44)
        scanner.maxRecordBytes = 100
        var row = CSVRow()
        let bytes = [UInt8](repeating: 97, count: 500)
        let outcome = bytes.withUnsafeBufferPointer { scanner.record($0, at: 0, atEnd: false, mayDetect: true, into: &row) }
        #expect(outcome == .tooLong)
    }

    @Test func binaryAndUTF16InputIsRecognisedFromItsFirstBytes() throws {
        func problem(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer { CSVError.textProblem($0) } }
        #expect(problem([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])?.contains("binary") == true)
        #expect(problem([0xFF, 0xFE, 0x61, 0])?.contains("UTF-16") == true)
        #expect(problem(Array("date,lat,lon\n".utf8)) == nil)
        #expect(ReadOptions.parseSize("16M") == 16 << 20 && ReadOptions.parseSize("512k") == 512 << 10
                && ReadOptions.parseSize("2MiB") == 2 << 20 && ReadOptions.parseSize("4096") == 4096)
        #expect(ReadOptions.parseSize("-1") == nil && ReadOptions.parseSize("lots") == nil)
    }

    @Test func bidiControlsAreFoundAndOnlyThey() {
        #expect(!BidiText.hasControls("Battles – الحديدة، اليمن"))
        #expect(!BidiText.hasControls("plain — “quoted” text"))
        for control in ["\u{202E}", "\u{202A}", "\u{2067}", "\u{2069}", "\u{200F}", "\u{061C}"] {
            #expect(BidiText.hasControls("a" + control + "b"), "\(control.unicodeScalars.first!.value)")
        }
        var e = Event(id: "x", date: CivilDate(year: 2023, month: 1, day: 1)!, kind: .attack, actor: "\u{202E}abc",
                      location: GeoPoint(lat: 1, lon: 2))
        let copy = e
        e.isolateBidiControls()
        #expect(e.actor == "\u{2068}\u{202E}abc\u{2069}" && copy.actor == "\u{202E}abc")
    }

    /// A value cannot break out of its isolate: a PDI of its own that closes nothing is dropped
    /// (else it would close ours and let the override after it run on), isolates it opens are
    /// closed, and at no point does the depth go below the wrapper's.
    @Test func bidiIsolationCannotBeEscaped() {
        for value in ["X\u{2069}\u{202E}evil", "\u{2069}\u{2069}\u{202E}a", "\u{2067}open\u{202E}x", "\u{2066}a\u{2069}\u{2069}b\u{202D}",
                      "plain\u{202E}rlo", "\u{2068}nested\u{2069} ok\u{202B}"] {
            let wrapped = BidiText.isolated(value)
            var depth = 0, lowest = Int.max
            for (i, u) in wrapped.unicodeScalars.enumerated() {
                if (0x2066...0x2068).contains(u.value) { depth += 1 }
                if u.value == 0x2069 { depth -= 1 }
                if i > 0 && i < wrapped.unicodeScalars.count - 1 { lowest = min(lowest, depth) }
            }
            #expect(depth == 0 && lowest >= 1, "\(value.unicodeScalars.map { String($0.value, radix: 16) })")
            // Nothing but unmatched PDIs is taken out.
            let kept = value.unicodeScalars.filter { $0.value != 0x2069 }.count
            #expect(wrapped.unicodeScalars.filter { $0.value != 0x2069 }.count == kept + 1)
        }
    }
}
