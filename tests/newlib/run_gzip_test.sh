#!/bin/sh
# run_gzip_test.sh SIM BINARY
#
# Runs `SIM BINARY file` in a fresh temp dir on ~1 MB of generated text and
# checks, with the host's gzip as the independent oracle, that the guest
# compressed the file in place:
#   - exit status 0, the two expected stdout lines;
#   - the stat fields the guest printed match the host's view of the file;
#   - `file` is gone, `file.gz` exists, has the printed size, the input's
#     mode (0640) and, in its gzip header, the input's mtime and name;
#   - gzip -t passes and gzip -dc reproduces the original bytes;
#   - file.d exists (mode 0750) and file.d/hardlink.gz is a hard link to
#     file.gz.
# The script also makes file.sym, a dangling symlink, for the guest's
# lstat/stat checks.
# SIM may be a simulator (amanatsu) or, for the LINUX_SYSCALLS build,
# qemu-riscv64.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 SIM BINARY" >&2
  exit 2
fi
SIM=$1
BIN=$2

fail() {
  echo "run_gzip_test: FAIL: $*" >&2
  exit 1
}

for tool in gzip cmp awk od stat; do
  command -v "$tool" >/dev/null 2>&1 || fail "host tool '$tool' not found"
done
[ -x "$BIN" ] || fail "guest binary $BIN not found"

umask 022
TMP=$(mktemp -d "${TMPDIR:-/tmp}/amanatsu-gzip.XXXXXX") || fail "mktemp"
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
mkdir "$TMP/work" "$TMP/keep" || fail "mkdir"

# ~1 MB of deterministic, compressible, not-too-regular text.
awk 'BEGIN {
  split("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu", w, " ");
  x = 12345;
  for (i = 0; i < 34000; i++) {
    x = (x * 69069 + 1) % 4294967296;  # exact in doubles: any awk
    printf "%06d %s %s %s %d\n", i, w[x % 12 + 1], w[int(x / 12) % 12 + 1],
           w[int(x / 144) % 12 + 1], x % 100000;
  }
}' > "$TMP/work/file" || fail "generating input"
chmod 0640 "$TMP/work/file"
touch -d @1700000000 "$TMP/work/file" || fail "touch"
cp -p "$TMP/work/file" "$TMP/keep/copy" || fail "cp"
ln -s no-such-target "$TMP/work/file.sym" || fail "ln -s"
size=$(stat -c %s "$TMP/work/file")
[ "$size" -gt 900000 ] || fail "input only $size bytes"

# What the guest should report for the input.
want_stat="gzip_inplace: stat file: size $size mode $(printf %o 0x"$(stat -c %f "$TMP/work/file")") nlink 1 uid $(stat -c %u "$TMP/work/file") gid $(stat -c %g "$TMP/work/file") mtime 1700000000"

cd "$TMP/work" || fail "cd"
"$SIM" "$BIN" file > "$TMP/stdout" 2> "$TMP/stderr"
rc=$?
cd / || fail "cd /"
if [ $rc -ne 0 ]; then
  echo "--- guest stdout:" >&2; cat "$TMP/stdout" >&2
  echo "--- guest stderr:" >&2; cat "$TMP/stderr" >&2
  fail "'$SIM $BIN file' exited with status $rc"
fi
W=$TMP/work

line1=$(sed -n 1p "$TMP/stdout")
line2=$(sed -n 2p "$TMP/stdout")
[ "$line1" = "$want_stat" ] || fail "stat line: got '$line1', want '$want_stat'"
gzsize=$(stat -c %s "$W/file.gz" 2>/dev/null) || fail "file.gz was not created"
[ "$line2" = "gzip_inplace: compressed $size bytes to $gzsize bytes" ] \
  || fail "summary line: got '$line2' (file.gz is $gzsize bytes)"
[ "$(wc -l < "$TMP/stdout")" -eq 2 ] || fail "unexpected extra stdout: $(cat "$TMP/stdout")"
[ -s "$TMP/stderr" ] && fail "unexpected stderr: $(cat "$TMP/stderr")"

[ -e "$W/file" ] && fail "original file still exists"
[ -f "$W/file.gz" ] || fail "file.gz is not a regular file"
[ "$(stat -c %a "$W/file.gz")" = 640 ] || fail "file.gz mode $(stat -c %a "$W/file.gz"), want 640"
[ "$gzsize" -lt $((size / 2)) ] || fail "file.gz ($gzsize bytes) barely compressed $size bytes"

# gzip header: magic, CM, FLG=FNAME, MTIME, XFL, OS, then the name.
hdr=$(od -An -tx1 -N10 "$W/file.gz" | tr -d ' \n')
# 1700000000 = 0x6553f100, little-endian; XFL 0; OS 3 (Unix)
[ "$hdr" = "1f8b080800f153650003" ] \
  || fail "gzip header $hdr, want 1f8b080800f153650003 (FNAME, mtime 1700000000)"
name=$(od -An -c -j10 -N5 "$W/file.gz" | tr -d ' \n')
[ "$name" = 'file\0' ] || fail "FNAME field '$name', want 'file\\0'"

gzip -t "$W/file.gz" 2> "$TMP/gzip_t" || fail "gzip -t: $(cat "$TMP/gzip_t")"
[ -s "$TMP/gzip_t" ] && fail "gzip -t warned: $(cat "$TMP/gzip_t")"
gzip -dc "$W/file.gz" > "$TMP/decompressed" || fail "gzip -dc failed"
cmp "$TMP/decompressed" "$TMP/keep/copy" || fail "decompressed data differs from the original"

[ -d "$W/file.d" ] || fail "file.d was not created"
[ "$(stat -c %a "$W/file.d")" = 750 ] || fail "file.d mode $(stat -c %a "$W/file.d"), want 750"
[ -f "$W/file.d/hardlink.gz" ] || fail "file.d/hardlink.gz missing"
[ "$(stat -c %d:%i "$W/file.d/hardlink.gz")" = "$(stat -c %d:%i "$W/file.gz")" ] \
  || fail "file.d/hardlink.gz is not a hard link to file.gz"
[ "$(stat -c %h "$W/file.gz")" = 2 ] || fail "file.gz link count $(stat -c %h "$W/file.gz"), want 2"
# shellcheck disable=SC2012 # names are known and plain
extra=$(cd "$W" && ls -A | tr '\n' ' ')
[ "$extra" = "file.d file.gz file.sym " ] || fail "unexpected directory contents: $extra"

echo "run_gzip_test: PASS ($size -> $gzsize bytes)"
exit 0
