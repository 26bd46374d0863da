/* Sleeps of centuries, back to back: on Amanatsu's deterministic clocks
 * they take no host time, and the clocks must saturate rather than wrap
 * (CLOCK_MONOTONIC never goes back).  Not for qemu, which would sleep.
 * Prints, one per line: each sleep's result, then whether the clock
 * moved forward (or stayed) across each. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static __int128 now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (__int128)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void) {
  struct timespec forever = {INT64_MAX / 4, 999999999};
  int ok = 1;
  for (int i = 0; i < 4; i++) {
    __int128 before = now();
    int r = nanosleep(&forever, NULL);
    __int128 after = now();
    printf("sleep %d: %d\n", i, r);
    ok &= after >= before;
  }
  printf("monotonic never went back: %d\n", ok);
  return 0;
}
