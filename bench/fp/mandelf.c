/* mandelf: a single-precision Mandelbrot set, SIZE x SIZE points, at most
 * 256 iterations each.
 *
 * Usage: mandelf [SIZE]   (default 500)
 * Exercises: fadd/fsub/fmul/fmadd.s, fle.s, fcvt between float and int:
 * NaN-boxed binary32 in every operation. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 500;
  long total = 0;
  float acc = 0;
  for (int py = 0; py < n; py++)
    for (int px = 0; px < n; px++) {
      float cr = -2.0f + px * (3.0f / n), ci = -1.5f + py * (3.0f / n), zr = 0, zi = 0;
      int it = 0;
      while (it < 256 && zr * zr + zi * zi <= 4.0f) {
        float t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        it++;
      }
      total += it;
      acc += (float)it * 0.5f + (int)(zr * 100.0f);
    }
  printf("%ld %a\n", total, (double)acc);
  return 0;
}
