#!/usr/bin/env bash
# Deterministic time and randomness (the default): two runs of the same
# program print the same and write byte-identical snapshots.
#
#   determinism.sh AMANATSU GUESTDIR SNAPDIR
#
# Programs: tests/snapshot/clockrand.c (clock_gettime on five clocks,
# gettimeofday, time, getrandom, AT_RANDOM, nanosleep) and some golden cases.
# Both runs use the same working folder path (the snapshot records it), one
# after the other.  Output is compared in runs whose stdout is a file;
# snapshots in runs whose stdout is /dev/null (glibc fstats stdout, and two
# output files differ in inode number and times, which would then sit in
# memory).  Also: --seed and --start-time change what the guest sees, and a
# --host-time run works and is labelled so by --snapshot-info (its snapshots
# may differ: not compared).
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 3 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
GUESTDIR=$(cd "$2" && pwd) || exit 2
SNAPDIR=$(cd "$3" && pwd) || exit 2
new_tmp determinism
T=$SNAP_TMP
W=$T/w

# twice LABEL STDIN COUNTS BIN ARGS...: two runs with --snapshots COUNTS.
twice() {
  local label=$1 in=$2 counts=$3 i c
  shift 3
  for i in 1 2; do
    rm -rf "$W" "$T/$label.$i"
    mkdir -p "$W" "$T/$label.$i"
    # output
    (cd "$W" && guest_env "$@") <"$in" >"$T/$label.$i/out" 2>"$T/$label.$i/err"
    echo $? >"$T/$label.$i/status"
    rm -rf "$W" && mkdir -p "$W"
    # snapshots
    (cd "$W" && guest_env --snapshots "$counts" --snapshot-prefix "$T/$label.$i/s" \
      --stats "$T/$label.$i/stats" "$@") <"$in" >/dev/null 2>"$T/$label.$i/serr"
  done
  for f in out err status; do
    cmp -s "$T/$label.1/$f" "$T/$label.2/$f" ||
      fail "$label: two runs differ in $f: $(diff "$T/$label.1/$f" "$T/$label.2/$f" | head -n 4 | tr '\n' '|')"
  done
  local same=0
  for c in ${counts//,/ }; do
    local a b
    a=$(snapshot_name "$T/$label.1/s" "$c")
    b=$(snapshot_name "$T/$label.2/s" "$c")
    if [ ! -f "$a" ] || [ ! -f "$b" ]; then
      fail "$label: no snapshot at $c: $(cat "$T/$label.1/serr")"
    elif ! cmp -s "$a" "$b"; then
      fail "$label: the snapshots at $c of two runs differ: $(cmp "$a" "$b" | head -n 1);" \
        "$([ -n "${SNAPTOOL-}" ] && "$SNAPTOOL" diff "$a" "$b" | head -n 3 | tr '\n' ';')"
    else
      same=$((same + 1))
    fi
  done
  [ "$(stat_str "$T/$label.1/stats" state_digest)" = "$(stat_str "$T/$label.2/stats" state_digest)" ] ||
    fail "$label: the final state digests of two runs differ"
  note "$label: $same snapshots byte-identical (counts $counts)"
}

SNAPTOOL=$SNAPDIR/snaptool # built next to the guest programs; used for messages only
[ -x "$SNAPTOOL" ] || SNAPTOOL=
CLOCKRAND=$SNAPDIR/clockrand
twice clockrand /dev/null 1,5000,60000,150000,300000 "$CLOCKRAND"
twice hello /dev/null 1,100,3000,7000 "$GUESTDIR/hello"
twice stdin_stats "$GUEST_DIR/inputs/words.txt" 1,5000,1000000,3000000 "$GUESTDIR/stdin_stats"
twice timecalls /dev/null 10000,5000000,17000000 "$GUESTDIR/timecalls"
twice procinfo /dev/null 10000,22000,26000 "$GUESTDIR/procinfo"
twice rtmix /dev/null 1,1000000,12000000 "$GUESTDIR/rtmix_gc_O2" 2 3 5 7

# what the clocks show is derived from the retired count and the options
out=$T/clockrand.1/out
grep -q '^round0 realtime: 0 1767225600\.' "$out" ||
  fail "CLOCK_REALTIME does not start at 1767225600 (2026-01-01): $(grep 'round0 realtime' "$out")"
grep -q '^round0 gettimeofday: 1767225600\.[0-9]* time: 1767225600$' "$out" ||
  fail "gettimeofday/time do not follow the deterministic clock: $(grep 'round0 gettimeofday' "$out")"
rm -rf "$W" && mkdir -p "$W"
(cd "$W" && guest_env --seed 12345 --start-time 1000000000 "$CLOCKRAND") </dev/null >"$T/seeded.out" 2>&1
grep -q '^round0 realtime: 0 1000000000\.' "$T/seeded.out" ||
  fail "--start-time 1000000000: $(grep 'round0 realtime' "$T/seeded.out")"
[ "$(grep getrandom "$T/seeded.out")" != "$(grep getrandom "$out")" ] ||
  fail "--seed 12345 gives the same getrandom bytes as the default seed"
[ "$(grep AT_RANDOM "$T/seeded.out")" != "$(grep AT_RANDOM "$out")" ] ||
  fail "--seed 12345 gives the same AT_RANDOM bytes as the default seed"

# --host-time: runs, and says so
rm -rf "$W" "$T/host" && mkdir -p "$W" "$T/host"
(cd "$W" && guest_env --host-time --snapshots 60000 --snapshot-prefix "$T/host/s" "$CLOCKRAND") \
  </dev/null >"$T/host/out" 2>"$T/host/err"
rc=$?
[ $rc -eq 0 ] || fail "--host-time run exited with $rc: $(cat "$T/host/err")"
h=$(snapshot_name "$T/host/s" 60000)
"$AMANATSU" --snapshot-info "$h" 2>&1 | grep -q '^time and randomness: host' ||
  fail "--snapshot-info does not say a --host-time snapshot uses the host's time"
"$AMANATSU" --snapshot-info "$(snapshot_name "$T/clockrand.1/s" 60000)" 2>&1 |
  grep -q '^time and randomness: deterministic' ||
  fail "--snapshot-info does not say a default snapshot is deterministic"
(cd "$T" && "$AMANATSU" --restore "$h") </dev/null >"$T/host/rout" 2>"$T/host/rerr"
rc=$?
[ $rc -eq 0 ] || fail "restoring a --host-time snapshot exited with $rc: $(cat "$T/host/rerr")"
# --host-time and the other run options are refused with --restore
for opt in --host-time "--seed 1" "--start-time 5" "-E X=1" "-U PATH"; do
  # shellcheck disable=SC2086
  "$AMANATSU" --restore "$h" $opt </dev/null >"$T/o.out" 2>"$T/o.err"
  rc=$?
  [ $rc -eq 125 ] && [ ! -s "$T/o.out" ] || fail "--restore with $opt: status $rc, expected 125 (usage)"
done

finish "determinism"
