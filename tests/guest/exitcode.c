/* exitcode WAY STATUS: leave through exit(), _exit() or a return from main.
   Something is printed (buffered, since stdout is not a terminal) before
   leaving, and an atexit handler writes to stderr: exit() and return flush
   and run the handler, _exit() does neither. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_exit_handler(void) { fprintf(stderr, "atexit handler ran\n"); }

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: exitcode exit|_exit|return STATUS\n");
    return 2;
  }
  int status = atoi(argv[2]);
  atexit(on_exit_handler);
  printf("leaving via %s with status %d\n", argv[1], status);
  if (strcmp(argv[1], "exit") == 0) exit(status);
  if (strcmp(argv[1], "_exit") == 0) _exit(status);
  if (strcmp(argv[1], "return") == 0) return status;
  fprintf(stderr, "unknown way %s\n", argv[1]);
  return 2;
}
