import Foundation
import Testing

/// A preset's name goes over a map only when the events counted are (nearly) all in the countries
/// it is named for; otherwise the title and caption name the events' own countries.
@Suite struct TitlePlaceCLITests {
    let cli = CLITests()

    /// `n` strikes in each country, at a point inside it.
    static func csv(_ counts: [(code: String, lat: Double, lon: Double, n: Int)]) -> String {
        var rows = ["id,date,lat,lon,kind,country"]
        var i = 0
        for c in counts {
            for k in 0..<c.n {
                i += 1
                rows.append("e\(i),2024-01-\(String(format: "%02d", 1 + k % 28)),\(c.lat + Double(k % 5) * 0.05),\(c.lon + Double(k % 7) * 0.05),strike,\(c.code)")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    func render(_ csv: String, _ args: [String]) throws -> (title: String, caption: String) {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--events", "-", "--out", dir.appendingPathComponent("m.png").path, "--manifest", man.path,
                             "--caption", "-"] + args, stdin: csv)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        return (m["title"] as? String ?? "", r.stdout)
    }

    /// A --bbox is named after the countries of the events inside it (it named no place): the
    /// events' own countries, or the basemap's where the file gives none; events outside the
    /// box but in the page's widened frame do not count.
    @Test func aBoxIsNamedForTheEventsInIt() throws {
        let data = Self.csv([("IQ", 33.3, 44.4, 30), ("SY", 33.5, 36.3, 5)])
        let box = try render(data, ["--bbox", "42,31,47,36"])
        #expect(box.title.hasSuffix("in Iraq"), "\(box.title)")
        #expect(box.caption.contains("Map of Iraq showing 30 strikes"), "\(box.caption)")
        let both = try render(data, ["--bbox", "35,31,47,36"])
        #expect(both.title.hasSuffix("in Iraq and Syria"), "\(both.title)")
        // No country column: the basemap says where the events are.
        let bare = data.replacingOccurrences(of: ",country\n", with: "\n").replacingOccurrences(of: ",IQ\n", with: "\n")
            .replacingOccurrences(of: ",SY\n", with: "\n")
        let named = try render(bare, ["--bbox", "42,31,47,36"])
        #expect(named.title.hasSuffix("in Iraq"), "\(named.title)")
    }

    @Test func aRegionsNameOverEventsMostlyOutsideItIsReplaced() throws {
        // Damascus, Baghdad, Beirut: mostly Syria, in the frame of --region iraq widened to the page.
        let data = Self.csv([("SY", 33.5, 36.3, 80), ("IQ", 33.3, 44.4, 12), ("LB", 33.9, 35.5, 8)])
        let iraq = try render(data, ["--region", "iraq"])
        #expect(!iraq.title.hasSuffix("in Iraq"), "\(iraq.title)")
        #expect(iraq.title.hasSuffix("in Syria, Iraq and Lebanon"), "\(iraq.title)")
        #expect(iraq.caption.contains("Map of Syria, Iraq and Lebanon showing"), "\(iraq.caption)")
    }

    @Test func aRegionsNameHoldsWhenItsCountriesHoldTheEvents() throws {
        let data = Self.csv([("IQ", 33.3, 44.4, 95), ("SY", 35.0, 40.1, 5)])
        let iraq = try render(data, ["--region", "iraq"])
        #expect(iraq.title.hasSuffix("in Iraq"), "\(iraq.title)")
        #expect(iraq.caption.contains("Map of Iraq showing"), "\(iraq.caption)")
        // A region named for no country keeps its words, with an article where English wants one.
        let me = try render(data, ["--region", "middle-east"])
        #expect(me.title.hasSuffix("in the Middle East"), "\(me.title)")
        #expect(me.caption.contains("Map of the Middle East showing"), "\(me.caption)")
    }

    @Test func manyCountriesAreCountedOrTheLargestNamed() throws {
        let mostly = Self.csv([("SY", 33.5, 36.3, 60), ("IQ", 33.3, 44.4, 10), ("LB", 33.9, 35.5, 10), ("JO", 31.9, 35.9, 10),
                               ("TR", 37.0, 37.4, 10)])
        let a = try render(mostly, ["--region", "iraq"])
        #expect(a.title.hasSuffix("mostly in Syria"), "\(a.title)")
        let spread = Self.csv([("SY", 33.5, 36.3, 20), ("IQ", 33.3, 44.4, 20), ("LB", 33.9, 35.5, 20), ("JO", 31.9, 35.9, 20),
                               ("TR", 37.0, 37.4, 20)])
        let b = try render(spread, ["--region", "iraq"])
        #expect(b.title.hasSuffix("in 5 countries"), "\(b.title)")
    }
}
