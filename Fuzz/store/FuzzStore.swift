// libFuzzer harness: the event store's SQL. The input is split on NULs into an actor, a kind, a
// type and a country, which become a map's filters; they are pushed into a GeoPackage's SQL
// (quoted by StrikeMap, since GDAL passes no parameters) and applied again in memory, and the
// result must be exactly the in-memory filter's over the whole store: no quoting bug may drop,
// add or break a row, whatever the text. Each string also goes through the sources column's
// JSON writer and reader, which must give it back unchanged.
import Foundation
import FuzzSupport
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

let gazetteer = Gazetteer(sites: [])
let store: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strikemap-fuzz-store-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("s.gpkg").path
    // Actors and sources with every character SQL's LIKE or quoting treats specially.
    let actors = ["100% Brigade", "a_b group", "O'Brien's men", "back\\slash unit", "Ünal forces", "Kataib Hezbollah",
                  "plain", "%_'\\\"", "", "ALL CAPS", "mixed Case"]
    var csv = "id,date,kind,actor,lat,lon,country,sources\n"
    for (i, a) in actors.enumerated() {
        let quoted = "\"" + a.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        csv += "e\(i),2023-11-\(10 + i),\(i % 2 == 0 ? "attack" : "strike"),\(quoted),\(33 + Double(i) / 10),\(42 + Double(i) / 10),"
            + "\(i % 3 == 0 ? "IQ" : "SY"),\(quoted)\n"
    }
    let report = try! EventLoader(gazetteer: gazetteer).read(data: Data(csv.utf8), name: "fixture.csv")
    precondition(report.eventCount == actors.count, "fixture: \(report.issueGroups)")
    let s = try! EventStore(location: path, create: true)
    _ = try! s.upsert([(report.events, "fixture.csv", nil, 0)])
    return path
}()

func read(_ query: StoreQuery) -> [Event] {
    var options = ReadOptions()
    options.storeQuery = query
    return try! EventLoader(gazetteer: gazetteer, options: options).read(paths: [store], standardInput: nil).events
}
let everything = read(StoreQuery())

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let all = UnsafeBufferPointer(start: bytes, count: count)
    let parts = all.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    func part(_ i: Int) -> String? { i < parts.count && !parts[i].isEmpty ? parts[i] : nil }
    var filter = EventFilter()
    filter.actorContains = part(0)
    if let k = part(1) { filter.kinds = [k.lowercased()] }
    if let t = part(2) { filter.types = [t] }
    if let c = part(3) { filter.countries = [c] }
    let expected = filter.apply(everything).kept.map(\.id)
    let got = filter.apply(read(StoreQuery(filter))).kept.map(\.id)
    precondition(got == expected, "pushed filters changed the result: \(got) vs \(expected)")
    for p in parts {
        precondition(SourcesColumn.sourcesArray(SourcesColumn.sourcesJSON([p, "x"])) == [p, "x"])
    }
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
