/// When a render must stop: a service's render timeout, or its client gone. Checked between the
/// steps of a map (each symbolizer's plan, each paint, each frame, the deflating of a PNG), so a
/// render past its deadline ends within one step and gives its slot back — a 14,000-layer
/// document answered 504 at 30 s held its slot for 124 s more, and work for a client that had
/// hung up went on to its end (and held SIGTERM's exit back as long). A task-local value, so that
/// it needs no parameter through every layer; bound on the render's own thread (`withValue` works
/// outside tasks too).
public enum RenderDeadline {
    /// One value, pushed once per render. (Two nested task-local pushes, one of them holding a
    /// closure, crashed the release build in `swift_task_localValuePush` on a plain thread.)
    @TaskLocal public static var limits = RenderLimits()

    /// Throws `RenderError.deadlinePassed` once the deadline, if any, has passed, and
    /// `RenderError.abandoned` once no one waits for the map.
    public static func check() throws(RenderError) {
        let l = limits
        if let d = l.deadline, ContinuousClock.now > d { throw .deadlinePassed }
        if let w = l.watch, w.isGone { throw .abandoned }
    }
}

/// What stops a render: a deadline, and whether anyone still waits for it (nil: someone always
/// does, as on the command line).
public struct RenderLimits: Sendable {
    public var deadline: ContinuousClock.Instant?
    public var watch: RenderWatch?
    public init(deadline: ContinuousClock.Instant? = nil, watch: RenderWatch? = nil) {
        self.deadline = deadline
        self.watch = watch
    }
}

/// Tells whether the client of a render has gone (a service's connection closed).
public final class RenderWatch: Sendable {
    private let gone: @Sendable () -> Bool
    public init(_ gone: @escaping @Sendable () -> Bool) { self.gone = gone }
    public var isGone: Bool { gone() }
}
