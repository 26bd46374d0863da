/* Process, time and memory system calls.
 *
 * The guest is one single-threaded process; its pid and tid are
 * machine_pid(): 1000, or the simulator's host pid with --host-time. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "sys_internal.h"
#include "sys_layout.h"

/* What set_robust_list returns: 0, as Linux.  qemu-riscv64 7.2 (the
 * reference) returns -ENOSYS; glibc 2.36 only records that in
 * __nptl_set_robust_list_avail, which changes nothing a single-threaded
 * program can observe (only --strace lines differ). */
#define ROBUST_LIST_RESULT 0

/* ---- exit and identity ---- */

int64_t sc_exit(struct sys_ctx *c) {
  c->m->exit_status = (int)(c->a[0] & 0xff);
  c->exited = true;
  return 0;
}

/* One thread: exit and exit_group are the same. */
int64_t sc_exit_group(struct sys_ctx *c) { return sc_exit(c); }

int64_t sc_getpid(struct sys_ctx *c) { return machine_pid(c->m); }
int64_t sc_gettid(struct sys_ctx *c) { return machine_pid(c->m); }
int64_t sc_getppid(struct sys_ctx *c) { return c->m->host_time ? getppid() : 1; }

/* The user and group ids are the host's. */
#define HOST_ID(name)                     \
  int64_t sc_##name(struct sys_ctx *c) { \
    (void)c;                              \
    return name();                        \
  }
HOST_ID(getuid)
HOST_ID(geteuid)
HOST_ID(getgid)
HOST_ID(getegid)
#undef HOST_ID

static int64_t put_ids(struct machine *m, const uint64_t *a, unsigned r, unsigned e, unsigned s) {
  uint32_t v[3] = {r, e, s};
  for (int i = 0; i < 3; i++)
    if (mem_write(&m->mem, a[i], &v[i], 4)) return -EFAULT;
  return 0;
}

int64_t sc_getresuid(struct sys_ctx *c) {
  uid_t r, e, s;
  if (getresuid(&r, &e, &s)) return sys_err();
  return put_ids(c->m, c->a, r, e, s);
}

int64_t sc_getresgid(struct sys_ctx *c) {
  gid_t r, e, s;
  if (getresgid(&r, &e, &s)) return sys_err();
  return put_ids(c->m, c->a, r, e, s);
}

int64_t sc_getgroups(struct sys_ctx *c) {
  int size = (int)c->a[0];
  if (size < 0) return -EINVAL;
  int n = getgroups(0, NULL);
  if (n < 0) return sys_err();
  if (size == 0) return n;
  if (size < n) return -EINVAL;
  gid_t *h = malloc(((size_t)n + 1) * sizeof *h);
  uint32_t *g = malloc(((size_t)n + 1) * sizeof *g);
  int64_t res = -ENOMEM;
  if (h && g) {
    n = getgroups(n, h);
    if (n < 0) {
      res = sys_err();
    } else {
      for (int i = 0; i < n; i++) g[i] = (uint32_t)h[i];
      res = mem_write(&c->m->mem, c->a[1], g, (size_t)n * 4) ? -EFAULT : n;
    }
  }
  free(h);
  free(g);
  return res;
}

/* A pid argument for the host: the guest's own pid (machine_pid, 1000
 * unless --host-time) is this process, 0 to the calls below. */
static pid_t host_pid(struct machine *m, uint64_t a) {
  int pid = (int)a;
  return pid == machine_pid(m) ? 0 : (pid_t)pid;
}

/* The guest is the host process: its process group and session are ours. */
int64_t sc_getpgid(struct sys_ctx *c) {
  pid_t r = getpgid(host_pid(c->m, c->a[0]));
  return r < 0 ? sys_err() : r;
}

int64_t sc_getsid(struct sys_ctx *c) {
  pid_t r = getsid(host_pid(c->m, c->a[0]));
  return r < 0 ? sys_err() : r;
}

int64_t sc_setpgid(struct sys_ctx *c) {
  if (host_pid(c->m, c->a[0]) != 0) return -ESRCH;
  return setpgid(0, host_pid(c->m, c->a[1])) ? sys_err() : 0;
}

int64_t sc_setsid(struct sys_ctx *c) {
  (void)c;
  pid_t r = setsid();
  return r < 0 ? sys_err() : r;
}

/* One CPU, one node. */
int64_t sc_getcpu(struct sys_ctx *c) {
  uint32_t zero = 0;
  if (c->a[0] && mem_write(&c->m->mem, c->a[0], &zero, 4)) return -EFAULT;
  if (c->a[1] && mem_write(&c->m->mem, c->a[1], &zero, 4)) return -EFAULT;
  return 0;
}

/* No children can exist (no fork). */
int64_t sc_wait4(struct sys_ctx *c) {
  (void)c;
  return -ECHILD;
}

int64_t sc_waitid(struct sys_ctx *c) { return sc_wait4(c); }

/* PRIO_PROCESS / PRIO_PGRP / PRIO_USER: 0, 1, 2 on both sides.  Reading is
 * the host's answer (the kernel's 20 - nice encoding); setting only for
 * ourselves. */
int64_t sc_getpriority(struct sys_ctx *c) {
  int which = (int)c->a[0];
  long r = syscall(SYS_getpriority, which,
                   which == PRIO_PROCESS ? (int)host_pid(c->m, c->a[1]) : (int)c->a[1]);
  return r < 0 ? sys_err() : r;
}

int64_t sc_setpriority(struct sys_ctx *c) {
  int which = (int)c->a[0];
  if (which != PRIO_PROCESS || host_pid(c->m, c->a[1]) != 0) return -EPERM;
  return setpriority(PRIO_PROCESS, 0, (int)c->a[2]) ? sys_err() : 0;
}

int64_t sc_set_tid_address(struct sys_ctx *c) {
  c->m->tid_address = c->a[0];
  return machine_pid(c->m);
}

int64_t sc_set_robust_list(struct sys_ctx *c) {
  if (c->a[1] != 24) return -EINVAL; /* sizeof(struct robust_list_head) */
  c->m->robust_list = c->a[0];
  c->m->robust_len = c->a[1];
  return ROBUST_LIST_RESULT;
}

int64_t sc_rseq(struct sys_ctx *c) {
  (void)c;
  return -ENOSYS;
}

int64_t sc_umask(struct sys_ctx *c) { return umask((mode_t)(c->a[0] & 0777)); }

int64_t sc_uname(struct sys_ctx *c) {
  struct utsname u;
  if (uname(&u) != 0) return sys_err();
  struct rv_utsname g;
  rv_utsname_from_host(&g, &u);
  /* The host's names and release, as qemu-riscv64 reports them, but the
   * guest's machine. */
  memset(g.machine, 0, sizeof g.machine);
  strcpy(g.machine, "riscv64");
  return mem_write(&c->m->mem, c->a[0], &g, sizeof g) ? -EFAULT : 0;
}

int64_t sc_sysinfo(struct sys_ctx *c) {
  struct sysinfo h;
  if (c->m->host_time) {
    if (sysinfo(&h) != 0) return sys_err();
  } else { /* a fixed machine, so that deterministic runs stay so */
    struct timespec up;
    machine_clock(c->m, CLOCK_MONOTONIC, &up);
    memset(&h, 0, sizeof h);
    h.uptime = up.tv_sec;
    h.totalram = 4ull << 30;
    h.freeram = 3ull << 30;
    h.procs = 1;
    h.mem_unit = 1;
  }
  struct rv_sysinfo g;
  rv_sysinfo_from_host(&g, &h);
  return mem_write(&c->m->mem, c->a[0], &g, sizeof g) ? -EFAULT : 0;
}

int64_t sc_times(struct sys_ctx *c) {
  struct tms h;
  clock_t t;
  if (c->m->host_time) {
    if ((t = times(&h)) == (clock_t)-1) return sys_err();
  } else { /* CPU time is the retired count at 1 ns each; ticks are 1/100 s */
    struct timespec cpu, up;
    machine_clock(c->m, CLOCK_PROCESS_CPUTIME_ID, &cpu);
    machine_clock(c->m, CLOCK_MONOTONIC, &up);
    memset(&h, 0, sizeof h);
    h.tms_utime = (clock_t)(cpu.tv_sec * 100 + cpu.tv_nsec / 10000000);
    t = (clock_t)(up.tv_sec * 100 + up.tv_nsec / 10000000);
  }
  if (c->a[0]) {
    struct rv_tms g;
    rv_tms_from_host(&g, &h);
    if (mem_write(&c->m->mem, c->a[0], &g, sizeof g)) return -EFAULT;
  }
  return (int64_t)t;
}

int64_t sc_getrusage(struct sys_ctx *c) {
  int who = (int)c->a[0];
  if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) return -EINVAL;
  struct rusage h;
  if (c->m->host_time) {
    if (getrusage(who, &h) != 0) return sys_err();
  } else {
    struct timespec cpu;
    machine_clock(c->m, CLOCK_PROCESS_CPUTIME_ID, &cpu);
    memset(&h, 0, sizeof h);
    if (who != RUSAGE_CHILDREN) {
      h.ru_utime.tv_sec = cpu.tv_sec;
      h.ru_utime.tv_usec = cpu.tv_nsec / 1000;
    }
  }
  struct rv_rusage g;
  rv_rusage_from_host(&g, &h);
  return mem_write(&c->m->mem, c->a[1], &g, sizeof g) ? -EFAULT : 0;
}

/* ---- resource limits ---- */

#define RV_RLIMIT_DATA 2
#define RV_RLIMIT_STACK 3
#define RV_RLIMIT_AS 9
#define RV_RLIM_NLIMITS 16
#define RV_RLIM_INFINITY UINT64_MAX
_Static_assert(RLIMIT_NOFILE == 7 && RLIMIT_AS == 9 && RLIMIT_RTTIME == 15 &&
                   RLIM_INFINITY == (rlim_t)-1,
               "rlimit numbering (asm-generic on both sides)");

/* The guest's limits are the host's, except RLIMIT_STACK which describes the
 * stack the loader built (8 MiB, no hard limit).  Setting RLIMIT_STACK, _AS
 * or _DATA is accepted and ignored (they would constrain the simulator, not
 * the guest); other limits are set on the host process, which is the guest
 * process, as qemu does. */
static int64_t do_prlimit(struct machine *m, int res, uint64_t unew, uint64_t uold) {
  if (res < 0 || res >= RV_RLIM_NLIMITS) return -EINVAL;
  struct rv_rlimit nl, ol;
  if (unew) {
    if (mem_read(&m->mem, unew, &nl, sizeof nl)) return -EFAULT;
    if (nl.rlim_cur > nl.rlim_max) return -EINVAL;
  }
  if (res == RV_RLIMIT_STACK) {
    ol.rlim_cur = 8u << 20;
    ol.rlim_max = RV_RLIM_INFINITY;
  } else {
    struct rlimit h;
    if (getrlimit((__rlimit_resource_t)res, &h) != 0) return sys_err();
    ol.rlim_cur = h.rlim_cur == RLIM_INFINITY ? RV_RLIM_INFINITY : (uint64_t)h.rlim_cur;
    ol.rlim_max = h.rlim_max == RLIM_INFINITY ? RV_RLIM_INFINITY : (uint64_t)h.rlim_max;
  }
  if (unew && res != RV_RLIMIT_STACK && res != RV_RLIMIT_AS && res != RV_RLIMIT_DATA) {
    struct rlimit h = {.rlim_cur = (rlim_t)nl.rlim_cur, .rlim_max = (rlim_t)nl.rlim_max};
    if (setrlimit((__rlimit_resource_t)res, &h) != 0) return sys_err();
  }
  if (uold && mem_write(&m->mem, uold, &ol, sizeof ol)) return -EFAULT;
  return 0;
}

int64_t sc_prlimit64(struct sys_ctx *c) {
  if (host_pid(c->m, c->a[0]) != 0) return -EPERM; /* other processes: not ours to touch */
  return do_prlimit(c->m, (int)c->a[1], c->a[2], c->a[3]);
}

int64_t sc_getrlimit(struct sys_ctx *c) { return do_prlimit(c->m, (int)c->a[0], 0, c->a[1]); }

int64_t sc_setrlimit(struct sys_ctx *c) {
  if (!c->a[1]) return -EFAULT;
  return do_prlimit(c->m, (int)c->a[0], c->a[1], 0);
}

/* ---- scheduling ---- */

/* The guest sees one CPU: cpumask_size() is 8 bytes, bit 0 set. */
int64_t sc_sched_getaffinity(struct sys_ctx *c) {
  uint32_t len = (uint32_t)c->a[1];
  if (host_pid(c->m, c->a[0]) != 0) return -ESRCH;
  if (len == 0 || (len & 7)) return -EINVAL;
  uint64_t mask = 1;
  return mem_write(&c->m->mem, c->a[2], &mask, sizeof mask) ? -EFAULT : 8;
}

int64_t sc_sched_setaffinity(struct sys_ctx *c) {
  uint32_t len = (uint32_t)c->a[1];
  if (host_pid(c->m, c->a[0]) != 0) return -ESRCH;
  uint8_t first = 0;
  if (len && mem_read(&c->m->mem, c->a[2], &first, 1)) return -EFAULT;
  return (first & 1) ? 0 : -EINVAL; /* a mask without CPU 0 has no usable CPU */
}

int64_t sc_sched_yield(struct sys_ctx *c) {
  (void)c;
  return 0;
}

/* ---- time ---- */

/* Time is the machine's (machine_clock): derived from the retired count
 * unless --host-time.  Sleeps then take no host time: they advance the
 * guest's clocks (m->time_sleep_ns).  Clock ids are the same numbers on both
 * sides. */

int sys_sleep(struct machine *m, int clk, bool absolute, const struct timespec *req,
              struct timespec *rem, uint64_t wake) {
  if (clk == 3) return -EINVAL; /* CLOCK_THREAD_CPUTIME_ID: not sleepable */
  uint64_t n, end = sys_ts_ns(req);
  if (!machine_clock_ns(m, clk, &n)) return -EINVAL;
  if (!absolute) end = end > UINT64_MAX / 2 - n ? UINT64_MAX / 2 : n + end;
  /* ITIMER_REAL runs on CLOCK_MONOTONIC, which the sleeping clocks follow;
   * CPU time does not advance while asleep. */
  bool watch = m->itimer_at[0] && clk != 2;
  for (;;) {
    uint64_t t = end;
    bool expiry = false;
    if (watch) {
      uint64_t left = sys_timer_left(m, 0);
      if (left <= (end > n ? end - n : 0)) t = n + left, expiry = true;
    }
    if (t > n) {
      if (m->host_time) {
        struct timespec until = sys_ns_ts(t);
        int r = clock_nanosleep((clockid_t)clk, TIMER_ABSTIME, &until, NULL);
        if ((r && r != EINTR) || !machine_clock_ns(m, clk, &t)) return r ? -r : -EINVAL;
        if (r == EINTR) {
          if (rem) *rem = sys_ns_ts(end > t ? end - t : 0);
          return -EINTR;
        }
      } else { /* the guest's clocks stop at SYS_NS_CAP of sleep */
        uint64_t d = t - n < SYS_NS_CAP - m->time_sleep_ns ? t - n : SYS_NS_CAP - m->time_sleep_ns;
        m->time_sleep_ns += d;
        t = n + d;
      }
      n = t;
    }
    if (!expiry) return 0;
    sys_timers_expire(m);
    if (m->sigpending & wake) {
      if (rem) *rem = sys_ns_ts(end > n ? end - n : 0);
      return -EINTR;
    }
    /* Its signal does not end this sleep, nor will its next expiries: they
     * collapse into it when it is next looked at. */
    watch = false;
  }
}

static int64_t guest_clock(struct machine *m, int clk, struct timespec *ts) {
  return machine_clock(m, clk, ts) ? 0 : -EINVAL;
}

int64_t sc_clock_gettime(struct sys_ctx *c) {
  struct timespec ts;
  int64_t r = guest_clock(c->m, (int)c->a[0], &ts);
  return r ? r : sys_put_timespec(c->m, c->a[1], &ts);
}

/* The derived clocks tick in nanoseconds. */
int64_t sc_clock_getres(struct sys_ctx *c) {
  struct timespec ts;
  if (c->m->host_time) {
    if (clock_getres((clockid_t)(int)c->a[0], &ts) != 0) return sys_err();
  } else {
    int64_t r = guest_clock(c->m, (int)c->a[0], &ts);
    if (r) return r;
    ts.tv_sec = 0;
    ts.tv_nsec = 1;
  }
  return c->a[1] ? sys_put_timespec(c->m, c->a[1], &ts) : 0;
}

int64_t sc_gettimeofday(struct sys_ctx *c) {
  struct timespec ts;
  struct timezone tz = {0, 0}; /* the kernel's sys_tz, normally unset */
  int64_t r = guest_clock(c->m, 0, &ts);
  if (r) return r;
  if (c->m->host_time) {
    struct timeval tv;
    if (gettimeofday(&tv, &tz) != 0) return sys_err();
  }
  if (c->a[0]) {
    struct timeval tv = {.tv_sec = ts.tv_sec, .tv_usec = ts.tv_nsec / 1000};
    struct rv_timeval g;
    rv_timeval_from_host(&g, &tv);
    if (mem_write(&c->m->mem, c->a[0], &g, sizeof g)) return -EFAULT;
  }
  if (c->a[1]) {
    struct rv_timezone g = {tz.tz_minuteswest, tz.tz_dsttime};
    if (mem_write(&c->m->mem, c->a[1], &g, sizeof g)) return -EFAULT;
  }
  return 0;
}

int64_t sc_time(struct sys_ctx *c) {
  struct timespec ts;
  int64_t r = guest_clock(c->m, 0, &ts);
  if (r) return r;
  int64_t t = (int64_t)ts.tv_sec;
  if (c->a[0] && mem_write(&c->m->mem, c->a[0], &t, sizeof t)) return -EFAULT;
  return t;
}

int64_t sc_nanosleep(struct sys_ctx *c) {
  struct timespec req, rem;
  int r = sys_get_timespec(c->m, c->a[0], &req);
  if (r) return r;
  r = sys_sleep(c->m, 1 /* CLOCK_MONOTONIC */, false, &req, &rem, ~c->m->sigmask);
  if (r == -EINTR && c->a[1] && sys_put_timespec(c->m, c->a[1], &rem)) return -EFAULT;
  return r;
}

int64_t sc_clock_nanosleep(struct sys_ctx *c) {
  struct timespec req, rem;
  int flags = (int)c->a[1];
  int r = sys_get_timespec(c->m, c->a[2], &req);
  if (r) return r;
  bool absolute = flags & TIMER_ABSTIME;
  r = sys_sleep(c->m, (int)c->a[0], absolute, &req, &rem, ~c->m->sigmask);
  if (r == -EINTR && !absolute && c->a[3] && sys_put_timespec(c->m, c->a[3], &rem)) return -EFAULT;
  return r;
}

/* From the machine's generator (seeded, saved in snapshots) unless
 * --host-time. */
int64_t sc_getrandom(struct sys_ctx *c) {
  uint32_t flags = (uint32_t)c->a[2];
  if (flags & ~7u) return -EINVAL; /* GRND_NONBLOCK 1, GRND_RANDOM 2, GRND_INSECURE 4 */
  uint64_t len = c->a[1];
  if (len > (32u << 20) - 1) len = (32u << 20) - 1;
  uint64_t avail = sys_span(c->m, c->a[0], len, MEM_W);
  if (avail == 0) return len ? -EFAULT : 0;
  /* In pieces of a multiple of 8 bytes: the generator's stream is the same
   * as in one piece. */
  uint8_t tmp[4096];
  for (uint64_t done = 0; done < avail; done += sizeof tmp) {
    size_t k = avail - done < sizeof tmp ? (size_t)(avail - done) : sizeof tmp;
    machine_random(c->m, tmp, k);
    if (mem_write(&c->m->mem, c->a[0] + done, tmp, k)) return -EFAULT;
  }
  return (int64_t)avail;
}

/* ---- futexes ---- */

/* One thread only.  WAKE finds no waiter (0).  WAIT on a word that differs
 * returns -EAGAIN as Linux does; on an equal word nobody could ever wake the
 * guest: with a timeout we wait it out (sys_sleep) and return -ETIMEDOUT; without
 * one only ITIMER_REAL's signal can end the wait (sys_wait_forever).  A
 * signal ends it with -EINTR. */
int64_t sc_futex(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint64_t uaddr = c->a[0];
  int op = (int)c->a[1];
  uint32_t val = (uint32_t)c->a[2];
  uint32_t val3 = (uint32_t)c->a[5];
  int cmd = op & 0x7f;
  bool realtime = op & 256;
  if (realtime && cmd != 9 && cmd != 11 && cmd != 0) return -ENOSYS;
  switch (cmd) {
  case 0: /* FUTEX_WAIT */
  case 9: { /* FUTEX_WAIT_BITSET */
    if (uaddr & 3) return -EINVAL;
    if (cmd == 9 && val3 == 0) return -EINVAL;
    struct timespec ts;
    if (c->a[3]) {
      int r = sys_get_timespec(m, c->a[3], &ts);
      if (r) return r;
    }
    uint32_t cur;
    if (mem_read(&m->mem, uaddr, &cur, sizeof cur)) return -EFAULT;
    if (cur != val) return -EAGAIN;
    if (c->a[3]) {
      /* FUTEX_WAIT: relative, CLOCK_MONOTONIC.  FUTEX_WAIT_BITSET: absolute,
       * CLOCK_MONOTONIC or (FUTEX_CLOCK_REALTIME) CLOCK_REALTIME. */
      int clk = realtime ? 0 /* CLOCK_REALTIME */ : 1 /* CLOCK_MONOTONIC */;
      return sys_sleep(m, clk, cmd == 9, &ts, NULL, ~m->sigmask) == -EINTR ? -EINTR : -ETIMEDOUT;
    }
    return sys_wait_forever(c, ~m->sigmask, "futex wait") ? -EINTR : 0;
  }
  case 1:  /* FUTEX_WAKE */
  case 10: /* FUTEX_WAKE_BITSET */
    if (uaddr & 3) return -EINVAL;
    if (cmd == 10 && val3 == 0) return -EINVAL;
    return 0;
  case 3: /* FUTEX_REQUEUE */
    return 0;
  case 4: { /* FUTEX_CMP_REQUEUE */
    uint32_t cur;
    if (uaddr & 3) return -EINVAL;
    if (mem_read(&m->mem, uaddr, &cur, sizeof cur)) return -EFAULT;
    return cur == val3 ? 0 : -EAGAIN;
  }
  case 5: { /* FUTEX_WAKE_OP: *uaddr2 = *uaddr2 OP oparg; nobody to wake */
    uint64_t uaddr2 = c->a[4];
    if ((uaddr | uaddr2) & 3) return -EINVAL;
    unsigned wop = (val3 >> 28) & 15;
    int32_t oparg = (int32_t)(val3 << 8) >> 20; /* bits 23..12, sign-extended */
    if (wop & 8) oparg = (int32_t)(1u << (oparg & 31));
    uint32_t old, nv;
    if (mem_read(&m->mem, uaddr2, &old, sizeof old)) return -EFAULT;
    switch (wop & 7) {
    case 0: nv = (uint32_t)oparg; break;
    case 1: nv = old + (uint32_t)oparg; break;
    case 2: nv = old | (uint32_t)oparg; break;
    case 3: nv = old & ~(uint32_t)oparg; break;
    case 4: nv = old ^ (uint32_t)oparg; break;
    default: return -ENOSYS;
    }
    if (mem_write(&m->mem, uaddr2, &nv, sizeof nv)) return -EFAULT;
    return 0;
  }
  default:
    return -ENOSYS;
  }
}

/* ---- memory ---- */

int64_t sc_brk(struct sys_ctx *c) { return (int64_t)mem_sys_brk(&c->m->mem, c->a[0]); }

int64_t sc_munmap(struct sys_ctx *c) { return mem_sys_munmap(&c->m->mem, c->a[0], c->a[1]); }

int64_t sc_mprotect(struct sys_ctx *c) {
  return mem_sys_mprotect(&c->m->mem, c->a[0], c->a[1], (int)c->a[2]);
}

int64_t sc_mremap(struct sys_ctx *c) {
  return mem_sys_mremap(&c->m->mem, c->a[0], c->a[1], c->a[2], (int)c->a[3], c->a[4]);
}

/* MAP_SHARED of a file open for reading and writing: the guest pages are the
 * host's own MAP_SHARED mapping of the file (mem_map_host), so stores reach
 * the file and writes to the file show through.  Pages past the end of the
 * file stay anonymous (Linux would raise SIGBUS on them; a host access there
 * would kill the simulator). */
static int64_t mmap_shared(struct machine *m, struct fd_entry *e, uint64_t addr, uint64_t len,
                           int prot, int flags, uint64_t off, uint64_t fsize) {
  int64_t base = mem_sys_mmap(&m->mem, addr, len, prot, flags);
  if (base < 0 && base >= -4095) return base;
  uint64_t plen = (len + RV_PAGE - 1) & ~(uint64_t)(RV_PAGE - 1);
  uint64_t in = off >= fsize ? 0 : ((fsize - off) + RV_PAGE - 1) & ~(uint64_t)(RV_PAGE - 1);
  if (in > plen) in = plen;
  if (!in) return base;
  void *h = mmap(NULL, in, PROT_READ | PROT_WRITE, MAP_SHARED, e->host, (off_t)off);
  if (h == MAP_FAILED) {
    int64_t err = sys_err();
    mem_sys_munmap(&m->mem, (uint64_t)base, len);
    return err;
  }
  int r = mem_map_host(&m->mem, (uint64_t)base, in, prot & (MEM_R | MEM_W | MEM_X), h, e->path,
                       off);
  if (r < 0) {
    munmap(h, in);
    mem_sys_munmap(&m->mem, (uint64_t)base, len);
    return r;
  }
  return base;
}

/* MAP_SHARED mappings of descriptors open for writing share the file
 * (mmap_shared).  Other file mappings are copies: MAP_PRIVATE ones exactly as
 * Linux (until the file changes under them), MAP_SHARED ones of read-only
 * descriptors likewise (the guest cannot write to them; an mprotect to
 * writable would not write back).  /dev/zero maps as anonymous memory. */
int64_t sc_mmap(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint64_t addr = c->a[0], len = c->a[1], off = c->a[5];
  int prot = (int)c->a[2], flags = (int)c->a[3], fd = (int)c->a[4];
  if (off & (RV_PAGE - 1)) return -EINVAL;
  int type = flags & RV_MAP_TYPE;
  bool shared = type == RV_MAP_SHARED || type == RV_MAP_SHARED_VALIDATE;
  if (!shared && type != RV_MAP_PRIVATE) return -EINVAL;
  if (flags & RV_MAP_ANONYMOUS) return mem_sys_mmap(&m->mem, addr, len, prot, flags);

  struct fd_entry *e = fd_get(&m->fds, fd);
  if (!e || (e->flags & RV_O_PATH)) return -EBADF;
  struct stat st;
  if (fstat(e->host, &st) != 0) return sys_err();
  if (S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 5)
    return mem_sys_mmap(&m->mem, addr, len, prot, flags | RV_MAP_ANONYMOUS);
  if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) return -ENODEV;
  int acc = e->flags & RV_O_ACCMODE; /* as opened: the table knows */
  if (acc == RV_O_WRONLY) return -EACCES;
  if (shared && (prot & RV_PROT_WRITE) && acc != RV_O_RDWR) return -EACCES;
  if (shared && acc == RV_O_RDWR)
    return mmap_shared(m, e, addr, len, prot, flags, off, (uint64_t)st.st_size);

  int64_t base = mem_sys_mmap(&m->mem, addr, len, RV_PROT_READ | RV_PROT_WRITE,
                              (flags & ~RV_MAP_TYPE) | RV_MAP_PRIVATE | RV_MAP_ANONYMOUS);
  if (base < 0 && base >= -4095) return base;

  /* Fill from the file; bytes past its end stay zero. */
  enum { CHUNK = 1 << 20 };
  uint8_t *tmp = malloc(CHUNK);
  if (!tmp) {
    mem_sys_munmap(&m->mem, (uint64_t)base, len);
    return -ENOMEM;
  }
  uint64_t done = 0;
  while (done < len) {
    size_t want = len - done < CHUNK ? (size_t)(len - done) : CHUNK;
    ssize_t n = pread(e->host, tmp, want, (off_t)(off + done));
    if (n <= 0) break;
    mem_poke(&m->mem, (uint64_t)base + done, tmp, (size_t)n);
    done += (uint64_t)n;
  }
  free(tmp);
  if (prot != (RV_PROT_READ | RV_PROT_WRITE)) {
    int64_t r = mem_sys_mprotect(&m->mem, (uint64_t)base, len, prot);
    if (r < 0) {
      mem_sys_munmap(&m->mem, (uint64_t)base, len);
      return r;
    }
  }
  return base;
}

/* Advice is ignored, except MADV_DONTNEED, whose effect is visible: private
 * pages read as zero afterwards (qemu passes it to the host, same result).
 * Pages of a shared file mapping (PTE_EXTERN) are the file itself: they read
 * as the file again, that is, unchanged. */
int64_t sc_madvise(struct sys_ctx *c) {
  static const uint8_t zero[MEM_PAGE];
  struct machine *m = c->m;
  uint64_t addr = c->a[0], len = c->a[1];
  if (addr & (RV_PAGE - 1)) return -EINVAL;
  len = (len + RV_PAGE - 1) & ~(uint64_t)(RV_PAGE - 1);
  if (addr + len < addr) return -EINVAL;
  if ((int)c->a[2] == 4 /* MADV_DONTNEED */) {
    for (uint64_t a = addr; a < addr + len && a < MEM_VA_LIMIT; a += MEM_PAGE) {
      struct mem_pte *p = mem_pte(&m->mem, a);
      if (p && p->host && !(p->flags & PTE_EXTERN)) mem_poke(&m->mem, a, zero, MEM_PAGE);
    }
  }
  return 0;
}

/* Mappings are copies or anonymous: nothing to write back.  The checks are
 * Linux's: alignment, flags, and the range must be mapped. */
int64_t sc_msync(struct sys_ctx *c) {
  uint64_t addr = c->a[0], len = c->a[1];
  int flags = (int)c->a[2];
  if (addr & (RV_PAGE - 1)) return -EINVAL;
  if (flags & ~7) return -EINVAL;          /* MS_ASYNC 1, MS_INVALIDATE 2, MS_SYNC 4 */
  if ((flags & 1) && (flags & 4)) return -EINVAL;
  len = (len + RV_PAGE - 1) & ~(uint64_t)(RV_PAGE - 1);
  if (addr + len < addr) return -ENOMEM;
  for (uint64_t a = addr; a < addr + len; a += MEM_PAGE)
    if (!mem_is_mapped(&c->m->mem, a)) return -ENOMEM;
  return 0;
}

int64_t sc_riscv_flush_icache(struct sys_ctx *c) {
  /* Stores already invalidate decoded code; nothing to flush. */
  return (c->a[2] & ~1ull) ? -EINVAL : 0;
}
