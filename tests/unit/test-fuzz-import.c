/* SPDX-License-Identifier: MIT */
/* test-fuzz-import.c: replays the importer's fuzz corpus under ASan +
 * UBSan, so every input a fuzzer once found interesting stays harmless,
 * and checks what a few of the seeds must give, so that a harness that
 * stopped reaching the importer could not pass. Runs from the top of the
 * tree (the schema and the corpus are read from there). */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"

#define FUZZ_LIBFUZZER		/* this test has its own main() */
#include "../fuzz/fuzz-import.c"

#define CORPUS "tests/fuzz/import"

/* ASan's count of the bytes allocated and not freed (its interface
 * header comes with clang, not gcc; the unit tests always run under
 * ASan, which provides the function). */
size_t __sanitizer_get_current_allocated_bytes(void);

static int replayed;

/* Reads CORPUS/name into buf (size cap); returns the length, or -1. */
static long read_seed(const char *name, char *buf, size_t cap)
{
	char path[600];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), CORPUS "/%s", name);
	f = fopen(path, "rb");
	CHECK(f != NULL);
	if (f == NULL)
		return -1;
	n = fread(buf, 1, cap, f);
	fclose(f);
	CHECK(n < cap);		/* seeds are small */
	return (long)n;
}

static void replay_corpus(void)
{
	static char buf[65536];
	struct dirent *de;
	DIR *d = opendir(CORPUS);

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		long n;

		if (de->d_name[0] == '.')
			continue;
		n = read_seed(de->d_name, buf, sizeof(buf));
		if (n < 0)
			continue;
		/* Twice, so each seed meets both modes. */
		LLVMFuzzerTestOneInput((const uint8_t *)buf, (size_t)n);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, (size_t)n);
		replayed++;
	}
	closedir(d);
	CHECK(replayed >= 10);
}

/* Runs seed name in mode; returns import_run's result, the report in r
 * (its details live until a is freed), or -2 if the seed is missing. */
static int run_seed(const char *name, enum import_mode mode,
		    struct arena *a, struct import_report *r)
{
	static char buf[65536];
	long n = read_seed(name, buf, sizeof(buf));

	if (n < 0)
		return -2;
	return fuzz_import_run(a, mode, (const uint8_t *)buf, (size_t)n, r);
}

/* The first problem's key, or "" when there is none. */
static const char *first_key(const struct import_report *r)
{
	return r->nproblems > 0 && r->problems[0].key ? r->problems[0].key
						       : "";
}

static int has_key(const struct import_report *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nproblems; i++)
		if (r->problems[i].key && strcmp(r->problems[i].key, key) == 0)
			return 1;
	return 0;
}

static void valid_seeds_pass(void)
{
	static const char *const names[] = { "valid-minimal.xml",
					     "valid-full.xml" };
	struct import_report *r = malloc(sizeof(*r));
	size_t i;
	int m;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	for (i = 0; i < 2; i++)
		for (m = 0; m < 2; m++) {
			struct arena a = { 0 };
			int rc = run_seed(names[i], m ? IMPORT_REPLACE :
					  IMPORT_MERGE, &a, r);

			CHECK(rc == 0);
			CHECK(r->nproblems == 0);
			CHECK(r->more == 0);
			if (rc != 0 || r->nproblems != 0)
				fprintf(stderr, "%s: rc %d, first problem "
					"\"%s\" line %ld: %s\n", names[i], rc,
					first_key(r), r->nproblems ?
					r->problems[0].line : 0,
					r->nproblems ?
					r->problems[0].detail : "");
			CHECK(strlen(r->sha256) == 64);
			arena_free(&a);
		}
	/* The full seed reaches each part of the pass. */
	{
		struct arena a = { 0 };

		CHECK(run_seed("valid-full.xml", IMPORT_MERGE, &a, r) == 0);
		CHECK(r->sum.cells_new == 1);
		CHECK(r->sum.routes_added == 1);
		CHECK(r->sum.incidents_added == 1);
		CHECK(r->sum.narrative == 1);
		CHECK(r->nwarnings == 0);
		arena_free(&a);
	}
	free(r);
}

static void doctype_refused(void)
{
	struct import_report *r = malloc(sizeof(*r));
	struct arena a = { 0 };

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(run_seed("doctype.xml", IMPORT_MERGE, &a, r) == 1);
	CHECK(r->nproblems == 1);
	CHECK_STR(first_key(r), "doctype");
	CHECK(r->problems[0].line == 2);
	arena_free(&a);
	/* An entity declaration without a DOCTYPE is refused the same way. */
	CHECK(run_seed("entity-decl.xml", IMPORT_REPLACE, &a, r) == 1);
	CHECK_STR(first_key(r), "doctype");
	arena_free(&a);
	free(r);
}

static void broken_files_refused(void)
{
	struct import_report *r = malloc(sizeof(*r));
	struct arena a = { 0 };

	CHECK(r != NULL);
	if (r == NULL)
		return;
	CHECK(run_seed("truncated.xml", IMPORT_MERGE, &a, r) == 1);
	CHECK(r->nproblems > 0);
	CHECK(has_key(r, "malformed"));
	arena_free(&a);
	CHECK(run_seed("truncated.xml", IMPORT_REPLACE, &a, r) == 1);
	arena_free(&a);
	CHECK(run_seed("empty", IMPORT_MERGE, &a, r) == 1);
	CHECK_STR(first_key(r), "empty");
	arena_free(&a);
	CHECK(run_seed("namespace-wrong.xml", IMPORT_MERGE, &a, r) == 1);
	CHECK_STR(first_key(r), "namespace");
	arena_free(&a);
	/* The message names what is wrong: the namespace, or its absence. */
	CHECK(run_seed("namespace-none.xml", IMPORT_MERGE, &a, r) == 1);
	CHECK_STR(first_key(r), "no_namespace");
	arena_free(&a);
	CHECK(run_seed("utf8-bad.xml", IMPORT_MERGE, &a, r) == 1);
	CHECK(has_key(r, "encoding"));
	arena_free(&a);
	CHECK(run_seed("duplicate-cells.xml", IMPORT_MERGE, &a, r) == 1);
	CHECK(has_key(r, "schema"));
	arena_free(&a);
	free(r);
}

/* Every seed cut at every 7th byte, each piece checked in both modes. */
static void replay_truncated(void)
{
	static char buf[65536];
	struct dirent *de;
	DIR *d = opendir(CORPUS);
	long n, cut;

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' ||
		    (n = read_seed(de->d_name, buf, sizeof(buf))) < 0)
			continue;
		for (cut = 0; cut <= n; cut += 7) {
			LLVMFuzzerTestOneInput((const uint8_t *)buf,
					       (size_t)cut);
			LLVMFuzzerTestOneInput((const uint8_t *)buf,
					       (size_t)cut);
		}
	}
	closedir(d);
}

/* The validation context lives as long as the process (a context per
 * pass loses libxml2 2.9.14's identity-constraint state of the elements
 * still open when a parse error ends the pass), and keeps what it has
 * allocated for reuse. So libFuzzer, which sees allocations outlive a
 * run, stops checking each run for leaks. This checks instead that the
 * heap stops growing: after a first round over every truncation of every
 * seed, two more rounds add nothing beyond a little slack, where a leak
 * of even 72 bytes per malformed file would add over 100 KB. */
static void passes_do_not_grow_the_heap(void)
{
	size_t before, after;

	replay_truncated();
	before = __sanitizer_get_current_allocated_bytes();
	replay_truncated();
	replay_truncated();
	after = __sanitizer_get_current_allocated_bytes();
	CHECK(after <= before + 16384);
	if (after > before + 16384)
		fprintf(stderr, "the heap grew by %zu bytes\n",
			after - before);
	/* The next pass takes back what a file cut short left in the
	 * context; without one, LeakSanitizer would see it at exit. */
	{
		struct import_report *r = malloc(sizeof(*r));
		struct arena a = { 0 };

		CHECK(r != NULL && run_seed("valid-minimal.xml", IMPORT_MERGE,
					    &a, r) == 0);
		arena_free(&a);
		free(r);
	}
}

int main(void)
{
	unit_name = "fuzz-import";
	RUN(replay_corpus);
	RUN(valid_seeds_pass);
	RUN(doctype_refused);
	RUN(broken_files_refused);
	RUN(passes_do_not_grow_the_heap);
	import_shutdown();
	xmlCleanupParser();
	return unit_report();
}
