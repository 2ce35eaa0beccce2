import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender
import StrikeMapCore

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a map of events as PNG, SVG or PDF.",
        discussion: """
        With no arguments, draws the shipped sample (17 Oct - 22 Nov 2023) over Iraq and Syria into Output/iraq-syria_2023-10-17_2023-11-22.png and prints the path, in the words of its preset (Data/presets/us-forces-2023.yaml). Your own --events are framed to fit and worded from their own data: the sample's wording never carries over.

        Symbols and words come from the data: each event type its own shape and colour (battles blue circles; explosions vermilion, shaped by sub-type: air/drone strike diamond, shelling triangle, remote explosive star; violence against civilians purple triangles; protests green squares; riots orange pentagons; strategic developments grey crosses), --color-by sub-type|actor|weapon|confidence for other views. The legend, title, subtitle and caption say what the data holds, and count the same events: those inside the drawn frame. Co-located events of one class are drawn as one marker with a count; events known only from claims are hollow. A marker is never drawn more than 2 mm (--max-shift) from its place: markers that cannot part within that are merged at their events' centre.

        Many events: --view auto (the default) switches from markers to clusters and then to hexagons as the places outgrow the page, and says so on stderr; --view hexbin|grid|heatmap|choropleth|cluster picks a density view (see VIEW below):
          strikemap render --events acled_syria.csv --region syria --view hexbin --cell 5mm --classes jenks:6
          strikemap render --events acled_syria.csv --view choropleth --per-area

        Labels never overlap each other, a marker or the legend; labels that cannot be placed are dropped, and the number dropped is printed.

        Map documents: every map is a document of ordered layers (sea, land, borders, your files, places, events, labels) with its page, extent, furniture and output. --print-spec prints the document the flags build; --spec FILE renders one (JSON or YAML), with any flags given overriding it:
          strikemap render --region syria --print-spec > syria.json
          strikemap render --spec syria.json --theme dark --out syria-dark.png
          strikemap render --print-spec | strikemap render --spec - --out - > map.png

        Output files: the map, --manifest and --caption are written together or not at all. Each regular file is written to a temporary file beside it and renamed into place once all of them are ready (the map last); a failure puts back the files already replaced, and Ctrl-C leaves the old ones as they were. An existing file keeps its permissions and owner; a symbolic link stays a link and the file it points to is replaced. A device, FIFO or descriptor (/dev/null, /dev/stdout, /dev/fd/3, or - for standard output) is written in place, and a write error there (a full /dev/full, a closed pipe) exits 74. Only one of them may go to standard output; with --manifest -, the map's path is not printed.

        Examples:
          strikemap render
          strikemap render --from 2023-11-01 --to 2023-11-15 --out nov.pdf
          strikemap render --region eastern-syria --month 2023-11 --format svg
          strikemap render --events mydata.csv --last 14d --width 2400 --height 1600

        \(DateOptions.datesDiscussion)
        """
    )

    @OptionGroup(title: "Map document") var document: SpecOptions
    @OptionGroup(title: "Input") var input: EventInputOptions
    @OptionGroup(title: "Dates") var dates: DateOptions
    @OptionGroup(title: "Which events, and what their symbols show") var selection: SelectionOptions
    @OptionGroup(title: "Extent") var extent: RegionOptions
    @OptionGroup(title: "Look") var look: LookOptions
    @OptionGroup(title: "View: markers, clusters or density") var view: ViewOptions
    @OptionGroup(title: "Canvas") var canvas: CanvasOptions
    @OptionGroup(title: "Annotations") var annotations: AnnotationOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output file; - writes the map to standard output. Default: Output/<region>_<from>_<to>.<format> in the current folder.", valueName: "path"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("png, svg or pdf. Default: from the --out extension, else png.",
                                            valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp(
        "Also write what was drawn as JSON: canvas, extent, projection, scale, every marker (event ids, position), every label (text, box), dropped labels, legend; - for standard output.",
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

    /// The document the flags build: the --spec file's (or the standard one) with every flag
    /// given laid over it.
    func buildDocument() throws -> MapDocument {
        var doc = try document.document(input: input, dates: dates, selection: selection, extent: extent, look: look, view: view, canvas: canvas, annotations: annotations)
        if let facet { doc.page.facet = facet }
        if timeline { doc.furniture.timeline = true }
        if format != nil || (out != nil && out != "-") {
            doc.output.format = try OutputFormat.resolve(explicit: format, path: out == "-" ? nil : out)
        }
        return doc
    }

    /// Flag checks that need no file (ArgumentParser runs them before `run`).
    func validate() throws {
        let toStandardOutput = [("--out", out), ("--caption", caption), ("--manifest", manifest)]
            .filter { $0.1.map(Self.namesStandardOutput) ?? false }.map(\.0)
        if toStandardOutput.count > 1 {
            throw ValidationError("\(toStandardOutput.joined(separator: " and ")) all write standard output; send all but one to files")
        }
        if out.map(Self.namesStandardOutput) ?? false, embed != nil {
            throw ValidationError("--embed needs the map in a file; give --out PATH")
        }
    }

    private func render() throws {
        let doc = try buildDocument()
        if document.printSpec {
            try AtomicFile.write(doc.json() + Data("\n".utf8), to: "-")
            return
        }
        let toStdout = out.map(Self.namesStandardOutput) ?? false
        if document.spec == "-" && doc.data.events.contains("-") {
            throw UsageError("--spec - and --events - both read standard input; save one of them to a file")
        }
        let catalog = try GeoCatalog.load()
        let pipeline = MapPipeline(catalog: catalog)
        let report = try pipeline.read(doc.data, extent: doc.extent)
        if !quiet { EventInputOptions.reportIssues(report) }
        try EventInputOptions.requireSomething(report, files: doc.data.events)
        let result = try pipeline.render(RenderRequest(document: doc, input: report, crsFiles: extent.crsFiles))
        let spec = result.spec
        let path = out ?? defaultPath(region: spec.region, range: spec.dateRange, events: spec.events, format: result.format)
        let drawn = result.manifest
        // Manifest and caption first, the map last, all or none: a map never stands beside a
        // stale manifest, and a failed caption leaves the old map as it was.
        let outputs = OutputSet()
        if let manifestPath = manifest { try outputs.add(try manifestJSON(drawn), to: manifestPath) }
        if let caption, caption != "-" { try outputs.add(Data((result.caption + "\n").utf8), to: caption) }
        try outputs.add(result.data, to: toStdout ? "-" : path)
        try outputs.commit()
        if !quiet, let note = result.spec.misplaced.note { Console.error("strikemap: note: \(note)") }
        if !quiet, let why = drawn.viewReason { Console.error("strikemap: view: \(why)") }
        if !quiet { for left in drawn.leftOff ?? [] { Console.error("strikemap: note: \(left)") } }
        if !quiet, let names = drawn.labelLanguage, !names.inEnglish.isEmpty {
            let language = PlaceNames.languageNames[names.language] ?? names.language
            let shown = names.inEnglish.prefix(6).joined(separator: ", ") + (names.inEnglish.count > 6 ? ", …" : "")
            Console.error("strikemap: labels: \(MapText.plural(names.inEnglish.count, "name")) of \(names.inEnglish.count + names.translated) "
                + "have no \(language) form in GeoNames and stay in English (\(shown))")
        }
        if !quiet {
            Console.error("strikemap: \(RenderSummary.line(result, report: report))")
        }
        if !toStdout && !(manifest.map(Self.namesStandardOutput) ?? false) { print(path) }
        if caption == "-" { print(result.caption) }
        if let embed { print(MapCaption.embed(embed, path: path, spec: spec, manifest: drawn)) }
    }

    private func manifestJSON(_ m: RenderManifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(m) + Data("\n".utf8)
    }

    /// Whether an output path is this process's standard output (the map, caption or manifest
    /// cannot share it).
    static func namesStandardOutput(_ path: String) -> Bool {
        path == "-" || path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1"
    }

    private func defaultPath(region: Region, range: DateRange, events: [Event], format: OutputFormat) -> String {
        let from = range.from ?? events.map(\.date).min()
        let to = range.to ?? events.map(\.date).max()
        let span = [from, to].map { $0?.description ?? "all" }.joined(separator: "_")
        return "Output/\(region.name)_\(span).\(format.rawValue)"
    }
}
