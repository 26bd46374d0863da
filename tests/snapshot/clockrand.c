/* Snapshot test guest: prints what the clocks and the random sources give,
 * with some computation in between.  Under Amanatsu's deterministic time and
 * randomness (the default), two runs print the same and their snapshots are
 * byte-identical. */
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile uint64_t sink;

static void spin(int n) {
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < n; i++) x ^= x << 13, x ^= x >> 7, x ^= x << 17;
  sink = x;
}

static void clocks(const char *when) {
  static const struct { clockid_t id; const char *name; } ck[] = {
      {CLOCK_REALTIME, "realtime"}, {CLOCK_MONOTONIC, "monotonic"},
      {CLOCK_BOOTTIME, "boottime"}, {CLOCK_PROCESS_CPUTIME_ID, "process_cputime"},
      {CLOCK_MONOTONIC_RAW, "monotonic_raw"}};
  for (unsigned i = 0; i < sizeof ck / sizeof ck[0]; i++) {
    struct timespec ts = {0, 0};
    int r = clock_gettime(ck[i].id, &ts);
    printf("%s %s: %d %lld.%09ld\n", when, ck[i].name, r, (long long)ts.tv_sec, ts.tv_nsec);
  }
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("%s gettimeofday: %lld.%06ld time: %lld\n", when, (long long)tv.tv_sec, (long)tv.tv_usec,
         (long long)time(NULL));
}

static void randoms(const char *when) {
  unsigned char b[24];
  ssize_t n = getrandom(b, sizeof b, 0);
  printf("%s getrandom(%zd):", when, n);
  for (int i = 0; i < (int)sizeof b; i++) printf(" %02x", b[i]);
  printf("\n");
}

int main(void) {
  const unsigned char *at = (const unsigned char *)getauxval(AT_RANDOM);
  printf("AT_RANDOM:");
  for (int i = 0; at && i < 16; i++) printf(" %02x", at[i]);
  printf("\n");
  for (int round = 0; round < 4; round++) {
    char when[16];
    snprintf(when, sizeof when, "round%d", round);
    clocks(when);
    randoms(when);
    spin(20000 * (round + 1));
    struct timespec req = {0, 1000000};
    nanosleep(&req, NULL);
    fflush(stdout);
  }
  return 0;
}
