/* Two hash tables: open addressing (linear probing, tombstones, resizing)
   with string keys, and separate chaining with integer keys. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

typedef struct { char *key; int64_t val; int state; } slot_t; /* 0 empty 1 used 2 deleted */
typedef struct { slot_t *s; size_t cap, used, tomb; } oa_t;

static void oa_init(oa_t *t, size_t cap) { t->s = calloc(cap, sizeof *t->s); CHECK(t->s); t->cap = cap; t->used = t->tomb = 0; }
static size_t oa_find(const oa_t *t, const char *k, int *found) {
  size_t i = fnv1a64(k, strlen(k)) & (t->cap - 1), first_tomb = SIZE_MAX;
  for (;;) {
    slot_t *s = &t->s[i];
    if (s->state == 0) { *found = 0; return first_tomb != SIZE_MAX ? first_tomb : i; }
    if (s->state == 2) { if (first_tomb == SIZE_MAX) first_tomb = i; }
    else if (strcmp(s->key, k) == 0) { *found = 1; return i; }
    i = (i + 1) & (t->cap - 1);
  }
}
static void oa_put(oa_t *t, const char *k, int64_t v);
static void oa_grow(oa_t *t) {
  oa_t n;
  oa_init(&n, t->cap * 2);
  for (size_t i = 0; i < t->cap; i++)
    if (t->s[i].state == 1) { oa_put(&n, t->s[i].key, t->s[i].val); free(t->s[i].key); }
  free(t->s);
  *t = n;
}
static void oa_put(oa_t *t, const char *k, int64_t v) {
  if ((t->used + t->tomb + 1) * 4 > t->cap * 3) oa_grow(t);
  int found;
  size_t i = oa_find(t, k, &found);
  if (found) { t->s[i].val = v; return; }
  if (t->s[i].state == 2) t->tomb--;
  t->s[i].key = strdup(k);
  t->s[i].val = v;
  t->s[i].state = 1;
  t->used++;
}
static int oa_get(const oa_t *t, const char *k, int64_t *v) {
  int found;
  size_t i = oa_find(t, k, &found);
  if (found) *v = t->s[i].val;
  return found;
}
static int oa_del(oa_t *t, const char *k) {
  int found;
  size_t i = oa_find(t, k, &found);
  if (!found) return 0;
  free(t->s[i].key);
  t->s[i].key = NULL;
  t->s[i].state = 2;
  t->used--;
  t->tomb++;
  return 1;
}

typedef struct node { uint64_t k, v; struct node *next; } node_t;

int main(void) {
  oa_t t;
  oa_init(&t, 16);
  char key[32];
  for (int i = 0; i < 100000; i++) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    oa_put(&t, key, (int64_t)i * i);
  }
  printf("inserted: used=%zu cap=%zu\n", t.used, t.cap);
  int64_t v, sum = 0;
  int hits = 0;
  for (int i = 0; i < 100000; i += 3) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    if (oa_get(&t, key, &v)) { hits++; sum += v; }
  }
  printf("lookups hits=%d sum=%lld\n", hits, (long long)sum);
  int dels = 0;
  for (int i = 0; i < 100000; i += 2) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    dels += oa_del(&t, key);
  }
  snprintf(key, sizeof key, "key-%d-%x", 2, 2 * 2654435761u);
  printf("deleted=%d used=%zu tombstones=%zu; deleted key found: %s\n", dels, t.used, t.tomb,
         oa_get(&t, key, &v) ? "yes" : "no");
  for (int i = 0; i < 50000; i++) {
    snprintf(key, sizeof key, "new-%d", i);
    oa_put(&t, key, -i);
  }
  for (int i = 1; i < 100000; i += 2) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    oa_put(&t, key, 7); /* overwrite */
  }
  int64_t total = 0;
  uint64_t keyhash = 0;
  for (size_t i = 0; i < t.cap; i++)
    if (t.s[i].state == 1) { total += t.s[i].val; keyhash += fnv1a64(t.s[i].key, strlen(t.s[i].key)); }
  printf("after churn: used=%zu cap=%zu total=%lld keyhash=%016llx\n", t.used, t.cap, (long long)total,
         (unsigned long long)keyhash);
  for (size_t i = 0; i < t.cap; i++) free(t.s[i].key);
  free(t.s);

  /* chaining with integer keys: count occurrences of LCG values mod 50000 */
  enum { B = 4096 };
  node_t **b = calloc(B, sizeof *b);
  CHECK(b);
  uint32_t s = 1;
  size_t distinct = 0;
  for (int i = 0; i < 300000; i++) {
    uint64_t k = lcg32(&s) % 50000;
    node_t **pp = &b[(k * 0x9E3779B97F4A7C15ull) >> 52];
    while (*pp && (*pp)->k != k) pp = &(*pp)->next;
    if (*pp) (*pp)->v++;
    else { node_t *nd = malloc(sizeof *nd); CHECK(nd); nd->k = k; nd->v = 1; nd->next = NULL; *pp = nd; distinct++; }
  }
  size_t longest = 0, empty = 0;
  uint64_t maxv = 0, maxk = 0;
  for (int i = 0; i < B; i++) {
    size_t len = 0;
    for (node_t *nd = b[i]; nd; nd = nd->next) {
      len++;
      if (nd->v > maxv || (nd->v == maxv && nd->k < maxk)) { maxv = nd->v; maxk = nd->k; }
    }
    if (len > longest) longest = len;
    empty += len == 0;
    while (b[i]) { node_t *nx = b[i]->next; free(b[i]); b[i] = nx; }
  }
  printf("chaining: distinct=%zu longest chain=%zu empty buckets=%zu most frequent=%llu x%llu\n", distinct,
         longest, empty, (unsigned long long)maxk, (unsigned long long)maxv);
  free(b);
  return 0;
}
