import Foundation
import Testing
@testable import StrikeMapRender

/// Launch→target arcs: geodesic paths from where the record says an attack was launched, in the
/// event's colour, inside the frame.
@Suite struct ArcCLITests {
    let cli = CLITests()

    static let csv = """
    id,date,kind,site,origin_lat,origin_lon,origin,weapon
    a1,2023-11-20,attack,Al-Asad Air Base,32.5,44.4,,ballistic missile
    a2,2023-11-21,strike,Jurf al-Saqr,,,Al-Asad Air Base,aircraft
    a3,2023-11-22,attack,Erbil Air Base,,,,drone
    a4,2023-11-22,attack,Erbil Air Base,95,44,,drone

    """

    @Test func arcsFollowTheGeodesicAndAreDrawnInTheFrame() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("arcs.png").path, manifest = dir.appendingPathComponent("arcs.json").path
        let r = try cli.strikemap("render", "--events", "-", "--out", png, "--manifest", manifest, stdin: Self.csv)
        #expect(r.status == 0, "\(r.stderr)")
        // A launch point off the globe is a bad row, named.
        #expect(r.stderr.contains("column 'origin_lat' = '95'"), "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        let arcs = try #require(m["arcs"] as? [[String: Any]])
        #expect(arcs.map { $0["eventID"] as! String } == ["a1", "a2"], "only events with an origin have arcs")
        #expect((m["legend"] as! [String]).contains("Launch point → target"))
        let frame = m["mapFrame"] as! [Double]
        let image = try CairoSurfaceReader(path: png)
        for arc in arcs {
            let from = arc["from"] as! [Double], to = arc["to"] as! [Double], mid = arc["middle"] as! [Double]
            let whole = RingCLITests.vincentyMetres(from[0], from[1], to[0], to[1])
            let first = RingCLITests.vincentyMetres(from[0], from[1], mid[0], mid[1])
            let second = RingCLITests.vincentyMetres(mid[0], mid[1], to[0], to[1])
            // On the shortest path, halfway along it.
            #expect(abs(first + second - whole) < 1 && abs(first - whole / 2) < 1, "\(arc["eventID"]!): \(first), \(second), \(whole)")
            // The launch point is inside the frame (the extent holds it), and the line has ink.
            let xy = try #require(arc["fromXY"] as? [Double])
            #expect(xy[0] >= frame[0] && xy[0] <= frame[0] + frame[2] && xy[1] >= frame[1] && xy[1] <= frame[1] + frame[3])
            let middle = try #require(arc["middleXY"] as? [Double])
            #expect(image.near(middle[0], middle[1], radius: 2) { r, g, b in
                // Vermilion for the attack, blue for the strike: far from the land's beige.
                (r > 180 && g < 140 && b < 80) || (b > 120 && r < 60)
            }, "\(arc["eventID"]!): no ink at the arc's middle")
        }
    }

    /// `events --format csv` writes the origin, and its output reads back whole.
    @Test func aGenericCSVsLaunchColumnsGiveArcs() throws {
        // A desk's own file: latitude/longitude columns, launch_lat/launch_lon or launched_from.
        let csv = """
        event_date,latitude,longitude,event_type,launch_lat,launch_lon,launched_from
        2024-01-20,33.7856,42.4411,Missile attack,33.32,44.17,
        2024-01-21,36.2375,43.9631,Drone attack,,,Mosul
        2024-01-22,36.2375,43.9631,Drone attack,,,

        """
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("m.json").path
        let r = try cli.strikemap("render", "--events", "-", "--kind-default", "attack", "--out", dir.appendingPathComponent("m.png").path,
                                  "--manifest", manifest, stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        let arcs = try #require(m["arcs"] as? [[String: Any]])
        #expect(arcs.count == 2)
        let froms = arcs.map { $0["from"] as! [Double] }
        #expect(froms.contains { abs($0[0] - 33.32) < 1e-9 && abs($0[1] - 44.17) < 1e-9 })
        // Mosul from the gazetteer.
        #expect(froms.contains { abs($0[0] - 36.34) < 0.05 && abs($0[1] - 43.13) < 0.05 }, "\(froms)")
    }

    @Test func originsSurviveACSVRoundTrip() throws {
        let csv = try cli.strikemap("events", "--events", "-", "--format", "csv", stdin: Self.csv)
        #expect(csv.status == 0)
        let back = try cli.strikemap("events", "--events", "-", "--format", "json", stdin: csv.stdout)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(!back.stderr.contains("skipped"), "\(back.stderr)")
        let events = try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as! [[String: Any]]
        #expect(events.count == 3)
        let a1 = try #require(events.first { $0["id"] as? String == "a1" })
        #expect(a1["origin_lat"] as? Double == 32.5 && a1["origin_lon"] as? Double == 44.4)
        // And through GeoJSON.
        let geojson = try cli.strikemap("events", "--events", "-", "--format", "geojson", stdin: Self.csv)
        let fromGeoJSON = try cli.strikemap("events", "--events", "-", "--format", "json", stdin: geojson.stdout)
        let g = try JSONSerialization.jsonObject(with: Data(fromGeoJSON.stdout.utf8)) as! [[String: Any]]
        #expect(g.first { $0["id"] as? String == "a2" }?["origin_lat"] as? Double == 33.7856, "\(fromGeoJSON.stderr)")
        // The sample too: every row reads back.
        let sample = try cli.strikemap("events", "--format", "csv")
        let again = try cli.strikemap("events", "--events", "-", stdin: sample.stdout)
        #expect(again.stderr.contains("54 events") && !again.stderr.contains("skipped"), "\(again.stderr)")
    }
}
