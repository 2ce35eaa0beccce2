@preconcurrency import Glibc
import Foundation
import StrikeMapGeo

/// Standard input, a FIFO or a device, copied as it is read into a private temporary file that
/// the readers then treat as any file: it is opened once (a FIFO cannot be opened twice, and
/// `/dev/stdin` cannot be rewound), memory stays at one buffer however long the input, and the
/// readers' second passes (a date column's order) can read it again.
///
/// The copy stops early, with an error, on what no reader could take: NUL bytes in the first
/// block (`/dev/zero`, `/dev/urandom`, an image), UTF-16, or a line longer than the record
/// limit (a stream with no line breaks).
final class InputSpool {
    /// Where the readers open the copy: `/proc/self/fd/N` of a file already unlinked, so that no
    /// way of ending the process (SIGKILL included) leaves it behind; the temporary path itself
    /// where /proc is not there.
    let path: String
    private let fd: Int32
    private let unlinked: Bool

    private init(path: String, fd: Int32, unlinked: Bool) {
        self.path = path
        self.fd = fd
        self.unlinked = unlinked
    }

    deinit {
        close(fd)
        if !unlinked { unlink(path) }
    }

    /// Copies `fd` to the end. `name` is how messages call the input.
    static func copy(fd: Int32, name: String, maxRecordBytes: Int, maxJSONBytes: Int) throws(CSVError) -> InputSpool {
        var template = Array((NSTemporaryDirectory() + "/strikemap-input-XXXXXX").utf8CString)
        let out = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard out >= 0 else { throw .unreadable(file: name, message: "cannot make a temporary copy: \(String(cString: strerror(errno)))") }
        let made = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let viaProc = "/proc/self/fd/\(out)"
        let spool: InputSpool
        if access(viaProc, R_OK) == 0 && unlink(made) == 0 {
            spool = InputSpool(path: viaProc, fd: out, unlinked: true)
        } else {
            spool = InputSpool(path: made, fd: out, unlinked: false)
        }
        let size = 1 << 16
        var buffer = [UInt8](repeating: 0, count: size)
        var first = true
        // JSON (GeoJSON) may be one long line: it is held to the GeoJSON size limit instead.
        var json = false
        var total = 0
        var sinceBreak = 0
        var line = 1
        while true {
            let got = buffer.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, size) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(file: name, message: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            try buffer.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(CSVError) in
                let b = UnsafeBufferPointer(rebasing: all[0..<got])
                if first, let problem = CSVError.textProblem(UnsafeBufferPointer(rebasing: b.prefix(4096))) {
                    throw .notText(file: name, what: problem)
                }
                if first { json = b.first(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) == UInt8(ascii: "{") }
                first = false
                total += b.count
                if json {
                    if total > maxJSONBytes {
                        throw .notText(file: name, what: "more than \(CSVError.size(maxJSONBytes)) of GeoJSON, the most read as one document; convert it to CSV, which is read as a stream")
                    }
                    sinceBreak = 0
                }
                // A line far longer than any record is taken: stop now rather than copy on.
                for c in b where !json {
                    if c == 10 || c == 13 {
                        sinceBreak = 0
                        if c == 10 { line += 1 }
                    } else {
                        sinceBreak += 1
                    }
                }
                if sinceBreak > maxRecordBytes { throw .recordTooLong(file: name, line: line, limit: maxRecordBytes) }
                var p = b.baseAddress!, left = b.count
                while left > 0 {
                    let n = write(out, p, left)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw .unreadable(file: name, message: "cannot make a temporary copy: \(String(cString: strerror(errno)))")
                    }
                    p += n
                    left -= n
                }
            }
        }
        return spool
    }

    /// Whether `path` names something that is not a regular file and is read as a stream: a FIFO,
    /// a character device, a socket, or a descriptor (`/dev/stdin`, `/dev/fd/0`).
    static func isStream(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        let type = st.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFCHR || type == S_IFSOCK
    }
}
