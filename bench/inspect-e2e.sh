#!/usr/bin/env bash
# End-to-end reader benchmark: simulate a multi-million-line Zeek conn.log, then time
# `beaconwatch inspect` on it (JVM start included). Usage: bench/inspect-e2e.sh [ROWS] [RUNS]
source "$(dirname "$0")/e2e-common.sh"
rows="${1:-5000000}"; runs="${2:-3}"
dir="$(simulated "$rows")"
actual=$(grep -vc '^#' "$dir/conn.log")
echo "conn.log: $actual rows, $(du -h "$dir/conn.log" | cut -f1)"
for i in $(seq "$runs"); do
  timed "inspect conn.log (run $i)" "$actual" "$root/beaconwatch" inspect "$dir/conn.log"
done
