import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapCore

/// The store's hand-written text conversions agree with Foundation's: the sources JSON is part of
/// every row's digest, so it must be written exactly as JSONEncoder wrote it, and read back whole.
@Suite struct StoreSchemaTests {
    static let cases: [[String]] = [
        [], [""], ["https://www.defense.gov/News/Releases/Release/Article/3565355/"],
        ["a \"quoted\" name", "back\\slash", "tab\there", "line\nbreak", "bell\u{07}", "form\u{0C}feed"],
        ["بغداد", "Ḥalab", "emoji 🚀", "slash / and \\/ both"], ["x", "y", "z"],
    ]

    @Test(arguments: cases) func sourcesAreWrittenAsJSONEncoderWritesThem(_ sources: [String]) throws {
        let foundation = String(decoding: try JSONEncoder().encode(sources), as: UTF8.self)
        #expect(SourcesColumn.sourcesJSON(sources) == foundation)
        #expect(SourcesColumn.sourcesArray(SourcesColumn.sourcesJSON(sources)) == sources)
        // And what another tool may have written (spaces, no escaped slashes) reads the same.
        let pretty = String(decoding: try JSONSerialization.data(withJSONObject: sources, options: [.withoutEscapingSlashes]), as: UTF8.self)
        #expect(SourcesColumn.sourcesArray(pretty) == sources)
    }

    @Test func datesAreWrittenAndReadAsISO() {
        for (y, m, d) in [(2023, 11, 20), (1997, 1, 1), (9, 2, 3), (2100, 12, 31)] {
            let date = CivilDate(year: y, month: m, day: d)!
            #expect(date.description == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(StoreSchema.storedDate(date.description.replacingOccurrences(of: "-", with: "/")) == date)
        }
        #expect(StoreSchema.storedDate("2023/13/01") == nil)
    }
}
