/* The riscv64 Linux layouts the system-call layer writes into guest memory,
 * checked byte by byte against offsets taken by hand from the kernel headers
 * (asm-generic/stat.h, asm-generic/termbits.h, linux/time_types.h,
 * linux/utsname.h, linux/sysinfo.h, linux/resource.h, linux/times.h,
 * linux/stat.h, asm-generic/statfs.h, arch/riscv signal frame). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

#include "interp/sys_layout.h"

/* Little-endian value of n bytes at off. */
static uint64_t rd(const void *base, size_t off, size_t n) {
  const uint8_t *p = (const uint8_t *)base + off;
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

Test(syscall_layout, stat) {
  cr_assert_eq(sizeof(struct rv_stat), 128);
  struct stat h;
  memset(&h, 0, sizeof h);
  h.st_dev = 0x0102030405060708;
  h.st_ino = 0x1112131415161718;
  h.st_mode = 0100644;
  h.st_nlink = 3;
  h.st_uid = 1000;
  h.st_gid = 1001;
  h.st_rdev = 0x2122;
  h.st_size = 0x123456789a;
  h.st_blksize = 4096;
  h.st_blocks = 77;
  h.st_atim.tv_sec = 1700000001;
  h.st_atim.tv_nsec = 111;
  h.st_mtim.tv_sec = 1700000002;
  h.st_mtim.tv_nsec = 222;
  h.st_ctim.tv_sec = 1700000003;
  h.st_ctim.tv_nsec = 333;
  struct rv_stat g;
  memset(&g, 0xff, sizeof g);
  rv_stat_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 8), 0x0102030405060708);
  cr_assert_eq(rd(&g, 8, 8), 0x1112131415161718);
  cr_assert_eq(rd(&g, 16, 4), 0100644);
  cr_assert_eq(rd(&g, 20, 4), 3);
  cr_assert_eq(rd(&g, 24, 4), 1000);
  cr_assert_eq(rd(&g, 28, 4), 1001);
  cr_assert_eq(rd(&g, 32, 8), 0x2122);
  cr_assert_eq(rd(&g, 40, 8), 0); /* __pad1 */
  cr_assert_eq(rd(&g, 48, 8), 0x123456789a);
  cr_assert_eq(rd(&g, 56, 4), 4096);
  cr_assert_eq(rd(&g, 60, 4), 0); /* __pad2 */
  cr_assert_eq(rd(&g, 64, 8), 77);
  cr_assert_eq(rd(&g, 72, 8), 1700000001);
  cr_assert_eq(rd(&g, 80, 8), 111);
  cr_assert_eq(rd(&g, 88, 8), 1700000002);
  cr_assert_eq(rd(&g, 96, 8), 222);
  cr_assert_eq(rd(&g, 104, 8), 1700000003);
  cr_assert_eq(rd(&g, 112, 8), 333);
  cr_assert_eq(rd(&g, 120, 8), 0); /* __unused4, __unused5 */
}

Test(syscall_layout, statx) {
  cr_assert_eq(sizeof(struct rv_statx), 256);
  struct statx h;
  memset(&h, 0, sizeof h);
  h.stx_mask = 0x17ff; /* basic stats, btime, mnt_id */
  h.stx_blksize = 4096;
  h.stx_attributes = 0x20;
  h.stx_nlink = 2;
  h.stx_uid = 5;
  h.stx_gid = 6;
  h.stx_mode = 040755;
  h.stx_ino = 99;
  h.stx_size = 12345;
  h.stx_blocks = 24;
  h.stx_attributes_mask = 0x30;
  h.stx_atime.tv_sec = -1;
  h.stx_atime.tv_nsec = 7;
  h.stx_mtime.tv_sec = 42;
  h.stx_mtime.tv_nsec = 8;
  h.stx_rdev_major = 1;
  h.stx_rdev_minor = 2;
  h.stx_dev_major = 3;
  h.stx_dev_minor = 4;
  struct rv_statx g;
  memset(&g, 0xff, sizeof g);
  rv_statx_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 4), 0x07ff); /* mnt_id not carried: its bit dropped */
  cr_assert_eq(rd(&g, 4, 4), 4096);
  cr_assert_eq(rd(&g, 8, 8), 0x20);
  cr_assert_eq(rd(&g, 16, 4), 2);
  cr_assert_eq(rd(&g, 20, 4), 5);
  cr_assert_eq(rd(&g, 24, 4), 6);
  cr_assert_eq(rd(&g, 28, 2), 040755);
  cr_assert_eq(rd(&g, 32, 8), 99);
  cr_assert_eq(rd(&g, 40, 8), 12345);
  cr_assert_eq(rd(&g, 48, 8), 24);
  cr_assert_eq(rd(&g, 56, 8), 0x30);
  cr_assert_eq(rd(&g, 64, 8), UINT64_MAX); /* atime.tv_sec = -1 */
  cr_assert_eq(rd(&g, 72, 4), 7);
  cr_assert_eq(rd(&g, 112, 8), 42);      /* mtime */
  cr_assert_eq(rd(&g, 120, 4), 8);
  cr_assert_eq(rd(&g, 128, 4), 1);
  cr_assert_eq(rd(&g, 132, 4), 2);
  cr_assert_eq(rd(&g, 136, 4), 3);
  cr_assert_eq(rd(&g, 140, 4), 4);
  for (size_t o = 144; o < 256; o += 8) cr_assert_eq(rd(&g, o, 8), 0);
}

Test(syscall_layout, termios) {
  cr_assert_eq(sizeof(struct rv_termios), 36);
  struct host_ktermios h;
  h.c_iflag = 0x11111111;
  h.c_oflag = 0x22222222;
  h.c_cflag = 0x33333333;
  h.c_lflag = 0x44444444;
  h.c_line = 0x55;
  for (int i = 0; i < 19; i++) h.c_cc[i] = (uint8_t)(0x60 + i);
  struct rv_termios g;
  rv_termios_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 4), 0x11111111);
  cr_assert_eq(rd(&g, 4, 4), 0x22222222);
  cr_assert_eq(rd(&g, 8, 4), 0x33333333);
  cr_assert_eq(rd(&g, 12, 4), 0x44444444);
  cr_assert_eq(rd(&g, 16, 1), 0x55);
  for (int i = 0; i < 19; i++) cr_assert_eq(rd(&g, 17 + (size_t)i, 1), 0x60u + (unsigned)i);
  struct host_ktermios back;
  rv_termios_to_host(&back, &g);
  cr_assert_eq(memcmp(&back, &h, sizeof h), 0);
}

Test(syscall_layout, winsize) {
  cr_assert_eq(sizeof(struct rv_winsize), 8);
  struct winsize h = {.ws_row = 24, .ws_col = 80, .ws_xpixel = 640, .ws_ypixel = 480};
  struct rv_winsize g;
  rv_winsize_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 2), 24);
  cr_assert_eq(rd(&g, 2, 2), 80);
  cr_assert_eq(rd(&g, 4, 2), 640);
  cr_assert_eq(rd(&g, 6, 2), 480);
}

Test(syscall_layout, timespec_timeval) {
  cr_assert_eq(sizeof(struct rv_timespec), 16);
  cr_assert_eq(sizeof(struct rv_timeval), 16);
  struct timespec ts = {.tv_sec = 0x1122334455, .tv_nsec = 999999999};
  struct rv_timespec g;
  rv_timespec_from_host(&g, &ts);
  cr_assert_eq(rd(&g, 0, 8), 0x1122334455);
  cr_assert_eq(rd(&g, 8, 8), 999999999);
  struct timespec back;
  rv_timespec_to_host(&back, &g);
  cr_assert_eq(back.tv_sec, ts.tv_sec);
  cr_assert_eq(back.tv_nsec, ts.tv_nsec);
  struct timeval tv = {.tv_sec = -5, .tv_usec = 123456};
  struct rv_timeval gv;
  rv_timeval_from_host(&gv, &tv);
  cr_assert_eq(rd(&gv, 0, 8), (uint64_t)-5);
  cr_assert_eq(rd(&gv, 8, 8), 123456);
}

Test(syscall_layout, utsname) {
  cr_assert_eq(sizeof(struct rv_utsname), 390);
  struct utsname h;
  memset(&h, 'x', sizeof h);
  strcpy(h.sysname, "Linux");
  strcpy(h.nodename, "node");
  strcpy(h.release, "6.1.0");
  strcpy(h.version, "#1 SMP");
  strcpy(h.machine, "x86_64");
  strcpy(h.domainname, "(none)");
  struct rv_utsname g;
  memset(&g, 0xff, sizeof g);
  rv_utsname_from_host(&g, &h);
  const char *b = (const char *)&g;
  cr_assert_str_eq(b + 0, "Linux");
  cr_assert_str_eq(b + 65, "node");
  cr_assert_str_eq(b + 130, "6.1.0");
  cr_assert_str_eq(b + 195, "#1 SMP");
  cr_assert_str_eq(b + 260, "x86_64");
  cr_assert_str_eq(b + 325, "(none)");
  for (int i = 6; i < 65; i++) cr_assert_eq(b[i], 0); /* zero-filled, not host bytes */
}

Test(syscall_layout, sysinfo) {
  cr_assert_eq(sizeof(struct rv_sysinfo), 112);
  struct sysinfo h;
  memset(&h, 0, sizeof h);
  h.uptime = 1234;
  h.loads[0] = 1;
  h.loads[1] = 2;
  h.loads[2] = 3;
  h.totalram = 0x100000000;
  h.freeram = 5;
  h.sharedram = 6;
  h.bufferram = 7;
  h.totalswap = 8;
  h.freeswap = 9;
  h.procs = 321;
  h.totalhigh = 10;
  h.freehigh = 11;
  h.mem_unit = 4096;
  struct rv_sysinfo g;
  memset(&g, 0xff, sizeof g);
  rv_sysinfo_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 8), 1234);
  cr_assert_eq(rd(&g, 8, 8), 1);
  cr_assert_eq(rd(&g, 16, 8), 2);
  cr_assert_eq(rd(&g, 24, 8), 3);
  cr_assert_eq(rd(&g, 32, 8), 0x100000000);
  cr_assert_eq(rd(&g, 40, 8), 5);
  cr_assert_eq(rd(&g, 48, 8), 6);
  cr_assert_eq(rd(&g, 56, 8), 7);
  cr_assert_eq(rd(&g, 64, 8), 8);
  cr_assert_eq(rd(&g, 72, 8), 9);
  cr_assert_eq(rd(&g, 80, 2), 321);
  cr_assert_eq(rd(&g, 82, 6), 0); /* pad and alignment hole */
  cr_assert_eq(rd(&g, 88, 8), 10);
  cr_assert_eq(rd(&g, 96, 8), 11);
  cr_assert_eq(rd(&g, 104, 4), 4096);
  cr_assert_eq(rd(&g, 108, 4), 0);
}

Test(syscall_layout, rusage) {
  cr_assert_eq(sizeof(struct rv_rusage), 144);
  struct rusage h;
  memset(&h, 0, sizeof h);
  h.ru_utime.tv_sec = 1;
  h.ru_utime.tv_usec = 2;
  h.ru_stime.tv_sec = 3;
  h.ru_stime.tv_usec = 4;
  h.ru_maxrss = 5;
  h.ru_minflt = 6;
  h.ru_nvcsw = 7;
  h.ru_nivcsw = 8;
  struct rv_rusage g;
  memset(&g, 0xff, sizeof g);
  rv_rusage_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 8), 1);
  cr_assert_eq(rd(&g, 8, 8), 2);
  cr_assert_eq(rd(&g, 16, 8), 3);
  cr_assert_eq(rd(&g, 24, 8), 4);
  cr_assert_eq(rd(&g, 32, 8), 5);  /* ru_maxrss */
  cr_assert_eq(rd(&g, 64, 8), 6);  /* ru_minflt */
  cr_assert_eq(rd(&g, 128, 8), 7); /* ru_nvcsw */
  cr_assert_eq(rd(&g, 136, 8), 8); /* ru_nivcsw */
}

Test(syscall_layout, tms) {
  cr_assert_eq(sizeof(struct rv_tms), 32);
  struct tms h = {.tms_utime = 10, .tms_stime = 20, .tms_cutime = 30, .tms_cstime = 40};
  struct rv_tms g;
  rv_tms_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 8), 10);
  cr_assert_eq(rd(&g, 8, 8), 20);
  cr_assert_eq(rd(&g, 16, 8), 30);
  cr_assert_eq(rd(&g, 24, 8), 40);
}

Test(syscall_layout, statfs) {
  cr_assert_eq(sizeof(struct rv_statfs), 120);
  struct statfs h;
  memset(&h, 0, sizeof h);
  h.f_type = 0xef53;
  h.f_bsize = 4096;
  h.f_blocks = 100;
  h.f_bfree = 50;
  h.f_bavail = 40;
  h.f_files = 30;
  h.f_ffree = 20;
  memcpy(&h.f_fsid, (int[2]){0x1234, 0x5678}, 8);
  h.f_namelen = 255;
  h.f_frsize = 4096;
  h.f_flags = 0x20;
  struct rv_statfs g;
  memset(&g, 0xff, sizeof g);
  rv_statfs_from_host(&g, &h);
  cr_assert_eq(rd(&g, 0, 8), 0xef53);
  cr_assert_eq(rd(&g, 8, 8), 4096);
  cr_assert_eq(rd(&g, 16, 8), 100);
  cr_assert_eq(rd(&g, 48, 8), 20);
  cr_assert_eq(rd(&g, 56, 4), 0x1234);
  cr_assert_eq(rd(&g, 60, 4), 0x5678);
  cr_assert_eq(rd(&g, 64, 8), 255);
  cr_assert_eq(rd(&g, 72, 8), 4096);
  cr_assert_eq(rd(&g, 80, 8), 0x20);
  for (size_t o = 88; o < 120; o += 8) cr_assert_eq(rd(&g, o, 8), 0);
}

/* Structures written without a converter: the signal frame and the small
 * argument structures. */
Test(syscall_layout, signal_frame) {
  cr_assert_eq(sizeof(struct rv_siginfo), 128);
  cr_assert_eq(offsetof(struct rv_siginfo, si_code), 8);
  cr_assert_eq(offsetof(struct rv_siginfo, sender_pid), 16);
  cr_assert_eq(offsetof(struct rv_siginfo, sender_uid), 20);
  cr_assert_eq(sizeof(struct rv_ucontext), 960);
  cr_assert_eq(offsetof(struct rv_ucontext, uc_stack), 16);
  cr_assert_eq(offsetof(struct rv_ucontext, uc_sigmask), 40);
  cr_assert_eq(offsetof(struct rv_ucontext, uc_mcontext), 176);
  cr_assert_eq(offsetof(struct rv_sigcontext, f), 256);
  cr_assert_eq(offsetof(struct rv_sigcontext, fcsr), 512);
  cr_assert_eq(sizeof(struct rv_sigframe), 1088);
  cr_assert_eq(offsetof(struct rv_sigframe, uc), 128);
  cr_assert_eq(sizeof(struct rv_sigaction), 24); /* no sa_restorer on riscv64 */
  cr_assert_eq(sizeof(struct rv_stack), 24);
  cr_assert_eq(offsetof(struct rv_stack, ss_flags), 8);
  cr_assert_eq(offsetof(struct rv_stack, ss_size), 16);
  cr_assert_eq(sizeof(struct rv_iovec), 16);
  cr_assert_eq(sizeof(struct rv_rlimit), 16);
  cr_assert_eq(sizeof(struct rv_flock), 32);
  cr_assert_eq(offsetof(struct rv_flock, l_start), 8);
  cr_assert_eq(offsetof(struct rv_flock, l_pid), 24);
}
