@preconcurrency import Glibc
import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender
import StrikeMapCore

extension FrameSeries.Step: ExpressibleByArgument {}

struct Frames: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw one map per day or week over a date range, for flipping through or a video.",
        discussion: """
        Every frame shares the extent, the legend entries, the panel corners and the scale bar, so the frames can be flipped through; each frame's newest events (its day, or its week) are drawn at full strength and the earlier ones faded. Frames are numbered (frame-0001.png ...) in --out-dir, with frames.json listing each frame's date, file, counts and layout. They render in parallel on all cores, with the basemap read, projected and drawn once. The set is drawn in a hidden folder inside --out-dir and moved in whole, frames.json last, once every frame is done: Ctrl-C or a failure leaves the earlier set as it was, and numbered frames that the new frames.json does not list (from a longer earlier run, or in another format) are removed; --video uses the frames of the index only.

        Examples:
          strikemap frames                      # daily, cumulative, the whole sample
          strikemap frames --every week --window 14d --out-dir Output/weekly
          strikemap frames --from 2023-11-01 --video Output/november.mp4

        \(DateOptions.datesDiscussion)
        """)

    @OptionGroup(title: "Map document") var document: SpecOptions
    @OptionGroup(title: "Input") var input: EventInputOptions
    @OptionGroup(title: "Dates") var dates: DateOptions
    @OptionGroup(title: "Which events, and what their symbols show") var selection: SelectionOptions
    @OptionGroup(title: "Extent") var extent: RegionOptions
    @OptionGroup(title: "Look") var look: LookOptions
    @OptionGroup(title: "View: markers, clusters or density") var view: ViewOptions
    @OptionGroup(title: "Canvas") var canvas: CanvasOptions
    @OptionGroup(title: "Annotations") var annotations: AnnotationOptions

    @Option(name: .long, help: ArgumentHelp("One frame per day (default) or per week.", valueName: "step"))
    var every: FrameSeries.Step = .day

    @Option(name: .long, help: ArgumentHelp("Each frame shows the last N days (7d, 2w) up to its date.", valueName: "duration"))
    var window: String?

    @Flag(name: .long, help: "Each frame shows everything from the start of the range to its date (the default).")
    var cumulative = false

    @Option(name: .customLong("out-dir"), help: ArgumentHelp(
        "Folder for the frames. Default: Output/frames/<region>_<from>_<to>/.", valueName: "dir"))
    var outDir: String?

    @Option(name: .long, help: ArgumentHelp("png (default), svg or pdf.", valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also assemble the frames into a video (out.mp4) or an animated GIF (out.gif); needs ffmpeg.", valueName: "file"))
    var video: String?

    @Option(name: .long, help: ArgumentHelp("Frames per second of the video.", valueName: "n"))
    var fps: Double = 3

    @Option(name: .long, help: ArgumentHelp("Frames drawn at once (default: all cores).", valueName: "n"))
    var threads: Int?

    @Flag(name: .long, help: "No progress or summary: print only the output folder (and errors).")
    var quiet = false

    /// Flag checks that need no file (ArgumentParser runs them before `run`).
    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads \(threads): give 1 or more frames drawn at once") }
        if window != nil && cumulative { throw ValidationError("--window and --cumulative cannot be combined; give one") }
        if let window, Self.windowDays(window) == nil {
            throw ValidationError("--window '\(window)': use a number of days or weeks, e.g. 7d or 2w")
        }
        if let video {
            let ext = (video as NSString).pathExtension.lowercased()
            guard ext == "mp4" || ext == "gif" else { throw ValidationError("--video '\(video)': end the name with .mp4 or .gif") }
            if let f = format.flatMap({ OutputFormat(rawValue: $0.lowercased()) }), f != .png {
                throw ValidationError("--video needs PNG frames; drop --format")
            }
        }
        guard fps > 0, fps <= 60 else { throw ValidationError("--fps must be between 0 and 60") }
    }

    /// Days in a `--window` (7d, 2w; at most ten years), nil when it is not one.
    static func windowDays(_ window: String) -> Int? {
        let d = window.lowercased().trimmingCharacters(in: .whitespaces)
        guard let unit = d.last, let n = Int(d.dropLast()), n > 0, n <= 3660, unit == "d" || unit == "w" else { return nil }
        return unit == "w" ? n * 7 : n
    }

    func run() throws {
        do { try frames() } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }

    private func frames() throws {
        let span: FrameSeries.Span = window.flatMap(Self.windowDays).map { .window(days: $0) } ?? .cumulative
        let outputFormat = try OutputFormat.resolve(explicit: format, path: nil)
        if video != nil, Self.which("ffmpeg") == nil { throw MissingTool(tool: "ffmpeg", fix: "apt-get install ffmpeg") }

        var doc = try document.document(input: input, dates: dates, selection: selection, extent: extent, look: look, view: view, canvas: canvas, annotations: annotations)
        doc.output.format = outputFormat
        if document.printSpec {
            try AtomicFile.write(doc.json() + Data("\n".utf8), to: "-")
            return
        }
        let pipeline = MapPipeline(catalog: try GeoCatalog.load())
        let report = try pipeline.read(doc.data, extent: doc.extent)
        if !quiet { EventInputOptions.reportIssues(report) }
        try EventInputOptions.requireSomething(report, files: doc.data.events)
        // The frames choose their own dates; the document's range bounds the series.
        let prepared = try pipeline.prepare(RenderRequest(document: doc, input: report, crsFiles: extent.crsFiles))
        let range = prepared.spec.dateRange
        let region = prepared.spec.region
        // Dated as the frames date them: an event of a span on the span's last day.
        let inExtent = FrameSeries.datedForFrames(prepared.inExtent)
        guard let from = range.from ?? inExtent.map(\.date).min(), let to = range.to ?? inExtent.map(\.date).max() else {
            throw UsageError("no dated events in the extent to make frames of; give --from and --to")
        }
        var spec = prepared.spec
        spec.events = []
        spec.publishedCount = nil
        let series = FrameSeries(base: spec, events: inExtent, from: from, to: to, step: every, span: span)
        let dir = outDir ?? "Output/frames/\(region.name)_\(from)_\(to)"
        var target: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &target), !target.boolValue {
            throw RenderError.cannotWrite(path: dir, message: "it is a file; --out-dir needs a folder")
        }
        // The frames are made in a hidden folder inside `dir` and moved in only when all are
        // done, with frames.json last: an interrupted run leaves the earlier set as it was.
        let count = try series.frames(outDir: dir, format: outputFormat).count
        let staged = try StagedFolder(target: dir, prefix: "frame-", count: count, suffix: ".\(outputFormat.rawValue)",
                                      staleSuffixes: OutputFormat.allCases.map { ".\($0.rawValue)" })
        let plan = try series.frames(outDir: staged.staging, format: outputFormat)
        let tty = isatty(2) == 1
        let shownDir = dir
        let quiet = self.quiet
        let started = Date()
        let manifests = try series.render(plan, format: outputFormat,
                                          threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) { done, frame in
            guard !quiet else { return }
            if tty {
                let width = 30, filled = done * width / plan.count
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                fputs("\r[\(bar)] \(done)/\(plan.count) frames", stderr)
                if done == plan.count { fputs("\n", stderr) }
            } else {
                Console.error("frame \(done)/\(plan.count) \(frame.date) \((shownDir as NSString).appendingPathComponent((frame.path as NSString).lastPathComponent))")
            }
        }
        try staged.commit(index: try index(plan: plan, manifests: manifests, series: series), indexName: "frames.json")
        if let video { try assemble(video: video, dir: dir, format: outputFormat, count: plan.count) }
        if !quiet {
            var line = report.summary
            // Each filter's count by name ("47 outside the kind filter"), as `render` says them.
            let removed = EventFilter.worded(prepared.inExtentRemoved)
            if !removed.isEmpty { line += "; " + removed.joined(separator: ", ") }
            let shown = inExtent.filter { $0.date >= from && $0.date <= to }.count
            Console.error(String(format: "strikemap: %@; %d in the frames' dates; %d frames in %.1f s", line, shown, plan.count,
                                 Date().timeIntervalSince(started)))
        }
        print(dir)
        if let video { print(video) }
    }

    private func index(plan: [FrameSeries.Frame], manifests: [RenderManifest], series: FrameSeries) throws -> Data {
        let frames: [[String: Any]] = zip(plan, manifests).map { f, m in
            ["number": f.number, "date": f.date.description, "from": f.range.from?.description ?? "",
             "file": (f.path as NSString).lastPathComponent, "events": m.eventCount,
             // Counted, not filtered: a copy of every matching event per frame added up over a year of frames.
             "new": series.events.reduce(0) { $0 + (f.range.contains($1.date) && $1.date >= f.newSince ? 1 : 0) },
             "mapFrame": m.mapFrame, "bbox": m.bbox, "kmPerPixel": m.kmPerPixel, "legend": m.legend,
             "legendBox": m.legendBox, "markers": m.markers.count]
        }
        return Data(try JSONOutput.string(["frames": frames, "every": every.rawValue]).utf8)
    }

    private func assemble(video: String, dir: String, format: OutputFormat, count: Int) throws {
        let pattern = (dir as NSString).appendingPathComponent("frame-%04d.\(format.rawValue)")
        let gif = (video as NSString).pathExtension.lowercased() == "gif"
        // The frames of the index only: numbered from 1, and no more than it lists.
        var args = ["-y", "-loglevel", "error", "-framerate", String(fps), "-start_number", "1", "-i", pattern,
                    "-frames:v", String(count)]
        if gif {
            args += ["-vf", "scale=1000:-1:flags=lanczos,split[a][b];[a]palettegen[p];[b][p]paletteuse", "-f", "gif"]
        } else {
            args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-f", "mp4"]
        }
        try AtomicFile.write(to: video) { tmp in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.which("ffmpeg")!)
            p.arguments = args + [tmp]
            let err = Pipe()
            p.standardError = err
            try p.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            guard p.terminationStatus == 0 else {
                throw RenderError.cannotWrite(path: video, message: "ffmpeg failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

struct MissingTool: StrikeMapError {
    var tool: String
    var fix: String
    var description: String { "\(tool) is not installed; run: \(fix)" }
    var category: FailureCategory { .unavailable }
}
