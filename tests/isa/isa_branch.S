/* RV64I control transfer: beq bne blt bge bltu bgeu (taken and not
 * taken, forward and backward, signed vs unsigned, x0 and same-register
 * operands, extreme offsets +4092/-4096 and bit patterns), jal and jalr
 * link values (pc+4), jal offsets +0xffffc/-0x100000, jalr with an odd
 * target (bit 0 of rs1+imm is cleared), jalr immediates -2048/+2047,
 * rd == rs1 for jalr (target uses the old rs1), rd = x0 forms.
 * Skipped-over code is filled with zeros (an illegal instruction), so a
 * branch to the wrong place traps. */
#include "isa_test.h"

/* BR(op, a, b, taken): `op a, b` must be taken (1) or not (0), both with a
 * forward and with a backward target. */
#define BR(op, a, b, t) br_case op, a, b, t, __LINE__

        .macro br_case op, a, b, taken, line
        set_reg a0, \a
        set_reg a1, \b
        li a2, 0
        \op a0, a1, .Lbt\@              /* forward */
        li a2, 2
        j .Lbe\@
.Lbt\@: li a2, 1
.Lbe\@: check_eq a2, (2 - \taken), \line
        li a2, 0
        j .Lbs\@
.Lbb\@: li a2, 1                        /* backward target */
        j .Lbx\@
.Lbs\@: \op a0, a1, .Lbb\@
        li a2, 2
.Lbx\@: check_eq a2, (2 - \taken), \line
        .endm

/* FAR(fop, fa, fb, bop, ba, bb, fwd): `fop fa, fb` (must be taken) jumps
 * forward by exactly fwd bytes (fwd >= 12), from where `bop ba, bb` (must
 * be taken) jumps backward by exactly fwd + 4 bytes.  a4 = 1 throughout. */
#define FAR(fop, fa, fb, bop, ba, bb, fwd) far_case fop, fa, fb, bop, ba, bb, fwd, __LINE__

        .macro far_case fop, fa, fb, bop, ba, bb, fwd, line
        li a3, 0
        li a4, 1
        j .Lfb\@
.Lfl\@: j .Lfok\@                       /* B - 4: backward target */
.Lfb\@: \fop \fa, \fb, .Lft\@           /* B: forward by fwd */
        li a3, 98
        j .Lfd\@
        .skip (.Lfb\@ + \fwd) - .
.Lft\@: \bop \ba, \bb, .Lfl\@           /* B + fwd: backward by fwd + 4 */
        li a3, 99
        j .Lfd\@
.Lfok\@:
        li a3, 1
.Lfd\@: check_eq a3, 1, \line
        .endm

        TEST_BEGIN(isa_branch)

/* ---- beq / bne ---- */
        BR(beq, 5, 5, 1)
        BR(beq, 5, 6, 0)
        BR(beq, -1, -1, 1)
        BR(beq, 0, 0, 1)
        BR(beq, 0x100000000, 0, 0)              /* upper bits compared */
        BR(beq, 0x8000000000000000, 0, 0)
        BR(beq, 0xffffffff, -1, 0)
        BR(bne, 5, 5, 0)
        BR(bne, 5, 6, 1)
        BR(bne, -1, -1, 0)
        BR(bne, 0x100000000, 0, 1)
        BR(bne, 0x8000000000000000, 0, 1)
        BR(bne, 0xffffffff, -1, 1)
/* ---- blt / bge: signed ---- */
        BR(blt, -1, 1, 1)
        BR(blt, 1, -1, 0)
        BR(blt, 5, 5, 0)
        BR(blt, 0x8000000000000000, 0x7fffffffffffffff, 1)
        BR(blt, 0x7fffffffffffffff, 0x8000000000000000, 0)
        BR(blt, -2, -1, 1)
        BR(blt, -1, -2, 0)
        BR(blt, 0, 1, 1)
        BR(blt, 0xffffffff, 0x100000000, 1)     /* 64-bit, not 32-bit compare */
        BR(blt, 0x80000000, 0, 0)
        BR(bge, -1, 1, 0)
        BR(bge, 1, -1, 1)
        BR(bge, 5, 5, 1)
        BR(bge, 0x8000000000000000, 0x8000000000000000, 1)
        BR(bge, 0x8000000000000000, 0x7fffffffffffffff, 0)
        BR(bge, 0x7fffffffffffffff, 0x8000000000000000, 1)
        BR(bge, -1, -2, 1)
        BR(bge, -2, -1, 0)
        BR(bge, 0, 0, 1)
        BR(bge, 0x80000000, 0, 1)
/* ---- bltu / bgeu: unsigned ---- */
        BR(bltu, -1, 1, 0)
        BR(bltu, 1, -1, 1)
        BR(bltu, 5, 5, 0)
        BR(bltu, 0, 0x8000000000000000, 1)
        BR(bltu, 0x8000000000000000, 0x7fffffffffffffff, 0)
        BR(bltu, 0, 1, 1)
        BR(bltu, 0xffffffff, 0x100000000, 1)
        BR(bltu, -2, -1, 1)
        BR(bltu, -1, -2, 0)
        BR(bgeu, -1, 1, 1)
        BR(bgeu, 1, -1, 0)
        BR(bgeu, 5, 5, 1)
        BR(bgeu, 0, 0, 1)
        BR(bgeu, 0, 1, 0)
        BR(bgeu, 0x8000000000000000, 0x7fffffffffffffff, 1)
        BR(bgeu, -1, -1, 1)
        BR(bgeu, 0x100000000, 0xffffffff, 1)

/* ---- x0 and same-register operands ---- */
        SET(a0, -1)
        li a2, 0
        beq zero, zero, 1f
        li a2, 1
1:      CHECK(a2, 0)
        bne zero, zero, 1f
        addi a2, a2, 1
1:      CHECK(a2, 1)
        li a2, 0
        blt a0, zero, 1f                        /* -1 < 0 */
        li a2, 1
1:      CHECK(a2, 0)
        bge zero, a0, 1f                        /* 0 >= -1 */
        li a2, 1
1:      CHECK(a2, 0)
        bltu zero, a0, 1f                       /* 0 <u 0xff..ff */
        li a2, 1
1:      CHECK(a2, 0)
        bgeu zero, a0, 1f                       /* not taken */
        li a2, 1
1:      CHECK(a2, 1)
        li a2, 0
        bltu a0, zero, 1f                       /* never taken */
        li a2, 1
1:      CHECK(a2, 1)
        li a2, 0
        bgeu a0, zero, 1f                       /* always taken */
        li a2, 1
1:      CHECK(a2, 0)
        blt a0, a0, 1f
        li a2, 1
1:      CHECK(a2, 1)
        li a2, 0
        bge a0, a0, 1f
        li a2, 1
1:      CHECK(a2, 0)
        bltu a0, a0, 1f
        li a2, 1
1:      CHECK(a2, 1)
        li a2, 0
        bgeu a0, a0, 1f
        li a2, 1
1:      CHECK(a2, 0)
        beq a0, a0, 1f
        li a2, 1
1:      CHECK(a2, 0)
        bne a0, a0, 1f
        li a2, 1
1:      CHECK(a2, 1)

/* ---- a counted loop: backward taken branch 9 times, then not taken ---- */
        li a0, 0
        li a1, 10
        li a2, 0
1:      addi a0, a0, 1
        addi a2, a2, 3
        blt a0, a1, 1b
        CHECK(a0, 10)
        CHECK(a2, 30)
        li a0, 5
        li a2, 0
1:      addi a2, a2, 1
        addi a0, a0, -1
        bne a0, zero, 1b
        CHECK(a2, 5)

/* ---- extreme and patterned branch offsets ---- */
        FAR(beq, zero, zero, bne, a4, zero, 4092)   /* +4092 then -4096 */
        FAR(blt, zero, a4, bge, a4, zero, 12)
        FAR(bltu, zero, a4, bgeu, a4, zero, 0x554)
        FAR(bge, a4, zero, blt, zero, a4, 0xaa8)
        FAR(bgeu, a4, a4, bltu, zero, a4, 0x7fc)
        FAR(bne, a4, zero, beq, a4, a4, 0x800)

/* ---- jal: link = pc + 4 ---- */
        jal ra, .Ljal1
.Ljal1_ret:
        j .Ljal1_done
        .word 0
.Ljal1:
        SET(a1, .Ljal1_ret)
        sub a2, ra, a1
        CHECK(a2, 0)
.Ljal1_done:
        li t0, 0
        jal t0, .Ljal2                          /* alternate link register */
.Ljal2_ret:
        .word 0
.Ljal2:
        SET(a1, .Ljal2_ret)
        sub a2, t0, a1
        CHECK(a2, 0)
        li a2, 0
        jal zero, .Ljal3                        /* j: no link */
        li a2, 1
.Ljal3:
        CHECK(a2, 0)
        CHECK(zero, 0)
        /* backward jal */
        j .Ljal4_go
.Ljal4_tgt:
        SET(a1, .Ljal4_ret)
        sub a2, s1, a1
        CHECK(a2, 0)
        j .Ljal4_done
.Ljal4_go:
        jal s1, .Ljal4_tgt
.Ljal4_ret:
        .word 0
.Ljal4_done:

/* ---- jal over +0xffffc (largest 4-byte-aligned forward offset) and
 *      -0x100000 (most negative), and over a bit pattern ---- */
        li t0, 0
        li t1, 0
        lla s2, .Ljfar_ok
        j .Ljfar_J
.Ljfar_land:
        jr s2                                   /* J - 4 (.Ljfar_ok is out of jal range) */
.Ljfar_J:
        jal t0, .Ljfar_T                        /* J: +0xffffc */
        .skip (.Ljfar_J + 0xffffc) - .
.Ljfar_T:
        jal t1, .Ljfar_land                     /* J + 0xffffc: -0x100000 */
.Ljfar_ok:
        SET(a1, .Ljfar_J + 4)
        sub a2, t0, a1
        CHECK(a2, 0)
        SET(a1, .Ljfar_T + 4)
        sub a2, t1, a1
        CHECK(a2, 0)

        li t0, 0
        li t1, 0
        lla s2, .Ljpat_ok
        j .Ljpat_J
.Ljpat_land:
        jr s2                                   /* J - 4 (.Ljpat_ok is out of jal range) */
.Ljpat_J:
        jal t0, .Ljpat_T                        /* +0x2aaa8 */
        .skip (.Ljpat_J + 0x2aaa8) - .
.Ljpat_T:
        jal t1, .Ljpat_land                     /* -0x2aaac */
.Ljpat_ok:
        SET(a1, .Ljpat_J + 4)
        sub a2, t0, a1
        CHECK(a2, 0)
        SET(a1, .Ljpat_T + 4)
        sub a2, t1, a1
        CHECK(a2, 0)

/* ---- jalr ---- */
        /* plain call through a register */
        SET(a0, .Ljr1_t)
        li a2, 0
        jalr ra, 0(a0)
.Ljr1_r:
        li a2, 99                               /* must be skipped */
.Ljr1_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a1, .Ljr1_r)
        sub a2, ra, a1
        CHECK(a2, 0)

        /* odd target: rs1 = label + 1 -> bit 0 cleared */
        SET(a0, .Ljr2_t + 1)
        li a2, 0
        jalr a3, 0(a0)
.Ljr2_r:
        li a2, 99
.Ljr2_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a1, .Ljr2_r)
        sub a2, a3, a1
        CHECK(a2, 0)

        /* odd target from the immediate: rs1 even, imm = 1 */
        SET(a0, .Ljr3_t)
        li a2, 0
        jalr a3, 1(a0)
.Ljr3_r:
        li a2, 99
.Ljr3_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a1, .Ljr3_r)
        sub a2, a3, a1
        CHECK(a2, 0)

        /* imm = +2047 (odd sum), imm = -2048 */
        SET(a0, .Ljr4_t - 2046)
        li a2, 0
        jalr a3, 2047(a0)                       /* label + 1 -> label */
        li a2, 99
.Ljr4_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a0, .Ljr5_t + 2048)
        li a2, 0
        jalr a3, -2048(a0)
        li a2, 99
.Ljr5_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a0, .Ljr6_t + 2049)                 /* odd rs1, imm -2048 */
        li a2, 0
        jalr a3, -2048(a0)
        li a2, 99
.Ljr6_t:
        addi a2, a2, 1
        CHECK(a2, 1)

        /* rd == rs1: the target uses the old value, then the link is written */
        SET(a0, .Ljr7_t)
        li a2, 0
        jalr a0, 0(a0)
.Ljr7_r:
        li a2, 99
.Ljr7_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a1, .Ljr7_r)
        sub a2, a0, a1
        CHECK(a2, 0)

        /* rd = x0 (jr / ret style) and link register reuse */
        SET(a0, .Ljr8_t)
        li a2, 0
        jalr zero, 0(a0)
        li a2, 99
.Ljr8_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        CHECK(zero, 0)

        /* call and return through a function */
        li a0, 7
        jal ra, .Lfunc_double
.Lfunc_ret:
        CHECK(a0, 14)
        SET(a1, .Lfunc_ret)
        sub a2, ra, a1
        CHECK(a2, 0)
        SET(s1, .Lfunc_double)
        li a0, 21
        jalr ra, 0(s1)
        CHECK(a0, 42)
        j .Lbranch_end

.Lfunc_double:
        add a0, a0, a0
        jalr zero, 0(ra)
        .word 0

.Lbranch_end:
        TEST_END
