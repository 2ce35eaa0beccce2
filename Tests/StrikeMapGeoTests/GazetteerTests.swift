import Foundation
import Testing
@testable import StrikeMapGeo
@testable import StrikeMapCore

@Suite struct GazetteerTests {
    static let catalog: GeoCatalog = try! GeoCatalog.load()
    var gazetteer: Gazetteer { Self.catalog.gazetteer }

    @Test(arguments: [
        ("al-Asad", "al-asad-ab"), ("Ain al-Asad", "al-asad-ab"), ("Ayn al-Asad", "al-asad-ab"), ("ayn al asad", "al-asad-ab"),
        ("Ain al-Assad", "al-asad-ab"), ("AL ASAD AIRBASE", "al-asad-ab"), ("قاعدة عين الأسد", "al-asad-ab"),
        ("Jurf al-Saqr", "jurf-al-saqr"), ("Jurf al-Sakhar", "jurf-al-saqr"), ("Jurf al-Nasr", "jurf-al-saqr"),
        ("Abu Kamal", "abu-kamal"), ("Al-Bukamal", "abu-kamal"), ("Albu Kamal", "abu-kamal"), ("البوكمال", "abu-kamal"),
        ("Deir ez-Zor", "deir-ez-zor"), ("Dayr az-Zawr", "deir-ez-zor"), ("Deir Ezzor", "deir-ez-zor"),
        ("al-Tanf", "al-tanf"), ("At-Tanf", "al-tanf"), ("Bashur", "harir-ab"),
    ])
    func aliasesResolveToOneSite(query: String, id: String) throws {
        #expect(try gazetteer.resolve(query).id == id)
    }

    @Test func unknownNameSuggestsNeighbours() {
        do {
            _ = try gazetteer.resolve("Jurf al-Sakr base of nowhere")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("no site named 'Jurf al-Sakr base of nowhere'"))
        }
        do {
            _ = try gazetteer.resolve("Mayadinx")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("did you mean"))
            #expect(error.description.contains("Mayadin"))
        }
    }

    @Test func ambiguousNamesAskForMore() throws {
        let a = Site(id: "a", name: "Tal Abyad", kind: .town, country: "SY", location: GeoPoint(lat: 36.7, lon: 38.9),
                     precision: "exact", source: "test")
        let b = Site(id: "b", name: "Tal Abyad", kind: .town, country: "IQ", location: GeoPoint(lat: 33, lon: 44),
                     precision: "exact", source: "test")
        let g = Gazetteer(sites: [a, b])
        #expect(throws: GeoError.self) { try g.resolve("Tal Abyad") }
        do { _ = try g.resolve("tal abyad") } catch { #expect(error.description.contains("give a country or a kind")) }
        #expect(try g.resolve("Tal Abyad", country: "IQ").id == "b")
    }

    @Test func everySiteHasSourceAndPrecision() {
        #expect(gazetteer.sites.count >= 60)
        for s in gazetteer.sites {
            #expect(!s.source.isEmpty, "\(s.id) has no source")
            #expect(!s.precision.isEmpty, "\(s.id) has no precision")
            #expect(s.location.isValid, "\(s.id) has an invalid coordinate")
        }
    }

    @Test func governoratePointLiesInsideItsPolygon() throws {
        let anbar = try gazetteer.resolve("Anbar", kind: .governorate)
        let bm = try Self.catalog.basemap(for: try Self.catalog.regions.named("iraq"))
        let province = try #require(bm.province(containing: anbar.location))
        #expect(province["name"] == "Al-Anbar")
        // al-Asad is in Anbar; Baghdad is not.
        #expect(bm.province(containing: try gazetteer.resolve("al-Asad").location)?["name"] == "Al-Anbar")
        #expect(bm.province(containing: try gazetteer.resolve("Baghdad", kind: .city).location)?["name"] != "Al-Anbar")
    }

    @Test func nearFindsSitesByDistance() throws {
        let asad = try gazetteer.resolve("al-Asad")
        let near = gazetteer.near(asad.location, withinKm: 50)
        #expect(near.first?.site.id == "al-asad-ab")
        #expect(near.allSatisfy { $0.km <= 50 })
        #expect(!near.contains { $0.site.id == "baghdad" })
    }
}
