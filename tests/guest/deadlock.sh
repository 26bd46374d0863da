#!/usr/bin/env bash
# A wait that nothing can end (no other thread, no signal from outside)
# stops the run: one line "amanatsu: deadlock: ..." on stderr and exit
# status 124, instead of hanging.  Linux and qemu-riscv64 block for ever
# there, so this is checked against the message, not an oracle.
#
#   deadlock.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$1
PROG=$2/waits
failures=0
for what in pause select sigsuspend futex; do
  errf=$(mktemp)
  out=$(timeout -s KILL 20 "$AMANATSU" "$PROG" "$what" 2>"$errf")
  rc=$?
  err=$(cat "$errf")
  rm -f "$errf"
  if [ $rc -ne 124 ] || [ "$out" != "waiting: $what" ] ||
     [[ $err != "amanatsu: deadlock: "* || $err == *$'\n'* ]]; then
    echo "FAIL: $what: status $rc, stdout '$out', stderr '$err'"
    failures=$((failures + 1))
  else
    echo "  $what: $err"
  fi
done
[ $failures -eq 0 ] && echo "deadlocks: all checks passed" && exit 0
exit 1
