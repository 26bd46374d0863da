/* Signals of a single-threaded guest.  The only signals are the ones the
 * guest raises on itself (kill, tkill, tgkill to its own pid), SIGPIPE
 * from a write to a pipe with no reader, the fault signals (SIGSEGV,
 * SIGILL, SIGTRAP, SIGBUS) where the interpreter stops at a faulting
 * instruction, and the interval timers' (sys_timer.c), which the
 * interpreter stops for; nothing from outside arrives.  A raised signal
 * becomes pending and is delivered when the system call returns (a
 * timer's: between two instructions), as Linux does: ignored, default
 * action (terminate; the stop signals are ignored), or a handler run on a
 * frame laid out exactly as the riscv64 kernel's (struct rt_sigframe:
 * siginfo + ucontext), on the alternate signal stack for SA_ONSTACK
 * handlers, returning through a trampoline page (li a7, 139; ecall) in
 * place of the vDSO's __vdso_rt_sigreturn. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "sys_internal.h"
#include "sys_layout.h"

#define SIGBIT(s) (1ull << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(RV_SIGKILL) | SIGBIT(RV_SIGSTOP))
#define RV_SIG_DFL 0
#define RV_SIG_IGN 1
#define RV_SA_SIGINFO 0x4u
#define RV_SA_ONSTACK 0x08000000u
#define RV_SA_NODEFER 0x40000000u
#define RV_SA_RESETHAND 0x80000000u
#define RV_MINSIGSTKSZ 2048

/* Default action "ignore": SIGCHLD, SIGCONT, SIGURG, SIGWINCH; the stop
 * signals (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) are treated alike: a lone
 * process stopped for good is of no use. */
static bool default_ignores(int sig) {
  return sig == 17 || sig == 18 || sig == 23 || sig == 28 || (sig >= 19 && sig <= 22);
}

static bool ignored(struct machine *m, int sig) {
  if (sig == RV_SIGKILL || sig == RV_SIGSTOP) return false;
  uint64_t h = m->sigaction[sig][0];
  return h == RV_SIG_IGN || (h == RV_SIG_DFL && default_ignores(sig));
}

void sys_terminate(struct sys_ctx *c, int sig) {
  c->m->exit_signal = sig;
  c->m->exit_status = 128 + sig;
  c->exited = true;
}

bool sys_wait_forever(struct sys_ctx *c, uint64_t wake, const char *what) {
  struct machine *m = c->m;
  if (m->itimer_at[0]) { /* ITIMER_REAL: sleep until it expires */
    struct timespec until = sys_ns_ts(m->itimer_at[0]);
    sys_sleep(m, 1 /* CLOCK_MONOTONIC */, true, &until, NULL, wake);
    if (m->sigpending & wake) return true;
  }
  fflush(m->strace_out ? m->strace_out : stderr);
  fprintf(stderr, "amanatsu: deadlock: %s, with no other thread or signal to end it\n", what);
  m->exit_status = 124;
  c->exited = true;
  return false;
}

/* Forget that the signals in bits are pending, and who sent them. */
static void drop_pending(struct machine *m, uint64_t bits) {
  m->sigpending &= ~bits;
  m->sigpending_tkill &= ~bits;
  m->sigpending_kernel &= ~bits;
}

int64_t sys_signal_self(struct sys_ctx *c, int sig, int code) {
  struct machine *m = c->m;
  if (sig == 0) return 0;
  if (sig < 1 || sig > RV_NSIG) return -EINVAL;
  uint64_t bit = SIGBIT(sig);
  /* Blocked signals are never ignored: the handler may change meanwhile. */
  if (!(m->sigmask & bit) && ignored(m, sig)) return 0;
  drop_pending(m, bit);
  m->sigpending |= bit;
  if (code == RV_SI_TKILL) m->sigpending_tkill |= bit;
  if (code == RV_SI_KERNEL) m->sigpending_kernel |= bit;
  return 0;
}

int64_t sys_write_result(struct sys_ctx *c, int64_t r) {
  if (r == -EPIPE) sys_signal_self(c, RV_SIGPIPE, RV_SI_USER);
  return r;
}

/* Take the lowest pending signal in set off the pending set: the signal (its
 * si_code in *code), or 0 when none is. */
static int dequeue(struct machine *m, uint64_t set, int *code) {
  uint64_t p = m->sigpending & set;
  if (!p) return 0;
  int sig = __builtin_ctzll(p) + 1;
  uint64_t bit = SIGBIT(sig);
  *code = (m->sigpending_tkill & bit)    ? RV_SI_TKILL
          : (m->sigpending_kernel & bit) ? RV_SI_KERNEL
                                         : RV_SI_USER;
  drop_pending(m, bit);
  return sig;
}

/* The siginfo of a signal the guest sent itself, or a timer's (the
 * kernel's: no sender). */
static void self_siginfo(struct machine *m, struct rv_siginfo *si, int sig, int code) {
  memset(si, 0, sizeof *si);
  si->si_signo = sig;
  si->si_code = code;
  if (code == RV_SI_KERNEL) return;
  si->sender_pid = (int32_t)machine_pid(m);
  si->sender_uid = (uint32_t)getuid();
}

/* The page handlers return to: li a7, 139 (rt_sigreturn); ecall. */
static const uint32_t tramp_code[2] = {0x08b00893u, 0x00000073u};

static bool tramp_ok(struct machine *m) {
  uint32_t code[2];
  struct mem_pte *p = m->sigtramp ? mem_pte(&m->mem, m->sigtramp) : NULL;
  return p && (p->prot & MEM_X) && mem_read(&m->mem, m->sigtramp, code, sizeof code) == 0 &&
         memcmp(code, tramp_code, sizeof code) == 0;
}

static bool make_tramp(struct machine *m) {
  if (tramp_ok(m)) return true;
  uint64_t a = mem_find_free(&m->mem, MEM_PAGE);
  if (!a || mem_map(&m->mem, a, MEM_PAGE, MEM_R | MEM_X, "[vdso]") != 0) return false;
  if (mem_poke(&m->mem, a, tramp_code, sizeof tramp_code) != 0) return false;
  m->sigtramp = a;
  return true;
}

/* The alternate signal stack, as the kernel keeps it (kernel/signal.c):
 * sp is on it when inside (base, base + size]; never while SS_AUTODISARM
 * holds, which clears the stack for the time a handler runs. */
static bool on_altstack(const struct machine *m, uint64_t sp) {
  if (m->altstack_flags & RV_SS_AUTODISARM) return false;
  return sp > m->altstack_sp && sp - m->altstack_sp <= m->altstack_size;
}

/* SS_DISABLE, SS_ONSTACK or 0, as sigaltstack reports it for stack pointer sp. */
static int32_t altstack_state(const struct machine *m, uint64_t sp) {
  if (!m->altstack_size) return RV_SS_DISABLE;
  return on_altstack(m, sp) ? RV_SS_ONSTACK : 0;
}

bool sys_altstack_valid(uint64_t base, uint64_t size, uint32_t flags) {
  uint32_t mode = flags & ~RV_SS_AUTODISARM;
  if (mode == RV_SS_DISABLE) return base == 0 && size == 0;
  return (mode == 0 || mode == RV_SS_ONSTACK) && size >= RV_MINSIGSTKSZ;
}

/* Set the alternate stack from ss, the stack pointer being sp: 0 or a
 * negative errno (the kernel's do_sigaltstack). */
static int set_altstack(struct machine *m, const struct rv_stack *ss, uint64_t sp) {
  if (on_altstack(m, sp)) return -EPERM;
  uint32_t fl = (uint32_t)ss->ss_flags, mode = fl & ~RV_SS_AUTODISARM;
  bool off = mode == RV_SS_DISABLE; /* forgets the stack */
  uint64_t base = off ? 0 : ss->ss_sp, size = off ? 0 : ss->ss_size;
  if (!sys_altstack_valid(base, size, fl)) return mode > RV_SS_DISABLE ? -EINVAL : -ENOMEM;
  m->altstack_sp = base;
  m->altstack_size = size;
  m->altstack_flags = fl;
  return 0;
}

/* Run the handler of si's signal: push the frame (on the alternate stack
 * for an SA_ONSTACK handler, unless already on it), switch the registers. */
static bool push_frame(struct sys_ctx *c, const struct rv_siginfo *si) {
  struct machine *m = c->m;
  int sig = si->si_signo;
  uint64_t handler = m->sigaction[sig][0], flags = m->sigaction[sig][1];
  if (!make_tramp(m)) return false;
  struct rv_sigframe f;
  memset(&f, 0, sizeof f);
  f.info = *si;
  f.uc.uc_stack.ss_sp = m->altstack_sp;
  f.uc.uc_stack.ss_flags = (int32_t)m->altstack_flags;
  f.uc.uc_stack.ss_size = m->altstack_size;
  f.uc.uc_sigmask = c->mask_saved ? c->saved_mask : m->sigmask;
  f.uc.uc_mcontext.regs[0] = m->cpu.pc;
  for (int i = 1; i < 32; i++) f.uc.uc_mcontext.regs[i] = m->cpu.x[i];
  for (int i = 0; i < 32; i++) f.uc.uc_mcontext.f[i] = m->cpu.f[i];
  f.uc.uc_mcontext.fcsr = m->cpu.fcsr;
  uint64_t sp = m->cpu.x[2];
  /* A frame that would overflow the alternate stack is not written there
   * (the kernel makes it fail: SIGSEGV). */
  if (on_altstack(m, sp) && !on_altstack(m, sp - sizeof f)) return false;
  if ((flags & RV_SA_ONSTACK) && altstack_state(m, sp) == 0) sp = m->altstack_sp + m->altstack_size;
  sp = (sp - sizeof f) & ~(uint64_t)15;
  if (mem_write(&m->mem, sp, &f, sizeof f) != 0) return false;
  if (m->altstack_flags & RV_SS_AUTODISARM) { /* until rt_sigreturn restores uc_stack */
    m->altstack_sp = m->altstack_size = 0;
    m->altstack_flags = RV_SS_DISABLE;
  }
  c->mask_saved = false;
  m->cpu.x[1] = m->sigtramp;
  m->cpu.x[2] = sp;
  m->cpu.x[10] = (uint64_t)sig;
  m->cpu.x[11] = sp + offsetof(struct rv_sigframe, info);
  m->cpu.x[12] = sp + offsetof(struct rv_sigframe, uc);
  m->cpu.pc = handler;
  m->sigmask |= m->sigaction[sig][3];
  if (!(flags & RV_SA_NODEFER)) m->sigmask |= SIGBIT(sig);
  m->sigmask &= ~UNBLOCKABLE;
  if (flags & RV_SA_RESETHAND) m->sigaction[sig][0] = RV_SIG_DFL;
  return true;
}

void sys_deliver(struct sys_ctx *c) {
  struct machine *m = c->m;
  int sig, code;
  while ((sig = dequeue(m, ~m->sigmask, &code))) {
    if (ignored(m, sig)) continue;
    if (m->strace) sys_strace_signal(m, sig, code);
    uint64_t h = m->sigaction[sig][0];
    if (sig == RV_SIGKILL || sig == RV_SIGSTOP || h == RV_SIG_DFL) {
      sys_terminate(c, sig);
      return;
    }
    struct rv_siginfo si;
    self_siginfo(m, &si, sig, code);
    if (!push_frame(c, &si)) {
      /* The kernel forces SIGSEGV when the frame cannot be written. */
      if (m->strace) sys_strace_signal(m, RV_SIGSEGV, 128 /* SI_KERNEL */);
      sys_terminate(c, RV_SIGSEGV);
      return;
    }
  }
  if (c->mask_saved) {
    m->sigmask = c->saved_mask;
    c->mask_saved = false;
  }
}

bool sys_fault_signal(struct machine *m, enum stop_reason why) {
  int sig, code;
  uint64_t addr = m->cpu.pc;
  switch (why) {
  case STOP_FAULT:
    addr = m->mem.fault_addr;
    if (m->mem.fault_kind == MEM_MISALIGNED_AMO)
      sig = RV_SIGBUS, code = RV_BUS_ADRALN;
    else
      sig = RV_SIGSEGV, code = mem_is_mapped(&m->mem, addr) ? RV_SEGV_ACCERR : RV_SEGV_MAPERR;
    break;
  case STOP_ILLEGAL: sig = RV_SIGILL, code = RV_ILL_ILLOPC; break;
  case STOP_EBREAK: sig = RV_SIGTRAP, code = RV_TRAP_BRKPT; break;
  default: return false;
  }
  uint64_t h = m->sigaction[sig][0];
  /* Linux forces the default action on a fault signal that is blocked or
   * ignored: the run stops, as without a handler. */
  if (h == RV_SIG_DFL || h == RV_SIG_IGN || (m->sigmask & SIGBIT(sig))) return false;
  struct rv_siginfo si;
  memset(&si, 0, sizeof si);
  si.si_signo = sig;
  si.si_code = code;
  memcpy(&si.sender_pid, &addr, sizeof addr); /* si_addr: the union's first field */
  if (m->strace) sys_strace_fault(m, sig, code, addr);
  struct sys_ctx c = {.m = m};
  return push_frame(&c, &si);
}

int64_t sc_rt_sigreturn(struct sys_ctx *c) {
  struct machine *m = c->m;
  struct rv_sigframe f;
  if (mem_read(&m->mem, m->cpu.x[2], &f, sizeof f) != 0) {
    if (m->strace) sys_strace_signal(m, RV_SIGSEGV, 128);
    sys_terminate(c, RV_SIGSEGV);
    return 0;
  }
  m->sigmask = f.uc.uc_sigmask & ~UNBLOCKABLE;
  /* The stack settings saved in the frame come back (an SS_AUTODISARM
   * stack); refusals are ignored, as the kernel does (one is certain while
   * still on the alternate stack, whose settings then stay as they are). */
  set_altstack(m, &f.uc.uc_stack, m->cpu.x[2]);
  m->cpu.pc = f.uc.uc_mcontext.regs[0];
  for (int i = 1; i < 32; i++) m->cpu.x[i] = f.uc.uc_mcontext.regs[i];
  for (int i = 0; i < 32; i++) m->cpu.f[i] = f.uc.uc_mcontext.f[i];
  m->cpu.fcsr = f.uc.uc_mcontext.fcsr & 0xff;
  return (int64_t)m->cpu.x[10]; /* a0 as it was: the result register is restored too */
}

int64_t sc_rt_sigaction(struct sys_ctx *c) {
  struct machine *m = c->m;
  int sig = (int)c->a[0];
  if (c->a[3] != 8) return -EINVAL;
  if (sig < 1 || sig > RV_NSIG) return -EINVAL;
  struct rv_sigaction na, oa;
  if (c->a[1]) {
    if (mem_read(&m->mem, c->a[1], &na, sizeof na)) return -EFAULT;
    if (sig == RV_SIGKILL || sig == RV_SIGSTOP) return -EINVAL;
  }
  oa.handler = m->sigaction[sig][0];
  oa.flags = m->sigaction[sig][1];
  oa.mask = m->sigaction[sig][3];
  if (c->a[1]) {
    m->sigaction[sig][0] = na.handler;
    m->sigaction[sig][1] = na.flags;
    m->sigaction[sig][2] = 0; /* riscv64 has no sa_restorer */
    m->sigaction[sig][3] = na.mask & ~UNBLOCKABLE;
    /* A signal now ignored is dropped even if pending. */
    if (ignored(m, sig)) drop_pending(m, SIGBIT(sig));
  }
  if (c->a[2] && mem_write(&m->mem, c->a[2], &oa, sizeof oa)) return -EFAULT;
  return 0;
}

int64_t sc_rt_sigprocmask(struct sys_ctx *c) {
  struct machine *m = c->m;
  if (c->a[3] != 8) return -EINVAL;
  uint64_t old = m->sigmask, set = 0;
  if (c->a[1]) {
    if (mem_read(&m->mem, c->a[1], &set, sizeof set)) return -EFAULT;
    switch ((int)c->a[0]) {
    case 0: set = old | set; break;  /* SIG_BLOCK */
    case 1: set = old & ~set; break; /* SIG_UNBLOCK */
    case 2: break;                   /* SIG_SETMASK */
    default: return -EINVAL;
    }
  }
  if (c->a[1]) m->sigmask = set & ~UNBLOCKABLE; /* newly unblocked ones: sys_deliver */
  if (c->a[2] && mem_write(&m->mem, c->a[2], &old, sizeof old)) return -EFAULT;
  return 0;
}

int64_t sc_rt_sigpending(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint64_t size = c->a[1];
  if (size > 8) return -EINVAL;
  uint64_t p = m->sigpending & m->sigmask;
  return mem_write(&m->mem, c->a[0], &p, (size_t)size) ? -EFAULT : 0;
}

int64_t sc_rt_sigsuspend(struct sys_ctx *c) {
  struct machine *m = c->m;
  if (c->a[1] != 8) return -EINVAL;
  uint64_t set;
  if (mem_read(&m->mem, c->a[0], &set, sizeof set)) return -EFAULT;
  uint64_t old = m->sigmask;
  set &= ~UNBLOCKABLE;
  uint64_t d = m->sigpending & ~set;
  bool any = false;
  for (int s = 1; s <= RV_NSIG; s++)
    if ((d & SIGBIT(s)) && !ignored(m, s)) any = true;
  if (!any && !sys_wait_forever(c, ~set, "sigsuspend")) return 0;
  c->saved_mask = old;
  c->mask_saved = true;
  m->sigmask = set;
  return -EINTR;
}

int64_t sc_rt_sigtimedwait(struct sys_ctx *c) {
  struct machine *m = c->m;
  if (c->a[3] != 8) return -EINVAL;
  uint64_t set;
  if (mem_read(&m->mem, c->a[0], &set, sizeof set)) return -EFAULT;
  set &= ~UNBLOCKABLE;
  struct timespec ts;
  if (c->a[2]) {
    int r = sys_get_timespec(m, c->a[2], &ts);
    if (r) return r;
  }
  /* Woken by a signal of the set (taken) or by one delivered (-EINTR). */
  uint64_t wake = set | ~m->sigmask;
  int code, sig = dequeue(m, set, &code);
  if (!sig) {
    if (!c->a[2]) {
      if (!sys_wait_forever(c, wake, "sigtimedwait")) return 0;
    } else if (sys_sleep(m, 1 /* CLOCK_MONOTONIC */, false, &ts, NULL, wake) == 0) {
      return -EAGAIN;
    }
    if (!(sig = dequeue(m, set, &code))) return -EINTR;
  }
  if (c->a[1]) {
    struct rv_siginfo si;
    self_siginfo(m, &si, sig, code);
    if (mem_write(&m->mem, c->a[1], &si, sizeof si)) return -EFAULT;
  }
  return sig;
}

int64_t sc_sigaltstack(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint64_t sp = m->cpu.x[2];
  struct rv_stack old = {.ss_sp = m->altstack_sp,
                         .ss_flags = altstack_state(m, sp) | (int32_t)(m->altstack_flags & RV_SS_AUTODISARM),
                         .ss_size = m->altstack_size};
  if (c->a[0]) {
    struct rv_stack ss;
    if (mem_read(&m->mem, c->a[0], &ss, sizeof ss)) return -EFAULT;
    int r = set_altstack(m, &ss, sp);
    if (r) return r;
  }
  if (c->a[1] && mem_write(&m->mem, c->a[1], &old, sizeof old)) return -EFAULT;
  return 0;
}

/* Signals to ourselves are raised; other processes are not the guest's to
 * signal (-EPERM), but a probe with signal 0 is answered by the host. */
int64_t sc_kill(struct sys_ctx *c) {
  int pid = (int)c->a[0], sig = (int)c->a[1];
  if (sig < 0 || sig > RV_NSIG) return -EINVAL;
  if (pid == 0 || pid == machine_pid(c->m) || pid == -getpgrp()) return sys_signal_self(c, sig, RV_SI_USER);
  if (sig == 0) return kill(pid, 0) ? sys_err() : 0;
  return -EPERM;
}

int64_t sc_tkill(struct sys_ctx *c) {
  int tid = (int)c->a[0], sig = (int)c->a[1];
  if (tid <= 0) return -EINVAL;
  if (sig < 0 || sig > RV_NSIG) return -EINVAL;
  if (tid != machine_pid(c->m)) {
    if (sig) return -EPERM;
    return syscall(SYS_tkill, tid, 0) == 0 ? 0 : sys_err();
  }
  return sys_signal_self(c, sig, RV_SI_TKILL);
}

int64_t sc_tgkill(struct sys_ctx *c) {
  int tgid = (int)c->a[0], tid = (int)c->a[1], sig = (int)c->a[2];
  if (tgid <= 0 || tid <= 0) return -EINVAL;
  if (sig < 0 || sig > RV_NSIG) return -EINVAL;
  if (tgid != machine_pid(c->m) || tid != machine_pid(c->m)) {
    if (sig) return -EPERM;
    return syscall(SYS_tgkill, tgid, tid, 0) == 0 ? 0 : sys_err();
  }
  return sys_signal_self(c, sig, RV_SI_TKILL);
}
