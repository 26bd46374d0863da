/* Checksum and compression over a multi-megabyte file.
   1. generate 4 MiB of mixed data (text, runs, noise, repeats) -> data.bin
   2. read data.bin back in odd-sized chunks, CRC32 it
   3. LZ77-compress it -> data.lz; RLE-compress it -> data.rle
   4. read data.lz back, decompress -> data.out, compare with data.bin
   5. RLE round trip in memory; delete data.out.
   data.bin, data.lz and data.rle stay behind and are compared by hash. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

#define SIZE (4u << 20)

static void write_all(const char *name, const uint8_t *p, size_t n) {
  int fd = open(name, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  CHECK(fd >= 0);
  while (n) {
    size_t chunk = n > 100000 ? 100000 : n;
    ssize_t w = write(fd, p, chunk);
    CHECK(w > 0);
    p += w;
    n -= (size_t)w;
  }
  CHECK(close(fd) == 0);
}

static uint8_t *read_all(const char *name, size_t *len) {
  int fd = open(name, O_RDONLY);
  CHECK(fd >= 0);
  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  uint8_t *p = malloc((size_t)st.st_size + 1);
  CHECK(p);
  size_t got = 0;
  for (;;) {
    ssize_t r = read(fd, p + got, 65521);
    CHECK(r >= 0);
    if (r == 0) break;
    got += (size_t)r;
    CHECK(got <= (size_t)st.st_size);
  }
  CHECK(got == (size_t)st.st_size);
  close(fd);
  *len = got;
  return p;
}

static void generate(uint8_t *p, size_t n) {
  static const char *words[] = {"risc", "five", "user", "mode", "simulator", "amanatsu",
                                "the", "of", "and", "register", "memory", "\n", ", ", ". "};
  rng_t r = {2024};
  size_t i = 0;
  while (i < n) {
    uint64_t kind = rng_below(&r, 10);
    size_t len = 1 + rng_below(&r, 4000);
    if (len > n - i) len = n - i;
    if (kind < 5) { /* text */
      size_t k = 0;
      while (k < len) {
        const char *w = words[rng_below(&r, sizeof words / sizeof words[0])];
        size_t wl = strlen(w);
        for (size_t j = 0; j < wl && k < len; j++) p[i + k++] = (uint8_t)w[j];
        if (k < len) p[i + k++] = ' ';
      }
    } else if (kind < 7) { /* runs */
      uint8_t b = (uint8_t)rng_next(&r);
      memset(p + i, b, len);
    } else if (kind < 9 && i > 70000) { /* repeat an earlier block */
      size_t from = i - 1 - rng_below(&r, 65000);
      for (size_t k = 0; k < len; k++) p[i + k] = p[from + k];
    } else { /* noise */
      for (size_t k = 0; k < len; k++) p[i + k] = (uint8_t)rng_next(&r);
    }
    i += len;
  }
}

/* LZ77: groups of 8 items behind a flag byte; flag bit 1 = match
   (2-byte offset, 1-byte length-3), 0 = literal. */
static size_t lz_compress(const uint8_t *in, size_t n, uint8_t *out) {
  enum { HBITS = 16 };
  static int32_t head[1 << HBITS];
  for (size_t i = 0; i < (1u << HBITS); i++) head[i] = -1;
  size_t o = 0, i = 0;
  while (i < n) {
    size_t flagpos = o++;
    uint8_t flags = 0;
    for (int bit = 0; bit < 8 && i < n; bit++) {
      size_t best = 0, boff = 0;
      if (i + 3 <= n) {
        uint32_t h = ((uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2]) * 2654435761u >> (32 - HBITS);
        int32_t cand = head[h];
        head[h] = (int32_t)i;
        if (cand >= 0 && i - (size_t)cand <= 65535) {
          size_t max = n - i > 258 ? 258 : n - i, l = 0;
          while (l < max && in[cand + l] == in[i + l]) l++;
          if (l >= 3) { best = l; boff = i - (size_t)cand; }
        }
      }
      if (best) {
        flags |= (uint8_t)(1u << bit);
        out[o++] = (uint8_t)(boff >> 8);
        out[o++] = (uint8_t)boff;
        out[o++] = (uint8_t)(best - 3);
        i += best;
      } else {
        out[o++] = in[i++];
      }
    }
    out[flagpos] = flags;
  }
  return o;
}

static size_t lz_decompress(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
  size_t i = 0, o = 0;
  while (i < n) {
    uint8_t flags = in[i++];
    for (int bit = 0; bit < 8 && i < n; bit++) {
      if (flags & (1u << bit)) {
        CHECK(i + 3 <= n);
        size_t off = (size_t)in[i] << 8 | in[i + 1], len = (size_t)in[i + 2] + 3;
        i += 3;
        CHECK(off >= 1 && off <= o && o + len <= cap);
        for (size_t k = 0; k < len; k++, o++) out[o] = out[o - off];
      } else {
        CHECK(o < cap);
        out[o++] = in[i++];
      }
    }
  }
  return o;
}

/* RLE: (count, byte) pairs, count 1..255. */
static size_t rle_compress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t run = 1;
    while (i + run < n && run < 255 && in[i + run] == in[i]) run++;
    out[o++] = (uint8_t)run;
    out[o++] = in[i];
    i += run;
  }
  return o;
}

static size_t rle_decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i + 1 < n; i += 2) {
    memset(out + o, in[i + 1], in[i]);
    o += in[i];
  }
  return o;
}

int main(void) {
  uint8_t *data = malloc(SIZE);
  CHECK(data);
  generate(data, SIZE);
  write_all("data.bin", data, SIZE);
  uint32_t crc_mem = crc32(data, SIZE);
  free(data);

  size_t n;
  uint8_t *in = read_all("data.bin", &n);
  uint32_t crc = crc32(in, n);
  printf("data.bin: %zu bytes crc32=%08x (matches memory: %s)\n", n, crc, crc == crc_mem ? "yes" : "no");
  uint32_t crc_inc = 0;
  for (size_t off = 0; off < n; off += 12345) crc_inc = crc32_update(crc_inc, in + off, n - off < 12345 ? n - off : 12345);
  printf("incremental crc32 agrees: %s\n", crc_inc == crc ? "yes" : "no");
  printf("fnv1a64=%016llx\n", (unsigned long long)fnv1a64(in, n));

  uint8_t *lz = malloc(n + n / 8 + 16);
  CHECK(lz);
  size_t lzn = lz_compress(in, n, lz);
  write_all("data.lz", lz, lzn);
  printf("lz77: %zu -> %zu bytes (%zu.%02zu%%) crc32=%08x\n", n, lzn, lzn * 100 / n, lzn * 10000 / n % 100, crc32(lz, lzn));
  free(lz);

  uint8_t *rle = malloc(2 * n);
  CHECK(rle);
  size_t rlen = rle_compress(in, n, rle);
  write_all("data.rle", rle, rlen);
  printf("rle: %zu -> %zu bytes crc32=%08x\n", n, rlen, crc32(rle, rlen));
  uint8_t *back = malloc(n);
  CHECK(back);
  size_t bn = rle_decompress(rle, rlen, back);
  printf("rle round trip: %s\n", bn == n && memcmp(back, in, n) == 0 ? "ok" : "MISMATCH");
  free(rle);

  size_t lzr;
  uint8_t *lzin = read_all("data.lz", &lzr);
  memset(back, 0, n);
  bn = lz_decompress(lzin, lzr, back, n);
  write_all("data.out", back, bn);
  size_t outn;
  uint8_t *out = read_all("data.out", &outn);
  printf("lz77 round trip via files: %s (crc32=%08x)\n",
         outn == n && memcmp(out, in, n) == 0 ? "ok" : "MISMATCH", crc32(out, outn));
  CHECK(unlink("data.out") == 0);
  free(out);
  free(lzin);
  free(back);
  free(in);
  return 0;
}
