/* Lots of output: ~1 MiB on stdout through printf and large write(2) calls,
   and a smaller stream on stderr.  The runner stores big outputs as a
   SHA-256 instead of the bytes. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  uint32_t s = 2718281;
  for (int i = 0; i < 12000; i++)
    printf("%6d %08x %-10s|%*d\n", i, lcg32(&s), (i % 3) ? "fizz" : "buzz", (i % 17) + 1, i % 1000);
  fflush(stdout);
  static char block[65536];
  for (size_t i = 0; i < sizeof block; i++) block[i] = (char)(' ' + (i * 7 + i / 64) % 95);
  for (size_t i = 63; i < sizeof block; i += 64) block[i] = '\n';
  for (int k = 0; k < 8; k++) {
    size_t off = 0;
    while (off < sizeof block) {
      ssize_t w = write(1, block + off, sizeof block - off);
      CHECK(w > 0);
      off += (size_t)w;
    }
  }
  for (int i = 0; i < 200; i++) fprintf(stderr, "stderr line %d\n", i);
  printf("done\n");
  return 0;
}
