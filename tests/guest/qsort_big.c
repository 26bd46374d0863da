/* qsort of 1M ints from an LCG, plus bsearch and a hand-written heapsort to
   cross-check.  Only results are printed, never comparison counts (glibc's
   qsort picks its algorithm from the machine's memory size). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define N 1000000

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_desc_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x < y) - (x > y);
}

static void sift(int *a, size_t start, size_t end) {
  size_t root = start;
  while (2 * root + 1 <= end) {
    size_t child = 2 * root + 1, sw = root;
    if (a[sw] < a[child]) sw = child;
    if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
    if (sw == root) return;
    int t = a[root]; a[root] = a[sw]; a[sw] = t;
    root = sw;
  }
}
static void heapsort_int(int *a, size_t n) {
  if (n < 2) return;
  for (size_t s = (n - 2) / 2 + 1; s-- > 0;) sift(a, s, n - 1);
  for (size_t end = n - 1; end > 0; end--) {
    int t = a[0]; a[0] = a[end]; a[end] = t;
    sift(a, 0, end - 1);
  }
}

int main(void) {
  int *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
  CHECK(a && b);
  uint32_t s = 12345;
  int64_t sum = 0;
  for (int i = 0; i < N; i++) { a[i] = (int)lcg32(&s); sum += a[i]; }
  memcpy(b, a, N * sizeof *a);
  qsort(a, N, sizeof *a, cmp_int);
  int sorted = 1;
  int64_t sum2 = 0;
  for (int i = 0; i < N; i++) { sum2 += a[i]; if (i && a[i - 1] > a[i]) sorted = 0; }
  printf("n=%d sorted=%s sum preserved=%s\n", N, sorted ? "yes" : "no", sum == sum2 ? "yes" : "no");
  printf("min=%d max=%d median=%d a[1234]=%d a[999999-4321]=%d\n", a[0], a[N - 1], a[N / 2], a[1234], a[N - 1 - 4321]);
  printf("crc32 of sorted array=%08x\n", crc32(a, N * sizeof *a));
  heapsort_int(b, N);
  printf("heapsort agrees: %s\n", memcmp(a, b, N * sizeof *a) == 0 ? "yes" : "no");
  int found = 0, missing = 0;
  uint32_t q = 777;
  for (int i = 0; i < 20000; i++) {
    int key = (i & 1) ? a[lcg32(&q) % N] : (int)lcg32(&q);
    if (bsearch(&key, a, N, sizeof *a, cmp_int)) found++; else missing++;
  }
  printf("bsearch found=%d missing=%d\n", found, missing);
  int dups = 0;
  for (int i = 1; i < N; i++) dups += a[i] == a[i - 1];
  printf("duplicates=%d\n", dups);

  uint64_t *u = malloc(100000 * sizeof *u);
  CHECK(u);
  rng_t r = {7};
  for (int i = 0; i < 100000; i++) u[i] = rng_next(&r) >> (rng_below(&r, 64));
  qsort(u, 100000, sizeof *u, cmp_desc_u64);
  int desc = 1;
  for (int i = 1; i < 100000; i++) if (u[i - 1] < u[i]) desc = 0;
  printf("u64 descending=%s first=%llu last=%llu\n", desc ? "yes" : "no", (unsigned long long)u[0], (unsigned long long)u[99999]);
  free(u);
  free(a);
  free(b);
  return 0;
}
