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
# Cases with E > 250M instructions use fewer counts: {1, ecall, random, E-1},
# and one random count for the digest.
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
# correct runs (inode numbers and times of the files they create and stat):
# their final state digest is not compared.
HOST_STATE_CASES="files fileio dirs"

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

# guest_env ARGS...: amanatsu with the golden cases' environment (no
# timeout(1): process creation is what these tests spend most time on).
guest_env() { exec env -i "${GOLDEN_ENV[@]}" "$AMANATSU" "$@"; }

# fresh_w: an empty working folder $W (always the same path).
fresh_w() {
  shopt -s nullglob dotglob
  local left=("$W"/*)
  shopt -u nullglob dotglob
  [ ${#left[@]} -eq 0 ] || rm -rf "$W"
  [ -d "$W" ] || mkdir -p "$W"
}

# count_syscalls FILE: lines of an --strace log (no subprocess).
count_syscalls() {
  local line n=0 re='^[0-9]+ [a-z_0-9]+\('
  while IFS= read -r line; do [[ $line =~ $re ]] && n=$((n + 1)); done <"$1"
  echo $n
}

# syscalls_by N: how many system calls --strace logs in the first N instructions.
syscalls_by() {
  fresh_w
  (cd "$W" && umask 022 && guest_env --strace --max-instructions "$1" "$BIN" "${CASE_ARGS[@]}") \
    <"$CASE_STDIN" >"$T/probe.out" 2>"$T/probe.err"
  count_syscalls "$T/probe.err"
}

# ecall_count: a count after which the next instruction is an ecall: the
# first write among the system calls of the first PROBE_LIMIT instructions
# (of the whole run if there are none and the run is short), else the middle
# one, found by bisection on the strace log.  Empty if none.
ecall_count() {
  local bound=$PROBE_LIMIT k lo hi mid i line calls=() re='^[0-9]+ ([a-z_0-9]+)\('
  [ "$E" -le "$bound" ] && bound=$((E - 1))
  syscalls_by "$bound" >/dev/null
  while IFS= read -r line; do [[ $line =~ $re ]] && calls+=("${BASH_REMATCH[1]}"); done <"$T/probe.err"
  if [ ${#calls[@]} -eq 0 ] && [ "$bound" -lt $((E - 1)) ] && [ "$E" -le 50000000 ]; then
    bound=$((E - 1)) # a program without early system calls: search the whole run
    syscalls_by "$bound" >/dev/null
    while IFS= read -r line; do [[ $line =~ $re ]] && calls+=("${BASH_REMATCH[1]}"); done <"$T/probe.err"
  fi
  [ ${#calls[@]} -gt 0 ] || return 0
  k=$(((${#calls[@]} + 1) / 2))
  for i in "${!calls[@]}"; do
    if [ "${calls[$i]}" = write ]; then k=$((i + 1)); break; fi
  done
  lo=0 hi=$bound
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if [ "$(syscalls_by "$mid")" -ge "$k" ]; then hi=$mid; else lo=$mid; fi
  done
  echo "$lo"
}

# is_ecall_at SNAPSHOT: the instruction at the snapshot's pc is an ecall.
is_ecall_at() {
  local pc
  pc=$(info_field "$1" pc)
  [ -n "$pc" ] || return 1
  "$OBJDUMP" -d --start-address="$pc" --stop-address=$((pc + 4)) "$BIN" |
    grep -E '^ *[0-9a-f]+:' | head -n 1 | grep -qw ecall
}

# read_stats FILE: STAT_E and STAT_D from a --stats file (no subprocess).
read_stats() {
  local line re1='"retired_instructions": ([0-9]+)' re2='"state_digest": "([0-9a-f]+)"'
  STAT_E= STAT_D=
  [ -f "$1" ] || return 0
  while IFS= read -r line; do
    [[ $line =~ $re1 ]] && STAT_E=${BASH_REMATCH[1]}
    [[ $line =~ $re2 ]] && STAT_D=${BASH_REMATCH[1]}
  done <"$1"
}

# manifest DIR OUT: the golden manifest, without subprocesses for an empty folder.
manifest() {
  shopt -s nullglob dotglob
  local f=("$1"/*)
  shopt -u nullglob dotglob
  if [ ${#f[@]} -eq 0 ]; then : >"$2"; else golden_manifest "$1" >"$2"; fi
}

# snapshot_run N D OUT ERR: in a fresh $W, run to N with a snapshot at N
# (prefix D/snap); sets POS (bytes of stdin read) and RC.
snapshot_run() {
  local in key val
  fresh_w
  POS=0
  # stdin shares its file offset with $in: what the guest read by N is known
  exec {in}<"$CASE_STDIN"
  (cd "$W" && umask 022 && guest_env --snapshots "$1" --max-instructions "$1" \
    --snapshot-prefix "$2/snap" "$BIN" "${CASE_ARGS[@]}") <&"$in" >"$3" 2>"$4"
  RC=$?
  while read -r key val; do [ "$key" = pos: ] && POS=$val; done </proc/self/fdinfo/"$in"
  exec {in}<&-
  [ "$CASE_STDIN" = /dev/null ] && POS=0
  return 0
}

# rest_of_stdin D: the input the guest had not read (the input itself when it
# had read nothing, so that fstat sees the same file as the straight run).
rest_of_stdin() {
  if [ "$CASE_STDIN" != /dev/null ] && [ "$POS" -gt 0 ]; then
    tail -c +$((POS + 1)) "$CASE_STDIN" >"$1/rest"
    echo "$1/rest"
  else
    echo "$CASE_STDIN"
  fi
}

# one_count N: snapshot at N, restore, compare with the straight run.
one_count() {
  local n=$1 d=$T/n$1 snap st rst last rest label="$case @ $1"
  mkdir -p "$d/elsewhere"
  snap=$(snapshot_name "$d/snap" "$n")
  snapshot_run "$n" "$d" "$d/a.out" "$d/a.err"
  st=$RC
  if [ "$st" -ne 124 ] || [ ! -f "$snap" ]; then
    fail "$label: the snapshot run ended with status $st (expected 124) or wrote no $snap; stderr: $(tail -n 3 "$d/a.err")"
    return
  fi
  # part 1's stderr without Amanatsu's final "stopped after N" line
  mapfile -t lines <"$d/a.err"
  last=${lines[${#lines[@]} - 1]:-}
  if [[ $last != *"amanatsu: stopped after $n instructions (--max-instructions) at pc "* ]]; then
    fail "$label: the snapshot run's stderr does not end with the 'stopped after $n' line"
    return
  fi
  last="amanatsu: ${last##*amanatsu: }"
  if [ ${#lines[@]} -eq 1 ] && [ "$last" = "${lines[0]}" ]; then
    : >"$d/a.err"
  else
    head -c -$((${#last} + 1)) "$d/a.err" >"$d/a.err1" && mv "$d/a.err1" "$d/a.err"
  fi
  rest=$(rest_of_stdin "$d")
  # restored from another folder: the snapshot's recorded one is used
  (cd "$d/elsewhere" && exec "$AMANATSU" --restore "$snap" --stats "$d/r.json") \
    <"$rest" >"$d/b.out" 2>"$d/b.err"
  rst=$?
  if [[ ${lines[*]} == *"cannot be reopened on restore"* ]]; then
    # a pipe was open: the restore must refuse, before running anything
    expect_refusal "$label (pipe open at the snapshot)" 'cannot be resumed' "$d/b.out" "$d/b.err" "$rst" &&
      refused=$((refused + 1))
    return
  fi
  [ "$n" = "$NECALL" ] && [ -n "$OBJDUMP" ] && ! is_ecall_at "$snap" &&
    fail "$label: the instruction at the snapshot's pc ($(info_field "$snap" pc)) is not an ecall"
  local bad=0
  cat "$d/a.out" "$d/b.out" | cmp -s - "$T/s.out" || { fail "$label: stdout differs (before+after vs straight)"; bad=1; }
  cat "$d/a.err" "$d/b.err" | cmp -s - "$T/s.err" || {
    fail "$label: stderr differs: $(cat "$d/a.err" "$d/b.err" | diff - "$T/s.err" | head -n 5 | tr '\n' '|')"
    bad=1
  }
  [ "$rst" = "$S_STATUS" ] || { fail "$label: exit status $rst, straight run $S_STATUS"; bad=1; }
  manifest "$W" "$d/files"
  cmp -s "$d/files" "$T/s.files" || {
    fail "$label: files differ: $(diff "$T/s.files" "$d/files" | head -n 4 | tr '\n' '|')"
    bad=1
  }
  read_stats "$d/r.json"
  [ "$STAT_E" = "$E" ] || { fail "$label: final retired count $STAT_E, straight run $E"; bad=1; }
  [ $bad = 0 ] && passed=$((passed + 1))
  [ "${SNAPSHOT_KEEP-}" = 1 ] && cp -a "$W" "$d/work"
  rm -f "$snap"
}

# quiet_count N: the same round trip with stdout and stderr on /dev/null,
# comparing the final state digest with the quiet straight run's.
quiet_count() {
  local n=$1 d=$T/q$1 snap rst rest label="$case @ $1 (stdout on /dev/null)"
  mkdir -p "$d/elsewhere"
  snap=$(snapshot_name "$d/snap" "$n")
  snapshot_run "$n" "$d" /dev/null "$d/a.err"
  if [ "$RC" -ne 124 ] || [ ! -f "$snap" ]; then
    fail "$label: the snapshot run ended with status $RC (expected 124) or wrote no snapshot"
    return
  fi
  grep -q 'cannot be reopened on restore' "$d/a.err" && return # a pipe: see one_count
  rest=$(rest_of_stdin "$d")
  (cd "$d/elsewhere" && exec "$AMANATSU" --restore "$snap" --stats "$d/r.json") <"$rest" >/dev/null 2>&1
  rst=$?
  read_stats "$d/r.json"
  local bad=0
  [ "$rst" = "$Q_STATUS" ] || { fail "$label: exit status $rst, straight run $Q_STATUS"; bad=1; }
  [ "$STAT_E" = "$QE" ] || { fail "$label: final retired count $STAT_E, straight run $QE"; bad=1; }
  [ "$STAT_D" = "$Q_DIGEST" ] || { fail "$label: final state digest $STAT_D, straight run $Q_DIGEST"; bad=1; }
  [ $bad = 0 ] && qpassed=$((qpassed + 1))
  rm -f "$snap"
}

for case in "${cases[@]}"; do
  if ! golden_load_case "$case"; then
    fail "$case: no such case"
    continue
  fi
  BIN=$GUESTDIR/$CASE_BIN
  [ -x "$BIN" ] || { fail "$case: $BIN is missing"; continue; }
  T=$SNAP_TMP/$case
  W=$T/w
  mkdir -p "$T"
  SECONDS=0
  fresh_w
  (cd "$W" && umask 022 && guest_env --stats "$T/s.json" "$BIN" "${CASE_ARGS[@]}") \
    <"$CASE_STDIN" >"$T/s.out" 2>"$T/s.err"
  S_STATUS=$?
  manifest "$W" "$T/s.files"
  read_stats "$T/s.json"
  E=$STAT_E
  if [ -z "$E" ] || [ "$E" -lt 10 ]; then
    fail "$case: no retired count from the straight run (status $S_STATUS)"
    continue
  fi
  NECALL=$(ecall_count)
  seed=$(($(printf '%s' "$case" | cksum | cut -d' ' -f1) + ${SNAPSHOT_SEED:-1}))
  RANDOM=$((seed % 32768))
  rnd() { echo $(((RANDOM * 32768 + RANDOM) % (${1:-$E} - 10) + 8)); }
  if [ "$E" -gt $HEAVY ]; then
    counts=(1 "$(rnd)" $((E - 1)))
  elif [ "$E" -gt 50000000 ]; then
    counts=(0 1 7 "$(rnd)" $((E - 2)) $((E - 1)))
  else
    counts=(0 1 7 "$(rnd)" "$(rnd)" $((E - 2)) $((E - 1)))
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
      qcounts=("$(rnd "$QE")")
    else
      qcounts=(7 "$(rnd "$QE")" $((QE - 1)))
    fi
    for n in "${qcounts[@]}"; do quiet_count "$n"; done
  fi
  echo "$case: E=$E counts ${counts[*]} (ecall after ${NECALL:-none}): $passed round trips equal," \
    "$refused refused (pipe open); digest after ${qcounts[*]:-(not compared)}: $qpassed equal; ${SECONDS}s"
  [ "${SNAPSHOT_KEEP-}" = 1 ] || rm -rf "$T"
done
finish "snapshot round trips"
