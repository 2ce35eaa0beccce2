import Foundation
import Testing
@testable import StrikeMapCore
@testable import StrikeMapGeo
@testable import StrikeMapRender

/// Airfields: the world's fields found by name and ICAO code, events placed at them, and a
/// layer that draws them where they are, thinned so they stay readable.
@Suite struct AirfieldCLITests {
    let cli = CLITests()

    @Test func icaoCodesAndBasesWithoutOneAreFound() throws {
        let oraa = try cli.strikemap("sites", "ORAA", "--format", "json")
        #expect(oraa.status == 0, "\(oraa.stderr)")
        let first = try #require((try JSONSerialization.jsonObject(with: Data(oraa.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "al-asad-ab" && first["name"] as? String == "Al-Asad Air Base")
        // Syria's Shayrat has no ICAO code: OurAirports' ident, and its source says so.
        let shayrat = try cli.strikemap("sites", "Shayrat", "--format", "json")
        let s = try #require((try JSONSerialization.jsonObject(with: Data(shayrat.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(s["id"] as? String == "os65" && s["kind"] as? String == "airbase" && s["country"] as? String == "SY")
        #expect((s["source"] as? String)?.hasPrefix("OurAirports") == true)
        #expect(abs((s["lat"] as! Double) - 34.49) < 0.05 && abs((s["lon"] as! Double) - 36.91) < 0.05)
        // The gazetteer's own places still come first: Baghdad is the city.
        let baghdad = try GeoCatalog.load().gazetteer.resolve("Baghdad")
        #expect(baghdad.id == "baghdad")
        // A listing by country includes the fields.
        let listed = try cli.strikemap("sites", "--kind", "airbase", "--country", "SY", "--format", "csv")
        for id in ["os65", "os72", "os61"] { #expect(listed.stdout.contains("\n\(id),"), "\(id) missing") }
        // Three letters are not a name: an IATA code does not stand for a place.
        #expect(Gazetteer.airfields?.exactMatch("BGW") == nil)
    }

    @Test func eventsAtAnAirfieldAreAnchoredWithItsSource() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("e.csv")
        try "date,kind,site,actor\n2024-04-01,strike,Tiyas Air Base,Israel\n2024-04-02,strike,OS65,Unknown\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let r = try cli.strikemap("events", "--events", csv.path, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.map { $0["site"] as? String } == ["os72", "os65"], "\(rows)")
    }

    @Test func theLayerDrawsFieldsWhereTheyAreAndThinsThem() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("a.png").path, mpath = dir.appendingPathComponent("a.json").path
        let r = try cli.strikemap("render", "--quiet", "--airfields", "military", "--out", png, "--manifest", mpath)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONDecoder().decode(RenderManifest.self, from: Data(contentsOf: URL(fileURLWithPath: mpath)))
        let fields = try #require(m.airfields)
        #expect(fields.count >= 10)
        #expect(fields.contains { $0.id == "al-asad-ab" } && fields.contains { $0.source.hasPrefix("OurAirports") })
        #expect(m.legend.contains("Military airfield"))
        // Only within the region's box, where the basemap has land.
        for a in fields {
            #expect(a.lon >= m.bbox[0] && a.lat >= m.bbox[1] && a.lon <= m.bbox[2] && a.lat <= m.bbox[3], "\(a.name) outside the region")
        }
        let f = m.mapFrame
        let region = try GeoCatalog.load().regions.named("iraq-syria")
        let frame = try MapFrame(region: region, rect: CanvasRect(x: f[0], y: f[1], width: f[2], height: f[3]))
        let image = try CairoSurfaceReader(path: png)
        let mm = m.dpi / 25.4
        for a in fields {
            #expect(a.kind == "airbase" && !a.source.isEmpty)
            // Drawn at its own place, no nudging.
            let p = try #require(frame.project(GeoPoint(lat: a.lat, lon: a.lon)))
            #expect(hypot(p.x - a.x, p.y - a.y) < 0.01)
            // Ink of the symbol there (markers may cover researched bases: those are skipped).
            if a.source.hasPrefix("OurAirports") {
                #expect(image.near(a.x, a.y, radius: 2) { r, g, b in Int(r) + Int(g) + Int(b) < 300 }, "\(a.name) at \(a.x),\(a.y) has no ink; legend \(m.legendBox) inset \(m.insetBox ?? [])")
            }
        }
        // OurAirports' fields keep 5 mm apart (9 mm on this map of 1,500+ km... checked against 5).
        let ours = fields.filter { $0.source.hasPrefix("OurAirports") }
        for (i, a) in ours.enumerated() {
            for b in ours[(i + 1)...] { #expect(hypot(a.x - b.x, a.y - b.y) >= 5 * mm - 0.01, "\(a.name) and \(b.name) crowd") }
        }
    }

    /// A legend strip sized from the legend expected before drawing (shorter texts than those
    /// drawn) used to spill a row below itself, onto the source line.
    @Test func theLegendStripKeepsItsRowsInsideIt() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("s.png").path, mpath = dir.appendingPathComponent("s.json").path
        let r = try cli.strikemap("render", "--quiet", "--region", "iraq", "--airfields", "military",
                                  "--title", "Iraq's air bases and the attacks on US forces, 17 Oct – 22 Nov 2023",
                                  "--out", png, "--manifest", mpath)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONDecoder().decode(RenderManifest.self, from: Data(contentsOf: URL(fileURLWithPath: mpath)))
        let box = m.legendBox, image = try CairoSurfaceReader(path: png)
        #expect(box[1] > m.mapFrame[1] + m.mapFrame[3], "the legend is a strip under the map here")
        // The band just under the strip is bare paper.
        var ink = 0
        for y in stride(from: Int(box[1] + box[3]) + 2, to: Int(box[1] + box[3]) + 14, by: 2) {
            for x in stride(from: Int(box[0]), to: Int(box[0] + box[2]), by: 3) {
                let (r, g, b) = image.pixel(x, y)
                if Int(r) + Int(g) + Int(b) < 600 { ink += 1 }
            }
        }
        #expect(ink == 0, "\(ink) inked pixels below the legend strip")
    }
}
