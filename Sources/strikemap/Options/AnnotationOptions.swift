import ArgumentParser
import StrikeMapRender

/// What a desk draws over the data by hand: range rings.
struct AnnotationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Range rings around a site or LAT,LON, e.g. --ring \"Al-Asad Air Base:300km,1000km\" or --ring 33.8,42.4:500km (repeatable). The rings are true distances on the WGS84 ellipsoid, drawn under the events and labelled with their radius.",
        valueName: "center:km[,km]"))
    var ring: [String] = []

    func validate() throws {
        for r in ring where MapDocument.RingSpec.parse(r) == nil {
            throw ValidationError("--ring '\(r)': give a site or LAT,LON, a colon and radii in km up to 20,000, e.g. \"Al-Asad Air Base:300km,1000km\"")
        }
    }

    func apply(to doc: inout MapDocument) {
        for r in ring { if let spec = MapDocument.RingSpec.parse(r) { doc.addRings(spec) } }
    }
}
