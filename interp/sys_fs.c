/* File system calls: descriptors, paths, I/O, metadata, terminals, and the
 * riscv-pk / newlib legacy calls (open 1024, link, unlink, mkdir, access,
 * stat, lstat).
 *
 * Guest memory is only reached through mem_read / mem_write / mem_read_str
 * and bounce buffers; guest descriptors are translated through the fdtable;
 * every structure is converted into its riscv64 layout (sys_layout.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <sys/file.h>
#include <poll.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "machine.h"
#include "sys_internal.h"
#include "sys_layout.h"

#define MAX_RW_COUNT 0x7ffff000ull /* Linux clamps read/write counts to this */
#define IO_CHUNK (64ull << 20)     /* largest bounce buffer for one host call */

/* ---- open flags ---- */

/* riscv64 (asm-generic) and the x86-64 host use the same values for every
 * flag below, O_LARGEFILE aside (host glibc defines it as 0: 64-bit kernels
 * force it).  The table still translates explicitly. */
_Static_assert(O_CREAT == RV_O_CREAT && O_EXCL == RV_O_EXCL && O_NOCTTY == RV_O_NOCTTY &&
                   O_TRUNC == RV_O_TRUNC && O_APPEND == RV_O_APPEND &&
                   O_NONBLOCK == RV_O_NONBLOCK && O_DSYNC == RV_O_DSYNC &&
                   O_ASYNC == RV_O_ASYNC && O_DIRECT == RV_O_DIRECT &&
                   O_DIRECTORY == RV_O_DIRECTORY && O_NOFOLLOW == RV_O_NOFOLLOW &&
                   O_NOATIME == RV_O_NOATIME && O_CLOEXEC == RV_O_CLOEXEC &&
                   O_PATH == RV_O_PATH && O_SYNC == (RV_O__SYNC | RV_O_DSYNC) &&
                   O_TMPFILE == (RV_O__TMPFILE | RV_O_DIRECTORY),
               "open flags");
#define HOST_O_LARGEFILE_BIT 0100000 /* what the x86-64 kernel reports in F_GETFL */

static const struct {
  uint32_t g;
  int h;
} oflag_map[] = {
    {RV_O_CREAT, O_CREAT},         {RV_O_EXCL, O_EXCL},
    {RV_O_NOCTTY, O_NOCTTY},       {RV_O_TRUNC, O_TRUNC},
    {RV_O_APPEND, O_APPEND},       {RV_O_NONBLOCK, O_NONBLOCK},
    {RV_O_DSYNC, O_DSYNC},         {RV_O_ASYNC, O_ASYNC},
    {RV_O_DIRECT, O_DIRECT},       {RV_O_LARGEFILE, HOST_O_LARGEFILE_BIT},
    {RV_O_DIRECTORY, O_DIRECTORY}, {RV_O_NOFOLLOW, O_NOFOLLOW},
    {RV_O_NOATIME, O_NOATIME},     {RV_O_CLOEXEC, O_CLOEXEC},
    {RV_O__SYNC, O_SYNC & ~O_DSYNC}, {RV_O_PATH, O_PATH},
    {RV_O__TMPFILE, O_TMPFILE & ~O_DIRECTORY},
};

static int oflags_to_host(uint32_t g) {
  int h = (int)(g & RV_O_ACCMODE);
  for (size_t i = 0; i < sizeof oflag_map / sizeof oflag_map[0]; i++)
    if (g & oflag_map[i].g) h |= oflag_map[i].h;
  return h; /* unknown bits are dropped, as Linux ignores them in open */
}

static uint32_t oflags_from_host(int h) {
  uint32_t g = (uint32_t)h & RV_O_ACCMODE;
  for (size_t i = 0; i < sizeof oflag_map / sizeof oflag_map[0]; i++)
    if ((h & oflag_map[i].h) == oflag_map[i].h && oflag_map[i].h) g |= oflag_map[i].g;
  return g;
}

uint32_t sys_oflags_from_newlib(uint32_t n) {
  static const struct {
    uint32_t n, g;
  } map[] = {
      {0x0008, RV_O_APPEND},   {0x0200, RV_O_CREAT},    {0x0400, RV_O_TRUNC},
      {0x0800, RV_O_EXCL},     {0x1000, RV_O_NONBLOCK}, {0x2000, RV_O__SYNC | RV_O_DSYNC},
      {0x4000, RV_O_NONBLOCK}, {0x8000, RV_O_NOCTTY},   {0x40000, RV_O_CLOEXEC},
      {0x80000, RV_O_DIRECT},  {0x100000, RV_O_NOFOLLOW}, {0x200000, RV_O_DIRECTORY},
  };
  uint32_t g = n & RV_O_ACCMODE;
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (n & map[i].n) g |= map[i].g;
  return g;
}

_Static_assert(AT_SYMLINK_NOFOLLOW == RV_AT_SYMLINK_NOFOLLOW && AT_REMOVEDIR == RV_AT_REMOVEDIR &&
                   AT_EACCESS == RV_AT_EACCESS && AT_SYMLINK_FOLLOW == RV_AT_SYMLINK_FOLLOW &&
                   AT_NO_AUTOMOUNT == RV_AT_NO_AUTOMOUNT && AT_EMPTY_PATH == RV_AT_EMPTY_PATH,
               "AT_* flags");

/* ---- paths ---- */

/* "/proc/self/REST", "/proc/<our pid>/REST": REST, else NULL. */
static const char *proc_self(const char *p, int self) {
  if (strncmp(p, "/proc/", 6) != 0) return NULL;
  p += 6;
  if (strncmp(p, "self/", 5) == 0) return p + 5;
  char pid[24];
  int n = snprintf(pid, sizeof pid, "%d/", self);
  if (strncmp(p, pid, (size_t)n) == 0) return p + n;
  return NULL;
}

/* Guest fd number from "fd/N" (proc) or "/dev/fd/N", "/dev/stdin" ...; -1. */
static int proc_fd(const char *rest) {
  if (!rest) return -1;
  char *end;
  if (rest[0] < '0' || rest[0] > '9') return -1;
  long n = strtol(rest, &end, 10);
  if (*end || n > INT_MAX) return -1;
  return (int)n;
}

static int dev_fd(const char *p) {
  if (strncmp(p, "/dev/fd/", 8) == 0) return proc_fd(p + 8);
  if (strcmp(p, "/dev/stdin") == 0) return 0;
  if (strcmp(p, "/dev/stdout") == 0) return 1;
  if (strcmp(p, "/dev/stderr") == 0) return 2;
  return -1;
}

/* Rewrite the guest's view of a path into the host's, in place: the
 * executable, descriptors named through /proc/self/fd or /dev/fd (whose
 * numbers are the guest's, not the host's), and /proc/PID/ of the guest's
 * own pid (the host's /proc/self/).  *alias (when not NULL) gets the entry
 * a descriptor name stood for, else NULL.  0 or a negative errno. */
static int host_path(struct machine *m, char *path, const struct fd_entry **alias) {
  const char *rest = proc_self(path, machine_pid(m));
  int gfd = -1;
  if (alias) *alias = NULL;
  if (rest && strcmp(rest, "exe") == 0) {
    if (!m->exe_abs) return 0;
    if (strlen(m->exe_abs) >= PATH_MAX) return -ENAMETOOLONG;
    strcpy(path, m->exe_abs);
    return 0;
  }
  if (rest && strncmp(rest, "fd/", 3) == 0)
    gfd = proc_fd(rest + 3);
  else
    gfd = dev_fd(path);
  if (gfd < 0) {
    if (rest && strncmp(path, "/proc/self/", 11) != 0) { /* /proc/PID/... */
      size_t n = strlen(rest);
      if (n + 11 >= PATH_MAX) return -ENAMETOOLONG;
      memmove(path + 11, rest, n + 1);
      memcpy(path, "/proc/self/", 11);
    }
    return 0;
  }
  struct fd_entry *e = fd_get(&m->fds, gfd);
  if (!e) return -ENOENT;
  if (alias) *alias = e;
  snprintf(path, PATH_MAX, "/proc/self/fd/%d", e->host);
  return 0;
}

/* Read a guest path and rewrite it for the host. */
static int get_path(struct machine *m, uint64_t addr, char *buf) {
  int r = sys_path(m, addr, buf);
  return r ? r : host_path(m, buf, NULL);
}

/* A guest path rewritten for the host, and the host directory it is relative
 * to (sys_dirfd): 0 or a negative errno. */
static int get_at(struct machine *m, int dirfd, uint64_t upath, char *path, int *hdir) {
  int r = get_path(m, upath, path);
  return r ? r : sys_dirfd(m, dirfd, path, hdir);
}

/* Absolute form of a path the guest opened, for the fd table: NULL when it
 * cannot be known. */
static char *abs_path(struct machine *m, int dirfd, const char *path, char *out) {
  if (path[0] == '/') return strcpy(out, path);
  const char *base;
  char cwd[PATH_MAX];
  if (dirfd == RV_AT_FDCWD) {
    if (!getcwd(cwd, sizeof cwd)) return NULL;
    base = cwd;
  } else {
    struct fd_entry *e = fd_get(&m->fds, dirfd);
    if (!e || !e->path) return NULL;
    base = e->path;
  }
  size_t bl = strlen(base), pl = strlen(path);
  if (bl + 1 + pl >= PATH_MAX) return NULL;
  memcpy(out, base, bl);
  if (pl && !(bl && base[bl - 1] == '/')) out[bl++] = '/';
  memcpy(out + bl, path, pl + 1);
  return out;
}

/* Host descriptors of guest files are kept above 2, even when the host's
 * standard streams were closed at start: 0, 1, 2 stay the host's own (the
 * fd table never closes them; --strace writes to 2). */
static int host_high(int h) {
  if (h < 0 || h > 2) return h;
  int k = fcntl(h, F_DUPFD_CLOEXEC, 3);
  int e = errno;
  close(h);
  errno = e;
  return k;
}

static struct fd_entry *get_fd(struct machine *m, uint64_t a) {
  return fd_get(&m->fds, (int)a);
}

/* ---- open / close / dup ---- */

/* A made-up file: what fill writes, in a memfd (a negative errno if it
 * cannot be made). */
static int open_made(const char *name, const struct machine *m,
                     void (*fill)(const struct machine *, FILE *)) {
  char *data = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&data, &n);
  if (!f) return -ENOMEM;
  fill(m, f);
  bool ok = !ferror(f);
  if (fclose(f) != 0 || !ok) {
    free(data);
    return -ENOMEM;
  }
  errno = 0;
  int h = host_high(memfd_create(name, MFD_CLOEXEC)), e = 0;
  if (h < 0 || write(h, data, n) != (ssize_t)n) e = errno ? errno : EIO;
  free(data);
  if (e) {
    if (h >= 0) close(h);
    return -e;
  }
  lseek(h, 0, SEEK_SET);
  return h;
}

/* /proc/self/cmdline as the guest sees it: its argv, NUL-terminated. */
static void fill_cmdline(const struct machine *m, FILE *f) {
  for (int i = 0; i < m->argc && m->argv && m->argv[i]; i++)
    fwrite(m->argv[i], 1, strlen(m->argv[i]) + 1, f);
}

/* /proc/self/maps as the guest sees it: its own mappings, in Linux's
 * format (not the host's, whose addresses mean nothing to the guest: glibc's
 * pthread_getattr_np finds the main thread's stack there).  Offsets, devices
 * and inodes are not kept, and read as 0; every mapping reads as private. */
static void fill_maps(const struct machine *m, FILE *f) {
  for (size_t i = 0; i < m->mem.nvma; i++) {
    const struct mem_vma *v = &m->mem.vma[i];
    fprintf(f, "%08" PRIx64 "-%08" PRIx64 " %c%c%cp 00000000 00:00 0%s%s\n", v->start, v->end,
            v->prot & MEM_R ? 'r' : '-', v->prot & MEM_W ? 'w' : '-', v->prot & MEM_X ? 'x' : '-',
            v->name ? "                          " : "", v->name ? v->name : "");
  }
}

/* The CPUs glibc counts (sysconf(_SC_NPROCESSORS_ONLN), get_nprocs...):
 * /sys/devices/system/cpu/{online,possible,present} list one, as
 * sched_getaffinity says; the host's count would make a program that sizes
 * its work by it run differently from host to host. */
static bool is_cpu_list(const char *path) {
  static const char dir[] = "/sys/devices/system/cpu/";
  if (strncmp(path, dir, sizeof dir - 1) != 0) return false;
  path += sizeof dir - 1;
  return !strcmp(path, "online") || !strcmp(path, "possible") || !strcmp(path, "present");
}

static void fill_cpus(const struct machine *m, FILE *f) {
  (void)m;
  fputs("0\n", f);
}

/* The files made up here rather than opened on the host: a host
 * descriptor, a negative errno, or 0 when path is none of them. */
static int open_synthetic(struct machine *m, const char *path) {
  const char *rest = proc_self(path, machine_pid(m));
  if (is_cpu_list(path)) return open_made("cpus", m, fill_cpus);
  if (rest && strcmp(rest, "cmdline") == 0) return open_made("cmdline", m, fill_cmdline);
  if (rest && strcmp(rest, "maps") == 0) return open_made("maps", m, fill_maps);
  return 0;
}

/* The fd table records what a restore would reopen: the file's absolute
 * path; for a descriptor opened again through /proc/self/fd or /dev/stdin,
 * what that descriptor was; nothing for the synthetic files (/proc/self/
 * cmdline and maps, the CPU lists). */
static int64_t do_openat(struct sys_ctx *c, int dirfd, uint64_t upath, uint32_t gflags,
                         uint32_t mode) {
  struct machine *m = c->m;
  char path[PATH_MAX], abs[PATH_MAX];
  int r = sys_path(m, upath, path);
  if (r) return r;
  int h = open_synthetic(m, path);
  const char *known = NULL;
  if (h < 0) return h;
  if (h == 0) {
    const struct fd_entry *alias;
    int hdir;
    if ((r = host_path(m, path, &alias)) || (r = sys_dirfd(m, dirfd, path, &hdir))) return r;
    h = host_high(openat(hdir, path, oflags_to_host(gflags), (mode_t)(mode & 07777)));
    if (h < 0) return sys_err();
    known = alias ? alias->path : abs_path(m, dirfd, path, abs);
  }
  /* (alias->path is its own allocation: it stays put if fd_alloc grows the table) */
  int fd = fd_alloc(&m->fds, 0, h, (int)gflags, known);
  if (fd < 0) close(h);
  return fd;
}

int64_t sc_openat(struct sys_ctx *c) {
  return do_openat(c, (int)c->a[0], c->a[1], (uint32_t)c->a[2], (uint32_t)c->a[3]);
}

int64_t sc_open(struct sys_ctx *c) {
  return do_openat(c, RV_AT_FDCWD, c->a[0], sys_oflags_from_newlib((uint32_t)c->a[1]),
                   (uint32_t)c->a[2]);
}

int64_t sc_close(struct sys_ctx *c) { return fd_close(&c->m->fds, (int)c->a[0]); }

/* A new guest descriptor sharing e's open file: the lowest free one >= min,
 * or (exact) min itself, closing what min was.  The host descriptor is made
 * first, so that a failure leaves min alone. */
static int64_t dup_entry(struct machine *m, struct fd_entry *e, int min, bool exact,
                         bool cloexec) {
  int fl = (e->flags & ~RV_O_CLOEXEC) | (cloexec ? RV_O_CLOEXEC : 0);
  const char *path = e->path; /* its own allocation: stays put if the table moves */
  int h = fcntl(e->host, F_DUPFD_CLOEXEC, 3);
  if (h < 0) return sys_err();
  if (exact) fd_close(&m->fds, min);
  int fd = fd_alloc(&m->fds, min, h, fl, path);
  if (fd < 0) close(h);
  return exact && fd < 0 ? -EBADF /* min beyond RLIMIT_NOFILE */ : fd;
}

int64_t sc_dup(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return dup_entry(c->m, e, 0, false, false);
}

int64_t sc_dup3(struct sys_ctx *c) {
  struct machine *m = c->m;
  int oldfd = (int)c->a[0], newfd = (int)c->a[1];
  uint32_t flags = (uint32_t)c->a[2];
  if (flags & ~(uint32_t)RV_O_CLOEXEC) return -EINVAL;
  if (oldfd == newfd) return -EINVAL;
  struct fd_entry *e = fd_get(&m->fds, oldfd);
  if (!e) return -EBADF;
  if (newfd < 0) return -EBADF;
  return dup_entry(m, e, newfd, true, flags & RV_O_CLOEXEC);
}

int64_t sc_pipe2(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint32_t flags = (uint32_t)c->a[1];
  if (flags & ~(uint32_t)(RV_O_CLOEXEC | RV_O_NONBLOCK | RV_O_DIRECT)) return -EINVAL;
  if (sys_span(m, c->a[0], 8, MEM_W) < 8) return -EFAULT;
  int h[2];
  if (pipe2(h, oflags_to_host(flags) | O_CLOEXEC) != 0) return sys_err();
  h[0] = host_high(h[0]);
  h[1] = host_high(h[1]);
  if (h[0] < 0 || h[1] < 0) {
    int64_t e = sys_err();
    if (h[0] >= 0) close(h[0]);
    if (h[1] >= 0) close(h[1]);
    return e;
  }
  int g0 = fd_alloc(&m->fds, 0, h[0], RV_O_RDONLY | (int)flags, NULL);
  if (g0 < 0) {
    close(h[0]);
    close(h[1]);
    return g0;
  }
  int g1 = fd_alloc(&m->fds, 0, h[1], RV_O_WRONLY | (int)flags, NULL);
  if (g1 < 0) {
    fd_close(&m->fds, g0);
    close(h[1]);
    return g1;
  }
  int32_t g[2] = {g0, g1};
  if (mem_write(&m->mem, c->a[0], g, sizeof g) != 0) {
    fd_close(&m->fds, g0);
    fd_close(&m->fds, g1);
    return -EFAULT;
  }
  return 0;
}

/* ---- fcntl / ioctl ---- */

#define SETFL_MASK (RV_O_APPEND | RV_O_NONBLOCK | RV_O_ASYNC | RV_O_DIRECT | RV_O_NOATIME)

int64_t sc_fcntl(struct sys_ctx *c) {
  struct machine *m = c->m;
  struct fd_entry *e = get_fd(m, c->a[0]);
  if (!e) return -EBADF;
  int cmd = (int)c->a[1];
  uint64_t arg = c->a[2];
  switch (cmd) {
  case 0:      /* F_DUPFD */
  case 1030: { /* F_DUPFD_CLOEXEC: from RLIMIT_NOFILE up, EINVAL as in Linux */
    uint32_t from = (uint32_t)arg;
    struct rlimit rl;
    if (from > INT_MAX || (getrlimit(RLIMIT_NOFILE, &rl) == 0 && from >= rl.rlim_cur))
      return -EINVAL;
    return dup_entry(m, e, (int)from, false, cmd == 1030);
  }
  case 1: /* F_GETFD */
    return e->cloexec ? 1 : 0;
  case 2: /* F_SETFD */
    e->cloexec = arg & 1;
    e->flags = (e->flags & ~RV_O_CLOEXEC) | (e->cloexec ? RV_O_CLOEXEC : 0);
    return 0;
  case 3: { /* F_GETFL: the host's view, which O_APPEND/O_NONBLOCK changes track.
             * Without O_LARGEFILE: a riscv64 kernel would report it (64-bit
             * kernels force it), but qemu-riscv64, the reference, does not. */
    int hf = fcntl(e->host, F_GETFL);
    if (hf < 0) return sys_err();
    return (int64_t)(oflags_from_host(hf) & ~(uint32_t)(RV_O_CLOEXEC | RV_O_LARGEFILE));
  }
  case 4: { /* F_SETFL */
    uint32_t g = (uint32_t)arg & SETFL_MASK;
    int hf = fcntl(e->host, F_GETFL);
    if (hf < 0) return sys_err();
    hf = (hf & ~oflags_to_host(SETFL_MASK)) | oflags_to_host(g);
    if (fcntl(e->host, F_SETFL, hf) != 0) return sys_err();
    e->flags = (e->flags & ~SETFL_MASK) | (int)g;
    return 0;
  }
  case 5: /* F_GETLK */
  case 6: /* F_SETLK */
  case 7: { /* F_SETLKW */
    struct rv_flock gl;
    if (mem_read(&m->mem, arg, &gl, sizeof gl) != 0) return -EFAULT;
    struct flock hl = {.l_type = gl.l_type,
                       .l_whence = gl.l_whence,
                       .l_start = gl.l_start,
                       .l_len = gl.l_len,
                       .l_pid = gl.l_pid};
    int hcmd = cmd == 5 ? F_GETLK : cmd == 6 ? F_SETLK : F_SETLKW;
    if (fcntl(e->host, hcmd, &hl) != 0) return sys_err();
    if (cmd == 5) {
      memset(&gl, 0, sizeof gl);
      gl.l_type = hl.l_type;
      gl.l_whence = hl.l_whence;
      gl.l_start = hl.l_start;
      gl.l_len = hl.l_len;
      gl.l_pid = hl.l_pid;
      if (mem_write(&m->mem, arg, &gl, sizeof gl) != 0) return -EFAULT;
    }
    return 0;
  }
  default:
    return -EINVAL;
  }
}

_Static_assert(TCGETS == 0x5401 && TCSETS == 0x5402 && TCSETSW == 0x5403 && TCSETSF == 0x5404 &&
                   TIOCGWINSZ == 0x5413 && FIONREAD == 0x541B,
               "host ioctl numbers (asm-generic, as riscv64)");

int64_t sc_ioctl(struct sys_ctx *c) {
  struct machine *m = c->m;
  struct fd_entry *e = get_fd(m, c->a[0]);
  if (!e) return -EBADF;
  uint64_t arg = c->a[2];
  switch ((uint32_t)c->a[1]) {
  case 0x5401: { /* TCGETS */
    struct host_ktermios kt;
    struct rv_termios gt;
    if (ioctl(e->host, TCGETS, &kt) != 0) return sys_err();
    rv_termios_from_host(&gt, &kt);
    return mem_write(&m->mem, arg, &gt, sizeof gt) ? -EFAULT : 0;
  }
  case 0x5402: /* TCSETS */
  case 0x5403: /* TCSETSW */
  case 0x5404: { /* TCSETSF */
    struct host_ktermios kt;
    struct rv_termios gt;
    if (mem_read(&m->mem, arg, &gt, sizeof gt) != 0) return -EFAULT;
    rv_termios_to_host(&kt, &gt);
    unsigned long req = (uint32_t)c->a[1] == 0x5402   ? TCSETS
                        : (uint32_t)c->a[1] == 0x5403 ? TCSETSW
                                                      : TCSETSF;
    return ioctl(e->host, req, &kt) != 0 ? sys_err() : 0;
  }
  case 0x5413: { /* TIOCGWINSZ */
    struct winsize w;
    struct rv_winsize gw;
    if (ioctl(e->host, TIOCGWINSZ, &w) != 0) return sys_err();
    rv_winsize_from_host(&gw, &w);
    return mem_write(&m->mem, arg, &gw, sizeof gw) ? -EFAULT : 0;
  }
  case 0x541b: { /* FIONREAD */
    int n;
    if (ioctl(e->host, FIONREAD, &n) != 0) return sys_err();
    int32_t g = n;
    return mem_write(&m->mem, arg, &g, sizeof g) ? -EFAULT : 0;
  }
  default:
    return -ENOTTY;
  }
}

/* ---- read / write ---- */

static bool is_regular(int host) {
  struct stat st;
  return fstat(host, &st) == 0 && S_ISREG(st.st_mode);
}

#define RV_UIO_MAXIOV 1024

/* The guest's iovec array: the count, -EINVAL or -EFAULT. */
static int get_iov(struct machine *m, uint64_t addr, int cnt, struct rv_iovec *iov) {
  if (cnt < 0 || cnt > RV_UIO_MAXIOV) return -EINVAL;
  if (cnt && mem_read(&m->mem, addr, iov, (size_t)cnt * sizeof *iov) != 0) return -EFAULT;
  for (int i = 0; i < cnt; i++)
    if ((int64_t)iov[i].iov_len < 0) return -EINVAL;
  return cnt;
}

/* Cut the guest's buffers to what is accessible with prot (and the list
 * after the first short one), MAX_RW_COUNT bytes in all as Linux does.  A
 * buffer reaching past the address space is -EFAULT, as Linux's access_ok
 * makes it.  Returns the count kept; *total gets their sum, *asked whether
 * any byte was asked for. */
static int cut_iov(struct machine *m, struct rv_iovec *iov, int cnt, int prot, uint64_t *total,
                   bool *asked) {
  for (int i = 0; i < cnt; i++)
    if (iov[i].iov_len > MEM_VA_LIMIT || iov[i].iov_base > MEM_VA_LIMIT - iov[i].iov_len)
      return -EFAULT;
  uint64_t sum = 0;
  *asked = false;
  int n = 0;
  for (; n < cnt && sum < MAX_RW_COUNT; n++) {
    uint64_t len = iov[n].iov_len;
    if (len) *asked = true;
    if (len > MAX_RW_COUNT - sum) len = MAX_RW_COUNT - sum;
    uint64_t ok = sys_span(m, iov[n].iov_base, len, prot);
    iov[n].iov_len = ok;
    sum += ok;
    if (ok < len) {
      n++;
      break;
    }
  }
  *total = sum;
  return n;
}

/* A position in a list of guest buffers. */
struct iov_pos {
  const struct rv_iovec *v;
  uint64_t off;
};

/* Copy n bytes between buf and the guest's buffers at *p (to_guest: into
 * them), moving *p on.  0 or -EFAULT. */
static int iov_copy(struct machine *m, bool to_guest, struct iov_pos *p, uint8_t *buf,
                    uint64_t n) {
  while (n) {
    uint64_t k = p->v->iov_len - p->off, a = p->v->iov_base + p->off;
    if (k > n) k = n;
    if (k && (to_guest ? mem_write(&m->mem, a, buf, k) : mem_read(&m->mem, a, buf, k)))
      return -EFAULT;
    buf += k;
    n -= k;
    p->off += k;
    if (p->off == p->v->iov_len) {
      p->v++;
      p->off = 0;
    }
  }
  return 0;
}

/* One host read/write at off (-1: the file position) with preadv2 flags. */
static ssize_t host_rw(bool wr, int h, uint8_t *buf, size_t n, int64_t off, int flags) {
  if (flags) {
    struct iovec v = {buf, n};
    return wr ? pwritev2(h, &v, 1, (off_t)off, flags) : preadv2(h, &v, 1, (off_t)off, flags);
  }
  if (off < 0) return wr ? write(h, buf, n) : read(h, buf, n);
  return wr ? pwrite(h, buf, n, (off_t)off) : pread(h, buf, n, (off_t)off);
}

/* Every read and write: read/write (one buffer, a1 and a2) or readv/writev
 * (vec: an iovec array, a1 and a2) on guest fd a0, at off (-1: the file
 * position), with preadv2's flags.  The bytes go through a bounce buffer in
 * one host call, atomic as the guest's own (a pipe write, a terminal read);
 * only a regular file larger than the buffer takes several.  Nothing
 * accessible (a buffer not mapped) is EFAULT, after the host has had its say
 * (EBADF, EISDIR) with a zero-length call. */
static int64_t do_rw(struct sys_ctx *c, bool wr, bool vec, int64_t off, int flags) {
  struct machine *m = c->m;
  struct fd_entry *e = get_fd(m, c->a[0]);
  if (!e) return -EBADF;
  struct rv_iovec iov[RV_UIO_MAXIOV];
  int n = 1;
  if (vec)
    n = get_iov(m, c->a[1], (int)c->a[2], iov);
  else
    iov[0] = (struct rv_iovec){c->a[1], c->a[2]};
  uint64_t total;
  bool asked;
  if (n >= 0) n = cut_iov(m, iov, n, wr ? MEM_R : MEM_W, &total, &asked);
  if (n < 0) return n;

  uint8_t small[16384], *buf = small;
  uint64_t chunk = total < IO_CHUNK ? total : IO_CHUNK;
  if (chunk > sizeof small && !(buf = malloc(chunk))) return -ENOMEM;
  bool loop = total > chunk && is_regular(e->host);
  struct iov_pos at = {iov, 0};
  uint64_t done = 0;
  int64_t err = 0;
  for (;;) {
    uint64_t want = total - done < chunk ? total - done : chunk;
    if (wr && (err = iov_copy(m, false, &at, buf, want))) break;
    ssize_t r = host_rw(wr, e->host, buf, want, off < 0 ? -1 : off + (int64_t)done, flags);
    if (r < 0) {
      err = sys_err();
      break;
    }
    if (!wr && (err = iov_copy(m, true, &at, buf, (uint64_t)r))) break;
    done += (uint64_t)r;
    if ((uint64_t)r < want || !loop || done == total) break;
  }
  if (buf != small) free(buf);
  if (done) return (int64_t)done;
  if (err) return wr ? sys_write_result(c, err) : err;
  return asked && !total ? -EFAULT : 0;
}

int64_t sc_read(struct sys_ctx *c) { return do_rw(c, false, false, -1, 0); }
int64_t sc_write(struct sys_ctx *c) { return do_rw(c, true, false, -1, 0); }
int64_t sc_readv(struct sys_ctx *c) { return do_rw(c, false, true, -1, 0); }
int64_t sc_writev(struct sys_ctx *c) { return do_rw(c, true, true, -1, 0); }

/* A negative offset is EINVAL, before the descriptor is looked at. */
int64_t sc_pread64(struct sys_ctx *c) {
  return (int64_t)c->a[3] < 0 ? -EINVAL : do_rw(c, false, false, (int64_t)c->a[3], 0);
}

int64_t sc_pwrite64(struct sys_ctx *c) {
  return (int64_t)c->a[3] < 0 ? -EINVAL : do_rw(c, true, false, (int64_t)c->a[3], 0);
}

/* The offset comes as pos_l (a3), pos_h (a4); on 64-bit, pos_l is all of it. */
int64_t sc_preadv(struct sys_ctx *c) {
  return (int64_t)c->a[3] < 0 ? -EINVAL : do_rw(c, false, true, (int64_t)c->a[3], 0);
}

int64_t sc_pwritev(struct sys_ctx *c) {
  return (int64_t)c->a[3] < 0 ? -EINVAL : do_rw(c, true, true, (int64_t)c->a[3], 0);
}

/* RWF_HIPRI 1, RWF_DSYNC 2, RWF_SYNC 4, RWF_NOWAIT 8, RWF_APPEND 16: same
 * values on both sides.  Offset -1: the file position. */
int64_t sc_preadv2(struct sys_ctx *c) {
  return (int64_t)c->a[3] < -1 ? -EINVAL : do_rw(c, false, true, (int64_t)c->a[3], (int)c->a[5]);
}

int64_t sc_pwritev2(struct sys_ctx *c) {
  return (int64_t)c->a[3] < -1 ? -EINVAL : do_rw(c, true, true, (int64_t)c->a[3], (int)c->a[5]);
}

int64_t sc_sendfile(struct sys_ctx *c) {
  struct machine *m = c->m;
  struct fd_entry *out = get_fd(m, c->a[0]), *in = get_fd(m, c->a[1]);
  if (!out || !in) return -EBADF;
  off_t off, *offp = NULL;
  if (c->a[2]) {
    int64_t g;
    if (mem_read(&m->mem, c->a[2], &g, sizeof g)) return -EFAULT;
    off = (off_t)g;
    offp = &off;
  }
  size_t count = c->a[3] > MAX_RW_COUNT ? MAX_RW_COUNT : (size_t)c->a[3];
  ssize_t r = sendfile(out->host, in->host, offp, count);
  if (r < 0) return sys_write_result(c, sys_err());
  if (offp) {
    int64_t g = (int64_t)off;
    if (mem_write(&m->mem, c->a[2], &g, sizeof g)) return -EFAULT;
  }
  return r;
}

int64_t sc_lseek(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  off_t r = lseek(e->host, (off_t)c->a[1], (int)c->a[2]);
  return r < 0 ? sys_err() : (int64_t)r;
}

int64_t sc_getdents64(struct sys_ctx *c) {
  struct machine *m = c->m;
  struct fd_entry *e = get_fd(m, c->a[0]);
  if (!e) return -EBADF;
  /* struct linux_dirent64 is the same on both sides (u64 ino, s64 off,
   * u16 reclen, u8 type, name), so the records pass through. */
  uint64_t count = (uint32_t)c->a[2];
  uint64_t avail = sys_span(m, c->a[1], count, MEM_W);
  if (avail > (1u << 20)) avail = 1u << 20;
  if (avail == 0 && count) return -EFAULT;
  uint8_t *tmp = malloc(avail ? avail : 1);
  if (!tmp) return -ENOMEM;
  long r = syscall(SYS_getdents64, e->host, tmp, (unsigned)avail);
  int64_t res = r < 0 ? sys_err() : r;
  if (r > 0 && mem_write(&m->mem, c->a[1], tmp, (size_t)r) != 0) res = -EFAULT;
  free(tmp);
  return res;
}

/* ---- metadata ---- */

static int64_t put_stat(struct machine *m, uint64_t addr, const struct stat *st) {
  struct rv_stat g;
  rv_stat_from_host(&g, st);
  return mem_write(&m->mem, addr, &g, sizeof g) ? -EFAULT : 0;
}

static int64_t do_fstatat(struct machine *m, int dirfd, uint64_t upath, uint64_t buf,
                          int flags) {
  if (flags & ~(RV_AT_SYMLINK_NOFOLLOW | RV_AT_NO_AUTOMOUNT | RV_AT_EMPTY_PATH)) return -EINVAL;
  char path[PATH_MAX];
  int hdir, r = get_at(m, dirfd, upath, path, &hdir);
  if (r) return r;
  struct stat st;
  if (fstatat(hdir, path, &st, flags) != 0) return sys_err();
  return put_stat(m, buf, &st);
}

int64_t sc_newfstatat(struct sys_ctx *c) {
  return do_fstatat(c->m, (int)c->a[0], c->a[1], c->a[2], (int)c->a[3]);
}

int64_t sc_fstat(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  struct stat st;
  if (fstat(e->host, &st) != 0) return sys_err();
  return put_stat(c->m, c->a[1], &st);
}

int64_t sc_stat(struct sys_ctx *c) { return do_fstatat(c->m, RV_AT_FDCWD, c->a[0], c->a[1], 0); }

int64_t sc_lstat(struct sys_ctx *c) {
  return do_fstatat(c->m, RV_AT_FDCWD, c->a[0], c->a[1], RV_AT_SYMLINK_NOFOLLOW);
}

int64_t sc_statx(struct sys_ctx *c) {
  struct machine *m = c->m;
  char path[PATH_MAX];
  int hdir, r = get_at(m, (int)c->a[0], c->a[1], path, &hdir);
  if (r) return r;
  struct statx hs;
  if (statx(hdir, path, (int)c->a[2], (unsigned)c->a[3], &hs) != 0) return sys_err();
  struct rv_statx g;
  rv_statx_from_host(&g, &hs);
  return mem_write(&m->mem, c->a[4], &g, sizeof g) ? -EFAULT : 0;
}

static int64_t do_faccessat(struct machine *m, int dirfd, uint64_t upath, int mode, int flags,
                            bool v2) {
  char path[PATH_MAX];
  int hdir, r = get_at(m, dirfd, upath, path, &hdir);
  if (r) return r;
  long k = v2 ? syscall(SYS_faccessat2, hdir, path, mode, flags)
              : syscall(SYS_faccessat, hdir, path, mode);
  return k < 0 ? sys_err() : 0;
}

int64_t sc_faccessat(struct sys_ctx *c) {
  return do_faccessat(c->m, (int)c->a[0], c->a[1], (int)c->a[2], 0, false);
}

int64_t sc_faccessat2(struct sys_ctx *c) {
  return do_faccessat(c->m, (int)c->a[0], c->a[1], (int)c->a[2], (int)c->a[3], true);
}

int64_t sc_access(struct sys_ctx *c) {
  return do_faccessat(c->m, RV_AT_FDCWD, c->a[0], (int)c->a[1], 0, false);
}

int64_t sc_readlinkat(struct sys_ctx *c) {
  struct machine *m = c->m;
  int bufsiz = (int)c->a[3];
  char path[PATH_MAX], target[PATH_MAX];
  int r = sys_path(m, c->a[1], path);
  if (r) return r;
  if (bufsiz <= 0) return -EINVAL;
  size_t len;
  const char *rest = proc_self(path, machine_pid(c->m));
  if (rest && strcmp(rest, "exe") == 0 && m->exe_abs) {
    len = strlen(m->exe_abs);
    if (len > PATH_MAX) len = PATH_MAX;
    memcpy(target, m->exe_abs, len);
  } else {
    int hdir;
    if ((r = host_path(m, path, NULL))) return r;
    if ((r = sys_dirfd(m, (int)c->a[0], path, &hdir))) return r;
    ssize_t n = readlinkat(hdir, path, target, sizeof target);
    if (n < 0) return sys_err();
    len = (size_t)n;
  }
  if (len > (size_t)bufsiz) len = (size_t)bufsiz;
  return mem_write(&m->mem, c->a[2], target, len) ? -EFAULT : (int64_t)len;
}

int64_t sc_getcwd(struct sys_ctx *c) {
  char cwd[PATH_MAX];
  long n = syscall(SYS_getcwd, cwd, sizeof cwd); /* the kernel's semantics */
  if (n < 0) return sys_err();
  if ((uint64_t)n > c->a[1]) return -ERANGE;
  return mem_write(&c->m->mem, c->a[0], cwd, (size_t)n) ? -EFAULT : n;
}

int64_t sc_chdir(struct sys_ctx *c) {
  char path[PATH_MAX];
  int r = get_path(c->m, c->a[0], path);
  if (r) return r;
  return chdir(path) ? sys_err() : 0;
}

int64_t sc_fchdir(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return fchdir(e->host) ? sys_err() : 0;
}

static int64_t do_mkdirat(struct machine *m, int dirfd, uint64_t upath, uint32_t mode) {
  char path[PATH_MAX];
  int hdir, r = get_at(m, dirfd, upath, path, &hdir);
  if (r) return r;
  return mkdirat(hdir, path, (mode_t)(mode & 07777)) ? sys_err() : 0;
}

int64_t sc_mkdirat(struct sys_ctx *c) {
  return do_mkdirat(c->m, (int)c->a[0], c->a[1], (uint32_t)c->a[2]);
}

int64_t sc_mkdir(struct sys_ctx *c) {
  return do_mkdirat(c->m, RV_AT_FDCWD, c->a[0], (uint32_t)c->a[1]);
}

static int64_t do_unlinkat(struct machine *m, int dirfd, uint64_t upath, int flags) {
  if (flags & ~RV_AT_REMOVEDIR) return -EINVAL;
  char path[PATH_MAX];
  int hdir, r = get_at(m, dirfd, upath, path, &hdir);
  if (r) return r;
  return unlinkat(hdir, path, flags) ? sys_err() : 0;
}

int64_t sc_unlinkat(struct sys_ctx *c) {
  return do_unlinkat(c->m, (int)c->a[0], c->a[1], (int)c->a[2]);
}

int64_t sc_unlink(struct sys_ctx *c) { return do_unlinkat(c->m, RV_AT_FDCWD, c->a[0], 0); }

int64_t sc_symlinkat(struct sys_ctx *c) {
  struct machine *m = c->m;
  char target[PATH_MAX], path[PATH_MAX];
  int hdir, r = sys_path(m, c->a[0], target); /* the link's contents: as given */
  if (r || (r = get_at(m, (int)c->a[1], c->a[2], path, &hdir))) return r;
  return symlinkat(target, hdir, path) ? sys_err() : 0;
}

static int64_t do_linkat(struct machine *m, int olddir, uint64_t uold, int newdir, uint64_t unew,
                         int flags) {
  if (flags & ~(RV_AT_SYMLINK_FOLLOW | RV_AT_EMPTY_PATH)) return -EINVAL;
  char oldp[PATH_MAX], newp[PATH_MAX];
  int r = get_path(m, uold, oldp), ho, hn;
  if (r) return r;
  if ((r = get_path(m, unew, newp))) return r;
  if ((r = sys_dirfd(m, olddir, oldp, &ho))) return r;
  if ((r = sys_dirfd(m, newdir, newp, &hn))) return r;
  return linkat(ho, oldp, hn, newp, flags) ? sys_err() : 0;
}

int64_t sc_linkat(struct sys_ctx *c) {
  return do_linkat(c->m, (int)c->a[0], c->a[1], (int)c->a[2], c->a[3], (int)c->a[4]);
}

int64_t sc_link(struct sys_ctx *c) {
  return do_linkat(c->m, RV_AT_FDCWD, c->a[0], RV_AT_FDCWD, c->a[1], 0);
}

int64_t sc_renameat2(struct sys_ctx *c) {
  struct machine *m = c->m;
  char oldp[PATH_MAX], newp[PATH_MAX];
  int r = get_path(m, c->a[1], oldp), ho, hn;
  if (r) return r;
  if ((r = get_path(m, c->a[3], newp))) return r;
  if ((r = sys_dirfd(m, (int)c->a[0], oldp, &ho))) return r;
  if ((r = sys_dirfd(m, (int)c->a[2], newp, &hn))) return r;
  /* RENAME_NOREPLACE 1, RENAME_EXCHANGE 2, RENAME_WHITEOUT 4: same values. */
  return syscall(SYS_renameat2, ho, oldp, hn, newp, (unsigned)c->a[4]) < 0 ? sys_err() : 0;
}

int64_t sc_truncate(struct sys_ctx *c) {
  char path[PATH_MAX];
  int r = get_path(c->m, c->a[0], path);
  if (r) return r;
  return truncate(path, (off_t)c->a[1]) ? sys_err() : 0;
}

int64_t sc_ftruncate(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return ftruncate(e->host, (off_t)c->a[1]) ? sys_err() : 0;
}

int64_t sc_fchmod(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return fchmod(e->host, (mode_t)(c->a[1] & 07777)) ? sys_err() : 0;
}

int64_t sc_fchmodat(struct sys_ctx *c) {
  struct machine *m = c->m;
  char path[PATH_MAX];
  int hdir, r = get_at(m, (int)c->a[0], c->a[1], path, &hdir);
  if (r) return r;
  return syscall(SYS_fchmodat, hdir, path, (mode_t)(c->a[2] & 07777)) < 0 ? sys_err() : 0;
}

int64_t sc_utimensat(struct sys_ctx *c) {
  struct machine *m = c->m;
  char path[PATH_MAX];
  const char *p = NULL;
  int r, hdir;
  if (c->a[1]) {
    if ((r = get_path(m, c->a[1], path))) return r;
    p = path;
  }
  if ((r = sys_dirfd(m, (int)c->a[0], p, &hdir))) return r;
  struct timespec ts[2], *tp = NULL;
  if (c->a[2]) {
    struct rv_timespec g[2];
    if (mem_read(&m->mem, c->a[2], g, sizeof g) != 0) return -EFAULT;
    /* UTIME_NOW / UTIME_OMIT have the same values on both sides. */
    rv_timespec_to_host(&ts[0], &g[0]);
    rv_timespec_to_host(&ts[1], &g[1]);
    tp = ts;
  }
  return syscall(SYS_utimensat, hdir, p, tp, (int)c->a[3]) < 0 ? sys_err() : 0;
}

int64_t sc_fsync(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return fsync(e->host) ? sys_err() : 0;
}

int64_t sc_fdatasync(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return fdatasync(e->host) ? sys_err() : 0;
}

int64_t sc_sync(struct sys_ctx *c) {
  (void)c;
  sync();
  return 0;
}

int64_t sc_fchown(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return fchown(e->host, (uid_t)c->a[1], (gid_t)c->a[2]) ? sys_err() : 0;
}

int64_t sc_fchownat(struct sys_ctx *c) {
  struct machine *m = c->m;
  char path[PATH_MAX];
  int hdir, r = get_at(m, (int)c->a[0], c->a[1], path, &hdir);
  if (r) return r;
  return fchownat(hdir, path, (uid_t)c->a[2], (gid_t)c->a[3], (int)c->a[4]) ? sys_err() : 0;
}

int64_t sc_flock(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  /* LOCK_SH 1, LOCK_EX 2, LOCK_NB 4, LOCK_UN 8: same values. */
  return flock(e->host, (int)c->a[1]) ? sys_err() : 0;
}

int64_t sc_fallocate(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  return fallocate(e->host, (int)c->a[1], (off_t)c->a[2], (off_t)c->a[3]) ? sys_err() : 0;
}

int64_t sc_fadvise64(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  int r = posix_fadvise(e->host, (off_t)c->a[1], (off_t)c->a[2], (int)c->a[3]);
  return -(int64_t)r;
}

static int64_t put_statfs(struct machine *m, uint64_t addr, const struct statfs *h) {
  struct rv_statfs g;
  rv_statfs_from_host(&g, h);
  return mem_write(&m->mem, addr, &g, sizeof g) ? -EFAULT : 0;
}

int64_t sc_statfs(struct sys_ctx *c) {
  char path[PATH_MAX];
  int r = get_path(c->m, c->a[0], path);
  if (r) return r;
  struct statfs h;
  if (statfs(path, &h) != 0) return sys_err();
  return put_statfs(c->m, c->a[1], &h);
}

int64_t sc_fstatfs(struct sys_ctx *c) {
  struct fd_entry *e = get_fd(c->m, c->a[0]);
  if (!e) return -EBADF;
  struct statfs h;
  if (fstatfs(e->host, &h) != 0) return sys_err();
  return put_statfs(c->m, c->a[1], &h);
}

/* close_range(first, last, flags): CLOSE_RANGE_UNSHARE 2 (nothing shared
 * here), CLOSE_RANGE_CLOEXEC 4. */
int64_t sc_close_range(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint32_t first = (uint32_t)c->a[0], last = (uint32_t)c->a[1], flags = (uint32_t)c->a[2];
  if (flags & ~6u) return -EINVAL;
  if (first > last) return -EINVAL;
  for (uint32_t fd = first; fd <= last && fd < (uint32_t)m->fds.cap; fd++) {
    struct fd_entry *e = fd_get(&m->fds, (int)fd);
    if (!e) continue;
    if (flags & 4) {
      e->cloexec = true;
      e->flags |= RV_O_CLOEXEC;
    } else {
      fd_close(&m->fds, (int)fd);
    }
  }
  return 0;
}

/* ---- poll / select ---- */

_Static_assert(POLLIN == 1 && POLLPRI == 2 && POLLOUT == 4 && POLLERR == 8 && POLLHUP == 0x10 &&
                   POLLNVAL == 0x20 && POLLRDNORM == 0x40 && POLLRDBAND == 0x80 &&
                   POLLWRNORM == 0x100 && POLLWRBAND == 0x200,
               "poll bits (asm-generic on both sides)");

struct rv_pollfd {
  int32_t fd;
  int16_t events;
  int16_t revents;
};
_Static_assert(sizeof(struct rv_pollfd) == 8, "struct pollfd");

static double ts_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Linux writes the time left back into ppoll's and pselect6's timeout. */
static int put_time_left(struct machine *m, uint64_t addr, const struct timespec *ts,
                         double start) {
  double left = (double)ts->tv_sec + (double)ts->tv_nsec * 1e-9 - (ts_now() - start);
  if (left < 0) left = 0;
  struct timespec t = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
  if (t.tv_nsec > 999999999) t.tv_nsec = 999999999;
  return sys_put_timespec(m, addr, &t);
}

/* A ppoll or select watching no descriptor is a sleep (pause() is ppoll
 * with nothing and no timeout): on the guest's clocks, as nanosleep; with
 * no timeout only ITIMER_REAL's signal can end it.  The time left goes to
 * tsaddr. */
static int64_t wait_for_nothing(struct sys_ctx *c, const struct timespec *tp, uint64_t tsaddr,
                                const char *what) {
  struct machine *m = c->m;
  if (!tp) return sys_wait_forever(c, ~m->sigmask, what) ? -EINTR : 0;
  struct timespec left;
  int r = sys_sleep(m, 1 /* CLOCK_MONOTONIC */, false, tp, &left, ~m->sigmask);
  if (r == -EINTR) return tsaddr && sys_put_timespec(m, tsaddr, &left) ? -EFAULT : -EINTR;
  struct timespec zero = {0, 0};
  return sys_put_timespec(m, tsaddr, &zero);
}

/* A wait on descriptors that timed out took its whole timeout, on the
 * guest's clocks too: else a program waiting for input until a deadline of
 * its own clock would wait again and again, forever. */
static void timed_out(struct machine *m, const struct timespec *tp) {
  struct timespec rem;
  if (!m->host_time) sys_sleep(m, 1 /* CLOCK_MONOTONIC */, false, tp, &rem, 0);
}

/* The signal mask argument is accepted and not applied: no signal can
 * arrive while the host waits. */
int64_t sc_ppoll(struct sys_ctx *c) {
  struct machine *m = c->m;
  uint32_t nfds = (uint32_t)c->a[1];
  if (nfds > (1u << 20)) return -EINVAL;
  if (c->a[3] && c->a[4] != 8) return -EINVAL;
  struct timespec ts, *tp = NULL;
  if (c->a[2]) {
    int r = sys_get_timespec(m, c->a[2], &ts);
    if (r) return r;
    tp = &ts;
  }
  struct rv_pollfd *g = malloc((size_t)nfds * sizeof *g + 1);
  struct pollfd *h = malloc((size_t)nfds * sizeof *h + 1);
  int64_t res;
  if (!g || !h) {
    res = -ENOMEM;
    goto out;
  }
  if (nfds && mem_read(&m->mem, c->a[0], g, (size_t)nfds * sizeof *g)) {
    res = -EFAULT;
    goto out;
  }
  int nval = 0, watched = 0;
  for (uint32_t i = 0; i < nfds; i++) {
    h[i].fd = -1;
    h[i].events = g[i].events;
    h[i].revents = 0;
    g[i].revents = 0;
    if (g[i].fd < 0) continue;
    struct fd_entry *e = fd_get(&m->fds, g[i].fd);
    if (!e) {
      g[i].revents = POLLNVAL;
      nval++;
    } else {
      h[i].fd = e->host;
      watched++;
    }
  }
  if (!watched && !nval) {
    /* a sleep; the entries (all with fd < 0) still get revents 0 */
    res = wait_for_nothing(c, tp, c->a[2], "ppoll on no descriptor without a timeout (pause)");
    if (res == 0 && nfds && mem_write(&m->mem, c->a[0], g, (size_t)nfds * sizeof *g)) res = -EFAULT;
    goto out;
  }
  struct timespec zero = {0, 0};
  double start = ts_now();
  int r = ppoll(h, nfds, nval ? &zero : tp, NULL);
  if (r < 0) {
    res = sys_err();
    goto out;
  }
  for (uint32_t i = 0; i < nfds; i++)
    if (h[i].fd >= 0) g[i].revents = h[i].revents;
  if (nfds && mem_write(&m->mem, c->a[0], g, (size_t)nfds * sizeof *g)) {
    res = -EFAULT;
    goto out;
  }
  res = r + nval;
  if (tp && res == 0) timed_out(m, tp);
  if (tp && put_time_left(m, c->a[2], tp, start)) res = -EFAULT;
out:
  free(g);
  free(h);
  return res;
}

#define SEL_IN (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX POLLPRI

/* select through the host's ppoll, guest descriptor by descriptor. */
int64_t sc_pselect6(struct sys_ctx *c) {
  struct machine *m = c->m;
  int n = (int)c->a[0];
  if (n < 0) return -EINVAL;
  /* Linux looks at the descriptors below its table's size, at least 64
   * (NR_OPEN_DEFAULT) and growing as the fd table's capacity does: a closed
   * one in a set there is EBADF, higher ones are ignored. */
  int max = m->fds.cap > 64 ? m->fds.cap : 64;
  if (n > max) n = max;
  size_t words = ((size_t)n + 63) / 64, bytes = words * 8;
  uint64_t *set[3] = {NULL, NULL, NULL};
  struct pollfd *h = NULL;
  int *which = NULL;
  int64_t res;
  struct timespec ts, *tp = NULL;
  if (c->a[4]) {
    int r = sys_get_timespec(m, c->a[4], &ts);
    if (r) return r;
    tp = &ts;
  }
  for (int k = 0; k < 3; k++) {
    if (!c->a[1 + k]) continue;
    set[k] = calloc(words + 1, 8);
    if (!set[k]) {
      res = -ENOMEM;
      goto out;
    }
    if (bytes && mem_read(&m->mem, c->a[1 + k], set[k], bytes)) {
      res = -EFAULT;
      goto out;
    }
  }
  h = malloc(((size_t)n + 1) * sizeof *h);
  which = malloc(((size_t)n + 1) * sizeof *which);
  if (!h || !which) {
    res = -ENOMEM;
    goto out;
  }
  int np = 0;
  for (int fd = 0; fd < n; fd++) {
    short ev = 0;
    uint64_t bit = 1ull << (fd & 63);
    if (set[0] && (set[0][fd / 64] & bit)) ev |= POLLIN | POLLRDNORM | POLLRDBAND;
    if (set[1] && (set[1][fd / 64] & bit)) ev |= POLLOUT | POLLWRNORM | POLLWRBAND;
    if (set[2] && (set[2][fd / 64] & bit)) ev |= POLLPRI;
    if (!ev) continue;
    struct fd_entry *e = fd_get(&m->fds, fd);
    if (!e) {
      res = -EBADF;
      goto out;
    }
    h[np].fd = e->host;
    h[np].events = ev;
    h[np].revents = 0;
    which[np++] = fd;
  }
  if (!np) {
    res = wait_for_nothing(c, tp, c->a[4], "select on no descriptor without a timeout");
    goto out;
  }
  double start = ts_now();
  int r = ppoll(h, (nfds_t)np, tp, NULL);
  if (r < 0) {
    res = sys_err();
    goto out;
  }
  for (int k = 0; k < 3; k++)
    if (set[k]) memset(set[k], 0, bytes);
  res = 0;
  for (int i = 0; i < np; i++) {
    int fd = which[i];
    uint64_t bit = 1ull << (fd & 63);
    short re = h[i].revents;
    if (set[0] && (h[i].events & POLLIN) && (re & SEL_IN)) set[0][fd / 64] |= bit, res++;
    if (set[1] && (h[i].events & POLLOUT) && (re & SEL_OUT)) set[1][fd / 64] |= bit, res++;
    if (set[2] && (h[i].events & POLLPRI) && (re & SEL_EX)) set[2][fd / 64] |= bit, res++;
  }
  for (int k = 0; k < 3; k++)
    if (set[k] && bytes && mem_write(&m->mem, c->a[1 + k], set[k], bytes)) {
      res = -EFAULT;
      goto out;
    }
  if (tp && res == 0) timed_out(m, tp);
  if (tp && put_time_left(m, c->a[4], tp, start)) res = -EFAULT;
out:
  for (int k = 0; k < 3; k++) free(set[k]);
  free(h);
  free(which);
  return res;
}

/* ---- more descriptors ---- */

int64_t sc_mknodat(struct sys_ctx *c) {
  struct machine *m = c->m;
  char path[PATH_MAX];
  int hdir, r = get_at(m, (int)c->a[0], c->a[1], path, &hdir);
  if (r) return r;
  /* dev is the kernel's 32-bit encoding on both sides; glibc passes it on. */
  return mknodat(hdir, path, (mode_t)(uint32_t)c->a[2], (dev_t)(uint32_t)c->a[3]) ? sys_err() : 0;
}

int64_t sc_memfd_create(struct sys_ctx *c) {
  struct machine *m = c->m;
  char name[256];
  long n = mem_read_str(&m->mem, c->a[0], name, sizeof name);
  if (n == -ENAMETOOLONG || n > 249) return -EINVAL; /* MFD_NAME_MAX_LEN */
  if (n < 0) return n;
  uint32_t flags = (uint32_t)c->a[1];
  if (flags & ~3u) return -EINVAL; /* MFD_CLOEXEC 1, MFD_ALLOW_SEALING 2 */
  int h = host_high(memfd_create(name, flags | MFD_CLOEXEC));
  if (h < 0) return sys_err();
  int fd = fd_alloc(&m->fds, 0, h, RV_O_RDWR | ((flags & 1) ? RV_O_CLOEXEC : 0), NULL);
  if (fd < 0) close(h);
  return fd;
}

int64_t sc_copy_file_range(struct sys_ctx *c) {
  struct machine *m = c->m;
  struct fd_entry *in = get_fd(m, c->a[0]), *out = get_fd(m, c->a[2]);
  if (!in || !out) return -EBADF;
  int64_t gin, gout;
  off_t oin, oout, *pin = NULL, *pout = NULL;
  if (c->a[1]) {
    if (mem_read(&m->mem, c->a[1], &gin, sizeof gin)) return -EFAULT;
    oin = (off_t)gin;
    pin = &oin;
  }
  if (c->a[3]) {
    if (mem_read(&m->mem, c->a[3], &gout, sizeof gout)) return -EFAULT;
    oout = (off_t)gout;
    pout = &oout;
  }
  size_t len = c->a[4] > MAX_RW_COUNT ? MAX_RW_COUNT : (size_t)c->a[4];
  ssize_t r = copy_file_range(in->host, pin, out->host, pout, len, (unsigned)c->a[5]);
  if (r < 0) return sys_err();
  if (pin && (gin = (int64_t)oin, mem_write(&m->mem, c->a[1], &gin, sizeof gin))) return -EFAULT;
  if (pout && (gout = (int64_t)oout, mem_write(&m->mem, c->a[3], &gout, sizeof gout)))
    return -EFAULT;
  return r;
}
