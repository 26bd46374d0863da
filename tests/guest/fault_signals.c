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

static uint8_t *ro_page;
static void store_ro(void) { ro_page[4097] = 1; }
static void load_low(void) { printf("%d\n", *(volatile int *)low); }
static void illegal(void) { __asm__ volatile(".word 0"); }
static void breakpoint(void) { __asm__ volatile("ebreak"); }

/* act() must fault, and the handler leave with siglongjmp: the signal, its
 * si_code and (unless base is UINTPTR_MAX) si_addr - base. */
static void expect_fault(const char *what, void (*act)(void), uintptr_t base) {
  int s = sigsetjmp(jb, 1);
  if (s == 0) {
    act();
    printf("%s: no fault\n", what);
  } else if (base == UINTPTR_MAX) {
    printf("%s: signal %d, code %d\n", what, s, fault_code);
  } else {
    printf("%s: signal %d, code %d, address %lu\n", what, s, fault_code,
           (unsigned long)(fault_addr - base));
  }
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
  ro_page = ro;
  expect_fault("store to a read-only page", store_ro, (uintptr_t)ro);
  expect_fault("load from address 16", load_low, 0);
  expect_fault("illegal instruction", illegal, UINTPTR_MAX);
  expect_fault("ebreak", breakpoint, UINTPTR_MAX);

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
