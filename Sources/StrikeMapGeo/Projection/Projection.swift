import CProj
import Foundation
import StrikeMapCore

/// A PROJ transformation from WGS84 longitude/latitude to a projected CRS.
///
/// Owns its own PROJ context: PROJ contexts are not thread-safe, so each `Projection`
/// must stay on the thread that uses it (frames rendered in parallel each make their own).
public final class Projection {
    public let crs: String
    private let context: OpaquePointer
    private let pj: OpaquePointer

    /// - Parameter crs: anything PROJ accepts: "EPSG:32638", "+proj=lcc +lat_1=31 ...", WKT.
    public init(crs: String) throws(GeoError) {
        guard let ctx = proj_context_create() else {
            throw .projection(crs: crs, message: "could not create a PROJ context")
        }
        // Quiet PROJ's own stderr logging: failures come back to the caller as typed errors.
        proj_log_level(ctx, PJ_LOG_NONE)
        // A PROJ string on WGS84 (what regions choose) needs no database search: degrees in,
        // the projection applied directly. Anything else goes through PROJ's CRS machinery.
        let trimmed = crs.trimmingCharacters(in: .whitespaces)
        // (Never for a string with steps of its own: only a single projection is spliced in.)
        if trimmed.hasPrefix("+proj="), trimmed.contains("+datum=WGS84"), !trimmed.contains("+init"), !trimmed.contains("step"),
           !trimmed.contains("pipeline"), !trimmed.contains("@"),
           let direct = proj_create(ctx, "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step "
                                    + trimmed.replacingOccurrences(of: "+no_defs", with: "")) {
            self.crs = crs
            self.context = ctx
            self.pj = direct
            return
        }
        guard let raw = proj_create_crs_to_crs(ctx, "EPSG:4326", crs, nil) else {
            let message = Projection.lastError(ctx)
            proj_context_destroy(ctx)
            throw .projection(crs: crs, message: message)
        }
        // Axis order lon/lat in, easting/northing out, whatever the CRS definitions say.
        guard let normalized = proj_normalize_for_visualization(ctx, raw) else {
            let message = Projection.lastError(ctx)
            proj_destroy(raw)
            proj_context_destroy(ctx)
            throw .projection(crs: crs, message: message)
        }
        proj_destroy(raw)
        self.crs = crs
        self.context = ctx
        self.pj = normalized
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    private static func lastError(_ ctx: OpaquePointer) -> String {
        let code = proj_context_errno(ctx)
        if code == 0 { return "not a coordinate reference system PROJ knows" }
        guard let text = proj_context_errno_string(ctx, code) else { return "PROJ error \(code)" }
        return String(cString: text)
    }

    /// Projects one point; nil when the point cannot be projected (e.g. the far side of the globe).
    public func forward(_ p: GeoPoint) -> (x: Double, y: Double)? {
        var coord = proj_coord(p.lon, p.lat, 0, 0)
        coord = proj_trans(pj, PJ_FWD, coord)
        let x = coord.xy.x, y = coord.xy.y
        guard x.isFinite, y.isFinite, x != .infinity else { return nil }
        return (x, y)
    }

    /// Inverse of `forward`.
    public func inverse(x: Double, y: Double) -> GeoPoint? {
        var coord = proj_coord(x, y, 0, 0)
        coord = proj_trans(pj, PJ_INV, coord)
        let lon = coord.lp.lam, lat = coord.lp.phi
        guard lon.isFinite, lat.isFinite else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    /// Projects many points in one call, in place: `xs` holds longitudes and `ys` latitudes on
    /// entry, projected coordinates on return (HUGE_VAL where a point failed).
    public func forward(xs: inout [Double], ys: inout [Double]) { transform(PJ_FWD, &xs, &ys) }

    /// Inverse of `forward(xs:ys:)`, in place: projected coordinates on entry, longitudes in `xs`
    /// and latitudes in `ys` on return (HUGE_VAL where a point failed).
    public func inverse(xs: inout [Double], ys: inout [Double]) { transform(PJ_INV, &xs, &ys) }

    private func transform(_ direction: PJ_DIRECTION, _ xs: inout [Double], _ ys: inout [Double]) {
        precondition(xs.count == ys.count)
        let n = xs.count
        guard n > 0 else { return }
        let stride = MemoryLayout<Double>.stride
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                _ = proj_trans_generic(pj, direction,
                                       xb.baseAddress, stride, n,
                                       yb.baseAddress, stride, n,
                                       nil, 0, 0, nil, 0, 0)
            }
        }
    }

    /// The meridian the projection is centred on (`+lon_0`, 0 when the definition names none):
    /// its opposite is where a line that goes round the globe has to be cut.
    public var centralMeridian: Double {
        guard let range = crs.range(of: "+lon_0=") else { return 0 }
        let value = crs[range.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }
        return Double(value).flatMap { $0.isFinite ? $0 : nil } ?? 0
    }

    /// A short human name of the target CRS, for manifests and footers.
    public var name: String {
        guard let target = proj_get_target_crs(context, pj) else { return crs }
        defer { proj_destroy(target) }
        guard let n = proj_get_name(target) else { return crs }
        return String(cString: n)
    }
}
