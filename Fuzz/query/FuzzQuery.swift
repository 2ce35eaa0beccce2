// libFuzzer harness: the HTTP service's query parser (`/map.png?QUERY`, read as the render
// command's flags). Any bytes give a document or a 400 with a message, never a crash, a hang or
// an error the service would answer 500; a document that is drawn reads back from its JSON.
import Foundation
import FuzzSupport
import StrikeMapCLI
import StrikeMapRender
import StrikeMapServer

/// The query reader as `serve` has it: the render command's flags and parser.
let query = MapQuery(vocabulary: .renderCommand)

func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    switch query.outcome(query: text) {
    case .document(let doc):
        let printed = doc.json()
        guard let again = try? MapDocument.decode(printed, source: "printed"), again == doc else {
            preconditionFailure("the document of '\(text)' does not read back:\n\(String(decoding: printed, as: UTF8.self))")
        }
    case .badRequest(let message):
        precondition(!message.isEmpty, "an empty message for '\(text)'")
    case .serviceError(let message):
        preconditionFailure("'\(text)' gives a server error: \(message)")
    }
    return 0
}

@main
struct Harness {
    static func main() { FuzzDriver.run(fuzzOne) }
}
