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

    /// The error's message in the flags' words, and its exit code (the service answers with the
    /// same words: 400 where the code says the request's input was at fault).
    static func describe(_ error: Error) -> (message: String, code: Int32) {
        let (message, code): (String, Int32) = {
            switch error {
            case let e as EventReadError:
                switch e {
                case .csv(let c): return (CLIFailure.worded(c), CLIFailure.code(for: c))
                case .ambiguousDateOrder:
                    return (e.description.replacingOccurrences(of: "give the date order", with: "give --date-order dmy or --date-order mdy"), 65)
                case .notEventsFile:
                    return (e.description.replacingOccurrences(of: "give it as a layer", with: "give it with --layer FILE"), 65)
                case .unrecognisedColumns:
                    return (e.description.replacingOccurrences(of: "with the columns option", with: "with --columns"), 65)
                case .unknownColumn:
                    return ("--columns: " + e.description, 64)
                case .store(let s):
                    if case .open(_, let m) = s, m.hasPrefix("no such store") { return (e.description, 66) }
                    return (e.description, 65)
                case .tooManyEvents:
                    return (e.description.replacingOccurrences(of: "Narrow the input (a date range, a region) or count it without drawing",
                                                               with: "narrow it with --from/--to or --bbox, or count it with events --stats (which streams any size)"), 65)
                default: return (e.description, 65)
                }
            case let e as CSVError: return (CLIFailure.worded(e), CLIFailure.code(for: e))
            case let e as StoreError: return (e.description, 65)
            case let e as DateRangeError: return (e.worded(prefix: "--"), 64)
            case let e as GeoError:
                switch e {
                case .unknownRegion:
                    return (e.description.replacingOccurrences(of: "(or give a box W,S,E,N)", with: "(or give --bbox W,S,E,N)"), 64)
                case .ambiguousSite:
                    return (e.description.replacingOccurrences(of: "give a country or a kind", with: "add --country or --kind"), 64)
                case .dataDirectoryNotFound, .outsideBasemap: return (e.description, 69)
                case .vectorOpen(_, let m) where m == "no such file": return (e.description, 66)
                case .rasterOpen(_, let m) where m == "no such file": return (e.description, 66)
                case .rasterOpen: return (e.description, 65)
                case .vectorOpen, .fileUnreadable, .gazetteerRow: return (e.description, 65)
                default: return (e.description, 64)
                }
            case let e as RenderError:
                switch e {
                case .cannotWrite: return (e.description, 73)
                case .invalidDPI(let d):
                    return ("--dpi \(d.formatted()) is out of range; use 36 to 1200 (72 for screens, 150-300 for print)", 64)
                case let .formatConflict(format, path):
                    return ("--format \(format) but --out \(path) names another format; make them agree or drop --format", 64)
                case .ioError, .streamError: return (e.description, 74)
                case .tooMuch: return (e.description, 65)
                case .unknownArea, .noteOffMap: return ("--" + e.description, 64)
                case .noteNotPlaced: return (e.description, 65)
                case .invalidSize:
                    return (e.description.replacingOccurrences(of: "lower the resolution (dpi) or the page size", with: "lower --dpi or --width/--height"), 64)
                case .unknownFormat: return (e.description, 64)
                default: return (e.description, 70)
                }
            case let e as SelectionError:
                let flag = ["kinds": "--kind", "types": "--type", "actor": "--actor", "countries": "--country"][e.field] ?? e.field
                return (e.description.replacingOccurrences(of: "has \(e.field) ", with: "matches \(flag) "), 65)
            case let e as UsageError: return (e.description, 64)
            // A file a document names that this run may not open (a service's data folders).
            case let e as FileAccessError: return (e.description, 66)
            case let e as DocumentError: return (e.description, 65)
            case let e as UnreadableInput: return (e.description, 66)
            case let e as NoValidRows: return (e.description, 65)
            case let e as MissingTool: return (e.description, 69)
            case let e as BasemapBinary.Error: return (e.description, 69)
            case let e as StyleFileError:
                if case .unreadable = e { return (e.description, 66) }
                return (e.description, 65)
            case let e as CustomStringConvertible: return (e.description, 70)
            default: return ("\(error)", 70)
            }
        }()
        return (message, code)
    }
}

extension CLIFailure {
    /// 66 for input that cannot be opened, 74 for a read that failed part-way, 65 for bad content.
    /// A CSV error in the words of the flags.
    static func worded(_ e: CSVError) -> String {
        e.description.replacingOccurrences(of: "raise the record limit", with: "raise the limit with --max-record (e.g. --max-record 16M)")
    }

    static func code(for e: CSVError) -> Int32 {
        switch e {
        case .unreadable(_, let m): return m == "no such file" || m == "permission denied" ? 66 : 74
        case .folder: return 66
        default: return 65
        }
    }
}

/// A flag combination that makes no sense; reported with exit 64.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
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
