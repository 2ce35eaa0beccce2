import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// A density view: each area (the basemap's provinces, or the polygons of a file) filled by its
/// number of events, or by events per 1,000 km² (`perArea`), in classes along a sequential ramp;
/// areas with none are left unfilled. The areas' names and values go into the manifest.
/// `{"type": "choropleth", "file": "governorates.geojson", "field": "name", "perArea": false}`.
struct ChoroplethSymbolizer: Symbolizer {
    static let type = "choropleth"
    static let traits: SymbolizerTraits = [.drawsEvents, .readsFiles]
    /// A polygon file (any GDAL format) and the field that names its areas; default: the
    /// basemap's first-level provinces and their `name`.
    var file: String?
    var field: String?
    var perArea = false
    var encoding = DensityEncoding()

    init(file: String? = nil, field: String? = nil, perArea: Bool = false, encoding: DensityEncoding = DensityEncoding()) {
        self.file = file
        self.field = field
        self.perArea = perArea
        self.encoding = encoding
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, field, perArea }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"] + DensityKeys.names)
        file = try r.optional(.file)
        field = try r.optional(.field)
        perArea = try r(.perArea, false)
        encoding = try DensityEncoding(from: decoder)
        if file != nil && field == nil {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.field],
                debugDescription: "a choropleth by a file needs the field that names its areas, e.g. \"field\": \"name\""))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(field, forKey: .field)
        if perArea { try c.encode(perArea, forKey: .perArea) }
        try encoding.encode(to: encoder)
    }

    var filesRead: [SymbolizerFile] { file.map { [SymbolizerFile(key: "file", path: $0, use: .areas)] } ?? [] }

    func relocatingFiles(_ relocate: (SymbolizerFile) throws -> String) rethrows -> ChoroplethSymbolizer {
        var s = self
        if let f = filesRead.first { s.file = try relocate(f) }
        return s
    }

    func check(_ features: [Feature], of file: SymbolizerFile) throws {
        if let field, !features.isEmpty, !features.contains(where: { $0[field] != nil }) {
            let fields = Set(features.flatMap { $0.properties.keys }).sorted()
            throw GeoError.vectorOpen(path: file.path, message:
                "no field '\(field)' to name the areas by; it has \(fields.map { "'\($0)'" }.joined(separator: ", "))")
        }
    }

    /// The fill of an area with no events: the land's colour a little toward the text's, a
    /// neutral apart from every ramp's first class (and from land no area covers).
    static func zeroColor(_ style: MapStyle) -> Color {
        let a = style.land, b = style.title, t = 0.14
        return Color(r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t)
    }

    struct Area {
        var name: String
        var rings: [[[GeoPoint]]]
        var box: GeoBox
        var areaKm2: Double
        var count = 0
        var value = 0.0
    }

    /// The areas that hold at least one of the events, together: a frame fitted to the events
    /// shows them whole. Each distinct place is tested against the areas around it (`AreaIndex`).
    func extentToHold(_ spec: MapSpec) -> GeoBox? {
        let features = file.map { spec.fileFeatures[MapPipeline.featureKey($0)] ?? [] } ?? spec.basemap.admin1
        // Each distinct place once, against the few areas around it (a war's log has a million
        // events at some thousands of places, and the world has thousands of provinces).
        var places = Set<GeoPoint>()
        for i in spec.events.indices { places.insert(spec.events[i].location) }
        guard !places.isEmpty else { return nil }
        var within = GeoBox(west: .infinity, south: .infinity, east: -.infinity, north: -.infinity)
        for p in places {
            within = GeoBox(west: min(within.west, p.lon), south: min(within.south, p.lat),
                            east: max(within.east, p.lon), north: max(within.north, p.lat))
        }
        let candidates: [(box: GeoBox, rings: [[[GeoPoint]]])] = features.compactMap { f in
            guard case .polygons(let polys) = f.geometry, let box = f.bbox, box.intersects(within) else { return nil }
            return (box, polys)
        }
        let index = AreaIndex(candidates)
        var hold: GeoBox?
        var held = Set<Int>()
        for p in places {
            guard let i = index.area(holding: p), held.insert(i).inserted else { continue }
            let box = candidates[i].box
            hold = hold.map { GeoBox(west: min($0.west, box.west), south: min($0.south, box.south),
                                     east: max($0.east, box.east), north: max($0.north, box.north)) } ?? box
        }
        return hold
    }

    func areas(_ ctx: PlanContext) throws -> [Area] {
        let features: [Feature]
        let nameField: String
        if let file {
            guard let f = ctx.spec.fileFeatures[MapPipeline.featureKey(file)] else {
                throw RenderError.layerNotLoaded(id: MapPipeline.featureKey(file))
            }
            features = f
            nameField = field ?? "name"
        } else {
            features = ctx.spec.basemap.admin1
            nameField = field ?? "name"
        }
        let view = ctx.rc.frame.visibleBox
        var out: [Area] = []
        for (i, f) in features.enumerated() {
            guard case .polygons(let polys) = f.geometry, let box = f.bbox, box.intersects(view) else { continue }
            let name = f[nameField].map(OutputText.clean).flatMap { $0.isEmpty ? nil : $0 } ?? "Area \(i + 1)"
            out.append(Area(name: name, rings: polys, box: box, areaKm2: polys.reduce(0) { $0 + Self.km2($1) }))
        }
        return out
    }

    /// A polygon's area in km²: outer ring less holes, on a local equirectangular plane.
    static func km2(_ rings: [[GeoPoint]]) -> Double {
        guard let outer = rings.first, !outer.isEmpty else { return 0 }
        let lat = outer.reduce(0) { $0 + $1.lat } / Double(outer.count)
        let k = 111.32 * 111.32 * cos(lat * .pi / 180)
        let a = PolygonMath.area(outer) - rings.dropFirst().reduce(0) { $0 + PolygonMath.area($1) }
        return max(0, a) * k
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        var areas = try self.areas(ctx)
        // An index of the areas, and a memo per place: events repeat places, and each place is
        // tested only against the few areas whose box holds it.
        let index = AreaIndex(areas.map { ($0.box, $0.rings) })
        var memo: [GeoPoint: Int] = [:]
        var drawn = 0, outside = 0
        for (e, p) in zip(layer.events, ctx.projected(layer)) {
            guard let p, ctx.mapRect.contains(p) else { continue }
            drawn += 1
            let g = e.location
            let hit: Int
            if let m = memo[g] { hit = m } else {
                hit = index.area(holding: g) ?? -1
                memo[g] = hit
            }
            guard hit >= 0 else { outside += 1; continue }
            areas[hit].count += 1
            areas[hit].value += encoding.weight.value(e)
        }
        plan.record.offFrame = layer.events.count - drawn
        plan.drawnEventIDs = Self.idsInside(layer, ctx)
        let value: (Area) -> Double = { a in perArea ? (a.areaKm2 > 0 ? a.value / a.areaKm2 * 1000 : 0) : a.value }
        var values = areas.map(value).filter { $0 > 0 }
        if let series = ctx.spec.seriesEvents, series.count != layer.events.count {
            // Frames and panels share classes: the values each panel shows (or the whole
            // series, the last of cumulative frames), worked out once for the series.
            let question = "choropleth|\(file ?? "")|\(field ?? "")|\(perArea)|\(encoding.weight)|\(ctx.rc.frame.visibleBox)|\(ctx.spec.seriesSlices ?? [])"
            values = SeriesMemo.shared.value(series, question) { () -> [Double] in
                var memo = memo
                func hit(_ g: GeoPoint) -> Int {
                    if let m = memo[g] { return m }
                    let h = index.area(holding: g) ?? -1
                    memo[g] = h
                    return h
                }
                return (ctx.spec.seriesSlices ?? [.all]).flatMap { range -> [Double] in
                    var sums = [Double](repeating: 0, count: areas.count)
                    for e in series where range.contains(e.date) {
                        let i = hit(e.location)
                        if i >= 0 { sums[i] += encoding.weight.value(e) }
                    }
                    return areas.indices.map { i -> Double in
                        perArea ? (areas[i].areaKm2 > 0 ? sums[i] / areas[i].areaKm2 * 1000 : 0) : sums[i]
                    }.filter { $0 > 0 }
                }
            }
        }
        let ramp = encoding.resolvedRamp(ctx.style)
        let classed = ClassedValues(values: values, scheme: encoding.classes, ramp: ramp, integral: !perArea)
        var members = [Int](repeating: 0, count: classed.bounds.count)
        var fills: [(rings: [[[GeoPoint]]], color: Color)] = []
        var weighted: [(weight: Double, rings: [[[GeoPoint]]])] = []
        for a in areas where value(a) > 0 {
            let k = classed.classIndex(value(a))
            members[k] += 1
            fills.append((a.rings, classed.colors[k].with(alpha: encoding.opacity)))
            weighted.append((Double(k + 1) / Double(max(1, classed.bounds.count)), a.rings))
        }
        // Panels keep off the counted areas as far as they can, the highest classes most.
        plan.areaCover = try AreaCover.drawn(width: ctx.mapRect.maxX, height: ctx.mapRect.maxY, cell: 4 * ctx.pt,
                                             frame: ctx.rc.frame, style: ctx.style, pt: ctx.pt, fills: weighted)
        // Areas in sight with no events are a class of their own, "0": drawn as land they could
        // not be told from land the areas do not cover.
        let visible = ctx.rc.frame.visibleBox
        let zeroRings = areas.filter { value($0) <= 0 && $0.box.intersects(visible) }.map(\.rings)
        let zeroShown = !zeroRings.isEmpty || ctx.spec.seriesEvents != nil
        let zeroColor = Self.zeroColor(ctx.style)
        let outlines = areas.map(\.rings)
        plan.paint = [{ rc in
            let c = rc.cairo
            c.save()
            c.setEvenOddFill()
            for rings in zeroRings {
                c.newPath()
                for poly in rings { for ring in poly { rc.addPath(ring, close: true) } }
                c.setColor(zeroColor); c.fill()
            }
            for (rings, color) in fills {
                c.newPath()
                for poly in rings { for ring in poly { rc.addPath(ring, close: true) } }
                c.setColor(color); c.fill()
            }
            // The areas' outlines over the fills, thin and light, so neighbours of one class part.
            c.newPath()
            for rings in outlines { for poly in rings { for ring in poly { rc.addPath(ring, close: true) } } }
            c.setColor(rc.style.paper.with(alpha: 0.9)); c.setLineWidth(0.5 * rc.pt); c.stroke()
            c.restore()
        }]
        plan.coversBase = true
        plan.record.view = "choropleth"
        var record = RenderManifest.Density(view: "choropleth", weight: encoding.weight.rawValue, ramp: ramp.description)
        record.classMethod = classed.method
        record.classes = classed.bounds.indices.map { k in
            .init(from: k == 0 ? classed.smallest : (perArea ? classed.bounds[k - 1] : classed.bounds[k - 1] + 1),
                  to: classed.bounds[k], color: classed.colors[k].description, members: members[k])
        }
        record.areas = areas.filter { $0.count > 0 }.sorted { value($0) > value($1) }
            .map { .init(name: $0.name, count: $0.count, value: value($0), areaKm2: $0.areaKm2) }
        record.perArea = perArea
        record.events = drawn - outside
        record.outsideAreas = outside
        record.zeroAreas = zeroRings.count
        plan.record.density = record
        let unit = file == nil ? "province" : "area"
        let noun = encoding.weight.heading(layer.events)
        let heading = perArea ? "\(noun) per 1,000 km²" : "\(noun) per \(unit)"
        var rows = [LegendRow(text: heading) { _, _, _ in }]
        if zeroShown {
            rows.append(LegendRow(text: "0") { rc, center, size in
                let c = rc.cairo
                c.newPath(); c.rectangle(center.x - size * 0.4, center.y - size * 0.3, size * 0.8, size * 0.6)
                c.setColor(zeroColor); c.fill()
            })
        }
        let texts = classed.rangeTexts { perArea ? MapText.decimal($0, significant: 2) : MapText.number(Int($0)) }
        for (text, color) in zip(texts, classed.colors) {
            rows.append(LegendRow(text: text) { rc, center, size in
                let c = rc.cairo
                c.newPath(); c.rectangle(center.x - size * 0.4, center.y - size * 0.3, size * 0.8, size * 0.6)
                c.setColor(color.with(alpha: self.encoding.opacity)); c.fill()
            })
        }
        if outside > 0 { rows.append(LegendRow(text: "\(MapText.number(outside)) events outside every \(unit) (not counted)") { _, _, _ in }) }
        plan.legend = rows
        return plan
    }
}
