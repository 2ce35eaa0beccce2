import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Symbols and words from the data: each type its own shape and colour, titles and legends that
/// say what the data says and no more, the sample's wording kept to the sample, and counts that
/// agree in every place a map states them.
@Suite struct SymbologyTests {
    let pipeline = MapPipeline(catalog: Fixture.catalog)

    /// ACLED-like events around Deir ez-Zor and Aleppo, one per place, of the given types.
    static func acledLike(_ types: [(type: String, sub: String, kind: String)], actor: (Int) -> String = { _ in "Some group" },
                          count: Int = 40) -> [Event] {
        (0..<count).map { i in
            let t = types[i % types.count]
            let lat = 35.0 + Double(i % 8) * 0.35, lon = 37.0 + Double(i / 8) * 0.7
            return Event(id: "a\(i)", date: CivilDate(year: 2021, month: 5, day: 1 + i % 20)!, kind: EventKind(rawValue: t.kind),
                         eventType: t.type, subEventType: t.sub, actor: actor(i),
                         location: GeoPoint(lat: lat, lon: lon), country: "SY", sources: ["test"])
        }
    }

    static let acledTypes: [(type: String, sub: String, kind: String)] = [
        ("Battles", "Armed clash", "battle"),
        ("Explosions/Remote violence", "Air/drone strike", "strike"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "strike"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", "attack"),
        ("Violence against civilians", "Attack", "violence-against-civilians"),
        ("Protests", "Peaceful protest", "protest"),
        ("Riots", "Mob violence", "riot"),
        ("Strategic developments", "Looting/property destruction", "strategic-development"),
    ]

    func render(_ events: [Event], _ edit: (inout MapDocument) -> Void = { _ in }) throws -> RenderResult {
        var doc = MapDocument()
        doc.data.events = ["test.csv"]
        doc.extent.region = "syria"
        edit(&doc)
        var report = ReadReport()
        report.events = events
        report.rowsRead = events.count
        report.eventCount = events.count
        return try pipeline.render(RenderRequest(document: doc, input: report))
    }

    /// Sums the numbers in brackets: "Battles (5)" -> 5.
    static func legendTotal(_ rows: [String]) -> Int {
        rows.compactMap { r -> Int? in
            guard r.hasSuffix(")"), let open = r.lastIndex(of: "(") else { return nil }
            return Int(r[r.index(after: open)..<r.index(before: r.endIndex)].replacingOccurrences(of: ",", with: ""))
        }.reduce(0, +)
    }

    @Test func eachTypeHasItsOwnShapeAndColourAndTheLegendSaysWhatTheDataSays() throws {
        let events = Self.acledLike(Self.acledTypes)
        let s = EventSymbology(colorBy: .type, events: events, style: .house)
        #expect(s.classes.count == 8)
        // Distinct shapes: the classes stay apart in grayscale and for colour-blind readers.
        #expect(Set(s.classes.map(\.shape)).count == s.classes.count)
        // A file's own kinds whose fixed looks share a shape still get one shape each.
        let kinds = Self.acledLike([("", "", "attack"), ("", "", "battle"), ("", "", "strike")], count: 9)
        let k = EventSymbology(colorBy: .type, events: kinds, style: .house)
        #expect(Set(k.classes.map(\.shape)).count == 3, "\(k.classes.map(\.shape))")
        let result = try render(events)
        let legend = result.manifest.legend
        for label in ["Battles (5)", "Air/drone strike (5)", "Shelling/artillery/missile attack (5)",
                      "Remote explosive/landmine/IED (5)", "Violence against civilians (5)", "Protests (5)", "Riots (5)",
                      "Strategic developments (5)"] {
            #expect(legend.contains(label), "legend lacks \(label): \(legend)")
        }
        #expect(!legend.contains { $0.contains("US") })
        #expect(!result.manifest.title.contains("US"))
        // Markers carry their class; battles are blue circles where they are.
        let battle = try #require(result.manifest.markers.first { $0.classLabel == "Battles" })
        #expect(battle.kind == "battle")
    }

    @Test func aBattleIsDrawnInItsColourAtItsPlace() throws {
        let events = Self.acledLike([("Battles", "Armed clash", "battle")], count: 3)
        var doc = MapDocument()
        doc.extent.region = "syria"
        var spec = MapSpec(region: try Fixture.catalog.regions.named("syria"), basemap: Fixture.basemap,
                           gazetteer: Fixture.catalog.gazetteer, events: events)
        spec.layers = doc.layers
        let (surface, manifest) = try MapRenderer(spec: spec).renderImage()
        let raster = surface.raster()
        #expect(manifest.markers.count == 3)
        for m in manifest.markers {
            #expect(raster.pixel(x: m.x, y: m.y, isNear: .hex("#0072B2"), tolerance: 30), "marker at \(m.x),\(m.y)")
        }
    }

    @Test func userDataNeverInheritsTheSamplesWording() throws {
        // Same kinds as the sample (attack, strike), read through the sample's own preset.
        var events = Self.acledLike([("", "", "attack"), ("", "", "strike")], count: 12)
        for i in events.indices { events[i].eventType = "" }
        var report = ReadReport()
        report.events = events; report.rowsRead = events.count; report.eventCount = events.count
        var doc = try MapDocument.samplePreset()
        doc.data.events = ["their-file.csv"]
        doc.extent.region = "syria"
        let result = try pipeline.render(RenderRequest(document: doc, input: report))
        // Nor its source line or its published count: the preset's furniture applies to the sample.
        #expect(result.spec.eventSources == "their-file.csv")
        #expect(result.spec.publishedCount == nil && !result.caption.contains("Pentagon"))
        #expect(result.manifest.legend.contains("Attack (6)"))
        #expect(result.manifest.legend.contains("Strike (6)"))
        for text in result.manifest.legend + [result.manifest.title, result.manifest.subtitle, result.caption] {
            #expect(!text.contains("US"), "\(text)")
        }
        // The sample itself keeps its story's words.
        let sample = try pipeline.render(RenderRequest(document: try MapDocument.samplePreset()))
        #expect(sample.manifest.title == "Attacks on US forces and US strikes in Iraq and Syria")
        #expect(sample.manifest.legend.contains { $0.hasPrefix("US strike (") })
        #expect(sample.spec.eventSources.hasPrefix("StrikeMap timeline of US DoD"))
        #expect(sample.manifest.subtitle.contains("Pentagon count, 17 Oct – 21 Nov: 66 attacks (32 in Iraq, 34 in Syria)"))
    }

    @Test func countsAgreeInSubtitleLegendManifestAndCaption() throws {
        var doc = try MapDocument.samplePreset()
        doc.extent.region = "eastern-syria"
        doc.data.dates.month = "2023-11"
        doc.furniture.publishedCounts = nil
        let r = try pipeline.render(RenderRequest(document: doc))
        let drawn = r.counts.drawn
        #expect(drawn == r.manifest.markers.reduce(0) { $0 + $1.count })
        #expect(drawn == r.spec.events.count)
        #expect(Self.legendTotal(r.manifest.legend) == drawn)
        // "1 – 30 Nov 2023 · 25 attacks and 4 strikes located": the numbers add up to what is drawn.
        let numbers = r.manifest.subtitle.split(separator: "·").last!.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.reduce(0, +) == drawn)
        let captionNumbers = r.caption.components(separatedBy: " between ")[0].split(separator: " ").compactMap { Int($0) }
        #expect(captionNumbers.reduce(0, +) == drawn)
        #expect(r.counts.rowsRead == drawn + r.counts.removedByFilter.values.reduce(0, +))
    }

    @Test func anEventInsideTheDrawnFrameIsNotOutsideTheExtent() throws {
        // A wide page widens the frame far beyond eastern Syria's box, east and west.
        let box = try Fixture.catalog.regions.named("eastern-syria").bbox
        let inside = Event(id: "east", date: CivilDate(year: 2023, month: 11, day: 2)!, kind: .strike,
                           location: GeoPoint(lat: (box.south + box.north) / 2, lon: box.east + 1.2), country: "IQ")
        let r = try render([inside]) { doc in
            doc.extent.region = "eastern-syria"
            doc.page.width = 3000
            doc.page.height = 900
        }
        #expect(r.counts.drawn == 1)
        #expect(r.counts.removedByFilter["map extent"] == nil)
        // And one far outside the frame is counted as outside, in every place.
        let far = Event(id: "far", date: CivilDate(year: 2023, month: 11, day: 2)!, kind: .strike,
                        location: GeoPoint(lat: 30, lon: 50), country: "IR")
        // (On a 4:3 page, whose frame reaches past the box to the first event.)
        let r2 = try render([inside, far]) { doc in doc.extent.region = "eastern-syria"; doc.page.height = 1200 }
        #expect(r2.counts.removedByFilter["map extent"] == 1)
        #expect(r2.manifest.subtitle.contains("1 strike located"))
        #expect(Self.legendTotal(r2.manifest.legend) == 1)
    }

    @Test func titleNamesTheActorOnlyWhenEveryEventHasIt() throws {
        let one = Self.acledLike([("Explosions/Remote violence", "Air/drone strike", "strike")], actor: { _ in "Military Forces of Russia (2000-)" }, count: 6)
        let r = try render(one) { doc in doc.symbology.actors["Military Forces of Russia (2000-)"] = "Russian forces" }
        #expect(r.manifest.title == "Air/drone strikes by Russian forces in Syria")
        let mixed = Self.acledLike([("Explosions/Remote violence", "Air/drone strike", "strike")],
                                   actor: { $0 % 2 == 0 ? "Military Forces of Russia (2000-)" : "Military Forces of Syria (2000-)" }, count: 6)
        let r2 = try render(mixed)
        #expect(r2.manifest.title == "Air/drone strikes in Syria")
        #expect(!r2.caption.contains("names"))
        #expect(r.caption.contains("The data names Russian forces as the actor in every one."), "\(r.caption)")
        // Five in six: "mostly", with the share in the caption.
        let most = Self.acledLike([("Battles", "Armed clash", "battle")], actor: { $0 == 0 ? "Group B" : "Group A" }, count: 6)
        let r3 = try render(most)
        // Battles have two sides: the first-named actor was involved, not the doer.
        #expect(r3.manifest.title == "Battles, mostly involving Group A, in Syria", "\(r3.manifest.title)")
        #expect(r3.caption.contains("Group A as a party in 83% of them"), "\(r3.caption)")
    }

    @Test func colourByActorListsTheCommonestAndGroupsTheRest() throws {
        let events = Self.acledLike([("Battles", "Armed clash", "battle")], actor: { "Group \($0 % 10)" }, count: 40)
        let r = try render(events) { doc in doc.symbology.colorBy = .actor }
        let legend = r.manifest.legend
        #expect(legend.contains("Other actors (12)"), "\(legend)")
        #expect(legend.filter { $0.hasPrefix("Group ") }.count == 7)
        #expect(Self.legendTotal(legend) == 40)
        // The title still says what happened, not who is coloured how.
        #expect(r.manifest.title == "Battles in Syria")
    }

    @Test func filtersByTypeKindActorAndCountryAreCounted() throws {
        let events = Self.acledLike(Self.acledTypes, actor: { $0 % 2 == 0 ? "Hay'at Tahrir al-Sham" : "Military Forces of Syria (2000-)" })
        let r = try render(events) { doc in doc.data.types = ["air/drone strike", "Battles"] }
        #expect(r.counts.drawn == 10)
        #expect(r.counts.removedByFilter["type"] == 30)
        let r2 = try render(events) { doc in doc.data.actor = "tahrir" }
        #expect(r2.counts.drawn == 20)
        let r3 = try render(events) { doc in doc.data.kinds = ["Protest"] }
        #expect(r3.counts.drawn == 5)
        #expect(r3.manifest.title == "Protests by Military Forces of Syria (2000-) in Syria")
    }

    @Test func aSelectionThatMatchesNothingIsAnErrorNotAnEmptyMap() throws {
        let events = Self.acledLike(Self.acledTypes)
        let e = #expect(throws: SelectionError.self) { try render(events) { doc in doc.data.types = ["Air/drone strikes"] } }
        #expect(e?.field == "types")
        #expect(e?.present.contains("Air/drone strike") == true)
        #expect(throws: SelectionError.self) { try render(events) { doc in doc.data.countries = ["Iraq"] } }
        #expect(throws: SelectionError.self) { try render(events) { doc in doc.data.kinds = ["strikes"] } }
        // Dates that hold nothing still give a map that says so, framed on the data.
        let empty = try render(events) { doc in doc.extent.region = nil; doc.data.dates.month = "2030-01" }
        #expect(empty.counts.drawn == 0)
        #expect(empty.manifest.subtitle.contains("no events"))
        #expect(empty.manifest.region == "data")
    }

    @Test func panelsShareOneSizeScale() throws {
        // One place; 72, 101, 48 and 31 raids in four months.
        var events: [Event] = []
        for (month, n) in [(1, 72), (2, 101), (3, 48), (4, 31)] {
            for k in 0..<n {
                events.append(Event(id: "m\(month)-\(k)", date: CivilDate(year: 2016, month: month, day: 1 + k % 28)!, kind: .strike,
                                    eventType: "Air raid", location: GeoPoint(lat: 35, lon: 38), country: "SY"))
            }
        }
        let r = try render(events) { doc in doc.page.facet = .month; doc.page.height = 1600 }
        let markers = r.manifest.markers.sorted { $0.count < $1.count }
        #expect(markers.map(\.count) == [31, 48, 72, 101])
        for (a, b) in zip(markers, markers.dropFirst()) { #expect(a.radius < b.radius, "\(a.count) vs \(b.count)") }
        // Areas in proportion to the counts, across panels.
        let ratio = (markers[3].radius * markers[3].radius) / (markers[0].radius * markers[0].radius)
        #expect(abs(ratio - 101.0 / 31.0) < 0.05, "\(ratio)")
    }

    @Test func coordinatesThatContradictTheRowsCountryAreSaid() throws {
        func event(_ id: String, _ lat: Double, _ lon: Double, _ country: String) -> Event {
            Event(id: id, date: CivilDate(year: 2021, month: 1, day: 1)!, kind: .strike, location: GeoPoint(lat: lat, lon: lon), country: country)
        }
        // Baghdad named Iraq; Tehran named Iraq; Abu Kamal (on the border) named Iraq.
        let events = [event("baghdad", 33.31, 44.36, "IQ"), event("tehran", 35.69, 51.39, "IQ"), event("border", 34.45, 40.93, "IQ")]
        let r = try render(events) { doc in doc.extent.region = "middle-east" }
        #expect(r.spec.misplaced.ids == ["tehran"])
        #expect(r.spec.misplaced.note?.contains("named Iraq, inside Iran") == true, "\(String(describing: r.spec.misplaced.note))")
        #expect(r.caption.contains("1 event lies outside the country the data names for it"))
        // A file that names no country: the basemap names it for the title.
        var unnamed = [event("a", 33.31, 44.36, ""), event("b", 36.34, 43.13, "")]
        unnamed[1].kind = .strike
        let t = try render(unnamed) { doc in doc.extent.region = nil }
        #expect(t.manifest.title == "Strikes in Iraq", "\(t.manifest.title)")
    }

    @Test func facetsCountWhatThePanelsShow() throws {
        var events = Self.acledLike([("Battles", "Armed clash", "battle")], count: 12)
        // Inside the first cut around eastern Syria, outside any panel's frame.
        events.append(Event(id: "far", date: CivilDate(year: 2021, month: 5, day: 3)!, kind: EventKind(rawValue: "battle"),
                            eventType: "Battles", location: GeoPoint(lat: 30.2, lon: 47.8), country: "KW"))
        let r = try render(events) { doc in doc.extent.region = "eastern-syria"; doc.page.facet = .month; doc.page.height = 1600 }
        let drawn = r.manifest.markers.reduce(0) { $0 + $1.count }
        let numbers = r.manifest.subtitle.components(separatedBy: "·")[1].split(separator: " ").compactMap { Int($0) }
        #expect(numbers.reduce(0, +) == drawn, "\(r.manifest.subtitle) vs \(drawn)")
        #expect(Self.legendTotal(r.manifest.legend) == drawn)
        #expect(r.counts.drawn == drawn)
    }

    @Test func titlesWithoutAPlaceEndCleanly() throws {
        let most = Self.acledLike([("Battles", "Armed clash", "battle")], actor: { $0 == 0 ? "Group B" : "Group A" }, count: 6)
        // A box is named for its events' countries, after the actor's clause.
        let r = try render(most) { doc in doc.extent.region = nil; doc.extent.bbox = [36, 34, 42, 38] }
        #expect(r.manifest.title == "Battles, mostly involving Group A, in Syria", "\(r.manifest.title)")
        // Events at sea that name no country: no place, and no dangling comma.
        var atSea = most
        for i in atSea.indices { atSea[i].country = ""; atSea[i].location = GeoPoint(lat: 34.2, lon: 33.2 + 0.01 * Double(i)) }
        let sea = try render(atSea) { doc in doc.extent.region = nil; doc.extent.bbox = [32.5, 33.5, 34, 35] }
        #expect(sea.manifest.title == "Battles, mostly involving Group A", "\(sea.manifest.title)")
        // Empty words in a document are refused, with their key path.
        let bad = "symbology:\n  classes:\n    - value: Battles\n      label: \"\"\n"
        let e = #expect(throws: DocumentError.self) { try MapDocument.decode(Data(bad.utf8), source: "map.yaml") }
        #expect(e?.keyPath == "symbology.classes[0].label")
    }

    @Test func crowdedMapsNameTheCapitalBeforeVillages() throws {
        // 240 villages of the data around Damascus, each with an event.
        var events: [Event] = []
        for i in 0..<240 {
            let lat = 33.30 + Double(i % 16) * 0.03, lon = 36.10 + Double(i / 16) * 0.03
            events.append(Event(id: "v\(i)", date: CivilDate(year: 2021, month: 5, day: 1)!, kind: EventKind(rawValue: "battle"),
                                eventType: "Battles", siteName: "Village \(i)", location: GeoPoint(lat: lat, lon: lon), country: "SY"))
        }
        let r = try render(events) { doc in doc.extent.region = "syria" }
        let placed = r.manifest.labels.map(\.text)
        #expect(placed.contains("Damascus"), "\(placed.prefix(20))")
        // Villages a few millimetres apart are merged rather than pushed away; every event is kept.
        #expect(r.manifest.view == "markers")
        #expect(r.manifest.markers.count < 240)
        #expect(r.manifest.markers.reduce(0) { $0 + $1.count } == 240)
    }

    @Test func captionsSayWhereInWordsThatStayTrue() {
        func events(_ places: [(String?, Int)]) -> [Event] {
            var out: [Event] = []
            for (p, n) in places {
                for i in 0..<n {
                    out.append(Event(id: "\(p ?? "none")-\(i)", date: CivilDate(year: 2020, month: 1, day: 1)!, kind: .strike,
                                     siteName: p, location: GeoPoint(lat: 15, lon: 44)))
                }
            }
            return out
        }
        #expect(MapCaption.whereSentence(events([("Sirwah, Marib", 1125), ("Nihm, Sanaa", 841), ("Harad, Hajja", 711), ("Abs, Hajja", 3)]),
                                         noun: "air raid", nouns: "air raids")
                == "The places with the most air raids were Sirwah, Marib (1,125); Nihm, Sanaa (841); and Harad, Hajja (711), of 4 places.")
        #expect(MapCaption.whereSentence(events([("Chawkay", 2), ("Aqcha", 1), ("Dangam", 1)]), noun: "air/drone strike", nouns: "air/drone strikes")
                == "Chawkay had the most air/drone strikes (2); 2 other places had one each.")
        #expect(MapCaption.whereSentence(events([("A", 1), ("B", 1), (nil, 2)]), noun: "event", nouns: "events")
                == "2 events were reported at 2 different places, among them A and B, and 2 at places the data does not name.")
        #expect(MapCaption.whereSentence(events([("A", 1), (nil, 1)]), noun: "event", nouns: "events")
                == "One event was reported at A, and 1 at a place the data does not name.")
        #expect(MapCaption.whereSentence(events([("Baghdad", 1)]), noun: "event", nouns: "events") == "The event was reported at Baghdad.")
        #expect(MapCaption.whereSentence(events([(nil, 3)]), noun: "event", nouns: "events") == "The data does not name the places of these events.")
    }

    @Test func theSourceLineNamesStandardInputAsTold() throws {
        var data = MapDocument.DataSelection()
        data.events = ["-"]
        #expect(MapPipeline.defaultSource(data) == "standard input")
        data.sourceName = "acled_syria_2021.csv"
        #expect(MapPipeline.defaultSource(data) == "acled_syria_2021.csv")
    }

    @Test func documentsCarryTheirSymbologyAndRefuseBadValues() throws {
        let yaml = """
        symbology:
          colorBy: sub-type
          classes:
            - value: Battles
              label: Fighting
              shape: hexagon
              color: "#112233"
        """
        let doc = try MapDocument.decode(Data(yaml.utf8), source: "map.yaml")
        #expect(doc.symbology.colorBy == .subType)
        #expect(doc.symbology.classes.first?.shape == .hexagon)
        let bad = "symbology:\n  colorBy: colour\n"
        #expect(throws: DocumentError.self) { try MapDocument.decode(Data(bad.utf8), source: "map.yaml") }
        let badShape = "symbology:\n  classes:\n    - value: x\n      shape: blob\n"
        let shapeError = #expect(throws: DocumentError.self) { try MapDocument.decode(Data(badShape.utf8), source: "map.yaml") }
        #expect(shapeError?.keyPath.hasPrefix("symbology.classes[0].shape") == true, "\(String(describing: shapeError))")
        // A renamed class shows in the legend.
        let events = Self.acledLike([("Battles", "Armed clash", "battle")], count: 4)
        let r = try render(events) { d in d.symbology = doc.symbology; d.symbology.colorBy = .type }
        #expect(r.manifest.legend.contains("Fighting (4)"))
    }

    @Test func denseMapsKeepMarkersNearTheirPlacesAndSizesApart() throws {
        // 80 places 0.12° apart, 1 to 800 events each: a war's log on a country map.
        var events: [Event] = []
        for p in 0..<80 {
            let lat = 34.0 + Double(p / 10) * 0.12, lon = 38.0 + Double(p % 10) * 0.12
            for k in 0..<(1 + p * 10) {
                events.append(Event(id: "p\(p)-\(k)", date: CivilDate(year: 2016, month: 1, day: 1 + k % 28)!, kind: .strike,
                                    eventType: "Air raid", location: GeoPoint(lat: lat, lon: lon), country: "SY"))
            }
        }
        let r = try render(events)
        let markers = r.manifest.markers
        #expect(r.manifest.view == "markers")
        #expect(markers.count <= 80 && markers.count > 20)
        #expect(markers.reduce(0) { $0 + $1.count } == 31_680)
        let limit = try #require(r.manifest.maxShift)
        for m in markers {
            let shift = hypot(m.x - m.trueX, m.y - m.trueY)
            #expect(shift <= limit + 0.01, "moved \(shift), limit \(limit)")
        }
        // 791 events look larger than 1: areas follow the counts, not a cap.
        let small = try #require(markers.min { $0.count < $1.count })
        let big = try #require(markers.max { $0.count < $1.count })
        #expect(big.radius > 3 * small.radius)
        #expect(r.manifest.legend.contains("Air raid (31,680)"), "\(r.manifest.legend)")
        #expect(r.manifest.subtitle.hasSuffix("31,680 air raids located"), "\(r.manifest.subtitle)")
    }
}
