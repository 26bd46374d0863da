#!/usr/bin/env bash
# Regenerate tests/guest/expected/ from the reference oracle, qemu-riscv64.
#
#   tests/guest/regen.sh BINDIR [CASE...]
#
# BINDIR holds the built guest programs: build/tests/guest after a CMake
# build, or any directory filled by tests/guest/build.sh.  With no CASE every
# case in cases.txt is regenerated and expected/ directories of cases that no
# longer exist are removed.  Each case is run twice, exactly as
# tests/run_golden.sh runs it (same arguments, stdin, environment, fresh
# directory); if the two runs differ the program is not deterministic and
# nothing is written for it.  QEMU=/path/to/qemu-riscv64 picks the oracle.
#
# Stored per case in expected/CASE/: stdout and stderr (or stdout.sha256 /
# stderr.sha256 holding "SHA256 SIZE" when larger than 64 KiB), status, and
# files (manifest of the working directory after the run).
set -u
# shellcheck source-path=SCRIPTDIR source=golden_lib.sh
. "$(cd "$(dirname "$0")" && pwd)/golden_lib.sh"

[ $# -ge 1 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
BINDIR=$(cd "$1" 2>/dev/null && pwd) || golden_die "binary directory '$1' does not exist"
shift
ORACLE=$(golden_resolve_cmd "${QEMU:-qemu-riscv64}") || golden_die "qemu-riscv64 not found (set QEMU=...)"

all=0
if [ $# -eq 0 ]; then
  all=1
  mapfile -t CASES < <(golden_case_names)
else
  CASES=("$@")
fi

dups=$(golden_case_names | sort | uniq -d)
[ -z "$dups" ] || golden_die "duplicate case names in cases.txt: $dups"

bad=0
for case in "${CASES[@]}"; do
  golden_load_case "$case" || golden_die "no such case: $case"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/regen.$case.XXXXXX")
  golden_run "$ORACLE" "$BINDIR" "$case" "$tmp/a" qemu
  golden_run "$ORACLE" "$BINDIR" "$case" "$tmp/b" qemu
  nondet=
  for s in stdout stderr status files; do
    cmp -s "$tmp/a/$s" "$tmp/b/$s" || nondet="$nondet $s"
  done
  if [ "$(cat "$tmp/a/status")" = missing-binary ]; then
    echo "ERROR $case: $(cat "$tmp/a/stderr")"
    bad=$((bad + 1))
  elif [ -n "$nondet" ]; then
    echo "ERROR $case: two runs under qemu differ in:$nondet (not deterministic), nothing written"
    bad=$((bad + 1))
  else
    exp=$EXPECTED_DIR/$case
    rm -rf "$exp"
    mkdir -p "$exp"
    for s in stdout stderr; do
      if [ "$(stat -c %s "$tmp/a/$s")" -gt "$GOLDEN_STORE_LIMIT" ]; then
        golden_sha_size "$tmp/a/$s" >"$exp/$s.sha256"
      else
        cp "$tmp/a/$s" "$exp/$s"
      fi
    done
    cp "$tmp/a/status" "$tmp/a/files" "$exp/"
    echo "ok $case (status $(cat "$exp/status"), $(stat -c %s "$tmp/a/stdout") bytes stdout, $(wc -l <"$exp/files") files)"
  fi
  rm -rf "$tmp"
done

if [ $all = 1 ]; then
  for d in "$EXPECTED_DIR"/*/; do
    [ -d "$d" ] || continue
    n=$(basename "$d")
    if ! golden_case_names | grep -qxF "$n"; then
      echo "removing stale expected/$n"
      rm -rf "$d"
    fi
  done
fi
[ $bad -eq 0 ] || { echo "$bad case(s) failed"; exit 1; }
