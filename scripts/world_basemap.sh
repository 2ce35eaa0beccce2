#!/usr/bin/env bash
# `make world-basemap`: makes every region of the world renderable, from Natural Earth 10m as
# shipped by Debian (libmagics++-data installed; libgnudatalanguage0 downloaded and unpacked with
# dpkg-deb, without its GUI dependencies). Writes Geo/basemap/world/ (not committed): the unpacked
# province and lake layers and a basemap.json that points the renderer at the shapefiles, which
# it reads with a spatial filter around each map, and the world's shaded relief (relief.bytes). Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$here/Geo/basemap/world
MAGICS=/usr/share/magics/10m
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if [ ! -f "$MAGICS/ne_10m_land.shp" ]; then
  echo "world-basemap: installing libmagics++-data" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libmagics++-data >/dev/null
fi
GDL=$out/ne/usr/share/gnudatalanguage/resource/maps/high
if [ ! -f "$GDL/ne_10m_admin_1_states_provinces.shp" ]; then
  mkdir -p "$out/deb"
  (cd "$out/deb" && apt-get download libgnudatalanguage0 >/dev/null 2>&1) || {
    $SUDO apt-get update -qq; (cd "$out/deb" && apt-get download libgnudatalanguage0 >/dev/null); }
  dpkg-deb -x "$(ls "$out"/deb/libgnudatalanguage0_*.deb | head -1)" "$out/ne"
  rm -rf "$out/deb"
fi
cat > "$out/basemap.json" <<JSON
{
  "name": "world",
  "bbox": [-180, -90, 180, 90],
  "source": "Natural Earth 10m (public domain) from Debian libmagics++-data and libgnudatalanguage0",
  "layers": {
    "land":         {"path": "$MAGICS/ne_10m_land.shp", "clip": true},
    "lakes":        {"path": "$GDL/ne_10m_lakes.shp", "clip": true},
    "borders":      {"path": "$MAGICS/ne_10m_admin_0_boundary_lines_land.shp"},
    "admin1":       {"path": "$GDL/ne_10m_admin_1_states_provinces.shp", "clip": true},
    "admin1_lines": {"path": "$MAGICS/ne_10m_admin_1_states_provinces_lines.shp"},
    "rivers":       {"path": "$MAGICS/ne_10m_rivers_lake_centerlines.shp", "where": "scalerank <= 7"},
    "places":       {"path": "$MAGICS/ne_10m_populated_places_simple.shp", "where": "scalerank <= 7"}
  }
}
JSON
# The whole shaded relief (58 MB of raw bytes, mapped by the renderer, not read whole).
if [ ! -f "$out/relief.json" ]; then
  EARTH_JPG=$out/ne/usr/share/gnudatalanguage/resource/maps/earth.jpg bash "$here/scripts/build_relief.sh" --world "$out"
fi
echo "world basemap ready: $out" >&2
