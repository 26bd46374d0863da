/* Freestanding mixed workload (no libc, see rt.h): arguments, environment
   and auxv, integer arithmetic with RISC-V-defined division edge cases, CRC32,
   sieve, N-queens, sorting, small bignum, raw file I/O and mmap.  Built
   several ways (rv64gc/lp64d, rv64imac/lp64, rv64ima/lp64; -O0/-O2/-Os): all
   builds must print exactly the same thing. */
#include "rt.h"

static uint32_t crc_table[256];
static uint32_t crc32(const uint8_t *p, size_t n) {
  if (!crc_table[1])
    for (uint32_t i = 0; i < 256; i++) {
      uint32_t c = i;
      for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      crc_table[i] = c;
    }
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}

static int popcount64(uint64_t x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }

static uint64_t div_asm(uint64_t a, uint64_t b) { uint64_t r; __asm__ volatile("div %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t remu_asm(uint64_t a, uint64_t b) { uint64_t r; __asm__ volatile("remu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t divw_asm(uint64_t a, uint64_t b) { uint64_t r; __asm__ volatile("divw %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t mulhu_asm(uint64_t a, uint64_t b) { uint64_t r; __asm__ volatile("mulhu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t mulhsu_asm(uint64_t a, uint64_t b) { uint64_t r; __asm__ volatile("mulhsu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); return r; }

static int queens(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2) {
  if (row == n) return 1;
  int total = 0;
  uint32_t avail = ((1u << n) - 1) & ~(cols | d1 | d2);
  while (avail) {
    uint32_t bit = avail & -avail;
    avail ^= bit;
    total += queens(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
  }
  return total;
}

static void shell_sort(int32_t *a, int n) {
  static const int gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
  for (int g = 0; g < 8; g++)
    for (int i = gaps[g]; i < n; i++) {
      int32_t t = a[i];
      int j = i;
      for (; j >= gaps[g] && a[j - gaps[g]] > t; j -= gaps[g]) a[j] = a[j - gaps[g]];
      a[j] = t;
    }
}

struct pair { int64_t a, b; };
__attribute__((noinline)) static struct pair swap_pair(struct pair p) { struct pair q = {p.b, p.a}; return q; }

int main(int argc, char **argv, char **envp) {
  (void)envp;
  rt_printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) rt_printf("argv[%d]=%s\n", i, argv[i]);
  const char *v = rt_getenv("AMANATSU_TEST_VAR");
  rt_printf("AMANATSU_TEST_VAR=%s\n", v ? v : "(unset)");
  rt_printf("AT_PAGESZ=%lu AT_RANDOM set=%s AT_ENTRY set=%s\n", rt_getauxval(6),
            rt_getauxval(25) ? "yes" : "no", rt_getauxval(9) ? "yes" : "no");
  long sum = 0;
  for (int i = 1; i < argc; i++) sum += rt_atol(argv[i]);
  rt_printf("sum of numeric args=%ld\n", sum);

  /* arithmetic */
  uint64_t m = 0x8000000000000000ull;
  rt_printf("div x/0=%lx div min/-1=%lx remu x%%0=%lu divw min/-1=%lx\n", div_asm(77, 0), div_asm(m, (uint64_t)-1),
            remu_asm(77, 0), divw_asm(0x80000000ull, (uint64_t)-1));
  rt_printf("mulhu=%lx mulhsu=%lx\n", mulhu_asm(0xfedcba9876543210ull, 0x123456789abcdef1ull),
            mulhsu_asm((uint64_t)-5, 0xffffffffffffffffull));
  uint64_t h = 1469598103934665603ull;
  for (uint64_t i = 1; i < 50000; i++) {
    uint64_t x = i * 0x9e3779b97f4a7c15ull;
    h ^= x / i + x % 1000003 + (x >> (i & 63)) + (uint64_t)((int64_t)x / -7) + (uint32_t)((int32_t)x >> 3);
    h *= 1099511628211ull;
  }
  rt_printf("arith hash=%lx popcount=%d\n", h, popcount64(h));
  int32_t w = 0x7fffffff;
  w = (int32_t)((uint32_t)w + 1u);
  rt_printf("i32 wrap=%d u32=%u neg=%d\n", w, (uint32_t)w, -17 / 5);

  /* CRC32 of a generated buffer */
  static uint8_t buf[65536];
  uint32_t s = 1;
  for (size_t i = 0; i < sizeof buf; i++) { s = s * 1664525u + 1013904223u; buf[i] = (uint8_t)(s >> 24); }
  rt_printf("crc32(64KiB)=%08x crc32(\"123456789\")=%08x\n", crc32(buf, sizeof buf), crc32((const uint8_t *)"123456789", 9));

  /* sieve */
  static uint8_t comp[200001];
  int count = 0;
  long psum = 0;
  for (int i = 2; i <= 200000; i++) {
    if (comp[i]) continue;
    count++;
    psum += i;
    for (long j = (long)i * i; j <= 200000; j += i) comp[j] = 1;
  }
  rt_printf("primes<=200000: %d sum=%ld\n", count, psum);
  rt_printf("queens(8)=%d queens(10)=%d\n", queens(8, 0, 0, 0, 0), queens(10, 0, 0, 0, 0));

  /* sorting */
  static int32_t arr[20000];
  s = 7;
  for (int i = 0; i < 20000; i++) { s = s * 1664525u + 1013904223u; arr[i] = (int32_t)s; }
  shell_sort(arr, 20000);
  int sorted = 1;
  for (int i = 1; i < 20000; i++) sorted &= arr[i - 1] <= arr[i];
  rt_printf("shell sort sorted=%s min=%d max=%d mid=%d\n", sorted ? "yes" : "no", arr[0], arr[19999], arr[10000]);

  /* 30! in base 10^9 limbs */
  uint32_t limbs[8] = {1};
  int nl = 1;
  for (uint32_t k = 2; k <= 30; k++) {
    uint64_t carry = 0;
    for (int i = 0; i < nl; i++) { uint64_t t = (uint64_t)limbs[i] * k + carry; limbs[i] = (uint32_t)(t % 1000000000u); carry = t / 1000000000u; }
    while (carry) { limbs[nl++] = (uint32_t)(carry % 1000000000u); carry /= 1000000000u; }
  }
  rt_printf("30!=%u", limbs[nl - 1]);
  for (int i = nl - 2; i >= 0; i--) rt_printf("%09u", limbs[i]);
  rt_printf("\n");
  struct pair p = swap_pair((struct pair){-1, 1ll << 40});
  rt_printf("struct by value: %ld %ld\n", (long)p.a, (long)p.b);
  rt_printf("fmt: [%5d] [%-5d] [%05d] [%x] [%X] [%o] [%c] [%.3s] [%8s] [%-8s] [%%]\n", 42, 42, -42, 0xbeefu, 0xbeefu,
            8u, 'Z', "truncate", "right", "left");

  /* raw file I/O */
  int fd = rt_open("rt_out.txt", RT_O_CREAT | RT_O_TRUNC | RT_O_RDWR, 0644);
  RT_CHECK(fd >= 0);
  const char *msg = "written by a freestanding guest\n";
  RT_CHECK(rt_write(fd, msg, rt_strlen(msg)) == (long)rt_strlen(msg));
  RT_CHECK(rt_write(fd, buf, 1000) == 1000);
  rt_printf("lseek end=%ld\n", rt_lseek(fd, 0, 2));
  RT_CHECK(rt_lseek(fd, 10, 0) == 10);
  char back[16] = {0};
  RT_CHECK(rt_read(fd, back, 12) == 12);
  rt_printf("read back: %.12s\n", back);
  rt_close(fd);
  rt_printf("open missing: %d\n", rt_open("no-such-file", RT_O_RDONLY, 0));
  fd = rt_open("rt_tmp.txt", RT_O_CREAT | RT_O_WRONLY, 0600);
  rt_close(fd);
  rt_printf("unlink: %d then %d\n", rt_unlink("rt_tmp.txt"), rt_unlink("rt_tmp.txt"));

  /* mmap */
  uint8_t *mm = rt_mmap_anon(1 << 20);
  RT_CHECK(mm != 0);
  uint32_t acc = 0;
  for (size_t i = 0; i < (1 << 20); i += 4096) { acc += mm[i]; mm[i] = (uint8_t)i; }
  rt_printf("mmap zero=%s munmap=%d\n", acc == 0 ? "yes" : "no", rt_munmap(mm, 1 << 20));
  return 0;
}
