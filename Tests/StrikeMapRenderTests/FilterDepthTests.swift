import Foundation
import Testing
@testable import StrikeMapRender

/// No filter text can make parsing, evaluating or freeing the filter recurse past the stack:
/// `not` runs are read in a loop and cancel in pairs, `and`/`or` hold their terms side by side,
/// parentheses nest at most `maxDepth` deep, and a filter has at most `maxTerms` comparisons.
@Suite struct FilterDepthTests {
    func props(_ d: [String: String]) -> (String) -> String? { { d[$0] } }

    @Test func notsAreALoop() throws {
        // The issue's 40,000 `not`s (160 KB) are refused on length, before any parsing.
        #expect(throws: FilterSyntaxError.self) { _ = try FeatureFilter(String(repeating: "not ", count: 40_000) + "a == 1") }
        // Within the length, a run of them is read in a loop, and pairs cancel.
        let even = try FeatureFilter(String(repeating: "not ", count: 10_000) + "kind == 'strike'")
        #expect(even.matches(props(["kind": "strike"])))
        let odd = try FeatureFilter(String(repeating: "not ", count: 10_001) + "kind == 'strike'")
        #expect(!odd.matches(props(["kind": "strike"])) && odd.matches(props(["kind": "attack"])))
    }

    @Test func deepParenthesesAreRefused() throws {
        let deep = String(repeating: "(", count: 30_000) + "a == 1" + String(repeating: ")", count: 30_000)
        do { _ = try FeatureFilter(deep); Issue.record("taken") } catch {
            #expect(error.message.contains("nested deeper than \(FeatureFilter.maxDepth)"), "\(error)")
        }
        // Up to the limit, read and evaluated as written.
        let n = FeatureFilter.maxDepth
        let ok = try FeatureFilter(String(repeating: "(", count: n) + "a == 1" + String(repeating: ")", count: n))
        #expect(ok.matches(props(["a": "1"])) && !ok.matches(props(["a": "2"])))
    }

    @Test func aLongChainIsRefusedAndAShortOneHoldsItsTerms() throws {
        let long = (0..<100_000).map { "f\($0) == 1" }.joined(separator: " and ")
        do { _ = try FeatureFilter(long); Issue.record("taken") } catch {
            #expect(error.message.contains("comparisons") || error.message.contains("KiB"), "\(error)")
        }
        let terms = (0..<FeatureFilter.maxTerms).map { "f\($0) == 1" }
        var all: [String: String] = [:]
        for i in 0..<FeatureFilter.maxTerms { all["f\(i)"] = "1" }
        let and = try FeatureFilter(terms.joined(separator: " and "))
        #expect(and.matches(props(all)))
        all["f100"] = "2"
        #expect(!and.matches(props(all)))
        let or = try FeatureFilter(terms.joined(separator: " or "))
        #expect(or.matches(props(["f255": "1"])) && !or.matches(props([:])))
        // Precedence as before: and binds tighter than or.
        let mixed = try FeatureFilter("a == 1 or b == 1 and c == 1")
        #expect(mixed.matches(props(["a": "1"])) && !mixed.matches(props(["b": "1"])) && mixed.matches(props(["b": "1", "c": "1"])))
    }

    @Test func aDocumentWithADeepFilterIsAnErrorNotACrash() throws {
        let filter = String(repeating: "(", count: 60_000) + "a == 1" + String(repeating: ")", count: 60_000)
        let json = #"{"layers": [{"id": "x", "source": "events", "filter": ""# + filter + #"", "symbolizers": []}]}"#
        #expect(throws: DocumentError.self) { _ = try MapDocument.decode(Data(json.utf8), source: "test") }
    }
}
