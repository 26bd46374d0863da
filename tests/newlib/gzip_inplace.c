/* gzip_inplace FILE: compress FILE to FILE.gz the way gzip does, in place,
 * on top of the libgloss-style layer in gloss.c (riscv-pk system calls, as a
 * newlib program makes them).
 *
 * Output: a gzip member (RFC 1952) holding one fixed-Huffman DEFLATE block
 * (RFC 1951) from an LZ77 matcher with hash chains and lazy matching.
 *
 * Besides open/read/write/close/unlink it exercises the other pk calls and
 * checks what they return:
 *   access   FILE readable; FILE.gz must not exist (ENOENT)
 *   stat     FILE: size, mode, mtime (mtime goes into the gzip header, mode
 *            into the open of FILE.gz; both are printed for the test script)
 *   fstat    fd 1 (as newlib's stdio does) and the input fd (same dev/ino)
 *   lseek    SEEK_END/SEEK_SET on the input; past-end seek on the output
 *   open     O_WRONLY|O_CREAT|O_EXCL   (0x0a01) creates FILE.gz
 *            O_WRONLY|O_CREAT|O_TRUNC  (0x0601) truncates it again
 *            O_WRONLY|O_APPEND         (0x0009) appends the trailer
 *            O_WRONLY|O_CREAT|O_EXCL   on the existing file: EEXIST
 *            O_RDONLY                  reads it back for a byte compare
 *   mkdir    FILE.d (mode 0750); again: EEXIST
 *   link     FILE.gz -> FILE.d/hardlink.gz; again: EEXIST
 *   lstat    the link: same ino as FILE.gz, nlink 2; FILE.sym (a dangling
 *            symlink the test script makes) is S_IFLNK, stat/access ENOENT
 *   unlink   FILE; afterwards stat/access/unlink/open of FILE give ENOENT
 *   brk      through _sbrk for all buffers
 *   gettimeofday  sanity of the returned time
 * Any unexpected result: a message on stderr and exit status 1. */
#include "gloss.h"

/* ------------------------------------------------------------------ */
/* output */

static void put(int fd, const char *s)
{
  size_t n = strlen(s);
  while (n) {
    long w = _write(fd, s, n);
    if (w <= 0) return;
    s += w;
    n -= (size_t)w;
  }
}

static char *fmt_u(char *p, uint64_t v, unsigned base)
{
  char tmp[24];
  int i = 0;
  do {
    tmp[i++] = "0123456789abcdef"[v % base];
    v /= base;
  } while (v);
  while (i) *p++ = tmp[--i];
  *p = 0;
  return p;
}

static void put_u(int fd, uint64_t v)
{
  char b[24];
  fmt_u(b, v, 10);
  put(fd, b);
}

static void put_o(int fd, uint64_t v)
{
  char b[24];
  fmt_u(b, v, 8);
  put(fd, b);
}

static void put_i(int fd, int64_t v)
{
  if (v < 0) {
    put(fd, "-");
    put_u(fd, (uint64_t)0 - (uint64_t)v);
  } else {
    put_u(fd, (uint64_t)v);
  }
}

static void fail(const char *what, const char *path, long got)
{
  put(2, "gzip_inplace: FAIL: ");
  put(2, what);
  if (path) {
    put(2, " (");
    put(2, path);
    put(2, ")");
  }
  put(2, ": got ");
  put_i(2, got);
  if (got == -1) {
    put(2, ", errno ");
    put_i(2, errno);
  }
  put(2, "\n");
  _exit(1);
}

/* ------------------------------------------------------------------ */
/* memory: a bump allocator on _sbrk, as newlib's malloc would use it */

static void *xalloc(size_t n)
{
  n = (n + 15) & ~(size_t)15;
  void *p = _sbrk((long)n);
  if (p == (void *)-1) fail("sbrk", 0, (long)n);
  return p;
}

/* ------------------------------------------------------------------ */
/* CRC-32 (IEEE 802.3, reflected, poly 0xedb88320) */

static uint32_t crc_table[256];

static void crc_init(void)
{
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

/* ------------------------------------------------------------------ */
/* DEFLATE, one fixed-Huffman block */

#define WSIZE 32768
#define WMASK (WSIZE - 1)
#define HBITS 15
#define HSIZE (1 << HBITS)
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_CHAIN 64
#define NICE_LEN 128

static int32_t head[HSIZE];
static int32_t chain[WSIZE];

static uint16_t lit_code[288]; /* bit-reversed fixed codes */
static uint8_t lit_len[288];
static uint8_t len_sym[MAX_MATCH + 1]; /* match length -> symbol - 257 */

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                       33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static unsigned reverse_bits(unsigned v, int n)
{
  unsigned r = 0;
  for (int i = 0; i < n; i++) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

static void deflate_init(void)
{
  for (int c = 0; c < 288; c++) {
    unsigned code;
    int n;
    if (c < 144) {
      code = 0x30 + c;
      n = 8;
    } else if (c < 256) {
      code = 0x190 + (c - 144);
      n = 9;
    } else if (c < 280) {
      code = c - 256;
      n = 7;
    } else {
      code = 0xc0 + (c - 280);
      n = 8;
    }
    lit_code[c] = (uint16_t)reverse_bits(code, n);
    lit_len[c] = (uint8_t)n;
  }
  for (int s = 0; s < 29; s++) {
    int top = s == 28 ? MAX_MATCH : len_base[s + 1] - 1;
    for (int l = len_base[s]; l <= top; l++) len_sym[l] = (uint8_t)s;
  }
  for (int i = 0; i < HSIZE; i++) head[i] = -1;
}

struct bitout {
  uint8_t *p;
  uint64_t buf;
  int cnt;
};

static inline void put_bits(struct bitout *o, uint32_t v, int n)
{
  o->buf |= (uint64_t)v << o->cnt;
  o->cnt += n;
  while (o->cnt >= 8) {
    *o->p++ = (uint8_t)o->buf;
    o->buf >>= 8;
    o->cnt -= 8;
  }
}

static inline void emit_lit(struct bitout *o, unsigned c)
{
  put_bits(o, lit_code[c], lit_len[c]);
}

static void emit_match(struct bitout *o, unsigned len, unsigned dist)
{
  unsigned s = len_sym[len];
  emit_lit(o, 257 + s);
  if (len_extra[s]) put_bits(o, len - len_base[s], len_extra[s]);
  unsigned d = 29;
  while (dist_base[d] > dist) d--;
  put_bits(o, reverse_bits(d, 5), 5);
  if (dist_extra[d]) put_bits(o, dist - dist_base[d], dist_extra[d]);
}

static inline uint32_t hash3(const uint8_t *p)
{
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
  return (v * 2654435761u) >> (32 - HBITS);
}

static void insert(const uint8_t *in, size_t n, size_t pos)
{
  if (pos + MIN_MATCH > n) return;
  uint32_t h = hash3(in + pos);
  chain[pos & WMASK] = head[h];
  head[h] = (int32_t)pos;
}

/* Longest match for in[pos..] among earlier positions on pos's hash chain;
 * then inserts pos.  Returns the length (0 if < MIN_MATCH). */
static unsigned find_and_insert(const uint8_t *in, size_t n, size_t pos, unsigned *dist)
{
  if (pos + MIN_MATCH > n) return 0;
  uint32_t h = hash3(in + pos);
  int32_t cand = head[h];
  chain[pos & WMASK] = cand;
  head[h] = (int32_t)pos;

  size_t maxlen = n - pos;
  if (maxlen > MAX_MATCH) maxlen = MAX_MATCH;
  unsigned best = 0;
  int steps = MAX_CHAIN;
  while (cand >= 0 && steps-- > 0) {
    size_t c = (size_t)cand;
    if (pos - c > WSIZE) break;
    const uint8_t *a = in + pos, *b = in + c;
    if (b[best] == a[best] && b[0] == a[0] && b[1] == a[1]) {
      unsigned l = 2;
      while (l < maxlen && a[l] == b[l]) l++;
      if (l > best) {
        best = l;
        *dist = (unsigned)(pos - c);
        if (l >= NICE_LEN || l == maxlen) break;
      }
    }
    int32_t next = chain[c & WMASK];
    if (next >= cand) break; /* stale slot, overwritten by a newer position */
    cand = next;
  }
  return best >= MIN_MATCH ? best : 0;
}

/* Compresses in[0..n) as one final fixed-Huffman block; returns bytes
 * written to out (which must hold n + n/8 + 64). */
static size_t deflate_fixed(const uint8_t *in, size_t n, uint8_t *out)
{
  struct bitout o = {out, 0, 0};
  put_bits(&o, 1, 1); /* BFINAL */
  put_bits(&o, 1, 2); /* BTYPE = 01, fixed Huffman */

  size_t pos = 0;
  unsigned prev_len = 0, prev_dist = 0;
  int pending = 0; /* in[pos-1] not yet emitted */
  while (pos < n) {
    unsigned dist = 0;
    unsigned len = find_and_insert(in, n, pos, &dist);
    if (pending && prev_len >= MIN_MATCH && len <= prev_len) {
      /* the match at pos-1 wins */
      emit_match(&o, prev_len, prev_dist);
      size_t end = pos - 1 + prev_len;
      for (size_t k = pos + 1; k < end; k++) insert(in, n, k);
      pos = end;
      pending = 0;
      prev_len = 0;
    } else {
      if (pending) emit_lit(&o, in[pos - 1]);
      pending = 1;
      prev_len = len;
      prev_dist = dist;
      pos++;
    }
  }
  if (pending) emit_lit(&o, in[n - 1]);
  emit_lit(&o, 256); /* end of block */
  if (o.cnt) put_bits(&o, 0, 8 - o.cnt);
  return (size_t)(o.p - out);
}

/* ------------------------------------------------------------------ */

static char gz_path[4096], dir_path[4096], link_path[4096], sym_path[4096];

static void join(char *dst, const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  if (la + lb + 1 > 4096) fail("path too long", a, (long)(la + lb));
  memcpy(dst, a, la);
  memcpy(dst + la, b, lb + 1);
}

static void write_all(int fd, const uint8_t *p, size_t n, const char *path)
{
  while (n) {
    size_t chunk = n > 16384 ? 16384 : n;
    long w = _write(fd, p, chunk);
    if (w <= 0) fail("write", path, w);
    p += w;
    n -= (size_t)w;
  }
}

static void expect_errno(const char *what, const char *path, long rv, int err)
{
  if (rv != -1 || errno != err) {
    put(2, "gzip_inplace: expected errno ");
    put_i(2, err);
    put(2, "\n");
    fail(what, path, rv);
  }
}

static void check_stat_sane(const char *what, const char *path, const struct stat *st)
{
  /* gloss.c poisons the kernel_stat with 0xa5 bytes before each call */
  if (st->st_ino == 0xa5a5a5a5a5a5a5a5ull || st->st_dev == 0xa5a5a5a5a5a5a5a5ull)
    fail(what, path, (long)st->st_ino);
  if (st->st_nlink == 0 || st->st_nlink == 0xa5a5a5a5u) fail(what, path, st->st_nlink);
  if (st->st_blksize <= 0) fail(what, path, st->st_blksize);
  if (st->st_mtime < 0 || st->st_ctime < 1000000000 || st->st_atime < 0)
    fail(what, path, st->st_ctime);
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    put(2, "usage: gzip_inplace FILE\n");
    return 2;
  }
  const char *path = argv[1];
  struct stat st, fst, st1, lst;
  struct timeval tv0, tv1;
  long rv;

  rv = _gettimeofday(&tv0, 0);
  if (rv != 0 || tv0.tv_sec < 1000000000 || tv0.tv_usec < 0 || tv0.tv_usec >= 1000000)
    fail("gettimeofday", 0, rv ? rv : tv0.tv_sec);

  /* newlib's stdio fstat()s stdout before its first write */
  rv = _fstat(1, &st1);
  if (rv != 0) fail("fstat(1)", 0, rv);

  join(gz_path, path, ".gz");
  join(dir_path, path, ".d");
  join(link_path, dir_path, "/hardlink.gz");
  join(sym_path, path, ".sym");

  /* gzip refuses to overwrite: check first */
  rv = _access(path, R_OK);
  if (rv != 0) fail("access(R_OK)", path, rv);
  rv = _access(gz_path, F_OK);
  if (rv == 0) {
    put(2, "gzip_inplace: ");
    put(2, gz_path);
    put(2, " already exists\n");
    return 1;
  }
  expect_errno("access(F_OK) of absent .gz", gz_path, rv, ENOENT);

  rv = _stat(path, &st);
  if (rv != 0) fail("stat", path, rv);
  if (!S_ISREG(st.st_mode)) fail("stat: not a regular file", path, st.st_mode);
  check_stat_sane("stat", path, &st);
  if (st.st_size < 0 || st.st_size > (1 << 28)) fail("stat: st_size", path, (long)st.st_size);

  put(1, "gzip_inplace: stat ");
  put(1, path);
  put(1, ": size ");
  put_i(1, st.st_size);
  put(1, " mode ");
  put_o(1, st.st_mode);
  put(1, " nlink ");
  put_u(1, st.st_nlink);
  put(1, " uid ");
  put_u(1, st.st_uid);
  put(1, " gid ");
  put_u(1, st.st_gid);
  put(1, " mtime ");
  put_i(1, st.st_mtime);
  put(1, "\n");

  /* ---- read the input ---- */
  int in_fd = _open(path, O_RDONLY, 0);
  if (in_fd < 0) fail("open(O_RDONLY)", path, in_fd);
  rv = _fstat(in_fd, &fst);
  if (rv != 0) fail("fstat", path, rv);
  if (fst.st_ino != st.st_ino || fst.st_dev != st.st_dev || fst.st_size != st.st_size ||
      fst.st_mode != st.st_mode)
    fail("fstat disagrees with stat", path, (long)fst.st_ino);
  rv = _lseek(in_fd, 0, SEEK_END);
  if (rv != st.st_size) fail("lseek(SEEK_END)", path, rv);
  rv = _lseek(in_fd, 0, SEEK_SET);
  if (rv != 0) fail("lseek(SEEK_SET)", path, rv);

  size_t n = (size_t)st.st_size;
  uint8_t *in = xalloc(n + 1);
  size_t got = 0;
  for (;;) {
    size_t want = n + 1 - got; /* one spare byte: the read must hit EOF */
    if (want > 65536) want = 65536;
    long r = _read(in_fd, in + got, want);
    if (r < 0) fail("read", path, r);
    if (r == 0) break;
    got += (size_t)r;
    if (got > n) fail("read past st_size", path, (long)got);
  }
  if (got != n) fail("read fewer bytes than st_size", path, (long)got);
  rv = _close(in_fd);
  if (rv != 0) fail("close", path, rv);
  rv = _close(in_fd);
  expect_errno("close of a closed fd", path, rv, EBADF);

  /* ---- compress ---- */
  crc_init();
  deflate_init();
  const char *base = path;
  for (const char *p = path; *p; p++)
    if (*p == '/') base = p + 1;
  size_t blen = strlen(base);
  size_t cap = 10 + blen + 1 + n + n / 8 + 64;
  uint8_t *out = xalloc(cap + 8);
  uint8_t *h = out;
  uint32_t mtime = (uint32_t)st.st_mtime;
  h[0] = 0x1f;
  h[1] = 0x8b;
  h[2] = 8;    /* CM = deflate */
  h[3] = 0x08; /* FLG = FNAME */
  h[4] = (uint8_t)mtime;
  h[5] = (uint8_t)(mtime >> 8);
  h[6] = (uint8_t)(mtime >> 16);
  h[7] = (uint8_t)(mtime >> 24);
  h[8] = 0; /* XFL */
  h[9] = 3; /* OS = Unix */
  memcpy(h + 10, base, blen + 1);
  size_t body = 10 + blen + 1;
  body += deflate_fixed(in, n, out + body);
  uint32_t crc = crc32(in, n);
  uint8_t *t = out + body;
  for (int i = 0; i < 4; i++) t[i] = (uint8_t)(crc >> (8 * i));
  for (int i = 0; i < 4; i++) t[4 + i] = (uint8_t)((uint32_t)n >> (8 * i));
  size_t total = body + 8;

  /* ---- write FILE.gz ---- */
  int mode = (int)(st.st_mode & 0777);
  int fd = _open(gz_path, O_WRONLY | O_CREAT | O_EXCL, mode);
  if (fd < 0) fail("open(O_WRONLY|O_CREAT|O_EXCL)", gz_path, fd);
  /* leave junk longer than the final file: O_TRUNC must get rid of it */
  long junk_at = (long)total + 4096;
  rv = _lseek(fd, junk_at, SEEK_SET);
  if (rv != junk_at) fail("lseek past end", gz_path, rv);
  write_all(fd, (const uint8_t *)"X", 1, gz_path);
  rv = _close(fd);
  if (rv != 0) fail("close", gz_path, rv);
  rv = _stat(gz_path, &st1);
  if (rv != 0 || st1.st_size != junk_at + 1) fail("stat after sparse write", gz_path, (long)st1.st_size);

  fd = _open(gz_path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) fail("open(O_WRONLY|O_CREAT|O_TRUNC)", gz_path, fd);
  rv = _fstat(fd, &st1);
  if (rv != 0 || st1.st_size != 0) fail("fstat after O_TRUNC", gz_path, (long)st1.st_size);
  write_all(fd, out, body, gz_path);
  rv = _close(fd);
  if (rv != 0) fail("close", gz_path, rv);

  fd = _open(gz_path, O_WRONLY | O_APPEND, 0);
  if (fd < 0) fail("open(O_WRONLY|O_APPEND)", gz_path, fd);
  write_all(fd, out + body, 8, gz_path);
  rv = _close(fd);
  if (rv != 0) fail("close", gz_path, rv);

  rv = _open(gz_path, O_WRONLY | O_CREAT | O_EXCL, mode);
  expect_errno("open(O_CREAT|O_EXCL) of existing file", gz_path, rv, EEXIST);

  /* read it back */
  fd = _open(gz_path, O_RDONLY, 0);
  if (fd < 0) fail("open(O_RDONLY)", gz_path, fd);
  rv = _fstat(fd, &st1);
  if (rv != 0 || st1.st_size != (int64_t)total || !S_ISREG(st1.st_mode))
    fail("fstat of .gz: size", gz_path, (long)st1.st_size);
  uint8_t *back = xalloc(total + 1);
  got = 0;
  for (;;) {
    long r = _read(fd, back + got, total + 1 - got);
    if (r < 0) fail("read back", gz_path, r);
    if (r == 0) break;
    got += (size_t)r;
    if (got > total) break;
  }
  if (got != total || memcmp(back, out, total) != 0) fail("read back differs", gz_path, (long)got);
  _close(fd);

  /* ---- a directory and a hard link beside it ---- */
  rv = _mkdir(dir_path, 0750);
  if (rv != 0) fail("mkdir", dir_path, rv);
  rv = _mkdir(dir_path, 0750);
  expect_errno("mkdir of existing dir", dir_path, rv, EEXIST);
  rv = _stat(dir_path, &st1);
  if (rv != 0 || !S_ISDIR(st1.st_mode)) fail("stat of new dir", dir_path, st1.st_mode);
  rv = _open(dir_path, O_WRONLY, 0);
  expect_errno("open(O_WRONLY) of a dir", dir_path, rv, EISDIR);

  rv = _link(gz_path, link_path);
  if (rv != 0) fail("link", link_path, rv);
  rv = _link(gz_path, link_path);
  expect_errno("link onto existing name", link_path, rv, EEXIST);
  rv = _lstat(link_path, &lst);
  if (rv != 0) fail("lstat", link_path, rv);
  check_stat_sane("lstat", link_path, &lst);
  rv = _lstat(gz_path, &st1);
  if (rv != 0) fail("lstat", gz_path, rv);
  if (lst.st_ino != st1.st_ino || lst.st_dev != st1.st_dev || lst.st_nlink != 2 ||
      st1.st_nlink != 2 || lst.st_size != (int64_t)total || !S_ISREG(lst.st_mode))
    fail("link is not the same file (ino/nlink/size)", link_path, lst.st_nlink);
  if ((st1.st_mode & 0777) != (uint32_t)mode) fail(".gz mode", gz_path, (long)st1.st_mode);
  rv = _access(link_path, R_OK | W_OK);
  if (rv != 0) fail("access(R_OK|W_OK)", link_path, rv);

  /* FILE.sym, made by the test script, is a dangling symlink: lstat must
   * not follow it, stat and access must */
  rv = _lstat(sym_path, &lst);
  if (rv != 0) fail("lstat of dangling symlink", sym_path, rv);
  if ((lst.st_mode & S_IFMT) != S_IFLNK) fail("lstat: not a symlink", sym_path, lst.st_mode);
  rv = _stat(sym_path, &st1);
  expect_errno("stat of dangling symlink", sym_path, rv, ENOENT);
  rv = _access(sym_path, F_OK);
  expect_errno("access of dangling symlink", sym_path, rv, ENOENT);

  /* ---- remove the original ---- */
  rv = _unlink(path);
  if (rv != 0) fail("unlink", path, rv);
  rv = _stat(path, &st1);
  expect_errno("stat after unlink", path, rv, ENOENT);
  rv = _lstat(path, &st1);
  expect_errno("lstat after unlink", path, rv, ENOENT);
  rv = _access(path, F_OK);
  expect_errno("access after unlink", path, rv, ENOENT);
  rv = _unlink(path);
  expect_errno("second unlink", path, rv, ENOENT);
  rv = _open(path, O_RDONLY, 0);
  expect_errno("open after unlink", path, rv, ENOENT);

  rv = _gettimeofday(&tv1, 0);
  if (rv != 0 || tv1.tv_sec < tv0.tv_sec) fail("gettimeofday went backwards", 0, tv1.tv_sec);

  put(1, "gzip_inplace: compressed ");
  put_u(1, n);
  put(1, " bytes to ");
  put_u(1, total);
  put(1, " bytes\n");
  return 0;
}
