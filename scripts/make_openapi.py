#!/usr/bin/env python3
"""Writes the OpenAPI document of `strikemap serve` (Sources/StrikeMapCLI/Server/OpenAPIDocument.swift)
from the render command's own description of its flags (`strikemap render --experimental-dump-help`),
so the documented query parameters are the CLI's, word for word. The routes are listed here.

    python3 scripts/make_openapi.py .build/debug/strikemap

A test (OpenAPITests) checks that every parameter the service takes, and every route, is in it.
"""
import json
import subprocess
import sys

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/strikemap"
dump = json.loads(subprocess.run([binary, "render", "--experimental-dump-help"], check=True,
                                 capture_output=True, text=True).stdout)

# Must match MapQuery.refused: parameters the service never takes.
REFUSED = {"events", "acled-map", "strict", "date-order", "columns", "kind-default", "max-record", "source-name",
           "spec", "style", "crs-files", "out", "manifest", "caption", "embed",
           "print-spec", "quiet", "version", "help", "format"}


def q(text):
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


params = []
seen = set()
for a in dump["command"]["arguments"]:
    for n in a.get("names", []):
        if n["kind"] != "long" or n["name"] in REFUSED or n["name"] in seen:
            continue
        name = n["name"]
        seen.add(name)
        flag = a["kind"] == "flag"
        # A value may not be empty (the parser refuses `title=` as a missing value).
        schema = '{type: boolean}' if flag else '{type: string, minLength: 1}'
        if a.get("isRepeating") and not flag:
            schema = '{type: array, items: {type: string, minLength: 1}}'
        about = a.get("abstract", "")
        if flag:
            about += " (a flag: NAME=true or NAME=false)"
        params.append((name, schema, about, a.get("isRepeating", False) and not flag))

lines = ["openapi: 3.0.3", "info:", "  title: StrikeMap", "  version: 0.1.0",
         "  description: " + q("Maps of conflict events, drawn on request. The map routes take the flags of "
                               "`strikemap render` as query parameters, with the same names and meanings."),
         "paths:"]


def param_refs(indent):
    out = [indent + "parameters:"]
    for name, _, _, _ in params:
        out.append(indent + "  - $ref: '#/components/parameters/" + name + "'")
    return out


ERRORS = ["        '400': {$ref: '#/components/responses/Problem'}",
          "        '503': {$ref: '#/components/responses/Busy'}",
          "        '504': {$ref: '#/components/responses/Problem'}"]

for fmt, mime in [("png", "image/png"), ("svg", "image/svg+xml"), ("pdf", "application/pdf")]:
    lines += ["  /map." + fmt + ":", "    get:", "      summary: " + q("The map as " + fmt.upper()),
              "      operationId: map_" + fmt]
    lines += param_refs("      ")
    lines += ["      responses:",
              "        '200':", "          description: The map", "          headers:",
              "            ETag: {schema: {type: string}}",
              "          content:", "            " + mime + ":", "              schema: {type: string, format: binary}",
              "        '304': {description: Not modified (If-None-Match held the ETag)}"] + ERRORS
def document_body():
    """A posted map document: POST /map and POST /spec take the same body."""
    return (["      requestBody:", "        required: true", "        content:",
             "          application/json:", "            schema:", "              type: object",
             "              description: A map document, as `strikemap render --print-spec` writes one",
             "              additionalProperties: false", "              properties:"]
            + ["                " + k + ": {}" for k in ["$schema", "version", "data", "extent", "layers", "symbology", "furniture", "page", "output"]])


lines += ["  /map:", "    post:", "      summary: The map of a map document", "      operationId: map_document"]
lines += document_body()
lines += ["      responses:", "        '200':", "          description: The map (PNG unless the document says otherwise)",
          "          content:", "            image/png:", "              schema: {type: string, format: binary}",
          "            image/svg+xml:", "              schema: {type: string}",
          "            application/pdf:", "              schema: {type: string, format: binary}",
          "        '304': {description: Not modified}",
          "        '413': {$ref: '#/components/responses/Problem'}"] + ERRORS
lines += ["  /spec:", "    get:", "      summary: The map document the parameters build", "      operationId: spec"]
lines += param_refs("      ")
lines += ["      responses:", "        '200':", "          description: The document",
          "          content:", "            application/json:", "              schema: {type: object}",
          "        '400': {$ref: '#/components/responses/Problem'}"]
lines += ["    post:", "      summary: The map document the service would draw for a posted one (its data the service's)",
          "      operationId: spec_document"]
lines += document_body()
lines += ["      responses:", "        '200':", "          description: The document",
          "          content:", "            application/json:", "              schema: {type: object}",
          "        '400': {$ref: '#/components/responses/Problem'}",
          "        '413': {$ref: '#/components/responses/Problem'}"]
for fmt, mime, schema in [("json", "application/json", "{type: array, items: {type: object}}"),
                          ("geojson", "application/geo+json", "{type: object}"),
                          ("csv", "text/csv", "{type: string}")]:
    lines += ["  /events." + fmt + ":", "    get:", "      summary: " + q("The events the parameters select, as " + fmt.upper()),
              "      operationId: events_" + fmt]
    lines += param_refs("      ")
    lines += ["      responses:", "        '200':", "          description: The events",
              "          content:", "            " + mime + ":", "              schema: " + schema] + ERRORS
lines += ["  /stats.json:", "    get:", "      summary: " + q("Counts of the events the parameters select: by kind, type, country, week, site, weapon and confidence, with the first and last date"),
          "      operationId: stats"]
lines += param_refs("      ")
lines += ["      responses:", "        '200':", "          description: The counts",
          "          content:", "            application/json:", "              schema:", "                type: object",
          "                required: [total]", "                properties:",
          "                  total: {type: integer}", "                  first_date: {type: string}", "                  last_date: {type: string}",
          "                  by_week: {type: object, additionalProperties: {type: integer}}"] + ERRORS
lines += ["  /regions:", "    get:", "      summary: The named regions", "      operationId: regions",
          "      responses:", "        '200':", "          description: Regions",
          "          content:", "            application/json:", "              schema: {type: array, items: {type: object}}",
          "  /sites:", "    get:", "      summary: Gazetteer search", "      operationId: sites",
          "      parameters:", "        - {name: q, in: query, required: true, schema: {type: string, minLength: 1}}",
          "      responses:", "        '200':", "          description: Matching sites",
          "          content:", "            application/json:", "              schema: {type: array, items: {type: object}}",
          "        '400': {$ref: '#/components/responses/Problem'}",
          "  /health:", "    get:", "      summary: Status and data version", "      operationId: health",
          "      responses:", "        '200':", "          description: OK",
          "          content:", "            application/json:", "              schema: {type: object}",
          "  /metrics:", "    get:", "      summary: Prometheus metrics", "      operationId: metrics",
          "      responses:", "        '200':", "          description: Prometheus text",
          "          content:", "            text/plain:", "              schema: {type: string}",
          "  /openapi.yaml:", "    get:", "      summary: This document", "      operationId: openapi",
          "      responses:", "        '200':", "          description: OpenAPI 3 (YAML)",
          "          content:", "            application/yaml:", "              schema: {type: string}",
          "  /:", "    get:", "      summary: The preview page", "      operationId: page",
          "      responses:", "        '200':", "          description: HTML",
          "          content:", "            text/html:", "              schema: {type: string}",
          "components:", "  parameters:"]
for name, schema, about, repeating in params:
    lines += ["    " + name + ":", "      name: " + name, "      in: query", "      required: false",
              "      description: " + q(about), "      schema: " + schema]
    if repeating:
        lines += ["      style: form", "      explode: true"]
lines += ["  responses:",
          "    Problem:", "      description: What was wrong, the parameter at fault, and the fix",
          "      content:", "        application/json:", "          schema:", "            type: object",
          "            required: [status, error]", "            properties:",
          "              status: {type: integer}", "              error: {type: string}", "              parameter: {type: string}",
          "    Busy:", "      description: Every render slot and queue place is taken",
          "      headers:", "        Retry-After: {schema: {type: integer}}",
          "      content:", "        application/json:", "          schema: {type: object}"]
text = "\n".join(lines) + "\n"
swift = ("// Generated by scripts/make_openapi.py from `strikemap render --experimental-dump-help`: do not edit.\n"
         "/// The OpenAPI document served at /openapi.yaml.\n"
         "enum OpenAPIDocument {\n"
         "    static let yaml = #\"\"\"\n" + text + "\"\"\"#\n}\n")
with open("Sources/StrikeMapCLI/Server/OpenAPIDocument.swift", "w") as f:
    f.write(swift)
print(f"{len(params)} parameters, {text.count(chr(10))} lines")
