# The JIT compiler for one run, shared by both launchers and the container image: ./beaconwatch
# (from the sources), the release tarball's bin/beaconwatch and the image's entrypoint source this
# file and put the output of `beaconwatch_jit_options "$@"` after dist/jvm.options and before
# BEACONWATCH_JAVA_OPTS, so a user's own -XX:TieredStopAtLevel still wins. POSIX sh; prints nothing
# on any failure.
#
# Why: a cold JVM first runs code through the quick compiler (C1) with profiling, then recompiles
# the hot methods with the optimising one (C2). On two cores C2's compiling takes a core from the
# work for the first seconds, so a short run is faster with C1 alone (-XX:TieredStopAtLevel=1: no
# profiling, no C2), and a long run is slower (C1's code is slower). Measured on this project's
# 2-core machine with the launcher and the default table output, medians of 3-5 runs alternated
# (C1 alone, then both): `demo` 0.90 and 1.44 s; the njrat capture (992 rows) 0.25 and 0.29 s;
# simulated conn.log of 2 M rows (262 MB) 1.77 and 2.55 s, 5 M rows (651 MB) 3.64 and 4.37 s,
# 7.5 M rows (979 MB) 5.55 and 5.73 s, 10 M rows (1.3 GB) 7.26 and 6.97 s, 20 M rows (2.6 GB,
# one run) 14.8 and 11.7 s. `inspect`, one reading thread, is slower with C1 alone even at 2 M rows
# (1.54-1.78 against 1.32-1.36 s). So C1 alone for `demo` (a fixed small input) and for `detect`
# when the files and folders named on the command line hold less than 768 MiB (a compressed file
# counted 8 times its size, as the readers estimate); both compilers for everything else: other
# commands (`watch` runs for days), standard input, larger or unknown inputs.
# With `--out` or `--html` the run also computes every input's SHA-256 for its provenance record,
# which C1's code does about seven times slower than C2's intrinsic: `detect --format csv --out F`
# took 3.03 and 3.12 s at 2 M rows, 4.79 and 4.30 s at 3 M rows (390 MB), 7.21 and 5.91 s at 5 M
# rows (3 runs each; CSV to stdout, with no digest: 1.92 and 2.88 s at 2 M rows, 4.16 and 5.27 s at
# 5 M rows). So the limit is 256 MiB when either is given.
#
# BEACONWATCH_JIT=quick or full chooses for every command; auto (the default) chooses as above.
# _BEACONWATCH_QUICK_JIT_MAX_KIB and _BEACONWATCH_QUICK_JIT_MAX_KIB_RECORDED (tests) move the limits.

beaconwatch_jit_options() {
  case "${BEACONWATCH_JIT:-auto}" in
    quick) echo "-XX:TieredStopAtLevel=1"; return 0 ;;
    full) return 0 ;;
  esac
  _bw_cmd=
  for _bw_a in "$@"; do
    case "$_bw_a" in -*) ;; *) _bw_cmd="$_bw_a"; break ;; esac
  done
  case "$_bw_cmd" in
    demo) echo "-XX:TieredStopAtLevel=1"; return 0 ;;
    detect) ;;
    *) return 0 ;;
  esac
  _bw_limit="${_BEACONWATCH_QUICK_JIT_MAX_KIB:-786432}"
  for _bw_a in "$@"; do
    case "$_bw_a" in   # a provenance record: every input is hashed too, much slower in C1's code
      --out | --out=* | --html | --html=*) _bw_limit="${_BEACONWATCH_QUICK_JIT_MAX_KIB_RECORDED:-262144}" ;;
    esac
  done
  _bw_kib=0
  _bw_seen=0
  _bw_past=0
  for _bw_a in "$@"; do
    if [ "$_bw_past" = 0 ]; then   # the arguments after the command only
      [ "$_bw_a" = "$_bw_cmd" ] && _bw_past=1
      continue
    fi
    [ "$_bw_a" = - ] && return 0   # standard input: size unknown
    case "$_bw_a" in -*) continue ;; esac
    [ -e "$_bw_a" ] || continue
    # Apparent sizes (ls -lnL, 5th field) of the files under it, a named link followed, in KiB;
    # stops at the limit. Any failure: "large".
    _bw_add="$(find -H "$_bw_a" -type f -exec ls -lnL {} + 2>/dev/null | awk -v limit="$_bw_limit" -v have="$_bw_kib" '
      { k = $5 / 1024; if ($0 ~ /\.(gz|bz2|xz|zst|zip|lz4)$/) k *= 8; have += k; if (have >= limit) { print "large"; exit } }
      END { if (have < limit) printf "%d\n", have }' 2>/dev/null || echo large)"
    case "$_bw_add" in
      '' | *[!0-9]*) return 0 ;;
    esac
    _bw_kib="$_bw_add"
    _bw_seen=1
  done
  if [ "$_bw_seen" = 1 ]; then echo "-XX:TieredStopAtLevel=1"; fi
  return 0
}
