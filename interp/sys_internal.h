/* Private to the system-call layer (syscall.c, sys_fs.c, sys_proc.c,
 * sys_signal.c). */
#ifndef AMANATSU_SYS_INTERNAL_H
#define AMANATSU_SYS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "machine.h"

/* One system call in progress. */
struct sys_ctx {
  struct machine *m;
  uint64_t a[6];   /* a0..a5 */
  bool exited;     /* the guest process ended (m->exit_status is set) */
  bool mask_saved; /* rt_sigsuspend: the first handler frame restores saved_mask */
  uint64_t saved_mask;
};

/* Argument kinds, for --strace. */
enum {
  A_NONE,
  A_INT,     /* C int, decimal */
  A_LONG,    /* signed decimal */
  A_ULONG,   /* unsigned decimal */
  A_UINT,    /* C unsigned int, decimal */
  A_HEX,
  A_OCT,
  A_OMODE,   /* open's mode: shown only when the flags before it create */
  A_PTR,     /* 0x%016 or NULL */
  A_STR,     /* guest string, quoted */
  A_DIRFD,   /* int or AT_FDCWD */
  A_OFLAGS,  /* Linux open flags */
  A_NLOFLAGS,/* newlib open flags */
  A_PROT,
  A_MFLAGS,
  A_ATFLAGS,
  A_SIG,
  A_CLOCK,
  A_IOCTL,
  A_SIGHOW,
  A_FUTEXOP,
  A_FCNTL,
  A_WHENCE,
  A_RLIMIT,
};
/* Result kinds. */
enum { R_DEC, R_PTR, R_NONE };

/* Every system call Amanatsu knows, listed once:
 * X(number, name, result kind, argument kinds...).  The handler is
 * sc_<name>(struct sys_ctx *) and returns the result or a negative errno. */
#define SYS_LIST(X)                                                          \
  X(17, getcwd, R_DEC, A_PTR, A_ULONG)                                       \
  X(23, dup, R_DEC, A_INT)                                                   \
  X(24, dup3, R_DEC, A_INT, A_INT, A_OFLAGS)                                 \
  X(25, fcntl, R_DEC, A_INT, A_FCNTL, A_HEX)                                 \
  X(29, ioctl, R_DEC, A_INT, A_IOCTL, A_PTR)                                 \
  X(32, flock, R_DEC, A_INT, A_INT)                                          \
  X(33, mknodat, R_DEC, A_DIRFD, A_STR, A_OCT, A_HEX)                        \
  X(34, mkdirat, R_DEC, A_DIRFD, A_STR, A_OCT)                               \
  X(35, unlinkat, R_DEC, A_DIRFD, A_STR, A_ATFLAGS)                          \
  X(36, symlinkat, R_DEC, A_STR, A_DIRFD, A_STR)                             \
  X(37, linkat, R_DEC, A_DIRFD, A_STR, A_DIRFD, A_STR, A_ATFLAGS)            \
  X(43, statfs, R_DEC, A_STR, A_PTR)                                         \
  X(44, fstatfs, R_DEC, A_INT, A_PTR)                                        \
  X(45, truncate, R_DEC, A_STR, A_LONG)                                      \
  X(46, ftruncate, R_DEC, A_INT, A_LONG)                                     \
  X(47, fallocate, R_DEC, A_INT, A_INT, A_LONG, A_LONG)                      \
  X(48, faccessat, R_DEC, A_DIRFD, A_STR, A_INT)                             \
  X(49, chdir, R_DEC, A_STR)                                                 \
  X(50, fchdir, R_DEC, A_INT)                                                \
  X(52, fchmod, R_DEC, A_INT, A_OCT)                                         \
  X(53, fchmodat, R_DEC, A_DIRFD, A_STR, A_OCT)                              \
  X(54, fchownat, R_DEC, A_DIRFD, A_STR, A_INT, A_INT, A_ATFLAGS)            \
  X(55, fchown, R_DEC, A_INT, A_INT, A_INT)                                  \
  X(56, openat, R_DEC, A_DIRFD, A_STR, A_OFLAGS, A_OMODE)                      \
  X(57, close, R_DEC, A_INT)                                                 \
  X(59, pipe2, R_DEC, A_PTR, A_OFLAGS)                                       \
  X(61, getdents64, R_DEC, A_INT, A_PTR, A_ULONG)                            \
  X(62, lseek, R_DEC, A_INT, A_LONG, A_WHENCE)                               \
  X(63, read, R_DEC, A_INT, A_PTR, A_ULONG)                                  \
  X(64, write, R_DEC, A_INT, A_PTR, A_ULONG)                                 \
  X(65, readv, R_DEC, A_INT, A_PTR, A_INT)                                   \
  X(66, writev, R_DEC, A_INT, A_PTR, A_INT)                                  \
  X(67, pread64, R_DEC, A_INT, A_PTR, A_ULONG, A_LONG)                       \
  X(68, pwrite64, R_DEC, A_INT, A_PTR, A_ULONG, A_LONG)                      \
  X(69, preadv, R_DEC, A_INT, A_PTR, A_INT, A_LONG)                          \
  X(70, pwritev, R_DEC, A_INT, A_PTR, A_INT, A_LONG)                         \
  X(71, sendfile, R_DEC, A_INT, A_INT, A_PTR, A_ULONG)                       \
  X(72, pselect6, R_DEC, A_INT, A_PTR, A_PTR, A_PTR, A_PTR, A_PTR)           \
  X(73, ppoll, R_DEC, A_PTR, A_UINT, A_PTR, A_PTR, A_ULONG)                  \
  X(78, readlinkat, R_DEC, A_DIRFD, A_STR, A_PTR, A_INT)                     \
  X(79, newfstatat, R_DEC, A_DIRFD, A_STR, A_PTR, A_ATFLAGS)                 \
  X(80, fstat, R_DEC, A_INT, A_PTR)                                          \
  X(81, sync, R_DEC)                                                         \
  X(82, fsync, R_DEC, A_INT)                                                 \
  X(83, fdatasync, R_DEC, A_INT)                                             \
  X(88, utimensat, R_DEC, A_DIRFD, A_STR, A_PTR, A_ATFLAGS)                  \
  X(93, exit, R_NONE, A_INT)                                                 \
  X(94, exit_group, R_NONE, A_INT)                                           \
  X(95, waitid, R_DEC, A_INT, A_INT, A_PTR, A_HEX, A_PTR)                    \
  X(96, set_tid_address, R_DEC, A_PTR)                                       \
  X(98, futex, R_DEC, A_PTR, A_FUTEXOP, A_INT, A_PTR, A_PTR, A_INT)          \
  X(99, set_robust_list, R_DEC, A_PTR, A_ULONG)                              \
  X(101, nanosleep, R_DEC, A_PTR, A_PTR)                                     \
  X(102, getitimer, R_DEC, A_INT, A_PTR)                                     \
  X(103, setitimer, R_DEC, A_INT, A_PTR, A_PTR)                              \
  X(113, clock_gettime, R_DEC, A_CLOCK, A_PTR)                               \
  X(114, clock_getres, R_DEC, A_CLOCK, A_PTR)                                \
  X(115, clock_nanosleep, R_DEC, A_CLOCK, A_INT, A_PTR, A_PTR)               \
  X(122, sched_setaffinity, R_DEC, A_INT, A_ULONG, A_PTR)                    \
  X(123, sched_getaffinity, R_DEC, A_INT, A_ULONG, A_PTR)                    \
  X(124, sched_yield, R_DEC)                                                 \
  X(129, kill, R_DEC, A_INT, A_SIG)                                          \
  X(130, tkill, R_DEC, A_INT, A_SIG)                                         \
  X(131, tgkill, R_DEC, A_INT, A_INT, A_SIG)                                 \
  X(132, sigaltstack, R_DEC, A_PTR, A_PTR)                                   \
  X(133, rt_sigsuspend, R_DEC, A_PTR, A_ULONG)                               \
  X(134, rt_sigaction, R_DEC, A_SIG, A_PTR, A_PTR, A_ULONG)                  \
  X(135, rt_sigprocmask, R_DEC, A_SIGHOW, A_PTR, A_PTR, A_ULONG)             \
  X(136, rt_sigpending, R_DEC, A_PTR, A_ULONG)                               \
  X(137, rt_sigtimedwait, R_DEC, A_PTR, A_PTR, A_PTR, A_ULONG)               \
  X(139, rt_sigreturn, R_DEC)                                                \
  X(140, setpriority, R_DEC, A_INT, A_INT, A_INT)                            \
  X(141, getpriority, R_DEC, A_INT, A_INT)                                   \
  X(148, getresuid, R_DEC, A_PTR, A_PTR, A_PTR)                              \
  X(150, getresgid, R_DEC, A_PTR, A_PTR, A_PTR)                              \
  X(153, times, R_DEC, A_PTR)                                                \
  X(154, setpgid, R_DEC, A_INT, A_INT)                                       \
  X(155, getpgid, R_DEC, A_INT)                                              \
  X(156, getsid, R_DEC, A_INT)                                               \
  X(157, setsid, R_DEC)                                                      \
  X(158, getgroups, R_DEC, A_INT, A_PTR)                                     \
  X(160, uname, R_DEC, A_PTR)                                                \
  X(163, getrlimit, R_DEC, A_RLIMIT, A_PTR)                                  \
  X(164, setrlimit, R_DEC, A_RLIMIT, A_PTR)                                  \
  X(165, getrusage, R_DEC, A_INT, A_PTR)                                     \
  X(166, umask, R_DEC, A_OCT)                                                \
  X(168, getcpu, R_DEC, A_PTR, A_PTR, A_PTR)                                 \
  X(169, gettimeofday, R_DEC, A_PTR, A_PTR)                                  \
  X(172, getpid, R_DEC)                                                      \
  X(173, getppid, R_DEC)                                                     \
  X(174, getuid, R_DEC)                                                      \
  X(175, geteuid, R_DEC)                                                     \
  X(176, getgid, R_DEC)                                                      \
  X(177, getegid, R_DEC)                                                     \
  X(178, gettid, R_DEC)                                                      \
  X(179, sysinfo, R_DEC, A_PTR)                                              \
  X(214, brk, R_PTR, A_PTR)                                                  \
  X(215, munmap, R_DEC, A_PTR, A_ULONG)                                      \
  X(216, mremap, R_PTR, A_PTR, A_ULONG, A_ULONG, A_HEX, A_PTR)               \
  X(222, mmap, R_PTR, A_PTR, A_ULONG, A_PROT, A_MFLAGS, A_INT, A_LONG)       \
  X(223, fadvise64, R_DEC, A_INT, A_LONG, A_LONG, A_INT)                     \
  X(226, mprotect, R_DEC, A_PTR, A_ULONG, A_PROT)                            \
  X(227, msync, R_DEC, A_PTR, A_ULONG, A_HEX)                                \
  X(233, madvise, R_DEC, A_PTR, A_ULONG, A_INT)                              \
  X(259, riscv_flush_icache, R_DEC, A_PTR, A_PTR, A_HEX)                     \
  X(260, wait4, R_DEC, A_INT, A_PTR, A_HEX, A_PTR)                           \
  X(261, prlimit64, R_DEC, A_INT, A_RLIMIT, A_PTR, A_PTR)                    \
  X(276, renameat2, R_DEC, A_DIRFD, A_STR, A_DIRFD, A_STR, A_HEX)            \
  X(278, getrandom, R_DEC, A_PTR, A_ULONG, A_HEX)                            \
  X(279, memfd_create, R_DEC, A_STR, A_HEX)                                  \
  X(285, copy_file_range, R_DEC, A_INT, A_PTR, A_INT, A_PTR, A_ULONG, A_HEX) \
  X(286, preadv2, R_DEC, A_INT, A_PTR, A_INT, A_LONG, A_LONG, A_HEX)         \
  X(287, pwritev2, R_DEC, A_INT, A_PTR, A_INT, A_LONG, A_LONG, A_HEX)        \
  X(291, statx, R_DEC, A_DIRFD, A_STR, A_ATFLAGS, A_HEX, A_PTR)              \
  X(293, rseq, R_DEC, A_PTR, A_ULONG, A_HEX, A_HEX)                          \
  X(436, close_range, R_DEC, A_UINT, A_UINT, A_HEX)                          \
  X(439, faccessat2, R_DEC, A_DIRFD, A_STR, A_INT, A_ATFLAGS)                \
  /* riscv-pk / newlib (libgloss) legacy numbers */                          \
  X(1024, open, R_DEC, A_STR, A_NLOFLAGS, A_OCT)                             \
  X(1025, link, R_DEC, A_STR, A_STR)                                         \
  X(1026, unlink, R_DEC, A_STR)                                              \
  X(1030, mkdir, R_DEC, A_STR, A_OCT)                                        \
  X(1033, access, R_DEC, A_STR, A_INT)                                       \
  X(1038, stat, R_DEC, A_STR, A_PTR)                                         \
  X(1039, lstat, R_DEC, A_STR, A_PTR)                                        \
  X(1062, time, R_DEC, A_PTR)

#define SYS_DECLARE(nr, name, ...) int64_t sc_##name(struct sys_ctx *c);
SYS_LIST(SYS_DECLARE)
#undef SYS_DECLARE

/* riscv64 Linux constants used across the files (asm-generic values). */
#define RV_AT_FDCWD (-100)
#define RV_AT_SYMLINK_NOFOLLOW 0x100
#define RV_AT_REMOVEDIR 0x200
#define RV_AT_EACCESS 0x200
#define RV_AT_SYMLINK_FOLLOW 0x400
#define RV_AT_NO_AUTOMOUNT 0x800
#define RV_AT_EMPTY_PATH 0x1000

#define RV_O_ACCMODE 03
#define RV_O_RDONLY 0
#define RV_O_WRONLY 1
#define RV_O_RDWR 2
#define RV_O_CREAT 0100
#define RV_O_EXCL 0200
#define RV_O_NOCTTY 0400
#define RV_O_TRUNC 01000
#define RV_O_APPEND 02000
#define RV_O_NONBLOCK 04000
#define RV_O_DSYNC 010000
#define RV_O_ASYNC 020000
#define RV_O_DIRECT 040000
#define RV_O_LARGEFILE 0100000
#define RV_O_DIRECTORY 0200000
#define RV_O_NOFOLLOW 0400000
#define RV_O_NOATIME 01000000
#define RV_O_CLOEXEC 02000000
#define RV_O__SYNC 04000000
#define RV_O_PATH 010000000
#define RV_O__TMPFILE 020000000

#define RV_PROT_READ 1
#define RV_PROT_WRITE 2
#define RV_PROT_EXEC 4
#define RV_MAP_SHARED 0x01
#define RV_MAP_PRIVATE 0x02
#define RV_MAP_SHARED_VALIDATE 0x03
#define RV_MAP_TYPE 0x0f
#define RV_MAP_FIXED 0x10
#define RV_MAP_ANONYMOUS 0x20

#define RV_SI_USER 0
#define RV_SI_TKILL (-6)
#define RV_SI_KERNEL 0x80
/* si_code of the fault signals (asm-generic/siginfo.h) */
#define RV_ILL_ILLOPC 1
#define RV_TRAP_BRKPT 1
#define RV_BUS_ADRALN 1
#define RV_SEGV_MAPERR 1
#define RV_SEGV_ACCERR 2
#define RV_SIGILL 4
#define RV_SIGTRAP 5
#define RV_SIGABRT 6
#define RV_SIGBUS 7
#define RV_SIGSEGV 11
#define RV_SIGKILL 9
#define RV_SIGPIPE 13
#define RV_SIGALRM 14
#define RV_SIGVTALRM 26
#define RV_SIGPROF 27
#define RV_SIGSTOP 19
#define RV_NSIG 64

#define RV_PAGE 4096u

/* Helpers (syscall.c). */
/* Bytes accessible with prot at [addr, addr+len), from addr on. */
uint64_t sys_span(struct machine *m, uint64_t addr, uint64_t len, int prot);
/* A guest path into buf (PATH_MAX bytes): 0 or -EFAULT / -ENAMETOOLONG. */
int sys_path(struct machine *m, uint64_t addr, char *buf);
/* Host directory descriptor for guest dirfd used with path: 0 or -EBADF.
 * Absolute paths ignore dirfd, as in Linux. */
int sys_dirfd(struct machine *m, int dirfd, const char *path, int *host);
/* newlib's <sys/_default_fcntl.h> open flags, as riscv64-unknown-elf
 * programs pass them to pk's open (1024), as riscv64 Linux flags
 * (sys_fs.c); bits with no Linux meaning are dropped. */
uint32_t sys_oflags_from_newlib(uint32_t n);
/* The current host errno as a negative Linux errno. */
int64_t sys_err(void);
/* A guest struct timespec, which must be valid (0 <= tv_nsec < 1e9, tv_sec
 * >= 0): 0, -EFAULT or -EINVAL. */
int sys_get_timespec(struct machine *m, uint64_t addr, struct timespec *ts);
/* Write ts as a guest struct timespec: 0 or -EFAULT. */
int sys_put_timespec(struct machine *m, uint64_t addr, const struct timespec *ts);
/* Raise signal sig (si_code code: RV_SI_USER, RV_SI_TKILL, RV_SI_KERNEL) on the guest
 * itself: it becomes pending unless discarded (ignored and not blocked), and
 * is delivered when the system call returns (sys_deliver).  0 or -EINVAL. */
int64_t sys_signal_self(struct sys_ctx *c, int sig, int code);
/* Deliver the pending signals the mask lets through: default actions,
 * or a handler frame (sys_signal.c).  May set c->exited. */
void sys_deliver(struct sys_ctx *c);
/* End the guest as killed by sig's default action. */
void sys_terminate(struct sys_ctx *c, int sig);
/* The guest waits for what only a signal in `wake` could end (no other
 * thread; signals from outside never come): if ITIMER_REAL is armed, sleep
 * until it expires, and return true when that left such a signal pending;
 * else the guest waits for ever: say so on stderr ("deadlock: what"), end
 * the run with status 124 and return false. */
bool sys_wait_forever(struct sys_ctx *c, uint64_t wake, const char *what);
/* Sleep on clock clk for req (absolute: until req): on the host with
 * --host-time, else by advancing the guest's clocks.  ITIMER_REAL expires
 * on the way; when that leaves a signal in `wake` pending (the signals
 * that end this wait), the sleep ends there with -EINTR and the rest in
 * *rem (if rem).  0 or a negative errno (sys_proc.c). */
int sys_sleep(struct machine *m, int clk, bool absolute, const struct timespec *req,
              struct timespec *rem, uint64_t wake);
/* Raise the signals of the interval timers that are due (sys_timer.c);
 * true if any was. */
bool sys_timers_expire(struct machine *m);
/* Nanoseconds of a timespec, saturating at SYS_NS_CAP (centuries) rather
 * than wrapping, and back. */
#define SYS_NS_CAP (UINT64_MAX / 4)
static inline uint64_t sys_ts_ns(const struct timespec *ts) {
  return (uint64_t)ts->tv_sec > SYS_NS_CAP / 1000000000u
             ? SYS_NS_CAP
             : (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}
static inline struct timespec sys_ns_ts(uint64_t ns) {
  return (struct timespec){(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
}
/* -EPIPE from a write raises SIGPIPE, as the kernel does. */
int64_t sys_write_result(struct sys_ctx *c, int64_t r);
/* --strace: the line for a delivered signal (syscall.c). */
void sys_strace_signal(struct machine *m, int sig, int code);
/* The same for a fault signal, with its si_addr (as qemu's -strace). */
void sys_strace_fault(struct machine *m, int sig, int code, uint64_t addr);

#endif
