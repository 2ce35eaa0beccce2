import ArgumentParser
import StrikeMapRender
import StrikeMapGeo
import StrikeMapCore

extension ColorBy: ExpressibleByArgument {}
extension PrecisionDisplay: ExpressibleByArgument {}
extension CoarseHandling: ExpressibleByArgument {}

/// Which events a map shows besides their dates and place, and what its symbols say.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Only events of this kind (attack, strike, battle, protest, riot, violence-against-civilians, strategic-development, event, or a kind of your file). Repeatable.",
        valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Only events of this event type or sub-event type, as the data words it, any case: \"Battles\", \"Air/drone strike\". Repeatable.",
        valueName: "type"))
    var type: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only events whose actor contains this text (any case).", valueName: "text"))
    var actor: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only events in this country: ISO code (IQ or IRQ) or English name (Iraq), all equivalent. Repeatable.", valueName: "country"))
    var country: [String] = []

    @Option(name: .customLong("color-by"), help: ArgumentHelp(
        "What the markers' colours and shapes show: type (default: the data's event types, explosions split into air/drone strikes, shelling and remote explosives), sub-type, actor (the seven commonest), weapon or confidence.",
        valueName: "what"))
    var colorBy: ColorBy?

    @Option(name: .long, help: ArgumentHelp(
        "Events placed only at an area's centre (a district's, a province's or a country's, as the data's precision codes say: ACLED geo_precision 3, UCDP where_prec 3-7, the Yemen log's district centroids): show (default) draws them hatched, with a legend row and a caption sentence; hide draws them like the rest (the caption still counts them); exact-only leaves them off and says so.",
        valueName: "show|hide|exact-only"))
    var precision: PrecisionDisplay?

    @Option(name: .long, help: ArgumentHelp(
        "Density views (hexbin, grid, heatmap, choropleth, cluster, and auto, before it chooses): keep (default) counts events placed only at an area's centre where they are placed, and the caption says how many; drop leaves them out, and the footer says how many. A map of markers keeps them, hatched (see --precision).",
        valueName: "keep|drop"))
    var coarse: CoarseHandling?

    @Option(name: .customLong("actor-label"), help: ArgumentHelp(
        "A shorter name for an actor in the legend and title: \"Military Forces of Afghanistan (2014-)=Afghan forces\". Repeatable.",
        valueName: "name=label"))
    var actorLabel: [String] = []

    @Option(name: .customLong("source-name"), help: ArgumentHelp(
        "How the source line names events read from standard input (--events -), e.g. the file they came from.", valueName: "text"))
    var sourceName: String?

    func validate() throws {
        for a in actorLabel where !a.contains("=") || a.hasPrefix("=") || a.hasSuffix("=") {
            throw ValidationError("--actor-label '\(a)': use NAME=LABEL, e.g. \"Military Forces of Afghanistan (2014-)=Afghan forces\"")
        }
        // A two-letter code the table lacks is still taken (a user-assigned code such as XK).
        for c in country where CountryTable.standard.find(c) == nil && c.count != 2 {
            throw ValidationError("--country '\(c)': not a country StrikeMap knows; give an ISO code or an English name (IQ, IRQ or Iraq)")
        }
        for k in kind where k.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--kind: give a kind, e.g. --kind strike")
        }
    }

    func apply(to doc: inout MapDocument) {
        if !kind.isEmpty { doc.data.kinds = kind }
        if !type.isEmpty { doc.data.types = type }
        if let actor { doc.data.actor = actor }
        if !country.isEmpty { doc.data.countries = country }
        if let sourceName { doc.data.sourceName = sourceName }
        if let colorBy { doc.symbology.colorBy = colorBy }
        if let precision { doc.symbology.precision = precision }
        if let coarse { doc.symbology.coarse = coarse }
        for a in actorLabel {
            let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
            doc.symbology.actors[parts[0]] = parts[1]
        }
    }
}
