/* A extension LR/SC (single hart).  Per the manual (Zalrsc):
 *  - lr.w/lr.d load (lr.w sign-extends) and register a reservation;
 *  - sc writes rs2 and returns 0 only if the reservation is valid and
 *    covers the address; otherwise it writes nothing and returns non-zero
 *    (only "non-zero" is checked, the code 1 is not required);
 *  - any sc, successful or not, invalidates the reservation, so an sc
 *    after an sc always fails;
 *  - an sc must fail if its address is not in the reservation set of the
 *    most recent lr.  The spec lets the reservation set be arbitrarily
 *    large, so "sc to another address fails" is checked only with the two
 *    addresses in different pages (qemu and any sane implementation
 *    reserve far less than a page).
 *  - a plain lr/sc pair with nothing in between is expected to succeed on
 *    the first try (the spec allows spurious failures, a simulator has no
 *    reason for them).
 * A constrained lr/sc retry loop (CAS increment) is run too. */
#include "isa_test.h"

        TEST_BEGIN(isa_lrsc)
        lla s0, lr_a                    /* doubleword A */
        lla s1, lr_b                    /* doubleword B, one page away */

/* ---- lr.d / sc.d success ---- */
        SET(a0, 0x1122334455667788)
        sd a0, 0(s0)
        SET(a3, 0xcafef00dd00dfeed)
        lr.d a1, (s0)
        sc.d a2, a3, (s0)
        CHECK(a1, 0x1122334455667788)
        CHECK(a2, 0)
        ld a4, 0(s0)
        CHECK(a4, 0xcafef00dd00dfeed)
/* ---- sc after a successful sc fails and does not store ---- */
        SET(a3, 0x0bad0bad0bad0bad)
        sc.d a2, a3, (s0)
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s0)
        CHECK(a4, 0xcafef00dd00dfeed)
/* ---- sc with no reservation at all (again) fails ---- */
        sc.d a2, a3, (s0)
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s0)
        CHECK(a4, 0xcafef00dd00dfeed)
/* ---- sc to an address outside the reservation fails; the failed sc
 *      also kills the reservation, so the next sc to A fails too ---- */
        SET(a0, 0x4242424242424242)
        sd a0, 0(s1)
        lr.d a1, (s0)
        sc.d a2, a3, (s1)
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s1)
        CHECK(a4, 0x4242424242424242)
        sc.d a2, a3, (s0)
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s0)
        CHECK(a4, 0xcafef00dd00dfeed)
/* ---- a second lr replaces the reservation: sc to the first address fails ---- */
        lr.d a1, (s0)
        lr.d a5, (s1)
        CHECK(a1, 0xcafef00dd00dfeed)
        CHECK(a5, 0x4242424242424242)
        sc.d a2, a3, (s0)
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s0)
        CHECK(a4, 0xcafef00dd00dfeed)
        /* ... and that failed sc invalidated the reservation on B as well */
        sc.d a2, a3, (s1)
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s1)
        CHECK(a4, 0x4242424242424242)
/* ---- lr on A, lr on B, sc on B succeeds ---- */
        lr.d a1, (s0)
        lr.d a5, (s1)
        SET(a3, 0x0123012301230123)
        sc.d a2, a3, (s1)
        CHECK(a2, 0)
        ld a4, 0(s1)
        CHECK(a4, 0x0123012301230123)
        ld a4, 0(s0)
        CHECK(a4, 0xcafef00dd00dfeed)

/* ---- lr.w sign-extends; sc.w stores only the low 32 bits ---- */
        lla s2, lr_w
        SET(a0, 0x5555555580000001)     /* word at lr_w = 0x80000001, next word 0x55555555 */
        sd a0, 0(s2)
        SET(a3, 0xffffffff7ffffffe)
        lr.w a1, (s2)
        sc.w a2, a3, (s2)
        CHECK(a1, 0xffffffff80000001)
        CHECK(a2, 0)
        ld a4, 0(s2)
        CHECK(a4, 0x555555557ffffffe)
        sc.w a2, zero, (s2)             /* no reservation any more */
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s2)
        CHECK(a4, 0x555555557ffffffe)
        addi s3, s2, 4                  /* the upper word */
        lr.w a1, (s3)
        CHECK(a1, 0x55555555)
        SET(a3, 0x00000000aaaaaaaa)
        sc.w a2, a3, (s3)
        CHECK(a2, 0)
        ld a4, 0(s2)
        CHECK(a4, 0xaaaaaaaa7ffffffe)
        lr.w a1, (s3)
        CHECK(a1, 0xffffffffaaaaaaaa)
        sc.w a2, a3, (s1)               /* other page: fails */
        CHECK_BR(bne, a2, zero)
        ld a4, 0(s1)
        CHECK(a4, 0x0123012301230123)

/* ---- ordering bits ---- */
        lr.d.aq a1, (s0)
        SET(a3, 0x1111)
        sc.d.rl a2, a3, (s0)
        CHECK(a2, 0)
        lr.d.aqrl a1, (s0)
        CHECK(a1, 0x1111)
        SET(a3, 0x2222)
        sc.d.aqrl a2, a3, (s0)
        CHECK(a2, 0)
        lr.w.aqrl a1, (s2)
        CHECK(a1, 0x7ffffffe)
        SET(a3, 0x3333)
        sc.w.aqrl a2, a3, (s2)
        CHECK(a2, 0)
        ld a4, 0(s0)
        CHECK(a4, 0x2222)
        ld a4, 0(s2)
        CHECK(a4, 0xaaaaaaaa00003333)

/* ---- register aliasing: sc rd == rs2 (rs2 read first), lr rd == rs1 ---- */
        SET(a3, 0x4444)
        lr.d a1, (s0)
        sc.d a3, a3, (s0)
        CHECK(a3, 0)
        ld a4, 0(s0)
        CHECK(a4, 0x4444)
        mv a1, s0
        lr.d a1, (a1)
        CHECK(a1, 0x4444)
        SET(a3, 0x5555)
        sc.d a2, a3, (s0)
        CHECK(a2, 0)
        ld a4, 0(s0)
        CHECK(a4, 0x5555)
        lr.d a1, (s0)
        sc.d zero, a3, (s0)             /* rd = x0 */
        CHECK(zero, 0)

/* ---- constrained LR/SC loop: 100 atomic increments (retries allowed) ---- */
        sd zero, 0(s0)
        li a5, 100
        li a6, 0                        /* retry count (not checked) */
1:      lr.d a1, (s0)
        addi a1, a1, 1
        sc.d a2, a1, (s0)
        beq a2, zero, 2f
        addi a6, a6, 1
        j 1b
2:      addi a5, a5, -1
        bne a5, zero, 1b
        ld a4, 0(s0)
        CHECK(a4, 100)
/* ---- CAS with lr.w/sc.w: success path and compare-failure path ---- */
        SET(a0, 0x80000000)
        sw a0, 0(s2)
        SET(a7, 0xffffffff80000000)     /* expected (sign-extended, as lr.w returns it) */
        SET(a3, 0x12345678)
1:      lr.w a1, (s2)
        bne a1, a7, 3f
        sc.w a2, a3, (s2)
        bne a2, zero, 1b
3:      CHECK(a1, 0xffffffff80000000)
        lw a4, 0(s2)
        CHECK(a4, 0x12345678)
        lr.w a1, (s2)                   /* compare fails: no sc, value kept */
        bne a1, a7, 3f
        sc.w a2, zero, (s2)
3:      lw a4, 0(s2)
        CHECK(a4, 0x12345678)
        sc.w a2, zero, (s2)             /* the dangling reservation is still
                                           usable: spec allows success here,
                                           only check consistency of rd */
        lw a4, 0(s2)
        beq a2, zero, 4f
        CHECK(a4, 0x12345678)           /* failed: not stored */
        j 5f
4:      CHECK(a4, 0)                    /* succeeded: stored */
5:
        TEST_END

        .data
        .balign 4096
lr_a:   .dword 0
lr_w:   .dword 0
        .balign 4096
lr_b:   .dword 0
