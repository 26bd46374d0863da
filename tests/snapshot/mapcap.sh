#!/usr/bin/env bash
# A program at the mapping limit is captured and restored:
# tests/snapshot/mapcap.c splits one mapping until mprotect is refused at
# Amanatsu's limit (Linux's vm.max_map_count, 65530), reads every page,
# and merges the pieces back.  A snapshot taken at the limit (--snapshot-info
# lists 65000 to 65530 mappings) and one after the merge each resume to the
# straight run's output, exit status and final count.
#
#   mapcap.sh AMANATSU SNAPDIR
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
BIN=$(cd "$2" && pwd)/mapcap
new_tmp mapcap
cd "$SNAP_TMP" || exit 2

"$AMANATSU" --stats full.json "$BIN" >full.out 2>full.err
st=$?
E=$(stat_num full.json retired_instructions)
[ $st -eq 0 ] && [ -n "$E" ] && grep -q "then Cannot allocate memory" full.out ||
  { fail "straight run: status $st, output '$(cat full.out)'"; finish "mapping limit"; }

# 45% of the run is in the reading at the limit (the splits take about a
# third), 75% after the merge
for pct in 45 75; do
  n=$((E * pct / 100))
  s=$(snapshot_name mapcap "$n")
  "$AMANATSU" --snapshots "$n" --max-instructions "$n" "$BIN" >p1.out 2>p1.err
  maps=$("$AMANATSU" --snapshot-info "$s" | sed -n 's/^mappings: //p')
  if [ "$pct" = 45 ] && ! { [ "${maps:-0}" -ge 65000 ] && [ "$maps" -le 65530 ]; }; then
    fail "snapshot at $n: $maps mappings, expected the limit"
  fi
  "$AMANATSU" --restore "$s" --stats p2.json >p2.out 2>p2.err
  st=$?
  cat p1.out p2.out | cmp -s - full.out || fail "resumed at $n: output differs: $(cat p1.out p2.out)"
  [ $st -eq 0 ] || fail "resumed at $n: status $st: $(cat p2.err)"
  [ "$(stat_num p2.json retired_instructions)" = "$E" ] || fail "resumed at $n: final count differs"
  note "snapshot at $n ($maps mappings) resumed"
  rm -f "$s"
done
finish "mapping limit"
