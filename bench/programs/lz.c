/* lz: LZ77-style compression with hash chains (in the manner of LZ4/deflate's
 * match finder) of generated English-like text, then decompression and a
 * round-trip check.
 *
 * Usage: lz [SIZE]   SIZE = text length in KiB (default 4096).
 * Exercises: hashing, byte compares in match loops, pointer chasing through
 * the hash chains, byte stores; branchy, data-dependent code. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW (1u << 15)
#define HASH_BITS 14
#define MIN_MATCH 4
#define MAX_MATCH 258
#define MAX_CHAIN 32

static const char *const words[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
  "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which",
  "but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we",
  "can", "her", "has", "there", "been", "if", "more", "when", "will", "would", "who",
  "so", "no", "interpreter", "instruction", "register", "memory", "amanatsu", "citrus",
  "summer", "orange", "branch", "decode", "execute", "retire", "syscall", "kernel",
};
#define NWORDS (sizeof words / sizeof words[0])

static uint32_t rng = 2463534242u;
static uint32_t next(void) {
  rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
  return rng;
}

static size_t gen_text(unsigned char *out, size_t n) {
  size_t len = 0;
  while (len < n) {
    /* Skewed choice: the minimum of two draws favours the common words first in the list. */
    uint32_t r = next();
    uint32_t i1 = (r & 0xFFFF) % NWORDS, i2 = (r >> 16) % NWORDS;
    uint32_t idx = i1 < i2 ? i1 : i2;
    const char *w = words[idx];
    size_t wl = strlen(w);
    if (len + wl + 2 > n) break;
    memcpy(out + len, w, wl);
    len += wl;
    uint32_t p = next() % 16;
    out[len++] = p == 0 ? '.' : p == 1 ? ',' : ' ';
    if (p == 0) out[len++] = '\n';
  }
  while (len < n) out[len++] = ' ';
  return len;
}

static inline uint32_t hash4(const unsigned char *p) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Output format: a literal run is one byte 0x00..0x7F = count-1 followed by
 * count bytes; a match is the byte 0x80, then len-MIN_MATCH (one byte), then
 * the distance (two bytes, little-endian). */
static size_t compress(const unsigned char *in, size_t n, unsigned char *out) {
  static int32_t head[1 << HASH_BITS];
  static int32_t prev[WINDOW];
  for (size_t i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
  size_t o = 0, lit_start = 0, i = 0;

  while (i + MIN_MATCH <= n) {
    uint32_t h = hash4(in + i);
    int32_t cand = head[h];
    size_t best_len = 0, best_dist = 0;
    int chain = MAX_CHAIN;
    while (cand >= 0 && i - (size_t)cand < WINDOW && chain-- > 0) {
      const unsigned char *a = in + cand, *b = in + i;
      size_t max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
      size_t l = 0;
      while (l < max && a[l] == b[l]) l++;
      if (l > best_len) {
        best_len = l;
        best_dist = i - (size_t)cand;
        if (l == max) break;
      }
      cand = prev[cand & (WINDOW - 1)];
    }
    prev[i & (WINDOW - 1)] = head[h];
    head[h] = (int32_t)i;

    if (best_len >= MIN_MATCH) {
      while (lit_start < i) { /* flush literals */
        size_t k = i - lit_start > 128 ? 128 : i - lit_start;
        out[o++] = (unsigned char)(k - 1);
        memcpy(out + o, in + lit_start, k);
        o += k;
        lit_start += k;
      }
      out[o++] = 0x80;
      out[o++] = (unsigned char)(best_len - MIN_MATCH);
      out[o++] = (unsigned char)(best_dist & 0xFF);
      out[o++] = (unsigned char)(best_dist >> 8);
      /* Insert the skipped positions into the hash chains. */
      for (size_t j = i + 1; j < i + best_len && j + MIN_MATCH <= n; j++) {
        uint32_t hj = hash4(in + j);
        prev[j & (WINDOW - 1)] = head[hj];
        head[hj] = (int32_t)j;
      }
      i += best_len;
      lit_start = i;
    } else {
      i++;
    }
  }
  while (lit_start < n) {
    size_t k = n - lit_start > 128 ? 128 : n - lit_start;
    out[o++] = (unsigned char)(k - 1);
    memcpy(out + o, in + lit_start, k);
    o += k;
    lit_start += k;
  }
  return o;
}

static size_t decompress(const unsigned char *in, size_t n, unsigned char *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    unsigned char t = in[i++];
    if (t < 0x80) {
      size_t k = (size_t)t + 1;
      memcpy(out + o, in + i, k);
      i += k;
      o += k;
    } else {
      size_t len = (size_t)in[i] + MIN_MATCH;
      size_t dist = (size_t)in[i + 1] | (size_t)in[i + 2] << 8;
      i += 3;
      for (size_t k = 0; k < len; k++, o++) out[o] = out[o - dist]; /* may overlap */
    }
  }
  return o;
}

int main(int argc, char **argv) {
  long kib = argc > 1 ? strtol(argv[1], NULL, 10) : 4096;
  if (kib < 1) kib = 1;
  size_t n = (size_t)kib * 1024;
  unsigned char *text = malloc(n), *comp = malloc(n + n / 64 + 16), *back = malloc(n);
  if (!text || !comp || !back) return 1;
  gen_text(text, n);

  size_t clen = compress(text, n, comp);
  size_t dlen = decompress(comp, clen, back);
  if (dlen != n || memcmp(text, back, n) != 0) {
    printf("lz: round trip failed\n");
    return 1;
  }
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < clen; i++) h = (h ^ comp[i]) * 0x100000001b3ull;
  printf("lz bytes=%zu compressed=%zu checksum=%016llx\n", n, clen, (unsigned long long)h);
  free(text); free(comp); free(back);
  return 0;
}
