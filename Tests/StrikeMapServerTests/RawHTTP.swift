import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to the service that sends exactly the bytes given, in pieces and at the pace
/// given: for the requests no HTTP client sends (no length, huge headers, one byte a second).
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    /// `receiveBuffer`: the socket's receive buffer in bytes (small: a slow client).
    init(_ base: URL, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(base.port ?? 80).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// Ends the connection from this side (the descriptor is closed with the object).
    func hangUp() { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

    /// Sends all of `bytes`; false when the peer has closed (EPIPE, ECONNRESET).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// What the peer sends up to the end of the first header block (the headers, and maybe the
    /// body's first bytes), reading a little at a time.
    func readHead(seconds: Double) -> Data {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 1024)
        while out.firstRange(of: Data("\r\n\r\n".utf8)) == nil {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Everything the peer sends until it closes or `seconds` pass.
    func readAll(seconds: Double) -> Data {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Whether the peer has closed the connection (a read gives end of file or a reset) within `seconds`.
    func closedByPeer(within seconds: Double) -> Bool {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        }
        return false
    }
}

/// Sends one raw request and gives the whole answer as text (off Swift's cooperative pool).
func rawHTTP(_ base: URL, _ request: String, seconds: Double = 60) async throws -> String {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async {
            do {
                let conn = try RawConnection(base)
                conn.send(Array(request.utf8))
                c.resume(returning: String(decoding: conn.readAll(seconds: seconds), as: UTF8.self))
            } catch { c.resume(throwing: error) }
        }
    }
}
