#!/usr/bin/env bash
# Builds beaconwatch-VERSION-linux-x64.tar.gz: the command-line jar, a runtime made by jlink (users
# need no JDK) and a launcher. Called by `./mvnw -q -Pdist package` (cli module, package phase).
# Usage: build-tarball.sh JAR VERSION OUT_DIR JAVA_HOME
set -euo pipefail
jar="$1" version="$2" out="$3" jdk="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
name="beaconwatch-$version"
stage="$out/dist-stage"
rm -rf "$stage"
mkdir -p "$stage/$name/bin" "$stage/$name/lib" "$stage/$name/examples"

jlink="$jdk/bin/jlink"
[ -x "$jlink" ] || { echo "dist: no jlink in $jdk (a JDK with jmods is needed)" >&2; exit 1; }
# Modules the product uses (the shaded jar is not modular, so jdeps cannot list them reliably):
# charts need java.desktop, Tribuo java.logging, protobuf and zstd-jni jdk.unsupported.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.zipfs
"$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$stage/$name/runtime" 2>&1 | grep -v 'compress' >&2 || true
[ -x "$stage/$name/runtime/bin/java" ] || { echo "dist: jlink failed" >&2; exit 1; }

cp "$jar" "$stage/$name/lib/beaconwatch-cli.jar"
cp "$root/README.md" "$root/LICENSE" "$stage/$name/"
cp "$here/jvm.options" "$stage/$name/lib/jvm.options"
cp "$here/jit.sh" "$stage/$name/lib/jit.sh"
cp "$here/beaconwatch-watch.service" "$stage/$name/examples/"
cat > "$stage/$name/bin/beaconwatch" <<'LAUNCHER'
#!/bin/sh
# Beaconwatch launcher of the release tarball: runs the bundled Java runtime, no JDK needed.
# Extra JVM options: BEACONWATCH_JAVA_OPTS (e.g. -Xmx8g). JVM logging goes to stderr, never stdout.
# BEACONWATCH_JIT=auto|quick|full: the JIT compiler (lib/jit.sh).
case "$0" in
  */*) bin="${0%/*}" ;;
  *) bin=. ;;
esac
home="$bin/.."
# The JVM options both launchers use (lib/jvm.options: one per line, # comments); none has a space.
# Read with shell built-ins only: the launcher works with an empty PATH.
tuning=
while IFS= read -r o || [ -n "$o" ]; do
  case "$o" in '' | '#'*) ;; *) tuning="$tuning $o" ;; esac
done <"$home/lib/jvm.options"
# The JIT compiler for this run (lib/jit.sh: the quick one alone for small inputs).
jit=
if [ -f "$home/lib/jit.sh" ]; then
  . "$home/lib/jit.sh"
  jit="$(beaconwatch_jit_options "$@")"
fi
# shellcheck disable=SC2086
exec "$home/runtime/bin/java" -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr \
  $tuning $jit -Xshare:auto $BEACONWATCH_JAVA_OPTS -jar "$home/lib/beaconwatch-cli.jar" "$@"
LAUNCHER
chmod +x "$stage/$name/bin/beaconwatch"
tarball="$out/$name-linux-x64.tar.gz"
tar -C "$stage" -czf "$tarball.tmp" "$name"
mv "$tarball.tmp" "$tarball"
rm -rf "$stage"
echo "dist: $tarball ($(du -h "$tarball" | cut -f1))" >&2
