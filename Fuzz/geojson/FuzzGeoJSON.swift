// libFuzzer harness: the GeoJSON event reader (and its feature line finder).
import Foundation
import FuzzSupport
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

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


@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
