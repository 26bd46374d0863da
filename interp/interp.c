/* The dispatch loop.  Records come from decoder/; each handler is the
 * instruction's semantics in a line, and the plumbing (advance, dispatch,
 * block entry with its exact-stop check) lives in the macros below, so that
 * the computed-goto and switch builds share every handler body.
 *
 * Hot state lives in locals: the record pointer r, the page it belongs to
 * (pbase, pins: pc is derived from r's offset), and the number of
 * instructions left before the stop budget (the retired count is the budget
 * minus it).  Counting is per block: entering a block counts the
 * instructions from the entry record to the block's end (blen) as retired;
 * an exit inside a block takes back what did not run (the current record's
 * blen). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../decoder/decode.h"
#include "fpu.h"
#include "machine.h"

_Static_assert(DEC_XSINK < sizeof(((struct cpu *)0)->x) / sizeof(uint64_t), "sink register");

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* The computed-goto build has two entry points per instruction: one for its
 * 32-bit encoding and one (_c) for a compressed form, so that a simple
 * handler advances by a constant instead of reading the record's length.
 * CASE gives both the same code; OP compiles its body once for each. */
#ifdef AMANATSU_SWITCH_DISPATCH
#define CASE(name) case OP_##name:
#define DISPATCH() goto dispatch
#else
#define CASE(name) L_##name: L_##name##_c:
#define DISPATCH() goto *(const void *)(uintptr_t)r->h
#endif

#define PC() (pbase + (((uintptr_t)r - pins) >> 3))
#define RD x[r->rd]
#define RS1 x[r->rs1]
#define RS2 x[r->rs2]
#define IMM ((uint64_t)r->imm)
#define S64(v) ((int64_t)(v))
#define W(v) ((uint64_t)(int64_t)(int32_t)(v)) /* sign-extend a 32-bit result */

/* Straight-line successor. */
#define NEXT()                                                             \
  do {                                                                     \
    r = (const struct dec_insn *)((const char *)r + r->len * 8u);          \
    DISPATCH();                                                            \
  } while (0)

/* Block entry: the one place where stops are checked.  Counting down to
 * zero takes one subtraction and a sign test (a count compared with the
 * budget took two more instructions per taken branch). */
#define ENTER()                                   \
  do {                                            \
    left -= r->blen;                              \
    if (unlikely(left < 0)) goto slow_entry;      \
    DISPATCH();                                   \
  } while (0)
/* The retired count. */
#define ICOUNT() (budget - (uint64_t)left)

/* To any pc: the recently used pages first, then the decoded-page cache. */
#define JUMP_SLOW(target)                                                          \
  do {                                                                             \
    uint64_t t2_ = (target), vb_ = t2_ & ~(uint64_t)(DEC_PAGE_SIZE - 1);           \
    __typeof__(m->jcache[0]) *e_ = &m->jcache[(t2_ >> 12) & (JCACHE_SIZE - 1)];    \
    if (likely(e_->vbase == vb_ && !e_->page->stale)) {                            \
      pbase = vb_;                                                                 \
      pins = (uintptr_t)e_->page->insn;                                            \
      r = &e_->page->insn[(t2_ & (DEC_PAGE_SIZE - 1)) >> 1];                       \
    } else if (unlikely(!(r = lookup(m, t2_, &pbase, &pins)))) {                   \
      goto fetch_fault;                                                            \
    }                                                                              \
    ENTER();                                                                       \
  } while (0)

#define JUMP(target)                                                          \
  do {                                                                        \
    uint64_t t_ = (target);                                                   \
    if (likely((t_ ^ pbase) < DEC_PAGE_SIZE)) {                               \
      r = (const struct dec_insn *)(pins + ((t_ - pbase) << 3));              \
      ENTER();                                                                \
    }                                                                         \
    JUMP_SLOW(t_);                                                            \
  } while (0)

/* A taken branch or jal: within the page, the target record is imm/2
 * records away. */
#define JUMP_REL()                                                                \
  do {                                                                            \
    if (likely(r->local)) {                                                       \
      r = (const struct dec_insn *)((uintptr_t)r + (uintptr_t)((intptr_t)r->imm * 8));     \
      ENTER();                                                                    \
    }                                                                             \
    JUMP_SLOW(PC() + IMM);                                                        \
  } while (0)

#define BRANCH(cond)                               \
  do {                                             \
    if (cond) JUMP_REL();                          \
    r = (const struct dec_insn *)((const char *)r + r->len * 8u); \
    ENTER();                                       \
  } while (0)

#define TLB_HIT(t, i, a, n) ((t).tag[i] == ((a) & MEM_TLB_MASK(n)))

#define LOAD(T, addr)                                                          \
  ({                                                                           \
    uint64_t a_ = (addr);                                                      \
    unsigned i_ = MEM_TLB_INDEX(a_);                                           \
    T v_;                                                                      \
    if (likely(TLB_HIT(mm->rtlb, i_, a_, sizeof(T)))) {                        \
      memcpy(&v_, arena + a_, sizeof(T));                                    \
    } else { /* a separate local keeps v_ in a register on the fast path */   \
      T s_;                                                                    \
      if (unlikely(!mem_load_slow(mm, a_, &s_, sizeof(T)))) goto mem_fault;   \
      v_ = s_;                                                                 \
    }                                                                          \
    v_;                                                                        \
  })

#define STORE(T, addr, val)                                                    \
  do {                                                                         \
    uint64_t a_ = (addr);                                                      \
    T v_ = (T)(val);                                                           \
    unsigned i_ = MEM_TLB_INDEX(a_);                                           \
    if (likely(TLB_HIT(mm->wtlb, i_, a_, sizeof(T)))) {                        \
      memcpy(arena + a_, &v_, sizeof(T));                                    \
    } else {                                                                   \
      T s_ = v_;                                                               \
      if (unlikely(!mem_store_slow(mm, a_, &s_, sizeof(T)))) goto mem_fault;  \
    }                                                                          \
  } while (0)

/* Atomic memory operation: old value (sign-extended for .w) to rd. */
#define AMO(T, expr)                                          \
  do {                                                        \
    T *p_ = mem_amo_ptr(mm, RS1, sizeof(T));                  \
    if (unlikely(!p_)) goto mem_fault;                        \
    T a = *p_, b = (T)RS2;                                    \
    *p_ = (T)(expr);                                          \
    RD = sizeof(T) == 4 ? W(a) : (uint64_t)a;                 \
    (void)b;                                                  \
  } while (0)

/* Pointer arithmetic: GCC then updates r in its own register.  Adding a byte
 * count to r as an integer made it compute the next r in another register
 * and copy it over, one instruction more in nearly every handler. */
#define ADVANCE(bytes)                                                    \
  do {                                                                    \
    r += (bytes) / 2;                                                      \
    DISPATCH();                                                           \
  } while (0)

/* Each op's flags as a constant, so that OP and OPC can check their use. */
enum {
#define X(name, fmt, mask, match, flags) OPF_##name = (flags),
  ISA_ALL(X)
#undef X
};

/* OP: a simple handler for an op with no compressed form (decoder/isa.h
 * flags it without DF_C): one body, reached by both labels, advancing 4.
 * OPC: for one of the ops a compressed instruction expands to: the body
 * twice, so that each copy advances by a constant. */
#ifdef AMANATSU_SWITCH_DISPATCH
/* One body either way: the switch build has no per-length entries. */
#define OP_SWITCH_BODY(name, ...) \
  CASE(name) {                    \
    __VA_ARGS__;                  \
  }                               \
  NEXT();
#define OP(name, ...)                                                           \
  _Static_assert(!(OPF_##name & DF_C), #name " has a compressed form: use OPC"); \
  OP_SWITCH_BODY(name, __VA_ARGS__)
#define OPC(name, ...)                                                         \
  _Static_assert(OPF_##name & DF_C, #name " has no compressed form: use OP"); \
  OP_SWITCH_BODY(name, __VA_ARGS__)
#else
#define OP(name, ...)                                                           \
  _Static_assert(!(OPF_##name & DF_C), #name " has a compressed form: use OPC"); \
  L_##name : L_##name##_c : {                                                   \
    __VA_ARGS__;                                                                \
  }                                                                             \
  ADVANCE(4);
#define OPC(name, ...)                                                         \
  _Static_assert(OPF_##name & DF_C, #name " has no compressed form: use OP"); \
  L_##name : {                                                                 \
    __VA_ARGS__;                                                               \
  }                                                                            \
  ADVANCE(4);                                                                  \
  L_##name##_c : {                                                             \
    __VA_ARGS__;                                                               \
  }                                                                            \
  ADVANCE(2);
#endif

static const struct dec_insn *lookup(struct machine *m, uint64_t pc, uint64_t *pbase,
                                     uintptr_t *pins) {
  uint64_t vb = pc & ~(uint64_t)(DEC_PAGE_SIZE - 1);
  __typeof__(m->jcache[0]) *e = &m->jcache[(pc >> 12) & (JCACHE_SIZE - 1)];
  struct dec_page *p = e->page;
  if (e->vbase != vb || p->stale) {
    const uint8_t *bytes = mem_fetch_page(&m->mem, vb);
    p = bytes ? dec_cache_get(m->dc, vb, bytes) : NULL;
    if (!p) {
      m->mem.fault_kind = MEM_FETCH;
      m->mem.fault_addr = pc;
      return NULL;
    }
    e->vbase = vb;
    e->page = p;
  }
  *pbase = vb;
  *pins = (uintptr_t)p->insn;
  return &p->insn[(pc & (DEC_PAGE_SIZE - 1)) >> 1];
}

enum { CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003, CSR_CYCLE = 0xc00,
       CSR_TIME = 0xc01, CSR_INSTRET = 0xc02 };

/* The counters (Zicntr): readable, never writable.  false: illegal. */
static __attribute__((noinline)) bool csr_counter(struct machine *m, unsigned csr, bool writes,
                                                  uint64_t retired, uint64_t *old) {
  if (writes) return false;
  switch (csr) {
  case CSR_CYCLE:
  case CSR_INSTRET: *old = retired; return true;
  case CSR_TIME: {
    /* A 10 MHz timebase, as on QEMU's virt board. */
    struct timespec ts;
    m->cpu.icount = retired;
    machine_clock(m, CLOCK_MONOTONIC, &ts);
    *old = (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
    return true;
  }
  default: return false;
  }
}

/* Read-modify-write of a user CSR (Zicsr).  false: illegal instruction.
 * fflags, frm and fcsr (fields of m->cpu.fcsr) are done inline: compiled FP
 * code saves and restores fflags around every quiet comparison (frflags,
 * flt.d, fsflags). */
static inline bool csr_access(struct machine *m, unsigned op, unsigned csr, uint64_t src,
                              bool writes, uint64_t retired, uint64_t *old) {
  uint32_t fcsr = m->cpu.fcsr, mask, shift;
  switch (csr) {
  case CSR_FFLAGS: mask = 0x1f; shift = 0; break;
  case CSR_FRM: mask = 0xe0; shift = 5; break;
  case CSR_FCSR: mask = 0xff; shift = 0; break;
  default: return csr_counter(m, csr, writes, retired, old);
  }
  uint64_t v = (fcsr & mask) >> shift;
  if (writes) {
    uint64_t nv = op == OP_csrrw || op == OP_csrrwi   ? src
                  : op == OP_csrrs || op == OP_csrrsi ? v | src
                                                      : v & ~src;
    m->cpu.fcsr = (fcsr & ~mask) | ((uint32_t)(nv << shift) & mask);
  }
  *old = v;
  return true;
}

/* fpfast, a local of run(): the rm field for which an FP instruction runs its
 * copy with RNE and NX known (ROUNDED in ops_fp.inc): FPU_DYN while frm is
 * RNE and NX is already set, else a value no record holds.  FP instructions
 * only ever add flags, so it is recomputed only where fcsr may lose NX or
 * change frm (CSR instructions, system calls with rt_sigreturn among them,
 * entry) and after an FP instruction that ran outside that state. */
#define FP_FAST_KEY(fcsr) (((fcsr) & 0xe1) == FPU_NX ? FPU_DYN : 0xff)

/* Where run() stops: the requested count (snapshot, limit), or earlier
 * where an interval timer needs looking at (sys_timer.c). */
#define RUN_BUDGET(m) ((m)->stop_at < (m)->timer_stop ? (m)->stop_at : (m)->timer_stop)

/* run()'s count of instructions left before the budget, which it brings
 * within reach of that count (no budget: stop at UINT64_MAX). */
static int64_t run_left(uint64_t icount, uint64_t *budget) {
  if (*budget <= icount) *budget = icount;
  if (*budget - icount > INT64_MAX) *budget = icount + INT64_MAX;
  return (int64_t)(*budget - icount);
}

static enum stop_reason run(struct machine *m, const void *const **export) {
#ifndef AMANATSU_SWITCH_DISPATCH
  static const void *const labels[DEC_HANDLERS] = {
#define X(name, fmt, mask, match, flags) [2 * OP_##name] = &&L_##name, [2 * OP_##name + 1] = &&L_##name##_c,
      ISA_ALL(X)
#undef X
  };
#else
  static const void *const *const labels = NULL;
#endif
  if (export) {
    *export = labels;
    return STOP_EXIT;
  }
  uint64_t *const x = m->cpu.x;
  struct mem *const mm = &m->mem;
  uint8_t *const arena = mm->arena; /* where TLB hits go: memory/mem.h */
  uint64_t budget = RUN_BUDGET(m);
  int64_t left = run_left(m->cpu.icount, &budget);
  uint64_t pbase = 0;
  uintptr_t pins = 0;
  const struct dec_insn *r;
  unsigned fpfast = FP_FAST_KEY(m->cpu.fcsr);

  JUMP_SLOW(m->cpu.pc);

#ifdef AMANATSU_SWITCH_DISPATCH
dispatch:
  switch ((enum dec_op)r->op) {
#endif

  OPC(lui, RD = IMM)
  OP(auipc, RD = PC() + IMM)
  CASE(jal) {
    RD = PC() + r->len;
    JUMP_REL();
  }
  CASE(jalr) {
    uint64_t t = (RS1 + IMM) & ~(uint64_t)1;
    RD = PC() + r->len;
    JUMP(t);
  }
  CASE(beq) BRANCH(RS1 == RS2);
  CASE(bne) BRANCH(RS1 != RS2);
  CASE(blt) BRANCH(S64(RS1) < S64(RS2));
  CASE(bge) BRANCH(S64(RS1) >= S64(RS2));
  CASE(bltu) BRANCH(RS1 < RS2);
  CASE(bgeu) BRANCH(RS1 >= RS2);

  OP(lb, RD = (uint64_t)LOAD(int8_t, RS1 + IMM))
  OP(lh, RD = (uint64_t)LOAD(int16_t, RS1 + IMM))
  OPC(lw, RD = (uint64_t)LOAD(int32_t, RS1 + IMM))
  OPC(ld, RD = LOAD(uint64_t, RS1 + IMM))
  OP(lbu, RD = LOAD(uint8_t, RS1 + IMM))
  OP(lhu, RD = LOAD(uint16_t, RS1 + IMM))
  OP(lwu, RD = LOAD(uint32_t, RS1 + IMM))
  OP(sb, STORE(uint8_t, RS1 + IMM, RS2))
  OP(sh, STORE(uint16_t, RS1 + IMM, RS2))
  OPC(sw, STORE(uint32_t, RS1 + IMM, RS2))
  OPC(sd, STORE(uint64_t, RS1 + IMM, RS2))

  OPC(addi, RD = RS1 + IMM)
  OP(slti, RD = S64(RS1) < S64(IMM))
  OP(sltiu, RD = RS1 < IMM)
  OP(xori, RD = RS1 ^ IMM)
  OP(ori, RD = RS1 | IMM)
  OPC(andi, RD = RS1 & IMM)
  OPC(slli, RD = RS1 << IMM)
  OPC(srli, RD = RS1 >> IMM)
  OPC(srai, RD = (uint64_t)(S64(RS1) >> IMM))
  OPC(add, RD = RS1 + RS2)
  OPC(sub, RD = RS1 - RS2)
  OP(sll, RD = RS1 << (RS2 & 63))
  OP(slt, RD = S64(RS1) < S64(RS2))
  OP(sltu, RD = RS1 < RS2)
  OPC(xor, RD = RS1 ^ RS2)
  OP(srl, RD = RS1 >> (RS2 & 63))
  OP(sra, RD = (uint64_t)(S64(RS1) >> (RS2 & 63)))
  OPC(or, RD = RS1 | RS2)
  OPC(and, RD = RS1 & RS2)
  OPC(addiw, RD = W(RS1 + IMM))
  OP(slliw, RD = W((uint32_t)RS1 << IMM))
  OP(srliw, RD = W((uint32_t)RS1 >> IMM))
  OP(sraiw, RD = W((int32_t)RS1 >> IMM))
  OPC(addw, RD = W(RS1 + RS2))
  OPC(subw, RD = W(RS1 - RS2))
  OP(sllw, RD = W((uint32_t)RS1 << (RS2 & 31)))
  OP(srlw, RD = W((uint32_t)RS1 >> (RS2 & 31)))
  OP(sraw, RD = W((int32_t)RS1 >> (RS2 & 31)))

  OP(fence, (void)0)
  CASE(fence_i) JUMP_SLOW(PC() + r->len); /* revalidates stale decoded pages */
  CASE(ecall) {
    uint64_t pc = PC();
    m->cpu.pc = pc;
    m->cpu.icount = ICOUNT();
    if (sys_ecall(m)) return STOP_EXIT;
    budget = RUN_BUDGET(m);
    left = run_left(m->cpu.icount, &budget);
    fpfast = FP_FAST_KEY(m->cpu.fcsr);
    JUMP_SLOW(m->cpu.pc); /* pc + 4, or a signal handler, or where rt_sigreturn goes */
  }
  CASE(ebreak) {
    m->cpu.pc = PC();
    m->cpu.icount = ICOUNT() - r->blen;
    return STOP_EBREAK;
  }
  /* One body per CSR instruction, so that csr_access is compiled for a
   * constant op: one body for all six tested r->op at run time, 39 host
   * instructions for the frflags and fsflags that compiled FP code puts
   * around every quiet comparison. */
#define CSR_OP(name, src)                                                        \
  CASE(name) {                                                                   \
    uint64_t old;                                                                \
    bool writes = OP_##name == OP_csrrw || OP_##name == OP_csrrwi || r->rs1 != 0; \
    if (!csr_access(m, OP_##name, (unsigned)r->imm, (src), writes, ICOUNT() - r->blen, &old)) \
      goto illegal_encoded;                                                      \
    RD = old;                                                                    \
    if (writes) fpfast = FP_FAST_KEY(m->cpu.fcsr);                               \
  }                                                                              \
  NEXT();
  CSR_OP(csrrw, RS1)
  CSR_OP(csrrs, RS1)
  CSR_OP(csrrc, RS1)
  CSR_OP(csrrwi, r->rs1)
  CSR_OP(csrrsi, r->rs1)
  CSR_OP(csrrci, r->rs1)
#undef CSR_OP

  OP(mul, RD = RS1 * RS2)
  OP(mulh, RD = (uint64_t)(((__int128)S64(RS1) * (__int128)S64(RS2)) >> 64))
  OP(mulhsu, RD = (uint64_t)(((__int128)S64(RS1) * (__int128)(unsigned __int128)RS2) >> 64))
  OP(mulhu, RD = (uint64_t)(((unsigned __int128)RS1 * RS2) >> 64))
  OP(div, int64_t a = S64(RS1), b = S64(RS2);
     RD = b == 0 ? UINT64_MAX : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b))
  OP(divu, RD = RS2 == 0 ? UINT64_MAX : RS1 / RS2)
  OP(rem, int64_t a = S64(RS1), b = S64(RS2);
     RD = b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b))
  OP(remu, RD = RS2 == 0 ? RS1 : RS1 % RS2)
  OP(mulw, RD = W(RS1 * RS2))
  OP(divw, int32_t a = (int32_t)RS1, b = (int32_t)RS2;
     RD = b == 0 ? UINT64_MAX : (a == INT32_MIN && b == -1) ? W(a) : W(a / b))
  OP(divuw, uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2; RD = b == 0 ? UINT64_MAX : W(a / b))
  OP(remw, int32_t a = (int32_t)RS1, b = (int32_t)RS2;
     RD = b == 0 ? W(a) : (a == INT32_MIN && b == -1) ? 0 : W(a % b))
  OP(remuw, uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2; RD = b == 0 ? W(a) : W(a % b))

  CASE(lr_w) {
    uint64_t a = RS1; /* rd may be rs1 */
    if (a & 3) goto amo_misaligned;
    RD = (uint64_t)LOAD(int32_t, a);
    m->cpu.resv = a;
  }
  NEXT();
  CASE(lr_d) {
    uint64_t a = RS1; /* rd may be rs1 */
    if (a & 7) goto amo_misaligned;
    RD = LOAD(uint64_t, a);
    m->cpu.resv = a;
  }
  NEXT();
  CASE(sc_w) {
    if (RS1 & 3) goto amo_misaligned;
    uint64_t ok = m->cpu.resv == RS1;
    if (ok) STORE(uint32_t, RS1, RS2);
    m->cpu.resv = RESV_NONE;
    RD = !ok;
  }
  NEXT();
  CASE(sc_d) {
    if (RS1 & 7) goto amo_misaligned;
    uint64_t ok = m->cpu.resv == RS1;
    if (ok) STORE(uint64_t, RS1, RS2);
    m->cpu.resv = RESV_NONE;
    RD = !ok;
  }
  NEXT();
  OP(amoswap_w, AMO(uint32_t, b))
  OP(amoadd_w, AMO(uint32_t, a + b))
  OP(amoxor_w, AMO(uint32_t, a ^ b))
  OP(amoand_w, AMO(uint32_t, a & b))
  OP(amoor_w, AMO(uint32_t, a | b))
  OP(amomin_w, AMO(uint32_t, (int32_t)a < (int32_t)b ? a : b))
  OP(amomax_w, AMO(uint32_t, (int32_t)a > (int32_t)b ? a : b))
  OP(amominu_w, AMO(uint32_t, a < b ? a : b))
  OP(amomaxu_w, AMO(uint32_t, a > b ? a : b))
  OP(amoswap_d, AMO(uint64_t, b))
  OP(amoadd_d, AMO(uint64_t, a + b))
  OP(amoxor_d, AMO(uint64_t, a ^ b))
  OP(amoand_d, AMO(uint64_t, a & b))
  OP(amoor_d, AMO(uint64_t, a | b))
  OP(amomin_d, AMO(uint64_t, (int64_t)a < (int64_t)b ? a : b))
  OP(amomax_d, AMO(uint64_t, (int64_t)a > (int64_t)b ? a : b))
  OP(amominu_d, AMO(uint64_t, a < b ? a : b))
  OP(amomaxu_d, AMO(uint64_t, a > b ? a : b))

  /* F/D registers hold single-precision values NaN-boxed (upper 32 bits set). */
  OP(flw, m->cpu.f[r->rd] = 0xffffffff00000000ull | LOAD(uint32_t, RS1 + IMM))
  OPC(fld, m->cpu.f[r->rd] = LOAD(uint64_t, RS1 + IMM))
  OP(fsw, STORE(uint32_t, RS1 + IMM, m->cpu.f[r->rs2]))
  OPC(fsd, STORE(uint64_t, RS1 + IMM, m->cpu.f[r->rs2]))
  OP(fmv_x_w, RD = W(m->cpu.f[r->rs1]))
  OP(fmv_w_x, m->cpu.f[r->rd] = 0xffffffff00000000ull | (uint32_t)RS1)
  OP(fmv_x_d, RD = m->cpu.f[r->rs1])
  OP(fmv_d_x, m->cpu.f[r->rd] = RS1)

#include "ops_fp.inc"
#include "ops_b.inc"

  CASE(illegal) {
    m->illegal_bits = (uint32_t)r->imm;
    m->illegal_len = r->len;
    goto illegal;
  }
  CASE(page_end) JUMP_SLOW(PC());
  CASE(undecoded) {
    /* First time here: decode the run that starts at this record (only real
     * pages hold undecoded records, never stepbuf or stradpage). */
    struct dec_page *pg = (struct dec_page *)(pins - offsetof(struct dec_page, insn));
    r = dec_page_decode_run(pg, (unsigned)(r - pg->insn));
    ENTER();
  }
  CASE(straddle) {
    /* A 32-bit instruction whose upper half is on the next page: fetch both
     * halves now and run it from m->stradpage, a stand-in for this page
     * whose other records all look their pc up again. */
    uint64_t pc = PC();
    const uint8_t *lo = mem_fetch_page(mm, pbase);
    const uint8_t *hi = lo ? mem_fetch_page(mm, pbase + DEC_PAGE_SIZE) : NULL;
    if (!hi) {
      mm->fault_kind = MEM_FETCH;
      mm->fault_addr = lo ? pc + 2 : pc;
      goto mem_fault;
    }
    uint32_t bits = (uint32_t)lo[DEC_PAGE_SIZE - 2] | (uint32_t)lo[DEC_PAGE_SIZE - 1] << 8 |
                    (uint32_t)hi[0] << 16 | (uint32_t)hi[1] << 24;
    struct dec_insn *s = &m->stradpage[DEC_SLOTS - 1];
    dec_decode(bits, s);
    s->blen = 1;
#ifndef AMANATSU_SWITCH_DISPATCH
    s->h = (uint32_t)(uintptr_t)labels[2 * s->op];
#endif
    pins = (uintptr_t)m->stradpage;
    r = s;
    DISPATCH();
  }
  CASE(stop) {
    m->cpu.pc = PC();
    m->cpu.icount = ICOUNT() - r->blen;
    return STOP_LIMIT;
  }
#ifdef AMANATSU_SWITCH_DISPATCH
  case OP_COUNT: break;
  }
  __builtin_unreachable();
#endif

slow_entry:
  /* The budget ends inside this block (or before it): run a copy of the
   * block truncated by a stop record, so the handlers need no checks. */
  left += r->blen; /* ENTER's subtraction */
  if (left <= 0) {
    m->cpu.pc = PC();
    m->cpu.icount = ICOUNT();
    return STOP_LIMIT;
  }
  {
    const struct dec_insn *src = (const struct dec_insn *)pins;
    size_t i = (size_t)(r - src), first = i;
    for (int64_t n = left; n; n--) {
      m->stepbuf[i] = src[i];
      i += src[i].len / 2;
    }
    m->stepbuf[i] = (struct dec_insn){.op = OP_stop, .blen = src[i].blen};
#ifndef AMANATSU_SWITCH_DISPATCH
    m->stepbuf[i].h = (uint32_t)(uintptr_t)labels[2 * OP_stop];
#endif
    pins = (uintptr_t)m->stepbuf;
    r = &m->stepbuf[first];
    left -= r->blen; /* below zero: the stop record comes first */
    DISPATCH();
  }

fetch_fault:
  m->cpu.pc = mm->fault_addr;
  m->cpu.icount = ICOUNT();
  return STOP_FAULT;
amo_misaligned:
  mm->fault_kind = MEM_MISALIGNED_AMO;
  mm->fault_addr = RS1;
mem_fault:
  m->cpu.pc = PC();
  m->cpu.icount = ICOUNT() - r->blen;
  return STOP_FAULT;
illegal_encoded:
  /* Found illegal at run time (a CSR that does not exist or is read-only; a
   * dynamic rounding mode while frm is reserved).  Records keep no raw bits:
   * the decoder re-encodes the instruction for the message. */
  m->illegal_bits = dec_encode(r);
  m->illegal_len = 4;
illegal:
  m->cpu.pc = PC();
  m->cpu.icount = ICOUNT() - r->blen;
  return STOP_ILLEGAL;
}

enum stop_reason interp_run(struct machine *m) {
  for (;;) {
    enum stop_reason why = run(m, NULL);
    if (why == STOP_LIMIT && m->cpu.icount < m->stop_at) { /* a timer's stop */
      if (sys_timers_run(m)) return STOP_EXIT;
    } else if (!sys_fault_signal(m, why)) {
      return why;
    }
  }
}

/* Records hold handler addresses in 32 bits (decoder/decode.h): the labels'
 * addresses, which fit because the program is linked without PIE. */
const uint32_t *interp_handlers(void) {
  static uint32_t table[DEC_HANDLERS];
  const void *const *labels = NULL;
  run(NULL, &labels);
  if (!labels) return NULL; /* the switch build */
  for (unsigned i = 0; i < DEC_HANDLERS; i++) {
    if ((uintptr_t)labels[i] > UINT32_MAX) {
      fputs("amanatsu: the interpreter's code lies above 4 GiB: build it without -pie "
            "(CMakeLists.txt does)\n", stderr);
      exit(125);
    }
    table[i] = (uint32_t)(uintptr_t)labels[i];
  }
  return table;
}
