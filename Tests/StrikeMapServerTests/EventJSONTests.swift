import Foundation
import Testing
import StrikeMapCore
import StrikeMapEvents
import StrikeMapGeo
@testable import StrikeMapCLI

/// Event lists in JSON and GeoJSON are written by hand (PrettyJSON) as JSONSerialization wrote
/// them: the same text, byte for byte, for the sample, the real files and events made to hold
/// every control character, quotes, slashes, other scripts and awkward numbers.
@Suite struct EventJSONTests {
    /// The lists as JSONSerialization wrote them.
    static func reference(_ events: [Event], geojson: Bool) throws -> String {
        if !geojson { return try JSONOutput.string(events.map(EventFormatter.object)) }
        let features: [[String: Any]] = events.map { e in
            var props = EventFormatter.object(e)
            props.removeValue(forKey: "lat"); props.removeValue(forKey: "lon")
            return ["type": "Feature", "properties": props,
                    "geometry": ["type": "Point", "coordinates": [e.location.lon, e.location.lat]]]
        }
        return try JSONOutput.string(["type": "FeatureCollection", "features": features])
    }

    @Test func eventListsAreTheTextJSONSerializationWrote() throws {
        let catalog = try GeoCatalog.load()
        var lists: [[Event]] = [try EventLoader(gazetteer: catalog.gazetteer).read(path: EventLoader.samplePath()).events]
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/real").standardized
        for name in ["acled_afghanistan_2020.csv", "yemen_data_project_airstrikes.csv", "ucdp_ged_23.1_sample1000_global.csv"] {
            let path = real.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path), let r = try? EventLoader(gazetteer: catalog.gazetteer).read(path: path) {
                lists.append(Array(r.events.prefix(3_000)))
            }
        }
        // Every C0 control, DEL, quotes, backslashes, slashes, bidi controls, Arabic, emoji,
        // and numbers whose shortest forms take exponents or drop a ".0".
        var odd = lists[0][0]
        var made: [Event] = []
        let texts = [(0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{7F}", "\"quoted\" \\back\\ /slash/ </script>",
                     "قاعدة عين الأسد \u{202E}evil\u{202C} 🚀", "", " "]
        let numbers: [Double] = [0, -0.0, 1, -1, 42, 0.1, 1e-05, 1.5e-7, 33.78560000000001, -179.99999999, 89.99999, 1e15, 123456789.125]
        for (i, t) in texts.enumerated() {
            odd.id = "odd-\(i)-" + t
            odd.actor = t; odd.notes = t; odd.target = t; odd.sources = [t, t + "x"]; odd.siteName = t.isEmpty ? nil : t
            odd.time = i % 2 == 0 ? nil : t
            odd.injured = i % 2 == 0 ? nil : i; odd.killed = i
            for n in numbers {
                odd.location = GeoPoint(lat: max(-90, min(90, n)), lon: max(-180, min(180, n / 3)))
                odd.origin = i % 2 == 0 ? nil : GeoPoint(lat: n / 7, lon: n)
                made.append(odd)
            }
        }
        lists.append(made)
        lists.append([])
        for events in lists {
            for geojson in [false, true] {
                let mine = try EventFormatter.format(events, as: geojson ? .geojson : .json)
                let theirs = try Self.reference(events, geojson: geojson)
                #expect(mine == theirs, "\(events.count) events, geojson \(geojson): first difference at \(zip(mine, theirs).prefix { $0 == $1 }.count): …\(mine.dropFirst(max(0, zip(mine, theirs).prefix { $0 == $1 }.count - 60)).prefix(120))")
            }
        }
    }
}
