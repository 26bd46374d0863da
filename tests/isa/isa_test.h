/* Shared macros for the ISA test programs (included by every isa_*.S).
 *
 * Register conventions inside TEST_BEGIN ... TEST_END:
 *   s11      number of checks done so far (returned to the driver)
 *   t5, t6   scratch of the check macros: tests must not keep values there
 *            across a CHECK, and must not pass them to CHECK/CHECK_BR
 *   sp       points to a 1024-byte frame; bytes sp+0 .. sp+895 are free
 *            scratch for the test, the rest holds the saved registers
 * Everything else (including s0-s10, ra, gp, tp) may be clobbered.
 *
 * Expected values and operands are loaded from a literal pool with
 * auipc+ld (SET, CHECK) instead of `li`, so the checks do not depend on the
 * lui/addi(w)/slli sequences that are themselves under test.
 *
 * Compressed instructions are off unless a test turns them on with
 * `.option rvc`, and linker relaxation is off so that the code is exactly
 * what is written (no call->jal, no gp-relative rewrites, no shifting of
 * carefully aligned code).
 */
        .option norvc
        .option norelax

/* CHECK(reg, value): reg must equal the 64-bit constant value. */
#define CHECK(reg, value) check_eq reg, #value, __LINE__
/* CHECK_BR(bxx, a, b): the branch condition `bxx a, b` must hold
 * (e.g. CHECK_BR(bltu, a0, a1), CHECK_BR(bne, a0, zero)). */
#define CHECK_BR(op, a, b) check_br op, a, b, __LINE__
/* SET(reg, value): reg = 64-bit constant (or symbol+addend), via the pool. */
#define SET(reg, value) set_reg reg, #value
#define TEST_BEGIN(name) test_begin #name
#define TEST_END test_end

        .macro set_reg rd, value
        .pushsection .rodata.isa_pool, "a"
        .balign 8
.Lset_v\@:
        .dword \value
        .popsection
        ld \rd, .Lset_v\@
        .endm

        .macro check_eq got, value, line
        addi s11, s11, 1
        .pushsection .rodata.isa_pool, "a"
        .balign 8
.Lchk_v\@:
        .dword \value
        .popsection
        mv t5, \got
        ld t6, .Lchk_v\@
        beq t5, t6, .Lchk_ok\@
        mv a0, s11
        mv a1, t5
        mv a2, t6
        li a3, \line
        li a4, 0
        call check_fail
.Lchk_ok\@:
        .endm

        .macro check_br op, a, b, line
        addi s11, s11, 1
        \op \a, \b, .Lbr_ok\@
        mv t5, \a
        mv t6, \b
        mv a0, s11
        mv a1, t5
        mv a2, t6
        li a3, \line
        .pushsection .rodata.isa_str, "a"
.Lbr_s\@:
        .asciz "\op"
        .popsection
        lla a4, .Lbr_s\@
        call check_fail
.Lbr_ok\@:
        .endm

        .macro test_begin name
        .pushsection .rodata.isa_str, "a"
        .globl test_name
        .type test_name, @object
test_name:
        .asciz "\name"
        .size test_name, . - test_name
        .popsection
        .text
        .globl test_main
        .type test_main, @function
        .balign 4
test_main:
        addi sp, sp, -1024
        sd ra, 896(sp)
        sd s0, 904(sp)
        sd s1, 912(sp)
        sd s2, 920(sp)
        sd s3, 928(sp)
        sd s4, 936(sp)
        sd s5, 944(sp)
        sd s6, 952(sp)
        sd s7, 960(sp)
        sd s8, 968(sp)
        sd s9, 976(sp)
        sd s10, 984(sp)
        sd s11, 992(sp)
        sd gp, 1000(sp)
        sd tp, 1008(sp)
        li s11, 0
        .endm

        .macro test_end
        .option push
        .option norvc
        mv a0, s11
        ld ra, 896(sp)
        ld s0, 904(sp)
        ld s1, 912(sp)
        ld s2, 920(sp)
        ld s3, 928(sp)
        ld s4, 936(sp)
        ld s5, 944(sp)
        ld s6, 952(sp)
        ld s7, 960(sp)
        ld s8, 968(sp)
        ld s9, 976(sp)
        ld s10, 984(sp)
        ld s11, 992(sp)
        ld gp, 1000(sp)
        ld tp, 1008(sp)
        addi sp, sp, 1024
        ret
        .size test_main, . - test_main
        .option pop
        .endm
