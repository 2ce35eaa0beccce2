// libFuzzer harness: the CSV tokenizer and the StrikeMap CSV reader on arbitrary bytes.
import Foundation
import StrikeMapEvents
import StrikeMapGeo

let gazetteer: Gazetteer = (try? GeoCatalog.load().gazetteer) ?? Gazetteer(sites: [])

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    if let reader = try? CSVReader(data: data, name: "fuzz.csv") {
        var n = 0
        while let record = try? reader.next() {
            precondition(record.line >= 1)
            n += 1
            if n > 100_000 { break }
        }
    }
    _ = try? EventLoader(gazetteer: gazetteer).read(data: data, name: "fuzz.csv")
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
