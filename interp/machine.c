#include "machine.h"

#include <stdlib.h>
#include <string.h>

#include "../decoder/decode.h"

static void on_code_store(void *ctx, uint64_t vbase) {
  struct machine *m = ctx;
  dec_cache_invalidate(m->dc, vbase);
}

void machine_init(struct machine *m) {
  memset(m, 0, sizeof *m);
  mem_init(&m->mem);
  const void *const *handlers = interp_handlers();
  m->dc = dec_cache_new(handlers);
  m->mem.code_store = on_code_store;
  m->mem.code_ctx = m;
  m->cpu.resv = RESV_NONE;
  m->stop_at = UINT64_MAX;
  m->strace_out = stderr;
  for (unsigned i = 0; i < JCACHE_SIZE; i++) m->jcache[i].vbase = UINT64_MAX; /* never a page */
  for (unsigned i = 0; i < DEC_SLOTS + 2; i++)
    m->stradpage[i] = (struct dec_insn){.op = OP_page_end, .h = handlers ? handlers[OP_page_end] : NULL};
  fd_init(&m->fds);
}

void machine_free(struct machine *m) {
  fd_free(&m->fds);
  dec_cache_free(m->dc);
  mem_free(&m->mem);
  free(m->exe_abs);
  m->dc = NULL;
}
