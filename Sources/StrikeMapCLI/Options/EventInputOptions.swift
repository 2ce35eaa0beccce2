import ArgumentParser
import StrikeMapRender
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Where events come from.
struct EventInputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "An event file: StrikeMap CSV, an ACLED CSV export (today's layout or the pre-2019 one), UCDP GED (the standard download, HDX copies, explorer exports), any CSV with a date and latitude/longitude columns (the Yemen Data Project air-raid log among them) or GeoJSON, told apart by their content (repeatable; - reads standard input). Default: the shipped 2023 sample.",
        valueName: "file"))
    var events: [String] = []

    @Option(name: .customLong("acled-map"), help: ArgumentHelp(
        "A CSV of rules (event_type,sub_event_type,actor1,kind; * for any; actor1 state or nonstate) tried before the built-in ACLED mapping.",
        valueName: "file"))
    var acledMap: String?

    @Flag(name: .long, help: "Stop at the first invalid row instead of skipping and reporting it.")
    var strict = false

    @Option(name: .customLong("date-order"), help: ArgumentHelp(
        "Whether numeric dates such as 05/03/2015 are day/month/year (dmy) or month/day/year (mdy). Without it each file's order is told from its values (a first part above 12 means dmy, a second part above 12 means mdy); a file where no value tells needs this flag.",
        valueName: "dmy|mdy"))
    var dateOrder: String?

    @Option(name: .long, help: ArgumentHelp(
        "Which column holds which field, as FIELD=COLUMN pairs separated by commas, with column names exactly as in the header (e.g. date=Date,lat=Latitude,lon=Longitude,kind=Type). Fields: id, date, lat, lon, kind, type, subtype, country, actor, target, site, place, notes, weapon, killed, injured, sources, precision, confidence. Fields not named are recognised by their usual names. The file is then read as a generic CSV.",
        valueName: "field=column,..."))
    var columns: String?

    @Option(name: .customLong("kind-default"), help: ArgumentHelp(
        "The kind of every event whose row gives none: a file without a kind column (otherwise kind 'event', with a note), an empty kind, an ACLED event type no rule maps. E.g. --kind-default strike for a list of air strikes.",
        valueName: "kind"))
    var kindDefault: String?

    @Option(name: .customLong("max-record"), help: ArgumentHelp(
        "The longest CSV record (row) read, in bytes or with K, M or G (16M = 16 MiB); default 1M. A longer record stops the read with an error naming its line, so a file with no line breaks (or /dev/zero) fails at once instead of filling memory.",
        valueName: "size"))
    var maxRecord: String?

    mutating func validate() throws {
        if let m = maxRecord {
            guard let n = ReadOptions.parseSize(m), ReadOptions.recordLimits ~= n else {
                throw ValidationError("--max-record '\(m)': give a size from 1K to 1G, e.g. 4M")
            }
        }
        if let d = dateOrder, DateOrder(rawValue: d.lowercased()) == nil {
            throw ValidationError("--date-order '\(d)': use dmy (day first, 05/03/2015 = 5 March) or mdy (month first, = 3 May)")
        }
        do throws(ReadOptionsError) {
            if let columns { _ = try ReadOptions.parseColumns(columns) }
            try readOptions.validate()
        } catch {
            throw ValidationError(Self.worded(error))
        }
    }

    /// A library error in the words of the flags.
    static func worded(_ error: ReadOptionsError) -> String {
        switch error {
        case .emptyKind: return "--kind-default: empty; give a kind such as strike or attack"
        default: return "--" + error.description
        }
    }

    /// The reading options the flags give (validated by `validate()`).
    var readOptions: ReadOptions {
        var o = ReadOptions(dateOrder: dateOrder.flatMap { DateOrder(rawValue: $0.lowercased()) },
                            columns: (try? columns.map { try ReadOptions.parseColumns($0) } ?? [:]) ?? [:],
                            kindDefault: kindDefault)
        if let n = maxRecord.flatMap(ReadOptions.parseSize) { o.maxRecordBytes = n }
        // Lists keep every event: past a map's limit they stop (`events --stats` streams any size).
        o.maxEvents = MapSpec.maxEvents
        return o
    }

    /// Lays the given flags over a document: files replace the document's, and wording the
    /// document wrote for its own files is left out now (so that a --title given after stays).
    func apply(to doc: inout MapDocument) {
        if !events.isEmpty {
            doc.data.events = events
            doc.furniture = doc.furniture.scoped(to: events)
        }
        if let acledMap { doc.data.acledMap = acledMap }
        if strict { doc.data.strict = true }
        let options = readOptions
        if let o = options.dateOrder { doc.data.dateOrder = o }
        if !options.columns.isEmpty { doc.data.columns = options.columns }
        if let k = options.kindDefault { doc.data.kindDefault = k }
        if maxRecord != nil { doc.data.maxRecordBytes = options.maxRecordBytes }
    }

    /// `storeQuery`: what an event store given with --events selects by itself (files are read whole).
    func loader(gazetteer: Gazetteer, storeQuery: StoreQuery = StoreQuery()) throws -> EventLoader {
        var options = readOptions
        options.storeQuery = storeQuery
        return EventLoader(gazetteer: gazetteer, strict: strict, acledMapping: try acledMap.map { try ACLEDMapping.load(path: $0) } ?? .default,
                           options: options)
    }

    var paths: [String] { get throws { events.isEmpty ? [try EventLoader.samplePath()] : events } }

    /// Reads the events and reports on stderr every row that was skipped.
    func load(gazetteer: Gazetteer, quiet: Bool = false, storeQuery: StoreQuery = StoreQuery()) throws -> (report: ReadReport, sampleUsed: Bool) {
        let report = try loader(gazetteer: gazetteer, storeQuery: storeQuery).read(paths: try paths)
        if !quiet { Self.reportIssues(report) }
        try Self.requireSomething(report, files: try paths)
        return (report, events.isEmpty)
    }

    /// Input whose every row is bad cannot make a map or a list (see `ReadReport.requireEvents`).
    static func requireSomething(_ report: ReadReport, files: [String] = []) throws {
        try report.requireEvents(files: files)
    }

    /// Notes, then one line per distinct problem (file, column, reason) with its count, first
    /// lines and first value; the full list (capped) stays in the report for JSON and the manifest.
    static func reportIssues(_ report: ReadReport) {
        for note in report.notes { Console.error("strikemap: note: \(note)") }
        for group in report.issueGroups {
            var line = group.description
            if group.message.contains("the date order given") { line += "; check --date-order" }
            Console.error("strikemap: \(line)")
        }
    }
}
