/* RV64I aligned loads and stores of every width: lb lh lw ld lbu lhu lwu,
 * sb sh sw sd; sign vs zero extension; 12-bit signed offsets at both ends
 * (-2048, +2047); stores write exactly their width (the neighbouring bytes
 * are checked); loads into rd == rs1; loads into x0; FENCE variants
 * (fence, fence.tso, pause, fence.i) execute as no-ops here.
 * Misaligned accesses are in isa_misaligned.S. */
#include "isa_test.h"

        TEST_BEGIN(isa_mem)

        lla s0, mem_ro
/* ---- byte loads: mem_ro bytes 10 32 54 76 98 ba dc fe | 80 80 00 80 00 00 00 80 | 7f 7f ff 7f ff ff ff 7f ---- */
        lb a0, 0(s0)
        CHECK(a0, 0x10)
        lb a0, 7(s0)
        CHECK(a0, 0xfffffffffffffffe)
        lbu a0, 7(s0)
        CHECK(a0, 0xfe)
        lb a0, 8(s0)
        CHECK(a0, 0xffffffffffffff80)
        lbu a0, 8(s0)
        CHECK(a0, 0x80)
        lb a0, 16(s0)
        CHECK(a0, 0x7f)
        lbu a0, 16(s0)
        CHECK(a0, 0x7f)
        lb a0, 18(s0)
        CHECK(a0, 0xffffffffffffffff)
        lbu a0, 18(s0)
        CHECK(a0, 0xff)
        lb a0, 10(s0)
        CHECK(a0, 0)
        lbu a0, 4(s0)
        CHECK(a0, 0x98)
/* ---- halfword loads ---- */
        lh a0, 0(s0)
        CHECK(a0, 0x3210)
        lhu a0, 0(s0)
        CHECK(a0, 0x3210)
        lh a0, 6(s0)
        CHECK(a0, 0xfffffffffffffedc)
        lhu a0, 6(s0)
        CHECK(a0, 0xfedc)
        lh a0, 8(s0)
        CHECK(a0, 0xffffffffffff8080)
        lhu a0, 8(s0)
        CHECK(a0, 0x8080)
        lh a0, 10(s0)
        CHECK(a0, 0xffffffffffff8000)
        lhu a0, 10(s0)
        CHECK(a0, 0x8000)
        lh a0, 16(s0)
        CHECK(a0, 0x7f7f)
        lh a0, 18(s0)
        CHECK(a0, 0x7fff)
        lh a0, 20(s0)
        CHECK(a0, 0xffffffffffffffff)
        lhu a0, 20(s0)
        CHECK(a0, 0xffff)
/* ---- word loads ---- */
        lw a0, 0(s0)
        CHECK(a0, 0x76543210)
        lwu a0, 0(s0)
        CHECK(a0, 0x76543210)
        lw a0, 4(s0)
        CHECK(a0, 0xfffffffffedcba98)
        lwu a0, 4(s0)
        CHECK(a0, 0xfedcba98)
        lw a0, 8(s0)
        CHECK(a0, 0xffffffff80008080)
        lwu a0, 8(s0)
        CHECK(a0, 0x80008080)
        lw a0, 12(s0)
        CHECK(a0, 0xffffffff80000000)
        lwu a0, 12(s0)
        CHECK(a0, 0x80000000)
        lw a0, 16(s0)
        CHECK(a0, 0x7fff7f7f)
        lw a0, 20(s0)
        CHECK(a0, 0x7fffffff)
        lwu a0, 20(s0)
        CHECK(a0, 0x7fffffff)
/* ---- doubleword loads ---- */
        ld a0, 0(s0)
        CHECK(a0, 0xfedcba9876543210)
        ld a0, 8(s0)
        CHECK(a0, 0x8000000080008080)
        ld a0, 16(s0)
        CHECK(a0, 0x7fffffff7fff7f7f)
/* ---- negative offsets from a base past the data ---- */
        addi s1, s0, 24
        ld a0, -24(s1)
        CHECK(a0, 0xfedcba9876543210)
        lw a0, -12(s1)
        CHECK(a0, 0xffffffff80000000)
        lhu a0, -2(s1)
        CHECK(a0, 0x7fff)
        lb a0, -1(s1)
        CHECK(a0, 0x7f)
        lb a0, -16(s1)
        CHECK(a0, 0xffffffffffffff80)
/* ---- extreme offsets: -2048 and +2047 from the middle of mem_big ---- */
        lla s1, mem_big
        addi s1, s1, 2047
        addi s1, s1, 1                  /* s1 = mem_big + 2048 */
        ld a0, -2048(s1)
        CHECK(a0, 0x0807060504030201)
        lw a0, -2044(s1)
        CHECK(a0, 0x08070605)
        lbu a0, 2047(s1)                /* mem_big + 4095 */
        CHECK(a0, 0x88)
        lb a0, 2047(s1)
        CHECK(a0, 0xffffffffffffff88)
        lh a0, 2046(s1)
        CHECK(a0, 0xffffffffffff8877)
        lwu a0, 2044(s1)
        CHECK(a0, 0x88776655)
        ld a0, 2040(s1)
        CHECK(a0, 0x8877665544332211)
/* ---- rd == rs1, rd == x0 ---- */
        mv a0, s0
        ld a0, 8(a0)
        CHECK(a0, 0x8000000080008080)
        mv a0, s0
        lbu a0, 9(a0)
        CHECK(a0, 0x80)
        ld zero, 0(s0)
        CHECK(zero, 0)
        lb zero, 7(s0)
        CHECK(zero, 0)

/* ---- stores: each writes exactly its width into a dword of all ones ---- */
        lla s2, mem_rw
        SET(s3, -1)
        SET(s4, 0x1234567890abcdef)     /* value with distinct bytes everywhere */
        sd s3, 0(s2)
        sb s4, 0(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffffffffffffffef)
        sd s3, 0(s2)
        sb s4, 3(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffffffffefffffff)
        sd s3, 0(s2)
        sb s4, 7(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xefffffffffffffff)
        sd s3, 0(s2)
        sh s4, 0(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffffffffffffcdef)
        sd s3, 0(s2)
        sh s4, 2(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffffffffcdefffff)
        sd s3, 0(s2)
        sh s4, 6(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xcdefffffffffffff)
        sd s3, 0(s2)
        sw s4, 0(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffffffff90abcdef)
        sd s3, 0(s2)
        sw s4, 4(s2)
        ld a0, 0(s2)
        CHECK(a0, 0x90abcdefffffffff)
        sd s3, 8(s2)
        sd s3, 0(s2)
        sd s4, 0(s2)
        ld a0, 0(s2)
        CHECK(a0, 0x1234567890abcdef)
        ld a0, 8(s2)                    /* next dword untouched */
        CHECK(a0, 0xffffffffffffffff)
        ld a0, -8(s2)                   /* previous dword untouched */
        CHECK(a0, 0x5a5a5a5a5a5a5a5a)
/* ---- zero stores into all ones, x0 as the source ---- */
        sd s3, 0(s2)
        sb zero, 1(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffffffffffff00ff)
        sh zero, 4(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffff0000ffff00ff)
        sw zero, 0(s2)
        ld a0, 0(s2)
        CHECK(a0, 0xffff000000000000)
        sd zero, 0(s2)
        ld a0, 0(s2)
        CHECK(a0, 0)
/* ---- store then load back with every width (little endian) ---- */
        SET(a1, 0x8182838485868788)
        sd a1, 0(s2)
        lb a0, 0(s2)
        CHECK(a0, 0xffffffffffffff88)
        lbu a0, 7(s2)
        CHECK(a0, 0x81)
        lh a0, 2(s2)
        CHECK(a0, 0xffffffffffff8586)
        lhu a0, 4(s2)
        CHECK(a0, 0x8384)
        lw a0, 4(s2)
        CHECK(a0, 0xffffffff81828384)
        lwu a0, 0(s2)
        CHECK(a0, 0x85868788)
/* ---- store offsets -2048 and +2047 ---- */
        lla s5, mem_big2
        addi s5, s5, 2047
        addi s5, s5, 1                  /* s5 = mem_big2 + 2048 */
        SET(a1, 0x1122334455667788)
        sd a1, -2048(s5)
        sb a1, 2047(s5)
        lla s6, mem_big2
        addi s7, s6, 2047               /* s7 = mem_big2 + 2047 */
        ld a0, 0(s6)
        CHECK(a0, 0x1122334455667788)
        ld a0, 2041(s7)                 /* mem_big2 + 4088 */
        CHECK(a0, 0x8800000000000000)
        sh a1, -2046(s5)
        sw a1, 2040(s5)
        ld a0, 0(s6)
        CHECK(a0, 0x1122334477887788)
        ld a0, 2041(s7)
        CHECK(a0, 0x8800000055667788)

/* ---- FENCE family: must execute (as ordering no-ops on one hart) ---- */
        SET(a1, 0x55)
        sd a1, 0(s2)
        fence
        fence rw, rw
        fence r, r
        fence w, w
        fence r, w
        fence iorw, iorw
        fence.tso
        .insn i 0x0f, 0, x0, x0, 0x010  /* pause (Zihintpause): fence w,0 */
        fence.i
        ld a0, 0(s2)
        CHECK(a0, 0x55)

        TEST_END

        .section .rodata
        .balign 8
mem_ro:
        .dword 0xfedcba9876543210
        .dword 0x8000000080008080
        .dword 0x7fffffff7fff7f7f
        .balign 8
mem_big:
        .dword 0x0807060504030201
        .fill 4080, 1, 0
        .dword 0x8877665544332211       /* bytes 4088..4095 */

        .data
        .balign 8
        .dword 0x5a5a5a5a5a5a5a5a
mem_rw:
        .dword 0, 0
        .balign 8
mem_big2:
        .fill 4096, 1, 0
