import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StrikeMapRender
import Testing
import StrikeMapTestSupport
@testable import StrikeMapCLI
@testable import StrikeMapServer

/// The service under the requests an attacker or a broken client sends: connections that never
/// finish their headers, headers and addresses far past any real one, floods of queries that each
/// miss the caches, random query strings, and SIGTERM in the middle of a burst. Each test checks
/// that the service keeps answering others, stays within its bounds, and loses nothing accepted.
@Suite(.serialized) struct ServiceAttackTests {
    /// Slow-loris: a hundred connections that send a header line and then a byte now and then.
    /// The service is event-driven, so they hold no render slot or thread: others are answered at
    /// once; a connection that sends nothing is closed after --idle-timeout.
    @Test func slowConnectionsStarveNoOne() async throws {
        var settings = MapService.Settings.underTest
        settings.idleTimeout = 2
        try await withService(settings) { _, base in
            let slow = try (0..<100).map { _ in try RawConnection(base) }
            for c in slow { c.send(Array("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8)) }
            let stop = ManagedAtomicFlag()
            let dribble = Thread {
                while !stop.isSet {
                    for c in slow { c.send([UInt8(ascii: "a")]) }
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }
            dribble.start()
            defer { stop.set() }
            let clock = ContinuousClock()
            let started = clock.now
            let health = try await fetch(base, "/health")
            let map = try await fetch(base, "/map.png?width=800&height=600&dpi=100&region=baghdad")
            #expect(health.status == 200 && map.status == 200, "health \(health.status), map \(map.status): \(map.text.prefix(200))")
            #expect(clock.now - started < .seconds(60), "answered in \(clock.now - started) beside 100 slow connections")
            // A connection that sends nothing at all is closed once idle for the timeout.
            let silent = try RawConnection(base)
            let closed = await offPool { silent.closedByPeer(within: 30) }
            #expect(closed, "an idle connection was kept open past --idle-timeout")
        }
    }

    /// Idle connections past --max-connections: each further one is answered 503 with
    /// Retry-After at once and closed (it took every descriptor, and the service stopped
    /// answering); /health says how many are open, and once they close a map is drawn as usual.
    @Test func connectionsPastTheCapAreAnswered503AndClosed() async throws {
        var settings = MapService.Settings.underTest
        settings.maxConnections = 12
        try await withService(settings) { _, base in
            let held = try (0..<12).map { _ in try RawConnection(base) }
            // Each held one is counted before the next arrives past the cap.
            for _ in 0..<200 {
                let h = try? await fetch(base, "/health")
                if h?.status == 503 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let extra = try (0..<20).map { _ in try RawConnection(base) }
            let answers = await withTaskGroup(of: Data.self) { group in
                for c in extra { group.addTask { await offPool { c.readAll(seconds: 10) } } }
                var out: [Data] = []
                for await a in group { out.append(a) }
                return out
            }
            for a in answers {
                let text = String(decoding: a, as: UTF8.self)
                #expect(text.hasPrefix("HTTP/1.1 503") && text.contains("Retry-After: 1") && text.contains("(12)"), "\(text.prefix(200))")
            }
            for c in held { c.hangUp() }
            var health: (status: Int, text: String)?
            for _ in 0..<200 {
                if let h = try? await fetch(base, "/health"), h.status == 200 { health = (h.status, h.text); break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(health?.text.contains("\"maxConnections\" : 12") == true, "\(String(describing: health))")
            let map = try await fetch(base, "/map.png?width=800&height=600&dpi=100&region=baghdad")
            #expect(map.status == 200)
            let metrics = try await fetch(base, "/metrics")
            #expect(metrics.text.contains("strikemap_connections_refused_total"))
        }
    }

    /// Headers and addresses far past any real client's get a 4xx and a closed connection; the
    /// service answers the next request as usual.
    @Test func oversizedHeadersAndAddressesAreRefused() async throws {
        try await withService { _, base in
            let header = try await rawHTTP(base, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 200_000))\r\n\r\n", seconds: 30)
            #expect(header.hasPrefix("HTTP/1.1 4"), "\(header.prefix(120))")
            let many = (0..<5000).map { "X-H\($0): v\r\n" }.joined()
            let headers = try await rawHTTP(base, "GET /health HTTP/1.1\r\nHost: x\r\n\(many)\r\n", seconds: 30)
            #expect(headers.hasPrefix("HTTP/1.1 4"), "\(headers.prefix(120))")
            let address = try await rawHTTP(base, "GET /map.png?title=\(String(repeating: "t", count: 300_000)) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", seconds: 60)
            #expect(address.hasPrefix("HTTP/1.1 4"), "\(address.prefix(120))")
            // Garbage instead of HTTP.
            let junk = try await rawHTTP(base, "\u{01}\u{02}NOT HTTP AT ALL\r\n\r\n", seconds: 30)
            #expect(junk.isEmpty || junk.hasPrefix("HTTP/1.1 4"), "\(junk.prefix(120))")
            #expect(try await fetch(base, "/health").status == 200)
        }
    }

    /// Queries that each miss every cache: distinct maps, documents and paths. The response and
    /// basemap caches stay within their bounds, the metrics keep a fixed set of labels, and the
    /// process does not grow with the count of requests.
    @Test func cacheBustingQueriesStayWithinTheBounds() async throws {
        var settings = MapService.Settings.underTest
        settings.cacheBytes = 1 << 20
        settings.baseCacheBytes = 4 << 20
        try await withService(settings) { p, base in
            func rss() -> Int {
                let status = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/status", encoding: .utf8)) ?? ""
                return status.firstMatch(of: /VmRSS:\s+(\d+) kB/).map { Int($0.1) ?? 0 } ?? 0
            }
            // Distinct small maps over distinct frames: every one drawn, cached and, soon, evicted.
            for i in 0..<12 {
                let r = try await fetch(base, "/map.png?width=400&height=300&dpi=72&bbox=\(40 + Double(i) * 0.05),30,\(45 + Double(i) * 0.05),35&title=T\(i)")
                #expect(r.status == 200, "\(r.text.prefix(200))")
            }
            let warm = rss()
            // Then 240 cheap requests that each miss: new documents, unknown paths, bad values (`make
            // bench-serve` sends 20,000 with 1,000 distinct maps and finds the process flat).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for i in stride(from: worker, to: 240, by: 8) {
                            let path = [ "/spec?title=Document+\(i)&region=iraq", "/nowhere/\(i)", "/map.png?width=-\(i)",
                                         "/events.json?from=2023-11-\(String(format: "%02d", 1 + i % 20))&title=x\(i)" ][i % 4]
                            let r = try await fetch(base, path)
                            #expect(r.status < 500, "\(path): \(r.status)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let metrics = try await fetch(base, "/metrics").text
            func gauge(_ name: String) -> Double {
                metrics.firstMatch(of: try! Regex("\(name) ([0-9.e+]+)")).flatMap { Double(String($0.output[1].substring ?? "")) } ?? -1
            }
            #expect((0...Double(1 << 20)).contains(gauge("strikemap_cache_bytes")), "\(gauge("strikemap_cache_bytes"))")
            #expect((0...Double(4 << 20)).contains(gauge("strikemap_base_cache_bytes")), "\(gauge("strikemap_base_cache_bytes"))")
            // Unknown paths share one label; the text stays small.
            #expect(metrics.contains("route=\"other\"") && !metrics.contains("nowhere") && metrics.utf8.count < 40_000)
            let after = rss()
            #expect(after - warm < 64 * 1024, "resident size grew from \(warm) KiB to \(after) KiB over 240 requests")
        }
    }

    /// SIGTERM during a burst: every request already accepted is answered in full, then the
    /// process exits 0. Ten requests on ten connections, all sent before the signal (an HTTP
    /// client would hold some back for a free connection, and those would never be accepted).
    @Test func sigtermDuringABurstLosesNothingAccepted() async throws {
        var settings = MapService.Settings.underTest
        settings.maxRenders = 2
        settings.queue = 32
        try await withService(settings) { p, base in
            let connections = try (0..<10).map { _ in try RawConnection(base) }
            for (i, c) in connections.enumerated() {
                c.send(Array("GET /map.png?width=1200&height=900&dpi=100&title=Burst+\(i) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            }
            // SIGTERM once renders are running, with the rest queued behind them.
            for _ in 0..<600 {
                if let m = try? await fetch(base, "/metrics"), m.text.contains("strikemap_renders_in_flight 2") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(p.processIdentifier, SIGTERM)
            let answers = await withTaskGroup(of: Data.self) { group in
                for c in connections { group.addTask { await offPool { c.readAll(seconds: 300) } } }
                var out: [Data] = []
                for await a in group { out.append(a) }
                return out
            }
            var etags: Set<String> = []
            for a in answers {
                // Headers, then exactly Content-Length bytes of PNG.
                guard let split = a.firstRange(of: Data("\r\n\r\n".utf8)) else { Issue.record("no answer: \(a.count) bytes"); continue }
                let head = String(decoding: a[..<split.lowerBound], as: UTF8.self), body = a[split.upperBound...]
                #expect(head.hasPrefix("HTTP/1.1 200"), "\(head.prefix(200))")
                let length = head.firstMatch(of: /(?i)content-length: (\d+)/).map { Int($0.1) ?? -1 } ?? -1
                #expect(length == body.count && body.prefix(4) == ServiceRouteTests.png, "\(length) \(body.count)")
                if let e = head.firstMatch(of: /(?i)etag: (\S+)/) { etags.insert(String(e.1)) }
            }
            #expect(answers.count == 10 && etags.count == 10)
            while p.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        }
    }
}

extension ServiceAttackTests {
    /// Half-sent documents: one that stops arriving is answered 408 after the render timeout
    /// (it was held until the connection idled out), and past the bytes the service reserves for
    /// bodies in flight (64 MiB: 400 of them held 500 MB) a new one is answered 503 at once.
    @Test func halfSentDocumentsTimeOutAndAreBounded() async throws {
        var settings = MapService.Settings.underTest
        settings.renderTimeout = 2
        try await withService(settings) { _, base in
            let slow = try RawConnection(base)
            slow.send(Array("POST /map HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"page\":".utf8))
            let answer = String(decoding: await offPool { slow.readAll(seconds: 60) }, as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
            let held = try (0..<80).map { _ in try RawConnection(base) }
            for c in held { c.send(Array("POST /map HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n{".utf8)) }
            let answers = await withTaskGroup(of: String.self) { group in
                for c in held { group.addTask { String(decoding: await offPool { c.readHead(seconds: 30) }, as: UTF8.self) } }
                var out: [String] = []
                for await a in group { out.append(a) }
                return out
            }
            let busy = answers.filter { $0.hasPrefix("HTTP/1.1 503") }.count
            let timedOut = answers.filter { $0.hasPrefix("HTTP/1.1 408") }.count
            // 67 reserved (1 MB each of 64 MiB) and timed out, the other 13 refused (more pass
            // only if the first have timed out before the last arrive).
            #expect(busy >= 1 && busy <= 13 && busy + timedOut == 80, "\(busy) 503, \(timedOut) 408")
            let health = try await fetch(base, "/health")
            #expect(health.status == 200)
        }
    }

    /// A PostGIS store that does not answer: every route that reads it answers 503 with
    /// Retry-After in words that give away nothing of the store (it answered 400 with the whole
    /// connection string, password included), and /health is 503 "unavailable" so a balancer
    /// sends elsewhere.
    @Test func aStoreOutageIs503WithoutSecrets() async throws {
        var settings = MapService.Settings.underTest
        settings.events = ["PG:postgresql://mapper:S3cretPass@127.0.0.1:1/conflict_db"]
        try await withService(settings) { _, base in
            for path in ["/map.png?width=400&height=300&dpi=100", "/events.json", "/events.csv", "/stats.json", "/spec", "/health"] {
                let r = try await fetch(base, path)
                for secret in ["S3cretPass", "mapper", "conflict_db", "127.0.0.1", "PG:"] {
                    #expect(!r.text.contains(secret), "\(path) tells \(secret): \(r.text.prefix(300))")
                }
                if path == "/spec" { continue }  // the document alone: no data read
                #expect(r.status == 503 && r.headers["retry-after"] != nil, "\(path): \(r.status) \(r.text.prefix(300))")
                for secret in ["S3cretPass", "mapper", "conflict_db", "127.0.0.1", "PG:"] {
                    #expect(!r.text.contains(secret), "\(path) tells \(secret): \(r.text.prefix(300))")
                }
                if path == "/health" { #expect(r.json?["store"] as? String == "unavailable") }
            }
        }
    }

    /// SIGTERM while a large map is on its way to a client that reads slowly: the answer arrives
    /// whole (it was cut where the kernel's buffers ended: 3.3 MB of 8.8 MB), then the process
    /// exits 0.
    @Test func sigtermLetsALargeAnswerReachASlowClient() async throws {
        try await withService { p, base in
            let c = try RawConnection(base, receiveBuffer: 4096)
            c.send(Array("GET /map.png?width=9000&height=7000&dpi=300&theme=dark HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            let start = await offPool { c.readHead(seconds: 600) }
            guard let split = start.firstRange(of: Data("\r\n\r\n".utf8)) else { Issue.record("no answer"); return }
            let head = String(decoding: start[..<split.lowerBound], as: UTF8.self)
            #expect(head.hasPrefix("HTTP/1.1 200"), "\(head.prefix(200))")
            let length = head.firstMatch(of: /(?i)content-length: (\d+)/).map { Int($0.1) ?? -1 } ?? -1
            #expect(length > 6_000_000, "a map larger than the socket buffers: \(length) bytes")
            kill(p.processIdentifier, SIGTERM)
            // The client reads nothing for a while: the server must hold the rest, not drop it.
            try await Task.sleep(for: .seconds(2))
            let rest = await offPool { c.readAll(seconds: 120) }
            #expect(start.count - split.upperBound + rest.count == length)
            while p.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        }
    }
}

/// Random query strings through the service's query parser and the render command's: every one
/// is a document or a typed error that names the fault, never a crash, a hang or a 5xx-worthy
/// error. Seeded: a failure names the input, which reproduces it.
@Suite struct QueryFuzzTests {
    @Test func randomQueriesGiveADocumentOrANamedError() throws {
        var rng = SplitMix(seed: 20261203)
        let names = Array(OpenAPITests.query.parameters.keys).sorted() + ["", "x", "widht", "=", "&", "%", "%zz", "region%00"]
        let values = ["", "0", "-1", "1e309", "nan", "99999999999999999999", "2023-11-01", "2023-02-30", "14d", "-14d", "iraq",
                      "atlantis", "../../etc/passwd", "%00", "%C3%A9", "%E2%80%AE", "a+b", "true", "maybe", "800x600", "0x0",
                      "30,40,50,60", "60,40,30,50", "Al-Asad:100km", "hexbin", "en+ar", String(repeating: "9", count: 400)]
        for i in 0..<150 {
            var parts: [String] = []
            for _ in 0..<(1 + rng.next() % 5) {
                if rng.next() % 10 == 0 {
                    parts.append(String((0..<(rng.next() % 12)).map { _ in Character(UnicodeScalar(UInt8(32 + rng.next() % 95))) }))
                } else {
                    parts.append(names[Int(rng.next() % UInt64(names.count))] + "=" + values[Int(rng.next() % UInt64(values.count))])
                }
            }
            let query = parts.joined(separator: "&")
            do {
                let doc = try OpenAPITests.query.document(ServiceRoutes.queryItems(query), events: [], format: .png)
                // A document the service draws is one it would take back (POST /map).
                let again = try? MapDocument.decode(doc.json(), source: "printed")
                #expect(again == doc, "\(i): \(query): the document does not read back")
            } catch let e as MapQuery.ParameterError {
                #expect(!e.message.isEmpty, "\(i): \(query)")
            } catch {
                // The CLI's own errors: each must be one the service words as a 400.
                let (message, code) = CLIFailure.describe(error)
                #expect([64, 65, 66].contains(code) && !message.isEmpty, "\(i): \(query) gave \(code): \(message)")
            }
        }
    }
}

extension QueryFuzzTests {
    /// Found by Fuzz/query: a highlight of control characters made a document that its own
    /// reader refuses ("a name with no letters or digits"); now the query is a 400 (refused first
    /// for its control characters, which no parameter takes).
    @Test func fuzzRegressionHighlightWithoutLetters() throws {
        let bytes: [UInt8] = Array("ring=Al-Asad+Aix".utf8) + [0, 0, 0] + Array("r+Base%3A101km&highlight=".utf8) + [0, 0, 0, 0, 8]
        guard case .badRequest(let message) = OpenAPITests.query.outcome(query: String(decoding: bytes, as: UTF8.self)) else {
            Issue.record("not a 400")
            return
        }
        #expect(message.contains("control character"), "\(message)")
    }
}

final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

/// Runs blocking work on a thread of its own (not Swift's cooperative pool).
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { c in DispatchQueue.global().async { c.resume(returning: work()) } }
}
