// libFuzzer harness: the CSV tokenizer and the StrikeMap CSV reader on arbitrary bytes.
import Foundation
import FuzzSupport
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

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


@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
