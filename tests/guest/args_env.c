/* argv, envp and the auxiliary vector.  Only portable facts are printed:
   argument strings, argv[0]'s basename, one chosen environment variable, and
   yes/no checks on the auxv entries (never addresses). */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern const ElfW(Ehdr) __ehdr_start;
extern char _start[];

static const char *yes(int c) { return c ? "yes" : "no"; }

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

int main(int argc, char **argv, char **envp) {
  printf("argc=%d\n", argc);
  printf("argv[0] basename=%s\n", argv[0] ? strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0] : "(null)");
  for (int i = 1; i < argc; i++) printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is NULL: %s\n", yes(argv[argc] == NULL));
  printf("envp follows argv: %s\n", yes(envp == argv + argc + 1));
  printf("environ == envp: %s\n", yes(environ == envp));

  const char *v = getenv("AMANATSU_TEST_VAR");
  printf("AMANATSU_TEST_VAR=%s\n", v ? v : "(unset)");
  printf("AMANATSU_SURELY_UNSET is unset: %s\n", yes(getenv("AMANATSU_SURELY_UNSET") == NULL));
  int found = 0;
  for (char **e = envp; *e; e++)
    if (strncmp(*e, "AMANATSU_TEST_VAR=", 18) == 0) found++;
  printf("AMANATSU_TEST_VAR entries in envp: %d\n", found);
  setenv("AMANATSU_NEW", "set-by-guest", 1);
  printf("setenv/getenv round trip: %s\n", getenv("AMANATSU_NEW"));

  unsigned long pagesz = getauxval(AT_PAGESZ);
  printf("AT_PAGESZ=%lu\n", pagesz);
  printf("sysconf(_SC_PAGESIZE)=%ld\n", sysconf(_SC_PAGESIZE));
  printf("getpagesize()=%d\n", getpagesize());
  const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
  printf("AT_RANDOM non-null: %s\n", yes(rnd != NULL));
  if (rnd) {
    unsigned sum = 0;
    for (int i = 0; i < 16; i++) sum += rnd[i]; /* readable; value not printed */
    (void)sum;
  }
  unsigned long phdr = getauxval(AT_PHDR), phnum = getauxval(AT_PHNUM), phent = getauxval(AT_PHENT);
  printf("AT_PHENT=%lu\n", phent);
  printf("AT_PHNUM matches ELF header: %s\n", yes(phnum == __ehdr_start.e_phnum));
  printf("AT_PHDR matches ELF header: %s\n",
         yes(phdr == (uintptr_t)&__ehdr_start + __ehdr_start.e_phoff));
  int has_load = 0;
  const ElfW(Phdr) *ph = (const ElfW(Phdr) *)phdr;
  for (unsigned long i = 0; ph && i < phnum; i++) has_load += ph[i].p_type == PT_LOAD;
  printf("PT_LOAD segments via AT_PHDR: %s\n", yes(has_load > 0));
  unsigned long entry = getauxval(AT_ENTRY);
  printf("AT_ENTRY non-zero: %s\n", yes(entry != 0));
  printf("AT_ENTRY == _start: %s\n", yes(entry == (uintptr_t)_start));
  printf("AT_ENTRY == e_entry: %s\n", yes(entry == __ehdr_start.e_entry));
  printf("AT_UID/AT_EUID/AT_GID/AT_EGID match: %s\n",
         yes(getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid() &&
             getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid()));
  printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
  const char *execfn = (const char *)getauxval(AT_EXECFN);
  printf("AT_EXECFN ends with program name: %s\n",
         yes(execfn && argv[0] && ends_with(execfn, strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0])));
  unsigned long hwcap = getauxval(AT_HWCAP);
  printf("AT_HWCAP letters: ");
  for (int b = 0; b < 26; b++)
    if (hwcap & (1ul << b)) putchar('A' + b);
  putchar('\n');
  printf("ELF class 64, machine RISC-V: %s\n",
         yes(__ehdr_start.e_ident[EI_CLASS] == ELFCLASS64 && __ehdr_start.e_machine == EM_RISCV));
  return 0;
}
