/* Signals raised by the process itself: handlers installed with signal()
   and sigaction(), blocking with sigprocmask, pending set, SIG_IGN, SA_SIGINFO
   with si_signo, and a handler that modifies a global seen after return. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t got_signal;
static volatile int info_signo, info_code_user;
static void handler(int sig) { got_signal = sig; }
static void info_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  got_signal = sig;
  info_signo = si->si_signo;
  info_code_user = si->si_code == SI_TKILL || si->si_code == SI_USER;
}

int main(void) {
  signal(SIGUSR1, handler);
  raise(SIGUSR1);
  printf("handler saw signal %s\n", got_signal == SIGUSR1 ? "SIGUSR1" : "other");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sigaction(SIGUSR2, &sa, NULL);
  got_signal = 0;
  raise(SIGUSR2);
  printf("sigaction handler saw %s\n", got_signal == SIGUSR2 ? "SIGUSR2" : "other");
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  got_signal = 0;
  raise(SIGUSR1);
  printf("blocked: delivered=%s\n", got_signal ? "yes" : "no");
  sigset_t pend;
  sigpending(&pend);
  printf("pending SIGUSR1: %s\n", sigismember(&pend, SIGUSR1) ? "yes" : "no");
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("after unblock: delivered=%s\n", got_signal == SIGUSR1 ? "yes" : "no");
  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("ignored signal survived\n");
  struct sigaction si;
  memset(&si, 0, sizeof si);
  si.sa_sigaction = info_handler;
  si.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &si, NULL);
  got_signal = 0;
  raise(SIGUSR2);
  printf("SA_SIGINFO: signo ok=%s sent by user=%s\n", info_signo == SIGUSR2 ? "yes" : "no", info_code_user ? "yes" : "no");
  struct sigaction cur;
  sigaction(SIGUSR2, NULL, &cur);
  printf("sigaction query: SA_SIGINFO set=%s\n", cur.sa_flags & SA_SIGINFO ? "yes" : "no");
  int count = 0;
  signal(SIGALRM, handler);
  for (int i = 0; i < 100; i++) { got_signal = 0; raise(SIGALRM); count += got_signal == SIGALRM; }
  printf("100 raises delivered %d times\n", count);
  return 0;
}
