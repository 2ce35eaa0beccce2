import Foundation
import StrikeMapCore

/// Which files a render may open, besides its events. The command line opens whatever its user
/// names; a service only regular files under the folders it was started with (`serve
/// --data-dir`), so that no request can make it open a device, a FIFO or a file of the server's.
///
/// Checked twice: on the document's declared files before any work (`MapDocument.filesRead`),
/// and again where the pipeline opens each one.
public struct FileAccess: Sendable, Equatable {
    /// Canonical folders (symbolic links resolved); nil: any file.
    public let folders: [String]?

    /// Any file the user names (the command line).
    public static let any = FileAccess(canonicalFolders: nil)
    /// No file at all.
    public static let none = FileAccess(canonicalFolders: [])

    private init(canonicalFolders: [String]?) { folders = canonicalFolders }

    /// Files under these folders only. Each must be an existing folder.
    public init(folders given: [String]) throws(FileAccessError) {
        var out: [String] = []
        for f in given {
            var isDir: ObjCBool = false
            guard let real = Self.realPath(f), FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue else {
                throw .notAFolder(f)
            }
            out.append(real)
        }
        folders = out
    }

    /// The path to open for `path` as a document names it (a relative path is under the first
    /// folder), or a refusal that reads the same whether or not the file exists.
    /// `key`: where the document names it, for the message.
    public func resolve(_ path: String, key: String) throws(FileAccessError) -> String {
        guard let folders else {
            // The command line opens what its user names (GDAL's /vsizip/ and folders included),
            // but not a FIFO, device or socket: GDAL would block on it, or read without end.
            var st = stat()
            if stat(path, &st) == 0, Self.isStream(st.st_mode) { throw .notAFile(path: path, key: key) }
            return path
        }
        guard let first = folders.first else { throw .noFilesTaken(path: path, key: key) }
        let joined = path.hasPrefix("/") ? path : first + "/" + path
        guard !path.isEmpty, !path.contains("\0"), let real = Self.realPath(joined),
              folders.contains(where: { real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw .outsideFolders(path: path, key: key)
        }
        // Only regular files: a FIFO or a device would block the render thread or read forever.
        var st = stat()
        guard stat(real, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw .outsideFolders(path: path, key: key) }
        return real
    }

    /// A FIFO, a character or block device, or a socket.
    static func isStream(_ mode: mode_t) -> Bool {
        let kind = mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFCHR || kind == S_IFBLK || kind == S_IFSOCK
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// A file a render may not open. Its words never tell whether the file exists.
public enum FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service takes no files from requests (started without `--data-dir`).
    case noFilesTaken(path: String, key: String)
    /// Not a regular file under the allowed folders (or no such file: the same words).
    case outsideFolders(path: String, key: String)
    /// A folder given to allow is not a folder.
    case notAFolder(String)
    /// A FIFO, device or socket named as a layer's file (on the command line).
    case notAFile(path: String, key: String)

    public var key: String? {
        switch self {
        case .noFilesTaken(_, let k), .outsideFolders(_, let k), .notAFile(_, let k): return k
        case .notAFolder: return nil
        }
    }

    public var description: String {
        switch self {
        case let .noFilesTaken(path, key):
            return "\(key) names the file '\(path)', and this service opens no file a request names; "
                + "its operator can allow the files of a folder by starting it with a data folder (strikemap serve's data-dir option)"
        case let .outsideFolders(path, key):
            return "\(key) names '\(path)', which is not a file in this service's data folders (strikemap serve's data-dir option); "
                + "name a file in one of them, by a path relative to the first"
        case let .notAFolder(path):
            return "--data-dir \(path): not a folder; give a folder whose files requests may name"
        case let .notAFile(path, key):
            return "\(key): '\(path)' is a FIFO, device or socket, which would block or never end; save the data to a file and name that"
        }
    }
}

extension FileAccessError: StrikeMapError {
    /// A refused file is the request's fault, told like a missing one (the words do not say which).
    public var category: FailureCategory {
        if case .notAFolder = self { return .usage }
        return .notFound
    }
    public var setting: String? { if case .notAFolder = self { return "data-dir" } else { return nil } }
}
