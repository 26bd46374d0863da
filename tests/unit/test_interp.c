/* The interpreter on tiny programs built in memory: exact stops at every
 * instruction count, loops with hand-computed counts, self-modifying code,
 * and the ways a run ends (ebreak, illegal instruction, faults).
 *
 * Encodings were produced by riscv64-linux-gnu-as (-march=rv64gc) from the
 * assembly shown next to each; the expected counts and pcs are worked out
 * by hand from the programs' control flow.  No ecall: system calls are
 * tested elsewhere. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "interp/machine.h"

#define PG 4096ull
#define RX (MEM_R | MEM_X)
#define RWX (MEM_R | MEM_W | MEM_X)
#define EBREAK 0x00100073u

static struct machine *new_machine(void) {
  struct machine *m = malloc(sizeof *m);
  cr_assert(m);
  machine_init(m);
  return m;
}

static void free_machine(struct machine *m) {
  machine_free(m);
  free(m);
}

/* Map [base, base+npages) with prot and copy the code there. */
static void load(struct machine *m, uint64_t base, unsigned npages, int prot, uint64_t at,
                 const void *code, size_t n) {
  cr_assert_eq(mem_map(&m->mem, base, npages * PG, prot, "code"), 0);
  cr_assert_eq(mem_poke(&m->mem, at, code, n), 0);
}

/* Start over at pc, with zeroed registers, and run until stop_at. */
static enum stop_reason run_from(struct machine *m, uint64_t pc, uint64_t stop_at) {
  memset(m->cpu.x, 0, sizeof m->cpu.x);
  m->cpu.icount = 0;
  m->cpu.pc = pc;
  m->stop_at = stop_at;
  return interp_run(m);
}

static enum stop_reason resume(struct machine *m, uint64_t stop_at) {
  m->stop_at = stop_at;
  return interp_run(m);
}

#define A0 10
#define A1 11
#define A2 12
#define A3 13
#define A4 14
#define T0 5
#define T1 6
#define RA 1

/* ---- program 1: three blocks ---------------------------------------------- */

static const uint32_t p1[] = {
    0x00100513, /* 0x00 addi a0,zero,1   block 1 */
    0x00200593, /* 0x04 addi a1,zero,2 */
    0x00b50633, /* 0x08 add a2,a0,a1 */
    0x00000463, /* 0x0c beq zero,zero,.+8 -> 0x14 */
    0x06300513, /* 0x10 addi a0,zero,99  (skipped) */
    0x00360693, /* 0x14 addi a3,a2,3     block 2 */
    0x0080006f, /* 0x18 jal zero,.+8 -> 0x20 */
    EBREAK,     /* 0x1c ebreak           (skipped) */
    0x00168713, /* 0x20 addi a4,a3,1     block 3 */
    EBREAK,     /* 0x24 ebreak */
};
/* pc of the N-th instruction executed */
static const uint64_t p1_pcs[] = {0x00, 0x04, 0x08, 0x0c, 0x14, 0x18, 0x20, 0x24};
#define P1_BASE 0x10000ull

static void check_p1_state(const struct machine *m, uint64_t n) {
  const uint64_t *x = m->cpu.x;
  cr_expect_eq(x[A0], n > 0 ? 1 : 0, "a0 after %llu", (unsigned long long)n);
  cr_expect_eq(x[A1], n > 1 ? 2 : 0, "a1 after %llu", (unsigned long long)n);
  cr_expect_eq(x[A2], n > 2 ? 3 : 0, "a2 after %llu", (unsigned long long)n);
  cr_expect_eq(x[A3], n > 4 ? 6 : 0, "a3 after %llu", (unsigned long long)n);
  cr_expect_eq(x[A4], n > 6 ? 7 : 0, "a4 after %llu", (unsigned long long)n);
}

Test(interp, stop_at_every_count) {
  struct machine *m = new_machine();
  load(m, P1_BASE, 1, RX, P1_BASE, p1, sizeof p1);
  for (unsigned round = 0; round < 2; round++) /* cold, then with decoded pages cached */
    for (uint64_t n = 0; n < 8; n++) {
      enum stop_reason r = run_from(m, P1_BASE, n);
      cr_expect_eq(r, STOP_LIMIT, "stop_at %llu: reason %d", (unsigned long long)n, r);
      cr_expect_eq(m->cpu.icount, n, "stop_at %llu: icount %llu", (unsigned long long)n,
                   (unsigned long long)m->cpu.icount);
      cr_expect_eq(m->cpu.pc, P1_BASE + p1_pcs[n], "stop_at %llu: pc 0x%llx",
                   (unsigned long long)n, (unsigned long long)m->cpu.pc);
      check_p1_state(m, n);
    }
  /* enough budget: the ebreak ends the run, not retired */
  for (uint64_t n = 8; n < 11; n++) {
    cr_expect_eq(run_from(m, P1_BASE, n), STOP_EBREAK);
    cr_expect_eq(m->cpu.icount, 7);
    cr_expect_eq(m->cpu.pc, P1_BASE + 0x24);
    check_p1_state(m, 7);
  }
  cr_expect_eq(run_from(m, P1_BASE, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 7);
  free_machine(m);
}

/* A fresh machine for every stop: nothing depends on what was cached. */
Test(interp, stop_at_every_count_fresh_machines) {
  for (uint64_t n = 0; n < 8; n++) {
    struct machine *m = new_machine();
    load(m, P1_BASE, 1, RX, P1_BASE, p1, sizeof p1);
    cr_expect_eq(run_from(m, P1_BASE, n), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, n);
    cr_expect_eq(m->cpu.pc, P1_BASE + p1_pcs[n]);
    free_machine(m);
  }
}

Test(interp, single_step_and_resume) {
  struct machine *m = new_machine();
  load(m, P1_BASE, 1, RX, P1_BASE, p1, sizeof p1);
  cr_assert_eq(run_from(m, P1_BASE, 0), STOP_LIMIT);
  for (uint64_t n = 1; n < 8; n++) {
    cr_expect_eq(resume(m, n), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, n);
    cr_expect_eq(m->cpu.pc, P1_BASE + p1_pcs[n], "step %llu", (unsigned long long)n);
    check_p1_state(m, n);
  }
  cr_expect_eq(resume(m, 8), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 7);
  /* stop_at equal to the current count: no progress at all */
  cr_assert_eq(run_from(m, P1_BASE, 2), STOP_LIMIT);
  cr_expect_eq(resume(m, 2), STOP_LIMIT);
  cr_expect_eq(m->cpu.icount, 2);
  cr_expect_eq(m->cpu.pc, P1_BASE + 8);
  free_machine(m);
}

/* ---- loops ---------------------------------------------------------------- */

static const uint32_t p2[] = {
    0x00a00513, /* 0x00 addi a0,zero,10 */
    0x00000593, /* 0x04 addi a1,zero,0 */
    0x00a585b3, /* 0x08 add a1,a1,a0      <- loop */
    0xfff50513, /* 0x0c addi a0,a0,-1 */
    0xfe051ce3, /* 0x10 bne a0,zero,.-8 -> 0x08 */
    EBREAK,     /* 0x14 */
};

Test(interp, counted_loop) {
  struct machine *m = new_machine();
  load(m, 0x10000, 1, RX, 0x10000, p2, sizeof p2);
  uint64_t pcs[40];
  unsigned n = 0;
  pcs[n++] = 0x00;
  pcs[n++] = 0x04;
  for (int i = 0; i < 10; i++) pcs[n++] = 0x08, pcs[n++] = 0x0c, pcs[n++] = 0x10;
  pcs[n] = 0x14;
  cr_assert_eq(n, 32);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 32);
  cr_expect_eq(m->cpu.x[A1], 55);
  cr_expect_eq(m->cpu.x[A0], 0);
  cr_expect_eq(m->cpu.pc, 0x10014);
  for (unsigned k = 0; k <= n; k++) {
    cr_expect_eq(run_from(m, 0x10000, k), STOP_LIMIT, "stop_at %u", k);
    cr_expect_eq(m->cpu.icount, k);
    cr_expect_eq(m->cpu.pc, 0x10000 + pcs[k], "stop_at %u: pc 0x%llx", k,
                 (unsigned long long)m->cpu.pc);
    /* and the rest of the run from there ends where the uninterrupted one did */
    cr_expect_eq(resume(m, UINT64_MAX), STOP_EBREAK);
    cr_expect_eq(m->cpu.icount, 32);
    cr_expect_eq(m->cpu.x[A1], 55);
  }
  free_machine(m);
}

static const uint32_t p3[] = {
    0x00500293, /* 0x00 addi t0,zero,5 */
    0x00700313, /* 0x04 addi t1,zero,7     <- outer */
    0x00150513, /* 0x08 addi a0,a0,1       <- inner */
    0xfff30313, /* 0x0c addi t1,t1,-1 */
    0xfe031ce3, /* 0x10 bne t1,zero,.-8 -> 0x08 */
    0xfff28293, /* 0x14 addi t0,t0,-1 */
    0xfe0296e3, /* 0x18 bne t0,zero,.-20 -> 0x04 */
    EBREAK,     /* 0x1c */
};

Test(interp, nested_loops) {
  struct machine *m = new_machine();
  load(m, 0x400000, 1, RX, 0x400000, p3, sizeof p3);
  static uint64_t pcs[200];
  unsigned n = 0;
  pcs[n++] = 0x00;
  for (int o = 0; o < 5; o++) {
    pcs[n++] = 0x04;
    for (int i = 0; i < 7; i++) pcs[n++] = 0x08, pcs[n++] = 0x0c, pcs[n++] = 0x10;
    pcs[n++] = 0x14, pcs[n++] = 0x18;
  }
  pcs[n] = 0x1c;
  cr_assert_eq(n, 121);
  cr_expect_eq(run_from(m, 0x400000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 121);
  cr_expect_eq(m->cpu.x[A0], 35);
  for (unsigned k = 0; k <= n; k++) {
    cr_expect_eq(run_from(m, 0x400000, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, k);
    cr_expect_eq(m->cpu.pc, 0x400000 + pcs[k], "stop_at %u", k);
  }
  /* stepping in uneven strides */
  cr_assert_eq(run_from(m, 0x400000, 0), STOP_LIMIT);
  for (uint64_t k = 3; k < 121; k += 7) {
    cr_expect_eq(resume(m, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.pc, 0x400000 + pcs[k]);
  }
  cr_expect_eq(resume(m, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 121);
  cr_expect_eq(m->cpu.x[A0], 35);
  free_machine(m);
}

/* Compressed instructions: 2-byte pcs and counts. */
static const uint16_t p4[] = {
    0x4515,         /* 0x00 c.li a0,5 */
    0x0593, 0x0010, /* 0x02 addi a1,zero,1 */
    0x157d,         /* 0x06 c.addi a0,-1      <- loop */
    0x95ae,         /* 0x08 c.add a1,a1 */
    0xfd75,         /* 0x0a c.bnez a0,.-4 -> 0x06 */
    0x0073, 0x0010, /* 0x0c ebreak */
};

Test(interp, compressed_loop) {
  struct machine *m = new_machine();
  load(m, 0x10000, 1, RX, 0x10000, p4, sizeof p4);
  uint64_t pcs[20];
  unsigned n = 0;
  pcs[n++] = 0x0;
  pcs[n++] = 0x2;
  for (int i = 0; i < 5; i++) pcs[n++] = 0x6, pcs[n++] = 0x8, pcs[n++] = 0xa;
  pcs[n] = 0xc;
  cr_assert_eq(n, 17);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 17);
  cr_expect_eq(m->cpu.x[A1], 32);
  cr_expect_eq(m->cpu.pc, 0x1000c);
  for (unsigned k = 0; k <= n; k++) {
    cr_expect_eq(run_from(m, 0x10000, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, k);
    cr_expect_eq(m->cpu.pc, 0x10000 + pcs[k], "stop_at %u", k);
  }
  free_machine(m);
}

/* ---- page boundaries -------------------------------------------------------- */

Test(interp, running_into_the_next_page) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00100513, /* 0x10ff8 addi a0,zero,1 */
      0x00150513, /* 0x10ffc addi a0,a0,1 */
      0x00150513, /* 0x11000 addi a0,a0,1 */
      EBREAK,     /* 0x11004 */
  };
  load(m, 0x10000, 2, RX, 0x10ff8, code, sizeof code);
  static const uint64_t pcs[] = {0x10ff8, 0x10ffc, 0x11000, 0x11004};
  for (unsigned k = 0; k < 4; k++) {
    cr_expect_eq(run_from(m, 0x10ff8, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, k);
    cr_expect_eq(m->cpu.pc, pcs[k], "stop_at %u", k);
  }
  cr_expect_eq(run_from(m, 0x10ff8, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 3);
  cr_expect_eq(m->cpu.x[A0], 3);
  free_machine(m);
}

Test(interp, jump_to_another_page_and_back) {
  struct machine *m = new_machine();
  static const uint32_t here[] = {
      0x000112b7, /* 0x10000 lui t0,0x11 */
      0x00028067, /* 0x10004 jalr zero,0(t0) -> 0x11000 */
  };
  static const uint32_t there[] = {
      0x00700513, /* 0x11000 addi a0,zero,7 */
      EBREAK,     /* 0x11004 */
  };
  load(m, 0x10000, 2, RX, 0x10000, here, sizeof here);
  cr_assert_eq(mem_poke(&m->mem, 0x11000, there, sizeof there), 0);
  static const uint64_t pcs[] = {0x10000, 0x10004, 0x11000, 0x11004};
  for (unsigned k = 0; k < 4; k++) {
    cr_expect_eq(run_from(m, 0x10000, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.pc, pcs[k], "stop_at %u", k);
  }
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 3);
  cr_expect_eq(m->cpu.x[A0], 7);
  free_machine(m);
}

/* Taken branches whose targets are on the other page, both ways. */
Test(interp, branches_across_pages) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00150513, /* 0x10ff8 addi a0,a0,1 */
      0x00000463, /* 0x10ffc beq zero,zero,.+8 -> 0x11004 */
      EBREAK,     /* 0x11000 (skipped) */
      0xfeb54ae3, /* 0x11004 blt a0,a1,.-12 -> 0x10ff8 */
      EBREAK,     /* 0x11008 */
  };
  load(m, 0x10000, 2, RX, 0x10ff8, code, sizeof code);
  static const uint64_t pcs[] = {0x10ff8, 0x10ffc, 0x11004};
  for (uint64_t k = 0; k <= 9; k++) {
    memset(m->cpu.x, 0, sizeof m->cpu.x);
    m->cpu.x[A1] = 3;
    m->cpu.icount = 0;
    m->cpu.pc = 0x10ff8;
    cr_expect_eq(resume(m, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.pc, k == 9 ? 0x11008 : pcs[k % 3], "stop_at %llu", (unsigned long long)k);
  }
  cr_expect_eq(resume(m, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 9);
  cr_expect_eq(m->cpu.x[A0], 3);
  free_machine(m);
}

/* A 32-bit instruction whose halves are on two pages. */
Test(interp, straddling_instruction) {
  struct machine *m = new_machine();
  static const uint16_t code[] = {
      0x0513, 0x0010, /* 0x10ff8 addi a0,zero,1 */
      0x0505,         /* 0x10ffc c.addi a0,1 */
      0x0513, 0x0105, /* 0x10ffe addi a0,a0,16   (straddles) */
      0x0505,         /* 0x11002 c.addi a0,1 */
      0x0073, 0x0010, /* 0x11004 ebreak */
  };
  load(m, 0x10000, 2, RX, 0x10ff8, code, sizeof code);
  static const uint64_t pcs[] = {0x10ff8, 0x10ffc, 0x10ffe, 0x11002, 0x11004};
  static const uint64_t a0[] = {0, 1, 2, 18, 19};
  for (unsigned round = 0; round < 2; round++)
    for (unsigned k = 0; k < 5; k++) {
      cr_expect_eq(run_from(m, 0x10ff8, k), STOP_LIMIT);
      cr_expect_eq(m->cpu.icount, k);
      cr_expect_eq(m->cpu.pc, pcs[k], "stop_at %u: pc 0x%llx", k, (unsigned long long)m->cpu.pc);
      cr_expect_eq(m->cpu.x[A0], a0[k], "stop_at %u", k);
    }
  cr_expect_eq(run_from(m, 0x10ff8, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 4);
  cr_expect_eq(m->cpu.x[A0], 19);
  cr_expect_eq(m->cpu.pc, 0x11004);
  /* starting at the straddler itself */
  cr_expect_eq(run_from(m, 0x10ffe, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 2);
  cr_expect_eq(m->cpu.x[A0], 17);
  free_machine(m);
}

Test(interp, straddling_branches) {
  struct machine *m = new_machine();
  static const uint16_t fwd[] = {
      0x0513, 0x0010, /* 0x10ff8 addi a0,zero,1 */
      0x0505,         /* 0x10ffc c.addi a0,1 */
      0x0363, 0x0000, /* 0x10ffe beq zero,zero,.+6 -> 0x11004 (straddles) */
      0x0505,         /* 0x11002 c.addi a0,1     (skipped) */
      0x0073, 0x0010, /* 0x11004 ebreak */
  };
  load(m, 0x10000, 2, RX, 0x10ff8, fwd, sizeof fwd);
  cr_expect_eq(run_from(m, 0x10ff8, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.icount, 3);
  cr_expect_eq(m->cpu.pc, 0x11004);
  cr_expect_eq(m->cpu.x[A0], 2);

  /* jal back into the first page: an endless loop, stopped exactly */
  static const uint16_t back[] = {
      0xf06f, 0xffff, /* 0x10ffe jal zero,.-2 -> 0x10ffc (straddles) */
  };
  cr_assert_eq(mem_poke(&m->mem, 0x10ffe, back, sizeof back), 0);
  for (uint64_t k = 0; k < 12; k++) {
    cr_expect_eq(run_from(m, 0x10ff8, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, k);
    uint64_t want = k == 0 ? 0x10ff8 : (k & 1) ? 0x10ffc : 0x10ffe;
    cr_expect_eq(m->cpu.pc, want, "stop_at %llu: pc 0x%llx", (unsigned long long)k,
                 (unsigned long long)m->cpu.pc);
    /* a0: 1 after addi, +1 per c.addi */
    uint64_t want_a0 = k == 0 ? 0 : 1 + k / 2;
    cr_expect_eq(m->cpu.x[A0], want_a0, "stop_at %llu", (unsigned long long)k);
  }
  free_machine(m);
}

Test(interp, straddling_into_an_unmapped_page) {
  struct machine *m = new_machine();
  static const uint16_t code[] = {
      0x0513, 0x0010, /* 0x10ff8 addi a0,zero,1 */
      0x0505,         /* 0x10ffc c.addi a0,1 */
      0x0513,         /* 0x10ffe addi a0,a0,16: low half only */
  };
  load(m, 0x10000, 1, RX, 0x10ff8, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10ff8, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->cpu.icount, 2);
  cr_expect_eq(m->cpu.pc, 0x10ffe);
  cr_expect_eq(m->mem.fault_kind, MEM_FETCH);
  cr_expect_eq(m->mem.fault_addr, 0x11000);
  cr_expect_eq(m->cpu.x[A0], 2);
  /* mapped but not executable: the same */
  cr_assert_eq(mem_map(&m->mem, 0x11000, PG, MEM_R | MEM_W, NULL), 0);
  cr_expect_eq(run_from(m, 0x10ff8, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->mem.fault_kind, MEM_FETCH);
  cr_expect_eq(m->cpu.icount, 2);
  free_machine(m);
}

/* ---- self-modifying code ------------------------------------------------------ */

Test(interp, store_then_fence_i_runs_the_new_instruction) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00000297, /* 0x00 auipc t0,0 */
      0x0202a303, /* 0x04 lw t1,32(t0) */
      0x0062a823, /* 0x08 sw t1,16(t0)   rewrite 0x10 */
      0x0000100f, /* 0x0c fence.i */
      0x00100513, /* 0x10 addi a0,zero,1 -> becomes addi a0,zero,2 */
      EBREAK,     /* 0x14 */
      0, 0,
      0x00200513, /* 0x20 the replacement: addi a0,zero,2 */
  };
  load(m, 0x10000, 1, RWX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 2);
  cr_expect_eq(m->cpu.icount, 5);
  cr_expect_eq(m->cpu.pc, 0x10014);
  uint32_t w;
  cr_assert_eq(mem_read(&m->mem, 0x10010, &w, 4), 0);
  cr_expect_eq(w, 0x00200513);
  cr_expect_eq(dec_cache_decodes(m->dc), 2, "decoded before and after the store");
  /* the stop machinery sees the new code too */
  cr_assert_eq(mem_poke(&m->mem, 0x10010, &code[4], 4), 0);
  for (uint64_t k = 0; k <= 5; k++) {
    cr_expect_eq(run_from(m, 0x10000, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, k);
  }
  cr_expect_eq(m->cpu.x[A0], 2);
  free_machine(m);
}

/* A loop that rewrites its own body: each pass runs what the previous one
 * stored.  The body's addi immediate counts up: 1, 2, 3. */
Test(interp, loop_rewriting_its_body) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00000297, /* 0x00 auipc t0,0 */
      0x00300313, /* 0x04 addi t1,zero,3          passes */
      0x00050513, /* 0x08 addi a0,a0,0    <- loop: the rewritten instruction */
      0x0082a383, /* 0x0c lw t2,8(t0)             load it */
      0x00100e37, /* 0x10 lui t3,0x100            1 << 20: imm += 1 */
      0x01c383bb, /* 0x14 addw t2,t2,t3 */
      0x0072a423, /* 0x18 sw t2,8(t0)             store it back */
      0x0000100f, /* 0x1c fence.i */
      0xfff30313, /* 0x20 addi t1,t1,-1 */
      0xfe0312e3, /* 0x24 bne t1,zero,.-28 -> 0x08 */
      EBREAK,     /* 0x28 */
  };
  load(m, 0x10000, 1, RWX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 0 + 1 + 2, "a0 += 0, then += 1, then += 2");
  cr_expect_eq(m->cpu.icount, 2 + 3 * 8);
  free_machine(m);
}

/* Code rewritten between runs (as a debugger or the loader would) through
 * mem_write, and restored: the old decoding is reused. */
Test(interp, code_rewritten_between_runs) {
  struct machine *m = new_machine();
  static const uint32_t one[] = {0x00100513 /* addi a0,zero,1 */, EBREAK};
  static const uint32_t two = 0x00200513; /* addi a0,zero,2 */
  load(m, 0x10000, 1, RWX, 0x10000, one, sizeof one);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 1);
  cr_assert_eq(mem_write(&m->mem, 0x10000, &two, 4), 0);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 2);
  cr_expect_eq(dec_cache_decodes(m->dc), 2);
  cr_assert_eq(mem_write(&m->mem, 0x10000, &one[0], 4), 0);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 1);
  cr_expect_eq(dec_cache_decodes(m->dc), 2, "the first version is reused");
  /* unmapping and remapping the code page also forgets the old records */
  mem_unmap(&m->mem, 0x10000, PG);
  static const uint32_t three[] = {0x00300513 /* addi a0,zero,3 */, EBREAK};
  load(m, 0x10000, 1, RX, 0x10000, three, sizeof three);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 3);
  free_machine(m);
}

/* ---- how runs end ------------------------------------------------------------- */

Test(interp, illegal_instruction) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00100513, /* 0x00 addi a0,zero,1 */
      0x00200593, /* 0x04 addi a1,zero,2 */
      0xffffffff, /* 0x08 illegal */
      0x00300613, /* 0x0c addi a2,zero,3 (never) */
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_ILLEGAL);
  cr_expect_eq(m->cpu.pc, 0x10008);
  cr_expect_eq(m->cpu.icount, 2);
  cr_expect_eq(m->illegal_bits, 0xffffffff);
  cr_expect_eq(m->illegal_len, 4);
  cr_expect_eq(m->cpu.x[A1], 2);
  cr_expect_eq(m->cpu.x[A2], 0);
  for (uint64_t k = 0; k < 3; k++) {
    cr_expect_eq(run_from(m, 0x10000, k), STOP_LIMIT);
    cr_expect_eq(m->cpu.icount, k);
    cr_expect_eq(m->cpu.pc, 0x10000 + 4 * k);
  }
  cr_expect_eq(run_from(m, 0x10000, 3), STOP_ILLEGAL);
  cr_expect_eq(m->cpu.icount, 2);
  free_machine(m);
}

Test(interp, illegal_compressed_instruction) {
  struct machine *m = new_machine();
  static const uint16_t code[] = {
      0x0513, 0x0010, /* 0x00 addi a0,zero,1 */
      0x0505,         /* 0x04 c.addi a0,1 */
      0x0000,         /* 0x06 illegal (all zeros) */
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_ILLEGAL);
  cr_expect_eq(m->cpu.pc, 0x10006);
  cr_expect_eq(m->cpu.icount, 2);
  cr_expect_eq(m->illegal_bits, 0);
  cr_expect_eq(m->illegal_len, 2);
  cr_expect_eq(m->cpu.x[A0], 2);
  free_machine(m);
}

Test(interp, illegal_csr_accesses) {
  struct machine *m = new_machine();
  static const uint32_t unknown[] = {
      0x00100513, /* addi a0,zero,1 */
      0x7c001573, /* csrrw a0,0x7c0,zero: no such user CSR */
  };
  load(m, 0x10000, 1, RX, 0x10000, unknown, sizeof unknown);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_ILLEGAL);
  cr_expect_eq(m->cpu.pc, 0x10004);
  cr_expect_eq(m->cpu.icount, 1);
  cr_expect_eq(m->illegal_bits >> 20, 0x7c0, "reported with its CSR number");
  cr_expect_eq(m->cpu.x[A0], 1, "rd not written");
  static const uint32_t ro[] = {
      0xc0002573, /* csrrs a0,cycle,zero: reading is fine */
      0xc0059573, /* csrrw a0,cycle,a1: the counters are read-only */
  };
  cr_assert_eq(mem_poke(&m->mem, 0x10000, ro, sizeof ro), 0);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_ILLEGAL);
  cr_expect_eq(m->cpu.pc, 0x10004);
  cr_expect_eq(m->cpu.icount, 1);
  free_machine(m);
}

Test(interp, instret_counts_retired_instructions) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00100593, /* addi a1,zero,1 */
      0x00200593, /* addi a1,zero,2 */
      0xc0202573, /* csrrs a0,instret,zero */
      EBREAK,
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 2);
  for (uint64_t k = 0; k <= 3; k++) {
    cr_assert_eq(run_from(m, 0x10000, k), STOP_LIMIT);
    cr_expect_eq(resume(m, UINT64_MAX), STOP_EBREAK);
    cr_expect_eq(m->cpu.x[A0], 2, "after a stop at %llu", (unsigned long long)k);
  }
  free_machine(m);
}

Test(interp, x0_reads_zero) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00500013, /* addi zero,zero,5 */
      0x00000533, /* add a0,zero,zero */
      EBREAK,
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  m->cpu.x[A0] = 77;
  m->cpu.pc = 0x10000;
  m->stop_at = UINT64_MAX;
  cr_expect_eq(interp_run(m), STOP_EBREAK);
  cr_expect_eq(m->cpu.x[A0], 0);
  cr_expect_eq(m->cpu.x[0], 0);
  free_machine(m);
}

Test(interp, load_fault) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00100513, /* 0x00 addi a0,zero,1 */
      0x00200593, /* 0x04 addi a1,zero,2 */
      0x00003503, /* 0x08 ld a0,0(zero) */
      EBREAK,
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->mem.fault_kind, MEM_LOAD);
  cr_expect_eq(m->mem.fault_addr, 0);
  cr_expect_eq(m->cpu.pc, 0x10008);
  cr_expect_eq(m->cpu.icount, 2);
  cr_expect_eq(m->cpu.x[A0], 1, "the faulting load wrote nothing");
  free_machine(m);
}

Test(interp, store_fault_on_read_only_code) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00000297, /* 0x00 auipc t0,0 */
      0x00a2b023, /* 0x04 sd a0,0(t0) */
      EBREAK,
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->mem.fault_kind, MEM_STORE);
  cr_expect_eq(m->mem.fault_addr, 0x10000);
  cr_expect_eq(m->cpu.pc, 0x10004);
  cr_expect_eq(m->cpu.icount, 1);
  uint32_t w;
  cr_assert_eq(mem_read(&m->mem, 0x10000, &w, 4), 0);
  cr_expect_eq(w, code[0]);
  free_machine(m);
}

Test(interp, fetch_fault) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x000100ef, /* 0x10000 jal ra,.+0x10000 -> 0x20000 */
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->mem.fault_kind, MEM_FETCH);
  cr_expect_eq(m->mem.fault_addr, 0x20000);
  cr_expect_eq(m->cpu.pc, 0x20000);
  cr_expect_eq(m->cpu.icount, 1, "the jump itself retired");
  cr_expect_eq(m->cpu.x[RA], 0x10004);
  /* mapped, but not executable */
  cr_assert_eq(mem_map(&m->mem, 0x20000, PG, MEM_R | MEM_W, NULL), 0);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->mem.fault_kind, MEM_FETCH);
  cr_expect_eq(m->cpu.pc, 0x20000);
  /* and starting there directly */
  cr_expect_eq(run_from(m, 0x30000, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->cpu.pc, 0x30000);
  cr_expect_eq(m->cpu.icount, 0);
  free_machine(m);
}

Test(interp, misaligned_amo_faults) {
  struct machine *m = new_machine();
  static const uint32_t code[] = {
      0x00020637, /* lui a2,0x20 */
      0x00260613, /* addi a2,a2,2 */
      0x00b6252f, /* amoadd.w a0,a1,(a2) */
      EBREAK,
  };
  load(m, 0x10000, 1, RX, 0x10000, code, sizeof code);
  cr_assert_eq(mem_map(&m->mem, 0x20000, PG, MEM_R | MEM_W, NULL), 0);
  cr_expect_eq(run_from(m, 0x10000, UINT64_MAX), STOP_FAULT);
  cr_expect_eq(m->mem.fault_kind, MEM_MISALIGNED_AMO);
  cr_expect_eq(m->mem.fault_addr, 0x20002);
  cr_expect_eq(m->cpu.pc, 0x10008);
  cr_expect_eq(m->cpu.icount, 2);
  free_machine(m);
}

/* ---- no hidden globals ------------------------------------------------------ */

Test(interp, two_machines_at_once) {
  struct machine *a = new_machine(), *b = new_machine();
  cr_expect_neq(a->dc, b->dc);
  /* same addresses, different programs */
  load(a, 0x10000, 1, RX, 0x10000, p2, sizeof p2);
  load(b, 0x10000, 1, RX, 0x10000, p3, sizeof p3);
  cr_expect_eq(run_from(a, 0x10000, 5), STOP_LIMIT);
  cr_expect_eq(run_from(b, 0x10000, 7), STOP_LIMIT);
  cr_expect_eq(a->cpu.icount, 5);
  cr_expect_eq(b->cpu.icount, 7);
  for (uint64_t k = 6; k < 30; k++) { /* interleaved single steps */
    cr_expect_eq(resume(a, k), STOP_LIMIT);
    cr_expect_eq(resume(b, k + 2), STOP_LIMIT);
  }
  cr_expect_eq(resume(a, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(a->cpu.icount, 32);
  cr_expect_eq(a->cpu.x[A1], 55);
  cr_expect_eq(resume(b, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(b->cpu.icount, 121);
  cr_expect_eq(b->cpu.x[A0], 35);
  /* freeing one leaves the other working */
  free_machine(a);
  cr_expect_eq(run_from(b, 0x10000, UINT64_MAX), STOP_EBREAK);
  cr_expect_eq(b->cpu.x[A0], 35);
  free_machine(b);
}
