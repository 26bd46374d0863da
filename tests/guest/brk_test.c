/* Program break: sbrk growth and shrink, raw brk syscalls, memory contents
   across growth.  Only differences between break values are printed. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  uint8_t *b0 = sbrk(0);
  uint8_t *r = sbrk(10 * 4096);
  printf("sbrk(40960) returned the old break: %s\n", r == b0 ? "yes" : "no");
  uint8_t *b1 = sbrk(0);
  printf("break grew by %td\n", b1 - b0);
  memset(b0, 0x77, 10 * 4096);
  uint64_t sum = 0;
  for (int i = 0; i < 10 * 4096; i++) sum += b0[i];
  printf("new memory writable, sum=%llu\n", (unsigned long long)sum);
  for (int k = 0; k < 50; k++) { uint8_t *x = sbrk(12345); CHECK(x != (void *)-1); x[0] = (uint8_t)k; x[12344] = (uint8_t)k; }
  uint8_t *b2 = sbrk(0);
  printf("after 50 x sbrk(12345): grew by %td\n", b2 - b1);
  CHECK(sbrk(-(intptr_t)(b2 - b1)) != (void *)-1);
  printf("shrink back: %s\n", sbrk(0) == b1 ? "yes" : "no");
  printf("old contents kept: %s\n", b0[0] == 0x77 && b0[10 * 4096 - 1] == 0x77 ? "yes" : "no");

  uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
  printf("raw brk(0) == sbrk(0): %s\n", cur == (uintptr_t)sbrk(0) ? "yes" : "no");
  uintptr_t want = cur + (1 << 20);
  uintptr_t got = (uintptr_t)syscall(SYS_brk, want);
  printf("raw brk(+1MiB) honoured: %s\n", got == want ? "yes" : "no");
  memset((void *)cur, 0xA5, 1 << 20);
  printf("1MiB via raw brk writable: %s\n", ((uint8_t *)cur)[(1 << 20) - 1] == 0xA5 ? "yes" : "no");
  got = (uintptr_t)syscall(SYS_brk, cur);
  printf("raw brk shrink honoured: %s\n", got == cur ? "yes" : "no");
  got = (uintptr_t)syscall(SYS_brk, want);
  printf("regrown memory is zero: %s\n", got == want && ((uint8_t *)cur)[4096] == 0 && ((uint8_t *)cur)[(1 << 20) - 1] == 0 ? "yes" : "no");
  got = (uintptr_t)syscall(SYS_brk, 1);
  printf("raw brk(1) refused (returns current): %s\n", got == want ? "yes" : "no");
  syscall(SYS_brk, cur);
  CHECK(brk((void *)(cur + 8192)) == 0);
  printf("brk() wrapper grows: %s\n", sbrk(0) == (void *)(cur + 8192) ? "yes" : "no");
  return 0;
}
