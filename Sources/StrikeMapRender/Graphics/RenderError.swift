import Foundation

/// Errors of the rendering layer.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    case cairo(operation: String, status: String)
    case pango(String)
    case invalidSize(width: Int, height: Int, reason: String)
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

    public var description: String {
        switch self {
        case let .cairo(operation, status): return "drawing failed in \(operation): \(status)"
        case let .pango(message): return "text layout failed: \(message)"
        case let .invalidSize(w, h, reason): return "invalid canvas size \(w)x\(h): \(reason)"
        case let .formatConflict(format, path):
            return "the format is \(format) but the output \(path) names another; make them agree"
        case let .invalidDPI(dpi): return "a resolution of \(dpi.formatted()) dpi is out of range; use 36 to 1200 (72 for screens, 150-300 for print)"
        case let .unknownFormat(f): return "unknown output format '\(f)'; use png, svg or pdf (or an --out path ending in one)"
        case let .cannotWrite(path, message): return "cannot write \(path): \(message)"
        case let .ioError(path, message): return "writing \(path) failed: \(message); nothing was written"
        case let .streamError(path, message): return "writing \(path) failed: \(message)"
        case let .tooMuch(what, limit, fix): return "\(what) exceeds the limit of \(limit); \(fix)"
        case let .noteNotPlaced(at):
            return "note at \(at): no room for it without covering a marker, a label or a panel; shorten it, make the map larger (--width/--height, or a wider --radius), or drop a layer such as --airfields"
        case let .noteOffMap(at):
            return "note at '\(at)': the place is outside the map; widen the extent or note a place on it"
        case let .unknownArea(name, layer, nearest):
            return "highlight '\(name)': no area of layer '\(layer)' has that name"
                + (nearest.isEmpty ? "" : "; the nearest are \(nearest.joined(separator: ", "))")
        case let .projection(m): return m
        case let .layerNotLoaded(id): return "layer '\(id)': its file was not read; render it through MapPipeline"
        }
    }
}
