import ArgumentParser
import StrikeMapGeo

/// Which part of the world the map shows.
struct RegionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A named region (see `strikemap regions`). Default: iraq-syria.", valueName: "name"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("A custom extent in degrees: west,south,east,north.", valueName: "W,S,E,N"))
    var bbox: String?

    @Option(name: .long, help: ArgumentHelp(
        "Override the projection: an EPSG code (EPSG:32638) or a PROJ string. Default: conformal, fitted to the region.",
        valueName: "crs"))
    var crs: String?

    func resolve(_ catalog: GeoCatalog) throws -> Region {
        if region != nil && bbox != nil { throw UsageError("--region and --bbox cannot be combined; give one") }
        var r: Region
        if let bbox { r = Region.custom(try GeoBox(parsing: bbox)) }
        else { r = try catalog.regions.named(region ?? "iraq-syria") }
        if let crs { r.crs = crs }
        return r
    }
}
