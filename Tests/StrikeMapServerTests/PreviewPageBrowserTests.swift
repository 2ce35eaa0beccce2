import Foundation
import Testing
@testable import StrikeMapCLI
@testable import StrikeMapServer

/// The preview page in a real browser: headless Chromium (Debian's `chromium` and
/// `chromium-driver`, driven by `python3-selenium`) loads it from a service on loopback, the
/// reader moves the date slider, and the map request and the image change. `make test` sets
/// STRIKEMAP_TEST_BROWSER after installing them; plain `swift test` leaves this out.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STRIKEMAP_TEST_BROWSER"] != nil,
                "STRIKEMAP_TEST_BROWSER is not set: `make test` installs Chromium and runs this"))
struct PreviewPageBrowserTests {
    @Test func theDateSliderRedrawsTheMapAndTheEmbedFollows() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("browser/preview_page.py").path
        let seen = try await withService { _, base in
            try await runOffPool("/usr/bin/python3", [script, base.absoluteString + "/", out.path])
        }
        #expect(seen.status == 0, "\(seen.err)")
        let j = try #require((try? JSONSerialization.jsonObject(with: seen.out)) as? [String: Any], "\(seen.err)")
        let before = try #require(j["before"] as? [String: Any]), after = try #require(j["after"] as? [String: Any])
        // The slider spans the sample's dates, one step a day, with a bar per ISO week.
        #expect(before["from"] as? String == "2023-10-17" && before["to"] as? String == "2023-11-22")
        #expect(before["sliderMax"] as? Int == 36 && (before["bars"] as? Int ?? 0) == 6)
        // Ten steps back: the request and the picture changed, and the words with them.
        let target = try #require(j["target"] as? String)
        #expect(target == "2023-11-12")
        let q0 = try #require(before["query"] as? String), q1 = try #require(after["query"] as? String)
        #expect(q0.contains("to=2023-11-22") && q1.contains("to=2023-11-12") && q0 != q1)
        #expect(before["sha256"] as? String != after["sha256"] as? String)
        #expect(after["width"] as? Int == 1600 && after["height"] as? Int == 1200)
        let status = after["status"] as? String ?? ""
        #expect(status.contains("outside the date filter") && status.contains("drawn"), "\(status)")
        let caption = after["caption"] as? String ?? ""
        #expect(caption.contains("12 November 2023") && after["alt"] as? String == caption, "\(caption)")
        // The embed: 1x and 2x, width and height, the caption as alt text; Markdown too.
        let html = j["html"] as? String ?? "", markdown = j["markdown"] as? String ?? ""
        #expect(html.hasPrefix("<img src=\"") && html.contains(" 1x, ") && html.contains(" 2x\"")
            && html.contains("width=\"800\" height=\"600\"") && html.contains("alt=\"Map of"), "\(html)")
        #expect(html.contains("to=2023-11-12&amp;"))
        #expect(markdown.hasPrefix("![Map of") && markdown.contains("](http://127.0.0.1:") && markdown.contains("to=2023-11-12"))
        // The caption is escaped as `render --embed md` escapes it: no Markdown mark in it is bare.
        let alt = String(markdown.dropFirst(2)).components(separatedBy: "](http")[0]
        var previous: Character = " "
        for c in alt {
            if "()[]*_#!|~`<>".contains(c) { #expect(previous == "\\", "bare '\(c)' in \(alt)") }
            previous = c
        }
        #expect(alt.contains("\\("), "the caption's counts are in brackets: \(alt)")
        // Nothing asked of any other origin, and nothing went wrong in the page.
        #expect(j["origins"] as? [String] == [j["pageOrigin"] as? String ?? "-"])
        #expect((j["console_errors"] as? [String] ?? ["?"]).isEmpty, "\(j["console_errors"] ?? "")")
    }
}

/// Runs a program to its end on a thread of its own (not Swift's cooperative pool, which a
/// blocking wait would starve), giving its exit status, standard output and standard error.
func runOffPool(_ program: String, _ args: [String]) async throws -> (status: Int32, out: Data, err: String) {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: program)
            p.arguments = args
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            do { try p.run() } catch { c.resume(throwing: error); return }
            nonisolated(unsafe) var errData = Data()
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            p.waitUntilExit()
            c.resume(returning: (p.terminationStatus, outData, String(decoding: errData, as: UTF8.self)))
        }
    }
}
