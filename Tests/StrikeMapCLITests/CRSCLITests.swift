import Foundation
import Testing

/// `--crs` takes a CRS, not a program: a pipeline or a file is refused before PROJ sees it
/// (exit 64, naming the flag), files only with `--crs-files`; a CRS is drawn in.
@Suite struct CRSCLITests {
    let cli = CLITests()

    @Test func aPipelineOrAFileIsRefused() throws {
        for crs in ["+proj=merc +step +proj=hgridshift +grids=/etc/passwd", "+proj=merc +nadgrids=/etc/passwd", "+init=epsg:4326"] {
            let r = try cli.strikemap("render", "--crs", crs, "--out", "/dev/null")
            #expect(r.status == 64, "\(crs): \(r.stderr)")
            #expect(r.stderr.contains("--crs: "), "\(r.stderr)")
        }
        // The same CRS in a document: refused when drawn, without the opt-in.
        let spec = try cli.strikemap("render", "--region", "iraq", "--crs", "+proj=merc +nadgrids=@null", "--crs-files", "--print-spec")
        #expect(spec.status == 0, "\(spec.stderr)")
        let drawn = try cli.strikemap("render", "--spec", "-", "--out", "/dev/null", stdin: spec.stdout)
        #expect(drawn.status == 64 && drawn.stderr.contains("--crs-files"), "\(drawn.stderr)")
        // A pipeline in a document does not even read as one.
        let piped = spec.stdout.replacingOccurrences(of: "+proj=merc +nadgrids=@null", with: "+proj=pipeline +step +proj=merc")
        let bad = try cli.strikemap("render", "--spec", "-", "--out", "/dev/null", stdin: piped)
        #expect(bad.status == 65 && bad.stderr.contains("extent.crs"), "\(bad.stderr)")
    }

    @Test func aCRSIsDrawnIn() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let man = dir.appendingPathComponent("m.json")
        let r = try cli.strikemap("render", "--region", "iraq", "--crs", "EPSG:32638", "--out", dir.appendingPathComponent("m.png").path,
                                  "--manifest", man.path)
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: man)) as? [String: Any]
        #expect(m?["projection"] as? String == "EPSG:32638")
    }
}

/// `serve`'s numbers are refused past what they can mean, not taken into an overflow at start.
@Suite struct ServeOptionLimitTests {
    let cli = CLITests()

    @Test(arguments: [["--idle-timeout", "1e300"], ["--idle-timeout", "nan"], ["--cache-mb", "9999999999999"],
                      ["--max-body", "99999999999"], ["--render-timeout", "inf"], ["--base-cache-mb", "9999999999"]])
    func anOutOfRangeNumberIsAUsageError(_ args: [String]) throws {
        let r = try cli.run(["serve", "--port", "0"] + args)
        #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains(args[0]), "\(r.stderr)")
    }
}

/// A FIFO (or device) named as a layer, a raster, a choropleth's areas or a style is refused at
/// once: reading one would block the run for good, or never end.
@Suite struct StreamAsFileTests {
    /// Runs with a time limit (`timeout`), so a regression hangs nothing but itself.
    static func run(_ args: [String]) throws -> (status: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        p.arguments = ["60", CLITests.binary] + args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    @Test func aFIFOIsNotAFile() throws {
        let dir = NSTemporaryDirectory() + "sm-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["areas.geojson", "dem.tif", "style.yaml"] { #expect(mkfifo(dir + "/" + name, 0o600) == 0) }
        let cases: [[String]] = [
            ["--layer", dir + "/areas.geojson"],
            ["--highlight-layer", dir + "/areas.geojson"],
            ["--view", "choropleth", "--by-layer", dir + "/areas.geojson:name"],
            ["--layer", dir + "/dem.tif"],
            ["--style", dir + "/style.yaml"],
            ["--layer", "/dev/zero"],
        ]
        for args in cases {
            let r = try Self.run(["render", "--out", "/dev/null"] + args)
            #expect(r.status != 124, "\(args) hung")
            #expect(r.status == 66, "\(args): \(r.status) \(r.err)")
            #expect(r.err.contains("FIFO"), "\(r.err)")
        }
    }
}
