#!/usr/bin/env bash
# SS_AUTODISARM (Linux 4.7): the alternate stack is cleared while a handler
# runs on it and comes back when the handler returns.  No oracle: qemu 7.2
# refuses the flag.  The expected lines follow the kernel's rules
# (kernel/signal.c): __save_altstack saves the settings in the frame and
# resets them, so sigaltstack reports SS_DISABLE inside; rt_sigreturn
# restores them from the frame, and sigaltstack then reports the flag with
# the size set.
#
#   sigaltstack.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
out=$(timeout -s KILL 20 "$1" "$2/sigaltstack" autodisarm 2>&1)
rc=$?
want='autodisarm: 0
autodisarm: on the alternate stack 1, flags inside 2
after it: flags 0x80000000, size 65536'
if [ $rc -ne 0 ] || [ "$out" != "$want" ]; then
  echo "FAIL: status $rc, output:"
  echo "$out"
  exit 1
fi
echo "SS_AUTODISARM: disarmed in the handler, restored after it"
