import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// What to render: a map document, and optionally its events already read (a server's cache,
/// a notebook's data frame); without them, the document's event files are read.
public struct RenderRequest: Sendable {
    public var document: MapDocument
    public var input: ReadReport?
    /// The bytes behind `-` among the document's event files (standard input, an upload).
    public var standardInput: Data?
    /// Basemaps already drawn for this document's frame and style (a service's, shared between
    /// requests): the map is painted over a copy, pixel for pixel what drawing it would give.
    public var baseCache: BaseLayerCache?
    /// Which files the layers may open (a service's data folders; the command line: any).
    public var fileAccess: FileAccess
    /// Whether the document's CRS may name PROJ files (grids, init files): the command line's
    /// `--crs-files`; never for a service.
    public var crsFiles: Bool

    public init(document: MapDocument, input: ReadReport? = nil, standardInput: Data? = nil, baseCache: BaseLayerCache? = nil,
                fileAccess: FileAccess = .any, crsFiles: Bool = false) {
        self.crsFiles = crsFiles
        self.document = document
        self.input = input
        self.standardInput = standardInput
        self.baseCache = baseCache
        self.fileAccess = fileAccess
    }
}

/// A rendered map: the file's bytes, what was drawn, and how the input rows add up.
public struct RenderResult: Sendable {
    public var data: Data
    public var format: OutputFormat
    public var manifest: RenderManifest
    /// read = drawn + removed by a filter + invalid + duplicate (also in `manifest.input`).
    public var counts: InputCounts
    /// The reading's notes and skipped rows, for the caller to report.
    public var report: ReadReport
    /// The map as drawn, for captions.
    public var spec: MapSpec
    /// Facet pages: one entry per panel.
    public var panels: [FacetRenderer.Panel]?

    /// One paragraph describing the map, for alt text.
    public var caption: String { MapCaption.paragraph(spec: spec, manifest: manifest) }
}

/// The one way a map document becomes a map: read the events, keep those in the dates and the
/// extent, resolve the document's layers and style into a `MapSpec`, draw it (one map or a page
/// of panels) and encode it. `render`, `frames` and any server use it; nothing here writes a file.
public struct MapPipeline: Sendable {
    public let catalog: GeoCatalog

    public init(catalog: GeoCatalog) { self.catalog = catalog }

    /// A document resolved against its data, ready to draw.
    public struct Prepared: Sendable {
        public var spec: MapSpec
        public var report: ReadReport
        /// Events removed by each filter before drawing (the extent's count grows with the
        /// events that fall outside the drawn frame).
        public var removed: [String: Int]
        /// Events kept by the date and extent filters.
        public var kept: Int
        /// All events the filters but the dates keep in the extent, whatever their date (for
        /// frames and the timeline).
        public var inExtent: [Event]
        /// What each filter but the dates removed to leave `inExtent` (the extent's too).
        public var inExtentRemoved: [String: Int] = [:]
    }

    /// The extent a document asks for; a user's events with no extent given are framed to fit.
    public func region(for extent: MapDocument.Extent, data: MapDocument.DataSelection, events: [Event]) throws -> Region {
        try frame(for: extent, events: events).region
    }

    /// The extent a document asks for and, for a frame fitted to the events, how far it reaches
    /// (events beyond lie far from all the others and are left out; see `FittedFrame`).
    func frame(for extent: MapDocument.Extent, events: [Event]) throws -> (region: Region, reach: GeoBox?) {
        guard extent.region == nil, extent.bbox == nil, extent.around == nil else { return (try region(for: extent), nil) }
        let reach = FittedFrame.reach(events.map(\.location))
        guard var r = Self.fitted(reach.map { box in events.filter { box.contains($0.location) } } ?? events) else {
            return (try region(for: extent), nil)
        }
        if let crs = extent.crs { r.crs = crs }
        return (r, reach)
    }

    /// A frame around every event, with a margin, named after the countries when they are few.
    static func fitted(_ events: [Event]) -> Region? {
        // Launch points are part of the story: the frame holds them too.
        guard let box = GeoBox.enclosing(events.map(\.location) + events.compactMap(\.origin)) else { return nil }
        let padLon = max(0.4, (box.east - box.west) * 0.08), padLat = max(0.4, (box.north - box.south) * 0.08)
        // Events on more than half the globe's longitudes: the whole globe, poles included (a
        // world map cut to the events' latitudes lost the Arctic and read as cropped).
        let fit = box.east - box.west > 180 ? GeoBox(west: -180, south: -90, east: 180, north: 90)
            : GeoBox(west: max(-180, box.west - padLon), south: max(-85, box.south - padLat),
                     east: min(180, box.east + padLon), north: min(85, box.north + padLat))
        let names = Self.countryNames(events)
        let countries = Set(events.map(\.country).filter { !$0.isEmpty }).count
        // A few countries by name; many by number, when every event names one.
        let counted = countries > 3 && events.allSatisfy({ !$0.country.isEmpty })
        let place: String? = !names.isEmpty ? MapCaption.list(names) : counted ? "\(countries) countries" : nil
        // The manifest's region is "data" for a fitted frame (a name other tools read).
        return Region(name: "data", title: place ?? "Extent of the data", bbox: fit, description: "fitted to the events",
                      placePhrase: place.map { "in \($0)" } ?? "", origin: .fitted)
    }

    /// The countries the events are in, when there are at most three (else none: a title would run long).
    static func countryNames(_ events: [Event]) -> [String] {
        var counts: [String: Int] = [:]
        for i in events.indices where !events[i].country.isEmpty { counts[events[i].country, default: 0] += 1 }
        guard !counts.isEmpty, counts.count <= 3, counts.values.reduce(0, +) == events.count else { return [] }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { CountryNames.name($0.key) }
    }

    /// What the map frame may show of a region on this page: the frame widens the region to the
    /// map's shape, which lies between the page's and that of the page with half its height
    /// taken by the words and a legend strip. The basemap must cover all of it.
    static func frameReach(_ region: Region, page: MapDocument.Page) -> GeoBox? {
        let w = Double(page.width)
        // A page the renderer refuses (it says why) draws nothing: no basemap to choose for it.
        guard page.width >= 200, page.width <= MapSpec.maxPixels,
              page.height.map({ $0 >= 150 && $0 <= MapSpec.maxPixels }) ?? true else { return nil }
        // A page fitted to the extent is between half and 1.6 times as high as it is wide.
        let heights = page.height.map { [Double($0)] } ?? [0.5 * w, 1.6 * w]
        let boxes = heights.flatMap { [$0, $0 / 2] }.compactMap { height in
            (try? MapFrame(region: region, rect: CanvasRect(x: 0, y: 0, width: w, height: max(1, height))))?.visibleBox
        }
        guard let first = boxes.first else { return nil }
        return boxes.dropFirst().reduce(first) { a, b in
            GeoBox(west: min(a.west, b.west), south: min(a.south, b.south), east: max(a.east, b.east), north: max(a.north, b.north))
        }
    }

    public func region(for extent: MapDocument.Extent) throws -> Region {
        var r: Region
        if let b = extent.bbox {
            r = Region.custom(try GeoBox(parsing: b.map { String($0) }.joined(separator: ",")))
        } else if let around = extent.around {
            r = Region.around(try catalog.gazetteer.resolve(around), radiusKm: extent.radiusKm ?? 150)
        } else if let name = extent.region {
            r = try catalog.regions.named(name)
        } else {
            // No extent and no event to fit a frame to: the inhabited world, not some default
            // place (the sample's frame is its preset's, Data/presets/us-forces-2023.yaml).
            r = Region.custom(GeoBox(west: -180, south: -58, east: 180, north: 78))
        }
        if let crs = extent.crs { r.crs = crs }
        return r
    }

    /// What an event store can select by itself (its indexes): every filter of the document, the
    /// dates when they do not depend on the newest event (`last`), and the extent's first cut
    /// when the extent is given (not fitted to the events). The same filters run again on what it
    /// returns; only the work moves.
    static func storeQuery(_ data: MapDocument.DataSelection, box: GeoBox?) -> StoreQuery {
        var filter = data.storeFilter
        filter.region = box
        return StoreQuery(filter)
    }

    /// A first cut of the events around a region, wide enough never to lose an event the frame
    /// shows (the frame widens the region to the page's shape).
    static func firstCut(_ b: GeoBox) -> GeoBox { b.expanded(byDegrees: max(1, max(b.east - b.west, b.north - b.south))) }

    /// The first cut of an extent the document gives (nil when the frame is fitted to the events).
    func givenExtentCut(_ extent: MapDocument.Extent, data: MapDocument.DataSelection) -> GeoBox? {
        guard extent.region != nil || extent.bbox != nil || extent.around != nil,
              let r = try? region(for: extent) else { return nil }
        return Self.firstCut(r.bbox)
    }

    /// Reads the document's event files, without the notes and sources no map shows.
    /// `extent`: the document's, whose first cut a store applies (files are read whole).
    /// `notes`: keep the notes and sources too (for lists of events, not maps).
    public func read(_ data: MapDocument.DataSelection, extent: MapDocument.Extent? = nil, standardInput: Data? = nil,
                     notes: Bool = false) throws -> ReadReport {
        let mapping = try data.acledMap.map { try ACLEDMapping.load(path: $0) } ?? .default
        let loader = EventLoader(gazetteer: catalog.gazetteer, strict: data.strict, acledMapping: mapping,
                                 options: {
                                    var o = ReadOptions(dateOrder: data.dateOrder, columns: data.columns, kindDefault: data.kindDefault)
                                    o.standardInputName = data.sourceName.map { "\($0) (standard input)" }
                                    if let m = data.maxRecordBytes { o.maxRecordBytes = m }
                                    // Past a map's limit reading stops, rather than taking all in first.
                                    o.maxEvents = MapSpec.maxEvents
                                    o.storeQuery = Self.storeQuery(data, box: extent.flatMap { givenExtentCut($0, data: data) })
                                    return o
                                 }())
        let paths = try data.events.map { $0 == MapDocument.DataSelection.sample ? try EventLoader.samplePath() : $0 }
        return try loader.read(paths: paths, standardInput: standardInput, notes: notes)
    }

    public func prepare(_ request: RenderRequest) throws -> Prepared {
        let doc = request.document
        // Refused before the events are read: nothing is opened for a document that names a file
        // it may not, and PROJ never sees a CRS that is more than a CRS.
        try doc.checkMapFiles(request.fileAccess)
        if let crs = doc.extent.crs { _ = try CRSPolicy.check(crs, allowFiles: request.crsFiles) }
        let report = try request.input ?? read(doc.data, extent: doc.extent, standardInput: request.standardInput)
        let range = try doc.data.dates.range(newest: report.events.map(\.date).max())
        var filter = doc.data.filter(dates: range)
        // A density view leaves them out when asked (`--coarse drop`), a map of markers keeps
        // them hatched: only a map whose every events layer is a density view (or `auto`, which
        // becomes one for many places) drops them.
        let densityOnly = doc.layers.filter(\.drawsEvents).allSatisfy { $0.currentView.map { $0 != .markers } ?? true }
        let dropsCoarse = doc.symbology.coarse == .drop && densityOnly
        let dated = filter.apply(report.events, indices: report.origins.count > 1)
        // Events a store did not return cannot be listed as "what the data has": no error then.
        let storeSelected = !report.storeFiles.isEmpty && report.events.isEmpty
        if dated.kept.isEmpty, !storeSelected, let e = SelectionError.check(doc.data, events: report.events) { throw e }
        if storeSelected, let miss = report.storeMiss { throw SelectionError.store(doc.data, miss) }
        // Nothing in the dates: frame the data as a whole, not some default place.
        let (region, reach) = try frame(for: doc.extent, events: dated.kept.isEmpty ? report.events : dated.kept)
        // A first cut, wide enough never to lose an event the frame shows (the frame widens the
        // region to the page's shape); the renderer keeps exactly those that project inside the
        // drawn frame and counts the rest as outside the extent. A fitted frame's strays are
        // left out first, whether or not the frame's shape would take them in.
        var inRegion = EventFilter()
        let b = region.bbox
        inRegion.region = Self.firstCut(b)
        inRegion.reach = reach
        // With the extent, so that only events in (the first cut of) the map count as left off
        // for their precision, not a world file's when the map shows one country. The margin
        // the first cut keeps round the frame may count a few the frame would not show.
        inRegion.exactPlacesOnly = doc.symbology.precision == .exactOnly || dropsCoarse
        let placed = inRegion.apply(dated.kept, indices: report.origins.count > 1)
        // Several inputs: the source line names those the map draws on (a store's month names
        // that month's exports, not every file ever imported; the same for the files themselves).
        var drawnOn: Set<String>?
        if report.origins.count > 1, !placed.kept.isEmpty, report.eventOrigins.count == report.events.count {
            // What the page shows: the region widened to the page's shape (as the frame widens
            // it), with a tenth to spare. The first cut is far wider: an Afghanistan map's took in
            // Yemen, and named the Yemen log under a map without one of its events.
            let page = CanvasRect(x: 0, y: 0, width: Double(doc.page.width),
                                  height: Double(doc.page.height ?? MapDocument.Page.unfittedHeight))
            let shown = (try? MapFrame(region: region, rect: page))?.visibleBox ?? region.bbox
            let seen = shown.expanded(byDegrees: 0.1 * max(shown.east - shown.west, shown.north - shown.south))
            var names = Set<String>()
            for j in placed.kept.indices where seen.contains(placed.kept[j].location) {
                let o = report.eventOrigins[dated.keptIndices[placed.keptIndices[j]]]
                names.insert(o >= 0 ? report.origins[Int(o)] : "")
            }
            // None in sight (all in the margins): name every input rather than none.
            drawnOn = names.isEmpty ? nil : names
        }

        var spec = MapSpec(region: region, basemap: try catalog.basemap(for: region, showing: Self.frameReach(region, page: doc.page)),
                           gazetteer: catalog.gazetteer, events: placed.kept, dateRange: range)
        // The data's first and last date: files are read whole, so their events' dates; a store
        // returns only the dates asked, so its own MIN and MAX (which cover its events read).
        var lo = report.events.first?.date, hi = lo
        for i in report.events.indices {
            let d = report.events[i].date
            if d < lo! { lo = d } else if d > hi! { hi = d }
        }
        for span in report.storeDates.values {
            if let f = span.from { lo = lo.map { min($0, f) } ?? f }
            if let t = span.to { hi = hi.map { max($0, t) } ?? t }
        }
        if let lo, let hi { spec.dataDates = try? DateRange(from: lo, to: hi) }
        spec.invalidRows = report.invalidReasons
        if let reach { spec.strays = dated.kept.filter { !reach.contains($0.location) } }
        spec.rowsRead = report.rowsRead
        spec.coarseLeftOff = placed.removed[EventFilter.placePrecision] ?? 0
        spec.coarseLeftOffBy = doc.symbology.precision == .exactOnly ? "--precision exact-only" : "--coarse drop"
        try apply(doc, to: &spec, publishers: report.publishers, storeFiles: report.storeFiles, drawnOn: drawnOn,
                  fileAccess: request.fileAccess)
        if region.origin == .fitted { try holdWhole(doc, in: &spec, page: doc.page) }
        var check = PlacementCheck(basemap: spec.basemap)
        spec.misplaced = check.misplaced(placed.kept)
        // A box or a circle the user gave is named after the countries of the events in it, as a
        // fitted frame is (a --bbox over Afghanistan said no place at all); a file that names no
        // countries has them named by the basemap.
        if region.origin != .preset, region.placePhrase.isEmpty, !placed.kept.isEmpty {
            var counts: [String: Int] = [:]
            var total = 0
            for i in placed.kept.indices where region.origin == .fitted || region.bbox.contains(placed.kept[i].location) {
                total += 1
                let e = placed.kept[i]
                if let c = e.country.isEmpty ? check.country(at: e.location) : e.country, !c.isEmpty { counts[c, default: 0] += 1 }
            }
            if let (phrase, name) = MapText.countriesPlace(counts, of: total) {
                spec.region.title = name
                spec.region.placePhrase = phrase
            }
        }
        // The timeline shows the selection on every date of the data (the dates asked are
        // highlighted): the filters but the dates' apply, or a Syria map's timeline counted
        // Turkey's and Iraq's events in its frame (and a store, which filters by country, did not).
        var allDates = filter
        allDates.dates = .all
        let selected = allDates.selectsEverything ? EventFilter.Result(kept: report.events) : allDates.apply(report.events)
        var extentOnly = inRegion
        extentOnly.exactPlacesOnly = false
        let inExtentResult = extentOnly.apply(selected.kept)
        let inExtent = inExtentResult.kept
        if doc.furniture.timeline { spec.timeline = TimelineSpec(events: inExtent) }
        if let counts = doc.furniture.scoped(to: doc.data.events).publishedCounts {
            spec.publishedCount = (try counts.load(access: request.fileAccess), range)
        }
        // No height given: the page takes the extent's shape, so the frame shows what was asked
        // (a square country on a 4:3 page showed twice its width); a page of panels keeps its own.
        if doc.page.height == nil, doc.page.facet == nil, doc.page.width >= 200, doc.page.width <= MapSpec.maxPixels {
            spec.heightPx = try MapRenderer.fittedHeight(spec)
            // A series' frames keep one size, whatever each frame's legend does.
            spec.heightFitsExtent = spec.seriesEvents == nil && spec.heightPx < MapSpec.maxPixels
        }
        return Prepared(spec: spec, report: report, removed: dated.removed.merging(placed.removed, uniquingKeysWith: +),
                        kept: placed.kept.count, inExtent: inExtent,
                        inExtentRemoved: selected.removed.merging(inExtentResult.removed, uniquingKeysWith: +))
    }

    /// A frame fitted to the events grows to what the layers' marks need whole (a choropleth's
    /// areas that hold events), with the basemap read for it.
    func holdWhole(_ doc: MapDocument, in spec: inout MapSpec, page: MapDocument.Page) throws {
        var box = spec.region.bbox
        for layer in doc.layers where layer.drawsEvents {
            for s in layer.symbolizers {
                guard let b = s.base.extentToHold(spec) else { continue }
                box = GeoBox(west: min(box.west, b.west), south: min(box.south, b.south),
                             east: max(box.east, b.east), north: max(box.north, b.north))
            }
        }
        guard box != spec.region.bbox else { return }
        let pad = 0.02 * max(box.east - box.west, box.north - box.south)
        spec.region.bbox = GeoBox(west: max(-180, box.west - pad), south: max(-90, box.south - pad),
                                  east: min(180, box.east + pad), north: min(90, box.north + pad))
        spec.basemap = try catalog.basemap(for: spec.region, showing: Self.frameReach(spec.region, page: page))
    }

    /// Page, style, layers, furniture and output of a document, onto a spec; file layers are read.
    public func apply(_ doc: MapDocument, to spec: inout MapSpec, publishers: [String: String] = [:],
                      storeFiles: [String: [String]] = [:], drawnOn: Set<String>? = nil,
                      fileAccess: FileAccess = .any) throws {
        spec.fileAccess = fileAccess
        spec.widthPx = doc.page.width
        spec.heightPx = doc.page.height ?? MapDocument.Page.unfittedHeight
        spec.dpi = doc.page.dpi
        var style = try doc.page.resolvedStyle()
        doc.furniture.apply(to: &style)
        spec.style = style
        spec.labels = doc.page.labels
        spec.svgText = doc.output.svgText
        spec.creationDate = doc.output.creationDate
        let furniture = doc.furniture.scoped(to: doc.data.events)
        spec.title = furniture.title
        spec.subtitle = furniture.subtitle
        spec.metadataDescription = furniture.description
        spec.eventSources = furniture.source ?? Self.defaultSource(doc.data, publishers: publishers, storeFiles: storeFiles, drawnOn: drawnOn)
        spec.layers = doc.layers
        spec.symbology = doc.symbology
        spec.symbology.classes = doc.symbology.classes(for: doc.data.events)
        spec.fileFeatures = try readFileLayers(doc, access: fileAccess)
    }

    /// Each file, by its publisher where its layout names one: "ACLED (Armed Conflict Location &
    /// Event Data), acled_afghanistan_2020.csv".
    /// `drawnOn`: the inputs the map's events came from, when there are several (the others,
    /// which gave it nothing, are not named).
    static func defaultSource(_ data: MapDocument.DataSelection, publishers: [String: String] = [:],
                              storeFiles: [String: [String]] = [:], drawnOn: Set<String>? = nil) -> String {
        data.events.flatMap { path -> [String] in
            // A store is named by the files its events were imported from, as those files would be.
            if let files = storeFiles[path] {
                return files.filter { drawnOn?.contains($0) ?? true }.map { f in publishers[f].map { "\($0), \(f)" } ?? f }
            }
            if let drawnOn, !drawnOn.contains(path), path != MapDocument.DataSelection.sample { return [] }
            // The sample is named as any file is (its preset gives it its own source line).
            if path == MapDocument.DataSelection.sample {
                return [(((try? EventLoader.samplePath()) ?? path) as NSString).lastPathComponent]
            }
            let name = path == "-" ? (data.sourceName ?? "standard input") : (path as NSString).lastPathComponent
            return [publishers[path].map { "\($0), \(name)" } ?? name]
        }.joined(separator: "; ")
    }

    /// The features of every file the layers read as vectors (sources, and symbolizers' areas),
    /// through GDAL (opened only when a document has one), each path through `access` first.
    /// A source's features are kept by layer id; a symbolizer's by `featureKey(path)`.
    func readFileLayers(_ doc: MapDocument, access: FileAccess) throws -> [String: [Feature]] {
        var out: [String: [Feature]] = [:]
        var cache: [String: [Feature]] = [:]
        for l in doc.layers {
            guard case let .file(path, name) = l.source else { continue }
            let key = path + "\u{0}" + (name ?? "")
            if let f = cache[key] { out[l.id] = f; continue }
            let ds = try VectorDataset(path: try access.resolve(path, key: "layer '\(l.id)'"))
            var index: Int?
            if let name {
                guard let i = ds.layerNames.firstIndex(of: name) else {
                    throw GeoError.vectorOpen(path: path, message:
                        "no layer named '\(name)'; it has \(ds.layerNames.map { "'\($0)'" }.joined(separator: ", "))")
                }
                index = i
            }
            let features = try ds.features(layer: index)
            cache[key] = features
            out[l.id] = features
        }
        // Areas a symbolizer counts events in (a choropleth's), keyed by path.
        for l in doc.layers {
            for s in l.symbolizers {
                for file in s.filesRead where file.use == .areas {
                    let path = file.path
                    let ds = try VectorDataset(path: try access.resolve(path, key: "layer '\(l.id)'"))
                    let features = try ds.features(layer: nil)
                    try s.base.check(features, of: file)
                    guard features.contains(where: { if case .polygons = $0.geometry { return true } else { return false } }) else {
                        throw GeoError.vectorOpen(path: path, message: "no polygons to count events in (a choropleth needs areas)")
                    }
                    out[Self.featureKey(path)] = features
                }
            }
        }
        return out
    }

    /// Where the pipeline keeps the features of a file a symbolizer reads.
    public static func featureKey(_ path: String) -> String { "file:" + path }

    /// Renders the request into the bytes of `format` (default: the document's).
    public func render(_ request: RenderRequest, format: OutputFormat? = nil) throws -> RenderResult {
        let prepared = try prepare(request)
        let format = format ?? request.document.output.format
        var spec = prepared.spec
        if let cache = request.baseCache { spec.baseCache = cache }
        var removed = prepared.removed
        if let period = request.document.page.facet {
            let (data, manifest, panels, drawn) = try FacetRenderer(spec: spec, period: period).encodeDrawn(format)
            return finish(data, format, manifest, drawn: drawn, prepared, &removed, panels: panels)
        }
        let (data, manifest, drawn) = try MapRenderer(spec: spec).encodeDrawn(format)
        return finish(data, format, manifest, drawn: drawn, prepared, &removed, panels: nil)
    }

    private func finish(_ data: Data, _ format: OutputFormat, _ drawnManifest: RenderManifest, drawn: () -> Set<String>, _ p: Prepared,
                        _ removed: inout [String: Int], panels: [FacetRenderer.Panel]?) -> RenderResult {
        var manifest = drawnManifest
        if manifest.offFrame > 0 { removed["map extent", default: 0] += manifest.offFrame }
        let counts = InputCounts(rowsRead: p.report.rowsRead, invalid: p.report.skippedTotal,
                                 duplicates: p.report.duplicatesTotal, removedByFilter: removed,
                                 drawn: p.kept - manifest.offFrame)
        var withReasons = counts
        withReasons.invalidReasons = p.spec.invalidRows
        manifest.input = withReasons
        // The caption describes what was drawn: the events the layers' plans drew.
        var drawnSpec = p.spec
        // A density view with nothing off the frame draws every event: no need to list them (a
        // hundred thousand ids cost a noticeable part of such a map's time).
        let everyEventDrawn = manifest.offFrame == 0 && manifest.density != nil
        if !everyEventDrawn && (manifest.offFrame > 0 || !drawnSpec.misplaced.examples.isEmpty) {
            let drawn = drawn()
            if manifest.offFrame > 0 { drawnSpec.events = drawnSpec.events.filter { drawn.contains($0.id) } }
            drawnSpec.misplaced.keep(drawn)
        }
        return RenderResult(data: data, format: format, manifest: manifest, counts: counts, report: p.report,
                            spec: drawnSpec, panels: panels)
    }
}
