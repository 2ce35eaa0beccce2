import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Frames, small multiples and the timeline strip.
@Suite struct TimeTests {
    static let from = CivilDate(year: 2023, month: 10, day: 17)!
    static let to = CivilDate(year: 2023, month: 11, day: 22)!

    @Test func dailyCumulativeFramesShareTheirLayout() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frames-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var base = Fixture.spec(events: [])
        base.widthPx = 800; base.heightPx = 600; base.dpi = 100
        let series = FrameSeries(base: base, events: Fixture.events, from: Self.from, to: Self.to, step: .day, span: .cumulative)
        let plan = try series.frames(outDir: dir.path, format: .png)
        #expect(plan.count == 37)
        #expect(plan.first?.path.hasSuffix("frame-0001.png") == true && plan.last?.path.hasSuffix("frame-0037.png") == true)
        let manifests = try series.render(plan, format: .png, threads: 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.count == 37)
        // The same extent, legend place and scale in every frame.
        for m in manifests {
            #expect(m.mapFrame == manifests[0].mapFrame)
            #expect(m.legendBox == manifests[0].legendBox)
            #expect(m.legend.count == manifests[0].legend.count)
            #expect(abs(m.kmPerPixel - manifests[0].kmPerPixel) < 1e-9)
            #expect(m.title == manifests[0].title)
        }
        // Cumulative: each frame holds every event up to its day, and the last holds them all.
        for (f, m) in zip(plan, manifests) {
            #expect(m.eventCount == Fixture.events.filter { $0.date <= f.date }.count)
        }
        #expect(manifests.last!.markers.flatMap(\.eventIDs).count == Fixture.events.count)
        // The newest day's events are at full strength; earlier ones faded (drawn, not lost).
        let last = manifests.last!
        #expect(last.legend.contains("Earlier in the period shown"))
    }

    /// The same frames, drawn on one thread or several, are the same bytes.
    @Test func framesDoNotDependOnTheThreadCount() throws {
        var base = Fixture.spec(events: [])
        base.widthPx = 500; base.heightPx = 375; base.dpi = 60
        let series = FrameSeries(base: base, events: Fixture.events, from: Self.from,
                                 to: Self.from.adding(days: 5), step: .day, span: .window(days: 3))
        var outputs: [[Data]] = []
        for threads in [1, 2] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("threads-\(UUID())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            for format in [OutputFormat.png, .svg] {
                let plan = try series.frames(outDir: dir.path, format: format)
                _ = try series.render(plan, format: format, threads: threads)
                outputs.append(try plan.map { try Data(contentsOf: URL(fileURLWithPath: $0.path)) })
            }
        }
        #expect(outputs[0] == outputs[2], "PNG frames differ between 1 and 2 threads")
        #expect(outputs[1] == outputs[3], "SVG frames differ between 1 and 2 threads")
    }

    @Test func weeklyWindowFrames() throws {
        var base = Fixture.spec(events: [])
        base.widthPx = 600; base.heightPx = 450; base.dpi = 80
        let series = FrameSeries(base: base, events: Fixture.events, from: Self.from, to: Self.to, step: .week,
                                 span: .window(days: 14))
        let plan = try series.frames(outDir: "/tmp", format: .png)
        #expect(plan.count == 6)  // 37 days in weeks of 7, the last one short
        #expect(plan.last!.date == Self.to)
        for f in plan {
            let spec = series.spec(for: f, total: plan.count)
            #expect(spec.events.allSatisfy { $0.date <= f.date && $0.date > f.date.adding(days: -14) })
            #expect(spec.subtitle?.contains("frame \(f.number) of 6") == true)
        }
    }

    @Test func facetsPanelEveryWeek() throws {
        var spec = Fixture.spec()
        spec.dateRange = try DateRange(from: Self.from, to: Self.to)
        let path = Fixture.tempPath("png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (m, panels) = try FacetRenderer(spec: spec, period: .week).write(to: path, format: .png)
        #expect(panels.count == 6)
        #expect(panels.reduce(0) { $0 + $1.events } == Fixture.events.count)
        #expect(Set(m.markers.flatMap(\.eventIDs)) == Set(Fixture.events.map(\.id)))
        // Same size panels that do not overlap.
        for p in panels {
            #expect(abs(p.rect[2] - panels[0].rect[2]) < 0.01 && abs(p.rect[3] - panels[0].rect[3]) < 0.01)
        }
        for (i, a) in panels.enumerated() {
            for b in panels[(i + 1)...] {
                let ra = CanvasRect(x: a.rect[0], y: a.rect[1], width: a.rect[2], height: a.rect[3])
                #expect(!ra.intersects(CanvasRect(x: b.rect[0], y: b.rect[1], width: b.rect[2], height: b.rect[3])))
            }
        }
        let months = FacetRenderer(spec: spec, period: .month).periods()
        #expect(months.map(\.title) == ["October 2023", "November 2023"])
    }

    @Test func timelineBarsMatchTheDailyCounts() throws {
        var spec = Fixture.spec(range: try DateRange.parse(from: "2023-11-01", to: "2023-11-15"))
        spec.timeline = TimelineSpec(events: Fixture.events)
        let (surface, m) = try MapRenderer(spec: spec).renderImage()
        let bars = try #require(m.timeline)
        #expect(bars.count == 37)
        let perDay = Dictionary(grouping: Fixture.events, by: { $0.date.description })
        let maxCount = perDay.values.map(\.count).max()!
        let tallest = bars.map(\.height).max()!
        for b in bars {
            let events = perDay[b.date] ?? []
            #expect(b.attacks == events.filter { $0.kind == .attack }.count, "\(b.date)")
            #expect(b.strikes == events.filter { $0.kind == .strike }.count, "\(b.date)")
            // Heights are proportional to the day's total.
            #expect(abs(b.height - tallest * Double(events.count) / Double(maxCount)) < 0.01, "\(b.date)")
            #expect(b.highlighted == (b.date >= "2023-11-01" && b.date <= "2023-11-15"))
        }
        // Drawn as counted: a highlighted attack day is attack-coloured just above the baseline,
        // and a day without events is bare there.
        let image = surface.raster()
        let day = try #require(bars.first { $0.highlighted && $0.attacks > 0 })
        #expect(image.pixel(x: day.x, y: day.baseline - 2, isNear: MapStyle.house.attack))
        #expect(day.baseline > m.mapFrame[1] + m.mapFrame[3])
        let empty = try #require(bars.first { $0.attacks + $0.strikes + $0.other == 0 })
        #expect(!image.pixel(x: empty.x, y: empty.baseline - 2, isNear: MapStyle.house.attack, tolerance: 60))
    }

    /// An event dated only to a span (UCDP: date_start to date_end) is spread over the span's days,
    /// never drawn whole on its first day: each day of a 5-day span holds a fifth of it, the bars'
    /// spread adds up to the spanned events, and their dated counts leave them out.
    @Test func eventsDatedToASpanAreSpreadOverIt() throws {
        var events = Array(Fixture.events.prefix(10))
        let start = CivilDate(year: 2023, month: 11, day: 3)!
        for k in 0..<3 {
            var e = events[k]
            e.id = "span-\(k)"
            e.date = start
            e.uncertainty = Uncertainty(dateEnd: start.adding(days: 4), datePrecision: .week)
            events.append(e)
        }
        var spec = Fixture.spec(range: try DateRange.parse(from: "2023-10-17", to: "2023-11-22"))
        spec.timeline = TimelineSpec(events: events)
        let (_, m) = try MapRenderer(spec: spec).renderImage()
        let bars = try #require(m.timeline)
        let spanned = bars.filter { ($0.spread ?? 0) > 0 }
        #expect(spanned.map(\.date) == (0..<5).map { start.adding(days: $0).description })
        for b in spanned { #expect(abs(b.spread! - 3.0 / 5) < 1e-9, "\(b.date)") }
        #expect(abs(bars.reduce(0) { $0 + ($1.spread ?? 0) } - 3) < 1e-9)
        // The dated counts hold only the events dated to a day.
        let dated = events.filter { $0.uncertainty.dateEnd == nil }
        #expect(bars.reduce(0) { $0 + $1.attacks + $1.strikes + $1.other } == dated.count)
        let first = try #require(bars.first { $0.date == start.description })
        #expect(first.attacks + first.strikes + first.other == dated.filter { $0.date == start }.count)
    }

    /// Frames show an event dated only to a span from the span's last day, never its first, and
    /// say so in the subtitle of every frame that holds one.
    @Test func framesShowASpanFromItsLastDay() throws {
        var events = Array(Fixture.events.prefix(6))
        var e = events[0]
        e.id = "span"
        e.date = CivilDate(year: 2023, month: 11, day: 1)!
        e.uncertainty = Uncertainty(dateEnd: CivilDate(year: 2023, month: 11, day: 7)!, datePrecision: .week)
        events.append(e)
        let spec = Fixture.spec(range: try DateRange.parse(from: "2023-10-17", to: "2023-11-22"))
        let series = FrameSeries(base: spec, events: events, from: Self.from, to: Self.to, step: .day, span: .cumulative)
        let frames = try series.frames(outDir: "/tmp", format: .png)
        for f in frames {
            let s = series.spec(for: f, total: frames.count)
            let holds = s.events.contains { $0.id == "span" }
            #expect(holds == (f.date >= CivilDate(year: 2023, month: 11, day: 7)!), "\(f.date)")
            #expect((s.subtitle ?? "").contains("dated only to a span") == holds, "\(f.date): \(s.subtitle ?? "")")
        }
    }
}
