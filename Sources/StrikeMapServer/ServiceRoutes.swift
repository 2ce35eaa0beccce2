import Foundation
import HTTPTypes
import Hummingbird
import StrikeMapCore
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender

/// The HTTP routes of `strikemap serve` over a `MapService`. Every error is JSON naming what was
/// wrong and how to fix it: 400 for a bad parameter or document, 404 for an unknown path, 503
/// with Retry-After when the render queue is full, 504 past the render timeout.
struct ServiceRoutes: Sendable {
    let service: MapService

    /// The router: every route of `ServiceRouteTable`, each to its named handler (GET routes
    /// answer HEAD too).
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware(metrics: service.metrics))
        for route in ServiceRouteTable.routes {
            let handler = handler(for: route.operation)
            switch route.method {
            case .get: router.getAndHead(RouterPath(route.path), use: handler)
            case .post: router.post(RouterPath(route.path), use: handler)
            }
        }
        return router
    }

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// The handler of each operation of the route table.
    func handler(for operation: ServiceRoute.Operation) -> Handler {
        switch operation {
        case .mapPNG: return { request, _ in try await map(request, format: .png) }
        case .mapSVG: return { request, _ in try await map(request, format: .svg) }
        case .mapPDF: return { request, _ in try await map(request, format: .pdf) }
        case .mapDocument: return { request, _ in try await mapOfDocument(request) }
        case .spec: return { request, _ in try await spec(request) }
        case .specDocument: return { request, _ in try await specOfDocument(request) }
        case .eventsJSON: return { request, _ in try await events(request, as: .json) }
        case .eventsGeoJSON: return { request, _ in try await events(request, as: .geojson) }
        case .eventsCSV: return { request, _ in try await events(request, as: .csv) }
        case .stats: return { request, _ in try await stats(request) }
        case .regions: return { _, _ in try regions() }
        case .sites: return { request, _ in try sites(request) }
        case .health: return { _, _ in
            // A store that does not answer makes the instance unhealthy (503): a balancer sends
            // elsewhere. The reason goes to the log, not to the client (it names the store).
            let store = service.storeHealth()
            if let problem = store.problem { ServiceLog.storeProblem(problem) }
            var r = try json(["status": store.available ? "ok" : "unavailable", "dataVersion": service.dataVersion(),
                              "store": store.available ? "ok" : "unavailable",
                              "connections": service.connections.current,
                              "maxConnections": service.connections.limit.maximum])
            if !store.available {
                r.status = .serviceUnavailable
                r.headers[.retryAfter] = "5"
            }
            return r
        }
        case .metrics: return { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: service.metrics.text)))
        }
        case .openapi: return { _, _ in Self.body(Data(service.openAPI.utf8), type: "application/yaml") }
        case .page: return { _, _ in Self.body(Data(ServicePage.html.utf8), type: "text/html; charset=utf-8") }
        }
    }

    // MARK: Handlers

    /// GET /map.png, .svg, .pdf: the map the query's parameters describe.
    func map(_ request: Request, format: OutputFormat) async throws -> Response {
        try await handle {
            let r = try await service.boundedDocument(request.uri.query, format: format)
            return try await answer(r.document, json: r.json, request: request)
        }
    }

    /// POST /map: the map of a posted document.
    func mapOfDocument(_ request: Request) async throws -> Response {
        try await handle {
            let doc = try await postedDocument(request)
            return try await answer(doc, json: doc.json(), request: request)
        }
    }

    /// GET /spec: the document the parameters build.
    func spec(_ request: Request) async throws -> Response {
        try await handle { Self.body(Self.forClient(try await service.boundedDocument(request.uri.query).document).json(), type: "application/json") }
    }

    /// POST /spec: what the service makes of a posted document (its data replaced, its files checked).
    func specOfDocument(_ request: Request) async throws -> Response {
        try await handle { Self.body(Self.forClient(try await postedDocument(request)).json(), type: "application/json") }
    }

    /// A document as a client may see it: the service's own data named `service:events`, not by
    /// its path or connection string (a PG: string holds a user and a password). Posted back, it
    /// means the same map: a posted document's data are always the service's.
    static func forClient(_ doc: MapDocument) -> MapDocument {
        var doc = doc
        doc.data.events = doc.data.events.map { $0 == MapDocument.DataSelection.sample ? $0 : "service:events" }
        return doc
    }

    /// GET /events.json, .geojson, .csv: the events the parameters select.
    /// At most `limit` events (default and most: `maxListed`) from `offset` (0), in date order;
    /// X-StrikeMap-Events-Total gives how many the parameters select, and a `Link: rel="next"`
    /// header the rest. A whole 200,000-event store in one answer took 102 s and 1.8 GB.
    func events(_ request: Request, as format: ServiceVocabulary.EventList) async throws -> Response {
        try await handle {
            let (query, page) = try Self.listPage(request.uri.query, maxListed: Self.maxListed)
            let doc = try await service.boundedDocument(query).document
            let (events, total) = try await service.events(doc, offset: page.offset, limit: page.limit)
            let end = min(total, page.offset + events.count)
            let type = format == .csv ? "text/csv; charset=utf-8" : format == .geojson ? "application/geo+json" : "application/json"
            var r = Self.body(Data((try service.query.vocabulary.listEvents(events, format) + "\n").utf8), type: type)
            r.headers[HTTPField.Name("X-StrikeMap-Events-Total")!] = String(total)
            if end < total {
                let rest = [query, "offset=\(end)", "limit=\(page.limit)"].compactMap { $0?.isEmpty == false ? $0 : nil }
                r.headers[HTTPField.Name("Link")!] = "<\(request.uri.path)?\(rest.joined(separator: "&"))>; rel=\"next\""
            }
            return r
        }
    }

    static let maxListed = 10_000

    /// The query less `offset` and `limit` (which only the event lists take), and their values.
    static func listPage(_ query: String?, maxListed: Int) throws -> (query: String?, page: (offset: Int, limit: Int)) {
        var offset = 0, limit = maxListed
        var kept: [Substring] = []
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]) : ""
            switch parts[0] {
            case "offset":
                guard let n = Int(value), n >= 0 else { throw MapQuery.ParameterError(parameter: "offset", message: "offset '\(value)': give the number of events to pass over, 0 or more") }
                offset = n
            case "limit":
                guard let n = Int(value), (1...maxListed).contains(n) else { throw MapQuery.ParameterError(parameter: "limit", message: "limit '\(value)': give 1 to \(maxListed) events a page") }
                limit = n
            default: kept.append(pair)
            }
        }
        return (kept.isEmpty ? nil : kept.joined(separator: "&"), (offset, limit))
    }

    /// GET /stats.json: counts of the events the parameters select.
    func stats(_ request: Request) async throws -> Response {
        try await handle {
            let doc = try await service.boundedDocument(request.uri.query).document
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return Self.body(try encoder.encode(try await service.stats(doc)) + Data("\n".utf8), type: "application/json")
        }
    }

    /// GET /regions: the named regions.
    func regions() throws -> Response {
        try json(service.catalog.regions.regions.map { r -> [String: Any] in
            ["name": r.name, "title": r.title, "bbox": [r.bbox.west, r.bbox.south, r.bbox.east, r.bbox.north],
             "description": r.description]
        })
    }

    /// GET /sites?q=: gazetteer search.
    func sites(_ request: Request) throws -> Response {
        let items = Self.queryItems(request.uri.query)
        guard let q = items.first(where: { $0.name == "q" })?.value, !q.isEmpty else {
            return Self.problem(.badRequest, "give the place to look up: /sites?q=al-asad", parameter: "q")
        }
        let matches = service.catalog.gazetteer.search(q, country: nil, kind: nil, fuzzyThreshold: 0.75, exhaustive: true)
        let text = try service.query.vocabulary.listSites(matches.map { ($0.site, $0.kind.rawValue) })
        return Self.body(Data(text.utf8), type: "application/json")
    }

    /// A posted map document, confined to the service's data and files.
    private func postedDocument(_ request: Request) async throws -> MapDocument {
        let limit = service.settings.maxBodyBytes
        // Refused by its stated length before a byte is read; a body sent without one is
        // read only up to the limit (collecting fails past it, and that is the only way it fails
        // with a client still listening).
        let stated = request.headers[.contentLength].flatMap(Int.init)
        if let stated, stated > limit { throw BodyTooLarge(limit: limit) }
        // Bodies being received hold memory while their senders dawdle: 400 half-sent 1 MB
        // bodies held 500 MB. The bytes they may take are reserved from one budget first (503
        // past it), and a body must arrive within the render timeout (408 after).
        let reserved = stated ?? limit
        guard service.bodies.reserve(reserved) else { throw BodiesBusy() }
        defer { service.bodies.release(reserved) }
        let body: ByteBuffer
        do {
            body = try await Self.within(seconds: service.settings.renderTimeout) { try await request.body.collect(upTo: limit) }
        } catch is BodyTimedOut {
            throw BodyTimedOut()
        } catch { throw BodyTooLarge(limit: limit) }
        // Decoded and checked on a thread of its own in its turn, as a query's document is built.
        let service = service
        return try await service.preparing.run(timeout: service.settings.renderTimeout) {
            var doc = try MapDocument.decode(Data(body.readableBytesView), source: "the request body")
            try Self.confine(&doc, to: service)
            return doc
        }
    }

    /// A map answer: 304 when the client holds this ETag, else the bytes with their headers.
    private func answer(_ doc: MapDocument, json: Data, request: Request) async throws -> Response {
        let etag = service.etag(json: json)
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=\(service.settings.maxAge)"]
        if let held = request.headers[.ifNoneMatch], Self.matches(held, etag) {
            service.metrics.cacheHit()
            return Response(status: .notModified, headers: headers)
        }
        let a = try await service.map(doc, etag: etag)
        headers[.contentType] = a.contentType
        for (name, value) in a.headers { if let n = HTTPField.Name(name) { headers[n] = value } }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: a.body))
    }

    /// Runs a route, answering the errors a request can cause in JSON.
    private func handle(_ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let e as MapQuery.ParameterError {
            return Self.problem(.badRequest, e.message, parameter: e.parameter)
        } catch is RenderGate.Busy {
            var r = Self.problem(.serviceUnavailable, "every render slot and queue place is taken; try again in a moment")
            r.headers[.retryAfter] = "2"
            return r
        } catch where MapService.isAbandoned(error) {
            // No one reads it: nginx's "client closed request", for the log and the metrics.
            service.metrics.abandoned.increment()
            return Self.problem(HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), "the client closed the connection before its answer was ready")
        } catch let e as RenderGate.TimedOut {
            return Self.problem(.gatewayTimeout, String(format: "the map took longer than %.0f s to draw; ask for a smaller canvas or a narrower selection", e.seconds))
        } catch is BodiesBusy {
            var r = Self.problem(.serviceUnavailable, "the service is receiving as many documents as it may hold at once; try again in a moment")
            r.headers[.retryAfter] = "2"
            return r
        } catch is BodyTimedOut {
            return Self.problem(.requestTimeout, "the document did not arrive in time; send it whole, at once")
        } catch let e as BodyTooLarge {
            return Self.problem(.contentTooLarge, "the document is larger than the \(e.limit / 1024) KiB this service takes (--max-body); send a smaller one", parameter: "body")
        } catch let e as ServiceRefusal {
            return Self.problem(.badRequest, e.message, parameter: e.parameter)
        } catch {
            return Self.problem(error)
        }
    }

    /// A store's failure in words a client may see: the store's name, host and the driver's
    /// message (which may hold a user or a password) go only to the log. A database that does
    /// not answer is 503 with Retry-After (a balancer retries another instance); any other
    /// store failure is the service's own (500).
    static func storeFailure(_ error: Error) -> Response? {
        let store: StoreError
        if let e = error as? StoreError { store = e } else if case .store(let e)? = error as? EventReadError { store = e } else { return nil }
        ServiceLog.storeProblem(store.description)
        if store.category == .unavailable || store.category == .notFound {
            var r = problem(.serviceUnavailable, "the event store is unavailable; try again shortly")
            r.headers[.retryAfter] = "5"
            return r
        }
        return problem(.internalServerError, "the event store could not be read; the service's log says why")
    }

    private func handle(_ work: () throws -> Response) throws -> Response {
        do { return try work() } catch let e as MapQuery.ParameterError {
            return Self.problem(.badRequest, e.message, parameter: e.parameter)
        } catch let e as ServiceRefusal {
            return Self.problem(.badRequest, e.message, parameter: e.parameter)
        } catch {
            return Self.problem(error)
        }
    }

    /// A posted document may name no files on the server but those under the service's data
    /// folders: its data becomes the service's, and a layer's file elsewhere is refused.
    static func confine(_ doc: inout MapDocument, to service: MapService) throws {
        if doc.data.acledMap != nil { throw ServiceRefusal(parameter: "data.acledMap", message: "a document sent to the service cannot name files on the server") }
        // Every file its layers would open (sources, and what each symbolizer declares it reads),
        // and a published count's, must be under the service's data folders: refused before
        // anything is opened.
        do { try doc.checkMapFiles(service.settings.fileAccess) } catch {
            throw ServiceRefusal(parameter: error.key == PublishedCountsDocument.key ? PublishedCountsDocument.key : "layers", message: error.description)
        }
        // A document may ask for PROJ files (the command line's --crs-files); a service never opens them.
        if let crs = doc.extent.crs {
            do { _ = try CRSPolicy.check(crs, allowFiles: false) } catch {
                throw ServiceRefusal(parameter: "extent.crs", message: error.message(for: .service))
            }
        }
        var data = MapDocument().data
        if !service.eventsForDocument.isEmpty { data.events = service.eventsForDocument }
        doc.data.events = data.events
    }

    struct ServiceRefusal: Error { var parameter: String; var message: String }
    struct BodyTooLarge: Error { var limit: Int }
    struct BodiesBusy: Error {}
    struct BodyTimedOut: Error {}

    /// `work`, or BodyTimedOut once `seconds` pass (the work is then cancelled).
    static func within<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))); return nil }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw BodyTimedOut() }
            return value
        }
    }

    // MARK: Helpers

    /// `a=1&b=x+y&c=%C3%A9` as (name, value) pairs in order, `+` a space, percent-escapes decoded.
    static func queryItems(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// If-None-Match holds this ETag (or `*`).
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { t in
            let t = t.trimmingCharacters(in: .whitespaces)
            return t == "*" || t == etag || t == "W/" + etag
        }
    }

    static func body(_ data: Data, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A library error in the service's words, its status from its category (the same value the
    /// command line takes its exit code from): the request's fault a 4xx, the service's a 5xx.
    static func problem(_ error: Error) -> Response {
        if let r = storeFailure(error) { return r }
        guard let e = error as? StrikeMapError else {
            return problem(.internalServerError, "\(error)")
        }
        return problem(HTTPResponse.Status(code: e.category.httpStatus), e.message(for: .service), parameter: e.setting)
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String, parameter: String? = nil) -> Response {
        var o: [String: Any] = ["status": status.code, "error": message]
        if let parameter { o["parameter"] = parameter }
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

private func json(_ object: Any) throws -> Response {
    ServiceRoutes.body(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), type: "application/json")
}

/// HEAD is answered as GET is, without the body: a link checker or a proxy asking whether a map
/// is there gets its status, type and ETag (it got 404). Hummingbird picks a route by method
/// before any middleware runs, so each GET route is registered for HEAD too.
extension Router where Context == BasicRequestContext {
    @discardableResult
    func getAndHead(_ path: RouterPath, use handler: @Sendable @escaping (Request, Context) async throws -> Response) -> Self {
        get(path, use: handler)
        return head(path) { request, context in
            let r = try await handler(request, context)
            return Response(status: r.status, headers: r.headers, body: .init())
        }
    }
}

/// Counts every answer by route and status and times it, for `/metrics`.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = request.uri.path
        do {
            let response = try await next(request, context)
            metrics.request(route: Self.known(route), status: Int(response.status.code), seconds: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? HTTPResponseError)?.status.code ?? 500
            metrics.request(route: Self.known(route), status: Int(status), seconds: ContinuousClock.now - start)
            throw error
        }
    }

    /// Routes by name; anything else one label (so random paths cannot grow the metrics).
    static func known(_ path: String) -> String {
        ServiceRouteTable.paths.contains(path) ? path : "other"
    }
}
