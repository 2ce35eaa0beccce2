import Foundation
import Testing
@testable import StrikeMapRender

/// The label placer finds its neighbours through a grid of buckets instead of testing every
/// placed label, obstacle and leader; these tests hold it to the placements of the plain
/// all-against-all search it replaced, on crowded random layouts.
@Suite struct LabelPlacerIndexTests {
    /// The placer as it was before the index: every candidate against every placed label,
    /// obstacle and leader. Kept here as the reference the indexed placer must equal.
    static func bruteForce(_ placer: LabelPlacer, _ requests: [LabelPlacer.Request])
        -> (placed: [LabelPlacer.Placement], dropped: [LabelPlacer.Request]) {
        let bounds = placer.bounds, padding = placer.padding, obstacles = placer.obstacles
        var placed: [LabelPlacer.Placement] = [], dropped: [LabelPlacer.Request] = []
        var taken: [CanvasRect] = []
        var leaders: [(CanvasPoint, CanvasPoint)] = []
        let order = requests.enumerated().sorted {
            $0.element.priority != $1.element.priority ? $0.element.priority < $1.element.priority : $0.offset < $1.offset
        }.map(\.element)
        func free(_ box: CanvasRect) -> Bool {
            guard bounds.contains(box) else { return false }
            let padded = box.insetBy(-padding)
            for t in taken where t.intersects(padded) { return false }
            for o in obstacles where o.intersects(box) { return false }
            for (a, b) in leaders where placer.segmentIntersects(a, b, box) { return false }
            return true
        }
        for r in order {
            let w = r.size.width, h = r.size.height, a = r.anchor
            var chosen: LabelPlacer.Placement?
            if r.centered {
                for p in [a] + r.alternatives {
                    let box = CanvasRect(x: p.x - w / 2, y: p.y - h / 2, width: w, height: h)
                    if free(box) { chosen = .init(id: r.id, text: r.text, box: box, leader: nil); break }
                }
            } else {
                var crossing: LabelPlacer.Placement?
                outer: for (ring, extra) in (r.allowLeader ? placer.leaderSteps : [0]).enumerated() {
                    let d = r.clearance + padding + extra, dd = d * 0.72
                    var candidates: [(Double, Double)] = [
                        (a.x + d, a.y - h / 2), (a.x - d - w, a.y - h / 2),
                        (a.x + dd, a.y - dd - h * 0.8), (a.x + dd, a.y + dd - h * 0.2),
                        (a.x - dd - w, a.y - dd - h * 0.8), (a.x - dd - w, a.y + dd - h * 0.2),
                        (a.x - w / 2, a.y - d - h), (a.x - w / 2, a.y + d),
                    ]
                    if ring > 0 {
                        for k in stride(from: 1, to: 16, by: 2) {
                            let t = Double(k) * .pi / 8, cx = cos(t), cy = sin(t)
                            candidates.append((a.x + cx * d - (cx < -0.3 ? w : cx > 0.3 ? 0 : w / 2),
                                               a.y + cy * d - (cy < -0.3 ? h : cy > 0.3 ? 0 : h / 2)))
                        }
                    }
                    for (x, y) in candidates {
                        let box = CanvasRect(x: x, y: y, width: w, height: h)
                        guard free(box) else { continue }
                        var leader: (CanvasPoint, CanvasPoint)?
                        if ring > 0 {
                            let end = CanvasPoint(x: min(max(a.x, box.x), box.maxX), y: min(max(a.y, box.y), box.maxY))
                            let len = hypot(end.x - a.x, end.y - a.y)
                            guard len > 0 else { continue }
                            let start = CanvasPoint(x: a.x + (end.x - a.x) / len * (r.clearance + 1),
                                                    y: a.y + (end.y - a.y) / len * (r.clearance + 1))
                            if taken.contains(where: { placer.segmentIntersects(start, end, $0) }) { continue }
                            if obstacles.contains(where: { !$0.contains(a) && placer.segmentIntersects(start, end, $0) }) {
                                if r.leaderMayCrossMarks && crossing == nil {
                                    crossing = .init(id: r.id, text: r.text, box: box, leader: (start, end))
                                }
                                continue
                            }
                            leader = (start, end)
                        }
                        chosen = .init(id: r.id, text: r.text, box: box, leader: leader)
                        break outer
                    }
                }
                if chosen == nil { chosen = crossing }
            }
            if let c = chosen {
                placed.append(c); taken.append(c.box)
                if let l = c.leader { leaders.append(l) }
            } else {
                dropped.append(r)
            }
        }
        return (placed, dropped)
    }

    /// A crowded page: anchors clustered around a few centres (as events are around cities),
    /// whole-pixel coordinates and sizes often (so edges touch exactly), priorities with ties,
    /// centred area names with alternatives, and obstacles of every size, some off the bounds.
    static func scenario(seed: UInt64, requests n: Int, obstacles m: Int)
        -> (LabelPlacer, [LabelPlacer.Request]) {
        var rng = SeededRandom(seed: seed)
        let bounds = CanvasRect(x: 20, y: 30, width: 1560, height: 1140)
        let centres = (0..<8).map { _ in CanvasPoint(x: 40 + rng.next() * 1520, y: 50 + rng.next() * 1100) }
        func point(_ spread: Double) -> CanvasPoint {
            let c = centres[Int(rng.next() * 8) % 8]
            var x = c.x + (rng.next() - 0.5) * spread, y = c.y + (rng.next() - 0.5) * spread
            if rng.next() < 0.5 { x = x.rounded(); y = y.rounded() }
            return CanvasPoint(x: x, y: y)
        }
        var obstacles: [CanvasRect] = []
        for i in 0..<m {
            let p = i % 10 == 0 ? CanvasPoint(x: -100 + rng.next() * 1800, y: -100 + rng.next() * 1400) : point(500)
            let s = i % 97 == 0 ? 200 + rng.next() * 300 : (2 + rng.next() * 14).rounded()
            obstacles.append(squareObstacle(p, s / 2))
        }
        var requests: [LabelPlacer.Request] = []
        for i in 0..<n {
            let centered = i % 23 == 0
            let alternatives = centered ? (0..<3).map { _ in point(400) } : []
            requests.append(.init(id: i, text: "label \(i)",
                                  size: ((20 + rng.next() * 90).rounded(), (8 + rng.next() * 14).rounded()),
                                  anchor: point(i % 3 == 0 ? 1200 : 300), clearance: (1 + rng.next() * 8).rounded(),
                                  priority: (rng.next() * 40).rounded(), allowLeader: i % 4 != 0, centered: centered,
                                  alternatives: alternatives))
            requests[i].leaderMayCrossMarks = i % 7 == 0
        }
        let placer = LabelPlacer(bounds: bounds, obstacles: obstacles, padding: 4, leaderSteps: [0, 19, 39, 67, 100])
        return (placer, requests)
    }

    static func same(_ a: (placed: [LabelPlacer.Placement], dropped: [LabelPlacer.Request]),
                     _ b: (placed: [LabelPlacer.Placement], dropped: [LabelPlacer.Request])) {
        #expect(a.placed.count == b.placed.count)
        #expect(a.dropped.map(\.id) == b.dropped.map(\.id))
        for (p, q) in zip(a.placed, b.placed) {
            #expect(p.id == q.id && p.box == q.box, "label \(p.id) at \(p.box), reference \(q.id) at \(q.box)")
            #expect(p.leader?.from == q.leader?.from && p.leader?.to == q.leader?.to, "leader of label \(p.id)")
        }
    }

    @Test(arguments: [(UInt64(1), 1000, 800), (2, 600, 1500), (3, 1200, 300)])
    func indexedPlacerEqualsAllAgainstAll(seed: UInt64, requests: Int, obstacles: Int) {
        let (placer, reqs) = Self.scenario(seed: seed, requests: requests, obstacles: obstacles)
        let indexed = placer.place(reqs)
        let reference = Self.bruteForce(placer, reqs)
        // A layout crowded enough that labels are pushed out with leaders and some dropped.
        #expect(indexed.placed.contains { $0.leader != nil })
        #expect(!indexed.dropped.isEmpty)
        Self.same(indexed, reference)
    }

    /// Rectangles with non-finite coordinates and a degenerate area cannot be bucketed; they
    /// are tested by every query, so the answers still equal a scan.
    @Test func unbucketableInputsEqualAllAgainstAll() {
        var (placer, reqs) = Self.scenario(seed: 9, requests: 300, obstacles: 200)
        placer.obstacles += [CanvasRect(x: .nan, y: 10, width: 5, height: 5),
                             CanvasRect(x: -.infinity, y: 0, width: .infinity, height: 2000),
                             CanvasRect(x: 800, y: 600, width: -40, height: -40)]
        reqs.append(.init(id: 9999, text: "nan", size: (10, 10), anchor: CanvasPoint(x: .nan, y: 3), clearance: 1, priority: 0))
        Self.same(placer.place(reqs), Self.bruteForce(placer, reqs))
        let flat = LabelPlacer(bounds: CanvasRect(x: 0, y: 0, width: 0, height: 0), obstacles: placer.obstacles)
        Self.same(flat.place(reqs), Self.bruteForce(flat, reqs))
    }

    @Test func gridFindsWhatAScanFinds() {
        var rng = SeededRandom(seed: 5)
        var grid = BoxGrid(over: CanvasRect(x: 0, y: 0, width: 1000, height: 700))
        var rects: [CanvasRect] = []
        for _ in 0..<2000 {
            let r = CanvasRect(x: (-200 + rng.next() * 1400).rounded(), y: (-200 + rng.next() * 1100).rounded(),
                               width: (rng.next() * 60).rounded(), height: (rng.next() * 30).rounded())
            rects.append(r); grid.insert(r)
        }
        for _ in 0..<2000 {
            let q = CanvasRect(x: (-250 + rng.next() * 1500).rounded(), y: (-250 + rng.next() * 1200).rounded(),
                               width: (rng.next() * 80).rounded(), height: (rng.next() * 40).rounded())
            #expect(grid.any(near: q) { $0.intersects(q) } == rects.contains { $0.intersects(q) })
        }
    }
}
