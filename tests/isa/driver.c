/* Freestanding driver for the ISA test programs.
 *
 * No libc: the programs only need the write, exit_group, mmap and mprotect
 * system calls, so an ISA test never depends on glibc start-up code, TLS,
 * floating point or any other part of the simulator than what it checks.
 * Each test's assembly file defines
 *   long test_main(void)        runs the checks, returns how many passed
 *   const char test_name[]      e.g. "isa_alu"
 * and calls check_fail() on the first mismatch (it does not return).
 *
 * Compiled with -march=rv64g: the driver itself contains no compressed
 * instructions, so only isa_rvc/isa_straddle/isa_smc exercise the C extension.
 */
typedef unsigned long u64;

extern long test_main(void);
extern const char test_name[];

__attribute__((noreturn)) void start_c(void);
__attribute__((noreturn)) void check_fail(long n, u64 got, u64 exp, long line, const char *rel);

/* Entry point: the kernel (or the simulator's loader) enters with sp at argc.
 * sp is 16-byte aligned at entry per the psABI. */
__asm__(
    "	.text\n"
    "	.globl _start\n"
    "	.type _start, @function\n"
    "_start:\n"
    "	.option push\n"
    "	.option norelax\n"
    "	lla gp, __global_pointer$\n"
    "	.option pop\n"
    "	call start_c\n"
    "	.size _start, .-_start\n");

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    register long a7 __asm__("a7") = n;
    __asm__ volatile("ecall"
                     : "+r"(a0)
                     : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                     : "memory");
    return a0;
}

#define SYS_write 64
#define SYS_exit_group 94

static char buf[512];
static unsigned len;

static void put_s(const char *s)
{
    while (*s && len < sizeof buf)
        buf[len++] = *s++;
}

static void put_hex(u64 v)
{
    put_s("0x");
    for (int i = 60; i >= 0; i -= 4) {
        if (len < sizeof buf)
            buf[len++] = "0123456789abcdef"[(v >> i) & 15];
    }
}

/* Decimal without division, so programs that test only RV64I need no M. */
static void put_u(u64 v)
{
    static const u64 pow10[] = {
        10000000000000000000ul, 1000000000000000000ul, 100000000000000000ul,
        10000000000000000ul, 1000000000000000ul, 100000000000000ul,
        10000000000000ul, 1000000000000ul, 100000000000ul, 10000000000ul,
        1000000000ul, 100000000ul, 10000000ul, 1000000ul, 100000ul, 10000ul,
        1000ul, 100ul, 10ul, 1ul,
    };
    int started = 0;
    for (unsigned i = 0; i < sizeof pow10 / sizeof pow10[0]; i++) {
        char d = '0';
        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d != '0' || started || pow10[i] == 1) {
            started = 1;
            if (len < sizeof buf)
                buf[len++] = d;
        }
    }
}

__attribute__((noreturn)) static void finish(int status)
{
    sys6(SYS_write, status ? 2 : 1, (long)buf, len, 0, 0, 0);
    sys6(SYS_exit_group, status, 0, 0, 0, 0, 0);
    __builtin_unreachable();
}

/* rel == 0: equality check (got vs expected).  Otherwise rel names the
 * relation (a branch mnemonic) that should have held between the two. */
void check_fail(long n, u64 got, u64 exp, long line, const char *rel)
{
    len = 0;
    put_s("FAIL ");
    put_s(test_name);
    put_s(" check ");
    put_u(n);
    put_s(" (");
    put_s(test_name);
    put_s(".S:");
    put_u(line);
    put_s("): ");
    if (rel) {
        put_s(rel);
        put_s(" ");
        put_hex(got);
        put_s(", ");
        put_hex(exp);
        put_s(" does not hold\n");
    } else {
        put_s("got ");
        put_hex(got);
        put_s(" expected ");
        put_hex(exp);
        put_s("\n");
    }
    finish(1);
}

void start_c(void)
{
    long n = test_main();
    len = 0;
    put_s("ok ");
    put_s(test_name);
    put_s(" ");
    put_u(n);
    put_s(" checks\n");
    finish(0);
}
