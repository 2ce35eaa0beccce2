import ArgumentParser
import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Developer command: writes basemap.bin for an extract folder (run by `make basemap`).
struct BasemapCache: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basemap-cache",
        abstract: "Write the binary cache (basemap.bin) of a basemap extract folder.",
        discussion: "Reads the folder's GeoJSON layers and writes basemap.bin beside them, which StrikeMap then reads instead (about ten times faster). `make basemap` runs it after rebuilding the extract.",
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The extract folder, e.g. Geo/basemap/middle-east.", valueName: "folder"))
    var folder: String

    func run() throws {
        do {
            try Basemap.writeCache(folder: URL(fileURLWithPath: folder))
            print((folder as NSString).appendingPathComponent("basemap.bin"))
        } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }
}
