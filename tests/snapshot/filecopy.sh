#!/usr/bin/env bash
# A program restored half-way through reading one file and writing another
# (tests/snapshot/filecopy.c: input.dat -> output.dat in 61-byte chunks).
#
#   filecopy.sh AMANATSU SNAPDIR
#
# Checks: --snapshot-info lists both files with offsets half-way through;
# the restore finishes exactly as the straight run (stdout, output.dat, exit
# status, retired count), also after the first run went on to the end (the
# output file is cut back to its size at the snapshot); and the restore
# refuses, with one line, without running the guest and without touching
# output.dat, when input.dat was modified (in the part already read, in the
# part not read yet, or its length), deleted or replaced by a folder or a
# FIFO (which must not hang the restore), or when
# output.dat lost what had been written or was deleted.
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
PROG=$(cd "$2" && pwd)/filecopy
[ -x "$PROG" ] || { echo "missing $PROG"; exit 2; }
new_tmp filecopy
T=$SNAP_TMP
W=$T/w # every run uses this working folder: the snapshot records it
mkdir -p "$T/elsewhere"
seq 1 20000 | awk '{ print "line " $1 " the quick brown fox jumps over " ($1 * 7919) % 10007 }' >"$T/input.dat"
INSIZE=$(stat -c %s "$T/input.dat")

# fresh_input: an empty W (lib.sh's fresh_w) holding input.dat
fresh_input() {
  fresh_w
  cp "$T/input.dat" "$W/"
}

# straight runs, one per variant
for v in plain output-first; do
  arg=()
  [ $v = output-first ] && arg=(--output-first)
  fresh_input
  (cd "$W" && "$AMANATSU" --stats "$T/$v.json" "$PROG" "${arg[@]}") >"$T/$v.out" 2>"$T/$v.err"
  rc=$?
  [ $rc -eq 0 ] || fail "$v: the straight run exited with $rc: $(cat "$T/$v.err")"
  cp "$W/output.dat" "$T/$v.output"
done
E=$(stat_num "$T/plain.json" retired_instructions)
[ -n "$E" ] || { fail "no retired count"; finish "filecopy"; }
note "straight run: $E instructions, input $INSIZE bytes, output $(stat -c %s "$T/plain.output") bytes"

# snap V N [run-to-end]: a snapshot at N of variant V in a fresh W; leaves
# W as it was at N (or at the end), the snapshot in $T/V.N.snapshot.
snap() {
  local v=$1 n=$2 arg=() lim=(--max-instructions "$2")
  [ "$v" = output-first ] && arg=(--output-first)
  [ "${3-}" = run-to-end ] && lim=()
  fresh_input
  (cd "$W" && "$AMANATSU" --snapshots "$n" "${lim[@]}" --snapshot-prefix "$T/$v" "$PROG" "${arg[@]}") \
    >"$T/a.out" 2>"$T/a.err"
  SNAP=$(snapshot_name "$T/$v" "$n")
  [ -f "$SNAP" ] || fail "$v: no snapshot at $n: $(cat "$T/a.err")"
  grep -q 'warning' "$T/a.err" && fail "$v: capture warned: $(grep warning "$T/a.err")"
}

# restore_ok LABEL V: restore $SNAP and compare with V's straight run
# ($T/a.out holds the part before the snapshot unless the run went on).
restore_ok() {
  local label=$1 v=$2 before=$T/a.out
  [ "${3-}" = run-to-end ] && before=/dev/null
  (cd "$T/elsewhere" && "$AMANATSU" --restore "$SNAP" --stats "$T/r.json") </dev/null >"$T/b.out" 2>"$T/b.err"
  local rc=$?
  [ $rc -eq 0 ] || { fail "$label: restore exited with $rc: $(cat "$T/b.err")"; return; }
  if [ "${3-}" = run-to-end ]; then
    cmp -s "$T/b.out" <(tail -c "$(stat -c %s "$T/b.out")" "$T/$v.out") ||
      fail "$label: the restored run's stdout is not the end of the straight run's"
  else
    cat "$before" "$T/b.out" | cmp -s - "$T/$v.out" || fail "$label: stdout differs from the straight run"
  fi
  [ -s "$T/b.err" ] && fail "$label: the restore printed on stderr: $(cat "$T/b.err")"
  cmp -s "$W/output.dat" "$T/$v.output" || fail "$label: output.dat differs from the straight run's"
  [ "$(stat_num "$T/r.json" retired_instructions)" = "$(stat_num "$T/$v.json" retired_instructions)" ] ||
    fail "$label: final retired count differs"
}

# half-way: both files listed with non-zero offsets
half=$((E / 2))
snap plain $half
info=$("$AMANATSU" --snapshot-info "$SNAP" 2>&1)
in_line=$(grep -F "$W/input.dat (" <<<"$info")
out_line=$(grep -F "$W/output.dat (" <<<"$info")
in_off=$(sed -n 's/.*offset \([0-9]*\), size \([0-9]*\)).*/\1/p' <<<"$in_line")
in_size=$(sed -n 's/.*offset \([0-9]*\), size \([0-9]*\)).*/\2/p' <<<"$in_line")
out_off=$(sed -n 's/.*offset \([0-9]*\), size.*/\1/p' <<<"$out_line")
if [ -z "$in_off" ] || [ -z "$out_off" ]; then
  fail "--snapshot-info does not list input.dat and output.dat as files:"$'\n'"$info"
elif [ "$in_off" -le 0 ] || [ "$in_off" -ge "$INSIZE" ] || [ "$in_size" != "$INSIZE" ] || [ "$out_off" -le 0 ]; then
  fail "offsets not half-way: input $in_off of $in_size (file $INSIZE), output $out_off"
else
  note "at $half: input.dat offset $in_off of $INSIZE, output.dat offset $out_off"
fi
cp -a "$W" "$T/w.at"
restore_ok "restore at $half" plain

# the first run went on to the end: output.dat is longer than at the snapshot
snap plain $((E / 3)) run-to-end
restore_ok "restore at $((E / 3)) after the run had finished" plain run-to-end

# output.dat opened first (the lower descriptor)
snap output-first $((E / 2))
cp -a "$W" "$T/w.of"
restore_ok "restore at $((E / 2)), output opened first" output-first

# refuse LABEL PATTERN AT: restore $SNAP with W as prepared by the caller;
# it must refuse without touching output.dat (compared with AT/output.dat
# as left by the caller in $T/keep).
refuse() {
  cp "$W/output.dat" "$T/keep" 2>/dev/null || rm -f "$T/keep"
  (cd "$T/elsewhere" && exec timeout -s KILL 30 "$AMANATSU" --restore "$SNAP") </dev/null \
    >"$T/b.out" 2>"$T/b.err"
  local rc=$?
  expect_refusal "$1" "$2" "$T/b.out" "$T/b.err" $rc || return
  if [ -f "$T/keep" ] && ! cmp -s "$W/output.dat" "$T/keep"; then
    fail "$1: the refused restore changed output.dat ($(stat -c %s "$T/keep") -> $(stat -c %s "$W/output.dat") bytes)"
  fi
}
# reset DIR: W back to the state saved in DIR
reset() { rm -rf "$W" && cp -a "$1" "$W"; }

SNAP=$(snapshot_name "$T/plain" "$half")
reset "$T/w.at"
printf 'X' | dd of="$W/input.dat" bs=1 seek=100 conv=notrunc 2>/dev/null
refuse "input.dat modified in the part already read" 'input\.dat.*changed'
reset "$T/w.at"
printf 'X' | dd of="$W/input.dat" bs=1 seek=$((INSIZE - 10)) conv=notrunc 2>/dev/null
refuse "input.dat modified in the part not read yet" 'input\.dat.*changed'
reset "$T/w.at"
echo more >>"$W/input.dat"
refuse "input.dat longer" 'input\.dat.*changed'
reset "$T/w.at"
truncate -s $((INSIZE - 1)) "$W/input.dat"
refuse "input.dat shorter" 'input\.dat.*changed'
reset "$T/w.at"
rm "$W/input.dat"
refuse "input.dat deleted" 'input\.dat.*(no such file|cannot reopen)'
reset "$T/w.at"
rm "$W/input.dat" && mkdir "$W/input.dat"
refuse "input.dat replaced by a folder" 'input\.dat'
reset "$T/w.at"
rm "$W/input.dat" && mkfifo "$W/input.dat"
refuse "input.dat replaced by a FIFO (must not hang)" 'input\.dat.*regular file'
reset "$T/w.at"
printf 'X' | dd of="$W/output.dat" bs=1 seek=10 conv=notrunc 2>/dev/null
refuse "output.dat modified in the part already written" 'output\.dat.*changed'
reset "$T/w.at"
truncate -s 100 "$W/output.dat"
refuse "output.dat shorter than at the snapshot" 'output\.dat.*changed'
reset "$T/w.at"
rm "$W/output.dat"
refuse "output.dat deleted" 'output\.dat.*(no such file|cannot reopen)'

# output.dat opened first and longer than at the snapshot (which a restore
# would cut back), input.dat modified: the refusal must leave output.dat alone
SNAP=$(snapshot_name "$T/output-first" "$((E / 2))")
reset "$T/w.of"
echo "written by a later run" >>"$W/output.dat"
printf 'X' | dd of="$W/input.dat" bs=1 seek=100 conv=notrunc 2>/dev/null
refuse "output.dat opened first, input.dat modified" 'input\.dat.*changed'

# and after all that, a fresh snapshot still restores
snap plain $half
restore_ok "restore at $half again" plain

finish "filecopy"
