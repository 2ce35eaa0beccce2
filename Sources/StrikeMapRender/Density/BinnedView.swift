import Foundation
import StrikeMapEvents

/// What the hexbin and grid views share: events binned into page cells, classed and coloured.
/// The classes are worked out on the whole series of a set of frames or panels, so one colour
/// means one range of values in every frame.
struct BinnedView {
    let shape: ScreenBins.Shape
    /// Across the flats (hexagons) or the side (squares), in millimetres on the page.
    let cellMM: Double
    let encoding: DensityEncoding

    var viewName: String { shape == .hexagon ? "hexbin" : "grid" }

    /// What a cell covers on the ground, in words that hold wherever it is read: its area on an
    /// equal-area map; its width where the scale hardly varies across the frame (a regional
    /// map); else only its size on the page.
    func cellGround(_ ctx: PlanContext) -> CellGround {
        let frame = ctx.rc.frame
        let size = cellMM * ctx.mm
        if frame.isEqualArea {
            let area = shape == .hexagon ? 3.0.squareRoot() / 2 * size * size : size * size
            return .area(area * frame.km2PerSquareUnit)
        }
        if frame.scaleSpread <= 1.1 { return .across(size * frame.kmPerUnitAtCenter) }
        return .page
    }

    enum CellGround {
        case area(Double), across(Double), page

        func words(mm: Double) -> String {
            switch self {
            case .area(let km2): return "about \(MapText.roundedNumber(km2)) km² each"
            case .across(let km):
                return (km >= 10 ? MapText.number(Int((km / 5).rounded() * 5)) : String(format: "%.0f", max(1, km.rounded()))) + " km across"
            case .page: return "\(MapText.decimal(mm, significant: 2)) mm across on the page"
            }
        }
    }

    func bins(_ ctx: PlanContext) -> ScreenBins {
        ScreenBins(shape: shape, size: cellMM * ctx.mm, origin: CanvasPoint(x: ctx.mapRect.x, y: ctx.mapRect.y))
    }

    /// The layer's events in cells (inside the frame only).
    func cells(_ layer: LayerInput, _ ctx: PlanContext) -> [ScreenBins.Cell] {
        cells(events: layer.events, projected: ctx.projected(layer), ctx)
    }

    func cells(events: [Event], projected: [CanvasPoint?], _ ctx: PlanContext) -> [ScreenBins.Cell] {
        var points: [CanvasPoint] = [], weights: [Double] = []
        points.reserveCapacity(events.count)
        let weighted = encoding.weight != .count
        for (e, p) in zip(events, projected) {
            guard let p, ctx.mapRect.contains(p) else { continue }
            points.append(p)
            if weighted { weights.append(encoding.weight.value(e)) }
        }
        return bins(ctx).bin(points, weights: weighted ? weights : nil)
    }

    /// Classes from the cells' values (the series' cells, when drawing one of a series).
    func classes(_ layer: LayerInput, _ ctx: PlanContext, cells: [ScreenBins.Cell]) -> ClassedValues {
        let ramp = encoding.resolvedRamp(ctx.style)
        var values = cells.map(\.value)
        if let series = ctx.spec.seriesEvents {
            let m = ctx.mapRect
            let question = "bins|\(viewName)|\(cellMM)|\(encoding.weight)|\(m.width)x\(m.height)|\(ctx.spec.region.bbox)|\(ctx.spec.seriesSlices ?? [])"
            values = SeriesMemo.shared.value(series, question) { seriesValues(series, ctx) }
        }
        return ClassedValues(values: values.filter { $0 > 0 }, scheme: encoding.classes, ramp: ramp, integral: true)
    }

    /// The values the series' frames or panels show, pooled.
    private func seriesValues(_ series: [Event], _ ctx: PlanContext) -> [Double] {
        var values: [Double] = []
        do {
            let projected = ctx.rc.frame.project(points: series.map(\.location))
            if let slices = ctx.spec.seriesSlices {
                // Panels: the values each panel shows, pooled.
                values = slices.flatMap { range -> [Double] in
                    let keep = series.indices.filter { range.contains(series[$0].date) }
                    return self.cells(events: keep.map { series[$0] }, projected: keep.map { projected[$0] }, ctx).map(\.value)
                }
            } else {
                // Cumulative frames: the last holds the whole series, whose cells bound every
                // frame's. (Frames of a sliding window come as slices, above.)
                values = self.cells(events: series, projected: projected, ctx).map(\.value)
            }
        }
        return values
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        let cells = self.cells(layer, ctx)
        let classed = classes(layer, ctx, cells: cells)
        let bins = self.bins(ctx)
        var plan = LayerPlan()
        var members = [Int](repeating: 0, count: classed.bounds.count)
        var byClass = [[CanvasPoint]](repeating: [], count: classed.bounds.count)
        for cell in cells where cell.value > 0 {
            let k = classed.classIndex(cell.value)
            byClass[k].append(cell.center)
            members[k] += 1
        }
        // Cells whose events report no deaths (a fatalities view) are outlined, not coloured.
        let zero = cells.filter { $0.value <= 0 }
        let opacity = encoding.opacity
        plan.paint = [{ rc in
            let c = rc.cairo
            // One path per class: a few fills, whatever the number of cells.
            for (k, centers) in byClass.enumerated() where !centers.isEmpty {
                c.newPath()
                for p in centers {
                    let o = bins.outline(p)
                    c.move(to: o[0].x, o[0].y)
                    for q in o.dropFirst() { c.line(to: q.x, q.y) }
                    c.closePath()
                }
                c.setColor(classed.colors[k].with(alpha: opacity))
                c.fill()
            }
            if !zero.isEmpty {
                c.newPath()
                for cell in zero {
                    let o = bins.outline(cell.center)
                    c.move(to: o[0].x, o[0].y)
                    for q in o.dropFirst() { c.line(to: q.x, q.y) }
                    c.closePath()
                }
                c.setColor(rc.style.leader.with(alpha: 0.6)); c.setLineWidth(0.4 * rc.pt); c.stroke()
            }
        }]
        plan.coversBase = true
        let drawn = cells.reduce(0) { $0 + $1.count }
        plan.drawnEventIDs = HexbinSymbolizer.idsInside(layer, ctx)
        plan.record.offFrame = layer.events.count - drawn
        plan.record.view = viewName
        var record = RenderManifest.Density(view: viewName, weight: encoding.weight.rawValue,
                                            ramp: encoding.resolvedRamp(ctx.style).description)
        record.classMethod = classed.method
        record.classes = classed.bounds.indices.map { k in
            .init(from: k == 0 ? classed.smallest : classed.bounds[k - 1] + 1, to: classed.bounds[k],
                  color: classed.colors[k].description, members: members[k])
        }
        record.cellSize = bins.size
        record.cellSizeMM = cellMM
        switch cellGround(ctx) {
        case .area(let km2): record.cellAreaKm2 = km2
        case .across(let km): record.cellAcrossKm = km
        case .page: break
        }
        record.cells = cells.map { .init(x: $0.center.x, y: $0.center.y, count: $0.count, value: $0.value) }
        record.events = drawn
        plan.record.density = record
        plan.legend = legend(classed, hasZero: !zero.isEmpty, heading: encoding.weight.heading(layer.events), ctx)
        return plan
    }

    private func legend(_ classed: ClassedValues, hasZero: Bool, heading: String, _ ctx: PlanContext) -> [LegendRow] {
        let what = shape == .hexagon ? "hexagon" : "square"
        var rows = [LegendRow(text: "\(heading) per \(what) (\(cellGround(ctx).words(mm: cellMM)))") { _, _, _ in }]
        let bins = self.bins(ctx)
        func swatch(_ color: Color?, outline: Bool = false) -> LegendSwatch {
            { rc, center, size in
                let c = rc.cairo
                let unit = ScreenBins(shape: bins.shape, size: size * 0.9, origin: .init(x: 0, y: 0))
                let o = unit.outline(center)
                c.newPath(); c.move(to: o[0].x, o[0].y)
                for q in o.dropFirst() { c.line(to: q.x, q.y) }
                c.closePath()
                if let color { c.setColor(color.with(alpha: encoding.opacity)); c.fill() }
                if outline { c.setColor(rc.style.leader); c.setLineWidth(0.5 * rc.pt); c.stroke() }
            }
        }
        for (text, color) in zip(classed.rangeTexts { MapText.number(Int($0)) }, classed.colors) {
            rows.append(LegendRow(text: text, symbol: swatch(color)))
        }
        if hasZero { rows.append(LegendRow(text: "Events, no deaths reported", symbol: swatch(nil, outline: true))) }
        return rows
    }
}

/// The layer types that draw a `BinnedView` (hexbin, grid): one cell size and one encoding, read,
/// written and drawn alike; each type names only its shape.
protocol CellDensitySymbolizer: Symbolizer {
    static var shape: ScreenBins.Shape { get }
    /// The cells' size across, in millimetres on the page.
    var cell: Double { get set }
    var encoding: DensityEncoding { get set }
    init(cell: Double, encoding: DensityEncoding)
}

private enum CellKeys: String, CodingKey, CaseIterable { case cell }

extension CellDensitySymbolizer {
    static var traits: SymbolizerTraits { .drawsEvents }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CellKeys>(decoder, alsoAllowed: ["type"] + DensityKeys.names)
        let cell = try r(.cell, 4.0)
        // A cell size is a length on the page: from half a millimetre to five centimetres.
        guard cell.isFinite, cell >= 0.5, cell <= 50 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CellKeys.cell],
                debugDescription: "a cell is 0.5 to 50 millimetres across on the page, e.g. 4"))
        }
        self.init(cell: cell, encoding: try DensityEncoding(from: decoder))
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CellKeys.self)
        try c.encode(cell, forKey: .cell)
        try encoding.encode(to: encoder)
    }

    var view: BinnedView { BinnedView(shape: Self.shape, cellMM: cell, encoding: encoding) }

    func plan(_ layer: LayerInput, in context: PlanContext) throws -> LayerPlan { try view.plan(layer, in: context) }
}
