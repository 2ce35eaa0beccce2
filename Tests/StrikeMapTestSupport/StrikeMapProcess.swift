import Dispatch
import Foundation

/// The built `strikemap` executable, run as a user would: one runner for every test target.
public enum StrikeMapProcess {
    /// What a run printed and how it ended.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var out: String { String(decoding: stdout, as: UTF8.self) }
        public var err: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The package's folder (Data/, Tests/Fixtures/).
    public static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Beside the test bundle (as `swift test` builds it), else in `.build/debug`.
    public static let binary: String = {
        var candidates: [URL] = []
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(here.appendingPathComponent("strikemap"))
        candidates.append(here.deletingLastPathComponent().appendingPathComponent("strikemap"))
        candidates.append(repoRoot.appendingPathComponent(".build/debug/strikemap"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates.last!.path
    }()

    /// Runs `strikemap ARGS` (or another `executable`: ogrinfo, setpriv), feeding `stdin` (none:
    /// /dev/null), from `cwd`. Both pipes are read at once: a PNG on standard output is larger
    /// than a pipe's buffer, and so can stderr be.
    public static func run(_ args: [String], executable: String = binary, stdin: Data? = nil, cwd: URL? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin == nil ? FileHandle.nullDevice : inp
        try p.run()
        if let stdin {
            // Written on a thread of its own: a large input would fill the pipe before the
            // program reads it, while this thread waits to read its output.
            let writer = inp.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(stdin)
                try? writer.close()
            }
        }
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: o, stderr: errData)
    }
}
