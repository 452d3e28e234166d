/* SPDX-License-Identifier: MIT */
/* arena.h: the per-request allocator; everything request-scoped comes from here. */
#ifndef VRS_ARENA_H
#define VRS_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* newest chunk first */
	size_t total;			/* bytes handed out since the last reset */
};

/* Returns zeroed memory owned by the arena; never NULL (aborts on OOM). */
void *arena_alloc(struct arena *a, size_t size);
/* Copies s (NULL gives NULL); owned by the arena. */
char *arena_strdup(struct arena *a, const char *s);
/* Copies n bytes of s and adds a NUL; owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into arena memory. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees all chunks but the first, which is kept for the next request. */
void arena_reset(struct arena *a);
/* Frees everything; the arena may be reused afterwards. Accepts NULL. */
void arena_free(struct arena *a);

#endif
