#!/usr/bin/env bash
# Cold-start benchmark (issue "Scale on one machine", deliverable 5): what a fresh JVM costs for
#   - `--version`                      (JVM start, picocli, nothing else),
#   - `detect` on a small file         (default: the 992-row njrat conn.log of ../shared/data),
#   - `detect` on a 2 M-row conn.log   (default: simulated with seed 7, cached; BIG=FILE to choose),
# each under four JVM set-ups:
#   17        JDK 17 (java on the PATH or JAVA_HOME), the JDK's own CDS archive only
#   17+cds    JDK 17 with the application CDS archive the launcher trains
#   25        JDK 25 (JDK25=/path/to/jdk, default: the first /usr/lib/jvm/*25* found), no AOT cache
#   25+aot    JDK 25 with the ahead-of-time cache the launcher trains
# The archive and the cache are made by the `beaconwatch` launcher itself (copied with the jar into
# a scratch folder, run once with each JDK), so this measures exactly what users get; the timed
# runs then call java with the launcher's JVM options. Runs alternate (run 1 of every set-up, then
# run 2, ...), so a host that gets busier slows all set-ups alike. For each it prints the median of
# RUNS runs (default 5) of wall time, CPU-seconds (user+sys) and peak RSS, and the classes loaded
# (one extra run with -Xlog:class+load: how many in all, how many of them not from an archive).
# BASELINE_JAR=old.jar measures an older build the same way, alternating with this one.
# EXTRA_OPTS="-XX:TieredStopAtLevel=1" adds a set-up "17+cds+opts" with those JVM options.
# SKIP_BIG=1 leaves out the 2 M-row input; WORKLOADS="small big" picks inputs, SETUPS="17 17+cds" set-ups. Figures on a busy host say little about wall time:
# compare CPU-seconds, and quote the load average the script prints before and after.
# Usage: bench/cold-start.sh [JAR]
source "$(dirname "$0")/e2e-common.sh"
jar="${1:-$root/cli/target/beaconwatch-cli.jar}"
runs="${RUNS:-5}"
small="${SMALL:-$root/../shared/data/stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log}"
if [ -z "${SKIP_BIG:-}" ] && [[ "${WORKLOADS:-big}" == *big* ]]; then big="${BIG:-$(simulated 2000000)/conn.log}"; fi
if [ -n "${JAVA_HOME:-}" ]; then jdk17="$JAVA_HOME"; else jdk17="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; fi
jdk25="${JDK25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1 || true)}"
[ -f "$small" ] || { echo "no small input at $small (SMALL=FILE)" >&2; exit 1; }
# The launcher's JVM options: logging to stderr, then dist/jvm.options (read by e2e-common.sh).
jvm=(-Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr "${jvm[@]}")

echo "host: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM"
echo "JDK 17: $("$jdk17/bin/java" -version 2>&1 | head -n 1)"
if [ -x "$jdk25/bin/java" ]; then echo "JDK 25: $("$jdk25/bin/java" -version 2>&1 | head -n 1)"; else echo "no JDK 25 found (JDK25=...): its set-ups are skipped"; jdk25=""; fi
echo "load before: $(uptime | sed 's/.*load average: //')"

# prepare NAME JAR: the jar in a scratch copy of the launcher's layout, archive and cache trained.
declare -A jar_of cds_of aot_of
prepare() {
  local name="$1" src="$2" d="$work/cold-$1"
  rm -rf "$d"; mkdir -p "$d/cli/target"
  cp "$root/beaconwatch" "$d/"; cp -p "$src" "$d/cli/target/beaconwatch-cli.jar"
  jar_of[$name]="$d/cli/target/beaconwatch-cli.jar"
  JAVA_HOME="$jdk17" "$d/beaconwatch" --version >/dev/null
  cds_of[$name]="$(ls "$d"/cli/target/*.jsa 2>/dev/null | head -n 1 || true)"
  [ -n "${cds_of[$name]}" ] || echo "$name: the launcher made no CDS archive" >&2
  if [ -n "$jdk25" ]; then
    JAVA_HOME="$jdk25" "$d/beaconwatch" --version >/dev/null
    aot_of[$name]="$(ls "$d"/cli/target/*.aot 2>/dev/null | head -n 1 || true)"
    [ -n "${aot_of[$name]}" ] || echo "$name: the launcher made no AOT cache" >&2
  fi
}
builds=(new); prepare new "$jar"
if [ -n "${BASELINE_JAR:-}" ]; then builds=(base new); prepare base "$BASELINE_JAR"; fi

setups=(17 17+cds)
[ -n "${EXTRA_OPTS:-}" ] && setups+=(17+cds+opts)
[ -n "$jdk25" ] && setups+=(25 25+aot)
if [ -n "${SETUPS:-}" ]; then read -r -a setups <<<"$SETUPS"; fi
workloads=(version small)
[ -n "${big:-}" ] && workloads+=(big)
if [ -n "${WORKLOADS:-}" ]; then read -r -a workloads <<<"$WORKLOADS"; fi

# command SETUP BUILD WORKLOAD: prints the command, one word a line
command_of() {
  local setup="$1" b="$2" w="$3" j opts=()
  case "$setup" in
    17) j="$jdk17/bin/java"; opts=(-Xshare:auto) ;;
    17+cds) j="$jdk17/bin/java"; opts=(-XX:SharedArchiveFile="${cds_of[$b]}" -Xshare:auto) ;;
    17+cds+opts) j="$jdk17/bin/java"; read -r -a opts <<<"$EXTRA_OPTS"; opts+=(-XX:SharedArchiveFile="${cds_of[$b]}" -Xshare:auto) ;;
    25) j="$jdk25/bin/java" ;;
    25+aot) j="$jdk25/bin/java"; opts=(-XX:AOTCache="${aot_of[$b]}") ;;
  esac
  printf '%s\n' "$j" "${jvm[@]}" ${opts[@]+"${opts[@]}"} ${log_opts[@]+"${log_opts[@]}"} -jar "${jar_of[$b]}"
  case "$w" in
    version) printf '%s\n' --version ;;
    small) printf '%s\n' detect "$small" --format csv --out "$work/cold-$b-$setup-small.csv" ;;
    big) printf '%s\n' detect "$big" --format csv --out "$work/cold-$b-$setup-big.csv" ;;
  esac
}

log_opts=()   # set for the class-counting runs (after -Xlog:disable, which would turn it off)
results="$work/cold-results.txt"; : >"$results"
# one SETUP BUILD WORKLOAD: one timed run; appends "key wall cpu kib" to the results
one() {
  local key="$3 $2 $1" t rc=0 cmd
  mapfile -t cmd < <(command_of "$1" "$2" "$3")
  t="$(mktemp)"
  /usr/bin/time -f '%e %U %S %M' -o "$t" "${cmd[@]}" >/dev/null 2>"$work/cold-err.txt" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then echo "$key: exit code $rc: $(tail -n 3 "$work/cold-err.txt")" >&2; rm -f "$t"; return 1; fi
  if grep -qi 'warning' "$work/cold-err.txt"; then echo "$key: $(grep -i -m 1 warning "$work/cold-err.txt")" >&2; fi
  tail -n 1 "$t" | awk -v k="$key" '{ printf "%s %s %.2f %s\n", k, $1, $2 + $3, $4 }' >>"$results"
  rm -f "$t"
}

for i in $(seq "$runs"); do
  for w in "${workloads[@]}"; do
    for s in "${setups[@]}"; do
      for b in "${builds[@]}"; do one "$s" "$b" "$w"; done
    done
  done
  echo "run $i of $runs done; load $(uptime | sed 's/.*load average: //')"
done

# Classes loaded: one more run of each with class loading logged to a file.
declare -A classes
for w in "${workloads[@]}"; do
  for s in "${setups[@]}"; do
    for b in "${builds[@]}"; do
      log="$work/cold-classes.txt"; rm -f "$log"
      log_opts=(-Xlog:class+load=info:file="$log")
      mapfile -t cmd < <(command_of "$s" "$b" "$w")
      log_opts=()
      "${cmd[@]}" >/dev/null 2>&1 || true
      classes["$w $b $s"]="$(grep -c 'class,load' "$log" || true) ($(grep 'class,load' "$log" | grep -vc 'shared objects file' || true))"
    done
  done
done

echo "load after: $(uptime | sed 's/.*load average: //')"
echo
echo "medians of $runs runs; classes: loaded in all (of them not from an archive)"
printf '%-8s %-5s %-12s %9s %9s %10s %s\n' input build setup "wall s" "CPU s" "peak MiB" classes
for w in "${workloads[@]}"; do
  for s in "${setups[@]}"; do
    for b in "${builds[@]}"; do
      awk -v k="$w $b $s" -v c="${classes["$w $b $s"]}" '
        $1 " " $2 " " $3 == k { n++; wall[n] = $4; cpu[n] = $5; mem[n] = $6 }
        function median(a, n,   i, j, t) {
          for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
          return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        END { split(k, p, " "); if (n) printf "%-8s %-5s %-12s %9.2f %9.2f %10.0f %s\n", p[1], p[2], p[3], median(wall, n), median(cpu, n), median(mem, n) / 1024, c }' "$results"
    done
  done
done
echo "(raw runs: $results)"
