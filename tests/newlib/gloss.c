/* libgloss/riscv-style system call layer; see gloss.h.  Default build: the
 * riscv-pk ABI newlib uses (legacy numbers 1024+, newlib open flags).
 * -DLINUX_SYSCALLS: __internal_syscall turns the pk calls into riscv64 Linux
 * *at() calls (see there). */
#include "gloss.h"

int errno;

static long raw_ecall(long n, long _a0, long _a1, long _a2, long _a3, long _a4, long _a5)
{
  register long a0 __asm__("a0") = _a0;
  register long a1 __asm__("a1") = _a1;
  register long a2 __asm__("a2") = _a2;
  register long a3 __asm__("a3") = _a3;
  register long a4 __asm__("a4") = _a4;
  register long a5 __asm__("a5") = _a5;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall"
                   : "+r"(a0)
                   : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                   : "memory");
  return a0;
}

#ifdef LINUX_SYSCALLS
/* newlib open flags -> Linux (asm-generic) open flags */
static long linux_open_flags(long f)
{
  long l = f & O_ACCMODE;
  if (f & O_APPEND) l |= 02000;
  if (f & O_CREAT) l |= 0100;
  if (f & O_TRUNC) l |= 01000;
  if (f & O_EXCL) l |= 0200;
  if (f & O_SYNC) l |= 04010000;
  if (f & O_NONBLOCK) l |= 04000;
  if (f & O_NOCTTY) l |= 0400;
  return l;
}
#endif

/* Everything above this function is the pk ABI, byte for byte.  In the
 * LINUX_SYSCALLS build this is where a pk call becomes the Linux call a
 * simulator is expected to perform for it (a reference for amanatsu's own
 * translation), so the program can run under qemu-riscv64. */
long __internal_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5)
{
#ifdef LINUX_SYSCALLS
  switch (n) {
  case SYS_open: /* (path, newlib flags, mode) */
    return raw_ecall(SYS_openat, LNX_AT_FDCWD, a0, linux_open_flags(a1), a2, 0, 0);
  case SYS_openat: /* (dirfd, path, newlib flags, mode) */
    return raw_ecall(SYS_openat, a0, a1, linux_open_flags(a2), a3, 0, 0);
  case SYS_link: /* (old, new) */
    return raw_ecall(LNX_linkat, LNX_AT_FDCWD, a0, LNX_AT_FDCWD, a1, 0, 0);
  case SYS_unlink: /* (path) */
    return raw_ecall(LNX_unlinkat, LNX_AT_FDCWD, a0, 0, 0, 0, 0);
  case SYS_mkdir: /* (path, mode) */
    return raw_ecall(LNX_mkdirat, LNX_AT_FDCWD, a0, a1, 0, 0, 0);
  case SYS_access: /* (path, mode) */
    return raw_ecall(SYS_faccessat, LNX_AT_FDCWD, a0, a1, 0, 0, 0);
  case SYS_stat: /* (path, struct kernel_stat *) */
    return raw_ecall(SYS_fstatat, LNX_AT_FDCWD, a0, a1, 0, 0, 0);
  case SYS_lstat: /* (path, struct kernel_stat *) */
    return raw_ecall(SYS_fstatat, LNX_AT_FDCWD, a0, a1, LNX_AT_SYMLINK_NOFOLLOW, 0, 0);
  default:
    break;
  }
#endif
  return raw_ecall(n, a0, a1, a2, a3, a4, a5);
}

static long syscall_errno(long n, long a0, long a1, long a2, long a3)
{
  long r = __internal_syscall(n, a0, a1, a2, a3, 0, 0);
  if (r < 0) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

static void conv_stat(struct stat *st, const struct kernel_stat *k)
{
  st->st_dev = k->st_dev;
  st->st_ino = k->st_ino;
  st->st_mode = k->st_mode;
  st->st_nlink = k->st_nlink;
  st->st_uid = k->st_uid;
  st->st_gid = k->st_gid;
  st->st_rdev = k->st_rdev;
  st->st_size = k->st_size;
  st->st_blksize = k->st_blksize;
  st->st_blocks = k->st_blocks;
  st->st_atime = k->st_atim.tv_sec;
  st->st_mtime = k->st_mtim.tv_sec;
  st->st_ctime = k->st_ctim.tv_sec;
}

/* Fill the kernel_stat with a pattern first, so a simulator that writes
 * too little (or nothing) is caught by the field checks in the program
 * rather than passing on zeroed stack. */
static void poison(struct kernel_stat *k)
{
  memset(k, 0xa5, sizeof *k);
}


int _open(const char *name, int flags, int mode)
{
  return (int)syscall_errno(SYS_open, (long)name, flags, mode, 0);
}

int _close(int fd)
{
  return (int)syscall_errno(SYS_close, fd, 0, 0, 0);
}

long _read(int fd, void *buf, size_t len)
{
  return syscall_errno(SYS_read, fd, (long)buf, (long)len, 0);
}

long _write(int fd, const void *buf, size_t len)
{
  return syscall_errno(SYS_write, fd, (long)buf, (long)len, 0);
}

long _lseek(int fd, long off, int whence)
{
  return syscall_errno(SYS_lseek, fd, off, whence, 0);
}

int _fstat(int fd, struct stat *st)
{
  struct kernel_stat k;
  poison(&k);
  int rv = (int)syscall_errno(SYS_fstat, fd, (long)&k, 0, 0);
  conv_stat(st, &k);
  return rv;
}

int _stat(const char *name, struct stat *st)
{
  struct kernel_stat k;
  poison(&k);
  int rv = (int)syscall_errno(SYS_stat, (long)name, (long)&k, 0, 0);
  conv_stat(st, &k);
  return rv;
}

int _lstat(const char *name, struct stat *st)
{
  struct kernel_stat k;
  poison(&k);
  int rv = (int)syscall_errno(SYS_lstat, (long)name, (long)&k, 0, 0);
  conv_stat(st, &k);
  return rv;
}

int _access(const char *name, int mode)
{
  return (int)syscall_errno(SYS_access, (long)name, mode, 0, 0);
}

int _link(const char *old_name, const char *new_name)
{
  return (int)syscall_errno(SYS_link, (long)old_name, (long)new_name, 0, 0);
}

int _unlink(const char *name)
{
  return (int)syscall_errno(SYS_unlink, (long)name, 0, 0, 0);
}

/* libgloss/riscv defines SYS_mkdir but ships no wrapper for it (a newlib
 * program reaches it only through its own ecall); riscv-pk takes
 * (path, mode) in a0/a1, like mkdir(2). */
int _mkdir(const char *name, int mode)
{
  return (int)syscall_errno(SYS_mkdir, (long)name, mode, 0, 0);
}

int _gettimeofday(struct timeval *tv, void *tz)
{
  (void)tz; /* libgloss passes 0, never the timezone pointer */
  return (int)syscall_errno(SYS_gettimeofday, (long)tv, 0, 0, 0);
}

/* libgloss sys_sbrk.c (non-sim specs): brk(0) once to learn the break,
 * then brk(end + incr), which must return exactly the new end. */
void *_sbrk(long incr)
{
  static unsigned long heap_end;
  if (heap_end == 0) {
    long brk = __internal_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
    if (brk == -1 || brk == 0) {
      errno = ENOMEM;
      return (void *)-1;
    }
    heap_end = (unsigned long)brk;
  }
  if ((unsigned long)__internal_syscall(SYS_brk, (long)(heap_end + incr), 0, 0, 0, 0, 0) !=
      heap_end + incr) {
    errno = ENOMEM;
    return (void *)-1;
  }
  heap_end += incr;
  return (void *)(heap_end - incr);
}

void _exit(int status)
{
  __internal_syscall(SYS_exit, status, 0, 0, 0, 0, 0);
  for (;;) {
  }
}

/* ---- the few string functions a freestanding build needs ---- */

void *memcpy(void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else {
    while (n--) d[n] = s[n];
  }
  return dst;
}

void *memset(void *dst, int c, size_t n)
{
  unsigned char *d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x - *y;
  return 0;
}

size_t strlen(const char *s)
{
  size_t n = 0;
  while (s[n]) n++;
  return n;
}
