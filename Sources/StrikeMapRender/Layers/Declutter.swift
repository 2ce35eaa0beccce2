import Foundation

/// Moves overlapping markers apart just enough to see each one (and its count), the way a
/// graphics desk would by hand; each stays as close to its place as the others allow, and never
/// further than `maxShift(radius)` from it: past that a marker stays where it is, overlapping,
/// since a marker far from its event says something false about where it happened. (The markers
/// layer merges markers that could not be separated within the limit before calling this.)
///
/// Pairs are found through a grid of cells as wide as the largest marker, so a pass costs about
/// one look at each marker's neighbours, not at every other marker.
enum Declutter {
    static func apply(_ items: [(CanvasPoint, Double)], gap: Double, bounds: CanvasRect,
                      maxShift: (Double) -> Double = { 2.5 * $0 }, sweepUpTo: Int = 256) -> [CanvasPoint] {
        let truth = items.map(\.0)
        var pos = truth
        let r = items.map(\.1)
        guard pos.count > 1, let rMax = r.max(), rMax > 0 else { return pos }
        let limit = r.map(maxShift)
        let cell = 2 * rMax + gap
        struct Cell: Hashable { var x: Int, y: Int }
        func cellOf(_ p: CanvasPoint) -> Cell { Cell(x: Int((p.x / cell).rounded(.down)), y: Int((p.y / cell).rounded(.down))) }
        // A budget of pair looks: past it, markers that still overlap stay overlapping (a dense
        // cluster cannot be spread within the shift limit anyway) and a big map stays quick.
        var looks = 0
        // A map's few hundred markers find their neighbours by comparing cells in one sweep; the
        // dictionary of cells, rebuilt each pass, is for thousands (with up to 200 passes, its
        // allocations were a twentieth of an uncached service map's time). Both give the same
        // neighbours in the same order.
        let sweep = pos.count <= sweepUpTo
        var cells: [Cell] = []
        var near: [Int] = []
        near.reserveCapacity(64)
        passes: for _ in 0..<200 where looks < 12_000_000 {
            var grid: [Cell: [Int]] = [:]
            if sweep {
                cells = pos.map(cellOf)
            } else {
                for i in pos.indices { grid[cellOf(pos[i]), default: []].append(i) }
            }
            var moved = false
            for i in pos.indices {
                if looks >= 12_000_000 { break passes }
                let c = cellOf(pos[i])
                // Neighbours in index order: the same pushes, in the same order, as looking at every pair.
                near.removeAll(keepingCapacity: true)
                if sweep {
                    for j in (i + 1)..<pos.count where abs(cells[j].x - c.x) <= 1 && abs(cells[j].y - c.y) <= 1 {
                        near.append(j)
                    }
                } else {
                    for dx in -1...1 {
                        for dy in -1...1 { near += grid[Cell(x: c.x + dx, y: c.y + dy)]?.filter { $0 > i } ?? [] }
                    }
                    near.sort()
                }
                // A crowd this thick cannot be spread within the shift limit: leave it overlapping.
                if near.count > 48 { looks += near.count; continue }
                looks += near.count
                for j in near {
                    var vx = pos[j].x - pos[i].x, vy = pos[j].y - pos[i].y
                    let need = r[i] + r[j] + gap
                    guard vx * vx + vy * vy < (need - 0.01) * (need - 0.01) else { continue }
                    var d = (vx * vx + vy * vy).squareRoot()
                    if d < 0.001 { vx = 1; vy = 0; d = 1 }  // same place: side by side
                    let push = (need - d) / 2 + 0.05
                    // The smaller marker moves more, so big clusters stay anchored.
                    let wi = r[i] * r[i] / (r[i] * r[i] + r[j] * r[j])
                    pos[i].x -= vx / d * push * 2 * (1 - wi); pos[i].y -= vy / d * push * 2 * (1 - wi)
                    pos[j].x += vx / d * push * 2 * wi; pos[j].y += vy / d * push * 2 * wi
                    moved = true
                }
            }
            for i in pos.indices {
                // Inside the frame if it can be, but never further from the place than the limit:
                // a marker cut by the frame's edge is truer than one moved off its place.
                pos[i].x = min(max(pos[i].x, bounds.x + r[i]), bounds.maxX - r[i])
                pos[i].y = min(max(pos[i].y, bounds.y + r[i]), bounds.maxY - r[i])
                let sx = pos[i].x - truth[i].x, sy = pos[i].y - truth[i].y
                let s = hypot(sx, sy)
                if s > limit[i] {
                    pos[i].x = truth[i].x + sx / s * limit[i]
                    pos[i].y = truth[i].y + sy / s * limit[i]
                }
            }
            if !moved { break }
        }
        // The budget can stop a pass half-way, after pushes: hold every marker to its limit.
        for i in pos.indices {
            let sx = pos[i].x - truth[i].x, sy = pos[i].y - truth[i].y
            let s = hypot(sx, sy)
            if s > limit[i] {
                pos[i].x = truth[i].x + sx / s * limit[i]
                pos[i].y = truth[i].y + sy / s * limit[i]
            }
        }
        return pos
    }
}
