// libFuzzer harness: the date-range grammar. The input is split on NUL into the values of
// --from, --to, --on, --last, --month and --week (empty = not given).
import Foundation
import FuzzSupport
import StrikeMapEvents
import StrikeMapCore

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    var parts = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    while parts.count < 7 { parts.append("") }
    func v(_ i: Int) -> String? { parts[i].isEmpty ? nil : parts[i] }
    let newest = CivilDate(iso: parts[6])
    if let r = try? DateRange.parse(from: v(0), to: v(1), on: v(2), last: v(3), month: v(4), week: v(5), newest: newest) {
        if let f = r.from, let t = r.to { precondition(f <= t) }
    }
    if let d = CivilDate(iso: parts[0]) {
        precondition(CivilDate(dayNumber: d.dayNumber) == d)
        precondition(CivilDate(iso: d.description) == d)
    }
    // The loose date scanner of the event readers: any text, no crash; a day it reads is a real day.
    switch LooseDate.parse(text) {
    case .day(let d), .range(let d): precondition(CivilDate(iso: d.description) == d)
    case let .numeric(a, b, y):
        for order in DateOrder.allCases { _ = LooseDate.resolve(first: a, second: b, year: y, order: order) }
    case .invalid: break
    }
    return 0
}


@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
