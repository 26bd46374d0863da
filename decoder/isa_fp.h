/* F and D rows of the instruction table (see isa.h for the columns), beyond
 * the loads, stores and moves listed in isa.h.  Encodings: RISC-V
 * unprivileged ISA, chapters "F" and "D" (RV32F/RV64F, RV32D/RV64D opcode
 * maps).
 *
 * The funct3 field of most of these is the rounding mode rm (formats
 * FMT_FR, FMT_FR4, FMT_FR1, FMT_FCVT_XF, FMT_FCVT_FX): their masks leave it
 * out and the decoder stores it in the record's rm; the reserved static
 * modes 5 and 6 decode as illegal.  Where funct3 selects the operation
 * (sign injection, min/max, compares, fclass) the mask includes it.  For
 * unary operations and conversions the rs2 field is part of the opcode (for
 * fcvt it is the integer kind: 0 w, 1 wu, 2 l, 3 lu).  The fused
 * multiply-adds are R4-type: rs3 in bits 31..27, the format (00 S, 01 D) in
 * bits 26..25. */
#ifndef AMANATSU_ISA_FP_H
#define AMANATSU_ISA_FP_H

#define MF_R 0xfe00007fu  /* funct7, opcode (funct3 = rm) */
#define MF_R1 0xfff0007fu /* funct7, rs2, opcode (funct3 = rm) */
#define MF_R4 0x0600007fu /* fmt, opcode (funct3 = rm) */
#define MF_CL 0xfff0707fu /* funct7, rs2, funct3, opcode */
#define F_(f7, opc) (((f7) << 25) | (opc))
#define F1_(f7, rs2, opc) (((f7) << 25) | ((rs2) << 20) | (opc))
#define F4_(fmt, opc) (((fmt) << 25) | (opc))

#define ISA_FP(X) \
  X(fmadd_s, FMT_FR4, MF_R4, F4_(0, 0x43), 0) \
  X(fmsub_s, FMT_FR4, MF_R4, F4_(0, 0x47), 0) \
  X(fnmsub_s, FMT_FR4, MF_R4, F4_(0, 0x4b), 0) \
  X(fnmadd_s, FMT_FR4, MF_R4, F4_(0, 0x4f), 0) \
  X(fadd_s, FMT_FR, MF_R, F_(0x00, 0x53), 0) \
  X(fsub_s, FMT_FR, MF_R, F_(0x04, 0x53), 0) \
  X(fmul_s, FMT_FR, MF_R, F_(0x08, 0x53), 0) \
  X(fdiv_s, FMT_FR, MF_R, F_(0x0c, 0x53), 0) \
  X(fsqrt_s, FMT_FR1, MF_R1, F1_(0x2c, 0, 0x53), 0) \
  X(fsgnj_s, FMT_FRN, M_R, R_(0x10, 0, 0x53), 0) \
  X(fsgnjn_s, FMT_FRN, M_R, R_(0x10, 1, 0x53), 0) \
  X(fsgnjx_s, FMT_FRN, M_R, R_(0x10, 2, 0x53), 0) \
  X(fmin_s, FMT_FRN, M_R, R_(0x14, 0, 0x53), 0) \
  X(fmax_s, FMT_FRN, M_R, R_(0x14, 1, 0x53), 0) \
  X(fcvt_w_s, FMT_FCVT_XF, MF_R1, F1_(0x60, 0, 0x53), DF_WX) \
  X(fcvt_wu_s, FMT_FCVT_XF, MF_R1, F1_(0x60, 1, 0x53), DF_WX) \
  X(fcvt_l_s, FMT_FCVT_XF, MF_R1, F1_(0x60, 2, 0x53), DF_WX) \
  X(fcvt_lu_s, FMT_FCVT_XF, MF_R1, F1_(0x60, 3, 0x53), DF_WX) \
  X(feq_s, FMT_FCMP, M_R, R_(0x50, 2, 0x53), DF_WX) \
  X(flt_s, FMT_FCMP, M_R, R_(0x50, 1, 0x53), DF_WX) \
  X(fle_s, FMT_FCMP, M_R, R_(0x50, 0, 0x53), DF_WX) \
  X(fclass_s, FMT_FMV_XF, MF_CL, R_(0x70, 1, 0x53), DF_WX) \
  X(fcvt_s_w, FMT_FCVT_FX, MF_R1, F1_(0x68, 0, 0x53), 0) \
  X(fcvt_s_wu, FMT_FCVT_FX, MF_R1, F1_(0x68, 1, 0x53), 0) \
  X(fcvt_s_l, FMT_FCVT_FX, MF_R1, F1_(0x68, 2, 0x53), 0) \
  X(fcvt_s_lu, FMT_FCVT_FX, MF_R1, F1_(0x68, 3, 0x53), 0) \
  X(fmadd_d, FMT_FR4, MF_R4, F4_(1, 0x43), 0) \
  X(fmsub_d, FMT_FR4, MF_R4, F4_(1, 0x47), 0) \
  X(fnmsub_d, FMT_FR4, MF_R4, F4_(1, 0x4b), 0) \
  X(fnmadd_d, FMT_FR4, MF_R4, F4_(1, 0x4f), 0) \
  X(fadd_d, FMT_FR, MF_R, F_(0x01, 0x53), 0) \
  X(fsub_d, FMT_FR, MF_R, F_(0x05, 0x53), 0) \
  X(fmul_d, FMT_FR, MF_R, F_(0x09, 0x53), 0) \
  X(fdiv_d, FMT_FR, MF_R, F_(0x0d, 0x53), 0) \
  X(fsqrt_d, FMT_FR1, MF_R1, F1_(0x2d, 0, 0x53), 0) \
  X(fsgnj_d, FMT_FRN, M_R, R_(0x11, 0, 0x53), 0) \
  X(fsgnjn_d, FMT_FRN, M_R, R_(0x11, 1, 0x53), 0) \
  X(fsgnjx_d, FMT_FRN, M_R, R_(0x11, 2, 0x53), 0) \
  X(fmin_d, FMT_FRN, M_R, R_(0x15, 0, 0x53), 0) \
  X(fmax_d, FMT_FRN, M_R, R_(0x15, 1, 0x53), 0) \
  X(fcvt_s_d, FMT_FR1, MF_R1, F1_(0x20, 1, 0x53), 0) \
  X(fcvt_d_s, FMT_FR1, MF_R1, F1_(0x21, 0, 0x53), 0) \
  X(feq_d, FMT_FCMP, M_R, R_(0x51, 2, 0x53), DF_WX) \
  X(flt_d, FMT_FCMP, M_R, R_(0x51, 1, 0x53), DF_WX) \
  X(fle_d, FMT_FCMP, M_R, R_(0x51, 0, 0x53), DF_WX) \
  X(fclass_d, FMT_FMV_XF, MF_CL, R_(0x71, 1, 0x53), DF_WX) \
  X(fcvt_w_d, FMT_FCVT_XF, MF_R1, F1_(0x61, 0, 0x53), DF_WX) \
  X(fcvt_wu_d, FMT_FCVT_XF, MF_R1, F1_(0x61, 1, 0x53), DF_WX) \
  X(fcvt_l_d, FMT_FCVT_XF, MF_R1, F1_(0x61, 2, 0x53), DF_WX) \
  X(fcvt_lu_d, FMT_FCVT_XF, MF_R1, F1_(0x61, 3, 0x53), DF_WX) \
  X(fcvt_d_w, FMT_FCVT_FX, MF_R1, F1_(0x69, 0, 0x53), 0) \
  X(fcvt_d_wu, FMT_FCVT_FX, MF_R1, F1_(0x69, 1, 0x53), 0) \
  X(fcvt_d_l, FMT_FCVT_FX, MF_R1, F1_(0x69, 2, 0x53), 0) \
  X(fcvt_d_lu, FMT_FCVT_FX, MF_R1, F1_(0x69, 3, 0x53), 0)

#endif
