/* Interval timers: getitimer and setitimer (glibc's alarm and ualarm are
 * setitimer).  ITIMER_REAL counts the guest's CLOCK_MONOTONIC and raises
 * SIGALRM; ITIMER_VIRTUAL and ITIMER_PROF count its process CPU time and
 * raise SIGVTALRM and SIGPROF, with si_code SI_KERNEL as the kernel sends
 * them.
 *
 * Without --host-time both clocks advance one nanosecond per retired
 * instruction (machine_clock), so a timer expires at an exact count: the
 * interpreter stops there (timer_stop, beside the snapshot and limit stops)
 * and the signal is delivered between two instructions, the same in every
 * run and across snapshots.  Sleeps advance CLOCK_MONOTONIC only: one that
 * outlasts ITIMER_REAL stops at its expiry (sys_sleep), and a wait that
 * nothing else could end (pause, sigsuspend, sigwait) sleeps until it
 * (sys_wait_forever).
 *
 * With --host-time the clocks are the host's, which the interpreter cannot
 * watch per instruction: it stops after a number of instructions that,
 * at the rate measured so far, takes about half the time left, looks at the
 * clock, and stops again, closer each time. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "sys_internal.h"

#define NS 1000000000ull

static const int timer_clock[3] = {1 /* CLOCK_MONOTONIC */, 2, 2 /* CLOCK_PROCESS_CPUTIME_ID */};
static const int timer_signal[3] = {RV_SIGALRM, RV_SIGVTALRM, RV_SIGPROF};

static uint64_t clock_ns(const struct machine *m, int clk) {
  uint64_t ns = 0;
  machine_clock_ns(m, clk, &ns); /* both clocks always exist */
  return ns;
}

uint64_t sys_timer_left(const struct machine *m, int t) {
  if (!m->itimer_at[t]) return 0;
  uint64_t now = clock_ns(m, timer_clock[t]);
  return m->itimer_at[t] > now ? m->itimer_at[t] - now : 0;
}

void sys_timer_set(struct machine *m, int t, bool armed, uint64_t left, uint64_t interval) {
  uint64_t at = clock_ns(m, timer_clock[t]) + (left > SYS_NS_CAP ? SYS_NS_CAP : left);
  m->itimer_at[t] = !armed ? 0 : at ? at : 1; /* 0 means disarmed */
  m->itimer_interval[t] = interval > SYS_NS_CAP ? SYS_NS_CAP : interval;
}

bool sys_timers_expire(struct machine *m) {
  bool any = false;
  for (int t = 0; t < 3; t++) {
    uint64_t at = m->itimer_at[t], iv = m->itimer_interval[t];
    if (!at) continue;
    uint64_t now = clock_ns(m, timer_clock[t]);
    if (now < at) continue;
    struct sys_ctx c = {.m = m};
    sys_signal_self(&c, timer_signal[t], RV_SI_KERNEL);
    /* Expiries missed meanwhile collapse into this one signal, as under
     * Linux (the overrun is not reported). */
    m->itimer_at[t] = iv ? at + iv * ((now - at) / iv + 1) : 0;
    any = true;
  }
  return any;
}

/* --host-time: instructions to run before looking at the clocks again, for
 * a timer due in left_ns. */
static uint64_t host_chunk(struct machine *m, uint64_t left_ns) {
  uint64_t now = clock_ns(m, 1 /* CLOCK_MONOTONIC: the host's */), ic = m->cpu.icount;
  if (!m->timer_seen_ns || now >= m->timer_seen_ns + 100000) { /* measure over 0.1 ms or more */
    if (m->timer_seen_ns && ic > m->timer_seen_icount)
      m->timer_rate = (double)(ic - m->timer_seen_icount) / (double)(now - m->timer_seen_ns);
    m->timer_seen_ns = now;
    m->timer_seen_icount = ic;
  }
  double n = (double)left_ns * (m->timer_rate > 0 ? m->timer_rate : 0.01) * 0.5;
  return n < 256 ? 256 : n > 1e15 ? (uint64_t)1e15 : (uint64_t)n;
}

void sys_timers_schedule(struct machine *m) {
  uint64_t stop = UINT64_MAX, ic = m->cpu.icount;
  for (int t = 0; t < 3; t++) {
    if (!m->itimer_at[t]) continue;
    uint64_t left = sys_timer_left(m, t);
    uint64_t n = m->host_time ? host_chunk(m, left) : left;
    if (ic + n < stop) stop = ic + n;
  }
  m->timer_stop = stop;
}

bool sys_timers_run(struct machine *m) {
  struct sys_ctx c = {.m = m};
  if (sys_timers_expire(m)) sys_deliver(&c);
  sys_timers_schedule(m);
  return c.exited;
}

/* Timer t as a struct itimerval: it_interval, it_value (struct timeval
 * each). */
static void get_itimer(const struct machine *m, int t, int64_t v[4]) {
  uint64_t left = sys_timer_left(m, t), iv = m->itimer_interval[t];
  v[0] = (int64_t)(iv / NS), v[1] = (int64_t)(iv % NS / 1000);
  v[2] = (int64_t)(left / NS), v[3] = (int64_t)(left % NS / 1000);
  if (m->itimer_at[t] && !v[2] && !v[3]) v[3] = 1; /* armed reads as at least 1 us, as in Linux */
}

int64_t sc_getitimer(struct sys_ctx *c) {
  int t = (int)c->a[0];
  int64_t v[4];
  if (t < 0 || t > 2) return -EINVAL;
  get_itimer(c->m, t, v);
  return mem_write(&c->m->mem, c->a[1], v, sizeof v) ? -EFAULT : 0;
}

/* A struct timeval's nanoseconds, saturating at SYS_NS_CAP. */
static uint64_t tv_ns(int64_t sec, int64_t usec) {
  uint64_t s = (uint64_t)sec;
  return (s > SYS_NS_CAP / NS ? SYS_NS_CAP : s * NS) + (uint64_t)usec * 1000;
}

/* As Linux: the new value is checked first, the old one written last
 * (-EFAULT then leaves the timer set). */
int64_t sc_setitimer(struct sys_ctx *c) {
  struct machine *m = c->m;
  int t = (int)c->a[0];
  int64_t v[4] = {0, 0, 0, 0}, old[4]; /* no new value: disarm (Linux accepts NULL) */
  if (t < 0 || t > 2) return -EINVAL;
  if (c->a[1] && mem_read(&m->mem, c->a[1], v, sizeof v)) return -EFAULT;
  for (int i = 0; i < 4; i += 2)
    if (v[i] < 0 || v[i + 1] < 0 || v[i + 1] > 999999) return -EINVAL;
  get_itimer(m, t, old);
  uint64_t iv = tv_ns(v[0], v[1]), left = tv_ns(v[2], v[3]);
  sys_timer_set(m, t, left != 0, left, iv);
  return c->a[2] && mem_write(&m->mem, c->a[2], old, sizeof old) ? -EFAULT : 0;
}
