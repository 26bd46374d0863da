/* Snapshot benchmark guest: fills 64 MiB (or argv[1] MiB) of heap with
 * non-repeating data, so that every page of it is stored, then loops over it
 * a few times (argv[2], default 3).  Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
  int rounds = argc > 2 ? atoi(argv[2]) : 3;
  size_t n = mib << 17; /* 64-bit words */
  uint64_t *p = malloc(n * sizeof *p);
  if (!p) return 2;
  uint64_t x = 0x9e3779b97f4a7c15ull;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    p[i] = x + i;
  }
  printf("filled %zu MiB\n", mib);
  fflush(stdout);
  uint64_t sum = 0;
  for (int r = 0; r < rounds; r++)
    for (size_t i = 0; i < n; i += 8) sum = sum * 31 + (p[i] ^ (uint64_t)r);
  printf("checksum %016llx\n", (unsigned long long)sum);
  return 0;
}
