import Foundation
import Testing
import StrikeMapTestSupport

/// Furniture never covers a drawn mark: with events from edge to edge of the frame, the legend
/// and the scale bar go to a strip under the map, the locator inset is left off, and the
/// manifest gives every panel's box and what was left off.
@Suite struct FurnitureCLITests {
    let cli = CLITests()

    /// 3,000 strikes spread evenly over the frame (a fixed seed, so the same map every run).
    static let uniform: String = {
        var g = SplitMix(seed: 20261207)
        var rows = ["id,date,lat,lon,kind"]
        for i in 0..<3000 {
            let lat = 30 + 7 * g.unit(), lon = 36 + 10 * g.unit()
            rows.append("e\(i),2024-01-\(String(format: "%02d", 1 + i % 28)),\(String(format: "%.4f", lat)),\(String(format: "%.4f", lon)),strike")
        }
        return rows.joined(separator: "\n") + "\n"
    }()

    static func manifest(_ path: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any] ?? [:]
    }

    /// The panels' boxes, and whether each lies inside the map frame.
    static func panels(_ m: [String: Any]) -> [(name: String, box: [Double], inMap: Bool)] {
        let f = m["mapFrame"] as? [Double] ?? []
        return ["legendBox", "insetBox", "scaleBox"].compactMap { k in
            guard let b = m[k] as? [Double], b.count == 4, f.count == 4 else { return nil }
            let inside = b[0] >= f[0] - 0.5 && b[1] >= f[1] - 0.5 && b[0] + b[2] <= f[0] + f[2] + 0.5 && b[1] + b[3] <= f[1] + f[3] + 0.5
            return (k, b, inside)
        }
    }

    /// Every drawn marker and density cell, clipped to the map frame, that a panel covers.
    static func covered(_ m: [String: Any]) -> [String] {
        let f = m["mapFrame"] as? [Double] ?? [0, 0, 0, 0]
        var marks: [[Double]] = (m["markers"] as? [[String: Any]] ?? []).compactMap { mk in
            guard let x = mk["x"] as? Double, let y = mk["y"] as? Double, let r = mk["radius"] as? Double else { return nil }
            return [x - r, y - r, x + r, y + r]
        }
        if let d = m["density"] as? [String: Any], let s = d["cellSize"] as? Double {
            marks += (d["cells"] as? [[String: Any]] ?? []).compactMap { c in
                guard let x = c["x"] as? Double, let y = c["y"] as? Double else { return nil }
                return [x - s / 2, y - s / 2, x + s / 2, y + s / 2]
            }
        }
        var out: [String] = []
        for p in panels(m) {
            let (px, py, pX, pY) = (p.box[0], p.box[1], p.box[0] + p.box[2], p.box[1] + p.box[3])
            for mk in marks {
                let (x0, y0) = (max(mk[0], f[0]), max(mk[1], f[1]))
                let (x1, y1) = (min(mk[2], f[0] + f[2]), min(mk[3], f[1] + f[3]))
                guard x1 > x0, y1 > y0 else { continue }
                if x0 < pX && px < x1 && y0 < pY && py < y1 { out.append("\(p.name) over \(mk)") }
            }
        }
        return out
    }

    @Test(arguments: ["markers", "hexbin"])
    func eventsEdgeToEdgeSendThePanelsUnderTheMap(view: String) throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("m.png"), man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--events", "-", "--bbox", "36,30,46,37", "--view", view, "--out", out.path,
                             "--manifest", man.path], stdin: Self.uniform)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try Self.manifest(man)
        #expect(Self.covered(m).isEmpty, "\(Self.covered(m).prefix(5))")
        let panels = Self.panels(m)
        let frame = m["mapFrame"] as? [Double] ?? []
        // The legend and the scale bar are in the strip under the map, side by side.
        let legend = try #require(panels.first { $0.name == "legendBox" })
        let scale = try #require(panels.first { $0.name == "scaleBox" })
        #expect(!legend.inMap && !scale.inMap)
        #expect(legend.box[1] >= frame[1] + frame[3] && scale.box[1] >= frame[1] + frame[3])
        #expect(legend.box[0] + legend.box[2] <= scale.box[0] + 0.5, "\(legend.box) \(scale.box)")
        // No height was given: the page grew by the strip, and the frame keeps the box's shape
        // (it was a fifth wider than the box asked for; the rest is the conic frame around a box).
        let b = m["bbox"] as? [Double] ?? [], f = m["frameBox"] as? [Double] ?? []
        if b.count == 4, f.count == 4 {
            let widen = (f[2] - f[0]) / (b[2] - b[0]), tallen = (f[3] - f[1]) / (b[3] - b[1])
            #expect(widen < 1.15 && tallen < 1.15, "frame \(f) for the box \(b)")
        }
        // The inset had no free place: left off, and said so.
        #expect(!panels.contains { $0.name == "insetBox" })
        let leftOff = m["leftOff"] as? [String] ?? []
        #expect(leftOff.contains { $0.hasPrefix("inset:") }, "\(leftOff)")
        // The scale bar in the strip still says a round length.
        let text = try cli.run(["render", "--events", "-", "--bbox", "36,30,46,37", "--view", view, "--format", "svg",
                                "--out", dir.appendingPathComponent("m.svg").path], stdin: Self.uniform)
        #expect(text.status == 0)
        let svg = try String(contentsOf: dir.appendingPathComponent("m.svg"), encoding: .utf8)
        #expect(svg.contains(" km<") || svg.contains(" km</"), "the scale bar's length is written")
    }

    @Test func theDefaultMapKeepsItsPanelsInTheMap() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--out", dir.appendingPathComponent("m.png").path, "--manifest", man.path])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try Self.manifest(man)
        #expect(Self.covered(m).isEmpty, "\(Self.covered(m))")
        // The inset and the scale bar in the map; the legend too, unless it has no free place
        // there: the sample's one strike placed at a province's centre (Al Anbar) adds a row,
        // and the legend goes to a strip under the map rather than over a marker.
        let panels = Self.panels(m)
        #expect(panels.map(\.name).sorted() == ["insetBox", "legendBox", "scaleBox"])
        #expect(panels.filter { $0.name != "legendBox" }.allSatisfy { $0.inMap })
        let f = m["mapFrame"] as? [Double] ?? []
        if let legend = panels.first(where: { $0.name == "legendBox" }), !legend.inMap {
            #expect(f.count == 4 && legend.box[1] >= f[1] + f[3], "a legend out of the map lies under it: \(legend.box) vs \(f)")
        }
        #expect((m["legend"] as? [String] ?? []).contains("Of these, at a province centre (1)"))
        #expect(m["leftOff"] == nil)
    }
}

/// A month asked past the data's last date is stated as far as the data go, in the subtitle, the
/// caption and the manifest.
@Suite struct StatedPeriodCLITests {
    let cli = CLITests()

    @Test func aMonthPastTheDataSaysWhereTheDataEnd() throws {
        let csv = "id,date,lat,lon,kind\n" + (1...21).map { "e\($0),2020-03-\(String(format: "%02d", $0)),33.3,44.4,strike" }.joined(separator: "\n") + "\n"
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--events", "-", "--month", "2020-03", "--out", dir.appendingPathComponent("m.png").path,
                             "--manifest", man.path, "--caption", "-"], stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        let subtitle = m["subtitle"] as? String ?? ""
        #expect(subtitle.hasPrefix("1 – 21 Mar 2020 (data end 21 Mar) · 21 strikes"), "\(subtitle)")
        #expect(!subtitle.contains("31 Mar"))
        #expect(r.stdout.contains("between 1 March 2020 and 21 March 2020"), "\(r.stdout)")
        #expect(r.stdout.contains("The data end on 21 March 2020; the period asked runs to 31 March 2020."), "\(r.stdout)")
        let period = m["period"] as? [String: Any] ?? [:]
        #expect(period["to"] as? String == "2020-03-21" && period["askedTo"] as? String == "2020-03-31")
        #expect(period["dataLast"] as? String == "2020-03-21" && period["note"] as? String == "data end 21 Mar")
    }
}
