import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Testing
import StrikeMapTestSupport
@testable import StrikeMapCLI
@testable import StrikeMapServer
import StrikeMapRender

/// `strikemap serve` on a free loopback port for the length of `body`, then stopped. A process of
/// its own: in the test process the handlers would wait for Swift's few pool threads, which the
/// other suites' blocking tests hold (a first map then took over a minute under `make test`).
extension MapService.Settings {
    /// The defaults, but a render may take ten minutes before the gate answers 504: under
    /// `make test` every suite starts at once on two cores, and a service's first map (fonts,
    /// coastlines, the sample loaded) took over 30 s there. The 504 itself is tested on the gate.
    static var underTest: MapService.Settings {
        var s = MapService.Settings()
        s.renderTimeout = 600
        return s
    }
}

func withService<T: Sendable>(_ settings: MapService.Settings = MapService.Settings.underTest,
                              _ body: @Sendable (Process, URL) async throws -> T) async throws -> T {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLIProcess.binary)
    var arguments: [String] = ["serve", "--port", "0", "--recheck", String(settings.recheckSeconds)]
    arguments += ["--max-body", String(settings.maxBodyBytes >> 10), "--cache-mb", String(settings.cacheBytes >> 20)]
    arguments += ["--max-renders", String(settings.maxRenders), "--queue", String(settings.queue)]
    arguments += ["--base-cache-mb", String(settings.baseCacheBytes >> 20), "--idle-timeout", String(settings.idleTimeout)]
    arguments += ["--render-timeout", String(settings.renderTimeout)]
    arguments += settings.maxConnections.map { ["--max-connections", String($0)] } ?? []
    arguments += (settings.fileAccess.folders ?? []).flatMap { ["--data-dir", $0] }
    p.arguments = arguments + settings.events.flatMap { ["--events", $0] }
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    defer { if p.isRunning { p.terminate(); p.waitUntilExit() } }
    let port = await servingPort(err.fileHandleForReading)
    guard let port else { throw ServiceDidNotStart() }
    return try await body(p, URL(string: "http://127.0.0.1:\(port)")!)
}

struct ServiceDidNotStart: Error {}

/// The port from "serving on http://127.0.0.1:PORT/", read on a thread of its own.
func servingPort(_ reader: FileHandle) async -> String? {
    let text: String = await withCheckedContinuation { c in
        DispatchQueue.global().async {
            var text = ""
            while !text.contains("serving on") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            c.resume(returning: text)
        }
    }
    return text.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)/).map { String($0.1) }
}

struct Fetched: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

func fetch(_ base: URL, _ path: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws -> Fetched {
    var request = URLRequest(url: URL(string: base.absoluteString + path)!)
    request.timeoutInterval = 600
    request.httpMethod = method
    request.httpBody = body
    for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var h: [String: String] = [:]
    for (k, v) in http.allHeaderFields { h[String(describing: k).lowercased()] = String(describing: v) }
    return Fetched(status: http.statusCode, headers: h, body: data)
}

/// The service's routes over real HTTP on loopback: maps, ETags and 304s, one parser shared with
/// the CLI, errors that name the parameter, refused file access, lists, metrics.
@Suite(.serialized) struct ServiceRouteTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47])
    static let small = "width=800&height=600&dpi=100"

    @Test func mapsCarryAStrongETagAndAnswer304() async throws {
        try await withService { _, base in
            let q = "/map.png?region=iraq&from=2023-11-01&to=2023-11-15&" + Self.small
            let a = try await fetch(base, q)
            #expect(a.status == 200, "\(a.text)")
            #expect(a.body.prefix(4) == Self.png)
            #expect(a.headers["content-type"] == "image/png")
            let etag = try #require(a.headers["etag"])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
            #expect(a.headers["cache-control"] == "public, max-age=60")
            #expect(Int(a.headers["x-strikemap-events-drawn"] ?? "") ?? 0 > 0)
            // Again: the same bytes and tag (from the cache); with the tag: 304 and no body.
            let b = try await fetch(base, q)
            #expect(b.body == a.body && b.headers["etag"] == etag)
            let c = try await fetch(base, q, headers: ["If-None-Match": etag])
            #expect(c.status == 304 && c.body.isEmpty)
            // Parameter order does not matter; any change of the map does.
            let reordered = try await fetch(base, "/map.png?" + Self.small + "&to=2023-11-15&from=2023-11-01&region=iraq")
            #expect(reordered.headers["etag"] == etag)
            let other = try await fetch(base, "/map.png?region=iraq&from=2023-11-02&to=2023-11-15&" + Self.small)
            #expect(other.headers["etag"] != etag)
            // SVG and PDF from their paths.
            let svg = try await fetch(base, "/map.svg?" + Self.small)
            #expect(svg.status == 200 && svg.headers["content-type"] == "image/svg+xml" && svg.text.contains("<svg"))
            let pdf = try await fetch(base, "/map.pdf?" + Self.small)
            #expect(pdf.status == 200 && pdf.body.prefix(5) == Data("%PDF-".utf8))
        }
    }

    @Test func badParametersAreNamedWithTheFix() async throws {
        try await withService { _, base in
            let cases: [(String, String, String)] = [
                ("widht=800", "widht", "did you mean 'width'"),
                ("width=abc", "width", "width"),
                ("width=-5", "", "smallest map"),
                ("graticule=maybe", "graticule", "graticule=true"),
                ("region=atlantis", "", "unknown region 'atlantis'"),
                ("from=2023-11-20&to=2023-11-01", "", "swap them"),
                ("out=/etc/passwd", "out", "not taken here"),
                ("events=/etc/passwd", "events", "the data it was started with"),
                ("style=/etc/passwd", "style", "cannot name a document or style file"),
                ("layer=/etc/passwd", "layer", "opens no file a request names"),
                ("by-layer=/etc/passwd:name&view=choropleth", "by-layer", "opens no file a request names"),
                ("highlight-layer=/etc/passwd", "highlight-layer", "opens no file a request names"),
                ("kind=strik", "kind", "strik"),
            ]
            for (query, parameter, words) in cases {
                let r = try await fetch(base, "/map.png?" + query)
                #expect(r.status == 400, "\(query): \(r.status) \(r.text)")
                #expect(r.headers["content-type"] == "application/json")
                let j = try #require(r.json, "\(query)")
                #expect(j["status"] as? Int == 400)
                let message = j["error"] as? String ?? ""
                #expect(!message.isEmpty && message.contains(words), "\(query): \(message)")
                if !parameter.isEmpty { #expect(j["parameter"] as? String == parameter, "\(query): \(j)") }
                #expect(!message.contains("--"), "the service speaks of parameters, not flags: \(message)")
            }
            let missing = try await fetch(base, "/nowhere")
            #expect(missing.status == 404)
        }
    }

    /// One parser: the document a query builds is the one `strikemap render --print-spec` prints
    /// for the same flags.
    @Test func theQueryIsTheCLIsFlags() async throws {
        try await withService { _, base in
            let r = try await fetch(base, "/spec?region=syria&last=14d&kind=strike&view=hexbin&theme=dark&graticule=true&inset=false&title=Test+map")
            #expect(r.status == 200, "\(r.text)")
            let cli = try CLIProcess.run(["render", "--region", "syria", "--last", "14d", "--kind", "strike", "--view", "hexbin",
                                          "--theme", "dark", "--graticule", "--no-inset", "--title", "Test map", "--format", "png", "--print-spec"])
            #expect(cli.status == 0)
            let a = try JSONSerialization.jsonObject(with: r.body) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: cli.out) as? NSDictionary
            #expect(a != nil && a == b)
        }
    }

    @Test func eventsRegionsSitesHealthAndMetrics() async throws {
        try await withService { _, base in
            let csv = try await fetch(base, "/events.csv?from=2023-11-01&to=2023-11-10&kind=strike")
            let cli = try CLIProcess.run(["events", "--from", "2023-11-01", "--to", "2023-11-10", "--kind", "strike", "--format", "csv"])
            #expect(csv.status == 200 && csv.text == String(decoding: cli.out, as: UTF8.self))
            let geo = try await fetch(base, "/events.geojson?country=SY")
            #expect(geo.status == 200 && geo.json?["type"] as? String == "FeatureCollection")
            // A page of the list, with the total and a link to the next page.
            let firstPage = try await fetch(base, "/events.json?kind=strike&limit=2")
            let total = Int(firstPage.headers["x-strikemap-events-total"] ?? "") ?? 0
            let listed = try JSONSerialization.jsonObject(with: firstPage.body) as? [Any]
            #expect(firstPage.status == 200 && listed?.count == 2 && total > 2)
            #expect(firstPage.headers["link"] == "</events.json?kind=strike&offset=2&limit=2>; rel=\"next\"", "\(firstPage.headers)")
            let regions = try await fetch(base, "/regions")
            let list = try #require(try JSONSerialization.jsonObject(with: regions.body) as? [[String: Any]])
            #expect(list.contains { $0["name"] as? String == "iraq-syria" })
            let sites = try await fetch(base, "/sites?q=al%20asad")
            let found = try #require(try JSONSerialization.jsonObject(with: sites.body) as? [[String: Any]])
            #expect(found.first?["id"] as? String == "al-asad-ab")
            #expect(try await fetch(base, "/sites").status == 400)
            let health = try await fetch(base, "/health")
            #expect(health.status == 200 && health.json?["status"] as? String == "ok")
            let page = try await fetch(base, "/")
            #expect(page.status == 200 && page.text.contains("<img id=\"map\"") && !page.text.contains("http://") && !page.text.contains("https://"))
            _ = try await fetch(base, "/map.png?" + Self.small)
            _ = try await fetch(base, "/map.png?" + Self.small)
            let metrics = try await fetch(base, "/metrics")
            #expect(metrics.text.contains("strikemap_requests_total{route=\"/map.png\",status=\"200\"}"), "\(metrics.text)")
            #expect(metrics.text.contains("strikemap_cache_hits_total"))
            #expect(metrics.text.contains("strikemap_request_duration_seconds_bucket"))
        }
    }

    @Test func aPostedDocumentIsDrawnButNamesNoFiles() async throws {
        try await withService { _, base in
            let spec = try await fetch(base, "/spec?region=baghdad&" + Self.small)
            let map = try await fetch(base, "/map", method: "POST", body: spec.body)
            #expect(map.status == 200 && map.body.prefix(4) == Self.png, "\(map.text)")
            #expect(map.headers["etag"] == (try await fetch(base, "/map.png?region=baghdad&" + Self.small)).headers["etag"])
            var doc = try #require(try JSONSerialization.jsonObject(with: spec.body) as? [String: Any])
            doc["layers"] = [["id": "mine", "source": ["file": "/etc/passwd"]]]
            let refused = try await fetch(base, "/map", method: "POST", body: try JSONSerialization.data(withJSONObject: doc))
            #expect(refused.status == 400, "\(refused.text)")
            let junk = try await fetch(base, "/map", method: "POST", body: Data("{not json".utf8))
            #expect(junk.status == 400 && junk.json?["error"] != nil, "\(junk.text)")
        }
    }

    /// The counts under the preview page's slider, and the words sent with each map.
    @Test func statsAndTheWordsWithAMap() async throws {
        try await withService { _, base in
            let r = try await fetch(base, "/stats.json?country=SY&kind=attack")
            #expect(r.status == 200, "\(r.text)")
            let cli = try CLIProcess.run(["events", "--country", "SY", "--kind", "attack", "--stats", "--format", "json"])
            let a = try JSONSerialization.jsonObject(with: r.body) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: cli.out) as? NSDictionary
            #expect(cli.status == 0 && a != nil && a == b, "\(r.text)")
            let all = try #require(try await fetch(base, "/stats.json").json)
            #expect(all["total"] as? Int == 54 && all["first_date"] as? String == "2023-10-17" && all["last_date"] as? String == "2023-11-22")
            #expect((all["by_week"] as? [String: Int])?.values.reduce(0, +) == 54)
            #expect(try await fetch(base, "/stats.json?from=2023-13-01").status == 400)

            let map = try await fetch(base, "/map.png?from=2023-11-01&to=2023-11-10&" + Self.small)
            let summary = (map.headers["x-strikemap-summary"] ?? "").removingPercentEncoding ?? ""
            let caption = (map.headers["x-strikemap-caption"] ?? "").removingPercentEncoding ?? ""
            #expect(summary.hasPrefix("read 54 rows") && summary.contains("39 outside the date filter") && summary.contains("15 drawn"), "\(summary)")
            #expect(caption.hasPrefix("Map of Iraq and Syria") && caption.contains("1 November 2023"), "\(caption)")
            // UTF-8 (the Pentagon count's dash) arrives intact, sent as ASCII.
            let whole = try await fetch(base, "/map.png?" + Self.small)
            let sent = whole.headers["x-strikemap-caption"] ?? ""
            #expect(sent.allSatisfy { $0.isASCII } && (sent.removingPercentEncoding ?? "").contains("17 Oct – 21 Nov"), "\(sent)")
            // The cached answer carries them too.
            let again = try await fetch(base, "/map.png?from=2023-11-01&to=2023-11-10&" + Self.small)
            #expect(again.headers["x-strikemap-caption"] == map.headers["x-strikemap-caption"])
        }
    }

    /// Many asking for one new map at once (a live article's embeds after a data update): one
    /// render, every request answered with its bytes. With no response cache, so only the
    /// sharing of the render in progress can give that.
    @Test func concurrentRequestsForOneMapShareItsRender() async throws {
        var settings = MapService.Settings.underTest
        settings.cacheBytes = 0
        try await withService(settings) { _, base in
            // A big map: its render is still running when the last request arrives.
            let q = "/map.png?width=4000&height=3000&view=heatmap&title=Shared"
            let answers = try await withThrowingTaskGroup(of: Fetched.self) { group in
                for _ in 0..<6 { group.addTask { try await fetch(base, q) } }
                var out: [Fetched] = []
                for try await a in group { out.append(a) }
                return out
            }
            #expect(answers.allSatisfy { $0.status == 200 } && Set(answers.map(\.body)).count == 1)
            let metrics = try await fetch(base, "/metrics").text
            #expect(metrics.contains("strikemap_renders_total 1\n"), "\(metrics)")
            #expect(metrics.contains("strikemap_renders_shared_total 5\n"), "\(metrics)")
        }
    }

    /// A posted document past --max-body is 413, stated length or not; the service carries on.
    @Test func anOversizedBodyIsRefusedWith413() async throws {
        var settings = MapService.Settings.underTest
        settings.maxBodyBytes = 64 << 10
        try await withService(settings) { _, base in
            let big = Data(repeating: UInt8(ascii: " "), count: 200 << 10)
            let r = try await fetch(base, "/map", method: "POST", body: big)
            #expect(r.status == 413, "\(r.text)")
            #expect(r.json?["parameter"] as? String == "body" && (r.json?["error"] as? String ?? "").contains("64 KiB"))
            // Chunked, with no length: read up to the limit, then refused.
            let chunked = try await rawHTTP(base, "POST /map HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + String(repeating: "10000\r\n" + String(repeating: " ", count: 65536) + "\r\n", count: 3) + "0\r\n\r\n")
            #expect(chunked.hasPrefix("HTTP/1.1 413"), "\(chunked.prefix(200))")
            #expect(try await fetch(base, "/health").status == 200)
        }
    }

    /// A changed event file gives new maps (new ETag) without a restart.
    @Test func aChangedFileChangesTheMaps() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("events.csv")
        let header = "id,date,kind,lat,lon,country\n"
        try (header + "a1,2024-03-01,strike,33.3,44.4,IQ\n").write(to: file, atomically: true, encoding: .utf8)
        var settings = MapService.Settings.underTest
        settings.events = [file.path]
        settings.recheckSeconds = 0
        try await withService(settings) { _, base in
            let first = try await fetch(base, "/map.png?" + Self.small)
            #expect(first.status == 200 && first.headers["x-strikemap-events-drawn"] == "1", "\(first.text)")
            try (header + "a1,2024-03-01,strike,33.3,44.4,IQ\na2,2024-03-02,attack,33.4,44.3,IQ\n").write(to: file, atomically: true, encoding: .utf8)
            let second = try await fetch(base, "/map.png?" + Self.small)
            #expect(second.headers["x-strikemap-events-drawn"] == "2")
            #expect(second.headers["etag"] != first.headers["etag"])
            let stale = try await fetch(base, "/map.png?" + Self.small, headers: ["If-None-Match": first.headers["etag"] ?? ""])
            #expect(stale.status == 200)
        }
    }
}

/// The render limit and the cache bound, without HTTP.
@Suite struct ServiceLimitTests {
    @Test(.timeLimit(.minutes(2))) func pastTheQueueARequestIsTurnedAway() async throws {
        let gate = RenderGate(limit: 1, queue: 1)
        // The first job holds a render thread (not one of Swift's few pool threads) until released.
        let release = DispatchSemaphore(value: 0)
        let first = Task { try await gate.run(timeout: .infinity) { release.wait(); return 1 } }
        while gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let second = Task { try await gate.run(timeout: .infinity) { 2 } }
        // One running, one waiting (counted, not guessed by a sleep): the third is refused at once.
        while gate.admitted < 2 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: RenderGate.Busy.self) { try await gate.run(timeout: .infinity) { 3 } }
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(try await gate.run(timeout: .infinity) { 4 } == 4)
    }

    @Test func aSlowRenderTimesOut() async throws {
        let gate = RenderGate(limit: 1, queue: 0)
        await #expect(throws: RenderGate.TimedOut.self) { try await gate.run(timeout: 0.05) { usleep(300_000); return 0 } }
    }

    @Test func waitingRendersRunInArrivalOrder() async throws {
        let gate = RenderGate(limit: 1, queue: 20)
        let release = DispatchSemaphore(value: 0)
        let order = ArrivalLog()
        let first = Task { try await gate.run(timeout: .infinity) { release.wait(); order.add(0) } }
        while gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        var waiting: [Task<Void, Error>] = []
        for n in 1...12 {
            waiting.append(Task { try await gate.run(timeout: .infinity) { order.add(n) } })
            // Each admitted before the next is asked for.
            while gate.admitted < n + 1 { try await Task.sleep(for: .milliseconds(2)) }
        }
        release.signal()
        try await first.value
        for t in waiting { try await t.value }
        #expect(order.values == Array(0...12))
        #expect(gate.admitted == 0)
    }

    @Test func aRequestThatTimesOutWhileWaitingIsNeverDrawnAndFreesItsPlace() async throws {
        let gate = RenderGate(limit: 1, queue: 1)
        let release = DispatchSemaphore(value: 0)
        let ran = ArrivalLog()
        let first = Task { try await gate.run(timeout: .infinity) { release.wait(); ran.add(1) } }
        while gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: RenderGate.TimedOut.self) { try await gate.run(timeout: 0.05) { ran.add(2) } }
        release.signal()
        try await first.value
        // The timed-out one was dropped unrun, and both places are free again.
        #expect(try await gate.run(timeout: .infinity) { ran.add(3); return 3 } == 3)
        #expect(ran.values == [1, 3])
        #expect(gate.admitted == 0)
    }

    @Test func aGateNoOneHoldsEndsItsThreads() async throws {
        var core: RenderGate.Core?
        do {
            let gate = RenderGate(limit: 3, queue: 0)
            core = gate.core
            #expect(try await gate.run(timeout: .infinity) { 7 } == 7)
            var waited = 0
            while gate.core.threadsAlive < 3, waited < 500 { try await Task.sleep(for: .milliseconds(10)); waited += 1 }
            #expect(gate.core.threadsAlive == 3)
        }
        // The gate is gone; its threads end (the core, held here, outlives it).
        var waited = 0
        while core?.threadsAlive ?? 0 > 0, waited < 500 { try await Task.sleep(for: .milliseconds(10)); waited += 1 }
        #expect(core?.threadsAlive == 0)
    }

    /// A render past its deadline stops at its next step and gives its slot back at once: the
    /// next request is drawn without waiting for the first to run to its end.
    @Test func aRenderPastItsDeadlineStopsAndFreesItsSlot() async throws {
        let gate = RenderGate(limit: 1, queue: 4)
        let steps = ArrivalLog()
        await #expect(throws: RenderGate.TimedOut.self) {
            try await gate.run(timeout: 0.2) {
                for n in 0..<500 { usleep(10_000); try RenderDeadline.check(); steps.add(n) }
            }
        }
        #expect(try await gate.run(timeout: .infinity) { 1 } == 1)
        // Stopped near its deadline (0.2 s of its 5 s), not at its end. (Counted in steps, not
        // wall time: under `make test` the suites crowd two cores.)
        #expect(steps.values.count < 200, "\(steps.values.count) of 500 steps ran")
        #expect(gate.admitted == 0)
    }

    /// Canvas pixels in flight stay within the budget whatever the threads: a second large map
    /// waits for the first although a thread is free, and one larger than the budget runs alone.
    @Test func pixelsInFlightStayWithinTheBudget() async throws {
        let gate = RenderGate(limit: 3, queue: 10, pixels: 100)
        let release = DispatchSemaphore(value: 0)
        let log = ArrivalLog()
        let first = Task { try await gate.run(timeout: .infinity, pixels: 80) { log.add(1); release.wait(); log.add(-1) } }
        while gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await gate.run(timeout: .infinity, pixels: 50) { log.add(2) } }
        try await Task.sleep(for: .milliseconds(200))
        #expect(log.values == [1] && gate.inFlight == 1, "the second started beside the first: \(log.values)")
        release.signal()
        try await first.value
        try await second.value
        #expect(log.values == [1, -1, 2])
        // Larger than the whole budget: drawn, alone.
        #expect(try await gate.run(timeout: .infinity, pixels: 500) { 5 } == 5)
        #expect(gate.admitted == 0)
    }

    @Test func theConnectionCapStaysBelowTheDescriptorLimit() throws {
        #expect(try ConnectionLimit.make(asked: nil, descriptors: 1024).maximum == 1024 - ConnectionLimit.reserved)
        #expect(try ConnectionLimit.make(asked: nil, descriptors: 1 << 20).maximum == 10_000)
        #expect(try ConnectionLimit.make(asked: 50, descriptors: 1024).maximum == 50)
        #expect(throws: ServiceSetupError.tooManyConnections(asked: 2000, descriptors: 1024, reserved: ConnectionLimit.reserved)) {
            try ConnectionLimit.make(asked: 2000, descriptors: 1024)
        }
        #expect(throws: ServiceSetupError.self) { try ConnectionLimit.make(asked: nil, descriptors: 100) }
        // The process's own limit, raised to the hard one where allowed, leaves room for the reserve.
        #expect(ConnectionLimit.descriptorLimit(raise: false) > ConnectionLimit.reserved)
    }

    @Test func theCacheStaysWithinItsBound() {
        let cache = ResponseCache(capacityBytes: 100_000)
        for i in 0..<1000 {
            cache.put("k\(i)", ResponseCache.Entry(body: Data(count: 5_000), contentType: "image/png", headers: []))
            #expect(cache.bytes <= 100_000)
        }
        #expect(cache.get("k999") != nil && cache.get("k0") == nil)
        // Used lately stays; the least recently used goes.
        _ = cache.get("k990")
        for i in 1000..<1015 { cache.put("k\(i)", ResponseCache.Entry(body: Data(count: 5_000), contentType: "", headers: [])) }
        #expect(cache.get("k990") != nil && cache.get("k991") == nil)
        // An answer bigger than a quarter of the cache is not kept.
        cache.put("big", ResponseCache.Entry(body: Data(count: 40_000), contentType: "", headers: []))
        #expect(cache.get("big") == nil)
    }
}

/// The strikemap binary, for comparing the service with the CLI.
/// The built `strikemap`, run to compare its output with the service's.
enum CLIProcess {
    static let binary = StrikeMapProcess.binary

    static func run(_ args: [String]) throws -> (status: Int32, out: Data) {
        let r = try StrikeMapProcess.run(args)
        return (r.status, r.stdout)
    }
}

/// `strikemap serve` as a process: it says where it listens, and SIGTERM lets the request in
/// progress finish before it exits 0.
@Suite struct ServeProcessTests {
    @Test func sigtermDrainsTheRequestInProgress() async throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIProcess.binary)
        p.arguments = ["serve", "--port", "0"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let port = try #require(await servingPort(err.fileHandleForReading))
        let base = URL(string: "http://127.0.0.1:\(port)")!
        // A large map takes a while; SIGTERM lands while it is drawn.
        let slow = Task { try await fetch(base, "/map.png?width=4000&height=3000&view=heatmap") }
        // SIGTERM once the render is running (the metrics say so), however loaded the machine.
        for _ in 0..<600 {
            if let m = try? await fetch(base, "/metrics"), m.text.contains("strikemap_renders_in_flight 1") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(p.processIdentifier, SIGTERM)
        let answer = try await slow.value
        #expect(answer.status == 200 && answer.body.prefix(4) == ServiceRouteTests.png, "\(answer.status) \(answer.text.prefix(200))")
        while p.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(p.terminationReason == .exit && p.terminationStatus == 0)
    }
}

/// The OpenAPI document is written from the route table and the render command's flags: it lists
/// every route the router answers and every parameter the service takes, and nothing it refuses.
@Suite struct OpenAPITests {
    static let query = MapQuery(vocabulary: .renderCommand)

    @Test func theDocumentMatchesTheRoutesAndParameters() throws {
        let yaml = OpenAPIDocument.yaml(Self.query)
        for path in ServiceRouteTable.paths { #expect(yaml.contains("\n  \(path):\n"), "route \(path) is not in openapi.yaml") }
        #expect(yaml.components(separatedBy: "operationId:").count - 1 == ServiceRouteTable.routes.count)
        #expect(Self.query.parameters.count > 40)
        for (name, _) in Self.query.parameters where MapQuery.refused[name] == nil {
            #expect(yaml.contains("\n    \(name):\n      name: \(name)\n"), "parameter \(name) is not in openapi.yaml")
        }
        for name in MapQuery.refused.keys { #expect(!yaml.contains("\n      name: \(name)\n"), "refused \(name) is documented") }
        // Every refusal names a flag the render command has (a renamed flag would leave a stale
        // entry), but ArgumentParser's own help and version.
        for name in MapQuery.refused.keys where !["help", "version"].contains(name) {
            #expect(Self.query.parameters[name] != nil, "refused '\(name)' is no render flag")
        }
    }

    /// A query of thousands of repeated values (3,000 `ring=` took 5 s a map) or parameters is
    /// refused before any is parsed, naming the parameter.
    @Test func repeatedParametersAreBounded() throws {
        let rings = Array(repeating: (name: "ring", value: "100"), count: MapQuery.maxRepeats + 1)
        #expect(throws: MapQuery.ParameterError.self) { _ = try Self.query.arguments(rings) }
        do { _ = try Self.query.arguments(rings) } catch { #expect(error.parameter == "ring" && error.message.contains("more than \(MapQuery.maxRepeats) times")) }
        let many = (0..<(MapQuery.maxParameters + 1)).map { _ in (name: "title", value: "x") }
        #expect(throws: MapQuery.ParameterError.self) { _ = try Self.query.arguments(many) }
        #expect(try Self.query.arguments(Array(rings.prefix(MapQuery.maxRepeats))).count == MapQuery.maxRepeats)
        // A control character (a NUL reached the store's SQL) is the request's fault, named.
        do { _ = try Self.query.arguments([(name: "kind", value: "strike\u{0}x")]); Issue.record("taken") } catch {
            #expect(error.parameter == "kind" && error.message.contains("U+0000"), "\(error)")
        }
    }

    /// The event lists come a page at a time: `offset` and `limit` are taken out of the query
    /// (the map parameters do not know them), bounded, and refused in words when not numbers.
    @Test func eventListsComeAPageAtATime() throws {
        let (query, page) = try ServiceRoutes.listPage("kind=battle&offset=20&limit=5&title=x", maxListed: 100)
        #expect(query == "kind=battle&title=x" && page.offset == 20 && page.limit == 5)
        let (none, whole) = try ServiceRoutes.listPage(nil, maxListed: 100)
        #expect(none == nil && whole.offset == 0 && whole.limit == 100)
        #expect(throws: MapQuery.ParameterError.self) { _ = try ServiceRoutes.listPage("limit=101", maxListed: 100) }
        #expect(throws: MapQuery.ParameterError.self) { _ = try ServiceRoutes.listPage("offset=-1", maxListed: 100) }
        let yaml = OpenAPIDocument.yaml(Self.query)
        #expect(yaml.components(separatedBy: "name: offset").count - 1 == 3)
    }

    /// `serve --help` lists the routes of the table, each with its summary.
    @Test func theHelpListsEveryRoute() throws {
        let help = String(decoding: try CLIProcess.run(["serve", "--help"]).out, as: UTF8.self)
        for r in ServiceRouteTable.routes {
            #expect(help.contains("\(r.method.rawValue.uppercased()) \(r.path)"), "serve --help does not list \(r.path)")
        }
    }

    @Test func itIsServed() async throws {
        try await withService { _, base in
            let r = try await fetch(base, "/openapi.yaml")
            #expect(r.status == 200 && r.text.hasPrefix("openapi: 3.0.3"))
        }
    }
}

/// Values appended from any thread, in the order they came.
final class ArrivalLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    func add(_ n: Int) { lock.withLock { list.append(n) } }
    var values: [Int] { lock.withLock { list } }
}
