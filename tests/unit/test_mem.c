/* The guest address space: mappings, permissions, the slow access paths,
 * copies for system calls, and the Linux memory-management calls. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "memory/loader.h"
#include "memory/mem.h"

/* Linux (asm-generic) values */
#define MAP_PRIVATE_ 0x02
#define MAP_SHARED_ 0x01
#define MAP_FIXED_ 0x10
#define MAP_ANONYMOUS_ 0x20
#define MAP_FIXED_NOREPLACE_ 0x100000
#define MREMAP_MAYMOVE_ 1
#define MREMAP_FIXED_ 2
#define ANON (MAP_PRIVATE_ | MAP_ANONYMOUS_)
#define RW (MEM_R | MEM_W)
#define PG 4096ull

static struct mem m;

static struct {
  unsigned calls;
  uint64_t last;
  void *ctx;
} cs;

static void on_code_store(void *ctx, uint64_t vbase) {
  cs.calls++;
  cs.last = vbase;
  cs.ctx = ctx;
}

static void setup(void) {
  mem_init(&m);
  m.mmap_base = LOADER_MMAP_BASE;
  memset(&cs, 0, sizeof cs);
}
static void teardown(void) { mem_free(&m); }

TestSuite(mem, .init = setup, .fini = teardown);

/* The VMA list is sorted, disjoint, page-aligned, within the count limit,
 * agrees with the page table on every page it covers, and its size is the
 * running total mem.mapped. */
static void check_vmas(void) {
  uint64_t total = 0;
  cr_expect_leq(m.nvma, MEM_MAX_VMAS);
  for (size_t i = 0; i < m.nvma; i++) {
    const struct mem_vma *v = &m.vma[i];
    total += v->end - v->start;
    cr_expect_lt(v->start, v->end, "vma %zu empty", i);
    cr_expect_eq(v->start % PG, 0);
    cr_expect_eq(v->end % PG, 0);
    if (i) cr_expect_leq(m.vma[i - 1].end, v->start, "vma %zu overlaps or is out of order", i);
    for (uint64_t a = v->start; a < v->end; a += PG) {
      struct mem_pte *p = mem_pte(&m, a);
      cr_expect(p, "page 0x%llx of a vma is not mapped", (unsigned long long)a);
      if (p) cr_expect_eq(p->prot, v->prot, "page 0x%llx prot", (unsigned long long)a);
    }
  }
  cr_expect_eq(m.mapped, total, "mapped: %llu bytes counted, %llu in the VMAs",
               (unsigned long long)m.mapped, (unsigned long long)total);
}

static uint64_t load64(uint64_t a) {
  uint64_t v = 0;
  cr_assert(mem_load_slow(&m, a, &v, 8), "load at 0x%llx", (unsigned long long)a);
  return v;
}

static void store64(uint64_t a, uint64_t v) {
  cr_assert(mem_store_slow(&m, a, &v, 8), "store at 0x%llx", (unsigned long long)a);
}

Test(mem, map_read_write) {
  cr_assert_eq(mem_map(&m, 0x10000, 4 * PG, RW, "test"), 0);
  cr_expect(mem_is_mapped(&m, 0x10000));
  cr_expect(mem_is_mapped(&m, 0x13fff));
  cr_expect(!mem_is_mapped(&m, 0x14000));
  cr_expect(!mem_is_mapped(&m, 0xffff));
  cr_expect_eq(load64(0x12000), 0, "fresh pages read as zero");
  store64(0x12008, 0x1122334455667788ull);
  cr_expect_eq(load64(0x12008), 0x1122334455667788ull);
  uint32_t w;
  cr_assert(mem_load_slow(&m, 0x1200c, &w, 4));
  cr_expect_eq(w, 0x11223344u, "little-endian");
  uint8_t b = 0xab;
  cr_assert(mem_store_slow(&m, 0x13fff, &b, 1));
  cr_assert(mem_load_slow(&m, 0x13fff, &b, 1));
  cr_expect_eq(b, 0xab);
  cr_expect_eq(m.nvma, 1);
  cr_expect_str_eq(m.vma[0].name, "test");
  check_vmas();
}

Test(mem, map_rejects_bad_ranges) {
  cr_expect_eq(mem_map(&m, 0x10001, PG, RW, NULL), -EINVAL);
  cr_expect_eq(mem_map(&m, 0x10000, 100, RW, NULL), -EINVAL);
  cr_expect_eq(mem_map(&m, 0x10000, 0, RW, NULL), -EINVAL);
  cr_expect_eq(mem_map(&m, MEM_VA_LIMIT, PG, RW, NULL), -EINVAL);
  cr_expect_eq(mem_map(&m, MEM_VA_LIMIT - PG, 2 * PG, RW, NULL), -EINVAL);
  cr_expect_eq(mem_map(&m, MEM_VA_LIMIT - PG, PG, RW, NULL), 0, "the last page is usable");
  cr_expect_eq(m.nvma, 1);
}

Test(mem, map_replaces_and_zeroes) {
  cr_assert_eq(mem_map(&m, 0x10000, 3 * PG, RW, NULL), 0);
  store64(0x10000, 1);
  store64(0x11000, 2);
  store64(0x12000, 3);
  cr_assert_eq(mem_map(&m, 0x11000, PG, MEM_R, NULL), 0);
  cr_expect_eq(load64(0x10000), 1);
  cr_expect_eq(load64(0x11000), 0);
  cr_expect_eq(load64(0x12000), 3);
  cr_expect_eq(m.nvma, 3);
  check_vmas();
}

Test(mem, read_of_unreadable_page_faults) {
  cr_assert_eq(mem_map(&m, 0x20000, PG, MEM_W, NULL), 0); /* write-only */
  uint64_t v = 0x5555;
  cr_expect(!mem_load_slow(&m, 0x20010, &v, 8));
  cr_expect_eq(m.fault_kind, MEM_LOAD);
  cr_expect_eq(m.fault_addr, 0x20010);
  cr_expect(mem_store_slow(&m, 0x20010, &v, 8), "writing is allowed");

  m.fault_kind = MEM_FETCH;
  cr_expect(!mem_load_slow(&m, 0x30008, &v, 4), "unmapped");
  cr_expect_eq(m.fault_kind, MEM_LOAD);
  cr_expect_eq(m.fault_addr, 0x30008);
  cr_expect(!mem_load_slow(&m, 0, &v, 1), "null page");
  cr_expect_eq(m.fault_addr, 0);
}

Test(mem, store_to_read_only_faults_and_changes_nothing) {
  cr_assert_eq(mem_map(&m, 0x20000, PG, RW, NULL), 0);
  store64(0x20100, 0xdeadbeefcafef00dull);
  cr_assert_eq(mem_protect(&m, 0x20000, PG, MEM_R), 0);
  uint64_t v = 1;
  cr_expect(!mem_store_slow(&m, 0x20100, &v, 8));
  cr_expect_eq(m.fault_kind, MEM_STORE);
  cr_expect_eq(m.fault_addr, 0x20100);
  cr_expect_eq(load64(0x20100), 0xdeadbeefcafef00dull);
  cr_expect_eq(mem_write(&m, 0x20100, &v, 8), -EFAULT);
  cr_expect_eq(load64(0x20100), 0xdeadbeefcafef00dull);

  cr_expect(!mem_store_slow(&m, 0x50000, &v, 8), "unmapped");
  cr_expect_eq(m.fault_kind, MEM_STORE);
  cr_expect_eq(m.fault_addr, 0x50000);
}

Test(mem, page_crossing_accesses) {
  cr_assert_eq(mem_map(&m, 0x40000, 2 * PG, RW, NULL), 0);
  uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  for (unsigned k = 1; k < 8; k++) { /* k bytes in the first page */
    uint64_t a = 0x41000 - k;
    cr_assert(mem_store_slow(&m, a, bytes, 8));
    uint8_t back[8];
    cr_assert(mem_load_slow(&m, a, back, 8));
    cr_expect_arr_eq(back, bytes, 8, "split %u/%u", k, 8 - k);
    uint8_t one;
    cr_assert(mem_load_slow(&m, 0x41000, &one, 1));
    cr_expect_eq(one, bytes[k], "byte on the second page");
  }
  uint32_t w = 0xa1b2c3d4, r;
  cr_assert(mem_store_slow(&m, 0x40ffe, &w, 4));
  cr_assert(mem_load_slow(&m, 0x40ffe, &r, 4));
  cr_expect_eq(r, w);
  uint16_t h;
  cr_assert(mem_load_slow(&m, 0x40fff, &h, 2));
  cr_expect_eq(h, 0xb2c3);
}

Test(mem, page_crossing_store_into_read_only_changes_nothing) {
  cr_assert_eq(mem_map(&m, 0x40000, PG, RW, NULL), 0);
  cr_assert_eq(mem_map(&m, 0x41000, PG, MEM_R, NULL), 0);
  store64(0x40ff8, 0x0706050403020100ull);
  uint64_t v = UINT64_MAX;
  cr_expect(!mem_store_slow(&m, 0x40ffc, &v, 8));
  cr_expect_eq(m.fault_kind, MEM_STORE);
  cr_expect_geq(m.fault_addr, 0x41000, "the fault is on the second page");
  cr_expect_lt(m.fault_addr, 0x41004);
  cr_expect_eq(load64(0x40ff8), 0x0706050403020100ull, "first page untouched");

  /* loads crossing into an unmapped page fault there too */
  mem_unmap(&m, 0x41000, PG);
  cr_expect(!mem_load_slow(&m, 0x40ffc, &v, 8));
  cr_expect_eq(m.fault_kind, MEM_LOAD);
  cr_expect_eq(m.fault_addr, 0x41000);
}

Test(mem, read_write_copies) {
  cr_assert_eq(mem_map(&m, 0x10000, 3 * PG, RW, NULL), 0);
  char buf[10000], back[10000];
  for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)(i * 7);
  cr_expect_eq(mem_write(&m, 0x10100, buf, sizeof buf), 0);
  cr_expect_eq(mem_read(&m, 0x10100, back, sizeof back), 0);
  cr_expect_arr_eq(back, buf, sizeof buf);
  cr_expect_eq(mem_read(&m, 0x10100, back, 0), 0);
  cr_expect_eq(mem_write(&m, 0x99999000, buf, 0), 0, "empty copies touch nothing");
}

Test(mem, copies_fault_on_partial_ranges) {
  cr_assert_eq(mem_map(&m, 0x10000, 2 * PG, RW, NULL), 0);
  char buf[64];
  memset(buf, 0x77, sizeof buf);
  /* the range runs off the end of the mapping */
  cr_expect_eq(mem_read(&m, 0x11ff0, buf, 32), -14);
  cr_expect_eq(mem_write(&m, 0x11ff0, buf, 32), -14);
  uint64_t v = load64(0x11ff0);
  cr_expect_eq(v, 0, "a failed write leaves memory as it was");
  /* ... or starts before it */
  cr_expect_eq(mem_read(&m, 0xfff0, buf, 32), -EFAULT);
  cr_expect_eq(mem_write(&m, 0xfff0, buf, 32), -EFAULT);
  cr_expect_eq(load64(0x10000), 0);
  /* a hole in the middle */
  cr_assert_eq(mem_map(&m, 0x13000, PG, RW, NULL), 0);
  char big[3 * PG];
  cr_expect_eq(mem_read(&m, 0x11000, big, sizeof big), -EFAULT);
  cr_expect_eq(mem_write(&m, 0x11000, big, sizeof big), -EFAULT);
  /* wrapping around the address space */
  cr_expect_eq(mem_read(&m, UINT64_MAX - 4, buf, 32), -EFAULT);
  cr_expect_eq(mem_write(&m, UINT64_MAX - 4, buf, 32), -EFAULT);
  /* unreadable page */
  cr_assert_eq(mem_map(&m, 0x20000, PG, MEM_W, NULL), 0);
  cr_expect_eq(mem_read(&m, 0x20000, buf, 8), -EFAULT);
  cr_expect_eq(mem_write(&m, 0x20000, buf, 8), 0);
}

Test(mem, poke_ignores_permissions) {
  cr_assert_eq(mem_map(&m, 0x10000, PG, MEM_R | MEM_X, NULL), 0);
  uint64_t v = 0x1234;
  cr_expect_eq(mem_write(&m, 0x10000, &v, 8), -EFAULT);
  cr_expect_eq(mem_poke(&m, 0x10000, &v, 8), 0);
  cr_expect_eq(load64(0x10000), 0x1234);
  cr_expect_eq(mem_poke(&m, 0x11000, &v, 8), -EFAULT, "but not mappings");
}

Test(mem, read_str) {
  cr_assert_eq(mem_map(&m, 0x10000, 2 * PG, RW, NULL), 0);
  char buf[64];
  cr_assert_eq(mem_write(&m, 0x10100, "hello", 6), 0);
  cr_expect_eq(mem_read_str(&m, 0x10100, buf, sizeof buf), 5);
  cr_expect_str_eq(buf, "hello");
  /* across the page boundary */
  cr_assert_eq(mem_write(&m, 0x10ffd, "crossing", 9), 0);
  cr_expect_eq(mem_read_str(&m, 0x10ffd, buf, sizeof buf), 8);
  cr_expect_str_eq(buf, "crossing");
  /* empty */
  cr_expect_eq(mem_read_str(&m, 0x10105, buf, sizeof buf), 0);
  cr_expect_str_eq(buf, "");
  /* exactly fits: 5 characters and the NUL in 6 bytes */
  cr_expect_eq(mem_read_str(&m, 0x10100, buf, 6), 5);
  cr_expect_str_eq(buf, "hello");
  /* does not fit */
  cr_expect_eq(mem_read_str(&m, 0x10100, buf, 5), -ENAMETOOLONG);
  /* runs off the mapping without a NUL */
  char fill[32];
  memset(fill, 'x', sizeof fill);
  cr_assert_eq(mem_write(&m, 0x11fe0, fill, sizeof fill), 0);
  cr_expect_eq(mem_read_str(&m, 0x11fe0, buf, sizeof buf), -EFAULT);
  cr_expect_eq(mem_read_str(&m, 0x50000, buf, sizeof buf), -EFAULT);
}

Test(mem, brk_grows_and_shrinks) {
  m.brk_start = m.brk = 0x100000;
  cr_expect_eq(mem_sys_brk(&m, 0), 0x100000, "brk(0) reports the break");
  cr_expect_eq(mem_sys_brk(&m, 0x100000 + 10000), 0x100000 + 10000);
  cr_expect(mem_is_mapped(&m, 0x100000));
  cr_expect(mem_is_mapped(&m, 0x102fff), "rounded up to a page");
  cr_expect(!mem_is_mapped(&m, 0x103000));
  store64(0x102ff8, 42);
  /* grow more: the old contents stay */
  cr_expect_eq(mem_sys_brk(&m, 0x110000), 0x110000);
  cr_expect_eq(load64(0x102ff8), 42);
  store64(0x10fff8, 43);
  cr_expect(!mem_is_mapped(&m, 0x110000));
  /* shrink: pages beyond the new break go away */
  cr_expect_eq(mem_sys_brk(&m, 0x101001), 0x101001);
  cr_expect(mem_is_mapped(&m, 0x101000));
  cr_expect(!mem_is_mapped(&m, 0x102000));
  uint64_t v;
  cr_expect(!mem_load_slow(&m, 0x10fff8, &v, 8));
  /* and grow again: the released pages come back zeroed */
  cr_expect_eq(mem_sys_brk(&m, 0x110000), 0x110000);
  cr_expect_eq(load64(0x10fff8), 0);
  cr_expect_eq(load64(0x102ff8), 0);
  /* below the start: refused, the break is unchanged */
  cr_expect_eq(mem_sys_brk(&m, 0xfffff), 0x110000);
  cr_expect_eq(mem_sys_brk(&m, 0x100000), 0x100000, "shrinking to the start is fine");
  cr_expect(!mem_is_mapped(&m, 0x100000));
  check_vmas();
}

Test(mem, brk_does_not_grow_into_a_mapping) {
  m.brk_start = m.brk = 0x100000;
  cr_assert_eq(mem_map(&m, 0x104000, PG, RW, NULL), 0);
  store64(0x104000, 7);
  cr_expect_eq(mem_sys_brk(&m, 0x103000), 0x103000);
  cr_expect_eq(mem_sys_brk(&m, 0x105000), 0x103000, "refused: returns the old break");
  cr_expect_eq(load64(0x104000), 7, "the mapping is untouched");
  check_vmas();
}

Test(mem, mmap_places_aligned_disjoint_mappings) {
  uint64_t got[16];
  for (unsigned i = 0; i < 16; i++) {
    uint64_t len = (i % 3 + 1) * PG - (i & 1 ? 100 : 0);
    int64_t r = mem_sys_mmap(&m, 0, len, RW, ANON);
    cr_assert_geq(r, 0x10000, "mmap %u: %lld", i, (long long)r);
    got[i] = (uint64_t)r;
    cr_expect_eq(got[i] % PG, 0);
    cr_expect_leq(got[i] + len, LOADER_MMAP_BASE);
    cr_expect_eq(load64(got[i]), 0);
    store64(got[i], i + 1);
  }
  for (unsigned i = 0; i < 16; i++) cr_expect_eq(load64(got[i]), i + 1, "mapping %u intact", i);
  cr_expect_eq(m.nvma, 1, "placed next to each other, they merge (as in Linux)");
  check_vmas();
}

Test(mem, mmap_honours_a_free_hint) {
  int64_t r = mem_sys_mmap(&m, 0x7000000, 2 * PG, RW, ANON);
  cr_expect_eq(r, 0x7000000);
  /* an occupied hint goes elsewhere */
  int64_t r2 = mem_sys_mmap(&m, 0x7000000, PG, RW, ANON);
  cr_expect_gt(r2, 0);
  cr_expect_neq(r2, 0x7000000);
  check_vmas();
}

Test(mem, mmap_argument_errors) {
  cr_expect_eq(mem_sys_mmap(&m, 0, 0, RW, ANON), -EINVAL, "zero length");
  cr_expect_eq(mem_sys_mmap(&m, 0, PG, RW, MAP_ANONYMOUS_), -EINVAL, "neither shared nor private");
  cr_expect_eq(mem_sys_mmap(&m, 0x10001000 + 1, PG, RW, ANON | MAP_FIXED_), -EINVAL, "unaligned fixed");
  cr_expect_eq(mem_sys_mmap(&m, 0x1000, PG, RW, ANON | MAP_FIXED_), -EPERM, "below mmap_min_addr");
  cr_expect_eq(mem_sys_mmap(&m, 0, PG, RW, ANON | MAP_FIXED_), -EPERM);
  cr_expect_eq(mem_sys_mmap(&m, 0xf000, PG, RW, ANON | MAP_FIXED_NOREPLACE_), -EPERM);
  cr_expect_eq(mem_sys_mmap(&m, 0, UINT64_MAX - 10, RW, ANON), -ENOMEM, "huge");
  cr_expect_eq(m.nvma, 0);
}

Test(mem, mmap_fixed_replaces_with_zeros) {
  int64_t a = mem_sys_mmap(&m, 0x800000, 4 * PG, RW, ANON | MAP_FIXED_);
  cr_assert_eq(a, 0x800000);
  for (unsigned i = 0; i < 4; i++) store64(0x800000 + i * PG + 8, 100 + i);
  cr_assert_eq(mem_sys_mmap(&m, 0x801000, 2 * PG, MEM_R, ANON | MAP_FIXED_), 0x801000);
  cr_expect_eq(load64(0x800008), 100);
  cr_expect_eq(load64(0x801008), 0);
  cr_expect_eq(load64(0x802008), 0);
  cr_expect_eq(load64(0x803008), 103);
  uint64_t v = 1;
  cr_expect(!mem_store_slow(&m, 0x801008, &v, 8), "the new mapping's protection applies");
  cr_expect_eq(m.nvma, 3);
  check_vmas();
}

Test(mem, mmap_fixed_noreplace) {
  cr_assert_eq(mem_sys_mmap(&m, 0x800000, 2 * PG, RW, ANON | MAP_FIXED_), 0x800000);
  store64(0x801000, 5);
  cr_expect_eq(mem_sys_mmap(&m, 0x801000, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE_), -EEXIST);
  cr_expect_eq(mem_sys_mmap(&m, 0x7ff000, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE_), -EEXIST);
  cr_expect_eq(load64(0x801000), 5);
  cr_expect_eq(mem_sys_mmap(&m, 0x802000, PG, RW, ANON | MAP_FIXED_NOREPLACE_), 0x802000,
               "adjacent is not overlapping");
  cr_expect_eq(mem_sys_mmap(&m, 0x7ff000, PG, RW, ANON | MAP_FIXED_NOREPLACE_), 0x7ff000);
  cr_expect_eq(load64(0x801000), 5);
  check_vmas();
}

Test(mem, munmap) {
  cr_assert_eq(mem_sys_mmap(&m, 0x800000, 3 * PG, RW, ANON | MAP_FIXED_), 0x800000);
  store64(0x800000, 1);
  store64(0x802000, 3);
  cr_expect_eq(mem_sys_munmap(&m, 0x801000, 100), 0, "length rounds up");
  uint64_t v;
  cr_expect(!mem_load_slow(&m, 0x801000, &v, 8));
  cr_expect_eq(m.fault_addr, 0x801000);
  cr_expect_eq(load64(0x800000), 1);
  cr_expect_eq(load64(0x802000), 3);
  cr_expect_eq(m.nvma, 2);
  cr_expect_eq(mem_sys_munmap(&m, 0x900000, PG), 0, "unmapping nothing is fine");
  cr_expect_eq(mem_sys_munmap(&m, 0x800001, PG), -EINVAL);
  cr_expect_eq(mem_sys_munmap(&m, 0x800000, 0), -EINVAL);
  cr_expect_eq(mem_sys_munmap(&m, 0x7ff000, 4 * PG), 0);
  cr_expect(!mem_is_mapped(&m, 0x800000));
  cr_expect(!mem_is_mapped(&m, 0x802000));
  cr_expect_eq(m.nvma, 0);
  /* the TLB forgets unmapped pages */
  cr_assert_eq(mem_map(&m, 0x800000, PG, RW, NULL), 0);
  store64(0x800000, 9);
  cr_expect_eq(load64(0x800000), 9);
  mem_sys_munmap(&m, 0x800000, PG);
  cr_expect(!mem_load_slow(&m, 0x800000, &v, 8));
  for (unsigned i = 0; i < MEM_TLB_SIZE; i++) {
    cr_expect_neq(m.rtlb.tag[i], MEM_TLB_TAG(0x800000));
    cr_expect_neq(m.wtlb.tag[i], MEM_TLB_TAG(0x800000));
  }
}

Test(mem, mprotect) {
  cr_expect_eq(mem_sys_mprotect(&m, 0x800000, PG, MEM_R), -ENOMEM, "unmapped");
  cr_assert_eq(mem_sys_mmap(&m, 0x800000, 2 * PG, RW, ANON | MAP_FIXED_), 0x800000);
  cr_expect_eq(mem_sys_mprotect(&m, 0x801000, 2 * PG, MEM_R), -ENOMEM, "partly unmapped");
  cr_expect_eq(mem_sys_mprotect(&m, 0x800800, PG, MEM_R), -EINVAL, "unaligned");
  store64(0x801000, 77);
  cr_expect_eq(mem_sys_mprotect(&m, 0x801000, 1, MEM_R), 0);
  uint64_t v = 1;
  cr_expect(!mem_store_slow(&m, 0x801000, &v, 8));
  cr_expect(mem_store_slow(&m, 0x800000, &v, 8), "the other page is still writable");
  cr_expect_eq(load64(0x801000), 77);
  cr_expect_eq(m.nvma, 2, "the mapping was split");
  check_vmas();
  cr_expect_eq(mem_sys_mprotect(&m, 0x800000, 2 * PG, 0), 0);
  cr_expect(!mem_load_slow(&m, 0x800000, &v, 8));
  cr_expect_eq(mem_sys_mprotect(&m, 0x800000, 2 * PG, RW), 0);
  cr_expect_eq(load64(0x801000), 77, "contents survive protection changes");
  cr_expect_eq(load64(0x800000), 1);
  cr_expect_eq(mem_sys_mprotect(&m, 0x800000, 0, MEM_R), 0, "empty range");
  check_vmas();
}

/* Neighbours that continue each other merge, as Linux merges them: same
 * protection, both anonymous or both the same bracketed region.  File
 * mappings (named by path) stay apart. */
Test(mem, neighbouring_mappings_merge) {
  cr_assert_eq(mem_map(&m, 0x800000, 2 * PG, RW, NULL), 0);
  cr_assert_eq(mem_map(&m, 0x802000, PG, RW, NULL), 0);
  cr_expect_eq(m.nvma, 1, "above");
  cr_assert_eq(mem_map(&m, 0x7fe000, 2 * PG, RW, NULL), 0);
  cr_expect_eq(m.nvma, 1, "below");
  cr_assert_eq(mem_map(&m, 0x803000, PG, MEM_R, NULL), 0);
  cr_expect_eq(m.nvma, 2, "another protection");
  cr_assert_eq(mem_map(&m, 0x804000, PG, MEM_R, "[heap]"), 0);
  cr_expect_eq(m.nvma, 3, "anonymous and named");
  cr_assert_eq(mem_map(&m, 0x805000, PG, MEM_R, "[heap]"), 0);
  cr_expect_eq(m.nvma, 3, "the same region");
  cr_assert_eq(mem_map(&m, 0x900000, PG, MEM_R, "/bin/a"), 0);
  cr_assert_eq(mem_map(&m, 0x901000, PG, MEM_R, "/bin/a"), 0);
  cr_expect_eq(m.nvma, 5, "file mappings stay apart");
  check_vmas();

  /* a mapping between two neighbours joins all three */
  cr_assert_eq(mem_sys_munmap(&m, 0x7ff000, PG), 0);
  cr_expect_eq(m.nvma, 6);
  cr_assert_eq(mem_sys_mmap(&m, 0x7ff000, PG, RW, ANON | MAP_FIXED_), 0x7ff000);
  cr_expect_eq(m.nvma, 5);
  cr_expect_eq(m.vma[0].start, 0x7fe000);
  cr_expect_eq(m.vma[0].end, 0x803000);

  /* a protection change and its undoing leave one mapping again */
  store64(0x800008, 42);
  cr_assert_eq(mem_sys_mprotect(&m, 0x800000, 2 * PG, MEM_R), 0);
  cr_expect_eq(m.nvma, 7);
  cr_assert_eq(mem_sys_mprotect(&m, 0x800000, 2 * PG, RW), 0);
  cr_expect_eq(m.nvma, 5);
  cr_expect_eq(load64(0x800008), 42);
  check_vmas();
}

/* The heap grows as one mapping, however many brk calls grow it. */
Test(mem, the_heap_is_one_mapping) {
  m.brk_start = m.brk = 0x400000;
  for (uint64_t top = 0x401000; top <= 0x480000; top += PG)
    cr_assert_eq(mem_sys_brk(&m, top), top);
  cr_expect_eq(m.nvma, 1);
  cr_expect_str_eq(m.vma[0].name, "[heap]");
  cr_expect_eq(m.vma[0].end, 0x480000);
}

/* At most MEM_MAX_VMAS mappings (Linux's vm.max_map_count): a call that
 * would need more fails with ENOMEM and changes nothing, so that every state
 * can be captured in a snapshot and restored. */
Test(mem, the_mapping_count_is_capped, .timeout = 60) {
  const uint64_t base = 0x10000000, pages = 2 * (uint64_t)MEM_MAX_VMAS + 8;
  cr_assert_eq(mem_map(&m, base, pages * PG, RW, NULL), 0);
  uint64_t i = 0;
  int64_t r = 0;
  for (; i < pages; i += 2)
    if ((r = mem_sys_mprotect(&m, base + i * PG, PG, MEM_R)) != 0) break;
  cr_assert_eq(r, -ENOMEM, "mprotect %llu of %llu: %lld", (unsigned long long)i / 2,
               (unsigned long long)pages / 2, (long long)r);
  cr_expect_geq(m.nvma, MEM_MAX_VMAS - 1, "refused only at the limit");
  cr_expect_leq(m.nvma, MEM_MAX_VMAS);
  size_t n = m.nvma;
  /* the refused page and the rest of the mapping are unchanged */
  store64(base + i * PG, 5);
  store64(base + (pages - 1) * PG, 6);
  cr_expect_eq(mem_sys_mprotect(&m, base + (i + 1) * PG, PG, RW), 0, "no change, no split");
  cr_expect_eq(mem_sys_munmap(&m, base + (i + 2) * PG, PG), -ENOMEM);
  cr_expect_eq(load64(base + (i + 2) * PG), 0, "still mapped");
  cr_expect_eq(mem_sys_mmap(&m, 0, PG, RW, ANON), -ENOMEM);
  cr_expect_eq(m.nvma, n);
  /* unmapping whole mappings, or merging, makes room again */
  cr_expect_eq(mem_sys_munmap(&m, base, 2 * PG), 0);
  cr_expect_eq(m.nvma, n - 2);
  cr_expect_gt(mem_sys_mmap(&m, 0, PG, RW, ANON), 0);
  cr_assert_eq(mem_sys_mprotect(&m, base + 2 * PG, (pages - 2) * PG, RW), 0);
  cr_expect_leq(m.nvma, 2);
  cr_expect_eq(load64(base + i * PG), 5);
  cr_expect_eq(load64(base + (pages - 1) * PG), 6);
  check_vmas();
}

/* A store that went through the TLB must not survive a protection change. */
Test(mem, mprotect_flushes_the_write_tlb) {
  cr_assert_eq(mem_map(&m, 0x800000, PG, RW, NULL), 0);
  store64(0x800000, 1); /* fills the write TLB */
  cr_assert_eq(mem_protect(&m, 0x800000, PG, MEM_R), 0);
  for (unsigned i = 0; i < MEM_TLB_SIZE; i++) cr_expect_neq(m.wtlb.tag[i], MEM_TLB_TAG(0x800000));
}

Test(mem, mremap_grow_in_place) {
  cr_assert_eq(mem_sys_mmap(&m, 0x800000, 2 * PG, RW, ANON | MAP_FIXED_), 0x800000);
  store64(0x800000, 11);
  store64(0x801ff8, 12);
  cr_expect_eq(mem_sys_mremap(&m, 0x800000, 2 * PG, 5 * PG, 0, 0), 0x800000);
  cr_expect_eq(load64(0x800000), 11);
  cr_expect_eq(load64(0x801ff8), 12);
  cr_expect_eq(load64(0x804ff8), 0);
  store64(0x804ff8, 13);
  /* shrink */
  cr_expect_eq(mem_sys_mremap(&m, 0x800000, 5 * PG, PG, 0, 0), 0x800000);
  cr_expect(!mem_is_mapped(&m, 0x801000));
  cr_expect_eq(load64(0x800000), 11);
  check_vmas();
}

Test(mem, mremap_move) {
  cr_assert_eq(mem_sys_mmap(&m, 0x800000, 2 * PG, RW, ANON | MAP_FIXED_), 0x800000);
  cr_assert_eq(mem_sys_mmap(&m, 0x802000, PG, RW, ANON | MAP_FIXED_), 0x802000); /* blocker */
  store64(0x800000, 21);
  store64(0x801ff8, 22);
  store64(0x802000, 23);
  cr_expect_eq(mem_sys_mremap(&m, 0x800000, 2 * PG, 4 * PG, 0, 0), -ENOMEM, "cannot move");
  cr_expect_eq(load64(0x800000), 21);
  int64_t n = mem_sys_mremap(&m, 0x800000, 2 * PG, 4 * PG, MREMAP_MAYMOVE_, 0);
  cr_assert_gt(n, 0);
  cr_expect_neq(n, 0x800000);
  cr_expect_eq(n % PG, 0);
  cr_expect_eq(load64((uint64_t)n), 21);
  cr_expect_eq(load64((uint64_t)n + 0x1ff8), 22);
  cr_expect_eq(load64((uint64_t)n + 0x3ff8), 0);
  cr_expect(!mem_is_mapped(&m, 0x800000), "the old range is gone");
  cr_expect(!mem_is_mapped(&m, 0x801000));
  cr_expect_eq(load64(0x802000), 23, "the blocker is untouched");
  /* to a fixed address */
  int64_t f = mem_sys_mremap(&m, (uint64_t)n, 4 * PG, 2 * PG, MREMAP_MAYMOVE_ | MREMAP_FIXED_,
                             0x900000);
  cr_expect_eq(f, 0x900000);
  cr_expect_eq(load64(0x900000), 21);
  cr_expect_eq(load64(0x901ff8), 22);
  cr_expect(!mem_is_mapped(&m, 0x902000));
  cr_expect(!mem_is_mapped(&m, (uint64_t)n));
  check_vmas();
  /* errors */
  cr_expect_eq(mem_sys_mremap(&m, 0xa00000, PG, 2 * PG, MREMAP_MAYMOVE_, 0), -EFAULT, "unmapped");
  cr_expect_eq(mem_sys_mremap(&m, 0x900000, PG, 2 * PG, MREMAP_FIXED_, 0xa00000), -EINVAL,
               "FIXED without MAYMOVE");
  cr_expect_eq(mem_sys_mremap(&m, 0x900001, PG, 2 * PG, 0, 0), -EINVAL);
}

Test(mem, fetch_page_requires_execute) {
  cr_assert_eq(mem_map(&m, 0x10000, PG, RW, NULL), 0);
  cr_assert_eq(mem_map(&m, 0x11000, PG, MEM_R | MEM_X, NULL), 0);
  cr_assert_eq(mem_map(&m, 0x12000, PG, MEM_X, NULL), 0);
  m.fault_kind = MEM_LOAD;
  cr_expect_null(mem_fetch_page(&m, 0x10000));
  cr_expect_eq(m.fault_kind, MEM_FETCH);
  cr_expect_eq(m.fault_addr, 0x10000);
  cr_expect_null(mem_fetch_page(&m, 0x20000), "unmapped");
  cr_expect_eq(m.fault_addr, 0x20000);
  uint32_t insn = 0x00150513;
  cr_assert_eq(mem_poke(&m, 0x11000, &insn, 4), 0);
  const uint8_t *b = mem_fetch_page(&m, 0x11000);
  cr_assert(b);
  cr_expect_eq(memcmp(b, &insn, 4), 0);
  cr_expect(mem_fetch_page(&m, 0x12000), "execute-only is fetchable");
}

Test(mem, stores_to_code_pages_call_code_store) {
  m.code_store = on_code_store;
  m.code_ctx = &m;
  cr_assert_eq(mem_map(&m, 0x10000, 2 * PG, MEM_R | MEM_W | MEM_X, NULL), 0);
  uint64_t v = 1;
  /* a store before the page is code fills the write TLB ... */
  cr_assert(mem_store_slow(&m, 0x10100, &v, 8));
  cr_expect_eq(cs.calls, 0);
  cr_assert(mem_fetch_page(&m, 0x10000));
  /* ... which fetching it empties, so the interpreter's next store misses */
  for (unsigned i = 0; i < MEM_TLB_SIZE; i++) cr_expect_neq(m.wtlb.tag[i], MEM_TLB_TAG(0x10000));
  cr_assert(mem_store_slow(&m, 0x10104, &v, 4));
  cr_expect_eq(cs.calls, 1);
  cr_expect_eq(cs.last, 0x10000);
  cr_expect_eq(cs.ctx, &m);
  for (unsigned i = 0; i < MEM_TLB_SIZE; i++)
    cr_expect_neq(m.wtlb.tag[i], MEM_TLB_TAG(0x10000), "code stores stay on the slow path");
  cr_assert(mem_store_slow(&m, 0x10ff8, &v, 8));
  cr_expect_eq(cs.calls, 2, "every store invalidates");
  cr_expect_eq(mem_write(&m, 0x10200, &v, 8), 0);
  cr_expect_eq(cs.calls, 3, "system-call writes too");
  cr_expect_eq(mem_poke(&m, 0x10300, &v, 8), 0);
  cr_expect_eq(cs.calls, 4, "and the loader's");
  cr_expect_eq(cs.last, 0x10000);
  /* the other page is not code */
  cr_assert(mem_store_slow(&m, 0x11000, &v, 8));
  cr_expect_eq(cs.calls, 4);
  /* a store crossing into the code page reports that page */
  cr_assert(mem_fetch_page(&m, 0x11000));
  cr_assert(mem_store_slow(&m, 0x10ffc, &v, 8));
  cr_expect_geq(cs.calls, 6, "both pages are code");
  /* unmapping or reprotecting code invalidates it as well */
  unsigned before = cs.calls;
  cr_expect_eq(mem_protect(&m, 0x11000, PG, MEM_R | MEM_X), 0);
  cr_expect_gt(cs.calls, before);
  before = cs.calls;
  mem_unmap(&m, 0x10000, PG);
  cr_expect_gt(cs.calls, before);
  cr_expect_eq(cs.last, 0x10000);
}

Test(mem, amo_pointer) {
  cr_assert_eq(mem_map(&m, 0x10000, PG, RW, NULL), 0);
  cr_assert_eq(mem_map(&m, 0x11000, PG, MEM_R, NULL), 0);
  store64(0x10008, 99);
  uint64_t *p = mem_amo_ptr(&m, 0x10008, 8);
  cr_assert(p);
  cr_expect_eq(*p, 99);
  cr_expect_null(mem_amo_ptr(&m, 0x10004, 8));
  cr_expect_eq(m.fault_kind, MEM_MISALIGNED_AMO);
  cr_expect_eq(m.fault_addr, 0x10004);
  cr_expect(mem_amo_ptr(&m, 0x10004, 4), "4-byte aligned is fine for .w");
  cr_expect_null(mem_amo_ptr(&m, 0x11000, 4));
  cr_expect_eq(m.fault_kind, MEM_STORE);
  cr_expect_null(mem_amo_ptr(&m, 0x12000, 4));
  cr_expect_eq(m.fault_kind, MEM_LOAD);
}

/* Guest addresses are below 2^48: nothing above, and no aliasing of the
 * page-table index onto lower pages. */
Test(mem, addresses_beyond_48_bits_fail) {
  cr_assert_eq(mem_map(&m, 0x10000, PG, MEM_R | MEM_W | MEM_X, NULL), 0);
  uint64_t hi = MEM_VA_LIMIT + 0x10000, v = 0;
  cr_expect(!mem_is_mapped(&m, hi));
  cr_expect_null(mem_pte(&m, hi));
  cr_expect(!mem_load_slow(&m, hi, &v, 8));
  cr_expect_eq(m.fault_addr, hi);
  cr_expect(!mem_store_slow(&m, hi, &v, 8));
  cr_expect_null(mem_fetch_page(&m, hi));
  cr_expect_null(mem_page(&m, hi, 0));
  cr_expect_eq(mem_read(&m, hi, &v, 8), -EFAULT);
  cr_expect_eq(mem_write(&m, hi, &v, 8), -EFAULT);
  cr_expect_eq(mem_poke(&m, hi, &v, 8), -EFAULT);
  cr_expect_null(mem_amo_ptr(&m, hi, 8));
  char s[8];
  cr_expect_eq(mem_read_str(&m, hi, s, sizeof s), -EFAULT);
  uint64_t top = 0xffffffffffff0000ull | 0x10000;
  cr_expect(!mem_load_slow(&m, top, &v, 8));
  cr_expect_eq(mem_sys_mmap(&m, MEM_VA_LIMIT, PG, RW, ANON | MAP_FIXED_), -ENOMEM);
  cr_expect_eq(mem_sys_mmap(&m, MEM_VA_LIMIT - PG, 2 * PG, RW, ANON | MAP_FIXED_), -ENOMEM);
  cr_expect_eq(mem_sys_mmap(&m, MEM_VA_LIMIT - PG, PG, RW, ANON | MAP_FIXED_),
               (int64_t)(MEM_VA_LIMIT - PG));
  v = 5;
  cr_expect(mem_store_slow(&m, MEM_VA_LIMIT - 8, &v, 8));
  cr_expect(!mem_store_slow(&m, MEM_VA_LIMIT - 4, &v, 8), "crossing 2^48");
  cr_expect(!mem_load_slow(&m, MEM_VA_LIMIT - 4, &v, 8));
  cr_expect_eq(mem_sys_mprotect(&m, MEM_VA_LIMIT - PG, 2 * PG, MEM_R), -ENOMEM);
  cr_expect_neq(mem_sys_munmap(&m, MEM_VA_LIMIT, PG), 0);
}

/* Two address spaces do not share anything. */
Test(mem, independent_spaces) {
  struct mem *o = malloc(sizeof *o);
  cr_assert(o);
  mem_init(o);
  cr_assert_eq(mem_map(&m, 0x10000, PG, RW, NULL), 0);
  cr_assert_eq(mem_map(o, 0x10000, PG, RW, NULL), 0);
  store64(0x10000, 1);
  uint64_t v = 2;
  cr_assert(mem_store_slow(o, 0x10000, &v, 8));
  cr_expect_eq(load64(0x10000), 1);
  cr_assert(mem_load_slow(o, 0x10000, &v, 8));
  cr_expect_eq(v, 2);
  mem_free(o);
  free(o);
  cr_expect_eq(load64(0x10000), 1);
}

/* Shared file mappings: which file and offset each host page is, as pages
 * are unmapped and moved; attaching copies a page's bytes into the file. */
static uint8_t *file_pages(size_t n) {
  FILE *f = tmpfile();
  cr_assert(f);
  cr_assert(ftruncate(fileno(f), (off_t)(n * PG)) == 0);
  uint8_t *h = mmap(NULL, n * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fileno(f), 0);
  fclose(f); /* the mapping keeps the file */
  cr_assert(h != MAP_FAILED);
  return h;
}

Test(mem, file_mappings_are_tracked_by_host_page) {
  uint8_t *h = file_pages(4);
  uint64_t a = 0x20000000;
  cr_assert(mem_map_host(&m, a, 4 * PG, RW, h, "/f", 8 * PG) == 0);
  const struct mem_filemap *f = mem_filemap_of(&m, h + 2 * PG + 5);
  cr_assert(f && !strcmp(f->path, "/f"));
  cr_expect_eq(f->off + (uint64_t)(h + 2 * PG - f->host), 10 * PG);
  /* a store through the guest page lands in the file's page */
  uint32_t v = 0xdeadbeef;
  cr_assert(mem_write(&m, a + PG + 8, &v, 4) == 0);
  cr_expect_eq(memcmp(h + PG + 8, &v, 4), 0);
  /* moved pages keep their file; the entry lives while any page does */
  cr_assert(mem_sys_mremap(&m, a + 2 * PG, 2 * PG, 2 * PG, MREMAP_MAYMOVE_ | MREMAP_FIXED_,
                           0x30000000) == 0x30000000);
  cr_assert(mem_read(&m, a + PG + 8, &v, 4) == 0 && v == 0xdeadbeef);
  mem_unmap(&m, a, 2 * PG);
  cr_expect(mem_filemap_of(&m, h + 3 * PG) != NULL, "two pages are still mapped");
  mem_unmap(&m, 0x30000000, 2 * PG);
  cr_expect_eq(m.nfmap, 0, "the last page took the entry with it");
}

Test(mem, attach_writes_the_pages_into_the_file) {
  uint64_t a = 0x20000000;
  cr_assert(mem_map(&m, a, 2 * PG, RW, "/g") == 0);
  cr_assert(mem_poke(&m, a + 100, "captured", 8) == 0); /* page 1 never touched */
  uint8_t *h = file_pages(2);
  memset(h, 0x55, 2 * PG);
  cr_assert(mem_attach_host(&m, a, 2 * PG, h, "/g", 0) == 0);
  cr_expect_eq(memcmp(h + 100, "captured", 8), 0);
  cr_expect_eq(h[0], 0, "the page's zeros too");
  cr_expect_eq(h[PG + 7], 0, "an untouched page is zeros");
  char b[8];
  memcpy(h + PG, "from file", 9); /* and the file shows through */
  cr_assert(mem_read(&m, a + PG, b, 8) == 0);
  cr_expect_eq(memcmp(b, "from fil", 8), 0);
  cr_expect_eq(mem_attach_host(&m, a, PG, h, "/g", 0), -EINVAL, "already attached");
  cr_expect_eq(m.nvma, 1, "the memory map is unchanged");
}

/* Guest pages below MEM_ARENA_LIMIT live at arena + address, which is what
 * lets a TLB hit skip reading a translation; pages above it live elsewhere
 * and never enter the TLB. */
Test(mem, arena_holds_the_low_pages) {
  cr_assert_not_null(m.arena, "the test host must allow the reservation");
  const uint64_t lo = 0x800000, hi = MEM_ARENA_LIMIT + 0x10000;
  cr_assert_eq(mem_map(&m, lo, PG, RW, NULL), 0);
  cr_assert_eq(mem_map(&m, hi, PG, RW, NULL), 0);
  store64(lo + 8, 0x1234);
  store64(hi + 8, 0x5678);
  cr_expect_eq(mem_page(&m, lo, MEM_R), m.arena + lo);
  uint64_t v;
  memcpy(&v, m.arena + lo + 8, 8);
  cr_expect_eq(v, 0x1234, "the store went to arena + address");
  cr_expect(!mem_in_arena(&m, mem_page(&m, hi, MEM_R)), "above the limit: another host page");
  cr_expect_eq(load64(lo + 8), 0x1234);
  cr_expect_eq(load64(hi + 8), 0x5678);
  unsigned il = MEM_TLB_INDEX(lo), ih = MEM_TLB_INDEX(hi);
  cr_expect_eq(m.rtlb.tag[il], MEM_TLB_TAG(lo), "a low page enters the TLB");
  cr_expect_eq(m.wtlb.tag[il], MEM_TLB_TAG(lo));
  cr_expect_neq(m.rtlb.tag[ih], MEM_TLB_TAG(hi), "a high page does not");
  cr_expect_neq(m.wtlb.tag[ih], MEM_TLB_TAG(hi));
  /* unmapping zeroes the arena there */
  cr_assert_eq(mem_unmap(&m, lo, PG), 0);
  memcpy(&v, m.arena + lo + 8, 8);
  cr_expect_eq(v, 0);
  /* a range of many touched pages is zeroed too (by madvise, not memset) */
  cr_assert_eq(mem_map(&m, lo, 64 * PG, RW, NULL), 0);
  for (uint64_t a = lo; a < lo + 64 * PG; a += PG) store64(a + 16, a);
  cr_assert_eq(mem_unmap(&m, lo, 64 * PG), 0);
  for (uint64_t a = lo; a < lo + 64 * PG; a += PG) {
    memcpy(&v, m.arena + a + 16, 8);
    cr_expect_eq(v, 0, "page 0x%llx", (unsigned long long)a);
  }
  check_vmas();
}

/* mremap copies pages to the host page of their new address, across the
 * arena's limit both ways, and the old place reads zero when mapped again. */
Test(mem, mremap_across_the_arena_limit) {
  const uint64_t a = 0x800000, b = MEM_ARENA_LIMIT + 0x100000, c = 0x900000;
  cr_assert_eq(mem_map(&m, a, 2 * PG, RW, NULL), 0);
  store64(a, 31);
  store64(a + PG + 8, 32);
  cr_assert_eq(mem_sys_mremap(&m, a, 2 * PG, 2 * PG, MREMAP_MAYMOVE_ | MREMAP_FIXED_, b), (int64_t)b);
  cr_expect_eq(load64(b), 31);
  cr_expect_eq(load64(b + PG + 8), 32);
  cr_assert_eq(mem_sys_mremap(&m, b, 2 * PG, 2 * PG, MREMAP_MAYMOVE_ | MREMAP_FIXED_, c), (int64_t)c);
  cr_expect_eq(load64(c), 31);
  cr_expect_eq(load64(c + PG + 8), 32);
  cr_expect_eq(mem_page(&m, c, MEM_R), m.arena + c);
  cr_assert_eq(mem_map(&m, a, 2 * PG, RW, NULL), 0);
  cr_expect_eq(load64(a), 0, "the old place reads zero");
  cr_expect_eq(load64(a + PG + 8), 0);
  check_vmas();
}
