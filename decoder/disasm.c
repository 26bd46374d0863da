/* Disassembly of predecoded records, for error messages, --trace-like output
 * and tests.  Names come from the instruction table. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"

static const char *const op_names[OP_COUNT] = {
#define X(name, fmt, mask, match, flags) #name,
    ISA_ALL(X)
#undef X
};

static const uint8_t op_fmt[OP_COUNT] = {
#define X(name, fmt, mask, match, flags) fmt,
    ISA_ALL(X)
#undef X
};

static const char *const xname[33] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6", "zero"};

static const char *const fname[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

/* The rounding-mode operand as objdump shows it: omitted when dynamic, and
 * for the conversions that never round (their canonical encoding is rne). */
static const char *rm_suffix(const struct dec_insn *in) {
  static const char *const names[8] = {",rne", ",rtz", ",rdn", ",rup", ",rmm", ",5", ",6", ""};
  bool exact = in->op == OP_fcvt_d_s || in->op == OP_fcvt_d_w || in->op == OP_fcvt_d_wu;
  if (exact) return in->rm == 0 ? "" : in->rm == 7 ? ",dyn" : names[in->rm & 7];
  return names[in->rm & 7];
}

const char *dec_op_name(unsigned op) { return op < OP_COUNT ? op_names[op] : "?"; }

int dec_disasm(const struct dec_insn *in, uint64_t pc, char *buf, size_t cap) {
  char mn[24];
  snprintf(mn, sizeof mn, "%s", dec_op_name(in->op));
  for (char *p = mn; *p; p++)
    if (*p == '_') *p = '.';
  const char *rd = xname[in->rd], *r1 = xname[in->rs1], *r2 = xname[in->rs2];
  int64_t imm = in->imm;
  switch (op_fmt[in->op]) {
  case FMT_R:
    if (in->op > OP_lr_w && in->op <= OP_amomaxu_d) /* sc, amo: rd,rs2,(rs1) as objdump */
      return snprintf(buf, cap, "%s %s,%s,(%s)", mn, rd, r2, r1);
    return snprintf(buf, cap, "%s %s,%s,%s", mn, rd, r1, r2);
  case FMT_LR: return snprintf(buf, cap, "%s %s,(%s)", mn, rd, r1);
  case FMT_R1: return snprintf(buf, cap, "%s %s,%s", mn, rd, r1);
  case FMT_I:
    if (in->op <= OP_lwu && in->op >= OP_lb)
      return snprintf(buf, cap, "%s %s,%" PRId64 "(%s)", mn, rd, imm, r1);
    if (in->op == OP_jalr) return snprintf(buf, cap, "%s %s,%" PRId64 "(%s)", mn, rd, imm, r1);
    return snprintf(buf, cap, "%s %s,%s,%" PRId64, mn, rd, r1, imm);
  case FMT_SH:
  case FMT_SHW: return snprintf(buf, cap, "%s %s,%s,0x%" PRIx64, mn, rd, r1, imm);
  case FMT_S: return snprintf(buf, cap, "%s %s,%" PRId64 "(%s)", mn, r2, imm, r1);
  case FMT_B:
    return snprintf(buf, cap, "%s %s,%s,0x%" PRIx64, mn, r1, r2, pc + (uint64_t)imm);
  case FMT_U:
    return snprintf(buf, cap, "%s %s,0x%" PRIx64, mn, rd, ((uint64_t)imm >> 12) & 0xfffff);
  case FMT_J: return snprintf(buf, cap, "%s %s,0x%" PRIx64, mn, rd, pc + (uint64_t)imm);
  case FMT_FL: return snprintf(buf, cap, "%s %s,%" PRId64 "(%s)", mn, fname[in->rd & 31], imm, r1);
  case FMT_FS: return snprintf(buf, cap, "%s %s,%" PRId64 "(%s)", mn, fname[in->rs2], imm, r1);
  case FMT_FMV_XF: return snprintf(buf, cap, "%s %s,%s", mn, rd, fname[in->rs1]);
  case FMT_FMV_FX: return snprintf(buf, cap, "%s %s,%s", mn, fname[in->rd & 31], r1);
  case FMT_FR:
    return snprintf(buf, cap, "%s %s,%s,%s%s", mn, fname[in->rd & 31], fname[in->rs1 & 31],
                    fname[in->rs2 & 31], rm_suffix(in));
  case FMT_FR4:
    return snprintf(buf, cap, "%s %s,%s,%s,%s%s", mn, fname[in->rd & 31], fname[in->rs1 & 31],
                    fname[in->rs2 & 31], fname[in->rs3 & 31], rm_suffix(in));
  case FMT_FR1:
    return snprintf(buf, cap, "%s %s,%s%s", mn, fname[in->rd & 31], fname[in->rs1 & 31],
                    rm_suffix(in));
  case FMT_FRN:
    return snprintf(buf, cap, "%s %s,%s,%s", mn, fname[in->rd & 31], fname[in->rs1 & 31],
                    fname[in->rs2 & 31]);
  case FMT_FCMP:
    return snprintf(buf, cap, "%s %s,%s,%s", mn, rd, fname[in->rs1 & 31], fname[in->rs2 & 31]);
  case FMT_FCVT_XF: return snprintf(buf, cap, "%s %s,%s%s", mn, rd, fname[in->rs1 & 31], rm_suffix(in));
  case FMT_FCVT_FX:
    return snprintf(buf, cap, "%s %s,%s%s", mn, fname[in->rd & 31], r1, rm_suffix(in));
  case FMT_CSR: return snprintf(buf, cap, "%s %s,0x%" PRIx64 ",%s", mn, rd, imm, r1);
  case FMT_CSRI: return snprintf(buf, cap, "%s %s,0x%" PRIx64 ",%u", mn, rd, imm, in->rs1);
  default:
    if (in->op == OP_illegal)
      return snprintf(buf, cap, "illegal 0x%0*" PRIx64, in->len == 2 ? 4 : 8, (uint64_t)(uint32_t)imm);
    return snprintf(buf, cap, "%s", mn);
  }
}
