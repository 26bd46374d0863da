/* Zicntr user counters through Zicsr: cycle (0xc00), time (0xc01),
 * instret (0xc02).  They must be readable from U-mode with every
 * read-only form (csrrs/csrrc with rs1 = x0, csrrsi/csrrci with uimm = 0,
 * which do not write the CSR) and must not go backwards.  instret must
 * strictly increase across instructions.  Exact instret counts are in
 * isa_instret.S (qemu-user does not count instructions: there instret
 * reads a host tick counter). */
#include "isa_test.h"

        TEST_BEGIN(isa_csr)

/* ---- every read form, by name and by number ---- */
        rdcycle a0
        rdtime a1
        rdinstret a2
        csrr a3, cycle
        csrr a4, time
        csrr a5, instret
        CHECK_BR(bgeu, a3, a0)
        CHECK_BR(bgeu, a4, a1)
        CHECK_BR(bltu, a2, a5)          /* 3 instructions retired in between */
        csrrs a0, 0xc00, zero
        csrrs a1, 0xc01, zero
        csrrs a2, 0xc02, zero
        CHECK_BR(bgeu, a0, a3)
        CHECK_BR(bgeu, a1, a4)
        CHECK_BR(bltu, a5, a2)
        csrrc a3, cycle, zero
        csrrc a4, time, zero
        csrrc a5, instret, zero
        CHECK_BR(bgeu, a3, a0)
        CHECK_BR(bgeu, a4, a1)
        CHECK_BR(bltu, a2, a5)
        csrrsi a0, cycle, 0
        csrrsi a1, time, 0
        csrrsi a2, instret, 0
        CHECK_BR(bgeu, a0, a3)
        CHECK_BR(bgeu, a1, a4)
        CHECK_BR(bltu, a5, a2)
        csrrci a3, cycle, 0
        csrrci a4, time, 0
        csrrci a5, instret, 0
        CHECK_BR(bgeu, a3, a0)
        CHECK_BR(bgeu, a4, a1)
        CHECK_BR(bltu, a2, a5)
/* ---- reads into x0 are allowed and harmless ---- */
        csrrs zero, cycle, zero
        csrrs zero, time, zero
        csrrs zero, instret, zero
        CHECK(zero, 0)

/* ---- monotonic over 1000 samples; instret strictly increasing ---- */
        li s1, 1000
        rdcycle s2
        rdtime s3
        rdinstret s4
1:      rdcycle a0
        rdtime a1
        rdinstret a2
        bltu a0, s2, 8f
        bltu a1, s3, 8f
        bgeu s4, a2, 8f
        mv s2, a0
        mv s3, a1
        mv s4, a2
        addi s1, s1, -1
        bne s1, zero, 1b
8:      CHECK(s1, 0)                    /* non-zero: a counter went backwards */

/* ---- across a 100000-iteration loop: instret grew, cycle and time did
 *      not go backwards (no lower bound on the growth: under qemu-user
 *      instret is a host tick count and grows by less than 200000 here) ---- */
        rdcycle s2
        rdtime s3
        rdinstret s4
        li a0, 100000
1:      addi a0, a0, -1
        bne a0, zero, 1b
        rdcycle a3
        rdtime a4
        rdinstret a5
        CHECK_BR(bgeu, a3, s2)
        CHECK_BR(bgeu, a4, s3)
        CHECK_BR(bltu, s4, a5)

        TEST_END
