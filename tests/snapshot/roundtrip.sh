#!/usr/bin/env bash
# Snapshot round trips over the golden cases (tests/guest/cases.txt).
#
#   roundtrip.sh AMANATSU GUESTDIR CASE...
#   roundtrip.sh AMANATSU GUESTDIR --shard I/N [--exclude CASE,CASE...]
#
# Each case runs as tests/run_golden.sh runs it (fixed environment, fresh
# working folder, stdin from tests/guest/inputs).  A straight run gives the
# final count E; then for each count N in {0, 1, 7, seeded random counts, a
# count whose next instruction is an ecall, E-2, E-1}:
#   1. a fresh folder runs the case with --snapshots N --max-instructions N,
#      which leaves the folder as it was after N instructions;
#   2. from another folder, --restore resumes it, its stdin being the rest of
#      the input (the bytes the guest had not read by N, known from the file
#      offset that run 1's stdin shares with this script);
# and the two parts together must equal the straight run: stdout, stderr
# (minus part 1's "stopped after N" line), exit status, the files left in the
# working folder (the golden manifest) and the final retired count.
# A snapshot taken while a pipe is open must be refused by the restore, with
# one clear line and before anything runs.
#
# The final state digest is compared in a second series of runs with stdout
# and stderr on /dev/null: glibc fstats stdout, and the struct stat of two
# different output files (inode numbers, times) would stay in memory and make
# two correct runs differ, while /dev/null looks the same to every run.
#
# Every run of a case uses the same working folder path, one after the other
# (some programs call getcwd: a path of another length changes the count).
# The digest is compared after a random count and E-1 (one random count for
# cases with E > 250M instructions, which also use fewer counts: {1, ecall,
# random, E-1}).
#
# SNAPSHOT_SEED (default 1) seeds the random counts; SNAPSHOT_KEEP=1 keeps
# the temporary folders.  Runs have no timeout of their own: ctest's TIMEOUT
# bounds the whole test.
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

if [ $# -lt 3 ]; then
  sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
AMANATSU=$(abs "$1")
GUESTDIR=$(cd "$2" && pwd) || exit 2
shift 2
OBJDUMP=$(command -v riscv64-linux-gnu-objdump || true)
HEAVY=250000000
PROBE_LIMIT=200000
# Cases whose memory ends up holding host state that differs between two
# correct runs (inode numbers and times of the files and pipes they stat):
# their final state digest is not compared.
HOST_STATE_CASES="files fileio dirs pipes"

cases=()
if [ "$1" = --shard ]; then
  shard=${2%/*} nshards=${2#*/} exclude=,
  [ "${3-}" = --exclude ] && exclude=",$4,"
  i=0
  while read -r c; do
    case $exclude in *",$c,"*) continue ;; esac
    [ $((i % nshards)) -eq "$shard" ] && cases+=("$c")
    i=$((i + 1))
  done < <(golden_case_names)
else
  cases=("$@")
fi
[ ${#cases[@]} -gt 0 ] || { echo "no cases selected"; exit 2; }
new_tmp roundtrip

for case in "${cases[@]}"; do
  if ! golden_load_case "$case"; then
    fail "$case: no such case"
    continue
  fi
  BIN=$GUESTDIR/$CASE_BIN
  [ -x "$BIN" ] || { fail "$case: $BIN is missing"; continue; }
  T=$SNAP_TMP/$case
  W=$T/w
  mkdir -p "$T/elsewhere"
  SECONDS=0
  straight_run
  if [ -z "$E" ] || [ "$E" -lt 10 ]; then
    fail "$case: no retired count from the straight run (status $S_STATUS)"
    continue
  fi
  NECALL=$(ecall_count)
  seed=$(($(printf '%s' "$case" | cksum | cut -d' ' -f1) + ${SNAPSHOT_SEED:-1}))
  RANDOM=$((seed % 32768))
  # (not $(...): bash reseeds RANDOM in subshells)
  rnd() { R=$(((RANDOM * 32768 + RANDOM) % (${1:-$E} - 10) + 8)); }
  rnd && r1=$R && rnd && r2=$R
  if [ "$E" -gt $HEAVY ]; then
    counts=(1 "$r1" $((E - 1)))
  elif [ "$E" -gt 50000000 ]; then
    counts=(0 1 7 "$r1" $((E - 2)) $((E - 1)))
  else
    counts=(0 1 7 "$r1" "$r2" $((E - 2)) $((E - 1)))
  fi
  [ -n "$NECALL" ] && counts+=("$NECALL")
  mapfile -t counts < <(printf '%s\n' "${counts[@]}" | sort -nu)
  passed=0 refused=0 qpassed=0
  for n in "${counts[@]}"; do one_count "$n"; done

  # the state digest, with stdout and stderr on /dev/null
  qcounts=()
  if [[ " $HOST_STATE_CASES " != *" $case "* ]]; then
    fresh_w
    (cd "$W" && umask 022 && guest_env --stats "$T/q.json" "$BIN" "${CASE_ARGS[@]}") \
      <"$CASE_STDIN" >/dev/null 2>&1
    Q_STATUS=$?
    read_stats "$T/q.json"
    QE=$STAT_E Q_DIGEST=$STAT_D
    if [ -z "$QE" ] || [ "$QE" -lt 10 ] || [ -z "$Q_DIGEST" ]; then
      fail "$case: no retired count or digest from the straight run on /dev/null"
    elif [ "$QE" -gt $HEAVY ]; then
      rnd "$QE" && qcounts=("$R")
    else
      rnd "$QE" && qcounts=("$R" $((QE - 1)))
    fi
    for n in "${qcounts[@]}"; do quiet_count "$n"; done
  fi
  echo "$case: E=$E counts ${counts[*]} (ecall after ${NECALL:-none}): $passed round trips equal," \
    "$refused refused (pipe open); digest after ${qcounts[*]:-(not compared)}: $qpassed equal; ${SECONDS}s"
  [ "${SNAPSHOT_KEEP-}" = 1 ] || rm -rf "$T"
done
finish "snapshot round trips"
