/* Create, write, rename, link and delete files in the current directory (the
   runner gives each run a fresh one).  The files left behind are part of the
   expected output: keep.txt, renamed.txt, big.bin, hard.txt, sym.txt, mode600. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

static int cmpstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *title) {
  DIR *d = opendir(".");
  CHECK(d);
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    CHECK(n < 64);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmpstr);
  printf("%s:", title);
  for (int i = 0; i < n; i++) {
    struct stat st;
    CHECK(lstat(names[i], &st) == 0);
    printf(" %s(%lld%s)", names[i], (long long)st.st_size,
           S_ISLNK(st.st_mode) ? ",link" : S_ISDIR(st.st_mode) ? ",dir" : "");
    free(names[i]);
  }
  printf("\n");
}

static void write_file(const char *name, const char *text) {
  FILE *f = fopen(name, "w");
  CHECK(f);
  CHECK(fputs(text, f) >= 0);
  CHECK(fclose(f) == 0);
}

static void print_file(const char *name) {
  FILE *f = fopen(name, "r");
  if (!f) { printf("%s: cannot open (%s)\n", name, strerror(errno)); return; }
  char line[256];
  printf("%s:\n", name);
  while (fgets(line, sizeof line, f)) printf("  | %s", line);
  fclose(f);
}

int main(void) {
  list_dir("start");
  write_file("keep.txt", "this file stays\nsecond line\n");
  write_file("temp.txt", "this file is deleted\n");
  write_file("old.txt", "this file is renamed\n");
  list_dir("created");

  CHECK(rename("old.txt", "renamed.txt") == 0);
  printf("rename ok; old.txt exists: %s\n", access("old.txt", F_OK) == 0 ? "yes" : "no");
  CHECK(unlink("temp.txt") == 0);
  errno = 0;
  int r = unlink("temp.txt");
  printf("second unlink: %d ENOENT=%s\n", r, errno == ENOENT ? "yes" : "no");
  errno = 0;
  r = open("missing.txt", O_RDONLY);
  printf("open missing: %d ENOENT=%s\n", r, errno == ENOENT ? "yes" : "no");
  errno = 0;
  r = open("keep.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
  printf("O_EXCL on existing: %d EEXIST=%s\n", r, errno == EEXIST ? "yes" : "no");

  /* append mode */
  FILE *f = fopen("keep.txt", "a");
  CHECK(f);
  fprintf(f, "appended %d\n", 3);
  fclose(f);
  print_file("keep.txt");
  print_file("renamed.txt");

  /* raw fd I/O and a bigger file, written in pieces */
  int fd = open("big.bin", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd >= 0);
  unsigned char block[4096];
  uint32_t s = 1;
  for (int i = 0; i < 64; i++) {
    for (size_t k = 0; k < sizeof block; k++) block[k] = (unsigned char)(lcg32(&s) >> 24);
    CHECK(write(fd, block, sizeof block) == (ssize_t)sizeof block);
  }
  CHECK(close(fd) == 0);
  struct stat st;
  CHECK(stat("big.bin", &st) == 0);
  printf("big.bin size=%lld regular=%s\n", (long long)st.st_size, S_ISREG(st.st_mode) ? "yes" : "no");

  /* truncate, hard link, symlink, chmod, rename over an existing file */
  write_file("scratch.txt", "0123456789abcdef");
  CHECK(truncate("scratch.txt", 10) == 0);
  CHECK(stat("scratch.txt", &st) == 0);
  printf("truncated size=%lld\n", (long long)st.st_size);
  CHECK(rename("scratch.txt", "renamed.txt") == 0); /* replaces */
  print_file("renamed.txt");
  printf("\n");
  CHECK(link("keep.txt", "hard.txt") == 0);
  CHECK(stat("keep.txt", &st) == 0);
  printf("keep.txt nlink=%lu\n", (unsigned long)st.st_nlink);
  CHECK(symlink("keep.txt", "sym.txt") == 0);
  char target[64];
  ssize_t n = readlink("sym.txt", target, sizeof target - 1);
  CHECK(n > 0);
  target[n] = 0;
  printf("readlink sym.txt -> %s\n", target);
  write_file("mode600", "private\n");
  CHECK(chmod("mode600", 0600) == 0);
  CHECK(stat("mode600", &st) == 0);
  printf("mode600 mode=%o\n", (unsigned)(st.st_mode & 0777));
  CHECK(unlinkat(AT_FDCWD, "hard.txt", 0) == 0);
  CHECK(linkat(AT_FDCWD, "keep.txt", AT_FDCWD, "hard.txt", 0) == 0);
  list_dir("final");
  return 0;
}
