import Foundation

/// Errors of the geodata layer: projections, vector files, gazetteer, regions.
public enum GeoError: Error, CustomStringConvertible, Equatable {
    case invalidBBox(String, reason: String)
    case projection(crs: String, message: String)
    /// A CRS refused before PROJ saw it (`CRSPolicy`); `needsOptIn` when it names PROJ files,
    /// which the command line takes with `--crs-files`.
    case crsNotTaken(crs: String, why: String, needsOptIn: Bool)
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
        case .crsNotTaken: return message(for: .service)
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

extension GeoError: StrikeMapError {
    public var category: FailureCategory {
        switch self {
        case .dataDirectoryNotFound, .outsideBasemap: return .unavailable
        case .vectorOpen(_, let m), .rasterOpen(_, let m): return m == "no such file" ? .notFound : .badInput
        case .fileUnreadable, .gazetteerRow: return .badInput
        case .invalidBBox, .projection, .crsNotTaken, .unknownRegion, .unknownSite, .ambiguousSite, .invalidArgument: return .usage
        }
    }

    public var setting: String? {
        switch self {
        case .unknownRegion: return "region"
        case .invalidBBox: return "bbox"
        case .projection, .crsNotTaken: return "crs"
        default: return nil
        }
    }

    public func message(for audience: Audience) -> String {
        switch self {
        case let .unknownRegion(name, known):
            return "unknown region '\(name)'; known regions: \(known.joined(separator: ", ")) "
                + "(or give \(audience.setting("bbox")) W,S,E,N)"
        case let .ambiguousSite(name, candidates):
            return "'\(name)' names several sites: \(candidates.joined(separator: "; ")); "
                + "add \(audience.setting("country")) or \(audience.setting("kind")), or use the site id"
        case let .crsNotTaken(crs, why, needsOptIn):
            return "projection '\(crs)': \(why)"
                + (needsOptIn ? "; PROJ files are taken only with \(audience.setting("crs-files"))" + (audience == .service ? ", which a service never takes" : "") : "")
                + ". Give an EPSG code (EPSG:32638), one projection (+proj=lcc +lat_1=30 +lat_2=36 +lon_0=43 +datum=WGS84) or WKT"
        default: return description
        }
    }
}
