import Foundation
import Testing
@testable import StrikeMapRender

/// Range rings: true distances on the ellipsoid, drawn where the manifest says, labelled.
@Suite struct RingCLITests {
    let cli = CLITests()

    /// Vincenty's inverse formula on WGS84, written here independently of PROJ: metres between
    /// two points, to well under a millimetre for points that are not antipodal.
    static func vincentyMetres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563, b = a * (1 - f)
        let rad = Double.pi / 180
        let L = (lon2 - lon1) * rad
        let U1 = atan((1 - f) * tan(lat1 * rad)), U2 = atan((1 - f) * tan(lat2 * rad))
        let sinU1 = sin(U1), cosU1 = cos(U1), sinU2 = sin(U2), cosU2 = cos(U2)
        var lambda = L, sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0, cos2Alpha = 0.0, cos2SigmaM = 0.0
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            sinSigma = ((cosU2 * sinLambda) * (cosU2 * sinLambda)
                        + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda)).squareRoot()
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            cos2Alpha = 1 - sinAlpha * sinAlpha
            cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0
            let C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-13 { break }
        }
        let u2 = cos2Alpha * (a * a - b * b) / (b * b)
        let A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
        let B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
        let deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
        return b * A * (sigma - deltaSigma)
    }

    @Test func ringsAreTrueDistancesDrawnWhereTheManifestSays() throws {
        let dir = try cli.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The document the flag makes, with a solid line so that every point of it has ink.
        let printed = try cli.strikemap("render", "--ring", "Al-Asad Air Base:300km", "--print-spec")
        #expect(printed.status == 0, "\(printed.stderr)")
        var doc = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as! [String: Any]
        var layers = doc["layers"] as! [[String: Any]]
        let ringAt = try #require(layers.firstIndex { ($0["id"] as? String) == "rings" })
        let eventsAt = try #require(layers.firstIndex { ($0["source"] as? String) == "events" })
        #expect(ringAt < eventsAt, "the rings are drawn over the events")
        var symbolizer = (layers[ringAt]["symbolizers"] as! [[String: Any]])[0]
        symbolizer["dash"] = [Double]()
        symbolizer["stroke"] = "#FF00FF"
        layers[ringAt]["symbolizers"] = [symbolizer]
        doc["layers"] = layers
        let spec = dir.appendingPathComponent("rings.json")
        try JSONSerialization.data(withJSONObject: doc).write(to: spec)
        let png = dir.appendingPathComponent("rings.png").path, manifest = dir.appendingPathComponent("rings.json.out").path
        let r = try cli.strikemap("render", "--spec", spec.path, "--out", png, "--manifest", manifest, "--quiet")
        #expect(r.status == 0, "\(r.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        let rings = try #require(m["rings"] as? [[String: Any]])
        #expect(rings.count == 1)
        let ring = rings[0]
        #expect(ring["center"] as? String == "Al-Asad Air Base" && ring["radiusKm"] as? Double == 300)
        let lat = ring["lat"] as! Double, lon = ring["lon"] as! Double
        let image = try CairoSurfaceReader(path: png)
        var inked = 0
        for p in ring["points"] as! [[String: Any]] {
            let d = Self.vincentyMetres(lat, lon, p["lat"] as! Double, p["lon"] as! Double)
            #expect(abs(d - 300_000) < 1, "a point of the ring is \(d) m from its centre")
            guard let x = p["x"] as? Double, let y = p["y"] as? Double, image.contains(x, y) else { continue }
            // The magenta line passes through the point.
            if image.near(x, y, radius: 2, where: { r, g, b in r > 200 && g < 90 && b > 200 }) { inked += 1 }
        }
        #expect(inked >= 6, "only \(inked) of the ring's points have its ink")
        let labels = (m["labels"] as! [[String: Any]]).filter { $0["role"] as? String == "ring" }
        #expect(labels.map { $0["text"] as? String } == ["300 km"])
    }

    @Test func badRingsAreRefused() throws {
        for bad in ["Al-Asad Air Base", "Al-Asad Air Base:-3km", "33,44:0", ":300km", "33,44:30000km"] {
            let r = try cli.strikemap("render", "--ring", bad, "--out", "/dev/null")
            #expect(r.status == 64, "\(bad): \(r.status)")
            #expect(r.stderr.contains("--ring '\(bad)'"), "\(r.stderr)")
        }
        let unknown = try cli.strikemap("render", "--ring", "Narnia Base:300km", "--out", "/dev/null")
        #expect(unknown.status == 64, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("Narnia"), "\(unknown.stderr)")
    }
}

/// Reads a PNG's pixels for the checks above.
struct CairoSurfaceReader {
    let width: Int, height: Int
    let pixel: (Int, Int) -> (UInt8, UInt8, UInt8)

    init(path: String) throws {
        let s = try CairoSurface(pngFile: path)
        width = s.width
        height = s.height
        pixel = { x, y in
            let c = s.pixel(x: x, y: y) ?? (r: 0, g: 0, b: 0, a: 0)
            return (c.r, c.g, c.b)
        }
    }

    func contains(_ x: Double, _ y: Double) -> Bool { x >= 3 && y >= 3 && x < Double(width - 3) && y < Double(height - 3) }

    func near(_ x: Double, _ y: Double, radius: Int, where test: (UInt8, UInt8, UInt8) -> Bool) -> Bool {
        for dy in -radius...radius {
            for dx in -radius...radius {
                let (r, g, b) = pixel(Int(x) + dx, Int(y) + dy)
                if test(r, g, b) { return true }
            }
        }
        return false
    }
}
