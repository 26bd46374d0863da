/* 32-bit instructions that straddle a 4096-byte page boundary (they start
 * at offset 4094 of a page; IALIGN=16 with the C extension makes that
 * legal), executed in several ways:
 *   A  reached by falling through 2047 compressed instructions
 *      (c.addi a1, 1 each, which are counted) from the page start
 *   B  reached directly by a call (first fetch from that page pair)
 *   C  a straddling jal (link = its address + 4, in the next page)
 *   D  a straddling taken backward branch, and a not-taken one
 *   E  a straddling load
 *   F  the second page is executed first, then the straddler
 *   G  a 16-bit instruction in the last 2 bytes of a page, then a
 *      32-bit one at the start of the next page (not straddling)
 * Padding that must never run is zero-filled (illegal instruction).
 * Layout is verified by the .if checks at the end of each block (the
 * assembler fails if an instruction is not where it should be). */
#include "isa_test.h"

        TEST_BEGIN(isa_straddle)

/* A: fall-through */
        li a0, 41
        li a1, 0
        call strad_a
        CHECK(a0, 42)
        CHECK(a1, 2047)

/* B: direct call to the straddler */
        li a0, 0
        call strad_b
        CHECK(a0, 0x12345678)
        call strad_b                    /* again, now "cached" */
        CHECK(a0, 0x12345678)

/* C: straddling jal */
        li t0, 0
        li a0, 0
        call strad_c
        CHECK(a0, 7)
        SET(a1, strad_c + 4)            /* link of the jal: in the next page */
        sub a1, t0, a1
        CHECK(a1, 0)

/* D: straddling branches */
        li a0, 0
        call strad_d                    /* beq zero,zero -> back to page start */
        CHECK(a0, 5)
        li a0, 0
        call strad_d2                   /* bne zero,zero not taken -> falls through */
        CHECK(a0, 6)

/* E: straddling load */
        lla a1, strad_data
        li a0, 0
        call strad_e
        CHECK(a0, 0x0123456789abcdef)

/* F: second page first, then the straddler */
        li a0, 0
        call strad_f2
        CHECK(a0, 100)
        li a0, 0
        call strad_f
        CHECK(a0, 110)

/* G: compressed instruction at 4094, 32-bit at 4096 */
        li a0, 0
        call strad_g
        CHECK(a0, 3)

/* and everything once more in a different order */
        li a0, 0
        call strad_g
        CHECK(a0, 3)
        li a0, 0
        call strad_f
        CHECK(a0, 110)
        li a0, 41
        li a1, 0
        call strad_a
        CHECK(a0, 42)
        CHECK(a1, 2047)
        li a0, 0
        call strad_d
        CHECK(a0, 5)

        TEST_END

/* ------------------------------------------------------------------ */
        .text
        .balign 4096
strad_a:
        .option rvc
        .rept 2047
        c.addi a1, 1                    /* 2 bytes each: 4094 bytes */
        .endr
        .option norvc
strad_a_x:
        addi a0, a0, 1                  /* bytes 4094..4097 */
        ret
        .if strad_a_x - strad_a - 4094
        .error "strad_a: straddler not at offset 4094"
        .endif

        .balign 4096
strad_b_page:
        .skip 4094
strad_b:
        lui a0, 0x12345                 /* straddles */
        addi a0, a0, 0x678
        ret
        .if strad_b - strad_b_page - 4094
        .error "strad_b misplaced"
        .endif

        .balign 4096
strad_c_page:
        .skip 4094
strad_c:
        jal t0, strad_c_tgt             /* straddles */
        .word 0
strad_c_tgt:
        li a0, 7
        ret
        .if strad_c - strad_c_page - 4094
        .error "strad_c misplaced"
        .endif

        .balign 4096
strad_d_page:
        li a0, 5                        /* target of the backward branch */
        ret
        .skip 4094 - 8
strad_d:
        beq zero, zero, strad_d_page    /* straddles, -4094 */
        .word 0
        .if strad_d - strad_d_page - 4094
        .error "strad_d misplaced"
        .endif

        .balign 4096
strad_d2_page:
        .skip 4094
strad_d2:
        bne zero, zero, strad_d2_page   /* straddles, not taken */
        li a0, 6
        ret
        .if strad_d2 - strad_d2_page - 4094
        .error "strad_d2 misplaced"
        .endif

        .balign 4096
strad_e_page:
        .skip 4094
strad_e:
        ld a0, 0(a1)                    /* straddles */
        ret
        .if strad_e - strad_e_page - 4094
        .error "strad_e misplaced"
        .endif

        .balign 4096
strad_f_page:
        .skip 4094
strad_f:
        addi a0, a0, 10                 /* straddles, falls into strad_f2 */
strad_f2:
        addi a0, a0, 100                /* in the second page */
        ret
        .if strad_f - strad_f_page - 4094
        .error "strad_f misplaced"
        .endif

        .balign 4096
strad_g_page:
        .skip 4094
strad_g:
        .option rvc
        c.addi a0, 1                    /* 4094..4095 */
        .option norvc
        addi a0, a0, 2                  /* next page, offset 0 */
        ret
        .if strad_g - strad_g_page - 4094
        .error "strad_g misplaced"
        .endif

        .data
        .balign 8
strad_data:
        .dword 0x0123456789abcdef
