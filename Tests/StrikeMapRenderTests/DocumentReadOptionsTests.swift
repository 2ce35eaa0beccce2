import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapRender
@testable import StrikeMapCore

/// The reading options in a map document: `data.dateOrder`, `data.columns`, `data.kindDefault`.
@Suite struct DocumentReadOptionsTests {
    @Test func readOptionsDecodeAndReachTheSchema() throws {
        let doc = try MapDocumentTests.decode(##"""
        {"data": {"events": ["a.csv"], "dateOrder": "mdy", "columns": {"date": "When", "lat": "N"}, "kindDefault": "strike"}}
        """##)
        #expect(doc.data.dateOrder == .mdy && doc.data.columns == ["date": "When", "lat": "N"] && doc.data.kindDefault == "strike")
        let again = try MapDocument.decode(doc.json(), source: "again.json")
        #expect(again.data == doc.data)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/schema/map-document.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(MiniSchema(root: schema).validate(try JSONSerialization.jsonObject(with: doc.json())).isEmpty)
    }

    @Test(arguments: [
        (##"{"data": {"dateOrder": "ymd"}}"##, "data.dateOrder: 'ymd' is not a date order; use dmy (day first) or mdy (month first)"),
        (##"{"data": {"columns": {"colour": "Red"}}}"##, "data.columns: columns: unknown field 'colour'"),
        (##"{"data": {"kindDefault": " "}}"##, "data.kindDefault: kind default: empty"),
    ])
    func badValuesNameTheirKey(text: String, expected: String) {
        do {
            _ = try MapDocumentTests.decode(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
