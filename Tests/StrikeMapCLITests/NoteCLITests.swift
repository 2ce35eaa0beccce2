import Foundation
import Testing
@testable import StrikeMapRender

/// Callouts: placed with the labels, they cover no marker and no label.
@Suite struct NoteCLITests {
    let cli = CLITests()

    @Test func notesCoverNoMarkerAndNoLabel() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("m.json").path
        let r = try cli.strikemap("render", "--region", "baghdad", "--quiet", "--out", dir.appendingPathComponent("m.png").path,
                                  "--manifest", manifest,
                                  "--note", "Jurf al-Saqr: KH operations centre struck by US aircraft, 21 Nov",
                                  "--note", "33.31,44.37: Baghdad Diplomatic Support Center, rockets")
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        let labels = m["labels"] as! [[String: Any]]
        func box(_ l: [String: Any]) -> (x: Double, y: Double, w: Double, h: Double) {
            (l["x"] as! Double, l["y"] as! Double, l["width"] as! Double, l["height"] as! Double)
        }
        let notes = labels.filter { $0["role"] as? String == "note" }
        #expect(notes.count == 2, "\(labels.map { $0["text"] ?? "" })")
        #expect(notes.contains { ($0["text"] as! String).hasPrefix("KH operations centre struck\nby US aircraft") })
        for n in notes {
            let a = box(n)
            for other in labels where (other["text"] as! String) != (n["text"] as! String) {
                let b = box(other)
                let overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
                #expect(!overlap, "note '\(n["text"]!)' covers label '\(other["text"]!)'")
            }
            for marker in m["markers"] as! [[String: Any]] {
                let x = marker["x"] as! Double, y = marker["y"] as! Double, radius = marker["radius"] as! Double
                let nx = min(max(x, a.x), a.x + a.w), ny = min(max(y, a.y), a.y + a.h)
                #expect((nx - x) * (nx - x) + (ny - y) * (ny - y) >= radius * radius * 0.99,
                        "note '\(n["text"]!)' covers the marker at \(x),\(y)")
            }
        }
    }

    @Test func badNotesAreRefused() throws {
        for bad in ["no colon here", "Baghdad:", ": text only", "Baghdad: " + String(repeating: "x", count: 201)] {
            let r = try cli.strikemap("render", "--note", bad, "--out", "/dev/null")
            #expect(r.status == 64, "\(bad.prefix(30)): \(r.status)")
        }
        let off = try cli.strikemap("render", "--region", "baghdad", "--note", "Tower 22: far away", "--out", "/dev/null")
        #expect(off.status == 64)
        #expect(off.stderr.contains("outside the map"), "\(off.stderr)")
    }

    @Test func aNoteWithNoRoomStopsTheMapInsteadOfVanishing() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("n.png").path
        // Zoomed in with provinces, airfields and two notes on a smaller page, the second has nowhere to go.
        let r = try cli.strikemap("render", "--around", "Jurf al-Saqr", "--radius", "60km", "--highlight", "Babil", "--airfields", "all",
                                  "--width", "1200", "--height", "900",
                                  "--note", "Jurf al-Saqr: US strikes on a Kataib Hezbollah operations centre, 22 Nov",
                                  "--note", "Abu Ghraib: AC-130J strike on the vehicle that launched a missile at Al-Asad, 20 Nov", "--out", out)
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("note at Abu Ghraib: no room for it without covering a marker, a label or a panel"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "no map without its note")
    }

    @Test func elbowLeadersLeaveTheBoxLevel() throws {
        // The bend is a few points off the side of the box that faces the place, at its middle.
        let box = CanvasRect(x: 100, y: 100, width: 80, height: 40)
        let left = try #require(MapComposer.elbow(box: box, from: CanvasPoint(x: 20, y: 300), run: 6))
        #expect(left.side.x == 100 && left.side.y == 120 && left.knee.x == 94 && left.knee.y == 120)
        let right = try #require(MapComposer.elbow(box: box, from: CanvasPoint(x: 260, y: 10), run: 6))
        #expect(right.side.x == 180 && right.knee.x == 186)
        // Straight above or below: no elbow.
        #expect(MapComposer.elbow(box: box, from: CanvasPoint(x: 140, y: 300), run: 6) == nil)
        let printed = try cli.strikemap("render", "--note", "Baghdad: x", "--note-leader", "straight", "--print-spec")
        #expect(printed.stdout.contains("\"leader\" : \"straight\""), "\(printed.stdout.suffix(300))")
    }
}
