import Foundation
import Testing
@testable import StrikeMapRender

@Suite struct DeclutterTests {
    /// Markers in clusters (some too crowded to spread, some at one place, some past the frame's
    /// edge), seeded.
    static func markers(_ n: Int, seed: UInt64) -> [(CanvasPoint, Double)] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        // 140 markers in two clusters: crowds past the 48 neighbours a marker is pushed by.
        let centres = (0..<(n == 140 ? 2 : max(1, n / 12))).map { _ in CanvasPoint(x: next() * 1200 - 50, y: next() * 900 - 50) }
        return (0..<n).map { i in
            let c = centres[i % centres.count]
            let spread = i % 7 == 0 ? 0 : 40 * next()
            return (CanvasPoint(x: c.x + spread * (next() - 0.5), y: c.y + spread * (next() - 0.5)), 6 + 18 * next())
        }
    }

    /// The sweep over cells (a map's few hundred markers) and the dictionary of cells (thousands)
    /// find the same neighbours in the same order: the same positions, to the bit.
    @Test(arguments: [2, 13, 60, 140, 256])
    func theSweepAndTheGridGiveTheSamePositions(count: Int) {
        let bounds = CanvasRect(x: 0, y: 0, width: 1100, height: 800)
        for seed in [UInt64(1), 7, 42] {
            let items = Self.markers(count, seed: seed)
            let swept = Declutter.apply(items, gap: 2, bounds: bounds, sweepUpTo: .max)
            let gridded = Declutter.apply(items, gap: 2, bounds: bounds, sweepUpTo: 0)
            #expect(swept.map(\.x) == gridded.map(\.x) && swept.map(\.y) == gridded.map(\.y), "\(count) markers, seed \(seed)")
            // And it did something: markers that overlapped were moved, none past its limit.
            #expect(zip(swept, items).contains { $0.x != $1.0.x || $0.y != $1.0.y } || count < 3)
            for (p, item) in zip(swept, items) {
                #expect(hypot(p.x - item.0.x, p.y - item.0.y) <= 2.5 * item.1 + 1e-6)
            }
        }
    }
}
