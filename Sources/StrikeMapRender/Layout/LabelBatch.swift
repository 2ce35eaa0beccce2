import Foundation

/// Label requests: a layer's, in its plan, and every layer's together, placed at once.
struct LabelBatch {
    struct Pending {
        var layout: TextLayout; var role: String; var color: Color
        /// A callout's margin inside its panel (0: a plain label with a halo).
        var boxPadding: Double = 0
        /// A callout whose leader leaves the box's side level before turning to its place.
        var elbow = false
        /// A place's name: whether it is in the chosen language (for the manifest).
        var name: LabelName?
        /// The label of a minor site (a town, an airfield): left out when a panel covers its place.
        var minorSite: CanvasPoint?
    }
    private(set) var requests: [LabelPlacer.Request] = []
    /// The place each note was given at, by request id (for the error when one finds no room).
    var noteSites: [Int: String] = [:]
    private(set) var pending: [Pending] = []

    /// A place's name (see `PlanContext.labelName`).
    mutating func add(_ name: LabelName, role: String, font: String, sizePt: Double, color: Color, anchor: CanvasPoint,
                      clearance: Double, priority: Double, leader: Bool, centered: Bool = false, spacingPt: Double = 0,
                      alternatives: [CanvasPoint] = [], leaderSteps: [Double]? = nil, minorSite: Bool = false,
                      leaderMayCrossMarks: Bool = false, in rc: RenderContext) throws {
        try add(name.text, role: role, font: font, sizePt: sizePt, color: color, anchor: anchor, clearance: clearance,
                priority: priority, leader: leader, centered: centered, spacingPt: spacingPt, alternatives: alternatives,
                leaderSteps: leaderSteps, leaderMayCrossMarks: leaderMayCrossMarks, in: rc)
        pending[pending.count - 1].name = name
        if minorSite { pending[pending.count - 1].minorSite = anchor }
    }

    mutating func add(_ text: String, role: String, font: String, sizePt: Double, color: Color, anchor: CanvasPoint,
                      clearance: Double, priority: Double, leader: Bool, centered: Bool = false,
                      spacingPt: Double = 0, alternatives: [CanvasPoint] = [], boxPadding: Double = 0,
                      elbow: Bool = false, leaderSteps: [Double]? = nil, leaderMayCrossMarks: Bool = false,
                      in rc: RenderContext) throws {
        // Two-language labels stack their lines centred on each other; a callout's lines start flush left.
        let layout = try rc.text(text, font: font, sizePt: sizePt, letterSpacingPt: spacingPt, centerLines: boxPadding == 0)
        let size = (width: layout.size.width + 2 * boxPadding, height: layout.size.height + 2 * boxPadding)
        var request = LabelPlacer.Request(id: pending.count, text: text, size: size, anchor: anchor,
                                          clearance: clearance, priority: priority, allowLeader: leader, centered: centered,
                                          alternatives: alternatives)
        request.leaderSteps = leaderSteps
        request.leaderMayCrossMarks = leaderMayCrossMarks
        requests.append(request)
        pending.append(Pending(layout: layout, role: role, color: color, boxPadding: boxPadding, elbow: elbow))
    }

    /// Adds another batch's requests that `keep` accepts, numbered on from this one's.
    mutating func append(_ other: LabelBatch, keeping keep: (Pending) -> Bool) {
        for (request, item) in zip(other.requests, other.pending) where keep(item) {
            var r = request
            r.id = pending.count
            if let site = other.noteSites[request.id] { noteSites[r.id] = site }
            requests.append(r)
            pending.append(item)
        }
    }
}
