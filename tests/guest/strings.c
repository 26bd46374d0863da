/* <string.h>, <strings.h> and <ctype.h> behaviour, including unaligned and
   overlapping cases that exercise glibc's word-at-a-time code paths. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "common.h"

/* Truncating strncat/strncpy on purpose. */
#pragma GCC diagnostic ignored "-Wstringop-truncation"

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
  const char *s = "The quick brown fox jumps over the lazy dog";
  printf("strlen=%zu\n", strlen(s));
  printf("strchr(o)=%s\n", strchr(s, 'o'));
  printf("strrchr(o)=%s\n", strrchr(s, 'o'));
  printf("strstr(lazy)=%s\n", strstr(s, "lazy"));
  printf("strstr(cat) null=%d\n", strstr(s, "cat") == NULL);
  printf("strcasestr(QUICK)=%.5s\n", strcasestr(s, "QUICK"));
  printf("strspn=%zu strcspn=%zu\n", strspn(s, "TheT "), strcspn(s, "xyz"));
  printf("strpbrk=%s\n", strpbrk(s, "zyx"));
  printf("memchr(j)=%s\n", (const char *)memchr(s, 'j', strlen(s)));
  printf("memrchr(e)=%s\n", (const char *)memrchr(s, 'e', strlen(s)));
  printf("strnlen(s,10)=%zu\n", strnlen(s, 10));
  printf("cmp: %d %d %d %d %d\n", sgn(strcmp("abc", "abd")), sgn(strcmp("abc", "abc")),
         sgn(strcmp("b", "abc")), sgn(strncmp("abcX", "abcY", 3)), sgn(strcmp("\xff", "a")));
  printf("casecmp: %d %d\n", sgn(strcasecmp("HeLLo", "hello")), sgn(strncasecmp("ABCd", "abce", 4)));
  printf("memcmp: %d %d\n", sgn(memcmp("\x01\x02\x80", "\x01\x02\x7f", 3)), sgn(memcmp("same", "same", 4)));

  char buf[128];
  strcpy(buf, "alpha");
  strcat(buf, "-beta");
  strncat(buf, "-gammadelta", 6);
  printf("strcat=%s\n", buf);
  char *end = stpcpy(buf, "stp");
  end = stpcpy(end, "cpy");
  printf("stpcpy=%s len=%td\n", buf, end - buf);
  memset(buf, 'x', sizeof buf);
  strncpy(buf, "pad", 8);
  printf("strncpy pads: %d%d%d%d%d%c\n", buf[3], buf[4], buf[5], buf[6], buf[7], buf[8]);

  char ov[32] = "0123456789abcdefghij";
  memmove(ov + 4, ov, 10);
  printf("memmove fwd=%s\n", ov);
  memmove(ov, ov + 6, 10);
  printf("memmove back=%s\n", ov);

  char *dup = strdup(s);
  char *save = NULL, *tok;
  int ntok = 0;
  printf("tokens:");
  for (tok = strtok_r(dup, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) { printf(" <%s>", tok); ntok++; }
  printf(" (%d)\n", ntok);
  free(dup);
  char *nd = strndup(s, 9);
  printf("strndup=%s\n", nd);
  free(nd);
  char sep[] = "a,b,,c";
  char *sp = sep, *f;
  printf("strsep:");
  while ((f = strsep(&sp, ",")) != NULL) printf(" [%s]", f);
  printf("\n");

  /* unaligned copies/compares/lengths over every offset */
  static uint8_t src[600], dst[600];
  for (int i = 0; i < 600; i++) src[i] = (uint8_t)(i * 37 + 11);
  uint32_t acc = 0;
  for (int so = 0; so < 16; so++)
    for (int doff = 0; doff < 16; doff++)
      for (int len = 0; len < 70; len += 3) {
        memset(dst, 0xAA, sizeof dst);
        memcpy(dst + doff, src + so, (size_t)len);
        CHECK(memcmp(dst + doff, src + so, (size_t)len) == 0);
        acc = crc32_update(acc, dst, 100);
      }
  printf("unaligned memcpy crc=%08x\n", acc);
  char str[300];
  size_t lensum = 0;
  for (int off = 0; off < 16; off++)
    for (int len = 0; len < 200; len += 7) {
      memset(str, 'z', sizeof str);
      str[off + len] = 0;
      lensum += strlen(str + off);
      CHECK(strchr(str + off, 0) == str + off + len);
    }
  printf("unaligned strlen sum=%zu\n", lensum);

  int up = 0, lo = 0, dg = 0, sp2 = 0, pu = 0, xd = 0;
  for (int c = 0; c < 128; c++) {
    up += isupper(c) != 0; lo += islower(c) != 0; dg += isdigit(c) != 0;
    sp2 += isspace(c) != 0; pu += ispunct(c) != 0; xd += isxdigit(c) != 0;
  }
  printf("ctype upper=%d lower=%d digit=%d space=%d punct=%d xdigit=%d\n", up, lo, dg, sp2, pu, xd);
  char mixed[] = "MiXeD CaSe 123";
  for (char *p = mixed; *p; p++) *p = (char)toupper((unsigned char)*p);
  printf("toupper=%s\n", mixed);
  for (char *p = mixed; *p; p++) *p = (char)tolower((unsigned char)*p);
  printf("tolower=%s\n", mixed);
  printf("ffs(0x50)=%d ffsll(1<<40)=%d\n", ffs(0x50), ffsll(1LL << 40));
  char rev[] = "reverse me";
  for (size_t i = 0, j = strlen(rev) - 1; i < j; i++, j--) { char t = rev[i]; rev[i] = rev[j]; rev[j] = t; }
  printf("reversed=%s\n", rev);
  return 0;
}
