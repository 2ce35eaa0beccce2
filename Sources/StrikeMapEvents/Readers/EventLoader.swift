@preconcurrency import Glibc
import Foundation
import StrikeMapGeo
import StrikeMapCore

/// Reads event files of any supported format, detected from their content: GeoJSON (a Feature
/// or FeatureCollection), an ACLED export (`event_id_cnty,event_date,...`, today's layout or the
/// pre-2019 one), UCDP GED (`type_of_violence,side_a,side_b,...`, any of its layouts), StrikeMap CSV (`date,kind,...`) or any CSV with recognisable columns (a date
/// and coordinates; the Yemen Data Project's air-raid log among them).
public struct EventLoader {
    public let gazetteer: Gazetteer
    public var strict: Bool
    public var acledMapping: ACLEDMapping
    public var options: ReadOptions

    public init(gazetteer: Gazetteer, strict: Bool = false, acledMapping: ACLEDMapping = .default,
                options: ReadOptions = ReadOptions()) {
        self.gazetteer = gazetteer
        self.strict = strict
        self.acledMapping = acledMapping
        self.options = options
    }

    /// Reads one file ("-" = standard input), keeping the events.
    public func read(path: String) throws(EventReadError) -> ReadReport {
        try read(paths: [path])
    }

    /// Reads and merges several files; the same id twice, in one file or two, is reported as a
    /// duplicate and the first is kept.
    public func read(paths: [String]) throws(EventReadError) -> ReadReport {
        var collector = RowCollector(strict: strict, retain: true, maxEvents: options.maxEvents, each: { _ in })
        for p in paths { try read(path: p, into: &collector) }
        return collector.report
    }

    /// Reads and merges several files, with `standardInput` standing for "-" (a caller that has
    /// the bytes already: a server's upload, a test).
    /// `notes: false` leaves out the notes and sources where a reader can skip them: what a map
    /// needs, in less memory.
    public func read(paths: [String], standardInput: Data?, notes: Bool = true) throws(EventReadError) -> ReadReport {
        var collector = RowCollector(strict: strict, retain: true, maxEvents: options.maxEvents, each: { _ in })
        for p in paths { try read(path: p, data: p == "-" ? standardInput : nil, notes: notes, into: &collector) }
        return collector.report
    }

    /// Streams events to `each` without keeping them: memory stays flat however large the input.
    /// `lean` leaves out sources, target and notes where a reader can skip them (counting).
    public func stream(paths: [String], lean: Bool = false, each: @escaping (Event) -> Void) throws(EventReadError) -> ReadReport {
        var collector = RowCollector(strict: strict, retain: false, each: each)
        for p in paths { try read(path: p, lean: lean, into: &collector) }
        return collector.report
    }

    /// Reads events from bytes in memory (any supported format), named `name` in messages.
    public func read(data: Data, name: String) throws(EventReadError) -> ReadReport {
        var collector = RowCollector(strict: strict, retain: true, maxEvents: options.maxEvents, each: { _ in })
        try read(path: name, data: data, into: &collector)
        return collector.report
    }

    private func read(path: String, data given: Data? = nil, lean: Bool = false, notes: Bool = true,
                      into collector: inout RowCollector) throws(EventReadError) {
        if given == nil, EventStore.isStore(path) {
            let store: EventStore
            do throws(StoreError) { store = try EventStore(location: path, create: false) } catch { throw .store(error) }
            try store.read(options.storeQuery, notes: notes && !lean, into: &collector)
            return
        }
        collector.origin(path)
        let name = path == "-" ? (options.standardInputName ?? "<stdin>") : path
        let stdinData: Data? = given
        // Standard input, a FIFO or a device can be read only once: copied to a temporary file
        // as it is read (memory stays flat), which the readers then open as often as they need.
        var spool: InputSpool?
        // The copy is removed when the spool goes: not before this read is over.
        defer { withExtendedLifetime(spool) {} }
        if given == nil {
            var st = stat()
            if path != "-", stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { throw .csv(.folder(file: path)) }
            if path == "-" || InputSpool.isStream(path) {
                let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw .csv(.unreadable(file: path, message: String(cString: strerror(errno)))) }
                defer { if fd != 0 { close(fd) } }
                do throws(CSVError) { spool = try InputSpool.copy(fd: fd, name: name, maxRecordBytes: options.maxRecordBytes,
                                                                             maxJSONBytes: Self.maxGeoJSONBytes) } catch {
                    throw .csv(error)
                }
            }
        }
        let file = spool?.path ?? path
        let head: Data
        if let d = stdinData { head = d.prefix(256) } else {
            guard let h = FileHandle(forReadingAtPath: file) else {
                let reason = FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file"
                throw .csv(.unreadable(file: name, message: reason))
            }
            head = (try? h.read(upToCount: 256)) ?? Data()
            try? h.close()
        }
        if Self.looksLikeJSON(head) {
            // A GeoJSON document is parsed whole, at several times its size in memory: past the
            // limit, say so rather than take all memory (CSV streams any size).
            let size = stdinData?.count ?? (((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0)
            if size > Self.maxGeoJSONBytes {
                throw .invalidGeoJSON(file: name, message: "\(CSVError.size(size)) is more than the \(CSVError.size(Self.maxGeoJSONBytes)) "
                    + "read as one GeoJSON document; convert it to CSV, which is read as a stream "
                    + "(ogr2ogr -f CSV -lco GEOMETRY=AS_XY events.csv \((name as NSString).lastPathComponent))")
            }
            let data: Data
            if let d = stdinData { data = d } else {
                do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                    throw .csv(.unreadable(file: name, message: error.localizedDescription))
                }
            }
            try GeoJSONEventReader(gazetteer: gazetteer, options: options).read(data, file: name, into: &collector)
            return
        }
        // A second reader over the same input, for passes that need a column before the rows.
        let maxRecord = options.maxRecordBytes
        let reopen: () throws(CSVError) -> CSVReader = { () throws(CSVError) in
            if let d = stdinData { return try CSVReader(data: d, name: name, maxRecordBytes: maxRecord) }
            return try CSVReader(path: file, name: name, maxRecordBytes: maxRecord)
        }
        let reader: CSVReader
        do throws(CSVError) { reader = try reopen() } catch { throw .csv(error) }
        let header: CSVRecord
        do {
            guard let h = try reader.next() else { throw EventReadError.csv(.empty(file: reader.name)) }
            header = h
        } catch let e as EventReadError { throw e } catch let e as CSVError { throw .csv(e) } catch {
            throw .csv(.unreadable(file: reader.name, message: "\(error)"))
        }
        let fields = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        // Columns named by the user override every layout's own names: read it as a generic CSV.
        if !options.columns.isEmpty {
            try GenericCSVReader(gazetteer: gazetteer, options: options, reopen: reopen).read(reader, header: fields, into: &collector)
        } else if ACLEDReader.recognises(header: fields) {
            var acled = ACLEDReader(gazetteer: gazetteer, mapping: acledMapping)
            acled.lean = lean
            acled.keepsNotes = notes
            acled.options = options
            acled.reopen = reopen
            try acled.read(reader, header: fields, into: &collector)
            collector.publisher("ACLED (Armed Conflict Location & Event Data)", of: path)
        } else if UCDPReader.recognises(header: fields) {
            var ucdp = UCDPReader(gazetteer: gazetteer)
            ucdp.options = options
            try ucdp.read(reader, header: fields, into: &collector)
            collector.publisher(UCDPReader.publisher, of: path)
        } else if StrikeMapCSVReader.recognises(header: fields) {
            var own = StrikeMapCSVReader(gazetteer: gazetteer)
            own.options = options
            own.reopen = reopen
            try own.read(reader, header: fields, into: &collector)
        } else if try GenericCSVReader.canRead(header: fields, file: reader.name) {
            try GenericCSVReader(gazetteer: gazetteer, options: options, reopen: reopen).read(reader, header: fields, into: &collector)
            if GenericCSVReader.isYemenDataProject(fields) { collector.publisher("Yemen Data Project", of: path) }
        } else {
            // Say which of the fields every reader needs could not be found, and how to name them.
            let found = (try? GenericCSVReader.roles(fields, options: ReadOptions(), file: reader.name)) ?? [:]
            let missing = [ColumnRole.date, .lat, .lon].filter { found[$0] == nil }.map(\.rawValue)
            throw .unrecognisedColumns(file: reader.name, missing: missing, header: fields)
        }
        if let encoding = reader.convertedFrom {
            collector.note("\(reader.name): not UTF-8; read as \(encoding). Save it as UTF-8 (in Excel: \"CSV UTF-8\") to be sure")
        }
        if collector.report.rowsRead == 0 {
            collector.note("\(reader.name): has a header but no rows")
        }
    }

    /// The largest GeoJSON events file read (it is parsed whole): 256 MiB.
    public static let maxGeoJSONBytes = 256 << 20

    static func looksLikeJSON(_ head: Data) -> Bool {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) } == UInt8(ascii: "{")
    }

    /// The sample dataset shipped with StrikeMap: every dated, placed event of 17 Oct - 22 Nov 2023.
    public static func samplePath() throws(GeoError) -> String {
        try DataLocator.data().appendingPathComponent("events-2023-10-17_2023-11-22.csv").path
    }
}
