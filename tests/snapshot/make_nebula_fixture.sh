#!/usr/bin/env bash
# Writes a Nebula-format snapshot by hand, from /work/shared/NEBULA_SNAPSHOT.md
# only (not with Amanatsu's writer): a sparse 4 GiB physical-memory image, the
# u64 length of the JSON trailer at offset 2^32, then the trailer.
#
#   make_nebula_fixture.sh OUT [VARIANT]
#
# The program, assembled here with riscv64-linux-gnu-as and placed at
# virtual address 0x10000 in frame 0x10000000, writes "hello from nebula\n"
# to stdout and exits with status 0.  A stack page (0x7fff0000, frame
# 0x10010000, all zeros) is mapped too, with sp at its top.
# VARIANT (default ok):
#   ok               no FP registers (the reader must assume them)
#   fp               FP registers "268435456".. present, instructions_committed 1000
#   x0               register "0" is not zero
#   unaligned-frame  a frame that is not 64 KiB aligned
#   shared-frame     two pages in the same frame
#   frame-too-high   a frame beyond the 4 GiB image
#   unaligned-page   an mmu key that is not a 64 KiB page base
#   bad-json         a trailer that is not valid JSON
#   short-register   a register with 7 bytes
#   byte-range       a register byte of 256
#   no-pc            no "%pc"
#   no-count         no "instructions_committed"
set -eu
OUT=$1
VARIANT=${2:-ok}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nebula-fixture.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

VADDR=$((0x10000))
FRAME=$((0x10000000))
STACK=$((0x7fff0000))
SFRAME=$((0x10010000))

cat >"$tmp/p.s" <<'EOF'
        .globl _start
        .text
_start: li      a0, 1
        lla     a1, msg
        li      a2, 18
        li      a7, 64          # write
        ecall
        li      a0, 0
        li      a7, 93          # exit
        ecall
msg:    .ascii  "hello from nebula\n"
EOF
riscv64-linux-gnu-as -march=rv64gc -o "$tmp/p.o" "$tmp/p.s"
riscv64-linux-gnu-ld -Ttext=$VADDR --no-relax -e _start -o "$tmp/p.elf" "$tmp/p.o"
riscv64-linux-gnu-objcopy -O binary -j .text "$tmp/p.elf" "$tmp/p.bin"

# the image: sparse, zero outside the frames
rm -f "$OUT"
truncate -s $((1 << 32)) "$OUT"
dd if="$tmp/p.bin" of="$OUT" bs=4096 oflag=seek_bytes seek=$FRAME conv=notrunc,sparse status=none

# registers: lists of 8 bytes, little-endian
bytes() {
  local v=$1 i out=
  for i in 0 1 2 3 4 5 6 7; do out+="${out:+,}$(((v >> (8 * i)) & 255))"; done
  echo "[$out]"
}
pc=$VADDR sp=$((STACK + 0x10000 - 16)) count=0 x0=0
[ "$VARIANT" = fp ] && count=1000
[ "$VARIANT" = x0 ] && x0=1
regs="\"%pc\": $(bytes $pc)"
[ "$VARIANT" = no-pc ] && regs="\"%ra\": $(bytes 0)"
for i in $(seq 0 31); do
  v=0
  [ "$i" = 0 ] && v=$x0
  [ "$i" = 2 ] && v=$sp
  r=$(bytes $v)
  [ "$VARIANT" = short-register ] && [ "$i" = 5 ] && r="[0,0,0,0,0,0,0]"
  [ "$VARIANT" = byte-range ] && [ "$i" = 6 ] && r="[0,0,256,0,0,0,0,0]"
  regs+=", \"$i\": $r"
done
if [ "$VARIANT" = fp ]; then
  for i in $(seq 0 31); do regs+=", \"$((0x10000000 + i))\": $(bytes $((0x3ff0000000000000 + i)))"; done
fi

code_frame=$FRAME stack_frame=$SFRAME code_page=$VADDR
case $VARIANT in
  unaligned-frame) code_frame=$((FRAME + 256)) ;;
  shared-frame) stack_frame=$FRAME ;;
  frame-too-high) stack_frame=$((1 << 32)) ;;
  unaligned-page) code_page=$((VADDR + 4096)) ;;
esac
mmu="\"$code_page\": {\"frame\": $code_frame, \"coreid\": 0}, \"$STACK\": {\"frame\": $stack_frame, \"coreid\": 0}"
json="{\"instructions_committed\": $count, \"registers\": {$regs}, \"mmu\": {$mmu}, \"cycle\": 0, \"cmdline\": [\"hand fixture\"]}"
[ "$VARIANT" = no-count ] && json="{\"registers\": {$regs}, \"mmu\": {$mmu}, \"cycle\": 0, \"cmdline\": [\"hand fixture\"]}"
[ "$VARIANT" = bad-json ] && json="{\"instructions_committed\": 0, \"registers\": {$regs}, \"mmu\": {$mmu,}}"
printf '%s' "$json" >"$tmp/trailer"
n=$(stat -c %s "$tmp/trailer")
# the u64 length, little-endian, then the trailer
le=
for i in 0 1 2 3 4 5 6 7; do le+=$(printf '\\%03o' $(((n >> (8 * i)) & 255))); done
# shellcheck disable=SC2059
printf "$le" | dd of="$OUT" bs=4096 oflag=seek_bytes seek=$((1 << 32)) conv=notrunc status=none
dd if="$tmp/trailer" of="$OUT" bs=4096 oflag=seek_bytes seek=$(((1 << 32) + 8)) conv=notrunc status=none
