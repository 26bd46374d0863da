/* Control flow: setjmp/longjmp (also from deep recursion), variadic functions,
   function-pointer tables, dense and sparse switches, computed goto. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static jmp_buf env;
static int depth_reached;

static void dive(int d) {
  volatile char pad[64];
  pad[d % 64] = (char)d;
  depth_reached = d + pad[d % 64] - (char)d;
  if (d >= 500) longjmp(env, d);
  if (d > 100000) return;
  dive(d + 1);
}

static int64_t sum_ints(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int64_t s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}
static int64_t sum_mixed(const char *fmt, ...) {
  va_list ap, copy;
  va_start(ap, fmt);
  va_copy(copy, ap);
  int64_t s = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p == 'i') s += va_arg(ap, int);
    else if (*p == 'l') s += va_arg(ap, long long);
    else if (*p == 's') s += (int64_t)strlen(va_arg(ap, const char *));
  }
  int64_t first = *fmt == 'i' ? va_arg(copy, int) : -1;
  va_end(copy);
  va_end(ap);
  return s * 1000 + first;
}

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_max(int a, int b) { return a > b ? a : b; }

static const char *dense(int x) {
  switch (x) {
    case 0: return "zero"; case 1: return "one"; case 2: return "two"; case 3: return "three";
    case 4: return "four"; case 5: return "five"; case 6: return "six"; case 7: return "seven";
    case 8: return "eight"; case 9: return "nine"; default: return "many";
  }
}
static int sparse(int64_t x) {
  switch (x) {
    case -1000000: return 1; case 7: return 2; case 4096: return 3; case 1 << 20: return 4;
    case 123456789: return 5; case -3: return 6; default: return 0;
  }
}

int main(void) {
  int r = setjmp(env);
  if (r == 0) {
    dive(0);
    printf("not reached\n");
  } else {
    printf("longjmp from depth %d returned %d\n", depth_reached, r);
  }
  volatile int counter = 0;
  jmp_buf again;
  if (setjmp(again) < 3) { counter++; if (counter < 3) longjmp(again, counter); }
  printf("setjmp loop counter=%d\n", counter);

  printf("sum_ints=%lld\n", (long long)sum_ints(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  printf("sum_ints(12 args)=%lld\n", (long long)sum_ints(12, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, 1000));
  printf("sum_mixed=%lld\n", (long long)sum_mixed("ilsil", 5, 1LL << 40, "hello", -7, -(1LL << 33)));

  int (*ops[])(int, int) = {op_add, op_sub, op_mul, op_max};
  int acc = 1;
  for (int i = 0; i < 40; i++) acc = ops[i % 4](acc, i + 1) % 100003;
  printf("fnptr table acc=%d\n", acc);
  for (int i = -1; i <= 11; i += 3) printf("dense(%d)=%s ", i, dense(i));
  printf("\n");
  int64_t probes[] = {-1000000, 7, 4096, 1 << 20, 123456789, -3, 5, 0};
  for (int i = 0; i < 8; i++) printf("%d", sparse(probes[i]));
  printf("\n");

  static void *labels[] = {&&l_inc, &&l_dbl, &&l_dec, &&l_end};
  const uint8_t prog[] = {0, 1, 1, 0, 2, 1, 1, 1, 3};
  int pc = 0, v = 0;
  goto *labels[prog[pc]];
l_inc: v++; goto *labels[prog[++pc]];
l_dbl: v *= 2; goto *labels[prog[++pc]];
l_dec: v--; goto *labels[prog[++pc]];
l_end: printf("computed goto v=%d\n", v);

  return 0;
}
