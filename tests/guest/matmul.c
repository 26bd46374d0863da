/* Integer matrix multiplication: int64 (naive, transposed and blocked must
   agree), uint32 with wraparound, and a modular matrix power (Fibonacci). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common.h"

#define N 160

static int64_t A[N][N], B[N][N], C1[N][N], C2[N][N], C3[N][N], BT[N][N];

int main(void) {
  rng_t r = {314159};
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = (int64_t)rng_below(&r, 2001) - 1000;
      B[i][j] = (int64_t)rng_below(&r, 2001) - 1000;
    }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int64_t s = 0;
      for (int k = 0; k < N; k++) s += A[i][k] * B[k][j];
      C1[i][j] = s;
    }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) BT[j][i] = B[i][j];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int64_t s = 0;
      for (int k = 0; k < N; k++) s += A[i][k] * BT[j][k];
      C2[i][j] = s;
    }
  enum { BS = 32 };
  for (int ii = 0; ii < N; ii += BS)
    for (int kk = 0; kk < N; kk += BS)
      for (int jj = 0; jj < N; jj += BS)
        for (int i = ii; i < ii + BS; i++)
          for (int k = kk; k < kk + BS; k++) {
            int64_t a = A[i][k];
            for (int j = jj; j < jj + BS; j++) C3[i][j] += a * B[k][j];
          }
  printf("naive == transposed: %s\n", memcmp(C1, C2, sizeof C1) == 0 ? "yes" : "no");
  printf("naive == blocked: %s\n", memcmp(C1, C3, sizeof C1) == 0 ? "yes" : "no");
  int64_t trace = 0, minv = INT64_MAX, maxv = INT64_MIN;
  for (int i = 0; i < N; i++) {
    trace += C1[i][i];
    for (int j = 0; j < N; j++) { if (C1[i][j] < minv) minv = C1[i][j]; if (C1[i][j] > maxv) maxv = C1[i][j]; }
  }
  printf("trace=%lld min=%lld max=%lld C[17][42]=%lld crc=%08x\n", (long long)trace, (long long)minv,
         (long long)maxv, (long long)C1[17][42], crc32(C1, sizeof C1));

  /* uint32 with wraparound */
  static uint32_t U[64][64], V[64][64], W[64][64];
  uint32_t s = 7;
  for (int i = 0; i < 64; i++)
    for (int j = 0; j < 64; j++) { U[i][j] = lcg32(&s); V[i][j] = lcg32(&s); }
  for (int i = 0; i < 64; i++)
    for (int j = 0; j < 64; j++) {
      uint32_t acc = 0;
      for (int k = 0; k < 64; k++) acc += U[i][k] * V[k][j];
      W[i][j] = acc;
    }
  printf("u32 wrap product crc=%08x W[0][0]=%u W[63][63]=%u\n", crc32(W, sizeof W), W[0][0], W[63][63]);

  /* [[1,1],[1,0]]^n mod p gives Fibonacci numbers */
  const uint64_t p = 1000000007ull;
  uint64_t ns[] = {10, 90, 1000, 1000000, 1000000000000ull};
  for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++) {
    uint64_t m[2][2] = {{1, 1}, {1, 0}}, res[2][2] = {{1, 0}, {0, 1}}, tmp[2][2];
    for (uint64_t e = ns[t]; e; e >>= 1) {
      if (e & 1) {
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) tmp[i][j] = (res[i][0] * m[0][j] + res[i][1] * m[1][j]) % p;
        memcpy(res, tmp, sizeof tmp);
      }
      for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) tmp[i][j] = (m[i][0] * m[0][j] + m[i][1] * m[1][j]) % p;
      memcpy(m, tmp, sizeof tmp);
    }
    printf("fib(%llu) mod 1e9+7 = %llu\n", (unsigned long long)ns[t], (unsigned long long)res[0][1]);
  }
  return 0;
}
