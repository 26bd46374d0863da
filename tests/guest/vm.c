/* A small stack-based bytecode VM (with calls, locals and a jump table via
   switch), a recursive-descent expression evaluator and a Brainfuck
   interpreter. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

enum { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVI, MOD, LT, EQ, NOT, JMP, JZ, CALL, RET,
       LOAD, STORE, ARG, PRINT, HALT, AND, OR, SHL, SHR };

typedef struct { int64_t stack[4096]; int sp; int64_t frames[1024][3]; int fp; int64_t locals[64]; uint64_t steps; } vm_t;

static void run(vm_t *m, const int64_t *code, int pc) {
  m->sp = 0; m->fp = 0;
  for (;;) {
    m->steps++;
    int64_t op = code[pc++], a, b;
    switch (op) {
      case PUSH: m->stack[m->sp++] = code[pc++]; break;
      case POP: m->sp--; break;
      case DUP: m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; break;
      case SWAP: a = m->stack[m->sp - 1]; m->stack[m->sp - 1] = m->stack[m->sp - 2]; m->stack[m->sp - 2] = a; break;
      case OVER: m->stack[m->sp] = m->stack[m->sp - 2]; m->sp++; break;
      case ADD: b = m->stack[--m->sp]; m->stack[m->sp - 1] += b; break;
      case SUB: b = m->stack[--m->sp]; m->stack[m->sp - 1] -= b; break;
      case MUL: b = m->stack[--m->sp]; m->stack[m->sp - 1] = (int64_t)((uint64_t)m->stack[m->sp - 1] * (uint64_t)b); break;
      case DIVI: b = m->stack[--m->sp]; CHECK(b != 0); m->stack[m->sp - 1] /= b; break;
      case MOD: b = m->stack[--m->sp]; CHECK(b != 0); m->stack[m->sp - 1] %= b; break;
      case LT: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] < b; break;
      case EQ: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] == b; break;
      case NOT: m->stack[m->sp - 1] = !m->stack[m->sp - 1]; break;
      case AND: b = m->stack[--m->sp]; m->stack[m->sp - 1] &= b; break;
      case OR: b = m->stack[--m->sp]; m->stack[m->sp - 1] |= b; break;
      case SHL: b = m->stack[--m->sp]; m->stack[m->sp - 1] = (int64_t)((uint64_t)m->stack[m->sp - 1] << (b & 63)); break;
      case SHR: b = m->stack[--m->sp]; m->stack[m->sp - 1] = (int64_t)((uint64_t)m->stack[m->sp - 1] >> (b & 63)); break;
      case JMP: pc = (int)code[pc]; break;
      case JZ: a = m->stack[--m->sp]; pc = a ? pc + 1 : (int)code[pc]; break;
      case CALL: /* CALL target nargs: args stay on the stack, frame remembers base */
        m->frames[m->fp][0] = pc + 2; m->frames[m->fp][1] = m->sp - code[pc + 1]; m->frames[m->fp][2] = code[pc + 1];
        m->fp++; pc = (int)code[pc]; break;
      case RET: /* result on top; drop args */
        a = m->stack[--m->sp]; m->fp--; m->sp = (int)m->frames[m->fp][1]; m->stack[m->sp++] = a;
        pc = (int)m->frames[m->fp][0]; break;
      case ARG: m->stack[m->sp] = m->stack[m->frames[m->fp - 1][1] + code[pc++]]; m->sp++; break;
      case LOAD: m->stack[m->sp++] = m->locals[code[pc++]]; break;
      case STORE: m->locals[code[pc++]] = m->stack[--m->sp]; break;
      case PRINT: printf("vm: %lld\n", (long long)m->stack[--m->sp]); break;
      case HALT: return;
      default: printf("bad opcode %lld\n", (long long)op); return;
    }
    CHECK(m->sp >= 0 && m->sp < 4000 && m->fp < 1024);
  }
}

/* expression evaluator: + - * / % ( ) unary -, integers */
static const char *ep;
static int64_t expr(void);
static void skip(void) { while (*ep == ' ') ep++; }
static int64_t atom(void) {
  skip();
  if (*ep == '(') { ep++; int64_t v = expr(); skip(); CHECK(*ep == ')'); ep++; return v; }
  if (*ep == '-') { ep++; return -atom(); }
  int64_t v = 0;
  CHECK(isdigit((unsigned char)*ep));
  while (isdigit((unsigned char)*ep)) v = v * 10 + (*ep++ - '0');
  return v;
}
static int64_t term(void) {
  int64_t v = atom();
  for (;;) {
    skip();
    char c = *ep;
    if (c != '*' && c != '/' && c != '%') return v;
    ep++;
    int64_t r = atom();
    if (c == '*') v *= r; else { CHECK(r != 0); v = c == '/' ? v / r : v % r; }
  }
}
static int64_t expr(void) {
  int64_t v = term();
  for (;;) {
    skip();
    if (*ep == '+') { ep++; v += term(); }
    else if (*ep == '-') { ep++; v -= term(); }
    else return v;
  }
}

static void bf(const char *prog, const char *input) {
  static uint8_t tape[30000];
  memset(tape, 0, sizeof tape);
  size_t ptr = 0, n = strlen(prog);
  static int match[4096];
  int st[256], sp = 0;
  for (size_t i = 0; i < n; i++) {
    if (prog[i] == '[') st[sp++] = (int)i;
    else if (prog[i] == ']') { int j = st[--sp]; match[i] = j; match[j] = (int)i; }
  }
  for (size_t pc = 0; pc < n; pc++) {
    switch (prog[pc]) {
      case '>': ptr++; break;
      case '<': ptr--; break;
      case '+': tape[ptr]++; break;
      case '-': tape[ptr]--; break;
      case '.': putchar(tape[ptr]); break;
      case ',': tape[ptr] = *input ? (uint8_t)*input++ : 0; break;
      case '[': if (!tape[ptr]) pc = (size_t)match[pc]; break;
      case ']': if (tape[ptr]) pc = (size_t)match[pc]; break;
    }
  }
}

int main(void) {
  static vm_t m;
  /* fib(n) recursive: f(n) = n < 2 ? n : f(n-1) + f(n-2), called from main */
  int64_t code[256];
  int n = 0;
#define E(x) code[n++] = (x)
  /* main: */
  E(PUSH); E(24); E(CALL); int call1 = n; E(0); E(1); E(PRINT);
  /* loop: sum of i*i for i in 0..99999 -> local0 = i, local1 = acc */
  E(PUSH); E(0); E(STORE); E(0); E(PUSH); E(0); E(STORE); E(1);
  int loop = n;
  E(LOAD); E(0); E(PUSH); E(100000); E(LT); E(JZ); int jz1 = n; E(0);
  E(LOAD); E(1); E(LOAD); E(0); E(DUP); E(MUL); E(ADD); E(STORE); E(1);
  E(LOAD); E(0); E(PUSH); E(1); E(ADD); E(STORE); E(0); E(JMP); E(loop);
  code[jz1] = n;
  E(LOAD); E(1); E(PRINT);
  /* gcd(1071*7919, 462*7919) via loop with MOD */
  E(PUSH); E(1071 * 7919); E(STORE); E(2); E(PUSH); E(462 * 7919); E(STORE); E(3);
  int gl = n;
  E(LOAD); E(3); E(PUSH); E(0); E(EQ); E(NOT); E(JZ); int jz2 = n; E(0);
  E(LOAD); E(2); E(LOAD); E(3); E(MOD); E(LOAD); E(3); E(STORE); E(2); E(STORE); E(3); E(JMP); E(gl);
  code[jz2] = n;
  E(LOAD); E(2); E(PRINT);
  E(PUSH); E(1); E(PUSH); E(40); E(SHL); E(PUSH); E(0xff); E(OR); E(PUSH); E(3); E(SHR); E(PRINT);
  E(HALT);
  /* fib function */
  int fib = n;
  code[call1] = fib;
  E(ARG); E(0); E(PUSH); E(2); E(LT); E(JZ); int jz3 = n; E(0);
  E(ARG); E(0); E(RET);
  code[jz3] = n;
  E(ARG); E(0); E(PUSH); E(1); E(SUB); E(CALL); E(fib); E(1);
  E(ARG); E(0); E(PUSH); E(2); E(SUB); E(CALL); E(fib); E(1);
  E(ADD); E(RET);
  CHECK(n < 256);
  run(&m, code, 0);
  printf("vm steps=%llu\n", (unsigned long long)m.steps);

  const char *exprs[] = {"1 + 2 * 3", "(1 + 2) * 3", "100 / 7 % 4", "-(3 - 10) * -2",
                         "2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2*2 - 1",
                         "((((((((((1))))))))))+((2)*(3))-(-4)", "123456789 * 987654321 % 1000000007"};
  for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
    ep = exprs[i];
    int64_t v = expr();
    printf("expr %s = %lld\n", exprs[i], (long long)v);
  }

  bf("++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++.", "");
  bf(",[.,]", "echo via brainfuck\n");
  /* bf: print squares 0..10000 style program is too long; do an addition */
  bf("++++++[>++++++++<-]>>++++[<++>-]<.", "");
  putchar('\n');
  return 0;
}
