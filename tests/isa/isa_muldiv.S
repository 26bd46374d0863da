/* M extension: mul mulh mulhsu mulhu mulw div divu rem remu divw divuw
 * remw remuw.  Per the manual ("M" chapter, division table):
 *   x / 0      -> quotient all ones (-1 for div, 2^XLEN-1 for divu),
 *                 remainder = dividend
 *   INT_MIN/-1 -> quotient = dividend (INT_MIN), remainder 0
 * Division rounds towards zero, the remainder has the sign of the dividend.
 * W forms use the low 32 bits of both operands and sign-extend the 32-bit
 * result (divuw/remuw too: 0xffffffff as a divuw result is -1). The
 * divide-by-zero tests include divisors that are zero only in the low 32
 * bits (W forms must see them as zero) and dividends with junk in the upper
 * 32 bits.  Expected values were computed from those definitions with
 * exact (unbounded) integer arithmetic. */
#include "isa_test.h"

/* MD(op, a, b, expected): op with rd distinct, rd == rs1 and rd == rs2 */
#define MD(op, a, b, e) md_case op, a, b, e, __LINE__

        .macro md_case op, a, b, exp, line
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

        TEST_BEGIN(isa_muldiv)

        MD(mul, 0, 0, 0x0000000000000000)
        MD(mul, 3, 7, 0x0000000000000015)
        MD(mul, -3, 7, 0xffffffffffffffeb)
        MD(mul, -3, -7, 0x0000000000000015)
        MD(mul, 0x7fffffffffffffff, 2, 0xfffffffffffffffe)
        MD(mul, 0x8000000000000000, -1, 0x8000000000000000)
        MD(mul, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)
        MD(mul, -1, -1, 0x0000000000000001)
        MD(mul, 0x123456789abcdef0, 0x0fedcba987654321, 0x2236d88fe5618cf0)
        MD(mul, 0xffffffff, 0xffffffff, 0xfffffffe00000001)
        MD(mul, 0x100000000, 0x100000000, 0x0000000000000000)
        MD(mulh, 3, 7, 0x0000000000000000)
        MD(mulh, -1, -1, 0x0000000000000000)
        MD(mulh, -1, 1, 0xffffffffffffffff)
        MD(mulh, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000)
        MD(mulh, 0x8000000000000000, -1, 0x0000000000000000)
        MD(mulh, 0x8000000000000000, 0x7fffffffffffffff, 0xc000000000000000)
        MD(mulh, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff)
        MD(mulh, 0x123456789abcdef0, 0x0fedcba987654321, 0x0121fa00ad77d742)
        MD(mulh, -2, 0x4000000000000000, 0xffffffffffffffff)
        MD(mulh, 0x100000000, 0x100000000, 0x0000000000000001)
        MD(mulhu, -1, -1, 0xfffffffffffffffe)
        MD(mulhu, 0x8000000000000000, 2, 0x0000000000000001)
        MD(mulhu, 0x8000000000000000, 0x8000000000000000, 0x4000000000000000)
        MD(mulhu, -1, 1, 0x0000000000000000)
        MD(mulhu, 3, 7, 0x0000000000000000)
        MD(mulhu, 0x123456789abcdef0, 0x0fedcba987654321, 0x0121fa00ad77d742)
        MD(mulhu, 0xfedcba9876543210, 0xfedcba9876543210, 0xfdbac097c8dc5acc)
        MD(mulhsu, -1, -1, 0xffffffffffffffff)
        MD(mulhsu, -1, 1, 0xffffffffffffffff)
        MD(mulhsu, 1, -1, 0x0000000000000000)
        MD(mulhsu, 2, -1, 0x0000000000000001)
        MD(mulhsu, 0x8000000000000000, -1, 0x8000000000000000)
        MD(mulhsu, 0x8000000000000000, 0x8000000000000000, 0xc000000000000000)
        MD(mulhsu, 0x7fffffffffffffff, -1, 0x7ffffffffffffffe)
        MD(mulhsu, -2, 0x4000000000000000, 0xffffffffffffffff)
        MD(mulhsu, 0xfedcba9876543210, 0xfedcba9876543210, 0xfede05ff528828bc)
        MD(mulhsu, 0, -1, 0x0000000000000000)
        MD(mulw, 3, 7, 0x0000000000000015)
        MD(mulw, 0x7fffffff, 2, 0xfffffffffffffffe)
        MD(mulw, 0x10000, 0x8000, 0xffffffff80000000)
        MD(mulw, 0x100000003, 7, 0x0000000000000015)
        MD(mulw, 0xffffffff, 0xffffffff, 0x0000000000000001)
        MD(mulw, 0x80000000, -1, 0xffffffff80000000)
        MD(mulw, 0x12345678deadbeef, 0x9abcdef0cafebabe, 0xffffffff88cf5b62)
        MD(mulw, 0x7fffffff, 0x7fffffff, 0x0000000000000001)
        MD(mulw, 0x10000, 0x10000, 0x0000000000000000)
        MD(div, 7, 2, 0x0000000000000003)
        MD(div, -7, 2, 0xfffffffffffffffd)
        MD(div, 7, -2, 0xfffffffffffffffd)
        MD(div, -7, -2, 0x0000000000000003)
        MD(div, 0, 5, 0x0000000000000000)
        MD(div, 0x7fffffffffffffff, 1, 0x7fffffffffffffff)
        MD(div, 0x8000000000000000, 1, 0x8000000000000000)
        MD(div, 0x8000000000000000, 2, 0xc000000000000000)
        MD(div, 0x8000000000000000, -1, 0x8000000000000000)
        MD(div, 0x8000000000000000, 0x8000000000000000, 0x0000000000000001)
        MD(div, 5, 0, 0xffffffffffffffff)
        MD(div, -5, 0, 0xffffffffffffffff)
        MD(div, 0, 0, 0xffffffffffffffff)
        MD(div, 0x8000000000000000, 0, 0xffffffffffffffff)
        MD(divu, 7, 2, 0x0000000000000003)
        MD(divu, -7, 2, 0x7ffffffffffffffc)
        MD(divu, -1, -1, 0x0000000000000001)
        MD(divu, -1, 1, 0xffffffffffffffff)
        MD(divu, 0x8000000000000000, -1, 0x0000000000000000)
        MD(divu, 5, 0, 0xffffffffffffffff)
        MD(divu, 0, 0, 0xffffffffffffffff)
        MD(divu, -1, 0, 0xffffffffffffffff)
        MD(rem, 7, 2, 0x0000000000000001)
        MD(rem, -7, 2, 0xffffffffffffffff)
        MD(rem, 7, -2, 0x0000000000000001)
        MD(rem, -7, -2, 0xffffffffffffffff)
        MD(rem, 0x8000000000000000, -1, 0x0000000000000000)
        MD(rem, 0x8000000000000000, 2, 0x0000000000000000)
        MD(rem, 0x8000000000000000, 3, 0xfffffffffffffffe)
        MD(rem, 5, 0, 0x0000000000000005)
        MD(rem, -5, 0, 0xfffffffffffffffb)
        MD(rem, 0x8000000000000000, 0, 0x8000000000000000)
        MD(rem, 0, 0, 0x0000000000000000)
        MD(remu, 7, 2, 0x0000000000000001)
        MD(remu, -7, 2, 0x0000000000000001)
        MD(remu, -1, -1, 0x0000000000000000)
        MD(remu, 5, 0, 0x0000000000000005)
        MD(remu, -5, 0, 0xfffffffffffffffb)
        MD(remu, 0x123456789abcdef0, 0, 0x123456789abcdef0)
        MD(remu, 0x8000000000000000, -1, 0x8000000000000000)
        MD(divw, 7, 2, 0x0000000000000003)
        MD(divw, -7, 2, 0xfffffffffffffffd)
        MD(divw, 7, -2, 0xfffffffffffffffd)
        MD(divw, -7, -2, 0x0000000000000003)
        MD(divw, 0x80000000, -1, 0xffffffff80000000)
        MD(divw, 0xffffffff80000000, -1, 0xffffffff80000000)
        MD(divw, 0x5555555580000000, 0x12345678ffffffff, 0xffffffff80000000)
        MD(divw, 0x80000000, 1, 0xffffffff80000000)
        MD(divw, 0x80000000, 2, 0xffffffffc0000000)
        MD(divw, 0x7fffffff, -1, 0xffffffff80000001)
        MD(divw, 0x100000006, 3, 0x0000000000000002)
        MD(divw, 5, 0, 0xffffffffffffffff)
        MD(divw, 0x1234567887654321, 0, 0xffffffffffffffff)
        MD(divw, 5, 0x100000000, 0xffffffffffffffff)
        MD(divw, 0, 0, 0xffffffffffffffff)
        MD(divuw, 7, 2, 0x0000000000000003)
        MD(divuw, 0xffffffff, 1, 0xffffffffffffffff)
        MD(divuw, 0x80000000, 1, 0xffffffff80000000)
        MD(divuw, 0xffffffff, 2, 0x000000007fffffff)
        MD(divuw, 0xfffffffe, 0xffffffff, 0x0000000000000000)
        MD(divuw, 0xffffffff80000000, -1, 0x0000000000000000)
        MD(divuw, 0x1234567880000000, 0x100000001, 0xffffffff80000000)
        MD(divuw, 5, 0, 0xffffffffffffffff)
        MD(divuw, 0x1234567887654321, 0, 0xffffffffffffffff)
        MD(divuw, 0, 0, 0xffffffffffffffff)
        MD(divuw, 5, 0xffffffff00000000, 0xffffffffffffffff)
        MD(remw, 7, 2, 0x0000000000000001)
        MD(remw, -7, 2, 0xffffffffffffffff)
        MD(remw, 7, -2, 0x0000000000000001)
        MD(remw, -7, -2, 0xffffffffffffffff)
        MD(remw, 0x80000000, -1, 0x0000000000000000)
        MD(remw, 0xffffffff80000000, -1, 0x0000000000000000)
        MD(remw, 0x5555555580000000, 0x12345678ffffffff, 0x0000000000000000)
        MD(remw, 0x80000000, 3, 0xfffffffffffffffe)
        MD(remw, 0x80000001, 0x7fffffff, 0x0000000000000000)
        MD(remw, 0x1234567887654321, 0, 0xffffffff87654321)
        MD(remw, 0x7654321012345678, 0, 0x0000000012345678)
        MD(remw, 5, 0x100000000, 0x0000000000000005)
        MD(remw, 0, 0, 0x0000000000000000)
        MD(remuw, 7, 2, 0x0000000000000001)
        MD(remuw, 0x80000005, 0x10, 0x0000000000000005)
        MD(remuw, 0xffffffff, 0x80000000, 0x000000007fffffff)
        MD(remuw, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe)
        MD(remuw, 0x180000000, 3, 0x0000000000000002)
        MD(remuw, 0x1234567887654321, 0, 0xffffffff87654321)
        MD(remuw, 0x7654321012345678, 0, 0x0000000012345678)
        MD(remuw, 0xffffffff, 0xffffffff00000000, 0xffffffffffffffff)
        MD(remuw, 0, 0, 0x0000000000000000)

/* ---- rd = rs1 = rs2 ---- */
        SET(a0, 0xfffffffffffffffd); mul a0, a0, a0
        CHECK(a0, 9)
        SET(a0, 0x8000000000000000); mulh a0, a0, a0
        CHECK(a0, 0x4000000000000000)
        SET(a0, 0xffffffffffffffff); mulhu a0, a0, a0
        CHECK(a0, 0xfffffffffffffffe)
        SET(a0, 0xffffffffffffffff); mulhsu a0, a0, a0
        CHECK(a0, 0xffffffffffffffff)
        SET(a0, 0x0000000000010000); mulw a0, a0, a0
        CHECK(a0, 0)
        SET(a0, 0x8000000000000000); div a0, a0, a0
        CHECK(a0, 1)
        SET(a0, 0); divu a0, a0, a0
        CHECK(a0, 0xffffffffffffffff)
        SET(a0, 0); rem a0, a0, a0
        CHECK(a0, 0)
        SET(a0, 0xffffffff00000000); remuw a0, a0, a0    /* low word 0: x % 0 = x -> sext(0) */
        CHECK(a0, 0)
        SET(a0, 0xffffffff00000000); divw a0, a0, a0
        CHECK(a0, 0xffffffffffffffff)
/* ---- x0 as divisor / destination ---- */
        SET(a0, 0x1234); div a1, a0, zero
        CHECK(a1, 0xffffffffffffffff)
        rem a1, a0, zero
        CHECK(a1, 0x1234)
        remuw a1, a0, zero
        CHECK(a1, 0x1234)
        mul zero, a0, a0
        CHECK(zero, 0)
        div zero, a0, zero
        CHECK(zero, 0)

        TEST_END
