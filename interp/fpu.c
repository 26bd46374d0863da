/* The slow path of fpu.h: binary32 and binary64 arithmetic done on integers,
 * for every case the host FPU's default mode cannot answer directly (other
 * rounding modes, RMM included; NaNs; infinities; zeros; tiny results;
 * overflow; NX not yet known).
 *
 * A finite nonzero operand is unpacked to a sign, an exponent e and a
 * significand m with its leading one at bit 62: value = m * 2^(e-62).
 * Operations compute the exact result into 128 bits (products exactly,
 * sums aligned with a sticky bit far below the rounding position, quotients
 * and roots with a sticky bit for a nonzero remainder), normalise it to that
 * form (bit 0 then holds the sticky bit) and round once in round_pack(),
 * which applies the RISC-V rules: rounding modes RNE, RTZ, RDN, RUP, RMM;
 * underflow when the result is tiny after rounding (rounded to the format's
 * precision with an unbounded exponent it is below the smallest normal) and
 * inexact; overflow to infinity or to the largest finite value by mode; and
 * every NaN result canonical (RISC-V unprivileged ISA, "F" chapter, sections
 * on NaN generation and propagation and on fflags). */
#include "fpu.h"

typedef unsigned __int128 u128;

struct fmt {
  unsigned p; /* precision, hidden bit included */
  int emin, emax;
  unsigned w; /* width in bits */
};
static const struct fmt F32 = {24, -126, 127, 32}, F64 = {53, -1022, 1023, 64};

enum cls { C_ZERO, C_FIN, C_INF, C_QNAN, C_SNAN };
struct unp {
  bool s;
  enum cls c;
  int32_t e;
  uint64_t m; /* C_FIN: value = m * 2^(e-62), 2^62 <= m < 2^63 */
};

static inline unsigned clz128(u128 x) {
  uint64_t hi = (uint64_t)(x >> 64);
  return hi ? (unsigned)__builtin_clzll(hi) : 64 + (unsigned)__builtin_clzll((uint64_t)x);
}

/* x >> d, with the bits shifted out ORed into bit 0. */
static inline u128 shr_sticky(u128 x, uint32_t d) {
  if (d == 0) return x;
  if (d >= 128) return x != 0;
  return (x >> d) | ((x & (((u128)1 << d) - 1)) != 0);
}

static struct unp unpack(const struct fmt *f, uint64_t bits) {
  unsigned fb = f->p - 1, eb = f->w - f->p;
  uint64_t frac = bits & ((1ull << fb) - 1);
  uint32_t ex = (uint32_t)(bits >> fb) & ((1u << eb) - 1);
  struct unp u = {.s = (bits >> (f->w - 1)) & 1, .c = C_FIN};
  if (ex == (1u << eb) - 1) {
    u.c = frac == 0 ? C_INF : (frac >> (fb - 1)) & 1 ? C_QNAN : C_SNAN;
  } else if (ex == 0) {
    if (frac == 0) {
      u.c = C_ZERO;
    } else { /* subnormal: frac * 2^(emin-fb) */
      unsigned lz = (unsigned)__builtin_clzll(frac) - 1;
      u.m = frac << lz;
      u.e = f->emin - (int32_t)(lz - (62 - fb));
    }
  } else {
    u.m = (frac | 1ull << fb) << (62 - fb);
    u.e = (int32_t)ex - f->emax;
  }
  return u;
}

/* value = x * 2^elsb (x != 0) in the unpacked form, low bits kept as sticky. */
static void norm128(u128 x, int32_t elsb, int32_t *e, uint64_t *m) {
  unsigned k = 127 - clz128(x); /* x's leading one */
  if (k > 62)
    *m = (uint64_t)shr_sticky(x, k - 62);
  else
    *m = (uint64_t)x << (62 - k);
  *e = elsb + (int32_t)k;
}

/* m >> sh (1 <= sh <= 63) rounded by rm for a number of sign s. */
static uint64_t rnd(uint64_t m, unsigned sh, bool s, unsigned rm, bool *inexact) {
  uint64_t q = m >> sh, rem = m & ((1ull << sh) - 1), half = 1ull << (sh - 1);
  bool up;
  switch (rm) {
  case FPU_RNE: up = rem > half || (rem == half && (q & 1)); break;
  case FPU_RTZ: up = false; break;
  case FPU_RDN: up = s && rem; break;
  case FPU_RUP: up = !s && rem; break;
  default: up = rem >= half; break; /* RMM: ties away from zero */
  }
  *inexact = rem != 0;
  return q + up;
}

static uint64_t inf_bits(const struct fmt *f, bool s) {
  unsigned fb = f->p - 1, eb = f->w - f->p;
  return (uint64_t)s << (f->w - 1) | (((1ull << eb) - 1) << fb);
}
static uint64_t zero_bits(const struct fmt *f, bool s) { return (uint64_t)s << (f->w - 1); }

/* Round (-1)^s * m * 2^(e-62) (m normalised, sticky in bit 0) to format f. */
static uint64_t round_pack(const struct fmt *f, bool s, int32_t e, uint64_t m, unsigned rm,
                           uint32_t *ff) {
  unsigned fb = f->p - 1, sh = 63 - f->p; /* bits of m below the significand */
  uint64_t sign = (uint64_t)s << (f->w - 1), q, bits;
  bool inexact, tiny = false;
  if (e < f->emin) {
    /* Tiny unless rounding to p bits with an unbounded exponent carries up
     * to 2^emin, which only an exponent of emin-1 can do. */
    tiny = e < f->emin - 1 || rnd(m, sh, s, rm, &inexact) < (1ull << f->p);
    uint32_t total = sh + (uint32_t)(f->emin - e);
    if (total > 63) { /* below half the smallest subnormal: only the sticky bit matters */
      m = 1;
      total = 63;
    }
    q = rnd(m, total, s, rm, &inexact);
    bits = sign | q; /* q == 2^fb is the smallest normal, exponent field 1 */
  } else {
    q = rnd(m, sh, s, rm, &inexact);
    if (q >> f->p) {
      q >>= 1;
      e++;
    }
    if (e > f->emax) {
      *ff |= FPU_OF | FPU_NX;
      bool to_inf = rm == FPU_RNE || rm == FPU_RMM || (rm == FPU_RUP && !s) || (rm == FPU_RDN && s);
      return to_inf ? inf_bits(f, s) : inf_bits(f, s) - 1;
    }
    bits = sign | (uint64_t)(e + f->emax) << fb | (q & ((1ull << fb) - 1));
  }
  if (inexact) *ff |= tiny ? FPU_NX | FPU_UF : FPU_NX;
  return bits;
}

static inline uint64_t opnd(bool dbl, uint64_t r) { return dbl ? r : fpu_unbox(r); }
static inline uint64_t result(bool dbl, uint64_t bits) { return dbl ? bits : fpu_box((uint32_t)bits); }
static inline uint64_t qnan(bool dbl) { return dbl ? FPU_QNAN_D : fpu_box(FPU_QNAN_S); }
static inline const struct fmt *fmt_of(bool dbl) { return dbl ? &F64 : &F32; }

/* A NaN result: canonical, NV when raised by an invalid operation or a
 * signaling NaN operand. */
static uint64_t nan_result(bool dbl, bool nv, uint32_t *ff) {
  if (nv) *ff |= FPU_NV;
  return qnan(dbl);
}

static inline bool is_nan(const struct unp *u) { return u->c >= C_QNAN; }

/* Sum of two finite nonzero numbers, exact to a sticky bit. */
static uint64_t add_fin(const struct fmt *f, struct unp x, struct unp y, unsigned rm, uint32_t *ff) {
  if (x.e < y.e) {
    struct unp t = x;
    x = y;
    y = t;
  }
  u128 X = (u128)x.m << 64, Y = shr_sticky((u128)y.m << 64, (uint32_t)(x.e - y.e)), Z;
  bool s = x.s;
  if (x.s == y.s) {
    Z = X + Y;
  } else if (X >= Y) {
    Z = X - Y;
  } else {
    Z = Y - X;
    s = y.s;
  }
  if (Z == 0) return zero_bits(f, rm == FPU_RDN); /* x + (-x) */
  int32_t e;
  uint64_t m;
  norm128(Z, x.e - 126, &e, &m);
  return round_pack(f, s, e, m, rm, ff);
}

uint64_t fpu_sf_add(bool dbl, uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  struct unp x = unpack(f, opnd(dbl, a)), y = unpack(f, opnd(dbl, b));
  if (is_nan(&x) || is_nan(&y)) return nan_result(dbl, x.c == C_SNAN || y.c == C_SNAN, ff);
  if (x.c == C_INF || y.c == C_INF) {
    if (x.c == C_INF && y.c == C_INF && x.s != y.s) return nan_result(dbl, true, ff);
    return result(dbl, inf_bits(f, x.c == C_INF ? x.s : y.s));
  }
  if (x.c == C_ZERO && y.c == C_ZERO)
    return result(dbl, zero_bits(f, x.s == y.s ? x.s : rm == FPU_RDN));
  if (x.c == C_ZERO) return result(dbl, round_pack(f, y.s, y.e, y.m, rm, ff));
  if (y.c == C_ZERO) return result(dbl, round_pack(f, x.s, x.e, x.m, rm, ff));
  return result(dbl, add_fin(f, x, y, rm, ff));
}

uint64_t fpu_sf_mul(bool dbl, uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  struct unp x = unpack(f, opnd(dbl, a)), y = unpack(f, opnd(dbl, b));
  bool s = x.s ^ y.s;
  if (is_nan(&x) || is_nan(&y)) return nan_result(dbl, x.c == C_SNAN || y.c == C_SNAN, ff);
  if (x.c == C_INF || y.c == C_INF) {
    if (x.c == C_ZERO || y.c == C_ZERO) return nan_result(dbl, true, ff);
    return result(dbl, inf_bits(f, s));
  }
  if (x.c == C_ZERO || y.c == C_ZERO) return result(dbl, zero_bits(f, s));
  int32_t e;
  uint64_t m;
  norm128((u128)x.m * y.m, x.e + y.e - 124, &e, &m);
  return result(dbl, round_pack(f, s, e, m, rm, ff));
}

uint64_t fpu_sf_div(bool dbl, uint64_t a, uint64_t b, unsigned rm, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  struct unp x = unpack(f, opnd(dbl, a)), y = unpack(f, opnd(dbl, b));
  bool s = x.s ^ y.s;
  if (is_nan(&x) || is_nan(&y)) return nan_result(dbl, x.c == C_SNAN || y.c == C_SNAN, ff);
  if (x.c == C_INF) {
    if (y.c == C_INF) return nan_result(dbl, true, ff);
    return result(dbl, inf_bits(f, s));
  }
  if (y.c == C_INF) return result(dbl, zero_bits(f, s));
  if (y.c == C_ZERO) {
    if (x.c == C_ZERO) return nan_result(dbl, true, ff);
    *ff |= FPU_DZ;
    return result(dbl, inf_bits(f, s));
  }
  if (x.c == C_ZERO) return result(dbl, zero_bits(f, s));
  /* x.m / y.m is in (1/2, 2): 64 fraction bits give a quotient below 2^65 */
  u128 n = (u128)x.m << 64, q = n / y.m;
  bool sticky = n % y.m != 0;
  int32_t e;
  uint64_t m;
  norm128(q << 1 | sticky, x.e - y.e - 65, &e, &m);
  return result(dbl, round_pack(f, s, e, m, rm, ff));
}

/* floor(sqrt(x)) and whether it was exact, digit by digit. */
static uint64_t isqrt128(u128 x, bool *exact) {
  u128 res = 0, bit = (u128)1 << 126;
  while (bit > x) bit >>= 2;
  while (bit) {
    if (x >= res + bit) {
      x -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  *exact = x == 0;
  return (uint64_t)res;
}

uint64_t fpu_sf_sqrt(bool dbl, uint64_t a, unsigned rm, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  struct unp x = unpack(f, opnd(dbl, a));
  if (is_nan(&x)) return nan_result(dbl, x.c == C_SNAN, ff);
  if (x.c == C_ZERO) return result(dbl, zero_bits(f, x.s)); /* sqrt(-0) = -0 */
  if (x.s) return nan_result(dbl, true, ff);
  if (x.c == C_INF) return result(dbl, inf_bits(f, false));
  /* m * 2^(e-62) = M * 2^(e-62-k) with k (63 or 64) making the exponent even */
  int32_t e0 = x.e - 62, k = (e0 - 63) & 1 ? 64 : 63;
  bool exact;
  uint64_t r = isqrt128((u128)x.m << k, &exact);
  int32_t e;
  uint64_t m;
  norm128((u128)r << 1 | !exact, (e0 - k) / 2 - 1, &e, &m);
  return result(dbl, round_pack(f, false, e, m, rm, ff));
}

uint64_t fpu_sf_fma(bool dbl, uint64_t a, uint64_t b, uint64_t c, bool negprod, bool negc,
                    unsigned rm, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  struct unp x = unpack(f, opnd(dbl, a)), y = unpack(f, opnd(dbl, b)), z = unpack(f, opnd(dbl, c));
  bool sp = x.s ^ y.s ^ negprod;
  z.s ^= negc;
  /* inf * 0 is invalid even when the addend is a quiet NaN (F chapter, FMA). */
  bool inv = (x.c == C_INF && y.c == C_ZERO) || (x.c == C_ZERO && y.c == C_INF);
  if (inv || is_nan(&x) || is_nan(&y) || is_nan(&z))
    return nan_result(dbl, inv || x.c == C_SNAN || y.c == C_SNAN || z.c == C_SNAN, ff);
  if (x.c == C_INF || y.c == C_INF) {
    if (z.c == C_INF && z.s != sp) return nan_result(dbl, true, ff);
    return result(dbl, inf_bits(f, sp));
  }
  if (z.c == C_INF) return result(dbl, inf_bits(f, z.s));
  if (x.c == C_ZERO || y.c == C_ZERO) {
    if (z.c == C_ZERO) return result(dbl, zero_bits(f, sp == z.s ? sp : rm == FPU_RDN));
    return result(dbl, round_pack(f, z.s, z.e, z.m, rm, ff)); /* exact */
  }
  u128 P = (u128)x.m * y.m; /* value P * 2^ep, leading one at bit 124 or 125 */
  int32_t ep = x.e + y.e - 124, e;
  uint64_t m;
  if (z.c == C_ZERO) {
    norm128(P, ep, &e, &m);
    return result(dbl, round_pack(f, sp, e, m, rm, ff));
  }
  /* The addend with its leading one at bit 125.  Aligning shifts the
   * smaller-exponent operand right; whatever reaches the sticky bit lies
   * far below the result's rounding position (P has at least 20 trailing
   * zero bits, C at least 63). */
  u128 C = (u128)z.m << 63, Z;
  int32_t ec = z.e - 125, el;
  if (ep >= ec) {
    C = shr_sticky(C, (uint32_t)(ep - ec));
    el = ep;
  } else {
    P = shr_sticky(P, (uint32_t)(ec - ep));
    el = ec;
  }
  bool s = sp;
  if (sp == z.s) {
    Z = P + C;
  } else if (P >= C) {
    Z = P - C;
  } else {
    Z = C - P;
    s = z.s;
  }
  if (Z == 0) return result(dbl, zero_bits(f, rm == FPU_RDN));
  norm128(Z, el, &e, &m);
  return result(dbl, round_pack(f, s, e, m, rm, ff));
}

/* F chapter, "Single-Precision Floating-Point Conversion and Move
 * Instructions": out-of-range values and NaNs give the nearest bound (NaN
 * the largest positive value) and raise NV only; in-range inexact values
 * raise NX.  32-bit results are sign-extended, fcvt.wu's included. */
uint64_t fpu_sf_f2i(bool dbl, uint64_t a, unsigned kind, unsigned rm, uint32_t *ff) {
  static const uint64_t maxv[4] = {0x7fffffff, 0xffffffff, INT64_MAX, UINT64_MAX};
  static const uint64_t minv[4] = {0x80000000, 0, 1ull << 63, 0}; /* magnitudes */
  static const bool sgn[4] = {true, false, true, false};
  struct unp x = unpack(fmt_of(dbl), opnd(dbl, a));
  uint64_t v;
  bool invalid = false;
  if (is_nan(&x)) {
    invalid = true;
    v = maxv[kind];
  } else if (x.c == C_ZERO) {
    v = 0;
  } else if (x.c == C_INF || x.e >= 64) {
    invalid = true;
    v = x.s ? (sgn[kind] ? -minv[kind] : 0) : maxv[kind];
  } else {
    /* |value| * 2^64 = m * 2^(e+2), below 2^128 since e <= 63 */
    int32_t sh = x.e + 2;
    u128 fx = sh >= 0 ? (u128)x.m << sh : shr_sticky(x.m, (uint32_t)-sh);
    uint64_t ip = (uint64_t)(fx >> 64), frac = (uint64_t)fx;
    bool up;
    switch (rm) {
    case FPU_RNE: up = frac > 1ull << 63 || (frac == 1ull << 63 && (ip & 1)); break;
    case FPU_RTZ: up = false; break;
    case FPU_RDN: up = x.s && frac; break;
    case FPU_RUP: up = !x.s && frac; break;
    default: up = frac >= 1ull << 63; break;
    }
    u128 q = (u128)ip + up;
    if (x.s ? q > (sgn[kind] ? minv[kind] : 0) : q > maxv[kind]) {
      invalid = true;
      v = x.s ? (sgn[kind] ? -minv[kind] : 0) : maxv[kind];
    } else {
      v = x.s ? -(uint64_t)q : (uint64_t)q;
      if (frac) *ff |= FPU_NX;
    }
  }
  if (invalid) *ff |= FPU_NV;
  return kind <= FPU_WU ? (uint64_t)(int64_t)(int32_t)v : v;
}

uint64_t fpu_sf_i2f(bool dbl, uint64_t v, unsigned kind, unsigned rm, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  uint64_t u;
  bool s = false;
  switch (kind) {
  case FPU_W: u = (uint64_t)(int64_t)(int32_t)v; s = (int64_t)u < 0; break;
  case FPU_WU: u = (uint32_t)v; break;
  case FPU_L: u = v; s = (int64_t)u < 0; break;
  default: u = v; break;
  }
  if (s) u = -u;
  if (u == 0) return result(dbl, 0);
  int32_t e;
  uint64_t m;
  norm128(u, 0, &e, &m);
  return result(dbl, round_pack(f, s, e, m, rm, ff));
}

uint64_t fpu_sf_cvt_s_d(uint64_t a, unsigned rm, uint32_t *ff) {
  struct unp x = unpack(&F64, a);
  if (is_nan(&x)) return nan_result(false, x.c == C_SNAN, ff);
  if (x.c == C_INF) return fpu_box((uint32_t)inf_bits(&F32, x.s));
  if (x.c == C_ZERO) return fpu_box((uint32_t)zero_bits(&F32, x.s));
  return fpu_box((uint32_t)round_pack(&F32, x.s, x.e, x.m, rm, ff));
}

uint64_t fpu_sf_cvt_d_s(uint64_t a, uint32_t *ff) {
  struct unp x = unpack(&F32, fpu_unbox(a));
  if (is_nan(&x)) return nan_result(true, x.c == C_SNAN, ff);
  if (x.c == C_INF) return inf_bits(&F64, x.s);
  if (x.c == C_ZERO) return zero_bits(&F64, x.s);
  return round_pack(&F64, x.s, x.e, x.m, FPU_RNE, ff); /* exact */
}

/* Precondition (for both): an operand is a NaN. */
uint64_t fpu_sf_cmp_nan(bool dbl, uint64_t a, uint64_t b, unsigned kind, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  struct unp x = unpack(f, opnd(dbl, a)), y = unpack(f, opnd(dbl, b));
  if (kind == 0 ? x.c == C_SNAN || y.c == C_SNAN : is_nan(&x) || is_nan(&y)) *ff |= FPU_NV;
  return 0;
}

uint64_t fpu_sf_minmax_nan(bool dbl, uint64_t a, uint64_t b, uint32_t *ff) {
  const struct fmt *f = fmt_of(dbl);
  uint64_t ua = opnd(dbl, a), ub = opnd(dbl, b);
  struct unp x = unpack(f, ua), y = unpack(f, ub);
  if (x.c == C_SNAN || y.c == C_SNAN) *ff |= FPU_NV;
  if (is_nan(&x) && is_nan(&y)) return qnan(dbl);
  return result(dbl, is_nan(&x) ? ub : ua);
}

static uint64_t classify(const struct fmt *f, uint64_t bits) {
  struct unp x = unpack(f, bits);
  unsigned fb = f->p - 1;
  bool sub = x.c == C_FIN && ((bits >> fb) & ((1u << (f->w - f->p)) - 1)) == 0;
  switch (x.c) {
  case C_INF: return x.s ? FPU_CLASS_NINF : FPU_CLASS_PINF;
  case C_ZERO: return x.s ? FPU_CLASS_NZERO : FPU_CLASS_PZERO;
  case C_SNAN: return FPU_CLASS_SNAN;
  case C_QNAN: return FPU_CLASS_QNAN;
  default:
    if (sub) return x.s ? FPU_CLASS_NSUB : FPU_CLASS_PSUB;
    return x.s ? FPU_CLASS_NNORM : FPU_CLASS_PNORM;
  }
}
uint64_t fpu_class_s(uint64_t a) { return classify(&F32, fpu_unbox(a)); }
uint64_t fpu_class_d(uint64_t a) { return classify(&F64, a); }
