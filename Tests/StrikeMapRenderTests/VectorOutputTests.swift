import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import StrikeMapRender
@testable import StrikeMapCore

/// SVG and PDF come from the same drawing code; they must parse and rasterise to the same map.
@Suite struct VectorOutputTests {
    func run(_ tool: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func attackMarkerVisible(in png: String, manifest: RenderManifest, scale: Double) throws -> Bool {
        let s = try CairoSurface(pngFile: png).raster()
        let m = manifest.markers.first { $0.site == "al-asad-ab" && !$0.hollow }!
        return s.pixel(x: m.x * scale, y: (m.y + m.radius * 0.65) * scale, isNear: MapStyle.house.attack, tolerance: 30)
    }

    @Test func svgParsesAndRenders() throws {
        let path = Fixture.tempPath("svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let manifest = try MapRenderer(spec: Fixture.spec()).write(to: path, format: .svg)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "SVG is not well-formed XML")
        let text = String(decoding: data.prefix(600), as: UTF8.self)
        #expect(text.contains("<svg") && text.contains("width=\"576pt\"") && text.contains("height=\"432pt\""))
        let png = Fixture.tempPath("png")
        defer { try? FileManager.default.removeItem(atPath: png) }
        #expect(try run("rsvg-convert", ["-w", "1600", "-h", "1200", "-o", png, path]) == 0)
        #expect(try attackMarkerVisible(in: png, manifest: manifest, scale: 1))
    }

    /// Text from the data cannot break the SVG: characters XML forbids become U+FFFD, and a label
    /// that reads like one of cairo's ids ("clip77") is left as the data wrote it.
    @Test func dataTextCannotBreakTheSVG() throws {
        var spec = Fixture.spec()
        spec.title = "Raid on clip77 \u{FFFE}\u{FFFF}\u{01} near surface3"
        spec.subtitle = "glyph0-1 & <b>"
        let (data, _) = try MapRenderer(spec: spec).encode(.svg)
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        let svg = String(decoding: data, as: UTF8.self)
        #expect(svg.contains("Raid on clip77 \u{FFFD}\u{FFFD}\u{FFFD} near surface3"))
        #expect(svg.contains("glyph0-1 &amp; &lt;b&gt;"))
        // The same text in a PDF (cairo refuses U+FFFE there) and in a PNG's text chunks.
        let (pdf, _) = try MapRenderer(spec: spec).encode(.pdf)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        let (png, _) = try MapRenderer(spec: spec).encode(.png)
        #expect(!png.isEmpty)
        #expect(OutputText.clean("a\u{FFFE}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    }

    @Test func pdfParsesAndRenders() throws {
        let path = Fixture.tempPath("pdf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let manifest = try MapRenderer(spec: Fixture.spec()).write(to: path, format: .pdf)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: data.suffix(64), as: UTF8.self).contains("%%EOF"))
        let prefix = Fixture.tempPath("")
        // 576x432 pt at 200 dpi = 1600x1200 px.
        #expect(try run("pdftoppm", ["-png", "-r", "200", "-singlefile", path, prefix]) == 0)
        let png = prefix + ".png"
        defer { try? FileManager.default.removeItem(atPath: png) }
        #expect(try attackMarkerVisible(in: png, manifest: manifest, scale: 1))
        // Text in the PDF is text: it can be selected and searched.
        let txt = Fixture.tempPath("txt")
        defer { try? FileManager.default.removeItem(atPath: txt) }
        #expect(try run("pdftotext", [path, txt]) == 0)
        let text = try String(contentsOfFile: txt, encoding: .utf8)
        #expect(text.contains("Al-Asad Air Base") && text.contains("Attacks on US forces"))
        #expect(String(decoding: data, as: UTF8.self).contains("StrikeMap"))
    }

    @Test func pngIsWrittenAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sm-atomic-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("map.png").path
        try Data("previous good map".utf8).write(to: URL(fileURLWithPath: path))
        struct Interrupted: Error {}
        // A render that fails half-way through writing.
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: path) { tmp in
                try Data("half a PNG".utf8).write(to: URL(fileURLWithPath: tmp))
                throw Interrupted()
            }
        }
        // The old file is untouched and no temporary file is left behind.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous good map")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.png"])
        try MapRenderer(spec: Fixture.spec()).write(to: path, format: .png)
        let written = try CairoSurface(pngFile: path)
        #expect(written.width == 1600 && written.height == 1200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.png"])
    }
}
