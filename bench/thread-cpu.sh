#!/usr/bin/env bash
# Where a run's CPU goes, thread by thread: runs a command (e.g. `./beaconwatch detect conn.log`),
# reads every thread's CPU time from /proc/PID/task/*/stat every 0.2 s while it runs, and prints each
# kind of thread's CPU-seconds (user+sys; threads named alike, such as the parsing workers, summed;
# Linux keeps the first 15 characters of a thread's name),
# the JVM's own (compiler, collector) and the application's. A thread's time after the last reading
# before it ended is not seen, nor the launcher's shell, so the sum is lower than the process's CPU
# (by a tenth at 20 M rows, a fifth at 2 M rows). Linux only.
# The command's output goes to /dev/null; the JVM is the command itself or its child (the launcher
# execs java).
# Usage: bench/thread-cpu.sh COMMAND [ARG...]
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: bench/thread-cpu.sh COMMAND [ARG...]" >&2; exit 2; }
samples="$(mktemp)"; trap 'rm -f "$samples"' EXIT
"$@" >/dev/null 2>&1 &
pid=$!
tick=$(getconf CLK_TCK)
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    # comm may hold spaces: the fields after the closing parenthesis are counted from there
    stat="$(cat "$t/stat" 2>/dev/null)" || continue
    name="${stat#*(}"; name="${name%)*}"; rest="${stat##*) }"
    set -- $rest
    printf '%s\t%s\t%s\n' "${t##*/}" "$name" "$(( ${12} + ${13} ))"   # utime + stime, in ticks
  done >>"$samples"
  sleep 0.2
done
wait "$pid"; rc=$?
awk -F'\t' -v tick="$tick" -v rc="$rc" '
  { last[$1] = $3; name[$1] = $2 }
  END {
    for (t in last) {
      n = name[t]; sub(/#?[0-9]+$/, "", n); if (n == "java") n = "java (the main thread)"
      cpu[n] += last[t] / tick; all += last[t] / tick
      if (n ~ /^(C[12] CompilerThre|GC Thread|VM Thread|G1 |Sweeper)/) jvm += last[t] / tick
    }
    for (n in cpu) if (cpu[n] >= 0.01) printf "%8.2f s  %s\n", cpu[n], n | "sort -rn"
    close("sort -rn")
    printf "%8.2f s  in all: the JVM (compilers, collector, VM thread) %.2f s, the rest %.2f s; exit %s\n", all, jvm, all - jvm, rc
  }' "$samples"
