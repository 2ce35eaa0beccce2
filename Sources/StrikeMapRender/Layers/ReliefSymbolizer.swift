import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Terrain: hill shading blended over the land, darker on slopes turned from the light (north-west)
/// and lighter on those facing it, so mountains read at a glance and plains stay the land colour.
/// By default the shading is Natural Earth's shaded relief (the committed Middle East extract,
/// or the whole world after `make world-basemap`), clipped to the land. With `raster`, it is a
/// user's GeoTIFF (or any raster GDAL reads): an elevation model is hill-shaded by StrikeMap, a
/// one-band 8-bit image is taken as a ready hillshade.
///
/// The image is reprojected here, pixel by pixel through the map's projection (PROJ, in one batch
/// on a coarse grid, interpolated between), so it lines up with the vector layers in any
/// projection and the default map never starts GDAL.
/// `{"type": "relief", "strength": "@reliefStrength"}`, `{"type": "relief", "raster": "dem.tif"}`.
struct ReliefSymbolizer: Symbolizer {
    static let type = "relief"
    static let traits: SymbolizerTraits = [.staticBase, .readsFiles, .needsLandOutline]
    /// How strongly the shading shows, 0 (not at all) to 1.
    var strength: SizeValue = "@reliefStrength"
    /// A raster file to shade with instead of the built-in relief.
    var raster: String?
    /// Vertical exaggeration of an elevation model (a user's raster only).
    var exaggeration: Double = 1
    /// Whether the shading is clipped to the basemap's land (the built-in relief has the sea floor too).
    var clipToLand: Bool?

    init(strength: SizeValue = "@reliefStrength", raster: String? = nil, exaggeration: Double = 1) {
        self.strength = strength; self.raster = raster; self.exaggeration = exaggeration
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case strength, raster, exaggeration, clipToLand }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        strength = try r(.strength, "@reliefStrength")
        raster = try r.optional(.raster)
        exaggeration = try r(.exaggeration, 1)
        clipToLand = try r.optional(.clipToLand)
        if case .literal(let s) = strength, !(s.isFinite && s >= 0 && s <= 1) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.strength],
                debugDescription: "the strength is a number from 0 (no shading) to 1, e.g. 0.5"))
        }
        if !(exaggeration.isFinite && exaggeration > 0 && exaggeration <= 100) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.exaggeration],
                debugDescription: "the exaggeration multiplies heights: a number above 0 up to 100, e.g. 2"))
        }
        if let raster, raster.isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.raster],
                debugDescription: "the raster is a file path, e.g. \"dem.tif\""))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if strength != "@reliefStrength" { try c.encode(strength, forKey: .strength) }
        try c.encodeIfPresent(raster, forKey: .raster)
        if exaggeration != 1 { try c.encode(exaggeration, forKey: .exaggeration) }
        try c.encodeIfPresent(clipToLand, forKey: .clipToLand)
    }

    var filesRead: [SymbolizerFile] { raster.map { [SymbolizerFile(key: "raster", path: $0, use: .terrain)] } ?? [] }

    func relocatingFiles(_ relocate: (SymbolizerFile) throws -> String) rethrows -> ReliefSymbolizer {
        var s = self
        if let f = filesRead.first { s.raster = try relocate(f) }
        return s
    }

    /// The shading for this map, nil when there is none for its area.
    private func source(_ ctx: PlanContext) throws -> (ShadeSource, complete: Bool)? {
        let box = ctx.rc.frame.visibleBox
        if let raster {
            let path = try ctx.spec.fileAccess.resolve(raster, key: "raster")
            return (try RasterShade.load(path: path, covering: box, exaggeration: exaggeration), true)
        }
        return ReliefGrid.covering(box).map { ($0.grid, $0.complete) }
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        let strength = strength.resolve(ctx.style)
        guard strength > 0, let (found, complete) = try source(ctx) else {
            if raster == nil { plan.record.relief = .init(source: nil, complete: false) }
            return plan
        }
        plan.record.relief = .init(source: found.source, complete: complete)
        // The shading is worked out when painted: a cached basemap never needs it.
        let land = ctx.below.landOutline, basemapLand = ctx.spec.basemap.land, m = ctx.mapRect
        plan.paint = [{ rc in try paint(found, strength: strength, land: land, basemapLand: basemapLand, mapRect: m, rc) }]
        return plan
    }

    private func paint(_ found: ShadeSource, strength: Double, land: LandOutline?, basemapLand: [Feature], mapRect m: CanvasRect,
                       _ rc: RenderContext) throws {
        let frame = rc.frame
        let kmPerUnit = frame.kmPerUnitAtCenter
        // One output pixel per device pixel, but no finer than half a relief cell: past that,
        // Cairo's bilinear filter enlarges the image as well as more samples would.
        let devicePixel = 1.0
        let shadeCellUnits = found.cellDegrees * 111.32 / kmPerUnit
        let cell = max(devicePixel, shadeCellUnits / 2)
        let cols = max(1, Int((m.width / cell).rounded(.up))), rows = max(1, Int((m.height / cell).rounded(.up)))
        let shade = found.forScale(degreesPerPixel: cell * kmPerUnit / 111.32)
        let places = Self.lonLats(frame: frame, origin: CanvasPoint(x: m.x, y: m.y), cell: cell, cols: cols, rows: rows)
        let flat = shade.flat
        // Below level: black; above: white; each reaching `strength` opacity at 70% of the way
        // to its extreme, so that sunlit slopes lift as much as shaded ones sink (shadows alone
        // read as dirt on a light land colour). Shades within `calm` below level are left alone,
        // so broad lowlands (Natural Earth's image tints them darker) keep the land colour: only
        // slopes shade, as on a hand-drawn locator map.
        let calm = shade.calm, lightCalm = min(calm, 4)
        let darkGain = strength / ((flat - calm) * 0.7), lightGain = strength / ((255 - flat - lightCalm) * 0.7)
        var values = [Double](repeating: .nan, count: cols * rows)
        shade.shades(lons: places.lons, lats: places.lats, into: &values)
        var pixels = [UInt32](repeating: 0, count: cols * rows)
        for i in pixels.indices {
            let v = values[i]
            guard v.isFinite else { continue }
            if v < flat {
                let a = min(strength, max(0, flat - v - calm) * darkGain)
                pixels[i] = UInt32((a * 255).rounded()) << 24
            } else {
                let a = min(strength, max(0, v - flat - lightCalm) * lightGain)
                let c = UInt32((a * 255).rounded())
                pixels[i] = c << 24 | c << 16 | c << 8 | c
            }
        }
        let image = try CairoSurface(premultipliedARGB: pixels, width: cols, height: rows)
        let c = rc.cairo
        c.save()
        if clipToLand ?? (raster == nil) {
            c.newPath()
            if let land = land?.path {
                land.append(to: c)
            } else {
                for f in basemapLand {
                    guard let b = f.bbox, b.intersects(rc.cullBox), case .polygons(let polys) = f.geometry else { continue }
                    for poly in polys { for ring in poly { rc.addPath(ring, close: true) } }
                }
            }
            c.setEvenOddFill()
            c.clip()
        }
        c.paint(image, x: m.x, y: m.y, scale: cell)
        c.restore()
    }

    /// The longitude and latitude at the centre of every output pixel, row by row: exact at every
    /// eighth pixel (one PROJ batch), interpolated between, where the projection is smooth. A
    /// block whose corners straddle the antimeridian or leave the projection's domain is
    /// computed pixel by pixel.
    static func lonLats(frame: MapFrame, origin: CanvasPoint, cell: Double, cols: Int, rows: Int) -> (lons: [Double], lats: [Double]) {
        let step = 8
        let gc = cols / step + 2, gr = rows / step + 2
        func projected(_ px: Double, _ py: Double) -> (Double, Double) {
            let c = CanvasPoint(x: origin.x + px * cell, y: origin.y + py * cell)
            return ((c.x - frame.rect.x - frame.rect.width / 2) / frame.scale + frame.centerX,
                    -(c.y - frame.rect.y - frame.rect.height / 2) / frame.scale + frame.centerY)
        }
        var gx = [Double](), gy = [Double]()
        gx.reserveCapacity(gc * gr); gy.reserveCapacity(gc * gr)
        for j in 0..<gr {
            for i in 0..<gc {
                let (x, y) = projected(Double(i * step) + 0.5, Double(j * step) + 0.5)
                gx.append(x); gy.append(y)
            }
        }
        frame.projection.inverse(xs: &gx, ys: &gy)
        func ok(_ v: Double) -> Bool { v.isFinite && abs(v) < 1e10 }
        var lons = [Double](repeating: .nan, count: cols * rows), lats = lons
        var exact: [Int] = []
        for bj in 0..<(gr - 1) where bj * step < rows {
            for bi in 0..<(gc - 1) where bi * step < cols {
                let a = bj * gc + bi, b = a + 1, c = a + gc, d = c + 1
                let x0 = bi * step, x1 = min(cols, x0 + step), y0 = bj * step, y1 = min(rows, y0 + step)
                let smooth = ok(gx[a]) && ok(gx[b]) && ok(gx[c]) && ok(gx[d]) && ok(gy[a]) && ok(gy[b]) && ok(gy[c]) && ok(gy[d])
                    && max(gx[a], gx[b], gx[c], gx[d]) - min(gx[a], gx[b], gx[c], gx[d]) < 90
                for j in y0..<y1 {
                    if !smooth { for i in x0..<x1 { exact.append(j * cols + i) }; continue }
                    let ty = Double(j - y0) / Double(step)
                    let lonL = gx[a] * (1 - ty) + gx[c] * ty, lonR = gx[b] * (1 - ty) + gx[d] * ty
                    let latL = gy[a] * (1 - ty) + gy[c] * ty, latR = gy[b] * (1 - ty) + gy[d] * ty
                    for i in x0..<x1 {
                        let tx = Double(i - x0) / Double(step)
                        lons[j * cols + i] = lonL + (lonR - lonL) * tx
                        lats[j * cols + i] = latL + (latR - latL) * tx
                    }
                }
            }
        }
        if !exact.isEmpty {
            var xs = [Double](), ys = [Double]()
            xs.reserveCapacity(exact.count); ys.reserveCapacity(exact.count)
            for k in exact {
                let (x, y) = projected(Double(k % cols) + 0.5, Double(k / cols) + 0.5)
                xs.append(x); ys.append(y)
            }
            frame.projection.inverse(xs: &xs, ys: &ys)
            for (n, k) in exact.enumerated() where ok(xs[n]) && ok(ys[n]) { lons[k] = xs[n]; lats[k] = ys[n] }
        }
        return (lons, lats)
    }

    func legendSwatch(_ layer: LayerInput) -> LegendSwatch? { nil }
}
