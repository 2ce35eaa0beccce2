import Foundation
import Testing
@testable import StrikeMapRender

/// Panels go to a corner free of marks (the one covering fewest towns), else to a free place
/// along an edge, else nowhere; they never cover a mark or each other.
@Suite struct PanelPlacerTests {
    let frame = CanvasRect(x: 0, y: 0, width: 1000, height: 600)

    func placer(marks: [CanvasRect], cost: @escaping (CanvasRect) -> Double = { _ in 0 }) -> PanelPlacer {
        PanelPlacer(frame: frame, gap: 10, marks: marks, reach: 300, cost: cost)
    }

    @Test func theFirstFreeCornerInOrderOfPreference() {
        var p = placer(marks: [])
        let a = p.place((w: 200, h: 100), prefer: [2, 3, 0, 1])
        #expect(a == CanvasRect(x: 10, y: 490, width: 200, height: 100))
        // The same corner is taken: the next in order.
        let b = p.place((w: 200, h: 100), prefer: [2, 3, 0, 1])
        #expect(b == CanvasRect(x: 790, y: 490, width: 200, height: 100))
    }

    @Test func aCornerWithAMarkIsPassedOver() {
        // A mark in the bottom-left corner; the bottom-right is cheaper than the top corners by cost.
        var p = placer(marks: [CanvasRect(x: 50, y: 550, width: 10, height: 10)], cost: { $0.y < 100 ? 5 : 1 })
        let r = p.place((w: 200, h: 100), prefer: [2, 0, 1, 3])
        #expect(r == CanvasRect(x: 790, y: 490, width: 200, height: 100))
    }

    @Test func withEveryCornerCoveredAnEdgePlace() throws {
        let corners = [CanvasRect(x: 20, y: 20, width: 5, height: 5), CanvasRect(x: 970, y: 20, width: 5, height: 5),
                       CanvasRect(x: 20, y: 570, width: 5, height: 5), CanvasRect(x: 970, y: 570, width: 5, height: 5)]
        var p = placer(marks: corners)
        let placed = p.place((w: 200, h: 100), prefer: [2, 3, 0, 1])
        let r = try #require(placed)
        #expect(!corners.contains { $0.intersects(r) })
        #expect(frame.contains(r))
        // Along the bottom first.
        #expect(r.maxY == 590)
    }

    @Test func noFreePlaceIsNone() {
        // Marks every 50 units over the whole frame: nowhere for a panel.
        var marks: [CanvasRect] = []
        for x in stride(from: 0.0, to: 1000, by: 50) { for y in stride(from: 0.0, to: 600, by: 50) { marks.append(CanvasRect(x: x, y: y, width: 4, height: 4)) } }
        var p = placer(marks: marks)
        #expect(p.place((w: 200, h: 100), prefer: [2, 3, 0, 1]) == nil)
        #expect(p.taken.isEmpty)
        // A panel smaller than the spaces between marks fits.
        #expect(p.place((w: 30, h: 30), prefer: [0]) != nil)
    }

    @Test func marksDeepInsideAreLeftOutButEdgeMarksCount() {
        // One mark in the middle, far from every edge, and a panel that could not reach it.
        var p = placer(marks: [CanvasRect(x: 495, y: 295, width: 10, height: 10)])
        #expect(p.place((w: 200, h: 100), prefer: [2]) != nil)
    }
}
