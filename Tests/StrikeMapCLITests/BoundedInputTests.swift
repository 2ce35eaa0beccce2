import Foundation
import Glibc
import Testing

/// Input that used to hang, fill memory or vanish: devices, FIFOs, /dev/stdin, folders, empty
/// files, records with no end.
@Suite struct BoundedInputTests {
    let cli = CLITests()
    static let sample = CLITests.repoRoot.appendingPathComponent("Data/events-2023-10-17_2023-11-22.csv").path

    /// Runs with a watchdog: a hang is a failure, not a stuck test run.
    private func run(_ args: [String], seconds: Double = 60) throws -> (status: Int32, stdout: String, stderr: String, timedOut: Bool) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(seconds)
        final class Flag: @unchecked Sendable { var set = false }
        let flag = Flag()
        let watchdog = Thread {
            while p.isRunning && Date() < deadline { usleep(50_000) }
            if p.isRunning { flag.set = true; p.terminate() }
        }
        watchdog.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), flag.set)
    }

    /// Printable text only: no binary junk from the input reaches the terminal.
    private func printable(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FFFD}") }
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom"])
    func devicesWithoutTextFailFast(device: String) throws {
        for command in [["events"], ["events", "--stats"], ["render", "--out", "/dev/null"]] {
            let r = try run(command + ["--events", device], seconds: 30)
            #expect(!r.timedOut, "\(command) \(device) did not stop")
            #expect(r.status == 65, "\(command) \(device): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(device): a binary file"), "\(r.stderr)")
            #expect(printable(r.stderr) && r.stdout.isEmpty)
        }
    }

    @Test func aFolderAndAnEmptyFileAreNamedWithTheirCodes() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try run(["events", "--events", dir.path])
        #expect(folder.status == 66)
        #expect(folder.stderr.contains("is a folder; give a CSV or GeoJSON file inside it"), "\(folder.stderr)")
        #expect(!folder.stderr.contains("NSCocoaErrorDomain"))
        let empty = dir.appendingPathComponent("empty.csv").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let r = try run(["render", "--events", empty, "--out", "/dev/null"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("empty.csv: the file is empty"), "\(r.stderr)")
    }

    @Test func aFIFOIsReadOnce() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("events.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let csv = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let writer = Thread {
            if let h = FileHandle(forWritingAtPath: fifo) { h.write(csv); try? h.close() }
        }
        writer.start()
        let r = try run(["events", "--events", fifo], seconds: 60)
        #expect(!r.timedOut, "reading a FIFO hung")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("54 events"), "\(r.stderr)")
        if r.timedOut, let h = FileHandle(forReadingAtPath: fifo) { _ = h.availableData }
    }

    @Test func devStdinOnAPipeIsRead() throws {
        let text = try String(contentsOfFile: Self.sample, encoding: .utf8)
        let r = try cli.strikemap("events", "--events", "/dev/stdin", stdin: text)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("54 events"), "\(r.stderr)")
        let dash = try cli.strikemap("render", "--events", "-", "--quiet", "--out", "/dev/null", stdin: text)
        #expect(dash.status == 0, "\(dash.stderr)")
    }

    @Test func aRecordWithNoEndStopsAtTheLimit() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("one-line.csv").path
        try Data(repeating: UInt8(ascii: "a"), count: 3 << 20).write(to: URL(fileURLWithPath: file))
        let r = try run(["events", "--events", file])
        #expect(r.status == 65)
        #expect(r.stderr.contains("one-line.csv:1: a record longer than 1 MiB") && r.stderr.contains("--max-record"), "\(r.stderr)")
        // Raised, the record is read (and is then no header of events).
        let raised = try run(["events", "--events", file, "--max-record", "4M"])
        #expect(raised.status == 65 && !raised.stderr.contains("longer than"), "\(raised.stderr)")
        // The same on standard input, which is copied as it is read: the copy stops at the limit
        // too. (From a file: a pipe's writer would be killed by SIGPIPE when the reader stops.)
        let input = dir.appendingPathComponent("stdin.csv").path
        try Data(("date,lat,lon\n" + String(repeating: "b", count: 3 << 20)).utf8).write(to: URL(fileURLWithPath: input))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["events", "--events", "-"]
        p.standardInput = FileHandle(forReadingAtPath: input)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 65)
        #expect(message.contains("<stdin>:2: a record longer than 1 MiB"), "\(message)")
        let bad = try run(["events", "--max-record", "12"])
        #expect(bad.status == 64 && bad.stderr.contains("--max-record '12'"))
    }

    /// GeoJSON is parsed whole: a file past the limit is refused before it is read (a sparse
    /// file here: 300 MiB that take no disk).
    @Test func anOversizedGeoJSONIsRefusedBeforeItIsRead() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.geojson")
        try Data("{\"type\": \"FeatureCollection\", \"features\": [".utf8).write(to: file)
        let h = try FileHandle(forWritingTo: file)
        try h.truncate(atOffset: 300 << 20)
        try h.close()
        let r = try run(["events", "--events", file.path], seconds: 30)
        #expect(r.status == 65)
        #expect(r.stderr.contains("huge.geojson") && r.stderr.contains("300 MiB is more than the 256 MiB") && r.stderr.contains("ogr2ogr -f CSV"),
                "\(r.stderr)")
    }

    /// GeoJSON is often one long line: on standard input it is held to the GeoJSON size limit,
    /// not to the CSV record limit.
    @Test func minifiedGeoJSONOnStandardInputIsRead() throws {
        let features = (0..<12_000).map { i in
            #"{"type":"Feature","properties":{"id":"g\#(i)","date":"2023-11-01","kind":"attack","notes":"\#(String(repeating: "x", count: 100))"},"geometry":{"type":"Point","coordinates":[44.0,\#(33.0 + Double(i) * 1e-5)]}}"#
        }
        let text = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        #expect(text.utf8.count > 2 << 20 && !text.contains("\n"))
        let r = try cli.strikemap("events", "--stats", "--events", "-", stdin: text)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("12000"), "\(r.stdout)")
    }

    @Test func utf16IsNamed() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("excel-unicode.csv").path
        var bytes: [UInt8] = [0xFF, 0xFE]
        for c in "date,lat,lon\n".utf16 { bytes += [UInt8(c & 0xFF), UInt8(c >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let r = try run(["events", "--events", file])
        #expect(r.status == 65)
        #expect(r.stderr.contains("the text is UTF-16; save it as UTF-8"), "\(r.stderr)")
    }
}
