/* Deep recursion (100k frames), Ackermann, mutual recursion, and recursion
   through function pointers. */
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) static uint64_t depth_sum(uint64_t n, volatile uint64_t *sink) {
  if (n == 0) return 0;
  uint64_t r = depth_sum(n - 1, sink);
  *sink += n;
  return r + n * 3 + (r & 1);
}

__attribute__((noinline)) static uint64_t ackermann(uint64_t m, uint64_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

typedef uint64_t (*op_fn)(uint64_t, int);
static uint64_t via_ptr(uint64_t x, int d);
static op_fn table[2] = {via_ptr, via_ptr};
__attribute__((noinline)) static uint64_t via_ptr(uint64_t x, int d) {
  if (d == 0) return x;
  return table[d & 1](x * 1000003u + (uint64_t)d, d - 1) ^ (uint64_t)d;
}

static unsigned hanoi_moves;
static void hanoi(int n, int from, int to, int via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  hanoi_moves++;
  hanoi(n - 1, via, to, from);
}

int main(void) {
  volatile uint64_t sink = 0;
  uint64_t r = depth_sum(100000, &sink);
  printf("depth_sum(100000)=%llu sink=%llu\n", (unsigned long long)r, (unsigned long long)sink);
  for (uint64_t m = 0; m <= 3; m++) {
    printf("ackermann(%llu, n):", (unsigned long long)m);
    for (uint64_t n = 0; n <= 6; n++) printf(" %llu", (unsigned long long)ackermann(m, n));
    printf("\n");
  }
  printf("ackermann(3, 8)=%llu\n", (unsigned long long)ackermann(3, 8));
  printf("is_even(50001)=%d is_odd(50001)=%d\n", is_even(50001), is_odd(50001));
  printf("fib(27)=%llu\n", (unsigned long long)fib(27));
  printf("via_ptr(1, 50000)=%llu\n", (unsigned long long)via_ptr(1, 50000));
  hanoi(18, 1, 3, 2);
  printf("hanoi(18) moves=%u\n", hanoi_moves);
  return 0;
}
