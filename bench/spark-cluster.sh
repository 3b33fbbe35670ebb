#!/usr/bin/env bash
# A real Spark standalone cluster on this machine: one master and two workers (separate JVMs, one
# core each, started from the Maven-resolved Spark jars: org.apache.spark.deploy.master.Master and
# org.apache.spark.deploy.worker.Worker), the job jar submitted with Spark's own SparkSubmit, and
# the findings compared byte for byte with `./beaconwatch detect` on the same input.
#
#   bench/spark-cluster.sh [INPUT...] [-- detect options]
#
# Default input: the RITA proxy sample (ssl/http companions) and the NjRAT capture from
# ../shared/data, and a simulated 2-day log. Prints wall time and peak memory (VmHWM) of the driver
# and the executors; exit status 0 only when every findings file equals detect's.
# Environment: EXECUTOR_MEMORY (default 1g), DRIVER_MEMORY (default 1g; the driver ranks the
# findings: about 2 GB per million scored channels), KEEP=1 keeps the work folder, DETECT_CSV=FILE compares
# with detect's findings already written there (one input only) instead of running detect again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
inputs=(); opts=()
while [ $# -gt 0 ]; do
  if [ "$1" = -- ]; then shift; opts=("$@"); break; fi
  inputs+=("$1"); shift
done
work="$(mktemp -d "${TMPDIR:-/tmp}/beaconwatch-cluster.XXXXXX")"
pids=()
cleanup() {
  local p
  for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null || true; done
  for p in ${pids[@]+"${pids[@]}"}; do wait "$p" 2>/dev/null || true; done
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

echo "building (spark module, command line)..." >&2
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B -DskipTests -pl spark,cli -am package >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
job="$(ls "$here"/spark/target/beaconwatch-spark-*-job.jar)"
if [ ${#inputs[@]} -eq 0 ]; then
  data="$here/../shared/data"
  [ -d "$data/activecm-rita-proxy-beacon-zeek" ] && inputs+=("$data/activecm-rita-proxy-beacon-zeek")
  [ -d "$data/stratosphere-njrat-ctu-malware-230-1-zeek" ] && inputs+=("$data/stratosphere-njrat-ctu-malware-230-1-zeek")
  ./beaconwatch simulate --hosts 20 --days 2 --seed 5 --out "$work/sim" >/dev/null
  inputs+=("$work/sim")
fi

# A Spark "installation" made of the Maven-resolved jars: Spark and its dependencies, without our own
# code (beaconwatch-core, picocli), which reaches the executors only inside the job jar.
home="$work/spark-home"; mkdir -p "$home/jars" "$home/conf"
tr ':' '\n' <"$here/spark/target/classpath.txt" | grep -v -e '/beaconwatch-core' -e '/picocli' \
  | while read -r j; do [ -n "$j" ] && ln -sf "$j" "$home/jars/"; done
cp "$here/spark/src/main/resources/org/beaconwatch/spark/log4j2-quiet.properties" "$home/conf/log4j2.properties"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$home/conf"
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
log4j=(-Dlog4j2.configurationFile="$home/conf/log4j2.properties")
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mport="$(port)"; mui="$(port)"; master="spark://127.0.0.1:$mport"

java "${opens[@]}" "${log4j[@]}" -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$mport" --webui-port "$mui" >"$work/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  java "${opens[@]}" "${log4j[@]}" -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory "${WORKER_MEMORY:-3g}" --webui-port "$(port)" --work-dir "$work/worker$w" \
    "$master" >"$work/worker$w.log" 2>&1 &
  pids+=($!)
done
alive() { curl -s "http://127.0.0.1:$mui/json/" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("aliveworkers", 0))' 2>/dev/null || echo 0; }
for _ in $(seq 1 180); do
  [ "$(alive)" -ge 2 ] && break
  sleep 0.5
done
[ "$(alive)" -ge 2 ] || { echo "workers did not register; logs in $work" >&2; KEEP=1; exit 1; }
echo "cluster up: $master, 2 workers x 1 core (pids ${pids[*]})" >&2

# Peak resident memory (VmHWM) of a process and of the executors the workers start.
peak_of() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
sample_executors() {
  local max_file="$1" p v
  while :; do
    for p in $(pgrep -f CoarseGrainedExecutorBackend 2>/dev/null || true); do
      grep -q "$work" "/proc/$p/cmdline" 2>/dev/null || continue
      v="$(peak_of "$p")"; echo "$p $v" >>"$max_file"
    done
    sleep 0.5
  done
}

status=0
i=0
for input in "${inputs[@]}"; do
  i=$((i + 1))
  out="$work/out$i"
  : >"$work/exec-mem$i"
  sample_executors "$work/exec-mem$i" & sampler=$!
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -f '%M' -o "$work/driver-mem$i" java "${opens[@]}" "${log4j[@]}" -Xmx"${DRIVER_MEMORY:-1g}" -cp "$home/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
    --conf spark.executor.memory="${EXECUTOR_MEMORY:-1g}" --conf spark.executor.cores=1 --conf spark.ui.enabled=false \
    --class org.beaconwatch.spark.SparkDetectCommand "$job" detect "$input" --out "$out" ${opts[@]+"${opts[@]}"} --timing \
    2>"$work/driver$i.log"
  rc=$?
  set -e
  end=$(date +%s.%N)
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  if [ -n "${DETECT_CSV:-}" ]; then cp "$DETECT_CSV" "$work/detect$i.csv"
  else ./beaconwatch detect "$input" --format csv --out "$work/detect$i.csv" ${opts[@]+"${opts[@]}"} 2>/dev/null || true; fi
  execs="$(sort -k1,1 -k2,2n "$work/exec-mem$i" | awk '{m[$1]=$2} END {s=""; for (p in m) s=s sprintf("%.0f MB ", m[p]/1024); print s}')"
  if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
    echo "FAIL $input: job exited $rc; see $work/driver$i.log" >&2; tail -5 "$work/driver$i.log" >&2; status=1; KEEP=1
  elif cmp -s "$out/findings.csv" "$work/detect$i.csv"; then
    printf 'EQUAL %s: %s findings, wall %.1f s, driver peak %.0f MB, executors peak %s\n' "$input" \
      "$(($(wc -l <"$out/findings.csv") - 1))" "$(echo "$end - $start" | bc)" "$(($(tail -n 1 "$work/driver-mem$i") / 1024))" "$execs"
  else
    echo "DIFFERENT $input: $out/findings.csv vs $work/detect$i.csv" >&2; diff "$out/findings.csv" "$work/detect$i.csv" | head -5 >&2
    status=1; KEEP=1
  fi
  grep -E '^(stage|list|read|context|rank|write|total)' "$work/driver$i.log" >&2 || true
done
echo "load: $(uptime)" >&2
exit $status
