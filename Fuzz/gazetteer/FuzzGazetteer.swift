// libFuzzer harness: gazetteer lookup with arbitrary (often malformed) UTF-8 names.
import Foundation
import FuzzSupport
import StrikeMapGeo
import StrikeMapCore

let gazetteer: Gazetteer = (try? GeoCatalog.load().gazetteer) ?? Gazetteer(sites: [])

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let query = String(decoding: UnsafeBufferPointer(start: bytes, count: min(count, 512)), as: UTF8.self)
    let matches = gazetteer.search(query, exhaustive: true)
    for m in matches { precondition(m.score >= 0 && m.score <= 1) }
    _ = try? gazetteer.resolve(query)
    _ = gazetteer.exactMatch(query)
    _ = NameKey.key(query)
    return 0
}


@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
