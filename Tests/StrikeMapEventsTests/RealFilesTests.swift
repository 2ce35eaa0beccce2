import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapCore

/// The real third-party files in `../shared/real/` (beside the clone; never committed: ACLED's
/// terms forbid redistribution), read as users read them and counted against an independent
/// count by `scripts/count_rows.py` (Python's csv and json modules). Skipped when absent.
@Suite struct RealFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let real = root.deletingLastPathComponent().appendingPathComponent("shared/real")
    static var present: Bool {
        let here = FileManager.default.fileExists(atPath: real.appendingPathComponent("README.md").path)
        if !here { print("RealFilesTests: \(real.path) is absent; skipping the real-file tests") }
        return here
    }
    static let gazetteer = ACLEDAndGeoJSONTests.gazetteer

    struct Count: Decodable { var records: Int; var with_coordinates: Int }

    /// The independent count.
    static func count(_ file: String) throws -> Count {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("scripts/count_rows.py").path, real.appendingPathComponent(file).path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return try JSONDecoder().decode(Count.self, from: data)
    }

    static func read(_ file: String) throws -> (ReadReport, Count) {
        let report = try EventLoader(gazetteer: gazetteer).read(path: real.appendingPathComponent(file).path)
        let count = try count(file)
        // Every record is read; every one with coordinates becomes an event; the rest are reported.
        #expect(report.rowsRead == count.records, "\(file)")
        #expect(report.eventCount == count.with_coordinates, "\(file)")
        #expect(report.skippedTotal + report.duplicatesTotal == count.records - count.with_coordinates, "\(file)")
        return (report, count)
    }

    @Test(.enabled(if: present, "needs ../shared/real")) func acledAfghanistan() throws {
        let (r, c) = try Self.read("acled_afghanistan_2020.csv")
        #expect(c.records == 496 && r.eventCount == 496 && r.skippedTotal == 0 && r.duplicatesTotal == 0)
        #expect(Set(r.events.map(\.eventType)) == ["Battles", "Explosions/Remote violence", "Violence against civilians",
                                                   "Strategic developments", "Protests"])
        #expect(Set(r.events.map(\.country)) == ["AF"])
        #expect(r.events.allSatisfy { !$0.subEventType.isEmpty })
        // A state's air strike is a strike by aircraft; an IED is an attack with no badged weapon.
        let air = r.events.filter { $0.subEventType == "Air/drone strike" }
        #expect(!air.isEmpty && air.allSatisfy { $0.kind == .strike || $0.kind == .attack })
        #expect(r.events.filter { $0.subEventType == "Remote explosive/landmine/IED" }.allSatisfy { $0.weapon == .unknown })
        #expect(r.events.filter { $0.eventType == "Battles" }.allSatisfy { $0.weapon == .unknown })
        #expect(r.events.allSatisfy { $0.date.year == 2020 && $0.date.month == 3 })
    }

    @Test(.enabled(if: present, "needs ../shared/real")) func acledAfricaOldLayout() throws {
        let (r, c) = try Self.read("acled_africa_2016_oldformat.csv")
        #expect(c.records == 500 && r.eventCount == 500)
        #expect(Set(r.events.map(\.eventType)) == ["Riots/Protests", "Violence against civilians", "Battles",
                                                   "Explosions/Remote violence", "Strategic developments"])
        #expect(r.events.filter { $0.eventType == "Riots/Protests" }.allSatisfy { $0.kind.rawValue == "protest-or-riot" })
        // Every country named in the file is one the table knows: alpha-2 throughout.
        #expect(r.events.allSatisfy { $0.country.count == 2 }, "\(Set(r.events.map(\.country)).filter { $0.count != 2 })")
        #expect(r.events.filter { $0.eventType != "Explosions/Remote violence" }.allSatisfy { $0.weapon == .unknown })
    }

    @Test(.enabled(if: present, "needs ../shared/real")) func yemenDataProject() throws {
        let (r, c) = try Self.read("yemen_data_project_airstrikes.csv")
        #expect(c.records == 16_749 && r.eventCount == 16_731 && r.skippedTotal == 18 && r.duplicatesTotal == 0)
        #expect(r.issueGroups.count == 1 && r.issueGroups[0].column == "lat")
        #expect(r.events.allSatisfy { $0.actor.isEmpty && $0.kind == .strike && $0.eventType == "Air raid" })
        #expect(r.events.allSatisfy { $0.precision == "district" && $0.country == "YE" })
        #expect(r.events.map(\.date).min() == CivilDate(year: 2015, month: 3, day: 26))
        #expect(r.events.map(\.date).max() == CivilDate(year: 2018, month: 3, day: 25))
        // The log does not say by what means (aircraft or drone): unknown stays unknown.
        #expect(r.events.allSatisfy { $0.weapon == .unknown })
    }

    @Test(.enabled(if: present, "needs ../shared/real")) func governoratePolygonsAreNotEvents() throws {
        let c = try Self.count("iraq_governorates_simplemaps.geojson")
        #expect(c.records == 18 && c.with_coordinates == 0)
        do {
            _ = try EventLoader(gazetteer: Self.gazetteer).read(path: Self.real.appendingPathComponent("iraq_governorates_simplemaps.geojson").path)
            Issue.record("read polygons as events")
        } catch {
            guard case let .notEventsFile(_, features, geometry) = error else { Issue.record("\(error)"); return }
            #expect(features == 18 && geometry == "Polygon")
        }
    }
}
