#!/usr/bin/env bash
# Damaged, foreign and unreadable snapshot files are refused, by --restore
# before any guest instruction runs and by --snapshot-info: exit status 126,
# nothing on stdout, no --stats file, and exactly one line on stderr,
# starting with "amanatsu:" and naming the problem.
#
#   refusals.sh AMANATSU GUESTDIR SNAPTOOL
#
# From a valid snapshot of hello: copies truncated at 0, 1, 8, 23, 24 bytes,
# inside and at the start of each section header, inside each section
# payload, one byte short; one byte flipped in each header field, in each
# section's header fields and payload, and in a page (with the section
# checksum fixed up, so that the page's own checksum must catch it); a newer
# and a zero version (header checksum fixed up); a wrong section count;
# registers that cannot be (x0 non-zero, with checksums fixed up); random
# bytes, an ELF file, an empty file, a missing file, a folder.  Then a small
# fuzz: bytes of the small sections flipped with every checksum fixed up must
# give a clean refusal or a valid file (--snapshot-info, and --restore
# --max-instructions 0), never a crash.
set -u
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
[ $# -eq 3 ] || { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
AMANATSU=$(abs "$1")
GUESTDIR=$(cd "$2" && pwd) || exit 2
SNAPTOOL=$(abs "$3")
new_tmp refusals
T=$SNAP_TMP
W=$T/w
mkdir -p "$W" "$T/elsewhere"
checked=0

(cd "$W" && env -i "${GOLDEN_ENV[@]}" "$AMANATSU" --snapshots 5000 --max-instructions 5000 \
  --snapshot-prefix "$T/good" "$GUESTDIR/hello") </dev/null >/dev/null 2>&1
GOOD=$(snapshot_name "$T/good" 5000)
[ -f "$GOOD" ] || { fail "no snapshot to damage"; finish "refusals"; }
"$AMANATSU" --snapshot-info "$GOOD" >/dev/null 2>&1 || fail "the undamaged snapshot is not valid"
(cd "$T/elsewhere" && "$AMANATSU" --restore "$GOOD") </dev/null >"$T/ok.out" 2>&1
[ "$(cat "$T/ok.out")" = "Hello, world!" ] || fail "the undamaged snapshot does not restore: $(cat "$T/ok.out")"
SIZE=$(stat -c %s "$GOOD")
mapfile -t SECTIONS < <("$SNAPTOOL" sections "$GOOD") # idx type hdr payload len
[ ${#SECTIONS[@]} -eq 7 ] || fail "expected 7 sections, snaptool found ${#SECTIONS[@]}"
NAMES=(- registers process "memory map" pages files "shared mappings" "signal state")

# refused LABEL PATTERN FILE: both commands refuse FILE.
refused() {
  local label=$1 pat=$2 f=$3 rc
  rm -f "$T/stats.json"
  (cd "$T/elsewhere" && exec "$AMANATSU" --restore "$f" --stats "$T/stats.json") </dev/null >"$T/r.out" 2>"$T/r.err"
  rc=$?
  expect_refusal "--restore, $label" "$pat" "$T/r.out" "$T/r.err" $rc &&
    if [ -e "$T/stats.json" ]; then fail "--restore, $label: refused, yet a --stats file was written"; fi
  "$AMANATSU" --snapshot-info "$f" >"$T/i.out" 2>"$T/i.err"
  rc=$?
  expect_refusal "--snapshot-info, $label" "$pat" "$T/i.out" "$T/i.err" $rc
  checked=$((checked + 1))
}

# truncated AT [LABEL]
truncated() {
  head -c "$1" "$GOOD" >"$T/t.snapshot"
  refused "truncated to $1 bytes${2:+ ($2)}" 'truncated' "$T/t.snapshot"
}
# flipped AT PATTERN LABEL [fix]: one byte inverted (then checksums fixed up)
flipped() {
  cp "$GOOD" "$T/f.snapshot"
  "$SNAPTOOL" flip "$T/f.snapshot" "$1"
  [ "${4-}" = fix ] && "$SNAPTOOL" fix-sections "$T/f.snapshot"
  refused "byte $1 flipped ($3)" "$2" "$T/f.snapshot"
}

# --- truncations -------------------------------------------------------------
for at in 0 1 8 16 23; do truncated $at "inside the file header"; done
for s in "${SECTIONS[@]}"; do
  read -r idx type hdr payload len <<<"$s"
  name=${NAMES[$type]}
  truncated "$hdr" "at the start of the $name section header"
  truncated $((hdr + 1)) "inside the $name section header"
  truncated $((hdr + 12)) "inside the $name section header"
  truncated $((hdr + 23)) "inside the $name section header"
  truncated "$payload" "at the start of the $name payload"
  truncated $((payload + len / 2)) "inside the $name payload"
  [ "$len" -gt 1 ] && truncated $((payload + len - 1)) "last byte of the $name payload missing"
done
truncated $((SIZE - 1)) "one byte short"

# --- one byte flipped --------------------------------------------------------
for at in 0 7; do flipped $at 'not an amanatsu snapshot|magic' "magic"; done
flipped 8 'header|checksum' "version"
flipped 12 'header|checksum' "section count"
flipped 16 'header|checksum' "header checksum"
flipped 23 'header|checksum' "header checksum"
for s in "${SECTIONS[@]}"; do
  read -r idx type hdr payload len <<<"$s"
  name=${NAMES[$type]}
  flipped "$hdr" 'section' "$name section type"
  flipped $((hdr + 4)) 'section' "$name section header, reserved field"
  flipped $((hdr + 8)) 'truncated|section|bytes' "$name section length, low byte"
  flipped $((hdr + 15)) 'truncated|section|bytes' "$name section length, high byte"
  flipped $((hdr + 16)) "corrupted $name section|checksum" "$name section checksum"
  flipped "$payload" "corrupted $name section|checksum" "$name payload, first byte"
  flipped $((payload + len / 2)) "corrupted $name section|checksum" "$name payload, middle"
  flipped $((payload + len - 1)) "corrupted $name section|checksum" "$name payload, last byte"
done
read -r npages nuniq page0 <<<"$("$SNAPTOOL" pages "$GOOD")"
flipped $((page0 + 100)) 'corrupted pages section|checksum' "inside a page"
flipped $((page0 + 100)) 'corrupted page 0' "inside a page, section checksum fixed up" fix
flipped $((page0 + 4104 * (nuniq - 1) + 4095)) 'corrupted page' "last byte of the last page, section checksum fixed up" fix
flipped $((page0 - 8)) 'corrupted page 0' "a page's own checksum, section checksum fixed up" fix

# --- versions and counts, with the header checksum fixed up ------------------
v() {
  cp "$GOOD" "$T/v.snapshot"
  "$SNAPTOOL" set-u32 "$T/v.snapshot" "$1" "$2"
  "$SNAPTOOL" fix-header "$T/v.snapshot"
  refused "$3" "$4" "$T/v.snapshot"
}
v 8 4 "version 4" 'version 4.*newer'
v 8 4294967295 "version 4294967295" 'newer'
v 8 0 "version 0" 'version'
v 12 6 "6 sections announced, 7 present" 'unexpected bytes|section'
v 12 8 "8 sections announced, 7 present" 'truncated'
v 12 0 "no sections announced" 'unexpected bytes|missing'

# --- contents that cannot be, with every checksum fixed up -------------------
read -r _ _ _ cpu _ <<<"${SECTIONS[0]}"
cp "$GOOD" "$T/s.snapshot"
"$SNAPTOOL" set-u64 "$T/s.snapshot" $((cpu + 16)) 1 # x0
"$SNAPTOOL" fix-sections "$T/s.snapshot"
refused "x0 = 1" 'registers' "$T/s.snapshot"
cp "$GOOD" "$T/s.snapshot"
"$SNAPTOOL" set-u32 "$T/s.snapshot" $((cpu + 16 + 512)) 256 # fcsr
"$SNAPTOOL" fix-sections "$T/s.snapshot"
refused "fcsr = 256" 'registers' "$T/s.snapshot"

# --- foreign files -----------------------------------------------------------
: >"$T/empty"
refused "an empty file" 'truncated|empty|0 bytes' "$T/empty"
LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' >"$T/random"
refused "random bytes" 'not an amanatsu snapshot|magic' "$T/random"
refused "an ELF file" 'not an amanatsu snapshot|magic' "$GUESTDIR/hello"
{ printf 'AMANATSU'; head -c 1000 "$T/random"; } >"$T/magic-only"
refused "the magic followed by random bytes" 'header|checksum|version' "$T/magic-only"
head -c 24 "$GOOD" >"$T/header-only"
"$SNAPTOOL" set-u32 "$T/header-only" 12 0
"$SNAPTOOL" fix-header "$T/header-only"
refused "a valid header and no sections" 'missing' "$T/header-only"
refused "a missing file" 'no such file' "$T/does-not-exist.snapshot"
mkdir -p "$T/a-folder"
refused "a folder" 'not a regular file|directory' "$T/a-folder"
echo "$checked damaged or foreign files refused by both commands"

# --- fuzz: the small sections, every checksum fixed up -----------------------
fuzzed=0 valid=0
for s in "${SECTIONS[@]}"; do
  read -r idx type hdr payload len <<<"$s"
  [ "$type" = 4 ] && continue # pages: covered by the page checksums
  step=$((len / 40 + 1))
  for ((o = 0; o < len; o += step)); do
    cp "$GOOD" "$T/z.snapshot"
    "$SNAPTOOL" flip "$T/z.snapshot" $((payload + o))
    "$SNAPTOOL" fix-sections "$T/z.snapshot"
    "$AMANATSU" --snapshot-info "$T/z.snapshot" >"$T/z.out" 2>"$T/z.err"
    rc=$?
    if [ $rc -eq 0 ]; then
      valid=$((valid + 1))
    elif [ $rc -ne 126 ] || [ "$(wc -l <"$T/z.err")" -ne 1 ] || ! grep -q '^amanatsu: ' "$T/z.err"; then
      fail "fuzz: ${NAMES[$type]} byte $o flipped: --snapshot-info exited with $rc: $(head -c 300 "$T/z.err")"
    fi
    # (a damaged memory map may announce a huge mapping: bounded in time)
    (cd "$T/elsewhere" && exec timeout -s KILL 20 "$AMANATSU" --restore "$T/z.snapshot" \
      --max-instructions 0) </dev/null >"$T/z.out" 2>"$T/z.err"
    rc=$?
    [ $rc -eq 137 ] && echo "killed after 20 s" >>"$T/z.err"
    if [ $rc -ne 124 ] && { [ $rc -ne 126 ] || [ "$(wc -l <"$T/z.err")" -ne 1 ]; }; then
      fail "fuzz: ${NAMES[$type]} byte $o flipped: --restore --max-instructions 0 exited with $rc: $(head -c 300 "$T/z.err")"
    fi
    fuzzed=$((fuzzed + 1))
  done
done
echo "fuzz: $fuzzed files with one byte flipped and checksums fixed up: $valid still valid, the rest refused cleanly"
finish "refusals"
