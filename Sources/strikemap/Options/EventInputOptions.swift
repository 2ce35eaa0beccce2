import ArgumentParser
import StrikeMapRender
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Where events come from.
struct EventInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "An event file: StrikeMap CSV, an ACLED CSV export or GeoJSON, told apart by their content (repeatable; - reads standard input). Default: the shipped 2023 sample.",
        valueName: "file"))
    var events: [String] = []

    @Option(name: .customLong("acled-map"), help: ArgumentHelp(
        "A CSV of rules (event_type,sub_event_type,actor1,kind; * for any; actor1 state or nonstate) tried before the built-in ACLED mapping.",
        valueName: "file"))
    var acledMap: String?

    @Flag(name: .long, help: "Stop at the first invalid row instead of skipping and reporting it.")
    var strict = false

    /// Lays the given flags over a document: files replace the document's (and a user's own
    /// events never carry the sample's Pentagon note).
    func apply(to doc: inout MapDocument) {
        if !events.isEmpty {
            doc.data.events = events
            doc.furniture.pentagonTotals = false
        }
        if let acledMap { doc.data.acledMap = acledMap }
        if strict { doc.data.strict = true }
    }

    func loader(gazetteer: Gazetteer) throws -> EventLoader {
        EventLoader(gazetteer: gazetteer, strict: strict, acledMapping: try acledMap.map { try ACLEDMapping.load(path: $0) } ?? .default)
    }

    var paths: [String] { get throws { events.isEmpty ? [try EventLoader.samplePath()] : events } }

    /// Reads the events and reports on stderr every row that was skipped.
    func load(gazetteer: Gazetteer, quiet: Bool = false) throws -> (report: ReadReport, sampleUsed: Bool) {
        let report = try loader(gazetteer: gazetteer).read(paths: try paths)
        if !quiet { Self.reportIssues(report) }
        try Self.requireSomething(report)
        return (report, events.isEmpty)
    }

    /// Input whose every row is bad cannot make a map or a list: that is a failure, not an empty result.
    static func requireSomething(_ report: ReadReport) throws {
        if report.rowsRead > 0 && report.eventCount == 0 {
            throw NoValidRows(report: report)
        }
    }

    static func reportIssues(_ report: ReadReport) {
        for note in report.notes { Console.error("strikemap: note: \(note)") }
        for issue in report.skipped { Console.error("strikemap: skipped: \(issue)") }
        if report.skippedTotal > report.skipped.count {
            Console.error("strikemap: skipped: ... and \(report.skippedTotal - report.skipped.count) more invalid rows")
        }
        for issue in report.duplicates { Console.error("strikemap: duplicate: \(issue)") }
        if report.duplicatesTotal > report.duplicates.count {
            Console.error("strikemap: duplicate: ... and \(report.duplicatesTotal - report.duplicates.count) more")
        }
    }
}

struct NoValidRows: Error, CustomStringConvertible {
    var report: ReadReport
    var description: String {
        "none of the \(report.rowsRead) rows could be read (\(report.skippedTotal) invalid, \(report.duplicatesTotal) duplicate); "
            + "fix the rows reported above, or check that this is the right file"
    }
}
