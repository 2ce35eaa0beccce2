import Foundation
import Testing
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Every file in Tests/Fixtures/nasty goes through `render` and `events`: no crash, no partial
/// output file, a clear message naming the file, and an exit code from sysexits.
@Suite struct NastyInputTests {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/nasty")
    }
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0 != "README.md" }.sorted()
    }

    @Test(arguments: files)
    func survives(file: String) throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = Self.folder.appendingPathComponent(file).path
        let out = dir.appendingPathComponent("map.png").path
        // A good map was there before: a failed run must not touch it.
        try Data("previous map".utf8).write(to: URL(fileURLWithPath: out))
        let r = try cli.strikemap("render", "--events", input, "--out", out)
        #expect([0, 65, 66].contains(r.status), "\(file): exit \(r.status): \(r.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left == ["map.png"], "\(file): left \(left)")
        if r.status == 0 {
            let png = try CairoSurface(pngFile: out)
            #expect(png.width == 1600, "\(file)")
            #expect(r.stderr.contains("read "), "\(file): no summary line")
        } else {
            #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous map", "\(file): replaced the old map")
            #expect(r.stderr.contains("strikemap: error: "), "\(file): \(r.stderr)")
        }
        // Every complaint names the file.
        for line in r.stderr.split(separator: "\n") where line.contains("skipped:") || line.contains("error:") {
            #expect(line.contains(file) || line.contains("none of the"), "\(file): '\(line)' does not name the file")
        }
        let e = try cli.strikemap("events", "--events", input, "--format", "json")
        #expect(e.status == r.status, "\(file): events exit \(e.status), render exit \(r.status)")
        if e.status == 0 {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) }
        }
    }

    /// A header with no rows is input with no valid row: exit 65, as the README says, for every command.
    @Test func headerOnlyIsNoValidRow() throws {
        let cli = CLITests()
        let file = Self.folder.appendingPathComponent("header-only.csv").path
        for args in [["render", "--out", "/dev/null"], ["events"], ["events", "--stats"]] {
            let r = try cli.run(args + ["--events", file])
            #expect(r.status == 65, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("header-only.csv: has a header but no rows"), "\(r.stderr)")
        }
    }

    /// An ESC sequence in the data (a terminal title, a colour) reaches stderr escaped, never raw.
    @Test func controlCharactersReachTheTerminalEscaped() throws {
        let cli = CLITests()
        let csv = "date,latitude,longitude\n\u{1B}]0;pwned\u{07}bad,33,44\n2021-01-01,33,44\n"
        let r = try cli.strikemap("render", "--events", "-", "--out", "/dev/null", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{07}"))
        #expect(r.stderr.contains("\\u{1B}]0;pwned\\u{07}bad"), "\(r.stderr)")
    }

    @Test func legacyEncodingsAreConvertedAndSaid() throws {
        let cli = CLITests()
        let ar = try cli.strikemap("events", "--events", Self.folder.appendingPathComponent("windows-1256.csv").path, "--format", "json")
        #expect(ar.stderr.contains("not UTF-8; read as Windows-1256"))
        #expect(ar.stdout.contains("\"site\" : \"abu-kamal\""))
        let latin = try cli.strikemap("events", "--events", Self.folder.appendingPathComponent("latin-1.csv").path, "--format", "json")
        #expect(latin.stdout.contains("Café résumé"))
    }

    @Test func countsAddUp() throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("m.json").path
        for file in ["nan-and-out-of-range.csv", "impossible-dates.csv", "ragged-rows.csv", "geojson-bad-features.geojson"] {
            let r = try cli.strikemap("render", "--events", Self.folder.appendingPathComponent(file).path,
                                      "--from", "2023-11-21", "--out", dir.appendingPathComponent("m.png").path,
                                      "--manifest", manifest)
            #expect(r.status == 0, "\(file): \(r.stderr)")
            let m = try JSONDecoder().decode(RenderManifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifest)))
            let c = try #require(m.input)
            #expect(c.rowsRead == c.drawn + c.invalid + c.duplicates + c.removedByFilter.values.reduce(0, +), "\(file): \(c)")
            #expect(m.markers.flatMap(\.eventIDs).count == c.drawn)
        }
    }

    @Test func unwritableOutputIsExit73AndNoFile() throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.strikemap("render", "--out", "/proc/strikemap/map.png")
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write /proc/strikemap/map.png"))
        let folder = try cli.strikemap("render", "--out", dir.path)
        #expect(folder.status == 73 || folder.status == 64, "\(folder.stderr)")
    }

    @Test func interruptedRenderLeavesNothing() throws {
        let dir = try CLITests().tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["render", "--width", "9000", "--height", "9000", "--out", dir.appendingPathComponent("big.png").path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Interrupt it while it draws or writes (the size makes that take a while).
        usleep(900_000)
        p.interrupt()
        p.waitUntilExit()
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        // Either it finished before the signal (a whole file) or nothing at all: never a .tmp or partial file.
        #expect(left.isEmpty || left == ["big.png"], "\(left)")
        if left == ["big.png"] { #expect(p.terminationStatus == 0) }
    }
}

/// The same inputs and flags give the same bytes, run after run (each run is a new process, with
/// a new hash seed, so any dependence on dictionary order would show).
@Suite struct ReproducibilityTests {
    @Test(arguments: ["svg", "pdf", "png"])
    func repeatRendersAreIdentical(format: String) throws {
        let cli = CLITests()
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [Data] = []
        for i in 0..<3 {
            let out = dir.appendingPathComponent("m\(i).\(format)").path
            let r = try cli.strikemap("render", "--labels", "en+ar", "--aggregate", "site",
                                      "--graticule", "--out", out, "--quiet")
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2], "\(format) differs between runs")
    }
}
