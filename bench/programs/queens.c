/* queens: count all solutions of the N-queens problem by plain recursive
 * backtracking over column and diagonal occupancy arrays (no bit tricks).
 *
 * Usage: queens [SIZE]   SIZE = board size N (default 13), solved for every
 * board size from 4 to N.  Known counts: N=8 -> 92, N=10 -> 724, N=11 -> 2680.
 * Exercises: deep recursion (calls, returns, stack traffic), short loops,
 * unpredictable branches. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAXN 16

static int n;
static unsigned char col[MAXN], diag1[2 * MAXN], diag2[2 * MAXN];
static int pos[MAXN];
static uint64_t placements;

static uint64_t solve(int row) {
  if (row == n) return 1;
  uint64_t count = 0;
  for (int c = 0; c < n; c++) {
    if (col[c] || diag1[row + c] || diag2[row - c + n - 1]) continue;
    col[c] = diag1[row + c] = diag2[row - c + n - 1] = 1;
    pos[row] = c;
    placements++;
    count += solve(row + 1);
    col[c] = diag1[row + c] = diag2[row - c + n - 1] = 0;
  }
  return count;
}

int main(int argc, char **argv) {
  long maxn = argc > 1 ? strtol(argv[1], NULL, 10) : 13;
  if (maxn < 4) maxn = 4;
  if (maxn > MAXN) maxn = MAXN;
  uint64_t sum = 0;
  uint64_t last = 0;
  for (n = 4; n <= maxn; n++) {
    last = solve(0);
    sum = sum * 1000003u + last;
  }
  if (maxn == 8 && last != 92) return 1;
  if (maxn == 11 && last != 2680) return 1;
  if (maxn == 13 && last != 73712) return 1;
  printf("queens n=%ld solutions=%llu placements=%llu checksum=%016llx\n", maxn,
         (unsigned long long)last, (unsigned long long)placements,
         (unsigned long long)(sum ^ placements));
  return 0;
}
