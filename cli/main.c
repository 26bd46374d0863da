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
    "Run a statically linked RISC-V 64-bit Linux program (RV64IMAC) and exit with its status.\n"
    "Options end at PROGRAM: later arguments belong to the guest.\n"
    "\n"
    "  --max-instructions N  stop after exactly N retired instructions (exit status 124)\n"
    "  --stats FILE          write run statistics as JSON to FILE\n"
    "  --strace              log each system call on stderr\n"
    "  -E, --env VAR=VALUE   set VAR in the guest's environment (default: Amanatsu's own)\n"
    "  -U, --unset-env VAR   remove VAR from the guest's environment\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
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

int main(int argc, char **argv) {
  static const struct option opts[] = {
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {"max-instructions", required_argument, NULL, 'm'},
      {"stats", required_argument, NULL, 's'},
      {"strace", no_argument, NULL, 't'},
      {"env", required_argument, NULL, 'E'},
      {"unset-env", required_argument, NULL, 'U'},
      {NULL, 0, NULL, 0},
  };
  uint64_t max_insns = UINT64_MAX;
  const char *stats_path = NULL;
  bool strace = false;
  struct envlist env = {0};
  for (char **e = environ; *e; e++) env_push(&env, *e);

  int c;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+hVE:U:", opts, NULL)) != -1) {
    switch (c) {
    case 'h': fputs(usage, stdout); return 0;
    case 'V': printf("amanatsu %s\n", AMANATSU_VERSION); return 0;
    case 'm':
      if (!parse_u64(optarg, &max_insns))
        return die(EXIT_USAGE, "--max-instructions needs a non-negative integer, not '%s'", optarg);
      break;
    case 's': stats_path = optarg; break;
    case 't': strace = true; break;
    case 'E':
      if (!strchr(optarg, '=') || optarg[0] == '=')
        return die(EXIT_USAGE, "--env needs VAR=VALUE, not '%s'", optarg);
      env_unset(&env, optarg);
      env_push(&env, optarg);
      break;
    case 'U': env_unset(&env, optarg); break;
    case '?':
      if (optopt)
        return die(EXIT_USAGE, "option -%c is unknown or lacks its value (see --help)", optopt);
      return die(EXIT_USAGE, "option '%s' is unknown or lacks its value (see --help)",
                 argv[optind - 1]);
    }
  }
  if (optind >= argc) return die(EXIT_USAGE, "no program given (see --help)");
  if (!env.v) env_push(&env, NULL), env.n = 0;

  int gargc = argc - optind;
  char **gargv = argv + optind;
  const char *path = gargv[0];

  struct machine *m = malloc(sizeof *m);
  if (!m) return die(EXIT_USAGE, "out of memory");
  machine_init(m);
  m->strace = strace;
  m->stop_at = max_insns;

  char err[PATH_MAX + 256];
  struct elf_info info;
  enum load_status ls = loader_load(&m->mem, path, &info, err, sizeof err);
  if (ls != LOAD_OK)
    return die(ls == LOAD_NOT_FOUND ? EXIT_NOTFOUND : ls == LOAD_INVALID ? EXIT_INVALID : EXIT_USAGE,
               "%s", err);
  uint8_t rnd[16];
  if (getrandom(rnd, sizeof rnd, 0) != sizeof rnd) return die(EXIT_USAGE, "getrandom failed");
  uint64_t sp = loader_stack(&m->mem, &info, gargc, gargv, env.v, path, rnd, err, sizeof err);
  if (!sp) return die(EXIT_USAGE, "%s", err);
  m->exe_path = (char *)path;
  m->exe_abs = realpath(path, NULL);
  m->argc = gargc;
  m->argv = gargv;
  m->envp = env.v;
  m->entry = info.entry;
  m->phdr = info.phdr;
  m->phent = info.phent;
  m->phnum = info.phnum;
  m->cpu.pc = info.entry;
  m->cpu.x[2] = sp;

  double wall0 = now(CLOCK_MONOTONIC), cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
  enum stop_reason why = interp_run(m);
  double wall = now(CLOCK_MONOTONIC) - wall0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  fflush(stdout);

  int status = 0;
  const char *ending = "exit";
  switch (why) {
  case STOP_EXIT: status = m->exit_status; break;
  case STOP_LIMIT:
    ending = "limit";
    status = EXIT_LIMIT;
    fprintf(stderr, "amanatsu: stopped after %" PRIu64 " instructions (--max-instructions) at pc 0x%" PRIx64 "\n",
            m->cpu.icount, m->cpu.pc);
    break;
  case STOP_FAULT:
    ending = "fault";
    status = m->mem.fault_kind == MEM_MISALIGNED_AMO ? EXIT_SIGBUS : EXIT_SIGSEGV;
    fprintf(stderr,
            "amanatsu: %s: %s 0x%" PRIx64 " at pc 0x%" PRIx64 " after %" PRIu64 " instructions\n",
            m->mem.fault_kind == MEM_MISALIGNED_AMO ? "bus error" : "segmentation fault",
            access_name(m->mem.fault_kind), m->mem.fault_addr, m->cpu.pc, m->cpu.icount);
    break;
  case STOP_ILLEGAL: {
    ending = "illegal";
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
    ending = "ebreak";
    status = EXIT_SIGTRAP;
    fprintf(stderr, "amanatsu: ebreak (trace/breakpoint trap) at pc 0x%" PRIx64 " after %" PRIu64 " instructions\n",
            m->cpu.pc, m->cpu.icount);
    break;
  }
  if (stats_path && write_stats(stats_path, m, gargc, gargv, ending, status, wall, cpu) != 0) {
    fprintf(stderr, "amanatsu: cannot write statistics to %s: %s\n", stats_path, strerror(errno));
    if (!status) status = EXIT_USAGE;
  }
  machine_free(m);
  free(m);
  free(env.v);
  return status;
}
