/* A extension AMOs, .w and .d: amoswap amoadd amoxor amoand amoor amomin
 * amomax amominu amomaxu.  Per the manual: rd receives the old memory
 * value (sign-extended from 32 bits for .w), memory receives
 * op(old, rs2); .w uses only the low 32 bits of rs2 and compares them as
 * 32-bit signed/unsigned numbers; only the addressed word is written.
 * Also: rd = x0, rd == rs2 (rs2 is read before rd is written), rd == rs1,
 * and the aq/rl/aqrl encodings. */
#include "isa_test.h"

/* AMOW(op, mem, rs2, old_sext, new_mem32): memory word at amo_w (whose
 * neighbour words hold sentinels) starts as mem; checks rd and memory. */
#define AMOW(op, m, r, old, new) amow_case op, m, r, old, new, __LINE__
#define AMOD(op, m, r, old, new) amod_case op, m, r, old, new, __LINE__

        .macro amow_case op, m, r, old, new, line
        lla s0, amo_w
        set_reg a0, \m
        sw a0, 0(s0)
        set_reg a1, \r
        \op a2, a1, (s0)
        check_eq a2, \old, \line
        lwu a3, 0(s0)
        check_eq a3, \new, \line
        lwu a3, -4(s0)                  /* neighbours untouched */
        check_eq a3, 0xa5a5a5a5, \line
        lwu a3, 4(s0)
        check_eq a3, 0x5a5a5a5a, \line
        set_reg a4, \r                  /* rs2 not modified */
        sub a4, a4, a1
        check_eq a4, 0, \line
        .endm

        .macro amod_case op, m, r, old, new, line
        lla s0, amo_d
        set_reg a0, \m
        sd a0, 0(s0)
        set_reg a1, \r
        \op a2, a1, (s0)
        check_eq a2, \old, \line
        ld a3, 0(s0)
        check_eq a3, \new, \line
        ld a3, -8(s0)
        check_eq a3, 0xa5a5a5a5a5a5a5a5, \line
        ld a3, 8(s0)
        check_eq a3, 0x5a5a5a5a5a5a5a5a, \line
        .endm

        TEST_BEGIN(isa_amo)

/* ---- .w ---- */
        AMOW(amoswap.w, 0x80000001, 0x1111111122223333, 0xffffffff80000001, 0x22223333)
        AMOW(amoswap.w, 0x7fffffff, 0x0000000080000000, 0x7fffffff, 0x80000000)
        AMOW(amoadd.w, 0x7fffffff, 0xabcdef0000000001, 0x7fffffff, 0x80000000)   /* wraps at 32 bits */
        AMOW(amoadd.w, 0xffffffff, 1, 0xffffffffffffffff, 0)
        AMOW(amoadd.w, 0x80000000, 0xffffffff80000000, 0xffffffff80000000, 0)
        AMOW(amoadd.w, 0x12345678, 0x1111111111111111, 0x12345678, 0x23456789)
        AMOW(amoxor.w, 0xf0f0f0f0, 0x12345678ff00ff00, 0xfffffffff0f0f0f0, 0x0ff00ff0)
        AMOW(amoxor.w, 0x0ff00ff0, 0xffffffff, 0x0ff00ff0, 0xf00ff00f)
        AMOW(amoand.w, 0xf0f0f0f0, 0x0ff00ff0, 0xfffffffff0f0f0f0, 0x00f000f0)
        AMOW(amoand.w, 0x8000ffff, 0x00000000ffff0001, 0xffffffff8000ffff, 0x80000001)
        AMOW(amoor.w, 0x80000000, 1, 0xffffffff80000000, 0x80000001)
        AMOW(amoor.w, 0x00f000f0, 0xffffffff0f000f00, 0x00f000f0, 0x0ff00ff0)
        /* signed 32-bit min/max: 0x80000000 in the low word of rs2 is INT32_MIN */
        AMOW(amomin.w, 0xffffffff, 1, 0xffffffffffffffff, 0xffffffff)
        AMOW(amomin.w, 1, 0xffffffff, 1, 0xffffffff)
        AMOW(amomin.w, 5, 0x0000000080000000, 5, 0x80000000)
        AMOW(amomin.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000)
        AMOW(amomin.w, 7, 0xffffffff00000009, 7, 7)                               /* rs2 is +9 */
        AMOW(amomin.w, 7, 7, 7, 7)
        AMOW(amomax.w, 0xffffffff, 1, 0xffffffffffffffff, 1)
        AMOW(amomax.w, 1, 0xffffffff, 1, 1)
        AMOW(amomax.w, 5, 0x0000000080000000, 5, 5)
        AMOW(amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff)
        AMOW(amomax.w, 7, 0x00000001fffffff0, 7, 7)                               /* rs2 is -16 */
        /* unsigned 32-bit min/max */
        AMOW(amominu.w, 0xffffffff, 1, 0xffffffffffffffff, 1)
        AMOW(amominu.w, 1, 0xffffffff, 1, 1)
        AMOW(amominu.w, 0x80000000, 0xffffffff7fffffff, 0xffffffff80000000, 0x7fffffff)
        AMOW(amominu.w, 3, 0x0000000100000005, 3, 3)                              /* rs2 is 5 */
        AMOW(amominu.w, 0x80000000, 0x80000000, 0xffffffff80000000, 0x80000000)
        AMOW(amomaxu.w, 0xffffffff, 1, 0xffffffffffffffff, 0xffffffff)
        AMOW(amomaxu.w, 1, 0x00000000ffffffff, 1, 0xffffffff)
        AMOW(amomaxu.w, 1, 0xffffffff00000002, 1, 2)
        AMOW(amomaxu.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000)
        AMOW(amomaxu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000)

/* ---- .d ---- */
        AMOD(amoswap.d, 0x8000000000000001, 0x1122334455667788, 0x8000000000000001, 0x1122334455667788)
        AMOD(amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000)
        AMOD(amoadd.d, 0xffffffffffffffff, 1, 0xffffffffffffffff, 0)
        AMOD(amoadd.d, 0x00000000ffffffff, 1, 0x00000000ffffffff, 0x100000000)  /* carries past bit 31 */
        AMOD(amoxor.d, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0, 0x0ff00ff00ff00ff0)
        AMOD(amoand.d, 0xf0f0f0f0f0f0f0f0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0, 0x00f000f000f000f0)
        AMOD(amoor.d, 0x8000000000000000, 0x80000001, 0x8000000000000000, 0x8000000080000001)
        AMOD(amomin.d, 0xffffffffffffffff, 1, 0xffffffffffffffff, 0xffffffffffffffff)
        AMOD(amomin.d, 1, 0xffffffffffffffff, 1, 0xffffffffffffffff)
        AMOD(amomin.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)
        AMOD(amomin.d, 0x0000000080000000, 5, 0x0000000080000000, 5)           /* 64-bit compare */
        AMOD(amomax.d, 0xffffffffffffffff, 1, 0xffffffffffffffff, 1)
        AMOD(amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        AMOD(amomax.d, 0x0000000080000000, 5, 0x0000000080000000, 0x0000000080000000)
        AMOD(amominu.d, 0xffffffffffffffff, 1, 0xffffffffffffffff, 1)
        AMOD(amominu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        AMOD(amominu.d, 0x100000000, 0xffffffff, 0x100000000, 0xffffffff)
        AMOD(amomaxu.d, 0xffffffffffffffff, 1, 0xffffffffffffffff, 0xffffffffffffffff)
        AMOD(amomaxu.d, 1, 0xffffffffffffffff, 1, 0xffffffffffffffff)
        AMOD(amomaxu.d, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)

/* ---- ordering bits: same results ---- */
        AMOW(amoadd.w.aq, 10, 5, 10, 15)
        AMOW(amoadd.w.rl, 10, 5, 10, 15)
        AMOW(amoadd.w.aqrl, 10, 5, 10, 15)
        AMOD(amoswap.d.aq, 1, 2, 1, 2)
        AMOD(amoswap.d.rl, 1, 2, 1, 2)
        AMOD(amoswap.d.aqrl, 1, 2, 1, 2)
        AMOD(amomaxu.d.aqrl, 1, 2, 1, 2)
        AMOW(amominu.w.aqrl, 1, 2, 1, 1)

/* ---- rd = x0: memory still updated ---- */
        lla s0, amo_d
        SET(a0, 40)
        sd a0, 0(s0)
        SET(a1, 2)
        amoadd.d zero, a1, (s0)
        CHECK(zero, 0)
        ld a3, 0(s0)
        CHECK(a3, 42)
        lla s0, amo_w
        SET(a0, 0x80000000)
        sw a0, 0(s0)
        SET(a1, 1)
        amoor.w zero, a1, (s0)
        lwu a3, 0(s0)
        CHECK(a3, 0x80000001)
/* ---- rd == rs2: memory gets the old rs2, rd the old memory ---- */
        lla s0, amo_d
        SET(a0, 0x1111)
        sd a0, 0(s0)
        SET(a1, 0x2222)
        amoswap.d a1, a1, (s0)
        CHECK(a1, 0x1111)
        ld a3, 0(s0)
        CHECK(a3, 0x2222)
        SET(a1, 0x0300)
        amoadd.d a1, a1, (s0)
        CHECK(a1, 0x2222)
        ld a3, 0(s0)
        CHECK(a3, 0x2522)
        lla s0, amo_w
        SET(a0, 0xfffffff0)
        sw a0, 0(s0)
        SET(a1, 0x20)
        amoadd.w a1, a1, (s0)
        CHECK(a1, 0xfffffffffffffff0)
        lwu a3, 0(s0)
        CHECK(a3, 0x10)
/* ---- rd == rs1: the address is used before rd is written ---- */
        lla s0, amo_d
        SET(a0, 0x77)
        sd a0, 0(s0)
        mv a2, s0
        SET(a1, 1)
        amoadd.d a2, a1, (a2)
        CHECK(a2, 0x77)
        ld a3, 0(s0)
        CHECK(a3, 0x78)
/* ---- .w on the upper word of a doubleword ---- */
        lla s0, amo_d
        SET(a0, 0x0123456789abcdef)
        sd a0, 0(s0)
        SET(a1, 0xffffffff)
        addi a4, s0, 4
        amoxor.w a2, a1, (a4)
        CHECK(a2, 0x01234567)
        ld a3, 0(s0)
        CHECK(a3, 0xfedcba9889abcdef)
        amomin.w a2, zero, (s0)         /* low word 0x89abcdef < 0 stays */
        CHECK(a2, 0xffffffff89abcdef)
        ld a3, 0(s0)
        CHECK(a3, 0xfedcba9889abcdef)
        amomaxu.w a2, zero, (a4)
        CHECK(a2, 0xfffffffffedcba98)
        ld a3, 0(s0)
        CHECK(a3, 0xfedcba9889abcdef)
        amoswap.w a2, zero, (a4)
        CHECK(a2, 0xfffffffffedcba98)
        ld a3, 0(s0)
        CHECK(a3, 0x0000000089abcdef)

        TEST_END

        .data
        .balign 8
        .word 0xa5a5a5a5
amo_w:  .word 0
        .word 0x5a5a5a5a
        .word 0
        .dword 0xa5a5a5a5a5a5a5a5
amo_d:  .dword 0
        .dword 0x5a5a5a5a5a5a5a5a
