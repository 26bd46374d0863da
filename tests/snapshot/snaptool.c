/* snaptool: a test helper that takes Amanatsu snapshot files apart, written
 * independently of snapshot/snapshot.c from the layout in snapshot.h:
 *   header   "AMANATSU", u32 version, u32 section count, u64 XXH3-64 of bytes 0..15
 *   section  u32 type, u32 0, u64 payload length, u64 XXH3-64 of the payload, payload
 * Pages section payload: u64 npages, u64 nuniq, npages x (u64 addr, u32 index),
 * nuniq x (u64 XXH3 of the page, 4096 bytes).
 *
 *   snaptool sections FILE          one line per section: INDEX TYPE HDR_OFFSET PAYLOAD_OFFSET LENGTH
 *   snaptool pages FILE             "NPAGES NUNIQ FIRST_PAGE_DATA_OFFSET" (absolute file offset)
 *   snaptool fix-header FILE        recompute the header checksum in place
 *   snaptool fix-sections FILE      recompute every section checksum (and the header's)
 *   snaptool fix-pages FILE         recompute every page checksum, then fix-sections
 *   snaptool set-u32 FILE OFF V     write a little-endian u32 at OFF (no checksum fix-up)
 *   snaptool set-u64 FILE OFF V     write a little-endian u64 at OFF (no checksum fix-up)
 *   snaptool get-u64 FILE OFF       print the u64 at OFF
 *   snaptool flip FILE OFF          invert the byte at OFF
 *   snaptool xxh3 FILE              XXH3-64 of the whole file, in hex
 *   snaptool diff FILE1 FILE2       where two snapshots differ: per section, and per page
 *                                   (guest address and the differing byte range)
 * Exit status 0, or 1 with a message. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static uint8_t *data;
static size_t size;

static void die(const char *fmt, const char *arg) {
  fprintf(stderr, "snaptool: ");
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  exit(1);
}

static void load(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open %s", path);
  size_t cap = 1 << 16;
  data = malloc(cap);
  size = 0;
  for (;;) {
    if (size == cap) {
      cap *= 2;
      data = realloc(data, cap);
      if (!data) die("out of memory reading %s", path);
    }
    size_t r = fread(data + size, 1, cap - size, f);
    if (r == 0) break;
    size += r;
  }
  fclose(f);
}

static void save(const char *path) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) die("cannot write %s", path);
}

static uint32_t rd32(size_t off) {
  uint32_t v;
  if (off + 4 > size) die("offset beyond the end of %s", "the file");
  memcpy(&v, data + off, 4);
  return v;
}
static uint64_t rd64(size_t off) {
  uint64_t v;
  if (off + 8 > size) die("offset beyond the end of %s", "the file");
  memcpy(&v, data + off, 8);
  return v;
}
static void wr64(size_t off, uint64_t v) {
  if (off + 8 > size) die("offset beyond the end of %s", "the file");
  memcpy(data + off, &v, 8);
}

static void fix_header(void) {
  if (size < 24) die("%s", "file shorter than the header");
  wr64(16, XXH3_64bits(data, 16));
}

/* Calls fn for each section; stops at the first malformed one. */
static void walk(void (*fn)(unsigned idx, uint32_t type, size_t hdr, size_t payload, uint64_t len)) {
  if (size < 24 || memcmp(data, "AMANATSU", 8)) die("%s", "not an Amanatsu snapshot");
  uint32_t n = rd32(12);
  size_t off = 24;
  for (uint32_t i = 0; i < n; i++) {
    if (off + 24 > size) die("%s", "truncated section header");
    uint32_t type = rd32(off);
    uint64_t len = rd64(off + 8);
    if (len > size - off - 24) die("%s", "truncated section");
    fn(i, type, off, off + 24, len);
    off += 24 + (size_t)len;
  }
}

static void print_section(unsigned idx, uint32_t type, size_t hdr, size_t payload, uint64_t len) {
  printf("%u %u %zu %zu %" PRIu64 "\n", idx, type, hdr, payload, len);
}
static void fix_section(unsigned idx, uint32_t type, size_t hdr, size_t payload, uint64_t len) {
  (void)idx, (void)type;
  wr64(hdr + 16, XXH3_64bits(data + payload, (size_t)len));
}
static size_t pages_at, pages_len;
static void find_pages(unsigned idx, uint32_t type, size_t hdr, size_t payload, uint64_t len) {
  (void)idx, (void)hdr;
  if (type == 4) pages_at = payload, pages_len = (size_t)len;
}

/* ---- diff ---- */

struct view {
  uint8_t *d;
  size_t n;
  size_t off[8], len[8]; /* payload of each section type 1..6 */
};

static void view_of(struct view *v) {
  memset(v, 0, sizeof *v);
  v->d = data, v->n = size;
  uint32_t n = rd32(12);
  size_t off = 24;
  for (uint32_t i = 0; i < n && off + 24 <= size; i++) {
    uint32_t type = rd32(off);
    uint64_t len = rd64(off + 8);
    if (len > size - off - 24) break;
    if (type >= 1 && type <= 6) v->off[type] = off + 24, v->len[type] = (size_t)len;
    off += 24 + (size_t)len;
  }
}

static const uint8_t *page_at(const struct view *v, uint64_t addr) {
  const uint8_t *p = v->d + v->off[4];
  uint64_t np, nu;
  memcpy(&np, p, 8);
  memcpy(&nu, p + 8, 8);
  for (uint64_t i = 0; i < np; i++) {
    uint64_t a;
    uint32_t ix;
    memcpy(&a, p + 16 + i * 12, 8);
    memcpy(&ix, p + 16 + i * 12 + 8, 4);
    if (a == addr) return p + 16 + np * 12 + (size_t)ix * (8 + 4096) + 8;
  }
  return NULL;
}

static int diff(const char *p1, const char *p2) {
  static const char *const names[] = {"?", "registers", "process", "maps", "pages", "files", "shared"};
  struct view a, b;
  load(p1);
  if (size < 24 || memcmp(data, "AMANATSU", 8)) die("%s: not an Amanatsu snapshot", p1);
  view_of(&a);
  load(p2);
  if (size < 24 || memcmp(data, "AMANATSU", 8)) die("%s: not an Amanatsu snapshot", p2);
  view_of(&b);
  int differ = 0;
  for (int t = 1; t <= 6; t++) {
    if (t == 4) continue;
    size_t n = a.len[t] < b.len[t] ? a.len[t] : b.len[t], i = 0;
    while (i < n && a.d[a.off[t] + i] == b.d[b.off[t] + i]) i++;
    if (i < n || a.len[t] != b.len[t]) {
      printf("%s section: first difference at payload byte %zu (lengths %zu, %zu)\n", names[t], i,
             a.len[t], b.len[t]);
      differ = 1;
    }
  }
  /* pages: every address of either file */
  for (int pass = 0; pass < 2; pass++) {
    const struct view *x = pass ? &b : &a, *y = pass ? &a : &b;
    const uint8_t *p = x->d + x->off[4];
    uint64_t np;
    memcpy(&np, p, 8);
    for (uint64_t i = 0; i < np; i++) {
      uint64_t addr;
      memcpy(&addr, p + 16 + i * 12, 8);
      const uint8_t *px = page_at(x, addr), *py = page_at(y, addr);
      if (!py) {
        printf("page 0x%" PRIx64 ": only in %s\n", addr, pass ? p2 : p1);
        differ = 1;
        continue;
      }
      if (pass) continue;
      int first = -1, last = -1;
      for (int k = 0; k < 4096; k++)
        if (px[k] != py[k]) {
          if (first < 0) first = k;
          last = k;
        }
      if (first >= 0) {
        printf("page 0x%" PRIx64 ": bytes 0x%" PRIx64 "..0x%" PRIx64 " differ\n", addr, addr + (uint64_t)first,
               addr + (uint64_t)last);
        differ = 1;
      }
    }
  }
  free(a.d);
  free(b.d);
  data = NULL;
  return differ;
}

static uint64_t num(const char *s) {
  char *end;
  errno = 0;
  uint64_t v = strtoull(s, &end, 0);
  if (errno || *end || !*s) die("not a number: %s", s);
  return v;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: snaptool sections|pages|fix-header|fix-sections|fix-pages|set-u32|set-u64|"
                    "get-u64|flip|xxh3 FILE [ARGS]\n");
    return 1;
  }
  const char *cmd = argv[1], *path = argv[2];
  if (!strcmp(cmd, "diff") && argc == 4) return diff(argv[2], argv[3]);
  load(path);
  if (!strcmp(cmd, "sections")) {
    walk(print_section);
  } else if (!strcmp(cmd, "pages") || !strcmp(cmd, "fix-pages")) {
    walk(find_pages);
    if (!pages_at) die("%s", "no pages section");
    uint64_t np = rd64(pages_at), nu = rd64(pages_at + 8);
    size_t first = pages_at + 16 + (size_t)np * 12;
    if (first + nu * (8 + 4096) != pages_at + pages_len) die("%s", "pages section size mismatch");
    if (!strcmp(cmd, "pages")) {
      printf("%" PRIu64 " %" PRIu64 " %zu\n", np, nu, first + 8);
    } else {
      for (uint64_t i = 0; i < nu; i++) {
        size_t at = first + (size_t)i * (8 + 4096);
        wr64(at, XXH3_64bits(data + at + 8, 4096));
      }
      walk(fix_section);
      fix_header();
      save(path);
    }
  } else if (!strcmp(cmd, "fix-header")) {
    fix_header();
    save(path);
  } else if (!strcmp(cmd, "fix-sections")) {
    walk(fix_section);
    fix_header();
    save(path);
  } else if (!strcmp(cmd, "set-u32") && argc == 5) {
    uint64_t off = num(argv[3]), v = num(argv[4]);
    if (off + 4 > size || v > UINT32_MAX) die("%s", "bad offset or value");
    uint32_t w = (uint32_t)v;
    memcpy(data + off, &w, 4);
    save(path);
  } else if (!strcmp(cmd, "set-u64") && argc == 5) {
    wr64((size_t)num(argv[3]), num(argv[4]));
    save(path);
  } else if (!strcmp(cmd, "get-u64") && argc == 4) {
    printf("%" PRIu64 "\n", rd64((size_t)num(argv[3])));
  } else if (!strcmp(cmd, "flip") && argc == 4) {
    uint64_t off = num(argv[3]);
    if (off >= size) die("%s", "offset beyond the end of the file");
    data[off] ^= 0xff;
    save(path);
  } else if (!strcmp(cmd, "xxh3")) {
    printf("%016" PRIx64 "\n", (uint64_t)XXH3_64bits(data, size));
  } else {
    die("unknown command or wrong arguments: %s", cmd);
  }
  free(data);
  return 0;
}
