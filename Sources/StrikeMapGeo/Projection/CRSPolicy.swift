import Foundation
import StrikeMapCore

/// A CRS from a user or a request is data, not a program. PROJ reads much more than a CRS from
/// such a string: `+step` pipelines, `+init=FILE`, `+nadgrids=`/`+geoidgrids=`/`+grids=FILE`
/// (any path on the machine, a FIFO that blocks the thread for good), `@` file lists, and the
/// same inside WKT (`PARAMETERFILE`, an `EXTENSION["PROJ4", ...]` holding any of those). This
/// checks a CRS before PROJ sees it, parameter by parameter:
///
/// - an authority code: `EPSG:32638`, `ESRI:54030`, `IAU_2015:30100`, `OGC:CRS84`;
/// - a PROJ string of one projection (`+proj=` one of `projections`) with the parameters in
///   `parameters`, each a number or a plain word;
/// - WKT (1 or 2) with no file parameter and no PROJ extension.
///
/// Files (grids, init files) are taken only with `allowFiles` (the command line's `--crs-files`);
/// a pipeline never: it is not a CRS.
public enum CRSPolicy {
    /// The longest CRS taken: a long WKT is a few thousand characters.
    public static let maxLength = 8192

    /// Map projections (and the geographic forms) a `+proj=` may name: conversions only, no
    /// transformations that read grids or change coordinates in time.
    public static let projections: Set<String> = [
        "aea", "aeqd", "airy", "aitoff", "august", "bacon", "bipc", "boggs", "bonne", "cass", "cc", "cea", "collg", "comill",
        "crast", "denoy", "eck1", "eck2", "eck3", "eck4", "eck5", "eck6", "eqc", "eqdc", "eqearth", "euler", "fahey", "fouc",
        "fouc_s", "gall", "geos", "gins8", "gn_sinu", "gnom", "goode", "gs48", "gs50", "hammer", "hatano", "igh", "igh_o", "imw_p",
        "isea", "kav5", "kav7", "krovak", "labrd", "laea", "lagrng", "larr", "lask", "latlon", "latlong", "lcc", "lcca", "leac",
        "lee_os", "longlat", "lonlat", "loxim", "lsat", "mbt_s", "mbt_fps", "mbtfpp", "mbtfpq", "mbtfps", "merc", "mil_os", "mill",
        "moll", "murd1", "murd2", "murd3", "natearth", "natearth2", "nell", "nell_h", "nicol", "nsper", "nzmg", "ob_tran", "ocea",
        "oea", "omerc", "ortel", "ortho", "patterson", "pconic", "poly", "putp1", "putp2", "putp3", "putp3p", "putp4p", "putp5",
        "putp5p", "putp6", "putp6p", "qua_aut", "robin", "rouss", "rpoly", "sinu", "somerc", "stere", "sterea", "tcc", "tcea",
        "times", "tissot", "tmerc", "tobmerc", "tpeqd", "tpers", "ups", "urm5", "urmfps", "utm", "vandg", "vandg2", "vandg3",
        "vandg4", "vitk1", "wag1", "wag2", "wag3", "wag4", "wag5", "wag6", "wag7", "webmerc", "weren", "wink1", "wink2", "wintri",
    ]

    /// Parameters a projection takes: numbers, names of ellipsoids and datums, switches. None of
    /// them names a file.
    public static let parameters: Set<String> = [
        "proj", "lat_0", "lon_0", "lat_1", "lat_2", "lat_ts", "lat_b", "lon_1", "lon_2", "lonc", "alpha", "gamma", "k", "k_0",
        "x_0", "y_0", "h", "h_0", "datum", "ellps", "a", "b", "rf", "f", "e", "es", "R", "R_A", "R_V", "R_a", "R_g", "R_h",
        "R_lat_a", "R_lat_g", "units", "to_meter", "vunits", "vto_meter", "no_defs", "south", "north", "zone", "over", "wktext",
        "type", "pm", "towgs84", "axis", "no_uoff", "no_rot", "approx", "guam", "no_cut", "lsat", "path", "azi", "tilt",
        "sweep", "W", "M", "n", "m", "q", "o_proj", "o_lat_p", "o_lon_p", "o_alpha", "o_lon_c", "o_lat_c", "o_lon_1", "o_lat_1",
        "o_lon_2", "o_lat_2", "lon_wrap", "mode", "rot_conv", "czech", "variant_c", "theta", "ellps_lat",
    ]

    /// Parameters that name files, which only `allowFiles` lets through.
    public static let fileParameters: Set<String> = ["nadgrids", "geoidgrids", "init"]

    /// Checks `crs`; returns it trimmed, or throws `GeoError.crsNotTaken` saying what is not taken.
    public static func check(_ crs: String, allowFiles: Bool = false) throws(GeoError) -> String {
        let text = crs.trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ why: String, optIn: Bool = false) -> GeoError {
            .crsNotTaken(crs: String(text.prefix(80)) + (text.count > 80 ? "…" : ""), why: why, needsOptIn: optIn)
        }
        guard !text.isEmpty else { throw refuse("empty") }
        guard text.utf8.count <= maxLength else { throw refuse("longer than \(maxLength) characters") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }) else {
            throw refuse("control characters are not part of a CRS")
        }
        if text.firstMatch(of: /^(?i)(EPSG|ESRI|IAU_2015|IGNF|OGC):[A-Za-z0-9_]{1,20}$/) != nil { return text }
        if text.hasPrefix("+") || text.lowercased().hasPrefix("proj=") {
            try checkPROJString(text, allowFiles: allowFiles, refusal: { refuse($0, optIn: $1) })
            return text
        }
        if text.firstMatch(of: /^(?i)[A-Z_]+\s*\[/) != nil {
            let upper = text.uppercased()
            // A PROJ.4 extension, or a "PROJ-based operation method: ..." (which PROJ runs as the
            // PROJ string it names), is a PROJ string inside the WKT: anything could hide there.
            if upper.contains("EXTENSION") && upper.contains("PROJ4") {
                throw refuse("WKT with a PROJ4 extension is not taken; give the PROJ string itself")
            }
            for word in ["PROJ-BASED", "PROJ=", "+STEP", "PIPELINE", "+INIT", "TINSHIFT"] where upper.contains(word) {
                throw refuse("WKT that holds a PROJ string (\(word.lowercased())) is not taken; give the PROJ string itself")
            }
            if !allowFiles {
                for word in ["PARAMETERFILE", "GRIDSHIFT", "NADGRIDS", "GEOIDGRIDS"] where upper.contains(word) {
                    throw refuse("this WKT names a file (\(word))", optIn: true)
                }
            }
            return text
        }
        throw refuse("not a CRS StrikeMap takes; give an authority code (EPSG:32638), a PROJ string of one projection "
                     + "(+proj=lcc +lat_1=30 +lat_2=36 +lon_0=43 +datum=WGS84) or WKT")
    }

    private static func checkPROJString(_ text: String, allowFiles: Bool, refusal: (String, Bool) -> GeoError) throws(GeoError) {
        func refuse(_ why: String, optIn: Bool = false) -> GeoError { refusal(why, optIn) }
        var projection: String?
        var seen = Set<String>()
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            var t = Substring(token)
            if t.hasPrefix("+") { t = t.dropFirst() }
            let parts = t.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : nil
            if key == "step" || key == "pipeline" || key == "inv" {
                throw refuse("a pipeline (+\(key)) is not a CRS; give one projection")
            }
            guard seen.insert(key).inserted else { throw refuse("+\(key) is given twice") }
            if fileParameters.contains(key) {
                guard allowFiles else { throw refuse("+\(key) names a file", optIn: true) }
                continue
            }
            guard parameters.contains(key) else {
                throw refuse("+\(key) is not a projection parameter StrikeMap takes")
            }
            if let value {
                // Numbers, names and switches: no paths, no URLs, no @-lists, no nesting.
                guard !value.isEmpty, value.count <= 64,
                      value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._,:+-".contains($0)) }) else {
                    throw refuse("+\(key)=\(value.prefix(40)) is not a number or a name")
                }
            }
            if key == "proj" { projection = value }
        }
        // `+init=` names a file that holds the whole definition (with the opt-in).
        if projection == nil && seen.contains("init") { return }
        guard let p = projection else { throw refuse("a PROJ string needs +proj=") }
        guard projections.contains(p) else {
            throw refuse("+proj=\(p.prefix(40)) is not a map projection StrikeMap takes (grid shifts, pipelines and other operations are not CRSs)")
        }
        if let o = text.firstMatch(of: /o_proj=([A-Za-z0-9_]+)/).map({ String($0.1) }), !projections.contains(o) {
            throw refuse("+o_proj=\(o) is not a map projection StrikeMap takes")
        }
    }
}
