/* Zba, Zbb, Zbs and Zicond rows of the instruction table (see isa.h for the
 * columns).  Encodings: RISC-V bit-manipulation ISA-extensions v1.0.0 (RV64
 * forms) and the Zicond extension v1.0.
 *
 * Overlaps.  Every row's mask covers all the bits that distinguish it, so no
 * encoding matches two rows and the table order does not matter (the unit
 * test bitmanip/rows_do_not_overlap checks this).  The places to watch:
 *   - OP-IMM (0x13) funct3 1 and 5: slli/srli/srai own funct6 0x00 and 0x10
 *     (mask M_SH).  The B immediate shifts use M_SH too, with other funct6
 *     values: funct3 1 bseti 0x0a, bclri 0x12, binvi 0x1a; funct3 5 bexti
 *     0x12, rori 0x18.  The unary ones fix all 12 immediate bits (mask M_R1):
 *     clz/ctz/cpop/sext.b/sext.h are funct6 0x18 under funct3 1 (no shift
 *     row there has 0x18); orc.b (imm 0x287: funct6 0x0a) and rev8 (imm
 *     0x6b8: funct6 0x1a) are under funct3 5, where no shift row uses 0x0a or
 *     0x1a (bseti/binvi have them under funct3 1).
 *   - OP-IMM-32 (0x1b): slli.uw is funct6 0x02 (funct7 0x04/0x05: shamt[5]
 *     is the low funct7 bit), apart from slliw's 0x00; clzw/ctzw/cpopw fix
 *     the rs2 field; roriw is funct7 0x30.
 *   - OP-32 (0x3b): zext.h is funct7 0x04 funct3 4 rs2 0 (the RV64 encoding,
 *     packw with rs2=x0); add.uw is funct7 0x04 funct3 0.
 *   - OP (0x33): czero.* are funct7 0x07, unused by the base, M or B sets. */
#ifndef AMANATSU_ISA_B_H
#define AMANATSU_ISA_B_H

#define M_R1 0xfff0707fu /* unary: the rs2 field (or the whole imm) is opcode */
#define R1_(f12, f3, opc) (((f12) << 20) | ((f3) << 12) | (opc))

#define ISA_B(X) \
  X(add_uw, FMT_R, M_R, R_(0x04, 0, 0x3b), DF_WX) \
  X(sh1add, FMT_R, M_R, R_(0x10, 2, 0x33), DF_WX) \
  X(sh2add, FMT_R, M_R, R_(0x10, 4, 0x33), DF_WX) \
  X(sh3add, FMT_R, M_R, R_(0x10, 6, 0x33), DF_WX) \
  X(sh1add_uw, FMT_R, M_R, R_(0x10, 2, 0x3b), DF_WX) \
  X(sh2add_uw, FMT_R, M_R, R_(0x10, 4, 0x3b), DF_WX) \
  X(sh3add_uw, FMT_R, M_R, R_(0x10, 6, 0x3b), DF_WX) \
  X(slli_uw, FMT_SH, M_SH, R_(0x04, 1, 0x1b), DF_WX) \
  X(andn, FMT_R, M_R, R_(0x20, 7, 0x33), DF_WX) \
  X(orn, FMT_R, M_R, R_(0x20, 6, 0x33), DF_WX) \
  X(xnor, FMT_R, M_R, R_(0x20, 4, 0x33), DF_WX) \
  X(clz, FMT_R1, M_R1, R1_(0x600, 1, 0x13), DF_WX) \
  X(clzw, FMT_R1, M_R1, R1_(0x600, 1, 0x1b), DF_WX) \
  X(ctz, FMT_R1, M_R1, R1_(0x601, 1, 0x13), DF_WX) \
  X(ctzw, FMT_R1, M_R1, R1_(0x601, 1, 0x1b), DF_WX) \
  X(cpop, FMT_R1, M_R1, R1_(0x602, 1, 0x13), DF_WX) \
  X(cpopw, FMT_R1, M_R1, R1_(0x602, 1, 0x1b), DF_WX) \
  X(max, FMT_R, M_R, R_(0x05, 6, 0x33), DF_WX) \
  X(maxu, FMT_R, M_R, R_(0x05, 7, 0x33), DF_WX) \
  X(min, FMT_R, M_R, R_(0x05, 4, 0x33), DF_WX) \
  X(minu, FMT_R, M_R, R_(0x05, 5, 0x33), DF_WX) \
  X(sext_b, FMT_R1, M_R1, R1_(0x604, 1, 0x13), DF_WX) \
  X(sext_h, FMT_R1, M_R1, R1_(0x605, 1, 0x13), DF_WX) \
  X(zext_h, FMT_R1, M_R1, R1_(0x080, 4, 0x3b), DF_WX) \
  X(rol, FMT_R, M_R, R_(0x30, 1, 0x33), DF_WX) \
  X(rolw, FMT_R, M_R, R_(0x30, 1, 0x3b), DF_WX) \
  X(ror, FMT_R, M_R, R_(0x30, 5, 0x33), DF_WX) \
  X(rori, FMT_SH, M_SH, R_(0x30, 5, 0x13), DF_WX) \
  X(roriw, FMT_SHW, M_R, R_(0x30, 5, 0x1b), DF_WX) \
  X(rorw, FMT_R, M_R, R_(0x30, 5, 0x3b), DF_WX) \
  X(orc_b, FMT_R1, M_R1, R1_(0x287, 5, 0x13), DF_WX) \
  X(rev8, FMT_R1, M_R1, R1_(0x6b8, 5, 0x13), DF_WX) \
  X(bclr, FMT_R, M_R, R_(0x24, 1, 0x33), DF_WX) \
  X(bclri, FMT_SH, M_SH, R_(0x24, 1, 0x13), DF_WX) \
  X(bext, FMT_R, M_R, R_(0x24, 5, 0x33), DF_WX) \
  X(bexti, FMT_SH, M_SH, R_(0x24, 5, 0x13), DF_WX) \
  X(binv, FMT_R, M_R, R_(0x34, 1, 0x33), DF_WX) \
  X(binvi, FMT_SH, M_SH, R_(0x34, 1, 0x13), DF_WX) \
  X(bset, FMT_R, M_R, R_(0x14, 1, 0x33), DF_WX) \
  X(bseti, FMT_SH, M_SH, R_(0x14, 1, 0x13), DF_WX) \
  X(czero_eqz, FMT_R, M_R, R_(0x07, 5, 0x33), DF_WX) \
  X(czero_nez, FMT_R, M_R, R_(0x07, 7, 0x33), DF_WX)

#endif
