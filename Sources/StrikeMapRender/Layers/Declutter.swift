import Foundation

/// Moves overlapping markers apart just enough to see each one (and its count), the way a
/// graphics desk would by hand; each stays as close to its place as the others allow.
enum Declutter {
    static func apply(_ items: [(CanvasPoint, Double)], gap: Double, bounds: CanvasRect) -> [CanvasPoint] {
        var pos = items.map(\.0)
        let r = items.map(\.1)
        guard pos.count > 1 else { return pos }
        for _ in 0..<200 {
            var moved = false
            for i in 0..<pos.count {
                for j in (i + 1)..<pos.count {
                    var dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y
                    var d = hypot(dx, dy)
                    let need = r[i] + r[j] + gap
                    guard d < need - 0.01 else { continue }
                    if d < 0.001 { dx = 1; dy = 0; d = 1 }  // same place: side by side
                    let push = (need - d) / 2 + 0.05
                    // The smaller marker moves more, so big clusters stay anchored.
                    let wi = r[i] * r[i] / (r[i] * r[i] + r[j] * r[j])
                    pos[i].x -= dx / d * push * 2 * (1 - wi); pos[i].y -= dy / d * push * 2 * (1 - wi)
                    pos[j].x += dx / d * push * 2 * wi; pos[j].y += dy / d * push * 2 * wi
                    moved = true
                }
            }
            for i in 0..<pos.count {
                pos[i].x = min(max(pos[i].x, bounds.x + r[i]), bounds.maxX - r[i])
                pos[i].y = min(max(pos[i].y, bounds.y + r[i]), bounds.maxY - r[i])
            }
            if !moved { break }
        }
        return pos
    }
}
