#!/usr/bin/env bash
# End-to-end detection benchmark: simulate a conn.log (+ ssl.log) of ROWS rows, then time
# `beaconwatch detect` on conn.log alone and on the folder (conn.log + ssl.log joined by uid),
# writing every finding as CSV (JVM start included).
# Target (issue 3): >= 1,000,000 rows/s on 2 million rows, peak memory under 1.5 GB.
# Usage: bench/detect-e2e.sh [ROWS] [RUNS]
source "$(dirname "$0")/e2e-common.sh"
rows="${1:-2000000}"; runs="${2:-3}"
dir="$(simulated "$rows")"
actual=$(grep -vc '^#' "$dir/conn.log")
echo "conn.log: $actual rows, $(du -h "$dir/conn.log" | cut -f1); ssl.log: $(grep -vc '^#' "$dir/ssl.log") rows"
for i in $(seq "$runs"); do
  timed "detect conn.log -> csv (run $i)" "$actual" \
    "$root/beaconwatch" detect "$dir/conn.log" --format csv --out "$work/findings-conn-$rows.csv"
done
for i in $(seq "$runs"); do
  timed "detect conn+ssl -> csv (run $i)" "$actual" \
    "$root/beaconwatch" detect "$dir" --format csv --out "$work/findings-$rows.csv"
done
