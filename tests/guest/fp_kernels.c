/* Floating-point kernels with checksums printed exactly (%a) and in decimal:
 * n-body (double), Gauss-Jordan matrix inversion with partial pivoting
 * (double, and the residual |A*inv(A) - I|), a radix-2 complex FFT and its
 * inverse (double), a Mandelbrot set (float and double), and a float
 * dot-product/saxpy with fused multiply-adds.  Every result depends on every
 * rounding, so a single wrong bit changes the output. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include "common.h"

/* ---- n-body (the Computer Language Benchmarks Game's planets) ------------- */
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
struct body { double x, y, z, vx, vy, vz, mass; };
static struct body bodies[5] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS}};

static double energy(void) {
  double e = 0;
  for (int i = 0; i < 5; i++) {
    struct body *b = &bodies[i];
    e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
    for (int j = i + 1; j < 5; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      e -= b->mass * c->mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(double dt) {
  for (int i = 0; i < 5; i++) {
    struct body *b = &bodies[i];
    for (int j = i + 1; j < 5; j++) {
      struct body *c = &bodies[j];
      double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      b->vx -= dx * c->mass * mag;
      b->vy -= dy * c->mass * mag;
      b->vz -= dz * c->mass * mag;
      c->vx += dx * b->mass * mag;
      c->vy += dy * b->mass * mag;
      c->vz += dz * b->mass * mag;
    }
  }
  for (int i = 0; i < 5; i++) {
    bodies[i].x += dt * bodies[i].vx;
    bodies[i].y += dt * bodies[i].vy;
    bodies[i].z += dt * bodies[i].vz;
  }
}

static void nbody(int steps) {
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < 5; i++) {
    px += bodies[i].vx * bodies[i].mass;
    py += bodies[i].vy * bodies[i].mass;
    pz += bodies[i].vz * bodies[i].mass;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
  printf("nbody energy before %.9f %a\n", energy(), energy());
  for (int s = 0; s < steps; s++) advance(0.01);
  printf("nbody energy after %d steps %.9f %a\n", steps, energy(), energy());
}

/* ---- Gauss-Jordan inversion -------------------------------------------------- */
#define MN 40
static double A[MN][MN], Inv[MN][MN], W[MN][2 * MN];

static void invert(void) {
  rng_t r = {271828};
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++)
      A[i][j] = (double)(int64_t)rng_below(&r, 2001) / 1000.0 - 1.0 + (i == j ? 4.0 : 0.0);
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < 2 * MN; j++) W[i][j] = j < MN ? A[i][j] : (j - MN == i);
  for (int c = 0; c < MN; c++) {
    int p = c;
    for (int i = c + 1; i < MN; i++)
      if (fabs(W[i][c]) > fabs(W[p][c])) p = i;
    for (int j = 0; j < 2 * MN; j++) {
      double t = W[c][j];
      W[c][j] = W[p][j];
      W[p][j] = t;
    }
    double inv = 1.0 / W[c][c];
    for (int j = 0; j < 2 * MN; j++) W[c][j] *= inv;
    for (int i = 0; i < MN; i++) {
      if (i == c) continue;
      double f = W[i][c];
      for (int j = 0; j < 2 * MN; j++) W[i][j] -= f * W[c][j];
    }
  }
  double sum = 0, resid = 0;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      Inv[i][j] = W[i][MN + j];
      sum += Inv[i][j] * (i + 1) - Inv[i][j] * Inv[i][j];
    }
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      double s = 0;
      for (int k = 0; k < MN; k++) s = fma(A[i][k], Inv[k][j], s);
      resid = fmax(resid, fabs(s - (i == j)));
    }
  printf("inverse checksum %a %.17g, residual %a %s\n", sum, sum, resid,
         resid < 1e-12 ? "small" : "LARGE");
}

/* ---- FFT --------------------------------------------------------------------- */
#define FN 1024
static double re[FN], im[FN], re0[FN];

static void fft(double *xr, double *xi, int n, int inverse) {
  for (int i = 1, j = 0; i < n; i++) {
    int bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = xr[i]; xr[i] = xr[j]; xr[j] = t;
      t = xi[i]; xi[i] = xi[j]; xi[j] = t;
    }
  }
  for (int len = 2; len <= n; len <<= 1) {
    double ang = 2 * PI / len * (inverse ? 1 : -1);
    double wr = cos(ang), wi = sin(ang);
    for (int i = 0; i < n; i += len) {
      double cr = 1, ci = 0;
      for (int k = 0; k < len / 2; k++) {
        double ur = xr[i + k], ui = xi[i + k];
        double vr = xr[i + k + len / 2] * cr - xi[i + k + len / 2] * ci;
        double vi = xr[i + k + len / 2] * ci + xi[i + k + len / 2] * cr;
        xr[i + k] = ur + vr;
        xi[i + k] = ui + vi;
        xr[i + k + len / 2] = ur - vr;
        xi[i + k + len / 2] = ui - vi;
        double t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
  if (inverse)
    for (int i = 0; i < n; i++) {
      xr[i] /= n;
      xi[i] /= n;
    }
}

static void fft_test(void) {
  for (int i = 0; i < FN; i++) {
    re[i] = re0[i] = sin(2 * PI * 5 * i / FN) + 0.5 * cos(2 * PI * 37 * i / FN) + (i % 7) * 0.01;
    im[i] = 0;
  }
  fft(re, im, FN, 0);
  double mag = 0;
  int peak = 0;
  for (int i = 0; i < FN; i++) {
    double m = hypot(re[i], im[i]);
    mag += m;
    if (m > hypot(re[peak], im[peak])) peak = i;
  }
  fft(re, im, FN, 1);
  double err = 0;
  for (int i = 0; i < FN; i++) err = fmax(err, fabs(re[i] - re0[i]) + fabs(im[i]));
  printf("fft magnitude sum %a %.17g peak bin %d, round-trip error %a\n", mag, mag, peak, err);
}

/* ---- Mandelbrot ---------------------------------------------------------------- */
static void mandel(void) {
  unsigned long total = 0;
  uint32_t crc = 0;
  for (int py = 0; py < 60; py++) {
    char row[120];
    for (int px = 0; px < 120; px++) {
      double cr = -2.2 + px * (3.2 / 120), ci = -1.2 + py * (2.4 / 60);
      double zr = 0, zi = 0;
      int it = 0;
      while (it < 200 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        it++;
      }
      total += it;
      row[px] = " .:-=+*#%@"[it % 10];
    }
    crc = crc32_update(crc, row, sizeof row);
    if (py % 6 == 0) printf("%.120s\n", row);
  }
  float ftot = 0;
  for (int py = 0; py < 40; py++)
    for (int px = 0; px < 80; px++) {
      float cr = -2.0f + px * 0.0325f, ci = -1.1f + py * 0.055f, zr = 0, zi = 0;
      int it = 0;
      while (it < 100 && zr * zr + zi * zi <= 4.0f) {
        float t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        it++;
      }
      ftot += zr * 0.001f + (float)it;
    }
  printf("mandelbrot iterations %lu crc %08x, float variant %a %.9g\n", total, crc, (double)ftot,
         (double)ftot);
}

/* ---- float vectors with fmaf --------------------------------------------------- */
static void saxpy(void) {
  static float x[4096], y[4096];
  rng_t r = {161803};
  for (int i = 0; i < 4096; i++) {
    x[i] = (float)(int64_t)rng_below(&r, 20001) / 997.0f - 10.0f;
    y[i] = (float)(int64_t)rng_below(&r, 20001) / 1009.0f;
  }
  float dot = 0, dotf = 0;
  for (int rep = 0; rep < 8; rep++) {
    for (int i = 0; i < 4096; i++) y[i] = fmaf(1.0001f, x[i], y[i] * 0.5f);
    for (int i = 0; i < 4096; i++) {
      dot += x[i] * y[i];
      dotf = fmaf(x[i], y[i], dotf);
    }
  }
  long ints = 0;
  for (int i = 0; i < 4096; i++) ints += (long)y[i] + lrintf(y[i] * 3.3f) + (int)(x[i] * 1e3f);
  printf("saxpy dot %a %.9g fma dot %a %.9g ints %ld\n", (double)dot, (double)dot, (double)dotf,
         (double)dotf, ints);
}

int main(void) {
  nbody(20000);
  invert();
  fft_test();
  mandel();
  saxpy();
  /* Every kernel again in each directed rounding mode, continuing from the
   * n-body state reached so far.  RMM after them: glibc's printf aborts in
   * a mode it has no name for, so there the n-body steps run in RMM (set
   * with fsrmi) and their result is printed in RNE. */
  static const struct { int mode; const char *name; } modes[] = {
      {FE_TOWARDZERO, "RTZ"}, {FE_DOWNWARD, "RDN"}, {FE_UPWARD, "RUP"}};
  for (int i = 0; i < 3; i++) {
    fesetround(modes[i].mode);
    printf("---- rounding %s\n", modes[i].name);
    nbody(2000);
    invert();
    fft_test();
    mandel();
    saxpy();
    fesetround(FE_TONEAREST);
  }
  /* (1 + i*2^-52) + 2^-53 is a tie for every i: RMM rounds it away from
   * zero, RNE to even (half of them differ) */
  volatile double half_ulp = 0x1p-53;
  double ties = 0;
  __asm__ volatile("fsrmi 4");
  for (int s = 0; s < 2000; s++) advance(0.01);
  for (int i = 0; i < 1000; i++) ties += (1.0 + i * 0x1p-52) + half_ulp;
  fesetround(FE_TONEAREST);
  printf("---- rounding RMM\nnbody energy after 2000 more steps %.9f %a\n", energy(), energy());
  printf("sum of 1000 ties %a\n", ties);
  return 0;
}
