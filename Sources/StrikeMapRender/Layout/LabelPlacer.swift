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
        /// Leader lengths to try instead of the placer's (a callout may go further than a name).
        public var leaderSteps: [Double]?
        /// A label the map must carry (a capital, a note the user wrote) may, when it finds no
        /// other place, take one whose leader crosses another mark; other labels are dropped then.
        public var leaderMayCrossMarks = false

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
        // Placed labels, obstacles and leader lines are bucketed in grids over the bounds, so a
        // candidate is tested only against what lies near it: with thousands of labels and
        // markers, testing against everything made placement quadratic. The answers are the same
        // as testing against everything (the grids only skip items whose boxes cannot meet).
        var taken = BoxGrid(over: bounds)
        let obstacleGrid: BoxGrid = {
            var g = BoxGrid(over: bounds)
            for o in obstacles { g.insert(o) }
            return g
        }()
        // Leader lines must not cross other labels either: bucketed by their bounding boxes,
        // then tested exactly.
        var leaders: [(CanvasPoint, CanvasPoint)] = []
        var leaderGrid = BoxGrid(over: bounds)
        let order = requests.enumerated().sorted {
            $0.element.priority != $1.element.priority ? $0.element.priority < $1.element.priority : $0.offset < $1.offset
        }.map(\.element)

        func free(_ box: CanvasRect, ignoring anchorOf: Request) -> Bool {
            guard bounds.contains(box) else { return false }
            let padded = box.insetBy(-padding)
            if taken.any(near: padded, where: { $0.intersects(padded) }) { return false }
            if obstacleGrid.any(near: box, where: { $0.intersects(box) }) { return false }
            if leaderGrid.anyIndex(near: box, where: { segmentIntersects(leaders[$0].0, leaders[$0].1, box) }) { return false }
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
                let steps = r.allowLeader ? (r.leaderSteps ?? leaderSteps) : [0]
                // The first place whose leader crosses a mark, for a label that may take one.
                var crossing: Placement?
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
                            // The leader may not cross an already placed label, nor a mark other
                            // than its own point's (a leader over a marker reads as pointing at it).
                            let span = segmentBox(start, end)
                            if taken.any(near: span, where: { segmentIntersects(start, end, $0) }) { continue }
                            if obstacleGrid.any(near: span, where: { !$0.contains(a) && segmentIntersects(start, end, $0) }) {
                                if r.leaderMayCrossMarks && crossing == nil {
                                    crossing = Placement(id: r.id, text: r.text, box: box, leader: (start, end))
                                }
                                continue
                            }
                            leader = (start, end)
                        }
                        chosen = Placement(id: r.id, text: r.text, box: box, leader: leader)
                        break outer
                    }
                }
                if chosen == nil { chosen = crossing }
            }
            if let c = chosen {
                placed.append(c)
                taken.insert(c.box)
                if let l = c.leader {
                    leaders.append(l)
                    leaderGrid.insert(segmentBox(l.from, l.to))
                }
            } else {
                dropped.append(r)
            }
        }
        return (placed, dropped)
    }

    /// The bounding box of segment a-b (width or height zero for an axis-parallel segment).
    private func segmentBox(_ a: CanvasPoint, _ b: CanvasPoint) -> CanvasRect {
        CanvasRect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
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

/// Rectangles bucketed in a uniform grid of cells over an area; each is registered in every cell
/// its closed extent overlaps (cells past the edge are clamped to the border cells, so rectangles
/// outside the area are still found). A query visits the cells its own extent overlaps, widened
/// by a small margin so that rounding in a caller's exact test can never hide a neighbour.
/// Rectangles with non-finite coordinates are kept aside and tested by every query, and a query
/// with non-finite coordinates tests everything, so answers always equal a linear scan.
struct BoxGrid {
    private(set) var rects: [CanvasRect] = []
    private var cells: [[Int32]]
    private var unindexed: [Int32] = []
    private let originX: Double, originY: Double, cellSize: Double
    private let cols: Int, rows: Int

    /// About 64 cells along the longer side: a cell is then a few label heights on a map page,
    /// so a query touches a handful of cells holding a handful of rectangles each.
    init(over area: CanvasRect, cellsAlongLongerSide: Int = 64) {
        let w = abs(area.width), h = abs(area.height)
        let side = max(w, h)
        if side.isFinite, side > 0, area.x.isFinite, area.y.isFinite {
            cellSize = side / Double(cellsAlongLongerSide)
            cols = max(1, min(cellsAlongLongerSide, Int((w / cellSize).rounded(.up))))
            rows = max(1, min(cellsAlongLongerSide, Int((h / cellSize).rounded(.up))))
            originX = min(area.x, area.maxX); originY = min(area.y, area.maxY)
        } else {
            // A degenerate area: one cell, which is a linear scan.
            cellSize = 1; cols = 1; rows = 1; originX = 0; originY = 0
        }
        cells = Array(repeating: [], count: cols * rows)
    }

    var count: Int { rects.count }

    mutating func insert(_ r: CanvasRect) {
        let index = Int32(rects.count)
        rects.append(r)
        guard let (c0, c1, r0, r1) = cellRange(r, margin: 0) else { unindexed.append(index); return }
        for row in r0...r1 {
            for col in c0...c1 { cells[row * cols + col].append(index) }
        }
    }

    /// Whether any rectangle whose extent may meet `query` passes `test`.
    func any(near query: CanvasRect, where test: (CanvasRect) -> Bool) -> Bool {
        anyIndex(near: query) { test(rects[$0]) }
    }

    /// The same, passing the rectangle's insertion index (to look up what it stands for).
    /// A rectangle registered in several visited cells may be tested more than once, which
    /// cannot change a yes-or-no answer.
    func anyIndex(near query: CanvasRect, where test: (Int) -> Bool) -> Bool {
        for i in unindexed where test(Int(i)) { return true }
        guard let (c0, c1, r0, r1) = cellRange(query, margin: 1) else {
            for i in rects.indices where test(i) { return true }
            return false
        }
        for row in r0...r1 {
            for col in c0...c1 {
                for i in cells[row * cols + col] where test(Int(i)) { return true }
            }
        }
        return false
    }

    /// The clamped cell columns and rows covering the closed extent of `r` (in either
    /// orientation, as `CanvasRect.intersects` accepts negative sizes), widened by `margin`;
    /// nil when a coordinate is not finite. Clamping is monotone, so two extents that meet
    /// always share a cell.
    private func cellRange(_ r: CanvasRect, margin: Double) -> (Int, Int, Int, Int)? {
        let x0 = min(r.x, r.maxX) - margin, x1 = max(r.x, r.maxX) + margin
        let y0 = min(r.y, r.maxY) - margin, y1 = max(r.y, r.maxY) + margin
        guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return nil }
        func index(_ v: Double, _ origin: Double, _ n: Int) -> Int {
            let c = ((v - origin) / cellSize).rounded(.down)
            return c <= 0 ? 0 : c >= Double(n - 1) ? n - 1 : Int(c)
        }
        return (index(x0, originX, cols), index(x1, originX, cols), index(y0, originY, rows), index(y1, originY, rows))
    }
}
