#!/usr/bin/env bash
# Amanatsu benchmark suite: builds the programs in bench/programs, checks that
# amanatsu, qemu-riscv64 and the native build print the same output, times the
# three, and prints a Markdown table.  See bench/README.md.
#
#   bench/run.sh [NAME[=SIZE]...]      default: every bench/programs/*.c, default sizes
#
# Environment:
#   AMANATSU   the simulator (default: build/amanatsu in this repository)
#   QEMU       default: qemu-riscv64
#   RVCC       RISC-V compiler (default: riscv64-linux-gnu-gcc)
#   HOSTCC     native compiler (default: gcc)
#   RUNS       timed runs per command (default: 5)
#   BENCH_OUT  build and result folder (default: bench/out)
#   TIMEOUT    seconds allowed for each checking run (default: 300)
#   PIN        run the timed commands on this CPU only (taskset -c PIN): on a
#              shared machine whose CPUs slow down at different times, the
#              commands compared then meet the same CPU
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
AMANATSU=${AMANATSU:-$repo/build/amanatsu}
QEMU=${QEMU:-qemu-riscv64}
RVCC=${RVCC:-riscv64-linux-gnu-gcc}
HOSTCC=${HOSTCC:-gcc}
RUNS=${RUNS:-5}
OUT=${BENCH_OUT:-$here/out}
TIMEOUT=${TIMEOUT:-300}
RVFLAGS=(-static -O2 -march=rv64gc -mabi=lp64d -Wall -Wextra)
HOSTFLAGS=(-O2 -Wall -Wextra)

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

# ---- tools ---------------------------------------------------------------
if ! command -v hyperfine >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing hyperfine with apt-get"
    apt-get install -y hyperfine >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null 2>&1; } ||
      die "could not install hyperfine"
  else
    die "hyperfine is missing (apt-get install hyperfine)"
  fi
fi
for t in "$QEMU" "$RVCC" "$HOSTCC" timeout awk sort; do
  command -v "$t" >/dev/null 2>&1 || die "$t is missing"
done
[ -x "$AMANATSU" ] || die "$AMANATSU is not an executable (build it, or set AMANATSU=...)"
qemu_exe=$(command -v "$QEMU")
case $RUNS in '' | *[!0-9]* | 0) die "RUNS must be a positive integer" ;; esac
pin=
if [ -n "${PIN:-}" ]; then
  case $PIN in *[!0-9]*) die "PIN must be a CPU number" ;; esac
  taskset -c "$PIN" true 2>/dev/null || die "cannot run on CPU $PIN (taskset -c $PIN)"
  pin="taskset -c $PIN "
fi

# ---- which programs ------------------------------------------------------
names=() sizes=()
if [ $# -eq 0 ]; then
  for src in "$here"/programs/*.c; do
    names+=("$(basename "$src" .c)")
    sizes+=("")
  done
else
  for a in "$@"; do
    n=${a%%=*}
    s=""
    [ "$n" != "$a" ] && s=${a#*=}
    [ -f "$here/programs/$n.c" ] || die "no program bench/programs/$n.c"
    names+=("$n")
    sizes+=("$s")
  done
fi

# ---- build ---------------------------------------------------------------
mkdir -p "$OUT/rv64" "$OUT/native" "$OUT/log" "$OUT/json"
say "building ${#names[@]} programs into $OUT"
for n in "${names[@]}"; do
  src=$here/programs/$n.c
  "$RVCC" "${RVFLAGS[@]}" -o "$OUT/rv64/$n" "$src"
  "$HOSTCC" "${HOSTFLAGS[@]}" -o "$OUT/native/$n" "$src"
done

# ---- helpers -------------------------------------------------------------
median() { # numbers on stdin -> median
  sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit 1;
    if (NR % 2) printf "%.6f\n", a[(NR + 1) / 2]; else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# From a hyperfine JSON export, one line per command: wall user system.
# (hyperfine exports only the mean user and system time of a benchmark, so
# each round is a separate hyperfine call with one run per command.)
hf_rows() {
  awk '
    function num(s) { sub(/^[^:]*: */, "", s); sub(/,.*$/, "", s); return s + 0 }
    /"command":/ { n++ }
    /"median":/ { w[n] = num($0) }
    /"user":/   { u[n] = num($0) }
    /"system":/ { s[n] = num($0) }
    END { for (i = 1; i <= n; i++) printf "%.6f %.6f %.6f\n", w[i], u[i], s[i] }' "$1"
}

commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# ---- run -----------------------------------------------------------------
cmdline="bench/run.sh${*:+ $*}"
[ "$AMANATSU" != "$repo/build/amanatsu" ] && cmdline="AMANATSU=$AMANATSU $cmdline"
[ "$RUNS" != 5 ] && cmdline="RUNS=$RUNS $cmdline"
[ -n "$pin" ] && cmdline="PIN=$PIN $cmdline"
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu" ] || cpu=unknown
ncpu=$(nproc 2>/dev/null || echo '?')
rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null)" ] && rev="$rev+changes"
tools="$("$AMANATSU" --version 2>/dev/null | head -n 1 || echo amanatsu) (git $rev)"
tools="$tools, $("$QEMU" --version | head -n 1 | sed 's/ version / /')"
tools="$tools, $("$RVCC" -dumpfullversion 2>/dev/null | sed "s|^|$(basename "$RVCC") |") ${RVFLAGS[*]}"
tools="$tools, $("$HOSTCC" -dumpfullversion 2>/dev/null | sed "s|^|$(basename "$HOSTCC") |") ${HOSTFLAGS[*]}"

rows=()
results=$OUT/results.tsv
printf 'program\tsize\tinstructions\tamanatsu_cpu_s\tqemu_cpu_s\tnative_cpu_s\tamanatsu_wall_s\tqemu_wall_s\tnative_wall_s\n' >"$results"
failed=0
start=$SECONDS
for i in "${!names[@]}"; do
  n=${names[$i]}
  args=()
  [ -n "${sizes[$i]}" ] && args=("${sizes[$i]}")
  label=$n${sizes[$i]:+ ${sizes[$i]}}
  prog=$OUT/rv64/$n
  nat=$OUT/native/$n
  stats=$OUT/json/$n.stats.json
  log=$OUT/log/$n
  say "== $label"

  # Checking runs, which are also the warm-up run of each command.
  rm -f "$stats"
  st=0
  timeout "$TIMEOUT" "$AMANATSU" --stats "$stats" "$prog" "${args[@]}" >"$log.amanatsu.out" 2>"$log.amanatsu.err" || st=$?
  if [ $st -ne 0 ] || [ ! -s "$stats" ]; then
    say "   amanatsu failed (exit status $st); see $log.amanatsu.err"
    rows+=("| $label | amanatsu failed (exit status $st) | | | | |")
    failed=1
    continue
  fi
  insns=$(sed -n 's/.*"retired_instructions": *\([0-9][0-9]*\).*/\1/p' "$stats" | head -n 1)
  [ -n "$insns" ] && [ "$insns" -gt 0 ] || die "no retired_instructions in $stats"
  st=0
  timeout "$TIMEOUT" "$QEMU" "$prog" "${args[@]}" >"$log.qemu.out" 2>"$log.qemu.err" || st=$?
  [ $st -eq 0 ] || die "$QEMU $prog failed (exit status $st)"
  st=0
  timeout "$TIMEOUT" "$nat" "${args[@]}" >"$log.native.out" 2>"$log.native.err" || st=$?
  [ $st -eq 0 ] || die "$nat failed (exit status $st)"
  if ! cmp -s "$log.qemu.out" "$log.native.out"; then
    die "$n: qemu and native outputs differ (a bug in the benchmark program): $log.{qemu,native}.out"
  fi
  if ! cmp -s "$log.amanatsu.out" "$log.qemu.out"; then
    say "   amanatsu output differs from qemu's:"
    diff "$log.qemu.out" "$log.amanatsu.out" | head -n 5 >&2 || true
    rows+=("| $label | wrong output under amanatsu | | | | |")
    failed=1
    continue
  fi
  say "   $(head -c 200 "$log.native.out" | head -n 1)"

  # Timed runs: RUNS rounds, each running amanatsu, qemu, native once, so the
  # three alternate and share whatever the machine is doing meanwhile.  Each
  # round runs fresh copies of the three executables: how fast a given file
  # runs depends on where in physical memory its pages were cached (see
  # README.md), so the rounds sample that placement instead of repeating one.
  : >"$log.times"
  copies=$OUT/copies
  rm -rf "$copies"
  for r in $(seq 1 "$RUNS"); do
    j=$OUT/json/$n.round$r.json
    mkdir -p "$copies/$r"
    cp "$AMANATSU" "$copies/$r/amanatsu"
    cp "$qemu_exe" "$copies/$r/qemu"
    cp "$nat" "$copies/$r/native"
    hyperfine -N -r 1 --export-json "$j" \
      -n amanatsu "$pin$copies/$r/amanatsu $prog ${args[*]}" \
      -n qemu "$pin$copies/$r/qemu $prog ${args[*]}" \
      -n native "$pin$copies/$r/native ${args[*]}" >>"$log.hyperfine" 2>&1 ||
      die "hyperfine failed; see $log.hyperfine"
    hf_rows "$j" | awk -v r="$r" '{ printf "%d %d %.6f %.6f\n", r, NR, $1, $2 + $3 }' >>"$log.times"
  done
  rm -rf "$copies"
  cpu_med() { awk -v k="$1" '$2 == k { print $4 }' "$log.times" | median; }
  wall_med() { awk -v k="$1" '$2 == k { print $3 }' "$log.times" | median; }
  ta=$(cpu_med 1) tq=$(cpu_med 2) tn=$(cpu_med 3)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "${sizes[$i]:-default}" "$insns" "$ta" "$tq" "$tn" \
    "$(wall_med 1)" "$(wall_med 2)" "$(wall_med 3)" >>"$results"
  say "   median CPU s: amanatsu $ta  qemu $tq  native $tn"
  rows+=("$(awk -v p="$label" -v c="$(printf '%s' "$insns" | commas)" -v i="$insns" \
    -v a="$ta" -v q="$tq" -v nt="$tn" 'BEGIN {
      printf "| %s | %s | %.0f | %.0f | %.2f | %.2f |", p, c, i / a / 1e6, i / q / 1e6, a / q, a / nt }')")
done

# ---- table ---------------------------------------------------------------
geo=$(awk -F'\t' 'NR > 1 && $4 > 0 && $5 > 0 && $6 > 0 {
    lq += log($4 / $5); ln += log($4 / $6); k++ }
  END { if (k) printf "| geometric mean (n=%d) | | | | %.2f | %.2f |", k, exp(lq / k), exp(ln / k) }' "$results")
{
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(uname -m) · $cpu ($ncpu CPUs) · \`$cmdline\`"
  echo
  echo "Tools: $tools."
  echo
  echo "| program | guest instructions | amanatsu MIPS | qemu MIPS | amanatsu/qemu time | amanatsu/native time |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for row in "${rows[@]}"; do echo "$row"; done
  [ -n "$geo" ] && echo "$geo"
  echo
  echo "Times are medians of $RUNS runs of user+sys CPU seconds, the three commands alternating;" \
    "MIPS = guest instructions / median CPU seconds; ratios > 1 mean amanatsu is slower."
} | tee "$OUT/results.md"
say "(raw medians: $results; took $((SECONDS - start)) s)"
exit $failed
