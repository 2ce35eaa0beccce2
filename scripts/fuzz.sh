#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer harnesses in Fuzz/ (with AddressSanitizer) and runs each for
# FUZZ_SECONDS (default 60) on a working copy of its committed seed corpus (Fuzz/corpus/NAME).
# Prints executions and crashes per harness; crash inputs land in Fuzz/artifacts/NAME/.
# Every crash found should become a regression test (see DateRangeTests.fuzzRegression*).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
harnesses=${FUZZ_HARNESSES:-"csv acled geojson dates gazetteer columns document store query crs filter"}
export STRIKEMAP_FUZZ=1
# One-time globals (the loaded gazetteer) live until exit; leak reports at exit are noise here.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
for h in $harnesses; do
  swift build "${flags[@]}" --product "fuzz-$h" >/tmp/strikemap-fuzz-build.log 2>&1 || {
    echo "fuzz: building fuzz-$h failed:"; tail -20 /tmp/strikemap-fuzz-build.log; exit 1; }
done
status=0
printf '%-10s %12s %10s %8s %s\n' harness executions exec/s crashes corpus
for h in $harnesses; do
  work=$(mktemp -d); mkdir -p "Fuzz/artifacts/$h"
  log=$(mktemp)
  .build-fuzz/release/fuzz-$h -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 -detect_leaks=0 \
    -artifact_prefix="Fuzz/artifacts/$h/" "$work" "Fuzz/corpus/$h" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(ls "Fuzz/artifacts/$h" 2>/dev/null | wc -l)
  units=$(ls "$work" | wc -l)
  printf '%-10s %12s %10s %8s %s\n' "$h" "${runs:-?}" "${speed:-?}" "$crashes" "$units units"
  if [ $rc -ne 0 ] || [ "$crashes" -gt 0 ]; then
    status=1; echo "fuzz-$h failed (exit $rc); last lines:"; tail -25 "$log"
  fi
  rm -rf "$work" "$log"
done
exit $status
