import Foundation
import StrikeMapEvents

/// A file a map document would open when drawn, and where the document names it.
public struct DocumentFile: Sendable, Equatable {
    public enum Role: String, Sendable, Equatable {
        /// An event file (`data.events`).
        case events
        /// The ACLED mapping rules (`data.acledMap`).
        case acledMap
        /// A layer's source (`layers[i].source.file`).
        case layerSource
        /// A file one of a layer's symbolizers reads (`layers[i].symbolizers[j].file`).
        case symbolizer
        /// A published count (`furniture.publishedCounts.file`).
        case publishedCounts
    }
    public var path: String
    /// Where the document names it: `layer 'areas' (layers[3].symbolizers[0].file)`.
    public var key: String
    public var role: Role
    /// What the file gives the map, for layers' files.
    public var use: SymbolizerFile.Use?
}

extension MapDocument {
    /// Every file this document would open, in document order: event files (not the shipped
    /// sample, standard input or a database connection), the ACLED rules, then each layer's
    /// source and its symbolizers' files, then the furniture's. Symbolizers declare theirs (`Symbolizer.filesRead`),
    /// so a new kind that reads a file is listed here with no change to this code.
    public var filesRead: [DocumentFile] {
        var out: [DocumentFile] = []
        for (i, e) in data.events.enumerated() where e != DataSelection.sample && e != "-" && !e.hasPrefix("PG:") {
            out.append(DocumentFile(path: e, key: "data.events[\(i)]", role: .events))
        }
        if let m = data.acledMap { out.append(DocumentFile(path: m, key: "data.acledMap", role: .acledMap)) }
        out += mapFilesRead
        return out
    }

    /// The files drawing the map opens besides its events: the layers' and the furniture's.
    public var mapFilesRead: [DocumentFile] { layerFilesRead + furnitureFilesRead }

    /// A published count's file (not one of StrikeMap's own).
    public var furnitureFilesRead: [DocumentFile] {
        guard let c = furniture.publishedCounts, c.builtinName == nil else { return [] }
        return [DocumentFile(path: c.file, key: PublishedCountsDocument.key, role: .publishedCounts)]
    }

    /// The files the layers read: sources and symbolizers' files.
    public var layerFilesRead: [DocumentFile] {
        var out: [DocumentFile] = []
        for (i, layer) in layers.enumerated() {
            if case .file(let path, _) = layer.source {
                out.append(DocumentFile(path: path, key: "layer '\(layer.id)' (layers[\(i)].source.file)", role: .layerSource, use: .features))
            }
            for (j, s) in layer.symbolizers.enumerated() {
                for f in s.filesRead {
                    out.append(DocumentFile(path: f.path, key: "layer '\(layer.id)' (layers[\(i)].symbolizers[\(j)].\(f.key))",
                                            role: .symbolizer, use: f.use))
                }
            }
        }
        return out
    }

    /// Throws for the first file of the layers or furniture that `access` does not allow, before
    /// anything is opened; the message does not tell whether the file exists.
    public func checkMapFiles(_ access: FileAccess) throws(FileAccessError) {
        for f in mapFilesRead { _ = try access.resolve(f.path, key: f.key) }
    }
}
