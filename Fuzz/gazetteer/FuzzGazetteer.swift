// libFuzzer harness: gazetteer lookup with arbitrary (often malformed) UTF-8 names.
import Foundation
import StrikeMapGeo

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

// libFuzzer's driver, called from our own entry point: SwiftPM gives every executable a main,
// so libFuzzer's is not linked; LLVMFuzzerRunDriver runs the same engine with the same flags.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct Harness {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            fuzzOne(data ?? UnsafePointer(bitPattern: 1)!, size)
        }
        exit(status)
    }
}
