import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Range rings: the points at true distances from a site or a coordinate, on the WGS84
/// ellipsoid, drawn as lines in whatever projection the map has (so a ring of 1,000 km is no
/// circle on a Mercator page, as it should not be), each labelled with its radius.
///
/// In a document: `{"type": "ring", "center": "Al-Asad Air Base", "radiiKm": [300, 1000]}`;
/// `center` is a gazetteer site or `LAT,LON`. The layer's source is `background` (it has no data).
struct RingSymbolizer: Symbolizer {
    static let type = "ring"
    /// A gazetteer site, or "LAT,LON".
    var center: String
    var radiiKm: [Double]
    var stroke: ColorValue = "@subtitle"
    /// Width in points.
    var width: SizeValue = .literal(0.9)
    /// Dash and gap lengths in points; none for a solid line.
    var dash: [Double] = [4, 2]
    /// Whether each ring is labelled with its radius ("300 km").
    var label = true

    init(center: String, radiiKm: [Double]) {
        self.center = center
        self.radiiKm = radiiKm
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case center, radiiKm, stroke, width, dash, label }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        center = try r.required(.center)
        radiiKm = try r.required(.radiiKm)
        stroke = try r(.stroke, "@subtitle")
        width = try r(.width, .literal(0.9))
        dash = try r(.dash, [4, 2])
        label = try r(.label, true)
        if center.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.center],
                debugDescription: "give a site name or LAT,LON"))
        }
        if radiiKm.isEmpty || radiiKm.contains(where: { !($0.isFinite && $0 > 0 && $0 <= Self.maxRadiusKm) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.radiiKm],
                debugDescription: "give one or more radii in km, each above 0 and at most \(Int(Self.maxRadiusKm))"))
        }
        if dash.contains(where: { !($0.isFinite && $0 >= 0 && $0 <= 100) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.dash],
                debugDescription: "dash lengths are points from 0 to 100, e.g. [4, 2]"))
        }
    }

    /// Half the Earth's circumference: a ring past it is the same ring again.
    static let maxRadiusKm = 20_000.0

    /// A centre as written: "LAT,LON" when it parses as two numbers in range.
    static func coordinate(_ text: String) -> GeoPoint? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
              abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        return GeoPoint(lat: lat, lon: lon)
    }

    /// The centre and how to name it: a coordinate, or the gazetteer's site.
    func resolvedCenter(_ spec: MapSpec) throws -> (point: GeoPoint, name: String) {
        if let p = Self.coordinate(center) { return (p, center) }
        let site = try spec.gazetteer.resolve(center)
        return (site.location, site.name)
    }

    static func labelText(_ km: Double) -> String {
        (km == km.rounded() ? MapText.number(Int(km)) : MapText.decimal(km)) + " km"
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let (origin, name) = try resolvedCenter(ctx.spec)
        let frame = ctx.rc.frame
        var plan = LayerPlan()
        var pieces: [(pieces: [[GeoPoint]], closed: Bool)] = []
        for km in radiiKm {
            let cut = Geodesic.pieces(ofRing: Geodesic.circle(center: origin, radiusKm: km), centralMeridian: frame.projection.centralMeridian)
            pieces.append((cut.pieces, cut.closed))
            let points = (0..<8).map { i -> RenderManifest.Ring.Point in
                let p = Geodesic.destination(from: origin, azimuthDeg: Double(i) * 45, distanceKm: km)
                let xy = frame.project(p)
                return .init(lat: p.lat, lon: p.lon, x: xy?.x, y: xy?.y)
            }
            plan.record.rings.append(.init(center: name, lat: origin.lat, lon: origin.lon, radiusKm: km,
                                           label: label ? Self.labelText(km) : "", points: points))
        }
        plan.paint = [{ rc in
            let c = rc.cairo
            c.save()
            c.setRoundCaps()
            c.setColor(stroke.resolve(rc.style))
            c.setDash(dash.map { $0 * rc.pt })
            c.setLineWidth(width.resolve(rc.style) * rc.pt)
            for ring in pieces {
                c.newPath()
                for piece in ring.pieces { rc.addPath(piece, close: ring.closed) }
                c.stroke()
            }
            c.restore()
        }]
        guard label else { return plan }
        plan.labels = { try ringLabels(origin: origin, ctx) }
        return plan
    }

    /// Each ring's radius, on the ring.
    private func ringLabels(origin: GeoPoint, _ ctx: PlanContext) throws -> LabelBatch {
        var batch = LabelBatch()
        let style = ctx.style, frame = ctx.rc.frame
        for km in radiiKm {
            // On the ring: at the top if it is on the page, else at the visible point nearest it
            // (a large ring may show only an arc).
            let azimuths = stride(from: 0.0, to: 360, by: 10).sorted { min($0, 360 - $0) < min($1, 360 - $1) }
            let spots = azimuths.compactMap { azimuth -> CanvasPoint? in
                frame.project(Geodesic.destination(from: origin, azimuthDeg: azimuth, distanceKm: km))
            }.filter { ctx.mapRect.contains($0) }
            guard let first = spots.first else { continue }
            try batch.add(Self.labelText(km), role: "ring", font: style.font, sizePt: style.cityLabelSize,
                          color: stroke.resolve(style), anchor: first, clearance: 0, priority: 200, leader: false,
                          centered: true, alternatives: Array(spots.dropFirst()), in: ctx.rc)
        }
        return batch
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? {
        LineSymbolizer.swatch(stroke: stroke, width: width, dash: dash)
    }
}
