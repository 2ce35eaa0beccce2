@preconcurrency import Glibc
import Foundation

/// Writes a file by writing a temporary sibling and renaming it over the target, so a failed or
/// interrupted render never leaves a partial file and never replaces a good one. An interrupt
/// (Ctrl-C, SIGTERM, SIGHUP) during the write removes the temporary file before the process ends.
public enum AtomicFile {
    /// The temporary file being written, as a C string the signal handler can read without
    /// allocating. Empty when none.
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
        p.initialize(repeating: 0, count: Int(PATH_MAX) + 1)
        return p
    }()
    nonisolated(unsafe) private static var handlersInstalled = false

    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        _ = pending
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                if AtomicFile.pending.pointee != 0 { unlink(AtomicFile.pending) }
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

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
        var target: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &target), target.boolValue {
            throw RenderError.cannotWrite(path: path, message: "it is a folder")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        // Creating the file is the last check that the output can be made at all (73); a
        // failure after this point is an I/O error (74).
        guard FileManager.default.createFile(atPath: tmp, contents: nil) else {
            throw RenderError.cannotWrite(path: path, message: "cannot create a file in \(dir.path)")
        }
        installHandlers()
        _ = tmp.withCString { strncpy(pending, $0, Int(PATH_MAX)) }
        defer { pending.pointee = 0 }
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
