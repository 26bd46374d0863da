#!/usr/bin/env bash
# Interval timers across snapshots, and with --host-time.
#
#   timers.sh AMANATSU GUESTDIR
#
# tests/guest/itimer arms ITIMER_REAL for 3 ms and spins until SIGALRM.  On
# the deterministic clock (one nanosecond per instruction) the signal comes
# at an exact count T, found here by bisection with --max-instructions and
# --strace.  A snapshot at T-1 must list the timer as due in 1 ns, one at T
# as due in 0 ns; restored at T-1, T and T+1 the run must end exactly as the
# straight run (stdout, status, final count).  A Nebula snapshot taken
# while the timer is armed warns that the timer is lost.  With --host-time
# (the host's clocks) the program's output must still be qemu-riscv64's
# (tests/guest/expected/itimer), for the plain run and for the one that
# SIGALRM's default action ends.
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
BIN=$(cd "$2" && pwd)/itimer
EXPECTED=$SNAP_TEST_DIR/../guest/expected
new_tmp timers
cd "$SNAP_TMP" || exit 2

"$AMANATSU" --stats full.json "$BIN" >full.out 2>full.err
st=$?
E=$(stat_num full.json retired_instructions)
cmp -s full.out "$EXPECTED/itimer/stdout" || fail "straight run: output differs from qemu's"
[ $st -eq 0 ] && [ -n "$E" ] || { fail "straight run: status $st"; finish "timers"; }

# The first SIGALRM: the smallest limit whose run delivers it (stdout goes
# to a file in every run: glibc's buffering, hence the count, depends on it).
delivered() { "$AMANATSU" --strace --max-instructions "$1" "$BIN" 2>&1 >probe.out | grep -q -- '--- SIGALRM'; }
lo=0 hi=$E
while [ $((hi - lo)) -gt 1 ]; do
  mid=$(((lo + hi) / 2))
  if delivered "$mid"; then hi=$mid; else lo=$mid; fi
done
T=$((hi - 1)) # delivered when the count is T, before instruction T+1 runs
note "SIGALRM delivered at count $T of $E"

for n in $((T - 1)) $T $((T + 1)); do
  s=$(snapshot_name itimer "$n")
  rm -f "$s"
  "$AMANATSU" --snapshots "$n" --max-instructions "$n" "$BIN" >p1.out 2>p1.err
  left=$("$AMANATSU" --snapshot-info "$s" | sed -n 's/^timer real: expires in \([0-9]*\) ns.*/\1/p')
  case $n in
  $((T - 1))) [ "$left" = 1 ] || fail "snapshot at T-1: timer real due in '$left' ns, expected 1" ;;
  "$T") [ "$left" = 0 ] || fail "snapshot at T: timer real due in '$left' ns, expected 0" ;;
  *) [ -z "$left" ] || fail "snapshot at T+1: timer real still armed ($left ns)" ;;
  esac
  "$AMANATSU" --restore "$s" --stats p2.json >p2.out 2>p2.err
  st=$?
  cat p1.out p2.out | cmp -s - full.out || fail "resumed at $n: output differs"
  [ $st -eq 0 ] || fail "resumed at $n: status $st: $(cat p2.err)"
  [ "$(stat_num p2.json retired_instructions)" = "$E" ] || fail "resumed at $n: final count differs"
done
note "resumed at T-1, T and T+1 as the straight run"

"$AMANATSU" --snapshot-format nebula --snapshots $((T - 100)) --max-instructions $((T - 100)) \
  --snapshot-prefix neb "$BIN" >/dev/null 2>neb.err
grep -q 'warning: Nebula snapshots hold no timers.*ITIMER_REAL' neb.err ||
  fail "Nebula capture with ITIMER_REAL armed: no warning: $(cat neb.err)"

"$AMANATSU" --host-time "$BIN" >host.out 2>host.err
st=$?
cmp -s host.out "$EXPECTED/itimer/stdout" && [ $st -eq 0 ] ||
  fail "--host-time: status $st, output differs from qemu's: $(diff host.out "$EXPECTED/itimer/stdout" | head -5)"
"$AMANATSU" --host-time "$BIN" die >die.out 2>die.err
st=$?
cmp -s die.out "$EXPECTED/itimer_die/stdout" && [ $st = "$(cat "$EXPECTED/itimer_die/status")" ] ||
  fail "--host-time die: status $st, output differs from qemu's"
note "--host-time: the same output as qemu-riscv64"
finish "timers"
