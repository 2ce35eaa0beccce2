import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a map of events as PNG, SVG or PDF.",
        discussion: """
        With no arguments, draws the shipped sample (17 Oct - 22 Nov 2023) over Iraq and Syria into Output/iraq-syria_2023-10-17_2023-11-22.png and prints the path.

        Co-located events of one kind are drawn as one marker with a count; attacks are orange circles, strikes blue diamonds; events known only from claims are hollow. Labels never overlap each other, a marker or the legend; labels that cannot be placed are dropped, and the number dropped is printed.

        Examples:
          strikemap render
          strikemap render --from 2023-11-01 --to 2023-11-15 --out nov.pdf
          strikemap render --region eastern-syria --month 2023-11 --format svg
          strikemap render --events mydata.csv --last 14d --width 2400 --height 1600

        \(DateOptions.datesDiscussion)
        """
    )

    @OptionGroup(title: "Input") var input: EventInputOptions
    @OptionGroup(title: "Dates") var dates: DateOptions
    @OptionGroup(title: "Extent") var extent: RegionOptions
    @OptionGroup(title: "Look") var look: LookOptions
    @OptionGroup(title: "Canvas") var canvas: CanvasOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output file. Default: Output/<region>_<from>_<to>.<format> in the current folder.", valueName: "path"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("png, svg or pdf. Default: from the --out extension, else png.",
                                            valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also write what was drawn as JSON: canvas, extent, projection, scale, every marker (event ids, position), every label (text, box), dropped labels, legend.",
        valueName: "file.json"))
    var manifest: String?

    @Option(name: .long, help: ArgumentHelp(
        "Small multiples: one panel per week or month on one page, sharing one legend and scale.", valueName: "period"))
    var facet: FacetRenderer.Period?

    @Flag(name: .long, help: "Add a bar chart of events per day under the map (stacked by kind, strike days marked, the mapped range highlighted).")
    var timeline = false

    @Option(name: .long, help: ArgumentHelp(
        "Write one paragraph describing the map (counts, places, dates) for alt text and captions; - for standard output.",
        valueName: "file"))
    var caption: String?

    @Option(name: .long, help: ArgumentHelp("After the path, print a figure snippet for documents: md or html.", valueName: "kind"))
    var embed: MapCaption.Snippet?

    @Flag(name: .long, help: "No summary on stderr: print only the output path (and errors).")
    var quiet = false

    func run() throws {
        do { try render() } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }

    private func render() throws {
        let outputFormat = try OutputFormat.resolve(explicit: format, path: out)
        let catalog = try GeoCatalog.load()
        let region = try extent.resolve(catalog)
        let (report, sampleUsed) = try input.load(gazetteer: catalog.gazetteer, quiet: quiet)
        let range = try dates.range(newest: report.events.map(\.date).max())
        var filter = EventFilter()
        filter.dates = range
        let dated = filter.apply(report.events)
        // Events outside the visible frame are counted, not silently lost.
        var inRegion = EventFilter()
        inRegion.region = region.bbox.expanded(byDegrees: 0.5)
        let placed = inRegion.apply(dated.kept)

        var spec = MapSpec(region: region, basemap: try catalog.basemap(for: region), gazetteer: catalog.gazetteer,
                           events: placed.kept, dateRange: range)
        try canvas.configure(&spec, look: look, extent: extent, input: input, sampleUsed: sampleUsed)
        if timeline { spec.timeline = TimelineSpec(events: inRegion.apply(report.events).kept) }
        if sampleUsed, let note = PentagonTotals.note(for: range, located: placed.kept) { spec.totalsNote = note }

        let path = out ?? defaultPath(region: region, range: range, events: placed.kept, format: outputFormat)
        if let facet {
            let (m, panels) = try FacetRenderer(spec: spec, period: facet).write(to: path, format: outputFormat)
            if let manifestPath = manifest { try writeJSON(m, to: manifestPath) }
            if !quiet {
                var line = report.summary
                let removed = dated.removed.merging(placed.removed, uniquingKeysWith: +).sorted { $0.key < $1.key }
                    .map { "\($0.value) outside the \($0.key) filter" }
                if !removed.isEmpty { line += "; " + removed.joined(separator: ", ") }
                Console.error("strikemap: \(line); \(m.markers.flatMap(\.eventIDs).count) drawn in \(panels.count) panels")
            }
            print(path)
            return
        }
        let renderer = try MapRenderer(spec: spec)
        var drawn = try renderer.write(to: path, format: outputFormat)
        var removed = dated.removed.merging(placed.removed, uniquingKeysWith: +)
        if drawn.offFrame > 0 { removed["map extent", default: 0] += drawn.offFrame }
        drawn.input = InputCounts(rowsRead: report.rowsRead, invalid: report.skippedTotal, duplicates: report.duplicatesTotal,
                                  removedByFilter: removed, drawn: placed.kept.count - drawn.offFrame)
        if let manifestPath = manifest { try writeJSON(drawn, to: manifestPath) }
        if !quiet {
            // The counts add up: read = drawn + removed by a filter + invalid + duplicate.
            var line = report.summary
            let r = removed.sorted { $0.key < $1.key }.map { "\($0.value) outside the \($0.key) filter" }
            if !r.isEmpty { line += "; " + r.joined(separator: ", ") }
            line += "; \(drawn.input!.drawn) drawn as \(drawn.markers.count) markers"
            if !drawn.droppedLabels.isEmpty {
                line += "; \(drawn.droppedLabels.count) labels dropped for lack of room (\(drawn.droppedLabels.prefix(5).joined(separator: ", ")))"
            }
            Console.error("strikemap: \(line)")
        }
        print(path)
        if let caption {
            let text = MapCaption.paragraph(spec: spec, manifest: drawn) + "\n"
            if caption == "-" { print(text, terminator: "") } else {
                try AtomicFile.write(to: caption) { tmp in
                    do { try text.write(toFile: tmp, atomically: false, encoding: .utf8) } catch {
                        throw RenderError.cannotWrite(path: caption, message: error.localizedDescription)
                    }
                }
            }
        }
        if let embed { print(MapCaption.embed(embed, path: path, spec: spec, manifest: drawn)) }
    }

    private func writeJSON(_ m: RenderManifest, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(m)
        try AtomicFile.write(to: path) { tmp in
            do { try data.write(to: URL(fileURLWithPath: tmp)) } catch {
                throw RenderError.cannotWrite(path: path, message: error.localizedDescription)
            }
        }
    }

    private func defaultPath(region: Region, range: DateRange, events: [Event], format: OutputFormat) -> String {
        let from = range.from ?? events.map(\.date).min()
        let to = range.to ?? events.map(\.date).max()
        let span = [from, to].map { $0?.description ?? "all" }.joined(separator: "_")
        return "Output/\(region.name)_\(span).\(format.rawValue)"
    }
}
