/* Time-related calls, checked for sanity only (no times are printed):
   clock_gettime on several clocks, gettimeofday, time, nanosleep, clock,
   clock_getres, times, select and ppoll used as sleeps. */
#define _GNU_SOURCE
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "common.h"

static int64_t ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

int main(void) {
  struct timespec a, b, res;
  CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
  int monotonic_ok = 1, nsec_ok = 1;
  for (int i = 0; i < 1000; i++) {
    CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    if (ns(b) < ns(a)) monotonic_ok = 0;
    if (b.tv_nsec < 0 || b.tv_nsec >= 1000000000) nsec_ok = 0;
    a = b;
  }
  printf("CLOCK_MONOTONIC non-decreasing over 1000 reads: %s\n", monotonic_ok ? "yes" : "no");
  printf("tv_nsec in range: %s\n", nsec_ok ? "yes" : "no");

  struct timespec rt;
  CHECK(clock_gettime(CLOCK_REALTIME, &rt) == 0);
  printf("CLOCK_REALTIME after 2020 and before 2100: %s\n", rt.tv_sec > 1577836800 && rt.tv_sec < 4102444800 ? "yes" : "no");
  time_t t1 = time(NULL), t2;
  time(&t2);
  printf("time() agrees with CLOCK_REALTIME within 5s: %s\n", t1 - rt.tv_sec <= 5 && t1 - rt.tv_sec >= -1 ? "yes" : "no");
  printf("time(&t) stores the value: %s\n", t2 >= t1 ? "yes" : "no");
  struct timeval tv;
  CHECK(gettimeofday(&tv, NULL) == 0);
  printf("gettimeofday close to time(): %s usec in range: %s\n", tv.tv_sec - t1 <= 5 && tv.tv_sec >= t1 ? "yes" : "no",
         tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");

  struct timespec before, after, req = {0, 20 * 1000 * 1000};
  clock_gettime(CLOCK_MONOTONIC, &before);
  CHECK(nanosleep(&req, NULL) == 0);
  clock_gettime(CLOCK_MONOTONIC, &after);
  printf("nanosleep(20ms) slept at least 20ms: %s\n", ns(after) - ns(before) >= 20000000 ? "yes" : "no");
  clock_gettime(CLOCK_MONOTONIC, &before);
  usleep(5000);
  clock_gettime(CLOCK_MONOTONIC, &after);
  printf("usleep(5ms) slept at least 5ms: %s\n", ns(after) - ns(before) >= 5000000 ? "yes" : "no");
  /* select and ppoll on no descriptor are sleeps too */
  struct timeval tmo = {0, 30000};
  clock_gettime(CLOCK_MONOTONIC, &before);
  CHECK(select(0, NULL, NULL, NULL, &tmo) == 0);
  clock_gettime(CLOCK_MONOTONIC, &after);
  printf("select(30ms, no fds) slept at least 30ms: %s\n", ns(after) - ns(before) >= 30000000 ? "yes" : "no");
  struct timespec pt = {0, 10 * 1000 * 1000};
  clock_gettime(CLOCK_MONOTONIC, &before);
  CHECK(ppoll(NULL, 0, &pt, NULL) == 0);
  clock_gettime(CLOCK_MONOTONIC, &after);
  printf("ppoll(10ms, no fds) slept at least 10ms: %s\n", ns(after) - ns(before) >= 10000000 ? "yes" : "no");
  /* entries with a negative fd are ignored, but their revents are cleared */
  struct pollfd neg[2] = {{-1, POLLIN, 0x7}, {-5, POLLOUT, POLLERR}};
  struct timespec pt0 = {0, 1000};
  CHECK(ppoll(neg, 2, &pt0, NULL) == 0);
  printf("ppoll on negative fds: revents %d %d\n", neg[0].revents, neg[1].revents);

  printf("clock_getres(MONOTONIC) ok: %s\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 10000000 ? "yes" : "no");
  struct timespec c1, c2;
  CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1) == 0);
  volatile uint64_t spin = 0;
  for (int i = 0; i < 3000000; i++) spin += (uint64_t)i * i;
  CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c2) == 0);
  printf("process cpu time non-decreasing: %s\n", ns(c2) >= ns(c1) ? "yes" : "no");
  struct timespec th;
  printf("CLOCK_THREAD_CPUTIME_ID works: %s\n", clock_gettime(CLOCK_THREAD_CPUTIME_ID, &th) == 0 ? "yes" : "no");
  struct timespec bt;
  printf("CLOCK_BOOTTIME works: %s\n", clock_gettime(CLOCK_BOOTTIME, &bt) == 0 && bt.tv_sec >= 0 ? "yes" : "no");
  clock_t ck = clock();
  printf("clock() non-negative: %s\n", ck >= 0 ? "yes" : "no");
  struct tms tm;
  printf("times() ok: %s\n", times(&tm) != (clock_t)-1 ? "yes" : "no");
  /* a fixed date through gmtime_r: pure computation */
  time_t fixed = 1700000000;
  struct tm g;
  gmtime_r(&fixed, &g);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j", &g);
  printf("gmtime(1700000000) = %s\n", buf);
  printf("timegm round trip: %s\n", timegm(&g) == fixed ? "yes" : "no");
  printf("spin=%llu\n", (unsigned long long)spin);
  return 0;
}
