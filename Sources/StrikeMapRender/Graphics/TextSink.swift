import Foundation

/// One line of text as it would be drawn: what the SVG writer turns into a real, editable
/// `<text>` element instead of glyph outlines.
public struct TextRun: Sendable {
    public var text: String
    /// Left end and baseline of the line, in canvas units.
    public var x: Double
    public var baseline: Double
    public var width: Double
    public var family: String
    public var bold: Bool
    public var italic: Bool
    public var size: Double
    public var letterSpacing: Double
    public var color: Color
    public var halo: Color?
    public var haloWidth: Double
    public var rightToLeft: Bool
}

/// Collects text instead of drawing it, when output text must stay text.
public final class TextSink {
    public private(set) var runs: [TextRun] = []
    public init() {}
    func add(_ r: TextRun) { runs.append(r) }
}
