import Foundation
import Hummingbird
import StrikeMapCore
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender

/// How `strikemap serve` runs: its data, its limits and its caches.
public struct ServiceSettings: Sendable {
    public init() {}

    /// Event files and stores, as `--events` takes them; empty: the shipped sample.
    public var events: [String] = []
    public var maxRenders = ProcessInfo.processInfo.activeProcessorCount
    public var queue = 2 * ProcessInfo.processInfo.activeProcessorCount
    public var cacheBytes = 256 << 20
    /// Memory for drawn basemaps (4 bytes a pixel: 7.3 MiB for the default 1600x1200 map).
    public var baseCacheBytes = 64 << 20
    public var maxAge = 60
    public var renderTimeout = 30.0
    /// How often, at most, the data's files or store are looked at for a change.
    public var recheckSeconds = 5.0
    public var maxBodyBytes = 1 << 20
    /// A connection that sends nothing for this long is closed (seconds).
    public var idleTimeout = 60.0
    /// The files a request may name (`--data-dir`); default: none.
    public var fileAccess = FileAccess.none
    /// Connections held open at most (`--max-connections`); nil: as many as the process's
    /// file descriptors allow, less those kept for files (`ConnectionLimit`).
    public var maxConnections: Int?
    /// Canvas pixels drawn at once, whatever the number of renders (`--max-megapixels`): a map's
    /// memory follows its pixels (about 9 bytes a pixel at the peak), not the number of cores.
    public var pixelBudget = 160_000_000
    /// After SIGTERM, how long answers already begun may take to reach their clients (seconds).
    public var drainSeconds = 30.0
}

/// What `strikemap serve` does for a request, without HTTP: builds the document from the
/// parameters, names it by a strong ETag, and renders it (once per data version) within the
/// render limits. Stateless but for caches: any number of instances given the same data answer
/// the same request with the same bytes and the same ETag.
final class MapService: @unchecked Sendable {
    typealias Settings = ServiceSettings

    /// A map or list, ready to send.
    struct Answer: Sendable {
        var etag: String
        var body: ByteBuffer
        var contentType: String
        var headers: [(String, String)]
        var fromCache: Bool
    }

    let settings: Settings
    /// The render command's parameters and words, as the CLI lends them.
    let query: MapQuery
    /// The OpenAPI document, from the route table and those parameters.
    let openAPI: String
    let catalog: GeoCatalog
    let pipeline: MapPipeline
    let cache: ResponseCache
    /// Basemaps by frame and style, so a map asked for other dates, kinds or views over the same
    /// extent draws only its events, labels and furniture.
    let bases: BaseLayerCache
    let gate: RenderGate
    /// Where documents are built and decoded: a thread of its own, so that building a document
    /// never waits behind renders (an uncached map would queue twice). One: a document takes a
    /// few milliseconds (some hundreds a second, against some tens of renders), and each thread
    /// keeps its own PROJ context and caches (two cost 70 MiB).
    let preparing: RenderGate
    let connections: ConnectionCount
    /// Bytes reserved for request bodies being received: at most 16 largest bodies, and 64 MiB.
    let bodies: ByteBudget
    let metrics: ServiceMetrics
    /// The data as the document names it (the sample's token when none was given).
    let eventsForDocument: [String]
    private let lock = NSLock()
    private var version: (value: String, checked: Date)?
    /// What the last look at the data found wrong with a store (nil: every store answered).
    private var storeProblem: String?
    /// Files (no store) are read once per version and kept; stores answer each request by SQL.
    private var loaded: (version: String, report: ReadReport)?
    /// Renders in progress, by ETag: a request for a map being drawn waits for that render.
    private var drawing: [String: (task: Task<ResponseCache.Entry, Error>, audience: ClientPresence)] = [:]
    private var usesStore: Bool { settings.events.contains { EventStore.isStore($0) } }

    init(settings: Settings, vocabulary: ServiceVocabulary, metrics: ServiceMetrics) throws {
        self.settings = settings
        query = MapQuery(vocabulary: vocabulary)
        openAPI = OpenAPIDocument.yaml(query)
        self.metrics = metrics
        catalog = try GeoCatalog.load()
        pipeline = MapPipeline(catalog: catalog)
        cache = ResponseCache(capacityBytes: settings.cacheBytes)
        bases = BaseLayerCache(capacityBytes: settings.baseCacheBytes)
        gate = RenderGate(limit: settings.maxRenders, queue: settings.queue, pixels: settings.pixelBudget)
        preparing = RenderGate(limit: 1, queue: max(64, 4 * settings.queue), label: "prepare")
        bodies = ByteBudget(limit: max(64 << 20, 16 * settings.maxBodyBytes))
        connections = ConnectionCount(limit: try ConnectionLimit.make(asked: settings.maxConnections), metrics: metrics)
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
        var problem: String?
        let paths = settings.events.isEmpty ? [(try? EventLoader.samplePath()) ?? "sample"] : settings.events
        for p in paths {
            if p.hasPrefix("PG:") {
                do {
                    parts.append(try EventStore(location: p, create: false).version())
                } catch {
                    parts.append("unreadable")
                    problem = "\(error)"
                }
                continue
            }
            for f in [p] + (EventStore.isStore(p) ? [p + "-wal"] : []) {
                var st = stat()
                if stat(f, &st) == 0 {
                    parts.append("\(f):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
                } else {
                    parts.append("\(f):missing")
                    if f == p, EventStore.isStore(p) { problem = "\(StoreError.name(p)): no such store" }
                }
            }
        }
        let value = Self.digest(parts.joined(separator: "\n"))
        lock.lock()
        version = (value, now)
        storeProblem = problem
        lock.unlock()
        return value
    }

    /// Whether every store answered at the last look (at most `recheckSeconds` old), and if not why
    /// (for the operator's log: it names the store).
    func storeHealth() -> (available: Bool, problem: String?) {
        _ = dataVersion()
        return lock.withLock { (storeProblem == nil, storeProblem) }
    }

    private func report(version v: String) throws -> ReadReport {
        lock.lock()
        if let l = loaded, l.version == v { lock.unlock(); return l.report }
        lock.unlock()
        var data = MapDocument().data
        if !eventsForDocument.isEmpty { data.events = eventsForDocument }
        // With notes and sources: the same events serve maps and /events lists.
        let r = try pipeline.read(data, notes: true)
        try r.requireEvents(files: data.events)
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

    /// A document and its canonical JSON (what the ETag is made from).
    struct Requested: Sendable {
        var document: MapDocument
        var json: Data
    }

    /// Documents by the query that built them. Parsing a query as render flags and building the
    /// document costs some milliseconds; a cached map should cost microseconds. The document
    /// depends only on the query, the path's format and the service's settings, never on the data.
    private var requested: [String: Requested] = [:]
    private var requestedBytes = 0
    static let requestedCapacity = 8 << 20

    /// The document a request's query builds, from those already built or else built on a thread
    /// of `preparing` in its turn: parsing and building cost milliseconds, and a flood of distinct
    /// queries built on Swift's two pool threads kept /health waiting. Past its queue, 503.
    func boundedDocument(_ query: String?, format: OutputFormat = .png) async throws -> Requested {
        let key = format.rawValue + "?" + (query ?? "")
        if let r = lock.withLock({ requested[key] }) { return r }
        return try await preparing.run(timeout: settings.renderTimeout) { [self] in try document(query, format: format) }
    }

    /// The document a request's query builds (for `/spec` and the map routes).
    func document(_ query: String?, format: OutputFormat = .png) throws -> Requested {
        let key = format.rawValue + "?" + (query ?? "")
        lock.lock()
        if let r = requested[key] { lock.unlock(); return r }
        lock.unlock()
        let items = ServiceRoutes.queryItems(query)
        let doc = try self.query.document(items, events: eventsForDocument, format: format)
        try MapQuery.checkFiles(doc, items: items, access: settings.fileAccess)
        let r = Requested(document: doc, json: doc.json())
        let size = key.utf8.count + 3 * r.json.count
        lock.lock()
        // Bounded: when full, start again (a few milliseconds per query to rebuild).
        if requestedBytes + size > Self.requestedCapacity { requested.removeAll(keepingCapacity: true); requestedBytes = 0 }
        if requested.updateValue(r, forKey: key) == nil { requestedBytes += size }
        lock.unlock()
        return r
    }

    /// The ETag of a document (by its canonical JSON) over the current data.
    func etag(json: Data) -> String {
        "\"" + Self.digest(Self.version + "\n" + dataVersion() + "\n" + String(decoding: json, as: UTF8.self)) + "\""
    }

    /// A map of `doc`: from the cache when this document was drawn over this data version.
    func map(_ doc: MapDocument, etag: String) async throws -> Answer {
        if let hit = cache.get(etag) {
            metrics.cacheHit()
            return Answer(etag: etag, body: hit.buffer, contentType: hit.contentType, headers: hit.headers, fromCache: true)
        }
        metrics.cacheMiss()
        // One render per map however many ask for it at once: when the data changes, every
        // embed of a live article asks for the new map in the same second. The render goes on
        // while any of them waits.
        let me = ClientPresence.current
        while true {
            let (task, shared) = lock.withLock { () -> (Task<ResponseCache.Entry, Error>, Bool) in
                if let running = drawing[etag] {
                    running.audience.join(me)
                    return (running.task, true)
                }
                let audience = ClientPresence(anyOf: [me])
                let t = Task { [self] in
                    try await ClientPresence.$current.withValue(audience) { try await draw(doc, etag: etag) }
                }
                drawing[etag] = (t, audience)
                return (t, false)
            }
            if shared { metrics.coalesced.increment() }
            do {
                let entry = try await task.value
                return Answer(etag: etag, body: entry.buffer, contentType: entry.contentType, headers: entry.headers, fromCache: false)
            } catch where Self.isAbandoned(error) && me?.isGone != true {
                // Joined a render just as all who waited before had gone: draw it anew.
                continue
            }
        }
    }

    /// Whether a render stopped because no one waited for it.
    static func isAbandoned(_ error: Error) -> Bool {
        error is RenderGate.Abandoned || (error as? RenderError) == .abandoned
    }

    /// Renders within the render limits, keeps the answer in the cache, and lets waiters go.
    private func draw(_ doc: MapDocument, etag: String) async throws -> ResponseCache.Entry {
        defer { lock.withLock { drawing[etag] = nil } }
        let v = dataVersion()
        // The canvas it draws (a page fitted to its extent taken as square, its usual shape or more).
        let pixels = doc.page.width * (doc.page.height ?? doc.page.width)
        let result = try await gate.run(timeout: settings.renderTimeout, pixels: pixels) { [self] in
            metrics.rendersInFlight.increment()
            defer { metrics.rendersInFlight.decrement() }
            metrics.renders.increment()
            let input = usesStore ? try pipeline.read(doc.data, extent: doc.extent) : try report(version: v)
            // The base depends on the document less its data selection and its words (and on the
            // frame, which the cache's own key holds: a title that takes more room moves it).
            var styleOnly = doc
            styleOnly.data = MapDocument().data
            styleOnly.furniture.title = nil
            styleOnly.furniture.subtitle = nil
            styleOnly.furniture.source = nil
            styleOnly.furniture.description = nil
            let scope = Self.digest(String(decoding: styleOnly.json(), as: UTF8.self))
            return try pipeline.render(RenderRequest(document: doc, input: input, baseCache: bases.scoped(scope),
                                                     fileAccess: settings.fileAccess))
        }
        // The caption and the counts line are UTF-8: sent percent-encoded, as header values are ASCII.
        let headers = [("X-StrikeMap-Events-Drawn", String(result.counts.drawn)),
                       ("X-StrikeMap-Events-Read", String(result.counts.rowsRead)),
                       ("X-StrikeMap-Data-Version", v),
                       ("X-StrikeMap-Summary", Self.headerText(query.vocabulary.summaryLine(result))),
                       ("X-StrikeMap-Caption", Self.headerText(result.caption))]
        let entry = ResponseCache.Entry(body: result.data, contentType: Self.contentType(result.format), headers: headers)
        cache.put(etag, entry)
        metrics.cacheBytes.set(Double(cache.bytes))
        metrics.baseCacheBytes.set(Double(bases.usage.bytes))
        return entry
    }

    /// The events a document selects (its dates, kinds, types, actor, countries and given
    /// extent), as `strikemap events` lists them, in date order: `limit` of them from `offset`,
    /// and how many it selects in all. One store whose SQL says the selection exactly is asked
    /// for the page alone; other data are selected in full and the page cut from them.
    func events(_ doc: MapDocument, offset: Int = 0, limit: Int = .max) async throws -> (events: [Event], total: Int) {
        let v = dataVersion()
        return try await gate.run(timeout: settings.renderTimeout) { [self] in
            if settings.events.count == 1, EventStore.isStore(settings.events[0]) {
                do {
                    let store = try EventStore(location: settings.events[0], create: false)
                    let filter = try self.filter(doc, newest: doc.data.dates.last == nil ? nil : try store.newestDate())
                    let query = StoreQuery(filter)
                    if query.isExact(for: filter) { return try store.page(query, offset: offset, limit: limit) }
                } catch let e as StoreError { throw EventReadError.store(e) }
            }
            let all = try selected(doc, version: v)
            let start = min(offset, all.count), end = start + min(limit, all.count - start)
            return (Array(all[start..<end]), all.count)
        }
    }

    private func selected(_ doc: MapDocument, version v: String) throws -> [Event] {
        let report = usesStore ? try pipeline.read(doc.data, extent: doc.extent, notes: true) : try report(version: v)
        let filter = try self.filter(doc, newest: report.events.map(\.date).max())
        return filter.apply(report.events).kept.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// The filter a document's data selection and given extent make (the newest date for `last`).
    private func filter(_ doc: MapDocument, newest: CivilDate?) throws -> EventFilter {
        var filter = try doc.data.filter(newest: newest)
        if doc.extent.region != nil || doc.extent.bbox != nil || doc.extent.around != nil {
            filter.region = try pipeline.region(for: doc.extent).bbox
        }
        return filter
    }

    /// Counts of the events a document selects, as `strikemap events --stats --format json`
    /// gives them: by the store's SQL when one store holds the data and SQL can say the filter
    /// exactly, else over the selected events. The preview page's date slider spans its dates.
    func stats(_ doc: MapDocument) async throws -> EventStats {
        let v = dataVersion()
        return try await gate.run(timeout: settings.renderTimeout) { [self] in
            if settings.events.count == 1, EventStore.isStore(settings.events[0]) {
                do {
                    let store = try EventStore(location: settings.events[0], create: false)
                    let filter = try self.filter(doc, newest: doc.data.dates.last == nil ? nil : try store.newestDate())
                    let query = StoreQuery(filter)
                    if query.isExact(for: filter) { return try store.stats(query) }
                } catch let e as StoreError { throw EventReadError.store(e) }
            }
            var acc = StatsAccumulator()
            for e in try selected(doc, version: v) { acc.add(e) }
            return acc.stats(filter: EventFilter()).stats
        }
    }

    /// ASCII for a header: letters, digits and plain punctuation as they are, the rest
    /// percent-encoded (a page reads it with decodeURIComponent).
    /// Percent-encoded, and at most `headerLimit` bytes: long place names made 36 KB headers,
    /// past the 4-8 KB proxies buffer by default (nginx answered 502). Cut at a character, with
    /// an ellipsis; the whole text is in `/spec`'s map and the caption file.
    static func headerText(_ text: String) -> String {
        let encoded = text.addingPercentEncoding(withAllowedCharacters: headerSafe) ?? ""
        guard encoded.utf8.count > headerLimit else { return encoded }
        var cut = ""
        for ch in text {
            let next = String(ch).addingPercentEncoding(withAllowedCharacters: headerSafe) ?? ""
            if cut.utf8.count + next.utf8.count + 9 > headerLimit { break }
            cut += next
        }
        return cut + "%E2%80%A6"
    }

    static let headerLimit = 2048

    private static let headerSafe = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:()/'!*")

    static func contentType(_ f: OutputFormat) -> String {
        switch f {
        case .png: return "image/png"
        case .svg: return "image/svg+xml"
        case .pdf: return "application/pdf"
        }
    }
}
