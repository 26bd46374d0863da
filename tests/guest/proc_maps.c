/* /proc/self/maps shows the program's own mappings: a fresh mmap with its
   protection, the protection after mprotect, gone after munmap; the line
   holding the stack; and glibc's pthread_getattr_np, which finds the main
   thread's stack through it.  Addresses are never printed. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "common.h"

/* The permissions of the line of /proc/self/maps holding addr, or "none". */
static const char *perms_at(const void *addr) {
  static char perms[8];
  char line[512];
  FILE *f = fopen("/proc/self/maps", "r");
  CHECK(f);
  strcpy(perms, "none");
  unsigned long lo, hi;
  char p[8];
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "%lx-%lx %7s", &lo, &hi, p) == 3 && (uintptr_t)addr >= lo && (uintptr_t)addr < hi)
      snprintf(perms, sizeof perms, "%s", p);
  fclose(f);
  return perms;
}

int main(void) {
  uint8_t *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(m != MAP_FAILED);
  printf("fresh mapping: %s\n", perms_at(m + 4096));
  CHECK(mprotect(m + 4096, 4096, PROT_READ) == 0);
  printf("after mprotect: %s, ", perms_at(m + 4096));
  printf("neighbour %s\n", perms_at(m + 8192));
  CHECK(munmap(m + 4096, 4096) == 0);
  printf("after munmap: %s\n", perms_at(m + 4096));
  int local = 0;
  printf("stack: %s\n", perms_at(&local));
  pthread_attr_t a;
  void *base;
  size_t size;
  int r = pthread_getattr_np(pthread_self(), &a);
  if (r == 0) {
    CHECK(pthread_attr_getstack(&a, &base, &size) == 0);
    printf("pthread_getattr_np: the stack holds a local: %s, more than 64 KiB: %s\n",
           (char *)&local >= (char *)base && (char *)&local < (char *)base + size ? "yes" : "no",
           size > 65536 ? "yes" : "no");
  } else {
    printf("pthread_getattr_np: %s\n", strerror(r));
  }
  return 0;
}
