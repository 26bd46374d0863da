#!/usr/bin/env bash
# Command-line rules around --restore, each with the exit status and the one
# line users see:
#   - --snapshot-format (either value) and --snapshots work after --restore;
#   - options that describe a new run (--env, --unset-env, --host-time,
#     --start-time, --seed) are refused with --restore, naming the option;
#   - a PROGRAM after --restore is refused;
#   - a snapshot of a program with an open pipe says "a pipe" at capture and
#     when a restore refuses it;
#   - a --snapshot-prefix where snapshots cannot be written (no such
#     directory, a name too long), or a --stats file that cannot be, is
#     refused before the program runs.
#
#   options.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
A=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
G=$(cd "$2" && pwd) || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/snapshot.options.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
bad=0
fail() { echo "FAIL: $*"; bad=$((bad + 1)); }

"$A" --snapshots 500 "$G/sum" 2 3 5 7 11 13 17 19 23 29 >/dev/null 2>&1 || fail "capture of sum"
S=sum.000000000000500.snapshot
[ -f "$S" ] || { echo "FAIL: no $S"; exit 1; }

out=$("$A" --restore "$S" --snapshot-format amanatsu --snapshots 600 --snapshot-prefix r 2>/dev/null)
st=$?
[ $st -eq 0 ] && [ "$out" = 129 ] || fail "--restore with --snapshot-format amanatsu: status $st, output '$out'"
[ -f r.000000000000600.snapshot ] || fail "--restore with --snapshot-format amanatsu wrote no snapshot"
# A run laid out for Amanatsu has its stack at 256 GiB: a Nebula snapshot of
# it is refused with a reason, and the run itself still finishes.
out=$("$A" --restore "$S" --snapshot-format nebula --snapshots 600 --snapshot-prefix n 2>err)
st=$?
[ $st -eq 125 ] && [ "$out" = 129 ] && [ ! -e n.000000000000600.snapshot ] &&
  grep -q "^amanatsu: snapshot at 600 not written: .*above 4 GiB" err ||
  fail "--restore with --snapshot-format nebula: status $st, output '$out', message '$(cat err)'"

for opt in "--env X=1" "--unset-env X" "--host-time" "--start-time 5" "--seed 3"; do
  # shellcheck disable=SC2086
  "$A" --restore "$S" $opt >out 2>err
  st=$?
  name=${opt%% *}
  [ $st -eq 125 ] || fail "--restore with $opt: status $st, expected 125"
  [ ! -s out ] || fail "--restore with $opt printed on stdout"
  [ "$(wc -l <err)" -eq 1 ] && grep -q "^amanatsu: $name applies to a new run" err ||
    fail "--restore with $opt: message '$(cat err)'"
done

"$A" --restore "$S" "$G/sum" 1 >out 2>err
st=$?
[ $st -eq 125 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q "no PROGRAM" err ||
  fail "--restore with a PROGRAM: status $st, message '$(cat err)'"

# pipes: two pipe ends are open at 40000 instructions
"$A" --max-instructions 40000 --snapshots 40000 "$G/pipes" >/dev/null 2>err
grep -q "guest descriptor [0-9]* (a pipe) cannot be reopened" err ||
  fail "capture with an open pipe: '$(cat err)'"
"$A" --restore pipes.000000000040000.snapshot >out 2>err
st=$?
[ $st -eq 126 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q "was a pipe, which a snapshot cannot hold" err ||
  fail "restore with an open pipe: status $st, message '$(cat err)'"

long=$(printf 'p%.0s' $(seq 300))
for pre in "no/such/dir/p" "$long"; do
  for restore in "" "--restore $S"; do
    # shellcheck disable=SC2086
    if [ -n "$restore" ]; then
      "$A" $restore --snapshots 600 --snapshot-prefix "$pre" >out 2>err
    else
      "$A" --snapshots 600 --snapshot-prefix "$pre" "$G/sum" 1 2 >out 2>err
    fi
    st=$?
    [ $st -eq 125 ] && [ ! -s out ] && [ "$(wc -l <err)" -eq 1 ] &&
      grep -q "^amanatsu: snapshots cannot be written: .*${pre:0:20}" err ||
      fail "prefix ${pre:0:20}... ${restore:+(restore)}: status $st, stdout '$(cat out)', message '$(cat err)'"
  done
done

"$A" --stats no/such/dir/st.json "$G/sum" 1 2 >out 2>err
st=$?
[ $st -eq 125 ] && [ ! -s out ] && [ "$(wc -l <err)" -eq 1 ] &&
  grep -q "^amanatsu: statistics cannot be written: .*no/such/dir/st.json" err ||
  fail "--stats in a missing folder: status $st, stdout '$(cat out)', message '$(cat err)'"

[ $bad -eq 0 ] && echo "command-line rules around --restore: ok" || { echo "$bad check(s) failed"; exit 1; }
