import ArgumentParser
import StrikeMapEvents
import StrikeMapGeo

/// Where events come from.
struct EventInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "An event file: StrikeMap CSV (repeatable; - reads standard input). Default: the shipped 2023 sample.",
        valueName: "file"))
    var events: [String] = []

    @Flag(name: .long, help: "Stop at the first invalid row instead of skipping and reporting it.")
    var strict = false

    /// Reads the events and reports on stderr what was read and every row that was skipped.
    func load(gazetteer: Gazetteer, quiet: Bool = false) throws -> (report: ReadReport, sampleUsed: Bool) {
        let loader = EventLoader(gazetteer: gazetteer, strict: strict)
        let paths = events.isEmpty ? [try EventLoader.samplePath()] : events
        let report = try loader.read(paths: paths)
        if !quiet {
            for issue in report.skipped { Console.error("strikemap: skipped: \(issue)") }
            for issue in report.duplicates { Console.error("strikemap: duplicate: \(issue)") }
        }
        return (report, events.isEmpty)
    }
}
