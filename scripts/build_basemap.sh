#!/usr/bin/env bash
# Builds the committed Middle East basemap extract (Geo/basemap/middle-east/*.geojson)
# from Natural Earth 10m as shipped by Debian:
#   libmagics++-data      -> /usr/share/magics/10m/ (land, boundaries, admin-1 lines, rivers, places)
#   libgnudatalanguage0   -> .../resource/maps/high/ (admin-1 polygons, lakes); downloaded with
#                            `apt-get download` and unpacked with dpkg-deb so its GUI dependencies
#                            are not installed.
# Needs ogr2ogr (Debian gdal-bin). Natural Earth is public domain.
#
# Usage: scripts/build_basemap.sh [OUTDIR] [W S E N]
#   defaults: Geo/basemap/middle-east 25 10 63 42
# With a world-sized box (scripts/build_basemap.sh Geo/basemap/world -180 -90 180 90) it
# builds the full-world layers used by `make world-basemap`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/Geo/basemap/middle-east}
W=${2:-25}; S=${3:-10}; E=${4:-63}; N=${5:-42}
# Douglas-Peucker tolerance in degrees: ~150 m, invisible at regional scales.
TOL=${SIMPLIFY:-0.0015}

need() { command -v "$1" >/dev/null 2>&1 || { echo "build_basemap: '$1' not found; run: apt-get install -y $2" >&2; exit 69; }; }
need ogr2ogr gdal-bin
MAGICS=/usr/share/magics/10m
[ -f "$MAGICS/ne_10m_land.shp" ] || { echo "build_basemap: $MAGICS missing; run: apt-get install -y libmagics++-data" >&2; exit 69; }

cache=${STRIKEMAP_CACHE:-$HOME/.cache/strikemap}
GDL=$cache/gnudatalanguage/usr/share/gnudatalanguage/resource/maps/high
if [ ! -f "$GDL/ne_10m_admin_1_states_provinces.shp" ]; then
  mkdir -p "$cache/deb"
  (cd "$cache/deb" && apt-get download libgnudatalanguage0 >/dev/null 2>&1) \
    || { echo "build_basemap: apt-get download libgnudatalanguage0 failed (run apt-get update?)" >&2; exit 69; }
  dpkg-deb -x "$(ls "$cache"/deb/libgnudatalanguage0_*.deb | head -1)" "$cache/gnudatalanguage"
fi

mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
clip() { # name source [extra ogr2ogr args...]
  local name=$1 src=$2; shift 2
  ogr2ogr -f GeoJSON "$tmp/$name.geojson" "$src" \
    -spat "$W" "$S" "$E" "$N" -clipsrc "$W" "$S" "$E" "$N" \
    -simplify "$TOL" -lco COORDINATE_PRECISION=4 -lco RFC7946=NO "$@"
  mv "$tmp/$name.geojson" "$out/$name.geojson"
}
clip land        "$MAGICS/ne_10m_land.shp" -select scalerank
clip lakes       "$GDL/ne_10m_lakes.shp" -a_srs EPSG:4326
clip borders     "$MAGICS/ne_10m_admin_0_boundary_lines_land.shp" -select name,adm0_left,adm0_right
clip admin1      "$GDL/ne_10m_admin_1_states_provinces.shp" -select name,iso_a2
clip admin1_lines "$MAGICS/ne_10m_admin_1_states_provinces_lines.shp" -select adm0_name
clip rivers      "$MAGICS/ne_10m_rivers_lake_centerlines.shp" -where "scalerank <= 7" -select name,scalerank
# Places are points: no simplification, no clipping needed beyond the box.
ogr2ogr -f GeoJSON "$tmp/places.geojson" "$MAGICS/ne_10m_populated_places_simple.shp" \
  -spat "$W" "$S" "$E" "$N" -where "scalerank <= 7" \
  -select name,nameascii,adm0name,iso_a2,adm1name,scalerank,pop_max,featurecla \
  -lco COORDINATE_PRECISION=4 -lco RFC7946=NO
mv "$tmp/places.geojson" "$out/places.geojson"

cat > "$out/SOURCE.md" <<SRC
# Basemap extract: $(basename "$out")
Made by \`scripts/build_basemap.sh\` with bounding box W=$W S=$S E=$E N=$N, simplified at $TOL degrees.
Source: Natural Earth 10m (public domain, https://www.naturalearthdata.com), as shipped in Debian's
\`libmagics++-data\` ($(dpkg-query -W -f='${Version}' libmagics++-data 2>/dev/null || echo unknown)) and
\`libgnudatalanguage0\` (admin-1 polygons, lakes).
SRC
# Machine-readable extent: the renderer picks the extract whose box holds the region.
printf '{"name": "%s", "bbox": [%s, %s, %s, %s], "simplify_degrees": %s}\n' "$(basename "$out")" "$W" "$S" "$E" "$N" "$TOL" > "$out/basemap.json"
echo "basemap written to $out"; ls -la "$out"
