/* Many small mappings, as allocators make them: Linux merges neighbouring
   anonymous mappings of the same protection, so 70000 one-page mmaps are
   one mapping and far below vm.max_map_count (65530); 20000 protection
   splits of one mapping, holes punched and refilled, and the protection
   made uniform again.  Addresses are never printed. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "common.h"

#define PG 4096
#define SMALL 70000
#define BIG 40000

static uint8_t *small[SMALL];

int main(void) {
  for (int i = 0; i < SMALL; i++) {
    small[i] = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (small[i] == MAP_FAILED) {
      printf("one-page mmap %d failed: %s\n", i, strerror(errno));
      return 1;
    }
    small[i][i % PG] = (uint8_t)(i * 7 + 1);
  }
  int good = 0;
  for (int i = 0; i < SMALL; i++) good += small[i][i % PG] == (uint8_t)(i * 7 + 1);
  printf("%d one-page mappings, %d hold their byte\n", SMALL, good);

  uint8_t *b = mmap(NULL, (size_t)BIG * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(b != MAP_FAILED);
  for (int i = 0; i < BIG; i++) b[(size_t)i * PG + 8] = (uint8_t)(i ^ 0x5a);
  int fails = 0;
  for (int i = 0; i < BIG; i += 2) fails += mprotect(b + (size_t)i * PG, PG, PROT_READ) != 0;
  printf("%d read-only pages between writable ones, %d mprotect failures\n", BIG / 2, fails);
  for (int i = 1; i < BIG; i += 2) b[(size_t)i * PG + 16] = 1; /* the writable ones */
  fails = 0;
  for (int i = 0; i < BIG; i += 4) fails += munmap(b + (size_t)i * PG, PG) != 0;
  printf("holes punched, %d munmap failures\n", fails);
  int r = mprotect(b, (size_t)BIG * PG, PROT_READ | PROT_WRITE);
  printf("mprotect across the holes: %s\n", r == 0 ? "ok" : strerror(errno));
  fails = 0;
  for (int i = 0; i < BIG; i += 4)
    fails += mmap(b + (size_t)i * PG, PG, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != b + (size_t)i * PG;
  printf("holes refilled, %d failures\n", fails);
  r = mprotect(b, (size_t)BIG * PG, PROT_READ | PROT_WRITE);
  printf("uniform again: %s\n", r == 0 ? "ok" : strerror(errno));
  uint32_t h = 0;
  for (int i = 0; i < BIG; i++) {
    b[(size_t)i * PG + 24] = 2; /* every page writable */
    h = h * 31 + b[(size_t)i * PG + 8] + 3u * b[(size_t)i * PG + 16];
  }
  printf("contents hash %08x\n", h);

  fails = 0;
  for (int i = SMALL; i-- > 0;) fails += munmap(small[i], PG) != 0;
  CHECK(munmap(b, (size_t)BIG * PG) == 0);
  printf("all unmapped, %d failures\n", fails);
  return 0;
}
