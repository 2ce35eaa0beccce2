#!/usr/bin/env bash
# Builds the user-layer test fixtures (Tests/Fixtures/layers/) in the four formats the tests
# draw: GeoJSON (the source), Shapefile (reprojected to UTM 38N, to test reprojection),
# GeoPackage and KML. Needs ogr2ogr (Debian gdal-bin). The shapes are made up for the tests.
set -euo pipefail
cd "$(dirname "$0")/../Tests/Fixtures/layers"
cat > zone.geojson <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "Test zone"},
  "geometry": {"type": "Polygon", "coordinates": [[[39.0, 31.2], [40.6, 31.2], [40.6, 32.2], [39.0, 32.2], [39.0, 31.2]]]}},
 {"type": "Feature", "properties": {"name": "Test road"},
  "geometry": {"type": "LineString", "coordinates": [[38.8, 33.0], [40.8, 33.0]]}},
 {"type": "Feature", "properties": {"name": "Checkpoint"},
  "geometry": {"type": "Point", "coordinates": [41.5, 31.6]}}
]}
JSON
rm -f zone.shp zone.shx zone.dbf zone.prj zone.cpg zone.gpkg zone.kml zone_*.shp zone_*.shx zone_*.dbf zone_*.prj zone_*.cpg
# Shapefiles hold one geometry type each: the polygon goes in, reprojected to UTM zone 38N.
ogr2ogr -f "ESRI Shapefile" zone.shp zone.geojson -where "name = 'Test zone'" -t_srs EPSG:32638 -nlt POLYGON
ogr2ogr -f GPKG zone.gpkg zone.geojson -nln zone
ogr2ogr -f KML zone.kml zone.geojson
ls -la
