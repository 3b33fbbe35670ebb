#!/usr/bin/env bash
# Builds the Docker image and runs `demo` and `watch --replay` in it, where a container engine runs.
# Where none does (only the docker client, or no docker at all), says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=""
for e in docker podman; do
  if command -v "$e" >/dev/null 2>&1 && "$e" info >/dev/null 2>&1; then engine="$e"; break; fi
done
if [ -z "$engine" ]; then
  echo "docker smoke: no container engine running here (docker/podman client missing or no daemon); skipped" >&2
  exit 0
fi
tag="beaconwatch:smoke-$$"
"$engine" build -q -t "$tag" . >/dev/null
trap '"$engine" rmi -f "$tag" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
tmp="$(mktemp -d)"
code=0
"$engine" run --rm "$tag" demo >"$tmp/demo.out" || code=$?
[ "$code" -eq 0 ] || [ "$code" -eq 3 ] || { echo "docker smoke: demo exit $code" >&2; exit 1; }
grep -q RANK "$tmp/demo.out"
chmod 777 "$tmp"
"$engine" run --rm -v "$tmp:/state" "$tag" simulate --hosts 5 --days 1 --out /state/logs >/dev/null
code=0
"$engine" run --rm -v "$tmp:/state" "$tag" watch /state/logs --replay --window 6h --out /state/alerts.jsonl || code=$?
[ "$code" -eq 0 ] || [ "$code" -eq 3 ] || { echo "docker smoke: watch exit $code" >&2; exit 1; }
echo "docker smoke: image built with $engine; demo and watch --replay ran ($(wc -l <"$tmp/alerts.jsonl") alerts)" >&2
