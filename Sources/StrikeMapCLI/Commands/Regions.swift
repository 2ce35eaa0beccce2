import ArgumentParser
import StrikeMapGeo
import StrikeMapCore

struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the named regions that --region accepts.",
        discussion: "Each region has an extent (west,south,east,north in degrees) and a projection, chosen to be conformal for the extent unless the preset names one. Presets live in Geo/regions.csv.")

    func run() throws {
        do {
            let catalog = try GeoCatalog.load()
            let rows = catalog.regions.regions.map { r in
                [r.name, r.title, r.bbox.description, r.description]
            }
            print(Table.render(header: ["name", "title", "bbox (W,S,E,N)", "description"], rows: rows))
        } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }
}
