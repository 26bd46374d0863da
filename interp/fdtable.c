/* The guest's file descriptor table: guest numbers, allocated lowest-free as
 * Linux does and independent of the host's numbers, each owning one host
 * descriptor.  Host descriptors 0, 1 and 2 are never closed: closing guest 0,
 * 1 or 2 only frees the guest number (the guest cannot tell, except that a
 * terminal it reopens is still open on the host side). */
#define _GNU_SOURCE
#include "fdtable.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Hard ceiling on guest descriptor numbers, whatever the host allows. */
#define FD_HARD_MAX (1 << 20)

int fd_limit(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
      rl.rlim_cur > FD_HARD_MAX)
    return FD_HARD_MAX;
  return (int)rl.rlim_cur;
}

static bool fd_grow(struct fdtable *t, int need) {
  if (need <= t->cap) return true;
  int cap = t->cap ? t->cap : 16;
  while (cap < need) cap *= 2;
  struct fd_entry *e = realloc(t->e, (size_t)cap * sizeof *e);
  if (!e) return false;
  memset(e + t->cap, 0, (size_t)(cap - t->cap) * sizeof *e);
  t->e = e;
  t->cap = cap;
  return true;
}

void fd_init(struct fdtable *t) {
  t->e = NULL;
  t->cap = 0;
  fd_grow(t, 16);
  /* A guest write to a closed pipe must come back as EPIPE (and become the
   * guest's SIGPIPE), not kill the simulator. */
  signal(SIGPIPE, SIG_IGN);
  for (int i = 0; i < 3 && i < t->cap; i++) {
    int fl = fcntl(i, F_GETFL);
    if (fl < 0) continue; /* closed on the host: closed for the guest too */
    t->e[i].used = true;
    t->e[i].host = i;
    /* O_ACCMODE, O_APPEND, O_NONBLOCK have the same values on both sides. */
    t->e[i].flags = fl & (O_ACCMODE | O_APPEND | O_NONBLOCK);
    t->e[i].cloexec = false;
    t->e[i].path = NULL;
  }
}

void fd_free(struct fdtable *t) {
  for (int i = 0; i < t->cap; i++)
    if (t->e[i].used) fd_close(t, i);
  free(t->e);
  t->e = NULL;
  t->cap = 0;
}

int fd_alloc(struct fdtable *t, int min, int host, int flags, const char *path) {
  int limit = fd_limit();
  if (min < 0) min = 0;
  int fd = min;
  while (fd < t->cap && t->e[fd].used) fd++;
  if (fd >= limit) return -EMFILE;
  if (!fd_grow(t, fd + 1)) return -ENOMEM;
  char *p = NULL;
  if (path && !(p = strdup(path))) return -ENOMEM;
  struct fd_entry *e = &t->e[fd];
  e->used = true;
  e->host = host;
  e->flags = flags;
  e->cloexec = (flags & 02000000) != 0; /* riscv64 O_CLOEXEC */
  e->path = p;
  return fd;
}

struct fd_entry *fd_get(struct fdtable *t, int fd) {
  if (fd < 0 || fd >= t->cap || !t->e[fd].used) return NULL;
  return &t->e[fd];
}

int fd_close(struct fdtable *t, int fd) {
  struct fd_entry *e = fd_get(t, fd);
  if (!e) return -EBADF;
  int host = e->host, r = 0;
  free(e->path);
  memset(e, 0, sizeof *e);
  /* Linux frees the descriptor even when close reports an error. */
  if (host > 2 && close(host) != 0 && errno != EINTR) r = -errno;
  return r;
}
