import Foundation
import StrikeMapGeo
import StrikeMapCore

/// A callout: a short text in an outlined box, placed by the label placer among the other
/// labels (so it covers no marker and no label), with a leader to its place when it has to sit
/// away from it.
///
/// In a document: `{"type": "note", "at": "Jurf al-Saqr", "text": "KH operations centre struck, 22 Nov"}`;
/// `at` is a gazetteer site or `LAT,LON`. The layer's source is `background`.
struct NoteSymbolizer: Symbolizer {
    static let type = "note"
    /// A gazetteer site, or "LAT,LON".
    var at: String
    var text: String
    var color: ColorValue = "@title"
    /// How the leader meets the box: `elbow` (a short level stroke off the box's side, then
    /// straight to the place, as desks draw callouts) or `straight` (box edge to place).
    var leader: NoteLeader = .elbow

    init(at: String, text: String, leader: NoteLeader = .elbow) {
        self.at = at
        self.text = text
        self.leader = leader
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case at, text, color, leader }
    init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["type"])
        at = try r.required(.at)
        text = try r.required(.text)
        color = try r(.color, "@title")
        leader = try r(.leader, .elbow)
        if at.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.at],
                debugDescription: "give a site name or LAT,LON"))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || text.count > Self.maxLength {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.text],
                debugDescription: "give a note of 1 to \(Self.maxLength) characters"))
        }
    }

    /// A callout is a few words, not a paragraph.
    static let maxLength = 200

    /// The text in lines of about 28 characters, broken between words.
    static func wrapped(_ text: String, width: Int = 28) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    func plan(_ layer: LayerInput, in ctx: PlanContext) throws -> LayerPlan {
        var plan = LayerPlan()
        let point: GeoPoint
        if let p = RingSymbolizer.coordinate(at) { point = p } else { point = try ctx.spec.gazetteer.resolve(at).location }
        guard let anchor = ctx.rc.frame.project(point), ctx.mapRect.contains(anchor) else {
            throw RenderError.noteOffMap(at: at)
        }
        plan.labels = {
            var batch = LabelBatch()
            let style = ctx.style
            // Placed before every other label: a note is what the desk most wants read.
            batch.noteSites[batch.requests.count] = at
            try batch.add(Self.wrapped(text), role: "note", font: style.font, sizePt: style.siteLabelSize,
                          color: color.resolve(style), anchor: anchor, clearance: 3 * ctx.pt, priority: 0, leader: true,
                          boxPadding: 2.5 * ctx.pt, elbow: leader == .elbow,
                          // A callout may stand well away from its place rather than go unshown.
                          leaderSteps: [0, 7, 14, 24, 36, 54, 80, 110, 150].map { $0 * ctx.pt }, leaderMayCrossMarks: true, in: ctx.rc)
            return batch
        }
        return plan
    }
}

/// The shape of a note's leader line.
public enum NoteLeader: String, Codable, Sendable, CaseIterable { case elbow, straight }
