/* snapshot/: complete machine state, saved between blocks and restored into
 * a fresh machine.
 *
 * Amanatsu's format (version 3), all integers little-endian:
 *   header   "AMANATSU" magic, u32 version, u32 section count,
 *            u64 XXH3 of the 16 bytes before it
 *   section  u32 type, u32 0, u64 payload length, u64 XXH3 of the payload,
 *            payload
 * Sections: CPU, PROCESS, MAPS, PAGES (each page also carries its own XXH3),
 * FILES, SHARED (shared file mappings: guest start, pages, file offset and
 * path of each run; new in version 2), SIGNALS (the interval timers: time
 * left and period of each, the pending signals they sent, and the
 * alternate signal stack; new in version 3).  Older versions are still
 * read.
 * Serialisation is explicit and canonical (no host addresses or
 * descriptors), so two captures of the same state are byte-identical. */
#ifndef AMANATSU_SNAPSHOT_H
#define AMANATSU_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;

#define SNAP_MAGIC "AMANATSU"
#define SNAP_VERSION 3u

enum snap_format { SNAP_FORMAT_AMANATSU, SNAP_FORMAT_NEBULA };

/* File name for a snapshot after `count` instructions: PREFIX.%015llu.snapshot */
int snap_filename(char *buf, size_t cap, const char *prefix, uint64_t count);

/* Write m's state to path atomically (temporary file in the same folder,
 * fsync, rename).  Warnings (descriptors that cannot be reopened) go to
 * `warn` when it is not NULL.  0, or -1 with err set. */
int snap_save(const struct machine *m, const char *path, FILE *warn, char *err, size_t errlen);

/* Load a snapshot (either format, recognised by content) into a machine
 * fresh from machine_init: everything is validated before m is changed.
 * Notes on what was assumed (Nebula files) go to `note` when not NULL. */
int snap_restore(struct machine *m, const char *path, FILE *note, char *err, size_t errlen);

/* XXH3 of the architectural state (registers, mappings, memory contents):
 * equal for equal states, whatever the path that led to them. */
uint64_t snap_digest(const struct machine *m);

/* Print what a snapshot holds and verify every checksum.  0 if valid. */
int snap_info(const char *path, FILE *out, char *err, size_t errlen);

/* Nebula's format (../shared/NEBULA_SNAPSHOT.md). */
#define NEBULA_CAPACITY (1ull << 32) /* the reader's memory size, not stored in files */
#define NEBULA_PAGE (64u << 10)
int snap_save_nebula(const struct machine *m, const char *path, FILE *warn, char *err,
                     size_t errlen);
/* 1 if path holds a Nebula snapshot, 0 if not, -1 (errno) if unreadable. */
int snap_is_nebula(const char *path);
int snap_restore_nebula(struct machine *m, const char *path, FILE *note, char *err, size_t errlen);

/* Helpers shared by the formats.  snap_fail formats a message into err and
 * returns -1. */
int snap_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int snap_read_file(const char *path, uint8_t **data, size_t *size, char *err, size_t errlen);
void snap_unmap_file(uint8_t *data, size_t size);
/* Atomic replacement of `path`: write to the returned descriptor (a
 * temporary file named in tmp, in the same folder), then commit (fsync,
 * rename, fsync the folder) or abort (unlink). */
int snap_atomic_begin(const char *path, char *tmp, size_t tmpcap, char *err, size_t errlen);
int snap_atomic_commit(int fd, const char *tmp, const char *path, char *err, size_t errlen);
void snap_atomic_abort(int fd, const char *tmp);

#endif
