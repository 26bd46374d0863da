/* The decoded-page cache: a page is decoded once per distinct content. */
#include <criterion/criterion.h>
#include <string.h>

#include "decoder/decode.h"

#define ADDI 0x00150513u /* addi a0,a0,1 */
#define ADDI2 0x00250513u /* addi a0,a0,2 */

static uint8_t page_a[DEC_PAGE_SIZE], page_b[DEC_PAGE_SIZE];

static void fill(uint8_t *p, uint32_t insn) {
  for (unsigned off = 0; off < DEC_PAGE_SIZE; off += 4) memcpy(p + off, &insn, 4);
}

/* Records are decoded when first reached: reach slot i. */
static const struct dec_insn *rec(struct dec_page *p, unsigned i) {
  return dec_page_decode_run(p, i);
}

Test(cache, same_bytes_decode_once) {
  struct dec_cache *c = dec_cache_new(NULL);
  cr_assert(c);
  fill(page_a, ADDI);
  cr_expect_eq(dec_cache_decodes(c), 0);
  struct dec_page *p1 = dec_cache_get(c, 0x10000, page_a);
  cr_assert(p1);
  cr_expect_eq(dec_cache_decodes(c), 1);
  cr_expect_eq(p1->vbase, 0x10000);
  cr_expect_str_eq(dec_op_name(rec(p1, 0)->op), "addi");
  struct dec_page *p2 = dec_cache_get(c, 0x10000, page_a);
  cr_expect_eq(p2, p1);
  cr_expect_eq(dec_cache_decodes(c), 1);
  dec_cache_free(c);
}

Test(cache, invalidate_then_same_bytes_needs_no_decode) {
  struct dec_cache *c = dec_cache_new(NULL);
  fill(page_a, ADDI);
  struct dec_page *p1 = dec_cache_get(c, 0x10000, page_a);
  dec_cache_invalidate(c, 0x10000 + 0x123); /* any address in the page */
  cr_expect(p1->stale);
  struct dec_page *p2 = dec_cache_get(c, 0x10000, page_a);
  cr_expect_eq(p2, p1);
  cr_expect(!p2->stale);
  cr_expect_eq(dec_cache_decodes(c), 1);
  dec_cache_free(c);
}

Test(cache, changed_bytes_decode_again_and_changing_back_does_not) {
  struct dec_cache *c = dec_cache_new(NULL);
  fill(page_a, ADDI);
  struct dec_page *v1 = dec_cache_get(c, 0x10000, page_a);
  cr_expect_eq(rec(v1, 0)->imm, 1);

  /* a store changes the code */
  uint32_t insn = ADDI2;
  memcpy(page_a + 8, &insn, 4);
  dec_cache_invalidate(c, 0x10000);
  struct dec_page *v2 = dec_cache_get(c, 0x10000, page_a);
  cr_expect_eq(dec_cache_decodes(c), 2);
  cr_expect_neq(v2, v1);
  cr_expect_eq(rec(v2, 4)->imm, 2);
  cr_expect_eq(rec(v2, 0)->imm, 1);
  cr_expect(v1->stale, "the old version is no longer current");

  /* and back again: the first version is reused */
  insn = ADDI;
  memcpy(page_a + 8, &insn, 4);
  dec_cache_invalidate(c, 0x10000);
  struct dec_page *v3 = dec_cache_get(c, 0x10000, page_a);
  cr_expect_eq(dec_cache_decodes(c), 2);
  cr_expect_eq(v3, v1);
  cr_expect(!v3->stale);
  cr_expect_eq(rec(v3, 4)->imm, 1);

  /* and forth: the second version is reused */
  insn = ADDI2;
  memcpy(page_a + 8, &insn, 4);
  dec_cache_invalidate(c, 0x10000);
  cr_expect_eq(dec_cache_get(c, 0x10000, page_a), v2);
  cr_expect_eq(dec_cache_decodes(c), 2);
  dec_cache_free(c);
}

/* Without an invalidation the cache trusts the page it has. */
Test(cache, no_invalidate_no_recheck) {
  struct dec_cache *c = dec_cache_new(NULL);
  fill(page_a, ADDI);
  struct dec_page *v1 = dec_cache_get(c, 0x10000, page_a);
  fill(page_b, ADDI2);
  cr_expect_eq(dec_cache_get(c, 0x10000, page_b), v1);
  cr_expect_eq(dec_cache_decodes(c), 1);
  dec_cache_free(c);
}

Test(cache, pages_are_keyed_by_address) {
  struct dec_cache *c = dec_cache_new(NULL);
  fill(page_a, ADDI);
  /* same bytes at many addresses, including ones that share hash buckets */
  struct dec_page *p[64];
  for (unsigned i = 0; i < 64; i++) {
    uint64_t va = 0x10000 + (uint64_t)i * 0x1000 * (i & 1 ? 1 : 4096);
    p[i] = dec_cache_get(c, va, page_a);
    cr_assert(p[i]);
    cr_expect_eq(p[i]->vbase, va);
  }
  cr_expect_eq(dec_cache_decodes(c), 64);
  for (unsigned i = 0; i < 64; i++) {
    uint64_t va = 0x10000 + (uint64_t)i * 0x1000 * (i & 1 ? 1 : 4096);
    cr_expect_eq(dec_cache_get(c, va, page_a), p[i]);
  }
  cr_expect_eq(dec_cache_decodes(c), 64);
  /* invalidating one page leaves the others current */
  dec_cache_invalidate(c, 0x11000);
  cr_expect(p[1]->stale);
  cr_expect(!p[0]->stale && !p[2]->stale && !p[3]->stale);
  dec_cache_invalidate(c, 0x99999000); /* never cached: no effect */
  dec_cache_free(c);
}

/* Many versions of one page: each distinct content is decoded at most once
 * while it is among the versions kept, and the current bytes always win. */
Test(cache, many_versions) {
  struct dec_cache *c = dec_cache_new(NULL);
  for (unsigned round = 0; round < 3; round++)
    for (uint32_t k = 1; k <= 10; k++) {
      fill(page_a, 0x00050513u | k << 20); /* addi a0,a0,k */
      dec_cache_invalidate(c, 0x40000);
      struct dec_page *p = dec_cache_get(c, 0x40000, page_a);
      cr_assert(p);
      cr_expect_eq(rec(p, 0)->imm, k);
      cr_expect_eq(rec(p, DEC_SLOTS - 2)->imm, k);
      cr_expect(!p->stale);
    }
  cr_expect_geq(dec_cache_decodes(c), 10);
  /* alternating between two contents never decodes again */
  uint64_t before = dec_cache_decodes(c);
  for (unsigned i = 0; i < 20; i++) {
    fill(page_a, i & 1 ? ADDI : ADDI2);
    dec_cache_invalidate(c, 0x40000);
    cr_expect_eq(rec(dec_cache_get(c, 0x40000, page_a), 0)->imm, i & 1 ? 1 : 2);
  }
  cr_expect_leq(dec_cache_decodes(c), before + 2);
  dec_cache_free(c);
}

Test(cache, handlers_reach_records) {
  static uint32_t handlers[DEC_HANDLERS];
  for (unsigned i = 0; i < DEC_HANDLERS; i++) handlers[i] = 1000 + i;
  struct dec_cache *c = dec_cache_new(handlers);
  fill(page_a, ADDI);
  struct dec_page *p = dec_cache_get(c, 0, page_a);
  cr_expect_eq(rec(p, 0)->h, 1000 + 2 * OP_addi); /* a 32-bit addi */
  cr_expect_eq(p->insn[DEC_SLOTS].h, 1000 + 2 * OP_page_end);
  dec_cache_free(c);
  dec_cache_free(NULL);
}

/* A page version starts undecoded and decodes a run at a time, from the
 * bytes it was created from (not from whatever the guest's memory holds by
 * the time a run is reached). */
Test(cache, runs_decode_lazily_from_the_version_bytes) {
  struct dec_cache *c = dec_cache_new(NULL);
  fill(page_a, ADDI);
  uint32_t beq = 0x00000463u; /* beq zero,zero,+8 */
  memcpy(page_a + 16, &beq, 4);
  struct dec_page *p = dec_cache_get(c, 0x50000, page_a);
  for (unsigned i = 0; i < DEC_SLOTS; i++) cr_expect_eq(p->insn[i].op, OP_undecoded, "slot %u", i);
  fill(page_a, ADDI2); /* the guest's copy changes; the version's does not */
  const struct dec_insn *r = dec_page_decode_run(p, 0);
  cr_expect_eq(r->imm, 1);
  cr_expect_eq(r->blen, 5, "addi x4, then the beq that ends the block");
  cr_expect_str_eq(dec_op_name(p->insn[8].op), "beq");
  cr_expect_eq(p->insn[10].op, OP_undecoded, "after the block: not reached yet");
  cr_expect_eq(p->insn[1].op, OP_undecoded, "mid-instruction slot: not reached yet");
  /* a run that meets a decoded record stops there and counts through it */
  r = dec_page_decode_run(p, 10);
  cr_expect_eq(r->blen, DEC_SLOTS / 2 - 5);
  dec_cache_free(c);
}
