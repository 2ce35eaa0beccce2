import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// The scale bar (true at the map's centre; miles too on request) and the north arrow (turned to
/// true north where it stands), in one panel.
extension MapComposer {
    func drawScaleAndNorth(rect r: CanvasRect, pad: Double, arrowH: Double,
                                   km: (TextLayout, Double), miles: (TextLayout, Double)) throws {
        let c = rc.cairo
        panel(r)
        if style.showScaleBar {
            var bars = [km]
            if style.scaleMiles { bars.append(miles) }
            var barY = r.y + pad + 2 * pt
            for (label, width) in bars {
                c.newPath()
                c.setColor(style.title)
                c.rectangle(r.x + pad, barY, width / 2, 3 * pt); c.fill()
                c.rectangle(r.x + pad, barY, width, 3 * pt); c.setLineWidth(0.6 * pt); c.stroke()
                label.draw(x: r.x + pad, y: barY + 4 * pt, color: style.title)
                barY += 8 * pt + label.size.height
            }
        }
        guard style.showNorthArrow else { return }
        // North arrow at the right of the panel, turned to true north where it stands.
        let n = try rc.text("N", font: style.boldFont, sizePt: style.legendSize)
        let ax = r.maxX - pad - 6 * pt, ay = r.y + pad + n.size.height + (arrowH - n.size.height) / 2
        let angle = rc.frame.northAngle(at: CanvasPoint(x: ax, y: ay))
        c.save()
        c.translate(ax, ay)
        c.rotate(angle)
        let ah = (arrowH - n.size.height) / 2
        c.newPath(); c.move(to: 0, -ah); c.line(to: 4 * pt, ah); c.line(to: 0, ah * 0.55); c.closePath()
        c.setColor(style.title); c.fill()
        c.newPath(); c.move(to: 0, -ah); c.line(to: -4 * pt, ah); c.line(to: 0, ah * 0.55); c.closePath()
        c.setColor(style.title); c.setLineWidth(0.6 * pt); c.stroke()
        c.restore()
        n.draw(x: ax - n.size.width / 2, y: r.y + pad * 0.6, color: style.title)
    }

}
