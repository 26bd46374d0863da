/* decoder/: the only code that reads instruction bits.  A guest code page
 * becomes an array of predecoded records, one per halfword offset (a jump may
 * land on any of them), plus end-of-page sentinels. */
#ifndef AMANATSU_DECODE_H
#define AMANATSU_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isa.h"

enum dec_fmt {
  FMT_NONE, FMT_R, FMT_I, FMT_S, FMT_B, FMT_U, FMT_J, FMT_SH, FMT_SHW,
  FMT_CSR, FMT_CSRI, FMT_LR,
  FMT_R1, /* rd, rs1: the rs2 field is part of the opcode (Zbb unary ops) */
  FMT_FL, FMT_FS, FMT_FMV_XF, FMT_FMV_FX, /* FP load/store, int<-fp, fp<-int */
  /* F/D arithmetic (decoder/isa_fp.h).  "rm": funct3 is the rounding mode,
   * kept in the record's rm (7: dynamic, from frm). */
  FMT_FR,      /* fd, fs1, fs2, rm */
  FMT_FR4,     /* fd, fs1, fs2, fs3, rm (fused multiply-add) */
  FMT_FR1,     /* fd, fs1, rm: the rs2 field is part of the opcode */
  FMT_FRN,     /* fd, fs1, fs2: funct3 is part of the opcode */
  FMT_FCMP,    /* xd, fs1, fs2 */
  FMT_FCVT_XF, /* xd, fs1, rm (float -> integer) */
  FMT_FCVT_FX, /* fd, xs1, rm (integer -> float) */
};

enum { DF_END = 1, DF_WX = 2, DF_C = 4 };

enum dec_op {
#define X(name, fmt, mask, match, flags) OP_##name,
  ISA_ALL(X)
#undef X
  OP_COUNT
};

/* Integer register a write to x0 is redirected to, so that handlers write
 * unconditionally; reads of x0 always see zero. */
#define DEC_XSINK 32

#define DEC_PAGE_SIZE 4096u
#define DEC_SLOTS (DEC_PAGE_SIZE / 2)

struct dec_insn {
  uint32_t h; /* handler label's address (computed-goto build, linked
                 without PIE so that it fits); unused by the switch build */
  union {
    int32_t imm; /* immediate, CSR number, shift amount, or illegal bits */
    struct {     /* the F/D and AMO formats, which have no immediate */
      uint8_t rs3;
      uint8_t rm; /* rounding mode (7: dynamic); aq/rl for AMOs */
    };
  };
  uint16_t blen; /* instructions from this one to the end of its block, inclusive */
  uint8_t op;    /* enum dec_op */
  uint8_t rd, rs1, rs2;
  uint8_t len;   /* 2 or 4 bytes; 0 for sentinels */
  uint8_t local; /* branch or jal whose target is on the same page */
};
/* 16 bytes, one per halfword: a 4-byte instruction's records fill half a
 * cache line, so the records of hot code stay in the caches. */
_Static_assert(sizeof(struct dec_insn) == 16, "the interpreter derives pc from record offsets");
_Static_assert(OP_COUNT <= 256, "op is a byte");

/* One decoded version of one guest page. */
struct dec_page {
  uint64_t vbase;         /* guest address of the page */
  uint64_t hash;          /* XXH3 of bytes */
  bool stale;             /* a store hit the page since it was decoded */
  struct dec_page *next;  /* other versions of the same guest page */
  struct dec_page *hnext; /* hash-bucket chain */
  const uint32_t *handlers;
  /* insn[i] decodes the bytes at vbase + 2*i; insn[DEC_SLOTS] is the
   * page_end sentinel that continues into the next page.  Records are
   * decoded a run at a time, when first reached (OP_undecoded until then,
   * with blen 0), from this version's own copy of the bytes. */
  struct dec_insn insn[DEC_SLOTS + 1];
  uint8_t bytes[DEC_PAGE_SIZE];
};

/* Decode one halfword-aligned instruction whose first 16 or 32 bits are
 * given (bits beyond the instruction's length are ignored).  Fills op,
 * operands, imm and len; does not set h or blen.  Unknown encodings become
 * OP_illegal with the raw bits in imm. */
void dec_decode(uint32_t bits, struct dec_insn *out);

/* Handler tables have two entries per op: [2*op] for the 32-bit encoding
 * (and sentinels), [2*op+1] for a compressed one. */
#define DEC_HANDLERS (2 * OP_COUNT)
#define DEC_HANDLER(handlers, op, len) ((handlers)[2 * (op) + ((len) == 2)])

/* Start a page version from its 4096 bytes (copied): every record
 * undecoded.  `handlers` (DEC_HANDLERS entries, may be NULL) gives records
 * their labels. */
void dec_page_init(struct dec_page *p, uint64_t vbase, const uint8_t *bytes,
                   const uint32_t *handlers);
/* Decode the straight-line run that starts at `slot`, up to the end of its
 * block or the first record already decoded, and set each record's blen.
 * Returns the record at slot. */
const struct dec_insn *dec_page_decode_run(struct dec_page *p, unsigned slot);

/* Decode a whole page from its 4096 bytes (every slot: init, then every run).  `handlers` (DEC_HANDLERS entries)
 * gives each record its label (may be NULL).  Instructions that straddle the page's end decode as
 * OP_straddle; the interpreter fetches those byte by byte. */
void dec_decode_page(struct dec_page *p, uint64_t vbase, const uint8_t *bytes,
                     const uint32_t *handlers);

/* Disassemble a record at guest address pc into buf (objdump-like). */
int dec_disasm(const struct dec_insn *in, uint64_t pc, char *buf, size_t cap);

/* The 32-bit encoding a record of a register-only format (R-type, the FP
 * formats, CSR accesses) was decoded from; 0 for other formats.  For
 * messages about instructions found illegal at run time. */
uint32_t dec_encode(const struct dec_insn *in);

const char *dec_op_name(unsigned op);
unsigned dec_op_flags(unsigned op);

/* The decoded-page cache: keyed by guest page, versions validated by the
 * xxHash of the page's bytes. */
struct dec_cache;
struct dec_cache *dec_cache_new(const uint32_t *handlers);
void dec_cache_free(struct dec_cache *c);
/* The decoded records for the page at vbase whose current bytes are given. */
struct dec_page *dec_cache_get(struct dec_cache *c, uint64_t vbase, const uint8_t *bytes);
/* A store hit page vbase: its versions must be revalidated before reuse. */
void dec_cache_invalidate(struct dec_cache *c, uint64_t vbase);
/* Number of page decodes performed (for tests and statistics). */
uint64_t dec_cache_decodes(const struct dec_cache *c);

#endif
