import Dispatch
import Foundation

/// At most `limit` renders at once, `queue` more waiting; past that a request is turned away at
/// once (503 with Retry-After) rather than piling up. Renders run on threads of their own, off
/// the server's event loops and Swift's cooperative pool (they block on Cairo, PROJ and GDAL).
final class RenderGate: @unchecked Sendable {
    struct Busy: Error {}
    /// The render did not finish in time; it still runs to its end and holds its place.
    struct TimedOut: Error { var seconds: Double }

    let limit: Int
    let queue: Int
    private let lock = NSLock()
    private var admitted = 0
    private(set) var running = 0
    private let slots: DispatchSemaphore
    private let workers = DispatchQueue(label: "strikemap.render", attributes: .concurrent)
    /// Timeouts on a queue of their own: never stuck behind renders that hold every thread.
    private let timers = DispatchQueue(label: "strikemap.render-timeouts")

    init(limit: Int, queue: Int) {
        self.limit = max(1, limit)
        self.queue = max(0, queue)
        slots = DispatchSemaphore(value: self.limit)
    }

    var inFlight: Int { lock.lock(); defer { lock.unlock() }; return running }

    /// Takes a place, running or waiting, when one is free.
    private func admit() -> Bool {
        lock.withLock {
            guard admitted < limit + queue else { return false }
            admitted += 1
            return true
        }
    }

    func run<T: Sendable>(timeout: Double, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard admit() else { throw Busy() }
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
            let once = Once(c)
            workers.async { [self] in
                slots.wait()
                lock.lock(); running += 1; lock.unlock()
                let result = Result { try work() }
                lock.lock(); running -= 1; admitted -= 1; lock.unlock()
                slots.signal()
                once.resume(with: result)
            }
            if timeout.isFinite {
                timers.asyncAfter(deadline: .now() + timeout) { once.resume(with: .failure(TimedOut(seconds: timeout))) }
            }
        }
    }

    /// Resumes a continuation the first time only (the render or its timeout).
    private final class Once<T: Sendable>: @unchecked Sendable {
        private var c: CheckedContinuation<T, Error>?
        private let lock = NSLock()
        init(_ c: CheckedContinuation<T, Error>) { self.c = c }
        func resume(with r: sending Result<T, Error>) {
            lock.lock(); let c = self.c; self.c = nil; lock.unlock()
            c?.resume(with: r)
        }
    }
}
