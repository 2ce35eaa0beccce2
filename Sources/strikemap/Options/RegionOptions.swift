import ArgumentParser
import Foundation
import StrikeMapGeo
import StrikeMapRender

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

    @Option(name: .long, help: ArgumentHelp("Frame the map around a site (any spelling; see `strikemap sites`).",
                                            valueName: "site"))
    var around: String?

    @Option(name: .long, help: ArgumentHelp("Radius for --around in km, e.g. 80km or 40.", valueName: "distance"))
    var radius: String = "150km"

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Draw your own vector layer over the basemap: any file GDAL reads (GeoJSON, Shapefile, GeoPackage, KML), with an optional style: FILE:stroke=#RRGGBB,fill=#RRGGBBAA,width=PT,dash=3-2,radius=PT,label=FIELD,name=TEXT. Repeatable.",
        valueName: "file[:style]"))
    var layer: [String] = []

    func resolve(_ catalog: GeoCatalog) throws -> Region {
        let given = [region != nil ? "--region" : nil, bbox != nil ? "--bbox" : nil, around != nil ? "--around" : nil]
            .compactMap { $0 }
        if given.count > 1 { throw UsageError("\(given.joined(separator: " and ")) cannot be combined; give one") }
        var r: Region
        if let bbox { r = Region.custom(try GeoBox(parsing: bbox)) }
        else if let around {
            let site = try catalog.gazetteer.resolve(around)
            let w = radius.lowercased().trimmingCharacters(in: .whitespaces)
            guard let km = Double(w.hasSuffix("km") ? String(w.dropLast(2)) : w), km >= 1, km <= 5000 else {
                throw UsageError("--radius '\(radius)': use a distance in km between 1 and 5000, e.g. 150km")
            }
            r = Region.around(site, radiusKm: km)
        }
        else { r = try catalog.regions.named(region ?? "iraq-syria") }
        if let crs { r.crs = crs }
        return r
    }

    func userLayers() throws -> [UserLayer] { try layer.map { try UserLayer.load(argument: $0) } }
}
