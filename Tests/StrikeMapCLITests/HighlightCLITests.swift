import Foundation
import Testing
@testable import StrikeMapRender

/// Highlighted areas: matched loosely by name, shaded where they are, named in the legend.
@Suite struct HighlightCLITests {
    let cli = CLITests()

    @Test func aProvinceIsShadedAndNamedInTheLegend() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.png").path, lit = dir.appendingPathComponent("lit.png").path
        let manifest = dir.appendingPathComponent("lit.json").path
        // The page laid out the same: a highlight off the frame (Sanaa) gives the same legend rows.
        let a = try cli.strikemap("render", "--quiet", "--highlight", "Sanaa", "--out", plain, "--manifest", manifest + ".plain")
        // Named twice, in two spellings: shaded once (even-odd filling would cancel it), listed once.
        let b = try cli.strikemap("render", "--quiet", "--highlight", "anbar,Al-Anbar", "--out", lit, "--manifest", manifest)
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        #expect((m["legend"] as! [String]).contains("Al-Anbar"), "\(m["legend"] ?? "")")
        #expect((m["layers"] as! [String]).contains("highlight"))
        // Inside the map frame, the highlight tints a large area orange: blue falls, red hardly.
        let frame = m["mapFrame"] as! [Double]
        let p = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest + ".plain"))) as! [String: Any]
        #expect(p["mapFrame"] as! [Double] == frame && p["bbox"] as! [Double] == m["bbox"] as! [Double])
        let before = try CairoSurfaceReader(path: plain), after = try CairoSurfaceReader(path: lit)
        var tinted = 0
        for py in stride(from: Int(frame[1]) + 2, to: Int(frame[1] + frame[3]) - 2, by: 4) {
            for px in stride(from: Int(frame[0]) + 2, to: Int(frame[0] + frame[2]) - 2, by: 4) {
                let (r0, _, b0) = before.pixel(px, py), (r1, _, b1) = after.pixel(px, py)
                let blue = Int(b0) - Int(b1), red = Int(r0) - Int(r1)
                if blue > 20 && red < blue / 3 { tinted += 1 }
            }
        }
        #expect(tinted > 1000, "only \(tinted) sampled pixels tinted")
    }

    @Test func aFileOfAreasIsShadedWhole() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zone = dir.appendingPathComponent("no-fly-zone.geojson")
        try Data(##"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[40,33],[43,33],[43,35],[40,35],[40,33]]]}}]}"##.utf8).write(to: zone)
        let manifest = dir.appendingPathComponent("m.json").path
        let r = try cli.strikemap("render", "--quiet", "--highlight-layer", zone.path, "--out", "/dev/null", "--manifest", manifest)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        #expect((m["legend"] as! [String]).contains("no-fly-zone"), "\(m["legend"] ?? "")")
    }

    @Test func anUnknownNameListsTheNearest() throws {
        let r = try cli.strikemap("render", "--highlight", "Anbr", "--out", "/dev/null")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--highlight 'Anbr'") && r.stderr.contains("Al-Anbar"), "\(r.stderr)")
        #expect(HighlightSymbolizer.key("Al-Anbar") == HighlightSymbolizer.key("anbar"))
        #expect(HighlightSymbolizer.key("Ṣalāḥ ad-Dīn") == HighlightSymbolizer.key("salah ad din"))
    }
}
