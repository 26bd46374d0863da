/* The guest's file descriptors.  Guest numbers map to host descriptors
 * through this table, which also remembers what each one is (path, open
 * flags), so that snapshots can record and reopen them. */
#ifndef AMANATSU_FDTABLE_H
#define AMANATSU_FDTABLE_H

#include <stdbool.h>
#include <stdint.h>

struct fd_entry {
  bool used;
  int host;      /* host descriptor */
  int flags;     /* Linux open flags as the guest gave them (riscv64 values) */
  bool cloexec;
  char *path;    /* absolute path at open time, or NULL (pipe, std stream) */
};

struct fdtable {
  struct fd_entry *e;
  int cap;
};

/* Guest 0, 1, 2 are the host's 0, 1, 2. */
void fd_init(struct fdtable *t);
void fd_free(struct fdtable *t);
/* Lowest free guest number >= min for host descriptor `host`; -EMFILE if none. */
int fd_alloc(struct fdtable *t, int min, int host, int flags, const char *path);
/* Guest descriptor numbers are below this (RLIMIT_NOFILE, capped). */
int fd_limit(void);
/* The entry for guest fd, or NULL (EBADF). */
struct fd_entry *fd_get(struct fdtable *t, int fd);
/* Close guest fd (and its host descriptor unless it is a standard stream). */
int fd_close(struct fdtable *t, int fd);

#endif
