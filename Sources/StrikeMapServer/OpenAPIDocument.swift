import Foundation

/// The OpenAPI document served at /openapi.yaml, written when the service starts from its route
/// table (`ServiceRouteTable`) and the render command's flags as the CLI lends them (less those a
/// request may not give): the documented routes are the routed ones, and the documented
/// parameters the parser's, word for word.
enum OpenAPIDocument {
    static func yaml(_ query: MapQuery) -> String {
        // The parameters a map route takes: every long flag a request may give, once.
        var seen = Set<String>()
        let flags = query.vocabulary.flags.filter { MapQuery.refused[$0.name] == nil && seen.insert($0.name).inserted }
        var lines = ["openapi: 3.0.3", "info:", "  title: StrikeMap", "  version: 0.1.0",
                     "  description: " + quoted("Maps of conflict events, drawn on request. The map routes take the flags of "
                                                + "`strikemap render` as query parameters, with the same names and meanings."),
                     "paths:"]
        var byPath: [String: [ServiceRoute]] = [:]
        for r in ServiceRouteTable.routes { byPath[r.path, default: []].append(r) }
        for path in ServiceRouteTable.paths {
            lines.append("  \(path):")
            for route in byPath[path] ?? [] {
                lines += ["    \(route.method.rawValue):", "      summary: " + quoted(route.summary),
                          "      operationId: \(route.operation.rawValue)"]
                switch route.query {
                case .none: break
                case .mapParameters:
                    lines.append("      parameters:")
                    lines += flags.map { "        - $ref: '#/components/parameters/\($0.name)'" }
                    if [.eventsJSON, .eventsGeoJSON, .eventsCSV].contains(route.operation) {
                        // The event lists come a page at a time (ServiceRoutes.listPage).
                        lines += ["        - {name: offset, in: query, required: false, description: 'Events to pass over, in date order (a Link rel=next header gives the next page)', schema: {type: integer, minimum: 0}}",
                                  "        - {name: limit, in: query, required: false, description: 'Events in this page', schema: {type: integer, minimum: 1, maximum: \(ServiceRoutes.maxListed)}}"]
                    }
                case .search:
                    lines += ["      parameters:", "        - {name: q, in: query, required: true, schema: {type: string, minLength: 1}}"]
                }
                if route.takesDocument {
                    // A posted map document: POST /map and POST /spec take the same body.
                    lines += ["      requestBody:", "        required: true", "        content:", "          application/json:",
                              "            schema:", "              type: object",
                              "              description: A map document, as `strikemap render --print-spec` writes one",
                              "              additionalProperties: false", "              properties:"]
                    lines += ["$schema", "version", "data", "extent", "layers", "symbology", "furniture", "page", "output"]
                        .map { "                \($0): {}" }
                }
                lines.append("      responses:")
                lines += route.responses.map { "        " + $0 }
            }
        }
        lines += ["components:", "  parameters:"]
        for f in flags {
            // A value may not be empty (the parser refuses `title=` as a missing value).
            var schema = f.isSwitch ? "{type: boolean}" : "{type: string, minLength: 1}"
            if f.repeating && !f.isSwitch { schema = "{type: array, items: {type: string, minLength: 1}}" }
            let about = f.abstract + (f.isSwitch ? " (a flag: NAME=true or NAME=false)" : "")
            lines += ["    \(f.name):", "      name: \(f.name)", "      in: query", "      required: false",
                      "      description: " + quoted(about), "      schema: " + schema]
            if f.repeating && !f.isSwitch { lines += ["      style: form", "      explode: true"] }
        }
        lines += ["  responses:",
                  "    Problem:", "      description: What was wrong, the parameter at fault, and the fix",
                  "      content:", "        application/json:", "          schema:", "            type: object",
                  "            required: [status, error]", "            properties:",
                  "              status: {type: integer}", "              error: {type: string}", "              parameter: {type: string}",
                  "    Busy:", "      description: Every render slot and queue place is taken",
                  "      headers:", "        Retry-After: {schema: {type: integer}}",
                  "      content:", "        application/json:", "          schema: {type: object}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }
}
