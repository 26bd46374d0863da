/* Self-modifying / generated code with Zifencei.  Per the manual, after
 * stores to instruction memory a FENCE.I makes them visible to later
 * instruction fetches of the same hart.  All code is written as hand
 * encoded instruction words:
 *   0x00100513 li a0,1        0x00200513 li a0,2      0x00008067 ret
 *   0x00000513 li a0,0        0x00150513 addi a0,a0,1
 *   0x06450513 addi a0,a0,100 0x00750513 addi a0,a0,7
 *   0x0062a623 sw t1,12(t0)   0x0000100f fence.i      0x00000013 nop
 *   0x00500513 li a0,5  0x00700513 li a0,7  0x00900513 li a0,9
 *   0x00b00513 li a0,11 0x00c00513 li a0,12 0x00d00513 li a0,13
 *   0x00200593 li a1,2
 *   0x450d c.li a0,3    0x4511 c.li a0,4    0x8082 c.jr ra
 * Cases:
 *  1-3  RWX mmap page: write, fence.i, call; overwrite, fence.i, call;
 *       write the first version back, fence.i, call
 *  4    patch the middle and the end of an already executed block
 *  5    code that stores into itself, fence.i, then runs the new instruction
 *  6    switch a location between 16-bit and 32-bit instructions
 *  7    an instruction straddling two RWX pages; patch each half separately
 *  8    W^X: mmap RW, write, mprotect RX, run; mprotect RW, patch, RX, run
 *  9    munmap + mmap MAP_FIXED at the same address with new code
 * 10    mprotect a page of the program's own .text writable and patch a
 *       function that has already run */
#include "isa_test.h"

#define SYS_munmap   215
#define SYS_mmap     222
#define SYS_mprotect 226
#define PROT_RW  3
#define PROT_RX  5
#define PROT_RWX 7
#define MAP_PRIVATE_ANON 0x22
#define MAP_FIXED_PRIVATE_ANON 0x32   /* MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS */

/* W32(base, off, word) / W16(base, off, half): store an instruction */
#define W32(base, off, v) SET(t1, v); sw t1, off(base)
#define W16(base, off, v) SET(t1, v); sh t1, off(base)
/* CALL_AT(reg): call the code at reg (result in a0) */
#define CALL_AT(reg) jalr ra, 0(reg)

        .macro sys_mmap addr, len, prot, flags
        mv a0, \addr
        li a1, \len
        li a2, \prot
        li a3, \flags
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        .endm

        .macro sys_mprotect addr, len, prot
        mv a0, \addr
        li a1, \len
        li a2, \prot
        li a7, SYS_mprotect
        ecall
        .endm

        TEST_BEGIN(isa_smc)
        li s9, -4096                    /* syscall results >= -4095 are errors */

        sys_mmap zero, 8192, PROT_RWX, MAP_PRIVATE_ANON
        mv s0, a0
        CHECK_BR(bltu, s0, s9)
        li t0, 4096
        add s3, s0, t0                  /* s3 = second page */

/* ---- 1-3: write, run, overwrite, run, restore, run ---- */
        W32(s0, 0, 0x00100513)
        W32(s0, 4, 0x00008067)
        fence.i
        li a0, 0
        CALL_AT(s0)
        CHECK(a0, 1)
        W32(s0, 0, 0x00200513)
        fence.i
        li a0, 0
        CALL_AT(s0)
        CHECK(a0, 2)
        W32(s0, 0, 0x00100513)
        fence.i
        li a0, 0
        CALL_AT(s0)
        CHECK(a0, 1)
        CALL_AT(s0)                     /* unchanged code runs again */
        CHECK(a0, 1)

/* ---- 4: patch inside an already executed block ---- */
        addi s1, s0, 256
        W32(s1, 0, 0x00000513)          /* li a0,0 */
        W32(s1, 4, 0x00150513)          /* addi a0,a0,1 */
        W32(s1, 8, 0x00150513)
        W32(s1, 12, 0x00150513)
        W32(s1, 16, 0x00008067)         /* ret */
        W32(s1, 20, 0x00008067)         /* ret */
        fence.i
        CALL_AT(s1)
        CHECK(a0, 3)
        W32(s1, 8, 0x06450513)          /* middle: addi a0,a0,100 */
        fence.i
        CALL_AT(s1)
        CHECK(a0, 102)
        W32(s1, 16, 0x00750513)         /* first ret -> addi a0,a0,7: block grows */
        fence.i
        CALL_AT(s1)
        CHECK(a0, 109)
        W32(s1, 8, 0x00150513)
        W32(s1, 16, 0x00008067)
        fence.i
        CALL_AT(s1)
        CHECK(a0, 3)

/* ---- 5: code that modifies the instruction after its own fence.i ---- */
        addi s1, s0, 512
        W32(s1, 0, 0x0062a623)          /* sw t1,12(t0) */
        W32(s1, 4, 0x0000100f)          /* fence.i */
        W32(s1, 8, 0x00000013)          /* nop */
        W32(s1, 12, 0x00500513)         /* li a0,5 (to be overwritten) */
        W32(s1, 16, 0x00008067)         /* ret */
        fence.i
        mv t0, s1
        SET(t1, 0x00700513)             /* li a0,7 */
        li a0, 0
        CALL_AT(s1)
        CHECK(a0, 7)
        mv t0, s1
        SET(t1, 0x00900513)             /* li a0,9 */
        li a0, 0
        CALL_AT(s1)
        CHECK(a0, 9)
        lw a1, 12(s1)
        CHECK(a1, 0x00900513)

/* ---- 6: 16-bit <-> 32-bit at the same address ---- */
        addi s1, s0, 768
        W16(s1, 0, 0x450d)              /* c.li a0,3 */
        W16(s1, 2, 0x8082)              /* c.jr ra */
        fence.i
        li a0, 0
        CALL_AT(s1)
        CHECK(a0, 3)
        W16(s1, 0, 0x4511)              /* c.li a0,4 */
        fence.i
        CALL_AT(s1)
        CHECK(a0, 4)
        W32(s1, 0, 0x00200513)          /* li a0,2 (32-bit, covers both halves) */
        W16(s1, 4, 0x8082)              /* c.jr ra */
        fence.i
        CALL_AT(s1)
        CHECK(a0, 2)
        W16(s1, 0, 0x450d)              /* back to c.li a0,3 ; c.jr ra */
        W16(s1, 2, 0x8082)
        fence.i
        CALL_AT(s1)
        CHECK(a0, 3)

/* ---- 7: straddling instruction at s0+4094, halves patched separately ---- */
        W16(s3, -2, 0x0513)             /* li a0,1: low half at 4094 */
        W16(s3, 0, 0x0010)              /*          high half at 4096 */
        W16(s3, 2, 0x8067)              /* ret at 4098 */
        W16(s3, 4, 0x0000)
        fence.i
        addi s1, s3, -2
        li a0, 0
        CALL_AT(s1)
        CHECK(a0, 1)
        W16(s3, 0, 0x0020)              /* high half only: li a0,2 */
        fence.i
        li a0, 0
        CALL_AT(s1)
        CHECK(a0, 2)
        W16(s3, -2, 0x0593)             /* low half only: li a1,2 */
        fence.i
        li a0, 77
        li a1, 0
        CALL_AT(s1)
        CHECK(a0, 77)
        CHECK(a1, 2)

/* ---- 8: W^X with mprotect ---- */
        sys_mmap zero, 4096, PROT_RW, MAP_PRIVATE_ANON
        mv s2, a0
        CHECK_BR(bltu, s2, s9)
        W32(s2, 0, 0x00b00513)          /* li a0,11 */
        W32(s2, 4, 0x00008067)
        sys_mprotect s2, 4096, PROT_RX
        CHECK(a0, 0)
        fence.i
        li a0, 0
        CALL_AT(s2)
        CHECK(a0, 11)
        sys_mprotect s2, 4096, PROT_RW
        CHECK(a0, 0)
        W32(s2, 0, 0x00c00513)          /* li a0,12 */
        sys_mprotect s2, 4096, PROT_RX
        CHECK(a0, 0)
        fence.i
        li a0, 0
        CALL_AT(s2)
        CHECK(a0, 12)

/* ---- 9: unmap and map again at the same address ---- */
        mv a0, s2
        li a1, 4096
        li a7, SYS_munmap
        ecall
        CHECK(a0, 0)
        sys_mmap s2, 4096, PROT_RWX, MAP_FIXED_PRIVATE_ANON
        sub a1, a0, s2
        CHECK(a1, 0)
        lw a1, 0(s2)                    /* fresh anonymous memory is zero */
        CHECK(a1, 0)
        W32(s2, 0, 0x00d00513)          /* li a0,13 */
        W32(s2, 4, 0x00008067)
        fence.i
        li a0, 0
        CALL_AT(s2)
        CHECK(a0, 13)

/* ---- 10: patch the program's own (already executed) .text ---- */
        li a0, 0
        call smc_text_fn
        CHECK(a0, 1)
        lla s4, smc_text_page
        sys_mprotect s4, 4096, PROT_RWX
        CHECK(a0, 0)
        lla s1, smc_text_fn
        W32(s1, 0, 0x00200513)          /* li a0,2 */
        fence.i
        li a0, 0
        call smc_text_fn
        CHECK(a0, 2)
        W32(s1, 0, 0x00100513)          /* and back */
        fence.i
        sys_mprotect s4, 4096, PROT_RX
        CHECK(a0, 0)
        li a0, 0
        call smc_text_fn
        CHECK(a0, 1)

        TEST_END

        .text
        .balign 4096
smc_text_page:
smc_text_fn:
        li a0, 1
        ret
        .balign 4096
