/* C extension, every RV64C integer instruction (c.ebreak and the FP
 * loads/stores excluded), written with explicit c.* mnemonics and only
 * inside `.option rvc` regions (everything else is assembled 32-bit, so
 * 32-bit instructions also run at 2-mod-4 addresses here).  Per the
 * manual ("C" chapter): each expands to the 32-bit instruction given in
 * its description; immediates at the ends of their ranges:
 *   c.addi4spn  nzuimm 4..1020 (x4)      c.addi16sp  nzimm -512..496 (x16)
 *   c.addi/c.addiw/c.li/c.andi  -32..31  c.lui  nzimm[17:12] -32..31, not 0
 *   c.lw 0..124 (x4)  c.ld 0..248 (x8)   c.lwsp/c.swsp 0..252  c.ldsp/c.sdsp 0..504
 *   c.slli/c.srli/c.srai  shamt 1..63
 *   c.j  -2048..+2046                     c.beqz/c.bnez  -256..+254
 *   c.jalr links pc+2.
 * The c.* register-prime forms only reach x8..x15 (s0 s1 a0-a5). */
#include "isa_test.h"

#define RVC   .option rvc
#define NORVC .option norvc

/* ADDI4SPN(rd, imm): rd = sp + imm */
#define ADDI4SPN(rd, imm) RVC; c.addi4spn rd, sp, imm; NORVC; sub rd, rd, sp; CHECK(rd, imm)
/* ADDI16SP(imm): sp += imm, checked, then undone with a 32-bit addi */
#define ADDI16SP(imm) mv s2, sp; RVC; c.addi16sp sp, imm; NORVC; sub a0, sp, s2; mv sp, s2; CHECK(a0, imm)

        TEST_BEGIN(isa_rvc)

/* ---- c.addi4spn ---- */
        ADDI4SPN(s0, 4)
        ADDI4SPN(s1, 8)
        ADDI4SPN(a0, 16)
        ADDI4SPN(a1, 32)
        ADDI4SPN(a2, 64)
        ADDI4SPN(a3, 128)
        ADDI4SPN(a4, 256)
        ADDI4SPN(a5, 512)
        ADDI4SPN(s0, 1020)
        ADDI4SPN(a5, 0x2a8)
        ADDI4SPN(a0, 0x154)

/* ---- c.addi16sp ---- */
        ADDI16SP(-512)
        ADDI16SP(496)
        ADDI16SP(16)
        ADDI16SP(-16)
        ADDI16SP(32)
        ADDI16SP(64)
        ADDI16SP(128)
        ADDI16SP(256)
        ADDI16SP(0x150)
        ADDI16SP(-0xb0)
        ADDI16SP(-0x160)

/* ---- c.nop ---- */
        SET(a0, 0x1234)
        RVC
        c.nop
        c.nop
        c.nop
        NORVC
        CHECK(a0, 0x1234)

/* ---- c.addi (rd any, nzimm -32..31) ---- */
        SET(a0, 5)
        RVC
        c.addi a0, 31
        NORVC
        CHECK(a0, 36)
        RVC
        c.addi a0, -32
        NORVC
        CHECK(a0, 4)
        RVC
        c.addi a0, -5
        NORVC
        CHECK(a0, 0xffffffffffffffff)
        RVC
        c.addi a0, 1
        NORVC
        CHECK(a0, 0)
        SET(t4, 0x7fffffffffffffff)     /* x29 */
        RVC
        c.addi t4, 1
        NORVC
        CHECK(t4, 0x8000000000000000)
        SET(ra, 0xffffffff)             /* x1: no 32-bit truncation */
        RVC
        c.addi ra, 1
        NORVC
        CHECK(ra, 0x100000000)
        SET(s10, 0x10)                  /* x26 */
        RVC
        c.addi s10, -17
        NORVC
        CHECK(s10, 0xffffffffffffffff)

/* ---- c.addiw (rd != 0, imm -32..31, 0 = sext.w) ---- */
        SET(a0, 0x0000000080000000)
        RVC
        c.addiw a0, 0
        NORVC
        CHECK(a0, 0xffffffff80000000)
        SET(a0, 0x123456787ffffff0)
        RVC
        c.addiw a0, 31
        NORVC
        CHECK(a0, 0xffffffff8000000f)
        SET(a0, 0xffffffff80000000)
        RVC
        c.addiw a0, -32
        NORVC
        CHECK(a0, 0x7fffffe0)
        SET(t4, 0xffffffff)
        RVC
        c.addiw t4, 1
        NORVC
        CHECK(t4, 0)
        SET(s10, 0xffffffff00000000)
        RVC
        c.addiw s10, -1
        NORVC
        CHECK(s10, 0xffffffffffffffff)

/* ---- c.li (rd != 0, imm -32..31) ---- */
        SET(a0, 0x5555555555555555)
        RVC
        c.li a0, 31
        NORVC
        CHECK(a0, 31)
        RVC
        c.li a0, -32
        NORVC
        CHECK(a0, 0xffffffffffffffe0)
        RVC
        c.li a0, 0
        NORVC
        CHECK(a0, 0)
        RVC
        c.li t4, -1
        c.li ra, 1
        NORVC
        CHECK(t4, 0xffffffffffffffff)
        CHECK(ra, 1)

/* ---- c.lui (rd != 0,2; nzimm[17:12] sign-extended) ---- */
        RVC
        c.lui a0, 1
        NORVC
        CHECK(a0, 0x1000)
        RVC
        c.lui a0, 31
        NORVC
        CHECK(a0, 0x1f000)
        RVC
        c.lui a0, 0xfffe0               /* -32 */
        NORVC
        CHECK(a0, 0xfffffffffffe0000)
        RVC
        c.lui a0, 0xfffff               /* -1 */
        NORVC
        CHECK(a0, 0xfffffffffffff000)
        RVC
        c.lui t4, 0x10
        c.lui ra, 0xffff0
        NORVC
        CHECK(t4, 0x10000)
        CHECK(ra, 0xffffffffffff0000)

/* ---- c.srli / c.srai / c.andi (rd' only) ---- */
        SET(a0, 0x8000000000000001)
        RVC
        c.srli a0, 1
        NORVC
        CHECK(a0, 0x4000000000000000)
        SET(a0, 0x8000000000000001)
        RVC
        c.srli a0, 31
        NORVC
        CHECK(a0, 0x100000000)
        SET(a1, 0x8000000000000001)
        RVC
        c.srli a1, 32
        NORVC
        CHECK(a1, 0x80000000)
        SET(s1, 0x8000000000000001)
        RVC
        c.srli s1, 63
        NORVC
        CHECK(s1, 1)
        SET(a0, 0x8000000000000001)
        RVC
        c.srai a0, 1
        NORVC
        CHECK(a0, 0xc000000000000000)
        SET(a0, 0x8000000000000001)
        RVC
        c.srai a0, 31
        NORVC
        CHECK(a0, 0xffffffff00000000)
        SET(a5, 0x8000000000000001)
        RVC
        c.srai a5, 32
        NORVC
        CHECK(a5, 0xffffffff80000000)
        SET(s0, 0x8000000000000001)
        RVC
        c.srai s0, 63
        NORVC
        CHECK(s0, 0xffffffffffffffff)
        SET(s0, 0x7000000000000000)
        RVC
        c.srai s0, 60
        NORVC
        CHECK(s0, 7)
        SET(a0, 0x123456789abcdef0)
        RVC
        c.andi a0, -32                  /* ...ffe0 */
        NORVC
        CHECK(a0, 0x123456789abcdee0)
        SET(a0, 0x123456789abcdeff)
        RVC
        c.andi a0, 31
        NORVC
        CHECK(a0, 0x1f)
        SET(a2, 0x123456789abcdef0)
        RVC
        c.andi a2, 0
        NORVC
        CHECK(a2, 0)
        SET(a3, 0x8000000000000001)
        RVC
        c.andi a3, -1
        NORVC
        CHECK(a3, 0x8000000000000001)

/* ---- c.slli (rd any, shamt 1..63) ---- */
        SET(a0, 0x8000000000000001)
        RVC
        c.slli a0, 1
        NORVC
        CHECK(a0, 2)
        SET(a0, 0x123456789abcdef0)
        RVC
        c.slli a0, 31
        NORVC
        CHECK(a0, 0x4d5e6f7800000000)
        SET(t4, 0x123456789abcdef0)
        RVC
        c.slli t4, 32
        NORVC
        CHECK(t4, 0x9abcdef000000000)
        SET(ra, 1)
        RVC
        c.slli ra, 63
        NORVC
        CHECK(ra, 0x8000000000000000)

/* ---- c.sub c.xor c.or c.and c.subw c.addw (rd', rs2') ---- */
        SET(a0, 0x8000000000000000); SET(a1, 1)
        RVC
        c.sub a0, a1
        NORVC
        CHECK(a0, 0x7fffffffffffffff)
        SET(s0, 5); SET(a5, 7)
        RVC
        c.sub s0, a5
        NORVC
        CHECK(s0, 0xfffffffffffffffe)
        SET(a0, 0xff00ff00ff00ff00); SET(a1, 0x0ff00ff00ff00ff0)
        RVC
        c.xor a0, a1
        NORVC
        CHECK(a0, 0xf0f0f0f0f0f0f0f0)
        SET(a0, 0xff00ff00ff00ff00)
        RVC
        c.or a0, a1
        NORVC
        CHECK(a0, 0xfff0fff0fff0fff0)
        SET(a0, 0xff00ff00ff00ff00)
        RVC
        c.and a0, a1
        NORVC
        CHECK(a0, 0x0f000f000f000f00)
        SET(s1, 0x1234)
        RVC
        c.xor s1, s1
        NORVC
        CHECK(s1, 0)
        SET(a2, 0xffffffff80000000); SET(a3, 1)
        RVC
        c.subw a2, a3                   /* INT32_MIN - 1 */
        NORVC
        CHECK(a2, 0x7fffffff)
        SET(a2, 0x7fffffff); SET(a3, 0xffffffffffffffff)
        RVC
        c.subw a2, a3
        NORVC
        CHECK(a2, 0xffffffff80000000)
        SET(a4, 0x7fffffff); SET(a5, 0x1234567800000001)
        RVC
        c.addw a4, a5                   /* INT32_MAX + 1, upper bits ignored */
        NORVC
        CHECK(a4, 0xffffffff80000000)
        SET(a4, 0xffffffff); SET(a5, 1)
        RVC
        c.addw a4, a5
        NORVC
        CHECK(a4, 0)
        SET(s0, 0x0000000100000005); SET(s1, 0x0000000200000003)
        RVC
        c.addw s0, s1
        NORVC
        CHECK(s0, 8)

/* ---- c.mv / c.add (any registers) ---- */
        SET(a1, 0x8000000000000001)
        RVC
        c.mv a0, a1
        c.mv t4, a1
        c.mv s10, t4
        NORVC
        CHECK(a0, 0x8000000000000001)
        CHECK(t4, 0x8000000000000001)
        CHECK(s10, 0x8000000000000001)
        SET(a0, 0x7fffffffffffffff); SET(a1, 1)
        RVC
        c.add a0, a1
        NORVC
        CHECK(a0, 0x8000000000000000)
        SET(t4, 0xffffffff); SET(ra, 1)
        RVC
        c.add t4, ra
        c.add ra, ra
        NORVC
        CHECK(t4, 0x100000000)
        CHECK(ra, 2)

/* ---- c.lw / c.ld (rd', rs1', scaled unsigned offsets) ---- */
        lla s0, rvc_buf
        RVC
        c.lw a0, 0(s0)
        c.lw a1, 4(s0)
        c.lw a2, 64(s0)
        c.lw a3, 120(s0)
        c.lw a4, 124(s0)
        NORVC
        CHECK(a0, 0x12345678)
        CHECK(a1, 0xffffffff87654321)
        CHECK(a2, 0xffffffff80000000)
        CHECK(a3, 0xffffffffa5a5a5a5)
        CHECK(a4, 0x7fffffff)
        lla a5, rvc_buf
        RVC
        c.ld a0, 0(a5)
        c.ld a1, 8(a5)
        c.ld a2, 128(a5)
        c.ld a3, 240(a5)
        c.ld s1, 248(a5)
        NORVC
        CHECK(a0, 0x8765432112345678)
        CHECK(a1, 0x0000000100000002)
        CHECK(a2, 0x1122334455667788)
        CHECK(a3, 0x8000000000000001)
        CHECK(s1, 0xdeadbeefcafebabe)
        lla a5, rvc_buf
        RVC
        c.ld a5, 248(a5)                /* rd' == rs1' */
        NORVC
        CHECK(a5, 0xdeadbeefcafebabe)
        lla s1, rvc_buf
        RVC
        c.lw s1, 124(s1)
        NORVC
        CHECK(s1, 0x7fffffff)

/* ---- c.sw / c.sd ---- */
        lla s0, rvc_wbuf
        SET(a0, 0xffffffffffffffff)
        sd a0, 0(s0)
        sd a0, 120(s0)
        sd a0, 248(s0)
        SET(a1, 0x0123456789abcdef)
        RVC
        c.sw a1, 0(s0)
        c.sw a1, 124(s0)
        NORVC
        ld a2, 0(s0)
        CHECK(a2, 0xffffffff89abcdef)
        ld a2, 120(s0)
        CHECK(a2, 0x89abcdefffffffff)
        SET(a3, 0x8877665544332211)
        RVC
        c.sd a3, 8(s0)
        c.sd a3, 248(s0)
        NORVC
        ld a2, 8(s0)
        CHECK(a2, 0x8877665544332211)
        ld a2, 248(s0)
        CHECK(a2, 0x8877665544332211)
        ld a2, 240(s0)                  /* neighbour untouched */
        CHECK(a2, 0)

/* ---- c.lwsp / c.ldsp / c.swsp / c.sdsp (sp-relative, rd any) ---- */
        SET(a0, 0x1111111180000001)
        sd a0, 0(sp)
        SET(a0, 0xfedcba9876543210)
        sd a0, 248(sp)                  /* words at 248 (0x76543210), 252 (0xfedcba98) */
        SET(a0, 0x0f0e0d0c0b0a0908)
        sd a0, 256(sp)
        SET(a0, 0x8070605040302010)
        sd a0, 504(sp)
        RVC
        c.lwsp a1, 0(sp)
        c.lwsp t4, 4(sp)
        c.lwsp ra, 248(sp)
        c.lwsp s10, 252(sp)
        NORVC
        CHECK(a1, 0xffffffff80000001)
        CHECK(t4, 0x11111111)
        CHECK(ra, 0x76543210)
        CHECK(s10, 0xfffffffffedcba98)
        RVC
        c.ldsp a1, 0(sp)
        c.ldsp t4, 8(sp)
        c.ldsp ra, 256(sp)
        c.ldsp s10, 504(sp)
        NORVC
        CHECK(a1, 0x1111111180000001)
        CHECK(t4, 0)
        CHECK(ra, 0x0f0e0d0c0b0a0908)
        CHECK(s10, 0x8070605040302010)
        SET(a0, -1)
        sd a0, 0(sp)
        sd a0, 248(sp)
        sd a0, 496(sp)
        sd a0, 504(sp)
        SET(t4, 0x0123456789abcdef)
        RVC
        c.swsp t4, 0(sp)
        c.swsp t4, 252(sp)
        c.sdsp t4, 496(sp)
        NORVC
        ld a1, 0(sp)
        CHECK(a1, 0xffffffff89abcdef)
        ld a1, 248(sp)
        CHECK(a1, 0x89abcdefffffffff)
        ld a1, 496(sp)
        CHECK(a1, 0x0123456789abcdef)
        SET(ra, 0x8000000000000008)
        RVC
        c.sdsp ra, 504(sp)
        c.sdsp zero, 8(sp)              /* rs2 = x0 is fine for stores */
        NORVC
        ld a1, 504(sp)
        CHECK(a1, 0x8000000000000008)
        ld a1, 8(sp)
        CHECK(a1, 0)

/* ---- c.j: forward, backward, +2046 and -2048, +0x554 / -0x556 ---- */
        li a2, 0
        RVC
        c.j 1f
        NORVC
        li a2, 99
1:      CHECK(a2, 0)
        j 2f
1:      li a2, 7
        j 3f
2:      RVC
        c.j 1b
        NORVC
        li a2, 99
3:      CHECK(a2, 7)

/* CFAR(fop, freg, bop, breg, fwd): at J, `fop [freg,]` jumps +fwd; there
 * `bop [breg,]` jumps -(fwd+2) to J-2, where c.jr s2 leaves (the exit is
 * out of c.j range).  Both branches must be taken. */
#define CFAR(fop, freg, bop, breg, fwd) cfar_case fop, freg, bop, breg, fwd, __LINE__
        .macro cjump op, reg, target
        .ifb \reg
        \op \target
        .else
        \op \reg, \target
        .endif
        .endm

        .macro cfar_case fop, freg, bop, breg, fwd, line
        lla s2, .Lcf_ok\@
        li a2, 0
        j .Lcf_J\@
        RVC
.Lcf_L\@:
        c.jr s2
.Lcf_J\@:
        cjump \fop, \freg, .Lcf_T\@
        NORVC
        li a2, 98
        j .Lcf_done\@
        .skip (.Lcf_J\@ + \fwd) - .
        RVC
.Lcf_T\@:
        cjump \bop, \breg, .Lcf_L\@
        NORVC
        li a2, 99
        j .Lcf_done\@
.Lcf_ok\@:
        li a2, 1
.Lcf_done\@:
        check_eq a2, 1, \line
        .endm

        CFAR(c.j, , c.j, , 2046)        /* +2046 then -2048 */
        CFAR(c.j, , c.j, , 0x554)       /* +0x554 then -0x556 */
        CFAR(c.j, , c.j, , 0x2aa)       /* +0x2aa then -0x2ac */

/* ---- c.beqz / c.bnez (rs1', full 64-bit compare with zero) ---- */
        SET(s0, 0)
        SET(s1, 0x100000000)            /* zero in the low 32 bits only */
        li a2, 0
        RVC
        c.beqz s0, 1f
        NORVC
        li a2, 99
1:      CHECK(a2, 0)
        RVC
        c.beqz s1, 1f
        NORVC
        li a2, 1
1:      CHECK(a2, 1)
        li a2, 0
        RVC
        c.bnez s1, 1f
        NORVC
        li a2, 99
1:      CHECK(a2, 0)
        RVC
        c.bnez s0, 1f
        NORVC
        li a2, 1
1:      CHECK(a2, 1)
        SET(a5, 0x8000000000000000)
        li a2, 0
        RVC
        c.bnez a5, 1f
        NORVC
        li a2, 99
1:      CHECK(a2, 0)
        /* backward taken, counted loop */
        li a0, 5
        li a2, 0
1:      addi a2, a2, 2
        addi a0, a0, -1
        RVC
        c.bnez a0, 1b
        NORVC
        CHECK(a2, 10)
        /* extremes: +254 then -256, and bit patterns */
        li s0, 0
        li s1, 1
        CFAR(c.beqz, s0, c.bnez, s1, 254)   /* +254 then -256 */
        CFAR(c.bnez, s1, c.beqz, s0, 254)
        CFAR(c.beqz, s0, c.bnez, s1, 0xaa)  /* +0xaa then -0xac */
        CFAR(c.bnez, s1, c.beqz, s0, 0x54)  /* +0x54 then -0x56 */

/* ---- c.jr / c.jalr (link = pc + 2) ---- */
        lla a0, .Lcjr_t
        li a2, 0
        RVC
        c.jr a0
        NORVC
        li a2, 99
.Lcjr_t:
        addi a2, a2, 1
        CHECK(a2, 1)

        lla a0, .Lcjalr_t
        li a2, 0
        li ra, 0
        RVC
        c.jalr a0
.Lcjalr_r:
        NORVC
        li a2, 99
.Lcjalr_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        lla a1, .Lcjalr_r
        sub a1, ra, a1
        CHECK(a1, 0)
        SET(a1, .Lcjalr_r)              /* absolute address, independent of auipc */
        sub a1, ra, a1
        CHECK(a1, 0)

        /* c.jalr ra: target is the old ra, then ra = pc + 2 */
        lla ra, .Lcjalr2_t
        li a2, 0
        RVC
        c.jalr ra
.Lcjalr2_r:
        NORVC
        li a2, 99
.Lcjalr2_t:
        addi a2, a2, 1
        CHECK(a2, 1)
        SET(a1, .Lcjalr2_r)
        sub a1, ra, a1
        CHECK(a1, 0)

        /* call/return entirely in compressed code: c.jalr + c.jr ra */
        lla t4, .Lcfunc
        li a0, 20
        RVC
        c.jalr t4
        NORVC
        CHECK(a0, 41)
        j .Lrvc_end

        RVC
.Lcfunc:
        c.add a0, a0
        c.addi a0, 1
        c.jr ra
        NORVC

.Lrvc_end:
        TEST_END

        .data
        .balign 8
rvc_buf:
        .dword 0x8765432112345678       /* 0 */
        .dword 0x0000000100000002       /* 8 */
        .fill 64 - 16, 1, 0
        .dword 0xfedcba9880000000       /* 64 */
        .fill 120 - 72, 1, 0
        .dword 0x7fffffffa5a5a5a5       /* 120 */
        .dword 0x1122334455667788       /* 128 */
        .fill 240 - 136, 1, 0
        .dword 0x8000000000000001       /* 240 */
        .dword 0xdeadbeefcafebabe       /* 248 */
        .balign 8
rvc_wbuf:
        .fill 256, 1, 0
