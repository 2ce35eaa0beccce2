import Foundation
import StrikeMapCore

/// Finds the project's data folders (Geo/ and Data/) at run time. Nothing is downloaded:
/// the data ships with the source tree, and `make install` copies it beside the binary.
///
/// Order: `$STRIKEMAP_HOME`; the installed layout around the running executable
/// (`PREFIX/bin/strikemap` finds `PREFIX/share/strikemap`); the source tree this module was built
/// from; the folders above the running executable; the current directory and its parents.
public enum DataLocator {
    public static func home() throws(GeoError) -> URL {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["STRIKEMAP_HOME"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        // The executable itself, not argv[0]: run from PATH, argv[0] is a bare name.
        let exe = executable()
        candidates.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/strikemap"))
        // Sources/StrikeMapGeo/Support/DataLocator.swift -> package root
        candidates.append(URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        var up = exe
        for _ in 0..<6 {
            up = up.deletingLastPathComponent()
            candidates.append(up)
        }
        var cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            candidates.append(cwd)
            cwd = cwd.deletingLastPathComponent()
        }
        for c in candidates where isHome(c) { return c.standardizedFileURL }
        throw .dataDirectoryNotFound(searched: Array(Set(candidates.map(\.path))).sorted())
    }

    /// The running executable, its links resolved (Linux's /proc/self/exe, else argv[0]).
    static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    }

    private static func isHome(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("Geo/gazetteer.csv").path)
    }

    public static func geo() throws(GeoError) -> URL { try home().appendingPathComponent("Geo") }
    public static func data() throws(GeoError) -> URL { try home().appendingPathComponent("Data") }
}
