#!/usr/bin/env bash
# Same answers: runs `detect --format jsonl` with two CLI jars (e.g. one built from main before a
# change and one after) on every file and folder of the shared data, on simulator seeds, and on
# rotated gzip + plain parts of a simulated log, and compares the outputs byte for byte (ranks,
# channels, every score as printed). Also compares `--threads 1` with the default.
# Usage: bench/same-answers.sh OLD.jar NEW.jar [DATA_DIR]
# NEW_JAVA_OPTS: JVM options for the new jar's runs only (white space separated), e.g.
# NEW_JAVA_OPTS=-XX:TieredStopAtLevel=1 compares the quick compiler alone with the default one.
set -uo pipefail
read -r -a new_opts <<<"${NEW_JAVA_OPTS:-}" || true
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp "$1" "$work/old.jar"; cp "$2" "$work/new.jar"   # a rebuild during the run cannot change them
old="$work/old.jar"; new="$work/new.jar"
data="${3:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}"
pass=0; fail=0
compare() { # compare NAME INPUT...
  local name="$1"; shift
  java -jar "$old" detect "$@" --format jsonl >"$work/old" 2>/dev/null; local ro=$?
  java ${new_opts[@]+"${new_opts[@]}"} -jar "$new" detect "$@" --format jsonl >"$work/new" 2>/dev/null; local rn=$?
  java ${new_opts[@]+"${new_opts[@]}"} -jar "$new" detect "$@" --format jsonl --threads 1 >"$work/one" 2>/dev/null; local r1=$?
  if [ "$ro" = "$rn" ] && [ "$ro" = "$r1" ] && cmp -s "$work/old" "$work/new" && cmp -s "$work/old" "$work/one"; then
    pass=$((pass + 1)); printf 'same       %-70s exit %s, %s findings\n' "$name" "$ro" "$(wc -l <"$work/old")"
  else
    fail=$((fail + 1)); printf 'DIFFERENT  %-70s exit %s/%s/%s\n' "$name" "$ro" "$rn" "$r1"
  fi
}
for d in "$data"/*/; do
  compare "$(basename "$d")/" "$d"
  for f in "$d"*; do
    [ -f "$f" ] && compare "$(basename "$d")/$(basename "$f")" "$f"
  done
done
for seed in 1 2 3; do
  java -jar "$new" simulate --rows 300000 --seed "$seed" --out "$work/sim$seed" >/dev/null 2>&1
  compare "simulator seed $seed conn.log" "$work/sim$seed/conn.log"
  compare "simulator seed $seed conn+ssl" "$work/sim$seed"
done
# rotated parts: plain, gzip, plain (the middle one compressed)
mkdir -p "$work/rot"
{ grep '^#' "$work/sim1/conn.log" | head -8; } >"$work/head"
grep -v '^#' "$work/sim1/conn.log" >"$work/rows"
split -n l/3 "$work/rows" "$work/part."
i=0; for p in "$work"/part.*; do cat "$work/head" "$p" >"$work/rot/conn.$i.log"; i=$((i + 1)); done
gzip "$work/rot/conn.1.log"
compare "rotated plain+gzip+plain" "$work/rot"
echo "$pass same, $fail different"
[ "$fail" = 0 ]
