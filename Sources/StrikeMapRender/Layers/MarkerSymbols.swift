import Foundation
import StrikeMapEvents
import StrikeMapCore

/// The shapes of event markers, shared by the map and its legend: one shape and colour per class
/// (`EventSymbology`); hollow for claims, hatched for events placed only at an area's centre,
/// pale for earlier events of a frame.
extension RenderContext {
    /// Sized so that every shape has about the area of the circle of radius `r`.
    func markerPath(_ shape: MarkerShape, center p: CanvasPoint, radius r: Double) {
        let c = cairo
        c.newPath()
        func polygon(_ n: Int, radius d: Double, rotation: Double = -Double.pi / 2, inner: Double? = nil) {
            let steps = inner == nil ? n : 2 * n
            for i in 0..<steps {
                let a = rotation + Double(i) * 2 * Double.pi / Double(steps)
                let rr = inner != nil && i % 2 == 1 ? inner! : d
                let x = p.x + rr * cos(a), y = p.y + rr * sin(a)
                if i == 0 { c.move(to: x, y) } else { c.line(to: x, y) }
            }
            c.closePath()
        }
        switch shape {
        case .circle:
            c.arc(p.x, p.y, radius: r)
        case .diamond:
            let d = r * 1.25 // equal visual weight to the circle
            c.move(to: p.x, p.y - d); c.line(to: p.x + d, p.y); c.line(to: p.x, p.y + d); c.line(to: p.x - d, p.y)
            c.closePath()
        case .square:
            let d = r * 0.89
            c.rectangle(p.x - d, p.y - d, 2 * d, 2 * d)
        case .triangleUp:
            polygon(3, radius: r * 1.35)
        case .triangleDown:
            polygon(3, radius: r * 1.35, rotation: Double.pi / 2)
        case .hexagon:
            polygon(6, radius: r * 1.1, rotation: 0)
        case .pentagon:
            polygon(5, radius: r * 1.15)
        case .star:
            polygon(5, radius: r * 1.45, inner: r * 0.72)
        case .plus:
            let a = r * 1.05, b = r * 0.42
            c.move(to: p.x - b, p.y - a)
            for (dx, dy) in [(b, -a), (b, -b), (a, -b), (a, b), (b, b), (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b)] {
                c.line(to: p.x + dx, p.y + dy)
            }
            c.closePath()
        }
    }

    /// Colour of the count printed inside a marker.
    func countColor(_ k: MarkerClass, hollow: Bool) -> Color {
        if style.monochromeMarkers { return hollow || !k.monoSolid ? .black : .white }
        return hollow ? k.color : .white
    }

    func drawMarker(_ k: MarkerClass, center p: CanvasPoint, radius r: Double, hollow: Bool, faded: Bool = false,
                    coarse: Bool = false) {
        let c = cairo
        if faded {
            // Earlier events of a frame: the same symbol, pale, so the new ones stand out.
            c.save()
            // Generous: twice the radius covers every shape, 4 pt its outline and smoothing.
            let reach = 2 * r + 4 * pt
            c.clipToDevicePixelsIfRaster(p.x - reach, p.y - reach, p.x + reach, p.y + reach)
            c.pushGroup()
            drawMarker(k, center: p, radius: r, hollow: hollow, coarse: coarse)
            c.popGroupToSource()
            c.paint(alpha: 0.35)
            c.restore()
            return
        }
        markerPath(k.shape, center: p, radius: r)
        if coarse {
            drawHatched(k.shape, ink: style.monochromeMarkers ? .black : k.color, center: p, radius: r, hollow: hollow)
            return
        }
        if style.monochromeMarkers {
            // Black and white only: classes alternate solid and open, and differ in shape; claims dashed.
            let solid = k.monoSolid && !hollow
            c.setColor(solid ? .black : .white); c.fill(preserve: true)
            c.setColor(.black); c.setLineWidth((k.monoSolid ? 1.2 : 1.6) * pt)
            if hollow { c.setDash([2 * pt, 1.4 * pt]) }
            c.stroke()
            c.setDash([])
            if !k.monoSolid && !hollow {
                c.newPath(); c.arc(p.x, p.y, radius: max(1.2 * pt, r * 0.22)); c.setColor(.black)
                // Only single events: larger markers carry their count there.
                if r <= style.markerRadius * pt * 1.01 { c.fill() } else { c.newPath() }
            }
            return
        }
        if hollow {
            c.setColor(style.legendPaper); c.fill(preserve: true)
            c.setColor(k.color); c.setLineWidth(1.6 * pt); c.stroke()
        } else {
            c.setColor(k.color); c.fill(preserve: true)
            c.setColor(style.markerOutline); c.setLineWidth(0.8 * pt); c.stroke()
        }
    }

    /// A marker for events placed only at a district's, province's or country's centre: the
    /// shape filled with stripes of its colour on paper, outlined in it (dashed for claims), so it
    /// reads as "somewhere around here", never as a village.
    func drawHatched(_ shape: MarkerShape, ink: Color, center p: CanvasPoint, radius r: Double, hollow: Bool = false) {
        let c = cairo
        markerPath(shape, center: p, radius: r)
        c.setColor(style.legendPaper); c.fill(preserve: true)
        c.save()
        c.clip()
        // Stripes at 45°, about 1.9 pt apart: enough of them on the smallest marker to read as
        // hatching, in print and on screen.
        let step = 1.9 * pt, reach = 1.6 * r + step
        c.newPath()
        var d = -2 * reach
        while d <= 2 * reach {
            c.move(to: p.x + d - reach, p.y + reach)
            c.line(to: p.x + d + reach, p.y - reach)
            d += step
        }
        c.setColor(ink); c.setLineWidth(0.75 * pt); c.stroke()
        c.restore()
        markerPath(shape, center: p, radius: r)
        c.setColor(ink); c.setLineWidth(1.2 * pt)
        if hollow { c.setDash([2 * pt, 1.4 * pt]) }
        c.stroke()
        c.setDash([])
    }
}
