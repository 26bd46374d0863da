/* RV64I integer register-register / register-immediate arithmetic and
 * logic, lui/auipc, writes to x0.  Shifts are in isa_shift.S.
 * Expected values follow the unprivileged ISA manual, chapter "RV64I":
 * all arithmetic is modulo 2^64 (no overflow traps); *W instructions
 * operate on the low 32 bits and sign-extend the 32-bit result;
 * immediates are 12-bit sign-extended; lui/auipc place imm20<<12 and
 * sign-extend it from bit 31. */
#include "isa_test.h"

        TEST_BEGIN(isa_alu)

/* ---- add ---- */
        SET(a0, 0); SET(a1, 0); add a2, a0, a1
        CHECK(a2, 0)
        SET(a0, 1); SET(a1, 1); add a2, a0, a1
        CHECK(a2, 2)
        SET(a0, 0x7fffffffffffffff); SET(a1, 1); add a2, a0, a1      /* INT64_MAX+1 wraps */
        CHECK(a2, 0x8000000000000000)
        SET(a0, 0x7fffffffffffffff); add a2, a0, a0
        CHECK(a2, 0xfffffffffffffffe)
        SET(a0, 0x8000000000000000); SET(a1, 0x8000000000000000); add a2, a0, a1
        CHECK(a2, 0)
        SET(a0, -1); SET(a1, -1); add a2, a0, a1
        CHECK(a2, 0xfffffffffffffffe)
        SET(a0, 0xffffffff); SET(a1, 1); add a2, a0, a1             /* no 32-bit truncation */
        CHECK(a2, 0x100000000)
        SET(a0, 0x7fffffff); SET(a1, 1); add a2, a0, a1
        CHECK(a2, 0x80000000)
        SET(a0, 0x4000000000000000); add a0, a0, a0                  /* rd = rs1 = rs2 */
        CHECK(a0, 0x8000000000000000)
        SET(a0, 0x123456789abcdef0); SET(a1, 0x0fedcba987654321); add a2, a0, a1
        CHECK(a2, 0x2222222222222211)

/* ---- sub ---- */
        SET(a0, 0x8000000000000000); SET(a1, 1); sub a2, a0, a1      /* INT64_MIN-1 wraps */
        CHECK(a2, 0x7fffffffffffffff)
        SET(a0, 0x7fffffffffffffff); SET(a1, -1); sub a2, a0, a1     /* INT64_MAX-(-1) wraps */
        CHECK(a2, 0x8000000000000000)
        SET(a0, 0); SET(a1, 1); sub a2, a0, a1
        CHECK(a2, -1)
        SET(a1, 0x8000000000000000); sub a2, zero, a1                /* -INT64_MIN == INT64_MIN */
        CHECK(a2, 0x8000000000000000)
        SET(a0, 5); SET(a1, 7); sub a2, a0, a1
        CHECK(a2, -2)
        SET(a0, 0x123456789abcdef0); sub a0, a0, a0
        CHECK(a0, 0)
        SET(a0, 0x100000000); SET(a1, 1); sub a2, a0, a1
        CHECK(a2, 0xffffffff)
        SET(a1, 5); sub a2, zero, a1                                 /* neg */
        CHECK(a2, 0xfffffffffffffffb)

/* ---- addi (imm -2048 .. 2047) ---- */
        SET(a0, 5); addi a1, a0, 2047
        CHECK(a1, 2052)
        SET(a0, 5); addi a1, a0, -2048
        CHECK(a1, 0xfffffffffffff805)
        SET(a0, 0x7fffffffffffffff); addi a1, a0, 1
        CHECK(a1, 0x8000000000000000)
        SET(a0, 0x8000000000000000); addi a1, a0, -1
        CHECK(a1, 0x7fffffffffffffff)
        addi a1, zero, -1
        CHECK(a1, 0xffffffffffffffff)
        addi a1, zero, -2048
        CHECK(a1, 0xfffffffffffff800)
        addi a1, zero, 2047
        CHECK(a1, 0x7ff)
        SET(a0, 0x123456789abcdef0); addi a1, a0, 0
        CHECK(a1, 0x123456789abcdef0)
        SET(a0, 0xffffffff); addi a1, a0, 1
        CHECK(a1, 0x100000000)
        SET(a0, 0x800); addi a0, a0, -2048
        CHECK(a0, 0)

/* ---- addw: 32-bit add, result sign-extended ---- */
        SET(a0, 0x7fffffff); SET(a1, 1); addw a2, a0, a1             /* INT32_MAX+1 */
        CHECK(a2, 0xffffffff80000000)
        SET(a0, 0xffffffff); SET(a1, 1); addw a2, a0, a1
        CHECK(a2, 0)
        SET(a0, 0x7fffffff); addw a2, a0, a0
        CHECK(a2, 0xfffffffffffffffe)
        SET(a0, 0x1234567800000001); SET(a1, 0x9abcdef000000002); addw a2, a0, a1  /* upper bits ignored */
        CHECK(a2, 3)
        SET(a0, 0x80000000); SET(a1, 0x80000000); addw a2, a0, a1
        CHECK(a2, 0)
        SET(a0, 0x80000000); addw a2, a0, zero                      /* bit 31 set, upper zero */
        CHECK(a2, 0xffffffff80000000)
        SET(a0, 0xffffffff00000005); SET(a1, 0x00000000fffffffe); addw a2, a0, a1
        CHECK(a2, 3)
        SET(a0, 0x0000000180000000); SET(a1, 0x0000000100000000); addw a2, a0, a1
        CHECK(a2, 0xffffffff80000000)
        SET(a0, 0x40000000); SET(a1, 0x3fffffff); addw a2, a0, a1
        CHECK(a2, 0x7fffffff)

/* ---- subw ---- */
        SET(a0, 0xffffffff80000000); SET(a1, 1); subw a2, a0, a1    /* INT32_MIN-1 */
        CHECK(a2, 0x7fffffff)
        SET(a0, 0x7fffffff); SET(a1, -1); subw a2, a0, a1           /* INT32_MAX-(-1) */
        CHECK(a2, 0xffffffff80000000)
        SET(a1, 1); subw a2, zero, a1
        CHECK(a2, 0xffffffffffffffff)
        SET(a1, 0x80000000); subw a2, zero, a1                      /* negw INT32_MIN */
        CHECK(a2, 0xffffffff80000000)
        SET(a0, 0x100000000); SET(a1, 1); subw a2, a0, a1
        CHECK(a2, 0xffffffffffffffff)
        SET(a0, 0x5555555512345678); SET(a1, 0xaaaaaaaa12345678); subw a2, a0, a1
        CHECK(a2, 0)
        SET(a0, 0x10); SET(a1, 0x7fffffff); subw a2, a0, a1         /* 0x10-0x7fffffff = 0x80000011 */
        CHECK(a2, 0xffffffff80000011)
        SET(a0, 0xfffffffffffffffe); SET(a1, 0xffffffff80000000); subw a2, a0, a1
        CHECK(a2, 0x7ffffffe)

/* ---- addiw ---- */
        SET(a0, 0x7fffffff); addiw a1, a0, 1
        CHECK(a1, 0xffffffff80000000)
        SET(a0, 0x7fffffff); addiw a1, a0, 2047
        CHECK(a1, 0xffffffff800007fe)
        SET(a0, 0x7ffff800); addiw a1, a0, 2047
        CHECK(a1, 0x7fffffff)
        SET(a0, 0x80000000); addiw a1, a0, -2048
        CHECK(a1, 0x7ffff800)
        SET(a0, 0x80000000); addiw a1, a0, -1
        CHECK(a1, 0x7fffffff)
        SET(a0, 0xffffffff); addiw a1, a0, 0                         /* sext.w */
        CHECK(a1, 0xffffffffffffffff)
        SET(a0, 0x123456789abcdef0); addiw a1, a0, 0
        CHECK(a1, 0xffffffff9abcdef0)
        SET(a0, 0xffffffff12345678); addiw a1, a0, 0
        CHECK(a1, 0x12345678)
        addiw a1, zero, -1
        CHECK(a1, 0xffffffffffffffff)
        addiw a1, zero, -2048
        CHECK(a1, 0xfffffffffffff800)
        SET(a0, 0xfffffffffffff800); addiw a1, a0, 2047
        CHECK(a1, 0xffffffffffffffff)
        SET(a0, 0xffffffff); addiw a1, a0, 1
        CHECK(a1, 0)

/* ---- and / or / xor ---- */
        SET(a0, 0xff00ff00ff00ff00); SET(a1, 0x0ff00ff00ff00ff0)
        and a2, a0, a1
        CHECK(a2, 0x0f000f000f000f00)
        or a2, a0, a1
        CHECK(a2, 0xfff0fff0fff0fff0)
        xor a2, a0, a1
        CHECK(a2, 0xf0f0f0f0f0f0f0f0)
        xor a2, a0, a0
        CHECK(a2, 0)
        and a2, a0, zero
        CHECK(a2, 0)
        or a2, a0, zero
        CHECK(a2, 0xff00ff00ff00ff00)
        SET(a3, -1)
        xor a2, a0, a3                                              /* not */
        CHECK(a2, 0x00ff00ff00ff00ff)
        and a2, a0, a3
        CHECK(a2, 0xff00ff00ff00ff00)
        or a2, a0, a3
        CHECK(a2, 0xffffffffffffffff)

/* ---- andi / ori / xori: immediate sign-extended to 64 bits ---- */
        SET(a0, 0x123456789abcdef0)
        andi a1, a0, -1
        CHECK(a1, 0x123456789abcdef0)
        andi a1, a0, 0x7ff
        CHECK(a1, 0x6f0)
        andi a1, a0, -2048
        CHECK(a1, 0x123456789abcd800)
        andi a1, a0, 0
        CHECK(a1, 0)
        ori a1, zero, -2048
        CHECK(a1, 0xfffffffffffff800)
        ori a1, a0, 0x555
        CHECK(a1, 0x123456789abcdff5)
        ori a1, a0, -1
        CHECK(a1, 0xffffffffffffffff)
        SET(a2, 0x8000000000000000); ori a1, a2, 0x7ff
        CHECK(a1, 0x80000000000007ff)
        xori a1, a0, -1
        CHECK(a1, 0xedcba9876543210f)
        xori a1, a0, 0x7ff
        CHECK(a1, 0x123456789abcd90f)
        xori a1, a0, -2048
        CHECK(a1, 0xedcba987654326f0)
        xori a1, zero, -2048
        CHECK(a1, 0xfffffffffffff800)

/* ---- slt / sltu ---- */
        SET(a0, -1); SET(a1, 1)
        slt a2, a0, a1
        CHECK(a2, 1)
        sltu a2, a0, a1
        CHECK(a2, 0)
        slt a2, a1, a0
        CHECK(a2, 0)
        sltu a2, a1, a0
        CHECK(a2, 1)
        SET(a0, 0x8000000000000000); SET(a1, 0x7fffffffffffffff)
        slt a2, a0, a1
        CHECK(a2, 1)
        sltu a2, a0, a1
        CHECK(a2, 0)
        slt a2, a1, a0
        CHECK(a2, 0)
        sltu a2, a1, a0
        CHECK(a2, 1)
        slt a2, a0, a0
        CHECK(a2, 0)
        sltu a2, a0, a0
        CHECK(a2, 0)
        SET(a0, -5)
        slt a2, a0, zero                                            /* sltz */
        CHECK(a2, 1)
        slt a2, zero, a0                                            /* sgtz */
        CHECK(a2, 0)
        sltu a2, zero, a0                                           /* snez */
        CHECK(a2, 1)
        sltu a2, zero, zero
        CHECK(a2, 0)
        SET(a0, 0x100000000); SET(a1, 0xffffffff)                  /* 64-bit compare */
        sltu a2, a1, a0
        CHECK(a2, 1)
        slt a2, a1, a0
        CHECK(a2, 1)
        SET(a0, -2); SET(a1, -1)
        slt a2, a0, a1
        CHECK(a2, 1)
        sltu a2, a0, a1
        CHECK(a2, 1)

/* ---- slti / sltiu (sltiu compares against the sign-extended immediate
 *      treated as unsigned) ---- */
        SET(a0, -1)
        slti a1, a0, 0
        CHECK(a1, 1)
        slti a1, a0, -1
        CHECK(a1, 0)
        slti a1, a0, 1
        CHECK(a1, 1)
        SET(a0, 5); slti a1, a0, -1
        CHECK(a1, 0)
        SET(a0, -2049); slti a1, a0, -2048
        CHECK(a1, 1)
        SET(a0, -2048); slti a1, a0, -2048
        CHECK(a1, 0)
        SET(a0, 2046); slti a1, a0, 2047
        CHECK(a1, 1)
        SET(a0, 2047); slti a1, a0, 2047
        CHECK(a1, 0)
        SET(a0, 0x8000000000000000); slti a1, a0, -2048
        CHECK(a1, 1)
        SET(a0, 0x7fffffffffffffff); slti a1, a0, 2047
        CHECK(a1, 0)
        SET(a0, 5); sltiu a1, a0, -1                                /* 5 <u 0xffff...ffff */
        CHECK(a1, 1)
        SET(a0, -1); sltiu a1, a0, -1
        CHECK(a1, 0)
        SET(a0, -2); sltiu a1, a0, -1
        CHECK(a1, 1)
        SET(a0, 0xfffffffffffff800); sltiu a1, a0, -2048
        CHECK(a1, 0)
        SET(a0, 0xfffffffffffff7ff); sltiu a1, a0, -2048
        CHECK(a1, 1)
        SET(a0, 0x8000000000000000); sltiu a1, a0, 2047
        CHECK(a1, 0)
        SET(a0, 2046); sltiu a1, a0, 2047
        CHECK(a1, 1)
        sltiu a1, zero, 1                                           /* seqz 0 */
        CHECK(a1, 1)
        SET(a0, 1); sltiu a1, a0, 1
        CHECK(a1, 0)
        SET(a0, -1); sltiu a1, a0, 1
        CHECK(a1, 0)
        sltiu a1, zero, 0
        CHECK(a1, 0)

/* ---- lui: imm20 << 12, sign-extended from bit 31 ---- */
        lui a0, 0x12345
        CHECK(a0, 0x12345000)
        lui a0, 0x80000
        CHECK(a0, 0xffffffff80000000)
        lui a0, 0xfffff
        CHECK(a0, 0xfffffffffffff000)
        lui a0, 0x7ffff
        CHECK(a0, 0x7ffff000)
        lui a0, 0xabcde
        CHECK(a0, 0xffffffffabcde000)
        lui a0, 1
        CHECK(a0, 0x1000)
        SET(a0, -1); lui a0, 0
        CHECK(a0, 0)
        lui a0, 0x80000; addi a0, a0, -1                            /* li 0x7fffffff the long way */
        CHECK(a0, 0xffffffff7fffffff)
        lui a0, 0x80000; addiw a0, a0, -1
        CHECK(a0, 0x7fffffff)

/* ---- auipc: pc + sign-extended (imm20 << 12).  The pc is obtained
 *      independently from the link register of a jal and from an
 *      absolute (linker-resolved) address in the literal pool. ---- */
        jal a1, .Lauipc0
.Lauipc0:
        auipc a0, 0
        sub a2, a0, a1
        CHECK(a2, 0)
        SET(a3, .Lauipc0)
        sub a2, a0, a3
        CHECK(a2, 0)

        jal a1, .Lauipc1
.Lauipc1:
        auipc a0, 1
        sub a2, a0, a1
        CHECK(a2, 0x1000)

        jal a1, .Lauipc2
.Lauipc2:
        auipc a0, 0x80000
        sub a2, a0, a1
        CHECK(a2, 0xffffffff80000000)

        jal a1, .Lauipc3
.Lauipc3:
        auipc a0, 0xfffff
        sub a2, a0, a1
        CHECK(a2, 0xfffffffffffff000)

        jal a1, .Lauipc4
.Lauipc4:
        auipc a0, 0x7ffff
        sub a2, a0, a1
        CHECK(a2, 0x7ffff000)

        /* auipc further down the straight-line code: offset from the jal */
        jal a1, .Lauipc5
.Lauipc5:
        nop
        nop
        auipc a0, 0
        sub a2, a0, a1
        CHECK(a2, 8)
        SET(a3, .Lauipc5 + 8)
        sub a2, a0, a3
        CHECK(a2, 0)

        /* auipc + addi as generated by `la`: compare with the absolute address */
.Lauipc6:
        auipc a0, %pcrel_hi(alu_data)
        addi a0, a0, %pcrel_lo(.Lauipc6)
        SET(a3, alu_data)
        sub a2, a0, a3
        CHECK(a2, 0)
        ld a1, 0(a0)
        CHECK(a1, 0x0123456789abcdef)

/* ---- writes to x0 are discarded ---- */
        SET(a0, 0x1234); SET(a1, 0x5678)
        addi zero, zero, 5
        CHECK(zero, 0)
        add zero, a0, a1
        CHECK(zero, 0)
        lui zero, 0x12345
        CHECK(zero, 0)
        auipc zero, 0x12345
        CHECK(zero, 0)
        addiw zero, a0, 1
        CHECK(zero, 0)
        xori zero, zero, -1
        CHECK(zero, 0)
        sltiu zero, zero, 1
        CHECK(zero, 0)
        add a2, zero, a0                                            /* x0 reads as 0 */
        CHECK(a2, 0x1234)
        addi zero, zero, 0                                          /* canonical nop */
        nop
        CHECK(zero, 0)

        TEST_END

        .data
        .balign 8
alu_data:
        .dword 0x0123456789abcdef
