import Foundation
import StrikeMapGeo
import StrikeMapCore

/// ACLED's CSV export as it comes: columns matched by name (in any order), dates in any form
/// `LooseDate` reads, kinds from `ACLEDMapping`, ACLED's own event type and sub-event type kept on
/// each event. Recognised by `event_id_cnty` and `event_date` in the header.
///
/// The pre-2019 layout (no `sub_event_type`; `ally_actor_1`, `gwno`, often no `iso`; event types
/// such as `Remote violence` and `Battle-No change of territory`) is read too: its event types are
/// renamed to today's where the old name maps to one new type (see `oldTypes`), and
/// `Riots/Protests`, which today's scheme splits in two, is kept as it is.
struct ACLEDReader {
    static let required = ["event_id_cnty", "event_date", "event_type", "actor1", "latitude", "longitude"]
    let gazetteer: Gazetteer
    let mapping: ACLEDMapping
    var options = ReadOptions()
    /// Reads the file again, for the day/month pre-pass of numeric dates.
    var reopen: (() throws(CSVError) -> CSVReader)?
    /// Counting only: skip the fields no count uses (sources, target, notes kept only for the weapon).
    var lean = false
    /// Maps only: skip the notes and sources (no map shows them; at a million rows they are a
    /// quarter of a gigabyte), keep the rest.
    var keepsNotes = true
    /// How many parsers read a file's blocks at once: one per core, two at most, as merging their
    /// rows (ids, skips, the caller's callback) is serial and takes about what one parser does.
    var parallelism = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// Bytes read at a time: enough rows to keep both parsers busy past the cost of starting
    /// them, few enough that a block's events take a few MB.
    var blockBytes = 8 << 20
    /// Blocks smaller than this are parsed by one parser (small files, a file's last block).
    var parallelMinimum = 1 << 20

    init(gazetteer: Gazetteer, mapping: ACLEDMapping) {
        self.gazetteer = gazetteer
        self.mapping = mapping
    }

    static func recognises(header: [String]) -> Bool {
        let h = Set(header.map { $0.lowercased() })
        return h.contains("event_id_cnty") && h.contains("event_date")
    }

    /// Pre-2019 event types (lower-cased) → today's event type and sub-event type ("" = unknown).
    static let oldTypes: [String: (type: String, subType: String)] = [
        "remote violence": ("Explosions/Remote violence", ""),
        "battle-no change of territory": ("Battles", "Armed clash"),
        "battle-government regains territory": ("Battles", "Government regains territory"),
        "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
        "violence against civilians": ("Violence against civilians", ""),
        "strategic development": ("Strategic developments", ""),
        "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
        "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
        // Today's scheme splits these into Protests and Riots; an old row cannot say which.
        "riots/protests": ("Riots/Protests", ""),
    ]

    /// `2023-11-21`, `21 November 2023`, `21-Nov-2023` and the other forms of `LooseDate`
    /// (a numeric dd/mm/yyyy here is read day first: a test helper, not the file reader).
    static func date(_ text: String) -> CivilDate? {
        switch LooseDate.parse(text) {
        case .day(let d): return d
        case let .numeric(a, b, y): return LooseDate.resolve(first: a, second: b, year: y, order: .dmy)
        default: return nil
        }
    }

    func read(_ reader: CSVReader, header: [String], into collector: inout RowCollector) throws(EventReadError) {
        let col = try columnIndex(header, file: reader.name)
        let missing = Self.required.filter { col[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(file: reader.name, columns: missing, format: "ACLED") }
        let oldLayout = col["sub_event_type"] == nil
        if oldLayout {
            collector.note("\(reader.name): the pre-2019 ACLED layout (no sub_event_type): event types renamed to today's "
                           + "where one maps to one (Remote violence → Explosions/Remote violence, ...); Riots/Protests kept as it is")
        }
        let file = reader.name
        let reopen = self.reopen
        let dateIndex = col["event_date"]!
        // Decided once, by whichever parser meets the first numeric date, for all of them.
        let order = SharedDateOrder { () throws(EventReadError) in
            guard let reopen else { return .dmy }
            return try DateColumn.decide(try scanColumn(reopen, index: dateIndex), file: file, column: "event_date")
        }
        let setup = ACLEDRowParser.Setup(file: file, columns: Columns(col), oldLayout: oldLayout, lean: lean, keepsNotes: keepsNotes, mapping: mapping,
                                         gazetteer: gazetteer, kindDefault: options.kindDefault)
        // Parsers live at fixed addresses, each used by one thread at a time: no copies, and no
        // exclusivity checks on every access as a class's properties would have.
        let count = max(1, parallelism)
        let parsers = UnsafeMutablePointer<ACLEDRowParser>.allocate(capacity: count)
        for k in 0..<count {
            var dates = DateColumn(file: file, column: "event_date", order: options.dateOrder) { () throws(EventReadError) in
                try order.get()
            }
            dates.invalidMessage = "not a date; ACLED dates look like 2023-11-21 or 21 November 2023"
            (parsers + k).initialize(to: ACLEDRowParser(setup, dates: dates))
        }
        defer {
            parsers.deinitialize(count: count)
            parsers.deallocate()
        }
        var pipeline = Pipeline(file: file)
        pipeline.maxRecordBytes = options.maxRecordBytes
        do {
            try reader.readBlocks(minimum: blockBytes) { bytes, atEnd, line, scanner in
                try readBlock(bytes, atEnd: atEnd, line: line, scanner: &scanner, parsers: parsers, count: count,
                              pipeline: &pipeline, into: &collector)
            }
            try pipeline.mergeAll(into: &collector)
        } catch let e as EventReadError {
            throw e
        } catch let e as CSVError {
            throw .csv(e)
        } catch {
            throw .csv(.unreadable(file: file, message: "\(error)"))
        }
        DateColumn.noteRanges(pipeline.ranges, file: file, into: &collector)
    }

    /// Parses one block of whole and partial records; returns the bytes and lines of the records
    /// taken (a partial last one is left for the next block). Its rows are merged into the
    /// collector, in file order, while the next block is parsed: merging (ids, skips, the
    /// caller's callback) is serial, and so overlaps the parsers instead of waiting for them.
    ///
    /// With two parsers the block is cut at the first line break after its middle, a guess at a
    /// record boundary that is wrong only when that break is inside a quoted field. The first
    /// parser, which starts at a known boundary, reads records up to the cut; if its last record
    /// ends exactly there the guess was right and the second parser's rows follow; otherwise they
    /// are dropped and the rest is parsed again from where the first parser stopped. Lines are
    /// counted from each parser's start and offset when the rows are merged, so every message
    /// names the line a serial read would.
    private func readBlock(_ b: UnsafeBufferPointer<UInt8>, atEnd: Bool, line: Int, scanner: inout CSVScanner,
                           parsers: UnsafeMutablePointer<ACLEDRowParser>, count: Int, pipeline: inout Pipeline,
                           into collector: inout RowCollector) throws -> (consumed: Int, lines: Int) {
        var position = 0, lines = 0
        if count > 1, b.count >= max(parallelMinimum, 2), let cut = Self.guessBoundary(b) {
            parsers[0].outcomes = pipeline.spare()
            parsers[1].outcomes = pipeline.spare()
            // The second parser may not pick the file's legacy code page: only the first record
            // that is not UTF-8 may, and the first parser's part comes before.
            let first = ParseJob(parsers, b, from: 0, limit: cut, atEnd: atEnd, scanner: scanner, mayDetect: true)
            let second = ParseJob(parsers + 1, b, from: cut, limit: b.count, atEnd: atEnd, scanner: scanner, mayDetect: false)
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) { first.run() }
            DispatchQueue.global().async(group: group) { second.run() }
            var failure: EventReadError?
            do throws(EventReadError) { try pipeline.mergeAll(into: &collector) } catch { failure = error }
            group.wait()
            if let failure { throw failure }
            scanner = first.scanner
            pipeline.take(&parsers[0], line: line)
            if let done = try pipeline.finish(first.stop, b, line: line, lines: 0, into: &collector) { return done }
            position = first.stop.position
            lines = first.stop.line
            if position == cut {
                pipeline.take(&parsers[1], line: line + lines)
                if second.stop.reason != .needsSniff,
                   let done = try pipeline.finish(second.stop, b, line: line + lines, lines: lines, into: &collector) {
                    return done
                }
                position = second.stop.position
                lines += second.stop.line
            }
        } else {
            try pipeline.mergeAll(into: &collector)
        }
        parsers[0].outcomes = pipeline.spare()
        let stop = parsers[0].parse(b, from: position, limit: b.count, atEnd: atEnd, scanner: &scanner, mayDetect: true)
        pipeline.take(&parsers[0], line: line + lines)
        return try pipeline.finish(stop, b, line: line + lines, lines: lines, into: &collector) ?? (stop.position, lines + stop.line)
    }

    /// Just after the first line feed past the middle, if that is before the end.
    static func guessBoundary(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = b.count / 2
        while i < b.count && b[i] != 10 { i += 1 }
        return i + 1 < b.count ? i + 1 : nil
    }

    /// One parser's run on another thread: what it is given, and where it stopped.
    final class ParseJob: @unchecked Sendable {
        let parser: UnsafeMutablePointer<ACLEDRowParser>
        let bytes: UnsafeBufferPointer<UInt8>
        let from, limit: Int
        let atEnd, mayDetect: Bool
        var scanner: CSVScanner
        var stop = CSVScanner.Stop(position: 0, line: 0, reason: .end)

        init(_ parser: UnsafeMutablePointer<ACLEDRowParser>, _ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int,
             atEnd: Bool, scanner: CSVScanner, mayDetect: Bool) {
            self.parser = parser
            self.bytes = bytes
            self.from = from
            self.limit = limit
            self.atEnd = atEnd
            self.scanner = scanner
            self.mayDetect = mayDetect
        }

        func run() {
            stop = parser.pointee.parse(bytes, from: from, limit: limit, atEnd: atEnd, scanner: &scanner, mayDetect: mayDetect)
        }
    }

    /// Parsed rows waiting to be merged, in file order.
    struct Pipeline {
        struct Batch {
            var outcomes: ACLEDRowParser.Outcomes
            /// The line the parser started on.
            var line: Int
            var ranges: Int
        }
        let file: String
        /// The record limit, for the message when a record passes it.
        var maxRecordBytes = CSVScanner.defaultMaxRecordBytes
        private var batches: [Batch] = []
        /// Emptied outcome arrays, whose memory the next parses reuse.
        private var spares: [ACLEDRowParser.Outcomes] = []
        /// Date ranges among the rows merged (a parse whose rows are dropped does not count).
        private(set) var ranges = 0

        init(file: String) { self.file = file }

        mutating func spare() -> ACLEDRowParser.Outcomes { spares.popLast() ?? ACLEDRowParser.Outcomes() }

        /// Queues the rows of the parser's last parse.
        mutating func take(_ parser: inout ACLEDRowParser, line: Int) {
            batches.append(Batch(outcomes: parser.outcomes, line: line, ranges: parser.dates.ranges - parser.rangesBefore))
            parser.outcomes = ACLEDRowParser.Outcomes()
        }

        /// Hands the queued rows to the collector, their lines offset by where their parser started.
        mutating func mergeAll(into collector: inout RowCollector) throws(EventReadError) {
            // Each batch is taken out of the queue, so that its arrays are uniquely held and keep
            // their memory when emptied; events are handed over in place, not copied out.
            while !batches.isEmpty {
                var batch = batches.removeFirst()
                ranges += batch.ranges
                let line = batch.line
                var next = 0
                for row in batch.outcomes.rows {
                    if row.failure < 0 {
                        try collector.row(file: file, line: line + row.line, parsed: batch.outcomes.events[next], idHash: row.idHash)
                        next += 1
                    } else {
                        let error = batch.outcomes.failures[row.failure]
                        try collector.row(file: file, line: line + row.line) {
                            if var issue = error as? RowIssue {
                                issue.line += line
                                throw issue
                            }
                            throw error
                        }
                    }
                }
                batch.outcomes.removeAll()
                spares.append(batch.outcomes)
            }
        }

        /// What a parser's stop means for the block: nil to go on from it (it reached its
        /// limit, or a record whose code page it may not pick), else the block's result. A CSV
        /// error is thrown after the rows before it are merged (one of them may stop the read first).
        mutating func finish(_ stop: CSVScanner.Stop, _ b: UnsafeBufferPointer<UInt8>, line: Int, lines: Int,
                             into collector: inout RowCollector) throws(EventReadError) -> (consumed: Int, lines: Int)? {
            switch stop.reason {
            case .limit, .needsSniff: return nil
            case .needMore: return (stop.position, lines + stop.line)
            case .end: return (b.count, lines + stop.line)
            case .unterminatedQuote:
                try mergeAll(into: &collector)
                throw .csv(.unterminatedQuote(file: file, line: line + stop.line))
            case .invalidUTF8:
                try mergeAll(into: &collector)
                throw .csv(.invalidUTF8(file: file, line: line + stop.line))
            case .tooLong:
                try mergeAll(into: &collector)
                throw .csv(.recordTooLong(file: file, line: line + stop.line, limit: maxRecordBytes))
            }
        }
    }

    /// Column positions, looked up once per file rather than by name on every row.
    struct Columns {
        let id, date, eventType, subEventType, actor1, inter1, actor2, iso, iso3, country, location,
            latitude, longitude, geoPrecision, timePrecision, source, notes, fatalities, dataID: Int?
        init(_ col: [String: Int]) {
            dataID = col["data_id"]
            id = col["event_id_cnty"]; date = col["event_date"]; eventType = col["event_type"]
            subEventType = col["sub_event_type"]; actor1 = col["actor1"]; inter1 = col["inter1"]; actor2 = col["actor2"]
            iso = col["iso"]; iso3 = col["iso3"]; country = col["country"]; location = col["location"]
            latitude = col["latitude"]; longitude = col["longitude"]; geoPrecision = col["geo_precision"]
            timePrecision = col["time_precision"]
            source = col["source"]; notes = col["notes"]; fatalities = col["fatalities"]
        }
    }

    /// What a row's type and actor come to, worked out once per distinct combination.
    struct Classified {
        var kind: EventKind?
        var state: Bool
        var eventType: String
        var subEventType: String
        var actor: String
        var notesRule: EventEvidence.NotesRule
    }
}

/// The day/month order of a file's numeric dates, decided once for all the parsers reading it.
final class SharedDateOrder: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<DateOrder, EventReadError>?
    private let decide: () throws(EventReadError) -> DateOrder

    init(_ decide: @escaping () throws(EventReadError) -> DateOrder) { self.decide = decide }

    func get() throws(EventReadError) -> DateOrder {
        lock.lock()
        defer { lock.unlock() }
        if result == nil {
            do throws(EventReadError) { result = .success(try decide()) } catch { result = .failure(error) }
        }
        return try result!.get()
    }
}

/// Turns ACLED records into events, straight from the bytes: only the fields an event keeps
/// become Strings, and the values that repeat (actors, types, places, countries, sources, dates)
/// are worked out and stored once. One per thread; each keeps its own caches.
struct ACLEDRowParser {
    struct Setup {
        let file: String
        let columns: ACLEDReader.Columns
        let oldLayout: Bool
        let lean: Bool
        let keepsNotes: Bool
        let mapping: ACLEDMapping
        let gazetteer: Gazetteer
        let kindDefault: String?
    }
    /// The rows of one parse, in order: events in one array (handed on in place, where an enum
    /// of event-or-error would be copied out element by element), errors in another.
    struct Outcomes {
        struct Row {
            /// Counted from where the parser started.
            var line: Int
            var idHash: UInt64
            /// -1 for an event (the next in `events`), else an index into `failures`.
            var failure: Int
        }
        var rows: [Row] = []
        var events: [Event] = []
        var failures: [Error] = []

        mutating func removeAll() {
            rows.removeAll(keepingCapacity: true)
            events.removeAll(keepingCapacity: true)
            failures.removeAll()
        }
    }

    let setup: Setup
    var dates: DateColumn
    /// The rows of the last `parse`, in order.
    var outcomes = Outcomes()
    /// `dates.ranges` when the last `parse` began.
    private(set) var rangesBefore = 0
    private var days = ByteMap<LooseDate.Parsed>()
    private var kinds = ByteMap<ACLEDReader.Classified>()
    private var places = ByteMap<Place>()
    private var countries = ByteMap<String>()
    private var sourceLists = ByteMap<[String]>()
    private var targets = Interner()
    /// Scratch space for keys made of several fields.
    private var key: [UInt8] = []

    init(_ setup: Setup, dates: DateColumn) {
        self.setup = setup
        self.dates = dates
    }

    /// Parses the records that start in `from..<limit` (the last may run past `limit`).
    mutating func parse(_ b: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, atEnd: Bool, scanner: inout CSVScanner,
               mayDetect: Bool) -> CSVScanner.Stop {
        outcomes.removeAll()
        rangesBefore = dates.ranges
        var row = CSVRow()
        return scanner.scan(b, from: from, limit: limit, atEnd: atEnd, mayDetect: mayDetect, firstLine: 0, row: &row) { row in
            do {
                let (event, idHash) = try self.event(row)
                outcomes.events.append(event)
                outcomes.rows.append(Outcomes.Row(line: row.line, idHash: idHash, failure: -1))
            } catch {
                outcomes.rows.append(Outcomes.Row(line: row.line, idHash: 0, failure: outcomes.failures.count))
                outcomes.failures.append(error)
            }
        }
    }

    private mutating func event(_ row: borrowing CSVRow) throws -> (Event, UInt64) {
        // Nothing here captures `self`: a closure that did would copy the whole parser per row.
        let c = setup.columns
        let file = setup.file
        func issue(_ column: String, _ index: Int?, _ message: String) -> RowIssue {
            Self.issue(file, row, column, index, message)
        }
        var id: String, idHash: UInt64
        if let b = row.plainTrimmed(c.id!) {
            id = String(decoding: b, as: UTF8.self)
            idHash = IDSet.hash(b)
        } else {
            id = row.trimmed(c.id!)
            idHash = IDSet.hash(id)
        }
        // A row without its event id keeps its export's data_id, named as such (ids of both
        // kinds then never collide); without either it cannot be told from its neighbours.
        if id.isEmpty, let d = c.dataID, case let v = row.trimmed(d), !v.isEmpty {
            id = "data_id:" + v
            idHash = IDSet.hash(id)
        }
        guard !id.isEmpty else { throw issue("event_id_cnty", c.id, "empty event id (and no data_id)") }
        let (date, approximate) = try day(row, c.date!)
        guard let lat = Self.number(row, c.latitude), (-90...90).contains(lat) else {
            throw issue("latitude", c.latitude, "expected a latitude in decimal degrees (-90..90)")
        }
        guard let lon = Self.number(row, c.longitude), (-180...180).contains(lon) else {
            throw issue("longitude", c.longitude, "expected a longitude in decimal degrees (-180..180)")
        }
        let classified = classify(row)
        guard let kind = classified.kind else {
            // The type and sub-type in the message: each distinct one is its own line, with its count.
            let what = [c.eventType.map { row.trimmed($0) } ?? "", c.subEventType.map { row.trimmed($0) } ?? ""].filter { !$0.isEmpty }.joined(separator: " / ")
            throw issue("event_type", c.eventType, "no rule maps this event type ('\(what)') to a kind; add one with --acled-map, or give --kind-default")
        }
        let point = GeoPoint(lat: lat, lon: lon)
        let place = self.place(row)
        // A gazetteer site of that name counts only if it is where ACLED puts the event.
        let site = place.site.flatMap { $0.location.distanceKm(to: point) < 25 ? $0 : nil }
        let weapon: Weapon
        if classified.notesRule == .ignore {
            weapon = .unknown
        } else {
            let fromNotes = Self.notesWeapon(row, c.notes)
            weapon = classified.notesRule.weapon(fromNotes)
        }
        let precision: String
        switch Self.text(row, c.geoPrecision) {
        case "1": precision = "site"
        case "2": precision = "near-site"
        case "3": precision = "governorate"
        default: precision = ""
        }
        let country = self.country(row)
        let killed = try Self.fatalities(row, c.fatalities, file: file)
        // time_precision 2 and 3: the date is known only to the week or the month (ACLED gives
        // one date within it, not the span).
        let timePrecision = Self.datePrecision(Self.text(row, c.timePrecision))
        if let timePrecision {
            var e = Event(id: id, date: date, kind: kind, eventType: classified.eventType, subEventType: classified.subEventType,
                          weapon: weapon, actor: classified.actor, target: setup.lean ? "" : target(row),
                          siteID: site?.id, siteName: site?.name ?? (place.name.isEmpty ? nil : place.name),
                          location: point, precision: precision, country: country, killed: killed,
                          confidence: approximate ? .approximate : .unstated)
            if setup.keepsNotes && !setup.lean {
                var notes = c.notes.map { row.trimmed($0) } ?? ""
                if approximate { notes = (notes.isEmpty ? "" : notes + "; ") + "date given as '\(row.trimmed(c.date!))'" }
                e.sources = sources(row)
                e.notes = notes
            }
            e.uncertainty = Uncertainty(datePrecision: timePrecision)
            return (e, idHash)
        }
        if setup.lean {
            return (Event(id: id, date: date, kind: kind, eventType: classified.eventType, subEventType: classified.subEventType,
                         weapon: weapon, actor: classified.actor,
                         siteID: site?.id, siteName: site?.name ?? (place.name.isEmpty ? nil : place.name),
                         location: point, precision: precision, country: country, killed: killed,
                         confidence: approximate ? .approximate : .unstated), idHash)
        }
        if !setup.keepsNotes {
            return (Event(id: id, date: date, kind: kind, eventType: classified.eventType, subEventType: classified.subEventType,
                         weapon: weapon, actor: classified.actor, target: target(row),
                         siteID: site?.id, siteName: site?.name ?? (place.name.isEmpty ? nil : place.name),
                         location: point, precision: precision, country: country, killed: killed,
                         confidence: approximate ? .approximate : .unstated), idHash)
        }
        var notes = c.notes.map { row.trimmed($0) } ?? ""
        if approximate { notes = (notes.isEmpty ? "" : notes + "; ") + "date given as '\(row.trimmed(c.date!))'" }
        return (Event(id: id, date: date, kind: kind, eventType: classified.eventType, subEventType: classified.subEventType,
                     weapon: weapon, actor: classified.actor, target: target(row),
                     siteID: site?.id, siteName: site?.name ?? (place.name.isEmpty ? nil : place.name),
                     location: point, precision: precision, country: country, killed: killed,
                     confidence: approximate ? .approximate : .unstated,
                     sources: sources(row), notes: notes), idHash)
    }

    /// ACLED's time_precision as a date precision: 2 the week, 3 the month; nil for 1 (the day)
    /// and anything else, so most events carry no uncertainty at all.
    static func datePrecision(_ code: String) -> DatePrecision? {
        switch code {
        case "2": return .week
        case "3": return .month
        default: return nil
        }
    }

    /// A short field's trimmed text without a String when it is plain ASCII ("" past the end).
    private static func text(_ row: borrowing CSVRow, _ i: Int?) -> String {
        guard let i else { return "" }
        return row.trimmed(i)
    }

    private mutating func day(_ row: borrowing CSVRow, _ i: Int) throws -> (date: CivilDate, approximate: Bool) {
        let parsed: LooseDate.Parsed
        if let b = row.plainTrimmed(i) {
            // 2023-11-21, ACLED's own form: read in place.
            if let d = Self.isoDay(b) { return (d, false) }
            let h = ByteMap<LooseDate.Parsed>.hash(b)
            if let e = days.find(b, hash: h) {
                parsed = days[entry: e]
            } else {
                parsed = LooseDate.parse(String(decoding: b, as: UTF8.self))
                if days.count < 50_000 { days.insert(b, hash: h, parsed) }
            }
        } else {
            parsed = LooseDate.parse(row.trimmed(i))
        }
        return try dates.resolve(parsed, text: row.trimmed(i), line: row.line)
    }

    /// YYYY-MM-DD exactly, as `CivilDate(iso:)` reads it; nil for anything else (which then takes
    /// the general path, and comes to the same day if it is one).
    static func isoDay(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        var v = [0, 0, 0], k = 0
        for (start, end) in [(0, 4), (5, 7), (8, 10)] {
            var x = 0
            for j in start..<end {
                let d = b[j] &- 48
                guard d < 10 else { return nil }
                x = x * 10 + Int(d)
            }
            v[k] = x
            k += 1
        }
        return CivilDate(year: v[0], month: v[1], day: v[2])
    }

    private static func number(_ row: borrowing CSVRow, _ i: Int?) -> Double? {
        guard let i else { return FastText.decimal("") }
        if let b = row.plainTrimmed(i) {
            return decimal(b) ?? FastText.decimal(String(decoding: b, as: UTF8.self))
        }
        return FastText.decimal(row.trimmed(i))
    }

    private static let powersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

    /// `-?digits(.digits)?` with at most 15 digits in all, read exactly: the digits make an integer
    /// below 2^53 and the divisor a power of ten up to 10^22, both exact in a Double, so the one
    /// rounding of the division gives the nearest Double, as `Double(String)` does. nil for
    /// anything else (read the slow way).
    static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        var i = 0
        let negative = n > 0 && b[0] == 45
        if negative { i = 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0
        let start = i
        while i < n, b[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48); digits += 1; i += 1 }
        guard i > start else { return nil }
        if i < n && b[i] == 46 {
            i += 1
            let fractionStart = i
            while i < n, b[i] &- 48 < 10 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 48); digits += 1; i += 1 }
            fraction = i - fractionStart
            guard fraction > 0 else { return nil }
        }
        guard i == n, digits <= 15 else { return nil }
        let v = Double(mantissa) / powersOfTen[fraction]
        return negative ? -v : v
    }

    /// Appends a field's trimmed UTF-8 to `key`, after its length (so that field boundaries are
    /// part of the key).
    private mutating func appendKey(_ row: borrowing CSVRow, _ i: Int?) {
        func length(_ n: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: n)) { key.append(contentsOf: $0) } }
        guard let i else { length(0); return }
        if let b = row.plainTrimmed(i) {
            length(b.count)
            key.append(contentsOf: b)
        } else {
            let s = row.trimmed(i)
            length(s.utf8.count)
            key.append(contentsOf: s.utf8)
        }
    }

    /// Looks `key` up in `map`, making the value on a miss.
    private static func cached<V>(_ key: [UInt8], _ map: inout ByteMap<V>, _ make: () -> V) -> V {
        key.withUnsafeBufferPointer { k in
            let h = ByteMap<V>.hash(k)
            if let e = map.find(k, hash: h) { return map[entry: e] }
            let v = make()
            map.insert(k, hash: h, v)
            return v
        }
    }

    private mutating func classify(_ row: borrowing CSVRow) -> ACLEDReader.Classified {
        let c = setup.columns
        key.removeAll(keepingCapacity: true)
        appendKey(row, c.actor1)
        appendKey(row, c.inter1)
        appendKey(row, c.eventType)
        appendKey(row, c.subEventType)
        let setup = self.setup
        return Self.cached(key, &kinds) {
            let actor = Self.text(row, c.actor1), inter = Self.text(row, c.inter1)
            var type = Self.text(row, c.eventType), subType = Self.text(row, c.subEventType)
            if setup.oldLayout, let modern = ACLEDReader.oldTypes[type.lowercased()] { (type, subType) = modern }
            let state = ACLEDMapping.isState(actor: actor, inter: inter)
            let kind = setup.mapping.kind(eventType: type, subEventType: subType, actorIsState: state)
                ?? setup.kindDefault.map { EventKind(rawValue: $0) }
            let rule = kind.map { EventEvidence.notesRule(subEventType: subType, kind: $0) } ?? .ignore
            return ACLEDReader.Classified(kind: kind, state: state, eventType: type, subEventType: subType, actor: actor,
                                          notesRule: rule)
        }
    }

    struct Place {
        var name: String
        var site: Site?
    }

    private mutating func place(_ row: borrowing CSVRow) -> Place {
        key.removeAll(keepingCapacity: true)
        appendKey(row, setup.columns.location)
        let setup = self.setup
        return Self.cached(key, &places) {
            let name = Self.text(row, setup.columns.location)
            return Place(name: name, site: setup.gazetteer.exactMatch(name))
        }
    }

    /// ISO numeric, else ISO alpha-3, else the name: each becomes alpha-2 when the table knows it.
    private mutating func country(_ row: borrowing CSVRow) -> String {
        let c = setup.columns
        key.removeAll(keepingCapacity: true)
        appendKey(row, c.iso)
        appendKey(row, c.iso3)
        appendKey(row, c.country)
        return Self.cached(key, &countries) {
            let iso = Self.text(row, c.iso), iso3 = Self.text(row, c.iso3), name = Self.text(row, c.country)
            let table = CountryTable.standard
            let found = Int(iso).flatMap { $0 == 0 ? nil : table.find(numeric: $0) } ?? table.find(iso3) ?? table.find(name)
            return found?.alpha2 ?? (iso3.isEmpty ? name : iso3)
        }
    }

    private static func issue(_ file: String, _ row: borrowing CSVRow, _ column: String, _ index: Int?,
                              _ message: String) -> RowIssue {
        RowIssue(file: file, line: row.line, column: column, value: index.map { row.trimmed($0) } ?? "", message: message)
    }

    private static func notesWeapon(_ row: borrowing CSVRow, _ notes: Int?) -> Weapon {
        guard let i = notes else { return Weapon(loose: "") }
        if let b = row.plainTrimmed(i) { return Weapon(looseUTF8: b) }
        return Weapon(loose: row.trimmed(i))
    }

    private static func fatalities(_ row: borrowing CSVRow, _ column: Int?, file: String) throws -> Int? {
        guard let i = column else { return nil }
        if let b = row.plainTrimmed(i), b.count <= 18, b.allSatisfy({ $0 &- 48 < 10 }) {
            if b.isEmpty { return nil }
            var v = 0
            for d in b { v = v * 10 + Int(d - 48) }
            return v
        }
        let t = row.trimmed(i)
        if t.isEmpty { return nil }
        guard let v = Int(t) else { throw issue(file, row, "fatalities", i, "expected a whole number") }
        return v
    }

    private mutating func target(_ row: borrowing CSVRow) -> String {
        guard let i = setup.columns.actor2 else { return "" }
        if let b = row.plainTrimmed(i) { return targets.string(b) }
        return row.trimmed(i)
    }

    /// `Source A; Source B` as a list; the same text gives the same (shared) list.
    private mutating func sources(_ row: borrowing CSVRow) -> [String] {
        func split(_ s: String) -> [String] {
            s.split(separator: ";").map { FastText.trim(String($0)) }.filter { !$0.isEmpty }
        }
        guard let i = setup.columns.source else { return [] }
        guard row.plainTrimmed(i) != nil else { return split(row.trimmed(i)) }
        key.removeAll(keepingCapacity: true)
        appendKey(row, i)
        return Self.cached(key, &sourceLists) { split(row.trimmed(i)) }
    }
}
