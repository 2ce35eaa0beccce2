import Foundation
import StrikeMapEvents
import StrikeMapGeo
import StrikeMapCore

/// Everything about one map, as plain values: the page, the extent, the events to read, the
/// ordered layers, the furniture and the output. `strikemap render --print-spec` prints the
/// document its flags build; `--spec FILE` renders one (JSON or YAML); the JSON Schema is in
/// `Data/schema/map-document.schema.json`. Keys left out take the defaults shown by
/// `MapDocument()`; unknown keys are errors.
public struct MapDocument: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version = MapDocument.currentVersion
    public var page = Page()
    public var extent = Extent()
    public var data = DataSelection()
    public var layers: [MapLayerDocument] = MapDocument.standardLayers
    /// What the events' shapes and colours show, and the words for them.
    public var symbology = SymbologyDocument()
    public var furniture = Furniture()
    public var output = OutputOptions()

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case version, page, extent, data, layers, symbology, furniture, output }

    public init(from decoder: Decoder) throws {
        let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: ["$schema"])
        version = try r(.version, Self.currentVersion)
        guard version == Self.currentVersion else {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.version], debugDescription:
                "version \(version) is not supported; this StrikeMap reads version \(Self.currentVersion)"))
        }
        page = try r(.page, Page())
        extent = try r(.extent, Extent())
        data = try r(.data, DataSelection())
        layers = try r(.layers, Self.standardLayers)
        symbology = try r(.symbology, SymbologyDocument())
        furniture = try r(.furniture, Furniture())
        output = try r(.output, OutputOptions())
        var seen = Set<String>()
        for (i, l) in layers.enumerated() where !seen.insert(l.id).inserted {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.layers, AnyKey(intValue: i)!, AnyKey("id")],
                debugDescription: "a second layer with id '\(l.id)'; ids must be unique"))
        }
    }

    /// The page: size, resolution, theme and style, language of the labels, facets.
    public struct Page: Codable, Sendable, Equatable {
        public var width = 1600
        /// Pixels; nil: the page takes the extent's shape (`MapRenderer.fittedHeight`), and a
        /// page of small multiples is 1200 high.
        public var height: Int?
        /// Type and lines are sized in points, so a higher dpi makes them larger in pixels.
        public var dpi = 200.0
        public var theme = Theme.light
        /// Style keys laid over the theme (colours, fonts, sizes in points, switches).
        public var style: StyleOverrides?
        public var labels = LabelLanguage.en
        /// Small multiples: one panel per week or month.
        public var facet: FacetRenderer.Period?

        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case width, height, dpi, theme, style, labels, facet }
        public init(from decoder: Decoder) throws {
            let r = try DocumentReader<CodingKeys>(decoder)
            width = try r(.width, 1600)
            height = try r.optional(.height)
            dpi = try r(.dpi, 200)
            guard dpi.isFinite, dpi >= 36, dpi <= 1200 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.dpi],
                    debugDescription: "the resolution is a number from 36 to 1200 dpi (72 for screens, 150-300 for print)"))
            }
            theme = try r(.theme, .light)
            style = try r.optional(.style)
            labels = try r(.labels, .en)
            facet = try r.optional(.facet)
        }

        /// The height of a page whose height is not given, before it is fitted to the extent.
        public static let unfittedHeight = 1200

        /// The theme with the document's overrides.
        public func resolvedStyle() throws -> MapStyle {
            var s = theme.style
            if let style { s = try s.applying(style, keyPath: "page.style") }
            return s
        }
    }

    /// What part of the world: a named region, a box, or a radius around a site.
    public struct Extent: Codable, Sendable, Equatable {
        public var region: String?
        /// west, south, east, north in degrees.
        public var bbox: [Double]?
        public var around: String?
        public var radiusKm: Double?
        /// An EPSG code or a PROJ string; default: conformal, fitted to the extent.
        public var crs: String?

        public init(region: String? = nil) { self.region = region }
        enum CodingKeys: String, CodingKey, CaseIterable { case region, bbox, around, radiusKm, crs }
        public init(from decoder: Decoder) throws {
            let r = try DocumentReader<CodingKeys>(decoder)
            region = try r.optional(.region)
            bbox = try r.optional(.bbox)
            around = try r.optional(.around)
            radiusKm = try r.optional(.radiusKm)
            crs = try r.optional(.crs)
            // The document may ask for PROJ files (the command line lets them through with
            // --crs-files); anything that is not a CRS at all is refused here.
            if let crs {
                do { _ = try CRSPolicy.check(crs, allowFiles: true) } catch {
                    let why: String
                    if case let .crsNotTaken(_, reason, _) = error { why = reason } else { why = error.description }
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.crs], debugDescription: why))
                }
            }
            let given = [region != nil ? "region" : nil, bbox != nil ? "bbox" : nil, around != nil ? "around" : nil].compactMap { $0 }
            if given.count > 1 {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [AnyKey(given[1])],
                    debugDescription: "\(given.joined(separator: " and ")) cannot be combined; give one"))
            }
            if let b = bbox, b.count != 4 {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.bbox],
                    debugDescription: "expected four numbers: west, south, east, north"))
            }
            if let km = radiusKm, !(km >= 1 && km <= 5000) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.radiusKm],
                    debugDescription: "a radius between 1 and 5000 km"))
            }
        }
    }

    /// Which events: the files to read and the dates to keep.
    public struct DataSelection: Codable, Sendable, Equatable {
        /// Event files (StrikeMap CSV, ACLED CSV, GeoJSON); `builtin:sample` is the shipped sample,
        /// `-` standard input.
        public var events = [DataSelection.sample]
        public var dates = DateSelection()
        /// A CSV of rules for ACLED event types, tried before the built-in mapping.
        public var acledMap: String?
        /// Stop at the first invalid row instead of skipping and reporting it.
        public var strict = false
        /// Day/month order of numeric dates (dmy or mdy); nil = decided from each file.
        public var dateOrder: DateOrder?
        /// Field → column name (`date`, `lat`, `lon`, `kind`, ...), overriding recognition by name.
        public var columns: [String: String] = [:]
        /// The kind of events whose row gives none.
        public var kindDefault: String?
        /// The longest CSV record read, in bytes; nil: the readers' default (1 MiB).
        public var maxRecordBytes: Int?
        /// Only these kinds (`attack`, `battle`, `event`, ...).
        public var kinds: [String] = []
        /// Only these event types or sub-event types, as the data words them (`Air/drone strike`), any case.
        public var types: [String] = []
        /// Only events whose actor contains this text, any case.
        public var actor: String?
        /// Only these countries: ISO 3166 alpha-2, alpha-3 or English name.
        public var countries: [String] = []
        /// How the source line names standard input (`-`); default "standard input".
        public var sourceName: String?

        public static let sample = "builtin:sample"
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable {
            case events, dates, acledMap, strict, dateOrder, columns, kindDefault, maxRecordBytes, kinds, types, actor, countries, sourceName
        }
        public init(from decoder: Decoder) throws {
            let r = try DocumentReader<CodingKeys>(decoder)
            events = try r(.events, [Self.sample])
            dates = try r(.dates, DateSelection())
            acledMap = try r.optional(.acledMap)
            strict = try r(.strict, false)
            if let order: String = try r.optional(.dateOrder) {
                guard let o = DateOrder(rawValue: order) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.dateOrder],
                        debugDescription: "'\(order)' is not a date order; use dmy (day first) or mdy (month first)"))
                }
                dateOrder = o
            }
            columns = try r(.columns, [:])
            kindDefault = try r.optional(.kindDefault)
            maxRecordBytes = try r.optional(.maxRecordBytes)
            if let m = maxRecordBytes, !(ReadOptions.recordLimits ~= m) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.maxRecordBytes],
                    debugDescription: "\(m) is out of range; give 1024 to 1073741824 bytes"))
            }
            do { try ReadOptions(columns: columns, kindDefault: kindDefault).validate() } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [error == .emptyKind ? CodingKeys.kindDefault : CodingKeys.columns],
                    debugDescription: error.description))
            }
            kinds = try r(.kinds, []); types = try r(.types, []); actor = try r.optional(.actor)
            countries = try r(.countries, []); sourceName = try r.optional(.sourceName)
            if events.isEmpty {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.events],
                    debugDescription: "give at least one event file (or \"\(Self.sample)\")"))
            }
        }

        public var usesSample: Bool { events == [Self.sample] }
    }

    /// The date range, in the words of the date flags (`last: 14d` ends at the newest event).
    public struct DateSelection: Codable, Sendable, Equatable {
        public var from: String?
        public var to: String?
        public var on: String?
        public var last: String?
        public var month: String?
        public var week: String?

        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case from, to, on, last, month, week }
        public init(from decoder: Decoder) throws {
            let r = try DocumentReader<CodingKeys>(decoder)
            from = try r.optional(.from); to = try r.optional(.to); on = try r.optional(.on)
            last = try r.optional(.last); month = try r.optional(.month); week = try r.optional(.week)
        }

        public func range(newest: CivilDate?) throws -> DateRange {
            try DateRange.parse(from: from, to: to, on: on, last: last, month: month, week: week, newest: newest)
        }
    }

    /// What goes around and over the map besides its layers.
    public struct Furniture: Codable, Sendable, Equatable {
        /// Default: says what and where.
        public var title: String?
        /// Default: the date range and the counts.
        public var subtitle: String?
        public var legend: SwitchValue = "@showLegend"
        public var scaleBar: SwitchValue = "@showScaleBar"
        /// A second scale bar in miles.
        public var miles: SwitchValue = "@scaleMiles"
        public var northArrow: SwitchValue = "@showNorthArrow"
        /// A locator inset (regional maps only).
        public var inset: SwitchValue = "@showInset"
        public var graticule: SwitchValue = "@showGraticule"
        /// A bar chart of events per day under the map.
        public var timeline = false
        /// Who the events come from, for the source line; default: the files' names.
        public var source: String?
        /// A published count to set the events against, in a note under the subtitle.
        public var publishedCounts: PublishedCountsDocument?
        /// The event files the wording above (title, subtitle, source, description, published
        /// counts) was written for; with other files it is left out, so that nobody else's
        /// events are told in another story's words. Default: any files.
        public var appliesTo: [String]?
        /// For the file's metadata; default: the subtitle.
        public var description: String?

        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, subtitle, legend, scaleBar, miles, northArrow, inset, graticule, timeline, source, publishedCounts,
                 description, appliesTo
        }
        /// Read, not written: `pentagonTotals: true`, the name of the sample's count before any
        /// count could be given, stands for the sample preset's `publishedCounts`.
        static let formerKeys = ["pentagonTotals"]
        public init(from decoder: Decoder) throws {
            let r = try DocumentReader<CodingKeys>(decoder, alsoAllowed: Self.formerKeys)
            title = try r.optional(.title); subtitle = try r.optional(.subtitle)
            legend = try r(.legend, "@showLegend"); scaleBar = try r(.scaleBar, "@showScaleBar")
            miles = try r(.miles, "@scaleMiles"); northArrow = try r(.northArrow, "@showNorthArrow")
            inset = try r(.inset, "@showInset"); graticule = try r(.graticule, "@showGraticule")
            timeline = try r(.timeline, false); source = try r.optional(.source)
            publishedCounts = try r.optional(.publishedCounts); description = try r.optional(.description)
            appliesTo = try r.optional(.appliesTo)
            if publishedCounts == nil,
               try decoder.container(keyedBy: AnyKey.self).decodeIfPresent(Bool.self, forKey: AnyKey("pentagonTotals")) == true {
                publishedCounts = try MapDocument.samplePreset().furniture.publishedCounts
            }
        }

        /// The furniture for these event files: its wording left out when `appliesTo` names others.
        public func scoped(to events: [String]) -> Furniture {
            guard let scope = appliesTo, scope != events else { return self }
            var f = self
            f.title = nil; f.subtitle = nil; f.source = nil; f.description = nil; f.publishedCounts = nil
            f.appliesTo = nil
            return f
        }

        /// The style with the furniture switches applied.
        func apply(to s: inout MapStyle) {
            let base = s
            s.showLegend = legend.resolve(base)
            s.showScaleBar = scaleBar.resolve(base)
            s.scaleMiles = miles.resolve(base)
            s.showNorthArrow = northArrow.resolve(base)
            s.showInset = inset.resolve(base)
            s.showGraticule = graticule.resolve(base)
        }
    }

    /// The file: format, SVG text mode and a fixed creation date (same input, same bytes).
    public struct OutputOptions: Codable, Sendable, Equatable {
        public var format = OutputFormat.png
        public var svgText = SVGTextMode.text
        public var creationDate = "2026-01-01T00:00:00Z"

        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case format, svgText, creationDate }
        public init(from decoder: Decoder) throws {
            let r = try DocumentReader<CodingKeys>(decoder)
            format = try r(.format, .png)
            svgText = try r(.svgText, .text)
            creationDate = try r(.creationDate, "2026-01-01T00:00:00Z")
        }
    }
}

extension MapDocument {
    /// The basemap as layers, bottom to top, then places, events and area names. Colours and
    /// sizes refer to the theme, so `--theme` and style files restyle them.
    public static var standardLayers: [MapLayerDocument] {
        [
            MapLayerDocument(id: "sea", source: .background, symbolizers: [BackgroundSymbolizer(fill: "@sea")]),
            MapLayerDocument(id: "land", source: .basemap(.land), symbolizers: [
                PolygonSymbolizer(fill: "@land", stroke: "@coast", width: "@coastWidth")]),
            MapLayerDocument(id: "focus-countries", source: .basemap(.admin1),
                             filter: try! FeatureFilter("iso_a2 in @eventCountries"),
                             symbolizers: [PolygonSymbolizer(fill: "@focusLand")]),
            // Terrain over both land fills, under water, lines and names.
            MapLayerDocument(id: "relief", source: .background, visible: "@showRelief", symbolizers: [ReliefSymbolizer()]),
            MapLayerDocument(id: "lakes", source: .basemap(.lakes), visible: "@showLakes", symbolizers: [
                PolygonSymbolizer(fill: "@lake", stroke: "@coast", width: "@coastWidth")]),
            MapLayerDocument(id: "provinces", source: .basemap(.admin1Lines), visible: "@showProvinces", symbolizers: [
                LineSymbolizer(stroke: "@provinceLine", width: "@provinceWidth", dash: [2, 1.5])]),
            MapLayerDocument(id: "rivers", source: .basemap(.rivers), filter: try! FeatureFilter("not scalerank <= 4"),
                             visible: "@showRivers", symbolizers: [LineSymbolizer(stroke: "@river", width: "@riverWidth")]),
            MapLayerDocument(id: "major-rivers", source: .basemap(.rivers), filter: try! FeatureFilter("scalerank <= 4"),
                             visible: "@showRivers", symbolizers: [LineSymbolizer(stroke: "@river", width: "@riverWidth*1.5")]),
            MapLayerDocument(id: "borders", source: .basemap(.borders), symbolizers: [
                LineSymbolizer(stroke: "@border", width: "@borderWidth")]),
            MapLayerDocument(id: "places", source: .basemap(.places), visible: "@showCities", symbolizers: [PlaceSymbolizer()]),
            // Launch→target arcs of events whose records give an origin (nothing otherwise).
            MapLayerDocument(id: "launch-arcs", source: .events, symbolizers: [ArcSymbolizer()]),
            // Markers while the places fit on the page, then clusters, then hexagons.
            MapLayerDocument(id: "events", source: .events, symbolizers: [AutoViewSymbolizer()]),
            MapLayerDocument(id: "country-names", source: .basemap(.admin1), visible: "@showCountryLabels",
                             symbolizers: [CountryLabelSymbolizer()]),
            MapLayerDocument(id: "province-names", source: .basemap(.admin1), visible: "@showProvinceLabels",
                             symbolizers: [ProvinceLabelSymbolizer()]),
        ]
    }

    /// Where file layers go: over the basemap (after its last layer), under places and events.
    public static func fileLayerIndex(in layers: [MapLayerDocument]) -> Int {
        var i = 0
        while i < layers.count, layers[i].source.isBasemap, layers[i].source != .basemap(.places) { i += 1 }
        // Further file layers go after the ones already there, in the order given.
        while i < layers.count, case .file = layers[i].source { i += 1 }
        return i
    }

    /// Adds file layers at `fileLayerIndex`, keeping their order.
    public mutating func addFileLayers(_ added: [MapLayerDocument]) {
        var taken = Set(layers.map(\.id))
        var at = Self.fileLayerIndex(in: layers)
        for var l in added {
            // Two files with one name get distinct ids.
            var n = 2
            let base = l.id
            while taken.contains(l.id) { l.id = "\(base)-\(n)"; n += 1 }
            taken.insert(l.id)
            layers.insert(l, at: at)
            at += 1
        }
    }
}

extension MapDocument {
    /// Reads a document from JSON or YAML (told apart by the first character: JSON starts with `{`).
    public static func decode(_ data: Data, source: String) throws(DocumentError) -> MapDocument {
        let text = String(decoding: data, as: UTF8.self)
        let first = text.unicodeScalars.first { !CharacterSet.whitespacesAndNewlines.contains($0) }
        do {
            let doc = first == "{" ? try JSONDecoder().decode(MapDocument.self, from: data)
                                   : try YAMLReading.decode(MapDocument.self, from: text)
            try doc.checkSize()
            return doc
        } catch {
            throw DocumentError.from(error, source: source)
        }
    }

    /// Layers a document may have, and symbolizers a layer: far past any map a reader can read
    /// (the shipped ones have five layers and three symbolizers at most), and each is a pass
    /// over the events. A 941 KB document of 14,000 layers held a render slot for two minutes.
    public static let maxLayers = 100
    public static let maxSymbolizersPerLayer = 32
    public static let maxClasses = 200

    /// Refuses a document larger than a map can use, naming what to cut.
    public func checkSize() throws(DocumentError) {
        if layers.count > Self.maxLayers {
            throw DocumentError(source: "", keyPath: "layers", message: "\(layers.count.formatted()) layers; a map takes at most \(Self.maxLayers): merge layers that draw the same source, or make several maps")
        }
        for (i, l) in layers.enumerated() where l.symbolizers.count > Self.maxSymbolizersPerLayer {
            throw DocumentError(source: "", keyPath: "layers[\(i)].symbolizers", message: "\(l.symbolizers.count) symbolizers; a layer takes at most \(Self.maxSymbolizersPerLayer)")
        }
        if symbology.classes.count > Self.maxClasses {
            throw DocumentError(source: "", keyPath: "symbology.classes", message: "\(symbology.classes.count) classes; a legend takes at most \(Self.maxClasses)")
        }
    }

    /// The document as JSON, keys sorted, for `--print-spec`.
    public func json() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value of a document encodes; a failure here is a bug, not bad input.
        return (try? e.encode(self)) ?? Data("{}".utf8)
    }
}

extension MapDocument {
    /// The preset `strikemap render` draws with no flags: the shipped sample over Iraq and Syria,
    /// in the words of its story, with the Pentagon's count for the period
    /// (`Data/presets/us-forces-2023.yaml`). A user's own events never inherit its wording.
    public static func samplePreset() throws -> MapDocument {
        let url = try DataLocator.data().appendingPathComponent("presets/us-forces-2023.yaml")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DocumentError(source: url.path, keyPath: "", message: "the sample's preset is missing; reinstall StrikeMap's Data folder")
        }
        return try decode(data, source: "Data/presets/us-forces-2023.yaml")
    }

    /// The sample preset, or the plain document if the Data folder cannot be read.
    public static var sampleDefault: MapDocument {
        (try? samplePreset()) ?? MapDocument()
    }
}
