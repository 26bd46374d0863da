/* vm: a small stack-machine bytecode interpreter (a switch in a loop, the
 * same shape as Amanatsu's own hot loop) running a bytecode program that
 * computes, for every n below a limit, the length of its Collatz sequence
 * and a running hash of the lengths, plus a recursive Fibonacci call.
 *
 * Usage: vm [SIZE]   SIZE = Collatz limit (default 30000).
 * Exercises: indirect jumps (switch dispatch), unpredictable branches,
 * loads/stores to a small operand stack. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op {
  OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_SHR, OP_AND, OP_XOR,
  OP_DUP, OP_DROP, OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET, OP_ARG,
};

#define STACK 1024
#define NVARS 16

static int64_t run(const int32_t *code, int64_t *vars) {
  int64_t stack[STACK];
  int64_t *sp = stack;        /* next free slot */
  int32_t rstack[256];        /* return addresses */
  int64_t *fstack[256];       /* frame pointers (first argument) */
  int rsp = 0;
  int64_t *fp = stack;
  int32_t pc = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
    case OP_HALT: return sp > stack ? sp[-1] : 0;
    case OP_PUSH: *sp++ = code[pc++]; break;
    case OP_LOAD: *sp++ = vars[code[pc++]]; break;
    case OP_STORE: vars[code[pc++]] = *--sp; break;
    case OP_ADD: sp--; sp[-1] = (int64_t)((uint64_t)sp[-1] + (uint64_t)sp[0]); break;
    case OP_SUB: sp--; sp[-1] = (int64_t)((uint64_t)sp[-1] - (uint64_t)sp[0]); break;
    case OP_MUL: sp--; sp[-1] = (int64_t)((uint64_t)sp[-1] * (uint64_t)sp[0]); break;
    case OP_SHR: sp--; sp[-1] = (int64_t)((uint64_t)sp[-1] >> (sp[0] & 63)); break;
    case OP_AND: sp--; sp[-1] &= sp[0]; break;
    case OP_XOR: sp--; sp[-1] ^= sp[0]; break;
    case OP_DUP: sp[0] = sp[-1]; sp++; break;
    case OP_DROP: sp--; break;
    case OP_LT: sp--; sp[-1] = sp[-1] < sp[0]; break;
    case OP_EQ: sp--; sp[-1] = sp[-1] == sp[0]; break;
    case OP_JMP: pc = code[pc]; break;
    case OP_JZ: pc = *--sp ? pc + 1 : code[pc]; break;
    case OP_JNZ: pc = *--sp ? code[pc] : pc + 1; break;
    case OP_CALL: /* CALL target nargs */
      rstack[rsp] = pc + 2;
      fstack[rsp++] = fp;
      fp = sp - code[pc + 1];
      pc = code[pc];
      break;
    case OP_RET: { /* result on top; pop arguments */
      int64_t r = sp[-1];
      sp = fp;
      *sp++ = r;
      fp = fstack[--rsp];
      pc = rstack[rsp];
      break;
    }
    case OP_ARG: *sp++ = fp[code[pc++]]; break;
    default: return -1;
    }
  }
}

/* A tiny assembler with backpatching. */
static int32_t code[512];
static int ncode;
static int emit(int32_t v) { code[ncode] = v; return ncode++; }

enum { V_N, V_X, V_LEN, V_HASH, V_LIMIT, V_MAXLEN };

int main(int argc, char **argv) {
  long limit = argc > 1 ? strtol(argv[1], NULL, 10) : 30000;
  if (limit < 2) limit = 2;

  /* for (n = 1; n < limit; n++) {
   *   x = n; len = 0;
   *   while (x != 1) { x = (x & 1) ? 3x+1 : x >> 1; len++; }
   *   hash = (hash ^ len) * 1099511628211;
   *   if (maxlen < len) maxlen = len;
   * }
   * return hash ^ fib(22) */
  emit(OP_PUSH); emit(1); emit(OP_STORE); emit(V_N);
  int outer = ncode;
  emit(OP_LOAD); emit(V_N); emit(OP_LOAD); emit(V_LIMIT); emit(OP_LT);
  emit(OP_JZ); int exit_patch = emit(0);
  emit(OP_LOAD); emit(V_N); emit(OP_STORE); emit(V_X);
  emit(OP_PUSH); emit(0); emit(OP_STORE); emit(V_LEN);
  int inner = ncode;
  emit(OP_LOAD); emit(V_X); emit(OP_PUSH); emit(1); emit(OP_EQ);
  emit(OP_JNZ); int inner_exit = emit(0);
  emit(OP_LOAD); emit(V_X); emit(OP_PUSH); emit(1); emit(OP_AND);
  emit(OP_JZ); int even_patch = emit(0);
  emit(OP_LOAD); emit(V_X); emit(OP_PUSH); emit(3); emit(OP_MUL); emit(OP_PUSH); emit(1); emit(OP_ADD);
  emit(OP_JMP); int join_patch = emit(0);
  code[even_patch] = ncode;
  emit(OP_LOAD); emit(V_X); emit(OP_PUSH); emit(1); emit(OP_SHR);
  code[join_patch] = ncode;
  emit(OP_STORE); emit(V_X);
  emit(OP_LOAD); emit(V_LEN); emit(OP_PUSH); emit(1); emit(OP_ADD); emit(OP_STORE); emit(V_LEN);
  emit(OP_JMP); emit(inner);
  code[inner_exit] = ncode;
  emit(OP_LOAD); emit(V_HASH); emit(OP_LOAD); emit(V_LEN); emit(OP_XOR);
  emit(OP_PUSH); emit(0x1b3); emit(OP_PUSH); emit(1 << 20); emit(OP_PUSH); emit(1 << 20);
  emit(OP_MUL); emit(OP_ADD); /* 2^40 + 0x1b3 = FNV-64 prime */
  emit(OP_MUL); emit(OP_STORE); emit(V_HASH);
  emit(OP_LOAD); emit(V_MAXLEN); emit(OP_LOAD); emit(V_LEN); emit(OP_LT);
  emit(OP_JZ); int nomax = emit(0);
  emit(OP_LOAD); emit(V_LEN); emit(OP_STORE); emit(V_MAXLEN);
  code[nomax] = ncode;
  emit(OP_LOAD); emit(V_N); emit(OP_PUSH); emit(1); emit(OP_ADD); emit(OP_STORE); emit(V_N);
  emit(OP_JMP); emit(outer);
  code[exit_patch] = ncode;
  emit(OP_LOAD); emit(V_HASH);
  emit(OP_PUSH); emit(22); emit(OP_CALL); int fib_patch = emit(0); emit(1);
  emit(OP_XOR);
  emit(OP_HALT);
  /* fib(a) = a < 2 ? a : fib(a-1) + fib(a-2) */
  int fib = ncode;
  code[fib_patch] = fib;
  emit(OP_ARG); emit(0); emit(OP_PUSH); emit(2); emit(OP_LT);
  emit(OP_JZ); int rec = emit(0);
  emit(OP_ARG); emit(0); emit(OP_RET);
  code[rec] = ncode;
  emit(OP_ARG); emit(0); emit(OP_PUSH); emit(1); emit(OP_SUB); emit(OP_CALL); emit(fib); emit(1);
  emit(OP_ARG); emit(0); emit(OP_PUSH); emit(2); emit(OP_SUB); emit(OP_CALL); emit(fib); emit(1);
  emit(OP_ADD); emit(OP_RET);

  int64_t vars[NVARS] = {0};
  vars[V_LIMIT] = limit;
  vars[V_HASH] = (int64_t)0xcbf29ce484222325ull;
  int64_t r = run(code, vars);
  printf("vm limit=%ld maxlen=%lld checksum=%016llx\n", limit, (long long)vars[V_MAXLEN],
         (unsigned long long)r);
  return 0;
}
