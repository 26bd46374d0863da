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

# run_guest DIR STDIN OUT ERR ARGS...: run amanatsu with ARGS in DIR with the
# golden cases' fixed environment; sets RC.
run_guest() {
  local dir=$1 in=$2 out=$3 err=$4
  shift 4
  (cd "$dir" && umask 022 &&
    exec timeout -k 5 "$GOLDEN_TIMEOUT" env -i "${GOLDEN_ENV[@]}" "$AMANATSU" "$@") <"$in" >"$out" 2>"$err"
  RC=$?
}

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
