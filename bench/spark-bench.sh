#!/usr/bin/env bash
# Spark figures beside single-machine detect, on one simulated conn.log of ROWS rows (default
# 2,000,000; the README also quotes 20,000,000):
#
#   bench/spark-bench.sh [ROWS] [PARTITIONS...]
#
# 1. ./beaconwatch detect                      (one JVM, all cores)
# 2. ./beaconwatch-spark detect --master local[2], once per PARTITIONS value (default: 0 = 4 per core),
#    with --timing: the job's stages and Spark's per-stage task metrics
# 3. bench/spark-cluster.sh: a standalone master and two 1-core workers, same input, findings
#    compared with detect's (the CSV from step 1, not a second detect run); driver and executor
#    peak memory
# Every figure is labelled with the load average: the machine is shared; run it under
# `nice -n 10` when others share the machine. Environment: BENCH_DIR (work folder, simulated logs
# cached there), BENCH_SPARK_OPTS (launcher JVM options, default -Xmx6g), BENCH_CLUSTER=0 skips the
# cluster, EXECUTOR_MEMORY / WORKER_MEMORY / DRIVER_MEMORY for the cluster. The job's steps (task
# run and CPU time summed from Spark's stage metrics) are printed by bench/spark-steps.awk.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/e2e-common.sh"
rows="${1:-2000000}"; shift || true
parts=("$@"); [ ${#parts[@]} -gt 0 ] || parts=(0)
dir="$(simulated "$rows")"
out="$work/spark-bench-$rows"; mkdir -p "$out"
echo "input: $dir/conn.log ($(du -h "$dir/conn.log" | cut -f1)); $(date -u +%H:%M:%SZ) load before: $(uptime | sed 's/.*load average: //')"
timed "detect" "$rows" "$root/beaconwatch" detect "$dir/conn.log" --format csv --out "$out/detect.csv"
echo "  load: $(uptime | sed 's/.*load average: //')"
for p in "${parts[@]}"; do
  rm -rf "$out/local"
  timed "spark local[2] partitions=$p" "$rows" env BEACONWATCH_SPARK_JAVA_OPTS="${BENCH_SPARK_OPTS:--Xmx6g}" \
    "$root/beaconwatch-spark" detect "$dir/conn.log" --out "$out/local" --master 'local[2]' --partitions "$p" --timing \
    2>"$out/local-$p.log"
  echo "  load: $(uptime | sed 's/.*load average: //')"
  grep -E '^(stage|list|read|context|rank|write|total)' "$out/local-$p.log" | sed 's/^/  /'
  awk -f "$root/bench/spark-steps.awk" "$out/local-$p.log" | sed 's/^/  step: /'
  grep -E 'flows read' "$out/local-$p.log" | sed 's/^/  /' || true
  if cmp -s "$out/local/findings.csv" "$out/detect.csv"; then echo "  findings equal detect's"; else echo "  FINDINGS DIFFER from detect's"; fi
done
if [ "${BENCH_CLUSTER:-1}" = 1 ]; then
  echo "standalone cluster, 2 workers x 1 core:"
  SKIP_BUILD=1 DETECT_CSV="$out/detect.csv" DRIVER_MEMORY="${DRIVER_MEMORY:-8g}" EXECUTOR_MEMORY="${EXECUTOR_MEMORY:-3g}" WORKER_MEMORY="${WORKER_MEMORY:-4g}" \
    "$root/bench/spark-cluster.sh" "$dir/conn.log" 2>&1 | grep -E '^(EQUAL|DIFF|FAIL|stage|list|read|context|rank|write|total|load)' | sed 's/^/  /'
fi
echo "$(date -u +%H:%M:%SZ) load after: $(uptime | sed 's/.*load average: //')"
