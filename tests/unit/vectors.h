/* Types of the generated decoder test vectors (vectors.inc, written by
 * gen_vectors.sh from GNU assembler output). */
#ifndef AMANATSU_TEST_VECTORS_H
#define AMANATSU_TEST_VECTORS_H

#include <stdint.h>

/* "No such operand": the field is not compared. */
#define DC INT64_MIN

struct dec_vector {
  uint32_t bits, addr;     /* encoding, and its address in the assembled text */
  const char *op;          /* expected dec_op_name() */
  int64_t rd, rs1, rs2, imm;
  const char *src;         /* the assembly source line */
  const char *objdump;     /* objdump -M no-aliases text, annotations removed */
};

enum { VF_RD = 1, VF_RS1 = 2, VF_RS2 = 4, VF_IMM = 8 };

struct dec_cpair {
  uint16_t cbits;   /* the compressed form */
  uint32_t bits;    /* the 32-bit instruction it expands to */
  const char *op;   /* expected dec_op_name() of both */
  unsigned fields;  /* VF_*: operands of the 32-bit instruction */
  const char *csrc, *src;
};

struct dec_illegal {
  uint32_t bits;
  const char *src;
};

#include "vectors.inc"

#define NVEC(a) (sizeof(a) / sizeof((a)[0]))

#endif
