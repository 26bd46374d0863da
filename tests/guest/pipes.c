/* pipe/pipe2/dup/dup2/dup3 within one process: write into a pipe and read it
   back, redirect stdout into a pipe with dup2 and restore it, poll, EOF and
   EPIPE (SIGPIPE ignored) behaviour. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  const char *msg = "through the pipe";
  printf("write=%zd\n", write(p[1], msg, strlen(msg)));
  char buf[256] = {0};
  printf("read=%zd [%s]\n", read(p[0], buf, sizeof buf - 1), buf);

  /* several writes, partial reads */
  for (int i = 0; i < 10; i++) {
    char line[16];
    int n = snprintf(line, sizeof line, "chunk%d;", i);
    CHECK(write(p[1], line, (size_t)n) == n);
  }
  memset(buf, 0, sizeof buf);
  size_t got = 0;
  while (got < 30) {
    ssize_t r = read(p[0], buf + got, 7);
    CHECK(r > 0);
    got += (size_t)r;
  }
  printf("partial reads got %zu: %.30s\n", got, buf);
  struct pollfd pf = {p[0], POLLIN, 0};
  printf("poll readable with data left: %d revents POLLIN=%s\n", poll(&pf, 1, 0), pf.revents & POLLIN ? "yes" : "no");
  memset(buf, 0, sizeof buf);
  printf("rest=%zd [%s]\n", read(p[0], buf, sizeof buf - 1), buf);
  pf.revents = 0;
  printf("poll on empty pipe: %d\n", poll(&pf, 1, 0));

  /* stdout redirected into the pipe */
  fflush(stdout);
  int saved = dup(1);
  CHECK(saved > 2);
  CHECK(dup2(p[1], 1) == 1);
  printf("this line went through the pipe via stdout");
  fflush(stdout);
  CHECK(dup2(saved, 1) == 1);
  close(saved);
  memset(buf, 0, sizeof buf);
  printf("captured from stdout: [%.*s]\n", (int)read(p[0], buf, sizeof buf - 1), buf);

  /* dup3 with O_CLOEXEC and pipe2 flags */
  int q = dup3(p[1], 20, O_CLOEXEC);
  printf("dup3 -> %d cloexec=%d\n", q, fcntl(q, F_GETFD) & FD_CLOEXEC);
  close(q);
  errno = 0;
  printf("dup2 same fd: %d\n", dup2(p[0], p[0]) == p[0]);
  printf("dup3 same fd: %d EINVAL=%s\n", dup3(p[0], p[0], 0), errno == EINVAL ? "yes" : "no");
  int r2[2];
  CHECK(pipe2(r2, O_CLOEXEC | O_NONBLOCK) == 0);
  printf("pipe2 cloexec=%d nonblock=%s\n", fcntl(r2[0], F_GETFD) & FD_CLOEXEC, fcntl(r2[0], F_GETFL) & O_NONBLOCK ? "yes" : "no");
  errno = 0;
  printf("nonblocking read on empty: %zd EAGAIN=%s\n", read(r2[0], buf, 1), errno == EAGAIN ? "yes" : "no");
  /* fill the pipe until EAGAIN to learn it holds at least 4096 bytes */
  static char blob[4096];
  long total = 0;
  for (;;) {
    ssize_t w = write(r2[1], blob, sizeof blob);
    if (w < 0) { CHECK(errno == EAGAIN); break; }
    total += w;
    if (total > (1 << 22)) break;
  }
  printf("pipe capacity >= 4096: %s\n", total >= 4096 ? "yes" : "no");
  long drained = 0;
  for (;;) {
    ssize_t r = read(r2[0], blob, sizeof blob);
    if (r <= 0) break;
    drained += r;
  }
  printf("drained everything written: %s\n", drained == total ? "yes" : "no");
  close(r2[0]);
  close(r2[1]);

  /* EOF after the writer closes, EPIPE after the reader closes */
  CHECK(write(p[1], "last", 4) == 4);
  close(p[1]);
  memset(buf, 0, sizeof buf);
  printf("read before EOF=%zd [%s]\n", read(p[0], buf, sizeof buf), buf);
  printf("read at EOF=%zd\n", read(p[0], buf, sizeof buf));
  close(p[0]);
  signal(SIGPIPE, SIG_IGN);
  CHECK(pipe(p) == 0);
  close(p[0]);
  errno = 0;
  printf("write to closed reader: %zd EPIPE=%s\n", write(p[1], "x", 1), errno == EPIPE ? "yes" : "no");
  close(p[1]);
  /* FILE streams over a pipe */
  CHECK(pipe(p) == 0);
  FILE *w = fdopen(p[1], "w"), *rd = fdopen(p[0], "r");
  CHECK(w && rd);
  for (int i = 1; i <= 5; i++) fprintf(w, "%d squared is %d\n", i, i * i);
  fclose(w);
  char line[64];
  while (fgets(line, sizeof line, rd)) printf("fdopen: %s", line);
  fclose(rd);
  return 0;
}
