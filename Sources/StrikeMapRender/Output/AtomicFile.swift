@preconcurrency import Glibc
import Foundation

/// Writes a file by writing a temporary sibling and renaming it over the target, so a failed or
/// interrupted render never leaves a partial file and never replaces a good one. The temporary
/// files being written are recorded where a signal handler can reach them: a program that wants
/// them gone on Ctrl-C installs a handler that calls `removeTemporaryFiles()` (the CLI does).
public enum AtomicFile {
    /// The temporary files being written (frames write several at once), as C strings the signal
    /// handler can read without allocating: one slot each, an empty string when free.
    private static let slotCount = 64
    private static let slotSize = Int(PATH_MAX) + 1
    nonisolated(unsafe) private static var slots: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
        p.initialize(repeating: 0, count: slotCount * slotSize)
        return p
    }()
    nonisolated(unsafe) private static var used = [Bool](repeating: false, count: slotCount)
    private static let lock = NSLock()

    /// Removes every temporary file being written. Safe to call from a signal handler: no
    /// allocation, no locks, only unlink(2).
    public static func removeTemporaryFiles() {
        for i in 0..<slotCount {
            let p = slots + i * slotSize
            if p.pointee != 0 { unlink(p) }
        }
    }

    /// Touches the slot table so that it exists before any signal handler may read it.
    public static func prepareForSignals() { _ = slots }

    /// Records a temporary path for the signal handler; nil when every slot is taken (the file is
    /// then still removed on any error, just not on a signal).
    private static func claim(_ path: String) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard let i = used.firstIndex(of: false) else { return nil }
        used[i] = true
        _ = path.withCString { strncpy(slots + i * slotSize, $0, slotSize - 1) }
        return i
    }

    private static func release(_ i: Int?) {
        guard let i else { return }
        lock.lock(); defer { lock.unlock() }
        slots[i * slotSize] = 0
        used[i] = false
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { tmp in
            do { try data.write(to: URL(fileURLWithPath: tmp)) } catch {
                throw RenderError.ioError(path: path, message: error.localizedDescription)
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
        let slot = claim(tmp)
        defer { release(slot) }
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
