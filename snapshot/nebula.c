/* Nebula's snapshot format (../shared/NEBULA_SNAPSHOT.md): a sparse
 * physical-memory image of NEBULA_CAPACITY bytes, a u64 length, and a JSON
 * trailer with the registers and the page table (64 KiB pages). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../interp/machine.h"
#include "../memory/loader.h"
#include "snapshot.h"

#define FRAME_BASE 0x10000000ull /* where Nebula itself starts handing out frames */
#define FP_REG_BASE 0x10000000u  /* JSON key of f0 */

#define fail snap_fail

static json_t *reg_bytes(uint64_t v) {
  json_t *a = json_array();
  for (int i = 0; i < 8; i++) json_array_append_new(a, json_integer((json_int_t)((v >> (8 * i)) & 0xff)));
  return a;
}

int snap_save_nebula(const struct machine *m, const char *path, FILE *warn, char *err,
                     size_t errlen) {
  const struct mem *mm = &m->mem;
  /* 64 KiB regions with a mapped page, in address order; each gets the next frame. */
  size_t n = 0, cap = 256;
  uint64_t *regions = malloc(cap * sizeof *regions);
  if (!regions) return fail(err, errlen, "out of memory");
  uint64_t last = UINT64_MAX;
  for (size_t v = 0; v < mm->nvma; v++) {
    for (uint64_t a = mm->vma[v].start & ~(uint64_t)(NEBULA_PAGE - 1); a < mm->vma[v].end;
         a += NEBULA_PAGE) {
      /* Every region with a mapped page gets a frame, zero or not: the
       * restored program may touch a page it had not touched yet. */
      if (a == last) continue;
      if (a + NEBULA_PAGE > NEBULA_CAPACITY) {
        free(regions);
        return fail(err, errlen,
                    "cannot write a Nebula snapshot: guest memory at 0x%" PRIx64
                    " lies above 4 GiB, which Nebula's models cannot address (a run started with "
                    "--snapshot-format nebula keeps the stack, heap and mmap area below 2 GiB: "
                    "memory above 4 GiB was either mapped there by the program itself, e.g. with "
                    "MAP_FIXED, or the run was started without that option)",
                    a);
      }
      if (n == cap) {
        uint64_t *r2 = realloc(regions, 2 * cap * sizeof *regions);
        if (!r2) {
          free(regions);
          return fail(err, errlen, "out of memory");
        }
        regions = r2;
        cap *= 2;
      }
      regions[n++] = last = a;
    }
  }
  if (FRAME_BASE + n * NEBULA_PAGE > NEBULA_CAPACITY) {
    free(regions);
    return fail(err, errlen, "cannot write a Nebula snapshot: %zu 64 KiB pages do not fit in 4 GiB", n);
  }
  for (int fd = 3; fd < m->fds.cap; fd++)
    if (m->fds.e[fd].used && warn)
      fprintf(warn,
              "amanatsu: warning: Nebula snapshots hold no open files: guest descriptor %d (%s) "
              "will be missing when a Nebula model resumes this one\n",
              fd, m->fds.e[fd].path ? m->fds.e[fd].path : "not a file");
  for (size_t i = 0; i < mm->nfmap && warn; i++)
    fprintf(warn,
            "amanatsu: warning: Nebula snapshots hold no files: the shared mapping of %s is saved "
            "as plain memory, and a Nebula model's stores to it will not reach the file\n",
            mm->fmap[i].path ? mm->fmap[i].path : "a file");
  static const char *const timer_name[3] = {"ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF"};
  for (int t = 0; t < 3 && warn; t++)
    if (m->itimer_at[t])
      fprintf(warn,
              "amanatsu: warning: Nebula snapshots hold no timers: the program's %s will never "
              "expire when this one is resumed\n",
              timer_name[t]);

  json_t *root = json_object(), *regs = json_object(), *mmu = json_object();
  char key[32];
  json_object_set_new(regs, "%pc", reg_bytes(m->cpu.pc));
  for (int i = 0; i < 32; i++) {
    snprintf(key, sizeof key, "%d", i);
    json_object_set_new(regs, key, reg_bytes(m->cpu.x[i]));
    snprintf(key, sizeof key, "%u", FP_REG_BASE + (unsigned)i);
    json_object_set_new(regs, key, reg_bytes(m->cpu.f[i]));
  }
  for (size_t i = 0; i < n; i++) {
    snprintf(key, sizeof key, "%" PRIu64, regions[i]); /* page base OR core id 0 */
    json_t *e = json_object();
    json_object_set_new(e, "frame", json_integer((json_int_t)(FRAME_BASE + i * NEBULA_PAGE)));
    json_object_set_new(e, "coreid", json_integer(0));
    json_object_set_new(mmu, key, e);
  }
  size_t cl = 1;
  for (int i = 0; i < m->argc; i++) cl += strlen(m->argv[i]) + 1;
  char *cmdline = calloc(1, cl);
  for (int i = 0; cmdline && i < m->argc; i++) {
    if (i) strcat(cmdline, " ");
    strcat(cmdline, m->argv[i]);
  }
  json_t *cmd = json_array();
  json_array_append_new(cmd, json_string(cmdline ? cmdline : ""));
  free(cmdline);
  json_object_set_new(root, "instructions_committed", json_integer((json_int_t)m->cpu.icount));
  json_object_set_new(root, "registers", regs);
  json_object_set_new(root, "mmu", mmu);
  json_object_set_new(root, "cycle", json_integer(0));
  json_object_set_new(root, "cmdline", cmd);
  char *text = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
  json_decref(root);
  if (!text) {
    free(regions);
    return fail(err, errlen, "out of memory");
  }

  char tmp[4200];
  int fd = snap_atomic_begin(path, tmp, sizeof tmp, err, errlen);
  if (fd < 0) {
    free(regions);
    free(text);
    return -1;
  }
  bool ok = true;
  uint8_t *frame = malloc(NEBULA_PAGE);
  ok = frame != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    /* A frame of untouched pages stays a hole: the file reads zero there. */
    bool touched = false;
    memset(frame, 0, NEBULA_PAGE);
    for (uint64_t off = 0; off < NEBULA_PAGE; off += MEM_PAGE) {
      const struct mem_pte *p = mem_pte(mm, regions[i] + off);
      if (p && p->host) memcpy(frame + off, p->host, MEM_PAGE), touched = true;
    }
    if (touched)
      ok = pwrite(fd, frame, NEBULA_PAGE, (off_t)(FRAME_BASE + i * NEBULA_PAGE)) == NEBULA_PAGE;
  }
  uint64_t len = strlen(text);
  ok = ok && ftruncate(fd, (off_t)NEBULA_CAPACITY) == 0 &&
       pwrite(fd, &len, 8, (off_t)NEBULA_CAPACITY) == 8 &&
       pwrite(fd, text, len, (off_t)NEBULA_CAPACITY + 8) == (ssize_t)len;
  int e = errno;
  free(frame);
  free(regions);
  free(text);
  if (!ok) {
    snap_atomic_abort(fd, tmp);
    return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
  }
  return snap_atomic_commit(fd, tmp, path, err, errlen);
}

/* The trailer's length and text, if the file is laid out as Nebula's. */
static int read_trailer(int fd, char **text, size_t *len) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  uint64_t n;
  char c;
  if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size < NEBULA_CAPACITY + 9 ||
      pread(fd, &n, 8, (off_t)NEBULA_CAPACITY) != 8 ||
      n != (uint64_t)st.st_size - NEBULA_CAPACITY - 8 ||
      pread(fd, &c, 1, (off_t)NEBULA_CAPACITY + 8) != 1 || c != '{')
    return 0;
  if (!text) return 1;
  *text = malloc(n + 1);
  if (!*text || pread(fd, *text, n, (off_t)NEBULA_CAPACITY + 8) != (ssize_t)n) {
    free(*text);
    return -1;
  }
  (*text)[n] = 0;
  *len = n;
  return 1;
}

int snap_is_nebula(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int r = read_trailer(fd, NULL, NULL);
  close(fd);
  return r < 0 ? 0 : r;
}

static bool get_reg(json_t *regs, const char *key, uint64_t *out, bool required, char *err,
                    size_t errlen) {
  json_t *a = json_object_get(regs, key);
  if (!a) {
    *out = 0;
    if (required) fail(err, errlen, "register \"%s\" is missing", key);
    return !required;
  }
  if (!json_is_array(a) || json_array_size(a) != 8) {
    fail(err, errlen, "register \"%s\" is not a list of 8 bytes", key);
    return false;
  }
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) {
    json_t *b = json_array_get(a, (size_t)i);
    if (!json_is_integer(b) || json_integer_value(b) < 0 || json_integer_value(b) > 255) {
      fail(err, errlen, "register \"%s\" byte %d is not an integer 0..255", key, i);
      return false;
    }
    v |= (uint64_t)json_integer_value(b) << (8 * i);
  }
  *out = v;
  return true;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

int snap_restore_nebula(struct machine *m, const char *path, FILE *note, char *err, size_t errlen) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(err, errlen, "%s: %s", path, strerror(errno));
  char *text = NULL;
  size_t len = 0;
  json_error_t je;
  json_t *root = NULL;
  uint64_t *pairs = NULL; /* vbase, frame */
  uint8_t *frame = NULL;
  int r = -1;
  char why[512] = "";
  if (read_trailer(fd, &text, &len) != 1) {
    snprintf(why, sizeof why, "unreadable Nebula trailer");
    goto out;
  }
  root = json_loadb(text, len, 0, &je);
  if (!json_is_object(root)) {
    snprintf(why, sizeof why, "the JSON trailer is invalid (line %d: %s)", je.line, je.text);
    goto out;
  }
  json_t *ic = json_object_get(root, "instructions_committed");
  json_t *regs = json_object_get(root, "registers"), *mmu = json_object_get(root, "mmu");
  if (!json_is_integer(ic) || json_integer_value(ic) < 0) {
    snprintf(why, sizeof why, "\"instructions_committed\" is missing or not a count");
    goto out;
  }
  if (!json_is_object(regs) || !json_is_object(mmu)) {
    snprintf(why, sizeof why, "\"registers\" or \"mmu\" is missing");
    goto out;
  }
  uint64_t x[32], f[32], pc;
  char key[32];
  if (!get_reg(regs, "%pc", &pc, true, why, sizeof why)) goto out;
  bool have_fp = false;
  for (int i = 0; i < 32; i++) {
    snprintf(key, sizeof key, "%d", i);
    if (!get_reg(regs, key, &x[i], true, why, sizeof why)) goto out;
    snprintf(key, sizeof key, "%u", FP_REG_BASE + (unsigned)i);
    have_fp |= json_object_get(regs, key) != NULL;
    if (!get_reg(regs, key, &f[i], false, why, sizeof why)) goto out;
  }
  if (x[0] != 0) {
    snprintf(why, sizeof why, "register \"0\" is not zero");
    goto out;
  }
  size_t n = json_object_size(mmu), k = 0;
  pairs = malloc((n ? n : 1) * 2 * sizeof *pairs);
  uint64_t *frames = malloc((n ? n : 1) * sizeof *frames);
  if (!pairs || !frames) {
    free(frames);
    snprintf(why, sizeof why, "out of memory");
    goto out;
  }
  const char *name;
  json_t *val;
  json_object_foreach(mmu, name, val) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(name, &end, 10);
    json_t *fr = json_object_get(val, "frame"), *core = json_object_get(val, "coreid");
    if (errno || *end || !*name || (v & (NEBULA_PAGE - 1)) != 0 || v + NEBULA_PAGE > MEM_VA_LIMIT) {
      snprintf(why, sizeof why, "mmu key \"%s\" is not a 64 KiB page of core 0", name);
      free(frames);
      goto out;
    }
    if (!json_is_integer(fr) || json_integer_value(fr) < 0 ||
        (uint64_t)json_integer_value(fr) % NEBULA_PAGE ||
        (uint64_t)json_integer_value(fr) + NEBULA_PAGE > NEBULA_CAPACITY ||
        (core && (!json_is_integer(core) || json_integer_value(core) != 0))) {
      snprintf(why, sizeof why, "mmu entry \"%s\": frame must be 64 KiB aligned below 4 GiB, core 0",
               name);
      free(frames);
      goto out;
    }
    pairs[2 * k] = v;
    pairs[2 * k + 1] = (uint64_t)json_integer_value(fr);
    frames[k] = pairs[2 * k + 1];
    k++;
  }
  qsort(frames, n, sizeof *frames, cmp_u64);
  for (size_t i = 1; i < n; i++)
    if (frames[i] == frames[i - 1]) {
      snprintf(why, sizeof why, "two pages share the frame 0x%" PRIx64, frames[i]);
      free(frames);
      goto out;
    }
  free(frames);
  qsort(pairs, n, 2 * sizeof *pairs, cmp_u64); /* by virtual address */

  /* Valid: build the process. */
  frame = malloc(NEBULA_PAGE);
  if (!frame) goto out;
  uint64_t top = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t va = pairs[2 * i], fa = pairs[2 * i + 1];
    if (pread(fd, frame, NEBULA_PAGE, (off_t)fa) != NEBULA_PAGE ||
        mem_map(&m->mem, va, NEBULA_PAGE, MEM_R | MEM_W | MEM_X, NULL) != 0 ||
        mem_poke(&m->mem, va, frame, NEBULA_PAGE) != 0) {
      snprintf(why, sizeof why, "cannot load the page at 0x%" PRIx64, va);
      goto out;
    }
    if (va + NEBULA_PAGE > top) top = va + NEBULA_PAGE;
  }
  /* Nebula hands out frames on first touch; give the stack room to grow
   * below the lowest mapped page of its region, as that is where a resumed
   * program touches new memory first. */
  uint64_t sp = x[2] & ~(uint64_t)(NEBULA_PAGE - 1), low = sp;
  while (low >= NEBULA_PAGE && mem_is_mapped(&m->mem, low - NEBULA_PAGE)) low -= NEBULA_PAGE;
  if (mem_is_mapped(&m->mem, sp) && low > LOADER_STACK_SIZE) {
    uint64_t from = low - LOADER_STACK_SIZE;
    while (from < low && !mem_range_free(&m->mem, from, low - from)) from += NEBULA_PAGE;
    if (from < low) mem_map(&m->mem, from, low - from, MEM_R | MEM_W, "[stack]");
  }
  m->cpu.pc = pc;
  m->cpu.icount = (uint64_t)json_integer_value(ic);
  memcpy(m->cpu.x, x, sizeof x);
  memcpy(m->cpu.f, f, sizeof f);
  /* The break: the end of the run of pages that starts at the lowest one
   * (the program image, then its heap), where a program that kept its
   * break in memory expects it. */
  uint64_t brk = n ? pairs[0] + NEBULA_PAGE : top;
  for (size_t i = 1; i < n && pairs[2 * i] == brk; i++) brk += NEBULA_PAGE;
  m->mem.brk_start = m->mem.brk = brk;
  m->mem.mmap_base = loader_low_layout.mmap_base;
  json_t *cmd = json_array_get(json_object_get(root, "cmdline"), 0);
  const char *cl = json_is_string(cmd) ? json_string_value(cmd) : "";
  m->owns_process_strings = true;
  m->argv = calloc(2, sizeof *m->argv);
  m->envp = calloc(1, sizeof *m->envp);
  if (!m->argv || !m->envp) goto out;
  size_t wl = strcspn(cl, " ");
  m->argv[0] = strndup(*cl ? cl : "nebula-snapshot", *cl ? wl : 15);
  m->exe_path = strdup(m->argv[0] ? m->argv[0] : "");
  m->argc = 1;
  if (note)
    fprintf(note,
            "amanatsu: note: %s is a Nebula snapshot; assumed: standard input, output and error "
            "are this process's; no other open files; every page readable, writable and "
            "executable; program break at 0x%" PRIx64 "; anonymous mmap from below 0x%" PRIx64
            "; fcsr 0%s; deterministic time from the retired count\n",
            path, brk, loader_low_layout.mmap_base, have_fp ? "" : "; FP registers 0 (not in the file)");
  r = 0;
out:
  if (r != 0) fail(err, errlen, "%s: %s", path, why[0] ? why : "out of memory");
  free(frame);
  free(pairs);
  json_decref(root);
  free(text);
  close(fd);
  return r;
}
