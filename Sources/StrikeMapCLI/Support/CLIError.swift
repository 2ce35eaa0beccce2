@preconcurrency import Glibc
import ArgumentParser
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapRender
import StrikeMapCore

/// Prints an error the way every command does ("strikemap: error: ...") and maps it to a
/// sysexits-style exit code, so scripts can tell bad data from a bad flag.
enum CLIFailure {
    static func exit(for error: Error) -> ExitCode {
        let (message, code) = describe(error)
        Console.error("strikemap: error: \(message)")
        return ExitCode(code)
    }

    /// The error's message in the flags' words, and its exit code: both from the error's own
    /// category and words (`StrikeMapError`); the service answers from the same value.
    static func describe(_ error: Error) -> (message: String, code: Int32) {
        if let e = error as? StrikeMapError { return (e.message(for: .commandLine), e.category.exitCode) }
        // Not one of the library's errors (a system or package error): StrikeMap's own fault to handle.
        return ("\(error)", FailureCategory.internalError.exitCode)
    }
}

/// A flag combination that makes no sense; reported with exit 64.
struct UsageError: StrikeMapError {
    var description: String
    init(_ d: String) { description = d }
    var category: FailureCategory { .usage }
}

enum Console {
    /// One line to stderr. Text from the data may hold control characters (an ESC that would
    /// recolour or retitle the terminal, a stray carriage return): they are shown escaped.
    static func error(_ s: String) {
        fputs(printable(s) + "\n", stderr)
    }

    static func printable(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c.value {
            case 0x0A, 0x09: out.unicodeScalars.append(c)
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += String(format: "\\u{%02X}", c.value)
            case 0x202A...0x202E, 0x2066...0x2069:
                // Bidi overrides and isolates from the data would reorder the rest of the line.
                out += String(format: "\\u{%04X}", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
