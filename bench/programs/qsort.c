/* qsort: sort arrays of pseudo-random 32-bit keys with the C library's qsort.
 *
 * Usage: qsort [SIZE]   SIZE = number of elements per array (default 500000);
 * four arrays with different seeds are sorted one after another.
 * Exercises: indirect calls to the comparison function, memory moves,
 * data-dependent branches, the C library (glibc's qsort is a merge sort). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 500000;
  if (n < 2) n = 2;
  uint32_t *a = malloc((size_t)n * sizeof *a);
  if (!a) return 1;

  uint64_t sum = 0;
  for (uint32_t round = 0; round < 4; round++) {
    uint64_t s = 0x9E3779B97F4A7C15ull * (round + 1);
    for (long i = 0; i < n; i++) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      /* Fewer distinct keys in later rounds, so that equal keys occur. */
      a[i] = (uint32_t)(s >> 32) >> (round * 6);
    }
    qsort(a, (size_t)n, sizeof *a, cmp_u32);
    for (long i = 1; i < n; i++) {
      if (a[i - 1] > a[i]) {
        printf("qsort: not sorted at %ld\n", i);
        return 1;
      }
    }
    for (long i = 0; i < n; i++) sum = sum * 31 + a[i];
  }
  printf("qsort n=%ld checksum=%016llx\n", n, (unsigned long long)sum);
  free(a);
  return 0;
}
