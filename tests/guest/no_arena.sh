#!/usr/bin/env bash
# Without the arena (memory/mem.h), which a ulimit -v below its 256 GiB
# refuses, Amanatsu says so once on stderr and runs the program correctly
# on its slow path: every load and store through the page table.  Compared
# with the golden outputs, which come from qemu-riscv64.  Skipped (77) when
# the build cannot start under the limit at all (AddressSanitizer reserves
# terabytes of shadow memory).
#
#   no_arena.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
sim=$1 dir=$2 exp=$(cd "$(dirname "$0")" && pwd)/expected
limit=4000000 # KiB
(ulimit -v $limit && "$sim" --version >/dev/null 2>&1) || { echo "SKIP: $sim does not start under ulimit -v $limit"; exit 77; }
warn="amanatsu: warning: could not reserve 256 GiB of address space for guest memory (ulimit -v?); running slower"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for c in mmap_test malloc_stress matmul; do
  (cd "$tmp" && ulimit -v $limit &&
    env -i PATH=/usr/bin:/bin LANG=C AMANATSU_TEST_VAR=hello timeout -s KILL 120 "$sim" "$dir/$c" \
      </dev/null >"$tmp/$c.out" 2>"$tmp/$c.err")
  rc=$?
  { printf '%s\n' "$warn"; cat "$exp/$c/stderr"; } >"$tmp/$c.experr"
  if [ "$rc" != "$(cat "$exp/$c/status")" ] || ! cmp -s "$tmp/$c.out" "$exp/$c/stdout" ||
    ! cmp -s "$tmp/$c.err" "$tmp/$c.experr"; then
    echo "FAIL: $c (status $rc)"
    diff "$tmp/$c.experr" "$tmp/$c.err" | head -n 5
    diff "$exp/$c/stdout" "$tmp/$c.out" | head -n 5
    fail=1
  fi
done
[ $fail = 0 ] && echo "slow path only: outputs as qemu's, one warning"
exit $fail
