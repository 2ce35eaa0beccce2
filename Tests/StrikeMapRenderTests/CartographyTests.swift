import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// What a graphics desk checks: labels, symbols in grayscale, print size, editable text, themes.
@Suite struct CartographyTests {
    /// 80 made-up sites spread over Iraq and Syria with 200 events among them.
    static func denseSpec() -> MapSpec {
        var rng = SeededRandom(seed: 42)
        var sites: [Site] = []
        for i in 0..<80 {
            let lat = 30.5 + rng.next() * 6.5, lon = 38.5 + rng.next() * 9
            sites.append(Site(id: "s\(i)", name: "Site \(i) \(["Alpha", "Bravo", "Charlie", "Delta"][i % 4])",
                              kind: .garrison, country: lon < 41.5 && lat > 33 ? "SY" : "IQ",
                              location: GeoPoint(lat: lat, lon: lon), precision: "exact", source: "synthetic"))
        }
        let gazetteer = Gazetteer(sites: sites + Fixture.catalog.gazetteer.sites)
        var events: [Event] = []
        for i in 0..<200 {
            let site = sites[Int(rng.next() * 80) % 80]
            events.append(Event(id: "d\(i)", date: CivilDate(year: 2023, month: 11, day: 1 + i % 28)!,
                                kind: i % 3 == 0 ? .strike : .attack, weapon: [.drone, .rocket, .aircraft][i % 3],
                                siteID: site.id, siteName: site.name, location: site.location,
                                country: site.country, confidence: i % 7 == 0 ? .claimed : .confirmed, sources: ["synthetic"]))
        }
        var spec = MapSpec(region: Fixture.region, basemap: Fixture.basemap, gazetteer: gazetteer, events: events)
        spec.symbology = Fixture.sampleSymbology
        spec.widthPx = 1600
        spec.heightPx = 1200
        return spec
    }

    static func checkNoCollisions(_ m: RenderManifest, file: String) {
        let frame = CanvasRect(x: m.mapFrame[0], y: m.mapFrame[1], width: m.mapFrame[2], height: m.mapFrame[3])
        for (i, a) in m.labels.enumerated() {
            #expect(frame.contains(a.rect), "\(file): \(a.text) crosses the frame")
            for b in m.labels[(i + 1)...] {
                #expect(!a.rect.intersects(b.rect), "\(file): '\(a.text)' overlaps '\(b.text)'")
            }
            for mk in m.markers {
                let r = mk.radius * 0.95
                #expect(!a.rect.intersects(CanvasRect(x: mk.x - r, y: mk.y - r, width: 2 * r, height: 2 * r)),
                        "\(file): '\(a.text)' covers a marker")
            }
        }
    }

    /// No panel (legend, scale bar, inset) covers a drawn marker or a density view's cell.
    static func checkPanelsClear(_ m: RenderManifest, file: String) {
        let frame = CanvasRect(x: m.mapFrame[0], y: m.mapFrame[1], width: m.mapFrame[2], height: m.mapFrame[3])
        let panels = [("legend", m.legendBox), ("inset", m.insetBox ?? []), ("scale bar", m.scaleBox ?? [])]
            .filter { $0.1.count == 4 }.map { ($0.0, CanvasRect(x: $0.1[0], y: $0.1[1], width: $0.1[2], height: $0.1[3])) }
        var marks = m.markers.map { CanvasRect(x: $0.x - $0.radius, y: $0.y - $0.radius, width: 2 * $0.radius, height: 2 * $0.radius) }
        if let d = m.density, let s = d.cellSize { marks += d.cells.map { CanvasRect(x: $0.x - s / 2, y: $0.y - s / 2, width: s, height: s) } }
        for (name, p) in panels {
            for mark in marks {
                // Marks are clipped to the frame: a panel outside it covers none.
                let seen = CanvasRect(x: max(mark.x, frame.x), y: max(mark.y, frame.y),
                                      width: min(mark.maxX, frame.maxX) - max(mark.x, frame.x),
                                      height: min(mark.maxY, frame.maxY) - max(mark.y, frame.y))
                guard seen.width > 0, seen.height > 0 else { continue }
                #expect(!p.intersects(seen), "\(file): the \(name) covers a mark at \(mark)")
            }
        }
    }

    @Test func denseMapHasNoCollisionsAndCountsWhatItDrops() throws {
        let spec = Self.denseSpec()
        let (_, m) = try MapRenderer(spec: spec).renderImage()
        #expect(m.markers.flatMap(\.eventIDs).count == 200)
        Self.checkNoCollisions(m, file: "dense")
        Self.checkPanelsClear(m, file: "dense")
        // No corner of this map is free of markers for the legend: it goes under the map.
        let frame = m.mapFrame
        #expect(m.legendBox.count == 4 && m.legendBox[1] >= frame[1] + frame[3], "\(m.legendBox)")
        let siteLabels = m.labels.filter { $0.role == "site" }
        // Every site with a marker is either labelled or counted as dropped.
        // (A marker merging sites a few millimetres apart is named after its busiest, "... area".)
        let names = Set(m.markers.compactMap(\.site).map { id in spec.gazetteer[id]!.name })
        for n in names {
            #expect(siteLabels.contains { $0.text == n || $0.text == n + " area" } || m.droppedLabels.contains { $0 == n || $0 == n + " area" },
                    "\(n) vanished")
        }
        // (The map is shorter by the legend's strip: it was over 40 with the legend in a corner, over
        // markers; 35 while leaders could cross other markers.)
        #expect(siteLabels.count > 22)
        Self.checkLeadersCrossNoMarker(m, file: "dense")
        // The label budget: names other than the countries' cover at most an eighth of the frame.
        let named = m.labels.filter { $0.role != "country" }.reduce(0.0) { $0 + $1.width * $1.height }
        #expect(named <= MapComposer.labelShare * frame[2] * frame[3] + 1, "\(named) of \(frame[2] * frame[3])")
    }

    /// A small page of a crowded map keeps its names to an eighth of the frame (the rest are
    /// counted as dropped), and never drops a country's name for a village's.
    @Test func theLabelBudgetFollowsThePagesArea() throws {
        var spec = Self.denseSpec()
        spec.widthPx = 900; spec.heightPx = 700; spec.dpi = 110
        let (_, m) = try MapRenderer(spec: spec).renderImage()
        let frame = m.mapFrame
        let named = m.labels.filter { $0.role != "country" }.reduce(0.0) { $0 + $1.width * $1.height }
        #expect(named <= MapComposer.labelShare * frame[2] * frame[3] + 1, "\(named) of \(frame[2] * frame[3])")
        #expect(named >= 0.8 * MapComposer.labelShare * frame[2] * frame[3], "the budget did not bind: \(named)")
        #expect(!m.droppedLabels.isEmpty)
        #expect(m.labels.contains { $0.role == "country" })
        Self.checkNoCollisions(m, file: "small dense")
    }

    /// No leader line of an event site's label passes over a marker other than the one it names
    /// (a leader over a marker reads as pointing at it).
    static func checkLeadersCrossNoMarker(_ m: RenderManifest, file: String) {
        var leaders = 0
        for l in m.labels where l.role == "site" {
            guard let s = l.leaderLine, s.count == 4 else { continue }
            leaders += 1
            let a = CanvasPoint(x: s[0], y: s[1]), b = CanvasPoint(x: s[2], y: s[3])
            // Its own marker: the one whose edge the leader starts at.
            let own = m.markers.min { hypot($0.x - a.x, $0.y - a.y) - $0.radius < hypot($1.x - a.x, $1.y - a.y) - $1.radius }
            for mk in m.markers where mk.x != own?.x || mk.y != own?.y {
                let dx = b.x - a.x, dy = b.y - a.y
                let t = max(0, min(1, ((mk.x - a.x) * dx + (mk.y - a.y) * dy) / max(1e-9, dx * dx + dy * dy)))
                let d = hypot(a.x + t * dx - mk.x, a.y + t * dy - mk.y)
                #expect(d >= mk.radius - 0.5, "\(file): the leader of '\(l.text)' crosses a marker at \(mk.x), \(mk.y)")
            }
        }
        #expect(leaders > 0, "\(file): no leader to check")
    }

    @Test(arguments: [Aggregation.none, .site, .grid])
    func everyAggregationDrawsEveryEventOnce(mode: Aggregation) throws {
        var spec = Self.denseSpec()
        spec.aggregate = mode
        let (_, m) = try MapRenderer(spec: spec).renderImage()
        let ids = m.markers.flatMap(\.eventIDs)
        #expect(ids.count == 200 && Set(ids).count == 200)
        switch mode {
        // One marker per event, but events that would overlap past the shift limit are merged.
        case .none: #expect(m.markers.filter { ($0.sites ?? 1) == 1 }.allSatisfy { $0.count >= 1 } && m.markers.count > 100)
        case .site: #expect(m.markers.count < 200)
        case .grid: #expect(m.markers.count <= (try MapRenderer(spec: Self.denseSpec()).renderImage().1.markers.count))
        }
        Self.checkNoCollisions(m, file: "dense-\(mode)")
    }

    @Test func attackAndStrikeStayDistinctInGrayscale() throws {
        let (surface, m) = try MapRenderer(spec: Fixture.spec()).renderImage()
        let image = surface.raster()
        func gray(_ x: Double, _ y: Double) -> Double {
            let p = image.pixel(x: Int(x.rounded()), y: Int(y.rounded()))!
            return (0.2126 * Double(p.r) + 0.7152 * Double(p.g) + 0.0722 * Double(p.b)) / 255
        }
        let attack = try #require(m.markers.first { $0.site == "al-asad-ab" && !$0.hollow })
        let strike = try #require(m.markers.filter { $0.kind == "strike" }.max { $0.radius < $1.radius })
        // Grey value alone separates them...
        let ga = gray(attack.x, attack.y + attack.radius * 0.6), gs = gray(strike.x, strike.y + strike.radius * 0.6)
        #expect(abs(ga - gs) > 0.1, "attack \(ga) vs strike \(gs)")
        // ...and so does shape: a diamond reaches further along the axes, a circle further on the diagonals.
        func inside(_ mk: RenderManifest.Marker, _ dx: Double, _ dy: Double) -> Bool {
            let own = gray(mk.x, mk.y + mk.radius * 0.6)
            return abs(gray(mk.x + dx * mk.radius, mk.y + dy * mk.radius) - own) < 0.06
        }
        // Circle: reaches 0.71 r along the diagonal, r along the axis. Diamond (1.25 r): 0.625 r and 1.25 r.
        // (Sampled on the left, away from the count badge, neighbours and leader lines on the right.)
        #expect(inside(attack, -0.62, 0.62) && !inside(attack, -1.12, 0))
        #expect(!inside(strike, -0.72, 0.72) && inside(strike, -1.05, 0))
    }

    @Test func pngRecordsItsPrintSize() throws {
        var spec = Fixture.spec()
        spec.dpi = 300
        spec.widthPx = Int((16 / 2.54 * 300).rounded())
        spec.heightPx = Int((10 / 2.54 * 300).rounded())
        let path = Fixture.tempPath("png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MapRenderer(spec: spec).write(to: path, format: .png)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let chunks = PNGChunks(data)
        let phys = try #require(chunks["pHYs"])
        let ppm = phys.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        #expect(ppm == 11811 && phys.last == 1)  // 300 dpi in pixels per metre
        #expect(String(decoding: chunks["tEXt"] ?? Data(), as: UTF8.self).hasPrefix("Title\0Attacks on US forces"))
        let image = try CairoSurface(pngFile: path)
        #expect(image.width == 1890 && image.height == 1181)
    }

    @Test func svgTextIsRealTextAndEscaped() throws {
        let odd = Site(id: "odd", name: "<b>&\"", kind: .garrison, country: "IQ",
                       location: GeoPoint(lat: 32.0, lon: 41.0), precision: "exact", source: "test")
        var spec = Fixture.spec(events: [Event(id: "x", date: CivilDate(year: 2023, month: 11, day: 1)!, kind: .attack,
                                               siteID: "odd", siteName: odd.name, location: odd.location, country: "IQ")])
        spec.gazetteer = Gazetteer(sites: Fixture.catalog.gazetteer.sites + [odd])
        let path = Fixture.tempPath("svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let m = try MapRenderer(spec: spec).write(to: path, format: .svg)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(XMLParser(data: data).parse())
        let svg = String(decoding: data, as: UTF8.self)
        #expect(svg.contains(">&lt;b&gt;&amp;&quot;</text>"))
        #expect(svg.contains("<title>\(m.title)</title>") && svg.contains("<desc>"))
        // Every placed label is a <text> element.
        for l in m.labels { #expect(svg.contains(">\(SVGPostProcessor.escape(l.text))</text>"), "\(l.text)") }
        // With --svg-text outline, no text elements.
        spec.svgText = .outline
        try MapRenderer(spec: spec).write(to: path, format: .svg)
        #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("<text"))
    }

    @Test func styleFileOverridesAndRejectsTypos() throws {
        let path = Fixture.tempPath("json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ##"{"sea": "#FF0000", "showRivers": false, "titleSize": 20}"##.write(toFile: path, atomically: true, encoding: .utf8)
        let s = try MapStyle.house.overridden(byFile: path)
        #expect(s.sea == Color.hex("#FF0000") && !s.showRivers && s.titleSize == 20 && s.land == MapStyle.house.land)
        try ##"{"seaColour": "#FF0000"}"##.write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try MapStyle.house.overridden(byFile: path); Issue.record("accepted a typo") } catch {
            #expect("\(error)".contains("unknown key; did you mean"))
        }
        try ##"{"sea": "blue"}"##.write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try MapStyle.house.overridden(byFile: path); Issue.record("accepted a bad colour") } catch {
            #expect("\(error)".contains("is not a colour"))
        }
    }

    @Test func captionIsAccurate() throws {
        let spec = Fixture.spec()
        let (_, m) = try MapRenderer(spec: spec).renderImage()
        let text = MapCaption.paragraph(spec: spec, manifest: m)
        let attacks = Fixture.events.filter { $0.kind == .attack }.count
        #expect(text.hasPrefix("Map of Iraq and Syria showing \(attacks) attacks and 7 strikes"))
        #expect(text.contains("between 17 October 2023 and 22 November 2023"))
        #expect(text.contains("Al-Asad Air Base (10)"))
        let html = MapCaption.embed(.html, path: "a b.png", spec: spec, manifest: m)
        #expect(html.contains("<img src=\"a b.png\" alt=\"Map of Iraq") && html.contains("<figcaption>"))
        // A Markdown snippet keeps the data's text as text: no raw HTML, no stray emphasis or link.
        var hostile = spec
        hostile.title = "Raids <script>alert(1)</script> *near* [here](x)"
        let (_, hm) = try MapRenderer(spec: hostile).renderImage()
        let md = MapCaption.embed(.md, path: "maps/a (1).png", spec: hostile, manifest: hm)
        #expect(!md.contains("<script>"))
        #expect(md.contains("Raids &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*near\\* \\[here\\]\\(x\\)"), "\(md)")
        #expect(md.contains("](maps/a%20%281%29.png)"))
    }

    /// The default map in each theme matches its golden image, within a tolerance for
    /// anti-aliasing. STRIKEMAP_UPDATE_GOLDEN=1 rewrites the goldens (then look at them).
    @Test(arguments: Theme.allCases)
    func goldenImage(theme: Theme) throws {
        var spec = Fixture.spec(width: 800, height: 600)
        spec.dpi = 100
        spec.style = theme.style
        let (surface, _) = try MapRenderer(spec: spec).renderImage()
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden/default-\(theme.rawValue).png")
        if ProcessInfo.processInfo.environment["STRIKEMAP_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try surface.writePNG(to: golden.path)
        }
        let expected = try CairoSurface(pngFile: golden.path).raster()
        let actual = surface.raster()
        #expect(expected.width == actual.width && expected.height == actual.height)
        var differing = 0
        for i in stride(from: 0, to: min(expected.rgba.count, actual.rgba.count), by: 4) {
            let d = (0..<3).map { abs(Int(expected.rgba[i + $0]) - Int(actual.rgba[i + $0])) }.max()!
            if d > 40 { differing += 1 }
        }
        let share = Double(differing) / Double(actual.width * actual.height)
        #expect(share < 0.005, "\(theme): \(String(format: "%.2f", share * 100))% of pixels differ from \(golden.lastPathComponent)")
    }
}

/// A small deterministic generator, so synthetic maps are the same every run.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

/// PNG chunks by type (the first of each).
struct PNGChunks {
    var chunks: [String: Data] = [:]
    init(_ d: Data) {
        var i = 8
        let bytes = [UInt8](d)
        while i + 8 <= bytes.count {
            let n = bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            if chunks[type] == nil { chunks[type] = Data(bytes[(i + 8)..<min(bytes.count, i + 8 + n)]) }
            i += 12 + n
        }
    }
    subscript(t: String) -> Data? { chunks[t] }
}

@Suite struct LegendPlacementTests {
    @Test func smallPrintMapsPutTheLegendUnderTheMap() throws {
        var spec = Fixture.spec()
        spec.dpi = 254
        spec.widthPx = Int((16 / 2.54 * 254).rounded())
        spec.heightPx = Int((12 / 2.54 * 254).rounded())
        let (_, m) = try MapRenderer(spec: spec).renderImage()
        let frameBottom = m.mapFrame[1] + m.mapFrame[3]
        #expect(m.legendBox[1] > frameBottom, "legend at \(m.legendBox) should be under the frame ending at \(frameBottom)")
        #expect(m.legend.contains("US strike (7)"))
        // The default size keeps it in a corner of the map.
        let (_, d) = try MapRenderer(spec: Fixture.spec()).renderImage()
        #expect(d.legendBox[1] + d.legendBox[3] <= d.mapFrame[1] + d.mapFrame[3])
    }
}

@Suite struct PNGEncoderTests {
    /// The encoder's output decodes (by cairo's libpng reader) to exactly the pixels drawn, at
    /// the fastest (the default), a middle and the smallest level.
    @Test(arguments: [Int32(1), 6, 12])
    func roundTrip(level: Int32) throws {
        var spec = Fixture.spec(width: 700, height: 500)
        spec.dpi = 90
        let (surface, _) = try MapRenderer(spec: spec).renderImage()
        let original = surface.raster()
        let path = Fixture.tempPath("png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let raw = try PNGEncoder.encode(surface, settings: .init(level: level))
        try raw.write(to: URL(fileURLWithPath: path))
        let decoded = try CairoSurface(pngFile: path).raster()
        #expect(decoded.rgba == original.rgba)
        // A zlib stream (libpng checks its Adler-32) that compresses a map's kind of bytes.
        let bytes = (0..<3_000_000).map { UInt8(($0 / 977) % 251) }
        let z = try PNGEncoder.zlibStream(bytes, settings: .init(level: level))
        #expect(z.first == 0x78)
        #expect(z.count < bytes.count / 4)
    }

    /// A translucent image is written as RGBA and reads back with its alpha (within the rounding
    /// of cairo's premultiplied pixels).
    @Test func translucentPixelsKeepTheirAlpha() throws {
        let surface = try CairoSurface(.image(width: 64, height: 48))
        let context = try CairoContext(surface: surface)
        context.setColor(Color(r: 0.8, g: 0.2, b: 0.1, a: 0.5))
        context.rectangle(8, 8, 40, 24)
        context.fill()
        let path = Fixture.tempPath("png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let png = try PNGEncoder.encode(surface)
        #expect(png[25] == 6)  // IHDR colour type: RGBA
        try png.write(to: URL(fileURLWithPath: path))
        let decoded = try CairoSurface(pngFile: path).raster(), original = surface.raster()
        #expect(decoded.pixel(x: 20, y: 20)!.a == original.pixel(x: 20, y: 20)!.a)
        #expect(decoded.pixel(x: 2, y: 2)!.a == 0)
        #expect(zip(decoded.rgba, original.rgba).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
    }
}
