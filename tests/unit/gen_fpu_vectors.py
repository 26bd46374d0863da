#!/usr/bin/env python3
"""Regenerates tests/unit/fpu_vectors.inc: F/D test vectors for test_fpu.c.

    python3 tests/unit/gen_fpu_vectors.py [OUTPUT]   (default: next to this script)

The expected results and fflags are computed here with exact rational
arithmetic (fractions.Fraction) and the rules of the RISC-V unprivileged ISA,
chapters "F" and "D": IEEE 754-2008 rounding in RNE/RTZ/RDN/RUP/RMM, tininess
detected after rounding, canonical NaNs, NaN-boxing, minimumNumber/
maximumNumber for fmin/fmax, the fcvt table for NaN and out-of-range inputs.
Nothing here comes from Amanatsu's implementation (interp/fpu.c), which
works on integers with a different algorithm.

Each vector is {op, rm mask, a, b, c, result, flags}: the expected result
and flags hold in every rounding mode whose bit (1 << rm) is in the mask.
Single-precision operands and results are NaN-boxed 64-bit register values.
The operand sets: edge values crossed with each other, values built to land
on rounding ties (in every mode, RMM especially), overflow and underflow
boundaries, and integer-conversion bounds.  The pseudo-random cases use a
fixed seed, so the output is reproducible.
"""
import random
import sys
from fractions import Fraction as Q
from pathlib import Path

RNE, RTZ, RDN, RUP, RMM = range(5)
NX, UF, OF, DZ, NV = 1, 2, 4, 8, 16


class Fmt:
    def __init__(self, name, p, ebits, w):
        self.name, self.p, self.ebits, self.w = name, p, ebits, w
        self.bias = (1 << (ebits - 1)) - 1
        self.emin, self.emax = 1 - self.bias, self.bias
        self.fb = p - 1

    def box(self, bits):
        return bits | 0xFFFFFFFF00000000 if self.w == 32 else bits

    def qnan(self):
        return self.box(((1 << self.ebits) - 1) << self.fb | 1 << (self.fb - 1))

    def inf(self, s):
        return self.box(s << (self.w - 1) | ((1 << self.ebits) - 1) << self.fb)

    def maxf(self, s):
        return self.inf(s) - 1

    def zero(self, s):
        return self.box(s << (self.w - 1))


S = Fmt("s", 24, 8, 32)
D = Fmt("d", 53, 11, 64)


def decode(f, reg):
    """('nan', is_snan) | ('inf', sign) | ('zero', sign) | ('num', Fraction)."""
    if f.w == 32:
        bits = reg & 0xFFFFFFFF if reg >> 32 == 0xFFFFFFFF else 0x7FC00000
    else:
        bits = reg
    s = bits >> (f.w - 1) & 1
    e = bits >> f.fb & ((1 << f.ebits) - 1)
    m = bits & ((1 << f.fb) - 1)
    if e == (1 << f.ebits) - 1:
        return ("nan", not (m >> (f.fb - 1) & 1)) if m else ("inf", s)
    if e == 0:
        if m == 0:
            return ("zero", s)
        v = Q(m) * Q(2) ** (f.emin - f.fb)
    else:
        v = Q(m | 1 << f.fb) * Q(2) ** (e - f.bias - f.fb)
    return ("num", -v if s else v)


def flog2(a):
    """floor(log2(a)) for a positive Fraction."""
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Q(2) ** e > a:
        e -= 1
    elif Q(2) ** (e + 1) <= a:
        e += 1
    return e


def round_int(q, neg, rm):
    """Round the nonnegative Fraction q to an integer; (n, inexact)."""
    n = q.numerator // q.denominator
    r = q - n
    if r == 0:
        return n, False
    half = Q(1, 2)
    up = {
        RNE: r > half or (r == half and n % 2 == 1),
        RTZ: False,
        RDN: neg,
        RUP: not neg,
        RMM: r >= half,
    }[rm]
    return n + up, True


def encode(f, neg, a):
    """Bits of the representable nonnegative Fraction a with sign neg."""
    if a == 0:
        return f.zero(neg)
    e = flog2(a)
    if e < f.emin:
        frac = a / Q(2) ** (f.emin - f.fb)
        assert frac.denominator == 1
        bits = frac.numerator
    else:
        mant = a / Q(2) ** (e - f.fb)
        assert mant.denominator == 1 and (1 << f.fb) <= mant.numerator < (1 << f.p)
        bits = (e + f.bias) << f.fb | (mant.numerator - (1 << f.fb))
    return f.box(neg << (f.w - 1) | bits)


def round_value(f, v, rm, sqrt_of=None):
    """Round the nonzero Fraction v (or sqrt(sqrt_of)) to format f: (bits, flags)."""
    if sqrt_of is not None:
        neg, e = False, flog2(sqrt_of) // 2
    else:
        neg, e = v < 0, flog2(abs(v))

    def rnd(quantum_exp):
        # the magnitude divided by 2^quantum_exp, rounded to an integer
        if sqrt_of is None:
            return round_int(abs(v) / Q(2) ** quantum_exp, neg, rm)
        x = sqrt_of / Q(4) ** quantum_exp  # (sqrt / 2^k)^2
        n = isqrt_floor(x)
        if n * n == x:
            return n, False
        half_sq = (Q(n) + Q(1, 2)) ** 2  # sqrt is never exactly halfway
        up = {RNE: x > half_sq, RTZ: False, RDN: False, RUP: True, RMM: x > half_sq}[rm]
        return n + up, True

    n_unb, _ = rnd(e - f.fb)  # unbounded exponent, for tininess after rounding
    tiny = n_unb * Q(2) ** (e - f.fb) < Q(2) ** f.emin
    qe = max(e, f.emin) - f.fb
    n, inexact = rnd(qe)
    res = n * Q(2) ** qe
    if res >= Q(2) ** (f.emax + 1):
        to_inf = rm in (RNE, RMM) or (rm == RUP and not neg) or (rm == RDN and neg)
        return (f.inf(neg) if to_inf else f.maxf(neg)), OF | NX
    flags = (NX | (UF if tiny else 0)) if inexact else 0
    return encode(f, neg, res), flags


def enc(f, v):
    """Bits of the representable Fraction v."""
    return encode(f, v < 0, abs(v))


def isqrt_floor(x):
    import math
    return math.isqrt(x.numerator // x.denominator)


def nan_res(f, nv):
    return f.qnan(), NV if nv else 0


def is_snan(d):
    return d[0] == "nan" and d[1]


def val(d):
    """Signed Fraction of a finite operand (zero gives 0)."""
    return d[1] if d[0] == "num" else Q(0)


def sign(d):
    return d[1] if d[0] in ("inf", "zero") else int(d[1] < 0)


def op_add(f, a, b, c, rm, sub=False):
    x, y = decode(f, a), decode(f, b)
    if y[0] in ("inf", "zero"):
        y = (y[0], y[1] ^ sub)
    elif y[0] == "num" and sub:
        y = ("num", -y[1])
    if x[0] == "nan" or y[0] == "nan":
        return nan_res(f, is_snan(x) or is_snan(y))
    if x[0] == "inf" or y[0] == "inf":
        if x[0] == "inf" and y[0] == "inf" and x[1] != y[1]:
            return nan_res(f, True)
        return f.inf(x[1] if x[0] == "inf" else y[1]), 0
    v = val(x) + val(y)
    if v == 0:
        if x[0] == "zero" and y[0] == "zero" and x[1] == y[1]:
            return f.zero(x[1]), 0
        return f.zero(rm == RDN), 0
    return round_value(f, v, rm)


def op_sub(f, a, b, c, rm):
    return op_add(f, a, b, c, rm, sub=True)


def op_mul(f, a, b, c, rm):
    x, y = decode(f, a), decode(f, b)
    if x[0] == "nan" or y[0] == "nan":
        return nan_res(f, is_snan(x) or is_snan(y))
    s = sign(x) ^ sign(y)
    if x[0] == "inf" or y[0] == "inf":
        if x[0] == "zero" or y[0] == "zero":
            return nan_res(f, True)
        return f.inf(s), 0
    if x[0] == "zero" or y[0] == "zero":
        return f.zero(s), 0
    return round_value(f, val(x) * val(y), rm)


def op_div(f, a, b, c, rm):
    x, y = decode(f, a), decode(f, b)
    if x[0] == "nan" or y[0] == "nan":
        return nan_res(f, is_snan(x) or is_snan(y))
    s = sign(x) ^ sign(y)
    if x[0] == "inf":
        return nan_res(f, True) if y[0] == "inf" else (f.inf(s), 0)
    if y[0] == "inf":
        return f.zero(s), 0
    if y[0] == "zero":
        return nan_res(f, True) if x[0] == "zero" else (f.inf(s), DZ)
    if x[0] == "zero":
        return f.zero(s), 0
    return round_value(f, val(x) / val(y), rm)


def op_sqrt(f, a, b, c, rm):
    x = decode(f, a)
    if x[0] == "nan":
        return nan_res(f, x[1])
    if x[0] == "zero":
        return f.zero(x[1]), 0
    if sign(x):
        return nan_res(f, True)
    if x[0] == "inf":
        return f.inf(0), 0
    return round_value(f, None, rm, sqrt_of=val(x))


def fma(f, a, b, c, rm, negp, negc):
    x, y, z = decode(f, a), decode(f, b), decode(f, c)
    inv = (x[0] == "inf" and y[0] == "zero") or (x[0] == "zero" and y[0] == "inf")
    if inv or "nan" in (x[0], y[0], z[0]):
        return nan_res(f, inv or is_snan(x) or is_snan(y) or is_snan(z))
    sp = sign(x) ^ sign(y) ^ negp
    sz = sign(z) ^ negc
    if x[0] == "inf" or y[0] == "inf":
        if z[0] == "inf" and sz != sp:
            return nan_res(f, True)
        return f.inf(sp), 0
    if z[0] == "inf":
        return f.inf(sz), 0
    p = val(x) * val(y) * (-1 if negp else 1)
    v = p + val(z) * (-1 if negc else 1)
    if v == 0:
        if p == 0 and z[0] == "zero":
            return f.zero(sp if sp == sz else int(rm == RDN)), 0
        return f.zero(rm == RDN), 0
    return round_value(f, v, rm)


def op_madd(f, a, b, c, rm):
    return fma(f, a, b, c, rm, 0, 0)


def op_msub(f, a, b, c, rm):
    return fma(f, a, b, c, rm, 0, 1)


def op_nmsub(f, a, b, c, rm):
    return fma(f, a, b, c, rm, 1, 0)


def op_nmadd(f, a, b, c, rm):
    return fma(f, a, b, c, rm, 1, 1)


def op_sgnj(f, a, b, c, rm, mode=0):
    if f.w == 32:  # unboxed operands read as the canonical NaN
        x = a & 0xFFFFFFFF if a >> 32 == 0xFFFFFFFF else 0x7FC00000
        y = b & 0xFFFFFFFF if b >> 32 == 0xFFFFFFFF else 0x7FC00000
    else:
        x, y = a, b
    sb = 1 << (f.w - 1)
    s = [y & sb, ~y & sb, (x ^ y) & sb][mode]
    return f.box((x & ~sb) | s), 0


def op_sgnjn(f, a, b, c, rm):
    return op_sgnj(f, a, b, c, rm, 1)


def op_sgnjx(f, a, b, c, rm):
    return op_sgnj(f, a, b, c, rm, 2)


def order_key(d):
    """Total order of non-NaN operands with -0 < +0."""
    if d[0] == "inf":
        return (Q(-1) if d[1] else Q(1)) * Q(2) ** 2000, 0
    if d[0] == "zero":
        return Q(0), -1 if d[1] else 1
    return d[1], 0


def minmax(f, a, b, want_max):
    x, y = decode(f, a), decode(f, b)
    flags = NV if is_snan(x) or is_snan(y) else 0
    if x[0] == "nan" and y[0] == "nan":
        return f.qnan(), flags
    unbox = (lambda r: r) if f.w == 64 else (lambda r: r if r >> 32 == 0xFFFFFFFF else f.qnan())
    if x[0] == "nan":
        return unbox(b), flags
    if y[0] == "nan":
        return unbox(a), flags
    kx, ky = order_key(x), order_key(y)
    pick_x = (kx >= ky) if want_max else (kx <= ky)
    return unbox(a if pick_x else b), flags


def op_min(f, a, b, c, rm):
    return minmax(f, a, b, False)


def op_max(f, a, b, c, rm):
    return minmax(f, a, b, True)


def compare(f, a, b, kind):
    x, y = decode(f, a), decode(f, b)
    if x[0] == "nan" or y[0] == "nan":
        nv = (is_snan(x) or is_snan(y)) if kind == 0 else True
        return 0, NV if nv else 0
    kx, ky = order_key(x)[0], order_key(y)[0]  # -0 == +0 here
    return int([kx == ky, kx < ky, kx <= ky][kind]), 0


def op_feq(f, a, b, c, rm):
    return compare(f, a, b, 0)


def op_flt(f, a, b, c, rm):
    return compare(f, a, b, 1)


def op_fle(f, a, b, c, rm):
    return compare(f, a, b, 2)


def op_class(f, a, b, c, rm):
    x = decode(f, a)
    if x[0] == "nan":
        return (1 << 8) if x[1] else (1 << 9), 0
    if x[0] == "inf":
        return (1 << 0) if x[1] else (1 << 7), 0
    if x[0] == "zero":
        return (1 << 3) if x[1] else (1 << 4), 0
    sub = abs(x[1]) < Q(2) ** f.emin
    if x[1] < 0:
        return (1 << 2) if sub else (1 << 1), 0
    return (1 << 5) if sub else (1 << 6), 0


INT_KINDS = {  # (min, max)
    "w": (-(1 << 31), (1 << 31) - 1),
    "wu": (0, (1 << 32) - 1),
    "l": (-(1 << 63), (1 << 63) - 1),
    "lu": (0, (1 << 64) - 1),
}


def sext32(v):
    v &= 0xFFFFFFFF
    return v | 0xFFFFFFFF00000000 if v >> 31 else v


def f2i(f, a, rm, kind):
    lo, hi = INT_KINDS[kind]
    x = decode(f, a)
    if x[0] == "nan":
        r, fl = hi, NV
    elif x[0] == "inf":
        r, fl = (lo if x[1] else hi), NV
    elif x[0] == "zero":
        r, fl = 0, 0
    else:
        v = x[1]
        n, inexact = round_int(abs(v), v < 0, rm)
        n = -n if v < 0 else n
        if n < lo or n > hi:
            r, fl = (lo if v < 0 else hi), NV
        else:
            r, fl = n, NX if inexact else 0
    r &= (1 << 64) - 1
    return (sext32(r) if kind in ("w", "wu") else r), fl


def i2f(f, v, rm, kind):
    if kind == "w":
        n = (v & 0xFFFFFFFF) - ((v & 0x80000000) << 1)
    elif kind == "wu":
        n = v & 0xFFFFFFFF
    elif kind == "l":
        n = v - ((v & (1 << 63)) << 1)
    else:
        n = v
    if n == 0:
        return f.zero(0), 0
    return round_value(f, Q(n), rm)


def op_cvt_s_d(f, a, b, c, rm):
    x = decode(D, a)
    if x[0] == "nan":
        return nan_res(S, x[1])
    if x[0] == "inf":
        return S.inf(x[1]), 0
    if x[0] == "zero":
        return S.zero(x[1]), 0
    return round_value(S, x[1], rm)


def op_cvt_d_s(f, a, b, c, rm):
    x = decode(S, a)
    if x[0] == "nan":
        return nan_res(D, x[1])
    if x[0] == "inf":
        return D.inf(x[1]), 0
    if x[0] == "zero":
        return D.zero(x[1]), 0
    return round_value(D, x[1], rm)


def make_cvt(kind, to_int):
    if to_int:
        return lambda f, a, b, c, rm: f2i(f, a, rm, kind)
    return lambda f, a, b, c, rm: i2f(f, a, rm, kind)


# Operation codes shared with test_fpu.c (enum vop there), in this order.
OPS = ["add", "sub", "mul", "div", "sqrt", "madd", "msub", "nmsub", "nmadd", "sgnj", "sgnjn",
       "sgnjx", "min", "max", "feq", "flt", "fle", "class",
       "cvt_w", "cvt_wu", "cvt_l", "cvt_lu", "cvt_from_w", "cvt_from_wu", "cvt_from_l",
       "cvt_from_lu", "cvt_s_d", "cvt_d_s"]
FUNCS = {"add": op_add, "sub": op_sub, "mul": op_mul, "div": op_div, "sqrt": op_sqrt,
         "madd": op_madd, "msub": op_msub, "nmsub": op_nmsub, "nmadd": op_nmadd,
         "sgnj": op_sgnj, "sgnjn": op_sgnjn, "sgnjx": op_sgnjx, "min": op_min, "max": op_max,
         "feq": op_feq, "flt": op_flt, "fle": op_fle, "class": op_class,
         "cvt_s_d": op_cvt_s_d, "cvt_d_s": op_cvt_d_s}
for k in ("w", "wu", "l", "lu"):
    FUNCS["cvt_" + k] = make_cvt(k, True)
    FUNCS["cvt_from_" + k] = make_cvt(k, False)


def edge_values(f):
    b = f.box
    sb = 1 << (f.w - 1)
    one = f.bias << f.fb
    vals = [
        0, sb,                                   # +0, -0
        1, sb | 1,                               # smallest subnormals
        (1 << f.fb) - 1,                         # largest subnormal
        1 << f.fb, sb | 1 << f.fb,               # smallest normals
        one, sb | one,                           # +-1
        one | 1,                                 # 1 + ulp
        one | 1 << (f.fb - 1),                   # 1.5
        (f.bias + 1) << f.fb | 1 << (f.fb - 1),  # 3
        ((1 << f.ebits) - 2) << f.fb | ((1 << f.fb) - 1),       # largest finite
        sb | ((1 << f.ebits) - 2) << f.fb | ((1 << f.fb) - 1),  # -largest finite
        ((1 << f.ebits) - 1) << f.fb,            # +inf
        sb | ((1 << f.ebits) - 1) << f.fb,       # -inf
        ((1 << f.ebits) - 1) << f.fb | 1 << (f.fb - 1),       # canonical qNaN
        sb | ((1 << f.ebits) - 1) << f.fb | 1 << (f.fb - 1) | 5,  # -qNaN with payload
        ((1 << f.ebits) - 1) << f.fb | 1,        # sNaN
    ]
    return [b(v) for v in vals]


def rand_bits(f, rng):
    """A random finite value, exponents biased toward the extremes."""
    s = rng.getrandbits(1)
    r = rng.random()
    if r < 0.15:
        e = rng.randint(0, 3)
    elif r < 0.3:
        e = (1 << f.ebits) - 2 - rng.randint(0, 3)
    else:
        e = f.bias + rng.randint(-20, 20)
    return f.box(s << (f.w - 1) | e << f.fb | rng.getrandbits(f.fb))


def short_sig(f, rng, bits, e):
    """A value with a significand of at most `bits` bits and exponent e."""
    m = rng.getrandbits(bits - 1) | 1 << (bits - 1)
    frac = (m << (f.p - bits)) & ((1 << f.fb) - 1)
    return f.box(rng.getrandbits(1) << (f.w - 1) | (e + f.bias) << f.fb | frac)


def tie_cases(f, rng, n):
    """Operand triples whose exact results often fall halfway between
    representable numbers (or just beside), so that the modes differ."""
    out = []
    p = f.p
    for _ in range(n):
        e = rng.randint(-5, 5)
        # add: exponents one apart -> p+1 significant bits
        a = short_sig(f, rng, p, e)
        b = short_sig(f, rng, p, e - 1)
        out.append(("add", a, b, 0))
        out.append(("sub", a, b, 0))
        # mul: significand widths summing to p+1 or p+2
        k = rng.randint(2, p - 1)
        a = short_sig(f, rng, k, e)
        b = short_sig(f, rng, p + 2 - k - rng.randint(0, 1), -e)
        out.append(("mul", a, b, 0))
        c = short_sig(f, rng, p, rng.randint(-2, 2))
        out.append(("madd", a, b, c))
        out.append(("nmsub", a, b, c))
        # division and multiplication by powers of two into the subnormal
        # range: ties there (the only place a quotient can be halfway)
        q = short_sig(f, rng, rng.randint(1, 4), f.emin + rng.randint(0, 3))
        k = rng.randint(1, p + 2)
        out.append(("div", q, f.box((f.bias + k) << f.fb), 0))
        out.append(("mul", q, f.box((f.bias - k) << f.fb), 0))
    return out


def boundary_cases(f):
    """Overflow and underflow thresholds, by hand: (op, a, b, c)."""
    out = []
    mx = edge_values(f)[12]
    one = f.box(f.bias << f.fb)
    two = f.box((f.bias + 1) << f.fb)
    half = f.box((f.bias - 1) << f.fb)
    minn = f.box(1 << f.fb)
    ulp_max = f.box((f.emax - f.fb + f.bias) << f.fb)  # ulp of the largest finite
    half_ulp_max = f.box((f.emax - f.fb - 1 + f.bias) << f.fb)
    out += [("add", mx, ulp_max, 0), ("add", mx, half_ulp_max, 0), ("mul", mx, two, 0),
            ("mul", mx, one, 0), ("div", mx, half, 0), ("madd", mx, one, half_ulp_max)]
    # results just below the smallest normal: tininess after rounding
    below = f.box((1 << f.fb) - 1)               # largest subnormal
    out += [("mul", minn, half, 0),  # exact subnormal: no UF
            ("mul", f.box((1 << (f.fb + 1)) - 1), half, 0),  # (1 - 2^-p) minnorm: a tie
            ("div", below, one, 0), ("div", minn, enc(f, Q(2) + Q(2) ** (1 - f.fb)), 0),
            ("div", f.box(1), two, 0), ("div", f.box(3), two, 0),
            ("div", f.box(1), enc(f, Q(3)), 0), ("div", f.box(5), enc(f, Q(4)), 0),
            ("sub", minn, f.box(1), 0), ("add", minn, f.box(1 | 1 << (f.w - 1)), 0)]
    # (1 - 2^-(p+1)) * minnorm: tiny before rounding; rounded to p bits with
    # an unbounded exponent it is minnorm in RNE, RMM and RUP (not tiny: NX
    # without UF) and below it in RTZ and RDN (tiny: UF).  The factors are
    # (2^k - 1)/2^k and (2^(p+1) - 1)/(2^k - 1)/2^(p+1-k), k dividing p+1.
    k = 5 if f.p == 24 else 18
    x = enc(f, Q((1 << k) - 1, 1 << k))
    y = enc(f, Q(((1 << (f.p + 1)) - 1) // ((1 << k) - 1), 1 << (f.p + 1 - k)) * Q(2) ** f.emin)
    out += [("mul", x, y, 0), ("mul", x ^ (1 << (f.w - 1)), y, 0),
            ("madd", x, y, f.box(0)), ("madd", x, y, enc(f, Q(2) ** (f.emin - f.fb)))]
    return out


def int_cases(f):
    """Values around the integer-conversion bounds (float operands)."""
    xs = [Q(0), Q(-1, 2), Q(1, 2), Q(-3, 2), Q(5, 2), Q(-5, 2), Q(-7, 10), Q(-3, 10), Q(7, 10),
          Q(2147483647), Q(2147483647) + Q(1, 2), Q(2147483648), Q(-2147483648),
          Q(-2147483648) - Q(1, 2), Q(-2147483649), Q(4294967295), Q(4294967295) + Q(1, 2),
          Q(4294967296), Q(2 ** 63), Q(-(2 ** 63)), Q(2 ** 64), Q(2 ** 63 - 1024),
          Q(2 ** 64 - 2048), Q(-(2 ** 63) - 2048), Q(2 ** 53 + 2), Q(123456789, 1000)]
    out = []
    for x in xs:
        r, _ = round_value(f, x, RNE) if x else (f.zero(0), 0)
        out.append(r)
    return sorted(set(out))


def int_operands():
    vals = [0, 1, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x80000001,
            0xFFFFFFFF80000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0x8000000000000001,
            (1 << 53) + 1, (1 << 53) + 3, (1 << 24) + 1, (1 << 24) + 3, (1 << 25) + 2,
            0x00000000FFFFFFFF, 0xFFFFFFFF00000001, 123456789, 0x1234567890ABCDEF,
            0xFFFFFFFFFFFFF801, 0x00FFFFFFFFFFFFFF, (1 << 54) + 2 ** 53 // 2 ** 52]
    return vals


def emit(vectors):
    lines = []
    for (op, fmtname, mask, a, b, c, r, fl) in vectors:
        lines.append(f"{{V_{op.upper()},{1 if fmtname == 'd' else 0},{mask},"
                     f"0x{a:x},0x{b:x},0x{c:x},0x{r:x},{fl}}},")
    return lines


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fpu_vectors.inc")
    rng = random.Random(20261128)
    cases = []  # (op, fmt, a, b, c)
    for f in (S, D):
        ev = edge_values(f)
        arith_vals = [ev[i] for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 16, 18)]
        for op in ("add", "sub", "mul", "div"):
            for a in arith_vals:
                for b in arith_vals:
                    cases.append((op, f, a, b, 0))
        cmp_vals = [ev[i] for i in (0, 1, 2, 3, 7, 8, 12, 14, 15, 16, 17, 18)]
        for op in ("min", "max", "feq", "flt", "fle"):
            for a in cmp_vals:
                for b in cmp_vals:
                    cases.append((op, f, a, b, 0))
        for op in ("sgnj", "sgnjn", "sgnjx"):
            for a in [ev[i] for i in (0, 1, 7, 8, 15, 16, 17)]:
                for b in [ev[i] for i in (0, 1, 8, 17)]:
                    cases.append((op, f, a, b, 0))
        unboxed = [0x000000003F800000, 0x7FFFFFFF3F800000, 0xFFFFFFFE7F800000]
        if f is S:
            for u in unboxed:
                for op in ("add", "mul", "sqrt", "min", "max", "feq", "flt", "sgnj", "sgnjn",
                           "sgnjx", "class", "cvt_w", "cvt_d_s", "madd"):
                    cases.append((op, f, u, ev[7], ev[7]))
                    cases.append((op, f, ev[8], u, ev[7]))
        for a in ev:
            for op in ("sqrt", "class"):
                cases.append((op, f, a, 0, 0))
        fma_vals = [ev[i] for i in (0, 1, 5, 7, 10, 12, 14, 16, 18)]
        for a in fma_vals:
            for b in fma_vals:
                for c in [ev[i] for i in (0, 1, 8, 15, 16)]:
                    cases.append(("madd", f, a, b, c))
        sign_vals = [ev[i] for i in (0, 1, 7, 8, 14)]
        for op in ("msub", "nmsub", "nmadd"):
            for a in sign_vals:
                for b in sign_vals:
                    for c in [ev[i] for i in (0, 1, 7)]:
                        cases.append((op, f, a, b, c))
        for (op, a, b, c) in boundary_cases(f):
            cases.append((op, f, a, b, c))
            if op in ("mul", "div"):  # same magnitude, negative
                cases.append((op, f, a ^ (1 << (f.w - 1)), b, c))
        for (op, a, b, c) in tie_cases(f, rng, 60):
            cases.append((op, f, a, b, c))
        for _ in range(60):  # square roots of random and of short values
            cases.append(("sqrt", f, rand_bits(f, rng), 0, 0))
        for _ in range(20):
            cases.append(("sqrt", f, short_sig(f, rng, 3, rng.randint(-4, 4)), 0, 0))
        for _ in range(60):
            a, b, c = rand_bits(f, rng), rand_bits(f, rng), rand_bits(f, rng)
            for op in ("add", "mul", "div", "madd"):
                cases.append((op, f, a, b, c))
        for a in int_cases(f) + ev:
            for k in ("w", "wu", "l", "lu"):
                cases.append(("cvt_" + k, f, a, 0, 0))
        for v in int_operands():
            for k in ("w", "wu", "l", "lu"):
                cases.append(("cvt_from_" + k, f, v, 0, 0))
    for a in edge_values(D) + [rand_bits(D, rng) for _ in range(80)] + [
            0x3FF0000010000000, 0x3FF0000030000000, 0x3FF0000018000000, 0x3FF0000008000000,
            0x36A0000000000000, 0x3690000000000000, 0x3690000000000001, 0x380FFFFFF0000000,
            0x380FFFFFF8000000, 0x47EFFFFFF0000000, 0x47EFFFFFEFFFFFFF, 0x47EFFFFFE0000000]:
        cases.append(("cvt_s_d", D, a, 0, 0))
    for a in edge_values(S):
        cases.append(("cvt_d_s", S, a, 0, 0))
    cases.append(("cvt_d_s", S, 0x000000003F800000, 0, 0))

    vectors = []
    seen = set()
    for (op, f, a, b, c) in cases:
        if (op, f.name, a, b, c) in seen:
            continue
        seen.add((op, f.name, a, b, c))
        by_result = {}
        rms = range(5)
        if op in ("sgnj", "sgnjn", "sgnjx", "min", "max", "feq", "flt", "fle", "class"):
            rms = [RNE]  # no rounding: one check, run in every mode by the test
        for rm in rms:
            r, fl = FUNCS[op](f, a, b, c, rm)
            by_result.setdefault((r, fl), 0)
            by_result[(r, fl)] |= 1 << rm
        for (r, fl), mask in sorted(by_result.items(), key=lambda kv: kv[1]):
            if len(rms) == 1:
                mask = 0x1F
            vectors.append((op, f.name, mask, a, b, c, r, fl))

    text = ["/* Generated by tests/unit/gen_fpu_vectors.py (exact rational arithmetic); do not",
            " * edit.  {op, double, rm mask, a, b, c, expected result, expected fflags} */",
            "/* clang-format off */",
            "static const struct fpu_vector fpu_vectors[] = {"]
    text += emit(vectors)
    text.append("};")
    out.write_text("\n".join(text) + "\n")
    print(f"wrote {out}: {len(vectors)} vectors")


if __name__ == "__main__":
    main()
