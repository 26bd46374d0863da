/* Minimal freestanding runtime for guest programs built without any C
   library (-nostdlib -ffreestanding).  It lets the same program be compiled
   for ABIs the Debian glibc does not ship, e.g. -march=rv64imac -mabi=lp64
   (soft-float ABI), and for -march=rv64ima (no compressed instructions).
   Integer only; talks to the kernel through raw Linux RISC-V syscalls. */
#ifndef AMANATSU_GUEST_RT_H
#define AMANATSU_GUEST_RT_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define RT_SYS_getcwd 17
#define RT_SYS_dup 23
#define RT_SYS_unlinkat 35
#define RT_SYS_openat 56
#define RT_SYS_close 57
#define RT_SYS_lseek 62
#define RT_SYS_read 63
#define RT_SYS_write 64
#define RT_SYS_writev 66
#define RT_SYS_exit 93
#define RT_SYS_exit_group 94
#define RT_SYS_uname 160
#define RT_SYS_getpid 172
#define RT_SYS_brk 214
#define RT_SYS_munmap 215
#define RT_SYS_mmap 222
#define RT_SYS_mprotect 226

#define RT_AT_FDCWD (-100)
#define RT_O_RDONLY 0
#define RT_O_WRONLY 1
#define RT_O_RDWR 2
#define RT_O_CREAT 0100
#define RT_O_TRUNC 01000

static inline long rt_syscall6(long n, long a, long b, long c, long d, long e, long f) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a3 __asm__("a3") = d;
  register long a4 __asm__("a4") = e;
  register long a5 __asm__("a5") = f;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7) : "memory");
  return a0;
}
#define rt_syscall(n, a, b, c) rt_syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

long rt_write(int fd, const void *buf, size_t n);
long rt_read(int fd, void *buf, size_t n);
int rt_open(const char *path, int flags, int mode);
int rt_close(int fd);
long rt_lseek(int fd, long off, int whence);
int rt_unlink(const char *path);
void *rt_mmap_anon(size_t len);
int rt_munmap(void *p, size_t len);
__attribute__((noreturn)) void rt_exit(int status);

size_t rt_strlen(const char *s);
int rt_strcmp(const char *a, const char *b);
int rt_strncmp(const char *a, const char *b, size_t n);
long rt_atol(const char *s);
const char *rt_getenv(const char *name);
unsigned long rt_getauxval(unsigned long type);

int rt_vprintf(const char *fmt, va_list ap);
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rt_flush(void);

/* GCC may emit calls to these even in freestanding code. */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#define RT_CHECK(cond)                                                       \
  do {                                                                       \
    if (!(cond)) {                                                           \
      rt_flush();                                                            \
      rt_eprintf("CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);   \
      rt_exit(1);                                                            \
    }                                                                        \
  } while (0)

int main(int argc, char **argv, char **envp);
#endif
