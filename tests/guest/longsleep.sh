#!/usr/bin/env bash
# Sleeps of centuries on the deterministic clocks: they return at once and
# the clocks saturate instead of wrapping (tests/guest/longsleep.c).  No
# oracle: qemu-riscv64 would really sleep.
#
#   longsleep.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
out=$(timeout -s KILL 20 "$1" "$2/longsleep" 2>&1)
rc=$?
want='sleep 0: 0
sleep 1: 0
sleep 2: 0
sleep 3: 0
monotonic never went back: 1'
if [ $rc -ne 0 ] || [ "$out" != "$want" ]; then
  echo "FAIL: status $rc, output:"
  echo "$out"
  exit 1
fi
echo "four sleeps of centuries: the clocks saturate"
