import DequeModule
import Dispatch
import Foundation
import StrikeMapRender

/// At most `limit` renders at once, `queue` more waiting; past that a request is turned away at
/// once (503 with Retry-After) rather than piling up. Renders run on threads of their own, off
/// the server's event loops and Swift's cooperative pool (they block on Cairo, PROJ and GDAL).
///
/// Waiting work is taken first come, first served, from one queue by `limit` threads that live
/// as long as the gate. (Each render once waited on a semaphore in a dispatch thread of its own:
/// sixteen requests parked fourteen threads, woken in no set order, and a new thread paid again
/// for what a thread keeps warm — Pango's default font map is one per thread — so the first
/// seconds under load had a p99 a third above the p90.) A request whose deadline passes while it
/// waits is dropped from the queue unrun: its client has had its 504, and its place is free at once.
final class RenderGate: Sendable {
    struct Busy: Error {}
    /// The render did not finish in time; one already begun stops at its next step (RenderDeadline).
    struct TimedOut: Error { var seconds: Double }
    /// Its client went away: it was dropped from the queue unrun, or stopped at its next step.
    struct Abandoned: Error {}

    let limit: Int
    let queue: Int
    /// Internal for tests: what the threads share (it outlives the gate until they end).
    let core: Core
    /// Timeouts on a queue of their own: never stuck behind renders that hold every thread.
    private let timers = DispatchQueue(label: "strikemap.render-timeouts")

    /// `label` names the threads (`label 1`, `label 2`, …; at most 15 bytes in all are kept).
    /// `pixels`: the canvas pixels that may be drawn at once, whatever the number of threads (a
    /// map's memory is about its pixels: two 150-megapixel maps at once took 2.6 GB). A render
    /// larger than the whole budget runs alone.
    init(limit: Int, queue: Int, pixels: Int = .max, label: String = "render") {
        self.limit = max(1, limit)
        self.queue = max(0, queue)
        core = Core(places: self.limit + self.queue, pixelBudget: max(1, pixels))
        for n in 0..<self.limit {
            // Named from inside, in at most 15 bytes (else the system keeps none): `top -H` shows them.
            let t = Thread { [core] in
                Thread.current.name = "\(label) \(n + 1)"
                core.serve()
            }
            // Room for deep documents and Cairo's own recursion, as a main thread has.
            t.stackSize = 8 << 20
            t.start()
        }
    }

    /// The threads finish the work they hold and end.
    deinit { core.close() }

    /// Renders running now.
    var inFlight: Int { core.counts.running }
    /// Requests admitted and not yet finished or dropped (running or waiting).
    var admitted: Int { core.counts.admitted }

    /// Runs `work` on a render thread in its turn; `pixels` is the canvas it draws (0: none).
    /// Work whose client has gone (`presence`: the current request's) is not started, and work
    /// begun stops at its next step.
    func run<T: Sendable>(timeout: Double, pixels: Int = 0, presence: ClientPresence? = ClientPresence.current,
                          _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
            let once = Once(c)
            // The render stops between its steps once its client has had the 504 (RenderDeadline).
            let deadline = timeout.isFinite ? ContinuousClock.now + .milliseconds(Int64(timeout * 1000)) : nil
            let gone: (@Sendable () -> Bool)? = presence.map { p in { @Sendable in p.isGone } }
            let isAnswered: @Sendable () -> Bool = { once.isAnswered || (gone?() ?? false) }
            let drop: @Sendable () -> Void = { once.resume(with: .failure(Abandoned())) }
            let start: @Sendable () -> @Sendable () -> Void = {
                let limits = RenderLimits(deadline: deadline, watch: gone.map(RenderWatch.init))
                let result: Result<T, Error> = RenderDeadline.$limits.withValue(limits) { Result { try work() } }
                return { once.resume(with: result) }
            }
            let job = Job(pixels: pixels, isAnswered: isAnswered, drop: drop, start: start)
            guard let ticket = core.admit(job) else { return once.resume(with: .failure(Busy())) }
            if timeout.isFinite {
                timers.asyncAfter(deadline: .now() + timeout) { [core] in
                    core.withdraw(ticket)
                    once.resume(with: .failure(TimedOut(seconds: timeout)))
                }
            }
        }
    }

    /// A render waiting its turn: `start` runs it and gives what sends its answer (called once
    /// its place is free, so a client that has its map finds the place free); `isAnswered` tells
    /// that its answer was given (it timed out) or that no one waits for it, so it need not run;
    /// `drop` answers one that is not run.
    struct Job {
        var ticket: UInt64 = 0
        var pixels: Int
        var isAnswered: @Sendable () -> Bool
        var drop: @Sendable () -> Void
        var start: @Sendable () -> @Sendable () -> Void
    }

    /// The queue and its counts, shared by the gate and its threads (which must not keep the
    /// gate itself alive).
    final class Core: @unchecked Sendable {
        private let places: Int
        private let pixelBudget: Int
        private var pixelsInFlight = 0
        private let condition = NSCondition()
        private var waiting = Deque<Job>()
        private var admitted = 0
        private var running = 0
        private var closed = false
        private var lastTicket: UInt64 = 0
        private var threads = 0

        init(places: Int, pixelBudget: Int) {
            self.places = places
            self.pixelBudget = pixelBudget
        }

        /// Whether the job at the head may start now: within the pixel budget, or alone.
        private func fits(_ job: Job) -> Bool {
            pixelsInFlight == 0 || job.pixels <= pixelBudget - pixelsInFlight || job.isAnswered()
        }

        /// Render threads not yet ended.
        var threadsAlive: Int { condition.lock(); defer { condition.unlock() }; return threads }

        var counts: (running: Int, admitted: Int) {
            condition.lock(); defer { condition.unlock() }
            return (running, admitted)
        }

        /// Queues `job` when a place is free; gives its ticket. When none is, work that waits
        /// for clients who have gone gives its place up first.
        func admit(_ job: Job) -> UInt64? {
            condition.lock(); defer { condition.unlock() }
            if admitted >= places {
                let before = waiting.count
                var dropped: [Job] = []
                waiting.removeAll { j in
                    guard j.isAnswered() else { return false }
                    dropped.append(j)
                    return true
                }
                admitted -= before - waiting.count
                // Answered off this lock (a continuation resumed under it could wait on it).
                if !dropped.isEmpty { let jobs = dropped; DispatchQueue.global().async { for j in jobs { j.drop() } } }
            }
            guard admitted < places, !closed else { return nil }
            admitted += 1
            lastTicket += 1
            var job = job
            job.ticket = lastTicket
            waiting.append(job)
            condition.signal()
            return lastTicket
        }

        /// Takes a job out of the queue if it still waits there (it timed out): its place is
        /// free at once. (A linear search: the queue is short, and this is the rare path.)
        func withdraw(_ ticket: UInt64) {
            condition.lock(); defer { condition.unlock() }
            guard let i = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
            waiting.remove(at: i)
            admitted -= 1
        }

        func close() {
            condition.lock(); closed = true; condition.broadcast(); condition.unlock()
        }

        /// One render thread: takes waiting work in arrival order, skipping what has been
        /// answered, until the gate is closed and nothing waits.
        func serve() {
            condition.lock()
            threads += 1
            defer { threads -= 1; condition.unlock() }
            while true {
                // The head waits for room in the pixel budget; those behind it wait their turn.
                while let head = waiting.first, !fits(head) { condition.wait() }
                while waiting.isEmpty && !closed { condition.wait() }
                guard let first = waiting.first else { break }
                if !fits(first) { continue }
                let job = waiting.removeFirst()
                if job.isAnswered() {
                    admitted -= 1
                    condition.unlock()
                    job.drop()
                    condition.lock()
                    continue
                }
                running += 1
                pixelsInFlight += job.pixels
                condition.unlock()
                let answer = job.start()
                condition.lock()
                running -= 1
                admitted -= 1
                pixelsInFlight -= job.pixels
                // Room in the budget: a thread held back by the head may go.
                condition.broadcast()
                condition.unlock()
                answer()
                condition.lock()
            }
        }
    }

    /// Resumes a continuation the first time only (the render or its timeout).
    private final class Once<T: Sendable>: @unchecked Sendable {
        private var c: CheckedContinuation<T, Error>?
        private let lock = NSLock()
        init(_ c: CheckedContinuation<T, Error>) { self.c = c }
        var isAnswered: Bool { lock.withLock { c == nil } }
        func resume(with r: sending Result<T, Error>) {
            lock.lock(); let c = self.c; self.c = nil; lock.unlock()
            c?.resume(with: r)
        }
    }
}
