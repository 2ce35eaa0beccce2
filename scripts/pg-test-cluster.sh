#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS cluster for the PostGIS tests, on a Unix socket only (no TCP
# port is opened), with fsync off: it lives for one `make test` and is deleted after.
#
#   scripts/pg-test-cluster.sh start DIR   makes and starts it; prints the GDAL connection string
#   scripts/pg-test-cluster.sh stop DIR    stops it and removes DIR
#
# Needs PostgreSQL 15 and PostGIS 3 from Debian (scripts/install-deps.sh installs them). As root,
# the server runs as the `postgres` user (initdb refuses root); otherwise as the caller.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg-test-cluster: PostgreSQL is not installed (run scripts/install-deps.sh)" >&2; exit 69; }
port=54329
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
  if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "PG:host=$dir/sock port=$port dbname=strikemap_test user=postgres"; exit 0
  fi
  rm -rf "$dir"; mkdir -p "$dir/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 70; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir/sock -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 70; }
  psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" -p "$port" -U postgres)
  as_owner "${psql[@]}" -d postgres -c "CREATE DATABASE strikemap_test" >/dev/null
  as_owner "${psql[@]}" -d strikemap_test -c "CREATE EXTENSION postgis" >/dev/null \
    || { echo "pg-test-cluster: PostGIS is not installed (postgresql-*-postgis-3)" >&2; exit 69; }
  echo "PG:host=$dir/sock port=$port dbname=strikemap_test user=postgres"
  ;;
stop)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 64 ;;
esac
