/* Bit manipulation compiled for Zba/Zbb/Zbs (-march=rv64gc_zba_zbb_zbs):
   GCC turns the builtins, rotations, min/max, narrow casts, and-not, single
   bit updates and scaled index arithmetic below into clz/ctz/cpop(w),
   rol/ror(i)(w), rev8, min/max(u), sext.b/sext.h/zext.h, andn/orn/xnor,
   bset/bclr/binv/bext(i), shNadd(.uw)/add.uw/slli.uw.  orc.b has no C idiom,
   so a word-at-a-time strlen uses it through inline asm.  Every result is
   also computed by a plain loop (kept out of the optimizer's idiom matching
   with a volatile step) and checked; checksums are printed. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

/* noipa: no inlining, no constant propagation into the callee */
#define NOINLINE __attribute__((noipa))

/* ---- plain references: one bit at a time ---- */
static volatile unsigned one = 1; /* defeats popcount/clz idiom recognition */
static int pop_ref(uint64_t x) { int n = 0; for (int b = 0; b < 64; b += one) n += (int)(x >> b & 1); return n; }
static int clz_ref(uint64_t x) { int n = 0; for (int b = 63; b >= 0 && !(x >> b & 1); b -= (int)one) n++; return n; }
static int ctz_ref(uint64_t x) { int n = 0; for (int b = 0; b < 64 && !(x >> b & 1); b += (int)one) n++; return n; }
static uint64_t bswap_ref(uint64_t x) {
  uint64_t r = 0;
  for (int i = 0; i < 8; i += (int)one) r |= (x >> (8 * i) & 0xff) << (56 - 8 * i);
  return r;
}
static uint64_t rotl_ref(uint64_t x, unsigned s) {
  for (unsigned i = 0; i < (s & 63); i += one) x = x << 1 | x >> 63;
  return x;
}

/* ---- the Zbb/Zbs/Zba candidates ---- */
NOINLINE static int clz64(uint64_t x) { return x ? __builtin_clzll(x) : 64; }
NOINLINE static int ctz64(uint64_t x) { return x ? __builtin_ctzll(x) : 64; }
NOINLINE static int clz32(uint32_t x) { return x ? __builtin_clz(x) : 32; }
NOINLINE static int ctz32(uint32_t x) { return x ? __builtin_ctz(x) : 32; }
NOINLINE static int pop64(uint64_t x) { return __builtin_popcountll(x); }
NOINLINE static int pop32(uint32_t x) { return __builtin_popcount(x); }
NOINLINE static uint64_t rotl64(uint64_t x, unsigned s) { return x << (s & 63) | x >> (-s & 63); }
NOINLINE static uint64_t rotr64(uint64_t x, unsigned s) { return x >> (s & 63) | x << (-s & 63); }
NOINLINE static uint32_t rotl32(uint32_t x, unsigned s) { return x << (s & 31) | x >> (-s & 31); }
NOINLINE static uint32_t rotr32(uint32_t x, unsigned s) { return x >> (s & 31) | x << (-s & 31); }
NOINLINE static uint64_t bswap64(uint64_t x) { return __builtin_bswap64(x); }
NOINLINE static uint32_t bswap32(uint32_t x) { return __builtin_bswap32(x); }
NOINLINE static int64_t smin(int64_t a, int64_t b) { return a < b ? a : b; }
NOINLINE static int64_t smax(int64_t a, int64_t b) { return a > b ? a : b; }
NOINLINE static uint64_t umin(uint64_t a, uint64_t b) { return a < b ? a : b; }
NOINLINE static uint64_t umax(uint64_t a, uint64_t b) { return a > b ? a : b; }
NOINLINE static int64_t sext8(uint64_t x) { return (int8_t)x; }
NOINLINE static int64_t sext16(uint64_t x) { return (int16_t)x; }
NOINLINE static uint64_t zext16(uint64_t x) { return (uint16_t)x; }
NOINLINE static uint64_t andnot(uint64_t a, uint64_t b) { return a & ~b; }
NOINLINE static uint64_t ornot(uint64_t a, uint64_t b) { return a | ~b; }
NOINLINE static uint64_t xnor(uint64_t a, uint64_t b) { return ~(a ^ b); }
/* i < 64 (the callers mask it) */
NOINLINE static uint64_t bit_set(uint64_t x, unsigned i) { return x | 1ull << i; }
NOINLINE static uint64_t bit_clr(uint64_t x, unsigned i) { return x & ~(1ull << i); }
NOINLINE static uint64_t bit_inv(uint64_t x, unsigned i) { return x ^ 1ull << i; }
NOINLINE static int bit_get(uint64_t x, unsigned i) { return (int)(x >> i & 1); }
NOINLINE static uint64_t bit40_set(uint64_t x) { return x | 1ull << 40; }
NOINLINE static uint64_t bit40_clr(uint64_t x) { return x & ~(1ull << 40); }
NOINLINE static uint64_t bit40_inv(uint64_t x) { return x ^ 1ull << 40; }
NOINLINE static uint64_t bit40_get(uint64_t x) { return x >> 40 & 1; }
NOINLINE static uint64_t zext32_shl(uint64_t x) { return (uint64_t)(uint32_t)x << 5; }
NOINLINE static uint64_t zext32_add(uint64_t x, uint64_t y) { return (uint64_t)(uint32_t)x + y; }

/* Scaled indexing with 32-bit unsigned indices (which the ABI passes
 * sign-extended): shNadd.uw / add.uw; with 64-bit indices: shNadd. */
NOINLINE static uint64_t at64(const uint64_t *a, uint32_t i) { return a[i]; }
NOINLINE static uint64_t at32(const uint32_t *a, uint32_t i) { return a[i]; }
NOINLINE static uint64_t at16(const uint16_t *a, uint32_t i) { return a[i]; }
NOINLINE static uint64_t at8(const uint8_t *a, uint32_t i) { return a[i]; }
NOINLINE static uint64_t gather(const uint64_t *a, const uint32_t *a32, const uint16_t *a16,
                                const uint8_t *a8, const uint32_t *idx, size_t n) {
  uint64_t h = 0;
  for (size_t k = 0; k < n; k++) {
    uint32_t i = idx[k];
    h = h * 31 + a[i] + a32[i] + a16[i] + a8[i];
  }
  return h;
}
NOINLINE static uint64_t gather_uw(const uint64_t *a, const uint32_t *a32, const uint16_t *a16,
                                   const uint8_t *a8, const uint32_t *idx, size_t n) {
  uint64_t h = 0;
  for (size_t k = 0; k < n; k++) h = h * 31 + at64(a, idx[k]) + at32(a32, idx[k]) + at16(a16, idx[k]) + at8(a8, idx[k]);
  return h;
}

/* orc.b: 0xff in each non-zero byte. */
static inline uint64_t orc_b(uint64_t x) {
  uint64_t r;
  __asm__("orc.b %0, %1" : "=r"(r) : "r"(x));
  return r;
}
/* strlen one aligned doubleword at a time: a word with a zero byte has an
 * orc.b result other than all ones; ctz of the inverted result finds the
 * first zero byte (little-endian). */
NOINLINE static size_t strlen_orcb(const char *s) {
  const char *p = s;
  while ((uintptr_t)p & 7) {
    if (!*p) return (size_t)(p - s);
    p++;
  }
  for (;;) {
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t z = ~orc_b(w);
    if (z) return (size_t)(p - s) + (size_t)(__builtin_ctzll(z) >> 3);
    p += 8;
  }
}

/* A small bitset sieve using bset/bext-style updates. */
NOINLINE static unsigned sieve_count(uint64_t *bits, unsigned n) {
  memset(bits, 0, (n / 64 + 1) * 8);
  unsigned count = 0;
  for (unsigned i = 2; i < n; i++) {
    if (bits[i >> 6] >> (i & 63) & 1) continue;
    count++;
    for (unsigned j = i * 2; j < n; j += i) bits[j >> 6] |= 1ull << (j & 63);
  }
  return count;
}

/* xoshiro256** (rotations by constants: rori). */
static uint64_t xs[4] = {1, 2, 3, 4};
static uint64_t xoshiro(void) {
  uint64_t r = rotl64(xs[1] * 5, 7) * 9, t = xs[1] << 17;
  xs[2] ^= xs[0]; xs[3] ^= xs[1]; xs[1] ^= xs[2]; xs[0] ^= xs[3];
  xs[2] ^= t;
  xs[3] = xs[3] << 45 | xs[3] >> 19;
  return r;
}
/* A 32-bit mixer (murmur3 finalizer plus constant 32-bit rotations: roriw). */
NOINLINE static uint32_t mix32(uint32_t h) {
  h ^= h >> 16; h *= 0x85ebca6bu;
  h = h << 13 | h >> 19;
  h ^= h >> 13; h *= 0xc2b2ae35u;
  h = h >> 7 | h << 25;
  return h ^ (h >> 16);
}

static uint64_t acc;
static void fold(uint64_t v) { acc = (acc ^ v) * 0x100000001b3ull; }

int main(void) {
  rng_t r = {42};
  static const uint64_t edge[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
                                  0x80000000, 0xffffffff, 0x100000000, 0x8000000000000000ull,
                                  0x7fffffffffffffffull, 0xffffffffffffffffull,
                                  0x0102000000000080ull, 0x0123456789abcdefull};
  enum { NE = sizeof edge / sizeof edge[0], N = 20000 };

  /* counts */
  uint64_t sum_pop = 0, sum_clz = 0, sum_ctz = 0, sum_w = 0;
  for (int k = 0; k < N + NE; k++) {
    uint64_t x = k < NE ? edge[k] : rng_next(&r) >> (rng_next(&r) & 63);
    CHECK(pop64(x) == pop_ref(x));
    CHECK(clz64(x) == clz_ref(x));
    CHECK(ctz64(x) == ctz_ref(x));
    CHECK(pop32((uint32_t)x) == pop_ref((uint32_t)x));
    CHECK(clz32((uint32_t)x) == clz_ref((uint32_t)x) - 32);
    CHECK(ctz32((uint32_t)x) == ((uint32_t)x ? ctz_ref((uint32_t)x) : 32));
    sum_pop += (uint64_t)pop64(x);
    sum_clz += (uint64_t)clz64(x);
    sum_ctz += (uint64_t)ctz64(x);
    sum_w += (uint64_t)(pop32((uint32_t)x) * 10000 + clz32((uint32_t)x) * 100 + ctz32((uint32_t)x));
  }
  printf("counts: pop %" PRIu64 " clz %" PRIu64 " ctz %" PRIu64 " w %" PRIu64 "\n", sum_pop, sum_clz,
         sum_ctz, sum_w);
  printf("edges: clz(0)=%d ctz(0)=%d clz32(0)=%d ctz32(0)=%d pop(-1)=%d pop32(0xffffffff0000000f)=%d\n",
         clz64(0), ctz64(0), clz32(0), ctz32(0), pop64(~0ull), pop32((uint32_t)0xffffffff0000000full));

  /* rotations and byte swaps */
  acc = 0;
  for (int k = 0; k < N; k++) {
    uint64_t x = rng_next(&r);
    unsigned s = (unsigned)rng_next(&r); /* any value: only the low bits count */
    uint64_t a = rotl64(x, s), b = rotr64(x, s);
    CHECK(a == rotl_ref(x, s));
    CHECK(b == rotl_ref(x, 64 - (s & 63)));
    CHECK(rotr64(a, s) == x);
    uint32_t c = rotl32((uint32_t)x, s), d = rotr32((uint32_t)x, s);
    CHECK(rotr32(c, s) == (uint32_t)x && rotl32(d, s) == (uint32_t)x);
    CHECK(bswap64(x) == bswap_ref(x));
    CHECK(bswap32((uint32_t)x) == (uint32_t)(bswap_ref((uint32_t)x) >> 32));
    fold(a); fold(b); fold(c); fold(d); fold(bswap64(x)); fold(bswap32((uint32_t)x));
    fold(mix32((uint32_t)x));
  }
  printf("rotate/bswap: %016" PRIx64 "\n", acc);
  printf("rotl64(0x8000000000000001, 1)=%#" PRIx64 " rotr32(1, 1)=%#" PRIx32 " bswap64=%016" PRIx64 "\n",
         rotl64(0x8000000000000001ull, 1), rotr32(1, 1), bswap64(0x0123456789abcdefull));

  /* min/max, extensions, and-not family */
  acc = 0;
  for (int k = 0; k < N + NE; k++) {
    uint64_t x = k < NE ? edge[k] : rng_next(&r), y = k < NE ? edge[NE - 1 - k] : rng_next(&r);
    CHECK(smin((int64_t)x, (int64_t)y) <= smax((int64_t)x, (int64_t)y));
    CHECK(umin(x, y) <= umax(x, y));
    CHECK((umin(x, y) == x) == (x <= y));
    CHECK(sext8(x) == (int64_t)(x & 0xff) - ((x & 0x80) ? 256 : 0));
    CHECK(sext16(x) == (int64_t)(x & 0xffff) - ((x & 0x8000) ? 65536 : 0));
    CHECK(zext16(x) == (x & 0xffff));
    CHECK(andnot(x, y) == (x & (y ^ ~0ull)));
    CHECK(ornot(x, y) == (x | (y ^ ~0ull)));
    CHECK(xnor(x, y) == (x ^ y ^ ~0ull));
    fold((uint64_t)smin((int64_t)x, (int64_t)y)); fold((uint64_t)smax((int64_t)x, (int64_t)y));
    fold(umin(x, y)); fold(umax(x, y));
    fold((uint64_t)sext8(x)); fold((uint64_t)sext16(x)); fold(zext16(x));
    fold(andnot(x, y)); fold(ornot(x, y)); fold(xnor(x, y));
  }
  printf("minmax/ext/logic: %016" PRIx64 "\n", acc);
  printf("sext8(0x80)=%" PRId64 " sext16(0x8000)=%" PRId64 " zext16(-1)=%" PRIu64 " smin=%" PRId64
         " umin=%" PRIu64 "\n",
         sext8(0x80), sext16(0x8000), zext16(~0ull), smin(-1, 1), umin(~0ull, 1));

  /* single bits */
  acc = 0;
  uint64_t v = 0;
  for (int k = 0; k < N; k++) {
    unsigned i = (unsigned)rng_next(&r) & 63;
    switch (k & 3) {
    case 0: v = bit_set(v, i); CHECK(bit_get(v, i)); break;
    case 1: v = bit_clr(v, i); CHECK(!bit_get(v, i)); break;
    case 2: { uint64_t w = bit_inv(v, i); CHECK(bit_get(w, i) != bit_get(v, i)); v = w; break; }
    default: fold((uint64_t)bit_get(v, i)); break;
    }
    fold(v);
    uint64_t x = rng_next(&r);
    CHECK(bit40_set(x) == (x | 0x10000000000ull) && bit40_clr(x) == (x & ~0x10000000000ull));
    CHECK(bit40_inv(x) == (x ^ 0x10000000000ull) && bit40_get(x) == (x >> 40) % 2);
    fold(bit40_inv(x) + bit40_get(x));
  }
  printf("bits: %016" PRIx64 " last %016" PRIx64 " bit63 %d\n", acc, v, bit_get(bit_set(0, 63), 63));
  static uint64_t sieve[100000 / 64 + 1];
  printf("primes below 100000: %u\n", sieve_count(sieve, 100000));

  /* address arithmetic */
  enum { M = 4096 };
  static uint64_t a64[M];
  static uint32_t a32[M], idx[M];
  static uint16_t a16[M];
  static uint8_t a8[M];
  for (unsigned i = 0; i < M; i++) {
    a64[i] = rng_next(&r);
    a32[i] = (uint32_t)a64[i];
    a16[i] = (uint16_t)(a64[i] >> 20);
    a8[i] = (uint8_t)(a64[i] >> 40);
    idx[i] = (uint32_t)rng_below(&r, M);
  }
  uint64_t g = gather(a64, a32, a16, a8, idx, M);
  uint64_t g_ref = 0;
  for (unsigned k = 0; k < M; k += one) {
    unsigned i = idx[k];
    g_ref = g_ref * 31 + a64[i] + a32[i] + a16[i] + a8[i];
  }
  CHECK(g == g_ref);
  CHECK(gather_uw(a64, a32, a16, a8, idx, M) == g_ref);
  printf("gather: %016" PRIx64 "\n", g);
  printf("zext32: %#" PRIx64 " %#" PRIx64 "\n", zext32_shl(0xffffffff80000001ull),
         zext32_add(0xffffffffffffffffull, 1));

  /* xoshiro and the word-at-a-time strlen */
  acc = 0;
  for (int k = 0; k < N; k++) fold(xoshiro());
  printf("xoshiro: %016" PRIx64 "\n", acc);
  static char text[600];
  size_t total = 0;
  for (int k = 0; k < 2000; k++) {
    size_t len = (size_t)rng_below(&r, sizeof text - 16), off = (size_t)rng_below(&r, 8);
    for (size_t i = 0; i < len; i++) text[off + i] = (char)(1 + rng_below(&r, 255));
    text[off + len] = 0;
    CHECK(strlen_orcb(text + off) == len);
    total += len;
  }
  printf("strlen_orcb: %zu bytes; orc.b(0x0102000000000080)=%016" PRIx64 "\n", total,
         orc_b(0x0102000000000080ull));
  return 0;
}
