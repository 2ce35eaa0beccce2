import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import StrikeMapTestSupport
@testable import StrikeMapServer

/// The requests that once crashed the service, stalled it for good or read the server's files,
/// each sent to a real `serve` process: every one is answered with a 4xx that names the fault,
/// at once, and after them all the process still runs and draws a fresh map in its usual time.
/// (The parsers have tests of their own; these check that the service answers them so.)
extension ServiceAttackTests {
    @Test(.timeLimit(.minutes(10))) func hostileRequestsAreAnsweredAndLeaveTheServiceWhole() async throws {
        var settings = MapService.Settings.underTest
        settings.maxRenders = 1
        settings.queue = 2
        try await withService(settings) { p, base in
            let clock = ContinuousClock()
            let small = "/map.png?width=800&height=600&dpi=100&region=baghdad"
            var started = clock.now
            #expect(try await fetch(base, small).status == 200)
            let usual = clock.now - started

            func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
            func post(_ body: String, type: String = "application/json") async throws -> Fetched {
                try await fetch(base, "/map", method: "POST", headers: ["Content-Type": type], body: Data(body.utf8))
            }
            let pipeline = "+proj=pipeline" + String(repeating: " +step +proj=axisswap +order=2,1", count: 2_600)
            let layer = #"{"id": "x", "source": "events", "symbolizers": [{"type": "markers"}], "filter": "FILTER"}"#
            var reused = "layers:\n  - {id: l0, source: events, symbolizers: &s [" + Array(repeating: "{type: markers}", count: 30).joined(separator: ",") + "]}\n"
            for i in 1..<2_000 { reused += "  - {id: l\(i), source: events, symbolizers: *s}\n" }
            let manyLayers = #"{"layers": ["# + (0..<14_000).map { #"{"id": "l\#($0)", "source": "events", "symbolizers": [{"type": "markers"}]}"# }.joined(separator: ",") + "]}"
            let rings = (0..<3_000).map { "ring=\($0 % 500 + 1)" }.joined(separator: "&")

            // (name, request, what the answer must be)
            let cases: [(String, () async throws -> Fetched, (Fetched) -> Bool)] = [
                // A CRS is data: a grid file (a FIFO or /proc/self/fd/3 held a render thread for
                // good), an +init file, an @-list, a 2,600-step pipeline.
                ("crs grids", { try await fetch(base, "/map.png?crs=" + enc("+proj=pipeline +step +proj=hgridshift +grids=/proc/self/fd/3")) }, { $0.status == 400 }),
                ("crs nadgrids", { try await fetch(base, "/map.png?crs=" + enc("+proj=longlat +nadgrids=@/etc/passwd")) }, { $0.status == 400 && !$0.text.contains("root:") }),
                ("crs init", { try await fetch(base, "/map.png?crs=" + enc("+init=/etc/passwd:root")) }, { $0.status == 400 }),
                ("crs pipeline", { try await fetch(base, "/map.png?crs=" + enc(pipeline)) }, { $0.status == 400 }),
                // Filters and documents past the stack or the CPU (SIGSEGV; 33 s of CPU).
                ("40,000 not", { try await post(layer.replacingOccurrences(of: "FILTER", with: String(repeating: "not ", count: 40_000) + "a == 1").wrapped) }, { (400..<500).contains($0.status) }),
                ("60,000 parentheses", { try await post(layer.replacingOccurrences(of: "FILTER", with: String(repeating: "(", count: 60_000) + "a == 1" + String(repeating: ")", count: 60_000)).wrapped) }, { (400..<500).contains($0.status) }),
                ("reused YAML anchors", { try await post(reused, type: "application/yaml") }, { (400..<500).contains($0.status) && $0.text.contains("aliases") }),
                ("14,000 layers", { try await post(manyLayers) }, { (400..<500).contains($0.status) }),
                ("3,000 rings", { try await fetch(base, "/map.png?" + rings) }, { $0.status == 400 }),
                // Smaller ones: a control character, a NUL in a store filter, HEAD.
                ("control character", { try await fetch(base, "/map.png?title=a%01b") }, { $0.status == 400 }),
                ("NUL in a filter", { try await fetch(base, "/events.json?kind=strike%00x") }, { $0.status == 400 && !$0.text.contains("/") }),
                ("HEAD", { try await fetch(base, small, method: "HEAD") }, { $0.status == 200 && $0.body.isEmpty }),
            ]
            for (name, request, ok) in cases {
                started = clock.now
                let answer = try await request()
                #expect(ok(answer), "\(name): \(answer.status) \(answer.text.prefix(300))")
                #expect(clock.now - started < .seconds(20), "\(name) took \(clock.now - started)")
                #expect(p.isRunning, "\(name) ended the service")
            }
            // The grid requests again, more than the render slots and queue: none holds a slot.
            for _ in 0..<5 {
                #expect(try await fetch(base, "/map.png?crs=" + enc("+proj=pipeline +step +proj=hgridshift +grids=/proc/self/fd/3")).status == 400)
            }
            // A fresh map (not cached) in about its usual time.
            started = clock.now
            let fresh = try await fetch(base, "/map.png?width=820&height=600&dpi=100&region=baghdad")
            #expect(fresh.status == 200)
            #expect(clock.now - started < max(usual * 5, .seconds(30)), "a fresh map took \(clock.now - started), usually \(usual)")
            let health = try await fetch(base, "/health")
            #expect(health.status == 200)
        }
    }

    /// A client that hangs up: its map, waiting behind another, is never drawn, and one being
    /// drawn stops at its next step; the slot is free for the next client. (Both went on to their
    /// end, and held a SIGTERM back as long.)
    @Test(.timeLimit(.minutes(10))) func workForAClientThatHungUpStops() async throws {
        var settings = MapService.Settings.underTest
        settings.maxRenders = 1
        settings.queue = 4
        try await withService(settings) { _, base in
            func metric(_ name: String) async throws -> Double {
                let text = try await fetch(base, "/metrics").text
                return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
            }
            #expect(try await fetch(base, "/map.png?width=800&height=600&dpi=100&region=baghdad").status == 200)
            let drawnBefore = try await metric("strikemap_renders_total")
            // One large map holds the only slot; its client stays.
            let large = "/map.png?width=6000&height=4500&dpi=300&theme=dark"
            let holder = Task { try await fetch(base, large) }
            while try await metric("strikemap_renders_in_flight") < 1 { try await Task.sleep(for: .milliseconds(20)) }
            // Another map waits behind it; its client hangs up.
            let leaver = try RawConnection(base)
            leaver.send(Array("GET /map.png?width=5000&height=4000&dpi=300 HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            try await Task.sleep(for: .milliseconds(300))
            leaver.hangUp()
            #expect(try await holder.value.status == 200)
            // A third map, whose client hangs up while it is being drawn.
            let quitter = try RawConnection(base)
            quitter.send(Array("GET /map.png?width=9000&height=7000&dpi=300&theme=light HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            while try await metric("strikemap_renders_in_flight") < 1 { try await Task.sleep(for: .milliseconds(20)) }
            quitter.hangUp()
            var waited = 0
            while try await metric("strikemap_renders_abandoned_total") < 2, waited < 1_500 {
                try await Task.sleep(for: .milliseconds(20)); waited += 1
            }
            #expect(try await metric("strikemap_renders_abandoned_total") == 2)
            // The queued one was never drawn: the holder and the quitter were.
            #expect(try await metric("strikemap_renders_total") == drawnBefore + 2)
            #expect(try await fetch(base, "/map.png?width=810&height=600&dpi=100&region=baghdad").status == 200)
        }
    }
}

private extension String {
    /// A layer, as a document of that one layer.
    var wrapped: String { #"{"layers": ["# + self + "]}" }
}
