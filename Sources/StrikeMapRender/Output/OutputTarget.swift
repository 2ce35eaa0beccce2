@preconcurrency import Glibc
import Foundation

/// What an output path names, decided before anything is written: a regular file (new or
/// existing, reached through any symbolic links) is replaced atomically; anything else that
/// exists — a device such as `/dev/null` or `/dev/full`, a FIFO, a socket, or one of the
/// process's own descriptors (`/dev/stdout`, `/dev/fd/3`) — is written in place, as a shell's `>`
/// would, because renaming over it would replace a device node with a file (as root) or fail.
public enum OutputTarget: Equatable, Sendable {
    /// A regular file at `path` (the final target of any links). `existing` is its mode and
    /// owner when it exists, to be kept by the replacement.
    case file(path: String, existing: Ownership?)
    /// Something that exists and is not a regular file, opened and written in place.
    case stream(path: String)
    /// An already-open descriptor of this process: 1 for `-` and `/dev/stdout`, 2 for
    /// `/dev/stderr`, N for `/dev/fd/N` and `/proc/self/fd/N`.
    case descriptor(Int32, name: String)

    public struct Ownership: Equatable, Sendable {
        public var mode: mode_t
        public var owner: uid_t
        public var group: gid_t
    }

    /// Where writing `path` goes. Throws for a folder, a link loop, or a path whose link chain
    /// cannot be followed.
    public static func resolve(_ path: String) throws -> OutputTarget {
        if path == "-" { return .descriptor(1, name: "standard output") }
        var current = path
        for _ in 0..<40 {
            if let fd = descriptorNamed(current) { return .descriptor(fd, name: path) }
            var st = stat()
            guard lstat(current, &st) == 0 else {
                // Nothing there yet (or a dangling link's target): a new regular file.
                if errno == ENOENT { return .file(path: current, existing: nil) }
                throw RenderError.cannotWrite(path: path, message: String(cString: strerror(errno)))
            }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                // Follow the link, relative to the folder it is in: the link itself stays.
                let size = Int(PATH_MAX) + 1
                var buffer = [CChar](repeating: 0, count: size)
                let n = readlink(current, &buffer, size - 1)
                guard n >= 0 else { throw RenderError.cannotWrite(path: path, message: String(cString: strerror(errno))) }
                let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current = link.hasPrefix("/") ? link
                    : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link)
            case S_IFREG:
                return .file(path: current, existing: Ownership(mode: st.st_mode & 0o7777, owner: st.st_uid, group: st.st_gid))
            case S_IFDIR:
                throw RenderError.cannotWrite(path: path, message: "it is a folder; give a file name inside it")
            default:
                return .stream(path: current)
            }
        }
        throw RenderError.cannotWrite(path: path, message: "too many symbolic links (a loop?)")
    }

    /// The descriptor a path names directly, without opening anything: the shell's redirection
    /// of standard output (even to a file, even in append mode) is kept as it is.
    private static func descriptorNamed(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                if let n = Int32(path.dropFirst(prefix.count)), n >= 0 { return n }
            }
            return nil
        }
    }

    /// The path named in messages.
    public var name: String {
        switch self {
        case .file(let p, _), .stream(let p): return p
        case .descriptor(_, let name): return name
        }
    }

    /// Writes `data` to a stream or descriptor target, every byte or an error: a full device
    /// (`/dev/full`: ENOSPC) or a closed pipe is an I/O error naming `shownPath`.
    func writeInPlace(_ data: Data, shownPath: String) throws {
        let fd: Int32
        var close = false
        switch self {
        case .file: preconditionFailure("regular files are written through a temporary file")
        case .descriptor(let d, _):
            // Whatever was printed before goes first.
            if d == 1 { fflush(stdout) }
            fd = d
        case .stream(let p):
            fd = open(p, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { throw RenderError.cannotWrite(path: shownPath, message: String(cString: strerror(errno))) }
            close = true
        }
        defer { if close { _ = Glibc.close(fd) } }
        try OutputTarget.writeAll(fd, data, shownPath: shownPath)
    }

    /// write(2) until every byte is out, through short writes and interruptions.
    static func writeAll(_ fd: Int32, _ data: Data, shownPath: String) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Glibc.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RenderError.streamError(path: shownPath, message: String(cString: strerror(errno)))
                }
                p += n
                left -= n
            }
        }
    }
}
