@preconcurrency import Glibc
import Foundation
import HummingbirdCore
import Logging
import NIOCore
import StrikeMapCore

/// How many connections the service holds open at once, below the process's file-descriptor
/// limit. Each connection costs a descriptor; past the limit `accept` fails, and the service
/// neither answered nor closed anything (about 1,100 idle connections under Debian's default
/// `ulimit -n 1024` stopped it, spinning a core). A connection past the cap is answered at once —
/// 503 with Retry-After, `Connection: close` — and closed, so a client or balancer knows to try
/// elsewhere, and the descriptors kept back stay free for the files a render opens.
public struct ConnectionLimit: Sendable, Equatable {
    /// Connections held open at most.
    public var maximum: Int
    /// The process's descriptor limit it was set under.
    public var descriptors: Int

    /// Descriptors kept for what a render opens (data files, fonts, GDAL's and PROJ's files,
    /// the store) and for the service's own.
    public static let reserved = 128

    /// What the process may open, after raising its soft limit to the hard one where allowed.
    public static func descriptorLimit(raise: Bool = true) -> Int {
        var lim = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &lim) == 0 else { return 1024 }
        if raise, lim.rlim_cur < lim.rlim_max {
            var raised = lim
            // A hard limit of "unlimited" is not a number a select-free server needs.
            raised.rlim_cur = min(lim.rlim_max, 1 << 20)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { lim = raised }
        }
        return Int(min(lim.rlim_cur, rlim_t(Int32.max)))
    }

    /// The cap asked for (nil: as many as the descriptors allow, less those reserved, and at
    /// most 10,000); throws when asked for more than the descriptors allow.
    public static func make(asked: Int?, descriptors: Int = descriptorLimit()) throws(ServiceSetupError) -> ConnectionLimit {
        let room = descriptors - reserved
        guard room >= 16 else { throw .tooFewDescriptors(descriptors: descriptors, reserved: reserved) }
        if let asked {
            guard asked <= room else { throw .tooManyConnections(asked: asked, descriptors: descriptors, reserved: reserved) }
            return ConnectionLimit(maximum: max(1, asked), descriptors: descriptors)
        }
        return ConnectionLimit(maximum: min(room, 10_000), descriptors: descriptors)
    }
}

/// The service cannot start as asked.
public enum ServiceSetupError: StrikeMapError, Equatable {
    case tooManyConnections(asked: Int, descriptors: Int, reserved: Int)
    case tooFewDescriptors(descriptors: Int, reserved: Int)

    public var category: FailureCategory {
        switch self {
        case .tooManyConnections: .usage
        case .tooFewDescriptors: .unavailable
        }
    }
    public var setting: String? { "max-connections" }

    public var description: String {
        switch self {
        case .tooManyConnections(let asked, let d, let r):
            "--max-connections \(asked) is more than this process may hold: it may open \(d) files and keeps \(r) for data, fonts and the store; ask for at most \(d - r), or raise the limit (ulimit -n) first"
        case .tooFewDescriptors(let d, let r):
            "this process may open only \(d) files; the service needs \(r) for data, fonts and the store and some for connections: raise the limit (ulimit -n 1024 or more)"
        }
    }
}

/// Counts the open connections; shared by every connection's setup.
final class ConnectionCount: @unchecked Sendable {
    let limit: ConnectionLimit
    private let metrics: ServiceMetrics?
    private let lock = NSLock()
    private var open = 0

    init(limit: ConnectionLimit, metrics: ServiceMetrics? = nil) {
        self.limit = limit
        self.metrics = metrics
    }

    var current: Int { lock.withLock { open } }

    /// Takes a place for a new connection, or says there is none.
    func take() -> Bool {
        let taken: Bool = lock.withLock {
            guard open < limit.maximum else { return false }
            open += 1
            return true
        }
        if taken { metrics?.connectionsOpen.increment() } else { metrics?.connectionsRefused.increment() }
        return taken
    }

    /// Waits until every connection has closed (its answer sent whole and the client gone), or
    /// `seconds` pass; gives the number still open.
    func drained(within seconds: Double) async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(seconds * 1000))
        while current > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return current
    }

    func give() {
        lock.withLock { open -= 1 }
        metrics?.connectionsOpen.decrement()
    }
}

/// Hummingbird's HTTP/1 connection, counted: past the cap the connection gets a 503 written
/// straight to its socket as soon as it is active, and is closed; no request on it is read. Each
/// connection's requests are answered with its `ClientPresence` bound, so work for a client
/// that has gone stops.
struct CountedHTTP1Channel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let http: HTTP1Channel.Value
        let presence: ClientPresence
        var channel: any Channel { http.channel }
    }
    let inner: HTTP1Channel
    let count: ConnectionCount
    /// How long a closing connection may take to send what it has been given.
    let drainSeconds: Double

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let presence = ClientPresence()
        do {
            try channel.pipeline.syncOperations.addHandler(SendBeforeClose(seconds: drainSeconds))
            try channel.pipeline.syncOperations.addHandler(PresenceWatch(presence))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        if count.take() {
            let count = count
            channel.closeFuture.whenComplete { _ in count.give() }
        } else {
            // First in the pipeline, so it answers before HTTP decoding sees a byte; the HTTP
            // handler set up behind it finds the channel closed and ends.
            do {
                try channel.pipeline.syncOperations.addHandler(RefuseConnection(maximum: count.limit.maximum))
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        return inner.setup(channel: channel, logger: logger).map { Value(http: $0, presence: presence) }
    }

    func handle(value: Value, logger: Logger) async {
        await ClientPresence.$current.withValue(value.presence) {
            await inner.handle(value: value.http, logger: logger)
        }
    }
}

/// Answers 503 on a connection past the cap and closes it once the answer is written.
final class RefuseConnection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    let maximum: Int
    init(maximum: Int) { self.maximum = maximum }

    func channelActive(context: ChannelHandlerContext) {
        let body = #"{"status":503,"error":"the service holds as many connections as it may (\#(maximum)); retry shortly or use another instance"}"#
        let head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let channel = context.channel
        // Written whole before the close (a close drops writes still pending).
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: head + body))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    /// Nothing the client sends is read or passed on.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
