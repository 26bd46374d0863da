/* RV64I shifts: sll srl sra slli srli srai and the W forms sllw srlw sraw
 * slliw srliw sraiw.  Per the manual: RV64 immediate shifts take a 6-bit
 * shamt, the register forms use only the low 6 bits of rs2; the W forms
 * use a 5-bit shamt / the low 5 bits of rs2, operate on the low 32 bits of
 * rs1 and sign-extend the 32-bit result (also for srlw/srliw, whose result
 * has bit 31 set only when the shift amount is 0). */
#include "isa_test.h"

/* SH64(immop, regop, value, shamt, expected): checks
 *   immop rd, value, shamt
 *   regop rd, value, rs2   with rs2 = shamt, shamt+64, shamt-64 (all upper
 *                          bits set), shamt+0x7fffffffffffffc0 ... */
#define SH64(iop, rop, v, s, e) shift_case iop, rop, v, s, e, 64, __LINE__
#define SH32(iop, rop, v, s, e) shift_case iop, rop, v, s, e, 32, __LINE__

        .macro shift_case iop, rop, val, sh, exp, width, line
        set_reg a0, \val
        \iop a1, a0, \sh
        check_eq a1, \exp, \line
        set_reg a2, \sh
        \rop a1, a0, a2
        check_eq a1, \exp, \line
        set_reg a2, (\sh + \width)               /* only low log2(width) bits count */
        \rop a1, a0, a2
        check_eq a1, \exp, \line
        set_reg a2, (\sh - \width)               /* upper bits all ones */
        \rop a1, a0, a2
        check_eq a1, \exp, \line
        set_reg a2, (\sh + 0x5555555555555500)   /* junk in bits 8..62, low bits = shamt */
        \rop a1, a0, a2
        check_eq a1, \exp, \line
        .endm

        TEST_BEGIN(isa_shift)

/* ---- 64-bit shifts of 0x123456789abcdef0 ---- */
        SH64(slli, sll, 0x123456789abcdef0, 0,  0x123456789abcdef0)
        SH64(slli, sll, 0x123456789abcdef0, 1,  0x2468acf13579bde0)
        SH64(slli, sll, 0x123456789abcdef0, 4,  0x23456789abcdef00)
        SH64(slli, sll, 0x123456789abcdef0, 31, 0x4d5e6f7800000000)
        SH64(slli, sll, 0x123456789abcdef0, 32, 0x9abcdef000000000)
        SH64(slli, sll, 0x123456789abcdef0, 63, 0)
        SH64(srli, srl, 0x123456789abcdef0, 0,  0x123456789abcdef0)
        SH64(srli, srl, 0x123456789abcdef0, 1,  0x091a2b3c4d5e6f78)
        SH64(srli, srl, 0x123456789abcdef0, 31, 0x2468acf1)
        SH64(srli, srl, 0x123456789abcdef0, 32, 0x12345678)
        SH64(srli, srl, 0x123456789abcdef0, 63, 0)
        SH64(srai, sra, 0x123456789abcdef0, 0,  0x123456789abcdef0)
        SH64(srai, sra, 0x123456789abcdef0, 1,  0x091a2b3c4d5e6f78)
        SH64(srai, sra, 0x123456789abcdef0, 31, 0x2468acf1)
        SH64(srai, sra, 0x123456789abcdef0, 32, 0x12345678)
        SH64(srai, sra, 0x123456789abcdef0, 63, 0)

/* ---- 64-bit shifts of 0x8000000000000001 (sign bit and bit 0 set) ---- */
        SH64(slli, sll, 0x8000000000000001, 0,  0x8000000000000001)
        SH64(slli, sll, 0x8000000000000001, 1,  2)
        SH64(slli, sll, 0x8000000000000001, 31, 0x80000000)
        SH64(slli, sll, 0x8000000000000001, 32, 0x100000000)
        SH64(slli, sll, 0x8000000000000001, 63, 0x8000000000000000)
        SH64(srli, srl, 0x8000000000000001, 0,  0x8000000000000001)
        SH64(srli, srl, 0x8000000000000001, 1,  0x4000000000000000)
        SH64(srli, srl, 0x8000000000000001, 31, 0x100000000)
        SH64(srli, srl, 0x8000000000000001, 32, 0x80000000)
        SH64(srli, srl, 0x8000000000000001, 63, 1)
        SH64(srai, sra, 0x8000000000000001, 0,  0x8000000000000001)
        SH64(srai, sra, 0x8000000000000001, 1,  0xc000000000000000)
        SH64(srai, sra, 0x8000000000000001, 31, 0xffffffff00000000)
        SH64(srai, sra, 0x8000000000000001, 32, 0xffffffff80000000)
        SH64(srai, sra, 0x8000000000000001, 63, 0xffffffffffffffff)

/* ---- all ones ---- */
        SH64(slli, sll, -1, 63, 0x8000000000000000)
        SH64(srli, srl, -1, 63, 1)
        SH64(srli, srl, -1, 32, 0xffffffff)
        SH64(srai, sra, -1, 63, 0xffffffffffffffff)
        SH64(srai, sra, 0x7fffffffffffffff, 62, 1)

/* ---- W forms on 0x123456789abcdef0 (low word 0x9abcdef0 has bit 31 set) ---- */
        SH32(slliw, sllw, 0x123456789abcdef0, 0,  0xffffffff9abcdef0)
        SH32(slliw, sllw, 0x123456789abcdef0, 1,  0x3579bde0)
        SH32(slliw, sllw, 0x123456789abcdef0, 4,  0xffffffffabcdef00)
        SH32(slliw, sllw, 0x123456789abcdef0, 31, 0)
        SH32(srliw, srlw, 0x123456789abcdef0, 0,  0xffffffff9abcdef0)
        SH32(srliw, srlw, 0x123456789abcdef0, 1,  0x4d5e6f78)
        SH32(srliw, srlw, 0x123456789abcdef0, 4,  0x09abcdef)
        SH32(srliw, srlw, 0x123456789abcdef0, 31, 1)
        SH32(sraiw, sraw, 0x123456789abcdef0, 0,  0xffffffff9abcdef0)
        SH32(sraiw, sraw, 0x123456789abcdef0, 1,  0xffffffffcd5e6f78)
        SH32(sraiw, sraw, 0x123456789abcdef0, 4,  0xfffffffff9abcdef)
        SH32(sraiw, sraw, 0x123456789abcdef0, 31, 0xffffffffffffffff)

/* ---- W forms on 0xfedcba9876543210 (low word positive, upper word junk) ---- */
        SH32(slliw, sllw, 0xfedcba9876543210, 0,  0x76543210)
        SH32(slliw, sllw, 0xfedcba9876543210, 1,  0xffffffffeca86420)
        SH32(slliw, sllw, 0xfedcba9876543210, 4,  0x65432100)
        SH32(slliw, sllw, 0xfedcba9876543210, 31, 0)
        SH32(srliw, srlw, 0xfedcba9876543210, 0,  0x76543210)
        SH32(srliw, srlw, 0xfedcba9876543210, 1,  0x3b2a1908)
        SH32(srliw, srlw, 0xfedcba9876543210, 31, 0)
        SH32(sraiw, sraw, 0xfedcba9876543210, 0,  0x76543210)
        SH32(sraiw, sraw, 0xfedcba9876543210, 4,  0x07654321)
        SH32(sraiw, sraw, 0xfedcba9876543210, 31, 0)

/* ---- W forms: bit 31 results from small inputs, upper input bits ignored ---- */
        SH32(slliw, sllw, 1, 31, 0xffffffff80000000)
        SH32(slliw, sllw, 3, 31, 0xffffffff80000000)
        SH32(slliw, sllw, 0x00000000ffffffff, 0, 0xffffffffffffffff)
        SH32(slliw, sllw, 0x0000000180000000, 1, 0)
        SH32(srliw, srlw, 0xffffffff80000000, 0, 0xffffffff80000000)
        SH32(srliw, srlw, 0xffffffff80000000, 1, 0x40000000)
        SH32(srliw, srlw, 0xffffffff80000000, 31, 1)
        SH32(srliw, srlw, 0x00000000ffffffff, 0, 0xffffffffffffffff)
        SH32(srliw, srlw, 0xffffffff00000010, 4, 1)
        SH32(sraiw, sraw, 0x0000000080000000, 0, 0xffffffff80000000)
        SH32(sraiw, sraw, 0x0000000080000000, 1, 0xffffffffc0000000)
        SH32(sraiw, sraw, 0x0000000080000000, 4, 0xfffffffff8000000)
        SH32(sraiw, sraw, 0x0000000080000000, 31, 0xffffffffffffffff)
        SH32(sraiw, sraw, 0x12345678f0000000, 4, 0xffffffffff000000)
        SH32(sraiw, sraw, 0xffffffff7fffffff, 31, 0)
        SH32(sraiw, sraw, 0xffffffff7fffffff, 1, 0x3fffffff)

/* ---- register aliasing: rd = rs1 = rs2 ---- */
        SET(a0, 3); sll a0, a0, a0
        CHECK(a0, 24)
        SET(a0, 0x40); srl a0, a0, a0           /* 0x40 & 63 = 0 -> unchanged */
        CHECK(a0, 0x40)
        SET(a0, 0xffffffffffffffc4); sra a0, a0, a0  /* shamt 4 */
        CHECK(a0, 0xfffffffffffffffc)
        SET(a0, 0x24); sllw a0, a0, a0          /* 0x24 & 31 = 4 */
        CHECK(a0, 0x240)
        SET(a0, 0x3f); srlw a0, a0, a0          /* shamt 31 */
        CHECK(a0, 0)
        SET(a0, 0x8000001f); sraw a0, a0, a0    /* shamt 31 of negative word */
        CHECK(a0, 0xffffffffffffffff)
/* ---- x0 as source / destination ---- */
        SET(a0, 5); sll a1, zero, a0
        CHECK(a1, 0)
        SET(a0, 0x123); sll a1, a0, zero
        CHECK(a1, 0x123)
        SET(a0, 0x80000000); sraw a1, a0, zero
        CHECK(a1, 0xffffffff80000000)
        slli zero, a0, 3
        CHECK(zero, 0)

        TEST_END
