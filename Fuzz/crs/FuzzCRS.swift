// libFuzzer harness: the CRS check (CRSPolicy). Any text: no crash; whatever it takes names no
// file, no pipeline and no @-list, and PROJ then builds a projection from it or refuses it with
// a typed error, without opening a file.
import Foundation
import FuzzSupport
import StrikeMapGeo
import StrikeMapCore

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    guard let taken = try? CRSPolicy.check(text) else { return 0 }
    let lower = taken.lowercased()
    precondition(!lower.contains("+step") && !lower.contains("+init") && !lower.contains("grids="), "taken: \(taken)")
    if lower.hasPrefix("+") || lower.hasPrefix("proj=") { precondition(!taken.contains("@") && !taken.contains("/")) }
    _ = try? Projection(crs: taken)
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
