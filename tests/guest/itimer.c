/* Interval timers (setitimer, getitimer, alarm), compared with qemu-riscv64.
 * Only what does not depend on how fast the program runs is printed:
 * which signals arrived, in what order, and with what siginfo; which calls
 * were interrupted; values set and read back where Linux keeps them
 * exactly.  The timers are short (milliseconds) so that the run is quick
 * under Amanatsu's deterministic clock, one nanosecond per instruction.
 *
 * Usage: itimer [die]   (die: end killed by SIGALRM's default action) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t fired[65];
static volatile int last_code = -1, last_pid = -1;

static void on_signal(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  fired[sig]++;
  last_code = si->si_code;
  last_pid = si->si_pid;
}

static void handle(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO;
  sigaction(sig, &sa, NULL);
}

static void arm(int which, long usec, long every_usec) {
  struct itimerval v = {{every_usec / 1000000, every_usec % 1000000}, {usec / 1000000, usec % 1000000}};
  if (setitimer(which, &v, NULL) != 0) perror("setitimer");
}

static void block(int sig, int how) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  sigprocmask(how, &s, NULL);
}

int main(int argc, char **argv) {
  struct itimerval v;
  volatile unsigned long spin = 0;
  int r;

  /* Fresh: nothing armed; bad arguments. */
  for (int w = 0; w < 3; w++) {
    getitimer(w, &v);
    printf("timer %d at start: %ld %ld %ld %ld\n", w, (long)v.it_interval.tv_sec,
           (long)v.it_interval.tv_usec, (long)v.it_value.tv_sec, (long)v.it_value.tv_usec);
  }
  errno = 0;
  printf("getitimer(3): %d %s\n", getitimer(3, &v), strerror(errno));
  struct itimerval bad = {{0, 0}, {0, 1000000}};
  errno = 0;
  printf("setitimer usec 1000000: %d %s\n", setitimer(ITIMER_REAL, &bad, NULL), strerror(errno));
  bad.it_value.tv_usec = 0, bad.it_value.tv_sec = -1;
  errno = 0;
  printf("setitimer sec -1: %d %s\n", setitimer(ITIMER_REAL, &bad, NULL), strerror(errno));

  /* Read back: the interval exactly, the value counting down from 10 s. */
  arm(ITIMER_REAL, 10000000, 3000500);
  getitimer(ITIMER_REAL, &v);
  printf("armed 10 s every 3.0005 s: interval %ld %ld, left below 10 s and above 9 s: %d\n",
         (long)v.it_interval.tv_sec, (long)v.it_interval.tv_usec,
         v.it_value.tv_sec == 9 || (v.it_value.tv_sec == 10 && v.it_value.tv_usec == 0));
  struct itimerval zero = {{0, 0}, {0, 0}}, old;
  setitimer(ITIMER_REAL, &zero, &old);
  printf("disarmed; old interval %ld %ld, old value set: %d\n", (long)old.it_interval.tv_sec,
         (long)old.it_interval.tv_usec, old.it_value.tv_sec > 0);
  getitimer(ITIMER_REAL, &v);
  printf("after: %ld %ld\n", (long)v.it_value.tv_sec, (long)v.it_value.tv_usec);
  printf("alarm(5): %u, then alarm(0): %u\n", alarm(5), alarm(0));
  /* An old value that cannot be written: EFAULT, and the new one is set. */
  struct itimerval five = {{0, 0}, {5, 0}};
  errno = 0;
  r = setitimer(ITIMER_REAL, &five, (struct itimerval *)8);
  printf("unwritable old value: %d %s", r, strerror(errno));
  getitimer(ITIMER_REAL, &v);
  printf(", armed anyway: %d\n", v.it_value.tv_sec == 4 || v.it_value.tv_sec == 5);
  setitimer(ITIMER_REAL, &zero, NULL);

  /* One expiry in a loop that makes no system call. */
  handle(SIGALRM);
  arm(ITIMER_REAL, 3000, 0);
  while (!fired[SIGALRM]) spin++;
  printf("SIGALRM: %d, si_code %#x, si_pid %d\n", fired[SIGALRM], last_code, last_pid);

  /* Periodic: five expiries, then disarmed from the loop. */
  fired[SIGALRM] = 0;
  arm(ITIMER_REAL, 2000, 2000);
  while (fired[SIGALRM] < 5) spin++;
  setitimer(ITIMER_REAL, &zero, NULL);
  printf("periodic SIGALRM: at least 5: %d\n", fired[SIGALRM] >= 5);

  /* Process CPU time. */
  handle(SIGVTALRM);
  handle(SIGPROF);
  arm(ITIMER_VIRTUAL, 3000, 0);
  while (!fired[SIGVTALRM]) spin++;
  arm(ITIMER_PROF, 3000, 0);
  while (!fired[SIGPROF]) spin++;
  printf("SIGVTALRM: %d, SIGPROF: %d, si_code %#x\n", fired[SIGVTALRM], fired[SIGPROF], last_code);

  /* A sleep that outlasts the timer ends early. */
  fired[SIGALRM] = 0;
  arm(ITIMER_REAL, 20000, 0);
  struct timespec ten = {10, 0}, rem = {0, 0};
  errno = 0;
  r = nanosleep(&ten, &rem);
  printf("nanosleep 10 s: %d %s, SIGALRM %d, 9 s left: %d\n", r, strerror(errno), fired[SIGALRM],
         rem.tv_sec == 9);

  /* pause() and sigsuspend() wait for it. */
  fired[SIGALRM] = 0;
  arm(ITIMER_REAL, 20000, 0);
  errno = 0;
  r = pause();
  printf("pause: %d %s, SIGALRM %d\n", r, strerror(errno), fired[SIGALRM]);
  fired[SIGALRM] = 0;
  block(SIGALRM, SIG_BLOCK);
  arm(ITIMER_REAL, 20000, 0);
  sigset_t none;
  sigemptyset(&none);
  errno = 0;
  r = sigsuspend(&none);
  printf("sigsuspend: %d %s, SIGALRM %d\n", r, strerror(errno), fired[SIGALRM]);

  /* Blocked: pending until unblocked; sigwait takes it. */
  fired[SIGALRM] = 0;
  arm(ITIMER_REAL, 3000, 0);
  sigset_t p;
  do {
    spin++;
    sigpending(&p);
  } while (!sigismember(&p, SIGALRM));
  printf("blocked: pending, handled %d\n", fired[SIGALRM]);
  block(SIGALRM, SIG_UNBLOCK);
  printf("unblocked: handled %d\n", fired[SIGALRM]);
  block(SIGALRM, SIG_BLOCK);
  arm(ITIMER_REAL, 20000, 0);
  sigset_t alrm;
  sigemptyset(&alrm);
  sigaddset(&alrm, SIGALRM);
  int got = 0;
  r = sigwait(&alrm, &got);
  printf("sigwait: %d, signal %d\n", r, got);
  block(SIGALRM, SIG_UNBLOCK);

  /* Ignored: a sleep goes on to its end. */
  signal(SIGALRM, SIG_IGN);
  arm(ITIMER_REAL, 5000, 0);
  struct timespec t30 = {0, 30000000};
  r = nanosleep(&t30, NULL);
  printf("ignored: nanosleep %d\n", r);

  if (argc > 1 && strcmp(argv[1], "die") == 0) {
    signal(SIGALRM, SIG_DFL);
    fflush(stdout);
    arm(ITIMER_REAL, 3000, 0);
    for (;;) spin++;
  }
  return 0;
}
