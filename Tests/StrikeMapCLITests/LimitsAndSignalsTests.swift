import Foundation
import Glibc
import Testing

/// Flags and settings checked before work starts, GDAL's limits worded, and signals a parent
/// chose to ignore left ignored.
@Suite struct LimitsAndSignalsTests {
    let cli = CLITests()

    @Test func unknownKindsInStrikeMapCSVAreBadRowsUnlessAKindDefaultIsGiven() throws {
        let csv = "id,date,kind,lat,lon\na,2023-11-01,atack,33,44\nb,2023-11-01,attack,33,44\nc,2023-11-02,drone-raid,33,44\n"
        let r = try cli.strikemap("events", "--events", "-", stdin: csv)
        #expect(r.status == 0)
        #expect(r.stderr.contains("line 2): column 'kind' = 'atack': unknown kind (did you mean 'attack'?); known kinds are attack,"), "\(r.stderr)")
        #expect(r.stderr.contains("line 4): column 'kind' = 'drone-raid': unknown kind; known kinds are"), "\(r.stderr)")
        #expect(r.stderr.contains("1 event, 2 skipped as invalid"), "\(r.stderr)")
        let kept = try cli.strikemap("events", "--events", "-", "--kind-default", "strike", stdin: csv)
        #expect(kept.stderr.contains("3 events") && kept.stderr.contains("note: ") && kept.stderr.contains("drone-raid (1)"), "\(kept.stderr)")
    }

    @Test func threadsMustBeOneOrMore() throws {
        let r = try cli.strikemap("frames", "--threads", "0")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--threads 0: give 1 or more"), "\(r.stderr)")
    }

    @Test func theCanvasLimitAdvisesWhatApplies() throws {
        for format in ["png", "pdf"] {
            let r = try cli.strikemap("render", "--format", format, "--width", "15000", "--height", "15000", "--out", "/dev/null")
            #expect(r.status == 64)
            #expect(r.stderr.contains("megapixels; lower --dpi or --width/--height"), "\(r.stderr)")
            #expect(!r.stderr.contains("use SVG or PDF"), "\(format): \(r.stderr)")
        }
    }

    private func render(layer: String, env: [String: String]) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["render", "--quiet", "--layer", layer, "--out", "/dev/null"]
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, e)
    }

    @Test func gdalsGeoJSONLimitIsNamedWithTheFix() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 2 MB polygon against a limit of 1 MB: GDAL says only "Failed to read GeoJSON data".
        var ring = (0..<60_000).map { i -> String in
            let a = Double(i) / 60_000 * 2 * Double.pi
            return String(format: "[%.6f,%.6f]", 40 + 3 * cos(a), 33 + 3 * sin(a))
        }
        ring.append(ring[0])
        let big = dir.appendingPathComponent("borders.geojson").path
        try Data(("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
                  + "{\"type\":\"Polygon\",\"coordinates\":[[" + ring.joined(separator: ",") + "]]}}]}").utf8).write(to: URL(fileURLWithPath: big))
        let limited = try render(layer: big, env: ["OGR_GEOJSON_MAX_OBJ_SIZE": "1"])
        #expect(limited.status == 65)
        #expect(limited.stderr.contains("OGR_GEOJSON_MAX_OBJ_SIZE") && limited.stderr.contains("ogr2ogr -simplify"), "\(limited.stderr)")
        // Without the low limit, it is read.
        let read = try render(layer: big, env: [:])
        #expect(read.status == 0, "\(read.stderr)")
        // A broken file is called broken, not too large.
        let broken = dir.appendingPathComponent("cut.geojson").path
        try Data("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0".utf8)
            .write(to: URL(fileURLWithPath: broken))
        let cut = try render(layer: broken, env: [:])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("check that the file is complete") && !cut.stderr.contains("ogr2ogr -simplify"), "\(cut.stderr)")
    }

    /// Under nohup, SIGHUP stays ignored: the frames are all drawn.
    @Test func aSignalIgnoredAtStartStaysIgnored() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/nohup") else { return }
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/nohup")
        let out = dir.appendingPathComponent("f")
        p.arguments = [CLITests.binary, "frames", "--quiet", "--from", "2023-10-17", "--to", "2023-11-22", "--threads", "1",
                       "--out-dir", out.path]
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // The signal once frames are being drawn (so the program's own handling is in place).
        var staged = 0
        for _ in 0..<1200 where staged < 2 && p.isRunning {
            usleep(25_000)
            let hidden = ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasPrefix(".staging-") }
            staged = hidden.first.map { (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent($0).path).count) ?? 0 } ?? 0
        }
        #expect(p.isRunning && staged >= 2, "the run ended before the signal")
        kill(p.processIdentifier, SIGHUP)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        let index = dir.appendingPathComponent("f/frames.json").path
        #expect(FileManager.default.fileExists(atPath: index))
    }
}
