/* libm over many inputs (double and float), printed exactly (%a) and in
 * decimal (%.17g / %.9g): glibc's implementations run dozens of F/D
 * instructions each, in every class (fma, conversions, compares, sign
 * injection, classification), so any wrong rounding or flag shows up. */
#include <math.h>
#include <stdio.h>
#include "common.h"

static void line(const char *f, double x, double r) { printf("%s(%a) = %a %.17g\n", f, x, r, r); }
static void line2(const char *f, double x, double y, double r) {
  printf("%s(%a, %a) = %a %.17g\n", f, x, y, r, r);
}
static void linef(const char *f, float x, float r) {
  printf("%s(%a) = %a %.9g\n", f, (double)x, (double)r, (double)r);
}

int main(void) {
  static const double special[] = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, 10.0, 1e-300, 1e300,
                                   0x1p-1074, 0x1p-1022, 1.7976931348623157e308, INFINITY,
                                   -INFINITY, NAN, 3.141592653589793, 1.5707963267948966,
                                   710.0, -745.2, 1e22, 0.1, -0.1, 88.7, 1e-8};
  for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
    double x = special[i];
    line("sin", x, sin(x));
    line("cos", x, cos(x));
    line("exp", x, exp(x));
    line("log", x, log(x));
    line("sqrt", x, sqrt(x));
    line("atan", x, atan(x));
    line("cbrt", x, cbrt(x));
    line2("pow", x, 0.5, pow(x, 0.5));
    line2("pow", 2.5, x, pow(2.5, x));
    line2("fmod", x, 0.7, fmod(x, 0.7));
    line2("atan2", x, -1.5, atan2(x, -1.5));
    line2("hypot", x, 3.0, hypot(x, 3.0));
  }
  rng_t r = {20261128};
  double acc = 0;
  for (int i = 0; i < 300; i++) {
    /* random magnitudes over many binades, both signs */
    double x = ldexp((double)(rng_next(&r) >> 11) / 0x1p53, (int)rng_below(&r, 40) - 20);
    if (rng_next(&r) & 1) x = -x;
    double y = ldexp((double)(rng_next(&r) >> 11) / 0x1p53, (int)rng_below(&r, 12) - 4);
    double v[8] = {sin(x), cos(x), exp(x / 4), log(fabs(x)), pow(fabs(x), y), sqrt(fabs(x)),
                   fmod(x, y), atan2(x, y)};
    if (i % 10 == 0) {
      line("sin", x, v[0]);
      line("cos", x, v[1]);
      line("exp", x / 4, v[2]);
      line("log", fabs(x), v[3]);
      line2("pow", fabs(x), y, v[4]);
      line("sqrt", fabs(x), v[5]);
      line2("fmod", x, y, v[6]);
      line2("atan2", x, y, v[7]);
    }
    for (int k = 0; k < 8; k++) acc += v[k] * (k + 1);
  }
  printf("double checksum %a %.17g\n", acc, acc);
  float facc = 0;
  for (int i = 0; i < 300; i++) {
    float x = ldexpf((float)(rng_next(&r) >> 40) / 0x1p24f, (int)rng_below(&r, 20) - 10);
    if (rng_next(&r) & 1) x = -x;
    float v[6] = {sinf(x), cosf(x), expf(x / 4), logf(fabsf(x)), sqrtf(fabsf(x)), atan2f(x, 1.25f)};
    if (i % 15 == 0) {
      linef("sinf", x, v[0]);
      linef("cosf", x, v[1]);
      linef("expf", x / 4, v[2]);
      linef("logf", fabsf(x), v[3]);
      linef("sqrtf", fabsf(x), v[4]);
      linef("atan2f", x, v[5]);
    }
    for (int k = 0; k < 6; k++) facc += v[k];
  }
  printf("float checksum %a %.9g\n", (double)facc, (double)facc);
  /* rounding functions and conversions */
  static const double rv[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 1e15 + 0.5,
                              4503599627370497.0, -0.0, 2147483647.5, -2147483648.5, 1e19};
  for (size_t i = 0; i < sizeof rv / sizeof rv[0]; i++) {
    double x = rv[i];
    printf("%.17g: rint %.17g round %.17g trunc %.17g floor %.17g ceil %.17g lround %ld "
           "llrint %lld (int) %d\n",
           x, rint(x), round(x), trunc(x), floor(x), ceil(x), fabs(x) < 1e18 ? lround(x) : 0L,
           fabs(x) < 1e18 ? llrint(x) : 0LL, fabs(x) < 2e9 ? (int)x : 0);
  }
  printf("%.17g %.17g %.9g\n", strtod("0.1", NULL), strtod("1e-320", NULL),
         (double)strtof("3.4028235e38", NULL));
  return 0;
}
