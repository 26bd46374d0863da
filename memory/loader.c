/* ELF loading with libelf, and the initial stack (System V ABI and Linux's
 * fs/binfmt_elf.c create_elf_tables: argc, argv, envp, auxv). */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_DOWN(a) ((a) & ~(uint64_t)(MEM_PAGE - 1))
#define PAGE_UP(a) PAGE_DOWN((a) + MEM_PAGE - 1)

const struct loader_layout loader_default_layout = {LOADER_STACK_TOP, LOADER_MMAP_BASE,
                                                    LOADER_PIE_BASE};
const struct loader_layout loader_low_layout = {0x80000000ull, 0x80000000ull - LOADER_STACK_SIZE -
                                                                   (16ull << 20),
                                                0x40000000ull};

static enum load_status fail(enum load_status st, char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return st;
}

static int seg_prot(uint32_t pf) {
  return ((pf & PF_R) ? MEM_R : 0) | ((pf & PF_W) ? MEM_W : 0) | ((pf & PF_X) ? MEM_X : 0);
}

static enum load_status load_segments(struct mem *m, Elf *e, const char *image, size_t size,
                                      const char *path, struct elf_info *info,
                                      const struct loader_layout *lay, char *err, size_t errlen) {
  GElf_Ehdr eh;
  if (!gelf_getehdr(e, &eh)) return fail(LOAD_INVALID, err, errlen, "%s: truncated ELF header", path);
  if (eh.e_machine != EM_RISCV)
    return fail(LOAD_INVALID, err, errlen, "%s: not a RISC-V program (ELF machine %u)", path,
                eh.e_machine);
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
    return fail(LOAD_INVALID, err, errlen, "%s: not an executable (ELF type %u)", path, eh.e_type);
  if (eh.e_phentsize != sizeof(Elf64_Phdr))
    return fail(LOAD_INVALID, err, errlen, "%s: inconsistent program header size %u", path,
                eh.e_phentsize);
  size_t phnum;
  if (elf_getphdrnum(e, &phnum) != 0 || phnum == 0 ||
      eh.e_phoff > size || phnum * sizeof(Elf64_Phdr) > size - eh.e_phoff)
    return fail(LOAD_INVALID, err, errlen, "%s: truncated or missing program headers", path);

  uint64_t bias = eh.e_type == ET_DYN ? lay->pie_base : 0;
  uint64_t brk = 0, phdr = 0, prev_end = 0;
  int nload = 0;
  for (size_t i = 0; i < phnum; i++) {
    GElf_Phdr ph;
    if (!gelf_getphdr(e, (int)i, &ph))
      return fail(LOAD_INVALID, err, errlen, "%s: unreadable program header %zu", path, i);
    if (ph.p_type == PT_INTERP)
      return fail(LOAD_INVALID, err, errlen,
                  "%s: dynamically linked (has an interpreter); Amanatsu runs only statically "
                  "linked programs (link with -static)",
                  path);
    if (ph.p_type == PT_PHDR) phdr = ph.p_vaddr + bias;
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    uint64_t va = ph.p_vaddr + bias, end = va + ph.p_memsz;
    if (ph.p_filesz > ph.p_memsz || ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
      return fail(LOAD_INVALID, err, errlen, "%s: segment %zu lies outside the file (truncated?)",
                  path, i);
    if (end < va || va < 0x1000 || end > lay->mmap_base)
      return fail(LOAD_INVALID, err, errlen,
                  "%s: segment %zu at 0x%llx-0x%llx is outside the guest address space", path, i,
                  (unsigned long long)va, (unsigned long long)end);
    if (ph.p_align > 1 && (ph.p_vaddr - ph.p_offset) % ph.p_align % MEM_PAGE)
      return fail(LOAD_INVALID, err, errlen, "%s: segment %zu is misaligned", path, i);
    if (va < prev_end)
      return fail(LOAD_INVALID, err, errlen, "%s: segment %zu overlaps the previous one", path, i);
    prev_end = end;

    int prot = seg_prot(ph.p_flags);
    uint64_t start = PAGE_DOWN(va), stop = PAGE_UP(end);
    if (mem_is_mapped(m, start)) { /* the previous segment ends in this page */
      mem_protect(m, start, MEM_PAGE, mem_pte(m, start)->prot | prot);
      start += MEM_PAGE;
    }
    if (start < stop && mem_map(m, start, stop - start, prot, path) < 0)
      return fail(LOAD_NOMEM, err, errlen, "%s: out of memory mapping segment %zu", path, i);
    if (mem_poke(m, va, image + ph.p_offset, ph.p_filesz) < 0)
      return fail(LOAD_NOMEM, err, errlen, "%s: cannot fill segment %zu", path, i);
    if (!phdr && eh.e_phoff >= ph.p_offset && eh.e_phoff < ph.p_offset + ph.p_filesz)
      phdr = va + (eh.e_phoff - ph.p_offset);
    if (end > brk) brk = end;
    nload++;
  }
  if (!nload) return fail(LOAD_INVALID, err, errlen, "%s: no loadable segments", path);
  uint64_t entry = eh.e_entry + bias;
  struct mem_pte *pe = mem_pte(m, entry);
  if (!pe || !(pe->prot & MEM_X))
    return fail(LOAD_INVALID, err, errlen, "%s: entry point 0x%llx is not in an executable segment",
                path, (unsigned long long)entry);
  info->entry = entry;
  info->phdr = phdr;
  info->phent = sizeof(Elf64_Phdr);
  info->phnum = phnum;
  info->bias = bias;
  m->brk_start = m->brk = PAGE_UP(brk);
  m->mmap_base = lay->mmap_base;
  return LOAD_OK;
}

enum load_status loader_load(struct mem *m, const char *path, struct elf_info *info, char *err,
                             size_t errlen) {
  return loader_load_at(m, path, info, &loader_default_layout, err, errlen);
}

enum load_status loader_load_at(struct mem *m, const char *path, struct elf_info *info,
                                const struct loader_layout *lay, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) != 0)
    return fail(LOAD_NOT_FOUND, err, errlen, "%s: %s", path, strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail(LOAD_INVALID, err, errlen, "%s: is a directory", path);
  if (!S_ISREG(st.st_mode)) return fail(LOAD_INVALID, err, errlen, "%s: not a regular file", path);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(LOAD_NOT_FOUND, err, errlen, "%s: %s", path, strerror(errno));
  if (elf_version(EV_CURRENT) == EV_NONE) {
    close(fd);
    return fail(LOAD_INVALID, err, errlen, "libelf: %s", elf_errmsg(-1));
  }
  enum load_status r;
  Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
  size_t size = 0;
  const char *image = e ? elf_rawfile(e, &size) : NULL;
  if (!e || elf_kind(e) != ELF_K_ELF || !image) {
    r = fail(LOAD_INVALID, err, errlen, "%s: not an ELF file", path);
  } else if (gelf_getclass(e) != ELFCLASS64) {
    r = fail(LOAD_INVALID, err, errlen, "%s: not a 64-bit ELF file (Amanatsu runs RV64 programs)",
             path);
  } else if (size < sizeof(Elf64_Ehdr)) {
    r = fail(LOAD_INVALID, err, errlen, "%s: truncated ELF header", path);
  } else if (((const unsigned char *)image)[EI_DATA] != ELFDATA2LSB) {
    r = fail(LOAD_INVALID, err, errlen, "%s: big-endian ELF file", path);
  } else {
    r = load_segments(m, e, image, size, path, info, lay, err, errlen);
  }
  if (e) elf_end(e);
  close(fd);
  return r;
}

/* One bit per single-letter extension, 'a' = bit 0, as Linux reports them. */
#define HWCAP_RV64GC ((1u << ('i' - 'a')) | (1u << ('m' - 'a')) | (1u << ('a' - 'a')) | \
                      (1u << ('f' - 'a')) | (1u << ('d' - 'a')) | (1u << ('c' - 'a')))

uint64_t loader_stack(struct mem *m, const struct elf_info *info, int argc, char *const *argv,
                      char *const *envp, const char *execfn, const uint8_t random[16], char *err,
                      size_t errlen) {
  return loader_stack_at(m, info, argc, argv, envp, execfn, random, &loader_default_layout, err,
                         errlen);
}

uint64_t loader_stack_at(struct mem *m, const struct elf_info *info, int argc, char *const *argv,
                         char *const *envp, const char *execfn, const uint8_t random[16],
                         const struct loader_layout *lay, char *err, size_t errlen) {
  uint64_t top = lay->stack_top, lo = top - LOADER_STACK_SIZE;
  if (mem_map(m, lo, LOADER_STACK_SIZE, MEM_R | MEM_W, "[stack]") < 0) {
    snprintf(err, errlen, "cannot map the stack");
    return 0;
  }
  int envc = 0;
  while (envp[envc]) envc++;
  uint64_t pos = top - 16;
  uint64_t *ptrs = calloc((size_t)argc + (size_t)envc + 2, sizeof *ptrs);
  if (!ptrs) {
    snprintf(err, errlen, "out of memory");
    return 0;
  }
#define PUSH_BYTES(src, n) (pos -= (n), mem_poke(m, pos, (src), (n)) == 0)
  bool ok = PUSH_BYTES(execfn, strlen(execfn) + 1);
  uint64_t execfn_at = pos;
  for (int i = envc - 1; ok && i >= 0; i--) {
    ok = PUSH_BYTES(envp[i], strlen(envp[i]) + 1);
    ptrs[argc + 1 + i] = pos;
  }
  for (int i = argc - 1; ok && i >= 0; i--) {
    ok = PUSH_BYTES(argv[i], strlen(argv[i]) + 1);
    ptrs[i] = pos;
  }
  pos &= ~(uint64_t)15;
  ok = ok && PUSH_BYTES(random, 16);
  uint64_t random_at = pos;

  uint64_t aux[][2] = {
      {AT_PHDR, info->phdr},   {AT_PHENT, info->phent}, {AT_PHNUM, info->phnum},
      {AT_PAGESZ, MEM_PAGE},   {AT_BASE, 0},            {AT_FLAGS, 0},
      {AT_ENTRY, info->entry}, {AT_UID, getuid()},      {AT_EUID, geteuid()},
      {AT_GID, getgid()},      {AT_EGID, getegid()},    {AT_HWCAP, HWCAP_RV64GC},
      {AT_CLKTCK, 100},        {AT_SECURE, 0},          {AT_RANDOM, random_at},
      {AT_EXECFN, execfn_at},  {AT_NULL, 0},
  };
  size_t nwords = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * (sizeof aux / sizeof aux[0]);
  uint64_t sp = (pos - nwords * 8) & ~(uint64_t)15;
  if (sp < lo + MEM_PAGE) {
    free(ptrs);
    snprintf(err, errlen, "arguments and environment do not fit in the %llu-byte stack",
             (unsigned long long)LOADER_STACK_SIZE);
    return 0;
  }
  uint64_t at = sp, argc64 = (uint64_t)argc, zero = 0;
  ok = ok && mem_poke(m, at, &argc64, 8) == 0;
  at += 8;
  for (int i = 0; ok && i < argc; i++, at += 8) ok = mem_poke(m, at, &ptrs[i], 8) == 0;
  ok = ok && mem_poke(m, at, &zero, 8) == 0;
  at += 8;
  for (int i = 0; ok && i < envc; i++, at += 8) ok = mem_poke(m, at, &ptrs[argc + 1 + i], 8) == 0;
  ok = ok && mem_poke(m, at, &zero, 8) == 0;
  at += 8;
  ok = ok && mem_poke(m, at, aux, sizeof aux) == 0;
  free(ptrs);
#undef PUSH_BYTES
  if (!ok) {
    snprintf(err, errlen, "cannot build the initial stack");
    return 0;
  }
  return sp;
}
