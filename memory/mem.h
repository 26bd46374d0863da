/* memory/: the guest address space.  Guest addresses reach host memory only
 * through the page table below, whose leaves point into pages Amanatsu
 * allocated for the guest; an address with no leaf is a fault, never a host
 * access.  Pages carry R/W/X; a direct-mapped TLB per access kind makes the
 * common load and store a compare.
 *
 * The host page of a guest page below MEM_ARENA_LIMIT is at a fixed place,
 * arena + its address, in one host reservation; so a load that hits the TLB
 * reads arena + address, and does not wait for a translation read from the
 * TLB first.  Pages above the limit, and shared file mappings, have host
 * pages elsewhere and take the slow path. */
#ifndef AMANATSU_MEM_H
#define AMANATSU_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MEM_PAGE 4096u
#define MEM_PAGE_SHIFT 12
#define MEM_VA_BITS 48 /* guest virtual addresses are below 2^48 */
#define MEM_VA_LIMIT (1ull << MEM_VA_BITS)
#define MEM_TLB_SIZE 256u
#define MEM_ARENA_BITS 38 /* Sv39's user half: where Linux puts a RISC-V process */
#define MEM_ARENA_LIMIT (1ull << MEM_ARENA_BITS)
#define MEM_MAP_LIMIT (16ull << 30) /* at most this much mapped at once */
#define MEM_MAX_VMAS 65530u          /* at most this many mappings: Linux's vm.max_map_count */

enum { MEM_R = 1, MEM_W = 2, MEM_X = 4 };
enum mem_access { MEM_LOAD, MEM_STORE, MEM_FETCH, MEM_MISALIGNED_AMO };

/* pte flags */
enum { PTE_MAPPED = 1, PTE_CODE = 2, PTE_EXTERN = 4 /* host page not ours: a shared file mapping */ };

struct mem_pte {
  uint8_t *host; /* NULL until first touched */
  uint8_t prot;
  uint8_t flags;
};

/* A direct-mapped TLB: the pages a load or store may access at arena +
 * address. */
struct mem_tlb {
  uint64_t tag[MEM_TLB_SIZE]; /* MEM_TLB_TAG of the guest page, or UINT64_MAX when empty */
};
#define MEM_TLB_INDEX(addr) (((addr) >> MEM_PAGE_SHIFT) & (MEM_TLB_SIZE - 1))
/* A TLB tag is the page's base address.  An access of n bytes (n a power of
 * two) hits when (addr & MEM_TLB_MASK(n)) == tag: one compare that also
 * sends misaligned accesses, which may cross the page, to the slow path. */
#define MEM_TLB_TAG(addr) ((addr) & ~(uint64_t)(MEM_PAGE - 1))
#define MEM_TLB_MASK(n) (~(uint64_t)(MEM_PAGE - 1) | (uint64_t)((n) - 1))

/* A mapping, as /proc/self/maps would list it; kept sorted and disjoint. */
struct mem_vma {
  uint64_t start, end;
  int prot;
  char *name; /* "[heap]", "[stack]", a file path, or NULL */
};

/* A host MAP_SHARED mapping of a file that PTE_EXTERN pages point into:
 * which file, and where in it, for snapshots.  live counts the guest pages
 * still on it; the entry goes when the last one is unmapped. */
struct mem_filemap {
  uint8_t *host;
  uint64_t len, off, live;
  char *path;
};

struct mem_chunk;

struct mem {
  struct mem_tlb rtlb, wtlb;
  /* Host address of guest address 0: guest pages below MEM_ARENA_LIMIT
   * live at arena + address.  NULL if the host refused the reservation;
   * every access then takes the slow path. */
  uint8_t *arena;
  struct mem_pte **l1[1u << 12]; /* vpage bits 35..24 -> bits 23..12 -> bits 11..0 */

  struct mem_vma *vma;
  size_t nvma, capvma;
  uint64_t mapped; /* bytes the VMAs cover */

  struct mem_filemap *fmap;
  size_t nfmap;

  uint64_t brk_start, brk;   /* program break: [brk_start, brk) is the heap */
  uint64_t mmap_base;        /* top-down search for mmap starts below this */

  /* Called when a store hits a page whose code was decoded. */
  void (*code_store)(void *ctx, uint64_t vbase);
  void *code_ctx;

  /* Details of the last failed access, for the fault message. */
  enum mem_access fault_kind;
  uint64_t fault_addr;

  /* host page allocator */
  struct mem_chunk *chunks;
  uint8_t **free_pages;
  size_t nfree, capfree;
};

void mem_init(struct mem *m);
void mem_free(struct mem *m);

/* Map [start, start+len) (page-aligned) with prot, replacing whatever was
 * mapped there (its contents are dropped: new pages read as zero). */
int mem_map(struct mem *m, uint64_t start, uint64_t len, int prot, const char *name);
/* 0, or -ENOMEM (nothing changed) when splitting a mapping would exceed
 * MEM_MAX_VMAS. */
int mem_unmap(struct mem *m, uint64_t start, uint64_t len);
/* Map guest pages onto host memory the caller obtained with mmap(2): a
 * MAP_SHARED mapping of file `path` from offset `off`, so writes reach the
 * file.  The pages are handed over: unmapping them munmaps them on the
 * host. */
int mem_map_host(struct mem *m, uint64_t start, uint64_t len, int prot, uint8_t *host,
                 const char *path, uint64_t off);
/* The same for pages already mapped (a restore): each page's current bytes
 * (zeros if never touched) are copied into the file first, and its private
 * host page released.  0 or -ENOMEM. */
int mem_attach_host(struct mem *m, uint64_t start, uint64_t len, uint8_t *host,
                    const char *path, uint64_t off);
/* The file mapping a PTE_EXTERN page's host address lies in, or NULL. */
const struct mem_filemap *mem_filemap_of(const struct mem *m, const uint8_t *host);
/* 0, or -ENOMEM if part of the range is unmapped (as mprotect(2)). */
int mem_protect(struct mem *m, uint64_t start, uint64_t len, int prot);
/* A free, page-aligned range of len bytes below mmap_base, or 0 if none. */
uint64_t mem_find_free(const struct mem *m, uint64_t len);
bool mem_range_free(const struct mem *m, uint64_t start, uint64_t len);
bool mem_is_mapped(const struct mem *m, uint64_t addr);

/* Page-table walk.  NULL if unmapped. */
struct mem_pte *mem_pte(const struct mem *m, uint64_t addr);
/* Host address of the page holding addr if it is mapped with all of prot
 * (allocating it on first touch), else NULL. */
uint8_t *mem_page(struct mem *m, uint64_t addr, int prot);

/* Slow paths of the interpreter's loads and stores: any size and alignment,
 * page-crossing included.  false (and fault_* set) on a fault. */
bool mem_load_slow(struct mem *m, uint64_t addr, void *dst, unsigned size);
bool mem_store_slow(struct mem *m, uint64_t addr, const void *src, unsigned size);

/* Host address of an aligned atomic access of size bytes (needs R and W);
 * NULL with fault_* set otherwise. */
void *mem_amo_ptr(struct mem *m, uint64_t addr, unsigned size);

/* Copies for system calls and the loader: 0, or -EFAULT (14) as Linux returns
 * when part of the range is not accessible.  mem_write honours code
 * invalidation.  mem_poke ignores permissions (loader only). */
int mem_read(struct mem *m, uint64_t addr, void *dst, size_t n);
int mem_write(struct mem *m, uint64_t addr, const void *src, size_t n);
int mem_poke(struct mem *m, uint64_t addr, const void *src, size_t n);
/* Read a NUL-terminated guest string into buf: its length, -EFAULT, or
 * -ENAMETOOLONG when it does not fit in cap bytes. */
long mem_read_str(struct mem *m, uint64_t addr, char *buf, size_t cap);

/* The bytes of an executable page, for the decoder: NULL (fault_* set) if the
 * page is not mapped executable.  Marks the page as code so that stores to it
 * take the slow path and invalidate the decoded records. */
const uint8_t *mem_fetch_page(struct mem *m, uint64_t vbase);

/* Linux memory-management system calls: result or negative errno. */
uint64_t mem_sys_brk(struct mem *m, uint64_t addr);
int64_t mem_sys_mmap(struct mem *m, uint64_t addr, uint64_t len, int prot, int flags);
int64_t mem_sys_munmap(struct mem *m, uint64_t addr, uint64_t len);
int64_t mem_sys_mprotect(struct mem *m, uint64_t addr, uint64_t len, int prot);
int64_t mem_sys_mremap(struct mem *m, uint64_t old, uint64_t oldlen, uint64_t newlen, int flags,
                       uint64_t newaddr);

/* Unmap every file mapping's host pages (mem_free). */
void mem_filemaps_free(struct mem *m);

/* For memory/ itself. */
struct mem_pte *mem_pte_make(struct mem *m, uint64_t addr);
/* The host page for guest page addr, to be its pte's host: in the arena,
 * or newly allocated (zero) above it. */
uint8_t *mem_host_for(struct mem *m, uint64_t addr);
void mem_release_page(struct mem *m, uint8_t *page);
bool mem_in_arena(const struct mem *m, const uint8_t *host);
/* Give the arena's part of [start, end) back to the host: it reads as
 * zero after. */
void mem_arena_clear(struct mem *m, uint64_t start, uint64_t end);

static inline void mem_tlb_flush(struct mem *m) {
  for (unsigned i = 0; i < MEM_TLB_SIZE; i++) m->rtlb.tag[i] = m->wtlb.tag[i] = UINT64_MAX;
}

#endif
