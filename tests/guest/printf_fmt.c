/* printf family formatting: integers, widths, flags, precisions, %x %o %c %s,
   snprintf truncation, positional arguments, sscanf.  No %p, no floats. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdarg.h>

/* The truncations below are the point of the test. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static int my_printf(const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  printf("[v:%d] %s\n", n, buf);
  return n;
}

int main(void) {
  int ints[] = {0, 1, -1, 7, -42, 255, 1000, INT_MAX, INT_MIN};
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    int v = ints[i];
    printf("d=[%d] 5d=[%5d] -5d=[%-5d] 05d=[%05d] +d=[%+d] sp=[% d] .3d=[%.3d] 8.4d=[%8.4d]\n",
           v, v, v, v, v, v, v, v);
    printf("u=[%u] x=[%x] X=[%X] #x=[%#x] o=[%o] #o=[%#o] 010x=[%010x] #010x=[%#010x]\n",
           (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
           (unsigned)v, (unsigned)v);
  }
  long long lls[] = {0, LLONG_MAX, LLONG_MIN, -1234567890123LL, 1LL << 40};
  for (size_t i = 0; i < sizeof lls / sizeof lls[0]; i++) {
    long long v = lls[i];
    printf("lld=[%lld] 25lld=[%25lld] llx=[%llx] llo=[%llo] +lld=[%+lld]\n", v, v,
           (unsigned long long)v, (unsigned long long)v, v);
  }
  printf("ullmax=[%llu] [%llx] [%#llo]\n", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
  printf("hhd=[%hhd] hhu=[%hhu] hd=[%hd] hu=[%hu]\n", (signed char)-5, (unsigned char)250,
         (short)-30000, (unsigned short)60000);
  printf("zu=[%zu] zd=[%zd] td=[%td] jd=[%jd] ju=[%ju]\n", (size_t)123456789, (ssize_t)-9,
         (ptrdiff_t)-77, (intmax_t)INTMAX_MIN, (uintmax_t)UINTMAX_MAX);
  printf("PRId64=[%" PRId64 "] PRIx32=[%" PRIx32 "] PRIu16=[%" PRIu16 "]\n", (int64_t)-5,
         (uint32_t)0xdeadbeef, (uint16_t)65535);
  printf("c=[%c] 3c=[%3c] -3c=[%-3c] pct=[%%]\n", 'A', 'b', 'c');
  const char *s = "amanatsu";
  printf("s=[%s] 12s=[%12s] -12s=[%-12s] .3s=[%.3s] 6.2s=[%6.2s] .0s=[%.0s]\n", s, s, s, s, s, s);
  printf("star=[%*d] [%-*d] [%.*d] [%*.*s]\n", 6, 42, 6, 42, 4, 7, 8, 3, s);
  printf("pos=[%2$s %1$s %2$s] [%3$d]\n", "world", "hello", 99);
  printf("zero precision zero=[%.0d] [%.0x] #o0=[%#o] #x0=[%#x]\n", 0, 0, 0, 0);
  printf("mix=[%-+6d|%+-6d|% 06d|%+06d]\n", 12, 12, 12, -12);

  char buf[16];
  int n = snprintf(buf, sizeof buf, "%s-%d-%s", "truncated", 123456, "string");
  printf("snprintf n=%d buf=[%s] len=%zu\n", n, buf, strlen(buf));
  n = snprintf(NULL, 0, "%d%d%d", 111, 222, 333);
  printf("snprintf(NULL) n=%d\n", n);
  n = snprintf(buf, 1, "xyz");
  printf("snprintf(size 1) n=%d empty=%d\n", n, buf[0] == 0);
  char big[64];
  n = sprintf(big, "%08X:%-4s:%+.2d", 0xabcu, "ab", 5);
  printf("sprintf n=%d [%s]\n", n, big);
  my_printf("%s has %d letters and %x in hex", "vsnprintf", 9, 255);

  int a, b; unsigned x; char word[16]; long long ll;
  int got = sscanf("  -17 0x1F cafe rest 9000000000", "%d %i %x %15s %lld", &a, &b, &x, word, &ll);
  printf("sscanf got=%d a=%d b=%d x=%u word=%s ll=%lld\n", got, a, b, x, word, ll);
  got = sscanf("12abc", "%d%n", &a, &b);
  printf("sscanf %%n got=%d a=%d consumed=%d\n", got, a, b);

  puts("puts line");
  fputs("fputs line\n", stdout);
  putchar('p'); putchar('\n');
  fputc('q', stdout); fputc('\n', stdout);
  fprintf(stderr, "to stderr: %d %s\n", -3, "err");
  fwrite("fwrite\n", 1, 7, stdout);
  for (int i = 0; i < 16; i++) printf("%3d%c", i * i, (i % 8 == 7) ? '\n' : ' ');
  return 0;
}
