#!/usr/bin/env bash
# Unpacks the release tarball in a temporary folder and runs `demo` with no Java on the PATH and no
# JAVA_HOME: the bundled runtime must be enough. Usage: check-tarball.sh TARBALL
set -euo pipefail
tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xzf "$tarball"
home="$(ls -d "$tmp"/beaconwatch-*)"
mkdir -p "$tmp/empty-path"
if env -i PATH="$tmp/empty-path" /bin/sh -c 'command -v java' >/dev/null 2>&1; then
  echo "dist check: java is still on the PATH" >&2
  exit 1
fi
set +e
env -i HOME="$tmp" TMPDIR="$tmp" PATH="$tmp/empty-path" "$home/bin/beaconwatch" demo >"$tmp/demo.out" 2>"$tmp/demo.err"
code=$?
set -e
if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then
  echo "dist check: demo failed with exit code $code" >&2
  cat "$tmp/demo.err" >&2
  exit 1
fi
grep -q 'RANK' "$tmp/demo.out" || { echo "dist check: demo printed no findings table" >&2; cat "$tmp/demo.out" >&2; exit 1; }
if [ -s "$tmp/demo.err" ]; then
  echo "dist check: demo wrote to stderr:" >&2
  cat "$tmp/demo.err" >&2
  exit 1
fi
echo "dist check: $(basename "$tarball") runs demo without a JDK (exit $code)" >&2
