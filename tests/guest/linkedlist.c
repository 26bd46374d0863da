/* Singly and doubly linked lists: build, reverse, merge sort, filter, and an
   LRU cache simulation with a doubly linked list plus index array. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "common.h"

typedef struct sn { int64_t v; struct sn *next; } sn_t;

static sn_t *push(sn_t *h, int64_t v) { sn_t *n = malloc(sizeof *n); CHECK(n); n->v = v; n->next = h; return n; }
static sn_t *reverse(sn_t *h) { sn_t *p = NULL; while (h) { sn_t *n = h->next; h->next = p; p = h; h = n; } return p; }
static sn_t *merge(sn_t *a, sn_t *b) {
  sn_t head, *t = &head;
  while (a && b) { if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; }
  t->next = a ? a : b;
  return head.next;
}
static sn_t *msort(sn_t *h) {
  if (!h || !h->next) return h;
  sn_t *slow = h, *fast = h->next;
  while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
  sn_t *b = slow->next;
  slow->next = NULL;
  return merge(msort(h), msort(b));
}
static uint64_t digest(const sn_t *h, size_t *len) {
  uint64_t d = 0; size_t n = 0;
  for (; h; h = h->next) { d = d * 1000003u + (uint64_t)h->v; n++; }
  *len = n;
  return d;
}

typedef struct dn { int key; struct dn *prev, *next; } dn_t;

int main(void) {
  sn_t *h = NULL;
  uint32_t s = 99;
  for (int i = 0; i < 100000; i++) h = push(h, (int64_t)(lcg32(&s) % 1000000) - 500000);
  size_t len;
  uint64_t d = digest(h, &len);
  printf("built len=%zu digest=%016llx\n", len, (unsigned long long)d);
  h = reverse(h);
  d = digest(h, &len);
  printf("reversed digest=%016llx\n", (unsigned long long)d);
  h = msort(h);
  int ok = 1;
  for (sn_t *p = h; p && p->next; p = p->next) ok &= p->v <= p->next->v;
  d = digest(h, &len);
  printf("sorted=%s len=%zu digest=%016llx min=%lld\n", ok ? "yes" : "no", len, (unsigned long long)d, (long long)h->v);
  /* remove negatives and odd values */
  sn_t **pp = &h;
  size_t removed = 0;
  while (*pp) {
    if ((*pp)->v < 0 || ((*pp)->v & 1)) { sn_t *dead = *pp; *pp = dead->next; free(dead); removed++; }
    else pp = &(*pp)->next;
  }
  d = digest(h, &len);
  printf("filtered removed=%zu left=%zu digest=%016llx\n", removed, len, (unsigned long long)d);
  while (h) { sn_t *n = h->next; free(h); h = n; }

  /* LRU cache of capacity 1000 over a skewed access pattern */
  enum { CAP = 1000, KEYS = 5000 };
  dn_t *where[KEYS] = {0};
  dn_t head = {-1, &head, &head};
  int size = 0;
  long hits = 0, misses = 0, evictions = 0;
  rng_t r = {5};
  for (int i = 0; i < 300000; i++) {
    int key = (int)(rng_below(&r, 4) ? rng_below(&r, 800) : rng_below(&r, KEYS));
    dn_t *n = where[key];
    if (n) {
      hits++;
      n->prev->next = n->next; n->next->prev = n->prev;
    } else {
      misses++;
      if (size == CAP) {
        dn_t *lru = head.prev;
        lru->prev->next = &head; head.prev = lru->prev;
        where[lru->key] = NULL;
        free(lru);
        size--;
        evictions++;
      }
      n = malloc(sizeof *n);
      CHECK(n);
      n->key = key;
      where[key] = n;
      size++;
    }
    n->next = head.next; n->prev = &head; head.next->prev = n; head.next = n;
  }
  printf("lru hits=%ld misses=%ld evictions=%ld size=%d\n", hits, misses, evictions, size);
  printf("mru order:");
  int k = 0;
  for (dn_t *n = head.next; n != &head && k < 10; n = n->next, k++) printf(" %d", n->key);
  printf("\n");
  int back = 0;
  for (dn_t *n = head.prev; n != &head; n = n->prev) back++;
  printf("backward walk length=%d\n", back);
  while (head.next != &head) { dn_t *n = head.next; head.next = n->next; free(n); }
  return 0;
}
