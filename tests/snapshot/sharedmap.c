/* Snapshot test guest: works on a file through a MAP_SHARED mapping, with
 * the descriptor closed, so that only the mapping ties the run to the file.
 * Used to check that a run restored while the mapping is live finishes
 * exactly as an uninterrupted run does: its stores reach the file, and the
 * file's bytes show through it.
 *
 * shared.dat is 3 pages and 100 bytes, mapped whole (4 pages, the last
 * partly past the end of the file); the middle page is made read-only half
 * way, which splits the mapping in two.  Each round stores a pattern through
 * the mapping, rereads part of the file with pread on a fresh descriptor,
 * and prints a checksum of both.
 *
 *   sharedmap [ROUNDS]   (default 40)
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096
#define FILE_SIZE (3 * PG + 100)

static uint32_t fnv(const uint8_t *p, size_t n, uint32_t h) {
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 40;
  int fd = open("shared.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || ftruncate(fd, FILE_SIZE) != 0) {
    perror("sharedmap: shared.dat");
    return 2;
  }
  uint8_t *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) {
    perror("sharedmap: mmap");
    return 3;
  }
  close(fd);
  uint8_t back[256];
  for (int r = 0; r < rounds; r++) {
    /* stores through the mapping; page 1 is read-only in the second half */
    for (int i = 0; i < FILE_SIZE; i += 7) {
      if (r >= rounds / 2 && i >= PG && i < 2 * PG) continue;
      m[i] = (uint8_t)(m[i] * 31 + r + i);
    }
    if (r == rounds / 2 && mprotect(m + PG, PG, PROT_READ) != 0) {
      perror("sharedmap: mprotect");
      return 4;
    }
    /* the file, read another way, holds what the mapping holds */
    int rd = open("shared.dat", O_RDONLY);
    off_t at = (off_t)((r * 997) % (FILE_SIZE - (int)sizeof back));
    if (rd < 0 || pread(rd, back, sizeof back, at) != (ssize_t)sizeof back) {
      perror("sharedmap: pread");
      return 5;
    }
    close(rd);
    /* and a write to the file shows through the mapping */
    int wr = open("shared.dat", O_WRONLY);
    uint8_t b = (uint8_t)r;
    if (wr < 0 || pwrite(wr, &b, 1, 3 * PG + 50) != 1) {
      perror("sharedmap: pwrite");
      return 6;
    }
    close(wr);
    printf("round %2d: map %08x file@%-5ld %08x byte %d\n", r, fnv(m, FILE_SIZE, 2166136261u),
           (long)at, fnv(back, sizeof back, 2166136261u), m[3 * PG + 50]);
  }
  munmap(m, 4 * PG);
  return 0;
}
