import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapCore

@Suite struct ACLEDAndGeoJSONTests {
    static let gazetteer: Gazetteer = try! GeoCatalog.load().gazetteer
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/events")
    }

    /// A real-shaped export: shuffled columns, both date styles, text and numeric inter codes.
    @Test func acledExportIsReadByColumnName() throws {
        let path = Self.fixtures.appendingPathComponent("acled-export.csv").path
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: path)
        #expect(report.rowsRead == 7)
        let byID = Dictionary(uniqueKeysWithValues: report.events.map { ($0.id, $0) })
        // A US air strike is a strike; the ISO numeric code becomes IQ.
        let strike = try #require(byID["IRQ90001"])
        #expect(strike.kind == .strike && strike.weapon == .aircraft && strike.country == "IQ")
        #expect(strike.siteID == "jurf-al-saqr" && strike.killed == 5 && strike.sources == ["Test Wire", "Test Daily"])
        // "20 November 2023"; a militia missile attack is an attack, weapon from the notes.
        let missile = try #require(byID["IRQ90002"])
        #expect(missile.date == CivilDate(year: 2023, month: 11, day: 20))
        #expect(missile.kind == .attack && missile.weapon == .ballisticMissile && missile.siteID == "al-asad-ab")
        // A drone strike by a militia (inter1 given as a code) is an attack, not a strike.
        let drone = try #require(byID["SYR90003"])
        #expect(drone.kind == .attack && drone.weapon == .drone && drone.precision == "near-site")
        #expect(byID["SYR90004"]?.kind == EventKind(rawValue: "battle"))
        #expect(byID["IRQ90005"]?.kind == EventKind(rawValue: "protest"))
        // Bad rows are reported with line and column, not dropped silently.
        #expect(report.skipped.map(\.line) == [7, 8])
        #expect(report.skipped.map(\.column) == ["event_date", "latitude"])
    }

    /// Reads CSV text as a file (removed after).
    static func read(csv: String) throws -> ReadReport {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("acled-\(UUID()).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try EventLoader(gazetteer: gazetteer).read(path: url.path)
    }

    /// A row whose event_id_cnty is empty keeps its export's data_id as its id, named as such;
    /// with neither it is skipped and said.
    @Test func aMissingEventIDFallsBackToDataID() throws {
        let csv = "event_id_cnty,event_date,event_type,sub_event_type,actor1,latitude,longitude,data_id\n"
            + ",2020-03-01,Battles,Armed clash,Taliban,34.5,69.2,777\n"
            + ",2020-03-02,Battles,Armed clash,Taliban,34.5,69.2,\n"
            + "AFG1,2020-03-03,Battles,Armed clash,Taliban,34.5,69.2,778\n"
        let r = try Self.read(csv: csv)
        #expect(r.events.map(\.id).sorted() == ["AFG1", "data_id:777"])
        #expect(r.skipped.map(\.line) == [3] && r.skipped.first?.message.contains("no data_id") == true)
    }

    /// Every distinct type no rule maps is listed once, with its count; the map's footer gives
    /// them as one reason.
    @Test func eachUnmappedTypeIsListedWithItsCount() throws {
        let csv = "event_id_cnty,event_date,event_type,sub_event_type,actor1,latitude,longitude\n"
            + "A1,2020-03-01,Weird things,Agreement,X,34.5,69.2\nA2,2020-03-01,Weird things,Agreement,X,34.5,69.2\n"
            + "A3,2020-03-01,Weird things,Looting,X,34.5,69.2\nA4,2020-03-01,Battles,Armed clash,X,34.5,69.2\n"
        let r = try Self.read(csv: csv)
        let groups = r.issueGroups.map { g in "\(g.count) " + (g.message.split(separator: ")").first.map(String.init) ?? "") }
        #expect(groups == ["2 no rule maps this event type ('Weird things / Agreement'",
                           "1 no rule maps this event type ('Weird things / Looting'"], "\(groups)")
        #expect(r.invalidReasons == [InvalidRowReason(reason: "event type with no rule", count: 3)])
    }

    /// ACLED's external forces (inter1 8: NATO, a foreign coalition) strike like a state; a
    /// militia (2, 3) attacks.
    @Test func externalForcesStrike() {
        let m = ACLEDMapping.default
        for (actor, inter, kind) in [("NATO: North Atlantic Treaty Organization", "8", "strike"),
                                     ("Coalition forces", "External/Other forces", "strike"),
                                     ("Taliban", "2", "attack"), ("Some militia", "3", "attack")] {
            let state = ACLEDMapping.isState(actor: actor, inter: inter)
            #expect(m.kind(eventType: "Explosions/Remote violence", subEventType: "Air/drone strike", actorIsState: state)?.rawValue == kind,
                    "\(actor)")
        }
    }

    @Test func acledDates() {
        #expect(ACLEDReader.date("2023-11-21") == CivilDate(year: 2023, month: 11, day: 21))
        #expect(ACLEDReader.date("21 November 2023") == CivilDate(year: 2023, month: 11, day: 21))
        #expect(ACLEDReader.date("1 Nov 2023") == CivilDate(year: 2023, month: 11, day: 1))
        #expect(ACLEDReader.date("31 February 2023") == nil)
        #expect(ACLEDReader.date("November 21, 2023") == CivilDate(year: 2023, month: 11, day: 21))  // any LooseDate form
        #expect(ACLEDReader.date("21.11.2023 or so") == nil)
    }

    @Test func mappingCanBeOverridden() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acled-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = dir.appendingPathComponent("map.csv")
        try "event_type,sub_event_type,actor1,kind\nProtests,*,*,demonstration\nExplosions/Remote violence,Air/drone strike,nonstate,drone-attack\n"
            .write(to: map, atomically: true, encoding: .utf8)
        let mapping = try ACLEDMapping.load(path: map.path)
        let report = try EventLoader(gazetteer: Self.gazetteer, acledMapping: mapping)
            .read(path: Self.fixtures.appendingPathComponent("acled-export.csv").path)
        let kinds = Dictionary(uniqueKeysWithValues: report.events.map { ($0.id, $0.kind.rawValue) })
        #expect(kinds["IRQ90005"] == "demonstration")
        #expect(kinds["SYR90003"] == "drone-attack")
        #expect(kinds["IRQ90001"] == "strike")  // the defaults still apply after the user's rules
    }

    @Test func geoJSONRoundTripsAndReportsBadFeatures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gj-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("e.geojson").path
        try """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [42.4411, 33.7856]},
           "properties": {"id": "g1", "date": "2023-11-20", "kind": "attack", "site": "al-asad-ab",
                          "weapon": "ballistic-missile", "confidence": "confirmed", "sources": ["VOA", "AP"], "injured": 8}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.2, 32.9]},
           "properties": {"id": "g2", "date": "2023-11-22", "kind": "strike", "sources": "CENTCOM; AP"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.2, 32.9]},
           "properties": {"id": "g3", "date": "2023-11-31", "kind": "strike"}}
        ]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: path)
        #expect(report.events.map(\.id) == ["g1", "g2"])
        #expect(report.events[0].sources == ["VOA", "AP"] && report.events[0].injured == 8)
        #expect(report.events[1].sources == ["CENTCOM", "AP"])
        #expect(report.skipped.count == 1)
        #expect(report.skipped[0].line == 7 && report.skipped[0].column == "date")
    }

    @Test func statsCountAndFilter() throws {
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: try EventLoader.samplePath())
        var acc = StatsAccumulator()
        for e in report.events { acc.add(e) }
        var filter = EventFilter()
        filter.dates = try DateRange.parse(week: "2023-W46")
        let (s, removed) = acc.stats(filter: filter)
        let expected = report.events.filter { filter.dates.contains($0.date) }
        #expect(s.total == expected.count)
        #expect(s.byWeek == ["2023-W46": expected.count])
        #expect(removed["date"] == report.events.count - expected.count)
        #expect(s.byKind["attack", default: 0] + s.byKind["strike", default: 0] == s.total)
        #expect(s.bySite.values.reduce(0, +) == s.total)
        #expect(acc.newest == report.events.map(\.date).max())
    }
}
