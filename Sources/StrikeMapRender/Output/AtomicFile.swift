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

    /// Removes every temporary file being written, and the staging folder of a set being made
    /// (`StagedFolder`): unlink(2) and rmdir(2) on names kept in buffers made beforehand, no
    /// locks. Call it from ordinary code that a signal handler wakes (the CLI's signal thread),
    /// not from the handler: Swift cannot promise that it allocates nothing.
    public static func removeTemporaryFiles() {
        for i in 0..<slotCount {
            let p = slots + i * slotSize
            if p.pointee != 0 { unlink(p) }
        }
        let count = stagingCount
        guard count > 0, staging.pointee != 0 else { return }
        // "<folder>/<prefix>" is in place; the number and suffix are written after it.
        let base = strlen(staging)
        for n in 1...count {
            var at = base
            var digits = 1, rest = n / 10
            while rest > 0 { digits += 1; rest /= 10 }
            let width = max(4, digits)
            var v = n
            for k in stride(from: width - 1, through: 0, by: -1) {
                staging[at + k] = CChar(48 + v % 10)
                v /= 10
            }
            at += width
            var j = 0
            while stagingSuffix[j] != 0 { staging[at] = stagingSuffix[j]; at += 1; j += 1 }
            staging[at] = 0
            unlink(staging)
        }
        staging[stagingFolderLength] = 0
        rmdir(staging)
        staging[stagingFolderLength] = 47
    }

    /// The staging folder, then "/" and the prefix of its files' names.
    nonisolated(unsafe) private static var staging: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: slotSize + 160)
        p.initialize(repeating: 0, count: slotSize + 160)
        return p
    }()
    nonisolated(unsafe) private static var stagingSuffix: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 64)
        p.initialize(repeating: 0, count: 64)
        return p
    }()
    nonisolated(unsafe) private static var stagingFolderLength = 0
    nonisolated(unsafe) private static var stagingCount = 0

    /// Records the staging folder of a set of numbered files for the signal cleanup (one at a time).
    static func registerStaging(folder: String, prefix: String, count: Int, suffix: String) {
        lock.lock(); defer { lock.unlock() }
        stagingCount = 0
        let head = Array(folder.utf8CString.dropLast()), name = Array(prefix.utf8CString.dropLast())
        let tail = Array(suffix.utf8CString.dropLast())
        guard head.count + 1 + name.count + 12 + tail.count < slotSize + 160, tail.count < 64 else { return }
        for (i, c) in head.enumerated() { staging[i] = c }
        staging[head.count] = 47 // "/"
        for (i, c) in name.enumerated() { staging[head.count + 1 + i] = c }
        staging[head.count + 1 + name.count] = 0
        for (i, c) in tail.enumerated() { stagingSuffix[i] = c }
        stagingSuffix[tail.count] = 0
        stagingFolderLength = head.count
        stagingCount = count
    }

    static func unregisterStaging() {
        lock.lock(); defer { lock.unlock() }
        stagingCount = 0
        staging[0] = 0
    }

    /// A swap of files into place is under way (`holdingSignals`): a signal arriving now waits
    /// for it to end, so that a set is never left half old and half new.
    nonisolated(unsafe) private static var swapping: Int32 = 0
    nonisolated(unsafe) private static var pendingSignal: Int32 = 0
    /// What the program does with a signal held during a swap, once the swap is over (the CLI:
    /// clean up and die of it).
    nonisolated(unsafe) public static var deliverHeldSignal: (@convention(c) (Int32) -> Void)?

    /// For the code that handles a signal (outside the signal handler itself, which may not take
    /// locks): true when a swap is under way and the signal was put off until it ends.
    /// When it returns false the process is dying: from then on no thread makes a file or starts
    /// a swap (each waits for the end instead), so the cleanup that follows removes all there is.
    public static func holdSignal(_ s: Int32) -> Bool {
        holdLock.lock(); defer { holdLock.unlock() }
        guard swapping != 0 else {
            dying = true
            return false
        }
        pendingSignal = s
        return true
    }

    /// Set once a signal is to be acted on; read and written under `holdLock` only.
    nonisolated(unsafe) private static var dying = false

    /// A thread that would make or move a file after the signal cleanup began waits here for the
    /// process to die: a file made after the cleanup looked would be left behind (a render thread
    /// renaming a frame into the staging folder while it was being removed left it there).
    private static func waitForTheEnd() -> Never {
        holdLock.unlock()
        while true { pause() }
    }

    /// Runs `body` with signals put off (see `holdSignal`), then delivers any that arrived.
    static func holdingSignals<T>(_ body: () throws -> T) rethrows -> T {
        // A depth, not a flag: a swap may write a file of its own (a frame set's index), and
        // frames drawn in parallel each swap their file in; the count is kept under a lock.
        holdLock.lock()
        if dying { waitForTheEnd() }
        swapping += 1
        holdLock.unlock()
        defer {
            holdLock.lock()
            swapping -= 1
            let s = swapping == 0 ? pendingSignal : 0
            if s != 0 { pendingSignal = 0; dying = true }
            holdLock.unlock()
            if s != 0 { deliverHeldSignal?(s) }
        }
        return try body()
    }
    private static let holdLock = NSLock()

    /// Touches the slot table so that it exists before any signal handler may read it.
    public static func prepareForSignals() { _ = slots; _ = staging; _ = stagingSuffix }

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

    /// Writes `data` to `path` atomically (see `OutputSet` for what each kind of path gets).
    public static func write(_ data: Data, to path: String) throws {
        let set = OutputSet()
        try set.add(data, to: path)
        try set.commit()
    }

    /// Calls `write` with a temporary path in the target's folder, then renames it into place; a
    /// device or FIFO target gets the temporary file's bytes written to it instead.
    public static func write(to path: String, _ write: (String) throws -> Void) throws {
        let set = OutputSet()
        try set.add(to: path, write)
        try set.commit()
    }

    /// A temporary sibling of the regular file `path`, created empty with `ownership` (or the
    /// default mode under the umask) and registered for removal on a signal.
    static func stage(for path: String, keeping ownership: OutputTarget.Ownership?) throws -> (tmp: String, slot: Int?) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) {
            // Made under the lock a signal's cleanup is decided under: a frame's thread that found
            // the staging folder just removed by the cleanup made it again, and it was left behind.
            holdLock.lock()
            if dying { waitForTheEnd() }
            defer { holdLock.unlock() }
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
        // Creating the file is the last check that the output can be made at all (73); a
        // failure after this point is an I/O error (74). 0666 under the umask, as a shell's `>`.
        // Made and recorded as one step that a signal's cleanup cannot fall between.
        holdLock.lock()
        if dying { waitForTheEnd() }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        let openError = errno
        let slot = fd >= 0 ? claim(tmp) : nil
        holdLock.unlock()
        guard fd >= 0 else {
            throw RenderError.cannotWrite(path: path, message: "cannot create a file in \(dir.path): \(String(cString: strerror(openError)))")
        }
        // An existing file keeps its mode and, where we may set it, its owner and group.
        if let o = ownership {
            _ = fchmod(fd, o.mode)
            if fchown(fd, o.owner, o.group) != 0 { _ = fchown(fd, uid_t.max, o.group) }
        }
        close(fd)
        return (tmp, slot)
    }

    static func unstage(_ tmp: String, _ slot: Int?) {
        unlink(tmp)
        release(slot)
    }

    static func released(_ slot: Int?) { release(slot) }
}

/// Several outputs written as one: each regular file is first written in full to a temporary
/// sibling, and only when all of them are do they replace their targets, in the order added
/// (the map last, so it never appears without its manifest and caption). If any step fails,
/// the files already replaced are put back as they were and nothing new is left behind.
///
/// - A regular file, or a path that does not exist yet, is replaced atomically by rename(2).
/// - A symbolic link is followed (relative to its folder, through chains): its final target is
///   replaced and the link stays a link.
/// - An existing file keeps its mode, and its owner and group where the user may keep them.
/// - Devices (`/dev/null`, `/dev/full`), FIFOs, sockets, `/dev/stdout`, `/dev/fd/N` and `-`
///   are written in place at commit, after every regular file has been staged and before any
///   replaces its target; an error there (ENOSPC on `/dev/full`, a closed pipe) is reported as
///   such and leaves every regular file as it was. These writes do not hold signals off: a FIFO
///   that nobody reads blocks its writer, and Ctrl-C must still end the run (and remove the
///   staged files).
public final class OutputSet {
    private enum Entry {
        case file(target: String, shown: String, tmp: String, slot: Int?, existed: Bool)
        case inPlace(OutputTarget, shown: String, data: Data)
    }
    private var entries: [Entry] = []
    private var done = false

    public init() {}

    deinit { if !done { discard() } }

    /// Stages `data` for `path`.
    public func add(_ data: Data, to path: String) throws {
        let target = try OutputTarget.resolve(path)
        guard case .file(let file, let existing) = target else {
            entries.append(.inPlace(target, shown: target.name, data: data))
            return
        }
        let (tmp, slot) = try AtomicFile.stage(for: file, keeping: existing)
        entries.append(.file(target: file, shown: path, tmp: tmp, slot: slot, existed: existing != nil))
        let fd = open(tmp, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw RenderError.ioError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        do { try OutputTarget.writeAll(fd, data, shownPath: path) } catch RenderError.streamError(let p, let m) {
            throw RenderError.ioError(path: p, message: m)
        }
    }

    /// Stages the file that `write` makes at the temporary path it is given (ffmpeg's video,
    /// text written by Foundation).
    public func add(to path: String, _ write: (String) throws -> Void) throws {
        let target = try OutputTarget.resolve(path)
        if case .file(let file, let existing) = target {
            let (tmp, slot) = try AtomicFile.stage(for: file, keeping: existing)
            entries.append(.file(target: file, shown: path, tmp: tmp, slot: slot, existed: existing != nil))
            try write(tmp)
            // The writer may have replaced the file (Foundation's atomic writes do): the mode again.
            if let o = existing { _ = chmod(tmp, o.mode) }
            return
        }
        // A device gets the bytes of a private temporary file.
        let scratch = NSTemporaryDirectory() + "strikemap-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-" + (path as NSString).lastPathComponent
        defer { unlink(scratch) }
        try write(scratch)
        guard let data = FileManager.default.contents(atPath: scratch) else {
            throw RenderError.ioError(path: path, message: "the output was not made")
        }
        entries.append(.inPlace(target, shown: target.name, data: data))
    }

    /// Writes the in-place targets, then replaces every regular file, in order, or none.
    /// Ctrl-C and SIGTERM wait until the replacing is over.
    public func commit() throws {
        guard !done else { return }
        done = true
        do {
            for case let .inPlace(target, shown, data) in entries { try target.writeInPlace(data, shownPath: shown) }
        } catch {
            discard()
            throw error
        }
        try AtomicFile.holdingSignals { try swap() }
    }

    private func swap() throws {
        // Backups of the files replaced so far (a hard link to the old file), to put back.
        var replaced: [(target: String, backup: String?)] = []
        func rollBack() {
            for r in replaced.reversed() {
                if let b = r.backup { rename(b, r.target) } else { unlink(r.target) }
            }
            replaced = []
        }
        for (k, entry) in entries.enumerated() {
            do {
                switch entry {
                case let .file(target, shown, tmp, slot, existed):
                    var backup: String? = nil
                    if existed {
                        // The old file is kept until every output is in place: a hard link, or
                        // a copy where links are not allowed. Without one, nothing is replaced.
                        let b = tmp + ".old"
                        if link(target, b) == 0 || (try? FileManager.default.copyItem(atPath: target, toPath: b)) != nil {
                            backup = b
                        } else {
                            throw RenderError.ioError(path: shown, message: "cannot keep a copy of the old file to put back on failure")
                        }
                    }
                    guard rename(tmp, target) == 0 else {
                        let message = String(cString: strerror(errno))
                        if let backup { unlink(backup) }
                        throw RenderError.ioError(path: shown, message: message)
                    }
                    AtomicFile.released(slot)
                    replaced.append((target, backup))
                case .inPlace:
                    continue // written before the swap
                }
            } catch {
                rollBack()
                for rest in entries[(k + 1)...] { if case let .file(_, _, tmp, slot, _) = rest { AtomicFile.unstage(tmp, slot) } }
                if case let .file(_, _, tmp, slot, _) = entry { AtomicFile.unstage(tmp, slot) }
                throw error
            }
        }
        for r in replaced { if let b = r.backup { unlink(b) } }
    }

    /// Removes every staged file: nothing is written.
    public func discard() {
        done = true
        for e in entries { if case let .file(_, _, tmp, slot, _) = e { AtomicFile.unstage(tmp, slot) } }
        entries = []
    }
}
