/* Rounding modes and exception flags through <fenv.h> (fcsr, frm, fflags):
 * every operation class in every rounding mode, with the flags each one
 * raises.  RMM (round to nearest, ties to max magnitude) has no <fenv.h>
 * name: it is set with fsrm directly. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>

static const char *flags_str(void) {
  static char buf[64];
  int e = fetestexcept(FE_ALL_EXCEPT);
  snprintf(buf, sizeof buf, "%s%s%s%s%s", e & FE_INVALID ? "NV " : "", e & FE_DIVBYZERO ? "DZ " : "",
           e & FE_OVERFLOW ? "OF " : "", e & FE_UNDERFLOW ? "UF " : "", e & FE_INEXACT ? "NX" : "");
  return buf;
}

static volatile double vd[] = {1.0, 0x1p-53, 3.0, 0.0, 1.7976931348623157e308, 0x1p-1074,
                               0x1p-1022, 2.0, 0.5, -1.0, 16777217.0, 0.1};
static volatile float vf[] = {1.0f, 0x1p-24f, 3.0f, 0.0f, 3.4028235e38f, 0x1p-149f, 2.0f, 0.5f};
static volatile long vl[] = {9007199254740993L, -9007199254740993L, 16777217L, 0x7fffffffffffffffL};

/* The barriers keep the compiler from moving the operation across the
 * flag calls (it treats arithmetic as free of side effects). */
#define BARRIER() __asm__ volatile("" ::: "memory")
#define T(expr, fmt, val)                                             \
  do {                                                                \
    feclearexcept(FE_ALL_EXCEPT);                                     \
    BARRIER();                                                        \
    volatile __typeof__(val) r_ = (val);                              \
    BARRIER();                                                        \
    const char *f_ = flags_str();                                     \
    printf("  %-34s = " fmt "  [%s]\n", expr, r_, f_);               \
  } while (0)

static void run_mode(const char *name) {
  printf("mode %s (frm %d)\n", name, fegetround());
  T("1 + 2^-53", "%a", vd[0] + vd[1]);
  T("-1 - 2^-53", "%a", vd[9] - vd[1]);
  T("1 / 3", "%a", vd[0] / vd[2]);
  T("-1 / 3", "%a", vd[9] / vd[2]);
  T("1 / 0", "%a", vd[0] / vd[3]);
  T("0 / 0 (sign dropped)", "%a", fabs(vd[3] / vd[3]));
  T("max * 2", "%a", vd[4] * vd[7]);
  T("-max * 2", "%a", -vd[4] * vd[7]);
  T("minsub * 0.5", "%a", vd[5] * vd[8]);
  T("minsub * 1.5", "%a", vd[5] * (vd[8] + vd[0]));
  T("minnorm * (1-2^-53)", "%a", vd[6] * (vd[0] - vd[1]));
  T("sqrt(2)", "%a", sqrt(vd[7]));
  T("sqrt(-1) (sign dropped)", "%a", fabs(sqrt(vd[9])));
  T("fma(1+2^-52, 1-2^-53, -1)", "%a", fma(vd[0] + 2 * vd[1], vd[0] - vd[1], vd[9]));
  T("fma(0.1, 3, -0.3)", "%a", fma(vd[11], vd[2], -0.30000000000000004));
  T("1.5 - 1.5", "%a", (vd[0] + vd[8]) - (vd[0] + vd[8]));
  T("(float)(1 + 2^-24)", "%a", (double)(vf[0] + vf[1]));
  T("1f / 3f", "%a", (double)(vf[0] / vf[2]));
  T("maxf * 2f", "%a", (double)(vf[4] * vf[6]));
  T("minsubf * 0.5f", "%a", (double)(vf[5] * vf[7]));
  T("sqrtf(2)", "%a", (double)sqrtf(vf[6]));
  T("fmaf(1+2^-12, 1+2^-12, 0)", "%a", (double)fmaf(vf[0] + 0x1p-12f, vf[0] + 0x1p-12f, vf[3]));
  T("(float)0.1", "%a", (double)(float)vd[11]);
  T("(float)max", "%a", (double)(float)vd[4]);
  T("(double)2^53+1L", "%a", (double)vl[0]);
  T("(double)-(2^53+1)L", "%a", (double)vl[1]);
  T("(float)16777217L", "%a", (double)(float)vl[2]);
  T("(double)INT64_MAX", "%a", (double)vl[3]);
  T("(float)16777217.0", "%a", (double)(float)vd[10]);
  T("lrint(2.5)", "%ld", lrint(vd[7] + vd[8]));
  T("lrint(-2.5)", "%ld", lrint(-(vd[7] + vd[8])));
  T("lrint(1e30)", "%ld", lrint(1e30 * vd[0]));
  T("lrintf(-0.5f)", "%ld", lrintf(-vf[7]));
  T("rint(0.5)", "%a", rint(vd[8]));
  T("nearbyint(-1.5)", "%a", nearbyint(vd[9] - vd[8]));
  T("(int)1e10", "%d", (int)(vd[0] * 1e10));
  T("(unsigned)-1.0", "%u", (unsigned)(long)vd[9]);
  T("(long)2.9", "%ld", (long)(vd[7] + 0.9));
}

/* A signal handler's flags and rounding mode go when it returns:
 * rt_sigreturn restores fcsr from the signal frame. */
static volatile double sink;
static volatile int handler_rounds_to_nearest;
static void on_usr1(int sig) {
  (void)sig;
  if (handler_rounds_to_nearest) fesetround(FE_TONEAREST);
  sink = vd[0] / vd[2];
  printf("  in the handler: 1/3 = %a [%s]\n", sink, flags_str());
}

static void fcsr_across_a_signal(void) {
  signal(SIGUSR1, on_usr1);
  printf("flags clear, the handler raises NX:\n");
  feclearexcept(FE_ALL_EXCEPT);
  raise(SIGUSR1);
  /* no fcsr access between the return and this inexact division */
  volatile double q = vd[0] / vd[2];
  printf("  after it returned: 1/3 = %a [%s]\n", q, flags_str());
  printf("upward with NX set, the handler switches to nearest:\n");
  fesetround(FE_UPWARD);
  handler_rounds_to_nearest = 1;
  raise(SIGUSR1);
  volatile double u = vd[0] / vd[2];
  printf("  after it returned: 1/3 = %a [%s], mode %s\n", u, flags_str(),
         fegetround() == FE_UPWARD ? "upward" : "other");
  fesetround(FE_TONEAREST);
}

int main(void) {
  static const struct { int mode; const char *name; } modes[] = {
      {FE_TONEAREST, "FE_TONEAREST"}, {FE_TOWARDZERO, "FE_TOWARDZERO"},
      {FE_DOWNWARD, "FE_DOWNWARD"}, {FE_UPWARD, "FE_UPWARD"}};
  for (int i = 0; i < 4; i++) {
    if (fesetround(modes[i].mode) != 0) printf("fesetround %s failed\n", modes[i].name);
    run_mode(modes[i].name);
  }
  /* RMM through the frm CSR */
  __asm__ volatile("fsrmi 4");
  run_mode("RMM (fsrmi 4)");
  fesetround(FE_TONEAREST);
  /* raising and testing flags directly */
  feclearexcept(FE_ALL_EXCEPT);
  feraiseexcept(FE_OVERFLOW | FE_INEXACT);
  printf("raised OF|NX: [%s]\n", flags_str());
  fenv_t env;
  feholdexcept(&env);
  printf("after feholdexcept: [%s]\n", flags_str());
  BARRIER();
  volatile double z = vd[0] / vd[3];
  (void)z;
  BARRIER();
  printf("1/0 inside: [%s]\n", flags_str());
  feupdateenv(&env);
  printf("after feupdateenv: [%s]\n", flags_str());
  fexcept_t saved;
  fegetexceptflag(&saved, FE_ALL_EXCEPT);
  feclearexcept(FE_ALL_EXCEPT);
  fesetexceptflag(&saved, FE_DIVBYZERO);
  printf("restored only DZ: [%s]\n", flags_str());
  unsigned long fcsr;
  __asm__ volatile("frcsr %0" : "=r"(fcsr));
  printf("fcsr 0x%lx\n", fcsr);
  fcsr_across_a_signal();
  return 0;
}
