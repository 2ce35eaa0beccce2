#!/usr/bin/env python3
"""Counts the records of event files independently of StrikeMap, for the tests.

For each file given, prints one JSON object per line:
  {"file": ..., "records": N, "with_coordinates": M}
CSV: `records` is the number of data records (blank lines are not records); `with_coordinates`
those whose latitude and longitude columns (latitude/lat/y, longitude/lon/lng/long/x, any case)
hold numbers in range. GeoJSON: `records` is the number of features (a lone Feature is one),
`with_coordinates` the Point features with coordinates in range; `geometry_types` counts them all.
Python's standard library only (csv, json), so it shares no code with the Swift readers.
"""
import csv
import json
import sys

LAT = ["latitude", "lat", "y"]
LON = ["longitude", "lon", "lng", "long", "x"]


def number(text, limit):
    try:
        v = float(text.strip())
    except ValueError:
        return False
    return -limit <= v <= limit


def count_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = [h.strip().lower() for h in next(rows)]
        lat = next((header.index(n) for n in LAT if n in header), None)
        lon = next((header.index(n) for n in LON if n in header), None)
        records = usable = 0
        for row in rows:
            if not row or row == [""]:
                continue
            records += 1
            if lat is not None and lon is not None and max(lat, lon) < len(row) \
                    and number(row[lat], 90) and number(row[lon], 180):
                usable += 1
    return {"records": records, "with_coordinates": usable}


def count_geojson(path):
    with open(path, encoding="utf-8-sig") as f:
        root = json.load(f)
    features = root["features"] if root.get("type") == "FeatureCollection" else [root]
    usable = 0
    types = {}
    for feature in features:
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type", "none")
        types[kind] = types.get(kind, 0) + 1
        c = geometry.get("coordinates")
        if kind == "Point" and isinstance(c, list) and len(c) >= 2 \
                and -180 <= c[0] <= 180 and -90 <= c[1] <= 90:
            usable += 1
    return {"records": len(features), "with_coordinates": usable, "geometry_types": types}


def main():
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            head = f.read(256).lstrip(b"\xef\xbb\xbf \t\r\n")
        result = count_geojson(path) if head.startswith(b"{") else count_csv(path)
        result["file"] = path
        print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
