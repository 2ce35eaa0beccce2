#!/usr/bin/env bash
# `make test`: the whole suite, with
#   - the PostGIS tests run against a throw-away cluster that is started here (Unix socket only,
#     in a temporary folder) and always stopped and removed after (STRIKEMAP_TEST_POSTGIS);
#   - the preview page driven in headless Chromium (STRIKEMAP_TEST_BROWSER; install-deps.sh
#     installs chromium, chromium-driver and python3-selenium);
#   - schemathesis run against the service's OpenAPI document (STRIKEMAP_TEST_SCHEMATHESIS: its
#     `st`, from a pinned virtual environment made while the tests build).
# Plain `swift test` skips those three.
set -euo pipefail
swift=${1:-swift}
# StrikeMap's own modules at -O in the test build (see the end of Package.swift).
export STRIKEMAP_OPTIMIZED_TESTS=1
dir=$(mktemp -d /tmp/strikemap-pg.XXXXXX)
chmod 755 "$dir"
trap 'bash scripts/pg-test-cluster.sh stop "$dir"' EXIT
STRIKEMAP_TEST_POSTGIS=$(bash scripts/pg-test-cluster.sh start "$dir") || { echo "make test: cannot start the PostGIS test cluster" >&2; exit 70; }
export STRIKEMAP_TEST_POSTGIS
echo "make test: PostGIS test cluster at $dir (socket only)" >&2
# The download and the build overlap: one waits on the network, the other on the CPU.
bash scripts/schemathesis-venv.sh > "$dir/st-path" 2> "$dir/st-log" &
venv=$!
start=$SECONDS
"$swift" build --build-tests
echo "make test: built in $((SECONDS - start)) s" >&2
if ! wait "$venv"; then
  cat "$dir/st-log" >&2
  echo "make test: cannot install schemathesis (scripts/schemathesis-venv.sh)" >&2
  exit 69
fi
STRIKEMAP_TEST_SCHEMATHESIS=$(cat "$dir/st-path")
export STRIKEMAP_TEST_SCHEMATHESIS
export STRIKEMAP_TEST_BROWSER=1
start=$SECONDS
status=0
"$swift" test --skip-build || status=$?
echo "make test: tests ran in $((SECONDS - start)) s" >&2
exit $status
