/* lseek/pread/pwrite/readv/writev/ftruncate/fstat/stat/fcntl/O_APPEND on a
   scratch file; leaves io.dat and sparse.dat behind. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include "common.h"

int main(void) {
  int fd = open("io.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
  CHECK(fd >= 0);
  const char *text = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  CHECK(write(fd, text, 36) == 36);
  printf("lseek cur=%ld\n", (long)lseek(fd, 0, SEEK_CUR));
  printf("lseek set 10=%ld\n", (long)lseek(fd, 10, SEEK_SET));
  char buf[64] = {0};
  CHECK(read(fd, buf, 5) == 5);
  printf("read at 10: %.5s\n", buf);
  printf("lseek end-6=%ld\n", (long)lseek(fd, -6, SEEK_END));
  memset(buf, 0, sizeof buf);
  printf("read to end: %zd [%s]\n", read(fd, buf, sizeof buf), buf);
  printf("read at EOF: %zd\n", read(fd, buf, 1));
  memset(buf, 0, sizeof buf);
  CHECK(pread(fd, buf, 4, 20) == 4);
  printf("pread(4,@20)=%s offset still=%ld\n", buf, (long)lseek(fd, 0, SEEK_CUR));
  CHECK(pwrite(fd, "xyz", 3, 2) == 3);
  printf("after pwrite offset still=%ld\n", (long)lseek(fd, 0, SEEK_CUR));
  errno = 0;
  printf("lseek negative: %ld EINVAL=%s\n", (long)lseek(fd, -100, SEEK_SET), errno == EINVAL ? "yes" : "no");

  struct iovec iov[3] = {{"<<", 2}, {"vectored", 8}, {">>", 2}};
  lseek(fd, 0, SEEK_END);
  printf("writev=%zd\n", writev(fd, iov, 3));
  char p1[4] = {0}, p2[8] = {0};
  struct iovec riov[2] = {{p1, 3}, {p2, 7}};
  lseek(fd, 0, SEEK_SET);
  printf("readv=%zd [%s][%s]\n", readv(fd, riov, 2), p1, p2);
  struct iovec piov[1] = {{buf, 12}};
  memset(buf, 0, sizeof buf);
  printf("preadv=%zd [%s]\n", preadv(fd, piov, 1, 36), buf);

  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  printf("fstat size=%lld regular=%s blksize>0=%s\n", (long long)st.st_size, S_ISREG(st.st_mode) ? "yes" : "no",
         st.st_blksize > 0 ? "yes" : "no");
  CHECK(ftruncate(fd, 20) == 0);
  CHECK(fstat(fd, &st) == 0);
  printf("after ftruncate size=%lld\n", (long long)st.st_size);
  CHECK(ftruncate(fd, 30) == 0);
  memset(buf, 1, sizeof buf);
  CHECK(pread(fd, buf, 10, 20) == 10);
  int zeros = 0;
  for (int i = 0; i < 10; i++) zeros += buf[i] == 0;
  printf("extended region zero bytes=%d\n", zeros);

  int fl = fcntl(fd, F_GETFL);
  printf("F_GETFL accmode O_RDWR: %s\n", (fl & O_ACCMODE) == O_RDWR ? "yes" : "no");
  printf("F_GETFD cloexec: %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
  CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
  printf("F_SETFD then F_GETFD cloexec: %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
  int fd2 = fcntl(fd, F_DUPFD, 10);
  printf("F_DUPFD >= 10: %s\n", fd2 >= 10 ? "yes" : "no");
  printf("dup shares offset: %s\n", lseek(fd, 7, SEEK_SET) == 7 && lseek(fd2, 0, SEEK_CUR) == 7 ? "yes" : "no");
  close(fd2);
  fsync(fd);
  fdatasync(fd);
  close(fd);
  errno = 0;
  printf("read on closed fd: %zd EBADF=%s\n", read(fd, buf, 1), errno == EBADF ? "yes" : "no");

  fd = open("io.dat", O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  lseek(fd, 0, SEEK_SET);
  CHECK(write(fd, "+append", 7) == 7);
  close(fd);
  CHECK(stat("io.dat", &st) == 0);
  printf("O_APPEND size=%lld\n", (long long)st.st_size);
  fd = open("io.dat", O_RDONLY);
  memset(buf, 0, sizeof buf);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  printf("content (%zd):", n);
  for (ssize_t i = 0; i < n; i++) printf(buf[i] ? "%c" : "\\0", buf[i]);
  printf("\n");

  /* sparse file: write far past the end */
  fd = open("sparse.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
  CHECK(fd >= 0);
  CHECK(lseek(fd, 1 << 20, SEEK_SET) == 1 << 20);
  CHECK(write(fd, "end", 3) == 3);
  CHECK(fstat(fd, &st) == 0);
  printf("sparse size=%lld\n", (long long)st.st_size);
  CHECK(pread(fd, buf, 4, 12345) == 4);
  printf("hole reads zeros: %s\n", !buf[0] && !buf[1] && !buf[2] && !buf[3] ? "yes" : "no");
  close(fd);
  FILE *f = fopen("io.dat", "r");
  CHECK(f);
  fseek(f, 5, SEEK_SET);
  printf("fseek/ftell=%ld fgetc=%c\n", ftell(f), fgetc(f));
  rewind(f);
  printf("rewind fgetc=%c\n", fgetc(f));
  fclose(f);
  return 0;
}
