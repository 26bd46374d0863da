/* A small stand-in for newlib's libgloss/riscv layer (the "syscalls" newlib
 * sits on when a program is linked with riscv64-unknown-elf-gcc's default
 * specs).  Debian ships no riscv newlib, so tests/newlib builds guests
 * freestanding against this shim instead; it makes the same ecalls, with
 * the same numbers, argument order, flag values and struct layouts, as
 * newlib 3.x/4.x libgloss/riscv does under riscv-pk:
 *
 *   a7 = number, a0..a5 = arguments, ecall, result in a0;
 *   a negative a0 is -errno: the wrapper sets errno = -a0 and returns -1.
 *
 * Built with -DLINUX_SYSCALLS, everything down to __internal_syscall is the
 * same, and __internal_syscall turns each pk call into the riscv64 Linux
 * call a simulator should make for it (*at() calls, Linux flag values), so
 * the program can be checked under qemu-riscv64, which does not know the pk
 * numbers 1024+. */
#ifndef AMANATSU_TESTS_NEWLIB_GLOSS_H
#define AMANATSU_TESTS_NEWLIB_GLOSS_H

#include <stddef.h>
#include <stdint.h>

/* libgloss/riscv/machine/syscall.h */
#define SYS_getcwd 17
#define SYS_dup 23
#define SYS_fcntl 25
#define SYS_faccessat 48
#define SYS_chdir 49
#define SYS_openat 56
#define SYS_close 57
#define SYS_getdents 61
#define SYS_lseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_writev 66
#define SYS_pread 67
#define SYS_pwrite 68
#define SYS_fstatat 79
#define SYS_fstat 80
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_kill 129
#define SYS_rt_sigaction 134
#define SYS_times 153
#define SYS_uname 160
#define SYS_gettimeofday 169
#define SYS_getpid 172
#define SYS_getuid 174
#define SYS_geteuid 175
#define SYS_getgid 176
#define SYS_getegid 177
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mremap 216
#define SYS_mmap 222
#define SYS_open 1024
#define SYS_link 1025
#define SYS_unlink 1026
#define SYS_mkdir 1030
#define SYS_access 1033
#define SYS_stat 1038
#define SYS_lstat 1039
#define SYS_time 1062
#define SYS_getmainvars 2011

/* Linux-only numbers used by the LINUX_SYSCALLS variant. */
#define LNX_mkdirat 34
#define LNX_unlinkat 35
#define LNX_linkat 37
#define LNX_AT_FDCWD (-100)
#define LNX_AT_SYMLINK_NOFOLLOW 0x100

/* newlib sys/_default_fcntl.h: these are what a newlib program passes in
 * a1 of SYS_open, untranslated. */
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_ACCMODE 3
#define O_APPEND 0x0008
#define O_CREAT 0x0200
#define O_TRUNC 0x0400
#define O_EXCL 0x0800
#define O_SYNC 0x2000
#define O_NONBLOCK 0x4000
#define O_NOCTTY 0x8000

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)

/* newlib sys/errno.h values that matter here (same as Linux's). */
#define ENOENT 2
#define EBADF 9
#define ENOMEM 12
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22

/* libgloss/riscv/kernel_stat.h: what SYS_stat/SYS_lstat/SYS_fstat/
 * SYS_fstatat write at a1 (a2 for fstatat): the riscv64 Linux
 * asm-generic struct stat, 128 bytes. */
struct kernel_timespec {
  int64_t tv_sec;
  int64_t tv_nsec;
};

struct kernel_stat {
  uint64_t st_dev;         /*   0 */
  uint64_t st_ino;         /*   8 */
  uint32_t st_mode;        /*  16 */
  uint32_t st_nlink;       /*  20 */
  uint32_t st_uid;         /*  24 */
  uint32_t st_gid;         /*  28 */
  uint64_t st_rdev;        /*  32 */
  uint64_t __pad1;         /*  40 */
  int64_t st_size;         /*  48 */
  int32_t st_blksize;      /*  56 */
  int32_t __pad2;          /*  60 */
  int64_t st_blocks;       /*  64 */
  struct kernel_timespec st_atim; /*  72 */
  struct kernel_timespec st_mtim; /*  88 */
  struct kernel_timespec st_ctim; /* 104 */
  int32_t __glibc_reserved[2];    /* 120 */
};
_Static_assert(sizeof(struct kernel_stat) == 128, "kernel_stat is 128 bytes");
_Static_assert(offsetof(struct kernel_stat, st_size) == 48, "st_size at 48");
_Static_assert(offsetof(struct kernel_stat, st_mtim) == 88, "st_mtim at 88");

/* What libgloss's _conv_stat fills in for newlib: whole seconds only. */
struct stat {
  uint64_t st_dev;
  uint64_t st_ino;
  uint32_t st_mode;
  uint32_t st_nlink;
  uint32_t st_uid;
  uint32_t st_gid;
  uint64_t st_rdev;
  int64_t st_size;
  int64_t st_blksize;
  int64_t st_blocks;
  int64_t st_atime;
  int64_t st_mtime;
  int64_t st_ctime;
};

struct timeval {
  int64_t tv_sec;
  int64_t tv_usec;
};

extern int errno;

/* libgloss entry points (newlib calls them via its reentrant wrappers). */
int _open(const char *name, int flags, int mode);
int _close(int fd);
long _read(int fd, void *buf, size_t len);
long _write(int fd, const void *buf, size_t len);
long _lseek(int fd, long off, int whence);
int _fstat(int fd, struct stat *st);
int _stat(const char *name, struct stat *st);
int _lstat(const char *name, struct stat *st);
int _access(const char *name, int mode);
int _link(const char *old_name, const char *new_name);
int _unlink(const char *name);
int _mkdir(const char *name, int mode); /* libgloss has none; see gloss.c */
int _gettimeofday(struct timeval *tv, void *tz);
void *_sbrk(long incr);
void _exit(int status) __attribute__((noreturn));

/* The raw call: what libgloss's __internal_syscall does. */
long __internal_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);

/* Tiny libc bits the program needs (newlib would provide these). */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
