import ArgumentParser
import Foundation
import StrikeMapGeo
import StrikeMapRender
import StrikeMapCore

/// Which part of the world the map shows.
struct RegionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A named region (see `strikemap regions`). Default: the extent of the events (the sample's preset: iraq-syria).", valueName: "name"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("A custom extent in degrees: west,south,east,north.", valueName: "W,S,E,N"))
    var bbox: String?

    @Option(name: .long, help: ArgumentHelp(
        "Override the projection: an EPSG code (EPSG:32638) or a PROJ string. Default: conformal, fitted to the region.",
        valueName: "crs"))
    var crs: String?

    @Flag(name: .customLong("crs-files"), help: ArgumentHelp(
        "Let --crs (or a document's extent.crs) name PROJ files: grid shifts (+nadgrids, +geoidgrids, a WKT PARAMETERFILE) and init files. Off by default: a CRS is data, not a program, and never a pipeline."))
    var crsFiles = false

    @Option(name: .long, help: ArgumentHelp("Frame the map around a site (any spelling; see `strikemap sites`).",
                                            valueName: "site"))
    var around: String?

    @Option(name: .long, help: ArgumentHelp("Radius for --around in km, e.g. 80km or 40.", valueName: "distance"))
    var radius: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Draw your own vector layer over the basemap: any file GDAL reads (GeoJSON, Shapefile, GeoPackage, KML), with an optional style: FILE:stroke=#RRGGBB,fill=#RRGGBBAA,width=PT,dash=3-2,radius=PT,label=FIELD,name=TEXT. A raster (.tif, .vrt, .hgt, .asc …) is terrain instead: an elevation model, hill-shaded, or a one-band 8-bit hillshade, in place of the built-in relief: FILE:strength=0-1,exaggeration=N,name=TEXT. Repeatable.",
        valueName: "file[:style]"))
    var layer: [String] = []

    /// A CRS is checked parameter by parameter before PROJ sees it (`CRSPolicy`).
    func validate() throws {
        guard let crs else { return }
        do { _ = try CRSPolicy.check(crs, allowFiles: crsFiles) } catch {
            throw ValidationError("--crs: \(error.message(for: .commandLine))")
        }
    }

    /// Lays the given flags over a document: an extent flag replaces the document's extent.
    func apply(to doc: inout MapDocument) throws {
        let given = [region != nil ? "--region" : nil, bbox != nil ? "--bbox" : nil, around != nil ? "--around" : nil]
            .compactMap { $0 }
        if given.count > 1 { throw UsageError("\(given.joined(separator: " and ")) cannot be combined; give one") }
        var km: Double?
        if let radius {
            let w = radius.lowercased().trimmingCharacters(in: .whitespaces)
            guard let v = Double(w.hasSuffix("km") ? String(w.dropLast(2)) : w), v >= 1, v <= 5000 else {
                throw UsageError("--radius '\(radius)': use a distance in km between 1 and 5000, e.g. 150km")
            }
            km = v
        }
        if !given.isEmpty {
            let crs = doc.extent.crs
            doc.extent = MapDocument.Extent()
            doc.extent.crs = crs
            if let region { doc.extent.region = region }
            if let bbox {
                let b = try GeoBox(parsing: bbox)
                doc.extent.bbox = [b.west, b.south, b.east, b.north]
            }
            if let around { doc.extent.around = around; doc.extent.radiusKm = km ?? 150 }
        } else if let km {
            guard doc.extent.around != nil else { throw UsageError("--radius goes with --around") }
            doc.extent.radiusKm = km
        }
        if let crs { doc.extent.crs = crs }
        var added: [MapLayerDocument] = []
        for argument in layer {
            if let raster = try Self.rasterLayer(argument) {
                doc.addRasterRelief(path: raster.path, id: raster.name, strength: raster.strength, exaggeration: raster.exaggeration)
                continue
            }
            let (path, style) = try UserLayer.parse(argument: argument)
            added.append(style.layerDocument(id: style.layerName(for: path), path: path))
        }
        doc.addFileLayers(added)
    }

    /// A `--layer` argument naming a raster: its path and terrain options; nil for vector files.
    static func rasterLayer(_ argument: String) throws -> (path: String, name: String, strength: Double?, exaggeration: Double)? {
        var path = argument, options = ""
        if let colon = argument.lastIndex(of: ":"), argument[argument.index(after: colon)...].contains("=") {
            path = String(argument[..<colon]); options = String(argument[argument.index(after: colon)...])
        }
        guard MapDocument.isRasterPath(path) else { return nil }
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var strength: Double?, exaggeration = 1.0
        for pair in options.split(separator: ",") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { throw UsageError("--layer \(argument): '\(pair)' is not key=value") }
            switch kv[0].lowercased() {
            case "strength":
                guard let v = Double(kv[1]), v >= 0, v <= 1 else {
                    throw UsageError("--layer \(argument): strength=\(kv[1]) is not a number from 0 to 1")
                }
                strength = v
            case "exaggeration", "z":
                guard let v = Double(kv[1]), v > 0, v <= 100 else {
                    throw UsageError("--layer \(argument): exaggeration=\(kv[1]) is not a number above 0 up to 100")
                }
                exaggeration = v
            case "name": name = kv[1]
            default:
                throw UsageError("--layer \(argument): a raster layer takes strength=, exaggeration= and name=, not '\(kv[0])'")
            }
        }
        return (path, name, strength, exaggeration)
    }
}
