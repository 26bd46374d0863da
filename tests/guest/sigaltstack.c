/* The alternate signal stack (sigaltstack, SA_ONSTACK), compared with
 * qemu-riscv64: where handlers run, what sigaltstack reports inside and
 * outside them, its refusals, and the use it exists for: a stack overflow
 * caught by a SIGSEGV handler, which can only run on another stack, and
 * left with siglongjmp.  Only facts are printed (on the alternate stack or
 * not, flags, errors), never addresses.
 *
 * Usage: sigaltstack [autodisarm]
 * autodisarm: SS_AUTODISARM instead (Linux 4.7), which qemu 7.2 refuses:
 * tests/guest/sigaltstack.sh checks it against the kernel's rules. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define ALT_SIZE (64 * 1024)
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* <linux/signal.h>; glibc 2.36 does not define it */
#endif
static char *alt;
static volatile int on_alt = -1, flags_inside = -1, depth_reached;
static sigjmp_buf back;

static int inside(const void *p) { return (const char *)p >= alt && (const char *)p < alt + ALT_SIZE; }

static void on_usr1(int sig) {
  (void)sig;
  char local;
  stack_t now;
  on_alt = inside(&local);
  sigaltstack(NULL, &now);
  flags_inside = now.ss_flags;
}

static void on_usr2(int sig) {
  (void)sig;
  char local;
  on_alt = inside(&local);
  /* changing the stack while running on it is refused */
  stack_t ss = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
  errno = 0;
  int r = sigaltstack(&ss, NULL);
  flags_inside = r == -1 ? errno : 0;
}

static void on_segv(int sig) {
  (void)sig;
  char local;
  on_alt = inside(&local);
  siglongjmp(back, 1);
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(int n) {
  volatile char pad[1024];
  pad[0] = (char)n;
  depth_reached = n;
  return recurse(n + 1) + pad[0];
}

static void handle(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigaction(sig, &sa, NULL);
}

/* SS_AUTODISARM: the stack is disabled while the handler runs, and back
 * after it. */
static void autodisarm(void) {
  stack_t ss = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = SS_AUTODISARM}, old;
  handle(SIGUSR1, on_usr1, SA_ONSTACK);
  printf("autodisarm: %d\n", sigaltstack(&ss, NULL));
  raise(SIGUSR1);
  printf("autodisarm: on the alternate stack %d, flags inside %d\n", on_alt, flags_inside);
  sigaltstack(NULL, &old);
  printf("after it: flags %#x, size %zu\n", (unsigned)old.ss_flags, old.ss_size);
}

int main(int argc, char **argv) {
  stack_t ss, old;
  alt = malloc(ALT_SIZE);
  if (argc > 1 && strcmp(argv[1], "autodisarm") == 0) {
    autodisarm();
    return 0;
  }

  sigaltstack(NULL, &old);
  printf("at start: flags %d, size %zu\n", old.ss_flags, old.ss_size);
  ss = (stack_t){.ss_sp = alt, .ss_size = 1024, .ss_flags = 0};
  errno = 0;
  printf("1024 bytes: %d %s\n", sigaltstack(&ss, NULL), strerror(errno));
  ss = (stack_t){.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 4};
  errno = 0;
  printf("flags 4: %d %s\n", sigaltstack(&ss, NULL), strerror(errno));

  /* Without SA_ONSTACK handlers stay on the current stack. */
  ss = (stack_t){.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
  printf("set: %d\n", sigaltstack(&ss, NULL));
  sigaltstack(NULL, &old);
  printf("read back: same pointer %d, flags %d, size %zu\n", old.ss_sp == alt, old.ss_flags, old.ss_size);
  handle(SIGUSR1, on_usr1, 0);
  raise(SIGUSR1);
  printf("no SA_ONSTACK: on the alternate stack %d, flags inside %d\n", on_alt, flags_inside);
  handle(SIGUSR1, on_usr1, SA_ONSTACK);
  raise(SIGUSR1);
  printf("SA_ONSTACK: on the alternate stack %d, flags inside %d\n", on_alt, flags_inside);
  sigaltstack(NULL, &old);
  printf("after it: flags %d\n", old.ss_flags);
  handle(SIGUSR2, on_usr2, SA_ONSTACK);
  raise(SIGUSR2);
  printf("changed from inside: on it %d, errno %s\n", on_alt, strerror(flags_inside));

  /* Disabled: the handler runs on the current stack. */
  ss = (stack_t){.ss_flags = SS_DISABLE};
  printf("disable: %d\n", sigaltstack(&ss, NULL));
  raise(SIGUSR1);
  printf("disabled: on the alternate stack %d\n", on_alt);
  sigaltstack(NULL, &old);
  printf("read back: flags %d, size %zu\n", old.ss_flags, old.ss_size);

  /* A stack overflow, caught on the alternate stack. */
  ss = (stack_t){.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  handle(SIGSEGV, on_segv, SA_ONSTACK | SA_NODEFER);
  on_alt = -1;
  if (sigsetjmp(back, 1) == 0) {
    recurse(0);
    printf("no overflow?\n");
  } else {
    printf("overflow caught: on the alternate stack %d, deeper than 1000 frames %d\n", on_alt,
           depth_reached > 1000);
  }
  sigaltstack(NULL, &old);
  printf("after siglongjmp: flags %d\n", old.ss_flags);
  return 0;
}
