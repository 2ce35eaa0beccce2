// libFuzzer harness: the map document (--spec FILE), JSON or YAML. Any bytes give a document or a
// DocumentError, never a crash; a document that reads is written by --print-spec as JSON that
// reads back to the same document.
import Foundation
import FuzzSupport
import StrikeMapRender

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    guard let doc = try? MapDocument.decode(data, source: "fuzz") else { return 0 }
    let printed = doc.json()
    do {
        let again = try MapDocument.decode(printed, source: "printed")
        precondition(again == doc, "the printed document reads back differently:\n\(String(decoding: printed, as: UTF8.self))")
    } catch {
        preconditionFailure("the printed document does not read back: \(error)\n\(String(decoding: printed, as: UTF8.self))")
    }
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
