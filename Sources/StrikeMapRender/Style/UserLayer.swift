import Foundation
import StrikeMapGeo
import StrikeMapCore

/// A user's own vector layer (`--layer FILE[:style]`), drawn between the basemap and the events:
/// a file layer of the map document with the symbolizers its style asks for.
public struct UserLayer: Sendable {
    public var name: String
    public var features: [Feature]
    public var style: UserLayerStyle

    public init(name: String, features: [Feature], style: UserLayerStyle, path: String? = nil) {
        self.name = name
        self.features = features
        self.style = style
        self.path = path ?? name
    }

    /// The file the features came from.
    public var path: String

    /// The layer as a map document says it: polygons filled and outlined, lines stroked, points
    /// as dots, labels from the label field.
    public var layerDocument: MapLayerDocument {
        style.layerDocument(id: name, path: path)
    }

    /// Reads `FILE[:key=value,...]`: any vector format GDAL reads (GeoJSON, Shapefile, GeoPackage,
    /// KML ...), in any CRS GDAL can convert to WGS84.
    public static func load(argument: String) throws -> UserLayer {
        let (path, style) = try parse(argument: argument)
        return UserLayer(name: style.layerName(for: path), features: try VectorDataset(path: path).features(), style: style,
                         path: path)
    }

    /// Splits `FILE[:key=value,...]` into the path and the style, without reading the file.
    public static func parse(argument: String) throws(GeoError) -> (path: String, style: UserLayerStyle) {
        var path = argument
        var styleText = ""
        if let colon = argument.lastIndex(of: ":"), argument[argument.index(after: colon)...].contains("=") {
            path = String(argument[..<colon])
            styleText = String(argument[argument.index(after: colon)...])
        }
        return (path, try UserLayerStyle(parsing: styleText, argument: argument))
    }
}

/// How a user layer is drawn: `stroke=#RRGGBB[AA]`, `fill=#RRGGBB[AA]`, `width=PT`, `dash=PT-PT`,
/// `radius=PT` (points), `label=FIELD` (label points with an attribute), `name=TEXT` (legend).
public struct UserLayerStyle: Sendable {
    public var stroke = Color.hex("#7B3294")
    public var fill: Color? = Color.hex("#7B329433")
    public var widthPt = 1.2
    public var dashPt: [Double] = []
    public var radiusPt = 2.8
    public var labelField: String?
    public var name: String?

    public init() {}

    /// The layer's name: `name=` if given, else the file's name without its extension.
    public func layerName(for path: String) -> String {
        name ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// A document layer reading `path`, drawn in this style.
    public func layerDocument(id: String, path: String) -> MapLayerDocument {
        var symbolizers: [any Symbolizer] = [
            PolygonSymbolizer(fill: fill.map { .literal($0) }, stroke: .literal(stroke), width: .literal(widthPt)),
            LineSymbolizer(stroke: .literal(stroke), width: .literal(widthPt), dash: dashPt, outlines: false),
            PointSymbolizer(radius: .literal(radiusPt), fill: .literal(fill?.with(alpha: 1) ?? .white), stroke: .literal(stroke),
                            width: .literal(max(0.5, widthPt * 0.6))),
        ]
        if let labelField { symbolizers.append(TextSymbolizer(field: labelField, clearance: .literal(radiusPt))) }
        return MapLayerDocument(id: id, source: .file(path: path, layer: nil), legend: name ?? id, symbolizers: symbolizers)
    }

    public init(parsing text: String, argument: String) throws(GeoError) {
        self.init()
        for pair in text.split(separator: ",") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { throw .invalidArgument("layer \(argument): '\(pair)' is not key=value") }
            let (k, v) = (kv[0].lowercased(), kv[1])
            func color() throws(GeoError) -> Color {
                guard let c = Color(hex: v) else {
                    throw .invalidArgument("layer \(argument): \(k)=\(v) is not a colour; use #RRGGBB or #RRGGBBAA")
                }
                return c
            }
            func number() throws(GeoError) -> Double {
                guard let n = Double(v), n >= 0, n <= 100 else {
                    throw .invalidArgument("layer \(argument): \(k)=\(v) is not a size in points (0-100)")
                }
                return n
            }
            switch k {
            case "stroke", "color": stroke = try color()
            case "fill": fill = v.lowercased() == "none" ? nil : try color()
            case "width": widthPt = try number()
            case "radius": radiusPt = try number()
            case "dash":
                let parts = v.split(separator: "-").compactMap { Double($0) }
                guard !parts.isEmpty, parts.count == v.split(separator: "-").count else {
                    throw .invalidArgument("layer \(argument): dash=\(v): use lengths in points joined by '-', e.g. 3-2")
                }
                dashPt = parts
            case "label": labelField = v
            case "name": name = v
            default:
                throw .invalidArgument("layer \(argument): unknown style key '\(k)'; use stroke, fill, width, dash, radius, label or name")
            }
        }
    }
}
