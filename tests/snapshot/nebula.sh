#!/usr/bin/env bash
# Nebula's snapshot format (/work/shared/NEBULA_SNAPSHOT.md).
#
#   nebula.sh AMANATSU GUESTDIR SNAPDIR
#
# (a) round trips: a run with --snapshot-format nebula (which lays the
#     program out below 2 GiB) prints what a default run prints; its
#     --snapshots N file, restored, finishes the run with the same stdout and
#     exit status; so does a second Nebula snapshot taken by a restored run
#     (--restore F --snapshot-format nebula --snapshots M).  Nebula files hold
#     neither a break nor the zero pages of the program, so counts where the
#     program later touches fresh memory (bss, heap, deeper stack) are
#     included on purpose.
# (b) a fixture written by hand from the specification
#     (make_nebula_fixture.sh): restored, it prints "hello from nebula",
#     exits 0 and notes on stderr what was assumed; broken variants are
#     refused with one line before anything runs.
# (c) --snapshot-format nebula refuses, clearly and without leaving a file,
#     a snapshot of a program with memory above 4 GiB (MAP_FIXED at 8 GiB).
# (d) a Nebula snapshot of a program with a live shared file mapping
#     (sharedmap) warns that the mapping becomes plain memory.
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 3 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
GUESTDIR=$(cd "$2" && pwd) || exit 2
SNAPDIR=$(cd "$3" && pwd) || exit 2
HERE=$(cd "$(dirname "$0")" && pwd)
new_tmp nebula
T=$SNAP_TMP
W=$T/w
mkdir -p "$T/elsewhere"

# --- (a) round trips ---------------------------------------------------------

# roundtrip CASE COUNT...: COUNT may be "half" or "last" (E/2, E-1).
roundtrip() {
  local c=$1 n in pos key val label
  shift
  golden_load_case "$c" || { fail "no golden case $c"; return; }
  local bin=$GUESTDIR/$CASE_BIN
  rm -rf "$W" && mkdir -p "$W"
  (cd "$W" && guest_env "$bin" "${CASE_ARGS[@]}") <"$CASE_STDIN" >"$T/d.out" 2>/dev/null
  local dstatus=$?
  rm -rf "$W" && mkdir -p "$W"
  (cd "$W" && guest_env --snapshot-format nebula --stats "$T/s.json" "$bin" "${CASE_ARGS[@]}") \
    <"$CASE_STDIN" >"$T/s.out" 2>"$T/s.err"
  local status=$?
  cmp -s "$T/s.out" "$T/d.out" && [ $status = $dstatus ] ||
    fail "$c: a run with --snapshot-format nebula (low layout) differs from a default run (status $status vs $dstatus)"
  local e
  e=$(stat_num "$T/s.json" retired_instructions)
  for n in "$@"; do
    case $n in half) n=$((e / 2)) ;; last) n=$((e - 1)) ;; esac
    label="$c @ $n (nebula)"
    rm -rf "$W" && mkdir -p "$W"
    rm -f "$T"/*.snapshot
    pos=0
    exec {in}<"$CASE_STDIN"
    (cd "$W" && guest_env --snapshot-format nebula --snapshots "$n" --max-instructions "$n" \
      --snapshot-prefix "$T/p" "$bin" "${CASE_ARGS[@]}") <&"$in" >"$T/a.out" 2>"$T/a.err"
    while read -r key val; do [ "$key" = pos: ] && pos=$val; done </proc/self/fdinfo/"$in"
    exec {in}<&-
    [ "$CASE_STDIN" = /dev/null ] && pos=0
    tail -c +$((pos + 1)) "$CASE_STDIN" >"$T/rest"
    local snap
    snap=$(snapshot_name "$T/p" "$n")
    [ -f "$snap" ] || { fail "$label: no snapshot written: $(cat "$T/a.err")"; continue; }
    (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$snap" --stats "$T/r.json") <"$T/rest" \
      >"$T/b.out" 2>"$T/b.err"
    local rst=$?
    if cat "$T/a.out" "$T/b.out" | cmp -s - "$T/s.out" && [ $rst = "$status" ]; then
      note "$label: same output and exit status"
    else
      fail "$label: restored run: status $rst (straight $status), stdout $(cat "$T/a.out" "$T/b.out" | cmp -s - "$T/s.out" && echo same || echo differs); $(grep -v '^amanatsu: note' "$T/b.err" | head -n 2)"
    fi
    [ "$(stat_num "$T/r.json" retired_instructions)" -ge "$n" ] 2>/dev/null ||
      fail "$label: the restored run's count does not continue from $n"
    grep -q '^amanatsu: note: .*Nebula snapshot' "$T/b.err" ||
      fail "$label: no note on stderr about what the restore assumed"
  done
}

# chain CASE: nebula snapshot at E/3, restored with --snapshot-format nebula
# and a second snapshot at 2E/3, which is restored in turn.
chain() {
  local c=$1
  golden_load_case "$c" || { fail "no golden case $c"; return; }
  local bin=$GUESTDIR/$CASE_BIN e a b
  rm -rf "$W" && mkdir -p "$W"
  (cd "$W" && guest_env --snapshot-format nebula --stats "$T/s.json" "$bin" "${CASE_ARGS[@]}") \
    </dev/null >"$T/s.out" 2>/dev/null
  e=$(stat_num "$T/s.json" retired_instructions)
  a=$((e / 3)) b=$((2 * e / 3))
  rm -f "$T"/*.snapshot
  (cd "$W" && guest_env --snapshot-format nebula --snapshots $a --max-instructions $a \
    --snapshot-prefix "$T/c" "$bin" "${CASE_ARGS[@]}") </dev/null >"$T/a.out" 2>/dev/null
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$(snapshot_name "$T/c" $a)" --snapshot-format nebula \
    --snapshots $b --max-instructions $b --snapshot-prefix "$T/c") </dev/null >"$T/b.out" 2>"$T/b.err"
  [ -f "$(snapshot_name "$T/c" $b)" ] || { fail "$c: no second Nebula snapshot at $b after a restore: $(tail -n 1 "$T/b.err")"; return; }
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$(snapshot_name "$T/c" $b)") </dev/null >"$T/c.out" 2>"$T/c.err"
  if cat "$T/a.out" "$T/b.out" "$T/c.out" | cmp -s - "$T/s.out"; then
    note "$c: Nebula snapshot at $a, restored, snapshot again at $b, restored: same output"
  else
    fail "$c: chained Nebula restores ($a, then $b) do not give the straight run's output: $(grep -v note "$T/c.err" | head -n 1)"
  fi
}

roundtrip hello half last
roundtrip sum half
roundtrip stdin_stats half
roundtrip strings half last
roundtrip sieve half
roundtrip mmap_test 3000000 half
roundtrip rtmix_gc_O2 half
roundtrip rtmix_imac_O2 7 half
# the program touches memory after the restore that was all zeros before
roundtrip bignum 7
roundtrip recursion 7
roundtrip linkedlist 5000000
chain hello
chain strings

# --- (b) a fixture written from the specification ---------------------------

if ! command -v riscv64-linux-gnu-as >/dev/null || ! command -v riscv64-linux-gnu-ld >/dev/null; then
  fail "riscv64-linux-gnu-as/ld are needed to assemble the Nebula fixture"
else
  fx=$T/fixture.snapshot
  "$HERE/make_nebula_fixture.sh" "$fx" ok || fail "make_nebula_fixture.sh failed"
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$fx" --stats "$T/fx.json") </dev/null >"$T/fx.out" 2>"$T/fx.err"
  rc=$?
  [ $rc -eq 0 ] || fail "fixture: exit status $rc: $(cat "$T/fx.err")"
  [ "$(cat "$T/fx.out")" = "hello from nebula" ] || fail "fixture: stdout is '$(head -c 200 "$T/fx.out")'"
  if [ "$(wc -l <"$T/fx.err")" -ne 1 ] || ! grep -Eq '^amanatsu: note: .*Nebula.*assumed' "$T/fx.err"; then
    fail "fixture: expected one note line on stderr saying what was assumed, got: $(cat "$T/fx.err")"
  fi
  grep -q 'FP registers 0' "$T/fx.err" || fail "fixture: the note does not say the FP registers were assumed 0"
  [ "$(stat_num "$T/fx.json" retired_instructions)" = 9 ] ||
    fail "fixture: retired count $(stat_num "$T/fx.json" retired_instructions), expected 9"
  note "hand-written fixture: $(cat "$T/fx.out"); $(cat "$T/fx.err")"

  # with FP registers and instructions_committed 1000; snapshot again in
  # Nebula's format after 3 instructions (our writer, fed by a hand-made file)
  "$HERE/make_nebula_fixture.sh" "$fx" fp
  rm -f "$T"/again.*
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$fx" --stats "$T/fx.json" --snapshot-format nebula \
    --snapshots 1003 --snapshot-prefix "$T/again") </dev/null >"$T/fx.out" 2>"$T/fx.err"
  rc=$?
  [ $rc -eq 0 ] && [ "$(cat "$T/fx.out")" = "hello from nebula" ] ||
    fail "fixture with FP registers: status $rc, stdout '$(cat "$T/fx.out")': $(cat "$T/fx.err")"
  grep -q 'FP registers 0' "$T/fx.err" && fail "fixture with FP registers: the note says they were missing"
  [ "$(stat_num "$T/fx.json" retired_instructions)" = 1009 ] ||
    fail "fixture with FP registers: retired count $(stat_num "$T/fx.json" retired_instructions), expected 1009 (absolute)"
  again=$(snapshot_name "$T/again" 1003)
  if [ -f "$again" ]; then
    (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$again") </dev/null >"$T/fx2.out" 2>"$T/fx2.err"
    # a0 and a1 were set by then: the write must still find them
    [ "$(cat "$T/fx2.out")" = "hello from nebula" ] ||
      fail "fixture re-snapshotted after 3 instructions: stdout '$(cat "$T/fx2.out")': $(cat "$T/fx2.err")"
  else
    fail "fixture: no Nebula snapshot written at 1003 after restoring it"
  fi

  # --snapshot-info describes Amanatsu's format only: one clear line
  "$AMANATSU" --snapshot-info "$fx" >"$T/i.out" 2>"$T/i.err"
  rc=$?
  if [ $rc -eq 0 ]; then
    grep -qi nebula "$T/i.out" || fail "--snapshot-info on a Nebula file: status 0 but no mention of Nebula"
  else
    expect_refusal "--snapshot-info on a Nebula file" 'nebula' "$T/i.out" "$T/i.err" $rc
  fi

  for v in x0:'register "0"' unaligned-frame:'frame.*aligned' shared-frame:'share.*frame' \
    frame-too-high:'frame.*4 GiB' unaligned-page:'64 KiB page' bad-json:'JSON' \
    short-register:'register "5"' byte-range:'register "6"' no-pc:'%pc' \
    no-count:'instructions_committed'; do
    "$HERE/make_nebula_fixture.sh" "$fx" "${v%%:*}"
    (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$fx") </dev/null >"$T/v.out" 2>"$T/v.err"
    expect_refusal "Nebula fixture '${v%%:*}'" "${v#*:}" "$T/v.out" "$T/v.err" $?
  done
  rm -f "$fx"
fi

# --- (c) memory above 4 GiB --------------------------------------------------

rm -rf "$W" "$T/hi" && mkdir -p "$W" "$T/hi"
(cd "$W" && guest_env "$SNAPDIR/highmap") </dev/null >"$T/hi.straight" 2>&1
(cd "$W" && guest_env --snapshot-format nebula --snapshots 200000 --snapshot-prefix "$T/hi/h" \
  "$SNAPDIR/highmap") </dev/null >"$T/hi.out" 2>"$T/hi.err"
rc=$?
if [ $rc -eq 0 ]; then
  fail "highmap: a Nebula snapshot with memory at 8 GiB did not fail the run (status 0)"
elif ! grep -Eq '^amanatsu: snapshot at 200000 not written: .*(above 4 GiB|4 GiB)' "$T/hi.err"; then
  fail "highmap: no clear message about memory above 4 GiB: $(cat "$T/hi.err")"
elif [ "$(grep -c '^amanatsu:' "$T/hi.err")" -ne 1 ]; then
  fail "highmap: expected one message, got: $(cat "$T/hi.err")"
fi
[ -z "$(ls -A "$T/hi")" ] || fail "highmap: files left after the refused snapshot: $(ls -A "$T/hi")"
cmp -s "$T/hi.out" "$T/hi.straight" || fail "highmap: the run's output changed: $(cat "$T/hi.out")"
note "memory at 8 GiB: status $rc, $(cat "$T/hi.err")"
# the same program snapshots and restores fine in Amanatsu's format
(cd "$W" && guest_env --snapshots 200000 --max-instructions 200000 --snapshot-prefix "$T/hi/h" \
  "$SNAPDIR/highmap") </dev/null >/dev/null 2>&1
(cd "$T/elsewhere" && exec "$AMANATSU" --restore "$(snapshot_name "$T/hi/h" 200000)") </dev/null >"$T/hi.r" 2>&1
cmp -s "$T/hi.r" "$T/hi.straight" || fail "highmap: Amanatsu-format round trip: $(cat "$T/hi.r")"

# --- (d) a shared file mapping -------------------------------------------------

rm -rf "$W" && mkdir -p "$W"
(cd "$W" && guest_env --snapshot-format nebula --snapshots 500000 --max-instructions 500000 \
  --snapshot-prefix "$T/sh" "$SNAPDIR/sharedmap") </dev/null >/dev/null 2>"$T/sh.err"
if [ ! -f "$(snapshot_name "$T/sh" 500000)" ]; then
  fail "sharedmap: no Nebula snapshot at 500000: $(cat "$T/sh.err")"
elif ! grep -q "^amanatsu: warning: .*shared mapping of $W/shared.dat" "$T/sh.err"; then
  fail "sharedmap: no warning about the shared mapping: $(cat "$T/sh.err")"
else
  note "shared file mapping: $(grep 'shared mapping' "$T/sh.err")"
fi

finish "Nebula format"
