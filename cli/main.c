/* The command-line front end: the only place that prints Amanatsu's own
 * messages and chooses exit statuses. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "decoder/decode.h"
#include "interp/machine.h"
#include "memory/loader.h"
#include "snapshot/snapshot.h"

extern char **environ;

/* Exit statuses of Amanatsu's own (documented in the README and --help). */
enum {
  EXIT_LIMIT = 124,     /* --max-instructions reached, as timeout(1) does */
  EXIT_USAGE = 125,     /* bad command line, or Amanatsu itself failed */
  EXIT_INVALID = 126,   /* the program is not something Amanatsu can run */
  EXIT_NOTFOUND = 127,  /* the program cannot be opened */
  EXIT_SIGILL = 128 + 4,
  EXIT_SIGTRAP = 128 + 5,
  EXIT_SIGBUS = 128 + 7,
  EXIT_SIGSEGV = 128 + 11,
};

static const char usage[] =
    "Usage: amanatsu [OPTIONS] PROGRAM [ARGS...]\n"
    "       amanatsu --restore FILE [OPTIONS]\n"
    "       amanatsu --snapshot-info FILE\n"
    "Run a statically linked RISC-V 64-bit Linux program and exit with its status.\n"
    "Options end at PROGRAM: later arguments belong to the guest.\n"
    "\n"
    "  --max-instructions N    stop after exactly N retired instructions (exit status 124)\n"
    "  --stats FILE            write run statistics as JSON to FILE\n"
    "  --strace                log each system call on stderr\n"
    "  -E, --env VAR=VALUE     set VAR in the guest's environment (default: Amanatsu's own)\n"
    "  -U, --unset-env VAR     remove VAR from the guest's environment\n"
    "  --snapshots N[,N...]    write a snapshot after exactly each count of retired instructions\n"
    "  --snapshot-prefix P     snapshot files are P.%015u.snapshot (default: the program's name)\n"
    "  --snapshot-format F     amanatsu (default) or nebula (Nebula's models resume those;\n"
    "                          the program is then laid out below 2 GiB)\n"
    "  --restore FILE          resume from a snapshot (either format); counts stay absolute\n"
    "  --snapshot-info FILE    describe a snapshot and verify its checksums\n"
    "  --host-time             use the host's clocks and randomness (runs are then not\n"
    "                          reproducible); by default they derive from the retired count\n"
    "  --start-time SECONDS    the deterministic clock's start (default 1767225600,\n"
    "                          2026-01-01T00:00:00Z)\n"
    "  --seed N                the deterministic random generator's seed (default 0)\n"
    "  -h, --help              show this help\n"
    "  -V, --version           show the version\n"
    "\n"
    "Exit status: the guest's; 124 when --max-instructions stopped it; 125 for a bad\n"
    "command line; 126 when PROGRAM is not a static RV64 ELF program; 127 when it\n"
    "cannot be opened; 132 illegal instruction; 133 ebreak; 135 misaligned atomic;\n"
    "139 memory fault (as a shell reports a process killed by the matching signal).\n";

static int die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int die(int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("amanatsu: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return status;
}

static bool parse_u64(const char *s, uint64_t *out) {
  if (!*s || *s == '-') return false;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) return false;
  *out = v;
  return true;
}

/* The guest environment: the host's, edited by -E and -U in order. */
struct envlist {
  char **v;
  size_t n, cap;
};

static void env_unset(struct envlist *e, const char *name) {
  size_t len = strcspn(name, "=");
  for (size_t i = 0; i < e->n; i++)
    if (!strncmp(e->v[i], name, len) && e->v[i][len] == '=') {
      memmove(&e->v[i], &e->v[i + 1], (e->n - i) * sizeof *e->v);
      e->n--;
      i--;
    }
}

static void env_push(struct envlist *e, char *s) {
  if (e->n + 2 > e->cap) {
    e->cap = e->cap ? 2 * e->cap : 64;
    e->v = realloc(e->v, e->cap * sizeof *e->v);
    if (!e->v) abort();
  }
  e->v[e->n++] = s;
  e->v[e->n] = NULL;
}

static double now(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

/* Written to a temporary file in the same folder and renamed over FILE, so
 * that FILE is either the old one or complete. */
static int write_stats(const char *path, const struct machine *m, int argc, char **argv,
                       const char *ending, int status, double wall, double cpu) {
  char tmp[PATH_MAX];
  if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) return -1;
  FILE *f = fopen(tmp, "w");
  if (!f) return -1;
  fprintf(f, "{\n  \"program\": ");
  json_str(f, argv[0]);
  fprintf(f, ",\n  \"arguments\": [");
  for (int i = 1; i < argc; i++) {
    if (i > 1) fputs(", ", f);
    json_str(f, argv[i]);
  }
  fprintf(f, "],\n  \"retired_instructions\": %" PRIu64 ",\n", m->cpu.icount);
  fprintf(f, "  \"wall_seconds\": %.6f,\n  \"cpu_seconds\": %.6f,\n", wall, cpu);
  fprintf(f, "  \"mips\": %.3f,\n", cpu > 0 ? (double)m->cpu.icount / cpu / 1e6 : 0.0);
  fprintf(f, "  \"ending\": \"%s\",\n  \"exit_status\": %d,\n", ending, status);
  fprintf(f, "  \"decoded_pages\": %" PRIu64 ",\n", dec_cache_decodes(m->dc));
  fprintf(f, "  \"final_pc\": %" PRIu64 ",\n", m->cpu.pc);
  fprintf(f, "  \"state_digest\": \"%016" PRIx64 "\",\n", snap_digest(m));
  fprintf(f, "  \"syscalls\": {");
  bool first = true;
  for (unsigned i = 0; i < SYS_MAX; i++) {
    if (!m->sys_count[i]) continue;
    const char *name = sys_name(i);
    char buf[32];
    if (!name) {
      snprintf(buf, sizeof buf, "syscall_%u", i);
      name = buf;
    }
    fprintf(f, "%s\n    ", first ? "" : ",");
    json_str(f, name);
    fprintf(f, ": %" PRIu64, m->sys_count[i]);
    first = false;
  }
  fprintf(f, "%s}\n}\n", first ? "" : "\n  ");
  bool ok = !ferror(f) && fflush(f) == 0 && fsync(fileno(f)) == 0;
  ok = (fclose(f) == 0) && ok;
  if (!ok || rename(tmp, path) != 0) {
    unlink(tmp);
    return -1;
  }
  return 0;
}

static const char *access_name(enum mem_access k) {
  switch (k) {
  case MEM_LOAD: return "load from";
  case MEM_STORE: return "store to";
  case MEM_FETCH: return "instruction fetch from";
  default: return "misaligned atomic access at";
  }
}

/* One line for how the run ended; the exit status. */
static int report(const struct machine *m, enum stop_reason why) {
  int status = 0;
  switch (why) {
  case STOP_EXIT: status = m->exit_status; break;
  case STOP_LIMIT:
    status = EXIT_LIMIT;
    fprintf(stderr, "amanatsu: stopped after %" PRIu64 " instructions (--max-instructions) at pc 0x%" PRIx64 "\n",
            m->cpu.icount, m->cpu.pc);
    break;
  case STOP_FAULT:
    status = m->mem.fault_kind == MEM_MISALIGNED_AMO ? EXIT_SIGBUS : EXIT_SIGSEGV;
    fprintf(stderr,
            "amanatsu: %s: %s 0x%" PRIx64 " at pc 0x%" PRIx64 " after %" PRIu64 " instructions\n",
            m->mem.fault_kind == MEM_MISALIGNED_AMO ? "bus error" : "segmentation fault",
            access_name(m->mem.fault_kind), m->mem.fault_addr, m->cpu.pc, m->cpu.icount);
    break;
  case STOP_ILLEGAL: {
    status = EXIT_SIGILL;
    struct dec_insn in;
    dec_decode(m->illegal_bits, &in);
    char dis[64];
    dec_disasm(&in, m->cpu.pc, dis, sizeof dis);
    fprintf(stderr,
            "amanatsu: illegal instruction 0x%0*" PRIx32 " (%s) at pc 0x%" PRIx64 " after %" PRIu64
            " instructions\n",
            m->illegal_len == 2 ? 4 : 8, m->illegal_bits, in.op == OP_illegal ? "not implemented" : dis,
            m->cpu.pc, m->cpu.icount);
    break;
  }
  case STOP_EBREAK:
    status = EXIT_SIGTRAP;
    fprintf(stderr, "amanatsu: ebreak (trace/breakpoint trap) at pc 0x%" PRIx64 " after %" PRIu64 " instructions\n",
            m->cpu.pc, m->cpu.icount);
    break;
  }
  return status;
}

/* Snapshot counts: sorted, without duplicates. */
struct counts {
  uint64_t *v;
  size_t n, cap;
};

/* A file written at a count or at the end can be: a trial temporary is made
 * (and removed) beside it, as the real one will be. */
static bool can_write_beside(const char *path, char *err, size_t errlen) {
  char tmp[PATH_MAX + 16];
  int fd = snap_atomic_begin(path, tmp, sizeof tmp, err, errlen);
  if (fd < 0) return false;
  close(fd);
  unlink(tmp);
  return true;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static bool parse_counts(struct counts *c, const char *list) {
  const char *p = list;
  while (*p) {
    char num[32];
    size_t len = strcspn(p, ",");
    if (len == 0 || len >= sizeof num) return false;
    memcpy(num, p, len);
    num[len] = 0;
    uint64_t v;
    if (!parse_u64(num, &v)) return false;
    if (c->n == c->cap) {
      c->cap = c->cap ? 2 * c->cap : 16;
      c->v = realloc(c->v, c->cap * sizeof *c->v);
      if (!c->v) abort();
    }
    c->v[c->n++] = v;
    p += len;
    if (*p == ',') {
      p++;
      if (!*p) return false;
    }
  }
  return true;
}

static const char *base_name(const char *path) {
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

/* What the run owns: freed by main() whichever way cli() returns. */
struct owned {
  struct counts snaps;
  struct envlist env;
  struct machine *m;
};

static int cli(struct owned *own, int argc, char **argv) {
  enum { O_MAX = 256, O_STATS, O_STRACE, O_SNAPS, O_PREFIX, O_FORMAT, O_RESTORE, O_INFO,
         O_HOSTTIME, O_START, O_SEED };
  static const struct option opts[] = {
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {"max-instructions", required_argument, NULL, O_MAX},
      {"stats", required_argument, NULL, O_STATS},
      {"strace", no_argument, NULL, O_STRACE},
      {"env", required_argument, NULL, 'E'},
      {"unset-env", required_argument, NULL, 'U'},
      {"snapshots", required_argument, NULL, O_SNAPS},
      {"snapshot-prefix", required_argument, NULL, O_PREFIX},
      {"snapshot-format", required_argument, NULL, O_FORMAT},
      {"restore", required_argument, NULL, O_RESTORE},
      {"snapshot-info", required_argument, NULL, O_INFO},
      {"host-time", no_argument, NULL, O_HOSTTIME},
      {"start-time", required_argument, NULL, O_START},
      {"seed", required_argument, NULL, O_SEED},
      {NULL, 0, NULL, 0},
  };
  uint64_t max_insns = UINT64_MAX, start_time = 1767225600, seed = 0;
  const char *stats_path = NULL, *prefix = NULL, *restore = NULL;
  bool strace = false, host_time = false;
  const char *new_run_only = NULL; /* an option that describes a new run, not a restore */
  enum snap_format format = SNAP_FORMAT_AMANATSU;
  struct counts *const snaps = &own->snaps;
  struct envlist *const env = &own->env;
  for (char **e = environ; *e; e++) env_push(env, *e);

  int c;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+hVE:U:", opts, NULL)) != -1) {
    switch (c) {
    case 'h': fputs(usage, stdout); return 0;
    case 'V': printf("amanatsu %s\n", AMANATSU_VERSION); return 0;
    case O_MAX:
      if (!parse_u64(optarg, &max_insns))
        return die(EXIT_USAGE, "--max-instructions needs a non-negative integer, not '%s'", optarg);
      break;
    case O_STATS: stats_path = optarg; break;
    case O_STRACE: strace = true; break;
    case 'E':
      if (!strchr(optarg, '=') || optarg[0] == '=')
        return die(EXIT_USAGE, "--env needs VAR=VALUE, not '%s'", optarg);
      env_unset(env, optarg);
      env_push(env, optarg);
      new_run_only = "--env";
      break;
    case 'U': env_unset(env, optarg), new_run_only = "--unset-env"; break;
    case O_SNAPS:
      if (!parse_counts(snaps, optarg))
        return die(EXIT_USAGE, "--snapshots needs counts separated by commas (e.g. 100,300), not '%s'",
                   optarg);
      break;
    case O_PREFIX:
      if (!*optarg) return die(EXIT_USAGE, "--snapshot-prefix must not be empty");
      prefix = optarg;
      break;
    case O_FORMAT:
      if (!strcmp(optarg, "amanatsu"))
        format = SNAP_FORMAT_AMANATSU;
      else if (!strcmp(optarg, "nebula"))
        format = SNAP_FORMAT_NEBULA;
      else
        return die(EXIT_USAGE, "--snapshot-format is amanatsu or nebula, not '%s'", optarg);
      break;
    case O_RESTORE: restore = optarg; break;
    case O_INFO: {
      char err[PATH_MAX + 512];
      if (snap_info(optarg, stdout, err, sizeof err) != 0) return die(EXIT_INVALID, "%s", err);
      return 0;
    }
    case O_HOSTTIME: host_time = true, new_run_only = "--host-time"; break;
    case O_START:
      if (!parse_u64(optarg, &start_time) || start_time > UINT64_MAX / 1000000000u)
        return die(EXIT_USAGE, "--start-time needs seconds since 1970, not '%s'", optarg);
      new_run_only = "--start-time";
      break;
    case O_SEED:
      if (!parse_u64(optarg, &seed)) return die(EXIT_USAGE, "--seed needs a non-negative integer, not '%s'", optarg);
      new_run_only = "--seed";
      break;
    case '?':
      if (optopt)
        return die(EXIT_USAGE, "option -%c is unknown or lacks its value (see --help)", optopt);
      return die(EXIT_USAGE, "option '%s' is unknown or lacks its value (see --help)",
                 argv[optind - 1]);
    }
  }
  if (restore && optind < argc)
    return die(EXIT_USAGE, "--restore resumes the snapshot's own program: no PROGRAM is given (found '%s')",
               argv[optind]);
  if (restore && new_run_only)
    return die(EXIT_USAGE, "%s applies to a new run, not to --restore (the snapshot holds it)",
               new_run_only);
  if (!restore && optind >= argc) return die(EXIT_USAGE, "no program given (see --help)");
  if (!env->v) env_push(env, NULL), env->n = 0;
  if (snaps->n) {
    qsort(snaps->v, snaps->n, sizeof *snaps->v, cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < snaps->n; i++)
      if (!w || snaps->v[i] != snaps->v[w - 1]) snaps->v[w++] = snaps->v[i];
    snaps->n = w;
  }

  struct machine *m = own->m = malloc(sizeof *m);
  if (!m) return die(EXIT_USAGE, "out of memory");
  machine_init(m);
  if (!m->mem.arena) /* correct without it, but every load and store takes the slow path */
    fprintf(stderr, "amanatsu: warning: could not reserve %llu GiB of address space for guest "
                    "memory (ulimit -v?); running slower\n",
            MEM_ARENA_LIMIT >> 30);
  m->strace = strace;
  char err[PATH_MAX + 512];

  if (restore) {
    if (snap_restore(m, restore, stderr, err, sizeof err) != 0) return die(EXIT_INVALID, "%s", err);
    if (!prefix) prefix = base_name(m->exe_path);
  } else {
    const char *path = argv[optind];
    const struct loader_layout *lay =
        format == SNAP_FORMAT_NEBULA ? &loader_low_layout : &loader_default_layout;
    struct elf_info info;
    enum load_status ls = loader_load_at(&m->mem, path, &info, lay, err, sizeof err);
    if (ls != LOAD_OK)
      return die(ls == LOAD_NOT_FOUND ? EXIT_NOTFOUND : ls == LOAD_INVALID ? EXIT_INVALID : EXIT_USAGE,
                 "%s", err);
    m->host_time = host_time;
    m->time_base_ns = start_time * 1000000000u;
    m->rng_state = seed;
    uint8_t rnd[16];
    machine_random(m, rnd, sizeof rnd);
    uint64_t sp = loader_stack_at(&m->mem, &info, argc - optind, argv + optind, env->v, path, rnd,
                                  lay, err, sizeof err);
    if (!sp) return die(EXIT_USAGE, "%s", err);
    m->exe_path = (char *)path;
    m->exe_abs = realpath(path, NULL);
    m->argc = argc - optind;
    m->argv = argv + optind;
    m->envp = env->v;
    m->entry = info.entry;
    m->phdr = info.phdr;
    m->phent = info.phent;
    m->phnum = info.phnum;
    m->cpu.pc = info.entry;
    m->cpu.x[2] = sp;
    if (!prefix) prefix = base_name(path);
  }

  /* Snapshots and statistics go where the options say: a name that cannot
   * be made or a directory that cannot be written is refused now, not after
   * the run has spent hours reaching the first count or its end. */
  if (snaps->n) {
    char file[PATH_MAX];
    if (snap_filename(file, sizeof file, prefix, snaps->v[snaps->n - 1]) != 0)
      return die(EXIT_USAGE, "snapshot prefix too long: %.64s...", prefix);
    if (!can_write_beside(file, err, sizeof err))
      return die(EXIT_USAGE, "snapshots cannot be written: %s", err);
  }
  if (stats_path && !can_write_beside(stats_path, err, sizeof err))
    return die(EXIT_USAGE, "statistics cannot be written: %s", err);

  /* Run, stopping at each snapshot count and at the limit. */
  size_t next = 0;
  while (next < snaps->n && snaps->v[next] < m->cpu.icount) {
    fprintf(stderr, "amanatsu: no snapshot at %" PRIu64 ": the restored run starts at %" PRIu64 "\n",
            snaps->v[next], m->cpu.icount);
    next++;
  }
  double wall0 = now(CLOCK_MONOTONIC), cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
  enum stop_reason why;
  int status = 0;
  for (;;) {
    m->stop_at = next < snaps->n && snaps->v[next] < max_insns ? snaps->v[next] : max_insns;
    why = interp_run(m);
    if (why != STOP_LIMIT || next >= snaps->n || m->cpu.icount != snaps->v[next]) break;
    char file[PATH_MAX];
    if (snap_filename(file, sizeof file, prefix, snaps->v[next]) != 0) {
      status = die(EXIT_USAGE, "snapshot prefix too long");
      why = STOP_EXIT;
      m->exit_status = status;
      break;
    }
    fflush(stdout);
    int r = format == SNAP_FORMAT_NEBULA ? snap_save_nebula(m, file, stderr, err, sizeof err)
                                         : snap_save(m, file, stderr, err, sizeof err);
    if (r != 0) {
      fprintf(stderr, "amanatsu: snapshot at %" PRIu64 " not written: %s\n", snaps->v[next], err);
      status = EXIT_USAGE;
    }
    next++;
    if (m->cpu.icount >= max_insns) break;
  }
  double wall = now(CLOCK_MONOTONIC) - wall0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  fflush(stdout);
  for (; next < snaps->n; next++)
    if (snaps->v[next] <= max_insns || why != STOP_LIMIT)
      fprintf(stderr, "amanatsu: no snapshot at %" PRIu64 ": the run ended after %" PRIu64 " instructions\n",
              snaps->v[next], m->cpu.icount);
  if (status == 0) status = report(m, why);
  const char *ending = why == STOP_EXIT ? "exit" : why == STOP_LIMIT ? "limit"
                       : why == STOP_FAULT ? "fault" : why == STOP_ILLEGAL ? "illegal" : "ebreak";
  if (stats_path && write_stats(stats_path, m, m->argc, m->argv, ending, status, wall, cpu) != 0) {
    fprintf(stderr, "amanatsu: cannot write statistics to %s: %s\n", stats_path, strerror(errno));
    if (!status) status = EXIT_USAGE;
  }
  return status;
}

int main(int argc, char **argv) {
  struct owned own = {0};
  int status = cli(&own, argc, argv);
  if (own.m) {
    machine_free(own.m);
    free(own.m);
  }
  free(own.env.v);
  free(own.snaps.v);
  return status;
}
