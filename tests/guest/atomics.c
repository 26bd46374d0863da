/* A-extension behaviour from one thread: C11 atomics and __atomic builtins
   on 32/64-bit objects, sub-word atomics written as masked LR/SC loops (GCC 12
   would call libatomic, which Debian ships only as a shared library), explicit
   AMO and LR/SC instructions through inline assembly, fences. */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

/* fetch-and-add on a byte or halfword: LR/SC on the containing aligned word */
static uint32_t subword_fetch_add(void *p, unsigned size, uint32_t add) {
  uintptr_t addr = (uintptr_t)p;
  uint32_t *word = (uint32_t *)(addr & ~(uintptr_t)3);
  unsigned shift = (unsigned)(addr & 3) * 8;
  uint32_t mask = (size == 1 ? 0xffu : 0xffffu) << shift;
  uint32_t inc = add << shift, old, tmp, fail;
  __asm__ volatile("1: lr.w.aqrl %0, (%3)\n"
                   "   add %1, %0, %4\n"
                   "   xor %1, %1, %0\n"
                   "   and %1, %1, %5\n"
                   "   xor %1, %1, %0\n"
                   "   sc.w.rl %2, %1, (%3)\n"
                   "   bnez %2, 1b"
                   : "=&r"(old), "=&r"(tmp), "=&r"(fail)
                   : "r"(word), "r"(inc), "r"(mask)
                   : "memory");
  return (old & mask) >> shift;
}

#define AMO(op, sfx, ptr, val) ({ int64_t _old; __asm__ volatile(op "." sfx " %0, %2, (%1)" : "=r"(_old) : "r"(ptr), "r"((int64_t)(val)) : "memory"); _old; })

int main(void) {
  _Atomic int64_t a64 = 10;
  _Atomic int32_t a32 = -5;
  struct { uint8_t a, b; uint16_t h; uint8_t c[4]; } __attribute__((aligned(4))) sw = {250, 1, 65530, {9, 8, 7, 6}};
  printf("fetch_add64 old=%" PRId64, atomic_fetch_add(&a64, 5));
  printf(" fetch_sub64 old=%" PRId64, atomic_fetch_sub(&a64, 20));
  printf(" now=%" PRId64 "\n", atomic_load(&a64));
  printf("fetch_or32 old=%d", atomic_fetch_or(&a32, 0x100));
  printf(" fetch_and32 old=%d", atomic_fetch_and(&a32, 0xfff));
  printf(" fetch_xor32 old=%d now=%d\n", atomic_fetch_xor(&a32, 0x55), atomic_load(&a32));
  printf("u16 fetch_add old=%u", subword_fetch_add(&sw.h, 2, 10));
  printf(" u8 fetch_add old=%u", subword_fetch_add(&sw.a, 1, 10));
  printf(" u8 (byte 3) fetch_add old=%u", subword_fetch_add(&sw.c[3], 1, 255));
  printf(" now a=%u b=%u h=%u c=%u,%u,%u,%u\n", sw.a, sw.b, sw.h, sw.c[0], sw.c[1], sw.c[2], sw.c[3]);
  int64_t expected = 999;
  int ok = atomic_compare_exchange_strong(&a64, &expected, 1);
  printf("cas64 wrong expected: ok=%d expected now=%" PRId64 "\n", ok, expected);
  ok = atomic_compare_exchange_strong(&a64, &expected, 1234);
  printf("cas64 right expected: ok=%d value=%" PRId64 "\n", ok, atomic_load(&a64));
  int32_t e32 = atomic_load(&a32);
  while (!atomic_compare_exchange_weak(&a32, &e32, e32 * 3)) {}
  printf("cas32 weak loop: %d\n", atomic_load(&a32));
  atomic_thread_fence(memory_order_seq_cst);
  atomic_signal_fence(memory_order_acquire);
  atomic_flag fl = ATOMIC_FLAG_INIT;
  printf("flag test_and_set: %d %d", atomic_flag_test_and_set(&fl), atomic_flag_test_and_set(&fl));
  atomic_flag_clear(&fl);
  printf(" after clear: %d\n", atomic_flag_test_and_set(&fl));

  int64_t v = 100;
  printf("__atomic_add_fetch=%" PRId64, __atomic_add_fetch(&v, 1, __ATOMIC_RELAXED));
  printf(" __atomic_nand_fetch=%" PRId64 "\n", __atomic_nand_fetch(&v, 0xf0, __ATOMIC_ACQ_REL));
  uint32_t b = 0x0f;
  printf("__atomic_fetch_nand u32 old=%u", __atomic_fetch_nand(&b, 0x3c, __ATOMIC_SEQ_CST));
  printf(" now=%u\n", b);
  int32_t x32 = 5;
  printf("__atomic_exchange_n=%d", __atomic_exchange_n(&x32, -9, __ATOMIC_ACQUIRE));
  printf(" now=%d\n", x32);

  /* raw AMOs, 64-bit (.d) and 32-bit (.w, result sign-extended) */
  int64_t m64 = -8;
  int32_t m32 = (int32_t)0x80000000u;
  printf("amoadd.d old=%" PRId64, AMO("amoadd", "d", &m64, 3));
  printf(" amoswap.d old=%" PRId64, AMO("amoswap", "d", &m64, 42));
  printf(" amoand.d old=%" PRId64, AMO("amoand", "d", &m64, 0x3e));
  printf(" amoor.d old=%" PRId64, AMO("amoor", "d", &m64, 0x101));
  printf(" amoxor.d old=%" PRId64, AMO("amoxor", "d", &m64, -1));
  printf(" now=%" PRId64 "\n", m64);
  printf("amomax.d old=%" PRId64, AMO("amomax", "d", &m64, 5));
  printf(" amomin.d old=%" PRId64, AMO("amomin", "d", &m64, -100));
  printf(" amomaxu.d old=%" PRId64, AMO("amomaxu", "d", &m64, 7));
  printf(" amominu.d old=%" PRId64, AMO("amominu", "d", &m64, 7));
  printf(" now=%" PRId64 "\n", m64);
  printf("amoadd.w old=%" PRId64, AMO("amoadd", "w", &m32, -1));
  printf(" now=%d", m32);
  printf(" amomax.w old=%" PRId64, AMO("amomax", "w", &m32, -3));
  printf(" amominu.w old=%" PRId64, AMO("amominu", "w", &m32, 0x7ffffff0));
  printf(" amomaxu.w old=%" PRId64, AMO("amomaxu", "w", &m32, -2));
  printf(" amomin.w old=%" PRId64, AMO("amomin", "w", &m32, 1));
  printf(" now=%d\n", m32);
  printf("aq/rl variants: %" PRId64, AMO("amoadd", "d.aqrl", &m64, 1));
  printf(" %" PRId64 "\n", AMO("amoswap", "w.aq", &m32, 9));

  /* explicit LR/SC loop: increment 1000 times */
  int64_t counter = 0;
  for (int i = 0; i < 1000; i++) {
    int64_t tmp, fail;
    __asm__ volatile("1: lr.d %0, (%2)\n addi %0, %0, 1\n sc.d %1, %0, (%2)\n bnez %1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(&counter) : "memory");
  }
  int32_t c32 = 0x7fffffff;
  int64_t t32, f32;
  __asm__ volatile("1: lr.w %0, (%2)\n addiw %0, %0, 1\n sc.w %1, %0, (%2)\n bnez %1, 1b"
                   : "=&r"(t32), "=&r"(f32) : "r"(&c32) : "memory");
  printf("lr/sc counter=%" PRId64 " lr.w wrap=%d (reg %" PRId64 ")\n", counter, c32, t32);
  __asm__ volatile("fence rw, rw\n fence.i\n fence r, r" ::: "memory");
  printf("fences executed\n");
  return 0;
}
