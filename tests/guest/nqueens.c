/* N-queens: array backtracking for N=1..9 with the first solution printed,
   bitmask counting for N up to 12. */
#include <stdio.h>

static int cols[16];
static long solutions;
static int first[16], have_first;

static int safe(int row, int c) {
  for (int r = 0; r < row; r++) {
    int d = cols[r] - c;
    if (d == 0 || d == row - r || d == r - row) return 0;
  }
  return 1;
}
static void place(int row, int n) {
  if (row == n) {
    if (!have_first) { for (int i = 0; i < n; i++) first[i] = cols[i]; have_first = 1; }
    solutions++;
    return;
  }
  for (int c = 0; c < n; c++)
    if (safe(row, c)) { cols[row] = c; place(row + 1, n); }
}
static long count_bits(unsigned n, unsigned cols_, unsigned d1, unsigned d2) {
  unsigned all = (1u << n) - 1;
  if (cols_ == all) return 1;
  long total = 0;
  unsigned avail = all & ~(cols_ | d1 | d2);
  while (avail) {
    unsigned bit = avail & -avail;
    avail ^= bit;
    total += count_bits(n, cols_ | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
  }
  return total;
}

int main(void) {
  for (int n = 1; n <= 9; n++) {
    solutions = 0;
    have_first = 0;
    place(0, n);
    printf("N=%d solutions=%ld", n, solutions);
    if (have_first) {
      printf(" first:");
      for (int i = 0; i < n; i++) printf(" %d", first[i]);
    }
    printf("\n");
  }
  solutions = 0; have_first = 0;
  place(0, 8);
  for (int r = 0; r < 8; r++) {
    for (int c = 0; c < 8; c++) putchar(first[r] == c ? 'Q' : '.');
    putchar('\n');
  }
  for (unsigned n = 4; n <= 12; n++) printf("bitmask N=%u: %ld\n", n, count_bits(n, 0, 0, 0));
  return 0;
}
