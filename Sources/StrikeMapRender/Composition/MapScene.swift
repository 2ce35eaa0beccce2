import Foundation
import StrikeMapEvents
import StrikeMapGeo

/// The foreground of one map: city dots, event markers, furniture (legend, scale bar, north
/// arrow) and the labels placed around them without collisions.
final class MapScene {
    let spec: MapSpec
    let rc: RenderContext
    let mapRect: CanvasRect
    var style: MapStyle { rc.style }
    var pt: Double { rc.pt }

    struct City { var name: String; var arabic: String?; var point: CanvasPoint; var capital: Bool; var rank: Double }
    struct DrawnMarker {
        var group: EventGroup
        var center: CanvasPoint
        var radius: Double
        var badge: Weapon?
    }

    var cities: [City] = []
    private(set) var markers: [DrawnMarker] = []
    /// Set when the legend goes in a strip under the map rather than in a corner.
    var legendStrip: CanvasRect?
    /// Weapons shown as badges on the map (for the legend).
    var badges: Set<Weapon> = []

    init(spec: MapSpec, rc: RenderContext, mapRect: CanvasRect) throws {
        self.spec = spec
        self.rc = rc
        self.mapRect = mapRect
        cities = style.showCities ? selectCities() : []
    }

    // MARK: Cities

    /// Populated places to show, thinned by map scale, spelled as the gazetteer spells them.
    private func selectCities() -> [City] {
        let widthKm = rc.frame.kmPerUnitAtCenter * mapRect.width
        let maxRank = widthKm > 2500 ? 3.0 : widthKm > 1200 ? 5.0 : widthKm > 500 ? 6.0 : 7.0
        // A series uses all its frames' events, so the same towns show in every frame.
        let all = spec.seriesEvents ?? spec.events
        let eventSites = Set(all.compactMap(\.siteID))
        let eventPoints = all.map(\.location)
        var out: [City] = []
        for f in spec.basemap.places {
            guard case .points(let ps) = f.geometry, let g = ps.first, rc.frame.visibleBox.contains(g),
                  let rank = Double(f["scalerank"] ?? ""), rank <= maxRank,
                  let p = rc.frame.project(g), mapRect.insetBy(4 * pt).contains(p) else { continue }
            // A town that is itself an event site is labelled as the site.
            if eventPoints.contains(where: { $0.distanceKm(to: g) < 12 }) { continue }
            let raw = f["nameascii"] ?? f["name"] ?? ""
            let match = spec.gazetteer.sites.first {
                ($0.kind == .city || $0.kind == .town) && $0.location.distanceKm(to: g) < 15
            }
            if let m = match, eventSites.contains(m.id) { continue }
            let name = match?.name ?? raw
            let capital = (f["featurecla"] ?? "").lowercased().contains("admin-0 capital")
            out.append(City(name: name, arabic: match?.arabicName, point: p, capital: capital, rank: rank - (capital ? 2 : 0)))
        }
        return out.sorted { $0.rank < $1.rank }
    }

    func drawCityDots() throws {
        let c = rc.cairo
        for city in cities {
            let r = (city.capital ? 2.1 : 1.6) * pt
            c.newPath()
            if city.capital {
                c.arc(city.point.x, city.point.y, radius: r + 1.2 * pt)
                c.setColor(.white); c.fill(preserve: true)
                c.setColor(style.cityDot); c.setLineWidth(0.6 * pt); c.stroke()
            }
            c.arc(city.point.x, city.point.y, radius: r)
            c.setColor(style.cityDot)
            c.fill()
        }
    }

    // MARK: Markers

    func markerColor(_ kind: EventKind) -> Color {
        kind == .attack ? style.attack : kind == .strike ? style.strike : style.otherEvent
    }

    /// Attacks are circles, strikes diamonds, other kinds squares; sized so the area grows with the count.
    func markerPath(kind: EventKind, center p: CanvasPoint, radius r: Double) {
        let c = rc.cairo
        c.newPath()
        if kind == .attack {
            c.arc(p.x, p.y, radius: r)
        } else if kind == .strike {
            let d = r * 1.25 // equal visual weight to the circle
            c.move(to: p.x, p.y - d); c.line(to: p.x + d, p.y); c.line(to: p.x, p.y + d); c.line(to: p.x - d, p.y)
            c.closePath()
        } else {
            let d = r * 0.89
            c.rectangle(p.x - d, p.y - d, 2 * d, 2 * d)
        }
    }

    func radius(forCount n: Int) -> Double {
        min(style.markerMaxRadius, style.markerRadius * sqrt(Double(n))) * pt
    }

    func radius(for g: EventGroup) -> Double {
        switch spec.sizeBy {
        case .count: return radius(forCount: g.count)
        case .none: return style.markerRadius * pt
        case .casualties:
            let people = g.events.reduce(0) { $0 + ($1.killed ?? 0) + ($1.injured ?? 0) }
            return radius(forCount: max(1, people))
        }
    }

    /// Groups for the chosen aggregation; `grid` merges site groups that fall in one page cell.
    func groups() -> [EventGroup] {
        switch spec.aggregate {
        case .none:
            return spec.events.map { e in
                EventGroup(kind: e.kind, siteID: e.siteID,
                           label: e.siteID.flatMap { spec.gazetteer[$0]?.name } ?? e.siteName ?? "",
                           location: e.location, events: [e], claimed: e.confidence == .claimed,
                           earlier: spec.highlightSince.map { e.date < $0 } ?? false)
            }
        case .site:
            return EventGroup.make(spec.events, gazetteer: spec.gazetteer, highlightSince: spec.highlightSince)
        case .grid:
            let cell = 24 * pt
            var cells: [String: [EventGroup]] = [:]
            var order: [String] = []
            for g in EventGroup.make(spec.events, gazetteer: spec.gazetteer, highlightSince: spec.highlightSince) {
                guard let p = rc.frame.project(g.location) else { continue }
                let key = "\(Int((p.x / cell).rounded(.down))),\(Int((p.y / cell).rounded(.down)))|\(g.kind.rawValue)|\(g.claimed)|\(g.earlier)"
                if cells[key] == nil { order.append(key) }
                cells[key, default: []].append(g)
            }
            return order.map { key in
                let members = cells[key]!.sorted { $0.count > $1.count }
                let n = Double(members.reduce(0) { $0 + $1.count })
                let lat = members.reduce(0) { $0 + $1.location.lat * Double($1.count) } / n
                let lon = members.reduce(0) { $0 + $1.location.lon * Double($1.count) } / n
                var merged = members[0]
                merged.events = members.flatMap(\.events)
                if members.count > 1 {
                    merged.location = GeoPoint(lat: lat, lon: lon)
                    merged.siteID = members[0].siteID
                    merged.label = members[0].label + " area"
                }
                return merged
            }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        }
    }

    /// The weapon badge a marker carries: only when all its events used the same badged weapon.
    func badge(for g: EventGroup) -> Weapon? {
        guard style.showWeaponBadges, !g.earlier, let w = g.events.first?.weapon, Weapon.badged.contains(w),
              g.events.allSatisfy({ $0.weapon == w }) else { return nil }
        return w
    }

    func badgeCenter(_ m: DrawnMarker) -> CanvasPoint {
        CanvasPoint(x: m.center.x + m.radius * 0.8 + 1.2 * pt, y: m.center.y - m.radius * 0.8 - 1.2 * pt)
    }

    /// Colour of the count printed inside a marker.
    func countColor(kind: EventKind, hollow: Bool) -> Color {
        if style.monochromeMarkers { return hollow || kind == .strike ? .black : .white }
        return hollow ? markerColor(kind) : .white
    }

    func drawMarker(kind: EventKind, center p: CanvasPoint, radius r: Double, hollow: Bool, faded: Bool = false) {
        let c = rc.cairo
        if faded {
            // Earlier events of a frame: the same symbol, pale, so the new ones stand out.
            c.save()
            c.pushGroup()
            drawMarker(kind: kind, center: p, radius: r, hollow: hollow)
            c.popGroupToSource()
            c.paint(alpha: 0.35)
            c.restore()
            return
        }
        let color = markerColor(kind)
        markerPath(kind: kind, center: p, radius: r)
        if style.monochromeMarkers {
            // Black and white only: attacks solid, strikes open with a heavy outline; claims dashed.
            let solid = kind == .attack && !hollow
            c.setColor(solid ? .black : .white); c.fill(preserve: true)
            c.setColor(.black); c.setLineWidth((kind == .strike ? 1.6 : 1.2) * pt)
            if hollow { c.setDash([2 * pt, 1.4 * pt]) }
            c.stroke()
            c.setDash([])
            if kind == .strike && !hollow {
                c.newPath(); c.arc(p.x, p.y, radius: max(1.2 * pt, r * 0.22)); c.setColor(.black)
                // Only single-event strikes: larger ones carry their count there.
                if r <= style.markerRadius * pt * 1.01 { c.fill() } else { c.newPath() }
            }
            return
        }
        if hollow {
            c.setColor(style.legendPaper); c.fill(preserve: true)
            c.setColor(color); c.setLineWidth(1.6 * pt); c.stroke()
        } else {
            c.setColor(color); c.fill(preserve: true)
            c.setColor(style.markerOutline); c.setLineWidth(0.8 * pt); c.stroke()
        }
    }

    func drawMarkers(into manifest: inout RenderManifest) throws {
        let groups = groups()
        var placed: [(group: EventGroup, truth: CanvasPoint, radius: Double)] = []
        for g in groups {
            guard let p = rc.frame.project(g.location), mapRect.contains(p) else {
                manifest.offFrame += g.count
                continue
            }
            placed.append((g, p, radius(for: g)))
        }
        // Faded (earlier) markers stay on their places, under the current ones; only current
        // markers are moved apart.
        let current = placed.indices.filter { !placed[$0].group.earlier }
        let moved = Self.declutter(current.map { (placed[$0].truth, placed[$0].radius) }, gap: 1.2 * pt, bounds: mapRect)
        var centers = placed.map(\.truth)
        for (k, i) in current.enumerated() { centers[i] = moved[k] }
        // Earlier ones first, so the current ones are drawn over them.
        let order = placed.indices.sorted { (placed[$0].group.earlier ? 0 : 1, $0) < (placed[$1].group.earlier ? 0 : 1, $1) }
        placed = order.map { placed[$0] }
        centers = order.map { centers[$0] }
        let c = rc.cairo
        // Markers moved off their place keep a dot on the place and a thin line to it.
        for (i, m) in placed.enumerated() where hypot(centers[i].x - m.truth.x, centers[i].y - m.truth.y) > 1.5 * pt {
            c.newPath(); c.move(to: m.truth.x, m.truth.y); c.line(to: centers[i].x, centers[i].y)
            c.setColor(style.leader); c.setLineWidth(0.6 * pt); c.stroke()
            c.newPath(); c.arc(m.truth.x, m.truth.y, radius: 1.3 * pt)
            c.setColor(markerColor(m.group.kind)); c.fill()
        }
        for (i, m) in placed.enumerated() {
            let g = m.group, p = centers[i], r = m.radius
            drawMarker(kind: g.kind, center: p, radius: r, hollow: g.claimed, faded: g.earlier)
            if g.count > 1 && !g.earlier {
                let t = try rc.text("\(g.count)", font: style.boldFont, sizePt: style.countSize)
                let s = t.size
                t.draw(x: p.x - s.width / 2, y: p.y - s.height / 2, color: countColor(kind: g.kind, hollow: g.claimed))
            }
            let badge = badge(for: g)
            markers.append(DrawnMarker(group: g, center: p, radius: r, badge: badge))
            if let badge { badges.insert(badge) }
            manifest.markers.append(.init(kind: g.kind.rawValue, site: g.siteID, eventIDs: g.events.map(\.id),
                                          count: g.count, x: p.x, y: p.y, trueX: m.truth.x, trueY: m.truth.y,
                                          radius: r, hollow: g.claimed, weapon: badge?.rawValue))
        }
        // Badges last, so no marker covers another's badge.
        for m in markers { if let b = m.badge { try drawBadge(b, at: badgeCenter(m)) } }
    }

    /// Moves overlapping markers apart just enough to see each one (and its count), the way a
    /// graphics desk would by hand; each stays as close to its place as the others allow.
    static func declutter(_ items: [(CanvasPoint, Double)], gap: Double, bounds: CanvasRect) -> [CanvasPoint] {
        var pos = items.map(\.0)
        let r = items.map(\.1)
        guard pos.count > 1 else { return pos }
        for _ in 0..<200 {
            var moved = false
            for i in 0..<pos.count {
                for j in (i + 1)..<pos.count {
                    var dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y
                    var d = hypot(dx, dy)
                    let need = r[i] + r[j] + gap
                    guard d < need - 0.01 else { continue }
                    if d < 0.001 { dx = 1; dy = 0; d = 1 }  // same place: side by side
                    let push = (need - d) / 2 + 0.05
                    // The smaller marker moves more, so big clusters stay anchored.
                    let wi = r[i] * r[i] / (r[i] * r[i] + r[j] * r[j])
                    pos[i].x -= dx / d * push * 2 * (1 - wi); pos[i].y -= dy / d * push * 2 * (1 - wi)
                    pos[j].x += dx / d * push * 2 * wi; pos[j].y += dy / d * push * 2 * wi
                    moved = true
                }
            }
            for i in 0..<pos.count {
                pos[i].x = min(max(pos[i].x, bounds.x + r[i]), bounds.maxX - r[i])
                pos[i].y = min(max(pos[i].y, bounds.y + r[i]), bounds.maxY - r[i])
            }
            if !moved { break }
        }
        return pos
    }

    func drawUserSymbol(_ user: UserLayer, at p: CanvasPoint, size: Double) {
        let c = rc.cairo, st = user.style
        let kinds = Set(user.features.map { f -> Int in
            switch f.geometry { case .polygons: return 0; case .lines: return 1; case .points: return 2 }
        })
        c.newPath()
        if kinds.contains(0) {
            c.rectangle(p.x - size * 0.45, p.y - size * 0.32, size * 0.9, size * 0.64)
            if let f = st.fill { c.setColor(f); c.fill(preserve: true) }
            c.setColor(st.stroke); c.setLineWidth(st.widthPt * pt); c.stroke()
        } else if kinds.contains(1) {
            c.move(to: p.x - size / 2, p.y); c.line(to: p.x + size / 2, p.y)
            c.setColor(st.stroke); c.setLineWidth(st.widthPt * pt); c.setDash(st.dashPt.map { $0 * pt }); c.stroke()
            c.setDash([])
        } else {
            c.arc(p.x, p.y, radius: st.radiusPt * pt)
            c.setColor(st.fill?.with(alpha: 1) ?? .white); c.fill(preserve: true)
            c.setColor(st.stroke); c.setLineWidth(max(0.5, st.widthPt * 0.6) * pt); c.stroke()
        }
    }

    // MARK: Labels

    func placeAndDrawLabels(reserved: [CanvasRect], into manifest: inout RenderManifest) throws {
        struct Pending { var layout: TextLayout; var role: String; var color: Color; var halo: Bool }
        var requests: [LabelPlacer.Request] = []
        var pending: [Pending] = []
        func add(_ text: String, role: String, font: String, sizePt: Double, color: Color, anchor: CanvasPoint,
                 clearance: Double, priority: Double, leader: Bool, centered: Bool = false,
                 spacingPt: Double = 0, alternatives: [CanvasPoint] = []) throws {
            // Two-language labels stack their lines centred on each other.
            let layout = try rc.text(text, font: font, sizePt: sizePt, letterSpacingPt: spacingPt, centerLines: true)
            requests.append(.init(id: pending.count, text: text, size: layout.size, anchor: anchor,
                                  clearance: clearance, priority: priority, allowLeader: leader, centered: centered,
                                  alternatives: alternatives))
            pending.append(Pending(layout: layout, role: role, color: color, halo: true))
        }
        // 1. Event sites: busiest first. One label per site even if it has two markers.
        var labelled: Set<String> = []
        for m in markers.sorted(by: { $0.group.count > $1.group.count }) {
            let key = m.group.siteID ?? "\(m.group.location)"
            guard !m.group.label.isEmpty, labelled.insert(key).inserted else { continue }
            // Busiest sites first; a site with a single event still comes before any town.
            let priority = -Double(m.group.count)
            let arabic = m.group.siteID.flatMap { spec.gazetteer[$0]?.arabicName }
            try add(labelText(m.group.label, arabic), role: "site", font: style.boldFont, sizePt: style.siteLabelSize, color: style.siteText,
                    anchor: m.center, clearance: m.radius, priority: priority, leader: true)
        }
        // 2. Capitals (with a leader if need be), then other cities by rank.
        for city in cities {
            try add(labelText(city.name, city.arabic), role: "city", font: city.capital ? style.boldFont : style.font,
                    sizePt: city.capital ? style.capitalLabelSize : style.cityLabelSize,
                    color: city.capital ? style.capitalText : style.cityText, anchor: city.point,
                    clearance: (city.capital ? 3.3 : 2.2) * pt, priority: (city.capital ? 300 : 1000) + city.rank * 10,
                    leader: city.capital)
        }
        // User layers' point labels, after capitals and before towns.
        for user in spec.userLayers {
            for (text, p) in UserLayerPainter(layer: user).labelPoints(frame: rc.frame) {
                try add(text, role: "user", font: style.font, sizePt: style.cityLabelSize, color: style.cityText,
                        anchor: p, clearance: user.style.radiusPt * pt, priority: 700, leader: false)
            }
        }
        // 3. Countries and the provinces where events happened, as area names.
        for (i, (iso, name, points)) in (style.showCountryLabels ? countryAnchors() : []).enumerated() {
            // Arabic is cursive: no letter spacing, and no capitals to make.
            let text = labelText(name.uppercased(), Self.arabicCountryNames[iso])
            try add(text, role: "country", font: style.font, sizePt: style.countryLabelSize,
                    color: style.countryText, anchor: points[0], clearance: 0, priority: 500 + Double(i), leader: false,
                    centered: true, spacingPt: spec.labels == .en ? 2.5 : 0, alternatives: Array(points.dropFirst()))
        }
        for (name, arabic, p) in (style.showProvinceLabels ? provinceAnchors() : []) {
            try add(labelText(name.uppercased(), arabic), role: "province", font: style.italicFont,
                    sizePt: style.provinceLabelSize, color: style.provinceText, anchor: p, clearance: 0, priority: 3000,
                    leader: false, centered: true, spacingPt: spec.labels == .en ? 1.2 : 0)
        }

        var obstacles = reserved
        for m in markers {
            let d = m.radius * 1.3
            obstacles.append(CanvasRect(x: m.center.x - d, y: m.center.y - d, width: 2 * d, height: 2 * d))
            if m.badge != nil {
                let b = badgeCenter(m), r = 3.8 * pt
                obstacles.append(CanvasRect(x: b.x - r, y: b.y - r, width: 2 * r, height: 2 * r))
            }
        }
        for user in spec.userLayers {
            let d = (user.style.radiusPt + 0.5) * pt
            for f in user.features {
                guard case .points(let ps) = f.geometry else { continue }
                for g in ps { if let p = rc.frame.project(g) {
                    obstacles.append(CanvasRect(x: p.x - d, y: p.y - d, width: 2 * d, height: 2 * d))
                } }
            }
        }
        for city in cities {
            let d = 2.4 * pt
            obstacles.append(CanvasRect(x: city.point.x - d, y: city.point.y - d, width: 2 * d, height: 2 * d))
        }
        let placer = LabelPlacer(bounds: mapRect.insetBy(2 * pt), obstacles: obstacles, padding: 1.5 * pt,
                                 leaderSteps: [0, 7 * pt, 14 * pt, 24 * pt, 36 * pt])
        // Each request must not count its own anchor's marker as an obstacle: anchors sit at the
        // clearance distance, so the candidate boxes start outside the marker already.
        // Past the limit, the lowest priorities are dropped before placement (and counted).
        let ranked = requests.sorted { $0.priority < $1.priority }
        let considered = Array(ranked.prefix(MapSpec.maxLabels))
        var (placed, dropped) = placer.place(considered)
        dropped += ranked.dropFirst(MapSpec.maxLabels)
        let c = rc.cairo
        for p in placed {
            if let l = p.leader {
                c.newPath(); c.move(to: l.from.x, l.from.y); c.line(to: l.to.x, l.to.y)
                c.setColor(style.leader); c.setLineWidth(0.5 * pt); c.stroke()
            }
        }
        for p in placed {
            let item = pending[p.id]
            item.layout.drawWithHalo(x: p.box.x, y: p.box.y, color: item.color, halo: style.halo, haloWidth: 1.2 * pt)
            manifest.labels.append(.init(text: p.text, role: item.role, x: p.box.x, y: p.box.y,
                                         width: p.box.width, height: p.box.height, leader: p.leader != nil))
        }
        manifest.droppedLabels = dropped.map(\.text)
    }

    static let countryNames: [String: String] = [
        "IQ": "Iraq", "SY": "Syria", "JO": "Jordan", "SA": "Saudi Arabia", "TR": "Turkey", "IR": "Iran",
        "KW": "Kuwait", "LB": "Lebanon", "IL": "Israel", "EG": "Egypt", "YE": "Yemen", "OM": "Oman",
        "AE": "UAE", "QA": "Qatar", "BH": "Bahrain", "CY": "Cyprus", "PS": "Palestine", "SD": "Sudan",
        "ER": "Eritrea", "DJ": "Djibouti", "ET": "Ethiopia", "SO": "Somalia", "AM": "Armenia", "AZ": "Azerbaijan",
        "GE": "Georgia", "TM": "Turkmenistan", "AF": "Afghanistan", "PK": "Pakistan",
    ]

    /// For each country with land in view, points inside it, nearest the middle of its visible
    /// part first; largest visible countries first.
    private func countryAnchors() -> [(String, String, [CanvasPoint])] {
        // Short English names for the region's countries; elsewhere the name Natural Earth's
        // populated places give for the country.
        var names = Self.countryNames
        for f in spec.basemap.places {
            if let iso = f["iso_a2"], names[iso] == nil, let n = f["adm0name"], !n.isEmpty, iso.count == 2 { names[iso] = n }
        }
        var byCountry: [String: [Feature]] = [:]
        for f in spec.basemap.admin1 {
            guard let iso = f["iso_a2"], names[iso] != nil, let b = f.bbox,
                  b.intersects(rc.frame.visibleBox) else { continue }
            byCountry[iso, default: []].append(f)
        }
        let inner = mapRect.insetBy(20 * pt)
        var out: [(String, String, [CanvasPoint], Int)] = []
        for (iso, features) in byCountry {
            // Grid over the frame: keep points inside the country, take the one nearest the
            // centre of those points (its visible "middle").
            var inside: [CanvasPoint] = []
            let n = 24
            for i in 0...n { for j in 0...n {
                let p = CanvasPoint(x: inner.x + inner.width * Double(i) / Double(n),
                                    y: inner.y + inner.height * Double(j) / Double(n))
                guard let g = rc.frame.unproject(p) else { continue }
                if features.contains(where: { f in
                    guard let b = f.bbox, b.contains(g), case .polygons(let ps) = f.geometry else { return false }
                    return ps.contains { PolygonMath.contains($0, g) }
                }) { inside.append(p) }
            } }
            guard inside.count >= 6 else { continue }
            let cx = inside.map(\.x).reduce(0, +) / Double(inside.count)
            let cy = inside.map(\.y).reduce(0, +) / Double(inside.count)
            let ordered = inside.sorted { hypot($0.x - cx, $0.y - cy) < hypot($1.x - cx, $1.y - cy) }
            out.append((iso, names[iso]!, Array(ordered.prefix(40)), inside.count))
        }
        return out.sorted { $0.3 != $1.3 ? $0.3 > $1.3 : $0.0 < $1.0 }.map { ($0.0, $0.1, $0.2) }
    }

    /// A label in the chosen language: English, Arabic (English where no Arabic name is known),
    /// or English over Arabic.
    func labelText(_ english: String, _ arabic: String?) -> String {
        switch spec.labels {
        case .en: return english
        case .ar: return arabic ?? english
        case .enAr: return arabic.map { "\(english)\n\($0)" } ?? english
        }
    }

    static let arabicCountryNames: [String: String] = [
        "IQ": "العراق", "SY": "سوريا", "JO": "الأردن", "SA": "السعودية", "TR": "تركيا", "IR": "إيران",
        "KW": "الكويت", "LB": "لبنان", "IL": "إسرائيل", "EG": "مصر", "YE": "اليمن", "OM": "عُمان",
        "AE": "الإمارات", "QA": "قطر", "BH": "البحرين", "CY": "قبرص", "PS": "فلسطين", "SD": "السودان",
        "ER": "إريتريا", "DJ": "جيبوتي", "ET": "إثيوبيا", "SO": "الصومال",
    ]

    /// The gazetteer's governorates with the keys their names match by, worked out once.
    private lazy var governorates: [(site: Site, keys: Set<String>)] = spec.gazetteer.sites
        .filter { $0.kind == .governorate }
        .map { ($0, Set(([$0.name] + $0.aliases).flatMap(Gazetteer.provinceKeys))) }

    /// Provinces that hold at least one drawn event, at their representative point.
    private func provinceAnchors() -> [(String, String?, CanvasPoint)] {
        var names: [String: CanvasPoint] = [:]
        var arabic: [String: String] = [:]
        for m in markers {
            guard let f = spec.basemap.province(containing: m.group.location), let name = f["name"],
                  names[name] == nil, case .polygons(let ps) = f.geometry,
                  let rp = PolygonMath.representativePoint(ps), let p = rc.frame.project(rp) else { continue }
            // Spelled as the gazetteer spells it, without "Governorate".
            let keys = Set(Gazetteer.provinceKeys(name))
            let site = governorates.first { !keys.isDisjoint(with: $0.keys) }?.site
            let display = (site?.name ?? name.split(separator: "(").first.map(String.init) ?? name)
                .replacingOccurrences(of: " Governorate", with: "").trimmingCharacters(in: .whitespaces)
            names[display] = p
            if let a = site?.arabicName { arabic[display] = a }
        }
        return names.sorted { $0.key < $1.key }.map { ($0.key, arabic[$0.key], $0.value) }
    }
}
