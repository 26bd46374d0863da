/* ELF loading (libelf) and the initial process stack, as the Linux kernel
 * builds them for a static riscv64 program. */
#ifndef AMANATSU_LOADER_H
#define AMANATSU_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* Guest address-space layout (an Sv39 user space, as most RISC-V Linux
 * systems run). */
#define LOADER_STACK_TOP 0x4000000000ull
#define LOADER_STACK_SIZE (8ull << 20) /* RLIMIT_STACK's usual default */
#define LOADER_MMAP_BASE (LOADER_STACK_TOP - LOADER_STACK_SIZE - (128ull << 20))
#define LOADER_PIE_BASE 0x2aaaaab000ull

/* Where the stack, the mmap area and a static-pie program go.  The low
 * layout keeps everything below 2 GiB, for Nebula's 4 GiB models. */
struct loader_layout {
  uint64_t stack_top, mmap_base, pie_base;
};
extern const struct loader_layout loader_default_layout, loader_low_layout;

struct elf_info {
  uint64_t entry;
  uint64_t phdr, phent, phnum;
  uint64_t bias; /* load address of an ET_DYN (static-pie) program; 0 otherwise */
};

/* Why a program was refused; the front end maps these to exit statuses. */
enum load_status {
  LOAD_OK = 0,
  LOAD_NOT_FOUND, /* cannot open: missing or unreadable */
  LOAD_INVALID,   /* not an ELF file Amanatsu can run (message says why) */
  LOAD_NOMEM,
};

enum load_status loader_load(struct mem *m, const char *path, struct elf_info *info, char *err,
                             size_t errlen);
enum load_status loader_load_at(struct mem *m, const char *path, struct elf_info *info,
                                const struct loader_layout *lay, char *err, size_t errlen);

/* Build argc, argv, envp and auxv on a fresh stack; returns the initial sp,
 * or 0 with err set. */
uint64_t loader_stack(struct mem *m, const struct elf_info *info, int argc, char *const *argv,
                      char *const *envp, const char *execfn, const uint8_t random[16], char *err,
                      size_t errlen);
uint64_t loader_stack_at(struct mem *m, const struct elf_info *info, int argc, char *const *argv,
                         char *const *envp, const char *execfn, const uint8_t random[16],
                         const struct loader_layout *lay, char *err, size_t errlen);

#endif
