import Foundation
import StrikeMapCore
import StrikeMapRender

/// A request's query parameters read as the render command's flags:
/// `?region=iraq&from=2023-11-01&graticule=1` is `strikemap render --region iraq --from
/// 2023-11-01 --graticule`, parsed and validated by the command's own parser (lent by the CLI in
/// a `ServiceVocabulary`), so the service and the CLI cannot disagree on a name, a meaning or a
/// limit. A parameter that would read or write a file, or reach data other than the service's,
/// is refused.
public struct MapQuery: Sendable {
    public let vocabulary: ServiceVocabulary
    /// The render command's long names and whether each takes a value.
    let parameters: [String: Kind]

    public init(vocabulary: ServiceVocabulary) {
        self.vocabulary = vocabulary
        parameters = Dictionary(vocabulary.flags.map { ($0.name, $0.isSwitch ? Kind.flag : .option) }, uniquingKeysWith: { a, _ in a })
    }

    /// A parameter the service cannot take, or a value the render command rejects: a 400.
    struct ParameterError: Error, Sendable, CustomStringConvertible {
        /// The query parameter at fault (nil when the message names none).
        var parameter: String?
        var message: String
        var description: String { message }
    }

    enum Kind: Sendable { case option, flag }

    /// Parameters that read or write files, or choose data other than the service's: never
    /// taken from a request (the service is started with its data; maps go in the response).
    static let refused: [String: String] = {
        var r: [String: String] = [:]
        for p in ["events", "acled-map", "strict", "date-order", "columns", "kind-default", "max-record", "source-name"] {
            r[p] = "the service draws the data it was started with"
        }
        r["crs-files"] = "a request cannot make the service open PROJ files; give the CRS as a code, one projection or WKT"
        for p in ["spec", "style"] {
            r[p] = "a request cannot name a document or style file on the server; POST /map takes a whole map document, its style inline"
        }
        for p in ["out", "manifest", "caption", "embed", "print-spec", "quiet", "version", "help"] {
            r[p] = "the response is the map; /spec gives the document and the headers the counts"
        }
        r["format"] = "the path says the format: /map.png, /map.svg or /map.pdf"
        return r
    }()

    /// Query items as render flags, in the order given (a repeated parameter repeats its flag).
    /// Parameters a query may hold, and values one parameter may repeat: far past any real map
    /// (its rings, highlights, notes), and each costs work — 3,000 `ring=` in a 78 KB query took
    /// 5 s per map.
    static let maxParameters = 200
    static let maxRepeats = 32

    func arguments(_ items: [(name: String, value: String)]) throws(ParameterError) -> [String] {
        if items.count > Self.maxParameters {
            throw ParameterError(parameter: nil, message: "\(items.count) parameters; a map takes at most \(Self.maxParameters): post a map document to /map for more")
        }
        var repeats: [String: Int] = [:]
        for (name, _) in items {
            repeats[name, default: 0] += 1
            if repeats[name]! > Self.maxRepeats {
                throw ParameterError(parameter: name, message: "parameter '\(name)' is given more than \(Self.maxRepeats) times; a map takes at most \(Self.maxRepeats)")
            }
        }
        // A control character means nothing in a map's words or a filter; a NUL in a store filter
        // reached the database (which failed naming the store). Refused as the request's fault.
        for (name, value) in items {
            if let c = value.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw ParameterError(parameter: name, message: "parameter '\(name)' holds a control character (U+\(String(format: "%04X", c.value))); remove it")
            }
        }
        var args: [String] = []
        for (name, value) in items {
            if let why = Self.refused[name] { throw ParameterError(parameter: name, message: "parameter '\(name)' is not taken here: \(why)") }
            guard let kind = parameters[name] else {
                let near = parameters.keys.filter { Self.refused[$0] == nil }
                    .min { Self.editDistance($0, name) < Self.editDistance($1, name) }
                let guess = near.flatMap { Self.editDistance($0, name) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
                throw ParameterError(parameter: name, message: "unknown parameter '\(name)'\(guess); the parameters are the flags of strikemap render, listed in /openapi.yaml")
            }
            switch kind {
            case .option:
                // One argument, so that a value such as "-5" is not taken for a flag.
                args.append("--\(name)=\(value)")
            case .flag:
                switch value.lowercased() {
                case "", "1", "true", "yes", "on": args.append("--\(name)")
                case "0", "false", "no", "off":
                    // `inset=false` is `--no-inset` where the flag has one; otherwise nothing.
                    if parameters["no-\(name)"] != nil { args.append("--no-\(name)") }
                default:
                    throw ParameterError(parameter: name, message: "parameter '\(name)' is on or off: give \(name)=true or \(name)=false, not '\(value)'")
                }
            }
        }
        return args
    }

    /// The map document a request asks for: its parameters through the render command's parser,
    /// with the service's data and the path's format.
    func document(_ items: [(name: String, value: String)], events: [String], format: OutputFormat) throws -> MapDocument {
        let args = try arguments(items) + events.flatMap { ["--events", $0] } + ["--format", format.rawValue]
        // The render command's parser and option groups speak in flags (their checks are the
        // CLI's own, which is the point of one parser): at this one boundary their words become
        // parameters. The library's typed errors pass through, to be worded for the service.
        func parameterError(_ message: String) -> ParameterError {
            let flag = message.firstMatch(of: /--([a-z][a-z0-9-]*)/).map { String($0.1) }
            let worded = message.replacingOccurrences(of: #"--([a-z][a-z0-9-]*)"#, with: "$1", options: .regularExpression)
            return ParameterError(parameter: flag, message: worded)
        }
        do {
            return try vocabulary.document(args)
        } catch let e as ServiceVocabulary.Refusal {
            throw parameterError(e.message)
        }
    }

    /// Parameters that name a file for a layer; the service opens it only under its data folders.
    static let fileParameters = ["layer", "by-layer", "highlight-layer"]

    /// Refuses a document built from a query when one of its layers names a file `access` does
    /// not allow, naming the parameter that gave it (and never whether the file exists).
    static func checkFiles(_ doc: MapDocument, items: [(name: String, value: String)], access: FileAccess) throws(ParameterError) {
        do { try doc.checkMapFiles(access) } catch {
            let file = doc.mapFilesRead.first { $0.key == error.key }?.path
            let parameter = items.first { fileParameters.contains($0.name) && file.map($0.value.hasPrefix) == true }?.name
                ?? fileParameters.first { n in items.contains { $0.name == n } }
            // The refusal's own words, with the parameter where the document's key would be.
            let key = "parameter '\(parameter ?? "layer")'"
            let worded: FileAccessError
            switch error {
            case .noFilesTaken(let path, _): worded = .noFilesTaken(path: path, key: key)
            case .outsideFolders(let path, _): worded = .outsideFolders(path: path, key: key)
            case .notAFile(let path, _): worded = .notAFile(path: path, key: key)
            case .notAFolder: worded = error
            }
            throw ParameterError(parameter: parameter, message: worded.description)
        }
    }

    /// How the service answers a raw query string (what follows `?` in `/map.png?...`): the
    /// document it draws, or a 400 (the request's fault) or a 500 (the service's) with the
    /// message. Every query should give a document or a 400: the fuzz harness holds it to that.
    public enum Outcome: Sendable {
        case document(MapDocument)
        case badRequest(String)
        case serviceError(String)
    }

    public func outcome(query: String) -> Outcome {
        do {
            let items = ServiceRoutes.queryItems(query)
            let doc = try document(items, events: [], format: .png)
            // A service started with no --data-dir (the default) opens no file a request names.
            try Self.checkFiles(doc, items: items, access: .none)
            return .document(doc)
        } catch let e as ParameterError {
            return .badRequest(e.message)
        } catch let e as StrikeMapError {
            let message = e.message(for: .service)
            return e.category.isRequestFault ? .badRequest(message) : .serviceError(message)
        } catch {
            return .serviceError("\(error)")
        }
    }

    /// Edit distance with swapped neighbours as one edit (optimal string alignment), for "did
    /// you mean": `widht` is one from `width`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
