#!/usr/bin/env bash
# A system call Amanatsu does not implement returns ENOSYS, and its first
# use says so on stderr, naming it ("amanatsu: system call clone (220) is
# not implemented ..."); a number Linux does not have either gets ENOSYS
# silently, as from Linux, and so does a Unix socket (glibc's lookups of
# users and hosts try nscd's and go on without it).  --stats counts the
# calls by their Linux names.  Linux and qemu-riscv64 implement these calls,
# so this is checked against the message, not an oracle.
#
#   unsupported.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
errf=$(mktemp)
stats=$(mktemp)
trap 'rm -f "$errf" "$stats"' EXIT
out=$(timeout -s KILL 20 "$1" --stats "$stats" "$2/unsupported" 2>"$errf")
rc=$?
want_out="fork: -1 Function not implemented
fork again: -1 Function not implemented
unix socket: -1 Function not implemented
socket: -1 Function not implemented
syscall 999999: -1 Function not implemented"
want_err="amanatsu: system call clone (220) is not implemented (Amanatsu runs one process with one thread); the program gets ENOSYS
amanatsu: system call socket (198) is not implemented; the program gets ENOSYS"
if [ $rc -ne 0 ] || [ "$out" != "$want_out" ] || [ "$(cat "$errf")" != "$want_err" ] ||
   ! grep -Eq '"clone": 2,?$' "$stats" || ! grep -Eq '"socket": 2,?$' "$stats"; then
  echo "FAIL: status $rc"
  echo "stdout:"; echo "$out"
  echo "stderr:"; cat "$errf"
  echo "stats:"; cat "$stats"
  exit 1
fi
echo "unimplemented system calls: named once each, ENOSYS"
