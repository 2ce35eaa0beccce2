import ArgumentParser
import StrikeMapGeo
import StrikeMapRender

/// What a desk draws over the data by hand: range rings, highlighted areas, callouts.
extension MapDocument.AirfieldSelection: ExpressibleByArgument {}
extension NoteLeader: ExpressibleByArgument {}

struct AnnotationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Range rings around a site or LAT,LON, e.g. --ring \"Al-Asad Air Base:300km,1000km\" or --ring 33.8,42.4:500km (repeatable). The rings are true distances on the WGS84 ellipsoid, drawn under the events and labelled with their radius.",
        valueName: "center:km[,km]"))
    var ring: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Shade and outline a province of the basemap, by name, loosely matched (\"Anbar\" is Al Anbar); several with commas or by repeating. The legend names them; a name no province has is an error listing the nearest.",
        valueName: "name[,name]"))
    var highlight: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "A callout: PLACE: text, the place a site or LAT,LON, e.g. --note \"Jurf al-Saqr: KH operations centre struck, 22 Nov\" (repeatable, up to 200 characters). Placed with the labels, so it covers no marker or label, with a leader to its place when it sits away from it.",
        valueName: "place: text"))
    var note: [String] = []

    @Option(name: .customLong("highlight-layer"), help: ArgumentHelp(
        "Shade and outline the polygons of a file (GeoJSON, Shapefile, GeoPackage, KML ...), named in the legend by the file's name (repeatable).",
        valueName: "file"))
    var highlightLayer: [String] = []

    @Option(name: .customLong("note-leader"), help: ArgumentHelp(
        "How notes' leaders meet their boxes: elbow (default: level off the box's side, then to the place) or straight.",
        valueName: "elbow|straight"))
    var noteLeader: NoteLeader = .elbow

    @Option(name: .long, help: ArgumentHelp(
        "Draw airfields: military (air bases: the gazetteer's researched ones and OurAirports' military fields) or all (civil airports too), with an aircraft symbol, named after the towns.",
        valueName: "military|all"))
    var airfields: MapDocument.AirfieldSelection?

    func validate() throws {
        for n in note where MapDocument.parseNote(n) == nil {
            throw ValidationError("--note '\(n)': give a place, a colon and up to 200 characters, e.g. \"Jurf al-Saqr: KH operations centre struck\"")
        }
        for h in highlight where h.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--highlight '\(h)': give a province's name, e.g. --highlight Anbar")
        }
        // As a map document's highlight layer does: a name must have a letter or digit to match by.
        for h in highlight {
            for part in h.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty && NameKey.key(String(part)).isEmpty {
                throw ValidationError("--highlight '\(Console.printable(h))': a name with no letters or digits; give a province's name, e.g. --highlight Anbar")
            }
        }
        for r in ring where MapDocument.RingSpec.parse(r) == nil {
            throw ValidationError("--ring '\(r)': give a site or LAT,LON, a colon and radii in km up to 20,000, e.g. \"Al-Asad Air Base:300km,1000km\"")
        }
    }

    func apply(to doc: inout MapDocument) {
        for r in ring { if let spec = MapDocument.RingSpec.parse(r) { doc.addRings(spec) } }
        let names = highlight.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        if !names.isEmpty { doc.addHighlight(names: names) }
        for file in highlightLayer { doc.addHighlight(names: [], file: file) }
        for n in note { if let (at, text) = MapDocument.parseNote(n) { doc.addNote(at: at, text: text, leader: noteLeader) } }
        if let airfields { doc.addAirfields(airfields) }
    }
}
