/* Field-by-field conversion between host structures and the riscv64 Linux
 * layouts of sys_layout.h. */
#define _GNU_SOURCE
#include "sys_layout.h"

#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>

/* Layouts, by hand from the kernel headers (see sys_layout.h). */
#define OFF(t, f, o) _Static_assert(offsetof(struct t, f) == (o), #t "." #f)
#define SIZE(t, n) _Static_assert(sizeof(struct t) == (n), "sizeof " #t)

SIZE(rv_stat, 128);
OFF(rv_stat, st_dev, 0);
OFF(rv_stat, st_ino, 8);
OFF(rv_stat, st_mode, 16);
OFF(rv_stat, st_nlink, 20);
OFF(rv_stat, st_uid, 24);
OFF(rv_stat, st_gid, 28);
OFF(rv_stat, st_rdev, 32);
OFF(rv_stat, st_size, 48);
OFF(rv_stat, st_blksize, 56);
OFF(rv_stat, st_blocks, 64);
OFF(rv_stat, st_atime_, 72);
OFF(rv_stat, st_atime_nsec, 80);
OFF(rv_stat, st_mtime_, 88);
OFF(rv_stat, st_mtime_nsec, 96);
OFF(rv_stat, st_ctime_, 104);
OFF(rv_stat, st_ctime_nsec, 112);

SIZE(rv_timespec, 16);
SIZE(rv_timeval, 16);
SIZE(rv_timezone, 8);
SIZE(rv_termios, 36);
OFF(rv_termios, c_line, 16);
OFF(rv_termios, c_cc, 17);
SIZE(host_ktermios, 36);
OFF(host_ktermios, c_line, 16);
OFF(host_ktermios, c_cc, 17);
SIZE(rv_winsize, 8);
SIZE(rv_utsname, 390);
OFF(rv_utsname, machine, 260);
OFF(rv_utsname, domainname, 325);
SIZE(rv_sysinfo, 112);
OFF(rv_sysinfo, procs, 80);
OFF(rv_sysinfo, totalhigh, 88);
OFF(rv_sysinfo, mem_unit, 104);
SIZE(rv_rusage, 144);
OFF(rv_rusage, ru_maxrss, 32);
OFF(rv_rusage, ru_nivcsw, 136);
SIZE(rv_tms, 32);
SIZE(rv_statx_timestamp, 16);
SIZE(rv_statx, 256);
OFF(rv_statx, stx_mode, 28);
OFF(rv_statx, stx_ino, 32);
OFF(rv_statx, stx_atime, 64);
OFF(rv_statx, stx_mtime, 112);
OFF(rv_statx, stx_rdev_major, 128);
OFF(rv_statx, stx_mnt_id, 144);
SIZE(rv_iovec, 16);
SIZE(rv_rlimit, 16);
SIZE(rv_sigaction, 24);
SIZE(rv_stack, 24);
SIZE(rv_flock, 32);
SIZE(rv_statfs, 120);
OFF(rv_statfs, f_fsid, 56);
OFF(rv_statfs, f_namelen, 64);
OFF(rv_statfs, f_spare, 88);
SIZE(rv_siginfo, 128);
OFF(rv_siginfo, si_code, 8);
OFF(rv_siginfo, sender_pid, 16);
OFF(rv_siginfo, sender_uid, 20);
SIZE(rv_sigcontext, 784);
OFF(rv_sigcontext, f, 256);
OFF(rv_sigcontext, fcsr, 512);
SIZE(rv_ucontext, 960);
OFF(rv_ucontext, uc_stack, 16);
OFF(rv_ucontext, uc_sigmask, 40);
OFF(rv_ucontext, uc_mcontext, 176);
SIZE(rv_sigframe, 1088);
OFF(rv_sigframe, uc, 128);
OFF(rv_flock, l_start, 8);
OFF(rv_flock, l_pid, 24);
OFF(rv_stack, ss_size, 16);

/* The host's utsname fields must be the kernel's 65 bytes for the copies. */
_Static_assert(sizeof(((struct utsname *)0)->sysname) == RV_UTSLEN, "host utsname");
_Static_assert(sizeof(((struct utsname *)0)->domainname) == RV_UTSLEN, "host utsname");

void rv_stat_from_host(struct rv_stat *g, const struct stat *h) {
  memset(g, 0, sizeof *g);
  g->st_dev = (uint64_t)h->st_dev;
  g->st_ino = (uint64_t)h->st_ino;
  g->st_mode = (uint32_t)h->st_mode;
  g->st_nlink = (uint32_t)h->st_nlink;
  g->st_uid = (uint32_t)h->st_uid;
  g->st_gid = (uint32_t)h->st_gid;
  g->st_rdev = (uint64_t)h->st_rdev;
  g->st_size = (int64_t)h->st_size;
  g->st_blksize = (int32_t)h->st_blksize;
  g->st_blocks = (int64_t)h->st_blocks;
  g->st_atime_ = (int64_t)h->st_atim.tv_sec;
  g->st_atime_nsec = (uint64_t)h->st_atim.tv_nsec;
  g->st_mtime_ = (int64_t)h->st_mtim.tv_sec;
  g->st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec;
  g->st_ctime_ = (int64_t)h->st_ctim.tv_sec;
  g->st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec;
}

static void statx_ts(struct rv_statx_timestamp *g, const struct statx_timestamp *h) {
  g->tv_sec = h->tv_sec;
  g->tv_nsec = h->tv_nsec;
  g->reserved = 0;
}

/* STATX_MNT_ID and STATX_DIOALIGN fields are not in glibc 2.36's struct
 * statx: their mask bits are cleared and the fields left zero. */
#define RV_STATX_MNT_ID 0x1000u
#define RV_STATX_DIOALIGN 0x2000u

void rv_statx_from_host(struct rv_statx *g, const struct statx *h) {
  memset(g, 0, sizeof *g);
  g->stx_mask = h->stx_mask & ~(RV_STATX_MNT_ID | RV_STATX_DIOALIGN);
  g->stx_blksize = h->stx_blksize;
  g->stx_attributes = h->stx_attributes;
  g->stx_nlink = h->stx_nlink;
  g->stx_uid = h->stx_uid;
  g->stx_gid = h->stx_gid;
  g->stx_mode = h->stx_mode;
  g->stx_ino = h->stx_ino;
  g->stx_size = h->stx_size;
  g->stx_blocks = h->stx_blocks;
  g->stx_attributes_mask = h->stx_attributes_mask;
  statx_ts(&g->stx_atime, &h->stx_atime);
  statx_ts(&g->stx_btime, &h->stx_btime);
  statx_ts(&g->stx_ctime, &h->stx_ctime);
  statx_ts(&g->stx_mtime, &h->stx_mtime);
  g->stx_rdev_major = h->stx_rdev_major;
  g->stx_rdev_minor = h->stx_rdev_minor;
  g->stx_dev_major = h->stx_dev_major;
  g->stx_dev_minor = h->stx_dev_minor;
}

void rv_timespec_from_host(struct rv_timespec *g, const struct timespec *h) {
  g->tv_sec = (int64_t)h->tv_sec;
  g->tv_nsec = (int64_t)h->tv_nsec;
}

void rv_timespec_to_host(struct timespec *h, const struct rv_timespec *g) {
  h->tv_sec = (time_t)g->tv_sec;
  h->tv_nsec = (long)g->tv_nsec;
}

void rv_timeval_from_host(struct rv_timeval *g, const struct timeval *h) {
  g->tv_sec = (int64_t)h->tv_sec;
  g->tv_usec = (int64_t)h->tv_usec;
}

/* Both are the asm-generic struct termios (the layouts are checked above),
 * and the flag and c_cc index values are the asm-generic ones on both sides:
 * the bytes copy unchanged. */
void rv_termios_from_host(struct rv_termios *g, const struct host_ktermios *h) {
  memcpy(g, h, sizeof *g);
}

void rv_termios_to_host(struct host_ktermios *h, const struct rv_termios *g) {
  memcpy(h, g, sizeof *h);
}

void rv_winsize_from_host(struct rv_winsize *g, const struct winsize *h) {
  g->ws_row = h->ws_row;
  g->ws_col = h->ws_col;
  g->ws_xpixel = h->ws_xpixel;
  g->ws_ypixel = h->ws_ypixel;
}

static void uts_copy(char *dst, const char *src) {
  memset(dst, 0, RV_UTSLEN);
  size_t n = strnlen(src, RV_UTSLEN - 1);
  memcpy(dst, src, n);
}

void rv_utsname_from_host(struct rv_utsname *g, const struct utsname *h) {
  uts_copy(g->sysname, h->sysname);
  uts_copy(g->nodename, h->nodename);
  uts_copy(g->release, h->release);
  uts_copy(g->version, h->version);
  uts_copy(g->machine, h->machine);
  uts_copy(g->domainname, h->domainname);
}

void rv_sysinfo_from_host(struct rv_sysinfo *g, const struct sysinfo *h) {
  memset(g, 0, sizeof *g);
  g->uptime = h->uptime;
  for (int i = 0; i < 3; i++) g->loads[i] = h->loads[i];
  g->totalram = h->totalram;
  g->freeram = h->freeram;
  g->sharedram = h->sharedram;
  g->bufferram = h->bufferram;
  g->totalswap = h->totalswap;
  g->freeswap = h->freeswap;
  g->procs = h->procs;
  g->totalhigh = h->totalhigh;
  g->freehigh = h->freehigh;
  g->mem_unit = h->mem_unit;
}

void rv_rusage_from_host(struct rv_rusage *g, const struct rusage *h) {
  memset(g, 0, sizeof *g);
  rv_timeval_from_host(&g->ru_utime, &h->ru_utime);
  rv_timeval_from_host(&g->ru_stime, &h->ru_stime);
  g->ru_maxrss = h->ru_maxrss;
  g->ru_ixrss = h->ru_ixrss;
  g->ru_idrss = h->ru_idrss;
  g->ru_isrss = h->ru_isrss;
  g->ru_minflt = h->ru_minflt;
  g->ru_majflt = h->ru_majflt;
  g->ru_nswap = h->ru_nswap;
  g->ru_inblock = h->ru_inblock;
  g->ru_oublock = h->ru_oublock;
  g->ru_msgsnd = h->ru_msgsnd;
  g->ru_msgrcv = h->ru_msgrcv;
  g->ru_nsignals = h->ru_nsignals;
  g->ru_nvcsw = h->ru_nvcsw;
  g->ru_nivcsw = h->ru_nivcsw;
}

void rv_tms_from_host(struct rv_tms *g, const struct tms *h) {
  g->tms_utime = (int64_t)h->tms_utime;
  g->tms_stime = (int64_t)h->tms_stime;
  g->tms_cutime = (int64_t)h->tms_cutime;
  g->tms_cstime = (int64_t)h->tms_cstime;
}

void rv_statfs_from_host(struct rv_statfs *g, const struct statfs *h) {
  memset(g, 0, sizeof *g);
  g->f_type = (int64_t)h->f_type;
  g->f_bsize = (int64_t)h->f_bsize;
  g->f_blocks = (uint64_t)h->f_blocks;
  g->f_bfree = (uint64_t)h->f_bfree;
  g->f_bavail = (uint64_t)h->f_bavail;
  g->f_files = (uint64_t)h->f_files;
  g->f_ffree = (uint64_t)h->f_ffree;
  _Static_assert(sizeof h->f_fsid == sizeof g->f_fsid, "fsid_t");
  memcpy(g->f_fsid, &h->f_fsid, sizeof g->f_fsid);
  g->f_namelen = (int64_t)h->f_namelen;
  g->f_frsize = (int64_t)h->f_frsize;
  g->f_flags = (int64_t)h->f_flags;
}
