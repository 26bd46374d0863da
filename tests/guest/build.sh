#!/usr/bin/env bash
# Build the guest programs listed in programs.txt without CMake:
#
#   tests/guest/build.sh OUTDIR [BINARY...]
#
# Same compiler and flags as the CMake build (riscv64-linux-gnu-gcc -static
# FLAGS -o OUTDIR/BINARY SOURCES); RISCV_GCC overrides the compiler.
# EXTRA_CFLAGS is appended (e.g. EXTRA_CFLAGS=-Werror).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [BINARY...]" >&2; exit 2; }
out=$1
shift
mkdir -p "$out"
cc=${RISCV_GCC:-riscv64-linux-gnu-gcc}
declare -A sets=()
built=0
while read -r first rest; do
  case $first in '' | '#'*) continue ;; esac
  if [ "$first" = set ]; then
    read -r var val <<<"$rest"
    sets[$var]=$val
    continue
  fi
  [ "$first" != qemu ] || continue # qemu CPU for a binary: see golden_lib.sh
  name=$first
  read -r srcs flagspec <<<"$rest"
  if [ $# -gt 0 ]; then
    want=0
    for b in "$@"; do [ "$b" = "$name" ] && want=1; done
    [ $want = 1 ] || continue
  fi
  flags=()
  libs=() # -l options go after the sources: a static link resolves in order
  for f in $flagspec; do
    if [ "${f#-l}" != "$f" ]; then
      libs+=("$f")
    elif [ "${f#@}" != "$f" ]; then
      [ -n "${sets[${f#@}]+x}" ] || { echo "unknown flag set $f for $name" >&2; exit 1; }
      read -r -a more <<<"${sets[${f#@}]}"
      flags+=("${more[@]}")
    else
      flags+=("$f")
    fi
  done
  read -r -a extra <<<"${EXTRA_CFLAGS:-}"
  sources=()
  IFS=, read -r -a parts <<<"$srcs"
  for s in "${parts[@]}"; do sources+=("$here/$s"); done
  "$cc" -static "${flags[@]}" "${extra[@]}" -o "$out/$name" "${sources[@]}" "${libs[@]}"
  built=$((built + 1))
done <"$here/programs.txt"
echo "built $built guest programs in $out"
