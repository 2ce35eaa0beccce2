import Foundation
import StrikeMapCore

/// A named map extent with its projection.
public struct Region: Sendable, Hashable {
    public var name: String
    public var title: String
    public var bbox: GeoBox
    /// An explicit CRS (EPSG code or PROJ string); nil chooses one for the extent.
    public var crs: String?
    public var description: String
    /// How a title names the place: "in Iraq and Syria", "near Al-Asad Air Base"; empty for a bare bbox.
    public var placePhrase: String
    /// Where the extent came from, so code asks this rather than comparing names or titles.
    public var origin: Origin
    /// The countries (ISO alpha-2) a preset is named for, when it is named for countries: a
    /// title says "in Iraq" only when the events counted are (nearly) all in them.
    public var countries: [String] = []

    public enum Origin: String, Sendable, Hashable {
        /// A named preset of Geo/regions.csv.
        case preset
        /// A box the user gave (`--bbox`).
        case bbox
        /// A radius around a site (`--around`).
        case around
        /// Fitted to the events (a user's data with no extent given).
        case fitted
    }

    public init(name: String, title: String, bbox: GeoBox, crs: String? = nil, description: String = "",
                placePhrase: String? = nil, origin: Origin = .preset) {
        self.origin = origin
        self.name = name
        self.title = title
        self.bbox = bbox
        self.crs = crs
        self.description = description
        self.placePhrase = placePhrase ?? "in \(title)"
    }

    /// The projection the map uses: the explicit CRS, or a conformal one fitted to the extent,
    /// so that shapes (and the angles a reader sees) stay true on regional maps:
    /// Lambert conformal conic with standard parallels at 1/6 and 5/6 of the latitude span for
    /// mid-latitude extents, Mercator for extents that cross the equator, polar stereographic near the poles.
    public var projectionDefinition: String {
        if let crs, !crs.isEmpty { return crs }
        let c = bbox.center
        let lon0 = (c.lon * 100).rounded() / 100
        if bbox.south >= 60 { return "+proj=stere +lat_0=90 +lon_0=\(lon0) +lat_ts=71 +datum=WGS84 +units=m +no_defs" }
        if bbox.north <= -60 { return "+proj=stere +lat_0=-90 +lon_0=\(lon0) +lat_ts=-71 +datum=WGS84 +units=m +no_defs" }
        let lonSpan = bbox.east - bbox.west, latSpan = bbox.north - bbox.south
        // The world: Equal Earth, whose areas are true (a density view's cells hold the same
        // ground everywhere) and whose shapes stay recognisable.
        if lonSpan > 150 || latSpan > 100 { return "+proj=eqearth +lon_0=\(lon0) +datum=WGS84 +units=m +no_defs" }
        // A continent: Lambert's azimuthal equal-area projection about its centre (Mercator drew
        // Africa small beside Europe, and a cell's kilometres held only at the equator).
        if lonSpan > 45 || latSpan > 45 {
            let lat0 = (c.lat * 100).rounded() / 100
            return "+proj=laea +lat_0=\(lat0) +lon_0=\(lon0) +datum=WGS84 +units=m +no_defs"
        }
        if bbox.south < 0 && bbox.north > 0 {
            return "+proj=merc +lon_0=\(lon0) +datum=WGS84 +units=m +no_defs"
        }
        let span = bbox.north - bbox.south
        let lat1 = ((bbox.south + span / 6) * 100).rounded() / 100
        let lat2 = ((bbox.north - span / 6) * 100).rounded() / 100
        let lat0 = (c.lat * 100).rounded() / 100
        return "+proj=lcc +lat_0=\(lat0) +lon_0=\(lon0) +lat_1=\(lat1) +lat_2=\(lat2) +datum=WGS84 +units=m +no_defs"
    }

    /// A region framing `km` around a point.
    public static func around(_ site: Site, radiusKm km: Double) -> Region {
        let dLat = km / 111.32
        let dLon = km / (111.32 * max(0.1, cos(site.location.lat * .pi / 180)))
        let box = GeoBox(west: max(-180, site.location.lon - dLon), south: max(-90, site.location.lat - dLat),
                         east: min(180, site.location.lon + dLon), north: min(90, site.location.lat + dLat))
        return Region(name: "around-\(site.id)", title: "\(site.name) and surroundings", bbox: box,
                      description: "\(Int(km)) km around \(site.name)", placePhrase: "near \(site.name)", origin: .around)
    }

    public static func custom(_ box: GeoBox) -> Region {
        Region(name: "bbox", title: "Custom extent", bbox: box, description: "--bbox \(box)", placePhrase: "", origin: .bbox)
    }
}

/// The named presets of Geo/regions.csv.
public struct RegionCatalog: Sendable {
    public var regions: [Region]

    public init(regions: [Region]) { self.regions = regions }

    public static func load(path: String) throws -> RegionCatalog {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw CSVError.empty(file: path) }
        let col = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Region] = []
        while let row = try reader.next() {
            func f(_ k: String) -> String {
                guard let i = col[k], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespaces)
            }
            let bboxText = [f("west"), f("south"), f("east"), f("north")].joined(separator: ",")
            let box: GeoBox
            do { box = try GeoBox(parsing: bboxText) } catch {
                throw GeoError.gazetteerRow(path: path, line: row.line, field: "west,south,east,north",
                                            value: bboxText, reason: error.description)
            }
            var region = Region(name: f("name"), title: f("title"), bbox: box, crs: f("crs").isEmpty ? nil : f("crs"),
                                description: f("description"), placePhrase: f("phrase").isEmpty ? nil : f("phrase"))
            region.countries = f("countries").split(separator: " ").map(String.init)
            out.append(region)
        }
        return RegionCatalog(regions: out)
    }

    public func named(_ name: String) throws(GeoError) -> Region {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        if let r = regions.first(where: { $0.name == key }) { return r }
        throw .unknownRegion(name, known: regions.map(\.name))
    }
}
