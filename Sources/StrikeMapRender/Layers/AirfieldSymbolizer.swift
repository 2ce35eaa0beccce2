import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Airfields: a small aircraft at each field in view, ringed for military ones, named at low
/// priority (after towns). The fields are the gazetteer's researched air bases and the world's
/// airfields of Geo/airfields.csv (OurAirports); each keeps its source (the manifest lists them).
/// `{"type": "airfields", "which": "military"}` (military fields only) or `"all"`.
struct AirfieldSymbolizer: Symbolizer {
    static let type = "airfields"
    enum Which: String, Codable, Sendable, CaseIterable { case military, all }
    var which: Which = .military
    var color: ColorValue = "@cityDot"
    var labels = true

    init(which: Which = .military) { self.which = which }

    enum CodingKeys: String, CodingKey, CaseIterable { case which, color, labels }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        which = try r(.which, .military)
        color = try r(.color, "@cityDot")
        labels = try r(.labels, true)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(which, forKey: .which)
        if color != "@cityDot" { try c.encode(color, forKey: .color) }
        if !labels { try c.encode(labels, forKey: .labels) }
    }

    /// The fields in view, thinned on the page so that symbols stay 5 mm apart (9 mm on a map
    /// over 2,000 km wide) and clear of town
    /// dots and event sites: the gazetteer's researched bases first, then fields with an ICAO code
    /// (the larger ones), then the rest. Zoomed out, a region shows its main bases; zoomed in,
    /// every strip. A field within 1.5 km of one taken is the same field under another record.
    func fields(_ ctx: PlanContext) -> [(site: Site, point: CanvasPoint)] {
        // The region's own box, not all the frame shows: past it the basemap may have no land
        // (the committed extract), and fields would stand in an empty sea.
        let v = ctx.rc.frame.visibleBox, r = ctx.spec.region.bbox
        let box = GeoBox(west: max(v.west, r.west), south: max(v.south, r.south), east: min(v.east, r.east), north: min(v.north, r.north))
        let m = ctx.mapRect
        func rank(_ s: Site) -> Int {
            if s.source.hasPrefix("OurAirports") == false { return 0 }
            let icao = s.id.count == 4 && s.id.allSatisfy(\.isLetter)
            return (s.kind == .airbase ? 1 : 3) + (icao ? 0 : 1)
        }
        let candidates = (ctx.spec.gazetteer.sites.filter { $0.kind == .airbase }
            + (Gazetteer.airfields?.sites ?? []).filter { which == .all || $0.kind == .airbase })
            .filter { box.contains($0.location) }
            .enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        // Wider apart on a map of a whole region than on a city's.
        let widthKm = ctx.mapRect.width * ctx.rc.frame.kmPerUnitAtCenter
        let spacing = (widthKm > 2000 ? 9 : 5) * ctx.mm
        // Occupied page cells (a cell of the spacing; neighbours checked): towns and event sites.
        var grid: [Int64: [CanvasPoint]] = [:]
        func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(y))) }
        func cell(_ p: CanvasPoint) -> (Int, Int) { (Int((p.x / spacing).rounded(.down)), Int((p.y / spacing).rounded(.down))) }
        func near(_ p: CanvasPoint, _ d: Double) -> Bool {
            let (cx, cy) = cell(p)
            for dx in -1...1 { for dy in -1...1 {
                if grid[key(cx + dx, cy + dy)]?.contains(where: { hypot($0.x - p.x, $0.y - p.y) < d }) == true { return true }
            } }
            return false
        }
        func occupy(_ p: CanvasPoint) { let (cx, cy) = cell(p); grid[key(cx, cy), default: []].append(p) }
        for c in ctx.below.towns { occupy(c.point) }
        var sites = Set<GeoPoint>()
        for e in ctx.spec.events where sites.count < 20_000 { sites.insert(e.location) }
        for p in ctx.rc.frame.project(points: Array(sites)) { if let p { occupy(p) } }
        var out: [(Site, CanvasPoint)] = []
        for s in candidates {
            guard let p = ctx.rc.frame.project(s.location), m.insetBy(2).contains(p) else { continue }
            if out.contains(where: { $0.0.location.distanceKm(to: s.location) < 1.5 }) { continue }
            // A researched base is drawn even beside an event (it is what the events are about).
            if rank(s) > 0, near(p, spacing) { continue }
            occupy(p)
            out.append((s, p))
        }
        return out
    }

    /// Whether a field's name says more than "airfield" (OurAirports has strips named just
    /// "Military Runway"): those are drawn but not labelled.
    static func isGeneric(_ name: String) -> Bool {
        let generic: Set<String> = ["military", "runway", "airfield", "air", "base", "airport", "strip", "airstrip", "field", "army", "airbase", "heliport"]
        return name.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 3 }
            .allSatisfy { generic.contains(String($0)) }
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let drawn = fields(ctx)
        var plan = LayerPlan()
        plan.record.airfields = drawn.map { .init(id: $0.site.id, name: $0.site.name, kind: $0.site.kind.rawValue,
                                                  lat: $0.site.location.lat, lon: $0.site.location.lon,
                                                  x: $0.point.x, y: $0.point.y, source: $0.site.source) }
        let color = color.resolve(ctx.style)
        plan.paint = [{ rc in for (site, p) in drawn { Self.symbol(rc, at: p, military: site.kind == .airbase, color: color) } }]
        // A field under a panel is neither shown nor labelled (nor listed in the manifest).
        for (_, p) in drawn { plan.avoid(squareObstacle(p, 3.8 * ctx.pt), site: p) }
        if labels {
            plan.labels = {
                // Researched bases before OurAirports' fields, military before civil.
                var batch = LabelBatch()
                let style = ctx.style
                for (i, (site, p)) in drawn.enumerated() where !Self.isGeneric(site.name) {
                    try batch.add(ctx.labelName(site.name, nil), role: "airfield", font: style.italicFont,
                                  sizePt: style.cityLabelSize * 0.95, color: style.cityText, anchor: p, clearance: 3.8 * ctx.pt,
                                  priority: 2000 + Double(site.kind == .airbase ? 0 : 500) + Double(i), leader: false,
                                  minorSite: true, in: ctx.rc)
                }
                return batch
            }
        }
        if drawn.contains(where: { $0.site.kind == .airbase }) {
            plan.legend.append(LegendRow(text: "Military airfield") { rc, center, _ in Self.symbol(rc, at: center, military: true, color: color) })
        }
        if drawn.contains(where: { $0.site.kind != .airbase }) {
            plan.legend.append(LegendRow(text: "Airport") { rc, center, _ in Self.symbol(rc, at: center, military: false, color: color) })
        }
        return plan
    }

    /// An aircraft seen from above, nose to the north-east; military fields ringed.
    static func symbol(_ rc: RenderContext, at p: CanvasPoint, military: Bool, color: Color) {
        let c = rc.cairo, s = 2.6 * rc.pt
        c.save()
        if military {
            c.newPath(); c.arc(p.x, p.y, radius: s * 1.45)
            c.setColor(rc.style.halo.with(alpha: 0.85)); c.fill(preserve: true)
            c.setColor(color); c.setLineWidth(0.6 * rc.pt); c.stroke()
        }
        c.translate(p.x, p.y); c.rotate(.pi / 4); c.scale(s, s)
        c.newPath()
        // Fuselage, wings and tailplane as one outline (unit coordinates, nose at y = −1).
        let outline: [(Double, Double)] = [(0, -1), (0.12, -0.8), (0.12, -0.25), (1, 0.2), (1, 0.38), (0.12, 0.12),
                                           (0.1, 0.7), (0.42, 0.9), (0.42, 1.02), (0, 0.92), (-0.42, 1.02), (-0.42, 0.9),
                                           (-0.1, 0.7), (-0.12, 0.12), (-1, 0.38), (-1, 0.2), (-0.12, -0.25), (-0.12, -0.8)]
        c.move(to: outline[0].0, outline[0].1)
        for q in outline.dropFirst() { c.line(to: q.0, q.1) }
        c.closePath()
        c.setColor(color); c.fill()
        c.restore()
    }
}
