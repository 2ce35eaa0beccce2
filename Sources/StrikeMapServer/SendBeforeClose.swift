import NIOCore

/// Holds a connection's close until what was written on it has reached the socket, for at most
/// `seconds`. On SIGTERM the server closes each connection as soon as its handler has handed
/// over the answer, and a close drops the writes still pending: an 8.8 MB map to a slow client
/// was cut at 3.3 MB. At the head of the pipeline, so it sees every write and every close.
final class SendBeforeClose: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData
    let seconds: Double
    private var lastWrite: EventLoopFuture<Void>?
    private var closing = false

    init(seconds: Double) { self.seconds = seconds }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = promise ?? context.eventLoop.makePromise()
        lastWrite = written.futureResult
        context.write(data, promise: written)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, !closing, let last = lastWrite else {
            context.close(mode: mode, promise: promise)
            return
        }
        closing = true
        context.flush()
        // Writes complete in order: when the last has, all have (or the client went away).
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let deadline = context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
            bound.value.close(mode: .all, promise: nil)
        }
        last.whenComplete { _ in
            deadline.cancel()
            bound.value.close(mode: mode, promise: promise)
        }
    }
}
