/* Zba, Zbb, Zbs and Zicond (decoder/isa_b.h, interp/ops_b.inc).
 *
 * Each instruction runs in a tiny machine on edge values.  Encodings are
 * built below from the field values in the bit-manipulation spec v1.0.0
 * (RV64 forms) and Zicond v1.0 (they match GNU as 2.40 for Zba/Zbb/Zbs; see
 * vectors.inc); expected results are worked out by hand from the spec's
 * definitions.  Also: no B row overlaps another table row, the B formats'
 * unused fields are zero, and encodings next to the B ones stay illegal. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "decoder/decode.h"
#include "interp/machine.h"

#define NV(a) (sizeof(a) / sizeof((a)[0]))

/* ---- encodings -------------------------------------------------------------
 * Operands are always rd=a0 (x10), rs1=a1 (x11), rs2=a2 (x12). */
#define OPC_OP 0x33u
#define OPC_OP32 0x3bu
#define OPC_IMM 0x13u
#define OPC_IMM32 0x1bu
#define RD_A0 (10u << 7)
#define RS1_A1 (11u << 15)
#define RS2_A2 (12u << 20)
/* register-register: funct7 rs2 rs1 funct3 rd opcode */
#define ER(f7, f3, opc) (((uint32_t)(f7) << 25) | RS2_A2 | RS1_A1 | ((f3) << 12) | RD_A0 | (opc))
/* unary: funct12 (funct7 and the fixed rs2 field) rs1 funct3 rd opcode */
#define EU(f12, f3, opc) (((uint32_t)(f12) << 20) | RS1_A1 | ((f3) << 12) | RD_A0 | (opc))
/* 6-bit shift amount: funct6 shamt rs1 funct3 rd opcode */
#define ES6(f6, sh, f3, opc) (((uint32_t)(f6) << 26) | ((uint32_t)(sh) << 20) | RS1_A1 | ((f3) << 12) | RD_A0 | (opc))
/* 5-bit shift amount: funct7 shamt rs1 funct3 rd opcode */
#define ES5(f7, sh, f3, opc) (((uint32_t)(f7) << 25) | ((uint32_t)(sh) << 20) | RS1_A1 | ((f3) << 12) | RD_A0 | (opc))

/* Zba */
#define ADD_UW ER(0x04, 0, OPC_OP32)    /* 0000100 . . 000 . 0111011 */
#define SH1ADD ER(0x10, 2, OPC_OP)      /* 0010000 . . 010 . 0110011 */
#define SH2ADD ER(0x10, 4, OPC_OP)      /* 0010000 . . 100 */
#define SH3ADD ER(0x10, 6, OPC_OP)      /* 0010000 . . 110 */
#define SH1ADD_UW ER(0x10, 2, OPC_OP32)
#define SH2ADD_UW ER(0x10, 4, OPC_OP32)
#define SH3ADD_UW ER(0x10, 6, OPC_OP32)
#define SLLI_UW(s) ES6(0x02, s, 1, OPC_IMM32) /* 000010 shamt . 001 . 0011011 */
/* Zbb */
#define ANDN ER(0x20, 7, OPC_OP)        /* 0100000 . . 111 */
#define ORN ER(0x20, 6, OPC_OP)         /* 0100000 . . 110 */
#define XNOR ER(0x20, 4, OPC_OP)        /* 0100000 . . 100 */
#define CLZ EU(0x600, 1, OPC_IMM)       /* 0110000 00000 . 001 . 0010011 */
#define CLZW EU(0x600, 1, OPC_IMM32)
#define CTZ EU(0x601, 1, OPC_IMM)       /* 0110000 00001 */
#define CTZW EU(0x601, 1, OPC_IMM32)
#define CPOP EU(0x602, 1, OPC_IMM)      /* 0110000 00010 */
#define CPOPW EU(0x602, 1, OPC_IMM32)
#define MAX ER(0x05, 6, OPC_OP)         /* 0000101 . . 110 */
#define MAXU ER(0x05, 7, OPC_OP)        /* 0000101 . . 111 */
#define MIN ER(0x05, 4, OPC_OP)         /* 0000101 . . 100 */
#define MINU ER(0x05, 5, OPC_OP)        /* 0000101 . . 101 */
#define SEXT_B EU(0x604, 1, OPC_IMM)    /* 0110000 00100 */
#define SEXT_H EU(0x605, 1, OPC_IMM)    /* 0110000 00101 */
#define ZEXT_H EU(0x080, 4, OPC_OP32)   /* 0000100 00000 . 100 . 0111011 (RV64) */
#define ROL ER(0x30, 1, OPC_OP)         /* 0110000 . . 001 */
#define ROLW ER(0x30, 1, OPC_OP32)
#define ROR ER(0x30, 5, OPC_OP)         /* 0110000 . . 101 */
#define RORW ER(0x30, 5, OPC_OP32)
#define RORI(s) ES6(0x18, s, 5, OPC_IMM)    /* 011000 shamt . 101 . 0010011 */
#define RORIW(s) ES5(0x30, s, 5, OPC_IMM32) /* 0110000 shamt . 101 . 0011011 */
#define ORC_B EU(0x287, 5, OPC_IMM)     /* 001010000111 . 101 . 0010011 */
#define REV8 EU(0x6b8, 5, OPC_IMM)      /* 011010111000 . 101 . 0010011 (RV64) */
/* Zbs */
#define BCLR ER(0x24, 1, OPC_OP)        /* 0100100 . . 001 */
#define BCLRI(s) ES6(0x12, s, 1, OPC_IMM)   /* 010010 shamt . 001 */
#define BEXT ER(0x24, 5, OPC_OP)        /* 0100100 . . 101 */
#define BEXTI(s) ES6(0x12, s, 5, OPC_IMM)   /* 010010 shamt . 101 */
#define BINV ER(0x34, 1, OPC_OP)        /* 0110100 . . 001 */
#define BINVI(s) ES6(0x1a, s, 1, OPC_IMM)   /* 011010 shamt . 001 */
#define BSET ER(0x14, 1, OPC_OP)        /* 0010100 . . 001 */
#define BSETI(s) ES6(0x0a, s, 1, OPC_IMM)   /* 001010 shamt . 001 */
/* Zicond */
#define CZERO_EQZ ER(0x07, 5, OPC_OP)   /* 0000111 . . 101 . 0110011 */
#define CZERO_NEZ ER(0x07, 7, OPC_OP)   /* 0000111 . . 111 . 0110011 */

#define EBREAK 0x00100073u
#define M1 0xffffffffffffffffull
#define MSB 0x8000000000000000ull

/* ---- running one instruction ---------------------------------------------- */

struct bcase {
  const char *name;
  uint32_t insn;
  uint64_t rs1, rs2, want;
};

/* Slot i of the code area holds the case's instruction and an ebreak; all
 * slots are written before anything runs. */
#define CODE 0x10000ull

static void run_cases(const struct bcase *c, size_t n) {
  struct machine *m = malloc(sizeof *m);
  cr_assert(m);
  machine_init(m);
  size_t bytes = (n * 8 + 4095) & ~(size_t)4095;
  cr_assert_eq(mem_map(&m->mem, CODE, bytes, MEM_R | MEM_X, "code"), 0);
  for (size_t i = 0; i < n; i++) {
    uint32_t w[2] = {c[i].insn, EBREAK};
    cr_assert_eq(mem_poke(&m->mem, CODE + 8 * i, w, sizeof w), 0);
  }
  for (size_t i = 0; i < n; i++) {
    memset(m->cpu.x, 0, sizeof m->cpu.x);
    m->cpu.x[10] = 0x5a5a5a5a5a5a5a5aull; /* rd's old value must not leak in */
    m->cpu.x[11] = c[i].rs1;
    m->cpu.x[12] = c[i].rs2;
    m->cpu.pc = CODE + 8 * i;
    m->cpu.icount = 0;
    m->stop_at = UINT64_MAX;
    enum stop_reason r = interp_run(m);
    cr_expect_eq(r, STOP_EBREAK, "%s (0x%08x): stop reason %d", c[i].name, c[i].insn, r);
    cr_expect_eq(m->cpu.icount, 1, "%s: icount", c[i].name);
    cr_expect_eq(m->cpu.x[10], c[i].want, "%s (0x%08x) rs1=0x%016llx rs2=0x%016llx: got 0x%016llx, want 0x%016llx",
                 c[i].name, c[i].insn, (unsigned long long)c[i].rs1, (unsigned long long)c[i].rs2,
                 (unsigned long long)m->cpu.x[10], (unsigned long long)c[i].want);
    cr_expect_eq(m->cpu.x[11], c[i].rs1, "%s: rs1 changed", c[i].name);
    cr_expect_eq(m->cpu.x[12], c[i].rs2, "%s: rs2 changed", c[i].name);
    cr_expect_eq(m->cpu.x[0], 0, "%s: x0", c[i].name);
  }
  machine_free(m);
  free(m);
}

#define C(insn, a, b, w) {#insn, insn, a, b, w}

Test(bitmanip, zba) {
  static const struct bcase c[] = {
      /* add.uw: zext32(rs1) + rs2 */
      C(ADD_UW, 0xffffffff80000000ull, 1, 0x80000001ull),
      C(ADD_UW, 0x12345678ffffffffull, 1, 0x100000000ull),
      C(ADD_UW, 5, M1, 4),
      C(ADD_UW, M1, 0, 0xffffffffull), /* zext.w */
      /* shNadd: (rs1 << N) + rs2, bits shifted out are lost */
      C(SH1ADD, 3, 10, 16),
      C(SH1ADD, 0x8000000000000001ull, 0, 2),
      C(SH2ADD, M1, 4, 0),
      C(SH2ADD, 0x4000000000000000ull, 1, 1),
      C(SH3ADD, 0x1000, 8, 0x8008),
      C(SH3ADD, 0x2000000000000000ull, 5, 5),
      C(SH3ADD, M1, 0, 0xfffffffffffffff8ull),
      /* shNadd.uw: (zext32(rs1) << N) + rs2 */
      C(SH1ADD_UW, M1, 0, 0x1fffffffeull),
      C(SH1ADD_UW, 0x8000000000000003ull, 1, 7),
      C(SH2ADD_UW, 0xdeadbeef80000000ull, 0x10, 0x200000010ull),
      C(SH2ADD_UW, 0xffffffff00000000ull, 3, 3),
      C(SH3ADD_UW, M1, 1, 0x7fffffff9ull),
      C(SH3ADD_UW, 0x0000000100000001ull, M1, 7),
      /* slli.uw: zext32(rs1) << shamt (6-bit) */
      C(SLLI_UW(0), 0xffffffff80000001ull, 0, 0x80000001ull),
      C(SLLI_UW(63), 0xfffffffe00000001ull, 0, MSB),
      C(SLLI_UW(63), 0xfffffffe00000002ull, 0, 0),
      C(SLLI_UW(32), 0xaaaaaaaa12345678ull, 0, 0x1234567800000000ull),
      C(SLLI_UW(31), 0xffffffffull, 0, 0x7fffffff80000000ull),
      C(SLLI_UW(1), 0xfffffffe00000000ull, 0, 0),
  };
  run_cases(c, NV(c));
}

Test(bitmanip, zbb_logic_and_counts) {
  static const struct bcase c[] = {
      C(ANDN, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xf000f000f000f000ull),
      C(ANDN, M1, M1, 0),
      C(ANDN, M1, 0, M1),
      C(ORN, 0, 0, M1),
      C(ORN, 1, M1, 1),
      C(ORN, 0x00000000000000f0ull, 0xffffffffffffff0full, 0xf0),
      C(XNOR, 0xf0f0f0f0f0f0f0f0ull, 0x0f0f0f0f0f0f0f0full, 0),
      C(XNOR, 5, 5, M1),
      C(XNOR, 0, MSB, 0x7fffffffffffffffull),
      /* clz/ctz of 0 are XLEN (64), of a 0 low word 32 for the W forms */
      C(CLZ, 0, 0, 64),
      C(CLZ, 1, 0, 63),
      C(CLZ, MSB, 0, 0),
      C(CLZ, 0x80000000ull, 0, 32),
      C(CLZ, M1, 0, 0),
      C(CLZW, 0, 0, 32),
      C(CLZW, 0xffffffff00000000ull, 0, 32),
      C(CLZW, 1, 0, 31),
      C(CLZW, 0x80000000ull, 0, 0),
      C(CLZW, 0xffffffff00010000ull, 0, 15),
      C(CTZ, 0, 0, 64),
      C(CTZ, MSB, 0, 63),
      C(CTZ, 1, 0, 0),
      C(CTZ, 0x100000000ull, 0, 32),
      C(CTZ, 0xfffffffffffffff8ull, 0, 3),
      C(CTZW, 0, 0, 32),
      C(CTZW, 0x100000000ull, 0, 32),
      C(CTZW, 0x80000000ull, 0, 31),
      C(CTZW, 0xfffffff8ull, 0, 3),
      C(CPOP, 0, 0, 0),
      C(CPOP, M1, 0, 64),
      C(CPOP, 0x8000000000000001ull, 0, 2),
      C(CPOP, 0x5555555555555555ull, 0, 32),
      C(CPOPW, 0xffffffff00000000ull, 0, 0),
      C(CPOPW, 0xffffffff0000000full, 0, 4),
      C(CPOPW, M1, 0, 32),
      C(CPOPW, 0x12345678ull, 0, 13),
  };
  run_cases(c, NV(c));
}

Test(bitmanip, zbb_min_max_and_extends) {
  static const struct bcase c[] = {
      C(MAX, M1, 1, 1),
      C(MAXU, M1, 1, M1),
      C(MIN, M1, 1, M1),
      C(MINU, M1, 1, 1),
      C(MAX, MSB, 0x7fffffffffffffffull, 0x7fffffffffffffffull),
      C(MAXU, MSB, 0x7fffffffffffffffull, MSB),
      C(MIN, MSB, 0x7fffffffffffffffull, MSB),
      C(MINU, MSB, 0x7fffffffffffffffull, 0x7fffffffffffffffull),
      C(MAX, 7, 7, 7),
      C(MINU, 0, M1, 0),
      C(MIN, 0xfffffffffffffffeull, M1, 0xfffffffffffffffeull),
      C(MAX, 0xfffffffffffffffeull, M1, M1),
      C(SEXT_B, 0x80, 0, 0xffffffffffffff80ull), /* -128 */
      C(SEXT_B, 0x7f, 0, 0x7f),
      C(SEXT_B, 0x123456789abcdeffull, 0, M1),
      C(SEXT_B, 0xffffffffffffff00ull, 0, 0),
      C(SEXT_H, 0x8000, 0, 0xffffffffffff8000ull),
      C(SEXT_H, 0x7fff, 0, 0x7fff),
      C(SEXT_H, 0xffffffffffff1234ull, 0, 0x1234),
      C(ZEXT_H, M1, 0, 0xffff),
      C(ZEXT_H, 0x123456789abcdef0ull, 0, 0xdef0),
      C(ZEXT_H, 0x8000, 0, 0x8000),
  };
  run_cases(c, NV(c));
}

Test(bitmanip, zbb_rotates_and_bytes) {
  static const struct bcase c[] = {
      /* rol/ror: amount is rs2 & 63 */
      C(ROL, 0x8000000000000001ull, 1, 3),
      C(ROL, 0x8000000000000001ull, 0, 0x8000000000000001ull),
      C(ROL, 0x8000000000000001ull, 63, 0xc000000000000000ull),
      C(ROL, 0x8000000000000001ull, 64, 0x8000000000000001ull),
      C(ROL, 0x0123456789abcdefull, 8, 0x23456789abcdef01ull),
      C(ROL, 0x0123456789abcdefull, 64 + 8, 0x23456789abcdef01ull),
      C(ROL, 0x0123456789abcdefull, M1, 0x8091a2b3c4d5e6f7ull), /* by 63 */
      C(ROR, 3, 1, 0x8000000000000001ull),
      C(ROR, 3, 0, 3),
      C(ROR, 3, 63, 6),
      C(ROR, 0x0123456789abcdefull, 64 + 8, 0xef0123456789abcdull),
      C(ROR, 0x0123456789abcdefull, 128, 0x0123456789abcdefull),
      C(RORI(0), 0x0123456789abcdefull, 0, 0x0123456789abcdefull),
      C(RORI(1), 1, 0, MSB),
      C(RORI(4), 0x0123456789abcdefull, 0, 0xf0123456789abcdeull),
      C(RORI(32), 0x0123456789abcdefull, 0, 0x89abcdef01234567ull),
      C(RORI(63), 0x0123456789abcdefull, 0, 0x02468acf13579bdeull),
      /* W forms: low word, amount & 31, result sign-extended (even by 0) */
      C(ROLW, 0x80000001ull, 1, 3),
      C(ROLW, 0x40000000ull, 1, 0xffffffff80000000ull),
      C(ROLW, 0xffffffff00000001ull, 31, 0xffffffff80000000ull),
      C(ROLW, 0x12345678ull, 32 + 4, 0x23456781ull),
      C(ROLW, 0x80000000ull, 0, 0xffffffff80000000ull),
      C(ROLW, 0xffffffff7fffffffull, 64, 0x7fffffffull),
      C(RORW, 1, 1, 0xffffffff80000000ull),
      C(RORW, 1, 33, 0xffffffff80000000ull),
      C(RORW, 0x1fffffffeull, 0, 0xfffffffffffffffeull),
      C(RORW, 0x12345678ull, 4, 0xffffffff81234567ull),
      C(RORW, 0x0000000300000002ull, 1, 1),
      C(RORIW(1), 1, 0, 0xffffffff80000000ull),
      C(RORIW(0), 0xaaaaaaaa7fffffffull, 0, 0x7fffffff),
      C(RORIW(0), 0x00000000fffffffeull, 0, 0xfffffffffffffffeull),
      C(RORIW(31), 1, 0, 2),
      C(RORIW(16), 0x12345678ull, 0, 0x56781234ull),
      /* orc.b: each non-zero byte becomes 0xff */
      C(ORC_B, 0x0102000000000080ull, 0, 0xffff0000000000ffull),
      C(ORC_B, 0, 0, 0),
      C(ORC_B, M1, 0, M1),
      C(ORC_B, 0x8000000000000001ull, 0, 0xff000000000000ffull),
      C(ORC_B, 0x0000000100007f00ull, 0, 0x000000ff0000ff00ull),
      C(ORC_B, 0x7f7f7f7f7f7f7f7full, 0, M1),
      /* rev8: byte reverse */
      C(REV8, 0x0123456789abcdefull, 0, 0xefcdab8967452301ull),
      C(REV8, 0xff, 0, 0xff00000000000000ull),
      C(REV8, 0, 0, 0),
  };
  run_cases(c, NV(c));
}

Test(bitmanip, zbs) {
  static const struct bcase c[] = {
      /* register forms: index is rs2 & 63 */
      C(BCLR, M1, 63, 0x7fffffffffffffffull),
      C(BCLR, M1, 64 + 63, 0x7fffffffffffffffull),
      C(BCLR, M1, 0, 0xfffffffffffffffeull),
      C(BCLR, M1, 64, 0xfffffffffffffffeull),
      C(BCLR, 0, 5, 0),
      C(BEXT, MSB, 63, 1),
      C(BEXT, MSB, 127, 1),
      C(BEXT, MSB, 62, 0),
      C(BEXT, 1, 64, 1),
      C(BEXT, 0x100000000ull, 32, 1),
      C(BEXT, 0xfffffffeffffffffull, 32, 0),
      C(BINV, 0, 63, MSB),
      C(BINV, M1, 127, 0x7fffffffffffffffull),
      C(BINV, 0, 32, 0x100000000ull),
      C(BINV, 1, 64, 0),
      C(BSET, 0, 63, MSB),
      C(BSET, 0, 65, 2),
      C(BSET, 0, M1, MSB),
      C(BSET, 4, 2, 4),
      /* immediate forms: 6-bit index */
      C(BCLRI(63), M1, 0, 0x7fffffffffffffffull),
      C(BCLRI(0), M1, 0, 0xfffffffffffffffeull),
      C(BCLRI(32), M1, 0, 0xfffffffeffffffffull),
      C(BEXTI(63), MSB, 0, 1),
      C(BEXTI(0), 0xfffffffffffffffeull, 0, 0),
      C(BEXTI(31), 0x80000000ull, 0, 1),
      C(BEXTI(32), 0x80000000ull, 0, 0),
      C(BINVI(63), MSB, 0, 0),
      C(BINVI(0), 0, 0, 1),
      C(BINVI(32), M1, 0, 0xfffffffeffffffffull),
      C(BSETI(63), 0, 0, MSB),
      C(BSETI(0), 0, 0, 1),
      C(BSETI(33), 0, 0, 0x200000000ull),
  };
  run_cases(c, NV(c));
}

Test(bitmanip, zicond) {
  static const struct bcase c[] = {
      /* czero.eqz: rs2 == 0 ? 0 : rs1; czero.nez: rs2 != 0 ? 0 : rs1 (all 64 bits) */
      C(CZERO_EQZ, 0x1234, 0, 0),
      C(CZERO_EQZ, 0x1234, 1, 0x1234),
      C(CZERO_EQZ, 0x1234, MSB, 0x1234),
      C(CZERO_EQZ, 0x1234, 0x100000000ull, 0x1234),
      C(CZERO_EQZ, M1, M1, M1),
      C(CZERO_NEZ, 0x1234, 0, 0x1234),
      C(CZERO_NEZ, 0x1234, 0x100000000ull, 0),
      C(CZERO_NEZ, 0x1234, M1, 0),
      C(CZERO_NEZ, M1, 0, M1),
  };
  run_cases(c, NV(c));
}

/* rd equal to a source, and rd = x0: a0..a2 replaced by a1 in every field,
 * or rd by x0. */
Test(bitmanip, register_aliasing) {
  struct machine *m = malloc(sizeof *m);
  cr_assert(m);
  machine_init(m);
  const uint32_t rdmask = 31u << 7, rs2mask = 31u << 20;
  static const struct {
    uint32_t insn;
    int rs2_is_field; /* rs2 bits are a register (not opcode or shamt) */
    uint64_t a1, want;
  } t[] = {
      {ROL, 1, 0x8000000000000001ull, 3},      /* rol a1,a1,a1: by 1 */
      {XNOR, 1, 0x1234, M1},
      {CZERO_EQZ, 1, 5, 5},
      {CZERO_EQZ, 1, 0, 0},
      {CZERO_NEZ, 1, 5, 0},
      {SH3ADD, 1, 3, 27},
      {ADD_UW, 1, 0xffffffff00000001ull, 0xffffffff00000002ull},
      {BSET, 1, 1, 3},                         /* bit 1 of 1 */
      {BEXT, 1, 0x800000000000003full, 1},     /* index 0x3f: bit 63 */
      {CLZ, 0, 1, 63},
      {REV8, 0, 0x0102030405060708ull, 0x0807060504030201ull},
      {ORC_B, 0, 0x100, 0xff00},
      {RORI(8), 0, 0xff, 0xff00000000000000ull},
  };
  uint32_t code[NV(t) * 4];
  for (size_t i = 0; i < NV(t); i++) {
    uint32_t w = t[i].insn & ~rdmask;
    w |= 11u << 7; /* rd = a1 */
    if (t[i].rs2_is_field) w = (w & ~rs2mask) | (11u << 20);
    code[4 * i] = w;
    code[4 * i + 1] = EBREAK;
    code[4 * i + 2] = t[i].insn & ~rdmask; /* rd = x0 */
    code[4 * i + 3] = EBREAK;
  }
  cr_assert_eq(mem_map(&m->mem, CODE, 4096, MEM_R | MEM_X, "code"), 0);
  cr_assert_eq(mem_poke(&m->mem, CODE, code, sizeof code), 0);
  for (size_t i = 0; i < NV(t); i++) {
    uint64_t want = t[i].want;
    memset(m->cpu.x, 0, sizeof m->cpu.x);
    m->cpu.x[11] = t[i].a1;
    m->cpu.pc = CODE + 16 * i;
    m->stop_at = UINT64_MAX;
    cr_expect_eq(interp_run(m), STOP_EBREAK);
    cr_expect_eq(m->cpu.x[11], want, "0x%08x with rd=rs1(=rs2): got 0x%llx", code[4 * i],
                 (unsigned long long)m->cpu.x[11]);
    /* rd = x0: the write is dropped */
    memset(m->cpu.x, 0, sizeof m->cpu.x);
    m->cpu.x[11] = t[i].a1;
    m->cpu.x[12] = t[i].a1;
    m->cpu.pc = CODE + 16 * i + 8;
    cr_expect_eq(interp_run(m), STOP_EBREAK);
    cr_expect_eq(m->cpu.x[0], 0, "0x%08x with rd=x0", code[4 * i + 2]);
    cr_expect_eq(m->cpu.x[10], 0, "0x%08x with rd=x0 wrote a0", code[4 * i + 2]);
  }
  machine_free(m);
  free(m);
}

/* ---- decoder -------------------------------------------------------------- */

struct row {
  const char *name;
  uint32_t mask, match;
};
static const struct row all_rows[] = {
#define X(name, fmt, mask, match, flags) {#name, mask, match},
    ISA_DECODED(X)
#undef X
};
static const struct row b_rows[] = {
#define X(name, fmt, mask, match, flags) {#name, mask, match},
    ISA_B(X)
#undef X
};

/* Two rows overlap when some encoding matches both: their matches agree on
 * every bit both masks cover.  The decoder takes the first match, so an
 * overlap would make one row (partly) unreachable. */
Test(bitmanip, rows_do_not_overlap) {
  cr_assert_eq(NV(b_rows), 42, "Zba 8 + Zbb 24 + Zbs 8 + Zicond 2");
  for (size_t i = 0; i < NV(b_rows); i++) {
    const struct row *b = &b_rows[i];
    cr_expect_eq(b->match & ~b->mask, 0, "%s: match has bits outside its mask", b->name);
    unsigned self = 0;
    for (size_t j = 0; j < NV(all_rows); j++) {
      const struct row *o = &all_rows[j];
      if (!strcmp(o->name, b->name)) {
        self++;
        continue;
      }
      cr_expect_neq((b->match ^ o->match) & b->mask & o->mask, 0,
                    "%s (0x%08x/0x%08x) overlaps %s (0x%08x/0x%08x)", b->name, b->match, b->mask,
                    o->name, o->match, o->mask);
    }
    cr_expect_eq(self, 1, "%s listed once", b->name);
  }
}

static struct dec_insn decode(uint32_t bits) {
  struct dec_insn in;
  memset(&in, 0xa5, sizeof in);
  dec_decode(bits, &in);
  return in;
}

/* Unary ops: the rs2 field is opcode, so the record's rs2 and imm are 0;
 * shift-immediate forms carry the 6-bit (roriw: 5-bit) amount in imm. */
Test(bitmanip, decoded_fields) {
  static const struct {
    uint32_t bits;
    const char *op;
    unsigned rs2;
    int64_t imm;
  } t[] = {
      {CLZ, "clz", 0, 0},         {CTZW, "ctzw", 0, 0},      {CPOP, "cpop", 0, 0},
      {SEXT_H, "sext_h", 0, 0},   {ZEXT_H, "zext_h", 0, 0},  {ORC_B, "orc_b", 0, 0},
      {REV8, "rev8", 0, 0},       {RORI(63), "rori", 0, 63}, {RORIW(31), "roriw", 0, 31},
      {SLLI_UW(63), "slli_uw", 0, 63}, {BEXTI(32), "bexti", 0, 32}, {BSETI(63), "bseti", 0, 63},
      {BINVI(1), "binvi", 0, 1},  {BCLRI(0), "bclri", 0, 0}, {ROL, "rol", 12, 0},
      {CZERO_NEZ, "czero_nez", 12, 0},
  };
  for (size_t i = 0; i < NV(t); i++) {
    struct dec_insn in = decode(t[i].bits);
    cr_expect_str_eq(dec_op_name(in.op), t[i].op, "0x%08x", t[i].bits);
    cr_expect_eq(in.rd, 10, "0x%08x rd", t[i].bits);
    cr_expect_eq(in.rs1, 11, "0x%08x rs1", t[i].bits);
    cr_expect_eq(in.rs2, t[i].rs2, "0x%08x rs2 %u", t[i].bits, in.rs2);
    cr_expect_eq(in.imm, t[i].imm, "0x%08x imm %lld", t[i].bits, (long long)in.imm);
    cr_expect_eq(in.len, 4);
    cr_expect(dec_op_flags(in.op) & DF_WX, "%s writes rd", t[i].op);
    cr_expect(!(dec_op_flags(in.op) & DF_END), "%s does not end a block", t[i].op);
  }
  /* rd = x0 goes to the sink */
  struct dec_insn in = decode(CLZ & ~(31u << 7));
  cr_expect_eq(in.rd, DEC_XSINK);
}

/* Encodings next to the B ones that no ratified extension we implement
 * defines (worked out from the spec's tables): all illegal. */
Test(bitmanip, neighbours_are_illegal) {
  static const struct {
    uint32_t bits;
    const char *why;
  } t[] = {
      {EU(0x603, 1, OPC_IMM), "OP-IMM funct12 0x603 (between cpop and sext.b)"},
      {EU(0x606, 1, OPC_IMM), "OP-IMM funct12 0x606 (after sext.h)"},
      {EU(0x603, 1, OPC_IMM32), "OP-IMM-32 funct12 0x603"},
      {EU(0x604, 1, OPC_IMM32), "no sext.b W form"},
      {EU(0x698, 5, OPC_IMM), "rev8's RV32 encoding (imm 0x698)"},
      {EU(0x6b0, 5, OPC_IMM), "imm 0x6b0 (funct6 011010, shamt 48) under funct3 101"},
      {EU(0x286, 5, OPC_IMM), "orc.b with imm 0x286"},
      {EU(0x28f, 5, OPC_IMM), "orc.b with imm 0x28f"},
      {EU(0x080, 4, OPC_OP), "zext.h's RV32 encoding (pack, Zbkb)"},
      {ER(0x04, 4, OPC_OP32), "packw (zext.h with rs2 != 0)"},
      {ES5(0x31, 1, 5, OPC_IMM32), "roriw with shamt[5] set"},
      {ES6(0x02, 1, 5, OPC_IMM32), "slli.uw's funct6 under funct3 101"},
      {ES6(0x12, 1, 1, OPC_IMM32), "no bclri W form"},
      {ER(0x04, 1, OPC_OP32), "add.uw's funct7 with funct3 001"},
      {ER(0x10, 0, OPC_OP), "shNadd funct7 with funct3 000"},
      {ER(0x30, 3, OPC_OP32), "rolw/rorw funct7 with funct3 011"},
      {ER(0x07, 6, OPC_OP), "czero funct7 with funct3 110"},
      {ER(0x07, 4, OPC_OP), "czero funct7 with funct3 100"},
      {ER(0x07, 5, OPC_OP32), "no czero W form"},
      {ER(0x05, 6, OPC_OP32), "no max W form"},
      {ER(0x20, 7, OPC_OP32), "no andn W form"},
      {ER(0x24, 1, OPC_OP32), "no bclr W form"},
  };
  for (size_t i = 0; i < NV(t); i++) {
    struct dec_insn in = decode(t[i].bits);
    cr_expect_str_eq(dec_op_name(in.op), "illegal", "0x%08x (%s)", t[i].bits, t[i].why);
    cr_expect_eq(in.imm, (int64_t)t[i].bits, "0x%08x (%s): raw bits", t[i].bits, t[i].why);
  }
}

/* The encodings above are the assembler's (spot checks against GNU as 2.40,
 * -march=rv64gc_zba_zbb_zbs; the Zicond ones against the spec's fields). */
Test(bitmanip, encodings_match_the_assembler) {
  static const struct {
    uint32_t mine, as;
    const char *src;
  } t[] = {
      {ADD_UW, 0x08c5853b, "add.uw a0,a1,a2"},   {SH3ADD_UW, 0x20c5e53b, "sh3add.uw a0,a1,a2"},
      {SLLI_UW(63), 0x0bf5951b, "slli.uw a0,a1,63"}, {CLZW, 0x6005951b, "clzw a0,a1"},
      {ZEXT_H, 0x0805c53b, "zext.h a0,a1"},      {RORI(63), 0x63f5d513, "rori a0,a1,63"},
      {RORIW(31), 0x61f5d51b, "roriw a0,a1,31"}, {ORC_B, 0x2875d513, "orc.b a0,a1"},
      {REV8, 0x6b85d513, "rev8 a0,a1"},          {BEXTI(63), 0x4bf5d513, "bexti a0,a1,63"},
      {BINVI(63), 0x6bf59513, "binvi a0,a1,63"}, {BSETI(63), 0x2bf59513, "bseti a0,a1,63"},
      {CZERO_EQZ, 0x0ec5d533, "czero.eqz a0,a1,a2"}, {CZERO_NEZ, 0x0ec5f533, "czero.nez a0,a1,a2"},
  };
  for (size_t i = 0; i < NV(t); i++) {
    cr_expect_eq(t[i].mine, t[i].as, "%s: 0x%08x vs 0x%08x", t[i].src, t[i].mine, t[i].as);
    char buf[64];
    struct dec_insn in = decode(t[i].as);
    dec_disasm(&in, 0, buf, sizeof buf);
    char want[64];
    snprintf(want, sizeof want, "%s", t[i].src);
    /* objdump prints shift amounts in hex */
    char *comma = strrchr(want, ',');
    if (in.op == OP_rori || in.op == OP_roriw || in.op == OP_slli_uw || in.op == OP_bexti ||
        in.op == OP_binvi || in.op == OP_bseti)
      snprintf(comma + 1, sizeof want - (size_t)(comma + 1 - want), "0x%x", atoi(comma + 1));
    cr_expect_str_eq(buf, want, "0x%08x", t[i].as);
  }
}
