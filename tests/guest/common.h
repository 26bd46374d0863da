/* Shared helpers for the glibc-linked golden guest programs (integer only). */
#ifndef AMANATSU_GUEST_COMMON_H
#define AMANATSU_GUEST_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Stop with status 1 and a message on stderr when a self-check fails. */
#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fflush(stdout);                                                         \
      fprintf(stderr, "CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      exit(1);                                                                \
    }                                                                         \
  } while (0)

/* Deterministic 64-bit generator (splitmix64). */
typedef struct { uint64_t s; } rng_t;
static inline uint64_t rng_next(rng_t *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static inline uint64_t rng_below(rng_t *r, uint64_t n) { return rng_next(r) % n; }

/* Classic 32-bit LCG (Numerical Recipes constants). */
static inline uint32_t lcg32(uint32_t *s) { return *s = *s * 1664525u + 1013904223u; }

static inline uint32_t crc32_update(uint32_t crc, const void *buf, size_t len) {
  static uint32_t table[256];
  static int ready;
  if (!ready) {
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = 1;
  }
  const uint8_t *p = buf;
  crc = ~crc;
  while (len--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}
static inline uint32_t crc32(const void *buf, size_t len) { return crc32_update(0, buf, len); }

static inline uint64_t fnv1a64(const void *buf, size_t len) {
  const uint8_t *p = buf;
  uint64_t h = 0xcbf29ce484222325ull;
  while (len--) { h ^= *p++; h *= 0x100000001b3ull; }
  return h;
}

/* Basename of a path, without modifying it. */
static inline const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}
#endif
