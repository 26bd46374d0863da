#!/usr/bin/env bash
# Snapshots taken after a restore are byte-identical to the uninterrupted
# run's.
#
#   resnap.sh AMANATSU GUESTDIR SNAPDIR SNAPTOOL
#
# For each program and pair of counts A < B, in a working folder W (the same
# path every time, since the snapshot records the working folder):
#   1. an uninterrupted run with --snapshots A,B --max-instructions B;
#      its folder is moved aside;
#   2. a fresh W is brought to its state at A by a run stopped at A (this
#      also tells how much of stdin the guest had read by A);
#   3. run 1's snapshot A is restored with --snapshots B --max-instructions B
#      (stdin: the rest);
# and run 3's snapshot B must be byte-identical to run 1's, and W must hold
# the same files as run 1's folder.  A = 1 (and 0) makes the restored run do
# the whole start-up (set_tid_address, getrandom...) itself.  Programs that
# stat files or read folders between A and B are not used: inode numbers and
# timestamps of the recreated files differ (host state, not Amanatsu's); for
# the same reason stdout is /dev/null in every run (glibc fstats it).
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 4 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
GUESTDIR=$(cd "$2" && pwd) || exit 2
SNAPDIR=$(cd "$3" && pwd) || exit 2
SNAPTOOL=$(abs "$4")
new_tmp resnap
checked=0

# where_differs A B: the section holding the first differing byte.
where_differs() {
  local off
  off=$(cmp "$1" "$2" 2>&1 | sed -n 's/.* byte \([0-9]*\).*/\1/p')
  [ -n "$off" ] || { echo "(sizes differ: $(stat -c %s "$1") vs $(stat -c %s "$2"))"; return; }
  off=$((off - 1))
  "$SNAPTOOL" sections "$1" | awk -v o="$off" '
    BEGIN { split("registers process maps pages files shared", nm, " ") }
    { if (o >= $3 && o < $4 + $5) { printf "first difference at byte %d, in the %s section (%s)\n", o, nm[$2], o < $4 ? "header" : "payload"; f = 1 } }
    END { if (!f) printf "first difference at byte %d (file header)\n", o }'
}

# check LABEL BIN STDIN A B ARGS...
check() {
  local label=$1 bin=$2 stdin=$3 a=$4 b=$5
  shift 5
  local d=$SNAP_TMP/$label w in pos=0 key val s1b s3b
  w=$d/w
  mkdir -p "$w" "$d/1" "$d/2" "$d/3"
  (cd "$w" && umask 022 && guest_env --snapshots "$a,$b" --max-instructions "$b" \
    --snapshot-prefix "$d/1/s" "$bin" "$@") <"$stdin" >/dev/null 2>"$d/1/err"
  [ $? -eq 124 ] || { fail "$label: the uninterrupted run did not stop at $b: $(tail -n 2 "$d/1/err")"; return; }
  mv "$w" "$d/w.1"
  mkdir "$w"
  exec {in}<"$stdin"
  (cd "$w" && umask 022 && guest_env --snapshots "$a" --max-instructions "$a" \
    --snapshot-prefix "$d/2/s" "$bin" "$@") <&"$in" >/dev/null 2>"$d/2/err"
  while read -r key val; do [ "$key" = pos: ] && pos=$val; done </proc/self/fdinfo/"$in"
  exec {in}<&-
  [ "$stdin" = /dev/null ] && pos=0
  tail -c +$((pos + 1)) "$stdin" >"$d/rest"
  (cd "$d/3" && exec "$AMANATSU" --restore "$(snapshot_name "$d/1/s" "$a")" --snapshots "$b" \
    --max-instructions "$b" --snapshot-prefix "$d/3/s") <"$d/rest" >/dev/null 2>"$d/3/err"
  local rc=$?
  s1b=$(snapshot_name "$d/1/s" "$b")
  s3b=$(snapshot_name "$d/3/s" "$b")
  if [ $rc -ne 124 ] || [ ! -f "$s3b" ]; then
    fail "$label: the restored run (status $rc) wrote no snapshot at $b: $(tail -n 2 "$d/3/err")"
  elif ! cmp -s "$s1b" "$s3b"; then
    fail "$label: snapshot $b after restoring $a differs from the uninterrupted run's: $(where_differs "$s1b" "$s3b"); $("$SNAPTOOL" diff "$s1b" "$s3b" | head -n 4 | tr '\n' ';')"
  elif [ "$(golden_manifest "$w")" != "$(golden_manifest "$d/w.1")" ]; then
    fail "$label: the working folder at $b differs from the uninterrupted run's"
  else
    checked=$((checked + 1))
  fi
}

# check_case CASE A B: a golden case (its binary, stdin and arguments).
check_case() {
  golden_load_case "$1" || { fail "no golden case $1"; return; }
  check "$1.$2.$3" "$GUESTDIR/$CASE_BIN" "$CASE_STDIN" "$2" "$3" "${CASE_ARGS[@]}"
}

check_case hello 3000 6000
check_case hello 1 5000
check_case hello 0 7000
check_case stdin_stats 1000000 2500000
check_case files 400000 1200000
check_case recursion 10000000 30000000
check_case strings 3000000 8000000
check_case timecalls 5000000 15000000
check_case linkedlist 30000000 60000000
check_case rtmix_gc_O2 1 6000000
check_case rtmix_imac_O0 20000000 40000000
check_case bigout 10000000 20000000

# filecopy: both files open at A and at B
seq 1 20000 | awk '{ print "line " $1 " the quick brown fox " ($1 * 7919) % 10007 }' >"$SNAP_TMP/input.dat"
fc_check() {
  local label=filecopy.$1.$2
  mkdir -p "$SNAP_TMP/$label/w"
  cp "$SNAP_TMP/input.dat" "$SNAP_TMP/$label/w/"
  check_fc "$label" "$1" "$2"
}
check_fc() {
  local label=$1 a=$2 b=$3 d=$SNAP_TMP/$1 w in s1b s3b
  w=$d/w
  mkdir -p "$d/1" "$d/3"
  (cd "$w" && guest_env --snapshots "$a,$b" --max-instructions "$b" --snapshot-prefix "$d/1/s" \
    "$SNAPDIR/filecopy") </dev/null >/dev/null 2>"$d/1/err"
  [ $? -eq 124 ] || { fail "$label: the uninterrupted run did not stop at $b"; return; }
  mv "$w" "$d/w.1"
  mkdir "$w"
  cp "$SNAP_TMP/input.dat" "$w/"
  (cd "$w" && guest_env --snapshots "$a" --max-instructions "$a" --snapshot-prefix "$d/2" \
    "$SNAPDIR/filecopy") </dev/null >/dev/null 2>&1
  (cd "$d/3" && exec "$AMANATSU" --restore "$(snapshot_name "$d/1/s" "$a")" --snapshots "$b" \
    --max-instructions "$b" --snapshot-prefix "$d/3/s") </dev/null >/dev/null 2>"$d/3/err"
  s1b=$(snapshot_name "$d/1/s" "$b")
  s3b=$(snapshot_name "$d/3/s" "$b")
  if [ ! -f "$s3b" ]; then
    fail "$label: the restored run wrote no snapshot at $b: $(tail -n 2 "$d/3/err")"
  elif ! cmp -s "$s1b" "$s3b"; then
    fail "$label: snapshot $b after restoring $a differs from the uninterrupted run's: $(where_differs "$s1b" "$s3b"); $("$SNAPTOOL" diff "$s1b" "$s3b" | head -n 4 | tr '\n' ';')"
  elif ! cmp -s "$w/output.dat" "$d/w.1/output.dat"; then
    fail "$label: output.dat at $b differs from the uninterrupted run's"
  else
    checked=$((checked + 1))
  fi
}
fc_check 3000000 9000000

echo "$checked pairs of snapshots compared byte for byte"
finish "snapshots after a restore"
