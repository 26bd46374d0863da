/* Zba, Zbb, Zbs (bit-manipulation ISA-extensions v1.0.0, RV64 forms).
 *
 * From the spec's definitions:
 *   Zba  add.uw, shNadd.uw and slli.uw zero-extend the low 32 bits of rs1
 *        before shifting/adding; shNadd shifts rs1 left by N, bits shifted
 *        out are lost; slli.uw takes a 6-bit shamt.
 *   Zbb  clz/ctz of 0 are 64, clzw/ctzw of a zero low word 32; cpopw counts
 *        the low word only; the W forms (clzw ctzw cpopw rolw rorw roriw)
 *        ignore the upper 32 bits of rs1, and rolw/rorw/roriw sign-extend
 *        their 32-bit result (even for a rotation by 0).  rol/ror use the low
 *        6 bits of rs2, rolw/rorw the low 5.  orc.b sets each non-zero byte
 *        to 0xff; rev8 reverses the 8 bytes; sext.b/sext.h/zext.h extend the
 *        low byte/halfword.
 *   Zbs  the bit index is rs2 & 63 (immediate forms: 6-bit shamt).
 * Register forms run with rd distinct, rd == rs1 and rd == rs2.  Expected
 * values were worked out by hand; the qemu run checks them too.  Zicond is
 * in isa_zicond.S (qemu 7.2 does not implement it). */
#include "isa_test.h"

/* B2(op, a, b, expected): op rd, rs1=a, rs2=b with rd distinct, rd == rs1
 * and rd == rs2. */
#define B2(op, a, b, e) b2_case op, a, b, e, __LINE__
/* B1(op, a, expected): unary op, rd distinct and rd == rs1. */
#define B1(op, a, e) b1_case op, a, e, __LINE__
/* BI(op, a, imm, expected): immediate form, rd distinct and rd == rs1. */
#define BI(op, a, i, e) bi_case op, a, i, e, __LINE__
/* ROT(op, a, amount, expected, width): register rotate with rs2 = amount,
 * amount + width, amount - width (upper bits all ones) and junk in bits
 * 8..62: only the low log2(width) bits count. */
#define ROT64(op, a, s, e) rot_case op, a, s, e, 64, __LINE__
#define ROT32(op, a, s, e) rot_case op, a, s, e, 32, __LINE__

        .macro b2_case op, a, b, exp, line
        set_reg a0, \a
        set_reg a2, \b
        \op a1, a0, a2
        check_eq a1, \exp, \line
        mv a3, a0
        \op a3, a3, a2
        check_eq a3, \exp, \line
        mv a4, a2
        \op a4, a0, a4
        check_eq a4, \exp, \line
        .endm

        .macro b1_case op, a, exp, line
        set_reg a0, \a
        \op a1, a0
        check_eq a1, \exp, \line
        \op a0, a0
        check_eq a0, \exp, \line
        .endm

        .macro bi_case op, a, imm, exp, line
        set_reg a0, \a
        \op a1, a0, \imm
        check_eq a1, \exp, \line
        \op a0, a0, \imm
        check_eq a0, \exp, \line
        .endm

        .macro rot_case op, a, sh, exp, width, line
        set_reg a0, \a
        set_reg a2, \sh
        \op a1, a0, a2
        check_eq a1, \exp, \line
        set_reg a2, (\sh + \width)
        \op a1, a0, a2
        check_eq a1, \exp, \line
        set_reg a2, (\sh - \width)
        \op a1, a0, a2
        check_eq a1, \exp, \line
        set_reg a2, (\sh + 0x5555555555555500)
        \op a1, a0, a2
        check_eq a1, \exp, \line
        .endm

        TEST_BEGIN(isa_bitmanip)

/* ---- Zba ------------------------------------------------------------------ */
        B2(add.uw, 0xffffffff80000000, 1, 0x0000000080000001)
        B2(add.uw, 0x12345678ffffffff, 1, 0x0000000100000000)
        B2(add.uw, 5, -1, 4)
        B2(add.uw, -1, 0, 0x00000000ffffffff)
        B2(add.uw, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000)
        B2(sh1add, 3, 10, 16)
        B2(sh1add, 0x8000000000000001, 0, 2)
        B2(sh1add, -1, -1, 0xfffffffffffffffd)
        B2(sh2add, -1, 4, 0)
        B2(sh2add, 0x4000000000000000, 1, 1)
        B2(sh2add, 0x1234, 0x10000, 0x148d0)
        B2(sh3add, 0x1000, 8, 0x8008)
        B2(sh3add, 0x2000000000000000, 5, 5)
        B2(sh3add, -1, 0, 0xfffffffffffffff8)
        B2(sh1add.uw, -1, 0, 0x00000001fffffffe)
        B2(sh1add.uw, 0x8000000000000003, 1, 7)
        B2(sh1add.uw, 0x80000000, 0x8000000000000000, 0x8000000100000000)
        B2(sh2add.uw, 0xdeadbeef80000000, 0x10, 0x0000000200000010)
        B2(sh2add.uw, 0xffffffff00000000, 3, 3)
        B2(sh3add.uw, -1, 1, 0x00000007fffffff9)
        B2(sh3add.uw, 0x0000000100000001, -1, 7)
        BI(slli.uw, 0xffffffff80000001, 0, 0x0000000080000001)
        BI(slli.uw, 0xfffffffe00000001, 63, 0x8000000000000000)
        BI(slli.uw, 0xfffffffe00000002, 63, 0)
        BI(slli.uw, 0xaaaaaaaa12345678, 32, 0x1234567800000000)
        BI(slli.uw, 0x00000000ffffffff, 31, 0x7fffffff80000000)
        BI(slli.uw, 0xfffffffe00000000, 1, 0)
        BI(slli.uw, 0x00000000ffffffff, 3, 0x00000007fffffff8)

/* ---- Zbb: logic with negate ------------------------------------------------ */
        B2(andn, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf000f000f000f000)
        B2(andn, -1, -1, 0)
        B2(andn, -1, 0, -1)
        B2(orn, 0, 0, -1)
        B2(orn, 1, -1, 1)
        B2(orn, 0xf0, 0xffffffffffffff0f, 0xf0)
        B2(xnor, 0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0)
        B2(xnor, 5, 5, -1)
        B2(xnor, 0, 0x8000000000000000, 0x7fffffffffffffff)

/* ---- Zbb: counts ---------------------------------------------------------- */
        B1(clz, 0, 64)
        B1(clz, 1, 63)
        B1(clz, 0x8000000000000000, 0)
        B1(clz, 0x80000000, 32)
        B1(clz, -1, 0)
        B1(clz, 0x0000010000000000, 23)
        B1(clzw, 0, 32)
        B1(clzw, 0xffffffff00000000, 32)
        B1(clzw, 1, 31)
        B1(clzw, 0x80000000, 0)
        B1(clzw, 0xffffffff00010000, 15)
        B1(ctz, 0, 64)
        B1(ctz, 0x8000000000000000, 63)
        B1(ctz, 1, 0)
        B1(ctz, 0x100000000, 32)
        B1(ctz, 0xfffffffffffffff8, 3)
        B1(ctzw, 0, 32)
        B1(ctzw, 0x100000000, 32)
        B1(ctzw, 0x80000000, 31)
        B1(ctzw, 0xfffffff8, 3)
        B1(ctzw, 0xffffffff00000100, 8)
        B1(cpop, 0, 0)
        B1(cpop, -1, 64)
        B1(cpop, 0x8000000000000001, 2)
        B1(cpop, 0x5555555555555555, 32)
        B1(cpop, 0x123456789abcdef0, 32)
        B1(cpopw, 0xffffffff00000000, 0)
        B1(cpopw, 0xffffffff0000000f, 4)
        B1(cpopw, -1, 32)
        B1(cpopw, 0x12345678, 13)

/* ---- Zbb: min/max ---------------------------------------------------------- */
        B2(max, -1, 1, 1)
        B2(maxu, -1, 1, -1)
        B2(min, -1, 1, -1)
        B2(minu, -1, 1, 1)
        B2(max, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff)
        B2(maxu, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        B2(min, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        B2(minu, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff)
        B2(max, 7, 7, 7)
        B2(minu, 0, -1, 0)
        B2(min, -2, -1, -2)
        B2(max, -2, -1, -1)
        B2(maxu, 0x00000000ffffffff, 0x0000000100000000, 0x0000000100000000)
        B2(min, 0x00000000ffffffff, 0xffffffff00000000, 0xffffffff00000000)

/* ---- Zbb: extensions ------------------------------------------------------- */
        B1(sext.b, 0x80, 0xffffffffffffff80)
        B1(sext.b, 0x7f, 0x7f)
        B1(sext.b, 0x123456789abcdeff, -1)
        B1(sext.b, 0xffffffffffffff00, 0)
        B1(sext.h, 0x8000, 0xffffffffffff8000)
        B1(sext.h, 0x7fff, 0x7fff)
        B1(sext.h, 0xffffffffffff1234, 0x1234)
        B1(zext.h, -1, 0xffff)
        B1(zext.h, 0x123456789abcdef0, 0xdef0)
        B1(zext.h, 0x8000, 0x8000)

/* ---- Zbb: rotates ---------------------------------------------------------- */
        ROT64(rol, 0x8000000000000001, 1, 3)
        ROT64(rol, 0x8000000000000001, 0, 0x8000000000000001)
        ROT64(rol, 0x8000000000000001, 63, 0xc000000000000000)
        ROT64(rol, 0x0123456789abcdef, 8, 0x23456789abcdef01)
        ROT64(rol, 0x0123456789abcdef, 32, 0x89abcdef01234567)
        ROT64(rol, 0x0123456789abcdef, 63, 0x8091a2b3c4d5e6f7)
        ROT64(ror, 3, 1, 0x8000000000000001)
        ROT64(ror, 3, 0, 3)
        ROT64(ror, 3, 63, 6)
        ROT64(ror, 0x0123456789abcdef, 8, 0xef0123456789abcd)
        ROT64(ror, 0x0123456789abcdef, 4, 0xf0123456789abcde)
        BI(rori, 0x0123456789abcdef, 0, 0x0123456789abcdef)
        BI(rori, 1, 1, 0x8000000000000000)
        BI(rori, 0x0123456789abcdef, 4, 0xf0123456789abcde)
        BI(rori, 0x0123456789abcdef, 32, 0x89abcdef01234567)
        BI(rori, 0x0123456789abcdef, 63, 0x02468acf13579bde)
        ROT32(rolw, 0x80000001, 1, 3)
        ROT32(rolw, 0x40000000, 1, 0xffffffff80000000)
        ROT32(rolw, 0xffffffff00000001, 31, 0xffffffff80000000)
        ROT32(rolw, 0x12345678, 4, 0x23456781)
        ROT32(rolw, 0x80000000, 0, 0xffffffff80000000)
        ROT32(rolw, 0xffffffff7fffffff, 0, 0x7fffffff)
        ROT32(rorw, 1, 1, 0xffffffff80000000)
        ROT32(rorw, 0x00000001fffffffe, 0, 0xfffffffffffffffe)
        ROT32(rorw, 0x12345678, 4, 0xffffffff81234567)
        ROT32(rorw, 0x0000000300000002, 1, 1)
        ROT32(rorw, 0x12345678, 16, 0x56781234)
        BI(roriw, 1, 1, 0xffffffff80000000)
        BI(roriw, 0xaaaaaaaa7fffffff, 0, 0x7fffffff)
        BI(roriw, 0x00000000fffffffe, 0, 0xfffffffffffffffe)
        BI(roriw, 1, 31, 2)
        BI(roriw, 0x12345678, 16, 0x56781234)
        /* rotates by register: rd == rs1 == rs2 */
        SET(a0, 0x8000000000000001)
        rol a0, a0, a0                           /* by 1 */
        CHECK(a0, 3)
        SET(a0, 0x0000000000000004)
        ror a0, a0, a0                           /* by 4 */
        CHECK(a0, 0x4000000000000000)

/* ---- Zbb: bytes ------------------------------------------------------------ */
        B1(orc.b, 0x0102000000000080, 0xffff0000000000ff)
        B1(orc.b, 0, 0)
        B1(orc.b, -1, -1)
        B1(orc.b, 0x8000000000000001, 0xff000000000000ff)
        B1(orc.b, 0x0000000100007f00, 0x000000ff0000ff00)
        B1(orc.b, 0x7f7f7f7f7f7f7f7f, -1)
        B1(rev8, 0x0123456789abcdef, 0xefcdab8967452301)
        B1(rev8, 0xff, 0xff00000000000000)
        B1(rev8, 0, 0)

/* ---- Zbs ------------------------------------------------------------------- */
        B2(bclr, -1, 63, 0x7fffffffffffffff)
        B2(bclr, -1, 127, 0x7fffffffffffffff)
        B2(bclr, -1, 0, 0xfffffffffffffffe)
        B2(bclr, -1, 64, 0xfffffffffffffffe)
        B2(bclr, 0, 5, 0)
        B2(bclr, -1, 32, 0xfffffffeffffffff)
        B2(bext, 0x8000000000000000, 63, 1)
        B2(bext, 0x8000000000000000, 127, 1)
        B2(bext, 0x8000000000000000, 62, 0)
        B2(bext, 1, 64, 1)
        B2(bext, 0x100000000, 32, 1)
        B2(bext, 0xfffffffeffffffff, 32, 0)
        B2(bext, 0x8000000000000000, -1, 1)
        B2(binv, 0, 63, 0x8000000000000000)
        B2(binv, -1, 127, 0x7fffffffffffffff)
        B2(binv, 0, 32, 0x100000000)
        B2(binv, 1, 64, 0)
        B2(bset, 0, 63, 0x8000000000000000)
        B2(bset, 0, 65, 2)
        B2(bset, 0, -1, 0x8000000000000000)
        B2(bset, 4, 2, 4)
        BI(bclri, -1, 63, 0x7fffffffffffffff)
        BI(bclri, -1, 0, 0xfffffffffffffffe)
        BI(bclri, -1, 32, 0xfffffffeffffffff)
        BI(bexti, 0x8000000000000000, 63, 1)
        BI(bexti, 0xfffffffffffffffe, 0, 0)
        BI(bexti, 0x80000000, 31, 1)
        BI(bexti, 0x80000000, 32, 0)
        BI(binvi, 0x8000000000000000, 63, 0)
        BI(binvi, 0, 0, 1)
        BI(binvi, -1, 32, 0xfffffffeffffffff)
        BI(bseti, 0, 63, 0x8000000000000000)
        BI(bseti, 0, 0, 1)
        BI(bseti, 0, 33, 0x200000000)

/* ---- writes to x0 are dropped ---------------------------------------------- */
        SET(a0, 0x0123456789abcdef)
        rev8 zero, a0
        CHECK(zero, 0)
        bseti zero, a0, 5
        CHECK(zero, 0)
        sh3add zero, a0, a0
        CHECK(zero, 0)
        orc.b zero, a0
        add a1, zero, zero
        CHECK(a1, 0)
        /* and x0 as a source */
        clz a1, zero
        CHECK(a1, 64)
        orn a1, zero, zero
        CHECK(a1, -1)
        add.uw a1, a0, zero                      /* zext.w */
        CHECK(a1, 0x89abcdef)

        TEST_END
