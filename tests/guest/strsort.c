/* Sort 60,000 generated strings with qsort/strcmp and with a hand-written
   radix (MSD) sort; print digests, uniques and a few samples. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define N 60000

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_len(const void *a, const void *b) {
  const char *x = *(char *const *)a, *y = *(char *const *)b;
  size_t lx = strlen(x), ly = strlen(y);
  if (lx != ly) return lx < ly ? -1 : 1;
  return strcmp(x, y);
}

static void msd(char **a, char **tmp, size_t n, size_t d) {
  if (n < 24) { /* insertion sort on the suffixes */
    for (size_t i = 1; i < n; i++)
      for (size_t j = i; j > 0 && strcmp(a[j - 1] + d, a[j] + d) > 0; j--) { char *t = a[j]; a[j] = a[j - 1]; a[j - 1] = t; }
    return;
  }
  size_t count[258] = {0};
  for (size_t i = 0; i < n; i++) count[(unsigned char)a[i][d] + 2]++;
  for (int c = 0; c < 256; c++) count[c + 2] += count[c + 1];
  for (size_t i = 0; i < n; i++) tmp[count[(unsigned char)a[i][d] + 1]++] = a[i];
  memcpy(a, tmp, n * sizeof *a);
  for (int c = 1; c < 256; c++) {
    size_t lo = count[c], hi = count[c + 1];
    if (hi - lo > 1) msd(a + lo, tmp, hi - lo, d + 1);
  }
}

int main(void) {
  static const char *syl[] = {"ka", "to", "ri", "na", "mu", "se", "yo", "a", "n", "shi", "tsu", "ma", "zz", "Q"};
  char **s = malloc(N * sizeof *s), **t = malloc(N * sizeof *t), **tmp = malloc(N * sizeof *tmp);
  CHECK(s && t && tmp);
  rng_t r = {11};
  for (int i = 0; i < N; i++) {
    char buf[64] = "";
    int parts = 1 + (int)rng_below(&r, 6);
    for (int k = 0; k < parts; k++) strcat(buf, syl[rng_below(&r, sizeof syl / sizeof syl[0])]);
    s[i] = strdup(buf);
    t[i] = s[i];
  }
  qsort(s, N, sizeof *s, cmp);
  msd(t, tmp, N, 0);
  int same = 1;
  for (int i = 0; i < N; i++) same &= strcmp(s[i], t[i]) == 0;
  printf("qsort and msd radix agree: %s\n", same ? "yes" : "no");
  int uniq = 1;
  uint64_t h = 0;
  for (int i = 0; i < N; i++) {
    if (i && strcmp(s[i], s[i - 1])) uniq++;
    h = h * 31 + fnv1a64(s[i], strlen(s[i]));
  }
  printf("n=%d unique=%d digest=%016llx\n", N, uniq, (unsigned long long)h);
  printf("first:");
  for (int i = 0; i < 8; i++) printf(" %s", s[i]);
  printf("\nlast:");
  for (int i = N - 8; i < N; i++) printf(" %s", s[i]);
  printf("\nmiddle: %s\n", s[N / 2]);
  qsort(t, N, sizeof *t, cmp_len);
  printf("longest: %s shortest: %s\n", t[N - 1], t[0]);
  for (int i = 0; i < N; i++) free(s[i]);
  free(s); free(t); free(tmp);
  return 0;
}
