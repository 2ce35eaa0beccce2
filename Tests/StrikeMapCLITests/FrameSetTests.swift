import Foundation
import Glibc
import Testing

/// A set of frames lands as a unit: a shorter rerun leaves no stale frame, an interrupted or
/// failed run leaves the earlier set and its index as they were.
@Suite struct FrameSetTests {
    let cli = CLITests()

    private func names(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    private func indexedFiles(_ dir: URL) throws -> [String] {
        let data = try Data(contentsOf: dir.appendingPathComponent("frames.json"))
        let index = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (index["frames"] as! [[String: Any]]).map { $0["file"] as! String }
    }

    @Test func aShorterRerunLeavesNoStaleFrame() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = try cli.strikemap("frames", "--quiet", "--from", "2023-11-10", "--to", "2023-11-14", "--out-dir", dir.path)
        #expect(long.status == 0, "\(long.stderr)")
        #expect(try indexedFiles(dir).count == 5)
        // An earlier set in another format, as a user switching to SVG would have.
        try Data("<svg/>".utf8).write(to: dir.appendingPathComponent("frame-0009.svg"))
        try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let short = try cli.strikemap("frames", "--quiet", "--from", "2023-11-10", "--to", "2023-11-11", "--out-dir", dir.path)
        #expect(short.status == 0, "\(short.stderr)")
        #expect(try indexedFiles(dir) == ["frame-0001.png", "frame-0002.png"])
        let after = try names(dir)
        #expect(after == ["frame-0001.png", "frame-0002.png", "frames.json", "notes.txt"], "stale frames or staging left: \(after)")
    }

    /// The frames draw what the filters select, as `render` does: `--kind strike` frames hold the
    /// sample's 7 strikes, and the summary counts the 47 attacks the kind filter took out (the
    /// frames had drawn every event whatever the filters).
    @Test func framesDrawOnlyWhatTheFiltersSelect() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.strikemap("frames", "--kind", "strike", "--out-dir", dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("47 outside the kind filter; 7 in the frames' dates"), "\(r.stderr)")
        let data = try Data(contentsOf: dir.appendingPathComponent("frames.json"))
        let index = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let last = try #require((index["frames"] as? [[String: Any]])?.last)
        let legend = last["legend"] as? [String] ?? []
        #expect(!legend.contains { $0.hasPrefix("Attack") }, "\(legend)")
        #expect(legend.contains("US strike (7)"), "\(legend)")
    }

    /// The swap fails part-way (a folder stands where the third frame goes): the frames already
    /// moved are put back as they were, the index is the old one, and the error names the path.
    @Test func aSwapThatFailsPartWayPutsTheEarlierSetBack() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.strikemap("frames", "--quiet", "--from", "2023-11-10", "--to", "2023-11-10", "--out-dir", dir.path).status == 0)
        let oldFrame = try Data(contentsOf: dir.appendingPathComponent("frame-0001.png"))
        let index = try Data(contentsOf: dir.appendingPathComponent("frames.json"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("frame-0003.png"), withIntermediateDirectories: false)
        let before = try names(dir)
        let r = try cli.strikemap("frames", "--quiet", "--from", "2023-11-08", "--to", "2023-11-12", "--out-dir", dir.path)
        #expect(r.status == 74, "\(r.stderr)")
        #expect(r.stderr.contains("frame-0003.png") && r.stderr.contains("in the way"), "\(r.stderr)")
        #expect(try names(dir) == before)
        #expect(try Data(contentsOf: dir.appendingPathComponent("frame-0001.png")) == oldFrame)
        #expect(try Data(contentsOf: dir.appendingPathComponent("frames.json")) == index)
    }

    /// Ctrl-C or SIGTERM while frames are being drawn: the old set and index stay, the hidden folder goes.
    @Test func anInterruptedRunLeavesTheEarlierSetAsItWas() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.strikemap("frames", "--quiet", "--from", "2023-11-10", "--to", "2023-11-11", "--out-dir", dir.path).status == 0)
        let before = try names(dir)
        let index = try Data(contentsOf: dir.appendingPathComponent("frames.json"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["frames", "--quiet", "--from", "2023-10-17", "--to", "2023-11-22", "--out-dir", dir.path, "--threads", "1"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until some frames of the new set exist in the hidden folder, then interrupt.
        var staged = 0
        for _ in 0..<600 where staged < 3 && p.isRunning {
            usleep(50_000)
            let hidden = (try? names(dir).filter { $0.hasPrefix(".staging-") }) ?? []
            staged = hidden.first.map { (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent($0).path).count) ?? 0 } ?? 0
        }
        #expect(staged >= 3, "the run ended before it could be interrupted")
        // SIGTERM: the test runner may start its children with SIGINT ignored, and a signal
        // ignored at start stays ignored.
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let after = try names(dir)
        #expect(after == before, "\(after)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("frames.json")) == index)
    }
}
