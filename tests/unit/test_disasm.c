/* dec_disasm against `objdump -d -M no-aliases` (the text recorded in
 * vectors.inc by gen_vectors.sh).
 *
 * Our disassembler prints "mnemonic op,op,op" as objdump does, with these
 * known, deliberate-or-reported differences, which compare() maps:
 *   - branch and jal targets: objdump prints bare hex ("20104a"), we print
 *     0x-prefixed hex ("0x20104a");
 *   - CSRs: objdump prints names ("fflags"), we print the number ("0x1");
 *   - fence: objdump prints the predecessor/successor sets, we print "fence";
 *   - lr/sc/amo: objdump keeps the .aq/.rl/.aqrl suffix, we drop it.
 * Compressed instructions print as the instruction they expand to, and
 * illegal encodings as "illegal 0x<bits>" (hand-written cases below). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "decoder/decode.h"
#include "vectors.h"

static const char *disasm_at(uint32_t bits, uint64_t pc, char *buf, size_t cap) {
  struct dec_insn in;
  dec_decode(bits, &in);
  int n = dec_disasm(&in, pc, buf, cap);
  cr_expect_eq((size_t)n, strlen(buf), "return value is the length");
  return buf;
}

static bool is_branch(const char *op) {
  static const char *const b[] = {"beq", "bne", "blt", "bge", "bltu", "bgeu", "jal"};
  for (size_t i = 0; i < NVEC(b); i++)
    if (!strcmp(op, b[i])) return true;
  return false;
}

/* objdump's text with the documented differences mapped to our format. */
static void expected_text(const struct dec_vector *v, char *out, size_t cap) {
  char mn[32], ops[96] = "";
  if (sscanf(v->objdump, "%31s %95s", mn, ops) < 1) cr_assert_fail("bad objdump text %s", v->objdump);
  if (!strncmp(mn, "lr.", 3) || !strncmp(mn, "sc.", 3) || !strncmp(mn, "amo", 3)) {
    char *suffix = strstr(mn + 3, ".aq");
    if (!suffix) suffix = strstr(mn + 3, ".rl");
    if (suffix) *suffix = 0;
  }
  if (!strcmp(mn, "fence")) ops[0] = 0;
  if (!strncmp(mn, "csrr", 4)) {
    static const struct {
      const char *name;
      unsigned num;
    } csr[] = {{"fflags", 0x1}, {"frm", 0x2}, {"fcsr", 0x3},
               {"cycle", 0xc00}, {"time", 0xc01}, {"instret", 0xc02}};
    char rd[16], c[16], rest[16];
    cr_assert_eq(sscanf(ops, "%15[^,],%15[^,],%15s", rd, c, rest), 3, "%s", v->objdump);
    for (size_t i = 0; i < NVEC(csr); i++)
      if (!strcmp(c, csr[i].name)) snprintf(c, sizeof c, "0x%x", csr[i].num);
    snprintf(ops, sizeof ops, "%s,%s,%s", rd, c, rest);
  }
  if (is_branch(v->op)) { /* last operand: the target address */
    char *comma = strrchr(ops, ',');
    cr_assert(comma, "%s", v->objdump);
    char target[32];
    snprintf(target, sizeof target, "%s", comma + 1);
    snprintf(comma + 1, sizeof ops - (size_t)(comma + 1 - ops), "0x%s", target);
  }
  snprintf(out, cap, ops[0] ? "%s %s" : "%s", mn, ops);
}

Test(disasm, matches_objdump_for_every_vector) {
  for (size_t i = 0; i < NVEC(dec_vectors); i++) {
    const struct dec_vector *v = &dec_vectors[i];
    char want[128], got[128];
    expected_text(v, want, sizeof want);
    disasm_at(v->bits, v->addr, got, sizeof got);
    cr_expect_str_eq(got, want, "%s (0x%08x): objdump says \"%s\"", v->src, v->bits, v->objdump);
  }
}

/* Exact strings for a sample, written out by hand (so that the mapping above
 * cannot hide a mistake in both). */
Test(disasm, hand_written) {
  static const struct {
    uint32_t bits;
    uint64_t pc;
    const char *text;
  } t[] = {
      {0x00b50533, 0, "add a0,a0,a1"},
      {0xfff00513, 0, "addi a0,zero,-1"},
      {0x00000013, 0, "addi zero,zero,0"},
      {0x03f59513, 0, "slli a0,a1,0x3f"},
      {0x4015d51b, 0, "sraiw a0,a1,0x1"},
      {0xff843503, 0, "ld a0,-8(s0)"},
      {0x00113423, 0, "sd ra,8(sp)"},
      {0xfffff537, 0, "lui a0,0xfffff"},
      {0x00001517, 0, "auipc a0,0x1"},
      {0x00008067, 0, "jalr zero,0(ra)"},
      {0x800500e7, 0, "jalr ra,-2048(a0)"},
      {0x7eb50fe3, 0x1000, "beq a0,a1,0x1ffe"},
      {0x80b50063, 0x1000, "beq a0,a1,0x0"},
      {0x0000006f, 0x12340, "jal zero,0x12340"},
      {0xff9ff0ef, 0x10010, "jal ra,0x10008"},
      {0x00000073, 0, "ecall"},
      {0x00100073, 0, "ebreak"},
      {0x0000100f, 0, "fence.i"},
      {0x0ff0000f, 0, "fence"},
      {0x00159573, 0, "csrrw a0,0x1,a1"},
      {0xc00fd573, 0, "csrrwi a0,0xc00,31"},
      {0x1005a52f, 0, "lr.w a0,(a1)"},
      {0x00b6252f, 0, "amoadd.w a0,a1,(a2)"},
      {0x18b6352f, 0, "sc.d a0,a1,(a2)"},
      {0x7ff5a507, 0, "flw fa0,2047(a1)"},
      {0x00a13427, 0, "fsd fa0,8(sp)"},
      {0xe0008053, 0, "fmv.x.w zero,ft1"},
      {0xf2058553, 0, "fmv.d.x fa0,a1"},
      /* compressed: shown as the instruction they stand for */
      {0x0505, 0, "addi a0,a0,1"},
      {0x0001, 0, "addi zero,zero,0"},
      {0x852e, 0, "add a0,zero,a1"},
      {0x8082, 0, "jalr zero,0(ra)"},
      {0x9002, 0, "ebreak"},
      {0x6108, 0, "ld a0,0(a0)"},
      {0xa001, 0x100, "jal zero,0x100"},
      {0xd101, 0x100, "beq a0,zero,0x0"},
      {0x7501, 0, "lui a0,0xfffe0"},
      /* illegal: the raw bits, 4 or 8 hex digits */
      {0x0000, 0, "illegal 0x0000"},
      {0x6501, 0, "illegal 0x6501"},
      {0xffffffff, 0, "illegal 0xffffffff"},
      {0x30200073, 0, "illegal 0x30200073"},
  };
  for (size_t i = 0; i < NVEC(t); i++) {
    char got[128];
    disasm_at(t[i].bits, t[i].pc, got, sizeof got);
    cr_expect_str_eq(got, t[i].text, "0x%08x at 0x%llx", t[i].bits, (unsigned long long)t[i].pc);
  }
}

Test(disasm, truncates_like_snprintf) {
  struct dec_insn in;
  dec_decode(0x00b50533, &in); /* add a0,a0,a1 */
  char buf[8];
  memset(buf, 'x', sizeof buf);
  int n = dec_disasm(&in, 0, buf, sizeof buf);
  cr_expect_eq(n, 12);
  cr_expect_str_eq(buf, "add a0,");
  n = dec_disasm(&in, 0, NULL, 0);
  cr_expect_eq(n, 12);
}
