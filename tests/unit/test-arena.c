/* SPDX-License-Identifier: MIT */
/* test-arena.c: the per-request allocator. */
#include <stdint.h>

#include "unit.h"

#include "arena.h"

static void arena_all(void)
{
	struct arena a = { 0 };
	char *p, *big;
	int i, aligned = 1;

	for (i = 1; i < 200; i++) {
		p = arena_alloc(&a, (size_t)i);
		if ((uintptr_t)p % 16 != 0)
			aligned = 0;
		memset(p, 0xab, (size_t)i);
	}
	CHECK(aligned);
	big = arena_alloc(&a, 1 << 20);	/* larger than a chunk */
	CHECK(big != NULL && big[0] == 0 && big[(1 << 20) - 1] == 0);
	memset(big, 1, 1 << 20);
	CHECK_STR(arena_strdup(&a, "hello"), "hello");
	CHECK(arena_strdup(&a, NULL) == NULL);
	CHECK_STR(arena_strndup(&a, "hello", 2), "he");
	CHECK_STR(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
	arena_reset(&a);
	CHECK(a.total == 0);
	p = arena_alloc(&a, 10);
	CHECK(p != NULL && p[0] == 0);
	arena_free(&a);
	arena_free(&a);		/* twice is fine */
	arena_free(NULL);
	CHECK(a.head == NULL);
}

int main(void)
{
	unit_name = "arena";
	RUN(arena_all);
	return unit_report();
}
