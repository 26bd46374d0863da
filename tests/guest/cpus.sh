#!/usr/bin/env bash
# Amanatsu runs one thread, and a program sees one CPU however it asks:
# sysconf(_SC_NPROCESSORS_ONLN/_CONF) and get_nprocs (glibc reads
# /sys/devices/system/cpu/online and /possible) agree with
# sched_getaffinity.  The host's count would make a program that sizes its
# work by it run differently from host to host.  No oracle: qemu-riscv64
# reports the host's CPUs.
#
#   cpus.sh AMANATSU GUESTDIR
set -u
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
out=$(timeout -s KILL 20 "$1" "$2/cpus" 2>&1)
rc=$?
if [ $rc -ne 0 ] || [ "$out" != "onln 1 conf 1 nprocs 1 affinity 1" ]; then
  echo "FAIL: status $rc, output '$out'"
  exit 1
fi
echo "one CPU, however asked"
