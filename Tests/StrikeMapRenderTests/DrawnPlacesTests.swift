import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// What a map says about places follows what it draws: the gazetteer is credited only when it
/// placed an event on the map, and a town beside an event that carries no name keeps its own.
@Suite struct DrawnPlacesTests {
    let pipeline = MapPipeline(catalog: Fixture.catalog)

    func render(_ events: [Event], region: String) throws -> RenderResult {
        var doc = MapDocument()
        doc.data.events = ["desk.csv"]
        doc.extent.region = region
        var report = ReadReport()
        report.events = events
        report.rowsRead = events.count
        report.eventCount = events.count
        return try pipeline.render(RenderRequest(document: doc, input: report))
    }

    static func event(_ id: String, _ lat: Double, _ lon: Double, site: String? = nil) -> Event {
        Event(id: id, date: CivilDate(year: 2023, month: 10, day: 20)!, kind: .attack, actor: "X", siteID: site,
              location: GeoPoint(lat: lat, lon: lon), country: "IQ", sources: ["desk"])
    }

    /// Three events given by coordinates in Baghdad and one placed by the gazetteer at Al-Asad:
    /// a map of Baghdad does not draw Al-Asad, so its source line does not credit the gazetteer;
    /// a map of Iraq draws it and does.
    @Test func theGazetteerIsCreditedOnlyWhenItPlacedADrawnEvent() throws {
        let asad = try #require(Fixture.catalog.gazetteer["al-asad-ab"])
        let events = [Self.event("a1", 33.31, 44.36), Self.event("a2", 33.35, 44.40), Self.event("a3", 33.28, 44.30),
                      Self.event("s1", asad.location.lat, asad.location.lon, site: "al-asad-ab")]
        let baghdad = try render(events, region: "baghdad")
        #expect(baghdad.manifest.input?.drawn == 3)
        #expect(!(baghdad.manifest.footer ?? "").contains("gazetteer"), "\(baghdad.manifest.footer ?? "")")
        let iraq = try render(events, region: "iraq")
        #expect(iraq.manifest.input?.drawn == 4)
        #expect((iraq.manifest.footer ?? "").contains("gazetteer"), "\(iraq.manifest.footer ?? "")")
    }

    /// A file of bare coordinates, one of them in Baghdad: the marker there has no name of its
    /// own, so the capital keeps its label (it had been left off as if the event named it).
    @Test func aTownBesideAnUnnamedEventKeepsItsName() throws {
        let events = [Self.event("a1", 33.31, 44.38), Self.event("a2", 36.34, 43.13), Self.event("a3", 35.47, 44.39)]
        let r = try render(events, region: "iraq")
        #expect(r.manifest.labels.contains { $0.text == "Baghdad" && $0.role == "city" }, "\(r.manifest.labels.map(\.text))")
        // A named site on the same place is the one labelled: the town is not named twice.
        var named = events
        named[0] = Event(id: "a1", date: CivilDate(year: 2023, month: 10, day: 20)!, kind: .attack, actor: "X", siteName: "Baghdad",
                         location: GeoPoint(lat: 33.31, lon: 44.38), country: "IQ", sources: ["desk"])
        let n = try render(named, region: "iraq")
        #expect(n.manifest.labels.filter { $0.text == "Baghdad" }.count == 1, "\(n.manifest.labels.map { "\($0.text)/\($0.role)" })")
    }
}
