import Foundation
import StrikeMapEvents
import StrikeMapCore

/// A small lettered disc beside a marker for its weapon: D drone, R rocket, M ballistic
/// missile, G gunship, A aircraft. Letters stay legible in grayscale and for colour-blind readers.
extension RenderContext {
    func drawBadge(_ w: Weapon, at p: CanvasPoint) throws {
        let c = cairo
        let r = 3.6 * pt
        c.newPath(); c.arc(p.x, p.y, radius: r)
        c.setColor(style.legendPaper); c.fill(preserve: true)
        c.setColor(style.title); c.setLineWidth(0.6 * pt); c.stroke()
        let t = try text(w.badgeLetter, font: style.boldFont, sizePt: 5.2)
        t.draw(x: p.x - t.size.width / 2, y: p.y - t.size.height / 2, color: style.title)
    }

    func badgeCenter(_ m: LayerPlan.DrawnMarker) -> CanvasPoint {
        CanvasPoint(x: m.center.x + m.radius * 0.8 + 1.2 * pt, y: m.center.y - m.radius * 0.8 - 1.2 * pt)
    }
}

extension Weapon {
    /// The weapons that get a badge, in legend order.
    static let badged: [Weapon] = [.drone, .rocket, .ballisticMissile, .gunship, .aircraft]

    var badgeLetter: String {
        switch self {
        case .drone: return "D"
        case .rocket: return "R"
        case .ballisticMissile: return "M"
        case .gunship: return "G"
        case .aircraft: return "A"
        // Never badged (`badged`): "from the air" is what an air strike's marker already says.
        case .air: return "~"
        case .mixed: return "+"
        case .unknown: return "?"
        }
    }
}
