/// When a render must stop: a service's render timeout. Checked between the steps of a map
/// (each symbolizer's plan, each paint, each frame), so a render past its deadline ends within
/// one step and gives its slot back — a 14,000-layer document answered 504 at 30 s held its slot
/// for 124 s more. A task-local value, so that it needs no parameter through every layer; bound
/// on the render's own thread (`withValue` works outside tasks too).
public enum RenderDeadline {
    @TaskLocal public static var current: ContinuousClock.Instant?

    /// Throws `RenderError.deadlinePassed` once the deadline, if any, has passed.
    public static func check() throws(RenderError) {
        if let d = current, ContinuousClock.now > d { throw .deadlinePassed }
    }
}
