/* The page table, the host page allocator, and the slow paths of guest
 * accesses.  Every guest access that misses the TLB comes here; nothing else
 * turns a guest address into a host one. */
#include "mem.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "guest memory is stored little-endian, as the host's");

#define CHUNK_PAGES 512u

struct mem_chunk {
  struct mem_chunk *next;
  uint8_t *base;
  unsigned used;
};

void mem_init(struct mem *m) {
  memset(m, 0, sizeof *m);
  mem_tlb_flush(m);
  /* Address space only: the kernel gives a page memory when it is first
   * written, as for any anonymous mapping. */
  void *a = mmap(NULL, MEM_ARENA_LIMIT, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  m->arena = a == MAP_FAILED ? NULL : a;
}

void mem_free(struct mem *m) {
  mem_filemaps_free(m);
  for (unsigned i = 0; i < (1u << 12); i++) {
    if (!m->l1[i]) continue;
    for (unsigned j = 0; j < (1u << 12); j++) free(m->l1[i][j]);
    free(m->l1[i]);
  }
  for (struct mem_chunk *c = m->chunks, *n; c; c = n) {
    n = c->next;
    munmap(c->base, (size_t)CHUNK_PAGES * MEM_PAGE);
    free(c);
  }
  for (size_t i = 0; i < m->nvma; i++) free(m->vma[i].name);
  free(m->vma);
  free(m->free_pages);
  if (m->arena) munmap(m->arena, MEM_ARENA_LIMIT);
  memset(m, 0, sizeof *m);
}

static uint8_t *alloc_page(struct mem *m) {
  if (m->nfree) {
    uint8_t *p = m->free_pages[--m->nfree];
    memset(p, 0, MEM_PAGE);
    return p;
  }
  struct mem_chunk *c = m->chunks;
  if (!c || c->used == CHUNK_PAGES) {
    c = malloc(sizeof *c);
    if (!c) return NULL;
    c->base = mmap(NULL, (size_t)CHUNK_PAGES * MEM_PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (c->base == MAP_FAILED) {
      free(c);
      return NULL;
    }
    c->used = 0;
    c->next = m->chunks;
    m->chunks = c;
  }
  return c->base + (size_t)(c->used++) * MEM_PAGE;
}

bool mem_in_arena(const struct mem *m, const uint8_t *host) {
  return m->arena && host >= m->arena && host < m->arena + MEM_ARENA_LIMIT;
}

void mem_arena_clear(struct mem *m, uint64_t start, uint64_t end) {
  if (!m->arena || start >= MEM_ARENA_LIMIT) return;
  if (end > MEM_ARENA_LIMIT) end = MEM_ARENA_LIMIT;
  /* Private anonymous memory: the pages read as zero again. */
  madvise(m->arena + start, end - start, MADV_DONTNEED);
}

void mem_release_page(struct mem *m, uint8_t *p) {
  if (mem_in_arena(m, p)) {
    madvise(p, MEM_PAGE, MADV_DONTNEED);
    return;
  }
  if (m->nfree == m->capfree) {
    size_t cap = m->capfree ? 2 * m->capfree : 256;
    uint8_t **n = realloc(m->free_pages, cap * sizeof *n);
    if (!n) return; /* leak the page rather than fail an unmap */
    m->free_pages = n;
    m->capfree = cap;
  }
  m->free_pages[m->nfree++] = p;
}

struct mem_pte *mem_pte(const struct mem *m, uint64_t addr) {
  if (addr >= MEM_VA_LIMIT) return NULL;
  uint64_t vpn = addr >> MEM_PAGE_SHIFT;
  struct mem_pte **l2 = m->l1[vpn >> 24];
  if (!l2) return NULL;
  struct mem_pte *l3 = l2[(vpn >> 12) & 0xfff];
  if (!l3) return NULL;
  struct mem_pte *p = &l3[vpn & 0xfff];
  return (p->flags & PTE_MAPPED) ? p : NULL;
}

/* The pte for addr, creating the tables on the way (NULL without memory). */
struct mem_pte *mem_pte_make(struct mem *m, uint64_t addr) {
  uint64_t vpn = addr >> MEM_PAGE_SHIFT;
  struct mem_pte ***l2 = &m->l1[vpn >> 24];
  if (!*l2 && !(*l2 = calloc(1u << 12, sizeof **l2))) return NULL;
  struct mem_pte **l3 = &(*l2)[(vpn >> 12) & 0xfff];
  if (!*l3 && !(*l3 = calloc(1u << 12, sizeof **l3))) return NULL;
  return &(*l3)[vpn & 0xfff];
}

bool mem_is_mapped(const struct mem *m, uint64_t addr) { return mem_pte(m, addr) != NULL; }

/* Where addr's page lives in the arena, or NULL if it cannot. */
static uint8_t *arena_page(const struct mem *m, uint64_t addr) {
  return m->arena && addr < MEM_ARENA_LIMIT ? m->arena + (addr & ~(uint64_t)(MEM_PAGE - 1)) : NULL;
}

uint8_t *mem_host_for(struct mem *m, uint64_t addr) {
  uint8_t *h = arena_page(m, addr);
  return h ? h : alloc_page(m);
}

static uint8_t *pte_host(struct mem *m, struct mem_pte *p, uint64_t addr) {
  if (!p->host) p->host = mem_host_for(m, addr);
  return p->host;
}

uint8_t *mem_page(struct mem *m, uint64_t addr, int prot) {
  struct mem_pte *p = mem_pte(m, addr);
  if (!p || (p->prot & prot) != prot) return NULL;
  return pte_host(m, p, addr);
}

/* Whether the TLB may send accesses to addr's page (host page h) to
 * arena + addr: not for a page above the arena or a file mapping's. */
static bool tlb_may_hold(const struct mem *m, uint64_t addr, const uint8_t *h) {
  return h && h == arena_page(m, addr);
}

static bool fault(struct mem *m, enum mem_access kind, uint64_t addr) {
  m->fault_kind = kind;
  m->fault_addr = addr;
  return false;
}

/* One page's worth of an access, filling the TLB on the way. */
static uint8_t *load_page(struct mem *m, uint64_t addr) {
  uint8_t *h = mem_page(m, addr, MEM_R);
  if (tlb_may_hold(m, addr, h)) m->rtlb.tag[MEM_TLB_INDEX(addr)] = MEM_TLB_TAG(addr);
  return h;
}

static uint8_t *store_page(struct mem *m, uint64_t addr) {
  struct mem_pte *p = mem_pte(m, addr);
  if (!p || !(p->prot & MEM_W)) return NULL;
  uint8_t *h = pte_host(m, p, addr);
  if (!h) return NULL;
  if (p->flags & PTE_CODE) {
    /* Stores to decoded code stay on this path, so each one invalidates. */
    if (m->code_store) m->code_store(m->code_ctx, addr & ~(uint64_t)(MEM_PAGE - 1));
  } else if (tlb_may_hold(m, addr, h)) {
    m->wtlb.tag[MEM_TLB_INDEX(addr)] = MEM_TLB_TAG(addr);
  }
  return h;
}

bool mem_load_slow(struct mem *m, uint64_t addr, void *dst, unsigned size) {
  uint8_t *d = dst;
  while (size) {
    uint64_t off = addr & (MEM_PAGE - 1);
    unsigned n = (unsigned)(MEM_PAGE - off) < size ? (unsigned)(MEM_PAGE - off) : size;
    uint8_t *h = load_page(m, addr);
    if (!h) return fault(m, MEM_LOAD, addr);
    memcpy(d, h + off, n);
    d += n, addr += n, size -= n;
  }
  return true;
}

bool mem_store_slow(struct mem *m, uint64_t addr, const void *src, unsigned size) {
  /* Check every page first: a store that faults changes nothing. */
  uint64_t last = addr + size - 1;
  if (!mem_page(m, addr, MEM_W)) return fault(m, MEM_STORE, addr);
  if ((last ^ addr) >> MEM_PAGE_SHIFT && !mem_page(m, last, MEM_W))
    return fault(m, MEM_STORE, last & ~(uint64_t)(MEM_PAGE - 1));
  const uint8_t *s = src;
  while (size) {
    uint64_t off = addr & (MEM_PAGE - 1);
    unsigned n = (unsigned)(MEM_PAGE - off) < size ? (unsigned)(MEM_PAGE - off) : size;
    memcpy(store_page(m, addr) + off, s, n);
    s += n, addr += n, size -= n;
  }
  return true;
}

void *mem_amo_ptr(struct mem *m, uint64_t addr, unsigned size) {
  if (addr & (size - 1)) {
    fault(m, MEM_MISALIGNED_AMO, addr);
    return NULL;
  }
  if (!mem_page(m, addr, MEM_R)) {
    fault(m, MEM_LOAD, addr);
    return NULL;
  }
  uint8_t *h = store_page(m, addr);
  if (!h) fault(m, MEM_STORE, addr);
  return h ? h + (addr & (MEM_PAGE - 1)) : NULL;
}

static int copy(struct mem *m, uint64_t addr, void *buf, size_t n, int mode) {
  uint8_t *b = buf;
  if (addr + n < addr) return -EFAULT;
  /* Writes check the whole range first so that a fault leaves memory as it was. */
  if (mode != MEM_R)
    for (uint64_t a = addr & ~(uint64_t)(MEM_PAGE - 1); a < addr + n; a += MEM_PAGE)
      if (!(mode == MEM_W ? mem_page(m, a, MEM_W) : mem_page(m, a, 0))) return -EFAULT;
  while (n) {
    uint64_t off = addr & (MEM_PAGE - 1);
    size_t k = MEM_PAGE - off < n ? MEM_PAGE - off : n;
    uint8_t *h;
    if (mode == MEM_R) {
      if (!(h = mem_page(m, addr, MEM_R))) return -EFAULT;
      memcpy(b, h + off, k);
    } else {
      h = mode == MEM_W ? store_page(m, addr) : mem_page(m, addr, 0);
      struct mem_pte *p = mem_pte(m, addr);
      if (mode != MEM_W && (p->flags & PTE_CODE) && m->code_store)
        m->code_store(m->code_ctx, addr & ~(uint64_t)(MEM_PAGE - 1));
      memcpy(h + off, b, k);
    }
    b += k, addr += k, n -= k;
  }
  return 0;
}

int mem_read(struct mem *m, uint64_t addr, void *dst, size_t n) { return copy(m, addr, dst, n, MEM_R); }
int mem_write(struct mem *m, uint64_t addr, const void *src, size_t n) {
  return copy(m, addr, (void *)src, n, MEM_W);
}
int mem_poke(struct mem *m, uint64_t addr, const void *src, size_t n) {
  return copy(m, addr, (void *)src, n, 0);
}

long mem_read_str(struct mem *m, uint64_t addr, char *buf, size_t cap) {
  size_t n = 0;
  while (n < cap) {
    const uint8_t *h = mem_page(m, addr + n, MEM_R);
    if (!h) return -EFAULT;
    uint64_t off = (addr + n) & (MEM_PAGE - 1);
    size_t k = MEM_PAGE - off;
    if (k > cap - n) k = cap - n;
    const uint8_t *z = memchr(h + off, 0, k);
    if (z) {
      size_t len = n + (size_t)(z - (h + off));
      memcpy(buf + n, h + off, (size_t)(z - (h + off)) + 1);
      return (long)len;
    }
    memcpy(buf + n, h + off, k);
    n += k;
  }
  return -ENAMETOOLONG;
}

const uint8_t *mem_fetch_page(struct mem *m, uint64_t vbase) {
  struct mem_pte *p = mem_pte(m, vbase);
  if (!p || !(p->prot & MEM_X)) {
    fault(m, MEM_FETCH, vbase);
    return NULL;
  }
  if (!(p->flags & PTE_CODE)) {
    p->flags |= PTE_CODE;
    unsigned i = MEM_TLB_INDEX(vbase);
    if (m->wtlb.tag[i] == MEM_TLB_TAG(vbase)) m->wtlb.tag[i] = UINT64_MAX;
  }
  return pte_host(m, p, vbase);
}
