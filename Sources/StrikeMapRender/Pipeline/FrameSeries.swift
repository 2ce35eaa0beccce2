import Dispatch
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// One map per step over a date range, for flipping through or assembling into a video. Every
/// frame shares the extent, legend entries, panel corners and scale; the newest step's events are
/// drawn at full strength and earlier ones faded. Frames render in parallel; the basemap is read
/// once and, for PNG, drawn once.
public struct FrameSeries: Sendable {
    public enum Step: String, Sendable, CaseIterable { case day, week }
    public enum Span: Sendable, Equatable {
        /// The last `days` days up to the frame's date.
        case window(days: Int)
        /// Everything from the start of the series up to the frame's date.
        case cumulative
    }

    public struct Frame: Sendable {
        public var number: Int
        /// The last day the frame covers.
        public var date: CivilDate
        /// The events it shows.
        public var range: DateRange
        /// Events from this day on are "new" in this frame.
        public var newSince: CivilDate
        public var path: String
    }

    public var base: MapSpec
    public var events: [Event]
    public var from: CivilDate
    public var to: CivilDate
    public var step: Step
    public var span: Span

    public init(base: MapSpec, events: [Event], from: CivilDate, to: CivilDate, step: Step, span: Span) {
        self.base = base
        // An event dated only to a span (an event of "June 2016": UCDP's date_start to date_end)
        // enters the frames on the span's last day, when it is known to have happened, never on
        // its first: its date here is the span's end (`spansMoved` counts them in a frame).
        self.events = Self.datedForFrames(events)
        self.from = from
        self.to = to
        self.step = step
        self.span = span
    }

    public static let maxFrames = 2000

    public func frames(outDir: String, format: OutputFormat) throws -> [Frame] {
        let stepDays = step == .day ? 1 : 7
        let count = (to.dayNumber - from.dayNumber) / stepDays + 1
        guard count <= Self.maxFrames else {
            throw RenderError.tooMuch(what: "\(count) frames", limit: Self.maxFrames, fix: "use --every week or a shorter range")
        }
        return try (0..<count).map { i in
            let end = from.adding(days: (i + 1) * stepDays - 1)
            let date = min(end, to)
            let newSince = from.adding(days: i * stepDays)
            let start: CivilDate
            switch span {
            case .cumulative: start = from
            case .window(let days): start = max(from, date.adding(days: -(days - 1)))
            }
            let name = String(format: "frame-%04d.%@", i + 1, format.rawValue)
            return Frame(number: i + 1, date: date, range: try DateRange(from: min(start, newSince), to: date),
                         newSince: newSince, path: (outDir as NSString).appendingPathComponent(name))
        }
    }

    /// The events of the whole series (the same for every frame).
    var seriesEvents: [Event] { events.filter { $0.date >= from && $0.date <= to } }

    /// The spec of one frame.
    public func spec(for f: Frame, total: Int) -> MapSpec { spec(for: f, total: total, seriesEvents: seriesEvents) }

    /// The same, given the series' events: `render` selects them once for all its frames rather
    /// than once per frame (a year of daily frames over 100,000 events made that 36 million
    /// date tests and copies), and every frame's spec shares the one array.
    func spec(for f: Frame, total: Int, seriesEvents: [Event], slices: [DateRange]? = nil) -> MapSpec {
        var s = base
        // Frames of a sliding window: a density view classes the values the windows show, not
        // the sums of the whole series.
        s.seriesSlices = slices
        s.events = events.filter { f.range.contains($0.date) }
        s.dateRange = f.range
        s.seriesEvents = seriesEvents
        // Every frame on a page of one size, whatever its legend does.
        s.heightFitsExtent = false
        s.highlightSince = f.newSince
        let newCount = s.events.reduce(0) { $0 + ($1.date >= f.newSince ? 1 : 0) }
        let when = step == .day ? MapText.day(f.date) : "Week of \(MapText.day(f.newSince))"
        let window: String
        switch span {
        case .cumulative: window = "since \(MapText.day(from, withYear: from.year != f.date.year))"
        case .window(let d): window = "last \(d) days"
        }
        s.subtitle = "\(when) · frame \(f.number) of \(total) · \(MapText.plural(s.events.count, "event")) \(window), \(newCount) new"
        let spans = s.events.reduce(0) { $0 + (Self.spanMoved($1) ? 1 : 0) }
        if spans > 0 {
            s.subtitle! += " (\(MapText.number(spans)) dated only to a span of days, shown from its last day)"
        }
        s.publishedCount = nil
        return s
    }

    /// The events as frames date them: one dated only to a span on the span's last day. The
    /// frames' first and last dates and their counts come from these (idempotent).
    public static func datedForFrames(_ events: [Event]) -> [Event] {
        guard events.contains(where: { e in e.uncertainty.dateEnd.map { $0 > e.date } ?? false }) else { return events }
        return events.map { e in
            guard let end = e.uncertainty.dateEnd, end > e.date else { return e }
            var moved = e
            moved.date = end
            return moved
        }
    }

    /// Whether an event was dated to its span's last day by `init` (its date is its span's end).
    static func spanMoved(_ e: Event) -> Bool { e.uncertainty.dateEnd == e.date }

    /// The most memory a frame takes per canvas pixel while it is drawn and encoded (measured:
    /// 1.35 GB for a 150-megapixel frame).
    static let peakBytesPerPixel = 9

    /// Frames drawn at once: `threads`, fewer when `frames` are fewer or their canvases of
    /// `pixels` would not fit in half of `memory` bytes; always at least one.
    static func workers(threads: Int, frames: Int, pixels: Int, memory: UInt64) -> Int {
        let frameBytes = UInt64(max(1, pixels * peakBytesPerPixel))
        return max(1, min(threads, frames, Int(min(memory / 2 / frameBytes, UInt64(Int.max)))))
    }

    /// Renders every frame, `threads` at a time (fewer when their canvases would not fit in half
    /// the machine's memory); `progress` is called (from any thread, one call
    /// at a time) as each frame is written.
    public func render(_ frames: [Frame], format: OutputFormat, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                       progress: @escaping @Sendable (Int, Frame) -> Void = { _, _ in }) throws -> [RenderManifest] {
        var base = self
        base.base.baseCache = BaseLayerCache()
        let series = base
        let seriesEvents = series.seriesEvents
        let slices: [DateRange]? = { if case .window = span { return frames.map(\.range) } else { return nil } }()
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var manifests: [RenderManifest?]
            var error: Error?
            var done = 0
            var next = 0
            init(_ n: Int) { manifests = Array(repeating: nil, count: n) }
        }
        let results = Results(frames.count)
        // A shared counter hands out frames, so a slow frame does not hold up a whole stripe.
        // As many at once as half the machine's memory holds: a frame at the largest canvas
        // peaks near 9 bytes a pixel (1.35 GB at 150 megapixels): eight cores' worth would not
        // fit in an 8 GB machine.
        let workers = Self.workers(threads: threads, frames: frames.count, pixels: series.base.widthPx * series.base.heightPx,
                                   memory: ProcessInfo.processInfo.physicalMemory)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                results.lock.lock()
                let i = results.next
                results.next += 1
                let stop = results.error != nil
                results.lock.unlock()
                guard i < frames.count, !stop else { return }
                do {
                    let spec = series.spec(for: frames[i], total: frames.count, seriesEvents: seriesEvents, slices: slices)
                    let m = try MapRenderer(spec: spec).write(to: frames[i].path, format: format)
                    results.lock.lock()
                    results.manifests[i] = m
                    results.done += 1
                    let done = results.done
                    progress(done, frames[i])
                    results.lock.unlock()
                } catch {
                    results.lock.lock()
                    if results.error == nil { results.error = error }
                    results.lock.unlock()
                }
            }
        }
        if let e = results.error { throw e }
        return results.manifests.map { $0! }
    }
}
