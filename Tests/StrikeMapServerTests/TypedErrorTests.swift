import Foundation
import Hummingbird
import Testing
@testable import StrikeMapCLI
@testable import StrikeMapServer
import StrikeMapCore
import StrikeMapEvents
import StrikeMapGeo
@testable import StrikeMapRender

/// One value, two wordings: a library error's category gives both the command line's exit code
/// and the service's HTTP status, and its words name settings as flags for the one and as
/// parameters for the other — made, not rewritten.
@Suite struct TypedErrorTests {
    static let day = CivilDate(year: 2023, month: 11, day: 20)!
    /// One error of each library type and most categories, with the flag its command-line words name.
    static let errors: [(error: any StrikeMapError, flag: String?)] = [
        (GeoError.unknownRegion("atlantis", known: ["iraq", "syria"]), "--bbox"),
        (GeoError.ambiguousSite("Harad", candidates: ["a", "b"]), "--country"),
        (GeoError.dataDirectoryNotFound(searched: ["/x"]), nil),
        (GeoError.vectorOpen(path: "x.geojson", message: "no such file"), nil),
        (DateRangeError.reversed(from: day, to: day.adding(days: -3)), "--from"),
        (CSVError.recordTooLong(file: "a.csv", line: 3, limit: 1 << 20), "--max-record"),
        (CSVError.unreadable(file: "a.csv", message: "input/output error"), nil),
        (EventReadError.ambiguousDateOrder(file: "a.csv", column: "date", line: 2, value: "01/02/2023"), "--date-order"),
        (EventReadError.tooManyEvents(file: "a.csv", line: 9, limit: 2_000_000), "--bbox"),
        (EventReadError.notEventsFile(file: "a.geojson", features: 3, geometry: "Polygon"), "--layer"),
        (StoreError.open("x.gpkg", "no such store"), nil),
        (RenderError.invalidDPI(5000), "--dpi"),
        (RenderError.tooManyPixels(width: 20000, height: 20000, megapixels: 150), "--width"),
        (RenderError.noteNotPlaced(at: "Baghdad"), "--radius"),
        (RenderError.cannotWrite(path: "/x/y.png", message: "no such folder"), nil),
        (RenderError.ioError(path: "/x/y.png", message: "disk full"), nil),
        (RenderError.cairo(operation: "fill", status: "no memory"), nil),
        (SelectionError(field: "kinds", asked: ["strik"], present: ["strike", "attack"]), "--kind"),
        (FileAccessError.outsideFolders(path: "/etc/passwd", key: "layer 'x'"), nil),
        (DocumentError(source: "doc.json", keyPath: "page.width", message: "expected a number"), nil),
    ]

    @Test func theExitCodeAndTheStatusComeFromTheSameCategory() {
        var categories = Set<FailureCategory>()
        for (e, flag) in Self.errors {
            categories.insert(e.category)
            let (message, code) = CLIFailure.describe(e)
            #expect(code == e.category.exitCode, "\(e)")
            #expect(message == e.message(for: .commandLine))
            let response = ServiceRoutes.problem(e)
            if e is StoreError {
                // The store is the service's own data, never the request's fault: 503 (or 500),
                // in words that do not name it.
                #expect(response.status.code == 503, "\(e)")
                continue
            }
            #expect(Int(response.status.code) == e.category.httpStatus, "\(e)")
            // The request's fault is a 4xx, the service's a 5xx.
            #expect((response.status.code < 500) == e.category.isRequestFault)
            // Settings are flags on the command line, parameters to the service.
            let service = e.message(for: .service)
            #expect(!service.contains("--"), "\(service)")
            if let flag {
                #expect(message.contains(flag), "\(message)")
                // Settings of the data a service was started with are not a request's to change:
                // those messages say what to do without naming them.
                let dataSettings = ["--max-record", "--date-order"]
                if !dataSettings.contains(flag) && !(e is EventReadError) {
                    #expect(service.contains(String(flag.dropFirst(2))), "\(service)")
                }
            }
        }
        #expect(categories.isSuperset(of: [.usage, .badInput, .notFound, .limit, .unavailable, .io, .cannotWrite, .internalError]))
    }

    @Test func everyCategoryHasItsOwnCodeAndAStatus() {
        let codes = FailureCategory.allCases.map(\.exitCode)
        #expect(Set(codes).count == FailureCategory.allCases.count - 1, "limit and bad input share 65 (EX_DATAERR)")
        #expect(FailureCategory.unavailable.httpStatus == 503 && FailureCategory.internalError.httpStatus == 500)
        #expect(FailureCategory.allCases.filter(\.isRequestFault) == [.usage, .badInput, .notFound, .limit])
    }

    /// The parameter a service names is the error's setting.
    @Test func theServiceNamesTheSettingAsTheParameter() {
        #expect(SelectionError(field: "countries", asked: [], present: []).setting == "country")
        #expect(RenderError.invalidDPI(1).setting == "dpi")
        #expect(GeoError.unknownRegion("x", known: []).setting == "region")
    }
}
