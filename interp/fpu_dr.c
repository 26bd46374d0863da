/* Rounding modes other than RNE (RTZ, RDN, RUP and RMM) on the host FPU,
 * whose MXCSR is never changed: it rounds to nearest.  Where the host has
 * AVX-512, RTZ, RDN and RUP come from instructions that carry their own
 * rounding mode (below); otherwise, and for RMM, as follows.
 *
 * For an exact value v and s = RN(v), v rounded in any mode is s or the
 * neighbour of s on v's side: which one follows from the sign of v - s and,
 * for RMM, from whether |v - s| is exactly half the gap to that neighbour (a
 * tie that RNE broke towards zero).  The host gives s; error-free
 * transforms in round-to-nearest give v - s or its sign:
 *   - sums: TwoSum, exact unless the sum overflows;
 *   - products: fma(x, y, -p), exact when p is not near the underflow limit;
 *   - quotients and roots: the remainders fma(-q, y, x) and fma(-s, s, x),
 *     exact away from underflow; neither is ever exactly half-way;
 *   - fused multiply-adds: ErrFmaNearest of Boldo and Muller ("Exact and
 *     approximated error of the FMA", IEEE Trans. Computers 60(2), 2011),
 *     which gives x*y + z - r1 = r2 + r3 exactly with r2 = RN(r2 + r3);
 *   - binary32: the exact value in binary64 (products always, sums and
 *     FMAs when TwoSum there says so, fcvt.s.d's operand), or for quotients
 *     and roots its binary64 RN and the remainder's sign, then rounded to
 *     binary32;
 *   - conversions to integers: floor, ceil and round, which are exact.
 * These hold well inside the normal range, so they are used only when the
 * operands and s are there; everything else (NaNs, infinities, zeros,
 * results that are tiny or overflow) goes
 * to the integer implementation in fpu.c, as RNE cases do that the inline
 * fast paths of fpu.h leave. */
#include "fpu.h"

/* ---- AVX-512 embedded rounding --------------------------------------------
 * An EVEX-encoded scalar instruction may carry its own rounding mode
 * ({rz,rd,ru}-sae) instead of MXCSR's, and then raises no flags: on hosts
 * with AVX-512F an RTZ, RDN or RUP result is one host instruction.  It is
 * the RISC-V result wherever it is a normal number of magnitude strictly
 * between the smallest normal (so nothing was tiny) and the largest finite
 * one (which a directed mode may give for an overflow); everything else
 * takes the paths further down.  NX: the exact value was representable iff
 * rounding it down and up agree. */
bool fpu_use_er;

#if defined(__x86_64__)
__attribute__((constructor)) static void er_init(void) {
  __builtin_cpu_init();
  fpu_use_er = __builtin_cpu_supports("avx512f");
}

/* In a function with rm (not RNE) and ff: with embedded rounding, and rm
 * one of its modes, return expr (computed in the mode er_) if it is a
 * normal number short of the largest.  T: d or s. */
#define ER_TRY(T, FT, MAX, bits, expr)                                      \
  do {                                                                     \
    if (fpu_use_er && rm != FPU_RMM) {                                     \
      unsigned er_ = rm;                                                   \
      FT r_ = (expr);                                                      \
      if (fpu_big_##T(r_) && r_ != MAX && r_ != -MAX) {                    \
        if (!(*ff & FPU_NX)) {                                             \
          er_ = FPU_RDN;                                                   \
          FT lo_ = (expr);                                                 \
          er_ = FPU_RUP;                                                   \
          if (lo_ != (expr)) *ff |= FPU_NX;                                \
        }                                                                  \
        return bits(r_);                                                   \
      }                                                                    \
    }                                                                      \
  } while (0)
#define ER_TRY_D(expr) ER_TRY(d, double, DBL_MAX, fpu_bits_d, expr)
#define ER_TRY_S(expr) ER_TRY(s, float, FLT_MAX, fpu_box_f, expr)
static inline uint64_t fpu_box_f(float f) { return fpu_box(fpu_bits_f(f)); }
#else
#define ER_TRY_D(expr) ((void)0)
#define ER_TRY_S(expr) ((void)0)
#endif

/* s (a normal number's bits, sign bit at bit w-1) rounded in mode rm,
 * given dsign, the sign of v - s, and whether v is half-way between s and
 * its neighbour of larger magnitude.  Without branches on the signs, which
 * are data and would be mispredicted half the time. */
static inline __attribute__((always_inline)) uint64_t step(uint64_t s, unsigned w, int dsign, bool tie_away, unsigned rm) {
  int neg = (int)((s >> (w - 1)) & 1);
  int mdir = dsign * (1 - 2 * neg); /* +1: |v| > |s|, -1: |v| < |s| */
  bool move;                         /* to the neighbour on v's side */
  switch (rm) {
  case FPU_RTZ: move = mdir < 0; break;
  case FPU_RDN: move = dsign < 0; break;
  case FPU_RUP: move = dsign > 0; break;
  case FPU_RMM: move = tie_away && mdir > 0; break;
  default: move = false; break;
  }
  return s + (uint64_t)(int64_t)(mdir & -(int)move);
}

/* Half the gap from |s| to the next larger binary64 magnitude (infinite
 * for the largest finite value). */
static double half_gap_d(double s) {
  double a = fabs(s);
  return (fpu_d(fpu_bits_d(a) + 1) - a) * 0.5;
}

/* The result v rounded in rm, where s = RN(v) and d has the sign of v - s
 * (and is v - s itself when d_exact).  false: not decided here. */
static inline __attribute__((always_inline)) bool finish_d(double s, double d, bool d_exact, unsigned rm, uint32_t *ff, uint64_t *out) {
  /* d is NaN when an error-free transform overflowed on the way */
  if (!fpu_big_d(s) || d != d) return false;
  int dsign = (d > 0) - (d < 0);
  bool tie = rm == FPU_RMM && d_exact && dsign && fabs(d) == half_gap_d(s);
  uint64_t r = step(fpu_bits_d(s), 64, dsign, tie, rm);
  if (!fpu_big_d(fpu_d(r))) return false;
  if (dsign) *ff |= FPU_NX;
  *out = r;
  return true;
}

/* The exact value rounded to binary32 in rm, given v, the exact value or
 * its RN in binary64, and vsign, the sign of (exact - v): 0 when v is
 * exact.  Rounding first to binary64 is harmless for the binary32 quotients
 * and roots it is used with (53 >= 2*24 + 2: the double rounding theorem),
 * and neither ever lands half-way.  (For them vsign decides nothing in
 * practice: an inexact quotient or root of binary32 values is at least
 * 2^-47 away from every binary32 value, relatively, so v is never one.) */
static inline __attribute__((always_inline)) bool finish_s(double v, int vsign, unsigned rm, uint32_t *ff, uint64_t *out) {
  float s = (float)v;
  if (!fpu_big_s(s)) return false;
  double d = v - (double)s; /* exact: s is within a binary32 ulp of v */
  int dsign = d != 0 ? (d > 0) - (d < 0) : vsign;
  bool tie = false;
  if (rm == FPU_RMM && dsign && vsign == 0) {
    float a = fabsf(s);
    tie = fabs(d) == ((double)fpu_f(fpu_bits_f(a) + 1) - a) * 0.5;
  }
  uint32_t r = (uint32_t)step(fpu_bits_f(s), 32, dsign, tie, rm);
  if (!fpu_big_s(fpu_f(r))) return false;
  if (dsign) *ff |= FPU_NX;
  *out = fpu_box(r);
  return true;
}

/* Well inside the normal range: error terms and remainders are exact. */
static bool roomy_d(double x) { return fabs(x) >= 0x1p-960 && fabs(x) <= DBL_MAX; }

static inline __attribute__((always_inline)) bool fma_err_d(double x, double y, double z, double r1, double *r2, double *r3) {
  double u1 = x * y;
  if (!roomy_d(u1) || !(z == 0 || roomy_d(z)) || !fpu_big_d(r1)) return false;
  double u2 = fpu_host_fma(x, y, -u1);
  double a1 = z + u2, a2 = fpu_sum_err_d(z, u2, a1);
  double b1 = u1 + a1, b2 = fpu_sum_err_d(u1, a1, b1);
  double g = (b1 - r1) + b2;
  *r2 = g + a2;
  *r3 = a2 - (*r2 - g); /* Fast2Sum: |g| >= |a2| */
  /* An intermediate sum can overflow even when r1 does not (u1 + u2 a tie
   * at the top of the range, z near -DBL_MAX): the terms are then NaN. */
  return *r2 == *r2 && *r3 == *r3;
}

bool fpu_fma_err_d(double x, double y, double z, double r1, double *r2, double *r3) {
  return fma_err_d(x, y, z, r1, r2, r3);
}

uint64_t fpu_dr_add_d(double x, double y, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE) {
    double s = x + y;
    ER_TRY_D(fpu_er_add_d(x, y, er_));
    if (finish_d(s, fpu_sum_err_d(x, y, s), true, rm, ff, &out)) return out;
  }
  return fpu_sf_add(true, fpu_bits_d(x), fpu_bits_d(y), rm, ff);
}

uint64_t fpu_dr_add_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE && fpu_boxed2(a, b)) {
    ER_TRY_S(fpu_er_add_s(fpu_f((uint32_t)a), fpu_f((uint32_t)b), er_));
    double x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), s = x + y;
    if (fpu_sum_exact_d(x, y, s) && finish_s(s, 0, rm, ff, &out)) return out;
  }
  return fpu_sf_add(false, a, b, rm, ff);
}

uint64_t fpu_dr_mul_d(double x, double y, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE) {
    double p = x * y;
    ER_TRY_D(fpu_er_mul_d(x, y, er_));
    if (roomy_d(p) && finish_d(p, fpu_host_fma(x, y, -p), true, rm, ff, &out)) return out;
  }
  return fpu_sf_mul(true, fpu_bits_d(x), fpu_bits_d(y), rm, ff);
}

uint64_t fpu_dr_mul_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE && fpu_boxed2(a, b)) {
    ER_TRY_S(fpu_er_mul_s(fpu_f((uint32_t)a), fpu_f((uint32_t)b), er_));
    double p = (double)fpu_f((uint32_t)a) * fpu_f((uint32_t)b);
    if (finish_s(p, 0, rm, ff, &out)) return out;
  }
  return fpu_sf_mul(false, a, b, rm, ff);
}

/* x/y - q has the sign of the remainder (x - q*y) / y. */
static int div_sign(double x, double y, double q) {
  double rem = fpu_host_fma(-q, y, x);
  return ((rem > 0) - (rem < 0)) * (y < 0 ? -1 : 1);
}

uint64_t fpu_dr_div_d(double x, double y, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE) {
    double q = x / y;
    ER_TRY_D(fpu_er_div_d(x, y, er_));
    if (roomy_d(x) && roomy_d(y) && roomy_d(q) && finish_d(q, div_sign(x, y, q), false, rm, ff, &out))
      return out;
  }
  return fpu_sf_div(true, fpu_bits_d(x), fpu_bits_d(y), rm, ff);
}

uint64_t fpu_dr_div_s(uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE && fpu_boxed2(a, b)) {
    ER_TRY_S(fpu_er_div_s(fpu_f((uint32_t)a), fpu_f((uint32_t)b), er_));
    double x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), q = x / y;
    if (roomy_d(x) && roomy_d(y) && roomy_d(q) && finish_s(q, div_sign(x, y, q), rm, ff, &out))
      return out;
  }
  return fpu_sf_div(false, a, b, rm, ff);
}

uint64_t fpu_dr_sqrt_d(double x, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE) {
    ER_TRY_D(fpu_er_sqrt_d(x, er_));
    if (x > 0 && roomy_d(x)) {
      double s = __builtin_sqrt(x), rem = fpu_host_fma(-s, s, x); /* sqrt(x) - s has its sign */
      if (finish_d(s, rem, false, rm, ff, &out)) return out;
    }
  }
  return fpu_sf_sqrt(true, fpu_bits_d(x), rm, ff);
}

uint64_t fpu_dr_sqrt_s(uint64_t a, unsigned rm, uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE && a >= FPU_BOX) {
    ER_TRY_S(fpu_er_sqrt_s(fpu_f((uint32_t)a), er_));
    double x = fpu_f((uint32_t)a);
    if (x > 0 && roomy_d(x)) {
      double s = __builtin_sqrt(x), rem = fpu_host_fma(-s, s, x);
      if (finish_s(s, (rem > 0) - (rem < 0), rm, ff, &out)) return out;
    }
  }
  return fpu_sf_sqrt(false, a, rm, ff);
}

uint64_t fpu_dr_fma_d(double x0, double y, double z0, bool negprod, bool negc, unsigned rm,
                      uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE) {
    double x = negprod ? -x0 : x0, z = negc ? -z0 : z0, r2, r3;
    ER_TRY_D(fpu_er_fma_d(x, y, z, er_));
    double r1 = fpu_host_fma(x, y, z);
    if (fma_err_d(x, y, z, r1, &r2, &r3) && finish_d(r1, r2, r3 == 0, rm, ff, &out))
      return out;
  }
  return fpu_sf_fma(true, fpu_bits_d(x0), fpu_bits_d(y), fpu_bits_d(z0), negprod, negc, rm, ff);
}

uint64_t fpu_dr_fma_s(uint64_t a, uint64_t b, uint64_t c, bool negprod, bool negc, unsigned rm,
                      uint32_t *ff) {
  uint64_t out;
  if (rm != FPU_RNE && fpu_boxed2(a & b, c)) {
    float fx = fpu_f((uint32_t)a), fz = fpu_f((uint32_t)c);
    ER_TRY_S(fpu_er_fma_s(negprod ? -fx : fx, fpu_f((uint32_t)b), negc ? -fz : fz, er_));
    double x = fpu_f((uint32_t)a), y = fpu_f((uint32_t)b), z = fpu_f((uint32_t)c);
    double p = (negprod ? -x : x) * y, zz = negc ? -z : z, s = p + zz;
    if (fpu_sum_exact_d(p, zz, s) && finish_s(s, 0, rm, ff, &out)) return out;
  }
  return fpu_sf_fma(false, a, b, c, negprod, negc, rm, ff);
}

uint64_t fpu_dr_f2i(uint64_t a, unsigned kind, unsigned rm, uint32_t *ff) {
  uint64_t v;
  if (rm == FPU_RDN || rm == FPU_RUP || rm == FPU_RMM) {
    /* floor, ceil and round (ties away from zero) are exact; a NaN fails
     * the range test */
    double x = fpu_d(a), t = rm == FPU_RDN ? floor(x) : rm == FPU_RUP ? ceil(x) : round(x);
    if (fpu_f2i_in_range(x, t, kind, ff, &v)) return v;
  }
  return fpu_sf_f2i(true, a, kind, rm, ff);
}

uint64_t fpu_dr_cvt_s_d(uint64_t a, unsigned rm, uint32_t *ff) {
  uint64_t out;
  double x = fpu_d(a);
  if (rm != FPU_RNE) ER_TRY_S(fpu_er_cvt_s_d(x, er_));
  if (rm != FPU_RNE && finish_s(x, 0, rm, ff, &out)) return out;
  return fpu_sf_cvt_s_d(a, rm, ff);
}
