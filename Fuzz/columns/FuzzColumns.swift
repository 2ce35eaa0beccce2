// libFuzzer harness: a CSV read with a user's column mapping (--columns) and record limit
// (--max-record). The input is split on the first NUL: the mapping text, then the CSV. Any bytes
// give events or a typed error, never a crash; every event read is dated and placed on the globe.
import Foundation
import FuzzSupport
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

let gazetteer = Gazetteer(sites: [])

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let all = UnsafeBufferPointer(start: bytes, count: count)
    let cut = all.firstIndex(of: 0) ?? count
    let mappingText = String(decoding: UnsafeBufferPointer(rebasing: all[0..<cut]), as: UTF8.self)
    let csv = Data(UnsafeBufferPointer(rebasing: all[min(count, cut + 1)...]))
    _ = ReadOptions.parseSize(mappingText)
    guard let columns = try? ReadOptions.parseColumns(mappingText) else { return 0 }
    var options = ReadOptions(columns: columns)
    options.maxRecordBytes = 4096
    options.maxEvents = 1000
    guard (try? options.validate()) != nil else { return 0 }
    let loader = EventLoader(gazetteer: gazetteer, options: options)
    guard let report = try? loader.read(paths: ["-"], standardInput: csv) else { return 0 }
    precondition(report.events.count == report.eventCount && report.eventCount <= 1000)
    for e in report.events {
        precondition(e.location.lat.isFinite && abs(e.location.lat) <= 90 && abs(e.location.lon) <= 180)
        precondition(CivilDate(iso: e.date.description) == e.date)
    }
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
