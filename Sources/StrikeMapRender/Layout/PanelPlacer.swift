import Foundation

/// Where the map's panels (legend, scale bar and north arrow, inset) go inside the frame: a
/// corner first, then a place along an edge, and never over a drawn mark. A panel with no free
/// place gets none, and the caller moves it out of the map (the legend and the scale bar to a
/// strip under it) or leaves it off (the inset): a mark counted as drawn is never hidden.
struct PanelPlacer {
    let frame: CanvasRect
    /// Between a panel and the frame's edge.
    let gap: Double
    /// Boxes of the marks no panel may cover (markers with their badges, density cells).
    private let marks: [CanvasRect]
    /// How much a place would cover of what may be covered (towns) or of what the old corner
    /// choice weighed: among free places, the least wins, corners before edges.
    private let cost: (CanvasRect) -> Double
    /// The panels placed so far; a new one keeps half a `gap` from each.
    private(set) var taken: [CanvasRect] = []

    /// `reach`: the largest panel's larger side; only marks within it of an edge can be covered.
    init(frame: CanvasRect, gap: Double, marks: [CanvasRect], reach: Double, cost: @escaping (CanvasRect) -> Double) {
        self.frame = frame
        self.gap = gap
        self.cost = cost
        // Panels touch the edges: marks deeper inside than the largest panel reaches are left out
        // once, rather than tested for every place of every panel.
        let inner = frame.insetBy(reach + gap)
        self.marks = marks.filter { m in
            inner.width <= 0 || inner.height <= 0 || !(m.x >= inner.x && m.maxX <= inner.maxX && m.y >= inner.y && m.maxY <= inner.maxY)
        }
    }

    /// A panel's box in corner `i` (0 top left, 1 top right, 2 bottom left, 3 bottom right).
    func corner(_ i: Int, _ size: (w: Double, h: Double)) -> CanvasRect {
        CanvasRect(x: i % 2 == 0 ? frame.x + gap : frame.maxX - gap - size.w,
                   y: i < 2 ? frame.y + gap : frame.maxY - gap - size.h, width: size.w, height: size.h)
    }

    /// Places along the edges between the corners: the bottom, the top, the left, then the right.
    func edgePlaces(_ size: (w: Double, h: Double), steps: Int = 8) -> [CanvasRect] {
        var out: [CanvasRect] = []
        let spanX = frame.width - 2 * gap - size.w, spanY = frame.height - 2 * gap - size.h
        if spanX > 0 {
            for y in [frame.maxY - gap - size.h, frame.y + gap] {
                for k in 1..<steps { out.append(CanvasRect(x: frame.x + gap + spanX * Double(k) / Double(steps), y: y, width: size.w, height: size.h)) }
            }
        }
        if spanY > 0 {
            for x in [frame.x + gap, frame.maxX - gap - size.w] {
                for k in 1..<steps { out.append(CanvasRect(x: x, y: frame.y + gap + spanY * Double(k) / Double(steps), width: size.w, height: size.h)) }
            }
        }
        return out
    }

    /// Whether a box lies inside the frame, clear of every mark and of the panels placed.
    func isFree(_ r: CanvasRect) -> Bool {
        guard r.x >= frame.x, r.y >= frame.y, r.maxX <= frame.maxX + 0.001, r.maxY <= frame.maxY + 0.001 else { return false }
        let spaced = r.insetBy(-gap / 2)
        if taken.contains(where: { $0.intersects(spaced) }) { return false }
        return !marks.contains { $0.intersects(r) }
    }

    /// The free place for a panel of `size` that covers least, corners first in the order of
    /// `prefer`; nil when every place covers a mark. The place is taken.
    mutating func place(_ size: (w: Double, h: Double), prefer: [Int]) -> CanvasRect? {
        let corners = prefer.map { corner($0, size) }.filter(isFree)
        // min(by:) keeps the first of equals: the preferred corner wins a tie.
        var best = corners.min { cost($0) < cost($1) }
        if best == nil { best = edgePlaces(size).filter(isFree).min { cost($0) < cost($1) } }
        if let best { taken.append(best) }
        return best
    }
}
