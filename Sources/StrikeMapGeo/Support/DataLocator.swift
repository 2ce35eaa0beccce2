import Foundation
import StrikeMapCore

/// Finds the project's data folders (Geo/ and Data/) at run time. Nothing is downloaded:
/// the data ships with the source tree.
///
/// Order: `$STRIKEMAP_HOME`; the source tree this module was built from; the folders above
/// the running executable; the current directory and its parents.
public enum DataLocator {
    public static func home() throws(GeoError) -> URL {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["STRIKEMAP_HOME"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        // Sources/StrikeMapGeo/Support/DataLocator.swift -> package root
        candidates.append(URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        var exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        for _ in 0..<6 {
            exe = exe.deletingLastPathComponent()
            candidates.append(exe)
        }
        var cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            candidates.append(cwd)
            cwd = cwd.deletingLastPathComponent()
        }
        for c in candidates where isHome(c) { return c.standardizedFileURL }
        throw .dataDirectoryNotFound(searched: Array(Set(candidates.map(\.path))).sorted())
    }

    private static func isHome(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("Geo/gazetteer.csv").path)
    }

    public static func geo() throws(GeoError) -> URL { try home().appendingPathComponent("Geo") }
    public static func data() throws(GeoError) -> URL { try home().appendingPathComponent("Data") }
}
