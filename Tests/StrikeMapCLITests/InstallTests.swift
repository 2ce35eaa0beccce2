import Foundation
import Testing
import StrikeMapTestSupport

/// `make install`'s layout (scripts/install.sh, with this build's binary): the installed
/// strikemap finds its data beside itself from any folder, with no STRIKEMAP_HOME and no
/// source tree to fall back on; completions are installed; uninstall removes it all.
@Suite struct InstallTests {
    @Test func anInstalledBinaryRendersFromAnyFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("usr")
        let script = StrikeMapProcess.repoRoot.appendingPathComponent("scripts/install.sh").path
        let installed = try StrikeMapProcess.run([script, "install", prefix.path, StrikeMapProcess.binary], executable: "/bin/bash")
        #expect(installed.status == 0, "\(installed.err)")
        let bin = prefix.appendingPathComponent("bin/strikemap").path
        for f in ["share/strikemap/Geo/gazetteer.csv", "share/strikemap/Data/events-2023-10-17_2023-11-22.csv",
                  "share/bash-completion/completions/strikemap", "share/zsh/site-functions/_strikemap",
                  "share/fish/vendor_completions.d/strikemap.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(f).path), "\(f) not installed")
        }
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/strikemap"), encoding: .utf8)
        #expect(bash.contains("render") && bash.contains("--region"))

        // Run from an unrelated folder with no STRIKEMAP_HOME. The source tree it was built
        // from is on this machine too, so the installed data are marked (a region only they
        // hold) to show that they are the ones read.
        let regions = prefix.appendingPathComponent("share/strikemap/Geo/regions.csv")
        try (try String(contentsOf: regions, encoding: .utf8) + "install-check,Install check,40,30,41,31,,Only in the installed copy,IQ,\n")
            .write(to: regions, atomically: true, encoding: .utf8)
        let work = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bin)
            p.arguments = args
            p.currentDirectoryURL = work
            p.environment = ProcessInfo.processInfo.environment.filter { $0.key != "STRIKEMAP_HOME" }
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let listed = try run(["regions"])
        #expect(listed.status == 0 && listed.out.contains("install-check"), "the installed data were not the ones read: \(listed.err)")
        let map = try run(["render", "--quiet", "--out", "map.png"])
        #expect(map.status == 0, "\(map.err)")
        let png = try Data(contentsOf: work.appendingPathComponent("map.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))

        let removed = try StrikeMapProcess.run([script, "uninstall", prefix.path], executable: "/bin/bash")
        #expect(removed.status == 0, "\(removed.err)")
        #expect(!FileManager.default.fileExists(atPath: bin))
        #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/strikemap").path))
    }
}
