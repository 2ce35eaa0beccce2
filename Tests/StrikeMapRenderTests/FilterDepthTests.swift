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

    /// YAML's anchors reused in every layer (a 64 KB document expanded to millions of values:
    /// 33 s of CPU), "billion laughs", and nesting past the parser's recursion: each refused at
    /// once, naming the file and what to change.
    @Test func yamlThatExpandsOrNestsPastTheLimitsIsRefusedAtOnce() throws {
        var laughs = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            laughs += "\(name): &\(name) [" + Array(repeating: "*" + previous, count: 10).joined(separator: ",") + "]\n"
            previous = name
        }
        let symbolizers = "[" + Array(repeating: "{type: markers}", count: 30).joined(separator: ",") + "]"
        var reused = "layers:\n  - {id: l0, source: events, symbolizers: &s \(symbolizers)}\n"
        for i in 1..<4_000 { reused += "  - {id: l\(i), source: events, symbolizers: *s}\n" }
        let deep = "layers: " + String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000) + "\n"
        var blocks = "layers:\n"
        for depth in 0..<200 { blocks += String(repeating: "  ", count: depth + 1) + "- \n" }
        // A stray quote in a plain value does not hide the brackets on the lines after it.
        let stray = "furniture: {title: 5\" gun}\n" + deep
        let clock = ContinuousClock()
        for (name, text, words) in [("laughs", laughs, "aliases"), ("reused", reused, "aliases"),
                                    ("deep", deep, "nests more than"), ("blocks", blocks, "nests more than"),
                                    ("stray", stray, "nests more than")] {
            let started = clock.now
            do {
                _ = try MapDocument.decode(Data(text.utf8), source: "\(name).yaml")
                Issue.record("\(name) taken")
            } catch {
                #expect(error.source == "\(name).yaml" && error.message.contains(words), "\(name): \(error)")
            }
            #expect(clock.now - started < .seconds(5), "\(name) took \(clock.now - started)")
        }
        // A document with anchors within the limits reads as written.
        let ok = "layers:\n  - {id: a, source: events, symbolizers: &s [{type: markers}]}\n  - {id: b, source: events, symbolizers: *s}\n"
        let doc = try MapDocument.decode(Data(ok.utf8), source: "ok.yaml")
        #expect(doc.layers.count == 2 && doc.layers[1].symbolizers.count == 1)
    }

    /// Layers, symbolizers and classes past what a map can use are refused, in JSON as in YAML
    /// (a 941 KB document of 14,000 layers held a render slot for two minutes).
    @Test func aDocumentLargerThanAMapCanUseIsRefused() throws {
        func layers(_ n: Int) -> String {
            (0..<n).map { #"{"id": "l\#($0)", "source": "events", "symbolizers": [{"type": "markers"}]}"# }.joined(separator: ",")
        }
        let many = #"{"layers": ["# + layers(MapDocument.maxLayers + 1) + "]}"
        do { _ = try MapDocument.decode(Data(many.utf8), source: "many.json"); Issue.record("taken") } catch {
            #expect(error.keyPath == "layers" && error.message.contains("at most \(MapDocument.maxLayers)"), "\(error)")
        }
        let symbolizers = Array(repeating: #"{"type": "markers"}"#, count: MapDocument.maxSymbolizersPerLayer + 1).joined(separator: ",")
        let wide = #"{"layers": [{"id": "x", "source": "events", "symbolizers": ["# + symbolizers + "]}]}"
        do { _ = try MapDocument.decode(Data(wide.utf8), source: "wide.json"); Issue.record("taken") } catch {
            #expect(error.keyPath == "layers[0].symbolizers", "\(error)")
        }
        let enough = #"{"layers": ["# + layers(MapDocument.maxLayers) + "]}"
        #expect(try MapDocument.decode(Data(enough.utf8), source: "enough.json").layers.count == MapDocument.maxLayers)
    }

    /// Frames drawn at once fit in half the machine's memory: at the largest canvas (150
    /// megapixels, 1.35 GB a frame) an 8 GB machine draws three at once whatever its cores.
    @Test func framesAtOnceFitInMemory() {
        let gb: UInt64 = 1 << 30
        #expect(FrameSeries.workers(threads: 16, frames: 100, pixels: 150_000_000, memory: 8 * gb) == 3)
        #expect(FrameSeries.workers(threads: 16, frames: 100, pixels: 150_000_000, memory: 2 * gb) == 1)
        #expect(FrameSeries.workers(threads: 4, frames: 100, pixels: 1_920_000, memory: 8 * gb) == 4)
        #expect(FrameSeries.workers(threads: 4, frames: 2, pixels: 1_920_000, memory: 8 * gb) == 2)
    }
}
