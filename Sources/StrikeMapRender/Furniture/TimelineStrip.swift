import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// A bar chart of events per day under the map: bars stacked by the map's classes (as the legend orders them),
/// a mark over every day with a strike, and the range the map shows highlighted against the
/// rest of the data. An event dated only to a span (a week, a month: UCDP's date_start to
/// date_end) is spread evenly over the span's days, pale on top of the dated ones, so that a
/// month's events do not stand as a spike on its first day.
struct TimelineStrip {
    let spec: MapSpec
    let timeline: TimelineSpec
    let style: MapStyle
    let pt: Double

    /// Height of the strip in canvas units.
    var height: Double { 58 * pt }

    func draw(_ c: CairoContext, in r: CanvasRect, sink: TextSink?) throws -> [TimelineBar] {
        let events = timeline.events
        guard let first = (events.map(\.date) + [spec.dateRange.from].compactMap { $0 }).min(),
              let last = (events.map { $0.uncertainty.dateEnd ?? $0.date } + [spec.dateRange.to].compactMap { $0 }).max() else { return [] }
        let days = last.dayNumber - first.dayNumber + 1
        guard days > 0, days <= 20_000 else { return [] }
        var attacks = [Int](repeating: 0, count: days), strikes = attacks, other = attacks
        var spread = [Double](repeating: 0, count: days)
        // Bars stack the map's classes, bottom up in legend order, in the markers' colours.
        let symbology = spec.eventSymbology()
        var classOrder = symbology.classes.map(\.key)
        var stacks = [String: [Int]]()
        for e in events {
            let i = e.date.dayNumber - first.dayNumber
            guard i >= 0, i < days else { continue }
            if let end = e.uncertainty.dateEnd, end > e.date {
                let n = end.dayNumber - e.date.dayNumber + 1
                for j in i..<min(days, i + n) { spread[j] += 1 / Double(n) }
                continue
            }
            if e.kind == .attack { attacks[i] += 1 } else if e.kind == .strike { strikes[i] += 1 } else { other[i] += 1 }
            let k = symbology.key(of: e)
            if stacks[k] == nil { stacks[k] = [Int](repeating: 0, count: days); if !classOrder.contains(k) { classOrder.append(k) } }
            stacks[k]![i] += 1
        }
        var maxCount = 1
        for i in 0..<days {
            let dated = Double(attacks[i] + strikes[i] + other[i])
            maxCount = max(maxCount, Int((dated + spread[i]).rounded(.up)))
        }
        let spans = spread.contains { $0 > 0 }
        func text(_ s: String, size: Double, bold: Bool = false) throws -> TextLayout {
            let t = try TextLayout(context: c, text: s, font: bold ? style.boldFont : style.font, size: size * pt)
            t.sink = sink
            return t
        }
        let label = try text(spans ? "Events per day (pale: dated only to a span of days, spread over it)" : "Events per day",
                             size: style.legendSize, bold: true)
        let scaleText = try text("\(maxCount)", size: style.legendSize * 0.9)
        let axisH = label.size.height + 2 * pt
        let plot = CanvasRect(x: r.x + scaleText.size.width + 4 * pt, y: r.y + label.size.height + 4 * pt,
                              width: r.width - scaleText.size.width - 4 * pt, height: r.height - label.size.height - 4 * pt - axisH)
        label.draw(x: r.x, y: r.y, color: style.title)
        let slot = plot.width / Double(days)
        let barW = max(1, slot * 0.78)
        // The range the map shows.
        let lo = max(0, (spec.dateRange.from?.dayNumber ?? first.dayNumber) - first.dayNumber)
        let hi = min(days - 1, (spec.dateRange.to?.dayNumber ?? last.dayNumber) - first.dayNumber)
        if lo <= hi {
            c.newPath()
            c.setColor(style.insetFrame.with(alpha: 0.10))
            c.rectangle(plot.x + Double(lo) * slot, plot.y - 2 * pt, Double(hi - lo + 1) * slot, plot.height + 2 * pt)
            c.fill()
        }
        // Strike days are marked only where they stand out: strikes among other events, over a
        // few months at most (over years, or when every event is a strike, marks would bury the bars).
        let markStrikes = days <= 120 && strikes.contains { $0 > 0 } && (attacks + other).contains { $0 > 0 }
        var bars: [TimelineBar] = []
        for i in 0..<days {
            let inRange = i >= lo && i <= hi
            let x = plot.x + Double(i) * slot + (slot - barW) / 2
            var y = plot.maxY
            let total = attacks[i] + strikes[i] + other[i]
            for k in classOrder {
                let n = stacks[k]?[i] ?? 0
                guard n > 0 else { continue }
                let color = style.monochromeMarkers ? style.attack : symbology.markerClass(key: k).color
                let h = Double(n) / Double(maxCount) * plot.height
                c.newPath()
                c.setColor(inRange ? color : color.with(alpha: 0.3))
                c.rectangle(x, y - h, barW, h)
                c.fill()
                y -= h
            }
            if spread[i] > 0 {
                let h = spread[i] / Double(maxCount) * plot.height
                c.newPath()
                c.setColor(style.footer.with(alpha: inRange ? 0.45 : 0.2))
                c.rectangle(x, y - h, barW, h)
                c.fill()
                y -= h
            }
            if markStrikes && strikes[i] > 0 {
                // A diamond over the bar: a day with strikes (the kind, whoever the data says struck).
                let d = min(3 * pt, max(1.5 * pt, barW / 2)), cx = x + barW / 2, cy = y - d - 1 * pt
                c.newPath(); c.move(to: cx, cy - d); c.line(to: cx + d, cy); c.line(to: cx, cy + d); c.line(to: cx - d, cy); c.closePath()
                c.setColor(inRange ? style.strike : style.strike.with(alpha: 0.3)); c.fill()
            }
            var bar = TimelineBar(date: CivilDate(dayNumber: first.dayNumber + i).description, attacks: attacks[i],
                                  strikes: strikes[i], other: other[i], x: x + barW / 2,
                                  height: (Double(total) + spread[i]) / Double(maxCount) * plot.height, baseline: plot.maxY,
                                  highlighted: inRange)
            if spread[i] > 0 { bar.spread = spread[i] }
            bars.append(bar)
        }
        // Baseline, the top of the scale, and date ticks on Mondays and month starts.
        c.newPath()
        c.setColor(style.frame); c.setLineWidth(0.5 * pt)
        c.move(to: plot.x, plot.maxY); c.line(to: plot.maxX, plot.maxY); c.stroke()
        c.newPath(); c.setDash([1 * pt, 1.5 * pt])
        c.move(to: plot.x, plot.y); c.line(to: plot.maxX, plot.y); c.stroke()
        c.setDash([])
        scaleText.draw(x: r.x, y: plot.y - scaleText.size.height / 2, color: style.footer)
        var lastLabelEnd = -Double.infinity
        // Ticks and labels by the span: days and weeks; months with their year; years.
        for i in 0..<days {
            let d = CivilDate(dayNumber: first.dayNumber + i)
            let label: String
            if days <= 180 {
                guard d.day == 1 || d.isoWeekday == 1 || i == 0 else { continue }
                label = MapText.day(d, withYear: false)
            } else if days <= 1100 {
                guard d.day == 1 || i == 0 else { continue }
                label = "\(CivilDate.shortMonthNames[d.month - 1]) \(d.year)"
            } else {
                guard (d.day == 1 && d.month == 1) || i == 0 else { continue }
                label = String(d.year)
            }
            let x = plot.x + Double(i) * slot
            c.newPath(); c.move(to: x, plot.maxY); c.line(to: x, plot.maxY + 2 * pt); c.stroke()
            let t = try text(label, size: style.legendSize * 0.85)
            if x > lastLabelEnd + 4 * pt && x + t.size.width <= r.maxX {
                t.draw(x: x, y: plot.maxY + 2 * pt, color: style.footer)
                lastLabelEnd = x + t.size.width
            }
        }
        return bars
    }
}
