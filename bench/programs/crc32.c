/* crc32: table-driven CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320)
 * over a buffer filled by a linear congruential generator.
 *
 * Usage: crc32 [SIZE]   SIZE = number of passes over a 1 MiB buffer (default 100).
 * Each pass perturbs one word of the buffer so that no pass repeats work.
 * Exercises: byte loads, table lookups, shifts and xors in a tight loop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_BYTES (1u << 20)

static uint32_t table[256];
static unsigned char buf[BUF_BYTES];

static void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n) {
  crc = ~crc;
  while (n--) crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

int main(int argc, char **argv) {
  long passes = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
  if (passes < 1) passes = 1;
  make_table();

  uint32_t x = 12345u;
  for (size_t i = 0; i < BUF_BYTES; i++) {
    x = x * 1103515245u + 12345u;
    buf[i] = (unsigned char)(x >> 16);
  }

  uint32_t sum = 0;
  for (long p = 0; p < passes; p++) {
    uint32_t c = crc32(0, buf, BUF_BYTES);
    sum = (sum << 5 | sum >> 27) ^ c;
    size_t at = (size_t)(c % (BUF_BYTES - 4));
    buf[at] ^= (unsigned char)p;
    buf[at + 1] += 1;
  }
  /* Known-answer check: CRC-32 of "123456789" is 0xCBF43926. */
  uint32_t check = crc32(0, (const unsigned char *)"123456789", 9);
  if (check != 0xCBF43926u) {
    printf("crc32: self-check failed: %08x\n", (unsigned)check);
    return 1;
  }
  printf("crc32 passes=%ld checksum=%08x\n", passes, (unsigned)sum);
  return 0;
}
