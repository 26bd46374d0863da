/* Hand-written itoa/atoi in every base 2..36 checked against snprintf and
   strtol/strtoul; libc conversions with endptr, errno and overflow. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

static char *utoa(uint64_t v, char *buf, int base) {
  char tmp[70];
  int n = 0;
  do { int d = (int)(v % (unsigned)base); tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10); v /= (unsigned)base; } while (v);
  for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
  buf[n] = 0;
  return buf;
}
static char *itoa_(int64_t v, char *buf, int base) {
  if (v < 0) { buf[0] = '-'; utoa(0 - (uint64_t)v, buf + 1, base); return buf; }
  return utoa((uint64_t)v, buf, base);
}
static int64_t my_atoi(const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  int neg = 0;
  if (*s == '-' || *s == '+') neg = *s++ == '-';
  uint64_t v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (uint64_t)(*s++ - '0');
  return neg ? (int64_t)(0 - v) : (int64_t)v;
}

int main(void) {
  char a[80], b[80], c[80];
  int64_t samples[] = {0, 1, -1, 9, 10, 35, 36, 255, -256, 65535, 1000000007, INT32_MIN, INT32_MAX, INT64_MAX, INT64_MIN, -123456789012345ll};
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    int64_t v = samples[i];
    printf("%20" PRId64 ": b2=%s\n", v, itoa_(v, a, 2));
    printf("%20s  b7=%s b16=%s b36=%s\n", "", itoa_(v, a, 7), itoa_(v, b, 16), itoa_(v, c, 36));
    snprintf(b, sizeof b, "%" PRId64, v);
    CHECK(strcmp(itoa_(v, a, 10), b) == 0);
    CHECK(my_atoi(b) == v);
  }
  rng_t r = {3};
  unsigned long long checked = 0;
  for (int i = 0; i < 20000; i++) {
    uint64_t u = rng_next(&r) >> rng_below(&r, 64);
    int base = 2 + (int)rng_below(&r, 35);
    utoa(u, a, base);
    errno = 0;
    char *end;
    unsigned long long back = strtoull(a, &end, base);
    CHECK(errno == 0 && *end == 0 && back == u);
    int64_t sv = (int64_t)u;
    itoa_(sv, a, base);
    long long sback = strtoll(a, &end, base);
    CHECK(*end == 0 && sback == sv);
    snprintf(b, sizeof b, "%llx", (unsigned long long)u);
    CHECK(strcmp(utoa(u, a, 16), b) == 0);
    snprintf(b, sizeof b, "%llo", (unsigned long long)u);
    CHECK(strcmp(utoa(u, a, 8), b) == 0);
    checked++;
  }
  printf("random round trips: %llu\n", checked);

  const char *inputs[] = {"42", "  -17xyz", "+0x1fZ", "0777", "0b101", "99999999999999999999", "-99999999999999999999",
                          "", "   ", "-", "12 34", "9223372036854775807", "-9223372036854775808", "18446744073709551615", "zz"};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    char *end;
    errno = 0;
    long l = strtol(inputs[i], &end, 0);
    int e1 = errno;
    errno = 0;
    unsigned long ul = strtoul(inputs[i], NULL, 10);
    int e2 = errno;
    errno = 0;
    long l36 = strtol(inputs[i], NULL, 36);
    int e3 = errno;
    printf("\"%s\": strtol0=%ld consumed=%td%s strtoul10=%lu%s strtol36=%ld%s atoi=%d atol=%ld\n", inputs[i], l,
           end - inputs[i], e1 == ERANGE ? " ERANGE" : "", ul, e2 == ERANGE ? " ERANGE" : "", l36,
           e3 == ERANGE ? " ERANGE" : "", (int)strtol(inputs[i], NULL, 10), atol(inputs[i]));
  }
  errno = 0;
  long l = strtol("10", NULL, 1);
  printf("strtol base 1: %ld EINVAL=%s\n", l, errno == EINVAL ? "yes" : "no");
  printf("llabs(-5)=%lld labs(LONG_MIN+1)=%ld\n", llabs(-5), labs(LONG_MIN + 1));
  lldiv_t d = lldiv(-17, 5);
  printf("lldiv(-17,5) quot=%lld rem=%lld\n", d.quot, d.rem);
  return 0;
}
