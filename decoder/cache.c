/* The decoded-page cache.  A guest page may have several decoded versions
 * (code that is rewritten and later restored); each is identified by the
 * XXH3 hash of the bytes it was decoded from, so an unchanged page, or a page
 * that returns to bytes seen before, is never decoded twice.
 *
 * Pages are never freed before the cache: the interpreter may hold a pointer
 * to a page while a store marks it stale.  A page's memory is reused only for
 * a newer version of the same guest page. */
#include <stdlib.h>
#include <xxhash.h>

#include "decode.h"

#define CACHE_BUCKETS 4096u
#define MAX_VERSIONS 4

struct dec_cache {
  struct dec_page *bucket[CACHE_BUCKETS];
  const uint32_t *handlers;
  uint64_t decodes;
};

struct dec_cache *dec_cache_new(const uint32_t *handlers) {
  struct dec_cache *c = calloc(1, sizeof *c);
  if (c) c->handlers = handlers;
  return c;
}

void dec_cache_free(struct dec_cache *c) {
  if (!c) return;
  for (unsigned b = 0; b < CACHE_BUCKETS; b++) {
    struct dec_page *p = c->bucket[b];
    while (p) {
      struct dec_page *hn = p->hnext;
      while (p) {
        struct dec_page *vn = p->next;
        free(p);
        p = vn;
      }
      p = hn;
    }
  }
  free(c);
}

static inline unsigned bucket_of(uint64_t vbase) {
  return (unsigned)((vbase >> 12) * 0x9e3779b97f4a7c15ull >> 52) & (CACHE_BUCKETS - 1);
}

/* The head of the version list for vbase, and the link that points to it. */
static struct dec_page **find(struct dec_cache *c, uint64_t vbase) {
  struct dec_page **pp = &c->bucket[bucket_of(vbase)];
  while (*pp && (*pp)->vbase != vbase) pp = &(*pp)->hnext;
  return pp;
}

struct dec_page *dec_cache_get(struct dec_cache *c, uint64_t vbase, const uint8_t *bytes) {
  struct dec_page **pp = find(c, vbase);
  struct dec_page *head = *pp;
  if (head && !head->stale) return head;

  uint64_t h = XXH3_64bits(bytes, DEC_PAGE_SIZE);
  struct dec_page *prev = NULL, *p = head, *last_prev = NULL;
  unsigned n = 0;
  for (; p; prev = p, p = p->next, n++) {
    if (p->hash == h) break;
    if (p->next) last_prev = p;
  }
  if (p) { /* a version we already decoded: move it to the front */
    if (prev) {
      prev->next = p->next;
      p->next = head;
      p->hnext = head->hnext;
      head->hnext = NULL;
      head->stale = true; /* no longer the page's current bytes */
      *pp = p;
    }
    p->stale = false;
    return p;
  }
  if (n >= MAX_VERSIONS) { /* reuse the oldest version's memory */
    p = last_prev->next;
    last_prev->next = NULL;
  } else {
    p = malloc(sizeof *p);
    if (!p) return NULL;
  }
  dec_page_init(p, vbase, bytes, c->handlers); /* records decode when first reached */
  c->decodes++;
  p->hash = h;
  p->next = head;
  p->hnext = head ? head->hnext : *pp;
  if (head) head->hnext = NULL;
  *pp = p;
  return p;
}

void dec_cache_invalidate(struct dec_cache *c, uint64_t vbase) {
  struct dec_page *p = *find(c, vbase & ~(uint64_t)(DEC_PAGE_SIZE - 1));
  if (p) p->stale = true;
}

uint64_t dec_cache_decodes(const struct dec_cache *c) { return c->decodes; }
