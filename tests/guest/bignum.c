/* Arbitrary-precision integers in base 10^9: 200!, 2^1000, fib(1000),
   3^500, a big product, and long division by a small number. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

#define BASE 1000000000u
#define MAXL 400

typedef struct { uint32_t d[MAXL]; int n; } big_t; /* little-endian limbs */

static void set_u(big_t *a, uint32_t v) { memset(a, 0, sizeof *a); a->d[0] = v % BASE; a->d[1] = v / BASE; a->n = a->d[1] ? 2 : 1; }
static void mul_small(big_t *a, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < a->n; i++) { uint64_t t = (uint64_t)a->d[i] * m + carry; a->d[i] = (uint32_t)(t % BASE); carry = t / BASE; }
  while (carry) { CHECK(a->n < MAXL); a->d[a->n++] = (uint32_t)(carry % BASE); carry /= BASE; }
}
static void add(big_t *r, const big_t *a, const big_t *b) {
  int n = a->n > b->n ? a->n : b->n;
  uint32_t carry = 0;
  for (int i = 0; i < n; i++) {
    uint32_t t = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
    carry = t >= BASE;
    r->d[i] = carry ? t - BASE : t;
  }
  r->n = n;
  if (carry) r->d[r->n++] = 1;
}
static void mul(big_t *r, const big_t *a, const big_t *b) {
  static uint64_t acc[2 * MAXL];
  memset(acc, 0, sizeof acc);
  CHECK(a->n + b->n <= MAXL);
  for (int i = 0; i < a->n; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < b->n; j++) {
      uint64_t t = acc[i + j] + (uint64_t)a->d[i] * b->d[j] + carry;
      acc[i + j] = t % BASE;
      carry = t / BASE;
    }
    int k = i + b->n;
    while (carry) { uint64_t t = acc[k] + carry; acc[k] = t % BASE; carry = t / BASE; k++; }
  }
  int n = a->n + b->n;
  while (n > 1 && acc[n - 1] == 0) n--;
  memset(r, 0, sizeof *r);
  for (int i = 0; i < n; i++) r->d[i] = (uint32_t)acc[i];
  r->n = n;
}
static uint32_t div_small(big_t *a, uint32_t m) {
  uint64_t rem = 0;
  for (int i = a->n - 1; i >= 0; i--) { uint64_t cur = a->d[i] + rem * BASE; a->d[i] = (uint32_t)(cur / m); rem = cur % m; }
  while (a->n > 1 && a->d[a->n - 1] == 0) a->n--;
  return (uint32_t)rem;
}
static int digits(const big_t *a) {
  int d = (a->n - 1) * 9;
  for (uint32_t top = a->d[a->n - 1]; top; top /= 10) d++;
  return d ? d : 1;
}
static void print(const char *label, const big_t *a) {
  printf("%s (%d digits) = %u", label, digits(a), a->d[a->n - 1]);
  for (int i = a->n - 2; i >= 0; i--) printf("%09u", a->d[i]);
  printf("\n");
}
static int digit_sum(const big_t *a) {
  int s = 0;
  for (int i = 0; i < a->n; i++) for (uint32_t v = a->d[i]; v; v /= 10) s += (int)(v % 10);
  return s;
}

int main(void) {
  static big_t f, p, x, y, z, t;
  set_u(&f, 1);
  for (uint32_t i = 2; i <= 200; i++) mul_small(&f, i);
  print("200!", &f);
  printf("digit sum of 200! = %d\n", digit_sum(&f));
  int tz = 0;
  t = f;
  while (div_small(&t, 10) == 0) tz++;
  printf("trailing zeros of 200! = %d\n", tz);

  set_u(&p, 1);
  for (int i = 0; i < 1000; i++) mul_small(&p, 2);
  print("2^1000", &p);
  printf("digit sum of 2^1000 = %d\n", digit_sum(&p));

  set_u(&x, 0); set_u(&y, 1);
  for (int i = 0; i < 1000; i++) { add(&z, &x, &y); x = y; y = z; }
  print("fib(1000)", &x);

  set_u(&t, 3);
  set_u(&z, 1);
  for (int e = 500; e; e >>= 1) { if (e & 1) { mul(&y, &z, &t); z = y; } mul(&y, &t, &t); t = y; }
  print("3^500", &z);

  mul(&y, &f, &p);
  printf("200! * 2^1000 has %d digits, digit sum %d\n", digits(&y), digit_sum(&y));
  t = f;
  uint32_t rem = div_small(&t, 1000000007u);
  printf("200! mod 1000000007 = %u\n", rem);
  t = p;
  rem = div_small(&t, 999999937u);
  printf("2^1000 mod 999999937 = %u, quotient digits %d\n", rem, digits(&t));
  /* binomial C(100,50) = 100! / (50! 50!) by multiply and exact divide */
  set_u(&t, 1);
  for (uint32_t i = 1; i <= 50; i++) { mul_small(&t, 50 + i); CHECK(div_small(&t, i) == 0); }
  print("C(100,50)", &t);
  return 0;
}
