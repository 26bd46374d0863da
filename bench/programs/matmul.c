/* matmul: integer matrix multiply C = A * B (32-bit wrapping arithmetic),
 * i-k-j loop order, repeated with C fed back into A.
 *
 * Usage: matmul [SIZE]   SIZE = matrix dimension (default 340); the product
 * is computed 4 times.
 * Exercises: multiply-add in an inner loop, sequential and strided loads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 340;
  if (n < 2) n = 2;
  size_t nn = (size_t)n * (size_t)n;
  uint32_t *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b), *c = malloc(nn * sizeof *c);
  if (!a || !b || !c) return 1;

  uint32_t x = 1;
  for (size_t i = 0; i < nn; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    a[i] = x & 0xFFFF;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    b[i] = x & 0xFFFF;
  }

  uint32_t sum = 0;
  for (int rep = 0; rep < 4; rep++) {
    memset(c, 0, nn * sizeof *c);
    for (long i = 0; i < n; i++) {
      uint32_t *ci = c + i * n;
      for (long k = 0; k < n; k++) {
        uint32_t aik = a[i * n + k];
        const uint32_t *bk = b + k * n;
        for (long j = 0; j < n; j++) ci[j] += aik * bk[j];
      }
    }
    for (size_t i = 0; i < nn; i++) {
      sum = sum * 33 + c[i];
      a[i] = c[i] >> 8 & 0xFFFF;
    }
  }
  printf("matmul n=%ld checksum=%08x\n", n, (unsigned)sum);
  free(a); free(b); free(c);
  return 0;
}
