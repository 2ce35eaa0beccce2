import Foundation
import Glibc
import Testing

/// Output paths that are not plain new files: devices, descriptors, links, existing files with
/// their own mode, and a set of outputs (map, manifest, caption) that must land together.
@Suite struct OutputPathTests {
    let cli = CLITests()

    private func fileType(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0 }
        return st.st_mode & S_IFMT
    }

    private func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(path, &st)
        return st.st_mode & 0o7777
    }

    private func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") || $0.hasSuffix(".old") }
    }

    @Test func devicesAreWrittenInPlaceNeverReplaced() throws {
        for args in [["--out", "/dev/null"], ["--out", "/tmp/sm-dev-\(getpid()).png", "--manifest", "/dev/null", "--caption", "/dev/null"]] {
            let r = try cli.run(["render", "--quiet"] + args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            // As root, a rename over /dev/null would have made it a regular file.
            #expect(fileType("/dev/null") == S_IFCHR, "\(args) replaced /dev/null")
        }
        unlink("/tmp/sm-dev-\(getpid()).png")
    }

    @Test func aFullDeviceIsAnIOErrorAndNothingElseIsWritten() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("map.png").path
        let full = try cli.run(["render", "--quiet", "--out", "/dev/full"])
        #expect(full.status == 74)
        #expect(full.stderr.contains("/dev/full") && full.stderr.contains("No space left"), "\(full.stderr)")
        let side = try cli.run(["render", "--quiet", "--out", map, "--manifest", "/dev/full"])
        #expect(side.status == 74)
        #expect(!FileManager.default.fileExists(atPath: map), "the map was written although its manifest failed")
        let left = try leftovers(dir)
        #expect(left.isEmpty, "\(left)")
    }

    /// A reader that has gone (`strikemap events | head -1`): a write error, exit 74 with the
    /// reason, not a silent death by SIGPIPE; a map to a closed pipe likewise.
    @Test func aClosedPipeIsAnIOError() throws {
        for args in [["events", "--format", "csv"], ["render", "--quiet", "--out", "-"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLITests.binary)
            p.arguments = args
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            // No reader at all, before it starts: every write to standard output fails with EPIPE.
            try out.fileHandleForReading.close()
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationReason == .exit && p.terminationStatus == 74, "\(args): \(p.terminationReason) \(p.terminationStatus) \(message)")
            #expect(message.contains("standard output") && message.contains("Broken pipe"), "\(args): \(message)")
        }
    }

    @Test func standardOutputByNameOrDash() throws {
        for out in ["/dev/stdout", "-"] {
            let r = try cli.run(["render", "--quiet", "--out", out])
            #expect(r.status == 0, "\(out): \(r.stderr)")
            #expect(r.stdout.hasPrefix("\u{FFFD}PNG"), "\(out): stdout is not the PNG")
            #expect(!r.stdout.contains(".png\n"), "\(out): the path was printed into the map's bytes")
        }
        let manifest = try cli.run(["render", "--quiet", "--out", try cli.tempDir().appendingPathComponent("m.png").path, "--manifest", "-"])
        #expect(manifest.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(manifest.stdout.utf8)) as? [String: Any]
        #expect(json?["markers"] != nil, "stdout is not the manifest alone: \(manifest.stdout.prefix(200))")
        let both = try cli.run(["render", "--quiet", "--out", "-", "--manifest", "/dev/stdout"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("standard output"))
    }

    /// Printed output that cannot be written is an I/O error, not a silent success or a crash.
    @Test func standardOutputOnAFullDeviceExits74() throws {
        for args in [["events"], ["render", "--print-spec"], ["render", "--quiet", "--out", "-"], ["sites", "Baghdad"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLITests.binary)
            p.arguments = args
            p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
            let err = Pipe()
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 74, "\(args): \(p.terminationStatus) \(message)")
            #expect(message.contains("writing standard output failed: No space left on device"), "\(args): \(message)")
        }
    }

    @Test func aLinkStaysALinkAndItsTargetIsReplaced() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.png").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        let sub = dir.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        // A relative link, resolved against its own folder, not the working one.
        let link = sub.appendingPathComponent("map.png").path
        #expect(symlink("../real.png", link) == 0)
        let r = try cli.run(["render", "--quiet", "--out", link])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(link) == S_IFLNK, "the link was replaced by a file")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: real))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "the link's target is not the new map")
        // A dangling link makes its target, as a shell's `>` would.
        let dangling = dir.appendingPathComponent("next.png").path
        #expect(symlink(dir.appendingPathComponent("made.png").path, dangling) == 0)
        #expect(try cli.run(["render", "--quiet", "--out", dangling]).status == 0)
        #expect(fileType(dangling) == S_IFLNK && fileType(dir.appendingPathComponent("made.png").path) == S_IFREG)
    }

    @Test func anExistingFileKeepsItsModeAndOwner() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("private.png").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: map))
        chmod(map, 0o600)
        let root = getuid() == 0
        if root { chown(map, 65534, 65534) }
        let r = try cli.run(["render", "--quiet", "--out", map])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(mode(map) == 0o600, "mode became \(String(mode(map), radix: 8))")
        if root {
            var st = stat()
            stat(map, &st)
            #expect(st.st_uid == 65534 && st.st_gid == 65534, "owner became \(st.st_uid):\(st.st_gid)")
        }
    }

    @Test func aFailedSideFileRollsBackTheOthers() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("map.png").path
        let manifest = dir.appendingPathComponent("map.json").path
        try Data("old map".utf8).write(to: URL(fileURLWithPath: map))
        try Data("old manifest".utf8).write(to: URL(fileURLWithPath: manifest))
        // The caption, written in place, fails before any file is replaced: all stay as they were.
        let r = try cli.run(["render", "--quiet", "--out", map, "--manifest", manifest, "--caption", "/dev/full"])
        #expect(r.status == 74)
        #expect(try String(contentsOfFile: map, encoding: .utf8) == "old map")
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == "old manifest")
        let left = try leftovers(dir)
        #expect(left.isEmpty, "\(left)")
    }

    /// A FIFO that nobody reads blocks its writer: SIGTERM still ends the run at once (it is not
    /// held off as during a swap of files), the staged manifest goes, and nothing is replaced.
    @Test func aSignalEndsAWriteToAFIFONobodyReads() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let manifest = dir.appendingPathComponent("map.json").path
        try Data("old manifest".utf8).write(to: URL(fileURLWithPath: manifest))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = ["render", "--quiet", "--format", "png", "--out", fifo, "--manifest", manifest]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // The manifest is staged (a hidden temporary file) before the FIFO is opened.
        var staged = false
        for _ in 0..<1200 where !staged && p.isRunning {
            usleep(25_000)
            staged = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).contains { $0.hasSuffix(".tmp") }
        }
        #expect(staged && p.isRunning, "the run did not reach its output")
        usleep(300_000)
        p.terminate()
        var ended = false
        for _ in 0..<400 where !ended { usleep(25_000); ended = !p.isRunning }
        if !ended { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(ended, "SIGTERM did not end a write to a FIFO with no reader")
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == "old manifest")
        let left = try leftovers(dir).filter { $0 != "pipe" }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aFolderIsRefusedByName() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try cli.run(["render", "--quiet", "--out", dir.path])
        #expect(r.status == 73)
        #expect(r.stderr.contains("it is a folder"))
    }

    /// The same paths for an ordinary user (when the tests run as root, as CI does): /dev/stdout
    /// used to fail with "folder /dev is not writable".
    @Test func anOrdinaryUserCanWriteToDevicesAndStandardOutput() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        chmod(dir.path, 0o777)
        func asNobody(_ args: [String]) throws -> (status: Int32, stdout: Data) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLITests.binary] + args
            p.currentDirectoryURL = dir
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, data)
        }
        let stdout = try asNobody(["render", "--quiet", "--out", "/dev/stdout"])
        #expect(stdout.status == 0)
        #expect(stdout.stdout.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try asNobody(["render", "--quiet", "--out", "/dev/null"]).status == 0)
        #expect(try asNobody(["render", "--quiet", "--out", "/dev/full"]).status == 74)
        #expect(fileType("/dev/null") == S_IFCHR)
    }
}
