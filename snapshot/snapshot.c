/* Amanatsu's snapshot format: capture, validation, restore and listing.
 * See snapshot.h for the layout. */
#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "../interp/machine.h"

enum { SEC_CPU = 1, SEC_PROCESS, SEC_MAPS, SEC_PAGES, SEC_FILES, SEC_SHARED, SEC_SIGNALS, SEC_COUNT_ };
static const char *const sec_name[] = {"?",     "registers", "process",
                                       "memory map", "pages", "files",
                                       "shared mappings", "signal state"};
/* The first format version that has each section (SEC_SHARED came in 2,
 * SEC_SIGNALS in 3). */
static const uint32_t sec_since[] = {0, 1, 1, 1, 1, 1, 2, 3};

/* Descriptor kinds in the FILES section, and what an unreopenable one was. */
enum { FK_STD = 1, FK_FILE, FK_DIR, FK_UNREOPENABLE };
enum { FW_INVALID, FW_PIPE, FW_SOCKET, FW_DEVICE, FW_UNREADABLE, FW_COUNT };
static const char *const fw_name[FW_COUNT] = {"an invalid descriptor", "a pipe", "a socket",
                                              "a device", "a file that could not be read"};

#define HDR_SIZE 24u
#define SEC_HDR 24u
#define fail snap_fail

int snap_fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* ---- growable little-endian buffer ---- */

struct buf {
  uint8_t *p;
  size_t n, cap;
  bool oom;
};

static void put(struct buf *b, const void *src, size_t n) {
  if (b->oom) return;
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + n) cap *= 2;
    uint8_t *q = realloc(b->p, cap);
    if (!q) {
      b->oom = true;
      return;
    }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->n, src, n);
  b->n += n;
}
static void put_u32(struct buf *b, uint32_t v) { put(b, &v, 4); }
static void put_u64(struct buf *b, uint64_t v) { put(b, &v, 8); }
static void put_str(struct buf *b, const char *s) {
  uint32_t n = s ? (uint32_t)strlen(s) : UINT32_MAX; /* UINT32_MAX: no string */
  put_u32(b, n);
  if (s) put(b, s, n);
}

/* ---- bounds-checked reader ---- */

struct rd {
  const uint8_t *p;
  size_t n, off;
  bool bad;
};

static const void *get(struct rd *r, size_t n) {
  if (r->bad || n > r->n - r->off) {
    r->bad = true;
    return NULL;
  }
  const void *q = r->p + r->off;
  r->off += n;
  return q;
}
static uint32_t get_u32(struct rd *r) {
  const void *q = get(r, 4);
  uint32_t v = 0;
  if (q) memcpy(&v, q, 4);
  return v;
}
static uint64_t get_u64(struct rd *r) {
  const void *q = get(r, 8);
  uint64_t v = 0;
  if (q) memcpy(&v, q, 8);
  return v;
}
/* A new NUL-terminated copy, or NULL for "no string" (and on error). */
static char *get_str(struct rd *r) {
  uint32_t n = get_u32(r);
  if (r->bad || n == UINT32_MAX) return NULL;
  const char *q = get(r, n);
  if (!q) return NULL;
  if (memchr(q, 0, n)) {
    r->bad = true;
    return NULL;
  }
  char *s = malloc((size_t)n + 1);
  if (!s) {
    r->bad = true;
    return NULL;
  }
  memcpy(s, q, n);
  s[n] = 0;
  return s;
}

/* ---- files ---- */

int snap_filename(char *buf, size_t cap, const char *prefix, uint64_t count) {
  int n = snprintf(buf, cap, "%s.%015" PRIu64 ".snapshot", prefix, count);
  return n < 0 || (size_t)n >= cap ? -1 : 0;
}

int snap_atomic_begin(const char *path, char *tmp, size_t tmpcap, char *err, size_t errlen) {
  if (snprintf(tmp, tmpcap, "%s.tmp.XXXXXX", path) >= (int)tmpcap)
    return fail(err, errlen, "%s: path too long", path);
  int fd = mkstemp(tmp);
  if (fd < 0) return fail(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
  return fd;
}

void snap_atomic_abort(int fd, const char *tmp) {
  close(fd);
  unlink(tmp);
}

int snap_atomic_commit(int fd, const char *tmp, const char *path, char *err, size_t errlen) {
  if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
    int e = errno;
    snap_atomic_abort(fd, tmp);
    return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
  }
  if (close(fd) != 0 || rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
  }
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return 0;
}

static int write_all(int fd, const void *p, size_t n) {
  const uint8_t *q = p;
  while (n) {
    ssize_t w = write(fd, q, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    q += w;
    n -= (size_t)w;
  }
  return 0;
}

/* The file's bytes, mapped read-only (no copy: a 64 MiB snapshot restores
 * without reading it twice).  Release with snap_unmap_file. */
int snap_read_file(const char *path, uint8_t **data, size_t *size, char *err, size_t errlen) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(err, errlen, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return fail(err, errlen, "%s: not a regular file", path);
  }
  size_t n = (size_t)st.st_size;
  void *p = n ? mmap(NULL, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : NULL;
  close(fd);
  if (p == MAP_FAILED) return fail(err, errlen, "%s: cannot read: %s", path, strerror(errno));
  *data = p;
  *size = n;
  return 0;
}

void snap_unmap_file(uint8_t *data, size_t size) {
  if (data) munmap(data, size);
}

/* XXH3 of bytes [0, n) of a host file, read from its start. */
static int hash_prefix(int fd, uint64_t n, uint64_t *out) {
  /* A write-only descriptor cannot be read: hash through a read-only one
   * on the same file. */
  int fl = fcntl(fd, F_GETFL);
  if (n && fl >= 0 && (fl & O_ACCMODE) == O_WRONLY) {
    char self[40];
    snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    int rfd = open(self, O_RDONLY | O_CLOEXEC);
    if (rfd < 0) return -1;
    int r = hash_prefix(rfd, n, out);
    close(rfd);
    return r;
  }
  XXH3_state_t *st = XXH3_createState();
  if (!st) return -1;
  XXH3_64bits_reset(st);
  enum { CHUNK = 1 << 16 };
  uint8_t *chunk = malloc(CHUNK);
  if (!chunk) {
    XXH3_freeState(st);
    return -1;
  }
  uint64_t off = 0;
  while (off < n) {
    size_t want = n - off < CHUNK ? (size_t)(n - off) : CHUNK;
    ssize_t r = pread(fd, chunk, want, (off_t)off);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      XXH3_freeState(st);
      free(chunk);
      return -1;
    }
    XXH3_64bits_update(st, chunk, (size_t)r);
    off += (uint64_t)r;
  }
  *out = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  free(chunk);
  return 0;
}

/* ---- capture ---- */

static bool page_is_zero(const uint8_t *p) {
  static const uint8_t zero[MEM_PAGE];
  return memcmp(p, zero, MEM_PAGE) == 0;
}

static void sec_cpu(struct buf *b, const struct machine *m) {
  put_u64(b, m->cpu.pc);
  put_u64(b, m->cpu.icount);
  for (int i = 0; i < 32; i++) put_u64(b, m->cpu.x[i]);
  for (int i = 0; i < 32; i++) put_u64(b, m->cpu.f[i]);
  put_u32(b, m->cpu.fcsr);
  put_u32(b, 0);
  put_u64(b, m->cpu.resv);
}

static void sec_process(struct buf *b, const struct machine *m) {
  put_str(b, m->exe_path);
  put_str(b, m->exe_abs);
  put_u32(b, (uint32_t)m->argc);
  for (int i = 0; i < m->argc; i++) put_str(b, m->argv[i]);
  uint32_t envc = 0;
  while (m->envp && m->envp[envc]) envc++;
  put_u32(b, envc);
  for (uint32_t i = 0; i < envc; i++) put_str(b, m->envp[i]);
  char cwd[PATH_MAX];
  put_str(b, getcwd(cwd, sizeof cwd) ? cwd : NULL);
  put_u64(b, m->mem.brk_start);
  put_u64(b, m->mem.brk);
  put_u64(b, m->mem.mmap_base);
  put_u64(b, m->entry);
  put_u64(b, m->phdr);
  put_u64(b, m->phent);
  put_u64(b, m->phnum);
  for (int s = 0; s < 65; s++)
    for (int k = 0; k < 4; k++) put_u64(b, m->sigaction[s][k]);
  put_u64(b, m->sigmask);
  put_u64(b, m->sigpending);
  put_u64(b, m->sigpending_tkill);
  put_u64(b, m->sigtramp);
  put_u64(b, m->tid_address);
  put_u64(b, m->robust_list);
  put_u64(b, m->robust_len);
  put_u32(b, m->host_time ? 1 : 0);
  put_u32(b, 0);
  put_u64(b, m->time_base_ns);
  put_u64(b, m->time_sleep_ns);
  put_u64(b, m->rng_state);
  mode_t mask = umask(0); /* the guest's umask is this process's */
  umask(mask);
  put_u32(b, (uint32_t)mask);
}

/* What version 3 added to the signal state: the interval timers as time
 * left and period (restore re-arms them on the restored clocks), which
 * pending signals a timer sent, and the alternate signal stack. */
static void sec_signals(struct buf *b, const struct machine *m) {
  for (int t = 0; t < 3; t++) {
    put_u64(b, m->itimer_at[t] != 0);
    put_u64(b, sys_timer_left(m, t));
    put_u64(b, m->itimer_interval[t]);
  }
  put_u64(b, m->sigpending_kernel);
  put_u64(b, m->altstack_sp);
  put_u64(b, m->altstack_size);
  put_u32(b, m->altstack_flags);
}

static void sec_maps(struct buf *b, const struct machine *m) {
  put_u32(b, (uint32_t)m->mem.nvma);
  for (size_t i = 0; i < m->mem.nvma; i++) {
    const struct mem_vma *v = &m->mem.vma[i];
    put_u64(b, v->start);
    put_u64(b, v->end);
    put_u32(b, (uint32_t)v->prot);
    put_str(b, v->name);
  }
}

/* Pages that hold anything but zeros, in address order; identical pages are
 * stored once. */
struct uniq {
  uint64_t hash;
  const uint8_t *data;
  uint32_t index;
};

static int sec_pages(struct buf *b, const struct machine *m) {
  size_t cap = 1024, n = 0, nu = 0;
  uint64_t *addr = malloc(cap * sizeof *addr);
  uint32_t *idx = malloc(cap * sizeof *idx);
  /* open-addressing table from content hash to unique page */
  size_t tcap = 4096;
  struct uniq *tab = calloc(tcap, sizeof *tab);
  const uint8_t **uniq = malloc(cap * sizeof *uniq);
  uint64_t *uhash = malloc(cap * sizeof *uhash);
  if (!addr || !idx || !tab || !uniq || !uhash) goto oom;
  for (size_t v = 0; v < m->mem.nvma; v++) {
    for (uint64_t a = m->mem.vma[v].start; a < m->mem.vma[v].end; a += MEM_PAGE) {
      const struct mem_pte *p = mem_pte(&m->mem, a);
      if (!p || !p->host || page_is_zero(p->host)) continue;
      if (n == cap || nu == cap) {
        cap *= 2;
        uint64_t *a2 = realloc(addr, cap * sizeof *addr);
        if (a2) addr = a2;
        uint32_t *i2 = realloc(idx, cap * sizeof *idx);
        if (i2) idx = i2;
        const uint8_t **u2 = realloc(uniq, cap * sizeof *uniq);
        if (u2) uniq = u2;
        uint64_t *h2 = realloc(uhash, cap * sizeof *uhash);
        if (h2) uhash = h2;
        if (!a2 || !i2 || !u2 || !h2) goto oom;
      }
      if (nu * 2 >= tcap) { /* grow the hash table */
        size_t ncap = tcap * 2;
        struct uniq *nt = calloc(ncap, sizeof *nt);
        if (!nt) goto oom;
        for (size_t k = 0; k < tcap; k++)
          if (tab[k].data) {
            size_t j = tab[k].hash & (ncap - 1);
            while (nt[j].data) j = (j + 1) & (ncap - 1);
            nt[j] = tab[k];
          }
        free(tab);
        tab = nt;
        tcap = ncap;
      }
      uint64_t h = XXH3_64bits(p->host, MEM_PAGE);
      size_t j = h & (tcap - 1);
      while (tab[j].data && !(tab[j].hash == h && !memcmp(tab[j].data, p->host, MEM_PAGE)))
        j = (j + 1) & (tcap - 1);
      if (!tab[j].data) {
        tab[j] = (struct uniq){h, p->host, (uint32_t)nu};
        uniq[nu] = p->host;
        uhash[nu] = h;
        nu++;
      }
      addr[n] = a;
      idx[n] = tab[j].index;
      n++;
    }
  }
  put_u64(b, n);
  put_u64(b, nu);
  for (size_t i = 0; i < n; i++) {
    put_u64(b, addr[i]);
    put_u32(b, idx[i]);
  }
  for (size_t i = 0; i < nu; i++) {
    put_u64(b, uhash[i]);
    put(b, uniq[i], MEM_PAGE);
  }
  free(addr), free(idx), free(tab), free(uniq), free(uhash);
  return 0;
oom:
  free(addr), free(idx), free(tab), free(uniq), free(uhash);
  return -1;
}

/* Which of the host's standard streams a descriptor is, or -1. */
static int std_stream(int host) {
  struct stat a, b;
  if (host >= 0 && host <= 2) return host;
  if (fstat(host, &a) != 0) return -1;
  for (int s = 0; s < 3; s++)
    if (fstat(s, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_rdev == b.st_rdev &&
        (S_ISCHR(a.st_mode) || S_ISFIFO(a.st_mode) || S_ISSOCK(a.st_mode) || host == s))
      return s;
  return -1;
}

static int sec_files(struct buf *b, const struct machine *m, FILE *warn) {
  uint32_t n = 0;
  for (int fd = 0; fd < m->fds.cap; fd++) n += m->fds.e[fd].used;
  put_u32(b, n);
  for (int fd = 0; fd < m->fds.cap; fd++) {
    const struct fd_entry *e = &m->fds.e[fd];
    if (!e->used) continue;
    struct stat st;
    int kind = FK_UNREOPENABLE, which = -1;
    uint64_t off = 0, size = 0, hash = 0;
    bool ok = fstat(e->host, &st) == 0;
    if (ok && e->path && S_ISREG(st.st_mode)) {
      off_t o = lseek(e->host, 0, SEEK_CUR);
      kind = FK_FILE;
      off = o < 0 ? 0 : (uint64_t)o;
      size = (uint64_t)st.st_size;
      /* what the program wrote so far; all of a file it only reads (the
       * part it has yet to read decides the rest of the run too) */
      uint64_t upto = (e->flags & O_ACCMODE) == O_RDONLY ? size : off < size ? off : size;
      if (hash_prefix(e->host, upto, &hash) != 0) kind = FK_UNREOPENABLE;
    } else if (ok && e->path && S_ISDIR(st.st_mode)) {
      kind = FK_DIR;
      off_t o = lseek(e->host, 0, SEEK_CUR); /* where a listing in progress is */
      off = o < 0 ? 0 : (uint64_t)o;
    } else if ((which = std_stream(e->host)) >= 0) {
      kind = FK_STD;
    }
    int what = 0;
    if (kind == FK_UNREOPENABLE) {
      what = !ok ? FW_INVALID : S_ISFIFO(st.st_mode) ? FW_PIPE : S_ISSOCK(st.st_mode) ? FW_SOCKET
           : S_ISREG(st.st_mode) ? FW_UNREADABLE : FW_DEVICE;
      if (warn)
        fprintf(warn,
                "amanatsu: warning: guest descriptor %d (%s%s%s) cannot be reopened on restore; "
                "the snapshot records it as such\n",
                fd, fw_name[what], e->path ? " " : "", e->path ? e->path : "");
    }
    put_u32(b, (uint32_t)fd);
    put_u32(b, (uint32_t)kind);
    put_u32(b, (uint32_t)e->flags);
    put_u32(b, (uint32_t)(e->cloexec ? 1 : 0) | (uint32_t)(which >= 0 ? which : 0) << 8 |
                   (uint32_t)what << 16);
    put_str(b, e->path);
    put_u64(b, off);
    put_u64(b, size);
    put_u64(b, hash);
  }
  return 0;
}

/* Shared file mappings: runs of guest pages that are consecutive pages of
 * one file, as (start, pages, file offset, path).  Their bytes are in the
 * pages section like any other; a restore maps the file again and writes
 * them back into it. */
struct shared_run {
  uint64_t start, pages, off;
  const char *path;
};

static void put_run(struct buf *b, const struct shared_run *r) {
  put_u64(b, r->start);
  put_u64(b, r->pages);
  put_u64(b, r->off);
  put_str(b, r->path);
}

static void sec_shared(struct buf *b, const struct machine *m, FILE *warn) {
  if (m->mem.nfmap == 0) { /* no PTE_EXTERN page: skip the walk over every page */
    put_u32(b, 0);
    return;
  }
  struct shared_run cur = {0, 0, 0, NULL};
  const struct mem_filemap *unnamed = NULL; /* the last one warned about */
  struct buf runs = {0};
  uint32_t n = 0;
  for (size_t v = 0; v < m->mem.nvma; v++) {
    for (uint64_t a = m->mem.vma[v].start; a < m->mem.vma[v].end; a += MEM_PAGE) {
      const struct mem_pte *p = mem_pte(&m->mem, a);
      if (!p || !p->host || !(p->flags & PTE_EXTERN)) continue;
      const struct mem_filemap *f = mem_filemap_of(&m->mem, p->host);
      if (!f || !f->path) {
        if (warn && f != unnamed)
          fprintf(warn,
                  "amanatsu: warning: the shared file mapping at 0x%" PRIx64
                  " is of a file whose path is unknown: it is saved as a private copy\n",
                  a);
        unnamed = f;
        continue;
      }
      uint64_t off = f->off + (uint64_t)(p->host - f->host);
      if (cur.pages && a == cur.start + cur.pages * MEM_PAGE &&
          off == cur.off + cur.pages * MEM_PAGE && !strcmp(f->path, cur.path)) {
        cur.pages++;
        continue;
      }
      if (cur.pages) put_run(&runs, &cur), n++;
      cur = (struct shared_run){a, 1, off, f->path};
    }
  }
  if (cur.pages) put_run(&runs, &cur), n++;
  put_u32(b, n);
  if (runs.oom) b->oom = true;
  else if (runs.n) put(b, runs.p, runs.n);
  free(runs.p);
}

/* Registers, the memory map and every non-zero page with its address,
 * hashed as they are walked: nothing is copied, whatever the guest's size. */
uint64_t snap_digest(const struct machine *m) {
  struct buf b = {0};
  sec_cpu(&b, m);
  sec_maps(&b, m);
  XXH3_state_t *st = XXH3_createState();
  uint64_t h = 0;
  if (st && !b.oom && XXH3_64bits_reset(st) == XXH_OK &&
      XXH3_64bits_update(st, b.p, b.n) == XXH_OK) {
    for (size_t v = 0; v < m->mem.nvma; v++)
      for (uint64_t a = m->mem.vma[v].start; a < m->mem.vma[v].end; a += MEM_PAGE) {
        const struct mem_pte *p = mem_pte(&m->mem, a);
        if (!p || !p->host || page_is_zero(p->host)) continue;
        XXH3_64bits_update(st, &a, sizeof a);
        XXH3_64bits_update(st, p->host, MEM_PAGE);
      }
    h = XXH3_64bits_digest(st);
  }
  XXH3_freeState(st);
  free(b.p);
  return h;
}

int snap_save(const struct machine *m, const char *path, FILE *warn, char *err, size_t errlen) {
  struct buf sec[SEC_COUNT_] = {{0}};
  sec_cpu(&sec[SEC_CPU], m);
  sec_process(&sec[SEC_PROCESS], m);
  sec_maps(&sec[SEC_MAPS], m);
  int r = sec_pages(&sec[SEC_PAGES], m);
  if (r == 0) r = sec_files(&sec[SEC_FILES], m, warn);
  sec_shared(&sec[SEC_SHARED], m, warn);
  sec_signals(&sec[SEC_SIGNALS], m);
  for (int s = 1; s < SEC_COUNT_; s++) r |= sec[s].oom ? -1 : 0;
  if (r != 0) {
    for (int s = 1; s < SEC_COUNT_; s++) free(sec[s].p);
    return fail(err, errlen, "out of memory building the snapshot");
  }
  char tmp[PATH_MAX + 16];
  int fd = snap_atomic_begin(path, tmp, sizeof tmp, err, errlen);
  if (fd < 0) {
    for (int s = 1; s < SEC_COUNT_; s++) free(sec[s].p);
    return -1;
  }
  uint8_t hdr[HDR_SIZE];
  memcpy(hdr, SNAP_MAGIC, 8);
  uint32_t ver = SNAP_VERSION, nsec = SEC_COUNT_ - 1;
  memcpy(hdr + 8, &ver, 4);
  memcpy(hdr + 12, &nsec, 4);
  uint64_t hh = XXH3_64bits(hdr, 16);
  memcpy(hdr + 16, &hh, 8);
  bool ok = write_all(fd, hdr, sizeof hdr) == 0;
  for (uint32_t s = 1; ok && s < SEC_COUNT_; s++) {
    uint8_t sh[SEC_HDR];
    uint32_t zero = 0;
    uint64_t len = sec[s].n, h = XXH3_64bits(sec[s].p, sec[s].n);
    memcpy(sh, &s, 4);
    memcpy(sh + 4, &zero, 4);
    memcpy(sh + 8, &len, 8);
    memcpy(sh + 16, &h, 8);
    ok = write_all(fd, sh, sizeof sh) == 0 && write_all(fd, sec[s].p, sec[s].n) == 0;
  }
  int e = errno;
  for (int s = 1; s < SEC_COUNT_; s++) free(sec[s].p);
  if (!ok) {
    snap_atomic_abort(fd, tmp);
    return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
  }
  return snap_atomic_commit(fd, tmp, path, err, errlen);
}

/* ---- validation and parsing ---- */

struct snap_file {
  int fd, kind, flags, cloexec, which, what;
  char *path;
  uint64_t off, size, hash;
};

struct snap_shared {
  uint64_t start, pages, off;
  char *path;
};

struct snap {
  uint32_t version;
  /* cpu */
  uint64_t pc, icount, x[32], f[32], resv;
  uint32_t fcsr;
  /* process */
  char *exe_path, *exe_abs, *cwd;
  uint32_t argc, envc;
  char **argv, **envp;
  uint64_t brk_start, brk, mmap_base, entry, phdr, phent, phnum;
  uint64_t sigaction[65][4], sigmask, sigpending, sigpending_tkill, sigtramp;
  /* timers (version 3) */
  uint64_t timer_armed[3], timer_left[3], timer_interval[3], sigpending_kernel;
  uint64_t altstack_sp, altstack_size;
  uint32_t altstack_flags;
  uint64_t tid_address, robust_list, robust_len;
  uint32_t host_time;
  uint64_t time_base_ns, time_sleep_ns, rng_state;
  uint32_t umask;
  /* maps */
  uint32_t nvma;
  struct mem_vma *vma;
  /* pages (pointing into the file's bytes) */
  uint64_t npages, nuniq;
  const uint8_t *page_tab, *uniq;
  /* files */
  uint32_t nfiles;
  struct snap_file *files;
  /* shared file mappings */
  uint32_t nshared;
  struct snap_shared *shared;
};

static void snap_free(struct snap *s) {
  free(s->exe_path), free(s->exe_abs), free(s->cwd);
  for (uint32_t i = 0; s->argv && i < s->argc; i++) free(s->argv[i]);
  for (uint32_t i = 0; s->envp && i < s->envc; i++) free(s->envp[i]);
  free(s->argv), free(s->envp);
  for (uint32_t i = 0; s->vma && i < s->nvma; i++) free(s->vma[i].name);
  free(s->vma);
  for (uint32_t i = 0; s->files && i < s->nfiles; i++) free(s->files[i].path);
  free(s->files);
  for (uint32_t i = 0; s->shared && i < s->nshared; i++) free(s->shared[i].path);
  free(s->shared);
  memset(s, 0, sizeof *s);
}

static int parse_strings(struct rd *r, uint32_t n, char ***out) {
  if (n > r->n) return -1; /* each string takes at least 4 bytes */
  char **v = calloc((size_t)n + 1, sizeof *v);
  if (!v) return -1;
  *out = v;
  for (uint32_t i = 0; i < n; i++)
    if (!(v[i] = get_str(r))) return -1;
  return 0;
}

/* Check everything in a file of our format and fill s.  Nothing is applied. */
static int snap_parse(const uint8_t *d, size_t size, struct snap *s, char *err, size_t errlen) {
  memset(s, 0, sizeof *s);
  if (size < HDR_SIZE) return fail(err, errlen, "truncated: %zu bytes, shorter than the header", size);
  if (memcmp(d, SNAP_MAGIC, 8) != 0) return fail(err, errlen, "not an Amanatsu snapshot (bad magic)");
  uint64_t hh;
  memcpy(&hh, d + 16, 8);
  if (XXH3_64bits(d, 16) != hh) return fail(err, errlen, "corrupted header (checksum mismatch)");
  memcpy(&s->version, d + 8, 4);
  if (s->version > SNAP_VERSION)
    return fail(err, errlen, "format version %u is newer than this Amanatsu reads (up to %u)",
                s->version, SNAP_VERSION);
  if (s->version == 0) return fail(err, errlen, "invalid format version 0");
  uint32_t nsec;
  memcpy(&nsec, d + 12, 4);
  const uint8_t *sp[SEC_COUNT_] = {0};
  size_t sl[SEC_COUNT_] = {0};
  size_t off = HDR_SIZE;
  for (uint32_t i = 0; i < nsec; i++) {
    if (size - off < SEC_HDR) return fail(err, errlen, "truncated in section header %u of %u", i + 1, nsec);
    uint32_t type, zero;
    uint64_t len, h;
    memcpy(&type, d + off, 4);
    memcpy(&zero, d + off + 4, 4);
    memcpy(&len, d + off + 8, 8);
    memcpy(&h, d + off + 16, 8);
    off += SEC_HDR;
    if (type == 0 || type >= SEC_COUNT_ || sec_since[type] > s->version)
      return fail(err, errlen, "unknown section type %u in a version %u file", type, s->version);
    if (zero != 0)
      return fail(err, errlen, "corrupted header of the %s section (reserved field not zero)",
                  sec_name[type]);
    if (len > size - off)
      return fail(err, errlen, "truncated in the %s section (%" PRIu64 " bytes announced, %zu present)",
                  sec_name[type], len, size - off);
    if (XXH3_64bits(d + off, (size_t)len) != h)
      return fail(err, errlen, "corrupted %s section (checksum mismatch)", sec_name[type]);
    if (sp[type]) return fail(err, errlen, "duplicate %s section", sec_name[type]);
    sp[type] = d + off;
    sl[type] = (size_t)len;
    off += (size_t)len;
  }
  if (off != size) return fail(err, errlen, "%zu unexpected bytes after the last section", size - off);
  for (int t = 1; t < SEC_COUNT_; t++)
    if (!sp[t] && sec_since[t] <= s->version)
      return fail(err, errlen, "the %s section is missing", sec_name[t]);

  struct rd r = {sp[SEC_CPU], sl[SEC_CPU], 0, false};
  s->pc = get_u64(&r);
  s->icount = get_u64(&r);
  for (int i = 0; i < 32; i++) s->x[i] = get_u64(&r);
  for (int i = 0; i < 32; i++) s->f[i] = get_u64(&r);
  s->fcsr = get_u32(&r);
  get_u32(&r);
  s->resv = get_u64(&r);
  if (r.bad || r.off != r.n || s->x[0] != 0 || s->fcsr > 0xff)
    return fail(err, errlen, "inconsistent registers section");

  r = (struct rd){sp[SEC_PROCESS], sl[SEC_PROCESS], 0, false};
  s->exe_path = get_str(&r);
  s->exe_abs = get_str(&r);
  s->argc = get_u32(&r);
  if (r.bad || !s->exe_path || s->argc == 0 || parse_strings(&r, s->argc, &s->argv) != 0)
    return fail(err, errlen, "inconsistent process section (program and arguments)");
  s->envc = get_u32(&r);
  if (r.bad || parse_strings(&r, s->envc, &s->envp) != 0)
    return fail(err, errlen, "inconsistent process section (environment)");
  s->cwd = get_str(&r);
  s->brk_start = get_u64(&r);
  s->brk = get_u64(&r);
  s->mmap_base = get_u64(&r);
  s->entry = get_u64(&r);
  s->phdr = get_u64(&r);
  s->phent = get_u64(&r);
  s->phnum = get_u64(&r);
  for (int i = 0; i < 65; i++)
    for (int k = 0; k < 4; k++) s->sigaction[i][k] = get_u64(&r);
  s->sigmask = get_u64(&r);
  s->sigpending = get_u64(&r);
  s->sigpending_tkill = get_u64(&r);
  s->sigtramp = get_u64(&r);
  s->tid_address = get_u64(&r);
  s->robust_list = get_u64(&r);
  s->robust_len = get_u64(&r);
  s->host_time = get_u32(&r);
  get_u32(&r);
  s->time_base_ns = get_u64(&r);
  s->time_sleep_ns = get_u64(&r);
  s->rng_state = get_u64(&r);
  s->umask = get_u32(&r);
  if (r.bad || s->umask > 0777 || r.off != r.n || s->brk < s->brk_start || s->host_time > 1)
    return fail(err, errlen, "inconsistent process section");

  if (sp[SEC_SIGNALS]) {
    r = (struct rd){sp[SEC_SIGNALS], sl[SEC_SIGNALS], 0, false};
    bool ok = true;
    for (int t = 0; t < 3; t++) {
      s->timer_armed[t] = get_u64(&r);
      s->timer_left[t] = get_u64(&r);
      s->timer_interval[t] = get_u64(&r);
      ok = ok && s->timer_armed[t] <= 1 && (s->timer_armed[t] || !s->timer_left[t]);
    }
    s->sigpending_kernel = get_u64(&r);
    s->altstack_sp = get_u64(&r);
    s->altstack_size = get_u64(&r);
    s->altstack_flags = get_u32(&r);
    ok = ok && sys_altstack_valid(s->altstack_sp, s->altstack_size, s->altstack_flags);
    if (r.bad || !ok || r.off != r.n || (s->sigpending_kernel & ~s->sigpending))
      return fail(err, errlen, "inconsistent signal state section");
  } else {
    s->altstack_flags = RV_SS_DISABLE;
  }

  r = (struct rd){sp[SEC_MAPS], sl[SEC_MAPS], 0, false};
  s->nvma = get_u32(&r);
  if (r.bad || s->nvma > r.n / 24 || s->nvma > MEM_MAX_VMAS)
    return fail(err, errlen, "inconsistent memory map section");
  s->vma = calloc(s->nvma ? s->nvma : 1, sizeof *s->vma);
  if (!s->vma) return fail(err, errlen, "out of memory");
  uint64_t prev_end = 0, total = 0;
  for (uint32_t i = 0; i < s->nvma; i++) {
    struct mem_vma *v = &s->vma[i];
    v->start = get_u64(&r);
    v->end = get_u64(&r);
    v->prot = (int)get_u32(&r);
    v->name = get_str(&r);
    if (r.bad || v->start % MEM_PAGE || v->end % MEM_PAGE || v->end <= v->start ||
        v->end > MEM_VA_LIMIT || v->start < prev_end || (v->prot & ~7))
      return fail(err, errlen, "inconsistent memory map section (mapping %u)", i);
    prev_end = v->end;
    total += v->end - v->start;
    if (total > MEM_MAP_LIMIT)
      return fail(err, errlen, "the memory map section maps more than %llu GiB",
                  (unsigned long long)(MEM_MAP_LIMIT >> 30));
  }
  if (r.off != r.n) return fail(err, errlen, "inconsistent memory map section");

  r = (struct rd){sp[SEC_PAGES], sl[SEC_PAGES], 0, false};
  s->npages = get_u64(&r);
  s->nuniq = get_u64(&r);
  if (r.bad || s->npages > r.n / 12 || s->nuniq > r.n / (8 + MEM_PAGE))
    return fail(err, errlen, "inconsistent pages section");
  s->page_tab = get(&r, (size_t)s->npages * 12);
  s->uniq = get(&r, (size_t)s->nuniq * (8 + MEM_PAGE));
  if (r.bad || r.off != r.n) return fail(err, errlen, "inconsistent pages section (size)");
  uint32_t vi = 0;
  for (uint64_t i = 0; i < s->npages; i++) {
    uint64_t a;
    uint32_t ix;
    memcpy(&a, s->page_tab + i * 12, 8);
    memcpy(&ix, s->page_tab + i * 12 + 8, 4);
    while (vi < s->nvma && s->vma[vi].end <= a) vi++;
    if (ix >= s->nuniq || a % MEM_PAGE || vi == s->nvma || a < s->vma[vi].start)
      return fail(err, errlen, "inconsistent pages section (page %" PRIu64 " at 0x%" PRIx64 ")", i, a);
  }
  for (uint64_t i = 0; i < s->nuniq; i++) {
    const uint8_t *u = s->uniq + i * (8 + MEM_PAGE);
    uint64_t h;
    memcpy(&h, u, 8);
    if (XXH3_64bits(u + 8, MEM_PAGE) != h)
      return fail(err, errlen, "corrupted page %" PRIu64 " (checksum mismatch)", i);
  }

  r = (struct rd){sp[SEC_FILES], sl[SEC_FILES], 0, false};
  s->nfiles = get_u32(&r);
  if (r.bad || s->nfiles > r.n / 40) return fail(err, errlen, "inconsistent files section");
  s->files = calloc(s->nfiles ? s->nfiles : 1, sizeof *s->files);
  if (!s->files) return fail(err, errlen, "out of memory");
  for (uint32_t i = 0; i < s->nfiles; i++) {
    struct snap_file *f = &s->files[i];
    f->fd = (int)get_u32(&r);
    f->kind = (int)get_u32(&r);
    f->flags = (int)get_u32(&r);
    uint32_t bits = get_u32(&r);
    f->cloexec = bits & 1;
    f->which = (int)((bits >> 8) & 0xff);
    f->what = (int)(bits >> 16);
    f->path = get_str(&r);
    f->off = get_u64(&r);
    f->size = get_u64(&r);
    f->hash = get_u64(&r);
    if (r.bad || f->fd < 0 || f->fd > 1 << 20 || f->kind < FK_STD || f->kind > FK_UNREOPENABLE ||
        ((f->kind == FK_FILE || f->kind == FK_DIR) && (!f->path || f->path[0] != '/')) ||
        f->which > 2 ||
        f->what >= FW_COUNT || (bits & 0xfe) ||
        (i && f->fd <= s->files[i - 1].fd))
      return fail(err, errlen, "inconsistent files section (entry %u)", i);
  }
  if (r.off != r.n) return fail(err, errlen, "inconsistent files section");

  if (!sp[SEC_SHARED]) return 0; /* a version 1 file */
  r = (struct rd){sp[SEC_SHARED], sl[SEC_SHARED], 0, false};
  s->nshared = get_u32(&r);
  if (r.bad || s->nshared > r.n / 28) return fail(err, errlen, "inconsistent shared mappings section");
  s->shared = calloc(s->nshared ? s->nshared : 1, sizeof *s->shared);
  if (!s->shared) return fail(err, errlen, "out of memory");
  uint64_t prev = 0;
  vi = 0;
  for (uint32_t i = 0; i < s->nshared; i++) {
    struct snap_shared *h = &s->shared[i];
    h->start = get_u64(&r);
    h->pages = get_u64(&r);
    h->off = get_u64(&r);
    h->path = get_str(&r);
    bool ok = !r.bad && h->path && h->path[0] == '/' && h->start % MEM_PAGE == 0 &&
              h->start >= prev && h->pages && h->pages <= MEM_VA_LIMIT / MEM_PAGE &&
              h->start + h->pages * MEM_PAGE <= MEM_VA_LIMIT && h->off % MEM_PAGE == 0 &&
              h->off <= INT64_MAX - h->pages * MEM_PAGE;
    /* every page inside the memory map */
    uint64_t a = h->start, end = ok ? h->start + h->pages * MEM_PAGE : 0;
    while (ok && a < end) {
      while (vi < s->nvma && s->vma[vi].end <= a) vi++;
      ok = vi < s->nvma && s->vma[vi].start <= a;
      if (ok) a = s->vma[vi].end;
    }
    if (!ok) return fail(err, errlen, "inconsistent shared mappings section (entry %u)", i);
    prev = end;
  }
  if (r.off != r.n) return fail(err, errlen, "inconsistent shared mappings section");
  return 0;
}

/* ---- restore ---- */

/* Reopen one regular file as the guest had it, checking that what the guest
 * already wrote, or all of a file it only reads, is still there.  Nothing is
 * changed on the host (apply() truncates written files once everything has
 * been checked).  Host descriptor or -1. */
static int reopen_file(const struct snap_file *f, char *err, size_t errlen) {
  int acc = f->flags & O_ACCMODE;
  /* O_NONBLOCK until it is known to be a regular file: a FIFO put in its
   * place must not hang the restore */
  int flags = (f->flags & ~(O_CREAT | O_EXCL | O_TRUNC)) | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  int fd = open(f->path, flags);
  if (fd < 0) {
    fail(err, errlen, "guest descriptor %d: cannot reopen %s: %s", f->fd, f->path, strerror(errno));
    return -1;
  }
  struct stat st;
  uint64_t h = 0, upto = acc == O_RDONLY ? f->size : f->off < f->size ? f->off : f->size;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    fail(err, errlen, "guest descriptor %d: %s is no longer a regular file", f->fd, f->path);
    goto bad;
  }
  if (acc == O_RDONLY && (uint64_t)st.st_size != f->size) {
    fail(err, errlen,
         "guest descriptor %d: %s changed since the snapshot (size %" PRIu64 ", was %" PRIu64 ")",
         f->fd, f->path, (uint64_t)st.st_size, f->size);
    goto bad;
  }
  if ((uint64_t)st.st_size < upto || hash_prefix(fd, upto, &h) != 0 || h != f->hash) {
    if (acc == O_RDONLY)
      fail(err, errlen, "guest descriptor %d: %s changed since the snapshot (its contents differ)",
           f->fd, f->path);
    else
      fail(err, errlen,
           "guest descriptor %d: %s changed since the snapshot (its first %" PRIu64
           " bytes, which the program had already written, differ)",
           f->fd, f->path, upto);
    goto bad;
  }
  if (lseek(fd, (off_t)f->off, SEEK_SET) < 0 ||
      (!(f->flags & O_NONBLOCK) && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)) {
    fail(err, errlen, "guest descriptor %d: cannot seek in %s", f->fd, f->path);
    goto bad;
  }
  return fd;
bad:
  close(fd);
  return -1;
}

static void unmap_shared(const struct snap *s, uint8_t **hosts) {
  for (uint32_t i = 0; i < s->nshared; i++)
    if (hosts[i]) munmap(hosts[i], s->shared[i].pages * MEM_PAGE);
}

/* Map the file of each shared file mapping again, into hosts[i].  Nothing
 * changes yet, on the host or in the machine: the bytes captured are written
 * into the file when the pages are attached (mem_attach_host). */
static int map_shared(const struct snap *s, uint8_t **hosts, char *err, size_t errlen) {
  for (uint32_t i = 0; i < s->nshared; i++) {
    const struct snap_shared *h = &s->shared[i];
    uint64_t len = h->pages * MEM_PAGE;
    struct stat st;
    void *p = MAP_FAILED;
    int fd = open(h->path, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
      fail(err, errlen, "the shared file mapping at 0x%" PRIx64 ": cannot reopen %s: %s", h->start,
           h->path, strerror(errno));
    else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
      fail(err, errlen, "the shared file mapping at 0x%" PRIx64 ": %s is no longer a regular file",
           h->start, h->path);
    else if ((uint64_t)st.st_size <= h->off + len - MEM_PAGE)
      fail(err, errlen,
           "the shared file mapping at 0x%" PRIx64 ": %s changed since the snapshot (%" PRIu64
           " bytes, shorter than the %" PRIu64 " the mapping reached)",
           h->start, h->path, (uint64_t)st.st_size, h->off + len - MEM_PAGE + 1);
    else if ((p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)h->off)) ==
             MAP_FAILED)
      fail(err, errlen, "the shared file mapping at 0x%" PRIx64 ": cannot map %s: %s", h->start,
           h->path, strerror(errno));
    if (fd >= 0) close(fd);
    if (p == MAP_FAILED) return -1; /* the caller unmaps those done */
    hosts[i] = p;
  }
  return 0;
}

/* A written file is cut back to its size at capture (apply): refuse a
 * snapshot where that would leave a shared mapping of the same file
 * reaching past its end (a consistent one cannot: both were true at once). */
static int check_cut_back(const struct snap *s, char *err, size_t errlen) {
  for (uint32_t i = 0; i < s->nshared; i++) {
    const struct snap_shared *h = &s->shared[i];
    struct stat a, b;
    if (stat(h->path, &a) != 0) continue; /* (map_shared has just mapped it) */
    for (uint32_t k = 0; k < s->nfiles; k++) {
      const struct snap_file *f = &s->files[k];
      if (f->kind != FK_FILE || (f->flags & O_ACCMODE) == O_RDONLY || stat(f->path, &b) != 0 ||
          a.st_dev != b.st_dev || a.st_ino != b.st_ino)
        continue;
      if (f->size <= h->off + (h->pages - 1) * MEM_PAGE)
        return fail(err, errlen,
                    "inconsistent snapshot: guest descriptor %d would cut %s to %" PRIu64
                    " bytes, below the shared file mapping at 0x%" PRIx64,
                    f->fd, f->path, f->size, h->start);
    }
  }
  return 0;
}

static int apply(struct machine *m, struct snap *s, char *err, size_t errlen) {
  /* Files first: they can still fail because of the host, and nothing of the
   * machine has changed yet.  Until the descriptor table takes them, the
   * host descriptors opened so far (host[0..opened)) are closed on failure;
   * the shared file mappings not yet attached are unmapped. */
  int rc = -1;
  uint32_t opened = 0;
  int *host = calloc(s->nfiles ? s->nfiles : 1, sizeof *host);
  uint8_t **shared = calloc(s->nshared ? s->nshared : 1, sizeof *shared);
  if (!host || !shared) {
    fail(err, errlen, "out of memory");
    goto out;
  }
  int limit = fd_limit();
  for (; opened < s->nfiles; opened++) {
    struct snap_file *f = &s->files[opened];
    int h = -1;
    if (f->fd >= limit) {
      fail(err, errlen,
           "guest descriptor %d is beyond this process's limit of %d open files (ulimit -n)",
           f->fd, limit);
    } else if (f->kind == FK_FILE) {
      h = reopen_file(f, err, errlen);
    } else if (f->kind == FK_DIR) {
      h = open(f->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (h < 0) {
        fail(err, errlen, "guest descriptor %d: cannot reopen folder %s", f->fd, f->path);
      } else if (f->off && lseek(h, (off_t)f->off, SEEK_SET) < 0) {
        fail(err, errlen, "guest descriptor %d: cannot return to where the listing of %s was",
             f->fd, f->path);
        close(h);
        h = -1;
      }
    } else if (f->kind == FK_STD) {
      h = f->fd == f->which ? f->which : fcntl(f->which, F_DUPFD_CLOEXEC, 3);
      if (h < 0)
        fail(err, errlen, "guest descriptor %d: standard %s is not open here", f->fd,
             f->which == 0 ? "input" : f->which == 1 ? "output" : "error");
    } else {
      fail(err, errlen,
           "guest descriptor %d was %s, which a snapshot cannot hold: this snapshot cannot be "
           "resumed",
           f->fd, fw_name[f->what]);
    }
    if (h < 0) goto out;
    host[opened] = h;
  }
  if (map_shared(s, shared, err, errlen) != 0 || check_cut_back(s, err, errlen) != 0) goto out;
  if (s->cwd && chdir(s->cwd) != 0) {
    fail(err, errlen, "cannot enter the snapshot's working directory %s: %s", s->cwd,
         strerror(errno));
    goto out;
  }
  /* A file the program writes is put back to its size at capture: what it
   * held beyond that was written later by the run being resumed. */
  for (uint32_t i = 0; i < s->nfiles; i++) {
    struct snap_file *f = &s->files[i];
    struct stat st;
    if (f->kind != FK_FILE || (f->flags & O_ACCMODE) == O_RDONLY) continue;
    if (fstat(host[i], &st) != 0 ||
        ((uint64_t)st.st_size != f->size && ftruncate(host[i], (off_t)f->size) != 0)) {
      fail(err, errlen, "guest descriptor %d: cannot restore the size of %s: %s", f->fd, f->path,
           strerror(errno));
      goto out;
    }
  }

  /* the descriptor table: exactly the recorded entries (it owns them now) */
  for (int fd = 0; fd < m->fds.cap; fd++)
    if (m->fds.e[fd].used) {
      free(m->fds.e[fd].path);
      memset(&m->fds.e[fd], 0, sizeof m->fds.e[fd]);
    }
  opened = 0;
  for (uint32_t i = 0; i < s->nfiles; i++) {
    struct snap_file *f = &s->files[i];
    int g = fd_alloc(&m->fds, f->fd, host[i], f->flags, f->path);
    if (g != f->fd) {
      fail(err, errlen, "cannot restore guest descriptor %d", f->fd);
      goto out;
    }
    fd_get(&m->fds, g)->cloexec = f->cloexec;
  }

  for (uint32_t i = 0; i < s->nvma; i++) {
    struct mem_vma *v = &s->vma[i];
    if (mem_map(&m->mem, v->start, v->end - v->start, v->prot, v->name) < 0) {
      fail(err, errlen, "out of memory mapping 0x%" PRIx64, v->start);
      goto out;
    }
  }
  for (uint64_t i = 0; i < s->npages; i++) {
    uint64_t a;
    uint32_t ix;
    memcpy(&a, s->page_tab + i * 12, 8);
    memcpy(&ix, s->page_tab + i * 12 + 8, 4);
    if (mem_poke(&m->mem, a, s->uniq + (size_t)ix * (8 + MEM_PAGE) + 8, MEM_PAGE) != 0) {
      fail(err, errlen, "out of memory filling 0x%" PRIx64, a);
      goto out;
    }
  }
  /* The shared pages hold their captured bytes: they become the file's. */
  for (uint32_t i = 0; i < s->nshared; i++) {
    struct snap_shared *h = &s->shared[i];
    if (mem_attach_host(&m->mem, h->start, h->pages * MEM_PAGE, shared[i], h->path, h->off) != 0) {
      fail(err, errlen, "out of memory attaching the shared file mapping at 0x%" PRIx64, h->start);
      goto out;
    }
    shared[i] = NULL; /* the machine's now */
  }
  rc = 0;
out:
  for (uint32_t k = 0; k < opened; k++)
    if (host[k] > 2) close(host[k]);
  if (shared) unmap_shared(s, shared);
  free(host);
  free(shared);
  if (rc) return rc;

  m->mem.brk_start = s->brk_start;
  m->mem.brk = s->brk;
  m->mem.mmap_base = s->mmap_base;

  m->cpu.pc = s->pc;
  m->cpu.icount = s->icount;
  memcpy(m->cpu.x, s->x, sizeof s->x);
  memcpy(m->cpu.f, s->f, sizeof s->f);
  m->cpu.fcsr = s->fcsr;
  m->cpu.resv = s->resv;

  m->exe_path = s->exe_path, s->exe_path = NULL;
  m->exe_abs = s->exe_abs, s->exe_abs = NULL;
  m->argc = (int)s->argc;
  m->argv = s->argv, s->argv = NULL;
  m->envp = s->envp, s->envp = NULL;
  m->entry = s->entry;
  m->phdr = s->phdr;
  m->phent = s->phent;
  m->phnum = s->phnum;
  memcpy(m->sigaction, s->sigaction, sizeof s->sigaction);
  m->sigmask = s->sigmask;
  m->sigpending = s->sigpending;
  m->sigpending_tkill = s->sigpending_tkill;
  m->sigtramp = s->sigtramp;
  m->tid_address = s->tid_address;
  m->robust_list = s->robust_list;
  m->robust_len = s->robust_len;
  m->host_time = s->host_time;
  m->time_base_ns = s->time_base_ns;
  m->time_sleep_ns = s->time_sleep_ns;
  m->rng_state = s->rng_state;
  m->sigpending_kernel = s->sigpending_kernel;
  m->altstack_sp = s->altstack_sp;
  m->altstack_size = s->altstack_size;
  m->altstack_flags = s->altstack_flags;
  for (int t = 0; t < 3; t++)
    sys_timer_set(m, t, s->timer_armed[t], s->timer_left[t], s->timer_interval[t]);
  sys_timers_schedule(m);
  umask((mode_t)s->umask);
  m->owns_process_strings = true;
  return 0;
}

int snap_restore(struct machine *m, const char *path, FILE *note, char *err, size_t errlen) {
  int nb = snap_is_nebula(path);
  if (nb < 0) return fail(err, errlen, "%s: %s", path, strerror(errno));
  if (nb) return snap_restore_nebula(m, path, note, err, errlen);
  uint8_t *d;
  size_t size;
  if (snap_read_file(path, &d, &size, err, errlen) != 0) return -1;
  struct snap s;
  char why[512] = "";
  int r = snap_parse(d, size, &s, why, sizeof why);
  if (r != 0)
    fail(err, errlen, "%s: %s", path, why);
  else if ((r = apply(m, &s, why, sizeof why)) != 0)
    fail(err, errlen, "%s: %s", path, why);
  snap_free(&s);
  snap_unmap_file(d, size);
  return r;
}

int snap_info(const char *path, FILE *out, char *err, size_t errlen) {
  if (snap_is_nebula(path) == 1)
    return fail(err, errlen, "%s: a Nebula snapshot; --snapshot-info describes Amanatsu's format only",
                path);
  uint8_t *d;
  size_t size;
  if (snap_read_file(path, &d, &size, err, errlen) != 0) return -1;
  struct snap s;
  char why[512] = "";
  if (snap_parse(d, size, &s, why, sizeof why) != 0) {
    snap_free(&s);
    snap_unmap_file(d, size);
    return fail(err, errlen, "%s: %s", path, why);
  }
  fprintf(out, "file: %s (%zu bytes)\n", path, size);
  fprintf(out, "format: Amanatsu snapshot, version %u; every checksum verified\n", s.version);
  fprintf(out, "retired instructions: %" PRIu64 "\n", s.icount);
  fprintf(out, "pc: 0x%" PRIx64 "\n", s.pc);
  fprintf(out, "program: %s\n", s.exe_path ? s.exe_path : "?");
  fprintf(out, "arguments:");
  for (uint32_t i = 1; i < s.argc; i++) fprintf(out, " %s", s.argv[i]);
  fprintf(out, "\nenvironment: %u variables\n", s.envc);
  fprintf(out, "working directory: %s\n", s.cwd ? s.cwd : "(unknown)");
  fprintf(out, "time and randomness: %s\n",
          s.host_time ? "host (--host-time): resumes are not reproducible"
                      : "deterministic (derived from the retired count and a recorded seed)");
  fprintf(out, "mappings: %u\n", s.nvma);
  for (uint32_t i = 0; i < s.nvma; i++)
    fprintf(out, "  0x%012" PRIx64 "-0x%012" PRIx64 " %c%c%c %s\n", s.vma[i].start, s.vma[i].end,
            s.vma[i].prot & MEM_R ? 'r' : '-', s.vma[i].prot & MEM_W ? 'w' : '-',
            s.vma[i].prot & MEM_X ? 'x' : '-', s.vma[i].name ? s.vma[i].name : "");
  fprintf(out, "pages: %" PRIu64 " stored (%" PRIu64 " distinct, %" PRIu64 " bytes)\n", s.npages,
          s.nuniq, s.nuniq * MEM_PAGE);
  fprintf(out, "brk: 0x%" PRIx64 " (heap from 0x%" PRIx64 ")\n", s.brk, s.brk_start);
  fprintf(out, "files: %u\n", s.nfiles);
  for (uint32_t i = 0; i < s.nfiles; i++) {
    struct snap_file *f = &s.files[i];
    if (f->kind == FK_STD)
      fprintf(out, "  %d: standard %s\n", f->fd, f->which == 0 ? "input" : f->which == 1 ? "output" : "error");
    else if (f->kind == FK_FILE)
      fprintf(out, "  %d: %s (flags 0x%x, offset %" PRIu64 ", size %" PRIu64 ")\n", f->fd, f->path,
              (unsigned)f->flags, f->off, f->size);
    else if (f->kind == FK_DIR)
      fprintf(out, "  %d: folder %s\n", f->fd, f->path);
    else
      fprintf(out, "  %d: %s, which cannot be reopened\n", f->fd, fw_name[f->what]);
  }
  static const char *const timer_name[3] = {"real", "virtual", "prof"};
  for (int t = 0; t < 3; t++) {
    if (!s.timer_armed[t]) continue;
    fprintf(out, "timer %s: expires in %" PRIu64 " ns", timer_name[t], s.timer_left[t]);
    if (s.timer_interval[t])
      fprintf(out, ", then every %" PRIu64 " ns\n", s.timer_interval[t]);
    else
      fputs(", once\n", out);
  }
  if (s.altstack_size)
    fprintf(out, "alternate signal stack: 0x%" PRIx64 "-0x%" PRIx64 "%s\n", s.altstack_sp,
            s.altstack_sp + s.altstack_size,
            s.altstack_flags & RV_SS_AUTODISARM ? " (SS_AUTODISARM)" : "");
  if (s.version >= 2) {
    fprintf(out, "shared file mappings: %u\n", s.nshared);
    for (uint32_t i = 0; i < s.nshared; i++)
      fprintf(out, "  0x%012" PRIx64 "-0x%012" PRIx64 " %s at offset %" PRIu64 "\n",
              s.shared[i].start, s.shared[i].start + s.shared[i].pages * MEM_PAGE,
              s.shared[i].path, s.shared[i].off);
  }
  snap_free(&s);
  snap_unmap_file(d, size);
  return 0;
}
