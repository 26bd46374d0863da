# shellcheck shell=bash
# Shared by tests/run_golden.sh and tests/guest/regen.sh (sourced, not run).
# Knows the case table, how one case is run, and how its results are recorded,
# so that the expected outputs and the checks are made in exactly the same way.

# shellcheck disable=SC2034  # variables used by the scripts that source this
GUEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CASES_FILE=$GUEST_DIR/cases.txt
PROGRAMS_FILE=$GUEST_DIR/programs.txt
EXPECTED_DIR=$GUEST_DIR/expected
INPUTS_DIR=$GUEST_DIR/inputs

# The whole environment a guest sees (qemu and amanatsu pass theirs through).
GOLDEN_ENV=(PATH=/usr/bin:/bin LANG=C AMANATSU_TEST_VAR=hello)
# Seconds one run may take before it is killed.
GOLDEN_TIMEOUT=${GOLDEN_TIMEOUT:-120}
# stdout/stderr larger than this are recorded as a SHA-256, not byte for byte.
GOLDEN_STORE_LIMIT=65536

golden_die() { echo "golden: $*" >&2; exit 2; }

# Print every case name, in table order.
golden_case_names() {
  awk '!/^[ \t]*(#|$)/ { print $1 }' "$CASES_FILE"
}

# golden_load_case NAME: set CASE_BIN, CASE_STDIN (a path), CASE_ARGS (an
# array) and CASE_QEMU_CPU.  Columns: name binary stdin args...; stdin "-"
# means /dev/null, any other value is a file under inputs/.  Arguments are
# split like xargs does: whitespace separates, '...' and "..." quote, nothing
# is expanded.  CASE_QEMU_CPU comes from the binary's `qemu BINARY CPU` line
# in programs.txt (empty: qemu's default CPU).
golden_load_case() {
  local line stdin rest
  line=$(awk -v n="$1" '!/^[ \t]*(#|$)/ && $1 == n { print; exit }' "$CASES_FILE")
  [ -n "$line" ] || return 1
  read -r _ CASE_BIN stdin rest <<<"$line"
  if [ -z "$CASE_BIN" ] || [ -z "$stdin" ]; then golden_die "malformed line for case $1 in $CASES_FILE"; fi
  if [ "$stdin" = - ]; then CASE_STDIN=/dev/null; else CASE_STDIN=$INPUTS_DIR/$stdin; fi
  [ -r "$CASE_STDIN" ] || golden_die "case $1: stdin file $CASE_STDIN not readable"
  CASE_QEMU_CPU=$(awk -v b="$CASE_BIN" '$1 == "qemu" && $2 == b { print $3; exit }' "$PROGRAMS_FILE")
  CASE_ARGS=()
  if [ -n "$rest" ]; then
    mapfile -d '' -t CASE_ARGS < <(printf '%s\n' "$rest" | xargs -r printf '%s\0') ||
      golden_die "case $1: cannot parse arguments: $rest"
  fi
  return 0
}

# golden_resolve_cmd CMD: absolute path of a command (the guest environment
# has a minimal PATH, so the simulator is named by absolute path).
golden_resolve_cmd() {
  local c=$1
  case $c in
    */*) [ -x "$c" ] || return 1; echo "$(cd "$(dirname "$c")" && pwd)/$(basename "$c")" ;;
    *) c=$(command -v "$c") || return 1; golden_resolve_cmd "$c" ;;
  esac
}

# golden_manifest DIR: one line per entry below DIR, sorted: type, path,
# mode, size and SHA-256 of regular files, target of symlinks.
golden_manifest() {
  (
    cd "$1" || exit 1
    find . -mindepth 1 -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' p; do
      rel=${p#./}
      if [ -L "$p" ]; then
        printf 'link %s -> %s\n' "$rel" "$(readlink "$p")"
      elif [ -d "$p" ]; then
        printf 'dir  %s mode=%s\n' "$rel" "$(stat -c %a "$p")"
      elif [ -f "$p" ]; then
        printf 'file %s mode=%s size=%s sha256=%s\n' "$rel" "$(stat -c %a "$p")" "$(stat -c %s "$p")" \
          "$(sha256sum <"$p" | cut -c1-64)"
      else
        printf 'other %s\n' "$rel"
      fi
    done
  )
}

# golden_is_qemu CMD: whether CMD looks like qemu-riscv64 (by its name).
golden_is_qemu() {
  case $(basename "$1") in qemu-riscv64*) return 0 ;; *) return 1 ;; esac
}

# golden_run SIM BINDIR CASE OUT [qemu]: run CASE (already loaded with
# golden_load_case) under SIM (absolute path) in the fresh directory OUT/work,
# leaving OUT/stdout, OUT/stderr, OUT/status and OUT/files (the manifest of
# what the program left in its working directory).  With "qemu", SIM is
# qemu-riscv64 and gets `-cpu CASE_QEMU_CPU` when the binary needs one.
golden_run() {
  local sim=$1 bindir=$2 case=$3 out=$4 bin
  local simargs=()
  if [ "${5-}" = qemu ] && [ -n "$CASE_QEMU_CPU" ]; then simargs=(-cpu "$CASE_QEMU_CPU"); fi
  bin=$bindir/$CASE_BIN
  mkdir -p "$out/work"
  if [ ! -x "$bin" ]; then
    echo "golden: guest binary $bin is missing (build it first)" >"$out/stderr"
    : >"$out/stdout"
    echo missing-binary >"$out/status"
    : >"$out/files"
    return 1
  fi
  (
    cd "$out/work" && umask 022 &&
      exec timeout -k 5 "$GOLDEN_TIMEOUT" env -i "${GOLDEN_ENV[@]}" "$sim" "${simargs[@]}" "$bin" "${CASE_ARGS[@]}"
  ) <"$CASE_STDIN" >"$out/stdout" 2>"$out/stderr"
  local rc=$?
  if [ "$rc" -eq 124 ]; then echo "timeout after ${GOLDEN_TIMEOUT}s" >"$out/status"; else echo "$rc" >"$out/status"; fi
  golden_manifest "$out/work" >"$out/files"
}

# golden_sha_size FILE: "SHA256 SIZE", the form stored for big streams.
golden_sha_size() { echo "$(sha256sum <"$1" | cut -c1-64) $(stat -c %s "$1")"; }
