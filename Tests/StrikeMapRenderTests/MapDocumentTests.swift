import Foundation
import Testing
@testable import StrikeMapEvents
@testable import StrikeMapGeo
@testable import StrikeMapRender
@testable import StrikeMapCore

@Suite struct MapDocumentTests {
    static func decode(_ text: String) throws(DocumentError) -> MapDocument {
        try MapDocument.decode(Data(text.utf8), source: "test.json")
    }

    @Test func documentSurvivesJSONRoundTrip() throws {
        var doc = MapDocument.sampleDefault
        doc.page.theme = .dark
        doc.furniture.title = "A title"
        doc.addFileLayers([UserLayerStyle().layerDocument(id: "roads", path: "roads.gpkg")])
        let back = try MapDocument.decode(doc.json(), source: "printed")
        #expect(back == doc)
        // The file layer sits over the basemap, under places and events.
        let ids = back.layers.map(\.id)
        #expect(ids.firstIndex(of: "roads")! == ids.firstIndex(of: "borders")! + 1)
        #expect(ids.firstIndex(of: "roads")! < ids.firstIndex(of: "events")!)
    }

    @Test func yamlGivesTheSameDocumentAsJSON() throws {
        let yaml = """
        page:
          width: 1200
          theme: print
          style:
            sea: "#CFE3EE"
            showRivers: false
        extent:
          region: syria
        data:
          dates: {month: 2023-11}
        furniture:
          title: November
        """
        let json = ##"{"page": {"width": 1200, "theme": "print", "style": {"sea": "#CFE3EE", "showRivers": false}}, "extent": {"region": "syria"}, "data": {"dates": {"month": "2023-11"}}, "furniture": {"title": "November"}}"##
        let a = try Self.decode(yaml), b = try Self.decode(json)
        #expect(a == b)
        // No height given: the page will take the extent's shape.
        #expect(a.page.width == 1200 && a.page.height == nil && a.page.theme == .print)
        let style = try a.page.resolvedStyle()
        #expect(style.sea == Color.hex("#CFE3EE") && !style.showRivers)
    }

    @Test(arguments: [
        (##"{"layers": [{"id": "a", "source": "background", "symbolizers": [{"type": "background", "fill": "@sea"}]}, {"id": "b", "source": {"basemap": "land"}}, {"id": "c", "source": {"basemap": "land"}}, {"id": "d", "source": {"basemap": "rivers"}, "symbolizers": [{"type": "line", "stroke": "#000000", "width": "wide"}]}]}"##,
         "layers[3].symbolizers[0].width: expected a number"),
        (##"{"page": {"widht": 100}}"##, "page.widht: unknown key; did you mean 'width'"),
        (##"{"page": {"dpi": "high"}}"##, "page.dpi: expected a number"),
        (##"{"layers": [{"id": "x", "source": "events", "symbolizers": [{"type": "sparkle"}]}]}"##,
         "layers[0].symbolizers[0].type: unknown symbolizer type 'sparkle'"),
        (##"{"layers": [{"id": "x", "source": {"basemap": "rivers"}, "filter": "scalerank <== 4"}]}"##, "layers[0].filter: filter"),
        (##"{"layers": [{"id": "x", "source": {"basemap": "land"}, "symbolizers": [{"type": "polygon", "fill": "@lnad"}]}]}"##,
         "layers[0].symbolizers[0].fill: '@lnad' is not a style key; did you mean '@land'"),
        (##"{"page": {"style": {"seaColour": "#FFFFFF"}}}"##, "page.style.seaColour: unknown key"),
        (##"{"page": {"style": {"siteLabelSize": 1e308}}}"##, "page.style.siteLabelSize:"),
        (##"{"extent": {"region": "syria", "bbox": [1, 2, 3, 4]}}"##, "extent.bbox: region and bbox cannot be combined"),
        (##"{"layers": [{"id": "x", "source": {"basemap": "roads"}}]}"##, "layers[0].source.basemap: unknown basemap layer 'roads'"),
        (##"{"layers": [{"id": "x", "source": "events"}, {"id": "x", "source": "events"}]}"##, "layers[1].id: a second layer"),
        (##"{"version": 2}"##, "version: version 2 is not supported"),
        (##"{"layers": [{"id": "r", "source": "background", "symbolizers": [{"type": "ring", "center": "Baghdad", "radiiKm": [300, -1]}]}]}"##,
         "layers[0].symbolizers[0].radiiKm: give one or more radii in km"),
        ("page:\n  width: [1, 2\n", "not valid YAML"),
    ])
    func invalidDocumentsNameTheKeyPath(text: String, expected: String) {
        do {
            _ = try Self.decode(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix("test.json: "), "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func filtersSelectFeatures() throws {
        let f = try FeatureFilter("(scalerank <= 4 or name == 'Tigris') and not featurecla in ['Lake', 'Reservoir']")
        func props(_ d: [String: String]) -> (String) -> String? { { d[$0] } }
        #expect(f.matches(props(["scalerank": "3", "featurecla": "River"])))
        #expect(!f.matches(props(["scalerank": "7", "featurecla": "River"])))
        #expect(f.matches(props(["scalerank": "7", "name": "Tigris"])))
        #expect(!f.matches(props(["scalerank": "2", "featurecla": "Lake"])))
        // A missing field makes a comparison false; numbers compare as numbers.
        #expect(!(try FeatureFilter("scalerank <= 4")).matches(props([:])))
        #expect((try FeatureFilter("scalerank < 10")).matches(props(["scalerank": "9"])))
        let inSet = try FeatureFilter("iso_a2 in @eventCountries")
        #expect(inSet.matches(props(["iso_a2": "IQ"]), variables: ["eventCountries": ["IQ"]]))
        #expect(!inSet.matches(props(["iso_a2": "SY"]), variables: ["eventCountries": ["IQ"]]))
        #expect(throws: FilterSyntaxError.self) { try FeatureFilter("kind == ") }
        #expect(throws: FilterSyntaxError.self) { try FeatureFilter("kind in @nowhere") }
    }

    /// The pipeline renders a document to the same bytes as the library drawing the same spec.
    @Test func pipelineMatchesTheRenderer() throws {
        var doc = MapDocument.sampleDefault
        doc.furniture.publishedCounts = nil
        doc.output.format = .svg
        let result = try MapPipeline(catalog: Fixture.catalog).render(RenderRequest(document: doc))
        var spec = Fixture.spec()
        spec.eventSources = "StrikeMap timeline of US DoD, CENTCOM and news reports (Data/events-2023-10-17_2023-11-22.csv)"
        let (direct, _) = try MapRenderer(spec: spec).encode(.svg)
        #expect(result.data == direct)
        #expect(result.counts.rowsRead == 54)
        #expect(result.counts.drawn + result.counts.removedByFilter.values.reduce(0, +) == 54)
        #expect(result.manifest.layers.contains("events") && result.manifest.layers.first == "sea")
    }

    /// A layer that the theme switches off is not drawn: rivers off leaves no river colour.
    @Test func layerVisibilityFollowsTheStyle() throws {
        var spec = Fixture.spec()
        spec.style.river = .hex("#FF00FF")
        let (with, m1) = try MapRenderer(spec: spec).renderImage()
        spec.style.showRivers = false
        let (without, m2) = try MapRenderer(spec: spec).renderImage()
        func magenta(_ s: CairoSurface) -> Int {
            var n = 0
            for y in stride(from: 0, to: s.height, by: 2) { for x in stride(from: 0, to: s.width, by: 2) {
                if let p = s.pixel(x: x, y: y), p.r > 200, p.g < 80, p.b > 200 { n += 1 }
            } }
            return n
        }
        #expect(magenta(with) > 100)
        #expect(magenta(without) == 0)
        #expect(m1.layers.contains("rivers") && !m2.layers.contains("rivers"))
    }

    /// The committed JSON Schema accepts the documents StrikeMap prints and lists every symbolizer type.
    @Test func schemaDescribesTheDocument() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Data/schema/map-document.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var doc = MapDocument.sampleDefault
        doc.addFileLayers([UserLayerStyle(labelField: "name").layerDocument(id: "bases", path: "bases.kml")])
        doc.page.style = StyleOverrides(["sea": .text("#FFFFFF")])
        doc.page.facet = .week
        let instance = try JSONSerialization.jsonObject(with: doc.json())
        let errors = MiniSchema(root: schema).validate(instance)
        #expect(errors.isEmpty, "\(errors)")
        // A typo is caught by the schema too.
        let bad = try JSONSerialization.jsonObject(with: Data(##"{"page": {"widht": 3}}"##.utf8))
        #expect(!MiniSchema(root: schema).validate(bad).isEmpty)
        // Every registered symbolizer type has a branch in the schema.
        let defs = schema["$defs"] as! [String: Any]
        let branches = ((defs["symbolizer"] as! [String: Any])["oneOf"] as! [[String: Any]])
            .compactMap { (($0["properties"] as? [String: Any])?["type"] as? [String: Any])?["const"] as? String }
        let builtIn = ["background", "polygon", "line", "point", "text", "places", "markers", "countryLabels", "provinceLabels",
                       "auto", "cluster", "hexbin", "grid", "heatmap", "choropleth", "ring", "highlight", "note", "arc", "relief", "airfields"]
        #expect(Set(branches) == Set(builtIn))
        for t in builtIn { #expect(SymbolizerRegistry.shared.lookup(t) != nil, "\(t)") }
    }
}

extension UserLayerStyle {
    init(labelField: String) { self.init(); self.labelField = labelField }
}

/// The part of JSON Schema the document's schema uses: type, const, enum, properties,
/// additionalProperties, required, items, min/maxItems, oneOf and local $ref.
struct MiniSchema {
    let root: [String: Any]

    func validate(_ value: Any) -> [String] { check(value, root, "$") }

    private func check(_ v: Any, _ s: [String: Any], _ path: String) -> [String] {
        if let ref = s["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            return check(v, (root["$defs"] as! [String: Any])[name] as! [String: Any], path)
        }
        var errors: [String] = []
        if let one = s["oneOf"] as? [[String: Any]] {
            let passing = one.filter { check(v, $0, path).isEmpty }.count
            if passing != 1 { errors.append("\(path): matches \(passing) of oneOf") }
        }
        if let c = s["const"] { if "\(c)" != "\(v)" { errors.append("\(path): not \(c)") } }
        if let e = s["enum"] as? [Any], !e.contains(where: { "\($0)" == "\(v)" }) { errors.append("\(path): not in enum") }
        if let t = s["type"] {
            let types = (t as? [String]) ?? [t as! String]
            if !types.contains(where: { Self.isType(v, $0) }) { errors.append("\(path): not \(types)") }
        }
        if let o = v as? [String: Any] {
            let props = s["properties"] as? [String: Any] ?? [:]
            for r in s["required"] as? [String] ?? [] where o[r] == nil { errors.append("\(path).\(r): required") }
            for (k, x) in o {
                if let p = props[k] as? [String: Any] { errors += check(x, p, "\(path).\(k)") }
                else if let extra = s["additionalProperties"] as? [String: Any] { errors += check(x, extra, "\(path).\(k)") }
                else if (s["additionalProperties"] as? Bool) == false { errors.append("\(path).\(k): not allowed") }
            }
        }
        if let a = v as? [Any] {
            if let min = s["minItems"] as? Int, a.count < min { errors.append("\(path): too few items") }
            if let max = s["maxItems"] as? Int, a.count > max { errors.append("\(path): too many items") }
            if let items = s["items"] as? [String: Any] {
                for (i, x) in a.enumerated() { errors += check(x, items, "\(path)[\(i)]") }
            }
        }
        return errors
    }

    static func isBool(_ v: Any) -> Bool {
        if v is Bool && !(v is NSNumber) { return true }
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c" || type(of: v) == Bool.self
    }

    static func isType(_ v: Any, _ t: String) -> Bool {
        switch t {
        case "object": return v is [String: Any]
        case "array": return v is [Any]
        case "string": return v is String
        case "boolean": return isBool(v)
        case "number": return !isBool(v) && (v is NSNumber || v is Double || v is Int)
        case "integer":
            guard !isBool(v), let d = (v as? NSNumber)?.doubleValue ?? (v as? Double) else { return false }
            return d == d.rounded()
        default: return false
        }
    }
}

@Suite struct YAMLStyleFileTests {
    @Test func styleFilesMayBeYAML() throws {
        let path = Fixture.tempPath("yaml")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# house colours\nsea: \"#102030\"\nshowRivers: false\nsiteLabelSize: 9\n".write(toFile: path, atomically: true, encoding: .utf8)
        let s = try MapStyle.house.overridden(byFile: path)
        #expect(s.sea == Color.hex("#102030") && !s.showRivers && s.siteLabelSize == 9)
        try "sea: \"#102030\"\nshowRivres: false\n".write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try MapStyle.house.overridden(byFile: path); Issue.record("accepted a typo") } catch {
            #expect("\(error)".contains("showRivres") && "\(error)".contains("showRivers"), "\(error)")
        }
    }
}
