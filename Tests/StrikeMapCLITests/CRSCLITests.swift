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
