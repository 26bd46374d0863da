/* The ELF loader: what it refuses (and says why), and what it maps.
 *
 * UNIT_STATIC_ELF and UNIT_DYNAMIC_ELF name riscv64 programs built from
 * guest_min.c by tests/unit/CMakeLists.txt (static with -static, dynamic
 * without).  Broken variants are made by patching copies; expected values
 * are read from the files with <elf.h>, not through the loader. */
#include <criterion/criterion.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory/loader.h"
#include "memory/mem.h"

#ifndef UNIT_STATIC_ELF
#error "define UNIT_STATIC_ELF (path of a static riscv64 program)"
#endif
#ifndef UNIT_DYNAMIC_ELF
#error "define UNIT_DYNAMIC_ELF (path of a dynamically linked riscv64 program)"
#endif

static struct mem m;
static char dir[64];
static char err[512];
static struct elf_info info;

static void setup(void) {
  mem_init(&m);
  snprintf(dir, sizeof dir, "/tmp/amanatsu-loader-XXXXXX");
  cr_assert(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
  memset(err, 0, sizeof err);
  memset(&info, 0, sizeof info);
}

static void teardown(void) {
  mem_free(&m);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

TestSuite(loader, .init = setup, .fini = teardown);

static uint8_t *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  cr_assert(f, "%s: %s (build the unit-test guests first)", path, strerror(errno));
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *b = malloc((size_t)n + 1);
  cr_assert(b);
  cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *size = (size_t)n;
  return b;
}

static const char *spit(const char *name, const void *bytes, size_t n) {
  static char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  cr_assert(f);
  cr_assert_eq(fwrite(bytes, 1, n, f), n);
  fclose(f);
  return path;
}

/* Expect a refusal: status, and a message naming the file and saying why. */
static void refused(const char *path, enum load_status want, const char *why) {
  enum load_status st = loader_load(&m, path, &info, err, sizeof err);
  cr_expect_eq(st, want, "%s: status %d, expected %d (%s)", path, st, want, err);
  cr_expect(strstr(err, path), "message names the file: \"%s\"", err);
  cr_expect(strstr(err, why), "message says \"%s\": \"%s\"", why, err);
}

Test(loader, missing_file) {
  char path[128];
  snprintf(path, sizeof path, "%s/no-such-program", dir);
  refused(path, LOAD_NOT_FOUND, "No such file or directory");
}

Test(loader, unreadable_file) {
  if (geteuid() == 0) return; /* root reads everything: nothing to test */
  const char *path = spit("secret", "\177ELF", 4);
  chmod(path, 0);
  refused(path, LOAD_NOT_FOUND, "Permission denied");
}

Test(loader, directory) { refused(dir, LOAD_INVALID, "is a directory"); }

Test(loader, not_a_regular_file) { refused("/dev/null", LOAD_INVALID, "not a regular file"); }

Test(loader, empty_file) { refused(spit("empty", "", 0), LOAD_INVALID, "not an ELF file"); }

Test(loader, text_file) {
  const char *text = "#!/bin/sh\necho hello\n";
  refused(spit("script.sh", text, strlen(text)), LOAD_INVALID, "not an ELF file");
}

Test(loader, host_program) {
  /* whatever the host is, it is not RISC-V (and /bin/true may be dynamic) */
  enum load_status st = loader_load(&m, "/bin/true", &info, err, sizeof err);
  cr_expect_eq(st, LOAD_INVALID, "%s", err);
  cr_expect(strstr(err, "/bin/true"), "%s", err);
}

static uint8_t *static_copy(size_t *n) { return slurp(UNIT_STATIC_ELF, n); }

Test(loader, x86_64_program) {
  size_t n;
  uint8_t *b = static_copy(&n);
  ((Elf64_Ehdr *)b)->e_machine = EM_X86_64;
  refused(spit("x86", b, n), LOAD_INVALID, "not a RISC-V program (ELF machine 62)");
  free(b);
}

Test(loader, elf32) {
  size_t n;
  uint8_t *b = static_copy(&n);
  b[EI_CLASS] = ELFCLASS32;
  refused(spit("elf32", b, n), LOAD_INVALID, "not a 64-bit ELF file");
  free(b);
}

Test(loader, big_endian) {
  size_t n;
  uint8_t *b = static_copy(&n);
  b[EI_DATA] = ELFDATA2MSB;
  refused(spit("be", b, n), LOAD_INVALID, "big-endian");
  free(b);
}

Test(loader, not_an_executable) {
  size_t n;
  uint8_t *b = static_copy(&n);
  ((Elf64_Ehdr *)b)->e_type = ET_REL;
  refused(spit("rel", b, n), LOAD_INVALID, "not an executable");
  ((Elf64_Ehdr *)b)->e_type = ET_CORE;
  refused(spit("core", b, n), LOAD_INVALID, "not an executable");
  free(b);
}

Test(loader, truncated) {
  size_t n;
  uint8_t *b = static_copy(&n);
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
  /* within the identification bytes, within the header, in the program
   * headers, and in the middle of the segments */
  size_t cuts[] = {4, 20, sizeof(Elf64_Ehdr) - 1, sizeof(Elf64_Ehdr),
                   eh->e_phoff + eh->e_phentsize, n / 2};
  for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
    char name[32];
    snprintf(name, sizeof name, "cut%zu", cuts[i]);
    const char *path = spit(name, b, cuts[i]);
    mem_free(&m);
    mem_init(&m);
    memset(err, 0, sizeof err);
    enum load_status st = loader_load(&m, path, &info, err, sizeof err);
    cr_expect_eq(st, LOAD_INVALID, "cut at %zu of %zu: status %d (%s)", cuts[i], n, st, err);
    cr_expect(strstr(err, path), "cut at %zu: \"%s\"", cuts[i], err);
  }
  free(b);
}

Test(loader, truncated_segment_message) {
  size_t n;
  uint8_t *b = static_copy(&n);
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)(b + eh->e_phoff);
  size_t cut = 0;
  for (unsigned i = 0; i < eh->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD && ph[i].p_filesz > 16) cut = ph[i].p_offset + ph[i].p_filesz - 8;
  cr_assert(cut > eh->e_phoff + (size_t)eh->e_phnum * eh->e_phentsize);
  refused(spit("cutseg", b, cut), LOAD_INVALID, "outside the file");
  free(b);
}

Test(loader, dynamically_linked) {
  refused(UNIT_DYNAMIC_ELF, LOAD_INVALID, "dynamically linked");
  cr_expect(strstr(err, "-static"), "suggests the fix: %s", err);
}

static Elf64_Phdr *first_load(uint8_t *b) {
  Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
  Elf64_Phdr *ph = (Elf64_Phdr *)(b + eh->e_phoff);
  for (unsigned i = 0; i < eh->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD) return &ph[i];
  cr_assert_fail("no PT_LOAD");
  return NULL;
}

Test(loader, segments_outside_the_address_space) {
  size_t n;
  uint8_t *b = static_copy(&n);
  Elf64_Phdr *ph = first_load(b);
  uint64_t orig = ph->p_vaddr;
  static const uint64_t bad[] = {
      0,                                /* the null page */
      0x1ull << 48,                     /* beyond 48 bits */
      LOADER_MMAP_BASE,                 /* where mmap and the stack live */
      LOADER_STACK_TOP,
      0x8000000000000000ull,
      UINT64_MAX & ~0xfffull,           /* wraps around */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ph->p_vaddr = bad[i] + (orig & 0xfff);
    char name[32];
    snprintf(name, sizeof name, "va%zu", i);
    mem_free(&m);
    mem_init(&m);
    refused(spit(name, b, n), LOAD_INVALID, "outside the guest address space");
  }
  free(b);
}

Test(loader, entry_outside_code) {
  size_t n;
  uint8_t *b = static_copy(&n);
  ((Elf64_Ehdr *)b)->e_entry = 0x5000000000ull;
  refused(spit("entry", b, n), LOAD_INVALID, "entry point");
  free(b);
}

Test(loader, no_loadable_segments) {
  size_t n;
  uint8_t *b = static_copy(&n);
  Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
  Elf64_Phdr *ph = (Elf64_Phdr *)(b + eh->e_phoff);
  for (unsigned i = 0; i < eh->e_phnum; i++)
    if (ph[i].p_type == PT_LOAD) ph[i].p_type = PT_NOTE;
  refused(spit("noload", b, n), LOAD_INVALID, "no loadable segments");
  free(b);
}

/* Every PT_LOAD is in guest memory with its file bytes, zeros after them,
 * and the permissions its flags ask for. */
static void check_segments(const uint8_t *b, uint64_t bias) {
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)(b + eh->e_phoff);
  uint64_t end = 0;
  unsigned nload = 0;
  for (unsigned i = 0; i < eh->e_phnum; i++) {
    if (ph[i].p_type != PT_LOAD) continue;
    nload++;
    uint64_t va = ph[i].p_vaddr + bias;
    uint8_t *got = malloc(ph[i].p_memsz);
    cr_assert(got);
    /* mem_read needs R, which every segment of a normal program has */
    cr_assert_eq(mem_read(&m, va, got, ph[i].p_memsz), 0, "segment %u at 0x%llx", i,
                 (unsigned long long)va);
    cr_expect_eq(memcmp(got, b + ph[i].p_offset, ph[i].p_filesz), 0, "segment %u contents", i);
    for (uint64_t k = ph[i].p_filesz; k < ph[i].p_memsz; k++)
      if (got[k]) {
        cr_expect_fail("segment %u: byte %llu beyond the file part is not zero", i,
                       (unsigned long long)k);
        break;
      }
    free(got);
    for (uint64_t a = va & ~0xfffull; a < va + ph[i].p_memsz; a += 4096) {
      struct mem_pte *p = mem_pte(&m, a);
      cr_assert(p, "0x%llx mapped", (unsigned long long)a);
      if (ph[i].p_flags & PF_R) cr_expect(p->prot & MEM_R);
      if (ph[i].p_flags & PF_W) cr_expect(p->prot & MEM_W);
      if (ph[i].p_flags & PF_X) cr_expect(p->prot & MEM_X);
    }
    uint64_t lo_page = va & ~0xfffull;
    /* a page not shared with another segment has exactly these rights */
    bool shared = false;
    for (unsigned j = 0; j < eh->e_phnum; j++)
      if (j != i && ph[j].p_type == PT_LOAD &&
          ((ph[j].p_vaddr + bias + ph[j].p_memsz - 1) & ~0xfffull) == lo_page)
        shared = true;
    if (!shared) {
      int want = ((ph[i].p_flags & PF_R) ? MEM_R : 0) | ((ph[i].p_flags & PF_W) ? MEM_W : 0) |
                 ((ph[i].p_flags & PF_X) ? MEM_X : 0);
      cr_expect_eq(mem_pte(&m, lo_page)->prot, want, "segment %u prot", i);
    }
    if (va + ph[i].p_memsz > end) end = va + ph[i].p_memsz;
  }
  cr_expect_geq(nload, 1);
  cr_expect_eq(m.brk_start, (end + 4095) & ~4095ull, "the heap starts after the last segment");
  cr_expect_eq(m.brk, m.brk_start);
  cr_expect_eq(m.mmap_base, LOADER_MMAP_BASE);
}

Test(loader, static_program) {
  size_t n;
  uint8_t *b = static_copy(&n);
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
  cr_assert_eq(eh->e_machine, EM_RISCV);
  cr_assert_eq(eh->e_type, ET_EXEC);
  enum load_status st = loader_load(&m, UNIT_STATIC_ELF, &info, err, sizeof err);
  cr_assert_eq(st, LOAD_OK, "%s", err);
  cr_expect_eq(info.entry, eh->e_entry);
  cr_expect_eq(info.bias, 0);
  cr_expect_eq(info.phnum, eh->e_phnum);
  cr_expect_eq(info.phent, sizeof(Elf64_Phdr));
  /* AT_PHDR: the program headers are visible in guest memory there */
  Elf64_Phdr first;
  cr_assert_eq(mem_read(&m, info.phdr, &first, sizeof first), 0);
  cr_expect_eq(memcmp(&first, b + eh->e_phoff, sizeof first), 0);
  struct mem_pte *pe = mem_pte(&m, info.entry);
  cr_assert(pe);
  cr_expect(pe->prot & MEM_X);
  cr_expect(mem_fetch_page(&m, info.entry & ~0xfffull));
  check_segments(b, 0);
  free(b);
}

/* ET_DYN without an interpreter (static-pie) loads at LOADER_PIE_BASE. */
Test(loader, position_independent_program_is_biased) {
  size_t n;
  uint8_t *b = static_copy(&n);
  Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
  eh->e_type = ET_DYN;
  enum load_status st = loader_load(&m, spit("pie", b, n), &info, err, sizeof err);
  cr_assert_eq(st, LOAD_OK, "%s", err);
  cr_expect_eq(info.bias, LOADER_PIE_BASE);
  cr_expect_eq(info.entry, eh->e_entry + LOADER_PIE_BASE);
  check_segments(b, LOADER_PIE_BASE);
  free(b);
}

Test(loader, initial_stack) {
  cr_assert_eq(loader_load(&m, UNIT_STATIC_ELF, &info, err, sizeof err), LOAD_OK, "%s", err);
  char *argv[] = {"prog", "one", "", "three", NULL};
  char *envp[] = {"A=1", "PATH=/bin", NULL};
  uint8_t rnd[16];
  for (int i = 0; i < 16; i++) rnd[i] = (uint8_t)(i * 17 + 3);
  uint64_t sp = loader_stack(&m, &info, 4, argv, envp, "/x/prog", rnd, err, sizeof err);
  cr_assert_neq(sp, 0, "%s", err);
  cr_expect_eq(sp % 16, 0, "the ABI wants sp 16-byte aligned");
  cr_expect_lt(sp, LOADER_STACK_TOP);
  cr_expect_gt(sp, LOADER_STACK_TOP - LOADER_STACK_SIZE);
  uint64_t w[64] = {0};
  size_t nw = (LOADER_STACK_TOP - sp) / 8 < 64 ? (LOADER_STACK_TOP - sp) / 8 : 64;
  cr_assert_eq(mem_read(&m, sp, w, nw * 8), 0);
  cr_expect_eq(w[0], 4, "argc");
  char s[64];
  for (int i = 0; i < 4; i++) {
    cr_assert_geq(mem_read_str(&m, w[1 + i], s, sizeof s), 0);
    cr_expect_str_eq(s, argv[i]);
  }
  cr_expect_eq(w[5], 0, "argv ends");
  cr_assert_geq(mem_read_str(&m, w[6], s, sizeof s), 0);
  cr_expect_str_eq(s, "A=1");
  cr_assert_geq(mem_read_str(&m, w[7], s, sizeof s), 0);
  cr_expect_str_eq(s, "PATH=/bin");
  cr_expect_eq(w[8], 0, "envp ends");
  /* auxv: pairs until AT_NULL */
  uint64_t entry = 0, pagesz = 0, random_at = 0, phdr = 0, phnum = 0, execfn = 0;
  bool end = false;
  for (unsigned k = 9; k + 1 < nw; k += 2) {
    if (w[k] == AT_NULL) {
      end = true;
      break;
    }
    if (w[k] == AT_ENTRY) entry = w[k + 1];
    if (w[k] == AT_PAGESZ) pagesz = w[k + 1];
    if (w[k] == AT_RANDOM) random_at = w[k + 1];
    if (w[k] == AT_PHDR) phdr = w[k + 1];
    if (w[k] == AT_PHNUM) phnum = w[k + 1];
    if (w[k] == AT_EXECFN) execfn = w[k + 1];
  }
  cr_expect(end, "AT_NULL ends the auxiliary vector");
  cr_expect_eq(entry, info.entry);
  cr_expect_eq(pagesz, 4096);
  cr_expect_eq(phdr, info.phdr);
  cr_expect_eq(phnum, info.phnum);
  uint8_t back[16];
  cr_assert_eq(mem_read(&m, random_at, back, 16), 0);
  cr_expect_arr_eq(back, rnd, 16);
  cr_assert_geq(mem_read_str(&m, execfn, s, sizeof s), 0);
  cr_expect_str_eq(s, "/x/prog");
}

/* Two programs loaded into two address spaces do not interfere. */
Test(loader, two_address_spaces) {
  struct mem *o = malloc(sizeof *o);
  cr_assert(o);
  mem_init(o);
  struct elf_info i2;
  cr_assert_eq(loader_load(&m, UNIT_STATIC_ELF, &info, err, sizeof err), LOAD_OK, "%s", err);
  cr_assert_eq(loader_load(o, UNIT_STATIC_ELF, &i2, err, sizeof err), LOAD_OK, "%s", err);
  cr_expect_eq(info.entry, i2.entry);
  uint32_t a, z = 0;
  cr_assert_eq(mem_read(&m, info.entry, &a, 4), 0);
  cr_assert_eq(mem_poke(o, i2.entry, &z, 4), 0);
  uint32_t again;
  cr_assert_eq(mem_read(&m, info.entry, &again, 4), 0);
  cr_expect_eq(again, a);
  mem_free(o);
  free(o);
}
