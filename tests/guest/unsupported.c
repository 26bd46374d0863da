/* System calls Amanatsu does not implement: fork (clone) twice, a Unix
   socket (glibc's nscd probe makes one: not named), an Internet one, and a
   number Linux does not have.  Each returns ENOSYS; unsupported.sh checks
   that Amanatsu names clone and socket, once each, and nothing else. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(const char *what, long r) {
  printf("%s: %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
  report("fork", (long)fork());
  report("fork again", (long)fork());
  report("unix socket", (long)socket(AF_UNIX, SOCK_STREAM, 0));
  report("socket", (long)socket(AF_INET, SOCK_STREAM, 0));
  report("syscall 999999", syscall(999999));
  return 0;
}
