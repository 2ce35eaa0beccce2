#!/usr/bin/env bash
# Builds the committed shaded-relief extract Geo/relief/middle-east.{bytes,json} from Natural
# Earth's shaded relief as Debian ships it: earth.jpg (10800 x 5400, 2 arc-minutes, grey, public
# domain) in libgnudatalanguage0 (downloaded with apt-get download and unpacked with dpkg-deb,
# not installed). The extract covers the committed basemap's box, 25-63 E, 10-42 N, cell for
# cell (no resampling): 1140 x 960 bytes, rows north to south.
#   bash scripts/build_relief.sh            # the Middle East extract (committed)
#   bash scripts/build_relief.sh --world D  # the whole image into D/relief.{bytes,json} (world basemap)
# Needs gdal-bin (gdal_translate) to decode the JPEG; installs it if missing. Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
if ! command -v gdal_translate >/dev/null 2>&1; then
  echo "build_relief: installing gdal-bin" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends gdal-bin >/dev/null
fi
world=""
[ "${1:-}" = "--world" ] && world=${2:?"--world needs a folder"}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
jpg=${EARTH_JPG:-}
if [ -z "$jpg" ]; then
  (cd "$work" && apt-get download libgnudatalanguage0 >/dev/null 2>&1) || {
    $SUDO apt-get update -qq; (cd "$work" && apt-get download libgnudatalanguage0 >/dev/null); }
  dpkg-deb -x "$(ls "$work"/libgnudatalanguage0_*.deb | head -1)" "$work/x"
  jpg=$work/x/usr/share/gnudatalanguage/resource/maps/earth.jpg
fi
version=$(dpkg-deb -f "$(ls "$work"/libgnudatalanguage0_*.deb 2>/dev/null | head -1)" Version 2>/dev/null || echo "1.0.1-4")
source="Natural Earth shaded relief (public domain), earth.jpg of Debian libgnudatalanguage0 $version"

# Writes $1.bytes and $1.json from a pixel window (x y w h) of earth.jpg; 30 cells per degree.
extract() {
  local out=$1 x=$2 y=$3 w=$4 h=$5
  gdal_translate -q -of ENVI -ot Byte -srcwin "$x" "$y" "$w" "$h" "$jpg" "$work/cut.bytes"
  mv "$work/cut.bytes" "$out.bytes.tmp"
  local west south east north
  west=$(python3 -c "print($x/30-180)"); east=$(python3 -c "print(($x+$w)/30-180)")
  north=$(python3 -c "print(90-$y/30)"); south=$(python3 -c "print(90-($y+$h)/30)")
  printf '{"width": %d, "height": %d, "bbox": [%s, %s, %s, %s], "source": "%s"}\n' \
    "$w" "$h" "$west" "$south" "$east" "$north" "$source" > "$out.json.tmp"
  mv "$out.bytes.tmp" "$out.bytes"; mv "$out.json.tmp" "$out.json"
}

if [ -n "$world" ]; then
  mkdir -p "$world"
  extract "$world/relief" 0 0 10800 5400
else
  mkdir -p "$here/Geo/relief"
  extract "$here/Geo/relief/middle-east" $(( (25 + 180) * 30 )) $(( (90 - 42) * 30 )) $(( 38 * 30 )) $(( 32 * 30 ))
fi
echo "build_relief: done" >&2
