// libFuzzer harness: the ACLED reader, behind a real ACLED header so rows reach the parser.
import Foundation
import StrikeMapEvents
import StrikeMapGeo

let gazetteer: Gazetteer = (try? GeoCatalog.load().gazetteer) ?? Gazetteer(sites: [])
let header = Data("event_id_cnty,event_date,year,event_type,sub_event_type,actor1,inter1,actor2,iso,country,location,latitude,longitude,geo_precision,source,notes,fatalities\n".utf8)

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    var data = header
    data.append(bytes, count: count)
    if let report = try? EventLoader(gazetteer: gazetteer).read(data: data, name: "acled.csv") {
        precondition(report.rowsRead == report.eventCount + report.skippedTotal + report.duplicatesTotal)
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
