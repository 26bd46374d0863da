/* Process facts printed only as yes/no or portable values: getpid & co,
   /proc/self/exe, uname sysname, getrandom, sysinfo-free resource calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "common.h"

int main(int argc, char **argv) {
  (void)argc;
  pid_t pid = getpid();
  printf("getpid > 0: %s\n", pid > 0 ? "yes" : "no");
  printf("getppid > 0: %s\n", getppid() > 0 ? "yes" : "no");
  printf("gettid == getpid: %s\n", (pid_t)syscall(SYS_gettid) == pid ? "yes" : "no");
  printf("getpid stable: %s\n", getpid() == pid ? "yes" : "no");
  printf("getpgrp >= 0: %s getsid >= 0: %s\n", getpgrp() >= 0 ? "yes" : "no", getsid(0) >= 0 ? "yes" : "no");
  printf("uid==euid: %s gid==egid: %s\n", getuid() == geteuid() ? "yes" : "no", getgid() == getegid() ? "yes" : "no");

  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) exe[n] = 0;
  const char *me = base_name(argv[0]);
  size_t ml = strlen(me);
  printf("/proc/self/exe ends with /%s: %s\n", me,
         n > 0 && (size_t)n > ml && strcmp(exe + n - ml, me) == 0 && exe[n - ml - 1] == '/' ? "yes" : "no");
  printf("/proc/self/exe absolute: %s\n", n > 0 && exe[0] == '/' ? "yes" : "no");

  struct utsname u;
  CHECK(uname(&u) == 0);
  printf("uname sysname=%s\n", u.sysname);
  printf("uname machine non-empty: %s\n", u.machine[0] ? "yes" : "no");

  unsigned char rnd[64];
  memset(rnd, 0, sizeof rnd);
  ssize_t g = getrandom(rnd, 32, 0);
  printf("getrandom(32) returned %zd\n", g);
  g = getrandom(rnd, 64, GRND_NONBLOCK);
  printf("getrandom(64, NONBLOCK) returned %zd\n", g);
  int nonzero = 0;
  for (int i = 0; i < 64; i++) nonzero += rnd[i] != 0;
  printf("getrandom filled something: %s\n", nonzero > 8 ? "yes" : "no");
  printf("getentropy(16)=%d\n", getentropy(rnd, 16));

  struct rlimit rl;
  printf("getrlimit(RLIMIT_STACK) ok: %s\n", getrlimit(RLIMIT_STACK, &rl) == 0 ? "yes" : "no");
  printf("getrlimit(RLIMIT_NOFILE) cur>=3: %s\n", getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 3 ? "yes" : "no");
  struct rusage ru;
  printf("getrusage ok: %s\n", getrusage(RUSAGE_SELF, &ru) == 0 ? "yes" : "no");
  printf("umask previous=%03o\n", (unsigned)umask(077));
  printf("umask now=%03o\n", (unsigned)umask(022));
  errno = 0;
  long r = syscall(999999);
  printf("unknown syscall: %ld ENOSYS=%s\n", r, errno == ENOSYS ? "yes" : "no");
  printf("isatty(0..2): %d %d %d\n", isatty(0), isatty(1), isatty(2));
  return 0;
}
