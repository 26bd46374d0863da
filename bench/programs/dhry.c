/* dhry: a Dhrystone-like mix of the statement kinds typical of systems code:
 * records reached through pointers, string copies and comparisons, small
 * procedures, enumerations, global and local arrays, integer arithmetic.
 * Written here in the spirit of Dhrystone 2.1, not a copy of it: its numbers
 * are not Dhrystone scores.
 *
 * Usage: dhry [SIZE]   SIZE = number of loop iterations (default 3200000).
 * Exercises: calls and returns, struct copies, strcpy/strcmp from the C
 * library, short branches. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum colour { RED, GREEN, BLUE, CYAN, MAGENTA };

struct record {
  struct record *next;
  enum colour kind;
  int ival;
  int count;
  char text[32];
};

static struct record *glob_ptr;
static int glob_int;
static unsigned char glob_ch1, glob_ch2;
static int glob_bool;
static int arr1[64];
static int arr2[64][64];

static __attribute__((noinline)) enum colour pick(unsigned char c1, unsigned char c2) {
  unsigned char loc = c1;
  if (loc != c2) return RED;
  glob_ch1 = loc;
  return GREEN;
}

static __attribute__((noinline)) int compare_strings(const char *s1, const char *s2) {
  int i = 2;
  unsigned char loc = 'A';
  while (i <= 2) {
    if (pick((unsigned char)s1[i], (unsigned char)s2[i + 1]) == RED) {
      loc = 'A';
      i++;
    }
  }
  if (loc >= 'W' && loc < 'Z') i = 7;
  if (loc == 'R') return 1;
  if (strcmp(s1, s2) > 0) {
    glob_int = i + 7;
    return 1;
  }
  return 0;
}

static __attribute__((noinline)) int is_good(enum colour c) { return c == CYAN; }

static __attribute__((noinline)) void classify(enum colour in, enum colour *out) {
  *out = in;
  if (!is_good(in)) *out = MAGENTA;
  switch (in) {
  case RED: *out = RED; break;
  case GREEN: *out = glob_int > 100 ? RED : MAGENTA; break;
  case BLUE: *out = GREEN; break;
  case CYAN: break;
  case MAGENTA: *out = BLUE; break;
  }
}

static __attribute__((noinline)) void add_offset(int a, int b, int *out) { *out = b + a + 2; }

static __attribute__((noinline)) void fill_arrays(int a1[64], int a2[64][64], int i1, int i2) {
  int loc = i1 + 5;
  a1[loc] = i2;
  a1[loc + 1] = a1[loc];
  a1[loc + 30] = loc;
  for (int j = loc; j <= loc + 1; j++) a2[loc][j] = loc;
  a2[loc][loc - 1] += 1;
  a2[loc + 20][loc] = a1[loc];
  glob_int = 5;
}

static __attribute__((noinline)) void step_int(int *p) {
  int loc = *p + 10;
  enum colour e = RED;
  for (;;) {
    if (glob_ch1 == 'A') {
      loc -= 1;
      *p = loc - glob_int;
      e = GREEN;
    }
    if (e == GREEN) break;
  }
}

static __attribute__((noinline)) void set_ptr(struct record **pp) {
  if (glob_ptr) *pp = glob_ptr->next;
  add_offset(10, glob_int, &glob_ptr->ival);
}

static __attribute__((noinline)) void update_record(struct record *r) {
  struct record *nx = r->next;
  *nx = *glob_ptr; /* struct copy */
  r->ival = 5;
  nx->ival = r->ival;
  nx->next = r->next;
  set_ptr(&nx->next);
  if (nx->kind == RED) {
    nx->ival = 6;
    classify(r->kind, &nx->kind);
    nx->next = glob_ptr->next;
    add_offset(nx->ival, 10, &nx->ival);
  } else {
    *r = *nx;
  }
}

static __attribute__((noinline)) void set_chars(void) {
  glob_ch1 = 'A';
  glob_bool = (glob_ch1 == 'A') | glob_bool;
  glob_ch2 = 'B';
}

int main(int argc, char **argv) {
  long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 3200000;
  if (runs < 1) runs = 1;

  struct record *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  if (!a || !b) return 1;
  memset(a, 0, sizeof *a);
  memset(b, 0, sizeof *b);
  glob_ptr = a;
  a->next = b;
  a->kind = RED;
  a->ival = 40;
  a->count = 0;
  strcpy(a->text, "AMANATSU PROGRAM, SOME STRING");
  char str1[32], str2[32];
  strcpy(str1, "AMANATSU PROGRAM, 1'ST STRING");
  arr2[8][7] = 10;

  uint32_t sum = 0;
  int i1 = 0, i2 = 0, i3 = 0;
  enum colour e = RED;
  for (long run = 1; run <= runs; run++) {
    set_chars();
    i1 = 2;
    i2 = 3;
    strcpy(str2, "AMANATSU PROGRAM, 2'ND STRING");
    e = GREEN;
    glob_bool = !compare_strings(str1, str2);
    while (i1 < i2) {
      i3 = 5 * i1 - i2;
      add_offset(i1, i2, &i3);
      i1++;
    }
    fill_arrays(arr1, arr2, i1, i3);
    update_record(glob_ptr);
    for (unsigned char c = 'A'; c <= glob_ch2; c++) {
      if (e == pick(c, 'C')) {
        classify(RED, &e);
        strcpy(str2, "AMANATSU PROGRAM, 3'RD STRING");
        i2 = (int)run;
        glob_int = (int)run;
      }
    }
    i2 = i2 * i1;
    i1 = i2 / i3;
    i2 = 7 * (i2 - i3) - i1;
    step_int(&i1);
    sum = sum * 2654435761u + (uint32_t)(i1 + 3 * i2 + 7 * i3 + glob_int + (int)e +
                                         glob_ptr->ival + (unsigned char)str2[18]);
    glob_ptr->count++;
  }
  printf("dhry runs=%ld i1=%d i2=%d i3=%d glob=%d arr=%d checksum=%08x\n", runs, i1, i2, i3,
         glob_int, arr2[8][7], (unsigned)sum);
  free(a);
  free(b);
  return 0;
}
