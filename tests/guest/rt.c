/* Minimal freestanding runtime: process entry, syscalls, string helpers and
   a small buffered printf (%d %i %u %x %X %o %c %s %%, l/ll/z length, width,
   precision for strings, flags '-' and '0').  See rt.h. */
#include "rt.h"

/* Entry: sp -> argc, argv[], NULL, envp[], NULL, auxv pairs. */
__asm__(".text\n"
        ".global _start\n"
        ".type _start, @function\n"
        "_start:\n"
        ".option push\n"
        ".option norelax\n"
        "  la gp, __global_pointer$\n"
        ".option pop\n"
        "  mv a0, sp\n"
        "  andi sp, sp, -16\n"
        "  call rt_start_c\n"
        "1: j 1b\n");

static char **rt_envp;
static unsigned long *rt_auxv;

__attribute__((used, noreturn)) void rt_start_c(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  char **e = envp;
  while (*e) e++;
  rt_envp = envp;
  rt_auxv = (unsigned long *)(e + 1);
  int status = main(argc, argv, envp);
  rt_exit(status);
}

long rt_write(int fd, const void *buf, size_t n) { return rt_syscall(RT_SYS_write, fd, buf, n); }
long rt_read(int fd, void *buf, size_t n) { return rt_syscall(RT_SYS_read, fd, buf, n); }
int rt_open(const char *path, int flags, int mode) { return (int)rt_syscall6(RT_SYS_openat, RT_AT_FDCWD, (long)path, flags, mode, 0, 0); }
int rt_close(int fd) { return (int)rt_syscall(RT_SYS_close, fd, 0, 0); }
long rt_lseek(int fd, long off, int whence) { return rt_syscall(RT_SYS_lseek, fd, off, whence); }
int rt_unlink(const char *path) { return (int)rt_syscall(RT_SYS_unlinkat, RT_AT_FDCWD, path, 0); }
void *rt_mmap_anon(size_t len) {
  long r = rt_syscall6(RT_SYS_mmap, 0, (long)len, 3 /* RW */, 0x22 /* PRIVATE|ANON */, -1, 0);
  return (r < 0 && r > -4096) ? (void *)0 : (void *)r;
}
int rt_munmap(void *p, size_t len) { return (int)rt_syscall(RT_SYS_munmap, p, len, 0); }
void rt_exit(int status) {
  rt_flush();
  for (;;) rt_syscall(RT_SYS_exit_group, status, 0, 0);
}

/* Keep GCC from turning these loops back into calls to themselves. */
#define RT_NOLIB __attribute__((optimize("no-tree-loop-distribute-patterns")))
RT_NOLIB void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *dp = d;
  const unsigned char *sp = s;
  while (n--) *dp++ = *sp++;
  return d;
}
RT_NOLIB void *memmove(void *d, const void *s, size_t n) {
  unsigned char *dp = d;
  const unsigned char *sp = s;
  if (dp < sp) while (n--) *dp++ = *sp++;
  else while (n--) dp[n] = sp[n];
  return d;
}
RT_NOLIB void *memset(void *d, int c, size_t n) {
  unsigned char *dp = d;
  while (n--) *dp++ = (unsigned char)c;
  return d;
}
int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x - *y;
  return 0;
}
size_t rt_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
int rt_strcmp(const char *a, const char *b) {
  while (*a && *a == *b) { a++; b++; }
  return (unsigned char)*a - (unsigned char)*b;
}
int rt_strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
    if (!*a) return 0;
  }
  return 0;
}
long rt_atol(const char *s) {
  int neg = 0;
  long v = 0;
  if (*s == '-' || *s == '+') neg = *s++ == '-';
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return neg ? -v : v;
}
const char *rt_getenv(const char *name) {
  size_t n = rt_strlen(name);
  for (char **e = rt_envp; e && *e; e++)
    if (rt_strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  return 0;
}
unsigned long rt_getauxval(unsigned long type) {
  for (unsigned long *a = rt_auxv; a && a[0]; a += 2)
    if (a[0] == type) return a[1];
  return 0;
}

static char outbuf[4096];
static size_t outlen;
void rt_flush(void) {
  size_t off = 0;
  while (off < outlen) {
    long w = rt_write(1, outbuf + off, outlen - off);
    if (w <= 0) break;
    off += (size_t)w;
  }
  outlen = 0;
}
typedef struct { char *buf; size_t len, cap; int fd; } sink_t;
static void put(sink_t *s, char c) {
  if (s->fd == 1) {
    if (outlen == sizeof outbuf) rt_flush();
    outbuf[outlen++] = c;
  } else if (s->len < s->cap) {
    s->buf[s->len++] = c;
  }
}
static int format(sink_t *s, const char *fmt, va_list ap) {
  int count = 0;
  for (; *fmt; fmt++) {
    if (*fmt != '%') { put(s, *fmt); count++; continue; }
    fmt++;
    int left = 0, zero = 0, width = 0, prec = -1, lng = 0;
    for (;; fmt++) {
      if (*fmt == '-') left = 1;
      else if (*fmt == '0') zero = 1;
      else break;
    }
    while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    if (*fmt == '.') { fmt++; prec = 0; while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0'); }
    while (*fmt == 'l' || *fmt == 'z') { lng++; fmt++; }
    char tmp[72];
    const char *str = tmp;
    int len = 0, neg = 0;
    switch (*fmt) {
      case 'd': case 'i': {
        long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);
        unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        neg = v < 0;
        char r[24]; int n = 0;
        do { r[n++] = (char)('0' + u % 10); u /= 10; } while (u);
        while (n) tmp[len++] = r[--n];
        break;
      }
      case 'u': case 'x': case 'X': case 'o': {
        unsigned long long u = lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
        unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
        const char *dig = *fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        char r[72]; int n = 0;
        do { r[n++] = dig[u % base]; u /= base; } while (u);
        while (n) tmp[len++] = r[--n];
        break;
      }
      case 'c': tmp[0] = (char)va_arg(ap, int); len = 1; break;
      case 's':
        str = va_arg(ap, const char *);
        if (!str) str = "(null)";
        len = (int)rt_strlen(str);
        if (prec >= 0 && len > prec) len = prec;
        break;
      case '%': tmp[0] = '%'; len = 1; break;
      default: tmp[0] = '?'; len = 1; break;
    }
    int pad = width - len - neg;
    if (!left && !zero) while (pad-- > 0) { put(s, ' '); count++; }
    if (neg) { put(s, '-'); count++; }
    if (!left && zero) while (pad-- > 0) { put(s, '0'); count++; }
    for (int i = 0; i < len; i++) { put(s, str[i]); count++; }
    if (left) while (pad-- > 0) { put(s, ' '); count++; }
  }
  return count;
}
int rt_vprintf(const char *fmt, va_list ap) {
  sink_t s = {0, 0, 0, 1};
  return format(&s, fmt, ap);
}
int rt_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = rt_vprintf(fmt, ap);
  va_end(ap);
  return n;
}
int rt_eprintf(const char *fmt, ...) {
  char buf[512];
  sink_t s = {buf, 0, sizeof buf, 2};
  va_list ap;
  va_start(ap, fmt);
  format(&s, fmt, ap);
  va_end(ap);
  rt_write(2, buf, s.len);
  return (int)s.len;
}
