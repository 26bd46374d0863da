/* getcwd/chdir/mkdir/rmdir/opendir/readdir/fchdir/mkdirat/renameat, printing
   only paths relative to the starting directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

static char start[PATH_MAX];

static void where(const char *label) {
  char cwd[PATH_MAX];
  CHECK(getcwd(cwd, sizeof cwd) != NULL);
  size_t n = strlen(start);
  if (strncmp(cwd, start, n) == 0) printf("%s: cwd=.%s\n", label, cwd + n);
  else printf("%s: cwd outside start (%s)\n", label, strcmp(cwd, "/") == 0 ? "/" : "elsewhere");
}
static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static void ls(const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("ls %s: %s\n", path, strerror(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    CHECK(n < 64);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmpstr);
  printf("ls %s:", path);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(void) {
  CHECK(getcwd(start, sizeof start) != NULL);
  printf("getcwd absolute: %s\n", start[0] == '/' ? "yes" : "no");
  char small[2];
  errno = 0;
  printf("getcwd tiny buffer: %s ERANGE=%s\n", getcwd(small, sizeof small) ? "ok" : "NULL", errno == ERANGE ? "yes" : "no");
  char *dyn = getcwd(NULL, 0);
  printf("getcwd(NULL,0) matches: %s\n", dyn && strcmp(dyn, start) == 0 ? "yes" : "no");
  free(dyn);
  where("start");
  CHECK(mkdir("a", 0755) == 0);
  CHECK(mkdir("a/b", 0755) == 0);
  CHECK(mkdir("a/b/c", 0700) == 0);
  errno = 0;
  printf("mkdir existing: %d EEXIST=%s\n", mkdir("a", 0755), errno == EEXIST ? "yes" : "no");
  errno = 0;
  printf("mkdir missing parent: %d ENOENT=%s\n", mkdir("x/y", 0755), errno == ENOENT ? "yes" : "no");
  struct stat st;
  CHECK(stat("a/b/c", &st) == 0);
  printf("a/b/c is dir: %s mode=%o\n", S_ISDIR(st.st_mode) ? "yes" : "no", (unsigned)(st.st_mode & 0777));
  CHECK(chdir("a/b") == 0);
  where("after chdir a/b");
  FILE *f = fopen("file-in-b", "w");
  CHECK(f);
  fputs("hi\n", f);
  fclose(f);
  CHECK(chdir("..") == 0);
  where("after chdir ..");
  ls(".");
  ls("b");
  int fd = open("b/c", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0);
  CHECK(fchdir(fd) == 0);
  where("after fchdir b/c");
  CHECK(mkdirat(fd, "made-by-mkdirat", 0755) == 0);
  close(fd);
  CHECK(chdir(start) == 0);
  where("back at start");
  int dfd = open("a", O_RDONLY | O_DIRECTORY);
  CHECK(dfd >= 0);
  CHECK(renameat(dfd, "b/file-in-b", AT_FDCWD, "moved-out") == 0);
  CHECK(fstatat(dfd, "b/c/made-by-mkdirat", &st, 0) == 0 && S_ISDIR(st.st_mode));
  close(dfd);
  errno = 0;
  printf("rmdir non-empty: %d ENOTEMPTY=%s\n", rmdir("a/b"), errno == ENOTEMPTY || errno == EEXIST ? "yes" : "no");
  CHECK(rmdir("a/b/c/made-by-mkdirat") == 0);
  CHECK(rmdir("a/b/c") == 0);
  CHECK(rmdir("a/b") == 0);
  errno = 0;
  printf("chdir into removed: %d ENOENT=%s\n", chdir("a/b"), errno == ENOENT ? "yes" : "no");
  errno = 0;
  printf("chdir into a file: %d ENOTDIR=%s\n", chdir("moved-out"), errno == ENOTDIR ? "yes" : "no");
  CHECK(mkdir("kept", 0750) == 0);
  CHECK(mkdir("kept/inner", 0755) == 0);
  ls(".");
  ls("a");
  return 0;
}
