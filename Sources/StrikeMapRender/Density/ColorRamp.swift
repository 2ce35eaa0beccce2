import Foundation

/// A sequential colour ramp for density views: low values light (or dark on a dark theme), high
/// values strong. The ramps are perceptually uniform (viridis, cividis, magma) or ColorBrewer's
/// sequential schemes, all readable by people with the common colour-vision deficiencies.
/// Names: viridis, cividis, magma, ylorrd, reds, blues, greys; a `-r` suffix reverses one.
public struct ColorRamp: Sendable, Equatable, TextSetting {
    public let name: String
    public let reversed: Bool
    private let stops: [Color]

    public static let names = RampData.stops.keys.sorted()

    public init(_ spec: String) throws(DensityError) {
        var n = spec.lowercased().trimmingCharacters(in: .whitespaces)
        let rev = n.hasSuffix("-r")
        if rev { n.removeLast(2) }
        guard let hex = RampData.stops[n] else { throw .unknownRamp(spec, known: Self.names) }
        name = n
        reversed = rev
        let colors = hex.map { v in Color(r: Double((v >> 16) & 0xFF) / 255, g: Double((v >> 8) & 0xFF) / 255, b: Double(v & 0xFF) / 255) }
        stops = rev ? colors.reversed() : colors
    }

    public var description: String { reversed ? name + "-r" : name }


    /// The colour at `t` in 0...1, interpolated between stops.
    public func color(at t: Double) -> Color {
        let x = min(1, max(0, t.isFinite ? t : 0)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(x)), f = x - Double(i)
        let a = stops[i], b = stops[i + 1]
        return Color(r: a.r + (b.r - a.r) * f, g: a.g + (b.g - a.g) * f, b: a.b + (b.b - a.b) * f)
    }

    /// Whether the ramp starts light (ColorBrewer's, reversed viridis): its palest end would vanish
    /// on a light map, so classes begin a little way in.
    var startsLight: Bool {
        let c = stops[0]
        return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b > 0.75
    }

    /// `n` colours for `n` classes, evenly spaced along the ramp.
    public func classColors(_ n: Int) -> [Color] {
        guard n > 1 else { return [color(at: 0.6)] }
        let lo = startsLight ? 0.12 : 0.0
        return (0..<n).map { color(at: lo + (1 - lo) * Double($0) / Double(n - 1)) }
    }
}
