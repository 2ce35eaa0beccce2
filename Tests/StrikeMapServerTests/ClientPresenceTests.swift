import Foundation
import Testing
@testable import StrikeMapServer
import StrikeMapRender

/// Work for clients who have gone, on the render gate alone: not begun when its client left while
/// it waited, stopped at its next step when its client leaves while it runs, and giving up its
/// queue place to a new request.
@Suite(.timeLimit(.minutes(2))) struct ClientPresenceTests {
    @Test func aRenderWhoseClientLeftWhileWaitingIsNeverDrawn() async throws {
        let gate = RenderGate(limit: 1, queue: 1)
        let release = DispatchSemaphore(value: 0)
        let ran = ArrivalLog()
        let first = Task { try await gate.run(timeout: .infinity, presence: nil) { release.wait(); ran.add(1) } }
        while gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let client = ClientPresence()
        let second = Task { try await gate.run(timeout: .infinity, presence: client) { ran.add(2) } }
        while gate.admitted < 2 { try await Task.sleep(for: .milliseconds(5)) }
        client.leave()
        release.signal()
        try await first.value
        await #expect(throws: RenderGate.Abandoned.self) { try await second.value }
        #expect(ran.values == [1])
        #expect(gate.admitted == 0)
    }

    @Test func aRenderWhoseClientLeavesStopsAtItsNextStep() async throws {
        let gate = RenderGate(limit: 1, queue: 0)
        let client = ClientPresence()
        let steps = ArrivalLog()
        // The render waits at its sixth step until its client has gone (no race with the clock).
        let reached = DispatchSemaphore(value: 0), left = DispatchSemaphore(value: 0)
        let render = Task {
            try await gate.run(timeout: .infinity, presence: client) {
                for n in 0..<500 {
                    if n == 5 { reached.signal(); left.wait() }
                    try RenderDeadline.check()
                    steps.add(n)
                }
            }
        }
        await offPool { reached.wait() }
        client.leave()
        left.signal()
        await #expect(throws: RenderError.abandoned) { try await render.value }
        #expect(steps.values == Array(0..<5), "\(steps.values.count) steps ran")
        // Its slot is free: the next render runs at once.
        #expect(try await gate.run(timeout: .infinity, presence: nil) { 7 } == 7)
    }

    /// A full queue whose waiting work has lost its clients takes a new request (it was 503).
    @Test func aDepartedClientsPlaceGoesToTheNextRequest() async throws {
        let gate = RenderGate(limit: 1, queue: 1)
        let release = DispatchSemaphore(value: 0)
        let first = Task { try await gate.run(timeout: .infinity, presence: nil) { release.wait(); return 1 } }
        while gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let gone = ClientPresence()
        let waiting = Task { try await gate.run(timeout: .infinity, presence: gone) { 2 } }
        while gate.admitted < 2 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: RenderGate.Busy.self) { try await gate.run(timeout: .infinity, presence: nil) { 3 } }
        gone.leave()
        let third = Task { try await gate.run(timeout: .infinity, presence: nil) { 3 } }
        await #expect(throws: RenderGate.Abandoned.self) { try await waiting.value }
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await third.value == 3)
        #expect(gate.admitted == 0)
    }

    /// A render shared by several requests goes on while any of them waits.
    @Test func aSharedRenderLastsWhileAnyClientWaits() {
        let a = ClientPresence(), b = ClientPresence()
        let shared = ClientPresence(anyOf: [a])
        shared.join(b)
        a.leave()
        #expect(!shared.isGone)
        b.leave()
        #expect(shared.isGone)
        // A request from no connection (the service's parts called directly) never leaves.
        let withUnknown = ClientPresence(anyOf: [nil])
        #expect(!withUnknown.isGone)
    }
}
