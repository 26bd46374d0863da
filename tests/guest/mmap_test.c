/* Anonymous and file-backed mmap, munmap of a hole and MAP_FIXED refill,
   mprotect, mremap, msync.  Addresses are never printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

#define PG 4096

int main(void) {
  size_t len = 256 * PG;
  uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p != MAP_FAILED);
  printf("page aligned: %s\n", ((uintptr_t)p & (PG - 1)) == 0 ? "yes" : "no");
  int zero = 1;
  for (size_t i = 0; i < len; i += 61) zero &= p[i] == 0;
  printf("fresh anonymous memory is zero: %s\n", zero ? "yes" : "no");
  for (size_t i = 0; i < len; i++) p[i] = (uint8_t)(i * 13 + (i >> 12));
  printf("pattern crc=%08x\n", crc32(p, len));

  /* punch a hole and refill it with MAP_FIXED */
  CHECK(munmap(p + 10 * PG, 4 * PG) == 0);
  uint8_t *f = mmap(p + 10 * PG, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("MAP_FIXED at the hole: %s\n", f == p + 10 * PG ? "yes" : "no");
  int hz = 1;
  for (size_t i = 0; i < 4 * PG; i++) hz &= f[i] == 0;
  printf("refilled hole is zero: %s, neighbours intact: %s\n", hz ? "yes" : "no",
         p[10 * PG - 1] == (uint8_t)((10 * PG - 1) * 13 + ((10 * PG - 1) >> 12)) && p[14 * PG] == (uint8_t)(14 * PG * 13 + 14) ? "yes" : "no");

  /* MAP_FIXED over existing data replaces it */
  uint8_t *g = mmap(p + 20 * PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("MAP_FIXED replace zeroes the page: %s\n", g == p + 20 * PG && g[0] == 0 && g[PG - 1] == 0 ? "yes" : "no");

  /* mprotect: read-only, then writable again */
  CHECK(mprotect(p, 16 * PG, PROT_READ) == 0);
  uint32_t c1 = crc32(p, 16 * PG);
  CHECK(mprotect(p, 16 * PG, PROT_READ | PROT_WRITE) == 0);
  p[5] = 0xAB;
  printf("mprotect round trip ok: %s crc=%08x\n", p[5] == 0xAB ? "yes" : "no", c1);
  CHECK(mprotect(p + 100 * PG, PG, PROT_NONE) == 0);
  CHECK(mprotect(p + 100 * PG, PG, PROT_READ | PROT_WRITE) == 0);
  p[100 * PG] = 1;
  errno = 0;
  printf("mprotect unaligned: %d EINVAL=%s\n", mprotect(p + 1, PG, PROT_READ), errno == EINVAL ? "yes" : "no");

  /* mremap grow (may move) keeps contents */
  uint32_t before = crc32(p, len);
  uint8_t *q = mremap(p, len, 4 * len, MREMAP_MAYMOVE);
  CHECK(q != MAP_FAILED);
  printf("mremap keeps contents: %s, new tail zero: %s\n", crc32(q, len) == before ? "yes" : "no",
         q[4 * len - 1] == 0 && q[len] == 0 ? "yes" : "no");
  memset(q + len, 0x5A, 3 * len);
  uint32_t half = crc32(q, len / 2);
  q = mremap(q, 4 * len, len / 2, 0);
  CHECK(q != MAP_FAILED);
  printf("mremap shrink in place ok: %s\n", crc32(q, len / 2) == half ? "yes" : "no");
  CHECK(munmap(q, len / 2) == 0);

  /* large sparse mapping: touch a few pages of 64 MiB */
  size_t big = 64u << 20;
  uint8_t *b = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  CHECK(b != MAP_FAILED);
  uint64_t s = 0;
  for (size_t off = 0; off < big; off += 1 << 20) { b[off] = (uint8_t)(off >> 20); s += b[off]; }
  printf("64MiB sparse touch sum=%llu\n", (unsigned long long)s);
  CHECK(munmap(b, big) == 0);
  errno = 0;
  printf("mmap length 0: %s EINVAL=%s\n", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? "failed" : "ok",
         errno == EINVAL ? "yes" : "no");

  /* file-backed: MAP_SHARED writes reach the file, MAP_PRIVATE ones do not */
  int fd = open("mapped.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  CHECK(ftruncate(fd, 3 * PG) == 0);
  uint8_t *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(m != MAP_FAILED);
  for (int i = 0; i < 3 * PG; i++) m[i] = (uint8_t)('a' + i % 26);
  memcpy(m + PG, "shared write", 12);
  CHECK(msync(m, 3 * PG, MS_SYNC) == 0);
  char buf[16] = {0};
  CHECK(pread(fd, buf, 12, PG) == 12);
  printf("MAP_SHARED write visible via pread: %s\n", buf);
  uint8_t *pv = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PG);
  CHECK(pv != MAP_FAILED);
  printf("MAP_PRIVATE sees file data: %.12s\n", (char *)pv);
  memcpy(pv, "private!", 8);
  memset(buf, 0, sizeof buf);
  CHECK(pread(fd, buf, 8, PG) == 8);
  printf("file after private write: %.8s\n", buf);
  CHECK(pwrite(fd, "PWRITE", 6, 2 * PG) == 6);
  printf("pwrite visible via shared map: %.6s\n", (char *)m + 2 * PG);
  munmap(pv, PG);
  munmap(m, 3 * PG);
  close(fd);
  uint8_t *ro = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, open("mapped.dat", O_RDONLY), 0);
  CHECK(ro != MAP_FAILED);
  printf("read-only map first bytes: %.10s\n", (char *)ro);
  munmap(ro, PG);
  return 0;
}
