/// What kind of failure an error is, in the library's own terms. The command line turns it into
/// an exit code and the service into an HTTP status, both from this one value (`exitCode`,
/// `httpStatus`), so the two cannot drift apart.
public enum FailureCategory: String, Sendable, CaseIterable {
    /// A setting (flag, parameter, document key) with a bad value or in a bad combination.
    case usage
    /// Input whose content is wrong: a malformed file, a document that does not validate, no events.
    case badInput
    /// Input that is not there or cannot be opened.
    case notFound
    /// Past a limit: too many events, too large a file or canvas.
    case limit
    /// Something the run needs is missing from the machine (a tool, the shipped data).
    case unavailable
    /// Reading or writing failed part-way.
    case io
    /// An output that cannot be created.
    case cannotWrite
    /// StrikeMap's own fault.
    case internalError

    /// sysexits(3): 64 usage, 65 data, 66 no input, 69 unavailable, 70 software, 73 can't create, 74 I/O.
    public var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .badInput, .limit: return 65
        case .notFound: return 66
        case .unavailable: return 69
        case .internalError: return 70
        case .cannotWrite: return 73
        case .io: return 74
        }
    }

    /// The status a service answers with: the request's fault is a 4xx, the service's a 5xx.
    public var httpStatus: Int {
        switch self {
        // A request past a limit (a canvas, a selection) is a bad request; 413 is for bodies, which
        // the service answers itself.
        case .usage, .badInput, .notFound, .limit: return 400
        case .unavailable: return 503
        case .io, .cannotWrite, .internalError: return 500
        }
    }

    /// Whether the request (not the service) is at fault.
    public var isRequestFault: Bool { httpStatus < 500 }
}

/// Who reads an error message, and so how a setting is named in it: `--dpi` on the command line,
/// `dpi` to a service's client (a query parameter or a document's key).
public enum Audience: Sendable {
    case commandLine, service

    /// A setting by its long flag name (without dashes): `--dpi`, or `dpi`.
    public func setting(_ name: String) -> String { self == .commandLine ? "--\(name)" : name }
}

/// An error of StrikeMap's library: its category and its words for each audience. Messages name
/// settings through `Audience.setting`, never by rewriting another message's text.
public protocol StrikeMapError: Error, CustomStringConvertible {
    var category: FailureCategory { get }
    /// The message, with settings named for `audience`.
    func message(for audience: Audience) -> String
    /// The setting at fault (its long flag name), when one is: a service names it as the parameter.
    var setting: String? { get }
}

extension StrikeMapError {
    public func message(for audience: Audience) -> String { description }
    public var setting: String? { nil }
}
