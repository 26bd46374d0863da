/* Read stdin to EOF with read(2) and report wc-style counts, a CRC32, the
   most frequent words and the last lines reversed. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common.h"

typedef struct { char *w; int n; } entry_t;

static int by_count(const void *a, const void *b) {
  const entry_t *x = a, *y = b;
  if (x->n != y->n) return y->n - x->n;
  return strcmp(x->w, y->w);
}

int main(void) {
  size_t cap = 1000, len = 0;
  char *buf = malloc(cap);
  CHECK(buf);
  int reads = 0;
  for (;;) {
    if (cap - len < 777) { cap *= 2; buf = realloc(buf, cap); CHECK(buf); }
    ssize_t n = read(0, buf + len, 777); /* odd chunk size on purpose */
    CHECK(n >= 0);
    if (n == 0) break;
    len += (size_t)n;
    reads++;
  }
  printf("read returned data: %s\n", reads > 0 ? "yes" : "no");
  ssize_t again = read(0, buf, 1);
  printf("read after EOF: %zd\n", again);

  size_t lines = 0, words = 0, longest = 0, cur = 0;
  int inword = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)buf[i];
    if (c == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; } else cur++;
    if (isspace(c)) inword = 0;
    else if (!inword) { inword = 1; words++; }
  }
  if (cur > longest) longest = cur;
  printf("bytes=%zu lines=%zu words=%zu longest_line=%zu\n", len, lines, words, longest);
  printf("crc32=%08x fnv1a=%016llx\n", crc32(buf, len), (unsigned long long)fnv1a64(buf, len));

  /* word frequencies (lower-cased alphabetic runs) */
  entry_t *tab = calloc(4096, sizeof *tab);
  CHECK(tab);
  size_t ntab = 0;
  for (size_t i = 0; i < len;) {
    if (!isalpha((unsigned char)buf[i])) { i++; continue; }
    size_t j = i;
    char w[64];
    size_t k = 0;
    while (j < len && isalpha((unsigned char)buf[j])) {
      if (k < sizeof w - 1) w[k++] = (char)tolower((unsigned char)buf[j]);
      j++;
    }
    w[k] = 0;
    i = j;
    size_t t;
    for (t = 0; t < ntab; t++) if (strcmp(tab[t].w, w) == 0) break;
    if (t == ntab) {
      if (ntab == 4096) continue;
      tab[ntab].w = strdup(w);
      ntab++;
    }
    tab[t].n++;
  }
  qsort(tab, ntab, sizeof *tab, by_count);
  printf("distinct words=%zu\n", ntab);
  for (size_t t = 0; t < ntab && t < 10; t++) printf("  %-12s %d\n", tab[t].w, tab[t].n);

  /* last three lines, reversed character-wise */
  size_t end = len, shown = 0;
  while (end > 0 && shown < 3) {
    if (buf[end - 1] == '\n') end--;
    size_t start = end;
    while (start > 0 && buf[start - 1] != '\n') start--;
    printf("rev: ");
    for (size_t i = end; i > start; i--) putchar(buf[i - 1]);
    putchar('\n');
    end = start;
    shown++;
  }
  for (size_t t = 0; t < ntab; t++) free(tab[t].w);
  free(tab);
  free(buf);
  return 0;
}
