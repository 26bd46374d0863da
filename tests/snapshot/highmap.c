/* Snapshot test guest: maps and fills memory at 8 GiB with MAP_FIXED, so a
 * Nebula snapshot (4 GiB of physical memory) cannot hold it. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

int main(void) {
  uint8_t *p = mmap((void *)0x200000000ull, 1 << 16, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (p == MAP_FAILED) {
    perror("highmap: mmap");
    return 2;
  }
  for (int i = 0; i < 1 << 16; i++) p[i] = (uint8_t)(i * 7 + 1);
  uint64_t sum = 0;
  for (int round = 0; round < 50; round++)
    for (int i = 0; i < 1 << 16; i++) sum += p[i] ^ (uint8_t)round;
  printf("mapped at %p, sum %llu\n", (void *)p, (unsigned long long)sum);
  return 0;
}
