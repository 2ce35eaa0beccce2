import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Country names across the countries in view, in spaced capitals, at the middle of each
/// country's visible part; the largest countries first.
struct CountryLabelSymbolizer: Symbolizer {
    static let type = "countryLabels"

    init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case none }
    init(from decoder: Decoder) throws { _ = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"]) }
    func encode(to encoder: Encoder) throws {}

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        plan.labels = {
            var batch = LabelBatch()
            let style = ctx.style
            for (i, (iso, name, points)) in countryAnchors(layer.features, ctx: ctx).enumerated() {
                // Arabic is cursive: no letter spacing, and no capitals to make.
                let text = ctx.labelName(name, Self.arabicCountryNames[iso], upper: true, country: iso)
                try batch.add(text, role: "country", font: style.font, sizePt: style.countryLabelSize,
                              color: style.countryText, anchor: points[0], clearance: 0, priority: 500 + Double(i), leader: false,
                              centered: true, spacingPt: ctx.spec.labels.spacesLetters ? 2.5 : 0, alternatives: Array(points.dropFirst()),
                              in: ctx.rc)
            }
            return batch
        }
        return plan
    }

    static let countryNames: [String: String] = [
        "IQ": "Iraq", "SY": "Syria", "JO": "Jordan", "SA": "Saudi Arabia", "TR": "Turkey", "IR": "Iran",
        "KW": "Kuwait", "LB": "Lebanon", "IL": "Israel", "EG": "Egypt", "YE": "Yemen", "OM": "Oman",
        "AE": "UAE", "QA": "Qatar", "BH": "Bahrain", "CY": "Cyprus", "PS": "Palestine", "SD": "Sudan",
        "ER": "Eritrea", "DJ": "Djibouti", "ET": "Ethiopia", "SO": "Somalia", "AM": "Armenia", "AZ": "Azerbaijan",
        "GE": "Georgia", "TM": "Turkmenistan", "AF": "Afghanistan", "PK": "Pakistan",
    ]

    static let arabicCountryNames: [String: String] = [
        "IQ": "العراق", "SY": "سوريا", "JO": "الأردن", "SA": "السعودية", "TR": "تركيا", "IR": "إيران",
        "KW": "الكويت", "LB": "لبنان", "IL": "إسرائيل", "EG": "مصر", "YE": "اليمن", "OM": "عُمان",
        "AE": "الإمارات", "QA": "قطر", "BH": "البحرين", "CY": "قبرص", "PS": "فلسطين", "SD": "السودان",
        "ER": "إريتريا", "DJ": "جيبوتي", "ET": "إثيوبيا", "SO": "الصومال",
    ]

    /// For each country with land in view, points inside it, nearest the middle of its visible
    /// part first; largest visible countries first.
    private func countryAnchors(_ admin1: [Feature], ctx: PlanContext) -> [(String, String, [CanvasPoint])] {
        let rc = ctx.rc, pt = ctx.pt
        // Short English names for the region's countries; elsewhere the name Natural Earth's
        // populated places give for the country.
        var names = Self.countryNames
        for f in ctx.spec.basemap.places {
            if let iso = f["iso_a2"], names[iso] == nil, let n = f["adm0name"], !n.isEmpty, iso.count == 2 { names[iso] = n }
        }
        var byCountry: [String: [Feature]] = [:]
        for f in admin1 {
            guard let iso = f["iso_a2"], names[iso] != nil, let b = f.bbox,
                  b.intersects(rc.frame.visibleBox) else { continue }
            byCountry[iso, default: []].append(f)
        }
        // A grid over the frame, each point with its place on the globe. A point whose place does
        // not project back onto it is off the globe's drawing (beside a world map narrower than
        // its frame, where PROJ wraps the longitude: "CHINA" was written west of the Americas).
        let inner = ctx.mapRect.insetBy(20 * pt)
        var grid: [(canvas: CanvasPoint, geo: GeoPoint)] = []
        let n = 24
        for i in 0...n { for j in 0...n {
            let p = CanvasPoint(x: inner.x + inner.width * Double(i) / Double(n),
                                y: inner.y + inner.height * Double(j) / Double(n))
            guard let g = rc.frame.unproject(p), let back = rc.frame.project(g),
                  abs(back.x - p.x) < 1, abs(back.y - p.y) < 1 else { continue }
            grid.append((p, g))
        } }
        var out: [(String, String, [CanvasPoint], Int)] = []
        for (iso, features) in byCountry {
            // Keep the grid's points inside the country, take the one nearest the centre of
            // those points (its visible "middle").
            var inside: [CanvasPoint] = []
            for (p, g) in grid where features.contains(where: { f in
                guard let b = f.bbox, b.contains(g), case .polygons(let ps) = f.geometry else { return false }
                return ps.contains { PolygonMath.contains($0, g) }
            }) { inside.append(p) }
            guard inside.count >= 6 else { continue }
            let cx = inside.map(\.x).reduce(0, +) / Double(inside.count)
            let cy = inside.map(\.y).reduce(0, +) / Double(inside.count)
            let ordered = inside.sorted { hypot($0.x - cx, $0.y - cy) < hypot($1.x - cx, $1.y - cy) }
            out.append((iso, names[iso]!, Array(ordered.prefix(40)), inside.count))
        }
        return out.sorted { $0.3 != $1.3 ? $0.3 > $1.3 : $0.0 < $1.0 }.map { ($0.0, $0.1, $0.2) }
    }
}
