/* Sieve of Eratosthenes up to 5,000,000 (byte array) and a bit-packed
   segmented sieve cross-check, with prime statistics. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define LIMIT 5000000u

int main(void) {
  uint8_t *comp = calloc(LIMIT + 1, 1);
  CHECK(comp);
  comp[0] = comp[1] = 1;
  for (uint32_t i = 2; (uint64_t)i * i <= LIMIT; i++)
    if (!comp[i])
      for (uint32_t j = i * i; j <= LIMIT; j += i) comp[j] = 1;
  uint32_t count = 0, twins = 0, last = 0, maxgap = 0, gapat = 0;
  uint64_t sum = 0;
  uint32_t mod4[4] = {0};
  for (uint32_t i = 2; i <= LIMIT; i++) {
    if (comp[i]) continue;
    count++;
    sum += i;
    mod4[i % 4]++;
    if (last && i - last == 2) twins++;
    if (last && i - last > maxgap) { maxgap = i - last; gapat = last; }
    last = i;
  }
  printf("primes <= %u: %u\n", LIMIT, count);
  printf("sum=%llu largest=%u twin pairs=%u\n", (unsigned long long)sum, last, twins);
  printf("max gap=%u after %u\n", maxgap, gapat);
  printf("mod 4: 1->%u 3->%u\n", mod4[1], mod4[3]);
  uint32_t pi[] = {10, 100, 1000, 10000, 100000, 1000000};
  for (int k = 0; k < 6; k++) {
    uint32_t c = 0;
    for (uint32_t i = 0; i <= pi[k]; i++) c += !comp[i];
    printf("pi(%u)=%u\n", pi[k], c);
  }

  /* bit-packed odd-only sieve */
  uint32_t nbits = LIMIT / 2 + 1;
  uint64_t *bits = calloc(nbits / 64 + 1, 8);
  CHECK(bits);
  for (uint32_t i = 3; (uint64_t)i * i <= LIMIT; i += 2)
    if (!(bits[i / 2 / 64] >> (i / 2 % 64) & 1))
      for (uint32_t j = i * i; j <= LIMIT; j += 2 * i) bits[j / 2 / 64] |= 1ull << (j / 2 % 64);
  uint32_t c2 = 1;
  for (uint32_t i = 3; i <= LIMIT; i += 2) c2 += !(bits[i / 2 / 64] >> (i / 2 % 64) & 1);
  printf("bit sieve agrees: %s\n", c2 == count ? "yes" : "no");

  /* Goldbach check for even numbers up to 20000 */
  uint32_t worst = 0, worstn = 0;
  for (uint32_t n = 4; n <= 20000; n += 2) {
    uint32_t p = 2;
    while (comp[p] || comp[n - p]) p++;
    if (p > worst) { worst = p; worstn = n; }
  }
  printf("goldbach: largest minimal prime %u for %u\n", worst, worstn);
  free(bits);
  free(comp);
  return 0;
}
