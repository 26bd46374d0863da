/* Exact instret counting (amanatsu only: qemu-user reads a host tick
 * counter for instret, so this program is not run under qemu).
 * Per the Zicntr spec instret counts retired instructions, and a CSR read
 * returns the value before the reading instruction retires; so for
 *     rdinstret a0 ; <k instructions> ; rdinstret a1
 * a1 - a0 = k + 1 (the first rdinstret itself retires).  Not-executed
 * (jumped over) instructions do not count; compressed instructions count
 * as one; every executed loop iteration counts. */
#include "isa_test.h"

        TEST_BEGIN(isa_instret)

/* back to back: 1 */
        rdinstret a0
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 1)

/* 10 nops: 11 */
        rdinstret a0
        .rept 10
        nop
        .endr
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 11)

/* 10 compressed nops: 11 */
        rdinstret a0
        .option rvc
        .rept 10
        c.nop
        .endr
        .option norvc
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 11)

/* other read forms, 5 instructions in between: 6 */
        csrrs a0, instret, zero
        addi a3, a3, 1
        add a3, a3, a3
        lui a4, 1
        sltu a4, a3, a4
        xor a4, a4, a4
        csrrsi a1, 0xc02, 0
        sub a2, a1, a0
        CHECK(a2, 6)

/* a taken jump over 3 instructions: rdinstret + j = 2 */
        rdinstret a0
        j 1f
        nop
        nop
        nop
1:      rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 2)

/* not-taken and taken branches: rdinstret, li, beq(not), bne(taken) = 4 */
        rdinstret a0
        li a3, 1
        beq a3, zero, 1f
        bne a3, zero, 1f
        nop
1:      rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 4)

/* a loop: rdinstret, li, 10 x (addi, bne) = 22 */
        rdinstret a0
        li t0, 10
1:      addi t0, t0, -1
        bne t0, zero, 1b
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 22)

/* memory, M and A instructions: rdinstret + 9 = 10 */
        lla s0, ir_data                 /* auipc + addi: not counted (before) */
        rdinstret a0
        ld a3, 0(s0)
        sd a3, 8(s0)
        mul a4, a3, a3
        div a4, a4, a3
        amoadd.d a5, a3, (s0)
        lr.d a5, (s0)
        sc.d a6, a3, (s0)
        fence
        fence.i
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 10)

/* call and return: rdinstret, jal, addi, ret = 4 */
        rdinstret a0
        jal ra, ir_func
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 4)

/* other counter reads count too: 3 */
        rdinstret a0
        rdcycle a3
        rdtime a3
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 3)

/* a long loop: rdinstret, 100000 x (addi, bne) = 200001
 * (the counter is set up before the first read: `li t0, 100000` would be
 * two instructions, lui + addiw) */
        li t0, 100000
        rdinstret a0
1:      addi t0, t0, -1
        bne t0, zero, 1b
        rdinstret a1
        sub a2, a1, a0
        CHECK(a2, 200001)

        TEST_END

ir_func:
        addi a3, a3, 1
        ret

        .data
        .balign 8
ir_data:
        .dword 3, 0
