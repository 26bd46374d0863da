#!/usr/bin/env bash
# Golden-output differential test runner for the guest programs in tests/guest.
#
#   run_golden.sh SIM BINDIR [CASE...]
#
# SIM     simulator under test (e.g. build/amanatsu, or qemu-riscv64 to check
#         the suite itself); run as `SIM BINDIR/BINARY ARGS...`.
# BINDIR  directory holding the built guest binaries (build/tests/guest).
# CASE    case names from tests/guest/cases.txt; none means all of them.
#
# Each case runs in a fresh temporary directory with a fixed environment
# (env -i PATH=/usr/bin:/bin LANG=C AMANATSU_TEST_VAR=hello, umask 022) and its
# stdin from tests/guest/inputs/ or /dev/null.  stdout, stderr, the exit
# status and the files left in the directory (path, mode, size, SHA-256) are
# compared with tests/guest/expected/CASE/.  When qemu-riscv64 is available
# ($QEMU, else found on PATH; QEMU=none disables) the case also runs under it
# and the two live runs are compared too.
#
# Environment: QEMU, GOLDEN_TIMEOUT (seconds per run, default 120),
# GOLDEN_KEEP=1 keeps the temporary directories for inspection.
# Prints PASS/FAIL per case and a final "N passed, N failed" line; exits 0
# only if every case passed (2 on usage errors).
set -u
# shellcheck source-path=SCRIPTDIR source=guest/golden_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/guest/golden_lib.sh"

if [ $# -lt 2 ]; then
  sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
SIM=$(golden_resolve_cmd "$1") || golden_die "simulator '$1' not found or not executable"
# Checking the suite itself under qemu: give it the binaries' -cpu options too.
SIM_KIND=sim
if golden_is_qemu "$SIM"; then SIM_KIND=qemu; fi
BINDIR=$(cd "$2" 2>/dev/null && pwd) || golden_die "binary directory '$2' does not exist"
shift 2

QEMU_CMD=
if [ "${QEMU-}" != none ]; then
  if [ -n "${QEMU-}" ]; then
    QEMU_CMD=$(golden_resolve_cmd "$QEMU") || golden_die "QEMU=$QEMU not found"
  else
    QEMU_CMD=$(golden_resolve_cmd qemu-riscv64) || QEMU_CMD=
  fi
fi

if [ $# -eq 0 ]; then
  mapfile -t CASES < <(golden_case_names)
else
  CASES=("$@")
fi

DIFF_LINES=${GOLDEN_DIFF_LINES:-40}
problems=()

# show_diff LABEL_A FILE_A LABEL_B FILE_B
show_diff() {
  diff -u -a --label "$1" --label "$3" "$2" "$4" | head -n "$DIFF_LINES"
  local n
  n=$(diff -a "$2" "$4" | wc -l)
  [ "$n" -le "$DIFF_LINES" ] || echo "... ($n diff lines in all)"
}

# check_expected CASE OUT SHOW: compare one run with tests/guest/expected/CASE;
# diffs are printed only when SHOW is 1.
check_expected() {
  local case=$1 out=$2 show=$3 exp=$EXPECTED_DIR/$1 s
  if [ ! -d "$exp" ]; then
    problems+=("no expected output in $exp (run tests/guest/regen.sh)")
    return
  fi
  for s in stdout stderr; do
    if [ -f "$exp/$s" ]; then
      if ! cmp -s "$exp/$s" "$out/$s"; then
        problems+=("$s differs from expected")
        [ "$show" = 1 ] && show_diff "expected/$case/$s" "$exp/$s" "actual $s" "$out/$s"
      fi
    elif [ -f "$exp/$s.sha256" ]; then
      local want got
      want=$(cat "$exp/$s.sha256")
      got=$(golden_sha_size "$out/$s")
      if [ "$want" != "$got" ]; then
        problems+=("$s differs from expected (sha256 size: expected $want, got $got)")
        if [ "$show" = 1 ]; then
          echo "first lines of actual $s:"
          head -n 20 "$out/$s" | cut -c1-200
        fi
      fi
    else
      problems+=("expected/$case has no $s")
    fi
  done
  if [ "$(cat "$exp/status")" != "$(cat "$out/status")" ]; then
    problems+=("exit status $(cat "$out/status"), expected $(cat "$exp/status")")
  fi
  if ! cmp -s "$exp/files" "$out/files"; then
    problems+=("files left in the working directory differ from expected")
    [ "$show" = 1 ] && show_diff "expected/$case/files" "$exp/files" "actual files" "$out/files"
  fi
  return 0
}

# check_live OUT QOUT: compare the simulator's run with a live qemu run.
check_live() {
  local out=$1 q=$2 s
  for s in stdout stderr files; do
    if ! cmp -s "$q/$s" "$out/$s"; then
      problems+=("$s differs from live qemu")
      show_diff "qemu $s" "$q/$s" "sim $s" "$out/$s"
      if [ "$s" = files ]; then
        # name the regular files whose contents differ, with the first byte
        local f
        while IFS= read -r f; do
          [ -f "$q/work/$f" ] && [ -f "$out/work/$f" ] && ! cmp -s "$q/work/$f" "$out/work/$f" &&
            echo "$f: $(cmp "$q/work/$f" "$out/work/$f" 2>&1 | head -n 1)"
        done < <(cd "$out/work" && find . -type f | sed 's|^\./||')
      fi
    fi
  done
  if [ "$(cat "$q/status")" != "$(cat "$out/status")" ]; then
    problems+=("exit status $(cat "$out/status"), live qemu gave $(cat "$q/status")")
  fi
  return 0
}

passed=0
failed=0
failed_names=()
[ -n "$QEMU_CMD" ] || echo "note: no live qemu-riscv64 run (QEMU=none or not found); comparing with stored expected output only"
for case in "${CASES[@]}"; do
  problems=()
  if ! golden_load_case "$case"; then
    echo "FAIL $case: no such case in $CASES_FILE"
    failed=$((failed + 1))
    failed_names+=("$case")
    continue
  fi
  if [ ! -x "$BINDIR/$CASE_BIN" ]; then
    echo "FAIL $case: guest binary $BINDIR/$CASE_BIN is missing (build target guest_$CASE_BIN)"
    failed=$((failed + 1))
    failed_names+=("$case")
    continue
  fi
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden.$case.XXXXXX")
  report=$tmp/report
  : >"$report"
  golden_run "$SIM" "$BINDIR" "$case" "$tmp/sim" "$SIM_KIND"
  live_differs=0
  if [ -n "$QEMU_CMD" ]; then
    golden_run "$QEMU_CMD" "$BINDIR" "$case" "$tmp/qemu" qemu
    check_live "$tmp/sim" "$tmp/qemu" >>"$report"
    [ ${#problems[@]} -eq 0 ] || live_differs=1
  fi
  # Diffs against the stored output are shown when there is no live qemu
  # diff to look at (no qemu, or qemu agrees with the simulator).
  n_live=${#problems[@]}
  check_expected "$case" "$tmp/sim" $((1 - live_differs)) >>"$report"
  if [ -n "$QEMU_CMD" ] && [ $live_differs = 0 ] && [ ${#problems[@]} -gt "$n_live" ]; then
    problems+=("live qemu agrees with the simulator: expected/$case may be stale or host-dependent")
  fi
  if [ ${#problems[@]} -eq 0 ]; then
    echo "PASS $case"
    passed=$((passed + 1))
  else
    echo "FAIL $case: $CASE_BIN ${CASE_ARGS[*]}"
    printf '    - %s\n' "${problems[@]}"
    sed 's/^/    | /' "$report"
    if [ -s "$tmp/sim/stderr" ] && ! grep -q "stderr differs" <<<"${problems[*]}"; then
      echo "    stderr of the run:"
      head -n 20 "$tmp/sim/stderr" | sed 's/^/    | /'
    fi
    failed=$((failed + 1))
    failed_names+=("$case")
  fi
  if [ "${GOLDEN_KEEP-}" = 1 ]; then echo "    kept $tmp"; else rm -rf "$tmp"; fi
done

[ $failed -eq 0 ] || echo "failed cases: ${failed_names[*]}"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
