import Foundation
import Testing
@testable import StrikeMapCLI
@testable import StrikeMapServer

/// schemathesis (PyPI) reads /openapi.yaml from a service on loopback and sends it requests made
/// from the document: every operation, random and boundary parameter values. No answer may be a
/// 5xx, have a status, content type, header or body the document does not list. `make test` runs
/// the fuzzing phase on a fixed seed; `make test-api` adds the coverage phase (every boundary
/// value of every parameter, about 2,800 requests).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STRIKEMAP_TEST_SCHEMATHESIS"] != nil,
                "STRIKEMAP_TEST_SCHEMATHESIS is not set: `make test` installs schemathesis and runs this"))
struct OpenAPIConformanceTests {
    static let st = ProcessInfo.processInfo.environment["STRIKEMAP_TEST_SCHEMATHESIS"] ?? "st"
    static let phases = ProcessInfo.processInfo.environment["STRIKEMAP_SCHEMATHESIS_PHASES"] ?? "examples,fuzzing"
    /// Per operation: 12 in `make test` (to keep it short), 50 in `make test-api`.
    static let examples = ProcessInfo.processInfo.environment["STRIKEMAP_SCHEMATHESIS_EXAMPLES"] ?? "12"

    @Test func everyAnswerIsOneTheDocumentAllows() async throws {
        let run = try await withService { _, base in
            try await runOffPool(Self.st, [
                "run", base.absoluteString + "/openapi.yaml",
                "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance",
                "--phases", Self.phases, "--max-examples", Self.examples, "--seed", "20261203", "--no-shrink",
                // One worker: with two, both POST bodies' strategies are first validated at once, and
                // Python 3.11's ast (which Hypothesis uses to describe them) fails across threads
                // ("AST constructor recursion depth mismatch"): schemathesis's error, not the service's.
                "--request-timeout", "120", "--workers", "1", "--max-failures", "5",
            ])
        }
        let out = String(decoding: run.out, as: UTF8.self)
        #expect(run.status == 0, "\(out.suffix(6000))\n\(run.err.suffix(2000))")
        #expect(out.contains("No issues found"), "\(out.suffix(3000))")
        // Every operation was tried (but /openapi.yaml, which schemathesis reads as the schema);
        // a path may have two (GET and POST /spec).
        let tested = out.firstMatch(of: /Tested: (\d+)/).map { Int($0.1) ?? 0 } ?? 0
        let operations = ServiceRouteTable.routes.count
        #expect(operations >= ServiceRouteTable.paths.count)
        #expect(tested == operations - 1, "\(out.suffix(1500))")
    }
}
