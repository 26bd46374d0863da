/* Heavy malloc/calloc/realloc/free with random sizes; every block carries a
   pattern derived from its id that is verified before it is freed or after it
   is resized.  Large sizes go through glibc's mmap path. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define SLOTS 4096
#define OPS 100000

typedef struct { uint8_t *p; size_t n; uint32_t id; } slot_t;

static void fill(uint8_t *p, size_t n, uint32_t id) {
  for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(id * 31u + i * 7u + (i >> 8));
}
static int verify(const uint8_t *p, size_t n, uint32_t id) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != (uint8_t)(id * 31u + i * 7u + (i >> 8))) return 0;
  return 1;
}

static size_t random_size(rng_t *r) {
  uint64_t k = rng_below(r, 1000);
  if (k < 600) return 1 + rng_below(r, 64);
  if (k < 900) return 1 + rng_below(r, 1024);
  if (k < 997) return 1 + rng_below(r, 32768);
  return 128 * 1024 + rng_below(r, 512 * 1024); /* mmap threshold territory */
}

int main(void) {
  static slot_t slots[SLOTS];
  rng_t r = {42};
  uint32_t next_id = 1;
  unsigned long long mallocs = 0, frees = 0, reallocs = 0, callocs = 0, bytes = 0, verified = 0;
  size_t live = 0, peak_live = 0;
  for (int op = 0; op < OPS; op++) {
    slot_t *s = &slots[rng_below(&r, SLOTS)];
    uint64_t what = rng_below(&r, 10);
    if (!s->p) {
      size_t n = random_size(&r);
      if (what < 2) {
        s->p = calloc(n, 1);
        CHECK(s->p);
        for (size_t i = 0; i < n; i++) CHECK(s->p[i] == 0);
        callocs++;
      } else {
        s->p = malloc(n);
        CHECK(s->p);
        mallocs++;
      }
      s->n = n;
      s->id = next_id++;
      fill(s->p, n, s->id);
      bytes += n;
      live++;
    } else if (what < 4) {
      size_t n = random_size(&r);
      uint8_t *q = realloc(s->p, n);
      CHECK(q);
      size_t keep = n < s->n ? n : s->n;
      CHECK(verify(q, keep, s->id));
      verified += keep;
      s->p = q;
      s->n = n;
      fill(q, n, s->id);
      reallocs++;
    } else {
      CHECK(verify(s->p, s->n, s->id));
      verified += s->n;
      free(s->p);
      s->p = NULL;
      frees++;
      live--;
    }
    if (live > peak_live) peak_live = live;
  }
  size_t remaining = 0;
  for (int i = 0; i < SLOTS; i++)
    if (slots[i].p) {
      CHECK(verify(slots[i].p, slots[i].n, slots[i].id));
      remaining += slots[i].n;
      free(slots[i].p);
    }
  printf("mallocs=%llu callocs=%llu reallocs=%llu frees=%llu\n", mallocs, callocs, reallocs, frees);
  printf("bytes allocated=%llu verified=%llu remaining at end=%zu peak live=%zu\n", bytes, verified, remaining, peak_live);

  /* alignment APIs */
  int aligned_ok = 1;
  for (size_t a = 16; a <= 65536; a <<= 1) {
    void *p = NULL;
    CHECK(posix_memalign(&p, a, 100) == 0);
    aligned_ok &= ((uintptr_t)p % a) == 0;
    free(p);
    p = aligned_alloc(a, a * 2);
    CHECK(p);
    aligned_ok &= ((uintptr_t)p % a) == 0;
    free(p);
    p = memalign(a, 33);
    CHECK(p);
    aligned_ok &= ((uintptr_t)p % a) == 0;
    free(p);
  }
  printf("aligned allocations ok: %s\n", aligned_ok ? "yes" : "no");
  void *m = malloc(0);
  printf("malloc(0) non-null: %s\n", m ? "yes" : "no");
  free(m);
  free(NULL);
  uint8_t *q = malloc(10);
  CHECK(q);
  memcpy(q, "abcdefghij", 10);
  q = realloc(q, 1 << 20);
  CHECK(q && memcmp(q, "abcdefghij", 10) == 0);
  q = realloc(q, 5);
  CHECK(q && memcmp(q, "abcde", 5) == 0);
  printf("usable size >= request: %s\n", malloc_usable_size(q) >= 5 ? "yes" : "no");
  free(q);

  /* many small objects in a linked chain */
  struct node { struct node *next; uint64_t v; } *head = NULL;
  for (uint64_t i = 0; i < 200000; i++) {
    struct node *nd = malloc(sizeof *nd);
    CHECK(nd);
    nd->v = i * i;
    nd->next = head;
    head = nd;
  }
  uint64_t sum = 0;
  while (head) { struct node *nx = head->next; sum += head->v; free(head); head = nx; }
  printf("chain sum=%llu\n", (unsigned long long)sum);
  return 0;
}
