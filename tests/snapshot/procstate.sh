#!/usr/bin/env bash
# Process state a restore must carry over, each checked with a snapshot
# taken right after the system call that changes it (found by bisection on
# the --strace log), restored from another folder, and compared with the
# straight run (stdout, stderr, exit status, files left, retired count):
#
#   umask (procinfo: after umask(077), it prints umask(022)'s result), the
#   working folder (dirs: after chdir), a folder being read (dirs: after the
#   first getdents64 of a listing), signal handlers and the signal mask
#   (signals), the program break (brk_test), file offsets (fileio: after
#   lseek), anonymous mappings and a shared file mapping (mmap_test: after
#   the restore, stores through it must reach the file and pwrites to the
#   file must show through it).
#
#   procstate.sh AMANATSU GUESTDIR
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 2 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
GUESTDIR=$(cd "$2" && pwd) || exit 2
new_tmp procstate

# after CASE K REGEX WHAT: snapshot right after the K-th system call
# matching REGEX of golden case CASE.
after() {
  local c=$1 k=$2 re=$3 what=$4 n
  case=$c
  golden_load_case "$c" || { fail "no golden case $c"; return; }
  BIN=$GUESTDIR/$CASE_BIN
  T=$SNAP_TMP/$c.$k.${re//[^a-z0-9]/}
  W=$T/w
  mkdir -p "$T/elsewhere"
  straight_run
  [ -n "$E" ] || { fail "$c: no retired count from the straight run"; return; }
  n=$(count_after "$k" "$re")
  [ -n "$n" ] || { fail "$c: fewer than $k system calls matching /$re/"; return; }
  passed=0 refused=0
  one_count "$n"
  [ $passed = 1 ] && note "$what: $c restored after system call $k matching /$re/ (count $n): same run"
}

after procinfo 1 '^umask\(077' "umask"
after dirs 1 '^chdir\(' "working folder"
after dirs 2 '^chdir\(' "working folder (back up)"
after dirs 1 '^getdents64\(' "folder being listed"
after dirs 3 '^getdents64\(' "folder being listed (second folder)"
after signals 1 '^rt_sigaction\(SIGUSR1' "signal handler"
after signals 1 '^rt_sigprocmask\(SIG_BLOCK' "blocked signal"
after signals 1 '^kill\(|^tgkill\(' "pending signal"
after brk_test 3 '^brk\(' "program break"
after fileio 2 '^lseek\(' "file offset"
after mmap_test 1 'MAP_SHARED' "shared file mapping"
after mmap_test 1 'MAP_PRIVATE\|MAP_ANONYMOUS' "anonymous mapping"
finish "process state across a restore"
