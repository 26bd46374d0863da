/* One simulated RISC-V process: the hot CPU state, the address space and the
 * process state (files, arguments, statistics).  No globals: every entry
 * point takes the machine it acts on. */
#ifndef AMANATSU_MACHINE_H
#define AMANATSU_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../decoder/decode.h"
#include "../memory/mem.h"
#include "fdtable.h"

struct dec_cache;

struct cpu {
  uint64_t x[33]; /* x0..x31, plus the sink that x0 writes go to (DEC_XSINK) */
  uint64_t f[32];
  uint64_t pc;
  uint64_t icount;   /* retired instructions */
  uint64_t resv;     /* LR reservation address, or RESV_NONE */
  uint32_t fcsr;
};
#define RESV_NONE UINT64_MAX

/* Why interp_run returned. */
enum stop_reason {
  STOP_EXIT,    /* the guest called exit/exit_group: m->exit_status */
  STOP_LIMIT,   /* retired count reached m->stop_at */
  STOP_FAULT,   /* fetch/load/store fault: m->mem.fault_* */
  STOP_ILLEGAL, /* unimplemented or illegal encoding at cpu.pc: m->illegal_bits */
  STOP_EBREAK,
};

#define SYS_MAX 2048 /* syscall numbers counted in stats (pk's 1024+ included) */

struct machine {
  struct cpu cpu;
  struct mem mem;
  struct dec_cache *dc;
  struct fdtable fds;

  /* process */
  char *exe_path;   /* as given on the command line */
  char *exe_abs;    /* absolute, for readlink("/proc/self/exe") */
  int argc;
  char **argv;
  char **envp;
  uint64_t entry;
  uint64_t phdr, phent, phnum;

  /* rare-event state: the interpreter stops when icount reaches stop_at */
  uint64_t stop_at;

  /* interpreter scratch: recently used decoded pages by guest page, the
   * truncated copy of a block for exact stops, a page standing in for one
   * whose last instruction straddles into the next */
#define JCACHE_SIZE 64
  struct {
    uint64_t vbase;
    struct dec_page *page;
  } jcache[JCACHE_SIZE];
  struct dec_insn stepbuf[DEC_SLOTS + 2];
  struct dec_insn stradpage[DEC_SLOTS + 2]; /* page_end records but one */

  /* results */
  int exit_status;
  int exit_signal;  /* nonzero: the guest was killed by this signal's default
                       action (exit_status is then 128 + signal) */
  uint32_t illegal_bits;
  uint8_t illegal_len;

  /* options */
  bool strace;
  FILE *strace_out;

  /* statistics */
  uint64_t sys_count[SYS_MAX];
  uint64_t sys_named[8]; /* unimplemented calls already named on stderr (bits) */

  /* recorded, not yet delivered */
  uint64_t sigaction[65][4]; /* handler, flags, restorer, mask */
  uint64_t sigmask;
  uint64_t tid_address;
  uint64_t robust_list, robust_len;
  uint64_t sigpending;       /* raised but not yet delivered (blocked) */
  uint64_t sigpending_tkill; /* of those, sent by tkill/tgkill (si_code SI_TKILL) */
  uint64_t sigpending_kernel; /* of those, sent by a timer (si_code SI_KERNEL) */
  /* Interval timers (setitimer): ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF.
   * itimer_at: when the next expiry is due, in nanoseconds of the timer's
   * clock (the guest's CLOCK_MONOTONIC, or its process CPU time), 0 when
   * disarmed; itimer_interval: the period, 0 for one expiry. */
  uint64_t itimer_at[3], itimer_interval[3];
  /* The retired count at which the interpreter stops so that the timers are
   * looked at (UINT64_MAX: none armed), and for --host-time the last such
   * look (count, host CLOCK_MONOTONIC ns) and the rate measured since. */
  uint64_t timer_stop;
  uint64_t timer_seen_icount, timer_seen_ns;
  double timer_rate; /* instructions per host nanosecond */
  /* The alternate signal stack (sigaltstack): base and size (0: none), and
   * the flags as set (RV_SS_DISABLE, RV_SS_AUTODISARM: below).  Saved in
   * snapshots. */
  uint64_t altstack_sp, altstack_size;
  uint32_t altstack_flags;
  uint64_t sigtramp;         /* guest page with the rt_sigreturn trampoline, 0 until needed */

  /* Determinism (unless host_time): clocks derive from the retired count and
   * time_base_ns (CLOCK_REALTIME when the run started); randomness from a
   * seeded generator whose state is rng_state.  All are saved in snapshots. */
  bool host_time;
  uint64_t time_base_ns;
  uint64_t time_sleep_ns; /* virtual time added by sleeps */
  uint64_t rng_state;

  bool owns_process_strings; /* exe_path, argv, envp were allocated (restore) */
};

void machine_init(struct machine *m);
void machine_free(struct machine *m);

/* The guest's view of clock `clk` (a Linux clock id): derived from the
 * retired count unless m->host_time.  false for an unknown clock. */
struct timespec;
bool machine_clock(const struct machine *m, int clk, struct timespec *ts);
/* The same in nanoseconds. */
bool machine_clock_ns(const struct machine *m, int clk, uint64_t *ns);
/* The guest's process (and thread) id: the host's with host_time, else a
 * fixed one, so that runs are reproducible. */
int machine_pid(const struct machine *m);
/* Random bytes for the guest: from the recorded generator unless host_time. */
void machine_random(struct machine *m, void *buf, size_t n);

/* Run until exit, fault, illegal instruction or icount == stop_at. */
enum stop_reason interp_run(struct machine *m);
/* The handler table the decoder stores into records (NULL for the switch build). */
const uint32_t *interp_handlers(void);

/* The system call at the current ecall (a7 = number, a0..a5 = arguments,
 * result in a0).  Returns true when the guest exited (m->exit_status). */
bool sys_ecall(struct machine *m);
/* A stop that Linux turns into a signal (a memory fault, an illegal
 * instruction, ebreak, a misaligned atomic; the faulting instruction at
 * cpu.pc, not retired): true when the program's handler for it now runs,
 * as under Linux, with si_code and si_addr set; false when the run stops
 * (no handler, or the signal blocked or ignored). */
bool sys_fault_signal(struct machine *m, enum stop_reason why);
/* Expire the interval timers that are due and deliver their signals, then
 * set timer_stop (sys_timer.c).  true when the guest was killed by one. */
bool sys_timers_run(struct machine *m);
/* Set timer_stop from the armed timers. */
void sys_timers_schedule(struct machine *m);
/* sigaltstack's flags (Linux ABI). */
#define RV_SS_ONSTACK 1
#define RV_SS_DISABLE 2
#define RV_SS_AUTODISARM (1u << 31)
/* Whether sigaltstack could have left these alternate stack settings
 * (sys_signal.c; snapshot restore checks with it). */
bool sys_altstack_valid(uint64_t base, uint64_t size, uint32_t flags);
/* Interval timer t (0..2: ITIMER_REAL, _VIRTUAL, _PROF), armed when
 * itimer_at[t] is not 0: nanoseconds left until it expires (0: due, or
 * disarmed); arm it (or not) to expire in left ns, then every interval ns
 * (0: once). */
uint64_t sys_timer_left(const struct machine *m, int t);
void sys_timer_set(struct machine *m, int t, bool armed, uint64_t left, uint64_t interval);
/* The Linux name of system call nr (implemented here or not), or NULL. */
const char *sys_name(unsigned nr);

#endif
