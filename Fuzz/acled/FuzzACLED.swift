// libFuzzer harness: the ACLED reader, behind a real ACLED header so rows reach the parser.
import Foundation
import FuzzSupport
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

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


@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
