#!/usr/bin/env bash
# A program restored while it works on a file through a MAP_SHARED mapping
# (tests/snapshot/sharedmap.c; its descriptor is closed, only the mapping
# ties the run to the file).
#
#   shared.sh AMANATSU SNAPDIR SNAPTOOL
#
# Checks: the straight run equals qemu-riscv64's (stdout and shared.dat);
# --snapshot-info lists the shared mapping; restores at several counts,
# before and after the mapping is split by mprotect, finish exactly as the
# straight run (stdout, shared.dat, exit status, retired count), also after
# the first run went on to the end (the restore writes the mapped part of
# the file back to what it held at capture); a snapshot taken after a
# restore is byte-identical to the straight run's; version 1 and 2 files
# (no shared mappings section, no signal state section) still restore; and
# the restore refuses, with one line and without running the guest, when
# shared.dat was deleted or cut shorter than the mapping.  Then a fuzz of
# the shared mappings section with every checksum fixed up: a clean refusal
# or a valid file.
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 3 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
PROG=$(cd "$2" && pwd)/sharedmap
SNAPTOOL=$(abs "$3")
[ -x "$PROG" ] || { echo "missing $PROG"; exit 2; }
new_tmp shared
T=$SNAP_TMP
W=$T/w # every run uses this working folder: the snapshot records it
mkdir -p "$T/elsewhere"

fresh_w
(cd "$W" && "$AMANATSU" --stats "$T/straight.json" "$PROG") >"$T/straight.out" 2>"$T/straight.err"
rc=$?
[ $rc -eq 0 ] || fail "the straight run exited with $rc: $(cat "$T/straight.err")"
cp "$W/shared.dat" "$T/straight.dat"
E=$(stat_num "$T/straight.json" retired_instructions)
[ -n "$E" ] || { fail "no retired count"; finish "shared"; }
note "straight run: $E instructions, $(wc -l <"$T/straight.out") rounds"
if command -v qemu-riscv64 >/dev/null; then
  fresh_w
  (cd "$W" && qemu-riscv64 "$PROG") >"$T/qemu.out" 2>&1
  cmp -s "$T/qemu.out" "$T/straight.out" || fail "stdout differs from qemu-riscv64's"
  cmp -s "$W/shared.dat" "$T/straight.dat" || fail "shared.dat differs from qemu-riscv64's"
fi

# snap N [run-to-end]: a snapshot at N in a fresh W, left as at N (or at the
# end); the snapshot in $SNAP, the output so far in $T/a.out.
snap() {
  local lim=(--max-instructions "$1")
  [ "${2-}" = run-to-end ] && lim=()
  fresh_w
  (cd "$W" && "$AMANATSU" --snapshots "$1" "${lim[@]}" --snapshot-prefix "$T/s" "$PROG") \
    >"$T/a.out" 2>"$T/a.err"
  SNAP=$(snapshot_name "$T/s" "$1")
  [ -f "$SNAP" ] || fail "no snapshot at $1: $(cat "$T/a.err")"
  grep -q 'warning' "$T/a.err" && fail "capture at $1 warned: $(grep warning "$T/a.err")"
}

# resume LABEL [first-part]: restore $SNAP from another folder and compare
# the whole run with the straight one.
resume() {
  local label=$1 rc
  (cd "$T/elsewhere" && "$AMANATSU" --restore "$SNAP" --stats "$T/r.json") >"$T/b.out" 2>"$T/b.err"
  rc=$?
  local before=$T/a.out
  [ "${2-}" = whole ] && before=/dev/null
  if [ $rc -ne 0 ]; then
    fail "$label: the restore exited with $rc: $(head -c 300 "$T/b.err")"
  elif ! cat "$before" "$T/b.out" | cmp -s - "$T/straight.out"; then
    fail "$label: stdout (before + after) differs from the straight run's"
  elif ! cmp -s "$W/shared.dat" "$T/straight.dat"; then
    fail "$label: shared.dat differs from the straight run's"
  elif [ "$(stat_num "$T/r.json" retired_instructions)" != "$E" ]; then
    fail "$label: final count $(stat_num "$T/r.json" retired_instructions), straight run $E"
  else
    note "$label: same output, same shared.dat, same count"
  fi
}

# Counts: early (mapping whole), middle (just around the split), late.
for n in $((E / 5)) $((E / 2)) $((E * 4 / 5)); do
  snap $n
  if [ $n -eq $((E / 5)) ]; then
    info=$("$AMANATSU" --snapshot-info "$SNAP" 2>&1)
    grep -q '^shared file mappings: 1$' <<<"$info" || fail "--snapshot-info: no shared mapping listed: $info"
    grep -Eq "^  0x[0-9a-f]+-0x[0-9a-f]+ $W/shared.dat at offset 0$" <<<"$info" ||
      fail "--snapshot-info: the mapping's line is missing: $(grep -A2 '^shared' <<<"$info")"
  fi
  resume "restored at $n"
  # the first run went on to the end: the restore puts the file back as at n
  snap $n run-to-end
  cmp -s "$T/a.out" "$T/straight.out" || fail "run-to-end at $n: output differs"
  resume "restored at $n after the first run finished" whole
done

# A snapshot taken after a restore equals the straight run's (as in
# resnap.sh: snapshot A from the uninterrupted run, W brought back to its
# state at A, stdout /dev/null in every run since glibc fstats it).
a=$((E / 5)) b=$((E * 3 / 5))
fresh_w
(cd "$W" && "$AMANATSU" --snapshots $a,$b --max-instructions $b --snapshot-prefix "$T/straight" \
  "$PROG") >/dev/null 2>&1
fresh_w
(cd "$W" && "$AMANATSU" --max-instructions $a "$PROG") >/dev/null 2>&1
(cd "$T/elsewhere" && "$AMANATSU" --restore "$(snapshot_name "$T/straight" $a)" --snapshots $b \
  --max-instructions $b --snapshot-prefix "$T/again") >/dev/null 2>&1
if ! cmp -s "$(snapshot_name "$T/straight" $b)" "$(snapshot_name "$T/again" $b)"; then
  fail "the snapshot at $b after a restore at $a differs from the straight run's: \
$("$SNAPTOOL" diff "$(snapshot_name "$T/straight" $b)" "$(snapshot_name "$T/again" $b)" 2>&1 | head -5)"
else
  note "snapshot at $b after a restore at $a: byte-identical to the straight run's"
fi

# Refusals: one line, exit status 126, shared.dat not touched.
snap $((E / 2))
GOOD=$SNAP
cp "$GOOD" "$T/good.snapshot"
GOOD=$T/good.snapshot
refuse() {
  local label=$1 pat=$2 rc
  (cd "$T/elsewhere" && "$AMANATSU" --restore "$GOOD") >"$T/r.out" 2>"$T/r.err"
  rc=$?
  expect_refusal "$label" "$pat" "$T/r.out" "$T/r.err" $rc && note "$label: refused: $(cat "$T/r.err")"
}
mv "$W/shared.dat" "$T/saved.dat"
refuse "shared.dat deleted" 'shared file mapping.*shared\.dat.*(no such file|cannot reopen)'
head -c 100 "$T/saved.dat" >"$W/shared.dat"
refuse "shared.dat cut to 100 bytes" 'shared file mapping.*shared\.dat.*(changed|shorter)'
cmp -s "$W/shared.dat" <(head -c 100 "$T/saved.dat") || fail "a refused restore changed shared.dat"
mv "$T/saved.dat" "$W/shared.dat"

# Older versions: a version 2 file is the same without its last section
# (signal state), a version 1 file without its last two (shared mappings,
# signal state), restored from a snapshot of a run that has no shared
# mapping left, no timer and no alternate signal stack.
snap $((E - 10))
mapfile -t SECTIONS < <("$SNAPTOOL" sections "$SNAP") # idx type hdr payload len
read -r _ type6 hdr6 _ _ <<<"${SECTIONS[5]-}"
read -r _ type7 hdr7 _ _ <<<"${SECTIONS[6]-}"
if [ ${#SECTIONS[@]} -ne 7 ] || [ "$type6" != 6 ] || [ "$type7" != 7 ]; then
  fail "expected 7 sections, the last two of types 6 and 7: ${SECTIONS[*]}"
else
  for v in 1 2; do
    if [ $v = 1 ]; then cut=$hdr6 n=5; else cut=$hdr7 n=6; fi
    head -c "$cut" "$SNAP" >"$T/v$v.snapshot"
    "$SNAPTOOL" set-u32 "$T/v$v.snapshot" 8 $v
    "$SNAPTOOL" set-u32 "$T/v$v.snapshot" 12 $n
    "$SNAPTOOL" fix-header "$T/v$v.snapshot"
    (cd "$T/elsewhere" && "$AMANATSU" --restore "$T/v$v.snapshot") >"$T/v$v.out" 2>"$T/v$v.err"
    rc=$?
    if [ $rc -ne 0 ] || ! cat "$T/a.out" "$T/v$v.out" | cmp -s - "$T/straight.out"; then
      fail "a version $v file does not restore (status $rc): $(head -c 300 "$T/v$v.err")"
    else
      note "a version $v file ($n sections) restores"
    fi
  done
  # but a version 1 file cannot have the shared mappings section, nor a
  # version 2 file the signal state section
  head -c "$hdr7" "$SNAP" >"$T/v1bad.snapshot"
  "$SNAPTOOL" set-u32 "$T/v1bad.snapshot" 8 1
  "$SNAPTOOL" set-u32 "$T/v1bad.snapshot" 12 6
  "$SNAPTOOL" fix-header "$T/v1bad.snapshot"
  (cd "$T/elsewhere" && "$AMANATSU" --restore "$T/v1bad.snapshot") >"$T/r.out" 2>"$T/r.err"
  expect_refusal "version 1 with a shared mappings section" 'section type 6.*version 1' \
    "$T/r.out" "$T/r.err" $?
  cp "$SNAP" "$T/v2bad.snapshot"
  "$SNAPTOOL" set-u32 "$T/v2bad.snapshot" 8 2
  "$SNAPTOOL" fix-header "$T/v2bad.snapshot"
  (cd "$T/elsewhere" && "$AMANATSU" --restore "$T/v2bad.snapshot") >"$T/r.out" 2>"$T/r.err"
  expect_refusal "version 2 with a signal state section" 'section type 7.*version 2' \
    "$T/r.out" "$T/r.err" $?
fi

# Fuzz: each byte of the shared mappings section flipped, checksums fixed up.
mapfile -t SECTIONS < <("$SNAPTOOL" sections "$GOOD")
read -r _ type _ payload len <<<"${SECTIONS[5]}"
fuzzed=0 valid=0
for ((o = 0; o < len; o++)); do
  cp "$GOOD" "$T/z.snapshot"
  "$SNAPTOOL" flip "$T/z.snapshot" $((payload + o))
  "$SNAPTOOL" fix-sections "$T/z.snapshot"
  (cd "$T/elsewhere" && exec timeout -s KILL 20 "$AMANATSU" --restore "$T/z.snapshot" \
    --max-instructions 0) </dev/null >"$T/z.out" 2>"$T/z.err"
  rc=$?
  if [ $rc -eq 124 ]; then
    valid=$((valid + 1))
  elif [ $rc -ne 126 ] || [ "$(wc -l <"$T/z.err")" -ne 1 ]; then
    fail "fuzz: byte $o of the shared mappings section flipped: --restore exited with $rc: $(head -c 300 "$T/z.err")"
  fi
  fuzzed=$((fuzzed + 1))
done
note "fuzz: $fuzzed files with one byte of the shared mappings section flipped: $valid still valid, the rest refused cleanly"
finish "shared file mappings across a restore"
