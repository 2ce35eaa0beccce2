import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

/// Labels in the region's languages: names from GeoNames, shaped right to left by Pango with
/// fonts that cover them, English where no name is known, and the map saying which.
@Suite struct LabelLanguageTests {
    @Test func languagesParse() throws {
        #expect(LabelLanguage(rawValue: "fa")?.language == "fa" && LabelLanguage(rawValue: "fa")?.withEnglish == false)
        #expect(LabelLanguage(rawValue: "EN+he")?.language == "he" && LabelLanguage(rawValue: "en+he")?.withEnglish == true)
        #expect(LabelLanguage(rawValue: "en")?.language == nil)
        for bad in ["xx", "en+en", "en+", "fa+en", ""] { #expect(LabelLanguage(rawValue: bad) == nil, "\(bad)") }
        #expect(LabelLanguage.allValues.contains("en+ckb") && LabelLanguage.allValues.count == 17)
        // A document names the key and lists what is allowed.
        do {
            _ = try MapDocument.decode(Data(#"{"page": {"labels": "fr"}}"#.utf8), source: "doc.json")
            Issue.record("fr accepted")
        } catch {
            #expect("\(error)".contains("page.labels") && "\(error)".contains("en+fa"), "\(error)")
        }
    }

    static func render(_ labels: String) throws -> RenderManifest {
        var spec = Fixture.spec()
        spec.labels = LabelLanguage(rawValue: labels)!
        return try MapRenderer(spec: spec).renderImage().manifest
    }

    @Test func persianLabelsComeFromGeoNamesAndTheRestSayEnglish() throws {
        let m = try Self.render("fa")
        let texts = Set(m.labels.map(\.text))
        // Baghdad, Damascus and Iraq in Persian; no Latin letter in any translated town.
        #expect(texts.contains("بغداد") && texts.contains("دمشق"), "\(texts.sorted())")
        #expect(texts.contains("عراق"), "the country name")
        let names = try #require(m.labelLanguage)
        #expect(names.language == "fa" && names.translated >= 10)
        // The researched bases have no Persian name: they stay in English, and the manifest says so.
        #expect(names.inEnglish.contains("Al-Asad Air Base"))
        #expect(texts.contains("Al-Asad Air Base") || m.droppedLabels.contains("Al-Asad Air Base"))
        for l in m.labels where l.role == "city" && !names.inEnglish.contains(l.text) {
            #expect(!l.text.contains { $0.isASCII && $0.isLetter }, "\(l.text) is not Persian")
        }
    }

    @Test func twoLanguagesStackEnglishOverTheOther() throws {
        let m = try Self.render("en+he")
        #expect(m.labels.contains { $0.text == "Baghdad\nבגדאד" }, "\(m.labels.map(\.text))")
        #expect(m.labelLanguage?.language == "he")
        // English maps record nothing.
        #expect(try Self.render("en").labelLanguage == nil)
    }

    @Test func namesTableLoadsEveryLanguage() throws {
        let names = try #require(PlaceNames.shipped)
        for lang in PlaceNames.languages { #expect(names.label("Damascus", lang) != nil || names.label("Baghdad", lang) != nil, "\(lang)") }
        #expect(names.label("country:IR", "fa") == "ایران")
        #expect(names.label(" baghdad ", "ru") == "Багдад")
        #expect(names.label("Nowhere-on-earth", "ar") == nil)
    }

    static func shape(_ text: String) throws -> (glyphs: [TextLayout.ShapedGlyph], unknown: Int) {
        let surface = try CairoSurface(.image(width: 200, height: 80))
        let context = try CairoContext(surface: surface)
        return try TextLayout(context: context, text: text, font: MapStyle.house.font, size: 20).shapedGlyphs
    }

    @Test func rightToLeftScriptsAreShapedAndCovered() throws {
        // Three behs: initial, medial and final forms are three different glyphs when shaped;
        // the same glyph thrice would mean the letters were not joined.
        let beh = try Self.shape("ببب")
        #expect(beh.unknown == 0 && beh.glyphs.count == 3 && beh.glyphs.allSatisfy(\.rightToLeft))
        #expect(Set(beh.glyphs.map(\.glyph)).count == 3, "\(beh.glyphs)")
        // Persian (with its own letters گ and ی), Sorani and Hebrew: every glyph found, laid right to left.
        for text in ["کرمانشاه", "گرگان", "هەولێر", "ירושלים"] {
            let s = try Self.shape(text)
            #expect(s.unknown == 0, "\(text): \(s.unknown) missing glyphs")
            #expect(!s.glyphs.isEmpty && s.glyphs.allSatisfy(\.rightToLeft), "\(text)")
        }
        // Mixed: the English line runs left to right, the Persian right to left.
        let mixed = try Self.shape("Baghdad\nبغداد")
        #expect(mixed.unknown == 0)
        #expect(mixed.glyphs.contains { $0.rightToLeft } && mixed.glyphs.contains { !$0.rightToLeft })
        // Cyrillic and Turkish letters are covered too.
        for text in ["Багдад", "Київ", "Bağdat İzmir"] { #expect(try Self.shape(text).unknown == 0, "\(text)") }
    }
}
