/* The riscv64 Linux user ABI structures that system calls exchange with the
 * guest, spelled with fixed-size types, and the converters from (and to) the
 * host's structures.  Nothing here is a host type: every guest-visible byte
 * is written field by field through these.  Layouts are checked with
 * _Static_asserts in sys_layout.c and by tests/unit/test_syscall_layout.c.
 *
 * References (riscv64 uses the asm-generic layouts): asm-generic/stat.h,
 * asm-generic/termbits.h, linux/time_types.h, linux/utsname.h,
 * linux/sysinfo.h, linux/resource.h, linux/times.h, linux/stat.h (statx). */
#ifndef AMANATSU_SYS_LAYOUT_H
#define AMANATSU_SYS_LAYOUT_H

#include <stdint.h>

struct stat;
struct statx;
struct timespec;
struct timeval;
struct winsize;
struct utsname;
struct sysinfo;
struct rusage;
struct tms;
struct statfs;

/* asm-generic struct stat: 128 bytes. */
struct rv_stat {
  uint64_t st_dev;        /* 0 */
  uint64_t st_ino;        /* 8 */
  uint32_t st_mode;       /* 16 */
  uint32_t st_nlink;      /* 20 */
  uint32_t st_uid;        /* 24 */
  uint32_t st_gid;        /* 28 */
  uint64_t st_rdev;       /* 32 */
  uint64_t pad1;          /* 40 */
  int64_t st_size;        /* 48 */
  int32_t st_blksize;     /* 56 */
  int32_t pad2;           /* 60 */
  int64_t st_blocks;      /* 64 */
  int64_t st_atime_;      /* 72 */
  uint64_t st_atime_nsec; /* 80 */
  int64_t st_mtime_;      /* 88 */
  uint64_t st_mtime_nsec; /* 96 */
  int64_t st_ctime_;      /* 104 */
  uint64_t st_ctime_nsec; /* 112 */
  uint32_t unused4;       /* 120 */
  uint32_t unused5;       /* 124 */
};

struct rv_timespec {
  int64_t tv_sec;  /* 0 */
  int64_t tv_nsec; /* 8 */
};

struct rv_timeval {
  int64_t tv_sec;  /* 0 */
  int64_t tv_usec; /* 8 */
};

struct rv_timezone {
  int32_t tz_minuteswest; /* 0 */
  int32_t tz_dsttime;     /* 4 */
};

/* asm-generic struct termios (what TCGETS/TCSETS exchange): 36 bytes. */
#define RV_NCCS 19
struct rv_termios {
  uint32_t c_iflag; /* 0 */
  uint32_t c_oflag; /* 4 */
  uint32_t c_cflag; /* 8 */
  uint32_t c_lflag; /* 12 */
  uint8_t c_line;   /* 16 */
  uint8_t c_cc[RV_NCCS]; /* 17 */
};

/* The host kernel's struct termios for TCGETS/TCSETS.  x86-64 and aarch64
 * use the asm-generic layout too (glibc's struct termios is a different,
 * larger, user-space type and is never handed to the kernel here). */
#if !defined(__x86_64__) && !defined(__aarch64__) && !defined(__riscv)
#error "host kernel termios layout unknown for this host architecture"
#endif
struct host_ktermios {
  uint32_t c_iflag;
  uint32_t c_oflag;
  uint32_t c_cflag;
  uint32_t c_lflag;
  uint8_t c_line;
  uint8_t c_cc[19];
};

struct rv_winsize {
  uint16_t ws_row;    /* 0 */
  uint16_t ws_col;    /* 2 */
  uint16_t ws_xpixel; /* 4 */
  uint16_t ws_ypixel; /* 6 */
};

/* struct new_utsname: 6 x 65 = 390 bytes. */
#define RV_UTSLEN 65
struct rv_utsname {
  char sysname[RV_UTSLEN];    /* 0 */
  char nodename[RV_UTSLEN];   /* 65 */
  char release[RV_UTSLEN];    /* 130 */
  char version[RV_UTSLEN];    /* 195 */
  char machine[RV_UTSLEN];    /* 260 */
  char domainname[RV_UTSLEN]; /* 325 */
};

/* struct sysinfo on a 64-bit kernel: 112 bytes. */
struct rv_sysinfo {
  int64_t uptime;     /* 0 */
  uint64_t loads[3];  /* 8 */
  uint64_t totalram;  /* 32 */
  uint64_t freeram;   /* 40 */
  uint64_t sharedram; /* 48 */
  uint64_t bufferram; /* 56 */
  uint64_t totalswap; /* 64 */
  uint64_t freeswap;  /* 72 */
  uint16_t procs;     /* 80 */
  uint16_t pad;       /* 82 */
  uint32_t pad_a;     /* 84: alignment hole */
  uint64_t totalhigh; /* 88 */
  uint64_t freehigh;  /* 96 */
  uint32_t mem_unit;  /* 104 */
  uint32_t pad_b;     /* 108: _f[0] and tail padding */
};

/* struct rusage: 144 bytes. */
struct rv_rusage {
  struct rv_timeval ru_utime; /* 0 */
  struct rv_timeval ru_stime; /* 16 */
  int64_t ru_maxrss;          /* 32 */
  int64_t ru_ixrss;           /* 40 */
  int64_t ru_idrss;           /* 48 */
  int64_t ru_isrss;           /* 56 */
  int64_t ru_minflt;          /* 64 */
  int64_t ru_majflt;          /* 72 */
  int64_t ru_nswap;           /* 80 */
  int64_t ru_inblock;         /* 88 */
  int64_t ru_oublock;         /* 96 */
  int64_t ru_msgsnd;          /* 104 */
  int64_t ru_msgrcv;          /* 112 */
  int64_t ru_nsignals;        /* 120 */
  int64_t ru_nvcsw;           /* 128 */
  int64_t ru_nivcsw;          /* 136 */
};

/* struct tms: 32 bytes. */
struct rv_tms {
  int64_t tms_utime;  /* 0 */
  int64_t tms_stime;  /* 8 */
  int64_t tms_cutime; /* 16 */
  int64_t tms_cstime; /* 24 */
};

/* struct statx (arch-independent): 256 bytes. */
struct rv_statx_timestamp {
  int64_t tv_sec;
  uint32_t tv_nsec;
  int32_t reserved;
};
struct rv_statx {
  uint32_t stx_mask;            /* 0 */
  uint32_t stx_blksize;         /* 4 */
  uint64_t stx_attributes;      /* 8 */
  uint32_t stx_nlink;           /* 16 */
  uint32_t stx_uid;             /* 20 */
  uint32_t stx_gid;             /* 24 */
  uint16_t stx_mode;            /* 28 */
  uint16_t spare0;              /* 30 */
  uint64_t stx_ino;             /* 32 */
  uint64_t stx_size;            /* 40 */
  uint64_t stx_blocks;          /* 48 */
  uint64_t stx_attributes_mask; /* 56 */
  struct rv_statx_timestamp stx_atime; /* 64 */
  struct rv_statx_timestamp stx_btime; /* 80 */
  struct rv_statx_timestamp stx_ctime; /* 96 */
  struct rv_statx_timestamp stx_mtime; /* 112 */
  uint32_t stx_rdev_major;      /* 128 */
  uint32_t stx_rdev_minor;      /* 132 */
  uint32_t stx_dev_major;       /* 136 */
  uint32_t stx_dev_minor;       /* 140 */
  uint64_t stx_mnt_id;          /* 144 */
  uint32_t stx_dio_mem_align;   /* 152 */
  uint32_t stx_dio_offset_align; /* 156 */
  uint64_t spare3[12];          /* 160..256 */
};

/* Small ones used by the system calls. */
struct rv_iovec {
  uint64_t iov_base; /* 0 */
  uint64_t iov_len;  /* 8 */
};
struct rv_rlimit {
  uint64_t rlim_cur; /* 0 */
  uint64_t rlim_max; /* 8 */
};
/* riscv64 has no SA_RESTORER: handler, flags, mask. */
struct rv_sigaction {
  uint64_t handler; /* 0 */
  uint64_t flags;   /* 8 */
  uint64_t mask;    /* 16 */
};
struct rv_stack {
  uint64_t ss_sp;    /* 0 */
  int32_t ss_flags;  /* 8 */
  int32_t pad;       /* 12 */
  uint64_t ss_size;  /* 16 */
};

/* struct flock (F_GETLK/F_SETLK/F_SETLKW): 32 bytes. */
struct rv_flock {
  int16_t l_type;   /* 0 */
  int16_t l_whence; /* 2 */
  int32_t pad_a;    /* 4 */
  int64_t l_start;  /* 8 */
  int64_t l_len;    /* 16 */
  int32_t l_pid;    /* 24 */
  int32_t pad_b;    /* 28 */
};

/* struct statfs (asm-generic, 64-bit words): 120 bytes. */
struct rv_statfs {
  int64_t f_type;    /* 0 */
  int64_t f_bsize;   /* 8 */
  uint64_t f_blocks; /* 16 */
  uint64_t f_bfree;  /* 24 */
  uint64_t f_bavail; /* 32 */
  uint64_t f_files;  /* 40 */
  uint64_t f_ffree;  /* 48 */
  int32_t f_fsid[2]; /* 56 */
  int64_t f_namelen; /* 64 */
  int64_t f_frsize;  /* 72 */
  int64_t f_flags;   /* 80 */
  int64_t f_spare[4]; /* 88 */
};

/* The signal frame riscv64 Linux pushes for a handler (arch/riscv/kernel/
 * signal.c: struct rt_sigframe { siginfo; ucontext }): 1088 bytes. */
struct rv_siginfo {
  int32_t si_signo; /* 0 */
  int32_t si_errno; /* 4 */
  int32_t si_code;  /* 8 */
  int32_t pad;      /* 12 */
  int32_t sender_pid;   /* 16: kill, tkill */
  uint32_t sender_uid;  /* 20 */
  uint8_t rest[104];
};
struct rv_sigcontext {
  uint64_t regs[32];   /* 0: pc, then x1..x31 (struct user_regs_struct) */
  uint64_t f[32];      /* 256: union __riscv_fp_state, D layout */
  uint32_t fcsr;       /* 512 */
  uint32_t fp_rest[67]; /* 516..784: the rest of the union (Q layout size) */
};
struct rv_ucontext {
  uint64_t uc_flags;           /* 0 */
  uint64_t uc_link;            /* 8 */
  struct rv_stack uc_stack;    /* 16 */
  uint64_t uc_sigmask;         /* 40 */
  uint8_t unused[120];         /* 48: room for a larger sigset_t */
  uint64_t pad;                /* 168: uc_mcontext is 16-byte aligned */
  struct rv_sigcontext uc_mcontext; /* 176 */
};
struct rv_sigframe {
  struct rv_siginfo info; /* 0 */
  struct rv_ucontext uc;  /* 128 */
};

/* Converters.  The *_from_host ones zero every padding byte. */
void rv_stat_from_host(struct rv_stat *g, const struct stat *h);
void rv_statx_from_host(struct rv_statx *g, const struct statx *h);
void rv_timespec_from_host(struct rv_timespec *g, const struct timespec *h);
void rv_timespec_to_host(struct timespec *h, const struct rv_timespec *g);
void rv_timeval_from_host(struct rv_timeval *g, const struct timeval *h);
void rv_termios_from_host(struct rv_termios *g, const struct host_ktermios *h);
void rv_termios_to_host(struct host_ktermios *h, const struct rv_termios *g);
void rv_winsize_from_host(struct rv_winsize *g, const struct winsize *h);
void rv_utsname_from_host(struct rv_utsname *g, const struct utsname *h);
void rv_sysinfo_from_host(struct rv_sysinfo *g, const struct sysinfo *h);
void rv_rusage_from_host(struct rv_rusage *g, const struct rusage *h);
void rv_tms_from_host(struct rv_tms *g, const struct tms *h);
void rv_statfs_from_host(struct rv_statfs *g, const struct statfs *h);

#endif
