#!/usr/bin/env bash
# Installs the Debian packages StrikeMap needs, only those missing, without prompting.
# Idempotent: a second run installs nothing and does not touch the network.
#   build:   pkg-config, libcairo2-dev, libpango1.0-dev, libproj-dev (+ proj-data), libgdal-dev, zlib1g-dev
#   fonts:   fonts-noto-core (Noto Sans and Noto Sans Arabic)
#   tests:   poppler-utils (pdftoppm), librsvg2-bin (rsvg-convert) to rasterise PDF and SVG output;
#            libxml2-utils (xmllint) and python3-commonmark to parse outputs as strictly as their readers do;
#            gdal-bin (ogrinfo) to open the event store as other tools do;
#            postgresql-15, postgresql-15-postgis-3 for the PostGIS store's tests (a throw-away cluster,
#            scripts/pg-test-cluster.sh; Debian's own `main` cluster is not used);
#            chromium, chromium-driver, python3-selenium to drive the service's preview page in a real browser;
#            python3-venv for schemathesis (PyPI, pinned: scripts/schemathesis-venv.sh)
set -euo pipefail
packages=(pkg-config libcairo2-dev libpango1.0-dev libproj-dev proj-data libgdal-dev zlib1g-dev libdeflate-dev fonts-noto-core
          poppler-utils librsvg2-bin libxml2-utils python3-commonmark gdal-bin
          postgresql-15 postgresql-15-postgis-3 chromium chromium-driver python3-selenium python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 69; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# fontconfig must know the new fonts before Pango looks for them.
command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
echo "install-deps: done" >&2
