/* The decoder against the GNU assembler: every instruction of decoder/isa.h,
 * every RV64C form against the instruction it expands to, reserved
 * encodings, and whole-page decoding (blen, sentinels, straddles).
 *
 * Encodings and expected operands come from vectors.inc (gen_vectors.sh:
 * assembled by riscv64-linux-gnu-as, operands parsed from the source text);
 * the hand-written encodings below are worked out from the ISA manual. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/decode.h"
#include "vectors.h"

static struct dec_insn decode(uint32_t bits) {
  struct dec_insn in;
  memset(&in, 0xa5, sizeof in); /* nothing may be left over from before */
  dec_decode(bits, &in);
  return in;
}

static void check_vector(const struct dec_vector *v) {
  struct dec_insn in = decode(v->bits);
  cr_expect_str_eq(dec_op_name(in.op), v->op, "%s (0x%08x): op", v->src, v->bits);
  cr_expect_eq(in.len, 4, "%s (0x%08x): len %u", v->src, v->bits, in.len);
  if (v->rd != DC) cr_expect_eq((int64_t)in.rd, v->rd, "%s (0x%08x): rd %u", v->src, v->bits, in.rd);
  if (v->rs1 != DC)
    cr_expect_eq((int64_t)in.rs1, v->rs1, "%s (0x%08x): rs1 %u", v->src, v->bits, in.rs1);
  if (v->rs2 != DC)
    cr_expect_eq((int64_t)in.rs2, v->rs2, "%s (0x%08x): rs2 %u", v->src, v->bits, in.rs2);
  /* The A and F/D formats have no immediate: the record keeps rs3 and rm
   * (aq and rl for SC and the AMOs) in its place. */
  unsigned opc = v->bits & 0x7f;
  bool no_imm = opc == 0x2f || opc == 0x53 || (opc & 0x73) == 0x43;
  if (opc == 0x2f && v->bits >> 27 != 2) /* not LR */
    cr_expect_eq(in.rm, (v->bits >> 25) & 3, "%s (0x%08x): aq/rl %u", v->src, v->bits, in.rm);
  if (v->imm != DC && !no_imm)
    cr_expect_eq(in.imm, v->imm, "%s (0x%08x): imm %lld, expected %lld", v->src, v->bits,
                 (long long)in.imm, (long long)v->imm);
}

Test(decode, assembler_vectors) {
  cr_assert_gt(NVEC(dec_vectors), 200);
  for (size_t i = 0; i < NVEC(dec_vectors); i++) check_vector(&dec_vectors[i]);
}

/* The vectors cover the whole table: a new instruction needs new vectors. */
Test(decode, vectors_cover_every_table_instruction) {
  for (unsigned op = 0; op < OP_illegal; op++) {
    unsigned n = 0;
    for (size_t i = 0; i < NVEC(dec_vectors); i++) n += strcmp(dec_vectors[i].op, dec_op_name(op)) == 0;
    cr_expect_geq(n, 1, "no assembler vector for %s", dec_op_name(op));
  }
  cr_expect_str_eq(dec_op_name(OP_illegal), "illegal");
  cr_expect_str_eq(dec_op_name(OP_page_end), "page_end");
  cr_expect_str_eq(dec_op_name(OP_straddle), "straddle");
  cr_expect_str_eq(dec_op_name(OP_COUNT), "?");
}

/* Writes to x0 go to the sink; reads of x0 stay x0; FP rd 0 is f0. */
Test(decode, x0_destination_is_the_sink) {
  struct dec_insn in = decode(0x00000013); /* addi zero,zero,0 */
  cr_expect_eq(in.rd, DEC_XSINK);
  cr_expect_eq(in.rs1, 0);
  in = decode(0x0000006f); /* jal zero,.+0 */
  cr_expect_eq(in.rd, DEC_XSINK);
  in = decode(0x00003007); /* fld ft0,0(zero): rd is an FP register */
  cr_expect_str_eq(dec_op_name(in.op), "fld");
  cr_expect_eq(in.rd, 0);
  in = decode(0x00003023); /* sd zero,0(zero): no rd at all */
  cr_expect_str_eq(dec_op_name(in.op), "sd");
  cr_expect_eq(in.rs2, 0);
  cr_expect_eq(in.rs1, 0);
}

/* Flags from the ISA manual: control transfers, ecall/ebreak and fence.i end
 * blocks; instructions with an integer destination have DF_WX. */
Test(decode, op_flags) {
  static const char *const ends[] = {"jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu",
                                     "ecall", "ebreak", "fence_i", "illegal", "page_end",
                                     "straddle"};
  static const char *const writes[] = {"lui", "auipc", "jal", "jalr", "lb", "lwu", "addi",
                                       "sraiw", "remuw", "csrrw", "csrrci", "lr_w", "sc_d",
                                       "amomaxu_d", "fmv_x_w", "fmv_x_d"};
  static const char *const plain[] = {"sb", "sd", "fence", "flw", "fld", "fsw", "fsd",
                                      "fmv_w_x", "fmv_d_x"};
  for (unsigned op = 0; op < OP_COUNT; op++) {
    const char *n = dec_op_name(op);
    bool end = false, wx = false;
    for (size_t i = 0; i < NVEC(ends); i++) end |= !strcmp(n, ends[i]);
    for (size_t i = 0; i < NVEC(writes); i++) wx |= !strcmp(n, writes[i]);
    if (end) cr_expect(dec_op_flags(op) & DF_END, "%s should end a block", n);
    else if (strcmp(n, "stop")) cr_expect(!(dec_op_flags(op) & DF_END), "%s should not end a block", n);
    if (wx) cr_expect(dec_op_flags(op) & DF_WX, "%s writes rd", n);
  }
  for (unsigned op = 0; op < OP_COUNT; op++)
    for (size_t i = 0; i < NVEC(plain); i++)
      if (!strcmp(dec_op_name(op), plain[i]))
        cr_expect(!(dec_op_flags(op) & DF_WX), "%s writes no integer register", plain[i]);
}

/* ---- compressed ---------------------------------------------------------- */

Test(decode, compressed_expands_to_its_base_instruction) {
  for (size_t i = 0; i < NVEC(dec_cpairs); i++) {
    const struct dec_cpair *p = &dec_cpairs[i];
    struct dec_insn c = decode(p->cbits), b = decode(p->bits);
    cr_expect_str_eq(dec_op_name(c.op), p->op, "%s (0x%04x): op", p->csrc, p->cbits);
    cr_expect_str_eq(dec_op_name(b.op), p->op, "%s (0x%08x): op", p->src, p->bits);
    cr_expect_eq(c.len, 2, "%s: len %u", p->csrc, c.len);
    cr_expect_eq(b.len, 4, "%s: len %u", p->src, b.len);
    if (p->fields & VF_RD) cr_expect_eq(c.rd, b.rd, "%s: rd %u vs %u", p->csrc, c.rd, b.rd);
    if (p->fields & VF_RS1) cr_expect_eq(c.rs1, b.rs1, "%s: rs1 %u vs %u", p->csrc, c.rs1, b.rs1);
    if (p->fields & VF_RS2) cr_expect_eq(c.rs2, b.rs2, "%s: rs2 %u vs %u", p->csrc, c.rs2, b.rs2);
    if (p->fields & VF_IMM)
      cr_expect_eq(c.imm, b.imm, "%s: imm %lld vs %lld (%s)", p->csrc, (long long)c.imm,
                   (long long)b.imm, p->src);
  }
}

Test(decode, compressed_vectors_cover_every_rv64c_form) {
  static const char *const forms[] = {
      "c.addi4spn", "c.fld",  "c.lw",   "c.ld",    "c.fsd",   "c.sw",    "c.sd",   "c.nop",
      "c.addi",     "c.addiw", "c.li",  "c.addi16sp", "c.lui", "c.srli",  "c.srai", "c.andi",
      "c.sub",      "c.xor",  "c.or",   "c.and",   "c.subw",  "c.addw",  "c.j",    "c.beqz",
      "c.bnez",     "c.slli", "c.fldsp", "c.lwsp", "c.ldsp",  "c.jr",    "c.mv",   "c.ebreak",
      "c.jalr",     "c.add",  "c.fsdsp", "c.swsp", "c.sdsp"};
  cr_assert_eq(NVEC(forms), 37);
  for (size_t f = 0; f < NVEC(forms); f++) {
    size_t n = strlen(forms[f]), hits = 0;
    for (size_t i = 0; i < NVEC(dec_cpairs); i++)
      hits += !strncmp(dec_cpairs[i].csrc, forms[f], n) &&
              (dec_cpairs[i].csrc[n] == ' ' || dec_cpairs[i].csrc[n] == 0);
    cr_expect_geq(hits, 1, "no vector for %s", forms[f]);
  }
}

/* The interpreter compiles a 2-byte entry only for ops flagged DF_C: every
 * compressed encoding must decode to one of those (or be illegal), and
 * every DF_C op must be reachable from one. */
Test(decode, compressed_forms_expand_only_to_ops_flagged_c) {
  static bool produced[OP_COUNT];
  for (uint32_t bits = 0; bits < 0x10000; bits++) {
    if ((bits & 3) == 3) continue;
    struct dec_insn in = decode(bits);
    if (in.op == OP_illegal) continue;
    cr_assert(dec_op_flags(in.op) & DF_C, "%04x decodes to %s, not flagged DF_C", bits,
              dec_op_name(in.op));
    produced[in.op] = true;
  }
  for (unsigned op = 0; op < OP_COUNT; op++)
    if (dec_op_flags(op) & DF_C)
      cr_expect(produced[op], "%s is flagged DF_C but no compressed form gives it", dec_op_name(op));
}

/* Only the low 16 bits of a compressed instruction matter. */
Test(decode, compressed_ignores_upper_half) {
  struct dec_insn a = decode(0x00000505), b = decode(0xdead0505); /* c.addi a0,1 */
  cr_expect_str_eq(dec_op_name(b.op), "addi");
  cr_expect_eq(b.len, 2);
  cr_expect_eq(a.rd, b.rd);
  cr_expect_eq(a.rs1, b.rs1);
  cr_expect_eq(a.imm, b.imm);
  cr_expect_eq(b.imm, 1);
}

/* Reserved compressed encodings (ISA manual, RVC opcode map and the notes on
 * each form), worked out by hand. */
Test(decode, reserved_compressed_encodings_are_illegal) {
  static const struct {
    uint16_t bits;
    const char *why;
  } r[] = {
      {0x0000, "all zeros"},
      {0x0004, "c.addi4spn s1, nzuimm=0"},
      {0x001c, "c.addi4spn a5, nzuimm=0"},
      {0x4002, "c.lwsp rd=0"},
      {0x507e, "c.lwsp rd=0, uimm=252"},
      {0x6002, "c.ldsp rd=0"},
      {0x6002 | (1 << 12), "c.ldsp rd=0, uimm[5]=1"},
      {0x8002, "c.jr rs1=0"},
      {0x6501, "c.lui a0, nzimm=0"},
      {0x6181, "c.lui gp, nzimm=0"},
      {0x6101, "c.addi16sp nzimm=0"},
      {0x2005, "c.addiw rd=0, imm=1"},
      {0x2001, "c.addiw rd=0, imm=0"},
      {0x9c41, "100 1 11 x 10 x 01: reserved (RV64)"},
      {0x9c61, "100 1 11 x 11 x 01: reserved (RV64)"},
      {0x8000, "quadrant 0, funct3 100: reserved"},
      {0x8ffc, "quadrant 0, funct3 100, other bits set"},
  };
  for (size_t i = 0; i < NVEC(r); i++) {
    struct dec_insn in = decode(r[i].bits);
    cr_expect_str_eq(dec_op_name(in.op), "illegal", "0x%04x (%s)", r[i].bits, r[i].why);
    cr_expect_eq(in.len, 2, "0x%04x (%s): len", r[i].bits, r[i].why);
    cr_expect_eq(in.imm, r[i].bits, "0x%04x (%s): imm holds the raw bits", r[i].bits, r[i].why);
  }
}

/* Legal neighbours of the reserved encodings above still decode. */
Test(decode, compressed_near_reserved_is_legal) {
  struct dec_insn in = decode(0x0040); /* c.addi4spn s0,sp,4 */
  cr_expect_str_eq(dec_op_name(in.op), "addi");
  cr_expect_eq(in.imm, 4);
  in = decode(0x6105); /* c.addi16sp sp,32: nzimm[5]=1 -> bit 2 */
  cr_expect_str_eq(dec_op_name(in.op), "addi");
  cr_expect_eq(in.rd, 2);
  cr_expect_eq(in.imm, 32);
  in = decode(0x8082); /* c.jr ra (ret) */
  cr_expect_str_eq(dec_op_name(in.op), "jalr");
  cr_expect_eq(in.rd, DEC_XSINK);
  cr_expect_eq(in.rs1, 1);
  in = decode(0x9002); /* c.ebreak */
  cr_expect_str_eq(dec_op_name(in.op), "ebreak");
  cr_expect_eq(in.len, 2);
}

Test(decode, illegal_32bit_encodings) {
  for (size_t i = 0; i < NVEC(dec_illegal); i++) {
    struct dec_insn in = decode(dec_illegal[i].bits);
    cr_expect_str_eq(dec_op_name(in.op), "illegal", "%s (0x%08x)", dec_illegal[i].src,
                     dec_illegal[i].bits);
    cr_expect_eq(in.len, 4);
    cr_expect_eq(in.imm, dec_illegal[i].bits);
  }
  static const struct {
    uint32_t bits;
    const char *why;
  } r[] = {
      {0xffffffff, "all ones"},
      {0x0205151b, "slliw a0,a0,0 with shamt[5] set (reserved on RV64)"},
      {0x0205551b, "srliw with shamt[5] set"},
      {0x80055513, "srli with funct6 100000"},
      {0x0000000b, "custom-0 opcode"},
      {0x000000f3, "ecall with rd=1"},
      {0x00100173, "ebreak with rd=2"},
      {0x1015a52f, "lr.w with rs2=1"},
      {0x00b6052f, "AMO with funct3 000"},
      {0xe0158553, "fmv.x.w with rs2=1"},
      {0x00007003, "load funct3 111"},
      {0x00004023, "store funct3 100"},
      {0x00002063, "branch funct3 010"},
      {0x00001067, "jalr funct3 001"},
      {0x00004073, "SYSTEM funct3 100"},
      {0x02000033 | (1u << 30), "add with funct7 0100001"},
      {0x0000303b, "OP-32 funct3 011"},
      {0x0000201b, "OP-IMM-32 funct3 010"},
  };
  for (size_t i = 0; i < NVEC(r); i++) {
    struct dec_insn in = decode(r[i].bits);
    cr_expect_str_eq(dec_op_name(in.op), "illegal", "0x%08x (%s)", r[i].bits, r[i].why);
    cr_expect_eq(in.len, 4, "0x%08x (%s): len", r[i].bits, r[i].why);
    cr_expect_eq((uint32_t)in.imm, r[i].bits, "0x%08x (%s): imm", r[i].bits, r[i].why);
  }
}

/* ---- whole pages ---------------------------------------------------------- */

static void put32(uint8_t *page, unsigned off, uint32_t v) { memcpy(page + off, &v, 4); }
static void put16(uint8_t *page, unsigned off, uint16_t v) { memcpy(page + off, &v, 2); }

#define ADDI 0x00150513u  /* addi a0,a0,1 */
#define BEQ8 0x00000463u  /* beq zero,zero,.+8 */
#define CADDI 0x0505u     /* c.addi a0,1 */
#define CJ 0xa009u        /* c.j .+2 */

static struct dec_page *new_page(void) {
  struct dec_page *p = malloc(sizeof *p);
  cr_assert(p);
  memset(p, 0x5a, sizeof *p);
  return p;
}

Test(page, blen_counts_to_the_end_of_the_block) {
  static uint8_t bytes[DEC_PAGE_SIZE];
  for (unsigned off = 0; off < DEC_PAGE_SIZE; off += 4) put32(bytes, off, ADDI);
  put32(bytes, 8, BEQ8);
  struct dec_page *p = new_page();
  dec_decode_page(p, 0x10000, bytes, NULL);
  cr_expect_eq(p->vbase, 0x10000);
  cr_expect(!p->stale);
  cr_expect_eq(p->insn[0].blen, 3);
  cr_expect_eq(p->insn[2].blen, 2);
  cr_expect_eq(p->insn[4].blen, 1);
  cr_expect_str_eq(dec_op_name(p->insn[4].op), "beq");
  cr_expect_eq(p->insn[4].imm, 8);
  /* after the branch: addi to the end of the page, 1021 of them */
  cr_expect_eq(p->insn[6].blen, (DEC_PAGE_SIZE - 12) / 4);
  cr_expect_eq(p->insn[DEC_SLOTS - 2].blen, 1);
  for (unsigned i = 6; i < DEC_SLOTS; i += 2) {
    cr_expect_eq(p->insn[i].len, 4);
    cr_expect_eq(p->insn[i].blen, (DEC_SLOTS - i) / 2, "slot %u", i);
  }
  /* the sentinel after the last slot */
  cr_expect_str_eq(dec_op_name(p->insn[DEC_SLOTS].op), "page_end");
  cr_expect_eq(p->insn[DEC_SLOTS].blen, 0);
  cr_expect_eq(p->insn[DEC_SLOTS].len, 0);
  free(p);
}

Test(page, mixed_lengths) {
  static uint8_t bytes[DEC_PAGE_SIZE]; /* zeros: illegal 16-bit encodings */
  put16(bytes, 0, CADDI);
  put32(bytes, 2, ADDI);
  put16(bytes, 6, CJ);
  put16(bytes, 8, CADDI);
  put16(bytes, 10, CADDI);
  struct dec_page *p = new_page();
  dec_decode_page(p, 0, bytes, NULL);
  cr_expect_eq(p->insn[0].blen, 3);
  cr_expect_eq(p->insn[0].len, 2);
  cr_expect_eq(p->insn[1].blen, 2);
  cr_expect_eq(p->insn[1].len, 4);
  cr_expect_eq(p->insn[3].blen, 1);
  cr_expect_str_eq(dec_op_name(p->insn[3].op), "jal");
  /* two c.addi then an illegal 0x0000, which ends the block */
  cr_expect_eq(p->insn[4].blen, 3);
  cr_expect_eq(p->insn[5].blen, 2);
  cr_expect_str_eq(dec_op_name(p->insn[6].op), "illegal");
  cr_expect_eq(p->insn[6].blen, 1);
  for (unsigned i = 6; i < DEC_SLOTS; i++) cr_expect_eq(p->insn[i].blen, 1, "slot %u", i);
  free(p);
}

/* Every block-ending instruction has blen 1; what precedes it counts it. */
Test(page, every_block_end_has_blen_1) {
  static const uint32_t enders[] = {
      0x0000006f, /* jal zero,.+0 */
      0x00008067, /* jalr zero,0(ra) */
      0x00b50463, /* beq a0,a1,.+8 */
      0x00b51463, /* bne */
      0x00b54463, /* blt */
      0x00b55463, /* bge */
      0x00b56463, /* bltu */
      0x00b57463, /* bgeu */
      0x00000073, /* ecall */
      0x00100073, /* ebreak */
      0x0000100f, /* fence.i */
      0xffffffff, /* illegal */
  };
  for (size_t k = 0; k < NVEC(enders); k++) {
    static uint8_t bytes[DEC_PAGE_SIZE];
    for (unsigned off = 0; off < DEC_PAGE_SIZE; off += 4) put32(bytes, off, ADDI);
    put32(bytes, 40, enders[k]);
    struct dec_page *p = new_page();
    dec_decode_page(p, 0x7000, bytes, NULL);
    cr_expect_eq(p->insn[20].blen, 1, "0x%08x", enders[k]);
    cr_expect_eq(p->insn[0].blen, 11, "0x%08x", enders[k]);
    cr_expect_eq(p->insn[22].blen, (DEC_SLOTS - 22) / 2, "0x%08x", enders[k]);
    free(p);
  }
}

Test(page, straddling_instruction) {
  static uint8_t bytes[DEC_PAGE_SIZE];
  for (unsigned off = 0; off < DEC_PAGE_SIZE - 2; off += 4) put32(bytes, off, ADDI);
  /* offset 4092: c.addi, 4094: low half of a 32-bit addi */
  put16(bytes, DEC_PAGE_SIZE - 4, CADDI);
  put16(bytes, DEC_PAGE_SIZE - 2, ADDI & 0xffff);
  struct dec_page *p = new_page();
  dec_decode_page(p, 0x20000, bytes, NULL);
  struct dec_insn *s = &p->insn[DEC_SLOTS - 1];
  cr_expect_str_eq(dec_op_name(s->op), "straddle");
  cr_expect_eq(s->blen, 1);
  cr_expect_eq(p->insn[DEC_SLOTS - 2].blen, 2); /* c.addi, then the straddler */
  cr_expect_eq(p->insn[DEC_SLOTS - 4].blen, 3);
  cr_expect_str_eq(dec_op_name(p->insn[DEC_SLOTS].op), "page_end");

  /* a compressed instruction in the last slot is an ordinary one */
  put16(bytes, DEC_PAGE_SIZE - 2, CADDI);
  dec_decode_page(p, 0x20000, bytes, NULL);
  cr_expect_str_eq(dec_op_name(s->op), "addi");
  cr_expect_eq(s->len, 2);
  cr_expect_eq(s->blen, 1);
  cr_expect_eq(p->insn[DEC_SLOTS - 4].blen, 3);
  free(p);
}

Test(page, handlers_are_stored_in_records) {
  static uint32_t handlers[DEC_HANDLERS];
  for (unsigned i = 0; i < DEC_HANDLERS; i++) handlers[i] = 1000 + i;
  static uint8_t bytes[DEC_PAGE_SIZE];
  put32(bytes, 0, ADDI);
  put32(bytes, 4, BEQ8);
  struct dec_page *p = new_page();
  dec_decode_page(p, 0, bytes, handlers);
  for (unsigned i = 0; i <= DEC_SLOTS; i++)
    cr_expect_eq(p->insn[i].h, DEC_HANDLER(handlers, p->insn[i].op, p->insn[i].len), "slot %u", i);
  cr_expect_eq(p->insn[DEC_SLOTS].h, 1000 + 2 * OP_page_end);
  dec_decode_page(p, 0, bytes, NULL);
  cr_expect_null(p->insn[0].h);
  free(p);
}

/* Branches and jal whose target is on the same page are marked local (the
 * interpreter moves to the target record directly); others are not. */
Test(page, local_branch_targets) {
  static uint8_t bytes[DEC_PAGE_SIZE];
  for (unsigned off = 0; off < DEC_PAGE_SIZE; off += 4) put32(bytes, off, ADDI);
  put32(bytes, 0, 0xfe000ee3);    /* 0x000 beq zero,zero,.-4: before the page */
  put32(bytes, 4, 0xffdff06f);    /* 0x004 jal zero,.-4 -> 0x000 */
  put32(bytes, 8, BEQ8);          /* 0x008 beq zero,zero,.+8 -> 0x010 */
  put32(bytes, 12, 0x7e000fe3);   /* 0x00c beq zero,zero,.+4094 -> 0x100a */
  put32(bytes, 16, 0x00008067);   /* 0x010 jalr zero,0(ra): never local */
  put32(bytes, 20, 0x7eb0006f);   /* 0x014 jal zero,.+4074 -> 0xffe */
  put32(bytes, 4088, 0x0040006f); /* 0xff8 jal zero,.+4 -> 0xffc */
  put32(bytes, 4092, 0x0040006f); /* 0xffc jal zero,.+4 -> 0x1000: next page */
  struct dec_page *p = new_page();
  dec_decode_page(p, 0x30000, bytes, NULL);
  static const struct {
    unsigned off;
    const char *op;
    int local;
  } want[] = {
      {0x000, "beq", 0}, {0x004, "jal", 1},  {0x008, "beq", 1},   {0x00c, "beq", 0},
      {0x010, "jalr", 0}, {0x014, "jal", 1}, {0xff8, "jal", 1},   {0xffc, "jal", 0},
      {0x018, "addi", 0},
  };
  for (size_t i = 0; i < NVEC(want); i++) {
    const struct dec_insn *in = &p->insn[want[i].off / 2];
    cr_expect_str_eq(dec_op_name(in->op), want[i].op, "offset 0x%x", want[i].off);
    cr_expect_eq(in->local, want[i].local, "offset 0x%x (%s)", want[i].off, want[i].op);
  }
  /* compressed: c.j .-2 at 0xffe stays, c.j .+2 there leaves the page */
  put16(bytes, 4094, 0xbffd); /* c.j .-2 */
  dec_decode_page(p, 0x30000, bytes, NULL);
  cr_expect_eq(p->insn[DEC_SLOTS - 1].local, 1);
  put16(bytes, 4094, 0xa009); /* c.j .+2 */
  dec_decode_page(p, 0x30000, bytes, NULL);
  cr_expect_eq(p->insn[DEC_SLOTS - 1].local, 0);
  /* a straddling jal is never local */
  put16(bytes, 4094, 0x006f);
  dec_decode_page(p, 0x30000, bytes, NULL);
  cr_expect_str_eq(dec_op_name(p->insn[DEC_SLOTS - 1].op), "straddle");
  cr_expect_eq(p->insn[DEC_SLOTS - 1].local, 0);
  free(p);
}
