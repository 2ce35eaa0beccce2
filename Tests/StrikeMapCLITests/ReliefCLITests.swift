import Foundation
import Testing
@testable import StrikeMapRender

/// Terrain from the command line: on by default, off with a switch or in mono, a user's
/// elevation model in its place, and clear errors.
@Suite struct ReliefCLITests {
    let cli = CLITests()

    func manifest(_ args: String...) throws -> (status: Int32, manifest: [String: Any]?, stderr: String) {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = dir.appendingPathComponent("m.json").path
        let r = try cli.run(["render", "--quiet", "--out", dir.appendingPathComponent("map.png").path, "--manifest", m] + args)
        let json = (try? Data(contentsOf: URL(fileURLWithPath: m))).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return (r.status, json, r.stderr)
    }

    @Test func reliefIsOnByDefaultAndOffWithTheSwitchOrInMono() throws {
        let on = try manifest()
        #expect(on.status == 0, "\(on.stderr)")
        let relief = try #require(on.manifest?["relief"] as? [String: Any])
        #expect(relief["complete"] as? Bool == true)
        #expect((relief["source"] as? String)?.contains("Natural Earth shaded relief") == true)
        #expect(try manifest("--no-relief").manifest?["relief"] == nil)
        #expect(try manifest("--theme", "mono").manifest?["relief"] == nil)
        #expect(try manifest("--theme", "mono", "--relief").manifest?["relief"] != nil)
        // The document records the choice, so --print-spec round-trips it.
        let printed = try cli.run(["render", "--no-relief", "--relief-strength", "0.3", "--print-spec"])
        #expect(printed.stdout.contains("\"showRelief\" : false") && printed.stdout.contains("\"reliefStrength\" : 0.3"), "\(printed.stdout.prefix(400))")
    }

    @Test func aUsersElevationModelReplacesTheBuiltInRelief() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dem = dir.appendingPathComponent("ridge.asc")
        var text = "ncols 40\nnrows 40\nxllcorner 43.9\nyllcorner 33.0\ncellsize 0.02\nNODATA_value -9999\n"
        func height(_ i: Int) -> Int { abs(i - 20) < 4 ? 900 - 200 * abs(i - 20) : 0 }
        let row = (0..<40).map { String(height($0)) }.joined(separator: " ")
        for _ in 0..<40 { text += row + "\n" }
        try text.write(to: dem, atomically: true, encoding: .utf8)
        let printed = try cli.run(["render", "--region", "baghdad", "--layer", dem.path + ":strength=0.7,exaggeration=3", "--print-spec"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as! [String: Any]
        let layers = doc["layers"] as! [[String: Any]]
        #expect(!layers.contains { $0["id"] as? String == "relief" }, "the built-in relief gives way")
        let ridge = try #require(layers.first { $0["id"] as? String == "ridge" })
        let sym = (ridge["symbolizers"] as! [[String: Any]])[0]
        #expect(sym["type"] as? String == "relief" && sym["raster"] as? String == dem.path)
        #expect(sym["strength"] as? Double == 0.7 && sym["exaggeration"] as? Double == 3)
        let r = try manifest("--region", "baghdad", "--layer", dem.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((r.manifest?["relief"] as? [String: Any])?["source"] as? String == "ridge.asc")
    }

    @Test(arguments: [
        (["--relief-strength", "1.5"], "--relief-strength 1.5: use a number from 0", Int32(64)),
        (["--layer", "/no/such/dem.tif"], "/no/such/dem.tif: cannot read raster data: no such file", Int32(66)),
        (["--layer", "dem.tif:colour=red"], "a raster layer takes strength=, exaggeration= and name=", Int32(64)),
        (["--layer", "dem.tif:strength=2"], "strength=2 is not a number from 0 to 1", Int32(64)),
    ])
    func badTerrainIsAClearError(args: [String], message: String, status: Int32) throws {
        let r = try manifest(args[0], args[1])
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.manifest == nil, "no output from a failed run")
    }

    @Test func aStyleFileStrengthOutOfRangeNamesTheKey() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let style = dir.appendingPathComponent("s.json")
        try #"{"reliefStrength": 3}"#.write(to: style, atomically: true, encoding: .utf8)
        let r = try manifest("--style", style.path)
        #expect(r.status != 0)
        #expect(r.stderr.contains("reliefStrength") && r.stderr.contains("use 0 (no shading) to 1"), "\(r.stderr)")
    }
}
