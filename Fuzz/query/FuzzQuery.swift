// libFuzzer harness: the HTTP service's query parser (`/map.png?QUERY`, read as the render
// command's flags). Any bytes give a document or a 400 with a message, never a crash, a hang or
// an error the service would answer 500; a document that is drawn reads back from its JSON.
import Foundation
import FuzzSupport
import StrikeMapCLI
import StrikeMapRender

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let query = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    switch MapQuery.outcome(query: query) {
    case .document(let doc):
        let printed = doc.json()
        guard let again = try? MapDocument.decode(printed, source: "printed"), again == doc else {
            preconditionFailure("the document of '\(query)' does not read back:\n\(String(decoding: printed, as: UTF8.self))")
        }
    case .badRequest(let message):
        precondition(!message.isEmpty, "an empty message for '\(query)'")
    case .serviceError(let message):
        preconditionFailure("'\(query)' gives a server error: \(message)")
    }
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
