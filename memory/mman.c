/* Mappings: the sorted list of guest VMAs, the page-table updates that go
 * with them, and the Linux calls built on top (brk, mmap, munmap, mprotect,
 * mremap). */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "mem.h"

#define PAGE_DOWN(a) ((a) & ~(uint64_t)(MEM_PAGE - 1))
#define PAGE_UP(a) PAGE_DOWN((a) + MEM_PAGE - 1)
#define MMAP_MIN_ADDR 0x10000ull /* Linux's default vm.mmap_min_addr */

/* Linux mmap/mremap flag values (riscv64 = asm-generic) */
#define L_MAP_SHARED 0x01
#define L_MAP_PRIVATE 0x02
#define L_MAP_FIXED 0x10
#define L_MAP_ANONYMOUS 0x20
#define L_MAP_FIXED_NOREPLACE 0x100000
#define L_MREMAP_MAYMOVE 1
#define L_MREMAP_FIXED 2

/* ---- the VMA list ----
 * Sorted and disjoint.  As Linux does, a mapping that continues a neighbour
 * (adjacent, same protection, both anonymous or both the same named region
 * such as [heap]) is merged into it, so that a program making many small
 * mappings, or growing its heap step by step, holds a few VMAs.  File
 * mappings (named by path) are never merged: their offsets may not follow.
 * The count never exceeds MEM_MAX_VMAS: a call that would need more fails
 * with ENOMEM before it changes anything, as Linux's do at
 * vm.max_map_count, so that every state is one a snapshot can restore. */

/* Index of the first VMA ending above addr (nvma if none). */
static size_t vma_find(const struct mem *m, uint64_t addr) {
  size_t lo = 0, hi = m->nvma;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->vma[mid].end <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* An operation starting or ending at addr must split the VMA there: addr
 * lies strictly inside it, and (for mprotect, prot >= 0) the VMA's
 * protection changes (Linux leaves a VMA whole when it would not). */
static bool vma_cut(const struct mem *m, uint64_t addr, int prot) {
  size_t i = vma_find(m, addr);
  return i < m->nvma && m->vma[i].start < addr && m->vma[i].prot != prot;
}

/* Room for the splits an operation on [start, end) needs, plus `more`
 * VMAs. */
static bool vma_room(const struct mem *m, uint64_t start, uint64_t end, size_t more) {
  size_t need = more + vma_cut(m, start, -1) + vma_cut(m, end, -1);
  return m->nvma + need <= MEM_MAX_VMAS;
}

static bool vma_mergeable(const struct mem_vma *a, const struct mem_vma *b) {
  if (a->end != b->start || a->prot != b->prot) return false;
  if (!a->name || !b->name) return !a->name && !b->name;
  return a->name[0] == '[' && strcmp(a->name, b->name) == 0;
}

/* Merge what can be merged among vma[lo-1 .. hi] (clamped), in one pass. */
static void vma_coalesce(struct mem *m, size_t lo, size_t hi) {
  if (lo) lo--;
  if (hi >= m->nvma) hi = m->nvma ? m->nvma - 1 : 0;
  if (m->nvma < 2 || lo >= hi) return;
  size_t w = lo;
  for (size_t i = lo + 1; i <= hi; i++) {
    if (vma_mergeable(&m->vma[w], &m->vma[i])) {
      m->vma[w].end = m->vma[i].end;
      free(m->vma[i].name);
    } else {
      m->vma[++w] = m->vma[i];
    }
  }
  memmove(&m->vma[w + 1], &m->vma[hi + 1], (m->nvma - hi - 1) * sizeof *m->vma);
  m->nvma -= hi - w;
}

static int vma_insert_at(struct mem *m, size_t i, struct mem_vma v) {
  if (m->nvma >= MEM_MAX_VMAS) return -ENOMEM; /* callers checked vma_room */
  if (m->nvma == m->capvma) {
    size_t cap = m->capvma ? 2 * m->capvma : 16;
    struct mem_vma *n = realloc(m->vma, cap * sizeof *n);
    if (!n) return -ENOMEM;
    m->vma = n;
    m->capvma = cap;
  }
  memmove(&m->vma[i + 1], &m->vma[i], (m->nvma - i) * sizeof *m->vma);
  m->vma[i] = v;
  m->nvma++;
  return 0;
}

/* Split the VMA containing addr (strictly inside it) in two. */
static int vma_split(struct mem *m, uint64_t addr) {
  size_t i = vma_find(m, addr);
  if (i == m->nvma || m->vma[i].start >= addr) return 0;
  struct mem_vma hi = m->vma[i];
  hi.start = addr;
  if (hi.name && !(hi.name = strdup(hi.name))) return -ENOMEM;
  int r = vma_insert_at(m, i + 1, hi);
  if (r < 0)
    free(hi.name);
  else
    m->vma[i].end = addr;
  return r;
}

/* ---- file mappings behind PTE_EXTERN pages ---- */

static struct mem_filemap *filemap_of(const struct mem *m, const uint8_t *host) {
  for (size_t i = m->nfmap; i-- > 0;) {
    struct mem_filemap *f = &m->fmap[i];
    if (host >= f->host && host < f->host + f->len) return f;
  }
  return NULL;
}

const struct mem_filemap *mem_filemap_of(const struct mem *m, const uint8_t *host) {
  return filemap_of(m, host);
}

static int filemap_add(struct mem *m, uint8_t *host, uint64_t len, const char *path,
                       uint64_t off) {
  char *copy = path ? strdup(path) : NULL;
  struct mem_filemap *n = realloc(m->fmap, (m->nfmap + 1) * sizeof *n);
  if (!n || (path && !copy)) {
    if (n) m->fmap = n;
    free(copy);
    return -ENOMEM;
  }
  m->fmap = n;
  m->fmap[m->nfmap++] = (struct mem_filemap){host, len, off, len / MEM_PAGE, copy};
  return 0;
}

/* One guest page of f is gone; with the last one, the host mapping goes
 * whole (so that nothing of it is unmapped twice, or after the host has
 * reused the addresses). */
static void filemap_drop_page(struct mem *m, uint8_t *host) {
  struct mem_filemap *f = filemap_of(m, host);
  if (!f || --f->live) return;
  munmap(f->host, f->len);
  free(f->path);
  *f = m->fmap[--m->nfmap];
}

void mem_filemaps_free(struct mem *m) {
  for (size_t i = 0; i < m->nfmap; i++) {
    munmap(m->fmap[i].host, m->fmap[i].len);
    free(m->fmap[i].path);
  }
  free(m->fmap);
  m->fmap = NULL;
  m->nfmap = 0;
}

/* Up to this many touched arena pages, pages_drop zeroes them with memset;
 * beyond, it hands the range back with one madvise.  Zeroing a page costs
 * less than the system call plus the page fault when the guest touches
 * the address again, as allocators punching small holes soon do
 * (tests/guest/mmap_many: 2.71 s with a madvise for every unmap, 1.65 s
 * this way, as before the arena with its list of free pages). */
#define ZERO_IN_PLACE 16

static void pages_drop(struct mem *m, uint64_t start, uint64_t end) {
  unsigned arena_touched = 0;
  for (uint64_t a = start; a < end; a += MEM_PAGE) {
    struct mem_pte *p = mem_pte(m, a);
    if (!p) continue;
    if ((p->flags & PTE_CODE) && m->code_store) m->code_store(m->code_ctx, a);
    if (p->host && (p->flags & PTE_EXTERN))
      filemap_drop_page(m, p->host);
    else if (p->host && mem_in_arena(m, p->host)) {
      if (++arena_touched <= ZERO_IN_PLACE) memset(p->host, 0, MEM_PAGE);
    } else if (p->host) {
      mem_release_page(m, p->host);
    }
    memset(p, 0, sizeof *p);
  }
  if (arena_touched > ZERO_IN_PLACE) mem_arena_clear(m, start, end);
}

int mem_unmap(struct mem *m, uint64_t start, uint64_t len) {
  uint64_t end = start + len;
  if (!vma_room(m, start, end, 0)) return -ENOMEM;
  if (vma_split(m, start) < 0 || vma_split(m, end) < 0) {
    vma_coalesce(m, vma_find(m, start), vma_find(m, end));
    return -ENOMEM; /* out of host memory: nothing was unmapped */
  }
  size_t lo = vma_find(m, start), hi = lo;
  for (; hi < m->nvma && m->vma[hi].start < end; hi++) {
    m->mapped -= m->vma[hi].end - m->vma[hi].start;
    free(m->vma[hi].name);
  }
  if (hi > lo) {
    memmove(&m->vma[lo], &m->vma[hi], (m->nvma - hi) * sizeof *m->vma);
    m->nvma -= hi - lo;
  }
  pages_drop(m, start, end);
  mem_tlb_flush(m);
  return 0;
}

int mem_map(struct mem *m, uint64_t start, uint64_t len, int prot, const char *name) {
  if (len == 0 || start % MEM_PAGE || len % MEM_PAGE || start + len > MEM_VA_LIMIT ||
      start + len < start)
    return -EINVAL;
  /* Page tables are filled eagerly, so mapping costs time per page: refuse
   * more than MEM_MAP_LIMIT in all rather than stall (ENOMEM, as a kernel
   * out of address space would). */
  if (len > MEM_MAP_LIMIT || m->mapped + len > MEM_MAP_LIMIT ||
      !vma_room(m, start, start + len, 1))
    return -ENOMEM;
  char *copy = NULL;
  if (name && !(copy = strdup(name))) return -ENOMEM;
  int r = mem_unmap(m, start, len);
  if (r < 0) {
    free(copy);
    return r;
  }
  for (uint64_t a = start; a < start + len; a += MEM_PAGE) {
    struct mem_pte *p = mem_pte_make(m, a);
    if (!p) {
      free(copy);
      pages_drop(m, start, a);
      return -ENOMEM;
    }
    p->host = NULL;
    p->prot = (uint8_t)prot;
    p->flags = PTE_MAPPED;
  }
  size_t i = vma_find(m, start);
  if ((r = vma_insert_at(m, i, (struct mem_vma){start, start + len, prot, copy})) < 0) {
    free(copy);
    pages_drop(m, start, start + len);
    return r;
  }
  m->mapped += len;
  vma_coalesce(m, i, i + 1);
  return 0;
}

int mem_map_host(struct mem *m, uint64_t start, uint64_t len, int prot, uint8_t *host,
                 const char *path, uint64_t off) {
  int r = mem_map(m, start, len, prot, path);
  if (r < 0) return r;
  if ((r = filemap_add(m, host, len, path, off)) < 0) {
    mem_unmap(m, start, len);
    return r;
  }
  for (uint64_t o = 0; o < len; o += MEM_PAGE) {
    struct mem_pte *p = mem_pte(m, start + o);
    p->host = host + o;
    p->flags |= PTE_EXTERN;
  }
  return 0;
}

int mem_attach_host(struct mem *m, uint64_t start, uint64_t len, uint8_t *host,
                    const char *path, uint64_t off) {
  for (uint64_t o = 0; o < len; o += MEM_PAGE) {
    struct mem_pte *p = mem_pte(m, start + o);
    if (!p || (p->flags & PTE_EXTERN)) return -EINVAL;
  }
  int r = filemap_add(m, host, len, path, off);
  if (r < 0) return r;
  for (uint64_t o = 0; o < len; o += MEM_PAGE) {
    struct mem_pte *p = mem_pte(m, start + o);
    if (p->host) {
      memcpy(host + o, p->host, MEM_PAGE);
      mem_release_page(m, p->host);
    } else {
      memset(host + o, 0, MEM_PAGE);
    }
    p->host = host + o;
    p->flags |= PTE_EXTERN;
  }
  mem_tlb_flush(m);
  return 0;
}

int mem_protect(struct mem *m, uint64_t start, uint64_t len, int prot) {
  uint64_t end = start + len;
  for (uint64_t a = start; a < end; a += MEM_PAGE)
    if (!mem_pte(m, a)) return -ENOMEM;
  bool cut0 = vma_cut(m, start, prot), cut1 = vma_cut(m, end, prot);
  if (m->nvma + cut0 + cut1 > MEM_MAX_VMAS) return -ENOMEM;
  if ((cut0 && vma_split(m, start) < 0) || (cut1 && vma_split(m, end) < 0)) {
    vma_coalesce(m, vma_find(m, start), vma_find(m, end));
    return -ENOMEM;
  }
  size_t lo = vma_find(m, start), hi = lo;
  for (; hi < m->nvma && m->vma[hi].start < end; hi++) m->vma[hi].prot = prot;
  for (uint64_t a = start; a < start + len; a += MEM_PAGE) {
    struct mem_pte *p = mem_pte(m, a);
    if ((p->flags & PTE_CODE) && m->code_store) m->code_store(m->code_ctx, a);
    p->prot = (uint8_t)prot;
  }
  vma_coalesce(m, lo, hi);
  mem_tlb_flush(m);
  return 0;
}

bool mem_range_free(const struct mem *m, uint64_t start, uint64_t len) {
  if (start < MMAP_MIN_ADDR || start + len > MEM_VA_LIMIT || start + len < start) return false;
  size_t i = vma_find(m, start);
  return i == m->nvma || m->vma[i].start >= start + len;
}

uint64_t mem_find_free(const struct mem *m, uint64_t len) {
  uint64_t top = m->mmap_base;
  for (size_t i = m->nvma; i-- > 0;) {
    const struct mem_vma *v = &m->vma[i];
    if (v->start >= top) continue;
    if (top >= len && top - len >= v->end && top - len >= MMAP_MIN_ADDR) return top - len;
    top = v->start;
  }
  return top >= len && top - len >= MMAP_MIN_ADDR ? top - len : 0;
}

uint64_t mem_sys_brk(struct mem *m, uint64_t addr) {
  if (addr < m->brk_start) return m->brk;
  uint64_t oldtop = PAGE_UP(m->brk), newtop = PAGE_UP(addr);
  if (newtop > oldtop) {
    if (!mem_range_free(m, oldtop, newtop - oldtop)) return m->brk;
    if (mem_map(m, oldtop, newtop - oldtop, MEM_R | MEM_W, "[heap]") < 0) return m->brk;
  } else if (newtop < oldtop) {
    if (mem_unmap(m, newtop, oldtop - newtop) < 0) return m->brk;
  }
  m->brk = addr;
  return m->brk;
}

int64_t mem_sys_mmap(struct mem *m, uint64_t addr, uint64_t len, int prot, int flags) {
  if (len == 0 || !(flags & (L_MAP_SHARED | L_MAP_PRIVATE))) return -EINVAL;
  uint64_t plen = PAGE_UP(len);
  if (plen < len || plen > MEM_VA_LIMIT) return -ENOMEM;
  if (flags & (L_MAP_FIXED | L_MAP_FIXED_NOREPLACE)) {
    if (addr % MEM_PAGE) return -EINVAL;
    if (addr < MMAP_MIN_ADDR) return -EPERM;
    if (addr + plen > MEM_VA_LIMIT || addr + plen < addr) return -ENOMEM;
    if ((flags & L_MAP_FIXED_NOREPLACE) && !mem_range_free(m, addr, plen))
      return -EEXIST;
  } else {
    addr = PAGE_DOWN(addr);
    if (!addr || !mem_range_free(m, addr, plen)) addr = mem_find_free(m, plen);
    if (!addr) return -ENOMEM;
  }
  int r = mem_map(m, addr, plen, prot & (MEM_R | MEM_W | MEM_X), NULL);
  return r < 0 ? r : (int64_t)addr;
}

int64_t mem_sys_munmap(struct mem *m, uint64_t addr, uint64_t len) {
  if (addr % MEM_PAGE || len == 0 || addr + len < addr) return -EINVAL;
  uint64_t plen = PAGE_UP(len);
  if (addr + plen > MEM_VA_LIMIT) return -EINVAL;
  return mem_unmap(m, addr, plen);
}

int64_t mem_sys_mprotect(struct mem *m, uint64_t addr, uint64_t len, int prot) {
  if (addr % MEM_PAGE) return -EINVAL;
  if (prot & ~(MEM_R | MEM_W | MEM_X)) return -EINVAL;
  uint64_t plen = PAGE_UP(len);
  if (addr + plen < addr || addr + plen > MEM_VA_LIMIT) return -ENOMEM;
  if (!plen) return 0;
  return mem_protect(m, addr, plen, prot);
}

int64_t mem_sys_mremap(struct mem *m, uint64_t old, uint64_t oldlen, uint64_t newlen, int flags,
                       uint64_t newaddr) {
  if (old % MEM_PAGE || (flags & ~(L_MREMAP_MAYMOVE | L_MREMAP_FIXED))) return -EINVAL;
  if ((flags & L_MREMAP_FIXED) && !(flags & L_MREMAP_MAYMOVE)) return -EINVAL;
  oldlen = PAGE_UP(oldlen);
  newlen = PAGE_UP(newlen);
  if (!newlen || !oldlen) return -EINVAL;
  for (uint64_t a = old; a < old + oldlen; a += MEM_PAGE)
    if (!mem_is_mapped(m, a)) return -EFAULT;
  struct mem_pte *first = mem_pte(m, old);
  int prot = first->prot;
  if (!(flags & L_MREMAP_FIXED)) {
    if (newlen <= oldlen) {
      int r = newlen < oldlen ? mem_unmap(m, old + newlen, oldlen - newlen) : 0;
      return r < 0 ? r : (int64_t)old;
    }
    if (mem_range_free(m, old + oldlen, newlen - oldlen)) {
      int r = mem_map(m, old + oldlen, newlen - oldlen, prot, NULL);
      return r < 0 ? r : (int64_t)old;
    }
    if (!(flags & L_MREMAP_MAYMOVE)) return -ENOMEM;
    newaddr = mem_find_free(m, newlen);
    if (!newaddr) return -ENOMEM;
  } else if (newaddr % MEM_PAGE || newaddr < MMAP_MIN_ADDR ||
             (newaddr < old + oldlen && old < newaddr + newlen)) {
    return -EINVAL;
  }
  /* Move the pages: a file mapping's host pages change owner; other pages
   * are copied to the host page of their new address (in the arena, that
   * place is fixed), and unmapping the old range frees the old ones.
   * Room for the new mapping and for unmapping the old range is checked
   * first, so that the move cannot stop half done. */
  if (!vma_room(m, old, old + oldlen,
                1 + vma_cut(m, newaddr, -1) + vma_cut(m, newaddr + newlen, -1)))
    return -ENOMEM;
  int r = mem_map(m, newaddr, newlen, prot, NULL);
  if (r < 0) return r;
  uint64_t keep = oldlen < newlen ? oldlen : newlen;
  for (uint64_t off = 0; off < keep; off += MEM_PAGE) { /* copies: may fail */
    struct mem_pte *src = mem_pte(m, old + off), *dst = mem_pte(m, newaddr + off);
    if (!src->host || (src->flags & PTE_EXTERN)) continue;
    if (!(dst->host = mem_host_for(m, newaddr + off))) {
      mem_unmap(m, newaddr, newlen); /* out of host memory: the old range stays */
      return -ENOMEM;
    }
    memcpy(dst->host, src->host, MEM_PAGE);
  }
  for (uint64_t off = 0; off < keep; off += MEM_PAGE) {
    struct mem_pte *src = mem_pte(m, old + off), *dst = mem_pte(m, newaddr + off);
    if (src->flags & PTE_EXTERN) {
      dst->host = src->host;
      dst->flags |= PTE_EXTERN;
      src->host = NULL;
      src->flags &= (uint8_t)~PTE_EXTERN;
    }
    dst->prot = src->prot;
  }
  mem_unmap(m, old, oldlen);
  return (int64_t)newaddr;
}
