import Foundation

public enum OutputFormat: String, Sendable, Codable, CaseIterable {
    case png, svg, pdf

    /// From an explicit name, else from the path's extension.
    public static func resolve(explicit: String?, path: String?) throws(RenderError) -> OutputFormat {
        if let e = explicit {
            guard let f = OutputFormat(rawValue: e.lowercased()) else { throw .unknownFormat(e) }
            if let p = path, let other = OutputFormat(rawValue: (p as NSString).pathExtension.lowercased()), other != f {
                throw .formatConflict(format: f.rawValue, path: p)
            }
            return f
        }
        if let p = path {
            let ext = (p as NSString).pathExtension.lowercased()
            if ext.isEmpty { return .png }
            guard let f = OutputFormat(rawValue: ext) else { throw .unknownFormat(ext) }
            return f
        }
        return .png
    }
}
