import Foundation
import Testing
@testable import StrikeMapRender
@testable import StrikeMapCore

/// A period asked past the data's first or last date is stated as far as the data go, and says so.
@Suite struct StatedPeriodTests {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    func r(_ a: String?, _ b: String?) -> DateRange { try! DateRange(from: a.map(d), to: b.map(d)) }

    @Test func theEndIsCutToTheData() {
        let (range, note) = MapText.statedPeriod(r("2020-03-01", "2020-03-31"), data: r("2020-01-01", "2020-03-21"))
        #expect(range == r("2020-03-01", "2020-03-21"))
        #expect(note == "data end 21 Mar")
        #expect(MapText.span(range, events: []) == "1 – 21 Mar 2020")
    }

    @Test func bothEndsAndYears() {
        let (range, note) = MapText.statedPeriod(r("2019-12-01", "2020-12-31"), data: r("2020-01-15", "2020-03-21"))
        #expect(range == r("2020-01-15", "2020-03-21"))
        #expect(note == "data start 15 Jan 2020, data end 21 Mar")
    }

    @Test func insideOrUnknownSaysNothing() {
        #expect(MapText.statedPeriod(r("2020-02-01", "2020-02-29"), data: r("2020-01-01", "2020-03-21")).note == nil)
        #expect(MapText.statedPeriod(r("2020-02-01", "2020-02-29"), data: nil).note == nil)
        #expect(MapText.statedPeriod(.all, data: r("2020-01-01", "2020-03-21")).note == nil)
        // An open end past the data is cut too.
        let (range, note) = MapText.statedPeriod(r(nil, "2020-12-31"), data: r("2020-01-01", "2020-03-21"))
        #expect(range.to == d("2020-03-21") && note == "data end 21 Mar")
    }

    @Test func outsideTheDataSaysWhereTheyAre() {
        let (range, note) = MapText.statedPeriod(r("2021-05-01", "2021-05-31"), data: r("2020-01-01", "2020-03-21"))
        #expect(range == r("2021-05-01", "2021-05-31"))
        #expect(note == "the data run 1 Jan – 21 Mar 2020")
    }
}
