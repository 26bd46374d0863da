#!/bin/sh
# judge.sh NAME COMMAND...: run ISA test program NAME with COMMAND (amanatsu
# or qemu-riscv64 and the program).  It passes only when the program exits 0
# and its output ends with "ok NAME N checks", N > 0: an exit status alone
# would also pass a program that never reached its checks.
name=$1
shift
out=$("$@")
st=$?
printf '%s\n' "$out"
if [ "$st" -ne 0 ]; then
  echo "judge: $name exited with status $st" >&2
  exit 1
fi
if ! printf '%s\n' "$out" | tail -n 1 | grep -Eq "^ok $name [1-9][0-9]* checks\$"; then
  echo "judge: $name did not end with 'ok $name N checks'" >&2
  exit 1
fi
