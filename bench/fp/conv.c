/* conv: conversions between integers and doubles, and comparisons.
 *
 * Usage: conv [N]   (default 5000000 iterations)
 * Exercises: fcvt.d.wu/fcvt.d.l/fcvt.s.wu (integer -> float), fcvt.l.d with
 * rtz and with the dynamic mode (lrint), flt.d/feq.d, fadd.d and fmul.d. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 5000000;
  long s = 0;
  double d = 0;
  unsigned u = 1;
  for (long i = 0; i < n; i++) {
    u = u * 1664525u + 1013904223u;
    double x = (double)u * 0.37 - 1e9;
    s += (long)x + (int)(x * 1e-3) + lrint(x * 0.5);
    d += (double)(s & 0xffff) + (float)(u >> 8);
    s ^= (x < d) + (x == d) * 3;
  }
  printf("%ld %a\n", s, d);
  return 0;
}
