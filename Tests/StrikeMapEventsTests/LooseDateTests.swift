import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapCore

/// Each date form people have, one by one.
@Suite struct LooseDateTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }

    @Test(arguments: [
        ("2023-11-21", d(2023, 11, 21)), ("2023-11-21T14:00:00Z", d(2023, 11, 21)), ("2023-11-21 14:00", d(2023, 11, 21)),
        ("2012-08-5", d(2012, 8, 5)), ("2023_11_21", d(2023, 11, 21)), ("2023/11/21", d(2023, 11, 21)),
        ("21 March 2020", d(2020, 3, 21)), ("21 Mar 2020", d(2020, 3, 21)), ("1 Sept 2019", d(2019, 9, 1)),
        ("21-Nov-2023", d(2023, 11, 21)), ("9-May-20", d(2020, 5, 9)), ("9-May-99", d(1999, 5, 9)),
        ("9-May-69", d(2069, 5, 9)), ("9-May-70", d(1970, 5, 9)), ("March 2, 2011", d(2011, 3, 2)),
        ("march 2 2011", d(2011, 3, 2)), ("21 March 2020 14:00", d(2020, 3, 21)), ("2023-11-21T14Z:00", d(2023, 11, 21)), ("2nd March 2011", d(2011, 3, 2)), ("  21 March 2020 ", d(2020, 3, 21)),
    ])
    func singleDays(text: String, date: CivilDate) {
        #expect(LooseDate.parse(FastTextTrimmed(text)) == .day(date), "\(text)")
    }

    @Test(arguments: [
        ("2012-2013", d(2012, 1, 1)), ("March 2–5, 2011", d(2011, 3, 2)), ("March 2-5, 2011", d(2011, 3, 2)),
        ("2-5 March 2011", d(2011, 3, 2)), ("2 – 5 March 2011", d(2011, 3, 2)), ("March 2011", d(2011, 3, 1)),
        ("2011", d(2011, 1, 1)),
        // Two dates joined by a dash or "to", the year perhaps once at the end.
        ("March 15, 2011 - May 1, 2011", d(2011, 3, 15)), ("April 1 - April 3, 2015", d(2015, 4, 1)),
        ("15 March - 1 May 2011", d(2011, 3, 15)), ("2011-03-15 to 2011-05-01", d(2011, 3, 15)),
        ("2011-03-15/2011-05-01", d(2011, 3, 15)), ("Dec 30, 2014 – Jan 2, 2015", d(2014, 12, 30)),
    ])
    func rangesGiveTheirFirstDay(text: String, first: CivilDate) {
        #expect(LooseDate.parse(text) == .range(first), "\(text)")
    }

    @Test func numericDatesWaitForTheFilesOrder() {
        #expect(LooseDate.parse("28/03/2015") == .numeric(first: 28, second: 3, year: 2015))
        #expect(LooseDate.parse("03.28.2015") == .numeric(first: 3, second: 28, year: 2015))
        #expect(LooseDate.parse("5-3-2015") == .numeric(first: 5, second: 3, year: 2015))
        #expect(LooseDate.parse("5/3/15") == .numeric(first: 5, second: 3, year: 2015))
        #expect(LooseDate.parse("3/28/2015 2:00 PM") == .numeric(first: 3, second: 28, year: 2015))
        #expect(LooseDate.resolve(first: 5, second: 3, year: 2015, order: .dmy) == Self.d(2015, 3, 5))
        #expect(LooseDate.resolve(first: 5, second: 3, year: 2015, order: .mdy) == Self.d(2015, 5, 3))
        #expect(LooseDate.resolve(first: 28, second: 3, year: 2015, order: .mdy) == nil)
    }

    @Test(arguments: ["", "yesterday", "2023-02-31", "31 February 2023", "2023-13-01", "March 5-2, 2011", "2013-2012",
                      "21 Marchember 2020", "12345", "2023-11-21-05", "21/11", "14:00", "43921", "0999",
                      "May 1, 2011 - March 15, 2011", "April 1 - someday"])
    func notDates(text: String) {
        #expect(LooseDate.parse(text) == .invalid, "\(text)")
    }

    @Test func theFileDecidesTheOrder() throws {
        func decide(_ values: [String]) throws -> DateOrder {
            try DateColumn.decide(values.enumerated().map { ($0.offset + 2, $0.element) }, file: "f.csv", column: "Date")
        }
        #expect(try decide(["01/02/2015", "28/03/2015"]) == .dmy)
        #expect(try decide(["01/02/2015", "03/28/2015"]) == .mdy)
        #expect(try decide(["05/05/2015"]) == .dmy)  // day = month: either order gives the same day
        do { _ = try decide(["01/02/2015", "28/03/2015", "03/28/2015"]); Issue.record("mixed accepted") } catch {
            let text = "\(error)"
            #expect(text.contains("line 3 has '28/03/2015'") && text.contains("line 4 has '03/28/2015'"), "\(text)")
        }
        do { _ = try decide(["01/02/2015", "03/04/2015"]); Issue.record("ambiguous accepted") } catch {
            #expect("\(error)".contains("f.csv: column 'Date': cannot tell whether dates such as '01/02/2015' (line 2)"))
        }
    }
}

private func FastTextTrimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }
