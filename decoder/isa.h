/* The one instruction table.  Every instruction Amanatsu knows is listed here
 * once; the X-macro expands into the opcode enum, the decoder's match table,
 * the interpreter's handler table and the disassembler's names.  Nothing else
 * lists instructions (../shared/STYLE.md, lesson 1).
 *
 *   X(name, format, mask, match, flags)
 *
 * name:   handler suffix (op_<name>); the mnemonic is name with '_' -> '.'.
 * format: operand layout of the 32-bit encoding (enum dec_fmt).
 * mask/match: the instruction is (bits & mask) == match.
 * flags:  DF_END ends a block (control transfer, system call, fence.i);
 *         DF_WX writes integer register rd; DF_C: some compressed
 *         instruction expands to it (the interpreter compiles a second,
 *         2-byte entry only for those; a unit test checks the set).
 *
 * Compressed forms are not listed: decoder/decode.c expands each one to the
 * base instruction it stands for (RISC-V unprivileged ISA, chapter "C"). */
#ifndef AMANATSU_ISA_H
#define AMANATSU_ISA_H

#define R_(f7, f3, opc) (((f7) << 25) | ((f3) << 12) | (opc))
#define I_(f3, opc) (((f3) << 12) | (opc))
#define M_R 0xfe00707fu
#define M_I 0x0000707fu
#define M_U 0x0000007fu
#define M_SH 0xfc00707fu
#define M_AMO 0xf800707fu /* aq/rl ignored: one hart, sequential memory */
#define M_LR 0xf9f0707fu
#define A_(f5, f3) (((f5) << 27) | ((f3) << 12) | 0x2f)

#define ISA_BASE(X) \
  X(lui, FMT_U, M_U, 0x37, DF_WX | DF_C) \
  X(auipc, FMT_U, M_U, 0x17, DF_WX) \
  X(jal, FMT_J, M_U, 0x6f, DF_WX | DF_END | DF_C) \
  X(jalr, FMT_I, M_I, I_(0, 0x67), DF_WX | DF_END | DF_C) \
  X(beq, FMT_B, M_I, I_(0, 0x63), DF_END | DF_C) \
  X(bne, FMT_B, M_I, I_(1, 0x63), DF_END | DF_C) \
  X(blt, FMT_B, M_I, I_(4, 0x63), DF_END) \
  X(bge, FMT_B, M_I, I_(5, 0x63), DF_END) \
  X(bltu, FMT_B, M_I, I_(6, 0x63), DF_END) \
  X(bgeu, FMT_B, M_I, I_(7, 0x63), DF_END) \
  X(lb, FMT_I, M_I, I_(0, 0x03), DF_WX) \
  X(lh, FMT_I, M_I, I_(1, 0x03), DF_WX) \
  X(lw, FMT_I, M_I, I_(2, 0x03), DF_WX | DF_C) \
  X(ld, FMT_I, M_I, I_(3, 0x03), DF_WX | DF_C) \
  X(lbu, FMT_I, M_I, I_(4, 0x03), DF_WX) \
  X(lhu, FMT_I, M_I, I_(5, 0x03), DF_WX) \
  X(lwu, FMT_I, M_I, I_(6, 0x03), DF_WX) \
  X(sb, FMT_S, M_I, I_(0, 0x23), 0) \
  X(sh, FMT_S, M_I, I_(1, 0x23), 0) \
  X(sw, FMT_S, M_I, I_(2, 0x23), DF_C) \
  X(sd, FMT_S, M_I, I_(3, 0x23), DF_C) \
  X(addi, FMT_I, M_I, I_(0, 0x13), DF_WX | DF_C) \
  X(slti, FMT_I, M_I, I_(2, 0x13), DF_WX) \
  X(sltiu, FMT_I, M_I, I_(3, 0x13), DF_WX) \
  X(xori, FMT_I, M_I, I_(4, 0x13), DF_WX) \
  X(ori, FMT_I, M_I, I_(6, 0x13), DF_WX) \
  X(andi, FMT_I, M_I, I_(7, 0x13), DF_WX | DF_C) \
  X(slli, FMT_SH, M_SH, R_(0x00, 1, 0x13), DF_WX | DF_C) \
  X(srli, FMT_SH, M_SH, R_(0x00, 5, 0x13), DF_WX | DF_C) \
  X(srai, FMT_SH, M_SH, R_(0x20, 5, 0x13), DF_WX | DF_C) \
  X(add, FMT_R, M_R, R_(0x00, 0, 0x33), DF_WX | DF_C) \
  X(sub, FMT_R, M_R, R_(0x20, 0, 0x33), DF_WX | DF_C) \
  X(sll, FMT_R, M_R, R_(0x00, 1, 0x33), DF_WX) \
  X(slt, FMT_R, M_R, R_(0x00, 2, 0x33), DF_WX) \
  X(sltu, FMT_R, M_R, R_(0x00, 3, 0x33), DF_WX) \
  X(xor, FMT_R, M_R, R_(0x00, 4, 0x33), DF_WX | DF_C) \
  X(srl, FMT_R, M_R, R_(0x00, 5, 0x33), DF_WX) \
  X(sra, FMT_R, M_R, R_(0x20, 5, 0x33), DF_WX) \
  X(or, FMT_R, M_R, R_(0x00, 6, 0x33), DF_WX | DF_C) \
  X(and, FMT_R, M_R, R_(0x00, 7, 0x33), DF_WX | DF_C) \
  X(addiw, FMT_I, M_I, I_(0, 0x1b), DF_WX | DF_C) \
  X(slliw, FMT_SHW, M_R, R_(0x00, 1, 0x1b), DF_WX) \
  X(srliw, FMT_SHW, M_R, R_(0x00, 5, 0x1b), DF_WX) \
  X(sraiw, FMT_SHW, M_R, R_(0x20, 5, 0x1b), DF_WX) \
  X(addw, FMT_R, M_R, R_(0x00, 0, 0x3b), DF_WX | DF_C) \
  X(subw, FMT_R, M_R, R_(0x20, 0, 0x3b), DF_WX | DF_C) \
  X(sllw, FMT_R, M_R, R_(0x00, 1, 0x3b), DF_WX) \
  X(srlw, FMT_R, M_R, R_(0x00, 5, 0x3b), DF_WX) \
  X(sraw, FMT_R, M_R, R_(0x20, 5, 0x3b), DF_WX) \
  X(fence, FMT_NONE, M_I, I_(0, 0x0f), 0) \
  X(fence_i, FMT_NONE, M_I, I_(1, 0x0f), DF_END) \
  X(ecall, FMT_NONE, 0xffffffffu, 0x00000073, DF_END) \
  X(ebreak, FMT_NONE, 0xffffffffu, 0x00100073, DF_END | DF_C) \
  X(csrrw, FMT_CSR, M_I, I_(1, 0x73), DF_WX) \
  X(csrrs, FMT_CSR, M_I, I_(2, 0x73), DF_WX) \
  X(csrrc, FMT_CSR, M_I, I_(3, 0x73), DF_WX) \
  X(csrrwi, FMT_CSRI, M_I, I_(5, 0x73), DF_WX) \
  X(csrrsi, FMT_CSRI, M_I, I_(6, 0x73), DF_WX) \
  X(csrrci, FMT_CSRI, M_I, I_(7, 0x73), DF_WX)

#define ISA_M(X) \
  X(mul, FMT_R, M_R, R_(0x01, 0, 0x33), DF_WX) \
  X(mulh, FMT_R, M_R, R_(0x01, 1, 0x33), DF_WX) \
  X(mulhsu, FMT_R, M_R, R_(0x01, 2, 0x33), DF_WX) \
  X(mulhu, FMT_R, M_R, R_(0x01, 3, 0x33), DF_WX) \
  X(div, FMT_R, M_R, R_(0x01, 4, 0x33), DF_WX) \
  X(divu, FMT_R, M_R, R_(0x01, 5, 0x33), DF_WX) \
  X(rem, FMT_R, M_R, R_(0x01, 6, 0x33), DF_WX) \
  X(remu, FMT_R, M_R, R_(0x01, 7, 0x33), DF_WX) \
  X(mulw, FMT_R, M_R, R_(0x01, 0, 0x3b), DF_WX) \
  X(divw, FMT_R, M_R, R_(0x01, 4, 0x3b), DF_WX) \
  X(divuw, FMT_R, M_R, R_(0x01, 5, 0x3b), DF_WX) \
  X(remw, FMT_R, M_R, R_(0x01, 6, 0x3b), DF_WX) \
  X(remuw, FMT_R, M_R, R_(0x01, 7, 0x3b), DF_WX)

#define ISA_A(X) \
  X(lr_w, FMT_LR, M_LR, A_(0x02, 2), DF_WX) \
  X(sc_w, FMT_R, M_AMO, A_(0x03, 2), DF_WX) \
  X(amoswap_w, FMT_R, M_AMO, A_(0x01, 2), DF_WX) \
  X(amoadd_w, FMT_R, M_AMO, A_(0x00, 2), DF_WX) \
  X(amoxor_w, FMT_R, M_AMO, A_(0x04, 2), DF_WX) \
  X(amoand_w, FMT_R, M_AMO, A_(0x0c, 2), DF_WX) \
  X(amoor_w, FMT_R, M_AMO, A_(0x08, 2), DF_WX) \
  X(amomin_w, FMT_R, M_AMO, A_(0x10, 2), DF_WX) \
  X(amomax_w, FMT_R, M_AMO, A_(0x14, 2), DF_WX) \
  X(amominu_w, FMT_R, M_AMO, A_(0x18, 2), DF_WX) \
  X(amomaxu_w, FMT_R, M_AMO, A_(0x1c, 2), DF_WX) \
  X(lr_d, FMT_LR, M_LR, A_(0x02, 3), DF_WX) \
  X(sc_d, FMT_R, M_AMO, A_(0x03, 3), DF_WX) \
  X(amoswap_d, FMT_R, M_AMO, A_(0x01, 3), DF_WX) \
  X(amoadd_d, FMT_R, M_AMO, A_(0x00, 3), DF_WX) \
  X(amoxor_d, FMT_R, M_AMO, A_(0x04, 3), DF_WX) \
  X(amoand_d, FMT_R, M_AMO, A_(0x0c, 3), DF_WX) \
  X(amoor_d, FMT_R, M_AMO, A_(0x08, 3), DF_WX) \
  X(amomin_d, FMT_R, M_AMO, A_(0x10, 3), DF_WX) \
  X(amomax_d, FMT_R, M_AMO, A_(0x14, 3), DF_WX) \
  X(amominu_d, FMT_R, M_AMO, A_(0x18, 3), DF_WX) \
  X(amomaxu_d, FMT_R, M_AMO, A_(0x1c, 3), DF_WX)

/* F and D loads, stores and bit moves: no rounding involved.  (The FP
 * arithmetic is not implemented yet and decodes as illegal.) */
#define ISA_FMEM(X) \
  X(flw, FMT_FL, M_I, I_(2, 0x07), 0) \
  X(fld, FMT_FL, M_I, I_(3, 0x07), DF_C) \
  X(fsw, FMT_FS, M_I, I_(2, 0x27), 0) \
  X(fsd, FMT_FS, M_I, I_(3, 0x27), DF_C) \
  X(fmv_x_w, FMT_FMV_XF, 0xfff0707fu, R_(0x70, 0, 0x53), DF_WX) \
  X(fmv_w_x, FMT_FMV_FX, 0xfff0707fu, R_(0x78, 0, 0x53), 0) \
  X(fmv_x_d, FMT_FMV_XF, 0xfff0707fu, R_(0x71, 0, 0x53), DF_WX) \
  X(fmv_d_x, FMT_FMV_FX, 0xfff0707fu, R_(0x79, 0, 0x53), 0)

/* Pseudo-operations the decoder produces itself; never matched from bits. */
#define ISA_PSEUDO(X) \
  X(illegal, FMT_NONE, 0, 1, DF_END) \
  X(page_end, FMT_NONE, 0, 1, DF_END) \
  X(straddle, FMT_NONE, 0, 1, DF_END) \
  X(stop, FMT_NONE, 0, 1, DF_END) \
  X(undecoded, FMT_NONE, 0, 1, 0)

#include "isa_b.h"
#include "isa_fp.h"

#define ISA_DECODED(X) ISA_BASE(X) ISA_M(X) ISA_A(X) ISA_FMEM(X) ISA_FP(X) ISA_B(X)
#define ISA_ALL(X) ISA_DECODED(X) ISA_PSEUDO(X)

#endif
