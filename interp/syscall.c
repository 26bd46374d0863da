/* The Linux system-call layer: dispatch through one table (sys_internal.h's
 * SYS_LIST), statistics, --strace, and the helpers the handlers share.  The
 * handlers live in sys_fs.c (files, descriptors, poll), sys_proc.c (process,
 * limits, time, futex, memory) and sys_signal.c (signals and their delivery);
 * sys_layout.c converts structures into the riscv64 layouts.
 *
 * Errors: host errno values are returned negated as the riscv64 Linux errno.
 * The two are the same numbers: riscv64 and x86-64 both use
 * asm-generic/errno-base.h and asm-generic/errno.h (checked below for a
 * sample, and by construction for the rest). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "sys_internal.h"
#include "sys_layout.h"

_Static_assert(EPERM == 1 && ENOENT == 2 && EINTR == 4 && EBADF == 9 && EAGAIN == 11 &&
                   ENOMEM == 12 && EFAULT == 14 && EEXIST == 17 && ENOTDIR == 20 &&
                   EINVAL == 22 && EMFILE == 24 && ENOTTY == 25 && EPIPE == 32 &&
                   ERANGE == 34,
               "errno-base.h values differ from Linux riscv64");
_Static_assert(EDEADLK == 35 && ENAMETOOLONG == 36 && ENOSYS == 38 && ENOTEMPTY == 39 &&
                   ELOOP == 40 && ENODATA == 61 && EOVERFLOW == 75 && ENOTSUP == 95 &&
                   ETIMEDOUT == 110,
               "errno.h values differ from Linux riscv64");
_Static_assert(PATH_MAX == 4096, "PATH_MAX");

/* ---- the table ---- */

struct sys_desc {
  const char *name;
  int64_t (*fn)(struct sys_ctx *c);
  uint8_t ret;
  uint8_t arg[6];
};

#define SYS_ENTRY(nr, nm, rk, ...) [nr] = {#nm, sc_##nm, rk, {__VA_ARGS__}},
static const struct sys_desc sys_table[SYS_MAX] = {SYS_LIST(SYS_ENTRY)};
#undef SYS_ENTRY

/* Every riscv64 Linux system call by number, to name those not implemented
 * here: the first call of each says so on stderr (numbers Linux does not
 * have either get ENOSYS silently, as from Linux). */
static const char *const linux_names[] = {
#include "sys_names.inc"
};

const char *sys_name(unsigned nr) {
  if (nr < SYS_MAX && sys_table[nr].name) return sys_table[nr].name;
  return nr < sizeof linux_names / sizeof *linux_names ? linux_names[nr] : NULL;
}

/* ---- helpers ---- */

uint64_t sys_span(struct machine *m, uint64_t addr, uint64_t len, int prot) {
  uint64_t done = 0;
  while (done < len) {
    uint64_t a = addr + done;
    if (a < addr || a >= MEM_VA_LIMIT) break;
    struct mem_pte *p = mem_pte(&m->mem, a);
    if (!p || (p->prot & prot) != prot) break;
    done += MEM_PAGE - (a & (MEM_PAGE - 1));
  }
  return done < len ? done : len;
}

int sys_path(struct machine *m, uint64_t addr, char *buf) {
  long n = mem_read_str(&m->mem, addr, buf, PATH_MAX);
  return n < 0 ? (int)n : 0;
}

int sys_dirfd(struct machine *m, int dirfd, const char *path, int *host) {
  if ((path && path[0] == '/') || dirfd == RV_AT_FDCWD) {
    *host = AT_FDCWD;
    return 0;
  }
  struct fd_entry *e = fd_get(&m->fds, dirfd);
  if (!e) return -EBADF;
  *host = e->host;
  return 0;
}

int64_t sys_err(void) { return -(int64_t)errno; }

int sys_get_timespec(struct machine *m, uint64_t addr, struct timespec *ts) {
  struct rv_timespec g;
  if (mem_read(&m->mem, addr, &g, sizeof g)) return -EFAULT;
  if (g.tv_sec < 0 || g.tv_nsec < 0 || g.tv_nsec >= 1000000000) return -EINVAL;
  rv_timespec_to_host(ts, &g);
  return 0;
}

int sys_put_timespec(struct machine *m, uint64_t addr, const struct timespec *ts) {
  struct rv_timespec g;
  rv_timespec_from_host(&g, ts);
  return mem_write(&m->mem, addr, &g, sizeof g) ? -EFAULT : 0;
}

/* ---- --strace ---- */

struct flagname {
  uint64_t bit;
  const char *name;
};

static void print_flags(FILE *f, uint64_t v, const struct flagname *t) {
  bool any = false;
  for (; t->name; t++) {
    if (t->bit && (v & t->bit) == t->bit) {
      fprintf(f, "%s%s", any ? "|" : "", t->name);
      v &= ~t->bit;
      any = true;
    }
  }
  if (v || !any) fprintf(f, "%s%#" PRIx64, any ? "|" : "", v);
}

static const struct flagname oflag_names[] = {
    {RV_O_CREAT, "O_CREAT"},       {RV_O_EXCL, "O_EXCL"},
    {RV_O_NOCTTY, "O_NOCTTY"},     {RV_O_TRUNC, "O_TRUNC"},
    {RV_O_APPEND, "O_APPEND"},     {RV_O_NONBLOCK, "O_NONBLOCK"},
    {RV_O__SYNC | RV_O_DSYNC, "O_SYNC"}, {RV_O_DSYNC, "O_DSYNC"},
    {RV_O_ASYNC, "O_ASYNC"},       {RV_O_DIRECT, "O_DIRECT"},
    {RV_O_LARGEFILE, "O_LARGEFILE"}, {RV_O__TMPFILE | RV_O_DIRECTORY, "O_TMPFILE"},
    {RV_O_DIRECTORY, "O_DIRECTORY"}, {RV_O_NOFOLLOW, "O_NOFOLLOW"},
    {RV_O_NOATIME, "O_NOATIME"},   {RV_O_CLOEXEC, "O_CLOEXEC"},
    {RV_O_PATH, "O_PATH"},         {0, NULL}};

static const struct flagname prot_names[] = {{RV_PROT_READ, "PROT_READ"},
                                             {RV_PROT_WRITE, "PROT_WRITE"},
                                             {RV_PROT_EXEC, "PROT_EXEC"},
                                             {0x01000000, "PROT_GROWSDOWN"},
                                             {0x02000000, "PROT_GROWSUP"},
                                             {0, NULL}};

static const struct flagname mflag_names[] = {
    {RV_MAP_FIXED, "MAP_FIXED"},   {RV_MAP_ANONYMOUS, "MAP_ANONYMOUS"},
    {0x100, "MAP_GROWSDOWN"},      {0x800, "MAP_DENYWRITE"},
    {0x1000, "MAP_EXECUTABLE"},    {0x2000, "MAP_LOCKED"},
    {0x4000, "MAP_NORESERVE"},     {0x8000, "MAP_POPULATE"},
    {0x10000, "MAP_NONBLOCK"},     {0x20000, "MAP_STACK"},
    {0x40000, "MAP_HUGETLB"},      {0x80000, "MAP_SYNC"},
    {0x100000, "MAP_FIXED_NOREPLACE"}, {0, NULL}};

static const struct flagname atflag_names[] = {{RV_AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"},
                                               {RV_AT_REMOVEDIR, "AT_REMOVEDIR"},
                                               {RV_AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW"},
                                               {RV_AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT"},
                                               {RV_AT_EMPTY_PATH, "AT_EMPTY_PATH"},
                                               {0, NULL}};

static const char *const sig_names[32] = {
    NULL,      "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",    "SIGTRAP", "SIGABRT",
    "SIGBUS",  "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV",   "SIGUSR2", "SIGPIPE",
    "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",
    "SIGTTIN", "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ",   "SIGVTALRM", "SIGPROF",
    "SIGWINCH", "SIGIO",  "SIGPWR",    "SIGSYS"};

static const char *const clock_names[12] = {
    "CLOCK_REALTIME",        "CLOCK_MONOTONIC",       "CLOCK_PROCESS_CPUTIME_ID",
    "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
    "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",       "CLOCK_REALTIME_ALARM",
    "CLOCK_BOOTTIME_ALARM",  NULL,                    "CLOCK_TAI"};

static const char *const futex_names[14] = {
    "FUTEX_WAIT",        "FUTEX_WAKE",           "FUTEX_FD",          "FUTEX_REQUEUE",
    "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP",        "FUTEX_LOCK_PI",     "FUTEX_UNLOCK_PI",
    "FUTEX_TRYLOCK_PI",  "FUTEX_WAIT_BITSET",    "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
    "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};

static const char *const fcntl_names[12] = {"F_DUPFD",  "F_GETFD",  "F_SETFD",  "F_GETFL",
                                            "F_SETFL",  "F_GETLK",  "F_SETLK",  "F_SETLKW",
                                            "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG"};

static const char *const rlimit_names[16] = {
    "RLIMIT_CPU",   "RLIMIT_FSIZE",  "RLIMIT_DATA",    "RLIMIT_STACK",
    "RLIMIT_CORE",  "RLIMIT_RSS",    "RLIMIT_NPROC",   "RLIMIT_NOFILE",
    "RLIMIT_MEMLOCK", "RLIMIT_AS",   "RLIMIT_LOCKS",   "RLIMIT_SIGPENDING",
    "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME"};

static const char *const whence_names[5] = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA",
                                             "SEEK_HOLE"};

static void print_named(FILE *f, int64_t v, const char *const *names, size_t n) {
  if (v >= 0 && (uint64_t)v < n && names[v])
    fputs(names[v], f);
  else
    fprintf(f, "%" PRId64, v);
}

static void print_str(FILE *f, struct machine *m, uint64_t addr) {
  char buf[PATH_MAX];
  if (!addr) {
    fputs("NULL", f);
    return;
  }
  if (mem_read_str(&m->mem, addr, buf, sizeof buf) < 0) {
    fprintf(f, "0x%016" PRIx64, addr);
    return;
  }
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)buf; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(f, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", f);
    else if (*p == '\t')
      fputs("\\t", f);
    else if (isprint(*p))
      fputc(*p, f);
    else
      fprintf(f, "\\%03o", *p);
  }
  fputc('"', f);
}

static void print_arg(FILE *f, struct machine *m, int kind, uint64_t v) {
  int32_t i = (int32_t)v;
  switch (kind) {
  case A_INT: fprintf(f, "%d", i); break;
  case A_LONG: fprintf(f, "%" PRId64, (int64_t)v); break;
  case A_ULONG: fprintf(f, "%" PRIu64, v); break;
  case A_UINT: fprintf(f, "%u", (uint32_t)v); break;
  case A_HEX: fprintf(f, "%#" PRIx64, v); break;
  case A_OCT:
  case A_OMODE: fprintf(f, "0%" PRIo64, v); break;
  case A_PTR:
    if (v)
      fprintf(f, "0x%016" PRIx64, v);
    else
      fputs("NULL", f);
    break;
  case A_STR: print_str(f, m, v); break;
  case A_DIRFD:
    if (i == RV_AT_FDCWD)
      fputs("AT_FDCWD", f);
    else
      fprintf(f, "%d", i);
    break;
  case A_NLOFLAGS: /* shown as the Linux flags they become */
  case A_OFLAGS: {
    static const char *const acc[4] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    uint32_t fl = kind == A_NLOFLAGS ? sys_oflags_from_newlib((uint32_t)v) : (uint32_t)v;
    fputs(acc[fl & RV_O_ACCMODE], f);
    fl &= ~(uint32_t)RV_O_ACCMODE;
    if (fl) {
      fputc('|', f);
      print_flags(f, fl, oflag_names);
    }
    break;
  }
  case A_PROT:
    if (v == 0)
      fputs("PROT_NONE", f);
    else
      print_flags(f, v, prot_names);
    break;
  case A_MFLAGS: {
    static const char *const type[4] = {"0", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE"};
    fputs(type[v & 3], f);
    if (v & ~3ull) {
      fputc('|', f);
      print_flags(f, v & ~3ull, mflag_names);
    }
    break;
  }
  case A_ATFLAGS:
    if (v == 0)
      fputc('0', f);
    else
      print_flags(f, v, atflag_names);
    break;
  case A_SIG:
    print_named(f, i, sig_names, 32);
    break;
  case A_CLOCK: print_named(f, i, clock_names, 12); break;
  case A_IOCTL:
    switch ((uint32_t)v) {
    case 0x5401: fputs("TCGETS", f); break;
    case 0x5402: fputs("TCSETS", f); break;
    case 0x5403: fputs("TCSETSW", f); break;
    case 0x5404: fputs("TCSETSF", f); break;
    case 0x5413: fputs("TIOCGWINSZ", f); break;
    case 0x5414: fputs("TIOCSWINSZ", f); break;
    case 0x541b: fputs("FIONREAD", f); break;
    default: fprintf(f, "%#" PRIx64, v);
    }
    break;
  case A_SIGHOW: {
    static const char *const how[3] = {"SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"};
    print_named(f, i, how, 3);
    break;
  }
  case A_FUTEXOP:
    print_named(f, i & 0x7f, futex_names, 14);
    if (i & 128) fputs("|FUTEX_PRIVATE_FLAG", f);
    if (i & 256) fputs("|FUTEX_CLOCK_REALTIME", f);
    break;
  case A_FCNTL:
    if (i == 1030)
      fputs("F_DUPFD_CLOEXEC", f);
    else
      print_named(f, i, fcntl_names, 12);
    break;
  case A_WHENCE: print_named(f, i, whence_names, 5); break;
  case A_RLIMIT: print_named(f, i, rlimit_names, 16); break;
  default: fprintf(f, "%#" PRIx64, v); break;
  }
}

static void strace_enter(struct machine *m, uint64_t nr, const struct sys_desc *d,
                         const uint64_t *a) {
  FILE *f = m->strace_out ? m->strace_out : stderr;
  fprintf(f, "%d ", (int)getpid());
  if (!d) {
    fprintf(f, "Unknown syscall %" PRIu64 "(%#" PRIx64 ",%#" PRIx64 ",%#" PRIx64 ",%#" PRIx64
               ",%#" PRIx64 ",%#" PRIx64 ")",
            nr, a[0], a[1], a[2], a[3], a[4], a[5]);
  } else {
    fprintf(f, "%s(", d->name);
    for (int i = 0; i < 6 && d->arg[i] != A_NONE; i++) {
      if (d->arg[i] == A_OMODE && !(a[i - 1] & (RV_O_CREAT | RV_O__TMPFILE))) break;
      if (i) fputc(',', f);
      print_arg(f, m, d->arg[i], a[i]);
    }
    fputc(')', f);
  }
  /* The result follows after the call: the guest's own output (on other
   * streams) may come in between, as with qemu's -strace. */
  fflush(f);
}

static void strace_leave(struct machine *m, const struct sys_desc *d, int64_t r) {
  FILE *f = m->strace_out ? m->strace_out : stderr;
  if (d && d->ret == R_NONE) {
    fputc('\n', f);
  } else if (r < 0 && r >= -4095) {
    fprintf(f, " = -1 errno=%d (%s)\n", (int)-r, strerror((int)-r));
  } else if (d && d->ret == R_PTR) {
    fprintf(f, " = 0x%016" PRIx64 "\n", (uint64_t)r);
  } else {
    fprintf(f, " = %" PRId64 "\n", r);
  }
  fflush(f);
}

/* A signal's name ("SIGSEGV"), or its number in num. */
static const char *signal_name(int sig, char num[static 16]) {
  if (sig > 0 && sig < 32 && sig_names[sig]) return sig_names[sig];
  snprintf(num, 16, "%d", sig);
  return num;
}

void sys_strace_signal(struct machine *m, int sig, int code) {
  FILE *f = m->strace_out ? m->strace_out : stderr;
  char num[16];
  const char *name = signal_name(sig, num);
  const char *cn = code == RV_SI_TKILL ? "SI_TKILL" : code == RV_SI_USER ? "SI_USER" : "SI_KERNEL";
  bool kernel = code == RV_SI_KERNEL; /* no sender */
  fprintf(f, "--- %s {si_signo=%s, si_code=%s, si_pid=%d, si_uid=%d} ---\n", name, name, cn,
          kernel ? 0 : (int)getpid(), kernel ? 0 : (int)getuid());
  fflush(f);
}

void sys_strace_fault(struct machine *m, int sig, int code, uint64_t addr) {
  FILE *f = m->strace_out ? m->strace_out : stderr;
  char num[16];
  const char *name = signal_name(sig, num);
  fprintf(f, "--- %s {si_signo=%s, si_code=%d, si_addr=0x%" PRIx64 "} ---\n", name, name, code,
          addr);
  fflush(f);
}

/* ---- dispatch ---- */

/* An unimplemented call is named on stderr once per run. */
_Static_assert(sizeof linux_names / sizeof *linux_names <= 64 * sizeof ((struct machine *)0)->sys_named /
                   sizeof(uint64_t), "sys_named bits");

static void unimplemented(struct machine *m, uint64_t nr, const uint64_t *a) {
  if (nr >= sizeof linux_names / sizeof *linux_names || !linux_names[nr] ||
      (m->sys_named[nr / 64] >> (nr % 64) & 1))
    return;
  /* glibc's user and host lookups (getpwuid, getaddrinfo...) first try
   * nscd's Unix socket and go on without it, as on a host without nscd */
  if (!strcmp(linux_names[nr], "socket") && a[0] == 1 /* AF_UNIX */) return;
  m->sys_named[nr / 64] |= 1ull << (nr % 64);
  bool proc = !strcmp(linux_names[nr], "clone") || !strcmp(linux_names[nr], "clone3") ||
              !strncmp(linux_names[nr], "execve", 6);
  fprintf(stderr,
          "amanatsu: system call %s (%" PRIu64 ") is not implemented%s; the program gets ENOSYS\n",
          linux_names[nr], nr, proc ? " (Amanatsu runs one process with one thread)" : "");
}

/* On return m->cpu.pc is where the guest goes on: the instruction after the
 * ecall, or a signal handler, or the context rt_sigreturn restored.  When
 * the guest exited it stays at the ecall. */
bool sys_ecall(struct machine *m) {
  uint64_t nr = m->cpu.x[17], pc = m->cpu.pc;
  struct sys_ctx c = {.m = m};
  for (int i = 0; i < 6; i++) c.a[i] = m->cpu.x[10 + i];

  const struct sys_desc *d = NULL;
  if (nr < SYS_MAX) {
    m->sys_count[nr]++;
    if (sys_table[nr].fn) d = &sys_table[nr];
  }
  if (m->strace) strace_enter(m, nr, d, c.a);
  m->cpu.pc = pc + 4; /* ecall has no compressed form */
  if (!d) unimplemented(m, nr, c.a);
  int64_t r = d ? d->fn(&c) : -ENOSYS;
  if (m->strace) strace_leave(m, d, r);
  if (!c.exited) {
    m->cpu.x[10] = (uint64_t)r;
    sys_timers_expire(m); /* a sleep or a timed-out wait may have reached one */
    sys_deliver(&c);
  }
  if (c.exited) m->cpu.pc = pc;
  sys_timers_schedule(m);
  return c.exited;
}
