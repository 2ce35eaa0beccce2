// libFuzzer harness: the GeoJSON event reader (and its feature line finder).
import Foundation
import StrikeMapEvents
import StrikeMapGeo

let gazetteer: Gazetteer = (try? GeoCatalog.load().gazetteer) ?? Gazetteer(sites: [])

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    var data = Data("{".utf8)  // always looks like JSON, so the GeoJSON path runs
    data.append(bytes, count: count)
    if let report = try? EventLoader(gazetteer: gazetteer).read(data: data, name: "fuzz.geojson") {
        precondition(report.rowsRead == report.eventCount + report.skippedTotal + report.duplicatesTotal)
        for e in report.events { precondition(e.location.isValid) }
    }
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
