/* F and D arithmetic: results and fflags for each instruction class, in the
 * rounding modes that matter, with the exact bits in the registers (single
 * results must come back NaN-boxed: upper 32 bits all ones).  Expected
 * values were worked out by hand from the RISC-V unprivileged ISA manual
 * ("F" and "D" chapters; IEEE 754-2008 rounding, tininess after rounding,
 * canonical NaNs 0x7fc00000 / 0x7ff8000000000000, minimumNumber/
 * maximumNumber, the float-to-integer conversion table):
 *
 *   1 + 2^-53 is halfway between 1 and 1 + 2^-52.
 *   (1 - 2^-18) * (1 + 2^-18 + 2^-36) * 2^-1022 = (1 - 2^-54) * 2^-1022:
 *     below the smallest normal; rounded to 53 bits with an unbounded
 *     exponent it is 2^-1022 in RNE/RUP/RMM (not tiny: NX only) and
 *     1 - 2^-53 in RTZ/RDN (tiny and inexact: UF|NX).
 *   (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly (a fused result;
 *     separately rounded it would be 0).
 *   (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: halfway in binary32.
 *   2^24 + 1 and 2^53 + 1 are halfway for binary32 and binary64.
 *
 * fflags: NV 0x10, DZ 0x08, OF 0x04, UF 0x02, NX 0x01.  Each case clears
 * fflags, runs one instruction and checks the result and fflags. */
#include "isa_test.h"

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10
#define QNAN_D 0x7ff8000000000000
#define QNAN_S 0xffffffff7fc00000
#define SNAN_D 0x7ff0000000000001
#define SNAN_S 0xffffffff7f800001
#define ONE_D 0x3ff0000000000000
#define TWO_D 0x4000000000000000
#define HALF_D 0x3fe0000000000000
#define INF_D 0x7ff0000000000000
#define NINF_D 0xfff0000000000000
#define MAX_D 0x7fefffffffffffff
#define NMAX_D 0xffefffffffffffff
#define MINN_D 0x0010000000000000
#define ONE_S 0xffffffff3f800000
#define TWO_S 0xffffffff40000000
#define P2M53 0x3ca0000000000000 /* 2^-53 */

/* F2(op, rm, a, b, result, fflags): op fa2, fa0, fa1, rm */
#define F2(op, rm, a, b, r, fl) f2_case op, rm, a, b, r, fl, __LINE__
/* N2(op, a, b, result, fflags): no rounding-mode operand */
#define N2(op, a, b, r, fl) n2_case op, a, b, r, fl, __LINE__
/* F1(op, rm, a, result, fflags): op fa2, fa0, rm */
#define F1(op, rm, a, r, fl) f1_case op, rm, a, r, fl, __LINE__
/* F3(op, rm, a, b, c, result, fflags): op fa2, fa0, fa1, fa3, rm */
#define F3(op, rm, a, b, c, r, fl) f3_case op, rm, a, b, c, r, fl, __LINE__
/* FX(op, [rm,] a, result, fflags): integer result: op a2, fa0[, rm] */
#define FX(op, rm, a, r, fl) fx_case op, rm, a, r, fl, __LINE__
/* CMP(op, a, b, result, fflags): op a2, fa0, fa1 */
#define CMP(op, a, b, r, fl) cmp_case op, a, b, r, fl, __LINE__
/* XF(op, rm, integer, result, fflags): op fa2, a0, rm */
#define XF(op, rm, a, r, fl) xf_case op, rm, a, r, fl, __LINE__

        .macro operands a, b=0, c=0
        set_reg a0, \a
        set_reg a1, \b
        set_reg a3, \c
        fmv.d.x fa0, a0
        fmv.d.x fa1, a1
        fmv.d.x fa3, a3
        fmv.d.x fa2, zero
        csrrw zero, fflags, zero
        .endm

        .macro results r, fl, line
        fmv.x.d a2, fa2
        csrrs a4, fflags, zero
        check_eq a2, \r, \line
        check_eq a4, \fl, \line
        .endm

        .macro f2_case op, rm, a, b, r, fl, line
        operands \a, \b
        \op fa2, fa0, fa1, \rm
        results \r, \fl, \line
        .endm

        .macro n2_case op, a, b, r, fl, line
        operands \a, \b
        \op fa2, fa0, fa1
        results \r, \fl, \line
        .endm

        .macro f1_case op, rm, a, r, fl, line
        operands \a
        \op fa2, fa0, \rm
        results \r, \fl, \line
        .endm

        .macro f3_case op, rm, a, b, c, r, fl, line
        operands \a, \b, \c
        \op fa2, fa0, fa1, fa3, \rm
        results \r, \fl, \line
        .endm

        .macro fx_case op, rm, a, r, fl, line
        operands \a
        li a2, 0x5555
        .ifc \rm,-
        \op a2, fa0
        .else
        \op a2, fa0, \rm
        .endif
        csrrs a4, fflags, zero
        check_eq a2, \r, \line
        check_eq a4, \fl, \line
        .endm

        .macro cmp_case op, a, b, r, fl, line
        operands \a, \b
        li a2, 0x5555
        \op a2, fa0, fa1
        csrrs a4, fflags, zero
        check_eq a2, \r, \line
        check_eq a4, \fl, \line
        .endm

        .macro xf_case op, rm, a, r, fl, line
        set_reg a0, \a
        fmv.d.x fa2, zero
        csrrw zero, fflags, zero
        .ifc \rm,-
        \op fa2, a0
        .else
        \op fa2, a0, \rm
        .endif
        results \r, \fl, \line
        .endm

        TEST_BEGIN(isa_fp)

/* ---- add/sub: ties in every mode, signed zeros, NaNs -------------------- */
        F2(fadd.d, rne, ONE_D, P2M53, ONE_D, NX)
        F2(fadd.d, rtz, ONE_D, P2M53, ONE_D, NX)
        F2(fadd.d, rdn, ONE_D, P2M53, ONE_D, NX)
        F2(fadd.d, rup, ONE_D, P2M53, 0x3ff0000000000001, NX)
        F2(fadd.d, rmm, ONE_D, P2M53, 0x3ff0000000000001, NX)
        F2(fsub.d, rmm, 0xbff0000000000000, P2M53, 0xbff0000000000001, NX)
        F2(fsub.d, rup, 0xbff0000000000000, P2M53, 0xbff0000000000000, NX)
        F2(fadd.d, rne, ONE_D, TWO_D, 0x4008000000000000, 0)
        F2(fsub.d, rne, 0x3ff8000000000000, 0x3ff8000000000000, 0, 0)
        F2(fsub.d, rdn, 0x3ff8000000000000, 0x3ff8000000000000, 0x8000000000000000, 0)
        F2(fadd.d, rne, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0)
        F2(fadd.d, rne, INF_D, NINF_D, QNAN_D, NV)
        F2(fadd.d, rne, SNAN_D, ONE_D, QNAN_D, NV)
        F2(fadd.d, rne, 0xfff8000000000123, ONE_D, QNAN_D, 0)
        F2(fadd.s, rne, ONE_S, 0xffffffff33800000, ONE_S, NX)              /* 1 + 2^-24 */
        F2(fadd.s, rmm, ONE_S, 0xffffffff33800000, 0xffffffff3f800001, NX)
        F2(fadd.s, rne, 0x000000003f800000, ONE_S, QNAN_S, 0)              /* unboxed */
        F2(fsub.s, rne, 0xffffffff7f800000, 0xffffffff7f800000, QNAN_S, NV)

/* ---- mul: overflow by mode and sign, underflow and tininess ------------- */
        F2(fmul.d, rne, MAX_D, TWO_D, INF_D, OF|NX)
        F2(fmul.d, rtz, MAX_D, TWO_D, MAX_D, OF|NX)
        F2(fmul.d, rdn, MAX_D, TWO_D, MAX_D, OF|NX)
        F2(fmul.d, rup, MAX_D, TWO_D, INF_D, OF|NX)
        F2(fmul.d, rmm, MAX_D, TWO_D, INF_D, OF|NX)
        F2(fmul.d, rdn, NMAX_D, TWO_D, NINF_D, OF|NX)
        F2(fmul.d, rup, NMAX_D, TWO_D, NMAX_D, OF|NX)
        F2(fmul.d, rne, MINN_D, HALF_D, 0x0008000000000000, 0)             /* exact subnormal */
        F2(fmul.d, rne, 1, HALF_D, 0, UF|NX)                               /* 2^-1075: tie */
        F2(fmul.d, rmm, 1, HALF_D, 1, UF|NX)
        F2(fmul.d, rup, 1, HALF_D, 1, UF|NX)
        F2(fmul.d, rdn, 0x8000000000000001, HALF_D, 0x8000000000000001, UF|NX)
        F2(fmul.d, rne, 0x3feffff800000000, 0x0010000400010000, MINN_D, NX)
        F2(fmul.d, rup, 0x3feffff800000000, 0x0010000400010000, MINN_D, NX)
        F2(fmul.d, rmm, 0x3feffff800000000, 0x0010000400010000, MINN_D, NX)
        F2(fmul.d, rtz, 0x3feffff800000000, 0x0010000400010000, 0x000fffffffffffff, UF|NX)
        F2(fmul.d, rdn, 0x3feffff800000000, 0x0010000400010000, 0x000fffffffffffff, UF|NX)
        F2(fmul.d, rne, 0, INF_D, QNAN_D, NV)
        F2(fmul.s, rne, 0xffffffff7f7fffff, TWO_S, 0xffffffff7f800000, OF|NX)
        F2(fmul.s, rtz, 0xffffffff7f7fffff, TWO_S, 0xffffffff7f7fffff, OF|NX)

/* ---- div and sqrt ---------------------------------------------------------- */
        F2(fdiv.d, rne, ONE_D, 0, INF_D, DZ)
        F2(fdiv.d, rne, 0xbff0000000000000, 0, NINF_D, DZ)
        F2(fdiv.d, rne, 0, 0x8000000000000000, QNAN_D, NV)
        F2(fdiv.d, rne, INF_D, INF_D, QNAN_D, NV)
        F2(fdiv.d, rne, INF_D, 0, INF_D, 0)
        F2(fdiv.d, rne, ONE_D, 0x4008000000000000, 0x3fd5555555555555, NX)     /* 1/3 */
        F2(fdiv.d, rtz, ONE_D, 0x4008000000000000, 0x3fd5555555555555, NX)
        F2(fdiv.d, rup, ONE_D, 0x4008000000000000, 0x3fd5555555555556, NX)
        F2(fdiv.d, rne, 0x4018000000000000, 0x4008000000000000, TWO_D, 0)      /* 6/3 */
        F2(fdiv.s, rne, ONE_S, 0xffffffff00000000, 0xffffffff7f800000, DZ)
        F1(fsqrt.d, rne, TWO_D, 0x3ff6a09e667f3bcd, NX)
        F1(fsqrt.d, rtz, TWO_D, 0x3ff6a09e667f3bcc, NX)
        F1(fsqrt.d, rmm, TWO_D, 0x3ff6a09e667f3bcd, NX)
        F1(fsqrt.d, rne, 0x4010000000000000, TWO_D, 0)
        F1(fsqrt.d, rne, 0x8000000000000000, 0x8000000000000000, 0)
        F1(fsqrt.d, rne, 0xbff0000000000000, QNAN_D, NV)
        F1(fsqrt.d, rne, INF_D, INF_D, 0)
        F1(fsqrt.s, rne, 0xffffffff41100000, 0xffffffff40400000, 0)           /* sqrt 9 */
        F1(fsqrt.s, rne, 0xffffffffbf800000, QNAN_S, NV)

/* ---- fused multiply-add: one rounding ------------------------------------- */
        F3(fmadd.d, rne, 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000, 0x3c9ffffffffffffe, 0)
        F3(fmadd.d, rne, INF_D, 0, QNAN_D, QNAN_D, NV)      /* inf*0 + qNaN is invalid */
        F3(fmadd.d, rne, 0, TWO_D, QNAN_D, QNAN_D, 0)
        F3(fmadd.d, rne, INF_D, TWO_D, NINF_D, QNAN_D, NV)
        F3(fmsub.d, rne, 0x4008000000000000, 0x4014000000000000, 0x402e000000000000, 0, 0) /* 3*5-15 */
        F3(fmsub.d, rdn, 0x4008000000000000, 0x4014000000000000, 0x402e000000000000, 0x8000000000000000, 0)
        F3(fnmadd.d, rne, 0, ONE_D, 0, 0x8000000000000000, 0)   /* -(0*1) - 0 = -0 */
        F3(fnmsub.d, rne, 0, ONE_D, 0, 0, 0)                    /* -(0*1) + 0 = +0 */
        F3(fnmsub.d, rne, TWO_D, 0x4008000000000000, ONE_D, 0xc014000000000000, 0) /* -(6)+1 */
        F3(fnmadd.d, rne, TWO_D, 0x4008000000000000, ONE_D, 0xc01c000000000000, 0) /* -(6)-1 */
        F3(fmadd.s, rne, 0xffffffff3f800800, 0xffffffff3f800800, 0xffffffff00000000, 0xffffffff3f801000, NX)
        F3(fmadd.s, rmm, 0xffffffff3f800800, 0xffffffff3f800800, 0xffffffff00000000, 0xffffffff3f801001, NX)
        F3(fmadd.d, rne, MAX_D, TWO_D, NMAX_D, MAX_D, 0)        /* no intermediate overflow */

/* ---- sign injection: bits only; single inputs must be boxed ---------------- */
        N2(fsgnj.d, SNAN_D, 0xbff0000000000000, 0xfff0000000000001, 0)
        N2(fsgnjn.d, TWO_D, 0xbff0000000000000, TWO_D, 0)
        N2(fsgnjx.d, 0xc000000000000000, 0xbff0000000000000, TWO_D, 0)
        N2(fsgnj.s, 0x000000003f800000, 0xffffffffbf800000, 0xffffffffffc00000, 0)
        N2(fsgnjn.s, ONE_S, 0x00000000bf800000, 0xffffffffbf800000, 0)
        N2(fsgnjx.s, 0xffffffffc0400000, 0xffffffffbf800000, 0xffffffff40400000, 0)

/* ---- min/max: minimumNumber/maximumNumber ---------------------------------- */
        N2(fmin.d, ONE_D, QNAN_D, ONE_D, 0)
        N2(fmin.d, SNAN_D, ONE_D, ONE_D, NV)
        N2(fmax.d, ONE_D, SNAN_D, ONE_D, NV)
        N2(fmax.d, 0x7ff8000000000042, SNAN_D, QNAN_D, NV)
        N2(fmin.d, 0, 0x8000000000000000, 0x8000000000000000, 0)
        N2(fmax.d, 0x8000000000000000, 0, 0, 0)
        N2(fmin.d, 0xbff0000000000000, NINF_D, NINF_D, 0)
        N2(fmax.s, 0xffffffffbf800000, 0x000000003f800000, 0xffffffffbf800000, 0) /* unboxed = qNaN */
        N2(fmin.s, QNAN_S, QNAN_S, QNAN_S, 0)

/* ---- compares: feq quiet, flt/fle signaling --------------------------------- */
        CMP(feq.d, QNAN_D, QNAN_D, 0, 0)
        CMP(feq.d, ONE_D, SNAN_D, 0, NV)
        CMP(flt.d, QNAN_D, ONE_D, 0, NV)
        CMP(fle.d, ONE_D, QNAN_D, 0, NV)
        CMP(feq.d, 0x8000000000000000, 0, 1, 0)
        CMP(flt.d, 0x8000000000000000, 0, 0, 0)
        CMP(fle.d, 0x8000000000000000, 0, 1, 0)
        CMP(flt.d, NINF_D, NMAX_D, 1, 0)
        CMP(fle.s, ONE_S, TWO_S, 1, 0)
        CMP(flt.s, 0x000000003f800000, TWO_S, 0, NV)
        CMP(feq.s, ONE_S, ONE_S, 1, 0)

/* ---- fclass ------------------------------------------------------------------ */
        FX(fclass.d, -, NINF_D, 0x001, 0)
        FX(fclass.d, -, 0xbff0000000000000, 0x002, 0)
        FX(fclass.d, -, 0x8000000000000001, 0x004, 0)
        FX(fclass.d, -, 0x8000000000000000, 0x008, 0)
        FX(fclass.d, -, 0, 0x010, 0)
        FX(fclass.d, -, 0x000fffffffffffff, 0x020, 0)
        FX(fclass.d, -, MINN_D, 0x040, 0)
        FX(fclass.d, -, INF_D, 0x080, 0)
        FX(fclass.d, -, SNAN_D, 0x100, 0)
        FX(fclass.d, -, QNAN_D, 0x200, 0)
        FX(fclass.s, -, SNAN_S, 0x100, 0)
        FX(fclass.s, -, 0x00000000ff800000, 0x200, 0)        /* unboxed */
        FX(fclass.s, -, 0xffffffff00000001, 0x020, 0)

/* ---- float -> integer --------------------------------------------------------- */
        FX(fcvt.w.d, rne, 0x41dfffffffe00000, 0x7fffffff, NV)          /* 2147483647.5 */
        FX(fcvt.w.d, rtz, 0x41dfffffffe00000, 0x7fffffff, NX)
        FX(fcvt.w.d, rdn, 0x41dfffffffe00000, 0x7fffffff, NX)
        FX(fcvt.w.d, rup, 0x41dfffffffe00000, 0x7fffffff, NV)
        FX(fcvt.w.d, rmm, 0x41dfffffffe00000, 0x7fffffff, NV)
        FX(fcvt.w.d, rne, 0xc1e0000000100000, 0xffffffff80000000, NX)  /* -2147483648.5 */
        FX(fcvt.w.d, rdn, 0xc1e0000000100000, 0xffffffff80000000, NV)
        FX(fcvt.w.d, rmm, 0xc1e0000000100000, 0xffffffff80000000, NV)
        FX(fcvt.w.d, rtz, QNAN_D, 0x7fffffff, NV)
        FX(fcvt.w.d, rtz, NINF_D, 0xffffffff80000000, NV)
        FX(fcvt.wu.d, rtz, 0x41f0000000000000, 0xffffffffffffffff, NV) /* 2^32 */
        FX(fcvt.wu.d, rtz, 0x41e65a0bc0000000, 0xffffffffb2d05e00, 0)  /* 3e9: sign-extended */
        FX(fcvt.wu.d, rne, 0xbfe0000000000000, 0, NX)                  /* -0.5 -> -0 */
        FX(fcvt.wu.d, rtz, 0xbff0000000000000, 0, NV)                  /* -1 */
        FX(fcvt.l.d, rtz, NINF_D, 0x8000000000000000, NV)
        FX(fcvt.l.d, rtz, 0xc3e0000000000000, 0x8000000000000000, 0)   /* -2^63 */
        FX(fcvt.l.d, rmm, 0xc004000000000000, 0xfffffffffffffffd, NX)  /* -2.5 */
        FX(fcvt.l.d, rne, 0xc004000000000000, 0xfffffffffffffffe, NX)
        FX(fcvt.lu.d, rtz, QNAN_D, 0xffffffffffffffff, NV)
        FX(fcvt.lu.d, rtz, 0x43f0000000000000, 0xffffffffffffffff, NV) /* 2^64 */
        FX(fcvt.w.s, rne, 0xffffffff3fc00000, 2, NX)                   /* 1.5 */
        FX(fcvt.w.s, rtz, 0x000000003fc00000, 0x7fffffff, NV)          /* unboxed */
        FX(fcvt.lu.s, rup, 0xffffffff3f000000, 1, NX)                  /* 0.5 */

/* ---- integer -> float, and between formats --------------------------------- */
        XF(fcvt.s.w, rne, 0x1000001, 0xffffffff4b800000, NX)           /* 2^24+1 */
        XF(fcvt.s.w, rmm, 0x1000001, 0xffffffff4b800001, NX)
        XF(fcvt.s.w, rup, 0x1000001, 0xffffffff4b800001, NX)
        XF(fcvt.s.wu, rtz, 0xffffffff, 0xffffffff4f7fffff, NX)
        XF(fcvt.d.l, rne, 0x20000000000001, 0x4340000000000000, NX)    /* 2^53+1 */
        XF(fcvt.d.l, rmm, 0x20000000000001, 0x4340000000000001, NX)
        XF(fcvt.d.lu, rne, 0xffffffffffffffff, 0x43f0000000000000, NX)
        XF(fcvt.d.lu, rtz, 0xffffffffffffffff, 0x43efffffffffffff, NX)
        XF(fcvt.d.w, -, 0x12345678ffffffff, 0xbff0000000000000, 0)     /* low 32 bits: -1 */
        XF(fcvt.d.wu, -, 0x12345678ffffffff, 0x41efffffffe00000, 0)
        XF(fcvt.d.l, -, 0x8000000000000000, 0xc3e0000000000000, 0)
        F1(fcvt.s.d, rne, 0x3ff0000010000000, ONE_S, NX)                /* 1+2^-24 */
        F1(fcvt.s.d, rmm, 0x3ff0000010000000, 0xffffffff3f800001, NX)
        F1(fcvt.s.d, rtz, MAX_D, 0xffffffff7f7fffff, OF|NX)
        F1(fcvt.s.d, rne, SNAN_D, QNAN_S, NV)
        F1(fcvt.s.d, rne, 0xfff8000000000123, QNAN_S, 0)
        F1(fcvt.s.d, rne, 0x3690000000000000, 0xffffffff00000000, UF|NX) /* 2^-150 */
        F1(fcvt.s.d, rmm, 0x3690000000000000, 0xffffffff00000001, UF|NX)
        FX(fmv.x.w, -, 0x3690000000000000, 0, 0)                         /* (fmv checks no boxing) */
        operands SNAN_S
        fcvt.d.s fa2, fa0
        results QNAN_D, NV, __LINE__
        operands 0xffffffff00000001
        fcvt.d.s fa2, fa0
        results 0x36a0000000000000, 0, __LINE__                          /* 2^-149 exactly */

/* ---- dynamic rounding mode from frm; fcsr = frm << 5 | fflags ------------- */
        li a5, 3
        csrrw zero, frm, a5
        F2(fadd.d, dyn, ONE_D, P2M53, 0x3ff0000000000001, NX)           /* rup */
        li a5, 4
        csrrw zero, frm, a5
        F2(fadd.d, dyn, ONE_D, P2M53, 0x3ff0000000000001, NX)           /* rmm */
        li a5, 2
        csrrw zero, frm, a5
        F2(fadd.d, dyn, ONE_D, P2M53, ONE_D, NX)                        /* rdn */
        F2(fadd.d, dyn, 0x3ff8000000000000, 0xbff8000000000000, 0x8000000000000000, 0)
        FX(fcvt.l.d, dyn, 0x3ff8000000000000, 1, NX)                    /* 1.5 rdn */
        csrrs a6, fcsr, zero
        CHECK(a6, 0x41)                                                 /* rdn, NX */
        csrrwi zero, frm, 0
        FX(fcvt.l.d, dyn, 0x4004000000000000, 2, NX)                    /* 2.5 rne */
        li a5, 0xff
        csrrw zero, fcsr, a5
        csrrs a6, frm, zero
        CHECK(a6, 7)
        csrrs a6, fflags, zero
        CHECK(a6, 0x1f)
        csrrw zero, fcsr, zero

        TEST_END
