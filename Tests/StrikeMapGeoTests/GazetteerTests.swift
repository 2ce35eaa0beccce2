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

/// The indexed search (sites found through the words of their names; misspellings scanned for
/// only when asked) finds what a scan of every name finds: the same sites, kinds and scores,
/// on the gazetteer and on the 5,500 airfields, for names whole, cut, padded and misspelt
/// (with codes such as ICAO's taken only as written).
@Suite struct GazetteerIndexTests {
    /// The search as a scan of every name (as it was before the index).
    static func scan(_ g: Gazetteer, _ query: String, threshold: Double) -> [String: (MatchKind, Double)] {
        let words = NameKey.words(query)
        let key = NameKey.key(query)
        var out: [String: (MatchKind, Double)] = [:]
        for s in g.sites {
            if s.id.lowercased() == query.lowercased() { out[s.id] = (.id, 1); continue }
        }
        for s in g.sites where out[s.id] == nil {
            for n in [s.name] + s.aliases {
                let w = NameKey.words(n)
                if !words.isEmpty, w.joined(separator: " ") == words.joined(separator: " ") { out[s.id] = (.exact, 1) }
            }
        }
        for s in g.sites where out[s.id] == nil {
            for n in [s.name] + s.aliases where !Gazetteer.isCode(n) && !key.isEmpty && NameKey.key(words: NameKey.words(n), arabic: NameKey.isArabic(n)) == key {
                out[s.id] = (.transliteration, 1)
            }
        }
        guard out.isEmpty, !key.isEmpty, key.count <= 80 else { return out }
        let qKeys = Set(words.map { NameKey.key($0) })
        let q = Array(key)
        for s in g.sites {
            var score = 0.0
            var kind = MatchKind.fuzzy
            // Codes (ICAO) only as written: never partial, folded or misspelt.
            for n in [s.name] + s.aliases where !Gazetteer.isCode(n) {
                let arabic = NameKey.isArabic(n)
                let w = NameKey.words(n)
                let nameWords = Set(w.map { NameKey.key(words: [$0], arabic: arabic) })
                let nameKey = Array(NameKey.key(words: w, arabic: arabic))
                if !qKeys.isEmpty, qKeys.isSubset(of: nameWords) {
                    kind = .partial
                    score = max(score, 0.9 * Double(qKeys.count) / Double(max(nameWords.count, 1)) + 0.1)
                }
                let longest = max(q.count, nameKey.count, 1)
                guard Double(abs(q.count - nameKey.count)) <= Double(longest) * (1 - min(threshold, score)) else { continue }
                score = max(score, 1 - Double(NameKey.distance(q, nameKey)) / Double(longest))
            }
            if score >= threshold || kind == .partial { out[s.id] = (kind, min(score, 0.99)) }
        }
        return out
    }

    @Test func theIndexFindsWhatAScanFinds() throws {
        let catalog = try GeoCatalog.load()
        let airfields = try #require(Gazetteer.airfields)
        for (g, stride) in [(catalog.gazetteer, 1), (airfields, 97)] {
            var queries: [String] = []
            for (i, s) in g.sites.enumerated() where i % stride == 0 {
                let words = s.name.split(separator: " ").map(String.init)
                queries.append(s.name)
                queries.append(words.first ?? s.name)
                queries.append(words.dropFirst().joined(separator: " "))
                queries.append(s.name + " Village")
                queries.append(String(s.name.dropLast()))
                queries.append(String(s.name.reversed()))
            }
            for query in queries where !query.isEmpty {
                let indexed = g.search(query, fuzzyThreshold: 0.5)
                let scanned = Self.scan(g, query, threshold: 0.5)
                let got = Dictionary(uniqueKeysWithValues: indexed.map { ($0.site.id, ($0.kind, $0.score)) })
                #expect(Set(got.keys) == Set(scanned.keys), "'\(query)': \(Set(got.keys).symmetricDifference(scanned.keys).sorted().prefix(5))")
                for (id, v) in scanned where got[id] != nil {
                    #expect(got[id]!.0 == v.0 && abs(got[id]!.1 - v.1) < 1e-9, "'\(query)' \(id): \(got[id]!) against \(v)")
                }
                // Without misspellings, exactly the scan's id, name, transliteration and partial hits.
                let quick = Set(g.search(query, fuzzy: false).map(\.site.id))
                let strong = Set(scanned.filter { $0.value.0 != .fuzzy }.keys)
                #expect(quick == strong, "'\(query)': \(quick.symmetricDifference(strong).sorted().prefix(5))")
            }
        }
    }
}
