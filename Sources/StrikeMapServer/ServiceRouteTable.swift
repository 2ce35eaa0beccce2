import Foundation

/// Every route of the service, once: the router registers these (`ServiceRoutes.router`), the
/// OpenAPI document at /openapi.yaml is written from them (`OpenAPIDocument`), and so is the route
/// list of `strikemap serve --help` (`ServiceRouteTable.helpText`). A route added here is in all
/// three; a test holds the router to the table.
public struct ServiceRoute: Sendable {
    /// Which handler answers it (`ServiceRoutes.handler(for:)`), and the OpenAPI operation's id.
    public enum Operation: String, Sendable, CaseIterable {
        case mapPNG = "map_png", mapSVG = "map_svg", mapPDF = "map_pdf", mapDocument = "map_document"
        case spec, specDocument = "spec_document"
        case eventsJSON = "events_json", eventsGeoJSON = "events_geojson", eventsCSV = "events_csv", stats
        case regions, sites, health, metrics, openapi, page
    }
    public enum Method: String, Sendable { case get, post }
    /// What the query takes: nothing, the render command's flags, or a search text (`q`).
    public enum Query: Sendable { case none, mapParameters, search }

    public var method: Method
    public var path: String
    public var operation: Operation
    public var summary: String
    public var query: Query
    /// Whether the body is a map document (POST /map, POST /spec).
    public var takesDocument = false
    /// The OpenAPI `responses` entries, as YAML lines indented for their place.
    var responses: [String]
}

public enum ServiceRouteTable {
    private static let errors = ["'400': {$ref: '#/components/responses/Problem'}",
                                 "'503': {$ref: '#/components/responses/Busy'}",
                                 "'504': {$ref: '#/components/responses/Problem'}"]

    private static func content(_ type: String, _ schema: String, description: String) -> [String] {
        ["'200':", "  description: \(description)", "  content:", "    \(type):", "      schema: \(schema)"]
    }

    /// The routes, in the order the OpenAPI document lists them.
    public static let routes: [ServiceRoute] = {
        var r: [ServiceRoute] = []
        for (op, format, type) in [(ServiceRoute.Operation.mapPNG, "png", "image/png"), (.mapSVG, "svg", "image/svg+xml"),
                                   (.mapPDF, "pdf", "application/pdf")] {
            r.append(ServiceRoute(method: .get, path: "/map.\(format)", operation: op, summary: "The map as \(format.uppercased())",
                                  query: .mapParameters, responses: [
                "'200':", "  description: The map", "  headers:", "    ETag: {schema: {type: string}}",
                "  content:", "    \(type):", "      schema: {type: string, format: binary}",
                "'304': {description: Not modified (If-None-Match held the ETag)}"] + errors))
        }
        r.append(ServiceRoute(method: .post, path: "/map", operation: .mapDocument, summary: "The map of a map document (JSON body)",
                              query: .none, takesDocument: true, responses: [
            "'200':", "  description: The map (PNG unless the document says otherwise)", "  content:",
            "    image/png:", "      schema: {type: string, format: binary}",
            "    image/svg+xml:", "      schema: {type: string}",
            "    application/pdf:", "      schema: {type: string, format: binary}",
            "'304': {description: Not modified}",
            "'413': {$ref: '#/components/responses/Problem'}"] + errors))
        r.append(ServiceRoute(method: .get, path: "/spec", operation: .spec, summary: "The map document the parameters build",
                              query: .mapParameters,
                              responses: content("application/json", "{type: object}", description: "The document")
                                + ["'400': {$ref: '#/components/responses/Problem'}"]))
        r.append(ServiceRoute(method: .post, path: "/spec", operation: .specDocument,
                              summary: "The map document the service would draw for a posted one (its data the service's)",
                              query: .none, takesDocument: true,
                              responses: content("application/json", "{type: object}", description: "The document")
                                + ["'400': {$ref: '#/components/responses/Problem'}", "'413': {$ref: '#/components/responses/Problem'}"]))
        for (op, format, name, type, schema) in [(ServiceRoute.Operation.eventsJSON, "json", "JSON", "application/json", "{type: array, items: {type: object}}"),
                                                 (.eventsGeoJSON, "geojson", "GeoJSON", "application/geo+json", "{type: object}"),
                                                 (.eventsCSV, "csv", "CSV", "text/csv", "{type: string}")] {
            r.append(ServiceRoute(method: .get, path: "/events.\(format)", operation: op,
                                  summary: "The events the parameters select, as \(name)", query: .mapParameters,
                                  responses: content(type, schema, description: "The events") + errors))
        }
        r.append(ServiceRoute(method: .get, path: "/stats.json", operation: .stats,
                              summary: "Counts of the events the parameters select: by kind, type, country, week, site, weapon and confidence, with the first and last date",
                              query: .mapParameters, responses: [
            "'200':", "  description: The counts", "  content:", "    application/json:", "      schema:", "        type: object",
            "        required: [total]", "        properties:", "          total: {type: integer}",
            "          first_date: {type: string}", "          last_date: {type: string}",
            "          by_week: {type: object, additionalProperties: {type: integer}}"] + errors))
        r.append(ServiceRoute(method: .get, path: "/regions", operation: .regions, summary: "The named regions", query: .none,
                              responses: content("application/json", "{type: array, items: {type: object}}", description: "Regions")))
        r.append(ServiceRoute(method: .get, path: "/sites", operation: .sites, summary: "Gazetteer search (?q=al-asad)", query: .search,
                              responses: content("application/json", "{type: array, items: {type: object}}", description: "Matching sites")
                                + ["'400': {$ref: '#/components/responses/Problem'}"]))
        r.append(ServiceRoute(method: .get, path: "/health", operation: .health, summary: "Status and data version", query: .none,
                              responses: content("application/json", "{type: object}", description: "OK")))
        r.append(ServiceRoute(method: .get, path: "/metrics", operation: .metrics, summary: "Prometheus metrics", query: .none,
                              responses: content("text/plain", "{type: string}", description: "Prometheus text")))
        r.append(ServiceRoute(method: .get, path: "/openapi.yaml", operation: .openapi, summary: "The OpenAPI 3 document: every route and parameter",
                              query: .none, responses: content("application/yaml", "{type: string}", description: "OpenAPI 3 (YAML)")))
        r.append(ServiceRoute(method: .get, path: "/", operation: .page, summary: "The preview page, with controls and an embed snippet",
                              query: .none, responses: content("text/html", "{type: string}", description: "HTML")))
        return r
    }()

    /// Every path the service answers.
    public static var paths: [String] {
        var seen = Set<String>()
        return routes.map(\.path).filter { seen.insert($0).inserted }
    }

    /// The routes as `strikemap serve --help` lists them: one line each (GET also answers HEAD).
    public static var helpText: String {
        routes.map { "  \($0.method.rawValue.uppercased()) \($0.path)  \($0.summary)" }.joined(separator: "\n")
    }
}
