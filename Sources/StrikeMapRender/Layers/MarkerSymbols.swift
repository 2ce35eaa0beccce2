import Foundation
import StrikeMapEvents
import StrikeMapCore

/// The shapes of event markers, shared by the map and its legend: attacks are circles, strikes
/// diamonds, other kinds squares; hollow for claims, pale for earlier events of a frame.
extension MapScene {
    func markerColor(_ kind: EventKind) -> Color {
        kind == .attack ? style.attack : kind == .strike ? style.strike : style.otherEvent
    }

    /// Sized so the area grows with the count.
    func markerPath(kind: EventKind, center p: CanvasPoint, radius r: Double) {
        let c = rc.cairo
        c.newPath()
        if kind == .attack {
            c.arc(p.x, p.y, radius: r)
        } else if kind == .strike {
            let d = r * 1.25 // equal visual weight to the circle
            c.move(to: p.x, p.y - d); c.line(to: p.x + d, p.y); c.line(to: p.x, p.y + d); c.line(to: p.x - d, p.y)
            c.closePath()
        } else {
            let d = r * 0.89
            c.rectangle(p.x - d, p.y - d, 2 * d, 2 * d)
        }
    }

    /// Colour of the count printed inside a marker.
    func countColor(kind: EventKind, hollow: Bool) -> Color {
        if style.monochromeMarkers { return hollow || kind == .strike ? .black : .white }
        return hollow ? markerColor(kind) : .white
    }

    func drawMarker(kind: EventKind, center p: CanvasPoint, radius r: Double, hollow: Bool, faded: Bool = false) {
        let c = rc.cairo
        if faded {
            // Earlier events of a frame: the same symbol, pale, so the new ones stand out.
            c.save()
            c.pushGroup()
            drawMarker(kind: kind, center: p, radius: r, hollow: hollow)
            c.popGroupToSource()
            c.paint(alpha: 0.35)
            c.restore()
            return
        }
        let color = markerColor(kind)
        markerPath(kind: kind, center: p, radius: r)
        if style.monochromeMarkers {
            // Black and white only: attacks solid, strikes open with a heavy outline; claims dashed.
            let solid = kind == .attack && !hollow
            c.setColor(solid ? .black : .white); c.fill(preserve: true)
            c.setColor(.black); c.setLineWidth((kind == .strike ? 1.6 : 1.2) * pt)
            if hollow { c.setDash([2 * pt, 1.4 * pt]) }
            c.stroke()
            c.setDash([])
            if kind == .strike && !hollow {
                c.newPath(); c.arc(p.x, p.y, radius: max(1.2 * pt, r * 0.22)); c.setColor(.black)
                // Only single-event strikes: larger ones carry their count there.
                if r <= style.markerRadius * pt * 1.01 { c.fill() } else { c.newPath() }
            }
            return
        }
        if hollow {
            c.setColor(style.legendPaper); c.fill(preserve: true)
            c.setColor(color); c.setLineWidth(1.6 * pt); c.stroke()
        } else {
            c.setColor(color); c.fill(preserve: true)
            c.setColor(style.markerOutline); c.setLineWidth(0.8 * pt); c.stroke()
        }
    }
}
