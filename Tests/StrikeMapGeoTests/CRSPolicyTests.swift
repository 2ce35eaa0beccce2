import Foundation
import Testing
@testable import StrikeMapGeo
@testable import StrikeMapCore

/// A CRS from a user is data: codes, one projection with plain parameters, or WKT; never a
/// pipeline, never a file unless the command line opts in.
@Suite struct CRSPolicyTests {
    static let taken = [
        "EPSG:32638", "esri:54030", "OGC:CRS84",
        "+proj=lcc +lat_1=30 +lat_2=36 +lon_0=43 +datum=WGS84 +units=m +no_defs",
        "+proj=eqearth +lon_0=20 +datum=WGS84 +units=m",
        "proj=merc lon_0=45 ellps=WGS84",
        "+proj=utm +zone=38 +datum=WGS84 +units=m +no_defs +type=crs",
        "+proj=tmerc +lat_0=0 +lon_0=39 +k=0.9996 +x_0=500000 +y_0=0 +ellps=intl +towgs84=-87,-98,-121,0,0,0,0 +units=m",
        #"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]"#,
        #"PROJCS["WGS 84 / UTM zone 38N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",45],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]"#,
    ]

    @Test(arguments: Self.taken)
    func aCRSIsTakenAndProjects(_ crs: String) throws {
        let checked = try CRSPolicy.check(crs)
        let p = try Projection(crs: checked)
        #expect(p.forward(GeoPoint(lat: 33.3, lon: 44.4)) != nil)
    }

    @Test func everyPresetsProjectionIsTaken() throws {
        let catalog = try GeoCatalog.load()
        for r in catalog.regions.regions { _ = try CRSPolicy.check(r.projectionDefinition) }
        // And those chosen for other extents: across the equator, near a pole, the world.
        for box in [GeoBox(west: -20, south: -35, east: 55, north: 38), GeoBox(west: -60, south: 62, east: 30, north: 84),
                    GeoBox(west: -180, south: -80, east: 180, north: 80)] {
            _ = try CRSPolicy.check(Region.custom(box).projectionDefinition)
        }
    }

    static let refused: [(crs: String, words: String)] = [
        ("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad", "pipeline"),
        ("+proj=merc +step +proj=hgridshift +grids=/etc/passwd", "pipeline"),
        ("+proj=hgridshift +grids=/proc/self/fd/3", "grids"),
        ("+proj=merc +nadgrids=/etc/passwd", "crs-files"),
        ("+proj=merc +geoidgrids=/tmp/fifo", "crs-files"),
        ("+init=epsg:4326", "crs-files"),
        ("+proj=merc +lon_0=/etc/passwd", "not a number or a name"),
        ("+proj=merc +lon_0=@x", "not a number or a name"),
        ("+proj=merc +datum=http://example.com/x", "not a number or a name"),
        ("+proj=merc +lon_0=10 +lon_0=20", "twice"),
        ("+proj=vgridshift +grids=egm96_15.gtx", "grids"),
        ("+proj=deformation +t_epoch=2000", "not a projection parameter"),
        ("+lon_0=10", "needs +proj="),
        ("@/etc/passwd", "not a CRS StrikeMap takes"),
        (#"{"type": "ProjectedCRS"}"#, "not a CRS StrikeMap takes"),
        (#"BOUNDCRS[SOURCECRS[GEOGCRS["x"]],TARGETCRS[GEOGCRS["y"]],ABRIDGEDTRANSFORMATION["t",METHOD["NTv2"],PARAMETERFILE["Latitude and longitude difference file","/etc/passwd"]]]"#, "crs-files"),
        (#"PROJCS["x",GEOGCS["WGS 84"],EXTENSION["PROJ4","+proj=merc +nadgrids=/etc/passwd"]]"#, "PROJ4 extension"),
        (#"PROJCRS["x",BASEGEOGCRS["WGS 84",DATUM["WGS 84",ELLIPSOID["WGS 84",6378137,298.257223563]]],CONVERSION["c",METHOD["PROJ-based operation method: +proj=pipeline +step +proj=tinshift +file=/etc/passwd"]],CS[Cartesian,2]]"#, "PROJ string"),
        (#"PROJCRS["x",CONVERSION["c",METHOD["PROJ-based operation method: proj=deformation grids=/tmp/x"]]]"#, "PROJ string"),
        ("+proj=merc\u{1}", "control characters"),
        ("", "empty"),
    ]

    @Test(arguments: Self.refused.indices)
    func whatIsNotACRSIsRefusedBeforePROJSeesIt(_ i: Int) {
        let (crs, words) = Self.refused[i]
        do {
            _ = try CRSPolicy.check(crs)
            Issue.record("\(crs) was taken")
        } catch {
            #expect(error.description.contains(words), "\(crs): \(error.description)")
        }
    }

    @Test func filesOnlyWithTheOptIn() throws {
        _ = try CRSPolicy.check("+proj=merc +nadgrids=@null", allowFiles: true)
        _ = try CRSPolicy.check("+init=epsg:4326", allowFiles: true)
        // A pipeline is never a CRS, opt-in or not.
        #expect(throws: GeoError.self) { try CRSPolicy.check("+proj=merc +step +proj=hgridshift +grids=x", allowFiles: true) }
    }

    @Test func aHugePipelineIsRefusedOnItsLength() {
        // 2,600 steps in a 65 KB string: refused on its length before anything is parsed.
        let huge = "+proj=pipeline" + String(repeating: " +step +proj=affine +xoff=1", count: 2600)
        do { _ = try CRSPolicy.check(huge); Issue.record("taken") } catch {
            #expect(error.description.contains("longer than"), "\(error)")
        }
        // Just under the length limit, still refused at its first step.
        let long = "+proj=merc" + String(repeating: " +lon_0=1", count: 900)
        #expect(throws: GeoError.self) { try CRSPolicy.check(long) }
    }
}
