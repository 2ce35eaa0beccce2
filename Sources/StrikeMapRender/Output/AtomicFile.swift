import Foundation

/// Writes a file by writing a temporary sibling and renaming it over the target, so a failed or
/// interrupted render never leaves a partial file and never replaces a good one.
public enum AtomicFile {
    /// Calls `write` with a temporary path in the target's folder, then renames it into place.
    public static func write(to path: String, _ write: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw RenderError.cannotWrite(path: path, message: "cannot create folder \(dir.path): \(error.localizedDescription)")
            }
        } else if !isDir.boolValue {
            throw RenderError.cannotWrite(path: path, message: "\(dir.path) is not a folder")
        }
        guard FileManager.default.isWritableFile(atPath: dir.path) else {
            throw RenderError.cannotWrite(path: path, message: "folder \(dir.path) is not writable")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        do {
            try write(tmp)
            guard rename(tmp, path) == 0 else {
                throw RenderError.cannotWrite(path: path, message: String(cString: strerror(errno)))
            }
        } catch {
            unlink(tmp)
            throw error
        }
    }
}
