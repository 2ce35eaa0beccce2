import Foundation
import Testing
@testable import StrikeMapGeo

/// The byte-level scanner against the reader it replaced (`ReferenceCSVReader`): on random inputs
/// made of the bytes that matter (quotes, delimiters, CR, LF, spaces, high bytes), the same records,
/// lines, errors and code page.
@Suite struct CSVScannerTests {
    enum Result: Equatable { case rows([[String]], [Int], String?), failed(String) }

    func viaReference(_ data: Data, legacy: Bool) -> Result {
        do {
            let r = try ReferenceCSVReader(data: data, name: "r.csv")
            r.convertLegacyEncodings = legacy
            var rows: [[String]] = [], lines: [Int] = []
            while let x = try r.next() { rows.append(x.fields); lines.append(x.line) }
            return .rows(rows, lines, r.convertedFrom)
        } catch { return .failed("\(error)") }
    }

    func viaReader(_ data: Data, legacy: Bool) -> Result {
        do {
            let r = try CSVReader(data: data, name: "r.csv")
            r.convertLegacyEncodings = legacy
            var rows: [[String]] = [], lines: [Int] = []
            while let x = try r.next() { rows.append(x.fields); lines.append(x.line) }
            return .rows(rows, lines, r.convertedFrom)
        } catch { return .failed("\(error)") }
    }

    /// The same through `readBlocks`, in blocks of `block` bytes: records split across blocks
    /// must come out whole.
    func viaBlocks(_ data: Data, legacy: Bool, block: Int) -> Result {
        do {
            let r = try CSVReader(data: data, name: "r.csv")
            r.convertLegacyEncodings = legacy
            var rows: [[String]] = [], lines: [Int] = []
            var failure: String?
            try r.readBlocks(minimum: block) { b, atEnd, line, scanner in
                var row = CSVRow()
                // Only the first `size` bytes, to make records cross block ends; more when one
                // record is longer than that.
                var size = block
                var stop: CSVScanner.Stop
                repeat {
                    let part = UnsafeBufferPointer(rebasing: b[..<min(b.count, size)])
                    var got: [[String]] = [], at: [Int] = []
                    stop = scanner.scan(part, from: 0, limit: part.count, atEnd: atEnd && part.count == b.count,
                                        mayDetect: true, firstLine: line, row: &row) { row in
                        got.append((0..<row.count).map { row.text($0) })
                        at.append(row.line)
                    }
                    if stop.position > 0 || stop.reason != .needMore || part.count == b.count {
                        rows += got; lines += at
                        break
                    }
                    size *= 2
                } while true
                switch stop.reason {
                case .unterminatedQuote: failure = "\(CSVError.unterminatedQuote(file: "r.csv", line: stop.line))"
                case .invalidUTF8: failure = "\(CSVError.invalidUTF8(file: "r.csv", line: stop.line))"
                default: break
                }
                if failure != nil { return (b.count, 0) }
                return (stop.position, stop.line - line)
            }
            if let failure { return .failed(failure) }
            return .rows(rows, lines, r.convertedFrom)
        } catch { return .failed("\(error)") }
    }

    @Test func randomInputsSplitAsBefore() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [[34], [34], [44], [44], [10], [13], [13, 10], [32], [9], [97], [98], [59],
                                   [0xC3, 0xA9], [0xE9], [0xD8, 0xA7], [0xC7], [0xE2, 0x80, 0x93], [0xED, 0xA0, 0x80],
                                   [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBB, 0xBF]]
        for round in 0..<6000 {
            var bytes: [UInt8] = round % 5 == 0 ? [0xEF, 0xBB, 0xBF] : []
            bytes += Array("a,b,c\n".utf8)
            // Every other round, long runs of plain text between the bytes that matter, so that
            // the scanner's eight-bytes-at-a-time paths see them in every position.
            let plain = round % 2 == 1
            for _ in 0..<Int.random(in: 0..<60, using: &rng) {
                bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                if plain { bytes += Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 0..<12, using: &rng)) }
            }
            let data = Data(bytes)
            for legacy in [true, false] {
                let expected = viaReference(data, legacy: legacy)
                #expect(viaReader(data, legacy: legacy) == expected, "input \(bytes)")
                if case .rows = expected {
                    #expect(viaBlocks(data, legacy: legacy, block: Int.random(in: 1...16, using: &rng)) == expected, "input \(bytes)")
                }
            }
        }
    }

    @Test func validatesUTF8AsStringDoes() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let bytes = (0..<Int.random(in: 0..<6, using: &rng)).map { _ in
                UInt8.random(in: [0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF].randomElement()!...0xFF, using: &rng)
            }
            let ours = bytes.withUnsafeBufferPointer { CSVScanner.isUTF8($0) }
            let swift = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
            #expect(ours == swift, "\(bytes)")
        }
    }
}
