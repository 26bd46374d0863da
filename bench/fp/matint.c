/* matint: a double-precision matrix product of small integers, repeated.
 *
 * Usage: matint [N]   (default 160; 4 products of N x N matrices)
 * Exercises: fused multiply-adds whose results are all exact, so the
 * inexact flag stays clear for the whole run and every FMA must establish
 * exactness itself (code that computes with integer-valued doubles). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 160;
  if (n < 1 || n > 2000) {
    fprintf(stderr, "matint: N must be 1..2000\n");
    return 2;
  }
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n),
         *c = calloc((size_t)n * n, sizeof(double));
  if (!a || !b || !c) return 1;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      a[i * n + j] = (i * 7 + j) % 13;
      b[i * n + j] = (i + 3 * j) % 11;
    }
  for (int r = 0; r < 4; r++)
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) {
        double s = c[i * n + j];
        for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
        c[i * n + j] = s;
      }
  double t = 0;
  for (int i = 0; i < n * n; i++) t += c[i];
  printf("%.17g\n", t);
  return 0;
}
