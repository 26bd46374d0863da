/* 64-bit and 32-bit integer arithmetic edge cases.  C-level overflow goes
   through unsigned types; the RISC-V-defined results of division by zero and
   of INT_MIN / -1 are reached with inline assembly (defined at ISA level). */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#define R2(op, a, b) ({ uint64_t _r; __asm__ volatile(op " %0, %1, %2" : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); _r; })

static const uint64_t vals[] = {
    0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull,
    0xffffffffffffffffull, 0xdeadbeefcafebabeull, 12345678901234567ull, (uint64_t)-1000,
};
#define NV (sizeof vals / sizeof vals[0])

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + (h >> 29); }

int main(void) {
  /* division and remainder: exhaustive over the value table, including 0 and -1 divisors */
  static const char *ops[] = {"div", "divu", "rem", "remu", "divw", "divuw", "remw", "remuw",
                              "mul", "mulh", "mulhu", "mulhsu", "mulw", "add", "sub", "addw", "subw",
                              "sll", "srl", "sra", "sllw", "srlw", "sraw", "slt", "sltu",
                              "and", "or", "xor"};
  for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < NV; i++)
      for (size_t j = 0; j < NV; j++) {
        uint64_t a = vals[i], b = vals[j], r = 0;
        switch (o) {
          case 0: r = R2("div", a, b); break;
          case 1: r = R2("divu", a, b); break;
          case 2: r = R2("rem", a, b); break;
          case 3: r = R2("remu", a, b); break;
          case 4: r = R2("divw", a, b); break;
          case 5: r = R2("divuw", a, b); break;
          case 6: r = R2("remw", a, b); break;
          case 7: r = R2("remuw", a, b); break;
          case 8: r = R2("mul", a, b); break;
          case 9: r = R2("mulh", a, b); break;
          case 10: r = R2("mulhu", a, b); break;
          case 11: r = R2("mulhsu", a, b); break;
          case 12: r = R2("mulw", a, b); break;
          case 13: r = R2("add", a, b); break;
          case 14: r = R2("sub", a, b); break;
          case 15: r = R2("addw", a, b); break;
          case 16: r = R2("subw", a, b); break;
          case 17: r = R2("sll", a, b); break;
          case 18: r = R2("srl", a, b); break;
          case 19: r = R2("sra", a, b); break;
          case 20: r = R2("sllw", a, b); break;
          case 21: r = R2("srlw", a, b); break;
          case 22: r = R2("sraw", a, b); break;
          case 23: r = R2("slt", a, b); break;
          case 24: r = R2("sltu", a, b); break;
          case 25: r = R2("and", a, b); break;
          case 26: r = R2("or", a, b); break;
          case 27: r = R2("xor", a, b); break;
        }
        h = mix(h, r);
      }
    printf("%-7s table hash %016" PRIx64 "\n", ops[o], h);
  }
  /* the named special cases, spelled out */
  uint64_t m = 0x8000000000000000ull, m1 = (uint64_t)-1;
  printf("div  x/0     = %016" PRIx64 "\n", R2("div", 1234, 0));
  printf("divu x/0     = %016" PRIx64 "\n", R2("divu", 1234, 0));
  printf("rem  x%%0     = %" PRIu64 "\n", R2("rem", 1234, 0));
  printf("remu x%%0     = %" PRIu64 "\n", R2("remu", 1234, 0));
  printf("div  min/-1  = %016" PRIx64 "\n", R2("div", m, m1));
  printf("rem  min%%-1  = %" PRIu64 "\n", R2("rem", m, m1));
  printf("divw min/-1  = %016" PRIx64 "\n", R2("divw", 0x80000000ull, m1));
  printf("remw min%%-1  = %016" PRIx64 "\n", R2("remw", 0x80000000ull, m1));
  printf("divw x/0     = %016" PRIx64 "\n", R2("divw", 5, 0));
  printf("divuw x/0    = %016" PRIx64 "\n", R2("divuw", 5, 0));
  printf("remw -7%%0    = %016" PRIx64 "\n", R2("remw", (uint64_t)-7, 0));
  printf("remuw x%%0    = %016" PRIx64 "\n", R2("remuw", 0xfffffff9ull, 0));
  printf("-7/2=%lld -7%%2=%lld 7/-2=%lld 7%%-2=%lld\n", (long long)R2("div", -7, 2),
         (long long)R2("rem", -7, 2), (long long)R2("div", 7, -2), (long long)R2("rem", 7, -2));

  /* C semantics that are well defined */
  int64_t sa = -7, sb = 2;
  printf("C: %lld %lld %lld %lld\n", (long long)(sa / sb), (long long)(sa % sb), (long long)(sa >> 1),
         (long long)((uint64_t)sa >> 60));
  uint64_t u = UINT64_MAX;
  printf("wrap: %" PRIu64 " %" PRIu64 " %" PRIx64 "\n", u + 1, 0 - (uint64_t)1, u * u);
  int64_t smin = INT64_MIN;
  printf("neg min via unsigned: %" PRIx64 "\n", (uint64_t)0 - (uint64_t)smin);
  uint32_t w = 0xffffffffu;
  printf("u32 wrap: %u %u %u\n", w + 1u, w * w, (uint32_t)(w << 31));
  int32_t i32 = (int32_t)0x80000000u;
  printf("sign extend: %lld %llu\n", (long long)i32, (unsigned long long)(uint32_t)i32);
  int8_t i8 = (int8_t)0x80; int16_t i16 = (int16_t)0x8000;
  printf("narrow: %d %d %u %u\n", i8, i16, (uint8_t)i8, (uint16_t)i16);

  long long res;
  printf("add_overflow: %d", __builtin_add_overflow(LLONG_MAX, 1LL, &res));
  printf(" %d", __builtin_sub_overflow(LLONG_MIN, 1LL, &res));
  printf(" %d", __builtin_mul_overflow(1LL << 32, 1LL << 31, &res));
  printf(" %d", __builtin_mul_overflow(1LL << 32, 1LL << 30, &res));
  printf(" %lld\n", res);
  unsigned __int128 big = (unsigned __int128)0xfedcba9876543210ull * 0x0123456789abcdefull;
  printf("u128 product hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)(big >> 64), (uint64_t)big);
  __int128 sbig = (__int128)(int64_t)-123456789012345ll * 987654321098765ll;
  printf("i128 product hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)((unsigned __int128)sbig >> 64), (uint64_t)sbig);
  unsigned __int128 q = big / 1000000007u;
  printf("u128 / 1e9+7 = %016" PRIx64 "%016" PRIx64 " rem %" PRIu64 "\n", (uint64_t)(q >> 64), (uint64_t)q,
         (uint64_t)(big % 1000000007u));

  /* division by many constants (the compiler turns these into multiplies) */
  uint64_t h = 0;
  for (uint64_t x = 1; x < 200000; x += 7) {
    uint64_t y = x * 0x9e3779b97f4a7c15ull;
    h = mix(h, y / 3 + y / 7 + y / 10 + y / 1000000007 + y % 13 + y % 64);
    int64_t z = (int64_t)y;
    h = mix(h, (uint64_t)(z / 3 + z / -5 + z % 7 + z / 1024));
    h = mix(h, (uint32_t)y / 9u + (uint32_t)((int32_t)y / 11));
  }
  printf("constant division hash %016" PRIx64 "\n", h);

  /* comparisons around the sign boundary */
  int64_t cm[] = {INT64_MIN, -1, 0, 1, INT64_MAX};
  for (int i = 0; i < 5; i++) {
    for (int j = 0; j < 5; j++)
      printf("%d%d", cm[i] < cm[j], (uint64_t)cm[i] < (uint64_t)cm[j]);
    printf("\n");
  }
  /* immediates: lui/addi edge cases */
  volatile uint64_t k1 = 0x7ffff800, k2 = 0xfffff800, k3 = 0x80000000, k4 = 0xffffffff80000000ull;
  printf("imm: %" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64 "\n", k1 + 0x7ff, k2 - 0x800, k3 | 0x7ff, k4 ^ 0x7ff);
  return 0;
}
