#include "machine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "../decoder/decode.h"

static void on_code_store(void *ctx, uint64_t vbase) {
  struct machine *m = ctx;
  dec_cache_invalidate(m->dc, vbase);
}

void machine_init(struct machine *m) {
  memset(m, 0, sizeof *m);
  mem_init(&m->mem);
  const uint32_t *handlers = interp_handlers();
  m->dc = dec_cache_new(handlers);
  m->mem.code_store = on_code_store;
  m->mem.code_ctx = m;
  m->cpu.resv = RESV_NONE;
  m->stop_at = UINT64_MAX;
  m->timer_stop = UINT64_MAX;
  m->altstack_flags = RV_SS_DISABLE;
  m->strace_out = stderr;
  for (unsigned i = 0; i < JCACHE_SIZE; i++) m->jcache[i].vbase = UINT64_MAX; /* never a page */
  for (unsigned i = 0; i < DEC_SLOTS + 2; i++)
    m->stradpage[i] = (struct dec_insn){.op = OP_page_end, .h = handlers ? DEC_HANDLER(handlers, OP_page_end, 4) : 0};
  fd_init(&m->fds);
}

void machine_free(struct machine *m) {
  fd_free(&m->fds);
  dec_cache_free(m->dc);
  mem_free(&m->mem);
  free(m->exe_abs);
  if (m->owns_process_strings) {
    for (int i = 0; m->argv && i < m->argc; i++) free(m->argv[i]);
    for (int i = 0; m->envp && m->envp[i]; i++) free(m->envp[i]);
    free(m->argv);
    free(m->envp);
    free(m->exe_path);
  }
  m->dc = NULL;
}

/* The deterministic clocks run at one nanosecond per retired instruction,
 * plus the time the guest asked to sleep. */
#define MONO_BASE_NS 1000000000000ull /* a monotonic clock that starts at 1000 s */

bool machine_clock_ns(const struct machine *m, int clk, uint64_t *ns) {
  if (m->host_time) {
    struct timespec ts;
    if (clock_gettime((clockid_t)clk, &ts) != 0) return false;
    *ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return true;
  }
  switch (clk) {
  case 0: case 5: case 11: *ns = m->time_base_ns + m->cpu.icount + m->time_sleep_ns; return true;
  case 1: case 4: case 6: case 7: *ns = MONO_BASE_NS + m->cpu.icount + m->time_sleep_ns; return true;
  case 2: case 3: *ns = m->cpu.icount; return true;
  default: return false;
  }
}

bool machine_clock(const struct machine *m, int clk, struct timespec *ts) {
  uint64_t ns;
  if (!machine_clock_ns(m, clk, &ns)) return false;
  ts->tv_sec = (time_t)(ns / 1000000000u);
  ts->tv_nsec = (long)(ns % 1000000000u);
  return true;
}

/* splitmix64: small, fast, and its whole state is one word to save. */
static uint64_t rng_next(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void machine_random(struct machine *m, void *buf, size_t n) {
  uint8_t *p = buf;
  if (m->host_time) {
    while (n) {
      ssize_t r = getrandom(p, n, 0);
      if (r <= 0) break;
      p += r;
      n -= (size_t)r;
    }
    if (!n) return;
  }
  while (n) {
    uint64_t v = rng_next(&m->rng_state);
    size_t k = n < 8 ? n : 8;
    memcpy(p, &v, k);
    p += k;
    n -= k;
  }
}

int machine_pid(const struct machine *m) { return m->host_time ? (int)getpid() : 1000; }
