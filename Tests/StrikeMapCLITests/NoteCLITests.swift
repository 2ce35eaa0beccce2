import Foundation
import Testing

/// Callouts: placed with the labels, they cover no marker and no label.
@Suite struct NoteCLITests {
    let cli = CLITests()

    @Test func notesCoverNoMarkerAndNoLabel() throws {
        let dir = try cli.tempDir()
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
}
