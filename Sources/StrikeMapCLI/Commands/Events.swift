import ArgumentParser
import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore
import StrikeMapRender

struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List events, filtered by date and attributes.",
        discussion: """
        Reads the shipped 2023 sample, or the files given with --events, and prints the events that pass every filter. Skipped rows are reported on stderr, one line per file, column and problem, with the count, the first lines and the first value.

        Files: StrikeMap CSV, ACLED exports (today's layout and the pre-2019 one), any CSV with a date and latitude/longitude columns (name them with --columns when their names are unusual), the Yemen Data Project's air-raid log, and GeoJSON of points. Dates may be 2023-11-21, 21 March 2020, 9-May-20, March 2, 2011 or numeric dd/mm/yyyy or mm/dd/yyyy (the order is told from each file's values, or given with --date-order); a range such as March 2-5, 2011, March 15, 2011 - May 1, 2011 or April 1 - April 3, 2015 dates the event to its first day, marked approximate. Places are named from the file's own columns where it has them: a site name, location, town or district, then the governorate, province or admin1 ("Karkh, Baghdad").

        JSON and GeoJSON events carry id, date, kind, event_type and sub_event_type (the source's own words), lat, lon, site, country (ISO alpha-2), weapon, actor, confidence and sources. CSV and GeoJSON output can be read back with --events.

        Examples:
          strikemap events --from 2023-11-01 --to 2023-11-15 --format json
          strikemap events --kind strike --format csv
          strikemap events --country SY --week 2023-W45
          strikemap events --events acled.csv --country Afghanistan --type "Air/drone strike"
          strikemap events --events log.csv --columns "date=Day,lat=Lat N,lon=Lon E" --kind-default strike
          strikemap events --events us-dates.csv --date-order mdy --stats

        \(DateOptions.datesDiscussion)
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, geojson }

    @OptionGroup(title: "Input") var input: EventInputOptions
    @OptionGroup(title: "Dates") var dates: DateOptions

    @Option(name: .long, help: ArgumentHelp("table, csv, json or geojson (with --stats: table or json).", valueName: "format"))
    var format: Format = .table

    @Flag(name: .long, help: "Print counts per kind, country, ISO week, site, weapon and confidence instead of the events. Reads input as a stream: millions of rows in little memory.")
    var stats = false

    @Option(name: .long, help: ArgumentHelp("Only this kind: attack, strike; ACLED input adds battle, protest, riot, protest-or-riot (pre-2019 ACLED), violence-against-civilians, strategic-development; files that give no kind have event. Repeatable.", valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this country: ISO alpha-2 (MX), alpha-3 (MEX) or English name (Mexico), all equivalent; repeatable.", valueName: "country"))
    var country: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this event type or sub-event type as the source words it, any case (ACLED: Battles, \"Explosions/Remote violence\", \"Air/drone strike\"; Yemen Data Project: \"Air raid\"); repeatable.", valueName: "type"))
    var type: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only events whose actor contains this text.", valueName: "text"))
    var actor: String?

    @Option(name: .long, help: ArgumentHelp("Only events at this site (gazetteer id or name); repeatable.", valueName: "site"))
    var site: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this confidence (confirmed, approximate, claimed); repeatable.",
                                            valueName: "level"))
    var confidence: [String] = []

    func run() throws {
        do { try list() } catch let e as ExitCode { throw e } catch { throw CLIFailure.exit(for: error) }
    }

    /// Flag checks that need no file (ArgumentParser runs them before `run`).
    func validate() throws {
        // A two-letter code the table lacks is still taken (a user-assigned code such as XK).
        for c in country where CountryTable.standard.find(c) == nil && c.count != 2 {
            throw ValidationError("--country '\(c)': not a country StrikeMap knows; use an ISO code (IQ or IRQ) or an English name (Iraq)")
        }
        if stats, format != .table, format != .json {
            throw ValidationError("--stats prints a table or json; not \(format.rawValue)")
        }
        for c in confidence where Confidence(rawValue: c.lowercased()) == nil {
            throw ValidationError("--confidence '\(c)': use confirmed, approximate, claimed or unstated")
        }
    }

    /// The events listed, as the same selection value a map's document holds (`render` with
    /// these flags maps the events this lists).
    private var selection: MapDocument.DataSelection {
        var s = MapDocument.DataSelection()
        s.dates = dates.selection
        s.kinds = kind
        s.types = type
        s.actor = actor
        s.countries = country
        return s
    }

    /// The selection's filter, with what only a list can ask: sites and confidence.
    private func makeFilter(_ catalog: GeoCatalog, newest: CivilDate?) throws -> EventFilter {
        var filter = try selection.filter(newest: newest)
        filter.sites = Set(try site.map { try catalog.gazetteer.resolve($0).id })
        filter.confidences = Set(confidence.compactMap { Confidence(rawValue: $0.lowercased()) })
        return filter
    }

    private func list() throws {
        let catalog = try GeoCatalog.load()
        if stats {
            return try printStats(catalog)
        }
        // A store selects by itself what the filters ask, unless --last needs the newest event first.
        let query = dates.last == nil ? StoreQuery(try makeFilter(catalog, newest: nil)) : StoreQuery()
        let (report, _) = try input.load(gazetteer: catalog.gazetteer, storeQuery: query)
        let filter = try makeFilter(catalog, newest: report.events.map(\.date).max())
        let result = filter.apply(report.events)
        let present = Set(report.events.map(\.kind.rawValue))
        for k in filter.kinds where !present.contains(k) {
            Console.error("strikemap: note: no events of kind '\(k)' in the input (it has: \(present.sorted().joined(separator: ", ")))")
        }
        let types = Set(report.events.flatMap { [$0.eventType, $0.subEventType] }.filter { !$0.isEmpty })
        let typeKeys = Set(types.map { $0.lowercased() })
        for t in filter.types.sorted() where !typeKeys.contains(t.lowercased()) {
            Console.error("strikemap: note: no events of type '\(t)' in the input"
                          + (types.isEmpty ? " (it gives no event types)" : " (it has: \(types.sorted().joined(separator: ", ")))"))
        }
        let events = result.kept.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        print(try EventFormatter.format(events, as: format))
        var line = report.summary
        if !result.summary.isEmpty { line += "; " + result.summary }
        Console.error("strikemap: \(line); \(MapText.number(events.count)) listed")
    }

    private func printStats(_ catalog: GeoCatalog) throws {
        let paths = try input.paths
        let s: EventStats
        var line: String
        if paths.count == 1, EventStore.isStore(paths[0]), let sql = try storeStats(paths[0], catalog) {
            (s, line) = sql
        } else {
            nonisolated(unsafe) var acc = StatsAccumulator()
            let report = try input.loader(gazetteer: catalog.gazetteer).stream(paths: paths, lean: true) { acc.add($0) }
            EventInputOptions.reportIssues(report)
            try EventInputOptions.requireSomething(report, files: paths)
            let filter = try makeFilter(catalog, newest: acc.newest)
            let removed: [String: Int]
            (s, removed) = acc.stats(filter: filter)
            line = report.summary
            let r = EventFilter.worded(removed)
            if !r.isEmpty { line += "; " + r.joined(separator: ", ") }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(s), as: UTF8.self))
        } else {
            print(StatsTable.render(s))
        }
        Console.error("strikemap: \(line); \(MapText.number(s.total)) counted")
    }

    /// Counts straight from a store's SQL (grouped by the database), when every filter can be
    /// said in SQL exactly; nil when one cannot (the events are then streamed and filtered here).
    private func storeStats(_ location: String, _ catalog: GeoCatalog) throws -> (EventStats, String)? {
        let store: EventStore
        do { store = try EventStore(location: location, create: false) } catch { throw CLIFailure.exit(for: EventReadError.store(error)) }
        do {
            let filter = try makeFilter(catalog, newest: dates.last == nil ? nil : try store.newestDate())
            let query = StoreQuery(filter)
            guard query.isExact(for: filter) else { return nil }
            let s = try store.stats(query)
            let name = store.isPostgres ? "PostGIS store" : location
            return (s, "counted by the store's SQL (\(name), \(MapText.number(store.count)) events\(query.isEmpty ? "" : ", those selected"))")
        } catch let e as StoreError { throw CLIFailure.exit(for: EventReadError.store(e)) }
    }
}

enum StatsTable {
    static func render(_ s: EventStats) -> String {
        var out = ["events: \(s.total)" + (s.firstDate.map { " (\($0) to \(s.lastDate!))" } ?? "")]
        func section(_ title: String, _ counts: [String: Int], chronological: Bool = false, limit: Int = 25) {
            let sorted = chronological ? counts.sorted { $0.key < $1.key }
                : counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var rows = sorted.prefix(limit).map { [$0.key, String($0.value)] }
            if sorted.count > limit {
                rows.append(["(\(sorted.count - limit) more)", String(sorted.dropFirst(limit).reduce(0) { $0 + $1.value })])
            }
            out.append("")
            out.append(Table.render(header: [title, "events"], rows: rows))
        }
        section("kind", s.byKind)
        if !s.byType.isEmpty { section("type", s.byType) }
        section("country", s.byCountry)
        section("week", s.byWeek, chronological: true, limit: 60)
        section("site", s.bySite)
        section("weapon", s.byWeapon)
        section("confidence", s.byConfidence)
        return out.joined(separator: "\n")
    }
}

enum EventFormatter {
    static func object(_ e: Event) -> [String: Any] {
        var o: [String: Any] = [
            "id": e.id, "date": e.date.description, "kind": e.kind.rawValue,
            "event_type": e.eventType, "sub_event_type": e.subEventType,
            "lat": e.location.lat, "lon": e.location.lon, "country": e.country,
            "weapon": e.weapon.rawValue, "actor": e.actor, "confidence": e.confidence.rawValue,
            "sources": e.sources, "target": e.target, "precision": e.precision, "notes": e.notes,
        ]
        o["site"] = e.siteID ?? NSNull()
        o["site_name"] = e.siteName ?? NSNull()
        o["time"] = e.time ?? NSNull()
        o["timezone"] = e.timezone ?? NSNull()
        o["injured"] = e.injured ?? NSNull()
        o["killed"] = e.killed ?? NSNull()
        if let origin = e.origin { o["origin_lat"] = origin.lat; o["origin_lon"] = origin.lon }
        for (k, v) in uncertainty(e) { o[k] = v }
        return o
    }

    /// An event's members, as `object` gives them (`point`: with lat and lon).
    static func members(_ e: Event, point: Bool) -> [(String, PrettyJSON.Value)] {
        func text(_ s: String?) -> PrettyJSON.Value { s.map { .string($0) } ?? .null }
        func int(_ n: Int?) -> PrettyJSON.Value { n.map { .int($0) } ?? .null }
        var m: [(String, PrettyJSON.Value)] = [
            ("id", .string(e.id)), ("date", .string(e.date.description)), ("kind", .string(e.kind.rawValue)),
            ("event_type", .string(e.eventType)), ("sub_event_type", .string(e.subEventType)), ("country", .string(e.country)),
            ("weapon", .string(e.weapon.rawValue)), ("actor", .string(e.actor)), ("confidence", .string(e.confidence.rawValue)),
            ("sources", .array(e.sources.map { .string($0) })), ("target", .string(e.target)), ("precision", .string(e.precision)),
            ("notes", .string(e.notes)), ("site", text(e.siteID)), ("site_name", text(e.siteName)), ("time", text(e.time)),
            ("timezone", text(e.timezone)), ("injured", int(e.injured)), ("killed", int(e.killed)),
        ]
        if point { m += [("lat", .double(e.location.lat)), ("lon", .double(e.location.lon))] }
        if let origin = e.origin { m += [("origin_lat", .double(origin.lat)), ("origin_lon", .double(origin.lon))] }
        m += uncertainty(e).map { k, v in (k, v is Int ? .int(v as! Int) : .string("\(v)")) }
        return m
    }

    /// What the source says of the date's span and the deaths' range, where it says it (UCDP):
    /// `date_end`, `date_precision`, `killed_low`, `killed_high`. Absent for other sources, whose
    /// lists are as they were.
    static func uncertainty(_ e: Event) -> [(String, Any)] {
        let u = e.uncertainty
        var out: [(String, Any)] = []
        if let d = u.dateEnd { out.append(("date_end", d.description)) }
        if let p = u.datePrecision { out.append(("date_precision", p.rawValue)) }
        if let n = u.killedLow { out.append(("killed_low", n)) }
        if let n = u.killedHigh { out.append(("killed_high", n)) }
        return out
    }

    /// JSON has no NaN or infinity (the readers never make them; JSONSerialization refused them).
    private static func checkFinite(_ events: [Event]) throws {
        for e in events where !(e.location.lat.isFinite && e.location.lon.isFinite && (e.origin.map { $0.lat.isFinite && $0.lon.isFinite } ?? true)) {
            throw ValidationError("event \(e.id) has a coordinate that is not a number")
        }
    }

    static func format(_ events: [Event], as format: Events.Format) throws -> String {
        switch format {
        case .json:
            try checkFinite(events)
            return PrettyJSON.string(.array(events.map { .object(members($0, point: true)) }))
        case .geojson:
            try checkFinite(events)
            let features: [PrettyJSON.Value] = events.map { e in
                .object([("type", .string("Feature")), ("properties", .object(members(e, point: false))),
                         ("geometry", .object([("type", .string("Point")),
                                               ("coordinates", .array([.double(e.location.lon), .double(e.location.lat)]))]))])
            }
            return PrettyJSON.string(.object([("type", .string("FeatureCollection")), ("features", .array(features))]))
        case .csv:
            let header = StrikeMapCSVReader.columns
            var lines = [header.joined(separator: ",")]
            for e in events {
                let fields: [String] = [
                    e.id, e.date.description, e.time ?? "", e.timezone ?? "", e.kind.rawValue, e.weapon.rawValue,
                    e.actor, e.target, e.siteID ?? "",
                    // Every event's point, a site's too: the list is read by tools that know no gazetteer.
                    String(e.location.lat), String(e.location.lon),
                    e.precision, e.country, e.injured.map(String.init) ?? "", e.killed.map(String.init) ?? "",
                    e.confidence.rawValue, e.sources.joined(separator: "; "), e.notes, e.eventType, e.subEventType,
                    "", e.origin.map { String($0.lat) } ?? "", e.origin.map { String($0.lon) } ?? "",
                    e.uncertainty.dateEnd?.description ?? "", e.uncertainty.datePrecision?.rawValue ?? "",
                    e.uncertainty.killedLow.map(String.init) ?? "", e.uncertainty.killedHigh.map(String.init) ?? "",
                    // The place's name as the data gave it (a site's is the gazetteer's, from `site`).
                    e.siteID == nil ? e.siteName ?? "" : "",
                ]
                assert(fields.count == header.count)
                lines.append(fields.map(JSONOutput.csvField).joined(separator: ","))
            }
            return lines.joined(separator: "\n")
        case .table:
            let rows = events.map { e in
                [e.date.description, e.kind.rawValue, e.siteName ?? e.location.description, e.country,
                 e.weapon.label, e.confidence.rawValue, e.id]
            }
            return Table.render(header: ["date", "kind", "site", "country", "weapon", "confidence", "id"], rows: rows)
        }
    }
}
