#!/bin/sh
# Regenerates tests/unit/vectors.inc: decoder test vectors whose encodings
# come from the GNU assembler and whose expected operands are parsed from the
# assembly source below (never from Amanatsu's own decoder).
#
#   tests/unit/gen_vectors.sh [OUTPUT]     (default: tests/unit/vectors.inc)
#
# Needs riscv64-linux-gnu-as, -ld and -objdump (Debian binutils-riscv64-linux-gnu).
# The generated file is checked in; the test unit.vectors_current reruns this
# script and fails if the output differs.
#
# Tables produced:
#   dec_vectors[]   {bits, op, rd, rs1, rs2, imm, source, objdump}
#                   op is the table name (mnemonic with '.' -> '_', .aq/.rl
#                   dropped); a field the instruction has no operand for is DC;
#                   an integer rd of x0 is DEC_XSINK (32), as decode.h documents
#                   for instructions that write rd.  objdump is what
#                   `objdump -d -M no-aliases` prints (tab -> space, the
#                   "<symbol>" and "# comment" annotations removed); addresses
#                   are relative to VEC_TEXT_BASE.
#   dec_cpairs[]    {cbits, bits, op, fields, csource, source}: each RV64C form
#                   and the 32-bit instruction it expands to; fields says which
#                   of rd/rs1/rs2/imm are operands of that instruction.
#   dec_illegal[]   {bits, source}: assembled instructions Amanatsu must refuse.
set -eu

AS=${RISCV_AS:-riscv64-linux-gnu-as}
LD=${RISCV_LD:-riscv64-linux-gnu-ld}
OBJDUMP=${RISCV_OBJDUMP:-riscv64-linux-gnu-objdump}
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/vectors.inc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TEXT=0x200000

# ---------------------------------------------------------------------------
# Every instruction of decoder/isa.h, with edge operands.  One instruction a
# line; branch and jump targets are written relative to the instruction (.+N).
# Zba/Zbb/Zbs (decoder/isa_b.h) assemble with -march=..._zba_zbb_zbs.  This
# binutils (2.40) does not know Zicond: czero.eqz/czero.nez lines are turned
# into `.insn r` directives with the spec's fields (OP, funct3 101/111,
# funct7 0000111) before assembling, and since objdump prints those as
# ".4byte", their expected objdump text is the source line with the spaces
# after the commas removed (what binutils >= 2.41 prints).
cat >"$tmp/base.list" <<'EOF'
lui a0, 0
lui t6, 0xfffff
lui ra, 0x80000
lui a5, 0x7ffff
lui zero, 1
auipc a0, 0
auipc sp, 0xfffff
auipc t6, 0x80000
auipc zero, 0x12345
jal ra, .+1048574
jal zero, .-1048576
jal t6, .+2
jal a0, .+2048
jal s1, .-2
jal ra, .+0
jalr zero, 0(ra)
jalr ra, -2048(a0)
jalr t6, 2047(t6)
jalr a0, -1(sp)
beq a0, a1, .+4094
beq a0, a1, .-4096
beq zero, zero, .+2
bne t6, ra, .-2
bne a0, zero, .+2048
blt a0, zero, .+2048
blt t6, t5, .-4096
bge zero, a0, .+4
bge s0, s1, .+4094
bltu s0, s1, .-4094
bltu zero, t6, .+32
bgeu t5, t6, .+1024
bgeu a0, a1, .-2048
lb a0, -2048(a1)
lb zero, 0(a0)
lh t6, 2047(zero)
lh a0, -1(sp)
lw zero, 0(a0)
lw a0, 2047(t6)
lw s11, -2048(s10)
ld sp, -8(sp)
ld a0, 2047(a1)
ld zero, -2048(t6)
lbu a0, 1(t6)
lbu t6, -2048(zero)
lhu ra, 2047(a0)
lhu zero, -2(a1)
lwu a0, -2048(a1)
lwu t6, 2047(t6)
sb a0, -2048(a1)
sb zero, 2047(t6)
sh t6, 2047(zero)
sh a0, -1(sp)
sw zero, -1(sp)
sw t6, -2048(a0)
sw a0, 31(a1)
sd ra, 8(sp)
sd t6, 31(a0)
sd a0, -2048(t6)
sd zero, 2047(zero)
addi a0, a1, -2048
addi t6, zero, 2047
addi zero, zero, 0
addi sp, sp, -16
addi zero, t6, -1
slti a0, a1, -1
slti t6, zero, 2047
slti zero, a0, -2048
sltiu a0, a1, 1
sltiu a0, a1, -1
sltiu t6, t6, 2047
xori a0, a1, -1
xori t6, zero, 2047
xori zero, a0, -2048
ori a0, a1, -2048
ori t6, t6, 2047
ori zero, zero, 0
andi a0, a1, 255
andi t6, zero, -2048
andi zero, a0, 2047
slli a0, a1, 0
slli a0, a1, 63
slli zero, t6, 32
srli t6, t6, 32
srli a0, a1, 63
srli zero, a0, 1
srai a0, a1, 63
srai zero, a1, 1
srai t6, zero, 0
add a0, a1, a2
add zero, t6, ra
add t6, zero, zero
sub a0, a1, a2
sub t6, zero, ra
sub zero, a0, t6
sll a0, a1, a2
sll t6, t5, t4
slt a0, a1, a2
slt zero, t6, t6
sltu a0, zero, a1
sltu t6, a0, zero
xor a0, a1, a2
xor zero, zero, zero
srl a0, a1, a2
srl t6, s0, s11
sra a0, a1, a2
sra zero, ra, sp
or a0, a1, a2
or t6, gp, tp
and a0, a1, a2
and zero, t0, t1
addiw a0, a1, -2048
addiw t6, zero, 2047
addiw zero, a0, 1
addiw a0, a0, 0
slliw a0, a1, 0
slliw t6, t6, 31
slliw zero, a0, 1
srliw a0, a1, 31
srliw t6, zero, 16
sraiw a0, a1, 31
sraiw zero, t6, 0
addw a0, a1, a2
addw zero, t6, ra
subw a0, a1, a2
subw t6, zero, t6
sllw a0, a1, a2
sllw zero, s1, s2
srlw a0, a1, a2
srlw t6, t5, t4
sraw a0, a1, a2
sraw zero, zero, t6
fence
fence rw, w
fence r, r
fence.i
ecall
ebreak
csrrw a0, 0x001, a1
csrrw zero, 0x003, t6
csrrw t6, 0xfff, zero
csrrs a0, 0xc00, zero
csrrs zero, 0x002, a1
csrrs t6, 0xc02, t6
csrrc a0, 0x001, a1
csrrc zero, 0x800, zero
csrrwi a0, 0x002, 31
csrrwi zero, 0x001, 0
csrrsi a0, 0xc01, 0
csrrsi t6, 0xfff, 16
csrrci ra, 0xc02, 16
csrrci zero, 0x003, 31
mul a0, a1, a2
mul zero, t6, t5
mulh a0, a1, a2
mulh t6, zero, ra
mulhsu a0, a1, a2
mulhsu zero, a0, t6
mulhu a0, a1, a2
mulhu t6, t6, t6
div a0, a1, a2
div zero, s0, s1
divu a0, a1, a2
divu t6, a7, zero
rem a0, a1, a2
rem zero, t3, t4
remu a0, a1, a2
remu t6, ra, sp
mulw a0, a1, a2
mulw zero, t6, a0
divw a0, a1, a2
divw t6, zero, t6
divuw a0, a1, a2
divuw zero, a5, a4
remw a0, a1, a2
remw t6, s10, s11
remuw a0, a1, a2
remuw zero, ra, t6
lr.w a0, (a1)
lr.w.aqrl zero, (t6)
lr.d t6, (zero)
lr.d.aq a0, (sp)
sc.w a0, a1, (a2)
sc.w.rl zero, t6, (ra)
sc.d a0, a1, (a2)
sc.d.aqrl t6, zero, (t6)
amoswap.w a0, a1, (a2)
amoswap.w.aq zero, t6, (sp)
amoadd.w a0, a1, (a2)
amoadd.w.aqrl t6, zero, (ra)
amoxor.w a0, a1, (a2)
amoxor.w.rl zero, a0, (t6)
amoand.w a0, a1, (a2)
amoand.w t6, t6, (t6)
amoor.w a0, a1, (a2)
amoor.w.aq zero, ra, (a0)
amomin.w a0, a1, (a2)
amomin.w t6, s0, (s1)
amomax.w a0, a1, (a2)
amomax.w.aqrl zero, a3, (a4)
amominu.w a0, a1, (a2)
amominu.w t6, zero, (zero)
amomaxu.w a0, a1, (a2)
amomaxu.w.rl zero, t6, (t5)
amoswap.d a0, a1, (a2)
amoswap.d.aqrl t6, zero, (sp)
amoadd.d a0, a1, (a2)
amoadd.d zero, t6, (ra)
amoxor.d a0, a1, (a2)
amoxor.d.aq t6, a0, (t6)
amoand.d a0, a1, (a2)
amoand.d.rl zero, t6, (a0)
amoor.d a0, a1, (a2)
amoor.d t6, ra, (zero)
amomin.d a0, a1, (a2)
amomin.d.aqrl zero, s0, (s1)
amomax.d a0, a1, (a2)
amomax.d t6, a3, (a4)
amominu.d a0, a1, (a2)
amominu.d.aq zero, zero, (t6)
amomaxu.d a0, a1, (a2)
amomaxu.d.rl t6, t6, (t5)
flw fa0, -2048(a1)
flw ft0, 2047(zero)
flw f31, 0(t6)
fld fa0, 8(sp)
fld f31, -2048(t6)
fld ft0, 2047(zero)
fsw fa0, -2048(a1)
fsw f31, 2047(zero)
fsw ft0, -1(t6)
fsd fs11, 2047(t6)
fsd fa0, -2048(sp)
fsd f0, 31(zero)
fmv.x.w a0, fa1
fmv.x.w zero, ft1
fmv.x.w t6, f31
fmv.w.x fa0, a1
fmv.w.x f31, zero
fmv.w.x f0, t6
fmv.x.d a0, fa1
fmv.x.d zero, f31
fmv.x.d t6, f0
fmv.d.x fa0, a1
fmv.d.x f0, zero
fmv.d.x f31, t6
fadd.s fa0, fa1, fa2
fadd.s ft0, f31, ft1, rne
fadd.s f31, ft0, f31, rmm
fsub.s fa0, fa1, fa2, rtz
fsub.s f31, f0, f1
fmul.s fa0, fa1, fa2, rdn
fmul.s ft0, ft0, ft0
fdiv.s fa0, fa1, fa2, rup
fdiv.s f31, f30, f29
fsqrt.s fa0, fa1
fsqrt.s f31, f0, rmm
fmadd.s fa0, fa1, fa2, fa3
fmadd.s f31, f0, f1, f2, rtz
fmsub.s fa0, fa1, fa2, fa3, rne
fmsub.s f0, f31, f30, f29
fnmsub.s fa0, fa1, fa2, fa3
fnmsub.s f1, f2, f3, f31, rup
fnmadd.s fa0, fa1, fa2, fa3, rdn
fnmadd.s f31, f31, f31, f31
fsgnj.s fa0, fa1, fa2
fsgnj.s f31, f0, f31
fsgnjn.s fa0, fa1, fa2
fsgnjn.s f0, f31, f0
fsgnjx.s fa0, fa1, fa2
fsgnjx.s f31, f31, f31
fmin.s fa0, fa1, fa2
fmin.s f0, f31, f1
fmax.s fa0, fa1, fa2
fmax.s f31, f0, f0
fcvt.w.s a0, fa0
fcvt.w.s zero, f31, rtz
fcvt.wu.s t6, fa1, rmm
fcvt.wu.s a0, f0
fcvt.l.s a0, fa0, rdn
fcvt.l.s zero, f31
fcvt.lu.s t6, f0, rup
fcvt.lu.s a0, fa1
feq.s a0, fa0, fa1
feq.s zero, f31, f0
flt.s t6, f0, f31
flt.s a0, fa0, fa0
fle.s a0, fa1, fa2
fle.s zero, f0, f31
fclass.s a0, fa0
fclass.s zero, f31
fclass.s t6, f0
fcvt.s.w fa0, a0
fcvt.s.w f31, zero, rtz
fcvt.s.wu f0, t6, rmm
fcvt.s.wu fa0, a1
fcvt.s.l fa0, a0, rne
fcvt.s.l f31, t6
fcvt.s.lu f0, zero
fcvt.s.lu fa0, a1, rdn
fadd.d fa0, fa1, fa2
fadd.d ft0, f31, ft1, rne
fadd.d f31, ft0, f31, rmm
fsub.d fa0, fa1, fa2, rtz
fsub.d f31, f0, f1
fmul.d fa0, fa1, fa2, rdn
fmul.d ft0, ft0, ft0
fdiv.d fa0, fa1, fa2, rup
fdiv.d f31, f30, f29
fsqrt.d fa0, fa1
fsqrt.d f31, f0, rtz
fmadd.d fa0, fa1, fa2, fa3
fmadd.d f31, f0, f1, f2, rmm
fmsub.d fa0, fa1, fa2, fa3, rne
fmsub.d f0, f31, f30, f29
fnmsub.d fa0, fa1, fa2, fa3
fnmsub.d f1, f2, f3, f31, rup
fnmadd.d fa0, fa1, fa2, fa3, rdn
fnmadd.d f31, f31, f31, f31
fsgnj.d fa0, fa1, fa2
fsgnj.d f31, f0, f31
fsgnjn.d fa0, fa1, fa2
fsgnjn.d f0, f31, f0
fsgnjx.d fa0, fa1, fa2
fsgnjx.d f31, f31, f31
fmin.d fa0, fa1, fa2
fmin.d f0, f31, f1
fmax.d fa0, fa1, fa2
fmax.d f31, f0, f0
fcvt.s.d fa0, fa1
fcvt.s.d f31, f0, rmm
fcvt.s.d f0, f31, rtz
fcvt.d.s fa0, fa1
fcvt.d.s f31, f0
feq.d a0, fa0, fa1
feq.d zero, f31, f0
flt.d t6, f0, f31
flt.d a0, fa0, fa0
fle.d a0, fa1, fa2
fle.d zero, f0, f31
fclass.d a0, fa0
fclass.d zero, f31
fclass.d t6, f0
fcvt.w.d a0, fa0
fcvt.w.d zero, f31, rtz
fcvt.wu.d t6, fa1, rmm
fcvt.wu.d a0, f0
fcvt.l.d a0, fa0, rdn
fcvt.l.d zero, f31
fcvt.lu.d t6, f0, rup
fcvt.lu.d a0, fa1, rtz
fcvt.d.w fa0, a0
fcvt.d.w f31, zero
fcvt.d.wu f0, t6
fcvt.d.wu fa0, a1
fcvt.d.l fa0, a0, rne
fcvt.d.l f31, t6
fcvt.d.lu f0, zero, rtz
fcvt.d.lu fa0, a1
add.uw a0, a1, a2
add.uw zero, t6, ra
add.uw t6, zero, zero
add.uw a0, a1, zero
sh1add a0, a1, a2
sh1add zero, t6, zero
sh2add a0, a1, a2
sh2add t6, zero, t6
sh3add a0, a1, a2
sh3add zero, ra, t6
sh1add.uw a0, a1, a2
sh1add.uw t6, zero, ra
sh2add.uw a0, a1, a2
sh2add.uw zero, t6, t6
sh3add.uw a0, a1, a2
sh3add.uw t6, s0, zero
slli.uw a0, a1, 0
slli.uw a0, a1, 63
slli.uw zero, t6, 32
slli.uw t6, zero, 31
andn a0, a1, a2
andn zero, t6, ra
orn a0, a1, a2
orn t6, zero, t6
xnor a0, a1, a2
xnor zero, zero, zero
clz a0, a1
clz zero, t6
clz t6, zero
clzw a0, a1
clzw t6, t6
ctz a0, a1
ctz zero, ra
ctzw a0, a1
ctzw t6, zero
cpop a0, a1
cpop t6, t6
cpopw a0, a1
cpopw zero, t6
max a0, a1, a2
max t6, zero, ra
maxu a0, a1, a2
maxu zero, t6, t5
min a0, a1, a2
min t6, t6, zero
minu a0, a1, a2
minu zero, s0, s1
sext.b a0, a1
sext.b t6, zero
sext.h a0, a1
sext.h zero, t6
zext.h a0, a1
zext.h t6, t6
rol a0, a1, a2
rol zero, t6, ra
rolw a0, a1, a2
rolw t6, zero, t6
ror a0, a1, a2
ror t6, t5, t4
rori a0, a1, 0
rori a0, a1, 63
rori t6, zero, 32
rori zero, t6, 1
roriw a0, a1, 0
roriw t6, t6, 31
roriw zero, a0, 16
rorw a0, a1, a2
rorw zero, zero, t6
orc.b a0, a1
orc.b t6, zero
orc.b zero, t6
rev8 a0, a1
rev8 t6, t6
rev8 zero, ra
bclr a0, a1, a2
bclr t6, zero, t6
bclri a0, a1, 0
bclri a0, a1, 63
bclri zero, t6, 32
bext a0, a1, a2
bext zero, t6, ra
bexti a0, a1, 0
bexti t6, t6, 63
bexti a0, zero, 31
binv a0, a1, a2
binv t6, s0, zero
binvi a0, a1, 63
binvi zero, zero, 1
binvi t6, a0, 32
bset a0, a1, a2
bset zero, t6, t6
bseti a0, a1, 0
bseti t6, zero, 63
bseti a0, t6, 33
czero.eqz a0, a1, a2
czero.eqz zero, t6, ra
czero.eqz t6, zero, t6
czero.nez a0, a1, a2
czero.nez t6, t6, zero
czero.nez zero, a0, t6
EOF

# ---------------------------------------------------------------------------
# Each RV64 compressed form, with edge immediates and registers, and the
# instruction it stands for (RISC-V unprivileged ISA, "C" extension).
cat >"$tmp/pairs.list" <<'EOF'
c.addi4spn s0, sp, 4 | addi s0, sp, 4
c.addi4spn a5, sp, 1020 | addi a5, sp, 1020
c.addi4spn a0, sp, 16 | addi a0, sp, 16
c.addi4spn s1, sp, 512 | addi s1, sp, 512
c.fld fs0, 0(s0) | fld fs0, 0(s0)
c.fld fa5, 248(a5) | fld fa5, 248(a5)
c.fld fa0, 8(a1) | fld fa0, 8(a1)
c.lw s0, 0(a5) | lw s0, 0(a5)
c.lw a5, 124(s0) | lw a5, 124(s0)
c.lw a0, 4(a1) | lw a0, 4(a1)
c.lw a1, 64(a2) | lw a1, 64(a2)
c.ld a0, 248(a1) | ld a0, 248(a1)
c.ld s1, 0(s0) | ld s1, 0(s0)
c.ld a5, 8(a5) | ld a5, 8(a5)
c.ld a2, 128(a3) | ld a2, 128(a3)
c.fsd fa0, 248(a1) | fsd fa0, 248(a1)
c.fsd fs0, 0(a5) | fsd fs0, 0(a5)
c.fsd fa5, 64(s0) | fsd fa5, 64(s0)
c.sw a0, 124(a1) | sw a0, 124(a1)
c.sw s0, 0(a5) | sw s0, 0(a5)
c.sw a5, 64(s0) | sw a5, 64(s0)
c.sd a0, 248(a1) | sd a0, 248(a1)
c.sd s1, 0(a5) | sd s1, 0(a5)
c.sd a5, 128(s0) | sd a5, 128(s0)
c.nop | addi zero, zero, 0
c.addi a0, 1 | addi a0, a0, 1
c.addi t6, -32 | addi t6, t6, -32
c.addi sp, 31 | addi sp, sp, 31
c.addi ra, -1 | addi ra, ra, -1
c.addiw a0, -32 | addiw a0, a0, -32
c.addiw t6, 31 | addiw t6, t6, 31
c.addiw a0, 0 | addiw a0, a0, 0
c.li a0, -32 | addi a0, zero, -32
c.li t6, 31 | addi t6, zero, 31
c.li ra, 0 | addi ra, zero, 0
c.addi16sp sp, -512 | addi sp, sp, -512
c.addi16sp sp, 496 | addi sp, sp, 496
c.addi16sp sp, 16 | addi sp, sp, 16
c.addi16sp sp, -16 | addi sp, sp, -16
c.addi16sp sp, 96 | addi sp, sp, 96
c.lui a0, 1 | lui a0, 1
c.lui t6, 31 | lui t6, 31
c.lui ra, 0xfffe0 | lui ra, 0xfffe0
c.lui s0, 0xfffff | lui s0, 0xfffff
c.lui gp, 0x10 | lui gp, 0x10
c.srli s0, 1 | srli s0, s0, 1
c.srli a5, 63 | srli a5, a5, 63
c.srli a0, 32 | srli a0, a0, 32
c.srai s0, 63 | srai s0, s0, 63
c.srai a5, 1 | srai a5, a5, 1
c.srai a0, 31 | srai a0, a0, 31
c.andi a0, -32 | andi a0, a0, -32
c.andi s0, 31 | andi s0, s0, 31
c.andi a5, 0 | andi a5, a5, 0
c.sub s0, a5 | sub s0, s0, a5
c.sub a5, s0 | sub a5, a5, s0
c.xor a0, a1 | xor a0, a0, a1
c.xor a5, a5 | xor a5, a5, a5
c.or s1, a2 | or s1, s1, a2
c.or a3, s0 | or a3, a3, s0
c.and a4, a5 | and a4, a4, a5
c.and s0, s1 | and s0, s0, s1
c.subw a0, a1 | subw a0, a0, a1
c.subw a5, s0 | subw a5, a5, s0
c.addw s0, a5 | addw s0, s0, a5
c.addw a2, a3 | addw a2, a2, a3
c.j .+2046 | jal zero, .+2046
c.j .-2048 | jal zero, .-2048
c.j .+2 | jal zero, .+2
c.j .-2 | jal zero, .-2
c.j .+1024 | jal zero, .+1024
c.beqz s0, .+254 | beq s0, zero, .+254
c.beqz a5, .-256 | beq a5, zero, .-256
c.beqz a0, .+2 | beq a0, zero, .+2
c.bnez a0, .+2 | bne a0, zero, .+2
c.bnez s1, .-256 | bne s1, zero, .-256
c.bnez a5, .+254 | bne a5, zero, .+254
c.bnez a2, .-2 | bne a2, zero, .-2
c.slli a0, 1 | slli a0, a0, 1
c.slli t6, 63 | slli t6, t6, 63
c.slli ra, 32 | slli ra, ra, 32
c.fldsp fa0, 504(sp) | fld fa0, 504(sp)
c.fldsp ft0, 0(sp) | fld ft0, 0(sp)
c.fldsp f31, 8(sp) | fld f31, 8(sp)
c.lwsp a0, 252(sp) | lw a0, 252(sp)
c.lwsp t6, 0(sp) | lw t6, 0(sp)
c.lwsp ra, 4(sp) | lw ra, 4(sp)
c.ldsp a0, 504(sp) | ld a0, 504(sp)
c.ldsp t6, 0(sp) | ld t6, 0(sp)
c.ldsp ra, 8(sp) | ld ra, 8(sp)
c.jr ra | jalr zero, 0(ra)
c.jr t6 | jalr zero, 0(t6)
c.jr sp | jalr zero, 0(sp)
c.mv a0, a1 | add a0, zero, a1
c.mv t6, ra | add t6, zero, ra
c.mv sp, t6 | add sp, zero, t6
c.ebreak | ebreak
c.jalr a0 | jalr ra, 0(a0)
c.jalr t6 | jalr ra, 0(t6)
c.jalr ra | jalr ra, 0(ra)
c.add a0, a1 | add a0, a0, a1
c.add t6, t6 | add t6, t6, t6
c.add sp, ra | add sp, sp, ra
c.fsdsp fa0, 504(sp) | fsd fa0, 504(sp)
c.fsdsp f0, 0(sp) | fsd f0, 0(sp)
c.fsdsp f31, 8(sp) | fsd f31, 8(sp)
c.swsp a0, 252(sp) | sw a0, 252(sp)
c.swsp zero, 0(sp) | sw zero, 0(sp)
c.swsp t6, 4(sp) | sw t6, 4(sp)
c.sdsp a0, 504(sp) | sd a0, 504(sp)
c.sdsp t6, 8(sp) | sd t6, 8(sp)
c.sdsp zero, 0(sp) | sd zero, 0(sp)
EOF

# ---------------------------------------------------------------------------
# Valid RISC-V instructions a user-mode RV64 process may not execute (or that
# Amanatsu does not implement): each must decode as "illegal".
cat >"$tmp/illegal.list" <<'EOF'
mret
sret
wfi
sfence.vma zero, zero
EOF

asm() { # asm NAME: assemble and link $tmp/NAME.s at TEXT, dump to NAME.dump
  "$AS" -march=rv64gc_zba_zbb_zbs -mno-relax -o "$tmp/$1.o" "$tmp/$1.s"
  "$LD" --no-relax -Ttext=$TEXT -e $TEXT -o "$tmp/$1.elf" "$tmp/$1.o"
  "$OBJDUMP" -d -M no-aliases "$tmp/$1.elf" |
    awk -F'\t' '/^ *[0-9a-f]+:\t[0-9a-f]+ *\t/ {
      sub(/^ */, "", $1); sub(/:$/, "", $1); sub(/ *$/, "", $2)
      text = $3; if (NF >= 4) text = text " " $4
      sub(/ <[^>]*>$/, "", text); sub(/ #.*$/, "", text)
      print $1 "\t" $2 "\t" text }' >"$tmp/$1.dump"
}

{
  echo ".option norelax"; echo ".option norvc"
  sed -E 's/^czero\.eqz (.*)$/.insn r 0x33, 5, 7, \1/; s/^czero\.nez (.*)$/.insn r 0x33, 7, 7, \1/' "$tmp/base.list"
} >"$tmp/base.s"
asm base
{ echo ".option norelax"; echo ".option norvc"; cat "$tmp/illegal.list"; } >"$tmp/illegal.s"
asm illegal
{
  echo ".option norelax"
  sed 's/ *| */\n/' "$tmp/pairs.list" | awk 'NR % 2 { print ".option rvc"; print; next }
                                               { print ".option norvc"; print }'
} >"$tmp/pairs.s"
asm pairs

awk -v text_base=$TEXT -v T="$tmp" '
function die(msg) { print "gen_vectors.sh: " msg > "/dev/stderr"; exit 1 }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function num(s,    neg, v, i, c) {  # decimal or 0x hex, optionally negative
  s = trim(s); neg = 0
  if (substr(s, 1, 1) == "-") { neg = 1; s = substr(s, 2) }
  v = 0
  if (substr(s, 1, 2) == "0x") {
    for (i = 3; i <= length(s); i++) {
      c = index("0123456789abcdef", substr(s, i, 1))
      if (!c) die("bad number " s)
      v = v * 16 + c - 1
    }
  } else {
    if (s !~ /^[0-9]+$/) die("bad number " s)
    v = s + 0
  }
  return neg ? -v : v
}
function xreg(s,    n) {
  s = trim(s)
  if (s in XR) return XR[s]
  die("not an integer register: " s)
}
function freg(s) {
  s = trim(s)
  if (s in FR) return FR[s]
  die("not an FP register: " s)
}
function pcrel(s) {  # .+N or .-N
  s = trim(s)
  if (s !~ /^\.[-+][0-9]+$/) die("bad pc-relative target " s)
  return substr(s, 2, 1) == "-" ? -num(substr(s, 3)) : num(substr(s, 3))
}
function memop(s, which) {  # "imm(reg)": which = "imm" or "reg"
  s = trim(s)
  if (s !~ /^-?[0-9a-fx]*\([a-z0-9]+\)$/) die("bad memory operand " s)
  if (which == "reg") { sub(/^[^(]*\(/, "", s); sub(/\)$/, "", s); return xreg(s) }
  sub(/\(.*$/, "", s); return s == "" ? 0 : num(s)
}
function sinkx(r) { return r == 0 ? 32 : r }  # rd of an instruction that writes x[rd]
function inset(w, list) { return index(" " list " ", " " w " ") > 0 }
# Parse one instruction: sets OP, RD, RS1, RS2, IMM (DC when not an operand)
# and FIELDS (rd=1 rs1=2 rs2=4 imm=8).
function parse(line,    mn, rest, a, n, base, i) {
  line = trim(line)
  mn = line; sub(/[ \t].*$/, "", mn)
  rest = substr(line, length(mn) + 1)
  n = split(rest, a, ",")
  for (i = 1; i <= n; i++) a[i] = trim(a[i])
  base = mn; sub(/\.(aqrl|aq|rl)$/, "", base)
  if (!(base ~ /^(lr|sc|amo)/)) base = mn
  OP = base; gsub(/\./, "_", OP)
  RD = RS1 = RS2 = IMM = "DC"
  if (inset(base, "add sub sll slt sltu xor srl sra or and addw subw sllw srlw sraw mul mulh mulhsu mulhu div divu rem remu mulw divw divuw remw remuw")) {
    RD = sinkx(xreg(a[1])); RS1 = xreg(a[2]); RS2 = xreg(a[3]); IMM = 0
  } else if (inset(base, "add.uw sh1add sh2add sh3add sh1add.uw sh2add.uw sh3add.uw andn orn xnor max maxu min minu rol rolw ror rorw bclr bext binv bset czero.eqz czero.nez")) {
    RD = sinkx(xreg(a[1])); RS1 = xreg(a[2]); RS2 = xreg(a[3]); IMM = 0
  } else if (inset(base, "clz clzw ctz ctzw cpop cpopw sext.b sext.h zext.h orc.b rev8")) {
    RD = sinkx(xreg(a[1])); RS1 = xreg(a[2]); RS2 = 0; IMM = 0
  } else if (inset(base, "slli.uw rori roriw bclri bexti binvi bseti")) {
    RD = sinkx(xreg(a[1])); RS1 = xreg(a[2]); IMM = num(a[3])
  } else if (inset(base, "addi slti sltiu xori ori andi addiw slli srli srai slliw srliw sraiw")) {
    RD = sinkx(xreg(a[1])); RS1 = xreg(a[2]); IMM = num(a[3])
  } else if (inset(base, "lb lh lw ld lbu lhu lwu")) {
    RD = sinkx(xreg(a[1])); RS1 = memop(a[2], "reg"); IMM = memop(a[2], "imm")
  } else if (inset(base, "sb sh sw sd")) {
    RS2 = xreg(a[1]); RS1 = memop(a[2], "reg"); IMM = memop(a[2], "imm")
  } else if (inset(base, "beq bne blt bge bltu bgeu")) {
    RS1 = xreg(a[1]); RS2 = xreg(a[2]); IMM = pcrel(a[3])
  } else if (inset(base, "lui auipc")) {
    RD = sinkx(xreg(a[1])); IMM = num(a[2]) * 4096
    if (IMM >= 2147483648) IMM -= 4294967296
  } else if (base == "jal") {
    RD = sinkx(xreg(a[1])); IMM = pcrel(a[2])
  } else if (base == "jalr") {
    RD = sinkx(xreg(a[1])); RS1 = memop(a[2], "reg"); IMM = memop(a[2], "imm")
  } else if (inset(base, "csrrw csrrs csrrc")) {
    RD = sinkx(xreg(a[1])); IMM = num(a[2]); RS1 = xreg(a[3])
  } else if (inset(base, "csrrwi csrrsi csrrci")) {
    RD = sinkx(xreg(a[1])); IMM = num(a[2]); RS1 = num(a[3])
  } else if (base == "fence") {
    # pred/succ live in the rs2 and imm bits; nothing to compare
  } else if (base == "fence.i") {
    RD = 0; RS1 = 0; IMM = 0
  } else if (base == "ecall" || base == "ebreak") {
    RD = 0; RS1 = 0; IMM = 0
  } else if (base == "lr.w" || base == "lr.d") {
    RD = sinkx(xreg(a[1])); RS1 = memop(a[2], "reg"); RS2 = 0; IMM = 0
  } else if (base ~ /^(sc|amo)/) {
    RD = sinkx(xreg(a[1])); RS2 = xreg(a[2]); RS1 = memop(a[3], "reg"); IMM = 0
  } else if (base == "flw" || base == "fld") {
    RD = freg(a[1]); RS1 = memop(a[2], "reg"); IMM = memop(a[2], "imm")
  } else if (base == "fsw" || base == "fsd") {
    RS2 = freg(a[1]); RS1 = memop(a[2], "reg"); IMM = memop(a[2], "imm")
  } else if (base == "fmv.x.w" || base == "fmv.x.d") {
    RD = sinkx(xreg(a[1])); RS1 = freg(a[2]); RS2 = 0; IMM = 0
  } else if (base == "fmv.w.x" || base == "fmv.d.x") {
    RD = freg(a[1]); RS1 = xreg(a[2]); RS2 = 0; IMM = 0
  } else if (base ~ /^(fadd|fsub|fmul|fdiv|fsgnj|fsgnjn|fsgnjx|fmin|fmax)\.[sd]$/ ||
             base ~ /^(fmadd|fmsub|fnmsub|fnmadd)\.[sd]$/) {
    # rm and rs3 are not compared here: test_disasm checks them against
    # the text objdump prints
    RD = freg(a[1]); RS1 = freg(a[2]); RS2 = freg(a[3]); IMM = 0
  } else if (base ~ /^(fsqrt\.[sd]|fcvt\.s\.d|fcvt\.d\.s)$/) {
    RD = freg(a[1]); RS1 = freg(a[2]); RS2 = 0; IMM = 0
  } else if (base ~ /^f(eq|lt|le)\.[sd]$/) {
    RD = sinkx(xreg(a[1])); RS1 = freg(a[2]); RS2 = freg(a[3]); IMM = 0
  } else if (base ~ /^(fclass\.[sd]|fcvt\.(w|wu|l|lu)\.[sd])$/) {
    RD = sinkx(xreg(a[1])); RS1 = freg(a[2]); RS2 = 0; IMM = 0
  } else if (base ~ /^fcvt\.[sd]\.(w|wu|l|lu)$/) {
    RD = freg(a[1]); RS1 = xreg(a[2]); RS2 = 0; IMM = 0
  } else die("no operand rule for " mn)
  FIELDS = (RD != "DC") + 2 * (RS1 != "DC") + 4 * (RS2 != "DC") + 8 * (IMM != "DC")
}
function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function cimm(v) { return v == "DC" ? "DC" : sprintf("%.0fLL", v) }
function readdump(file, arr,    n, f) {
  n = 0
  while ((getline l < file) > 0) { split(l, f, "\t"); n++; arr[n, "addr"] = f[1]; arr[n, "hex"] = f[2]; arr[n, "text"] = f[3] }
  close(file)
  return n
}
BEGIN {
  split("zero ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6", xn, " ")
  split("ft0 ft1 ft2 ft3 ft4 ft5 ft6 ft7 fs0 fs1 fa0 fa1 fa2 fa3 fa4 fa5 fa6 fa7 fs2 fs3 fs4 fs5 fs6 fs7 fs8 fs9 fs10 fs11 ft8 ft9 ft10 ft11", fn, " ")
  for (i = 0; i < 32; i++) { XR[xn[i + 1]] = i; XR["x" i] = i; FR[fn[i + 1]] = i; FR["f" i] = i }
  XR["fp"] = 8

  print "/* Generated by tests/unit/gen_vectors.sh from GNU as/objdump output; do not edit. */"
  print "/* clang-format off */"
  printf "#define VEC_TEXT_BASE 0x%xu\n\n", text_base

  nb = readdump(T "/base.dump", B)
  print "static const struct dec_vector dec_vectors[] = {"
  i = 0
  while ((getline line < (T "/base.list")) > 0) {
    i++
    if (i > nb) die("objdump shows fewer instructions than base.list")
    if (length(B[i, "hex"]) != 8) die("not a 32-bit encoding: " line)
    parse(line)
    m = B[i, "text"]; sub(/ .*$/, "", m)
    src = line; sub(/[ \t].*$/, "", src)
    if (m == ".4byte" && inset(src, "czero.eqz czero.nez")) {  # see the Zicond note above
      B[i, "text"] = line; gsub(/, /, ",", B[i, "text"]); m = src
    }
    if (m != src) die("objdump mnemonic " m " does not match source " line)
    printf "  {0x%su, 0x%su, %s, %s, %s, %s, %s, %s, %s},\n", B[i, "hex"], B[i, "addr"], cstr(OP), RD, RS1, RS2, cimm(IMM), cstr(line), cstr(B[i, "text"])
  }
  if (i != nb) die("objdump shows more instructions than base.list")
  print "};\n"

  np = readdump(T "/pairs.dump", P)
  print "static const struct dec_cpair dec_cpairs[] = {"
  i = 0
  while ((getline line < (T "/pairs.list")) > 0) {
    i++
    split(line, half, "|")
    c = trim(half[1]); b = trim(half[2])
    if (2 * i > np) die("objdump shows fewer instructions than pairs.list")
    if (length(P[2 * i - 1, "hex"]) != 4 || length(P[2 * i, "hex"]) != 8) die("bad sizes for " line)
    m = P[2 * i - 1, "text"]; sub(/ .*$/, "", m); cm = c; sub(/[ \t].*$/, "", cm)
    if (m != cm && !(cm == "c.nop" && m == "c.addi")) die("objdump mnemonic " m " does not match " c)
    parse(b)
    printf "  {0x%su, 0x%su, %s, %d, %s, %s},\n", P[2 * i - 1, "hex"], P[2 * i, "hex"], cstr(OP), FIELDS, cstr(c), cstr(b)
  }
  if (2 * i != np) die("objdump shows more instructions than pairs.list")
  print "};\n"

  ni = readdump(T "/illegal.dump", L)
  print "static const struct dec_illegal dec_illegal[] = {"
  i = 0
  while ((getline line < (T "/illegal.list")) > 0) {
    i++
    if (length(L[i, "hex"]) != 8) die("not a 32-bit encoding: " line)
    printf "  {0x%su, %s},\n", L[i, "hex"], cstr(line)
  }
  if (i != ni) die("illegal.list and objdump disagree")
  print "};"
}' >"$tmp/vectors.inc"

mv "$tmp/vectors.inc" "$out"
echo "wrote $out"
