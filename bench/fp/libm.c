/* libm: sin, exp, log, pow, atan2 and a conversion per iteration, summed.
 *
 * Usage: libm [N]   (default 300000)
 * Exercises: glibc's libm, which is mostly integer code around F/D
 * instructions (fmadd.d, fcvt, flt/feq, fsgnj, fclass). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  long n = argc > 1 ? strtol(argv[1], NULL, 10) : 300000;
  double s = 0;
  for (long i = 1; i <= n; i++) {
    double x = i * 1e-5;
    s += sin(x) + exp(-x) + log(x) + pow(x, 1.5) + atan2(x, 1.0) + (double)(long)(x * 1000);
  }
  printf("%.17g\n", s);
  return 0;
}
