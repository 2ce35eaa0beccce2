/// When a render must stop: a service's render timeout, or its client gone. Checked between the
/// steps of a map (each symbolizer's plan, each paint, each frame), so a render past its deadline
/// ends within one step and gives its slot back — a 14,000-layer document answered 504 at 30 s
/// held its slot for 124 s more, and work for a client that had hung up went on to its end (and
/// held SIGTERM's exit back as long). Task-local values, so that they need no parameter through
/// every layer; bound on the render's own thread (`withValue` works outside tasks too).
public enum RenderDeadline {
    @TaskLocal public static var current: ContinuousClock.Instant?
    /// Whether anyone still waits for the render (nil: someone always does, as on the command line).
    @TaskLocal public static var abandoned: (@Sendable () -> Bool)?

    /// Throws `RenderError.deadlinePassed` once the deadline, if any, has passed, and
    /// `RenderError.abandoned` once no one waits for the map.
    public static func check() throws(RenderError) {
        if let d = current, ContinuousClock.now > d { throw .deadlinePassed }
        if let a = abandoned, a() { throw .abandoned }
    }
}
