#!/usr/bin/env bash
# Floating-point benchmarks: Amanatsu against qemu-riscv64 and the native
# build, with hyperfine (commands alternated by round, as bench/run.sh does
# for the integer suite).  Unlike that suite the outputs are not compared
# with the native build's: x86-64 gcc does not contract a*b+c into fused
# multiply-adds and riscv64 gcc does, so the low bits differ; Amanatsu's
# output must equal qemu's.
#
#   bench/fp/run.sh [NAME[=SIZE]...]     default: nbody nbody_up mandelf conv libm matint
#
# Environment: AMANATSU (default build/amanatsu), QEMU, RVCC, HOSTCC, RUNS (5),
# BENCH_OUT (default bench/out/fp), PIN (a CPU to run the timed commands on,
# as for bench/run.sh).
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
AMANATSU=${AMANATSU:-$repo/build/amanatsu}
QEMU=${QEMU:-qemu-riscv64}
RVCC=${RVCC:-riscv64-linux-gnu-gcc}
HOSTCC=${HOSTCC:-gcc}
RUNS=${RUNS:-5}
OUT=${BENCH_OUT:-$repo/bench/out/fp}
mkdir -p "$OUT"
pin=
if [ -n "${PIN:-}" ]; then
  case $PIN in *[!0-9]*) echo "PIN must be a CPU number" >&2; exit 1 ;; esac
  taskset -c "$PIN" true 2>/dev/null || { echo "cannot run on CPU $PIN (taskset -c $PIN)" >&2; exit 1; }
  pin="taskset -c $PIN "
fi
[ $# -gt 0 ] || set -- nbody nbody_up mandelf conv libm matint
printf '| program | guest instructions | amanatsu s | qemu s | native s | qemu/amanatsu | amanatsu/native |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for a in "$@"; do
  n=${a%%=*}
  size=()
  [ "$n" != "$a" ] && size=("${a#*=}")
  "$RVCC" -static -O2 -march=rv64gc -mabi=lp64d -Wall -Wextra -o "$OUT/$n.rv" "$here/$n.c" -lm
  "$HOSTCC" -O2 -Wall -Wextra -o "$OUT/$n.native" "$here/$n.c" -lm
  "$AMANATSU" --stats "$OUT/$n.stats.json" "$OUT/$n.rv" "${size[@]}" >"$OUT/$n.amanatsu.out"
  "$QEMU" "$OUT/$n.rv" "${size[@]}" >"$OUT/$n.qemu.out"
  cmp -s "$OUT/$n.amanatsu.out" "$OUT/$n.qemu.out" || { echo "$n: amanatsu and qemu outputs differ" >&2; exit 1; }
  insns=$(sed -n 's/.*"retired_instructions": *\([0-9][0-9]*\).*/\1/p' "$OUT/$n.stats.json" | head -n 1)
  : >"$OUT/$n.times"
  # Fresh copies of the executables each round, as bench/run.sh does.
  copies=$OUT/copies
  rm -rf "$copies"
  for r in $(seq "$RUNS"); do
    c=$copies/$r
    mkdir -p "$c"
    cp "$AMANATSU" "$c/amanatsu" && cp "$(command -v "$QEMU")" "$c/qemu" && cp "$OUT/$n.native" "$c/native"
    hyperfine -N -r 1 --export-json "$OUT/$n.json" "$pin$c/amanatsu $OUT/$n.rv ${size[*]}" \
      "$pin$c/qemu $OUT/$n.rv ${size[*]}" "$pin$c/native ${size[*]}" >/dev/null 2>&1
    awk -v r="$r" '/"user":/ { sub(/.*: */, ""); sub(/,.*/, ""); u = $0 }
                   /"system":/ { sub(/.*: */, ""); sub(/,.*/, ""); printf "%d %d %.6f\n", r, ++c, u + $0 }' \
      "$OUT/$n.json" >>"$OUT/$n.times"
  done
  rm -rf "$copies"
  med() { awk -v c="$1" '$2 == c { print $3 }' "$OUT/$n.times" | sort -g |
    awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  ta=$(med 1) tq=$(med 2) tn=$(med 3)
  awk -v n="$a" -v i="$insns" -v a="$ta" -v q="$tq" -v t="$tn" 'BEGIN {
    printf "| %s | %d | %.3f | %.3f | %.3f | %.2f | %.1f |\n", n, i, a, q, t, q / a, a / t }'
done
echo
echo "Medians of $RUNS runs of user+sys CPU seconds; qemu/amanatsu > 1 means Amanatsu is faster."
