# Shared by the end-to-end benchmark scripts: build once, simulate a conn.log of ROWS rows (cached).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/beaconwatch-bench}"
mkdir -p "$work"
"$root/beaconwatch" --version >/dev/null   # builds the jar if needed, outside the timing
# The launchers' JVM options (dist/jvm.options), so `java "${jvm[@]}" -jar` measures what users run
# (without the launcher's class-data archive, which only shortens the start; see Cold start).
jvm=()
while IFS= read -r o || [ -n "$o" ]; do
  case "$o" in '' | '#'*) ;; *) jvm+=("$o") ;; esac
done <"$root/dist/jvm.options"

# simulate ROWS -> prints the directory holding conn.log and ssl.log
simulated() {
  local rows="$1" dir="$work/sim-$1"
  if [ ! -s "$dir/conn.log" ]; then
    "$root/beaconwatch" simulate --rows "$rows" --seed 7 --out "$dir" >&2
  fi
  echo "$dir"
}

# timed LABEL ROWS CMD... : runs CMD under /usr/bin/time, prints wall time, rows/s and peak memory
timed() {
  local label="$1" rows="$2"; shift 2
  local t; t="$(mktemp)"
  local rc=0
  /usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then echo "$label: command failed with exit code $rc" >&2; exit 1; fi
  read -r secs kib < <(tail -n 1 "$t"); rm -f "$t"
  awk -v l="$label" -v r="$rows" -v s="$secs" -v k="$kib" 'BEGIN {
    printf "%-34s %12d rows %7.2f s %12.0f rows/s  peak RSS %6.0f MiB\n", l, r, s, r / s, k / 1024 }'
}
