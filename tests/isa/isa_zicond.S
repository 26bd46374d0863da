/* Zicond (v1.0): czero.eqz rd, rs1, rs2 writes 0 if x[rs2] == 0, else
 * x[rs1]; czero.nez writes 0 if x[rs2] != 0, else x[rs1].  The whole 64-bit
 * rs2 is tested (a value that is zero only in its low word is non-zero).
 *
 * Amanatsu only: qemu 7.2 does not implement Zicond, and binutils 2.40 does
 * not know the mnemonics, so the instructions are written with .insn using
 * the spec's fields (opcode OP 0110011, funct7 0000111, funct3 101 for
 * czero.eqz and 111 for czero.nez).  Expected values are worked out by hand
 * from the definition above. */
#include "isa_test.h"

        .macro czero.eqz rd, rs1, rs2
        .insn r 0x33, 5, 7, \rd, \rs1, \rs2
        .endm
        .macro czero.nez rd, rs1, rs2
        .insn r 0x33, 7, 7, \rd, \rs1, \rs2
        .endm

/* CZ(op, a, b, expected): rd distinct, rd == rs1 and rd == rs2 */
#define CZ(op, a, b, e) cz_case op, a, b, e, __LINE__

        .macro cz_case op, a, b, exp, line
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

        TEST_BEGIN(isa_zicond)

        CZ(czero.eqz, 0x1234, 0, 0)
        CZ(czero.eqz, 0x1234, 1, 0x1234)
        CZ(czero.eqz, 0x1234, 0x8000000000000000, 0x1234)
        CZ(czero.eqz, 0x1234, 0x100000000, 0x1234)
        CZ(czero.eqz, -1, -1, -1)
        CZ(czero.eqz, 0, 5, 0)
        CZ(czero.nez, 0x1234, 0, 0x1234)
        CZ(czero.nez, 0x1234, 1, 0)
        CZ(czero.nez, 0x1234, 0x100000000, 0)
        CZ(czero.nez, 0x1234, -1, 0)
        CZ(czero.nez, -1, 0, -1)

        /* rd == rs1 == rs2 */
        SET(a0, 7)
        czero.eqz a0, a0, a0
        CHECK(a0, 7)
        SET(a0, 7)
        czero.nez a0, a0, a0
        CHECK(a0, 0)
        /* x0 operands: czero.eqz with rs2 = x0 is always 0, czero.nez copies */
        SET(a0, 0x55)
        czero.eqz a1, a0, zero
        CHECK(a1, 0)
        czero.nez a1, a0, zero
        CHECK(a1, 0x55)
        czero.nez a1, zero, a0
        CHECK(a1, 0)
        czero.eqz zero, a0, a0
        CHECK(zero, 0)

        /* The idiom compilers emit for "c ? x : y" (x, y in a0/a1, c in a2):
         *   czero.nez t0, y, c ; czero.eqz t1, x, c ; or rd, t0, t1 */
        SET(a0, 111)
        SET(a1, 222)
        SET(a2, 0x100000000)
        czero.nez t0, a1, a2
        czero.eqz t1, a0, a2
        or a3, t0, t1
        CHECK(a3, 111)
        SET(a2, 0)
        czero.nez t0, a1, a2
        czero.eqz t1, a0, a2
        or a3, t0, t1
        CHECK(a3, 222)

        TEST_END
