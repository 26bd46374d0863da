/* Waiting for input until a deadline on the program's own clock, with poll
   and select on a pipe that never becomes readable: each wait times out,
   and the clock must have moved by its timeout. */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include "common.h"

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int main(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  long long start = now_ms(), deadline = start + 300;
  int polls = 0, ready = 0;
  for (long long t; (t = now_ms()) < deadline && polls < 1000; polls++) {
    struct pollfd f = {p[0], POLLIN, 0};
    ready += poll(&f, 1, (int)(deadline - t));
  }
  printf("poll: deadline %s, %s, nothing ready: %s\n", now_ms() >= deadline ? "reached" : "missed",
         polls >= 1 && polls <= 3 ? "1 to 3 waits" : "too many waits", ready == 0 ? "yes" : "no");
  deadline = now_ms() + 300;
  int sels = 0;
  for (long long t; (t = now_ms()) < deadline && sels < 1000; sels++) {
    fd_set r;
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    struct timeval tv = {0, (deadline - t) * 1000};
    ready += select(p[0] + 1, &r, NULL, NULL, &tv);
    if (tv.tv_sec || tv.tv_usec) printf("select left time: %ld us\n", (long)tv.tv_usec);
  }
  printf("select: deadline %s, %s, nothing ready: %s\n", now_ms() >= deadline ? "reached" : "missed",
         sels >= 1 && sels <= 3 ? "1 to 3 waits" : "too many waits", ready == 0 ? "yes" : "no");
  return 0;
}
