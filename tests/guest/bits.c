/* Bit tricks: popcount, clz/ctz, byte swaps, rotations, bit reversal, Gray
   code, Morton codes, power-of-two rounding, parity; builtins are checked
   against naive loops. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include "common.h"

static int pop_naive(uint64_t x) { int n = 0; while (x) { n += (int)(x & 1); x >>= 1; } return n; }
static int clz_naive(uint64_t x) { int n = 0; for (int b = 63; b >= 0 && !(x >> b & 1); b--) n++; return n; }
static int ctz_naive(uint64_t x) { int n = 0; for (int b = 0; b < 64 && !(x >> b & 1); b++) n++; return n; }
static uint64_t rev64(uint64_t x) {
  x = (x >> 1 & 0x5555555555555555ull) | (x & 0x5555555555555555ull) << 1;
  x = (x >> 2 & 0x3333333333333333ull) | (x & 0x3333333333333333ull) << 2;
  x = (x >> 4 & 0x0f0f0f0f0f0f0f0full) | (x & 0x0f0f0f0f0f0f0f0full) << 4;
  return __builtin_bswap64(x);
}
static uint64_t rotl(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> ((64 - r) & 63)); }
static uint32_t rotr32(uint32_t x, unsigned r) { return (x >> (r & 31)) | (x << ((32 - r) & 31)); }
static uint64_t next_pow2(uint64_t x) {
  x--; x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16; x |= x >> 32; return x + 1;
}
static uint64_t spread(uint32_t x) {
  uint64_t v = x;
  v = (v | v << 16) & 0x0000ffff0000ffffull;
  v = (v | v << 8) & 0x00ff00ff00ff00ffull;
  v = (v | v << 4) & 0x0f0f0f0f0f0f0f0full;
  v = (v | v << 2) & 0x3333333333333333ull;
  v = (v | v << 1) & 0x5555555555555555ull;
  return v;
}
static uint64_t isqrt(uint64_t n) {
  uint64_t r = 0, bit = 1ull << 62;
  while (bit > n) bit >>= 2;
  while (bit) {
    if (n >= r + bit) { n -= r + bit; r = (r >> 1) + bit; } else r >>= 1;
    bit >>= 2;
  }
  return r;
}

int main(void) {
  rng_t r = {99};
  uint64_t h = 0;
  for (int i = 0; i < 20000; i++) {
    uint64_t x = rng_next(&r) >> rng_below(&r, 64);
    CHECK(__builtin_popcountll(x) == pop_naive(x));
    if (x) {
      CHECK(__builtin_clzll(x) == clz_naive(x));
      CHECK(__builtin_ctzll(x) == ctz_naive(x));
    }
    CHECK(rev64(rev64(x)) == x);
    CHECK(rotl(rotl(x, 13), 51) == x);
    uint64_t g = x ^ (x >> 1), back = g;
    for (int s = 1; s < 64; s <<= 1) back ^= back >> s;
    CHECK(back == x);
    h = fnv1a64(&x, 8) ^ (h * 31 + rev64(x) + (x & -x) + (x & (x - 1)) + __builtin_parityll(x));
  }
  printf("random checks passed, hash=%016" PRIx64 "\n", h);
  uint64_t samples[] = {0, 1, 0x80, 0xff00, 0x12345678, 0x8000000000000000ull, 0xffffffffffffffffull,
                        0x0123456789abcdefull, 1000000007};
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    uint64_t x = samples[i];
    printf("x=%016" PRIx64 " pop=%2d clz=%2d ctz=%2d par=%d bswap=%016" PRIx64 " rev=%016" PRIx64
           " rotl7=%016" PRIx64 " np2=%" PRIx64 " isqrt=%" PRIu64 "\n",
           x, __builtin_popcountll(x), x ? __builtin_clzll(x) : 64, x ? __builtin_ctzll(x) : 64,
           __builtin_parityll(x), __builtin_bswap64(x), rev64(x), rotl(x, 7), next_pow2(x), isqrt(x));
  }
  printf("bswap32=%08x bswap16=%04x rotr32=%08x\n", __builtin_bswap32(0xa1b2c3d4u), __builtin_bswap16(0xbeef),
         rotr32(0x80000001u, 4));
  printf("morton(0xffff,0)=%016" PRIx64 " morton(3,5)=%" PRIu64 "\n", spread(0xffff), spread(3) | spread(5) << 1);
  uint64_t subsets = 0, mask = 0xb5;
  for (uint64_t s = mask;; s = (s - 1) & mask) { subsets++; if (!s) break; }
  printf("subsets of 0xb5: %" PRIu64 "\n", subsets);
  /* next permutation of bits (Gosper's hack): count 5-bit subsets of 20 */
  uint64_t cnt = 0;
  for (uint64_t v = 0x1f; v < (1ull << 20);) {
    cnt++;
    uint64_t t = v | (v - 1);
    v = (t + 1) | (((~t & -~t) - 1) >> (__builtin_ctzll(v) + 1));
  }
  printf("C(20,5) via Gosper = %" PRIu64 "\n", cnt);
  int32_t sv = -37;
  printf("abs branchless=%d sign=%d min(3,-9)=%d\n", (sv ^ (sv >> 31)) - (sv >> 31), (sv > 0) - (sv < 0),
         -9 ^ ((3 ^ -9) & -(3 < -9)));
  uint32_t bf = 0;
  bf |= 5u << 3; bf |= 0x3fu << 10; bf &= ~(1u << 12);
  printf("bitfield=%08x field=%u\n", bf, (bf >> 10) & 0x3f);
  struct { unsigned a : 3, b : 7, c : 22; signed d : 5; } s = {5, 100, 4000000, -9};
  s.a += 4; s.b ^= 0x7f; s.d -= 10;
  printf("struct bitfields a=%u b=%u c=%u d=%d\n", s.a, s.b, s.c, s.d);
  return 0;
}
