import Foundation
import StrikeMapCore

/// Errors of the rendering layer.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    case cairo(operation: String, status: String)
    case pango(String)
    case invalidSize(width: Int, height: Int, reason: String)
    /// A canvas past the pixel budget (`MapSpec.maxArea`).
    case tooManyPixels(width: Int, height: Int, megapixels: Int)
    case invalidDPI(Double)
    case formatConflict(format: String, path: String)
    case unknownFormat(String)
    case cannotWrite(path: String, message: String)
    /// Writing started but failed (a full disk, a vanished folder).
    case ioError(path: String, message: String)
    /// Writing to a device, FIFO or descriptor failed part way (a full device, a closed pipe):
    /// what was written there cannot be taken back.
    case streamError(path: String, message: String)
    case tooMuch(what: String, limit: Int, fix: String)
    /// A highlighted area's name that no area of its layer has.
    case unknownArea(name: String, layer: String, nearest: [String])
    /// A note whose place is outside the drawn map.
    case noteOffMap(at: String)
    /// A note the label placer found no room for (it would cover a marker, a label or a panel).
    case noteNotPlaced(at: String)
    case projection(String)
    /// A file layer whose features were not read before drawing.
    case layerNotLoaded(id: String)
    /// The render's deadline passed (a service's render timeout): it stopped between steps.
    case deadlinePassed
    /// No one waits for the map any more (a service's client closed its connection): it stopped
    /// between steps, as at a deadline.
    case abandoned

    public var description: String { message(for: .service) }

    /// The message, with the settings it suggests named for `audience` (`--dpi`, or `dpi`).
    public func message(for audience: Audience) -> String {
        let cli = audience == .commandLine
        func s(_ name: String) -> String { audience.setting(name) }
        switch self {
        case let .cairo(operation, status): return "drawing failed in \(operation): \(status)"
        case let .pango(message): return "text layout failed: \(message)"
        case let .invalidSize(w, h, reason): return "invalid canvas size \(w)x\(h): \(reason)"
        case let .tooManyPixels(w, h, mp):
            return "invalid canvas size \(w)x\(h): more than \(mp) megapixels; lower \(s("dpi")) or \(s("width"))/\(s("height")) (SVG and PDF stay sharp at a low dpi)"
        case let .formatConflict(format, path):
            return cli ? "--format \(format) but --out \(path) names another format; make them agree or drop --format"
                       : "the format is \(format) but the output \(path) names another; make them agree"
        case let .invalidDPI(dpi):
            return (cli ? "--dpi \(dpi.formatted()) is out of range" : "a resolution of \(dpi.formatted()) dpi is out of range")
                + "; use 36 to 1200 (72 for screens, 150-300 for print)"
        case let .unknownFormat(f): return "unknown output format '\(f)'; use png, svg or pdf (or an --out path ending in one)"
        case let .cannotWrite(path, message): return "cannot write \(path): \(message)"
        case let .ioError(path, message): return "writing \(path) failed: \(message); nothing was written"
        case let .streamError(path, message): return "writing \(path) failed: \(message)"
        case let .tooMuch(what, limit, fix): return "\(what) exceeds the limit of \(limit); \(fix)"
        case let .noteNotPlaced(at):
            return "note at \(at): no room for it without covering a marker, a label or a panel; shorten it, make the map larger (\(s("width"))/\(s("height")), or a wider \(s("radius"))), or drop a layer such as \(s("airfields"))"
        case let .noteOffMap(at):
            return (cli ? "--" : "") + "note at '\(at)': the place is outside the map; widen the extent or note a place on it"
        case let .unknownArea(name, layer, nearest):
            return (cli ? "--" : "") + "highlight '\(name)': no area of layer '\(layer)' has that name"
                + (nearest.isEmpty ? "" : "; the nearest are \(nearest.joined(separator: ", "))")
        case let .projection(m): return m
        case let .layerNotLoaded(id): return "layer '\(id)': its file was not read; render it through MapPipeline"
        case .deadlinePassed: return "the map took longer than its time allows; ask for a smaller canvas, fewer layers or a narrower selection"
        case .abandoned: return "the map was stopped: its client closed the connection before it was drawn"
        }
    }
}

extension RenderError: StrikeMapError {
    public var category: FailureCategory {
        switch self {
        case .cannotWrite: return .cannotWrite
        case .ioError, .streamError: return .io
        case .tooMuch, .deadlinePassed, .abandoned: return .limit
        case .noteNotPlaced: return .badInput
        case .invalidDPI, .formatConflict, .unknownArea, .noteOffMap, .invalidSize, .tooManyPixels, .unknownFormat: return .usage
        case .cairo, .pango, .projection, .layerNotLoaded: return .internalError
        }
    }

    public var setting: String? {
        switch self {
        case .invalidDPI: return "dpi"
        case .formatConflict, .unknownFormat: return "format"
        case .unknownArea: return "highlight"
        case .noteOffMap, .noteNotPlaced: return "note"
        default: return nil
        }
    }
}
