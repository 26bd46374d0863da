/* The guest descriptor table: Linux's lowest-free numbering, independent of
 * host numbers, and standard streams that are never closed on the host. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "interp/fdtable.h"

static int host_pipe_end(void) {
  int p[2];
  cr_assert_eq(pipe(p), 0);
  close(p[1]);
  return p[0];
}

Test(fdtable, lowest_free_and_close) {
  struct fdtable t;
  fd_init(&t);
  cr_assert_not_null(fd_get(&t, 1));
  cr_assert_eq(fd_get(&t, 1)->host, 1);
  cr_assert_null(fd_get(&t, 3));
  cr_assert_null(fd_get(&t, -1));

  int h1 = host_pipe_end(), h2 = host_pipe_end();
  cr_assert_eq(fd_alloc(&t, 0, h1, 0, "/a"), 3);
  cr_assert_eq(fd_alloc(&t, 0, h2, 02000000 /* O_CLOEXEC */, NULL), 4);
  cr_assert_str_eq(fd_get(&t, 3)->path, "/a");
  cr_assert(fd_get(&t, 4)->cloexec);
  cr_assert_not(fd_get(&t, 3)->cloexec);

  /* closing frees the number and the host descriptor */
  cr_assert_eq(fd_close(&t, 3), 0);
  cr_assert_null(fd_get(&t, 3));
  cr_assert_eq(fcntl(h1, F_GETFD), -1);
  cr_assert_eq(fd_close(&t, 3), -EBADF);

  /* a guest standard stream closes without closing the host's */
  cr_assert_eq(fd_close(&t, 0), 0);
  cr_assert_neq(fcntl(0, F_GETFL), -1);
  int h3 = host_pipe_end();
  cr_assert_eq(fd_alloc(&t, 0, h3, 0, NULL), 0);
  cr_assert_eq(fd_get(&t, 0)->host, h3);

  /* min: lowest free at or above it, growing the table */
  int h4 = host_pipe_end();
  cr_assert_eq(fd_alloc(&t, 100, h4, 0, NULL), 100);
  cr_assert_not_null(fd_get(&t, 100));
  cr_assert_null(fd_get(&t, 99));
  fd_free(&t);
  cr_assert_eq(fcntl(h4, F_GETFD), -1);
  cr_assert_neq(fcntl(1, F_GETFL), -1);
}
