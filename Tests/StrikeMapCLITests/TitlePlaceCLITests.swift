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

    /// With no height given, the page takes the extent's shape: the frame shows the region asked
    /// for and little more (the manifest gives both); a height given is kept, the frame widened.
    @Test func aPageTakesTheExtentsShape() throws {
        let data = Self.csv([("SY", 33.5, 36.3, 80), ("IQ", 33.3, 44.4, 12)])
        func frame(_ args: [String]) throws -> (page: [Int], widen: Double, tallen: Double, title: String) {
            let dir = try cli.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let man = dir.appendingPathComponent("m.json")
            let r = try cli.run(["render", "--events", "-", "--out", dir.appendingPathComponent("m.png").path,
                                 "--manifest", man.path] + args, stdin: data)
            #expect(r.status == 0, "\(r.stderr)")
            let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
            let b = m["bbox"] as? [Double] ?? [], f = m["frameBox"] as? [Double] ?? []
            guard b.count == 4, f.count == 4 else { return ([], 0, 0, "") }
            return ([m["width"] as? Int ?? 0, m["height"] as? Int ?? 0], (f[2] - f[0]) / (b[2] - b[0]),
                    (f[3] - f[1]) / (b[3] - b[1]), m["title"] as? String ?? "")
        }
        for region in ["iraq", "syria", "levant", "yemen"] {
            let fitted = try frame(["--region", region])
            #expect(fitted.widen < 1.15 && fitted.tallen < 1.15, "\(region): \(fitted)")
            #expect(fitted.widen > 0.99 && fitted.tallen > 0.99, "\(region): \(fitted)")
            #expect(fitted.page.first == 1600 && (800...2560).contains(fitted.page.last ?? 0), "\(region): \(fitted.page)")
        }
        // Iraq's own shape: Damascus is off the map, and the title says Iraq.
        #expect(try frame(["--region", "iraq"]).title.hasSuffix("in Iraq"))
        let fixed = try frame(["--region", "iraq", "--height", "1200"])
        #expect(fixed.page == [1600, 1200] && fixed.widen > 1.5, "\(fixed)")
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
        // A 4:3 page widens Iraq's frame to Damascus and Beirut (a page of Iraq's own shape shows
        // only Iraq: see aPageTakesTheExtentsShape).
        let iraq = try render(data, ["--region", "iraq", "--height", "1200"])
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
        let a = try render(mostly, ["--region", "iraq", "--height", "1200"])
        #expect(a.title.hasSuffix("mostly in Syria"), "\(a.title)")
        let spread = Self.csv([("SY", 33.5, 36.3, 20), ("IQ", 33.3, 44.4, 20), ("LB", 33.9, 35.5, 20), ("JO", 31.9, 35.9, 20),
                               ("TR", 37.0, 37.4, 20)])
        let b = try render(spread, ["--region", "iraq", "--height", "1200"])
        #expect(b.title.hasSuffix("in 5 countries"), "\(b.title)")
    }

    /// A frame fitted to the events leaves out the few that lie far from all the others (a
    /// coordinate typed wrong), says how many and where, and names the place for the rest; data
    /// that is spread, or too few events to call any stray, keep every event in the frame.
    @Test func aFittedFrameLeavesOutAStrayAndSaysSo() throws {
        func fit(_ data: String) throws -> (box: [Double], footer: String, far: Int, title: String, caption: String) {
            let dir = try cli.tempDir()
            defer { try? FileManager.default.removeItem(at: dir) }
            let man = dir.appendingPathComponent("m.json")
            let r = try cli.run(["render", "--events", "-", "--out", dir.appendingPathComponent("m.png").path,
                                 "--manifest", man.path, "--caption", "-"], stdin: data)
            #expect(r.status == 0, "\(r.stderr)")
            let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
            let removed = (m["input"] as? [String: Any])?["removedByFilter"] as? [String: Int] ?? [:]
            return (m["frameBox"] as? [Double] ?? [], m["footer"] as? String ?? "", removed["far from the rest"] ?? 0,
                    m["title"] as? String ?? "", r.stdout)
        }
        // 200 in Syria, 1 near Makkah.
        let stray = Self.csv([("SY", 33.5, 36.3, 200), ("SA", 21.4, 40.3, 1)])
        let a = try fit(stray)
        #expect(a.far == 1)
        #expect(a.box.count == 4 && a.box[1] > 30, "\(a.box)")
        #expect(a.footer.contains("1 event far from all the others is not on the map: 1 at 21.40°N 40.30°E"), "\(a.footer)")
        #expect(a.caption.contains("1 event far from all the others is not on the map"), "\(a.caption)")
        #expect(a.title.hasSuffix("in Syria"), "\(a.title)")
        // Two places, half the events each: both in the frame, nothing said.
        let spread = try fit(Self.csv([("SY", 33.5, 36.3, 100), ("SA", 21.4, 40.3, 100)]))
        #expect(spread.far == 0 && spread.box[1] < 21.4, "\(spread.box)")
        #expect(!spread.footer.contains("far from"))
        // Twenty events: none is called stray.
        let few = try fit(Self.csv([("SY", 33.5, 36.3, 20), ("SA", 21.4, 40.3, 1)]))
        #expect(few.far == 0 && few.box[1] < 21.4, "\(few.box)")
    }

    /// Events on more than half the globe's longitudes are framed on the whole globe (a frame cut
    /// to their latitudes lost the Arctic), and a fitted world map names only towns near events:
    /// the capitals of continents with none are left off.
    @Test func eventsAroundTheWorldGetTheWholeGlobeAndNearbyTownsOnly() throws {
        let data = Self.csv([("MX", 19.4, -99.1, 30), ("NG", 9.06, 7.49, 30), ("PH", 14.6, 121.0, 30)])
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.run(["render", "--events", "-", "--out", dir.appendingPathComponent("m.png").path, "--manifest", man.path],
                            stdin: data)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any] ?? [:]
        #expect(m["bbox"] as? [Double] == [-180, -90, 180, 90], "\(m["bbox"] ?? "")")
        #expect((m["projection"] as? String ?? "").contains("eqearth"))
        let towns = (m["labels"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "city" }.compactMap { $0["text"] as? String }
        for far in ["Moscow", "Canberra", "Brasilia", "Beijing"] { #expect(!towns.contains(far), "\(far) in \(towns)") }
        #expect(towns.contains("Manila") || towns.contains("Lagos") || towns.contains("Mexico City"), "\(towns)")
    }
}
