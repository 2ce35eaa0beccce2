import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapCore

@Suite struct EventReaderTests {
    static let gazetteer: Gazetteer = try! GeoCatalog.load().gazetteer

    func write(_ text: String, name: String = "events.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sm-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func siteNamesResolveThroughTheGazetteer() throws {
        let path = try write("""
        id,date,kind,site,weapon,confidence,sources
        a,2023-11-20,attack,Ain al-Asad,CRBM,confirmed,VOA
        b,2023-11-22,strike,Jurf al-Nasr,F-15,,CENTCOM; AP
        c,2023-11-01,attack,,drone,claimed,x
        """)
        // Row c has no place: reported, not dropped silently.
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: path)
        #expect(report.rowsRead == 3)
        #expect(report.events.map(\.id) == ["a", "b"])
        #expect(report.events[0].siteID == "al-asad-ab")
        #expect(report.events[0].weapon == .ballisticMissile)
        #expect(report.events[1].location == Self.gazetteer["jurf-al-saqr"]!.location)
        #expect(report.events[1].sources == ["CENTCOM", "AP"])
        #expect(report.skipped.count == 1)
        #expect(report.skipped[0].line == 4)
        #expect(report.skipped[0].description.contains("\(path):4"))
    }

    @Test func badRowsNameFileLineColumnAndValue() throws {
        let path = try write("""
        date,kind,lat,lon,injured
        2023-02-31,attack,33.1,42.1,
        2023-11-01,attack,95,42.1,
        2023-11-01,attack,33.1,42.1,several
        2023-11-01,attack,33.1,42.1,2
        """)
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: path)
        #expect(report.events.count == 1)
        #expect(report.skipped.map(\.line) == [2, 3, 4])
        #expect(report.skipped.map(\.column) == ["date", "lat", "injured"])
        #expect(report.skipped[0].description == "\(path):2: column 'date' = '2023-02-31': not a valid date; use YYYY-MM-DD (the local date where the event happened)")
        #expect(report.skipped[2].value == "several")
    }

    @Test func countriesAreStoredAsAlpha2() throws {
        let path = try write("date,kind,lat,lon,country\n2023-11-01,attack,33,44,IRQ\n2023-11-01,attack,33,44,Syria\n2023-11-01,attack,33,44,xx\n")
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: path)
        #expect(report.events.map(\.country) == ["IQ", "SY", "XX"])
        var filter = EventFilter()
        filter.countries = ["Iraq", "SYR"]
        #expect(filter.apply(report.events).kept.count == 2)
        filter.countries = ["xx"]
        #expect(filter.apply(report.events).kept.count == 1)
        filter = EventFilter()
        filter.types = ["battles"]
        #expect(filter.apply(report.events).removed["type"] == 3)
    }

    @Test func strictStopsAtTheFirstBadRow() throws {
        let path = try write("date,kind,site\n2023-11-01,attack,Atlantis\n2023-11-02,attack,al-Tanf\n")
        #expect(throws: EventReadError.self) { try EventLoader(gazetteer: Self.gazetteer, strict: true).read(path: path) }
        do { _ = try EventLoader(gazetteer: Self.gazetteer, strict: true).read(path: path) } catch {
            #expect("\(error)".contains(":2: column 'site' = 'Atlantis'"))
        }
    }

    @Test func duplicateIdsAreReportedAcrossFiles() throws {
        let a = try write("id,date,kind,site\nx1,2023-11-01,attack,al-Tanf\nx1,2023-11-02,attack,al-Tanf\n", name: "a.csv")
        let b = try write("id,date,kind,site\nx2,2023-11-03,attack,al-Tanf\nx1,2023-11-04,attack,al-Tanf\n", name: "b.csv")
        let report = try EventLoader(gazetteer: Self.gazetteer).read(paths: [a, b])
        #expect(report.events.map(\.id) == ["x1", "x2"])
        #expect(report.duplicates.count == 2)
        #expect(report.rowsRead == 4)
    }

    @Test func unknownFormatAndMissingFile() throws {
        let path = try write("foo,bar\n1,2\n")
        #expect(throws: EventReadError.self) { try EventLoader(gazetteer: Self.gazetteer).read(path: path) }
        do { _ = try EventLoader(gazetteer: Self.gazetteer).read(path: "/nonexistent/x.csv") } catch {
            #expect("\(error)".contains("/nonexistent/x.csv: cannot read: no such file"))
        }
    }

    /// The shipped sample must hold every row of the research timeline, with its confidence and sources.
    @Test func sampleMatchesItsResearchSource() throws {
        let report = try EventLoader(gazetteer: Self.gazetteer, strict: true).read(path: try EventLoader.samplePath())
        let home = try DataLocator.home()
        let research = home.deletingLastPathComponent().appendingPathComponent("shared/research/events-2023-10-17_2023-11-22.csv")
        #expect(report.skipped.isEmpty && report.duplicates.isEmpty)
        #expect(report.events.allSatisfy { !$0.sources.isEmpty })
        if FileManager.default.fileExists(atPath: research.path) {
            let r = try CSVReader(path: research.path)
            _ = try r.next()
            var rows: [[String]] = []
            while let x = try r.next() { rows.append(x.fields) }
            #expect(report.events.count == rows.count)
            #expect(report.events.filter { $0.kind == .attack }.count == rows.filter { $0[1] == "attack" }.count)
            #expect(report.events.filter { $0.kind == .strike }.count == rows.filter { $0[1] == "strike" }.count)
            let claimed = rows.filter { $0[10].hasPrefix("C") }.count
            #expect(report.events.filter { $0.confidence == .claimed }.count == claimed)
            for (e, row) in zip(report.events, rows) {
                #expect(e.date.description == String(row[0].prefix(10)), "\(e.id)")
                #expect(e.country == row[3], "\(e.id)")
            }
        } else {
            // Without shared/ beside the clone, check the known totals of the sample.
            #expect(report.events.count == 54)
            #expect(report.events.filter { $0.kind == .strike }.count == 7)
        }
    }

    @Test func pentagonNoteIsHonest() throws {
        let report = try EventLoader(gazetteer: Self.gazetteer).read(path: try EventLoader.samplePath())
        let path = try DataLocator.data().appendingPathComponent("pentagon-attack-counts-2023.csv").path
        let totals = try PublishedCounts(publisher: "Pentagon", start: CivilDate(iso: "2023-10-17")!, kind: .attack,
                                         places: ["Iraq", "Syria"]).loading(path: path)
        let note = try #require(totals.note(for: .all, located: report.events))
        #expect(note.contains("66 attacks (32 in Iraq, 34 in Syria)"))
        #expect(note.hasPrefix("Pentagon count, 17 Oct – 21 Nov:"))
        // Not for a range that starts after the count began: the totals are cumulative.
        #expect(totals.note(for: try DateRange.parse(from: "2023-11-01"), located: report.events) == nil)
    }

    /// Anyone's count, split by any places (columns named after them), in its own words; a file
    /// without a place's column is refused, naming the file, line and column.
    @Test func aPublishedCountOfAnyKindAndPlaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("counts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("raids.csv").path
        try "as_of,total,west_bank,gaza,source\n2024-02-01,9,4,5,bulletin 1\n2024-03-01,14,,,bulletin 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let counts = try PublishedCounts(publisher: "The ministry", start: CivilDate(iso: "2024-01-01")!, kind: EventKind(rawValue: "raid"),
                                         places: ["West Bank", "Gaza"]).loading(path: file)
        let raid = { (day: String) in Event(id: day, date: CivilDate(iso: day)!, kind: EventKind(rawValue: "raid"),
                                             location: GeoPoint(lat: 32, lon: 35.2)) }
        let note = try #require(counts.note(for: .all, located: [raid("2024-01-20"), raid("2024-03-10")]))
        // The latest count with a split (1 Feb), and only the raid dated by then.
        #expect(note == "The ministry count, 1 Jan – 1 Feb: 9 raids (4 in West Bank, 5 in Gaza), most never dated or located in public. Shown: 1 raid report dated and placed")
        let bad = try PublishedCounts(publisher: "X", start: CivilDate(iso: "2024-01-01")!, kind: .attack, places: ["Sinai"])
        #expect { try bad.loading(path: file) } throws: { e in
            let issue = e as? RowIssue
            return issue?.column == "sinai" && issue?.line == 1 && issue?.file == file
        }
    }

    /// An empty weapon column lets an attack's or strike's notes name the means, by whole word;
    /// "unknown" in the column is the record's own word and stays.
    @Test func weaponsFromTheNotesOfAttacksAndStrikesOnly() throws {
        let csv = """
        id,date,kind,weapon,lat,lon,notes
        a,2021-01-01,attack,,33,44,Two UAVs hit the base
        b,2021-01-01,attack,,33,44,Grad rockets hit the base
        c,2021-01-01,strike,,33,44,F-16s struck the depot
        d,2021-01-01,attack,,33,44,firefighters went towards Belgrade
        e,2021-01-01,battle,,33,44,Grad rockets fired in the battle
        f,2021-01-01,attack,unknown,33,44,rockets per one claim
        """
        let g = try GeoCatalog.load().gazetteer
        let r = try EventLoader(gazetteer: g).read(data: Data(csv.utf8), name: "notes.csv")
        let w = Dictionary(uniqueKeysWithValues: r.events.map { ($0.id, $0.weapon) })
        #expect(w == ["a": .drone, "b": .rocket, "c": .aircraft, "d": .unknown, "e": .unknown, "f": .unknown])
    }

    /// Any CSV: a field's column named twice is an error naming both, not the first one quietly.
    @Test func aColumnNamedTwiceIsAnError() throws {
        let g = try GeoCatalog.load().gazetteer
        let csv = "lat,lon,date,Date\n33,44,2021-01-01,2021-01-02\n"
        #expect(throws: EventReadError.self) { try EventLoader(gazetteer: g).read(data: Data(csv.utf8), name: "dup.csv") }
        do {
            _ = try EventLoader(gazetteer: g).read(data: Data(csv.utf8), name: "dup.csv")
        } catch {
            #expect(error.description.contains("column 'date' appears 2 times (columns 3 and 4)"), "\(error)")
        }
    }
}

/// A PostGIS connection string's password never reaches a message, in any form libpq reads.
@Suite struct PasswordRedactionTests {
    @Test(arguments: [
        ("PG:host=db password=hunter2 dbname=x", "hunter2"),
        ("PG:host=db password = hunter2 dbname=x", "hunter2"),
        ("PG:host=db password='a b c' dbname=x", "a b c"),
        (#"PG:host=db password='it\'s secret' dbname=x"#, "secret"),
        ("PG:host=db PASSWORD=Hunter2", "Hunter2"),
        (#"PG:host=db password=abc\ hunter2 dbname=x"#, "hunter2"),
        ("PG:postgresql://alice:hunter2@db.example/x", "hunter2"),
        ("PG:postgres://:hunter2@db/x", "hunter2"),
        ("PG:postgresql://alice@db/x?password=hunter2&sslmode=require", "hunter2"),
    ])
    func theSecretIsHidden(_ location: String, _ secret: String) {
        let shown = StoreError.name(location)
        #expect(!shown.contains(secret), "\(shown)")
        #expect(shown.contains("…"), "\(shown)")
        let e = StoreError.open(location, "connection to server failed: \(location)")
        #expect(!e.description.contains(secret), "\(e.description)")
        // What is not a secret stays, so the user can tell which store.
        #expect(shown.contains("db"))
    }
}
