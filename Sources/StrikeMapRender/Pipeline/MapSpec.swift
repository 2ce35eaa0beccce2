import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// A map ready to draw: a document's settings with its data loaded (region, basemap, events,
/// file layers' features). Plain values, no C state. `MapPipeline` builds one from a
/// `MapDocument`; programs may also build one directly and hand it to `MapRenderer`.
public struct MapSpec: Sendable {
    public var region: Region
    public var basemap: Basemap
    public var gazetteer: Gazetteer
    public var events: [Event]
    /// The range the events were filtered to (shown in the subtitle).
    public var dateRange: DateRange
    /// The first and last date of the data read (for a store, of all it holds): a period asked
    /// past them is stated as far as the data go.
    public var dataDates: DateRange?
    public var widthPx: Int = 1600
    public var heightPx: Int = 1200
    /// The height was fitted to the extent (no height given): a legend strip under the map
    /// makes the page taller, not the frame wider.
    public var heightFitsExtent = false
    /// Resolution: type and line sizes are in points and scale with it.
    public var dpi: Double = 200
    public var title: String?
    public var subtitle: String?
    /// Attribution for the source line, besides Natural Earth and StrikeMap's gazetteer.
    public var eventSources: String = ""
    /// A published count to set the mapped events against (the sample's Pentagon count), with
    /// the dates the map covers.
    public var publishedCount: (counts: PublishedCounts, range: DateRange)?
    /// The note appended to the subtitle and the caption: the published count beside the events
    /// this spec holds (the drawn ones, once the frame is known), never more.
    public var totalsNote: String? { publishedCount.flatMap { $0.counts.note(for: $0.range, located: events) } }
    public var style: MapStyle = .house
    /// For a series of frames: all the series' events, so that every frame has the same
    /// focus countries, legend entries and panel corners.
    public var seriesEvents: [Event]?
    /// For small multiples and frames of a sliding window: each panel's or frame's dates, so a
    /// density view classes the values they show (a month's cells), not the whole series' sums.
    public var seriesSlices: [DateRange]?
    /// Events dated before this day are drawn faded, the newer ones at full strength.
    public var highlightSince: CivilDate?
    /// Shares the drawn basemap between frames of the same size (PNG only).
    public var baseCache: BaseLayerCache?
    /// A bar chart of events per day under the map.
    public var timeline: TimelineSpec?
    /// The layers, bottom to top (see `MapDocument.standardLayers`).
    public var layers: [MapLayerDocument] = MapDocument.standardLayers
    /// The features of the file layers, by layer id (read through GDAL by the pipeline).
    public var fileFeatures: [String: [Feature]] = [:]
    /// Which files the layers may open (a symbolizer that reads one at draw time asks it).
    public var fileAccess: FileAccess = .any
    /// More file layers, already read, added over the basemap and under the events.
    public var userLayers: [UserLayer] = []
    /// Events whose coordinates lie in another country than their row names (drawn where the
    /// coordinates say; the caption and stderr say so).
    public var misplaced = PlacementCheck.Misplaced()
    /// The events a frame fitted to the data left out, far from all the others (`FittedFrame`).
    public var strays: [Event] = []
    /// The rows of the data that could not be read as events (no place, a date not understood),
    /// by reason, and how many rows were read: the footer and caption say so.
    public var invalidRows: [InvalidRowReason] = []
    public var rowsRead = 0
    /// Events left off because they stand only for an area (`--precision exact-only`).
    public var coarseLeftOff = 0
    /// The flag that left them off, for the footer.
    public var coarseLeftOffBy = "--precision exact-only"
    /// What the markers' shapes and colours stand for, and their words.
    public var symbology = SymbologyDocument()
    /// How co-located events become markers.
    public var aggregate: Aggregation = .site
    /// What a marker's area shows.
    public var sizeBy: MarkerSize = .count
    /// The language of place labels.
    public var labels: LabelLanguage = .en
    /// SVG labels as real `<text>` elements (editable in Inkscape or Illustrator), or as glyph outlines.
    public var svgText: SVGTextMode = .text
    /// A description for the file's metadata (PDF subject, SVG `<desc>`, PNG text chunk).
    public var metadataDescription: String?
    /// Pins the PDF creation date for reproducible output.
    public var creationDate: String = "2026-01-01T00:00:00Z"

    public init(region: Region, basemap: Basemap, gazetteer: Gazetteer, events: [Event],
                dateRange: DateRange = .all) {
        self.region = region
        self.basemap = basemap
        self.gazetteer = gazetteer
        self.events = events
        self.dateRange = dateRange
    }

    /// The classes of the events along `colorBy` (default: the document's), ranked over the
    /// whole series when there is one, so every frame and panel draws a class alike.
    func eventSymbology(_ colorBy: ColorBy? = nil) -> EventSymbology {
        let by = colorBy ?? symbology.colorBy
        return memoSymbology(by, named: by == symbology.colorBy ? symbology.classes : [], splits: true)
    }

    /// The classes are ranked over every event: worked out once per list of events and settings,
    /// not once per layout pass (a million events take a noticeable time).
    private func memoSymbology(_ by: ColorBy, named: [EventClassStyle], splits: Bool) -> EventSymbology {
        let all = seriesEvents ?? events
        let question = "symbology|\(by)|\(splits)|\(named)|\(symbology)|\(style)"
        return SeriesMemo.shared.value(all, question) {
            EventSymbology(colorBy: by, document: symbology, named: named, events: all, style: style, splitsExplosions: splits)
        }
    }

    /// Whether the gazetteer placed any event (a site given instead of coordinates), and so is
    /// credited on the source line.
    var gazetteerPlaced: Bool {
        // The site of each id looked up once: a million events name a few thousand sites.
        var siteAt: [String: GeoPoint?] = [:]
        let all = seriesEvents ?? events
        return all.indices.contains { i in
            guard let id = all[i].siteID else { return false }
            if siteAt[id] == nil { siteAt[id] = .some(gazetteer[id]?.location) }
            return siteAt[id]!.map { $0 == all[i].location } ?? false
        }
    }

    /// The footer: the source line, the rows of the data that are not on the map, and the events
    /// a fitted frame left out.
    var footerText: String {
        sourceLine + [invalidRowsNote, strayNote, coarseLeftOffNote].compactMap { $0.map { "\n" + $0 + "." } }.joined()
    }

    /// "35 events placed only at the centre of a district, province or country are left off
    /// (--precision exact-only)"; nil when none were.
    var coarseLeftOffNote: String? {
        guard coarseLeftOff > 0 else { return nil }
        return "\(MapText.plural(coarseLeftOff, "event")) placed only at the centre of a district, province or country "
            + "\(coarseLeftOff == 1 ? "is" : "are") left off (\(coarseLeftOffBy))"
    }

    /// "13 events far from all the others are not on the map: Al-Hada, Dhamar (13), at 21.36°N
    /// 40.28°E": the events a frame fitted to the data left out (`FittedFrame`), by place, the
    /// commonest three named with where they lie, so that a coordinate typed wrong can be found.
    var strayNote: String? {
        guard !strays.isEmpty else { return nil }
        var at: [String: (count: Int, point: GeoPoint)] = [:]
        for e in strays {
            let name = e.siteName ?? e.siteID ?? ""
            let key = name.isEmpty ? String(format: "%.2f,%.2f", e.location.lat, e.location.lon) : name
            at[key, default: (0, e.location)].count += 1
        }
        let places = at.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        func point(_ p: GeoPoint) -> String {
            String(format: "%.2f°%@ %.2f°%@", abs(p.lat), p.lat < 0 ? "S" : "N", abs(p.lon), p.lon < 0 ? "W" : "E")
        }
        var named = places.prefix(3).map { key, v in
            key.first?.isLetter == true ? "\(key) (\(MapText.number(v.count))) at \(point(v.point))"
                                       : "\(MapText.number(v.count)) at \(point(v.point))"
        }
        if places.count > 3 { named.append("\(MapText.number(places.count - 3)) more places") }
        return "\(MapText.plural(strays.count, "event")) far from all the others \(strays.count == 1 ? "is" : "are") not on the map: "
            + named.joined(separator: "; ")
    }

    /// "18 of 16,749 rows not mapped: no place given": rows of the data read that could not
    /// become events, with why, as the footer and caption say it; nil when every row did.
    var invalidRowsNote: String? {
        let n = invalidRows.reduce(0) { $0 + $1.count }
        guard n > 0 else { return nil }
        let why = invalidRows.count == 1 ? invalidRows[0].reason
            : invalidRows.map { "\($0.reason) (\(MapText.number($0.count)))" }.joined(separator: ", ")
        return "\(MapText.number(n)) of \(MapText.number(max(rowsRead, n))) rows not mapped: \(why)"
    }

    /// The source line under the map.
    var sourceLine: String {
        MapText.sourceLine(eventSources: eventSources, gazetteerPlaced: gazetteerPlacedMemo, areaSources: areaFiles,
                           terrainSources: terrainFiles)
    }

    /// The names of the files the layers' symbolizers read for one use, in layer order.
    private func symbolizerFiles(_ use: SymbolizerFile.Use) -> [String] {
        layers.flatMap { l in l.symbolizers.flatMap(\.filesRead) }.filter { $0.use == use }
            .map { ($0.path as NSString).lastPathComponent }
    }

    /// The rasters the map's terrain is shaded from (besides Natural Earth's), for the source line.
    var terrainFiles: [String] {
        symbolizerFiles(.terrain)
    }

    /// The files a choropleth counts in, named on the source line like the events' files.
    var areaFiles: [String] {
        symbolizerFiles(.areas)
    }

    /// Whether the gazetteer placed any event, worked out once per list of events.
    private var gazetteerPlacedMemo: Bool {
        SeriesMemo.shared.value(seriesEvents ?? events, "gazetteerPlaced") { gazetteerPlaced }
    }

    /// The words for what the events are (always by type, whatever the colours show): the
    /// explosions' sub-types when they make two classes or fewer ("Air/drone strikes in
    /// Syria"), else the types ("Battles, explosions/remote violence and other events").
    var eventWords: EventSymbology {
        let named = symbology.colorBy == .type ? symbology.classes : []
        let detailed = memoSymbology(.type, named: named, splits: true)
        if detailed.classes.count <= 2 { return detailed }
        return memoSymbology(.type, named: named, splits: false)
    }

    /// The layers with `userLayers` added where file layers go.
    var effectiveLayers: [MapLayerDocument] {
        guard !userLayers.isEmpty else { return layers }
        var doc = MapDocument()
        doc.layers = layers
        doc.addFileLayers(userLayers.map(\.layerDocument))
        return doc.layers
    }

    /// The features of every file layer, `userLayers` included.
    var allFileFeatures: [String: [Feature]] {
        guard !userLayers.isEmpty else { return fileFeatures }
        var out = fileFeatures
        let added = Set(effectiveLayers.map(\.id)).subtracting(layers.map(\.id))
        // addFileLayers keeps the order, so the new ids pair with userLayers in order.
        let ids = effectiveLayers.map(\.id).filter { added.contains($0) }
        for (id, user) in zip(ids, userLayers) { out[id] = user.features }
        return out
    }

    /// The sets layer filters may name with `@`.
    var filterVariables: [String: Set<String>] {
        let all = seriesEvents ?? events
        // Once per list (every frame of a series asks), reading the field in place.
        return SeriesMemo.shared.value(all, "filterVariables") {
            var countries = Set<String>()
            var seen = Set<String>()
            for i in all.indices where seen.insert(all[i].country).inserted && !all[i].country.isEmpty {
                countries.insert(all[i].country.uppercased())
            }
            return ["eventCountries": countries]
        }
    }

    /// The limits every map is held to, checked before drawing.
    func checkLimits() throws(RenderError) {
        guard widthPx >= 200, heightPx >= 150 else {
            throw .invalidSize(width: widthPx, height: heightPx, reason: "the smallest map is 200x150 pixels")
        }
        guard widthPx <= Self.maxPixels, heightPx <= Self.maxPixels else {
            throw .invalidSize(width: widthPx, height: heightPx, reason: "each side is limited to \(Self.maxPixels) pixels")
        }
        guard widthPx * heightPx <= Self.maxArea else {
            throw .tooManyPixels(width: widthPx, height: heightPx, megapixels: Self.maxArea / 1_000_000)
        }
        guard events.count <= Self.maxEvents else {
            throw .tooMuch(what: "\(events.count) events", limit: Self.maxEvents,
                           fix: "narrow the dates or the region, or count them with `strikemap events --stats`")
        }
        guard dpi >= 36, dpi <= 1200 else { throw .invalidDPI(dpi) }
    }

    func encoder(_ format: OutputFormat) -> PageEncoder {
        PageEncoder(format: format, widthPx: widthPx, heightPx: heightPx, dpi: dpi, svgText: svgText, creationDate: creationDate)
    }

    /// Canvas units (pixels) per point.
    public var unitsPerPoint: Double { dpi / 72 }

    public static let maxPixels = 20_000
    /// Width times height: 150 megapixels (600 MB of image memory).
    public static let maxArea = 150_000_000
    /// Events on one map; more is a database, not a map (filter by date or region first).
    public static let maxEvents = 2_000_000
    /// Label candidates considered; the rest are dropped lowest priority first, and counted.
    public static let maxLabels = 5_000
}

/// The timeline strip: all the data's events, of which the map shows `range`.
public struct TimelineSpec: Sendable {
    public var events: [Event]
    public init(events: [Event]) { self.events = events }
}

/// `none`: a marker per event; `site`: one per site, kind and certainty, with a count;
/// `grid`: markers within a few millimetres of each other on the page merged too.
public enum Aggregation: String, Sendable, Codable, CaseIterable { case none, site, grid }

/// Marker area proportional to the number of events, to killed plus injured, or fixed.
public enum MarkerSize: String, Sendable, Codable, CaseIterable { case count, casualties, none }


public enum SVGTextMode: String, Sendable, Codable, CaseIterable {
    case text, outline
}

