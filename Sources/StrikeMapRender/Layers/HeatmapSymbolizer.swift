import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// A density view: a kernel density surface of the events (Gaussian, `bandwidth` kilometres),
/// drawn as a raster under the labels, coloured along a sequential ramp and fading out where
/// there is next to nothing. The legend gives the density at five levels, in events per 100 km².
/// `{"type": "heatmap", "bandwidth": 15, "weight": "count", "ramp": "magma-r"}`.
struct HeatmapSymbolizer: Symbolizer {
    static let type = "heatmap"
    static let traits: SymbolizerTraits = .drawsEvents
    /// The kernel's standard deviation in kilometres; default: a fortieth of the frame's width.
    var bandwidth: Double?
    var encoding = DensityEncoding()

    init(bandwidth: Double? = nil, encoding: DensityEncoding = DensityEncoding()) {
        self.bandwidth = bandwidth
        self.encoding = encoding
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case bandwidth }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"] + DensityKeys.names)
        bandwidth = try r.optional(.bandwidth)
        encoding = try DensityEncoding(from: decoder)
        if let b = bandwidth, !(b.isFinite && b > 0 && b <= 5000) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.bandwidth],
                debugDescription: "the bandwidth is a distance in kilometres above 0, e.g. 15"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(bandwidth, forKey: .bandwidth)
        try encoding.encode(to: encoder)
    }

    /// The bandwidth used on this map, in kilometres.
    func bandwidthKm(_ ctx: PlanContext) -> Double {
        if let bandwidth { return bandwidth }
        let km = ctx.mapRect.width * ctx.rc.frame.kmPerUnitAtCenter / 40
        let p = pow(10, log10(km).rounded(.down))
        return [1.0, 2, 2.5, 5, 10].map { $0 * p }.last { $0 <= km } ?? p
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        let kmPerUnit = ctx.rc.frame.kmPerUnitAtCenter
        let bw = bandwidthKm(ctx)
        var points: [CanvasPoint] = [], weights: [Double] = []
        let weighted = encoding.weight != .count
        for (e, p) in zip(layer.events, ctx.projected(layer)) {
            guard let p, ctx.mapRect.contains(p) else { continue }
            points.append(p)
            if weighted { weights.append(encoding.weight.value(e)) }
        }
        plan.record.offFrame = layer.events.count - points.count
        plan.drawnEventIDs = Self.idsInside(layer, ctx)
        let kde = KernelDensity(points: points, weights: weighted ? weights : nil, frame: ctx.mapRect, sigma: bw / kmPerUnit)
        // Events per 100 km²: a grid cell's share over the cell's area.
        let cellKm2 = pow(kde.cell * kmPerUnit, 2)
        let per100 = 100 / cellKm2
        // A series of frames shares one scale: its densest place sets the top of the ramp.
        var top = kde.maximum
        if let series = ctx.spec.seriesEvents {
            let m = ctx.mapRect
            let question = "heat|\(bw)|\(encoding.weight)|\(m.width)x\(m.height)|\(ctx.spec.region.bbox)|\(ctx.spec.seriesSlices ?? [])"
            top = max(top, SeriesMemo.shared.value(series, question) { seriesTop(series, ctx, sigma: bw / kmPerUnit) })
        }
        let ramp = encoding.resolvedRamp(ctx.style)
        // Ramps that start near white begin a little way in, as their classes do.
        let start = ramp.classColors(5)[0] == ramp.color(at: 0) ? 0.0 : 0.12
        var pixels = [UInt32](repeating: 0, count: kde.columns * kde.rows)
        if top > 0 {
            for i in pixels.indices {
                let t = min(1, kde.valuesAt(i) / top)
                // Below 2% of the top: transparent, so the basemap shows where nothing happened.
                guard t >= 0.02 else { continue }
                let c = ramp.color(at: start + (1 - start) * t)
                let a = encoding.opacity * min(1, 0.35 + t * 2)
                func ch(_ v: Double) -> UInt32 { UInt32((v * a * 255).rounded()) }
                pixels[i] = UInt32((a * 255).rounded()) << 24 | ch(c.r) << 16 | ch(c.g) << 8 | ch(c.b)
            }
        }
        let image = try CairoSurface(premultipliedARGB: pixels, width: kde.columns, height: kde.rows)
        let (origin, cell) = (kde.origin, kde.cell)
        plan.paint = [{ rc in rc.cairo.paint(image, x: origin.x, y: origin.y, scale: cell) }]
        plan.coversBase = true
        plan.record.view = "heatmap"
        var record = RenderManifest.Density(view: "heatmap", weight: encoding.weight.rawValue, ramp: ramp.description)
        record.bandwidthKm = bw
        record.events = points.count
        let levels = [1.0, 0.75, 0.5, 0.25, 0.05]
        record.classes = levels.map { t in
            .init(from: t * top * per100, to: t * top * per100, color: ramp.color(at: start + (1 - start) * t).description, members: 0)
        }
        plan.record.density = record
        var rows = [LegendRow(text: "\(encoding.weight.heading(layer.events)) per 100 km² (kernel density, \(MapText.decimal(bw, significant: 3)) km bandwidth)") { _, _, _ in }]
        for t in levels {
            let color = ramp.color(at: start + (1 - start) * t)
            let value = t * top * per100
            rows.append(LegendRow(text: MapText.decimal(value, significant: 2)) { rc, center, size in
                let c = rc.cairo
                c.newPath(); c.rectangle(center.x - size * 0.45, center.y - size * 0.3, size * 0.9, size * 0.6)
                c.setColor(color.with(alpha: self.encoding.opacity * min(1, 0.35 + t * 2))); c.fill()
            })
        }
        plan.legend = rows
        return plan
    }

    /// The densest place any frame or panel of the series shows, weighted as the map is: over
    /// each panel's own events, or over the whole series (the last of cumulative frames).
    private func seriesTop(_ series: [Event], _ ctx: PlanContext, sigma: Double) -> Double {
        let projected = ctx.rc.frame.project(points: series.map(\.location))
        var slices = ctx.spec.seriesSlices ?? [.all]
        // A year of windows: four dozen of them, evenly spread, find the densest closely enough
        // at a fraction of the cost of a density surface per frame.
        if slices.count > 48 { slices = (0..<48).map { slices[$0 * (slices.count - 1) / 47] } }
        return slices.map { range -> Double in
            var points: [CanvasPoint] = [], weights: [Double] = []
            for (e, p) in zip(series, projected) where range.contains(e.date) {
                guard let p, ctx.mapRect.contains(p) else { continue }
                points.append(p)
                weights.append(encoding.weight.value(e))
            }
            return KernelDensity(points: points, weights: weights, frame: ctx.mapRect, sigma: sigma).maximum
        }.max() ?? 0
    }
}

extension Symbolizer {
    /// The ids of a layer's events that project inside the map frame (what a density view draws).
    static func idsInside(_ layer: LayerInput, _ ctx: PlanContext) -> () -> [String] {
        let projected = ctx.projected(layer), rect = ctx.mapRect
        return { zip(layer.events, projected).compactMap { e, p in p.map(rect.contains) == true ? e.id : nil } }
    }
}

extension KernelDensity {
    func valuesAt(_ i: Int) -> Double { values[i] }
}
