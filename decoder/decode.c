/* Instruction decoding: 32-bit encodings through the table in isa.h,
 * compressed encodings expanded to the base instruction they stand for. */
#include "decode.h"

#include <string.h>

struct dec_entry {
  uint32_t mask, match;
  uint16_t op;
  uint8_t fmt;
};

static const struct dec_entry dec_table[] = {
#define X(name, fmt, mask, match, flags) {mask, match, OP_##name, fmt},
    ISA_DECODED(X)
#undef X
};

static const uint8_t op_flags[OP_COUNT] = {
#define X(name, fmt, mask, match, flags) flags,
    ISA_ALL(X)
#undef X
};

unsigned dec_op_flags(unsigned op) { return op < OP_COUNT ? op_flags[op] : 0; }

/* Table entries grouped by major opcode (bits 6..0), so that a lookup scans
 * only the few entries that share it. */
enum { NTAB = sizeof dec_table / sizeof dec_table[0] };
static uint8_t bucket_start[129];
static uint8_t bucket_idx[NTAB];
static bool buckets_ready;

static void build_buckets(void) {
  unsigned n = 0;
  for (unsigned opc = 0; opc < 128; opc++) {
    bucket_start[opc] = (uint8_t)n;
    for (unsigned i = 0; i < NTAB; i++)
      if ((dec_table[i].match & 0x7f) == opc) bucket_idx[n++] = (uint8_t)i;
  }
  bucket_start[128] = (uint8_t)n;
  buckets_ready = true;
}
_Static_assert(NTAB < 256, "bucket indexes are bytes");

static inline int64_t sext(uint64_t v, unsigned bits) {
  return (int64_t)(v << (64 - bits)) >> (64 - bits);
}
static inline uint32_t bit(uint32_t v, unsigned hi, unsigned lo) {
  return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static void set_illegal(struct dec_insn *o, uint32_t bits, unsigned len) {
  o->op = OP_illegal;
  o->rd = o->rs1 = o->rs2 = 0;
  /* read back as uint32_t; zeroes rs3 and rm, which share imm's bytes */
  o->imm = (int32_t)(len == 2 ? (bits & 0xffff) : bits);
  o->len = (uint8_t)len;
}

static void set_op(struct dec_insn *o, unsigned op, unsigned rd, unsigned rs1, unsigned rs2,
                   int64_t imm, unsigned len) {
  o->op = (uint8_t)op;
  o->rd = (uint8_t)((op_flags[op] & DF_WX) && rd == 0 ? DEC_XSINK : rd);
  o->rs1 = (uint8_t)rs1;
  o->rs2 = (uint8_t)rs2;
  o->imm = (int32_t)imm; /* every RV64 immediate fits; zeroes rs3 and rm */
  o->len = (uint8_t)len;
}

static void decode32(uint32_t b, struct dec_insn *o) {
  if (!buckets_ready) build_buckets();
  unsigned opc = b & 0x7f;
  for (unsigned k = bucket_start[opc]; k < bucket_start[opc + 1]; k++) {
    const struct dec_entry *e = &dec_table[bucket_idx[k]];
    if ((b & e->mask) != e->match) continue;
    unsigned rd = bit(b, 11, 7), rs1 = bit(b, 19, 15), rs2 = bit(b, 24, 20);
    int64_t imm = 0;
    switch (e->fmt) {
    case FMT_I:
    case FMT_FL: imm = sext(b >> 20, 12); break;
    case FMT_S:
    case FMT_FS: imm = sext((bit(b, 31, 25) << 5) | bit(b, 11, 7), 12); break;
    case FMT_B:
      imm = sext((bit(b, 31, 31) << 12) | (bit(b, 7, 7) << 11) | (bit(b, 30, 25) << 5) |
                     (bit(b, 11, 8) << 1), 13);
      break;
    case FMT_U: imm = (int32_t)(b & 0xfffff000u); break;
    case FMT_J:
      imm = sext((bit(b, 31, 31) << 20) | (bit(b, 19, 12) << 12) | (bit(b, 20, 20) << 11) |
                     (bit(b, 30, 21) << 1), 21);
      break;
    case FMT_SH: imm = bit(b, 25, 20); break;
    case FMT_SHW: imm = bit(b, 24, 20); break;
    case FMT_CSR:
    case FMT_CSRI: imm = b >> 20; break;
    default: break;
    }
    /* Fields the format does not have are zero, so that a compressed form
     * and its base instruction decode to identical records. */
    switch (e->fmt) {
    case FMT_R: break;
    case FMT_R1: rs2 = 0; break; /* the rs2 field is part of the opcode */
    case FMT_I: case FMT_FL: case FMT_SH: case FMT_SHW: case FMT_CSR: case FMT_CSRI:
    case FMT_LR: case FMT_FMV_XF: case FMT_FMV_FX: rs2 = 0; break;
    case FMT_FR: case FMT_FR4: case FMT_FRN: case FMT_FCMP: break;
    case FMT_FR1: case FMT_FCVT_XF: case FMT_FCVT_FX: rs2 = 0; break;
    case FMT_S: case FMT_FS: case FMT_B: rd = 0; break;
    case FMT_U: case FMT_J: rs1 = rs2 = 0; break;
    default: rd = rs1 = rs2 = 0; break;
    }
    set_op(o, e->op, rd, rs1, rs2, imm, 4);
    if (e->fmt == FMT_R && opc == 0x2f) o->rm = (uint8_t)bit(b, 26, 25); /* aq, rl */
    switch (e->fmt) {
    case FMT_FR4: o->rs3 = (uint8_t)bit(b, 31, 27); /* fall through */
    case FMT_FR: case FMT_FR1: case FMT_FCVT_XF: case FMT_FCVT_FX:
      o->rm = (uint8_t)bit(b, 14, 12);
      if (o->rm == 5 || o->rm == 6) set_illegal(o, b, 4); /* reserved rounding modes */
      break;
    default: break;
    }
    return;
  }
  set_illegal(o, b, 4);
}

uint32_t dec_encode(const struct dec_insn *in) {
  static const uint32_t match[OP_COUNT] = {
#define X(name, fmt, mask, match, flags) match,
      ISA_ALL(X)
#undef X
  };
  static const uint8_t fmts[OP_COUNT] = {
#define X(name, fmt, mask, match, flags) fmt,
      ISA_ALL(X)
#undef X
  };
  if (in->op >= OP_illegal || in->len != 4) return 0;
  uint32_t b = match[in->op] | (uint32_t)(in->rd & 31) << 7 | (uint32_t)in->rs1 << 15;
  switch (fmts[in->op]) {
  case FMT_R:
    b |= (uint32_t)in->rs2 << 20;
    if ((b & 0x7f) == 0x2f) b |= (uint32_t)in->rm << 25; /* aq, rl */
    return b;
  case FMT_FR4: return b | (uint32_t)in->rs2 << 20 | (uint32_t)in->rs3 << 27 | (uint32_t)in->rm << 12;
  case FMT_FR: return b | (uint32_t)in->rs2 << 20 | (uint32_t)in->rm << 12;
  case FMT_FRN: case FMT_FCMP: return b | (uint32_t)in->rs2 << 20;
  case FMT_FR1: case FMT_FCVT_XF: case FMT_FCVT_FX: return b | (uint32_t)in->rm << 12;
  case FMT_LR: case FMT_FMV_XF: case FMT_FMV_FX: return b;
  case FMT_CSR: case FMT_CSRI: return b | (uint32_t)in->imm << 20;
  default: return 0;
  }
}

/* RISC-V unprivileged ISA, "C" Standard Extension: each RV64 compressed form
 * and the 32-bit instruction it expands to. */
static void decode16(uint32_t c, struct dec_insn *o) {
  unsigned f3 = bit(c, 15, 13), q = c & 3;
  unsigned rd = bit(c, 11, 7), rs2 = bit(c, 6, 2);
  unsigned rdp = 8 + bit(c, 4, 2), rs1p = 8 + bit(c, 9, 7);
  int64_t ci = sext((bit(c, 12, 12) << 5) | bit(c, 6, 2), 6);
  uint32_t uw = (bit(c, 12, 10) << 3) | (bit(c, 6, 6) << 2) | (bit(c, 5, 5) << 6);
  uint32_t ud = (bit(c, 12, 10) << 3) | (bit(c, 6, 5) << 6);

  if (c == 0) goto illegal;
  switch (q << 3 | f3) {
  case 0 << 3 | 0: { /* c.addi4spn */
    uint32_t imm = (bit(c, 12, 11) << 4) | (bit(c, 10, 7) << 6) | (bit(c, 6, 6) << 2) |
                   (bit(c, 5, 5) << 3);
    if (!imm) goto illegal;
    return set_op(o, OP_addi, rdp, 2, 0, imm, 2);
  }
  case 0 << 3 | 1: return set_op(o, OP_fld, rdp, rs1p, 0, ud, 2);
  case 0 << 3 | 2: return set_op(o, OP_lw, rdp, rs1p, 0, uw, 2);
  case 0 << 3 | 3: return set_op(o, OP_ld, rdp, rs1p, 0, ud, 2);
  case 0 << 3 | 5: return set_op(o, OP_fsd, 0, rs1p, rdp, ud, 2);
  case 0 << 3 | 6: return set_op(o, OP_sw, 0, rs1p, rdp, uw, 2);
  case 0 << 3 | 7: return set_op(o, OP_sd, 0, rs1p, rdp, ud, 2);

  case 1 << 3 | 0: return set_op(o, OP_addi, rd, rd, 0, ci, 2); /* c.addi, c.nop */
  case 1 << 3 | 1:
    if (!rd) goto illegal;
    return set_op(o, OP_addiw, rd, rd, 0, ci, 2);
  case 1 << 3 | 2: return set_op(o, OP_addi, rd, 0, 0, ci, 2); /* c.li */
  case 1 << 3 | 3:
    if (rd == 2) { /* c.addi16sp */
      int64_t imm = sext((bit(c, 12, 12) << 9) | (bit(c, 6, 6) << 4) | (bit(c, 5, 5) << 6) |
                             (bit(c, 4, 3) << 7) | (bit(c, 2, 2) << 5), 10);
      if (!imm) goto illegal;
      return set_op(o, OP_addi, 2, 2, 0, imm, 2);
    }
    if (!ci) goto illegal; /* c.lui */
    return set_op(o, OP_lui, rd, 0, 0, ci * 4096, 2); /* not ci << 12: UB for negative ci */
  case 1 << 3 | 4: {
    unsigned shamt = (bit(c, 12, 12) << 5) | bit(c, 6, 2);
    switch (bit(c, 11, 10)) {
    case 0: return set_op(o, OP_srli, rs1p, rs1p, 0, shamt, 2);
    case 1: return set_op(o, OP_srai, rs1p, rs1p, 0, shamt, 2);
    case 2: return set_op(o, OP_andi, rs1p, rs1p, 0, ci, 2);
    }
    static const uint16_t arith[8] = {OP_sub, OP_xor, OP_or, OP_and,
                                      OP_subw, OP_addw, OP_illegal, OP_illegal};
    unsigned op = arith[bit(c, 12, 12) << 2 | bit(c, 6, 5)];
    if (op == OP_illegal) goto illegal;
    return set_op(o, op, rs1p, rs1p, rdp, 0, 2);
  }
  case 1 << 3 | 5: { /* c.j */
    int64_t imm = sext((bit(c, 12, 12) << 11) | (bit(c, 11, 11) << 4) | (bit(c, 10, 9) << 8) |
                           (bit(c, 8, 8) << 10) | (bit(c, 7, 7) << 6) | (bit(c, 6, 6) << 7) |
                           (bit(c, 5, 3) << 1) | (bit(c, 2, 2) << 5), 12);
    return set_op(o, OP_jal, 0, 0, 0, imm, 2);
  }
  case 1 << 3 | 6:
  case 1 << 3 | 7: { /* c.beqz, c.bnez */
    int64_t imm = sext((bit(c, 12, 12) << 8) | (bit(c, 11, 10) << 3) | (bit(c, 6, 5) << 6) |
                           (bit(c, 4, 3) << 1) | (bit(c, 2, 2) << 5), 9);
    return set_op(o, f3 == 6 ? OP_beq : OP_bne, 0, rs1p, 0, imm, 2);
  }

  case 2 << 3 | 0: return set_op(o, OP_slli, rd, rd, 0, (bit(c, 12, 12) << 5) | bit(c, 6, 2), 2);
  case 2 << 3 | 1:
    return set_op(o, OP_fld, rd, 2, 0,
                  (bit(c, 12, 12) << 5) | (bit(c, 6, 5) << 3) | (bit(c, 4, 2) << 6), 2);
  case 2 << 3 | 2:
    if (!rd) goto illegal;
    return set_op(o, OP_lw, rd, 2, 0,
                  (bit(c, 12, 12) << 5) | (bit(c, 6, 4) << 2) | (bit(c, 3, 2) << 6), 2);
  case 2 << 3 | 3:
    if (!rd) goto illegal;
    return set_op(o, OP_ld, rd, 2, 0,
                  (bit(c, 12, 12) << 5) | (bit(c, 6, 5) << 3) | (bit(c, 4, 2) << 6), 2);
  case 2 << 3 | 4:
    if (!bit(c, 12, 12)) {
      if (rs2) return set_op(o, OP_add, rd, 0, rs2, 0, 2); /* c.mv */
      if (!rd) goto illegal;
      return set_op(o, OP_jalr, 0, rd, 0, 0, 2); /* c.jr */
    }
    if (rs2) return set_op(o, OP_add, rd, rd, rs2, 0, 2); /* c.add */
    if (!rd) return set_op(o, OP_ebreak, 0, 0, 0, 0, 2);
    return set_op(o, OP_jalr, 1, rd, 0, 0, 2); /* c.jalr */
  case 2 << 3 | 5: return set_op(o, OP_fsd, 0, 2, rs2, (bit(c, 12, 10) << 3) | (bit(c, 9, 7) << 6), 2);
  case 2 << 3 | 6: return set_op(o, OP_sw, 0, 2, rs2, (bit(c, 12, 9) << 2) | (bit(c, 8, 7) << 6), 2);
  case 2 << 3 | 7: return set_op(o, OP_sd, 0, 2, rs2, (bit(c, 12, 10) << 3) | (bit(c, 9, 7) << 6), 2);
  }
illegal:
  set_illegal(o, c, 2);
}

void dec_decode(uint32_t bits, struct dec_insn *out) {
  out->h = 0;
  out->blen = 0;
  out->local = 0;
  if ((bits & 3) == 3)
    decode32(bits, out);
  else
    decode16(bits & 0xffff, out);
}

void dec_page_init(struct dec_page *p, uint64_t vbase, const uint8_t *bytes,
                   const uint32_t *handlers) {
  p->vbase = vbase;
  p->stale = false;
  p->handlers = handlers;
  memcpy(p->bytes, bytes, DEC_PAGE_SIZE);
  const struct dec_insn undecoded = {
      .op = OP_undecoded, .h = handlers ? DEC_HANDLER(handlers, OP_undecoded, 4) : 0};
  for (unsigned i = 0; i < DEC_SLOTS; i++) p->insn[i] = undecoded;
  p->insn[DEC_SLOTS] = (struct dec_insn){
      .op = OP_page_end, .h = handlers ? DEC_HANDLER(handlers, OP_page_end, 4) : 0};
}

/* One slot, from the page's own bytes. */
static void decode_slot(struct dec_page *p, unsigned i) {
  struct dec_insn *in = &p->insn[i];
  uint16_t lo;
  memcpy(&lo, p->bytes + 2 * i, 2);
  if ((lo & 3) == 3 && i == DEC_SLOTS - 1) {
    /* The upper half lives on the next page: the interpreter fetches it
     * when it gets there, so that this page's records depend only on its
     * own bytes. */
    memset(in, 0, sizeof *in);
    in->op = OP_straddle;
    return;
  }
  uint32_t bits = lo;
  if ((lo & 3) == 3) {
    uint16_t hi;
    memcpy(&hi, p->bytes + 2 * i + 2, 2);
    bits |= (uint32_t)hi << 16;
  }
  dec_decode(bits, in);
  int64_t t = (int64_t)(2 * i) + in->imm;
  if ((in->op == OP_jal || (in->op >= OP_beq && in->op <= OP_bgeu)) && t >= 0 &&
      t < (int64_t)DEC_PAGE_SIZE)
    in->local = 1;
}

const struct dec_insn *dec_page_decode_run(struct dec_page *p, unsigned slot) {
  uint16_t chain[DEC_SLOTS];
  unsigned n = 0;
  for (unsigned i = slot; i < DEC_SLOTS && p->insn[i].op == OP_undecoded;) {
    decode_slot(p, i);
    chain[n++] = (uint16_t)i;
    if (op_flags[p->insn[i].op] & DF_END) break;
    i += p->insn[i].len / 2;
  }
  /* blen: instructions from each slot to the end of its block, along the
   * straight-line successor (slot + len/2).  A block ends at a DF_END
   * instruction or where the page ends. */
  while (n--) {
    struct dec_insn *in = &p->insn[chain[n]];
    if (op_flags[in->op] & DF_END) {
      in->blen = 1;
    } else {
      unsigned nx = chain[n] + in->len / 2u;
      in->blen = (uint16_t)(1 + (nx < DEC_SLOTS ? p->insn[nx].blen : 0));
    }
    in->h = p->handlers ? DEC_HANDLER(p->handlers, in->op, in->len) : 0;
  }
  return &p->insn[slot];
}

void dec_decode_page(struct dec_page *p, uint64_t vbase, const uint8_t *bytes,
                     const uint32_t *handlers) {
  dec_page_init(p, vbase, bytes, handlers);
  /* From the end, so that each run stops at the decoded run after it. */
  for (unsigned i = DEC_SLOTS; i-- > 0;)
    if (p->insn[i].op == OP_undecoded) dec_page_decode_run(p, i);
}
