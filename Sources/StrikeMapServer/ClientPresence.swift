import Foundation
import NIOCore

/// Whether a request's client still waits for its answer. A connection's presence ends when its
/// client closes it, or closes its side (as nginx does, a read that finds the end of the stream
/// while a request is being answered is taken as the client leaving: browsers and balancers close
/// whole connections, and a client that only half-closes is rare). Work for a client that has left
/// stops at its next step (`RenderDeadline`) or is dropped from the render queue unrun: a map for
/// a closed tab went on to its end, holding a render slot, and held a SIGTERM back as long.
///
/// A map drawn once for several requests (`MapService.map` shares a render in progress) has a
/// presence that lasts while any of them waits.
final class ClientPresence: @unchecked Sendable {
    /// The presence of the connection the current request came on (bound for the whole
    /// connection by `CountedHTTP1Channel`; nil off the service, as in tests of the service's parts).
    @TaskLocal static var current: ClientPresence?

    private let lock = NSLock()
    private var left = false
    /// For a shared render: the presences of those who wait for it.
    private var members: [ClientPresence]?

    /// A connection's presence.
    init() {}

    /// A presence that lasts while any of `members` does (nil: someone who never leaves).
    init(anyOf members: [ClientPresence?]) {
        self.members = members.map { $0 ?? ClientPresence() }
    }

    /// Another request waits for the same answer (nil: one that never leaves).
    func join(_ member: ClientPresence?) {
        lock.withLock { members?.append(member ?? ClientPresence()) }
    }

    /// The client closed the connection, or its side of it.
    func leave() { lock.withLock { left = true } }

    var isGone: Bool {
        lock.lock()
        let members = self.members, left = self.left
        lock.unlock()
        if let members { return !members.isEmpty && members.allSatisfy(\.isGone) }
        return left
    }
}

/// Tells a connection's presence that its client went: the end of its input, or the connection
/// closed. Passes everything on unchanged.
final class PresenceWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    let presence: ClientPresence
    init(_ presence: ClientPresence) { self.presence = presence }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, e == .inputClosed { presence.leave() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        presence.leave()
        context.fireChannelInactive()
    }
}
