// libFuzzer harness: the layer filter language (FeatureFilter). Any text: parsed or refused with
// a typed error, never a crash or a stack overflow (40,000 `not` and 60,000 nested parentheses
// once overflowed it); a filter that parses evaluates against any properties, and its negation
// evaluates to the opposite.
import Foundation
import FuzzSupport
import StrikeMapRender

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    guard let filter = try? FeatureFilter(text) else { return 0 }
    // Properties drawn from the input itself, so the fuzzer reaches both outcomes.
    let words = text.split { !$0.isLetter && !$0.isNumber }.prefix(8).map(String.init)
    var props: [String: String] = [:]
    for (i, w) in words.enumerated() { props[w] = words[(i + 1) % words.count] }
    let field = { (name: String) in props[name] }
    let result = filter.matches(field, variables: ["eventCountries": Set(words.prefix(2))])
    if let negated = try? FeatureFilter("not (" + text + ")") {
        precondition(negated.matches(field, variables: ["eventCountries": Set(words.prefix(2))]) == !result, "not (\(text))")
    }
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
