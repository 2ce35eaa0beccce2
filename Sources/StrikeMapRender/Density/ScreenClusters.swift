import Foundation

/// Merges symbols that would overlap into clusters, in screen space, the way supercluster does at
/// one zoom level: heaviest first, each item joins the nearest cluster it would overlap, or starts
/// its own. Merged clusters grow, so passes repeat (clusters joining clusters) until none overlap;
/// each pass looks only at neighbours in a grid, so a pass costs about n, not n².
///
/// A cluster sits at its members' weighted centre: never away from its events, unlike a nudge.
struct ScreenClusterer {
    struct Item {
        var point: CanvasPoint
        var weight: Int
    }
    struct Cluster {
        var center: CanvasPoint
        var weight: Int
        /// Indexes into the items.
        var members: [Int]
        /// The farthest member from the centre (canvas units).
        var extent: Double
    }

    /// A cluster's radius for its weight.
    var radius: (Int) -> Double
    /// How far two symbols of these radii may overlap before they merge (canvas units): what
    /// moving each by the allowed shift can resolve.
    var tolerance: (Double, Double) -> Double
    /// The gap kept between symbols.
    var gap: Double

    func cluster(_ items: [Item]) -> [Cluster] {
        // Heaviest first: big clusters stay where their weight is and small ones join them.
        let order = items.indices.sorted { items[$0].weight != items[$1].weight ? items[$0].weight > items[$1].weight : $0 < $1 }
        var clusters = order.map { i in
            Cluster(center: items[i].point, weight: items[i].weight, members: [i], extent: 0)
        }
        for _ in 0..<64 {
            let (next, merged) = pass(clusters, items)
            clusters = next
            if !merged { break }
        }
        return clusters
    }

    private struct CellKey: Hashable { var x: Int; var y: Int }

    private func pass(_ input: [Cluster], _ items: [Item]) -> ([Cluster], Bool) {
        guard input.count > 1 else { return (input, false) }
        let rMax = input.map { radius($0.weight) }.max() ?? 1
        // Any two that might merge are within 2 rMax + gap: one cell of that size and its neighbours.
        let cell = max(1, 2 * rMax + gap)
        func key(_ p: CanvasPoint) -> CellKey { CellKey(x: Int((p.x / cell).rounded(.down)), y: Int((p.y / cell).rounded(.down))) }
        var grid: [CellKey: [Int]] = [:]
        var out: [Cluster] = []
        out.reserveCapacity(input.count)
        var merged = false
        for c in input {
            let k = key(c.center)
            let r = radius(c.weight)
            var best: (index: Int, d: Double)?
            for dx in -1...1 {
                for dy in -1...1 {
                    for j in grid[CellKey(x: k.x + dx, y: k.y + dy)] ?? [] {
                        let o = out[j]
                        let d = hypot(o.center.x - c.center.x, o.center.y - c.center.y)
                        let ro = radius(o.weight)
                        if d < ro + r + gap - tolerance(ro, r), d < (best?.d ?? .infinity) { best = (j, d) }
                    }
                }
            }
            if let (j, _) = best {
                // In place: copying a big cluster's members on every merge would be quadratic.
                let w = Double(out[j].weight + c.weight)
                out[j].center = CanvasPoint(x: (out[j].center.x * Double(out[j].weight) + c.center.x * Double(c.weight)) / w,
                                            y: (out[j].center.y * Double(out[j].weight) + c.center.y * Double(c.weight)) / w)
                out[j].weight += c.weight
                out[j].members.append(contentsOf: c.members)
                merged = true
                // The cluster moved and grew: it stays in its old cell for this pass; the next pass
                // rebuilds the grid and catches what it now overlaps.
            } else {
                grid[k, default: []].append(out.count)
                out.append(c)
            }
        }
        // Extents from the members' own places.
        for i in out.indices {
            let c = out[i]
            out[i].extent = c.members.reduce(0) { max($0, hypot(items[$1].point.x - c.center.x, items[$1].point.y - c.center.y)) }
        }
        out.sort { $0.weight != $1.weight ? $0.weight > $1.weight : ($0.members.first ?? 0) < ($1.members.first ?? 0) }
        return (out, merged)
    }
}
