import Foundation

/// Places labels around points so that no label overlaps another label, a marker or any
/// other reserved area, and none crosses the bounds. Labels are taken in priority order;
/// each tries the eight positions around its point (right first, as map readers expect),
/// then the same directions further out with a leader line back to the point. A label that
/// fits nowhere is dropped and reported.
public struct LabelPlacer {
    public struct Request {
        public var id: Int
        public var text: String
        public var size: (width: Double, height: Double)
        public var anchor: CanvasPoint
        /// Distance from the anchor to keep clear (the marker's radius).
        public var clearance: Double
        /// Lower numbers are placed first.
        public var priority: Double
        public var allowLeader: Bool
        /// Place centred on the anchor only (area names such as countries and provinces).
        public var centered: Bool
        /// Other acceptable centres for a centred label, best first (other points inside the area).
        public var alternatives: [CanvasPoint]

        public init(id: Int, text: String, size: (width: Double, height: Double), anchor: CanvasPoint,
                    clearance: Double, priority: Double, allowLeader: Bool = true, centered: Bool = false,
                    alternatives: [CanvasPoint] = []) {
            self.id = id; self.text = text; self.size = size; self.anchor = anchor
            self.clearance = clearance; self.priority = priority; self.allowLeader = allowLeader
            self.centered = centered; self.alternatives = alternatives
        }
    }

    public struct Placement: Sendable {
        public var id: Int
        public var text: String
        public var box: CanvasRect
        /// Start (at the marker's edge) and end (at the label) of a leader line, if the label was pushed away.
        public var leader: (from: CanvasPoint, to: CanvasPoint)?
    }

    public var bounds: CanvasRect
    /// Areas no label may cover: markers, legend, scale bar.
    public var obstacles: [CanvasRect]
    /// Extra space kept between labels, in canvas units.
    public var padding: Double

    /// How far beyond its marker a label may be pushed, step by step; every step past the first
    /// draws a leader line.
    public var leaderSteps: [Double]

    public init(bounds: CanvasRect, obstacles: [CanvasRect] = [], padding: Double = 2,
                leaderSteps: [Double] = [0, 16, 32, 56]) {
        self.bounds = bounds
        self.obstacles = obstacles
        self.padding = padding
        self.leaderSteps = leaderSteps
    }

    public func place(_ requests: [Request]) -> (placed: [Placement], dropped: [Request]) {
        var placed: [Placement] = []
        var dropped: [Request] = []
        var taken: [CanvasRect] = []
        // Leader lines must not cross other labels either; keep them as thin boxes.
        var leaders: [(CanvasPoint, CanvasPoint)] = []
        let order = requests.enumerated().sorted {
            $0.element.priority != $1.element.priority ? $0.element.priority < $1.element.priority : $0.offset < $1.offset
        }.map(\.element)

        func free(_ box: CanvasRect, ignoring anchorOf: Request) -> Bool {
            guard bounds.contains(box) else { return false }
            let padded = box.insetBy(-padding)
            for t in taken where t.intersects(padded) { return false }
            for o in obstacles where o.intersects(box) { return false }
            for (a, b) in leaders where segmentIntersects(a, b, box) { return false }
            return true
        }

        for r in order {
            let w = r.size.width, h = r.size.height
            let a = r.anchor
            var chosen: Placement?
            if r.centered {
                for p in [a] + r.alternatives {
                    let box = CanvasRect(x: p.x - w / 2, y: p.y - h / 2, width: w, height: h)
                    if free(box, ignoring: r) { chosen = Placement(id: r.id, text: r.text, box: box, leader: nil); break }
                }
            } else {
                let steps = r.allowLeader ? leaderSteps : [0]
                outer: for (ring, extra) in steps.enumerated() {
                    let d = r.clearance + padding + extra
                    let dd = d * 0.72
                    // Right, left, upper right, lower right, upper left, lower left, above, below.
                    var candidates: [(Double, Double)] = [
                        (a.x + d, a.y - h / 2), (a.x - d - w, a.y - h / 2),
                        (a.x + dd, a.y - dd - h * 0.8), (a.x + dd, a.y + dd - h * 0.2),
                        (a.x - dd - w, a.y - dd - h * 0.8), (a.x - dd - w, a.y + dd - h * 0.2),
                        (a.x - w / 2, a.y - d - h), (a.x - w / 2, a.y + d),
                    ]
                    if ring > 0 {
                        // Pushed-out labels may also sit in the eight directions between those.
                        for k in stride(from: 1, to: 16, by: 2) {
                            let t = Double(k) * .pi / 8
                            let cx = cos(t), cy = sin(t)
                            let x = a.x + cx * d - (cx < -0.3 ? w : cx > 0.3 ? 0 : w / 2)
                            let y = a.y + cy * d - (cy < -0.3 ? h : cy > 0.3 ? 0 : h / 2)
                            candidates.append((x, y))
                        }
                    }
                    for (x, y) in candidates {
                        let box = CanvasRect(x: x, y: y, width: w, height: h)
                        guard free(box, ignoring: r) else { continue }
                        var leader: (CanvasPoint, CanvasPoint)?
                        if ring > 0 {
                            let end = nearestPoint(on: box, to: a)
                            let len = hypot(end.x - a.x, end.y - a.y)
                            guard len > 0 else { continue }
                            let start = CanvasPoint(x: a.x + (end.x - a.x) / len * (r.clearance + 1),
                                                    y: a.y + (end.y - a.y) / len * (r.clearance + 1))
                            // The leader may not cross an already placed label.
                            if taken.contains(where: { segmentIntersects(start, end, $0) }) { continue }
                            leader = (start, end)
                        }
                        chosen = Placement(id: r.id, text: r.text, box: box, leader: leader)
                        break outer
                    }
                }
            }
            if let c = chosen {
                placed.append(c)
                taken.append(c.box)
                if let l = c.leader { leaders.append(l) }
            } else {
                dropped.append(r)
            }
        }
        return (placed, dropped)
    }

    private func nearestPoint(on r: CanvasRect, to p: CanvasPoint) -> CanvasPoint {
        CanvasPoint(x: min(max(p.x, r.x), r.maxX), y: min(max(p.y, r.y), r.maxY))
    }

    /// Whether segment a-b passes through the rectangle (Liang–Barsky clipping).
    func segmentIntersects(_ a: CanvasPoint, _ b: CanvasPoint, _ r: CanvasRect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.x), (dx, r.maxX - a.x), (-dy, a.y - r.y), (dy, r.maxY - a.y)] {
            if p == 0 { if q < 0 { return false } else { continue } }
            let t = q / p
            if p < 0 { if t > t1 { return false } else if t > t0 { t0 = t } }
            else { if t < t0 { return false } else if t < t1 { t1 = t } }
        }
        return t0 < t1
    }
}
