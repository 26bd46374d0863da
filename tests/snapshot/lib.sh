# shellcheck shell=bash
# Shared by the snapshot tests (sourced, not run): failure bookkeeping, the
# golden cases' conventions (tests/guest/golden_lib.sh), stats parsing and
# the checks every refusal must pass.

SNAP_TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../guest/golden_lib.sh
. "$SNAP_TEST_DIR/../guest/golden_lib.sh"

FAILURES=0
fail() {
  echo "FAIL: $*"
  FAILURES=$((FAILURES + 1))
}
note() { echo "  $*"; }

# finish NAME: the last line of every test script.
finish() {
  if [ "$FAILURES" -eq 0 ]; then
    echo "$1: all checks passed"
    exit 0
  fi
  echo "$1: $FAILURES check(s) failed"
  exit 1
}

# abs PATH: absolute path of an existing file.
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }

# Temporary folder of the test, removed at exit unless SNAPSHOT_KEEP=1.
new_tmp() {
  SNAP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/snapshot.$1.XXXXXX")
  if [ "${SNAPSHOT_KEEP-}" = 1 ]; then
    echo "keeping $SNAP_TMP"
  else
    trap 'rm -rf "$SNAP_TMP"' EXIT
  fi
}

# stat_num FILE KEY / stat_str FILE KEY: a field of a --stats JSON file.
stat_num() { sed -n "s/^ *\"$2\": \([0-9-]*\),\{0,1\}$/\1/p" "$1" 2>/dev/null; }
stat_str() { sed -n "s/^ *\"$2\": \"\([^\"]*\)\",\{0,1\}$/\1/p" "$1" 2>/dev/null; }

# snapshot_name PREFIX COUNT: the file --snapshots writes.
snapshot_name() { printf '%s.%015d.snapshot' "$1" "$2"; }

# info_field SNAPSHOT LABEL: a line of --snapshot-info ("pc", "retired instructions"...).
info_field() { "$AMANATSU" --snapshot-info "$1" 2>/dev/null | sed -n "s/^$2: //p" | head -n 1; }

# expect_refusal LABEL PATTERN OUT ERR RC: a refusal made before any guest
# instruction ran: a non-zero status that is not the guest's (126), nothing on
# stdout, and exactly one line on stderr, starting with "amanatsu:" and
# matching the extended regular expression PATTERN.
expect_refusal() {
  local label=$1 pat=$2 out=$3 err=$4 rc=$5 lines
  lines=$(wc -l <"$err")
  if [ "$rc" -ne 126 ]; then
    fail "$label: exit status $rc, expected 126 (refused); stderr: $(head -c 300 "$err")"
  elif [ -s "$out" ]; then
    fail "$label: refused but printed on stdout: $(head -c 200 "$out")"
  elif [ "$lines" -ne 1 ]; then
    fail "$label: expected exactly one line on stderr, got $lines: $(head -c 400 "$err")"
  elif ! grep -q '^amanatsu: ' "$err"; then
    fail "$label: stderr does not start with 'amanatsu: ': $(cat "$err")"
  elif ! grep -Eqi -- "$pat" "$err"; then
    fail "$label: message does not match /$pat/: $(cat "$err")"
  else
    return 0
  fi
  return 1
}

# ---- running a golden case in pieces (roundtrip.sh, procstate.sh) ----
# Globals: AMANATSU, BIN, CASE_* (golden_load_case), T (the case's folder),
# W (its working folder, always the same path), E, S_STATUS and $T/s.out,
# s.err, s.files (the straight run: straight_run), NECALL and OBJDUMP.

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

# syscalls_by N [REGEX]: how many system calls (matching the extended
# regular expression REGEX, e.g. '^umask\(') --strace logs in the first N
# instructions; the log is left in $T/probe.err.
syscalls_by() {
  local line n=0 re='^[0-9]+ ([a-z_0-9]+\(.*)' pat=${2:-.}
  fresh_w
  (cd "$W" && umask 022 && guest_env --strace --max-instructions "$1" "$BIN" "${CASE_ARGS[@]}") \
    <"$CASE_STDIN" >"$T/probe.out" 2>"$T/probe.err"
  while IFS= read -r line; do
    [[ $line =~ $re ]] && [[ ${BASH_REMATCH[1]} =~ $pat ]] && n=$((n + 1))
  done <"$T/probe.err"
  echo $n
}

# count_after K REGEX: the count right after the K-th system call matching
# REGEX has retired (its ecall was the count-th instruction), by bisection.
# Empty if the run has fewer such calls.
count_after() {
  local lo=0 hi=$E mid
  [ "$(syscalls_by "$E" "$2")" -ge "$1" ] || return 0
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(((lo + hi) / 2))
    if [ "$(syscalls_by "$mid" "$2")" -ge "$1" ]; then hi=$mid; else lo=$mid; fi
  done
  echo "$hi"
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
  if [ ${#calls[@]} -eq 0 ] && [ "$bound" -lt $((E - 1)) ] && [ "$E" -le 15000000 ]; then
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

# manifest DIR OUT: what DIR holds (type, path, mode, size, link target, and
# the SHA-256 of each regular file), in a few processes whatever the number of
# files; nothing at all for an empty folder.
manifest() {
  shopt -s nullglob dotglob
  local f=("$1"/*)
  shopt -u nullglob dotglob
  if [ ${#f[@]} -eq 0 ]; then
    : >"$2"
  else
    (cd "$1" && find . -mindepth 1 -printf '%y %P mode=%m size=%s %l\n' | LC_ALL=C sort &&
      find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum) >"$2"
  fi
}

# snapshot_run N PREFIX OUT ERR: in a fresh $W, run to N with a snapshot at N
# (PREFIX.%015u.snapshot); sets POS (bytes of stdin read) and RC.
snapshot_run() {
  local in key val
  fresh_w
  POS=0
  # stdin shares its file offset with $in: what the guest read by N is known
  exec {in}<"$CASE_STDIN"
  (cd "$W" && umask 022 && guest_env --snapshots "$1" --max-instructions "$1" \
    --snapshot-prefix "$2" "$BIN" "${CASE_ARGS[@]}") <&"$in" >"$3" 2>"$4"
  RC=$?
  while read -r key val; do [ "$key" = pos: ] && POS=$val; done </proc/self/fdinfo/"$in"
  exec {in}<&-
  [ "$CASE_STDIN" = /dev/null ] && POS=0
  return 0
}

# rest_of_stdin PREFIX: sets REST to the input the guest had not read
# (PREFIX.rest; the input itself when it had read nothing, so that fstat sees
# the same file as the straight run).
rest_of_stdin() {
  REST=$CASE_STDIN
  if [ "$CASE_STDIN" != /dev/null ] && [ "$POS" -gt 0 ]; then
    REST=$1.rest
    tail -c +$((POS + 1)) "$CASE_STDIN" >"$REST"
  fi
}

# same_concat A B S: A followed by B is S (fewer processes when one is empty).
same_concat() {
  if [ ! -s "$1" ] && [ ! -s "$2" ]; then [ ! -s "$3" ]
  elif [ ! -s "$1" ]; then cmp -s "$2" "$3"
  elif [ ! -s "$2" ]; then cmp -s "$1" "$3"
  else cat "$1" "$2" | cmp -s - "$3"; fi
}

# is_ecall_at SNAPSHOT: the instruction at the snapshot's pc is an ecall.
is_ecall_at() {
  local pc
  pc=$(info_field "$1" pc)
  [ -n "$pc" ] || return 1
  "$OBJDUMP" -d --start-address="$pc" --stop-address=$((pc + 4)) "$BIN" |
    grep -E '^ *[0-9a-f]+:' | head -n 1 | grep -qw ecall
}

# straight_run: the case run once without snapshots in a fresh $W: sets
# S_STATUS and E, leaves $T/s.out, s.err, s.json and s.files.
straight_run() {
  fresh_w
  (cd "$W" && umask 022 && guest_env --stats "$T/s.json" "$BIN" "${CASE_ARGS[@]}") \
    <"$CASE_STDIN" >"$T/s.out" 2>"$T/s.err"
  S_STATUS=$?
  manifest "$W" "$T/s.files"
  read_stats "$T/s.json"
  E=$STAT_E
}

# one_count N: snapshot at N, restore, compare with the straight run.
# (Written to spawn few processes: they are most of these tests' time.)
one_count() {
  local n=$1 d=$T/n$1 snap st rst last label="$case @ $1"
  printf -v snap '%s.%015d.snapshot' "$T/snap" "$n"
  snapshot_run "$n" "$T/snap" "$d.a.out" "$d.a.err"
  st=$RC
  if [ "$st" -ne 124 ] || [ ! -f "$snap" ]; then
    fail "$label: the snapshot run ended with status $st (expected 124) or wrote no $snap; stderr: $(tail -n 3 "$d.a.err")"
    return
  fi
  # part 1's stderr without Amanatsu's final "stopped after N" line
  mapfile -t lines <"$d.a.err"
  last=${lines[${#lines[@]} - 1]:-}
  if [[ $last != *"amanatsu: stopped after $n instructions (--max-instructions) at pc "* ]]; then
    fail "$label: the snapshot run's stderr does not end with the 'stopped after $n' line"
    return
  fi
  last="amanatsu: ${last##*amanatsu: }"
  if [ ${#lines[@]} -eq 1 ] && [ "$last" = "${lines[0]}" ]; then
    : >"$d.a.err"
  else
    head -c -$((${#last} + 1)) "$d.a.err" >"$d.a.err1" && mv "$d.a.err1" "$d.a.err"
  fi
  rest_of_stdin "$d"
  # restored from another folder: the snapshot's recorded one is used
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$snap" --stats "$d.r.json") \
    <"$REST" >"$d.b.out" 2>"$d.b.err"
  rst=$?
  if [[ ${lines[*]} == *"cannot be reopened on restore"* ]]; then
    # a pipe was open: the restore must refuse, before running anything
    expect_refusal "$label (pipe open at the snapshot)" 'cannot be resumed' "$d.b.out" "$d.b.err" "$rst" &&
      refused=$((refused + 1))
    return
  fi
  [ "$n" = "${NECALL-}" ] && [ -n "${OBJDUMP-}" ] && ! is_ecall_at "$snap" &&
    fail "$label: the instruction at the snapshot's pc ($(info_field "$snap" pc)) is not an ecall"
  local bad=0
  same_concat "$d.a.out" "$d.b.out" "$T/s.out" || { fail "$label: stdout differs (before+after vs straight)"; bad=1; }
  same_concat "$d.a.err" "$d.b.err" "$T/s.err" || {
    fail "$label: stderr differs: $(cat "$d.a.err" "$d.b.err" | diff - "$T/s.err" | head -n 5 | tr '\n' '|')"
    bad=1
  }
  [ "$rst" = "$S_STATUS" ] || { fail "$label: exit status $rst, straight run $S_STATUS"; bad=1; }
  manifest "$W" "$d.files"
  if [ -s "$d.files" ] || [ -s "$T/s.files" ]; then
    cmp -s "$d.files" "$T/s.files" || {
      fail "$label: files differ: $(diff "$T/s.files" "$d.files" | head -n 4 | tr '\n' '|')"
      bad=1
    }
  fi
  read_stats "$d.r.json"
  [ "$STAT_E" = "$E" ] || { fail "$label: final retired count $STAT_E, straight run $E"; bad=1; }
  [ $bad = 0 ] && passed=$((passed + 1))
  [ "${SNAPSHOT_KEEP-}" = 1 ] && cp -a "$W" "$d.work"
  [ "$E" -gt 50000000 ] && rm -f "$snap" # (big programs, big snapshots)
  return 0
}

# quiet_count N: the same round trip with stdout and stderr on /dev/null,
# comparing the final state digest with the quiet straight run's (Q_STATUS,
# QE, Q_DIGEST).
quiet_count() {
  local n=$1 d=$T/q$1 snap rst label="$case @ $1 (stdout on /dev/null)"
  printf -v snap '%s.%015d.snapshot' "$T/qsnap" "$n"
  snapshot_run "$n" "$T/qsnap" /dev/null "$d.a.err"
  if [ "$RC" -ne 124 ] || [ ! -f "$snap" ]; then
    fail "$label: the snapshot run ended with status $RC (expected 124) or wrote no snapshot"
    return
  fi
  [[ $(<"$d.a.err") == *"cannot be reopened on restore"* ]] && return # a pipe: see one_count
  rest_of_stdin "$d"
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$snap" --stats "$d.r.json") <"$REST" >/dev/null 2>&1
  rst=$?
  read_stats "$d.r.json"
  local bad=0
  [ "$rst" = "$Q_STATUS" ] || { fail "$label: exit status $rst, straight run $Q_STATUS"; bad=1; }
  [ "$STAT_E" = "$QE" ] || { fail "$label: final retired count $STAT_E, straight run $QE"; bad=1; }
  [ "$STAT_D" = "$Q_DIGEST" ] || { fail "$label: final state digest $STAT_D, straight run $Q_DIGEST"; bad=1; }
  [ $bad = 0 ] && qpassed=$((qpassed + 1))
  [ "$E" -gt 50000000 ] && rm -f "$snap"
  return 0
}
