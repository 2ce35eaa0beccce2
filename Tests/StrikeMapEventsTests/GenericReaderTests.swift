import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapCore

/// Files as people hold them: any CSV with recognisable columns, the pre-2019 ACLED layout, the
/// Yemen Data Project's log, GeoJSON Features and files of polygons.
@Suite struct GenericReaderTests {
    static let gazetteer = ACLEDAndGeoJSONTests.gazetteer
    static func fixture(_ name: String) -> String { ACLEDAndGeoJSONTests.fixtures.appendingPathComponent(name).path }
    static func read(_ name: String, _ options: ReadOptions = ReadOptions()) throws(EventReadError) -> ReadReport {
        try EventLoader(gazetteer: gazetteer, options: options).read(path: fixture(name))
    }
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }

    @Test func dayFirstFileIsToldFromItsValues() throws {
        let r = try Self.read("generic-dmy.csv")
        #expect(r.events.map(\.date) == [Self.d(2015, 3, 5), Self.d(2015, 3, 28), Self.d(2015, 4, 1)])
        // Kind from Type, the type kept as the source words it; countries as ISO alpha-2.
        #expect(r.events.map(\.kind.rawValue) == ["airstrike", "airstrike", "shelling"])
        #expect(r.events[0].eventType == "Airstrike")
        #expect(r.events.map(\.country) == ["IQ", "IQ", "SY"])
        #expect(r.events[0].killed == 2 && r.events[0].id == "g1")
    }

    /// A file's own place columns name its events, the specific place then the wider area, in
    /// StrikeMap's own CSV layout and in any other; "-" and "unknown" name nothing.
    @Test func placeColumnsNameTheEvents() throws {
        func read(_ csv: String) throws -> [String?] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("places-\(UUID()).csv")
            try Data(csv.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            return try EventLoader(gazetteer: Self.gazetteer).read(path: url.path).events.map(\.siteName)
        }
        // StrikeMap's layout (date and kind), with a district and a governorate.
        #expect(try read("id,date,lat,lon,kind,District,Governorate\n1,2020-01-02,33.3,44.4,strike,Karkh,Baghdad\n"
                         + "2,2020-01-03,33.3,44.5,strike,,Baghdad\n3,2020-01-04,33.3,44.6,strike,-,unknown\n")
                == ["Karkh, Baghdad", "Baghdad", nil])
        // Any CSV: sitename and admin1; location and province; a place that is its area once.
        #expect(try read("date,latitude,longitude,sitename,admin1\n2020-01-02,33.3,44.4,Karkh,Baghdad\n") == ["Karkh, Baghdad"])
        #expect(try read("date,lat,lon,location,province\n2020-01-02,33.3,44.4,Kabul,Kabul\n") == ["Kabul"])
    }

    @Test func monthFirstFileIsToldFromItsValues() throws {
        let r = try Self.read("generic-mdy.csv")
        #expect(r.events.map(\.date) == [Self.d(2015, 5, 3), Self.d(2015, 3, 28)])
        #expect(r.events.map(\.kind) == [.strike, .strike])
    }

    @Test func ambiguousFileAsksForTheOrder() throws {
        do { _ = try Self.read("generic-ambiguous.csv"); Issue.record("read an ambiguous file") } catch {
            guard case let .ambiguousDateOrder(file, column, line, value) = error else { Issue.record("\(error)"); return }
            #expect(file.hasSuffix("generic-ambiguous.csv") && column == "date" && line == 2 && value == "05/03/2015")
        }
        let r = try Self.read("generic-ambiguous.csv", ReadOptions(dateOrder: .mdy))
        #expect(r.events.map(\.date) == [Self.d(2015, 5, 3), Self.d(2015, 3, 4)])
    }

    @Test func mixedOrdersAreAnErrorNamingTwoLines() throws {
        do { _ = try Self.read("generic-mixed-order.csv"); Issue.record("read a mixed file") } catch {
            #expect(error.description.contains("line 2 has '13/03/2015' (day first), line 4 has '03/28/2015' (month first)"))
        }
        // With an order given, the rows that do not fit it are skipped, one group.
        let r = try Self.read("generic-mixed-order.csv", ReadOptions(dateOrder: .dmy))
        #expect(r.eventCount == 2 && r.skippedTotal == 1 && r.skipped[0].line == 4)
    }

    @Test func everyDateFormInOneFile() throws {
        let r = try Self.read("generic-date-forms.csv")
        #expect(r.rowsRead == 13 && r.eventCount == 11 && r.skippedTotal == 2)
        #expect(r.events.map(\.date) == [
            Self.d(2023, 11, 21), Self.d(2023, 11, 21), Self.d(2023, 11, 21), Self.d(2012, 8, 5), Self.d(2023, 11, 21),
            Self.d(2020, 3, 21), Self.d(2020, 5, 9), Self.d(2011, 3, 2), Self.d(2012, 1, 1), Self.d(2011, 3, 2), Self.d(2011, 3, 2),
        ])
        let ranges = r.events.filter { $0.confidence == .approximate }
        #expect(ranges.count == 3)
        #expect(ranges.map(\.notes).contains("a span of days; date given as 'March 2–5, 2011'"))
        // No kind column: kind 'event' and one note, not a refusal; one note on the ranges.
        #expect(r.events.allSatisfy { $0.kind == .event })
        #expect(r.notes.filter { $0.contains("no kind column") }.count == 1)
        #expect(r.notes.filter { $0.contains("3 dates were ranges") }.count == 1)
        #expect(Set(r.skipped.map(\.column)) == ["event_date", "y"])
    }

    @Test func kindDefaultAndColumnsOverride() throws {
        let r = try Self.read("generic-date-forms.csv", ReadOptions(kindDefault: "strike"))
        #expect(r.events.allSatisfy { $0.kind == .strike })
        #expect(!r.notes.contains { $0.contains("no kind column") })
        // Columns named by the user win over the names recognised.
        let c = try Self.read("generic-dmy.csv", ReadOptions(columns: ["kind": "Country"]))
        #expect(c.events.first?.kind.rawValue == "iraq")
        do { _ = try Self.read("generic-dmy.csv", ReadOptions(columns: ["lat": "Lat"])); Issue.record("accepted") } catch {
            #expect(error.description.contains("lat=Lat: the header has no column 'Lat'; it has: ID, Date, Latitude"))
        }
        #expect(throws: ReadOptionsError.unknownKey("colour")) { try ReadOptions.parseColumns("date=Date,colour=Red") }
        #expect(try ReadOptions.parseColumns("date=Date, id=Incident ID") == ["date": "Date", "id": "Incident ID"])
    }

    @Test func oldACLEDLayoutMapsToTodaysTypes() throws {
        let r = try Self.read("acled-old-layout.csv")
        #expect(r.rowsRead == 10 && r.eventCount == 10)
        let e = Dictionary(uniqueKeysWithValues: r.events.map { ($0.id, $0) })
        #expect(e["T1"]?.eventType == "Riots/Protests" && e["T1"]?.kind.rawValue == "protest-or-riot" && e["T1"]?.country == "CI")
        #expect(e["T1"]?.weapon == .unknown)  // a protest's notes are no weapon evidence
        #expect(e["T2"]?.eventType == "Explosions/Remote violence" && e["T2"]?.subEventType == "" && e["T2"]?.kind == .attack)
        #expect(e["T2"]?.country == "SO")
        #expect(e["T3"]?.kind == .attack && e["T3"]?.weapon == .air)  // no sub-type: an attack, the notes say from the air
        #expect(e["T4"]?.eventType == "Battles" && e["T4"]?.subEventType == "Armed clash" && e["T4"]?.weapon == .unknown)
        #expect(e["T5"]?.subEventType == "Non-state actor overtakes territory")
        #expect(e["T6"]?.subEventType == "Government regains territory")
        #expect(e["T7"]?.eventType == "Strategic developments" && e["T7"]?.subEventType == "Headquarters or base established")
        #expect(e["T8"]?.subEventType == "Non-violent transfer of territory" && e["T8"]?.country == "CD")
        #expect(e["T9"]?.eventType == "Strategic developments" && e["T9"]?.kind.rawValue == "strategic-development")
        #expect(e["T10"]?.kind.rawValue == "violence-against-civilians")
        #expect(r.notes.contains { $0.contains("pre-2019 ACLED layout") })
    }

    @Test func yemenDataProjectLog() throws {
        let r = try Self.read("yemen-data-project-shaped.csv")
        #expect(r.rowsRead == 3 && r.eventCount == 2 && r.skippedTotal == 1)
        let e = r.events[0]
        #expect(e.id == "1" && e.kind == .strike && e.eventType == "Air raid" && e.actor == "")
        #expect(e.target == "Test airbase" && e.siteName == "Bani Matar, Sanaa" && e.precision == "district")
        #expect(e.notes == "Main category: Military security target; Sub-category: Military Site" && e.country == "YE")
        #expect(e.date == Self.d(2015, 3, 26))
        #expect(r.events[1].notes == "")  // "Unknown" categories say nothing
        #expect(r.skipped[0].line == 4 && r.skipped[0].column == "lat")
    }

    @Test func geoJSONFeatureRootWithOtherNames() throws {
        let r = try Self.read("geojson-feature.geojson")
        #expect(r.eventCount == 1)
        let e = try #require(r.events.first)
        #expect(e.id == "f1" && e.date == Self.d(2020, 3, 21) && e.kind == .event && e.country == "IQ" && e.siteName == "Baghdad")
        #expect(r.notes.filter { $0.contains("no kind property") }.count == 1)
    }

    @Test func polygonFilesAreRefusedAndMixedFilesSkipTheirAreas() throws {
        do { _ = try Self.read("geojson-polygons.geojson"); Issue.record("read polygons as events") } catch {
            guard case let .notEventsFile(_, features, geometry) = error else { Issue.record("\(error)"); return }
            #expect(features == 2 && geometry == "Polygon")
            #expect(error.description.contains("holds 2 polygon features and no points"))
        }
        let r = try Self.read("geojson-mixed.geojson")
        #expect(r.rowsRead == 1 && r.eventCount == 1)
        #expect(r.notes == ["\(Self.fixture("geojson-mixed.geojson")): skipped 2 features that are not points (1 LineString, 1 Polygon); draw areas and lines with --layer"])
    }

    @Test func skippedRowsAreGroupedByProblem() throws {
        var csv = "id,date,lat,lon,kind\n"
        for i in 0..<1000 { csv += "r\(i),9-May-20x,33,44,strike\n" }
        csv += "ok,2020-05-09,33,44,strike\nbad,2020-05-09,,44,strike\n"
        let r = try EventLoader(gazetteer: Self.gazetteer).read(data: Data(csv.utf8), name: "x.csv")
        #expect(r.skippedTotal == 1001 && r.skipped.count == ReadReport.issueCap)
        #expect(r.issueGroups.count == 2)
        #expect(r.issueGroups[0].description.hasPrefix("skipped 1,000 rows of x.csv (lines 2, 3, 4, …): column 'date' = '9-May-20x' (first example): "))
        #expect(r.issueGroups[1].description.hasPrefix("skipped 1 row of x.csv (line 1003): column 'lat' = ''"))
    }
}
