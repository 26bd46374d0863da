/* Snapshot test guest: copies input.dat to output.dat in small chunks,
 * transformed (ROT13 on letters, a chunk header in front of each chunk),
 * printing progress on stdout.  Used to check that a run restored while both
 * files are open (one half read, the other half written) finishes exactly
 * as an uninterrupted run does.
 *
 *   filecopy [--output-first]   (--output-first opens output.dat before input.dat)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned char rot13(unsigned char c) {
  if (c >= 'a' && c <= 'z') return (unsigned char)('a' + (c - 'a' + 13) % 26);
  if (c >= 'A' && c <= 'Z') return (unsigned char)('A' + (c - 'A' + 13) % 26);
  return c;
}

int main(int argc, char **argv) {
  int out_first = argc > 1 && strcmp(argv[1], "--output-first") == 0;
  int in = -1, out = -1;
  if (out_first) out = open("output.dat", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  in = open("input.dat", O_RDONLY);
  if (!out_first) out = open("output.dat", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0) {
    perror("filecopy: open");
    return 2;
  }
  unsigned char buf[61], obuf[128];
  unsigned long total = 0, chunks = 0, crc = 2166136261u;
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0) {
      perror("filecopy: read");
      return 3;
    }
    if (n == 0) break;
    int h = snprintf((char *)obuf, sizeof obuf, "[%lu]", chunks);
    for (ssize_t i = 0; i < n; i++) {
      obuf[h + i] = rot13(buf[i]);
      crc = (crc ^ buf[i]) * 16777619u % 4294967296u;
    }
    if (write(out, obuf, (size_t)h + (size_t)n) != h + n) {
      perror("filecopy: write");
      return 4;
    }
    total += (unsigned long)n;
    chunks++;
    if (chunks % 200 == 0) printf("copied %lu bytes in %lu chunks\n", total, chunks);
  }
  close(in);
  if (close(out) != 0) return 5;
  printf("done: %lu bytes, %lu chunks, fnv %08lx\n", total, chunks, crc);
  return 0;
}
