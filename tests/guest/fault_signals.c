/* Faults delivered to the program's own handlers, as Linux delivers them:
   SIGSEGV for a store to a read-only page and a load from an unmapped
   address (si_addr, si_code), SIGILL for an illegal instruction, SIGTRAP
   for ebreak, each left with siglongjmp; then the write-barrier pattern of
   garbage collectors, a handler that makes the page writable and returns,
   so that the faulting store runs again and succeeds. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common.h"

static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code, barrier_hits;
static uint8_t *heap;
static volatile uintptr_t low = 16; /* an address never mapped */

static void jump_out(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  fault_addr = (uintptr_t)si->si_addr;
  fault_code = si->si_code;
  siglongjmp(jb, sig);
}

static void barrier(int sig, siginfo_t *si, void *uc) {
  (void)sig, (void)uc;
  uintptr_t page = (uintptr_t)si->si_addr & ~(uintptr_t)4095;
  barrier_hits++;
  if (mprotect((void *)page, 4096, PROT_READ | PROT_WRITE)) _exit(3);
}

static void on(int sig, void (*h)(int, siginfo_t *, void *)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = h;
  sa.sa_flags = SA_SIGINFO;
  CHECK(sigaction(sig, &sa, NULL) == 0);
}

int main(void) {
  on(SIGSEGV, jump_out);
  on(SIGILL, jump_out);
  on(SIGTRAP, jump_out);
  uint8_t *ro = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(ro != MAP_FAILED);
  int s = sigsetjmp(jb, 1);
  if (s == 0) {
    ro[4097] = 1;
    puts("store to a read-only page: no fault");
  } else {
    printf("store to a read-only page: signal %d, code %d, offset %ld\n", s, fault_code,
           (long)(fault_addr - (uintptr_t)ro));
  }
  s = sigsetjmp(jb, 1);
  if (s == 0) {
    printf("%d\n", *(volatile int *)low);
  } else {
    printf("load from address 16: signal %d, code %d, address %lu\n", s, fault_code,
           (unsigned long)fault_addr);
  }
  s = sigsetjmp(jb, 1);
  if (s == 0) {
    __asm__ volatile(".word 0");
    puts("illegal instruction: no fault");
  } else {
    printf("illegal instruction: signal %d, code %d\n", s, fault_code);
  }
  s = sigsetjmp(jb, 1);
  if (s == 0) {
    __asm__ volatile("ebreak");
    puts("ebreak: no trap");
  } else {
    printf("ebreak: signal %d, code %d\n", s, fault_code);
  }

  /* write barrier: 64 pages start read-only; each first store faults once */
  on(SIGSEGV, barrier);
  heap = mmap(NULL, 64 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(heap != MAP_FAILED);
  uint32_t sum = 0;
  for (int round = 0; round < 3; round++)
    for (int i = 0; i < 64 * 4096; i += 1000) heap[i] = (uint8_t)(heap[i] + i + round);
  for (int i = 0; i < 64 * 4096; i++) sum = sum * 31 + heap[i];
  printf("write barrier: %d faults, contents %08x\n", barrier_hits, sum);
  return 0;
}
