#!/usr/bin/env bash
# `make test`: the whole suite, with the PostGIS tests run against a throw-away cluster that is
# started here (Unix socket only, in a temporary folder) and always stopped and removed after.
# The PostGIS tests find it through STRIKEMAP_TEST_POSTGIS; plain `swift test` skips them.
set -euo pipefail
swift=${1:-swift}
dir=$(mktemp -d /tmp/strikemap-pg.XXXXXX)
chmod 755 "$dir"
trap 'bash scripts/pg-test-cluster.sh stop "$dir"' EXIT
STRIKEMAP_TEST_POSTGIS=$(bash scripts/pg-test-cluster.sh start "$dir") || { echo "make test: cannot start the PostGIS test cluster" >&2; exit 70; }
export STRIKEMAP_TEST_POSTGIS
echo "make test: PostGIS test cluster at $dir (socket only)" >&2
"$swift" test
