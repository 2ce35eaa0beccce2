import Foundation

/// Errors of the geodata layer: projections, vector files, gazetteer, regions.
public enum GeoError: Error, CustomStringConvertible, Equatable {
    case invalidBBox(String, reason: String)
    case projection(crs: String, message: String)
    case vectorOpen(path: String, message: String)
    case rasterOpen(path: String, message: String)
    case dataDirectoryNotFound(searched: [String])
    case fileUnreadable(path: String, message: String)
    case gazetteerRow(path: String, line: Int, field: String, value: String, reason: String)
    case unknownRegion(String, known: [String])
    case unknownSite(String, suggestions: [String])
    case ambiguousSite(String, candidates: [String])
    case outsideBasemap(region: String, extract: GeoBox, fix: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .invalidBBox(text, reason):
            return "invalid bounding box '\(text)': \(reason)"
        case let .projection(crs, message):
            return "projection '\(crs)': \(message). Use an EPSG code (EPSG:32638) or a PROJ string (+proj=lcc ...)"
        case let .vectorOpen(path, message):
            return "\(path): cannot read vector data: \(message)"
        case let .rasterOpen(path, message):
            return "\(path): cannot read raster data: \(message)"
        case let .dataDirectoryNotFound(searched):
            return "StrikeMap data folder (Geo/) not found; looked in: \(searched.joined(separator: ", ")). "
                + "Set STRIKEMAP_HOME to the project folder that holds Geo/ and Data/"
        case let .fileUnreadable(path, message):
            return "\(path): \(message)"
        case let .gazetteerRow(path, line, field, value, reason):
            return "\(path):\(line): field '\(field)' = '\(value)': \(reason)"
        case let .unknownRegion(name, known):
            return "unknown region '\(name)'; known regions: \(known.joined(separator: ", ")) "
                + "(or give a box W,S,E,N)"
        case let .unknownSite(name, suggestions):
            if suggestions.isEmpty { return "no site named '\(name)'" }
            return "no site named '\(name)'; did you mean: \(suggestions.joined(separator: ", "))?"
        case let .ambiguousSite(name, candidates):
            return "'\(name)' names several sites: \(candidates.joined(separator: "; ")); "
                + "give a country or a kind, or use the site id"
        case let .outsideBasemap(region, extract, fix):
            return "region \(region) lies outside the basemap extract (\(extract)); \(fix)"
        case let .invalidArgument(message):
            return message
        }
    }
}
