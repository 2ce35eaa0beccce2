import Foundation
import StrikeMapCore
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender

/// What `strikemap serve` does for a request, without HTTP: builds the document from the
/// parameters, names it by a strong ETag, and renders it (once per data version) within the
/// render limits. Stateless but for caches: any number of instances given the same data answer
/// the same request with the same bytes and the same ETag.
final class MapService: @unchecked Sendable {
    struct Settings: Sendable {
        /// Event files and stores, as `--events` takes them; empty: the shipped sample.
        var events: [String] = []
        var maxRenders = ProcessInfo.processInfo.activeProcessorCount
        var queue = 2 * ProcessInfo.processInfo.activeProcessorCount
        var cacheBytes = 256 << 20
        var maxAge = 60
        var renderTimeout = 30.0
        /// How often, at most, the data's files or store are looked at for a change.
        var recheckSeconds = 5.0
        var maxBodyBytes = 1 << 20
    }

    /// A map or list, ready to send.
    struct Answer: Sendable {
        var etag: String
        var body: Data
        var contentType: String
        var headers: [(String, String)]
        var fromCache: Bool
    }

    let settings: Settings
    let catalog: GeoCatalog
    let pipeline: MapPipeline
    let cache: ResponseCache
    let gate: RenderGate
    let metrics: ServiceMetrics
    /// The data as the document names it (the sample's token when none was given).
    let eventsForDocument: [String]
    private let lock = NSLock()
    private var version: (value: String, checked: Date)?
    /// Files (no store) are read once per version and kept; stores answer each request by SQL.
    private var loaded: (version: String, report: ReadReport)?
    private var usesStore: Bool { settings.events.contains { EventStore.isStore($0) } }

    init(settings: Settings, metrics: ServiceMetrics) throws {
        self.settings = settings
        self.metrics = metrics
        catalog = try GeoCatalog.load()
        pipeline = MapPipeline(catalog: catalog)
        cache = ResponseCache(capacityBytes: settings.cacheBytes)
        gate = RenderGate(limit: settings.maxRenders, queue: settings.queue)
        eventsForDocument = settings.events
    }

    /// Reads the data once, so that a service with unreadable data does not start.
    func preload() throws {
        let v = dataVersion()
        if !usesStore { _ = try report(version: v) }
    }

    // MARK: Data version

    /// Changes when an event file or store changes: files by size and modification time (and a
    /// GeoPackage's write-ahead log), a PostGIS store by its import log. Looked at, at most, every
    /// `recheckSeconds`.
    func dataVersion(now: Date = Date()) -> String {
        lock.lock()
        if let v = version, now.timeIntervalSince(v.checked) < settings.recheckSeconds { lock.unlock(); return v.value }
        lock.unlock()
        var parts: [String] = []
        let paths = settings.events.isEmpty ? [(try? EventLoader.samplePath()) ?? "sample"] : settings.events
        for p in paths {
            if p.hasPrefix("PG:") {
                parts.append((try? EventStore(location: p, create: false).version()) ?? "unreadable")
                continue
            }
            for f in [p] + (EventStore.isStore(p) ? [p + "-wal"] : []) {
                var st = stat()
                if stat(f, &st) == 0 {
                    parts.append("\(f):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
                } else {
                    parts.append("\(f):missing")
                }
            }
        }
        let value = Self.digest(parts.joined(separator: "\n"))
        lock.lock()
        version = (value, now)
        lock.unlock()
        return value
    }

    private func report(version v: String) throws -> ReadReport {
        lock.lock()
        if let l = loaded, l.version == v { lock.unlock(); return l.report }
        lock.unlock()
        var data = MapDocument().data
        if !eventsForDocument.isEmpty { data.events = eventsForDocument }
        // With notes and sources: the same events serve maps and /events lists.
        let r = try pipeline.read(data, notes: true)
        try EventInputOptions.requireSomething(r, files: data.events)
        lock.lock()
        loaded = (v, r)
        lock.unlock()
        return r
    }

    // MARK: Requests

    /// 128 bits of two FNV-1a passes: an ETag, not a security boundary.
    static func digest(_ text: String) -> String {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte)) &* 0x100000001b3 ^ (b >> 29)
        }
        return String(format: "%016llx%016llx", a, b)
    }

    static let version = "strikemap 0.1.0"

    /// The document a request's parameters build (for `/spec`).
    func document(_ items: [(name: String, value: String)], format: OutputFormat = .png) throws -> MapDocument {
        try MapQuery.document(items, events: eventsForDocument, format: format)
    }

    /// The ETag of a document over the current data.
    func etag(of doc: MapDocument) throws -> String {
        let json = String(decoding: doc.json(), as: UTF8.self)
        return "\"" + Self.digest(Self.version + "\n" + dataVersion() + "\n" + json) + "\""
    }

    /// A map of `doc`: from the cache when this document was drawn over this data version.
    func map(_ doc: MapDocument, etag: String) async throws -> Answer {
        if let hit = cache.get(etag) {
            metrics.cacheHit()
            return Answer(etag: etag, body: hit.body, contentType: hit.contentType, headers: hit.headers, fromCache: true)
        }
        metrics.cacheMiss()
        let v = dataVersion()
        let result = try await gate.run(timeout: settings.renderTimeout) { [self] in
            metrics.rendersInFlight.increment()
            defer { metrics.rendersInFlight.decrement() }
            let input = usesStore ? try pipeline.read(doc.data, extent: doc.extent) : try report(version: v)
            return try pipeline.render(RenderRequest(document: doc, input: input))
        }
        let headers = [("X-StrikeMap-Events-Drawn", String(result.counts.drawn)),
                       ("X-StrikeMap-Events-Read", String(result.counts.rowsRead)),
                       ("X-StrikeMap-Data-Version", v)]
        let type = Self.contentType(result.format)
        cache.put(etag, ResponseCache.Entry(body: result.data, contentType: type, headers: headers))
        return Answer(etag: etag, body: result.data, contentType: type, headers: headers, fromCache: false)
    }

    /// The events a document selects (its dates, kinds, types, actor, countries and given
    /// extent), as `strikemap events` lists them.
    func events(_ doc: MapDocument) async throws -> [Event] {
        let v = dataVersion()
        return try await gate.run(timeout: settings.renderTimeout) { [self] in
            let report = usesStore ? try pipeline.read(doc.data, extent: doc.extent, notes: true) : try report(version: v)
            var filter = EventFilter()
            filter.dates = try doc.data.dates.range(newest: report.events.map(\.date).max())
            filter.kinds = Set(doc.data.kinds.map { $0.lowercased() })
            filter.countries = Set(doc.data.countries)
            filter.actorContains = doc.data.actor
            filter.types = Set(doc.data.types)
            if doc.extent.region != nil || doc.extent.bbox != nil || doc.extent.around != nil {
                filter.region = try pipeline.region(for: doc.extent).bbox
            }
            return filter.apply(report.events).kept.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        }
    }

    static func contentType(_ f: OutputFormat) -> String {
        switch f {
        case .png: return "image/png"
        case .svg: return "image/svg+xml"
        case .pdf: return "application/pdf"
        }
    }
}
