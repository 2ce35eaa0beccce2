import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Meridians and parallels with degree labels.
extension MapComposer {
    /// Meridians and parallels at a round step, with degree labels inside the frame's left and
    /// bottom edges. Returns the label boxes.
    func drawGraticule(avoiding reserved: [CanvasRect]) throws -> [CanvasRect] {
        let c = rc.cairo
        let v = rc.frame.visibleBox
        let steps = [0.25, 0.5, 1, 2, 5, 10, 15, 30]
        let step = steps.first { (v.east - v.west) / $0 <= 8 } ?? 30
        var boxes: [CanvasRect] = []
        func degrees(_ d: Double, _ pos: String, _ neg: String) -> String {
            let a = abs(d)
            let text = a == a.rounded() ? String(Int(a)) : String(format: "%g", a)
            return "\(text)°\(d >= 0 ? pos : neg)"
        }
        c.save()
        c.setColor(style.graticule); c.setLineWidth(0.4 * pt)
        var lon = (v.west / step).rounded(.up) * step
        while lon <= v.east {
            let line = stride(from: v.south, through: v.north, by: (v.north - v.south) / 40).map { GeoPoint(lat: $0, lon: lon) }
            c.newPath(); rc.addPath(line, close: false); c.stroke()
            // Label where the meridian meets the bottom edge.
            // Label at the bottom edge, or the top one where a panel is in the way.
            let t = try rc.text(degrees(lon, "E", "W"), font: style.font, sizePt: style.legendSize * 0.9)
            for bottom in [true, false] {
                guard let p = crossing(meridian: lon, atBottom: bottom),
                      p > mapRect.x + 12 * pt, p < mapRect.maxX - 12 * pt - t.size.width else { continue }
                let y = bottom ? mapRect.maxY - t.size.height - 2 * pt : mapRect.y + 2 * pt
                let box = CanvasRect(x: p + 2 * pt, y: y, width: t.size.width, height: t.size.height)
                if !(reserved + boxes).contains(where: { $0.intersects(box) }) {
                    t.drawWithHalo(x: box.x, y: box.y, color: style.footer, halo: style.halo, haloWidth: 1 * pt)
                    boxes.append(box)
                    break
                }
            }
            lon += step
        }
        var lat = (v.south / step).rounded(.up) * step
        while lat <= v.north {
            let line = stride(from: v.west, through: v.east, by: (v.east - v.west) / 60).map { GeoPoint(lat: lat, lon: $0) }
            c.newPath(); rc.addPath(line, close: false); c.stroke()
            // Label at the left edge, or the right one where a panel is in the way.
            let t = try rc.text(degrees(lat, "N", "S"), font: style.font, sizePt: style.legendSize * 0.9)
            for left in [true, false] {
                guard let p = crossing(parallel: lat, atLeft: left),
                      p > mapRect.y + 12 * pt + t.size.height, p < mapRect.maxY - 12 * pt else { continue }
                let x = left ? mapRect.x + 2 * pt : mapRect.maxX - 2 * pt - t.size.width
                let box = CanvasRect(x: x, y: p - t.size.height - 1 * pt, width: t.size.width, height: t.size.height)
                if !(reserved + boxes).contains(where: { $0.intersects(box) }) {
                    t.drawWithHalo(x: box.x, y: box.y, color: style.footer, halo: style.halo, haloWidth: 1 * pt)
                    boxes.append(box)
                    break
                }
            }
            lat += step
        }
        c.restore()
        return boxes
    }

    /// x where a meridian crosses the frame's bottom (or top) edge.
    private func crossing(meridian lon: Double, atBottom: Bool) -> Double? {
        var best: (Double, Double)?
        for i in 0...200 {
            let x = mapRect.x + mapRect.width * Double(i) / 200
            guard let g = rc.frame.unproject(CanvasPoint(x: x, y: atBottom ? mapRect.maxY : mapRect.y)) else { continue }
            let d = abs(g.lon - lon)
            if d < (best?.1 ?? .infinity) { best = (x, d) }
        }
        return best.flatMap { $0.1 < 0.5 ? $0.0 : nil }
    }

    /// y where a parallel crosses the frame's left (or right) edge.
    private func crossing(parallel lat: Double, atLeft: Bool) -> Double? {
        var best: (Double, Double)?
        for i in 0...200 {
            let y = mapRect.y + mapRect.height * Double(i) / 200
            guard let g = rc.frame.unproject(CanvasPoint(x: atLeft ? mapRect.x : mapRect.maxX, y: y)) else { continue }
            let d = abs(g.lat - lat)
            if d < (best?.1 ?? .infinity) { best = (y, d) }
        }
        return best.flatMap { $0.1 < 0.5 ? $0.0 : nil }
    }

}
