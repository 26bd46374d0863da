/* A wait nothing can end, for tests/guest/deadlock.sh (not a golden case:
 * on Linux or qemu-riscv64 these block for ever).
 *
 *   waits pause|select|sigsuspend|futex
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  printf("waiting: %s\n", what);
  fflush(stdout);
  if (!strcmp(what, "pause")) {
    pause();
  } else if (!strcmp(what, "select")) {
    select(0, NULL, NULL, NULL, NULL);
  } else if (!strcmp(what, "sigsuspend")) {
    sigset_t none;
    sigemptyset(&none);
    sigsuspend(&none);
  } else if (!strcmp(what, "futex")) {
    static uint32_t word;
    syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  } else {
    fprintf(stderr, "usage: waits pause|select|sigsuspend|futex\n");
    return 2;
  }
  printf("woke up\n");
  return 0;
}
