import Foundation
import Testing

/// Text from the data that would break a format: every output is parsed as strictly as the
/// programs that read it (xmllint for SVG, an HTML parser for the HTML snippet, a CommonMark
/// renderer for the Markdown one, JSON for the manifest).
@Suite struct HostileTextTests {
    let cli = CLITests()

    static let hostile = "<script>alert(1)</script> *Brigade* ]]> & \u{FFFE}\u{01}[x](javascript:y) `z`"
    static var csv: String {
        "id,date,kind,actor,lat,lon,country\n"
            + (1...5).map { "h\($0),2023-11-0\($0),attack,\"\(hostile)\",33.3,44.4,IQ" }.joined(separator: "\n") + "\n"
    }

    private func run(_ tool: String, _ args: [String], stdin: Data) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = out
        try p.run()
        inp.fileHandleForWriting.write(stdin)
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self))
    }

    /// An override in an actor's name ends with the name: the rest of the title keeps its order.
    @Test func bidiOverridesInDataAreIsolated() throws {
        let csv = "id,date,kind,actor,lat,lon,country\n"
            + (1...5).map { "b\($0),2023-11-0\($0),attack,\u{202E}Militia X,33.3,44.4,IQ" }.joined(separator: "\n") + "\n"
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("m.json").path
        let r = try cli.strikemap("render", "--events", "-", "--out", dir.appendingPathComponent("m.png").path,
                                  "--manifest", manifest, "--quiet", "--caption", "-", stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any]
        let title = m?["title"] as? String ?? ""
        #expect(title.contains("\u{2068}\u{202E}Militia X\u{2069}"), "\(title.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(r.stdout.contains("\u{2068}\u{202E}Militia X\u{2069}"), "the caption: \(r.stdout)")
        let events = try cli.strikemap("events", "--events", "-", "--format", "json", stdin: csv)
        #expect(events.stdout.contains("\\u2068\\u202eMilitia X\\u2069") || events.stdout.contains("\u{2068}\u{202E}Militia X\u{2069}"),
                "\(events.stdout.prefix(400))")
    }

    @Test func everyOutputParsesStrictly() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("map.svg").path
        let manifest = dir.appendingPathComponent("map.json").path
        let r = try cli.strikemap("render", "--events", "-", "--format", "svg", "--out", svg, "--manifest", manifest,
                                  "--embed", "html", "--quiet", stdin: Self.csv)
        #expect(r.status == 0, "\(r.stderr)")
        // The title names the actor, so the hostile text is in every output.
        let svgText = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(svgText.contains("&lt;script&gt;"), "the actor is not in the SVG")
        let xml = try run("/usr/bin/xmllint", ["--noout", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: svg)))
        #expect(xml.status == 0, "xmllint: \(xml.out)")
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) }

        // HTML: the only elements are the snippet's own.
        let html = r.stdout.components(separatedBy: "\n").drop { !$0.contains("<figure") }.joined(separator: "\n")
        let tags = try run("/usr/bin/python3", ["-c", """
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def handle_starttag(self, tag, attrs): print(tag)
            P().feed(sys.stdin.read())
            """], stdin: Data(html.utf8))
        #expect(tags.status == 0)
        #expect(Set(tags.out.split(separator: "\n").map(String.init)) == ["figure", "img", "figcaption"], "\(tags.out)")

        // Markdown: rendered by CommonMark, the text stays text.
        let md = try cli.strikemap("render", "--events", "-", "--format", "svg", "--out", svg, "--embed", "md", "--quiet",
                                   stdin: Self.csv)
        #expect(md.status == 0)
        let snippet = md.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("![") }.joined(separator: "\n")
        let rendered = try run("/usr/bin/python3", ["-c", "import sys, commonmark; print(commonmark.commonmark(sys.stdin.read()))"],
                               stdin: Data(snippet.utf8))
        #expect(rendered.status == 0, "\(rendered.out)")
        #expect(!rendered.out.contains("<script"), "\(rendered.out)")
        #expect(!rendered.out.contains("href=\"javascript"), "\(rendered.out)")
        #expect(rendered.out.contains("&lt;script&gt;alert(1)&lt;/script&gt; *Brigade*"), "\(rendered.out)")
        let htmlTags = try run("/usr/bin/python3", ["-c", """
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def handle_starttag(self, tag, attrs): print(tag)
            P().feed(sys.stdin.read())
            """], stdin: Data(rendered.out.utf8))
        #expect(Set(htmlTags.out.split(separator: "\n").map(String.init)).isSubset(of: ["p", "img", "em"]), "\(htmlTags.out)")
    }
}
