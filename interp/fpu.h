/* RISC-V F and D semantics on register bit patterns (RISC-V unprivileged ISA,
 * chapters "F" and "D"), independent of any machine so that they can be
 * tested on their own.
 *
 * Every operation returns 64-bit register contents and takes them too,
 * except the binary64 arithmetic (add, sub, mul, div, sqrt, the FMAs),
 * whose operands are doubles holding those bits (see fpu_load_d).  Passing
 * a double moves its bits unchanged, a signaling NaN's included, on x86-64
 * and AArch64, where it travels in a vector register.  A single-precision
 * operand is NaN-boxed (upper 32 bits all ones; anything else
 * reads as the canonical NaN) and a single-precision result comes back
 * boxed.  rm is a resolved rounding mode, 0..4 (FPU_RNE..FPU_RMM): the caller
 * has already replaced "dynamic" by frm and refused reserved modes.
 * Exception flags are ORed into *ff (the fflags bits, FPU_NX..FPU_NV); no
 * other bit of *ff is touched, so it may point at the whole fcsr.
 *
 * Two paths.  The fast path, inline below, uses the host FPU in its default
 * state (round to nearest even, no flags read) where the host result is
 * the RISC-V result and the only possible flag is NX: round-to-nearest,
 * operands and result finite, result not tiny (or a zero that is provably
 * exact).  NX is then either already set in *ff (the usual state of a
 * program, so nothing is checked) or found exactly with a few integer or
 * host operations (TwoSum for sums, odd parts of significands for products,
 * quotients and roots, the product's error term and TwoSum for FMAs; on
 * AVX-512 hosts, binary64 sums, products and FMAs rounded down and up;
 * binary32 checks in binary64, where they are exact).  Conversions to
 * integers take the fast path for RTZ (C casts) and RNE (lrint) of
 * in-range values.  Other rounding modes (RTZ, RDN, RUP, RMM) of add, sub, mul, div,
 * sqrt and the FMAs go to fpu_dr.c, which takes RTZ, RDN and RUP from AVX-512
 * instructions with the rounding mode embedded where the host has them, and
 * otherwise derives the result from the host's round-to-nearest result and
 * its exact error.  Everything else -- NaNs,
 * infinities, zeros that may have underflowed, tiny results, overflow,
 * whatever fpu_dr.c cannot decide -- goes to the slow path in fpu.c: a
 * software implementation on integers that handles all five rounding modes
 * (RMM included), the flags with tininess detected after rounding, and
 * canonical NaNs.  The host's MXCSR is never read or changed, so the host
 * must run in its default environment (round to nearest, no FTZ/DAZ). */
#ifndef AMANATSU_FPU_H
#define AMANATSU_FPU_H

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { FPU_RNE, FPU_RTZ, FPU_RDN, FPU_RUP, FPU_RMM, FPU_DYN = 7 };
enum { FPU_NX = 0x01, FPU_UF = 0x02, FPU_OF = 0x04, FPU_DZ = 0x08, FPU_NV = 0x10 };
/* Integer kinds of fcvt: the rs2 field of the encoding. */
enum { FPU_W, FPU_WU, FPU_L, FPU_LU };
/* fclass result bits. */
enum {
  FPU_CLASS_NINF = 1 << 0, FPU_CLASS_NNORM = 1 << 1, FPU_CLASS_NSUB = 1 << 2,
  FPU_CLASS_NZERO = 1 << 3, FPU_CLASS_PZERO = 1 << 4, FPU_CLASS_PSUB = 1 << 5,
  FPU_CLASS_PNORM = 1 << 6, FPU_CLASS_PINF = 1 << 7, FPU_CLASS_SNAN = 1 << 8,
  FPU_CLASS_QNAN = 1 << 9,
};

#define FPU_BOX 0xffffffff00000000ull
#define FPU_QNAN_S 0x7fc00000u
#define FPU_QNAN_D 0x7ff8000000000000ull

#define FPU_LIKELY(x) __builtin_expect(!!(x), 1)
#define FPU_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ---- the slow path (fpu.c); dbl selects binary64, else binary32 -------- */

uint64_t fpu_sf_add(bool dbl, uint64_t a, uint64_t b, unsigned rm, uint32_t *ff);
uint64_t fpu_sf_mul(bool dbl, uint64_t a, uint64_t b, unsigned rm, uint32_t *ff);
uint64_t fpu_sf_div(bool dbl, uint64_t a, uint64_t b, unsigned rm, uint32_t *ff);
uint64_t fpu_sf_sqrt(bool dbl, uint64_t a, unsigned rm, uint32_t *ff);
/* (negprod ? -(a*b) : a*b) + (negc ? -c : c), rounded once. */
uint64_t fpu_sf_fma(bool dbl, uint64_t a, uint64_t b, uint64_t c, bool negprod, bool negc,
                    unsigned rm, uint32_t *ff);
uint64_t fpu_sf_f2i(bool dbl, uint64_t a, unsigned kind, unsigned rm, uint32_t *ff);
uint64_t fpu_sf_i2f(bool dbl, uint64_t v, unsigned kind, unsigned rm, uint32_t *ff);
uint64_t fpu_sf_cvt_s_d(uint64_t a, unsigned rm, uint32_t *ff);
uint64_t fpu_sf_cvt_d_s(uint64_t a, uint32_t *ff);
/* Comparisons with a NaN operand; kind: 0 feq, 1 flt, 2 fle. */
uint64_t fpu_sf_cmp_nan(bool dbl, uint64_t a, uint64_t b, unsigned kind, uint32_t *ff);
/* fmin/fmax with a NaN operand. */
uint64_t fpu_sf_minmax_nan(bool dbl, uint64_t a, uint64_t b, uint32_t *ff);
uint64_t fpu_class_s(uint64_t a);
uint64_t fpu_class_d(uint64_t a);

/* ---- other rounding modes on the host (fpu_dr.c) --------------------------- */

/* RTZ, RDN and RUP use AVX-512 embedded rounding: set at start-up where
 * the host has it; tests clear it to exercise the portable path. */
extern bool fpu_use_er;

#if defined(__x86_64__)
/* With fpu_use_er: an EVEX scalar instruction carrying its own rounding
 * mode ({rz,rd,ru}-sae), which raises no flags and leaves MXCSR alone.  A
 * result is exact iff rounding it down (FPU_RDN) and up (FPU_RUP) agree.
 * FPU_ER_SW: the instruction in the mode rm (RTZ, RDN or RUP). */
#define FPU_ER_SW(insn, ops, ...)                                              \
  do {                                                                         \
    if (rm == FPU_RTZ)                                                         \
      __asm__(insn " %{rz-sae%}, " ops : __VA_ARGS__);                         \
    else if (rm == FPU_RDN)                                                    \
      __asm__(insn " %{rd-sae%}, " ops : __VA_ARGS__);                         \
    else                                                                       \
      __asm__(insn " %{ru-sae%}, " ops : __VA_ARGS__);                         \
  } while (0)
/* name(x, rm) = op x; name(x, y, rm) = x op y; name(x, y, z, rm) = x*y + z */
#define FPU_ER_FN1(name, T, U, insn)                                           \
  static inline T name(U x, unsigned rm) {                                     \
    T r;                                                                       \
    FPU_ER_SW(insn, "%1, %1, %0", "=x"(r) : "x"(x));                           \
    return r;                                                                  \
  }
#define FPU_ER_FN2(name, T, insn)                                              \
  static inline T name(T x, T y, unsigned rm) {                                \
    T r;                                                                       \
    FPU_ER_SW(insn, "%2, %1, %0", "=x"(r) : "x"(x), "x"(y));                   \
    return r;                                                                  \
  }
#define FPU_ER_FN3(name, T, insn)                                              \
  static inline T name(T x, T y, T z, unsigned rm) {                           \
    FPU_ER_SW(insn, "%2, %1, %0", "+x"(z) : "x"(x), "x"(y));                   \
    return z;                                                                  \
  }
FPU_ER_FN2(fpu_er_add_d, double, "vaddsd")
FPU_ER_FN2(fpu_er_add_s, float, "vaddss")
FPU_ER_FN2(fpu_er_mul_d, double, "vmulsd")
FPU_ER_FN2(fpu_er_mul_s, float, "vmulss")
FPU_ER_FN2(fpu_er_div_d, double, "vdivsd")
FPU_ER_FN2(fpu_er_div_s, float, "vdivss")
FPU_ER_FN1(fpu_er_sqrt_d, double, double, "vsqrtsd")
FPU_ER_FN1(fpu_er_sqrt_s, float, float, "vsqrtss")
FPU_ER_FN1(fpu_er_cvt_s_d, float, double, "vcvtsd2ss")
FPU_ER_FN3(fpu_er_fma_d, double, "vfmadd231sd")
FPU_ER_FN3(fpu_er_fma_s, float, "vfmadd231ss")
#endif

/* The fallback of the inline fast paths below: RTZ, RDN, RUP and RMM with
 * the host FPU where error-free transforms decide the result, else (and
 * for RNE) the slow path.  The binary64 forms take doubles, as their fast
 * paths do, so that a directed mode's operands stay in vector registers. */
uint64_t fpu_dr_add_d(double x, double y, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_mul_d(double x, double y, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_div_d(double x, double y, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_sqrt_d(double x, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_fma_d(double x, double y, double z, bool negprod, bool negc, unsigned rm,
                      uint32_t *ff);
uint64_t fpu_dr_add_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_mul_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_div_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_sqrt_s(uint64_t a, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_fma_s(uint64_t a, uint64_t b, uint64_t c, bool negprod, bool negc, unsigned rm,
                      uint32_t *ff);
/* binary64 (the binary32 forms convert first, exactly) to integer. */
uint64_t fpu_dr_f2i(uint64_t a, unsigned kind, unsigned rm, uint32_t *ff);
uint64_t fpu_dr_cvt_s_d(uint64_t a, unsigned rm, uint32_t *ff);
/* Boldo and Muller's ErrFmaNearest: x*y + z - r1 = r2 + r3 exactly, where
 * r1 = RN(x*y + z) and r2 = RN(r2 + r3) (so r2 is 0 iff r1 is exact).
 * false when the operands or r1 are not well inside the normal range, or
 * an intermediate overflowed. */
bool fpu_fma_err_d(double x, double y, double z, double r1, double *r2, double *r3);

/* ---- helpers ------------------------------------------------------------- */

static inline double fpu_d(uint64_t b) {
  double d;
  memcpy(&d, &b, sizeof d);
  return d;
}
static inline uint64_t fpu_bits_d(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}
static inline float fpu_f(uint32_t b) {
  float f;
  memcpy(&f, &b, sizeof f);
  return f;
}
static inline uint32_t fpu_bits_f(float f) {
  uint32_t b;
  memcpy(&b, &f, sizeof b);
  return b;
}
/* A binary64 register's contents as a double, loaded straight into a vector
 * register.  Given the 64-bit integer, the compiler loads it into a general
 * register and copies it over, and stores results back the same way: on a
 * chain of dependent FP instructions that adds both copies' latency to each
 * (bench/fp/libm and nbody 3-9% slower).  The slow paths take the bits back. */
static inline double fpu_load_d(const uint64_t *r) {
  double d;
#if defined(__x86_64__)
  __asm__("movsd %1, %0" : "=x"(d) : "m"(*r));
#else
  memcpy(&d, r, sizeof d);
#endif
  return d;
}
/* A single-precision operand: the canonical NaN unless properly boxed. */
static inline uint32_t fpu_unbox(uint64_t a) { return a >= FPU_BOX ? (uint32_t)a : FPU_QNAN_S; }
static inline uint64_t fpu_box(uint32_t b) { return FPU_BOX | b; }
/* Both operands boxed: the test the single-precision fast paths make. */
static inline bool fpu_boxed2(uint64_t a, uint64_t b) { return (a & b) >= FPU_BOX; }

/* |x| is finite and strictly above the smallest normal: not tiny, even
 * before rounding, and not an overflow.  Compared as a double, so that a
 * result is tested and stored without leaving its vector register. */
static inline bool fpu_big_d(double x) {
  double a = fabs(x);
  return a > 0x1p-1022 && a <= 0x1.fffffffffffffp+1023;
}
static inline bool fpu_big_s(float x) {
  return (fpu_bits_f(x) & 0x7fffffffu) - 0x00800001u < 0x7f000000u - 1;
}

/* Odd part of a binary64 significand (hidden bit included); 0 for zero. */
static inline uint64_t fpu_odd_d(uint64_t a) {
  uint64_t e = (a >> 52) & 0x7ff, m = a & ((1ull << 52) - 1);
  if (e) m |= 1ull << 52;
  return m ? m >> __builtin_ctzll(m) : 0;
}
/* x*y (odd parts a, b) fits in 53 bits, i.e. the product was exact given
 * that its rounded value is a normal number. */
static inline bool fpu_prod53(uint64_t a, uint64_t b) {
  unsigned la = 64 - (unsigned)__builtin_clzll(a), lb = 64 - (unsigned)__builtin_clzll(b);
  return la + lb <= 54 && a * b < (1ull << 53);
}

/* ---- binary64 arithmetic --------------------------------------------------- */

/* Knuth's TwoSum: x + y - s exactly, for s = RN(x + y) when nothing
 * overflows on the way (NaN when something did); zero iff s was exact. */
static inline double fpu_sum_err_d(double x, double y, double s) {
  double bb = s - x;
  return (x - (s - bb)) + (y - bb);
}
static inline bool fpu_sum_exact_d(double x, double y, double s) { return fpu_sum_err_d(x, y, s) == 0; }

/* s = RN(x + y), finite: was it exact? */
static inline bool fpu_add_exact_d(double x, double y, double s) {
#if defined(__x86_64__)
  if (FPU_LIKELY(fpu_use_er)) return fpu_er_add_d(x, y, FPU_RDN) == fpu_er_add_d(x, y, FPU_RUP);
#endif
  return fpu_sum_exact_d(x, y, s);
}

static inline uint64_t fpu_add_d(double x, double y, unsigned rm, uint32_t *ff) {
  double s = x + y;
  /* Sums of binary64 values below the normal range are exact: no UF. */
  if (FPU_LIKELY(rm == FPU_RNE && fabs(s) <= DBL_MAX)) {
    if (FPU_UNLIKELY(!(*ff & FPU_NX)) && !fpu_add_exact_d(x, y, s)) *ff |= FPU_NX;
    return fpu_bits_d(s);
  }
  return fpu_dr_add_d(x, y, rm, ff);
}

/* x - y is x + (-y) exactly, in every rounding mode, zeros' signs and NaNs
 * included (a NaN's sign never reaches the canonical result). */
static inline uint64_t fpu_sub_d(double x, double y, unsigned rm, uint32_t *ff) {
  return fpu_add_d(x, -y, rm, ff);
}

/* x*y rounded to a normal number: was it exact? */
static inline bool fpu_mul_exact_d(double x, double y) {
#if defined(__x86_64__)
  if (FPU_LIKELY(fpu_use_er)) return fpu_er_mul_d(x, y, FPU_RDN) == fpu_er_mul_d(x, y, FPU_RUP);
#endif
  return fpu_prod53(fpu_odd_d(fpu_bits_d(x)), fpu_odd_d(fpu_bits_d(y)));
}

static inline uint64_t fpu_mul_d(double x, double y, unsigned rm, uint32_t *ff) {
  double p = x * y;
  if (FPU_LIKELY(rm == FPU_RNE)) {
    if (FPU_LIKELY(fpu_big_d(p))) {
      if (FPU_UNLIKELY(!(*ff & FPU_NX)) && !fpu_mul_exact_d(x, y)) *ff |= FPU_NX;
      return fpu_bits_d(p);
    }
    if (p == 0 && (x == 0 || y == 0)) return fpu_bits_d(p); /* exact zero */
  }
  return fpu_dr_mul_d(x, y, rm, ff);
}

static inline uint64_t fpu_div_d(double x, double y, unsigned rm, uint32_t *ff) {
  double q = x / y;
  if (FPU_LIKELY(rm == FPU_RNE)) {
    if (FPU_LIKELY(fpu_big_d(q))) {
      /* exact iff q*y == x: their odd parts agree (the exponents then must) */
      if (FPU_UNLIKELY(!(*ff & FPU_NX))) {
        uint64_t oq = fpu_odd_d(fpu_bits_d(q)), oy = fpu_odd_d(fpu_bits_d(y));
        if (!fpu_prod53(oq, oy) || oq * oy != fpu_odd_d(fpu_bits_d(x))) *ff |= FPU_NX;
      }
      return fpu_bits_d(q);
    }
    if (q == 0 && x == 0) return fpu_bits_d(q); /* 0/y, y finite nonzero or inf */
  }
  return fpu_dr_div_d(x, y, rm, ff);
}

static inline uint64_t fpu_sqrt_d(double x, unsigned rm, uint32_t *ff) {
  /* The root of a positive finite binary64 value is normal; sqrt(-0) = -0. */
  if (FPU_LIKELY(rm == FPU_RNE && x >= 0 && x <= DBL_MAX)) {
    double s = __builtin_sqrt(x);
    if (FPU_UNLIKELY(!(*ff & FPU_NX)) && x != 0) {
      uint64_t os = fpu_odd_d(fpu_bits_d(s));
      if (!fpu_prod53(os, os) || os * os != fpu_odd_d(fpu_bits_d(x))) *ff |= FPU_NX;
    }
    return fpu_bits_d(s);
  }
  return fpu_dr_sqrt_d(x, rm, ff);
}

/* x*y+z with one rounding.  Without -mfma the compiler calls libm's fma;
 * an FMA-capable x86-64 host does it in one instruction (VEX scalar ops
 * leave no dirty upper state, so mixing them with SSE code costs nothing). */
static inline double fpu_host_fma(double x, double y, double z) {
#if defined(__x86_64__) && !defined(__FMA__)
  if (FPU_LIKELY(__builtin_cpu_supports("fma"))) {
    __asm__("vfmadd231sd %2, %1, %0" : "+x"(z) : "x"(x), "x"(y));
    return z;
  }
#endif
  return __builtin_fma(x, y, z);
}
static inline float fpu_host_fmaf(float x, float y, float z) {
#if defined(__x86_64__) && !defined(__FMA__)
  if (FPU_LIKELY(__builtin_cpu_supports("fma"))) {
    __asm__("vfmadd231ss %2, %1, %0" : "+x"(z) : "x"(x), "x"(y));
    return z;
  }
#endif
  return __builtin_fmaf(x, y, z);
}

/* Fused multiply-add: the host's fma (one rounding) when the result is a
 * normal number, or zero where that zero must be exact: with both factors
 * zero or at least 2^-485 in magnitude, x*y+z is a multiple of 2^-1074 (so
 * is every binary64 z), and a nonzero multiple would not round to zero.
 * With NX clear, exactness is decided when the product is exact in binary64
 * (its error, fma(x, y, -p), is zero and representable: no underflow), as
 * is the case for values with short significands (small integers, say);
 * then r = RN(p + z) and TwoSum tells.  Otherwise the slow path decides. */
static inline bool fpu_fma_zero_exact_d(double x, double y) {
  return x == 0 || y == 0 || (fabs(x) >= 0x1p-485 && fabs(y) >= 0x1p-485);
}
/* r = fma(x, y, z) is a normal number: FPU_NX if it is inexact, 0 if exact,
 * -1 if that is not cheap to tell.  The exact-product case first: ErrFma
 * alone would decide it too, but made bench/fp/matint 22% slower. */
static inline int fpu_fma_nx_d(double x, double y, double z, double r) {
#if defined(__x86_64__)
  /* With AVX-512: two FMAs independent of each other, where the checks
   * below form a chain. */
  if (FPU_LIKELY(fpu_use_er))
    return fpu_er_fma_d(x, y, z, FPU_RDN) == fpu_er_fma_d(x, y, z, FPU_RUP) ? 0 : FPU_NX;
#endif
  double p = x * y, r2, r3;
  if (p == 0 && (x == 0 || y == 0)) return 0; /* r is z, a normal number */
  if (fabs(p) >= 0x1p-968 && fabs(p) <= DBL_MAX && fpu_host_fma(x, y, -p) == 0)
    return fpu_sum_exact_d(p, z, r) ? 0 : FPU_NX;
  if (fpu_fma_err_d(x, y, z, r, &r2, &r3)) return r2 != 0 ? FPU_NX : 0;
  return -1;
}
#define FPU_FMA_D(name, negp, negc)                                                       \
  static inline uint64_t name(double x0, double y0, double z0, unsigned rm, uint32_t *ff) { \
    if (FPU_LIKELY(rm == FPU_RNE)) {                                                       \
      double x = x0, y = y0, z = z0;                                                       \
      if (negp) x = -x;                                                                    \
      if (negc) z = -z;                                                                    \
      double r = fpu_host_fma(x, y, z);                                                    \
      if (FPU_LIKELY(fpu_big_d(r))) {                                                      \
        if (FPU_LIKELY(*ff & FPU_NX)) return fpu_bits_d(r);                                \
        int nx = fpu_fma_nx_d(x, y, z, r);                                                 \
        if (nx >= 0) {                                                                     \
          *ff |= (uint32_t)nx;                                                             \
          return fpu_bits_d(r);                                                            \
        }                                                                                  \
      } else if (r == 0 && fpu_fma_zero_exact_d(x, y)) {                                   \
        return fpu_bits_d(r);                                                              \
      }                                                                                    \
    }                                                                                      \
    return fpu_dr_fma_d(x0, y0, z0, negp, negc, rm, ff);                                   \
  }
FPU_FMA_D(fpu_madd_d, false, false)
FPU_FMA_D(fpu_msub_d, false, true)
FPU_FMA_D(fpu_nmsub_d, true, false)
FPU_FMA_D(fpu_nmadd_d, true, true)

/* ---- binary32 arithmetic --------------------------------------------------- */

static inline bool fpu_sum_exact_s(float x, float y, float s) {
  float bb = s - x;
  return (x - (s - bb)) + (y - bb) == 0;
}

static inline uint64_t fpu_add_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  float x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), s = x + y;
  if (FPU_LIKELY(rm == FPU_RNE && fpu_boxed2(a, b) && fabsf(s) <= FLT_MAX)) {
    if (FPU_UNLIKELY(!(*ff & FPU_NX)) && !fpu_sum_exact_s(x, y, s)) *ff |= FPU_NX;
    return fpu_box(fpu_bits_f(s));
  }
  return fpu_dr_add_s(a, b, rm, ff);
}

/* As fpu_sub_d; flipping bit 31 leaves the boxing (or its absence) as it was. */
static inline uint64_t fpu_sub_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  return fpu_add_s(a, b ^ 0x80000000u, rm, ff);
}

/* binary32 products, quotients' checks and roots are exact in binary64. */
static inline uint64_t fpu_mul_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  float x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), p = x * y;
  if (FPU_LIKELY(rm == FPU_RNE && fpu_boxed2(a, b))) {
    if (FPU_LIKELY(fpu_big_s(p))) {
      if (FPU_UNLIKELY(!(*ff & FPU_NX)) && (double)p != (double)x * (double)y) *ff |= FPU_NX;
      return fpu_box(fpu_bits_f(p));
    }
    if (p == 0 && (x == 0 || y == 0)) return fpu_box(fpu_bits_f(p));
  }
  return fpu_dr_mul_s(a, b, rm, ff);
}

static inline uint64_t fpu_div_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  float x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), q = x / y;
  if (FPU_LIKELY(rm == FPU_RNE && fpu_boxed2(a, b))) {
    if (FPU_LIKELY(fpu_big_s(q))) {
      if (FPU_UNLIKELY(!(*ff & FPU_NX)) && (double)q * (double)y != (double)x) *ff |= FPU_NX;
      return fpu_box(fpu_bits_f(q));
    }
    if (q == 0 && x == 0) return fpu_box(fpu_bits_f(q));
  }
  return fpu_dr_div_s(a, b, rm, ff);
}

static inline uint64_t fpu_sqrt_s(uint64_t a, unsigned rm, uint32_t *ff) {
  float x = fpu_f((uint32_t)a);
  if (FPU_LIKELY(rm == FPU_RNE && a >= FPU_BOX && x >= 0 && x <= FLT_MAX)) {
    float s = __builtin_sqrtf(x);
    if (FPU_UNLIKELY(!(*ff & FPU_NX)) && (double)s * (double)s != (double)x) *ff |= FPU_NX;
    return fpu_box(fpu_bits_f(s));
  }
  return fpu_dr_sqrt_s(a, rm, ff);
}

/* binary32: the same with 2^-51 (products are multiples of 2^-148).  With
 * NX clear, exactness is always cheap: x*y is exact in binary64, and if
 * TwoSum finds p + z exact there too, r is exact iff it equals that sum;
 * if not, x*y+z is not even a binary64 value. */
static inline bool fpu_fma_zero_exact_s(float x, float y) {
  return x == 0 || y == 0 || (fabsf(x) >= 0x1p-51f && fabsf(y) >= 0x1p-51f);
}
static inline bool fpu_fma_exact_s(float x, float y, float z, float r) {
  double p = (double)x * y, zd = z, s = p + zd;
  return fpu_sum_exact_d(p, zd, s) && (double)r == s;
}
#define FPU_FMA_S(name, negp, negc)                                                       \
  static inline uint64_t name(uint64_t a, uint64_t b, uint64_t c, unsigned rm, uint32_t *ff) { \
    if (FPU_LIKELY(rm == FPU_RNE && fpu_boxed2(a & b, c))) {                               \
      float x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), z = fpu_f((uint32_t)c);       \
      if (negp) x = -x;                                                                    \
      if (negc) z = -z;                                                                    \
      float r = fpu_host_fmaf(x, y, z);                                                    \
      if (FPU_LIKELY(fpu_big_s(r))) {                                                      \
        if (FPU_UNLIKELY(!(*ff & FPU_NX)) && !fpu_fma_exact_s(x, y, z, r)) *ff |= FPU_NX;  \
        return fpu_box(fpu_bits_f(r));                                                     \
      }                                                                                    \
      if (r == 0 && fpu_fma_zero_exact_s(x, y)) return fpu_box(fpu_bits_f(r));             \
    }                                                                                      \
    return fpu_dr_fma_s(a, b, c, negp, negc, rm, ff);                                      \
  }
FPU_FMA_S(fpu_madd_s, false, false)
FPU_FMA_S(fpu_msub_s, false, true)
FPU_FMA_S(fpu_nmsub_s, true, false)
FPU_FMA_S(fpu_nmadd_s, true, true)

/* ---- sign injection, min/max, compares (no rounding) ----------------------- */

static inline uint64_t fpu_sgnj_d(uint64_t a, uint64_t b) {
  return (a & ~(1ull << 63)) | (b & (1ull << 63));
}
static inline uint64_t fpu_sgnjn_d(uint64_t a, uint64_t b) {
  return (a & ~(1ull << 63)) | (~b & (1ull << 63));
}
static inline uint64_t fpu_sgnjx_d(uint64_t a, uint64_t b) { return a ^ (b & (1ull << 63)); }
static inline uint64_t fpu_sgnj_s(uint64_t a, uint64_t b) {
  return fpu_box((fpu_unbox(a) & 0x7fffffffu) | (fpu_unbox(b) & 0x80000000u));
}
static inline uint64_t fpu_sgnjn_s(uint64_t a, uint64_t b) {
  return fpu_box((fpu_unbox(a) & 0x7fffffffu) | (~fpu_unbox(b) & 0x80000000u));
}
static inline uint64_t fpu_sgnjx_s(uint64_t a, uint64_t b) {
  return fpu_box(fpu_unbox(a) ^ (fpu_unbox(b) & 0x80000000u));
}

/* minimumNumber/maximumNumber (IEEE 754-2019, as the F chapter requires):
 * -0 < +0; equal values are either identical or the two zeros, so ORing
 * (min) or ANDing (max) the patterns picks the right zero. */
static inline uint64_t fpu_min_d(uint64_t a, uint64_t b, uint32_t *ff) {
  double x = fpu_d(a), y = fpu_d(b);
  if (FPU_UNLIKELY(isunordered(x, y))) return fpu_sf_minmax_nan(true, a, b, ff);
  return x < y ? a : y < x ? b : a | b;
}
static inline uint64_t fpu_max_d(uint64_t a, uint64_t b, uint32_t *ff) {
  double x = fpu_d(a), y = fpu_d(b);
  if (FPU_UNLIKELY(isunordered(x, y))) return fpu_sf_minmax_nan(true, a, b, ff);
  return x > y ? a : y > x ? b : a & b;
}
static inline uint64_t fpu_min_s(uint64_t a, uint64_t b, uint32_t *ff) {
  uint32_t ua = fpu_unbox(a), ub = fpu_unbox(b);
  float x = fpu_f(ua), y = fpu_f(ub);
  if (FPU_UNLIKELY(isunordered(x, y))) return fpu_sf_minmax_nan(false, a, b, ff);
  return fpu_box(x < y ? ua : y < x ? ub : ua | ub);
}
static inline uint64_t fpu_max_s(uint64_t a, uint64_t b, uint32_t *ff) {
  uint32_t ua = fpu_unbox(a), ub = fpu_unbox(b);
  float x = fpu_f(ua), y = fpu_f(ub);
  if (FPU_UNLIKELY(isunordered(x, y))) return fpu_sf_minmax_nan(false, a, b, ff);
  return fpu_box(x > y ? ua : y > x ? ub : ua & ub);
}

/* feq is quiet (NV only for a signaling NaN); flt and fle signal on any NaN. */
#define FPU_CMP(name, T, get, dbl, kind, expr)                       \
  static inline uint64_t name(uint64_t a, uint64_t b, uint32_t *ff) { \
    T x = get(a), y = get(b);                                        \
    if (FPU_UNLIKELY(isunordered(x, y))) return fpu_sf_cmp_nan(dbl, a, b, kind, ff); \
    return expr;                                                     \
  }
#define FPU_GET_D(v) fpu_d(v)
#define FPU_GET_S(v) fpu_f(fpu_unbox(v))
FPU_CMP(fpu_feq_d, double, FPU_GET_D, true, 0, x == y)
FPU_CMP(fpu_flt_d, double, FPU_GET_D, true, 1, x < y)
FPU_CMP(fpu_fle_d, double, FPU_GET_D, true, 2, x <= y)
FPU_CMP(fpu_feq_s, float, FPU_GET_S, false, 0, x == y)
FPU_CMP(fpu_flt_s, float, FPU_GET_S, false, 1, x < y)
FPU_CMP(fpu_fle_s, float, FPU_GET_S, false, 2, x <= y)

/* ---- conversions ----------------------------------------------------------- */

/* float -> integer.  t is x rounded to an integer, or x itself for C's
 * truncating cast: *v gets the result when t is in range (false if not),
 * and NX is raised unless x was an integer.  Results of the 32-bit forms
 * are sign-extended. */
static inline bool fpu_f2i_in_range(double x, double t, unsigned kind, uint32_t *ff, uint64_t *v) {
  static const double lo[4] = {-2147483649.0, -1.0, -0x1p63 - 0x1p11, -1.0};
  static const double hi[4] = {2147483648.0, 4294967296.0, 0x1p63, 0x1p64};
  if (FPU_UNLIKELY(!(t > lo[kind] && t < hi[kind]))) return false;
  double back;
  switch (kind) {
  case FPU_W: { int32_t i = (int32_t)t; *v = (uint64_t)(int64_t)i; back = i; break; }
  case FPU_WU: { uint32_t i = (uint32_t)(int64_t)t; *v = (uint64_t)(int64_t)(int32_t)i; back = i; break; }
  case FPU_L: { int64_t i = (int64_t)t; *v = (uint64_t)i; back = (double)i; break; }
  default: { uint64_t i = (uint64_t)t; *v = i; back = (double)i; break; }
  }
  if (back != x) *ff |= FPU_NX; /* |x| < 2^64 and trunc(x) < 2^53 when x is not an integer */
  return true;
}
/* The fast cases: RTZ (the cast) and RNE (lrint) of |x| < 2^52, where
 * adding and subtracting 2^52 rounds to an integer exactly.  RDN, RUP and
 * RMM are floor, ceil and round in fpu_dr.c. */
static inline uint64_t fpu_cvt_i_d(uint64_t a, unsigned kind, unsigned rm, uint32_t *ff) {
  double x = fpu_d(a);
  if (FPU_LIKELY(rm == FPU_RTZ || (rm == FPU_RNE && fabs(x) < 0x1p52))) {
    double t = x;
    if (rm == FPU_RNE) {
      double c = copysign(0x1p52, x);
      t = (x + c) - c;
    }
    uint64_t v;
    if (FPU_LIKELY(fpu_f2i_in_range(x, t, kind, ff, &v))) return v;
  }
  return fpu_dr_f2i(a, kind, rm, ff);
}
static inline uint64_t fpu_cvt_i_s(uint64_t a, unsigned kind, unsigned rm, uint32_t *ff) {
  if (FPU_LIKELY(a >= FPU_BOX)) {
    float f = fpu_f((uint32_t)a);
    if (FPU_LIKELY(!isnan(f))) return fpu_cvt_i_d(fpu_bits_d((double)f), kind, rm, ff);
  }
  return fpu_sf_f2i(false, a, kind, rm, ff);
}

/* integer -> float: exact (no flags) when the integer's odd part is short
 * enough; otherwise the host's round-to-nearest conversion when NX is set. */
static inline uint64_t fpu_int_odd(uint64_t v, unsigned kind, bool *neg) {
  uint64_t u;
  switch (kind) {
  case FPU_W: u = (uint64_t)(int64_t)(int32_t)v; break;
  case FPU_WU: u = (uint32_t)v; break;
  default: u = v; break;
  }
  *neg = (kind == FPU_W || kind == FPU_L) && (int64_t)u < 0;
  if (*neg) u = -u;
  return u ? u >> __builtin_ctzll(u) : 0;
}
static inline uint64_t fpu_cvt_d_i(uint64_t v, unsigned kind, unsigned rm, uint32_t *ff) {
  bool neg;
  uint64_t odd = fpu_int_odd(v, kind, &neg);
  if (FPU_LIKELY(odd < (1ull << 53) || (rm == FPU_RNE && (*ff & FPU_NX)))) {
    switch (kind) {
    case FPU_W: return fpu_bits_d((double)(int32_t)v);
    case FPU_WU: return fpu_bits_d((double)(uint32_t)v);
    case FPU_L: return fpu_bits_d((double)(int64_t)v);
    default: return fpu_bits_d((double)v);
    }
  }
  return fpu_sf_i2f(true, v, kind, rm, ff);
}
static inline uint64_t fpu_cvt_s_i(uint64_t v, unsigned kind, unsigned rm, uint32_t *ff) {
  bool neg;
  uint64_t odd = fpu_int_odd(v, kind, &neg);
  if (FPU_LIKELY(odd < (1ull << 24) || (rm == FPU_RNE && (*ff & FPU_NX)))) {
    switch (kind) {
    case FPU_W: return fpu_box(fpu_bits_f((float)(int32_t)v));
    case FPU_WU: return fpu_box(fpu_bits_f((float)(uint32_t)v));
    case FPU_L: return fpu_box(fpu_bits_f((float)(int64_t)v));
    default: return fpu_box(fpu_bits_f((float)v));
    }
  }
  return fpu_sf_i2f(false, v, kind, rm, ff);
}

static inline uint64_t fpu_cvt_s_d(uint64_t a, unsigned rm, uint32_t *ff) {
  double x = fpu_d(a);
  float f = (float)x;
  if (FPU_LIKELY(rm == FPU_RNE && fpu_big_s(f))) {
    if ((double)f != x) *ff |= FPU_NX;
    return fpu_box(fpu_bits_f(f));
  }
  return fpu_dr_cvt_s_d(a, rm, ff);
}
static inline uint64_t fpu_cvt_d_s(uint64_t a, uint32_t *ff) {
  if (FPU_LIKELY(a >= FPU_BOX)) {
    float f = fpu_f((uint32_t)a);
    if (FPU_LIKELY(!isnan(f))) return fpu_bits_d((double)f);
  }
  return fpu_sf_cvt_d_s(a, ff);
}

#endif
