import ArgumentParser
import Foundation
import StrikeMapRender
import StrikeMapCore

/// Map documents: render one from a file, or print the one the flags build.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Render a map document (JSON or YAML; - reads standard input). Flags given as well override it. See `--print-spec` and the README.",
        valueName: "file"))
    var spec: String?

    @Flag(name: .customLong("print-spec"), help: "Print the map document the other flags build (JSON), and render nothing. Save it, edit it, render it with --spec.")
    var printSpec = false

    /// The document the flags build: the --spec file's (or the standard one) with every flag
    /// given laid over it. `render` and `frames` build theirs here, so they read flags alike.
    func document(input: EventInputOptions, dates: DateOptions, selection: SelectionOptions, extent: RegionOptions,
                  look: LookOptions, view: ViewOptions, canvas: CanvasOptions,
                  annotations: AnnotationOptions = AnnotationOptions()) throws -> MapDocument {
        var doc = try base(ownEvents: !input.events.isEmpty)
        input.apply(to: &doc)
        dates.apply(to: &doc)
        selection.apply(to: &doc)
        try extent.apply(to: &doc)
        try look.apply(to: &doc)
        try view.apply(to: &doc)
        try canvas.apply(to: &doc, look: look)
        annotations.apply(to: &doc)
        return doc
    }

    /// The document to start from: the file's; with no file, the sample's preset (its story's
    /// words), or a plain document when the user brings events of their own.
    func base(ownEvents: Bool) throws -> MapDocument {
        guard let spec else { return ownEvents ? MapDocument() : try MapDocument.samplePreset() }
        let data: Data
        if spec == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: spec) else {
                throw UnreadableInput(path: spec, reason: FileManager.default.fileExists(atPath: spec) ? "permission denied" : "no such file")
            }
            data = d
        }
        return try MapDocument.decode(data, source: spec == "-" ? "<stdin>" : spec)
    }
}

/// A file named on the command line that cannot be read; exit 66.
struct UnreadableInput: StrikeMapError {
    var path: String
    var reason: String
    var description: String { "cannot read \(path): \(reason)" }
    var category: FailureCategory { .notFound }
}
