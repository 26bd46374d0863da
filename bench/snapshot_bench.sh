#!/usr/bin/env bash
# Snapshot capture and restore cost for a guest with 64 MiB of touched,
# non-repeating memory (tests/snapshot/bigmem.c: fills 64 MiB, then loops
# over it a few times).
#
#   bench/snapshot_bench.sh [MIB]          (default 64)
#
# Environment:
#   AMANATSU   the simulator (default: build/amanatsu in this repository)
#   BIGMEM     the guest (default: the amanatsu binary's folder/tests/snapshot/bigmem)
#   RUNS       timed runs per command (default 5)
#   TMPDIR     where the snapshot is written (default /tmp)
#
# Timed with hyperfine when it is installed (medians), else with a loop of
# RUNS runs (medians).  Measures, at a count N where all the memory has been
# filled:
#   run to N                  --max-instructions N
#   run to N + capture        --snapshots N --max-instructions N
#   restore only              --restore FILE --max-instructions N (no instruction runs)
#   restore and finish        --restore FILE
#   straight run              the whole program, for comparison
#   startup                   amanatsu on a program stopped after 1 instruction
# and prints capture = (run to N + capture) - (run to N), and the snapshot's size.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
MIB=${1:-64}
AMANATSU=${AMANATSU:-$repo/build/amanatsu}
BIGMEM=${BIGMEM:-$(dirname "$AMANATSU")/tests/snapshot/bigmem}
RUNS=${RUNS:-5}
[ -x "$AMANATSU" ] || { echo "no simulator at $AMANATSU (set AMANATSU)" >&2; exit 2; }
[ -x "$BIGMEM" ] || { echo "no guest at $BIGMEM (build the tests, or set BIGMEM)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/snapshot_bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# N: a little before the end of a run that only fills (the same instructions
# as the measured run up to there), then checked: every page must be stored.
"$AMANATSU" --stats fill.json "$BIGMEM" "$MIB" 0 >/dev/null
e0=$(sed -n 's/^ *"retired_instructions": \([0-9]*\),$/\1/p' fill.json)
N=$((e0 - 3000))
"$AMANATSU" --stats full.json "$BIGMEM" "$MIB" 3 >/dev/null
E=$(sed -n 's/^ *"retired_instructions": \([0-9]*\),$/\1/p' full.json)
"$AMANATSU" --snapshots $N --max-instructions $N --snapshot-prefix "$tmp/b" "$BIGMEM" "$MIB" 3 >/dev/null 2>&1 || true
SNAP=$(printf '%s/b.%015d.snapshot' "$tmp" $N)
[ -f "$SNAP" ] || { echo "no snapshot written at $N" >&2; exit 1; }
pages=$("$AMANATSU" --snapshot-info "$SNAP" | sed -n 's/^pages: \([0-9]*\) stored.*/\1/p')
size=$(stat -c %s "$SNAP")
echo "guest: $BIGMEM $MIB 3 ($E instructions; snapshot after $N: $pages pages stored, $((size / 1048576)) MiB file)"
[ "$pages" -ge $((MIB * 256)) ] || echo "warning: fewer pages than $MIB MiB stored" >&2
"$AMANATSU" --restore "$SNAP" >restored.out
"$AMANATSU" "$BIGMEM" "$MIB" 3 >straight.out
cmp -s restored.out straight.out || { echo "the restored run's output differs" >&2; exit 1; }

names=("startup" "run to N" "run to N + capture" "restore only" "restore and finish" "straight run")
cmds=(
  "$AMANATSU --max-instructions 1 $BIGMEM $MIB 3"
  "$AMANATSU --max-instructions $N $BIGMEM $MIB 3"
  "$AMANATSU --snapshots $N --max-instructions $N --snapshot-prefix $tmp/c $BIGMEM $MIB 3"
  "$AMANATSU --restore $SNAP --max-instructions $N"
  "$AMANATSU --restore $SNAP"
  "$AMANATSU $BIGMEM $MIB 3"
)
declare -a med
if command -v hyperfine >/dev/null; then
  for i in "${!cmds[@]}"; do
    hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "h$i.json" "${cmds[$i]}" >/dev/null 2>&1
    med[$i]=$(sed -n 's/^ *"median": \([0-9.e-]*\),\{0,1\}$/\1/p' "h$i.json" | head -n 1)
  done
  how="hyperfine, $RUNS runs + 1 warm-up, median"
else
  for i in "${!cmds[@]}"; do
    ts=()
    for ((r = 0; r < RUNS; r++)); do
      s=$(date +%s%N)
      ${cmds[$i]} >/dev/null 2>&1 || true
      ts+=($(($(date +%s%N) - s)))
    done
    med[$i]=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.6f", a[int((NR + 1) / 2)] / 1e9 }')
  done
  how="shell loop, $RUNS runs, median"
fi
echo "timings ($how):"
for i in "${!cmds[@]}"; do printf '  %-22s %8.3f s\n' "${names[$i]}" "${med[$i]}"; done
awk -v a="${med[2]}" -v b="${med[1]}" -v r="${med[3]}" -v s="${med[0]}" -v mib="$MIB" 'BEGIN {
  printf "capture of %d MiB:        %8.3f s (run to N + capture - run to N)\n", mib, a - b
  printf "restore of %d MiB:        %8.3f s (restore only - startup: %.3f s)\n", mib, r - s, r
}'
