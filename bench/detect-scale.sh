#!/usr/bin/env bash
# Scaling benchmark for `detect` (issue "Scale on one machine"): for each size, simulate a Zeek
# conn.log (seed 7, cached), then time, in the same run and on the same machine state:
#   - single-thread mawk counting the channels of the same file (the yardstick);
#   - the default run, `./beaconwatch detect FILE` (the launcher: dist/jvm.options, its JIT choice
#     from dist/jit.sh and its class-data archive; the table), JVM start included;
#   - `beaconwatch detect FILE --format csv --out F` (every finding, with provenance), the
#     launchers' JVM options (dist/jvm.options) and JVM start included;
#   - optionally a baseline jar (BASELINE_JAR=old.jar), alternating old and new run by run;
#   - with ROTATED=1, the same rows as four rotated files, two of them gzip.
# Prints wall time, rows/s, peak RSS, CPU use (user+sys over wall: 200 % = both cores), channels,
# the ratio to mawk, and the load average before and after (figures on a busy host are not
# comparable with a quiet one).
# mawk: `apt-get install -y mawk` if missing (the script says so and skips the yardstick).
# Usage: bench/detect-scale.sh [ROWS...]   (default: 2000000 20000000; 200000000 needs ~26 GB + 13 GB for ROTATED)
source "$(dirname "$0")/e2e-common.sh"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(2000000 20000000)
runs="${RUNS:-2}"
jar="$root/cli/target/beaconwatch-cli.jar"
echo "host: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; $(java -version 2>&1 | head -1)"
echo "load before: $(uptime | sed 's/.*load average: //')"

# measure LABEL ROWS CMD...: wall s, peak RSS, CPU %, and the command's stderr summary line
measure() {
  local label="$1" rows="$2"; shift 2
  local t; t="$(mktemp)"; local e; e="$(mktemp)"
  local rc=0
  /usr/bin/time -v -o "$t" "$@" >"$e.out" 2>"$e" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then echo "$label: failed with exit code $rc: $(tail -3 "$e")" >&2; rm -f "$t" "$e" "$e.out"; return 1; fi
  local wall kib cpu channels
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$t")
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$t")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$t")
  cpus=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$t")
  # the summary line: on stderr after a file output, at the end of the table on stdout
  channels=$(cat "$e" "$e.out" | grep -o '[0-9,]* channels' | tail -1 | tr -d ', channels' || true)
  last_wall="$wall"
  awk -v l="$label" -v r="$rows" -v s="$wall" -v k="$kib" -v c="$cpu" -v cs="$cpus" -v ch="${channels:-?}" 'BEGIN {
    printf "%-40s %11d rows %8.2f s %11.0f rows/s  peak RSS %6.0f MiB  CPU %5s (%s s)  channels %s\n", l, r, s, r / s, k / 1024, c, cs, ch }'
  rm -f "$t" "$e" "$e.out"
}

for rows in "${sizes[@]}"; do
  dir="$(simulated "$rows")"
  file="$dir/conn.log"
  actual=$(grep -vc '^#' "$file")
  echo "== $rows rows requested: $actual rows, $(du -h "$file" | cut -f1) =="
  if command -v mawk >/dev/null; then
    t0=$(date +%s.%N)
    ch=$(mawk -F'\t' '!/^#/ { c[$3 " " $5 " " $6 " " $7]++ } END { print length(c) }' "$file")
    mawk_s=$(echo "$(date +%s.%N) - $t0" | bc)
    printf '%-40s %11d rows %8.2f s  (mawk, one thread: %s address channels)\n' "mawk count channels" "$actual" "$mawk_s" "$ch"
  else
    mawk_s=""; echo "mawk not installed (apt-get install -y mawk): no yardstick"
  fi
  for i in $(seq "$runs"); do
    if [ -n "${BASELINE_JAR:-}" ]; then
      measure "baseline detect (run $i)" "$actual" java "${jvm[@]}" -jar "$BASELINE_JAR" detect "$file" --format csv --out "$work/base-$rows.csv"
    fi
    measure "./beaconwatch detect (run $i)" "$actual" "$root/beaconwatch" detect "$file"
    [ -n "$mawk_s" ] && echo "  ratio to mawk: $(echo "scale=2; $last_wall / $mawk_s" | bc)"
    measure "detect --format csv (run $i)" "$actual" java "${jvm[@]}" -jar "$jar" detect "$file" --format csv --out "$work/findings-$rows.csv"
    [ -n "$mawk_s" ] && echo "  ratio to mawk: $(echo "scale=2; $last_wall / $mawk_s" | bc)"
  done
  if [ "${ROTATED:-0}" = 1 ]; then
    rot="$work/rot-$rows"
    if [ ! -d "$rot" ]; then
      mkdir -p "$rot"
      grep '^#' "$file" | grep -v '^#close' >"$work/head-$rows"
      grep -v '^#' "$file" | split -n l/4 -d - "$work/part-$rows."
      i=0
      for p in "$work/part-$rows."*; do cat "$work/head-$rows" "$p" >"$rot/conn.0$i.log"; rm -f "$p"; i=$((i + 1)); done
      gzip -1 "$rot/conn.01.log" "$rot/conn.03.log"
    fi
    measure "detect 4 rotated, 2 gzip (run 1)" "$actual" java "${jvm[@]}" -jar "$jar" detect "$rot" --format csv --out "$work/rot-$rows.csv"
  fi
done
echo "load after: $(uptime | sed 's/.*load average: //')"
