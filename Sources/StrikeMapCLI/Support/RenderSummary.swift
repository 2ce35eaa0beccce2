import StrikeMapEvents
import StrikeMapRender

/// The one line that says how a render's rows add up (read = drawn + removed by a filter +
/// invalid + duplicate) and how they were drawn: printed by `render`, sent by `serve` as a header.
enum RenderSummary {
    static func line(_ result: RenderResult, report: ReadReport) -> String {
        let drawn = result.manifest
        var line = report.summary
        let r = EventFilter.worded(result.counts.removedByFilter)
        if !r.isEmpty { line += "; " + r.joined(separator: ", ") }
        if let panels = result.panels {
            line += "; \(MapText.number(result.counts.drawn)) drawn in \(MapText.plural(panels.count, "panel"))"
        } else {
            switch drawn.view {
            case "markers":
                line += "; \(MapText.number(result.counts.drawn)) drawn as \(MapText.plural(drawn.markers.count, "marker"))"
            case "cluster":
                line += "; \(MapText.number(result.counts.drawn)) drawn in \(MapText.plural(drawn.markers.count, "cluster"))"
            default:
                let d = drawn.density
                let unit = drawn.view == "hexbin" ? "hexagon" : drawn.view == "grid" ? "square" : drawn.view == "choropleth" ? "area" : ""
                line += "; \(MapText.number(result.counts.drawn)) drawn as a \(drawn.view)"
                if let d, !unit.isEmpty { line += " of \(MapText.plural(unit == "area" ? d.areas.count : d.cells.count, unit))" }
                if let d, d.outsideAreas > 0 { line += " (\(MapText.number(d.outsideAreas)) outside every area, not counted)" }
            }
        }
        // Semicolons between them: labels hold commas ("Harad, Hajja area").
        // A name dropped twice (two markers of one site) is listed once.
        if !drawn.droppedLabels.isEmpty {
            var seen = Set<String>()
            let names = drawn.droppedLabels.filter { seen.insert($0).inserted }
            line += "; \(MapText.plural(drawn.droppedLabels.count, "label")) dropped for lack of room (\(names.prefix(5).joined(separator: "; "))\(names.count > 5 ? "; …" : ""))"
        }
        return line
    }
}
