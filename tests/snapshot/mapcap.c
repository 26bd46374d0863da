/* Snapshot test guest: splits one mapping by protection, page by page,
 * until the mapping count reaches Amanatsu's limit (Linux's
 * vm.max_map_count, 65530) and mprotect fails with ENOMEM; then reads
 * every page, makes the protection uniform again (the pieces merge back)
 * and reads them again.  A snapshot taken at the limit must restore. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PG 4096
#define PAGES 140000

int main(void) {
  uint8_t *q = mmap(NULL, (size_t)PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (q == MAP_FAILED) return 2;
  size_t i;
  int err = 0;
  for (i = 0; i < PAGES; i += 2) {
    q[i * PG + 1] = (uint8_t)(i * 7 + 1);
    if (mprotect(q + i * PG, PG, PROT_READ)) {
      err = errno;
      break;
    }
  }
  printf("protections: %zu, then %s\n", i / 2, err ? strerror(err) : "no refusal");
  uint32_t h = 0;
  for (size_t j = 0; j < PAGES; j++) h = h * 31 + q[j * PG + 1];
  printf("at the limit: %08x\n", h);
  if (mprotect(q, (size_t)PAGES * PG, PROT_READ | PROT_WRITE)) return 3;
  for (size_t j = 0; j < PAGES; j += 3) q[j * PG + 2] = (uint8_t)j;
  for (size_t j = 0; j < PAGES; j++) h = h * 31 + q[j * PG + 1] + q[j * PG + 2];
  printf("merged again: %08x\n", h);
  return 0;
}
