/* SPDX-License-Identifier: MIT */
/* fuzz-import.c: fuzz entry point for the exchange-file importer
 * (import.c), run check-only: db NULL, so without code lists or a draft,
 * in merge and replace mode by turns. tests/unit/test-fuzz-import.c runs
 * it over the corpus in tests/fuzz/import/ on every `make unit`, and
 * `make fuzz-import` fuzzes it for a short time (part of `make test` when
 * clang with libFuzzer is installed). Run from the top of the tree: the
 * schema is read from static/vrs-exchange-1.0.xsd.
 *
 * Without FUZZ_LIBFUZZER it is a plain program that reads the files
 * named on its command line (or standard input) and passes each to the
 * entry point, e.g. to replay an input the fuzzer saved, with gcc and the
 * sanitizer objects `make unit` leaves in build/san/:
 *
 *   cc -std=c11 -O1 -g -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
 *       -fsanitize=address,undefined -fno-omit-frame-pointer \
 *       -I/usr/include/ClearSilver -Icgi \
 *       $(pkg-config --cflags libmariadb openssl fcgi libxml-2.0) \
 *       -o build/fuzz-import-replay tests/fuzz/fuzz-import.c \
 *       build/san/{CORE}.o -lneo_cgi -lneo_cs -lneo_utl -lz \
 *       $(pkg-config --libs libmariadb openssl fcgi libxml-2.0) -lm
 *   build/fuzz-import-replay crash-<sha1>
 *
 * With libFuzzer (what `make fuzz-import` does; CORE is the Makefile's
 * list, each module built with -fsanitize=fuzzer-no-link,address,undefined
 * into build/fuzz/):
 *
 *   clang -std=c11 -O1 -g -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
 *       -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
 *       -fno-sanitize-recover=undefined -DFUZZ_LIBFUZZER \
 *       -I/usr/include/ClearSilver -Icgi \
 *       $(pkg-config --cflags libmariadb openssl fcgi libxml-2.0) \
 *       -o build/fuzz-import tests/fuzz/fuzz-import.c build/fuzz/{CORE}.o \
 *       -lneo_cgi -lneo_cs -lneo_utl -lz \
 *       $(pkg-config --libs libmariadb openssl fcgi libxml-2.0) -lm
 *   build/fuzz-import -max_total_time=20 CORPUS-COPY/ tests/fuzz/import/
 *
 * (libFuzzer writes new inputs into the first directory: give it a copy.)
 * FUZZ_LIBFUZZER leaves out main(), which libFuzzer provides; the unit
 * test, which has its own main(), defines it too. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "arena.h"
#include "import.h"

#define FUZZ_SCHEMA "static/vrs-exchange-1.0.xsd"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* No LeakSanitizer suppression: with a validation context per pass,
 * libxml2 2.9.14 loses the identity-constraint matchers of the elements
 * still open when a parse error ends the pass (72 bytes each; every
 * truncated file). The fuzzer found it; import.c keeps one
 * xmlSchemaValidCtxt for the process, whose next pass takes them back.
 * That context keeps what it allocates for reuse, so libFuzzer soon
 * stops checking each run for leaks ("disabled leak detection after
 * every mutation"); tests/unit/test-fuzz-import.c checks instead that
 * rounds over every truncated seed leave the heap where it was. */

static const struct import_target fuzz_target = {
	.sub = 1,
	.jcode = "QZA",
	.period = "2026-S1",
	.starts = "2026-01-01",
	.ends = "2026-06-30",
};

/* One check-only pass over data (size bytes) into r; a's memory holds
 * r's details until the caller frees it. Loads the schema on first use
 * and aborts if it cannot (a harness without it tests nothing). */
static int fuzz_import_run(struct arena *a, enum import_mode mode,
			   const uint8_t *data, size_t size,
			   struct import_report *r)
{
	static int ready;

	if (!ready) {
		if (import_init(FUZZ_SCHEMA) != 0) {
			fprintf(stderr, "fuzz-import: cannot load %s (run "
				"from the top of the tree)\n", FUZZ_SCHEMA);
			abort();
		}
		ready = 1;
	}
	/* No copy: the importer must keep to len, and ASan sees if not. */
	return import_run(NULL, a, &fuzz_target, mode, (const char *)data,
			  size, 0, NULL, r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned turn;
	struct arena a = { 0 };
	struct import_report *r = malloc(sizeof(*r));	/* about 5 KB */
	int rc;

	if (r == NULL)
		return 0;
	rc = fuzz_import_run(&a, turn++ % 2 ? IMPORT_REPLACE : IMPORT_MERGE,
			     data, size, r);
	/* Check-only with a schema: -1 would mean a db failure without a
	 * db, which cannot be. */
	if (rc < -1 || rc > 1 || (rc == -1 && size <= 0x7fffffff))
		abort();
	if (rc == 0 && (r->nproblems != 0 || r->more != 0))
		abort();
	if (rc == 1 && r->nproblems == 0)
		abort();
	arena_free(&a);
	free(r);
	return 0;
}

#ifndef FUZZ_LIBFUZZER
static int replay_file(FILE *f, const char *name)
{
	size_t n = 0, cap = 65536;
	char *buf = malloc(cap);

	if (buf == NULL)
		return -1;
	for (;;) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (n < cap) {
			if (ferror(f)) {
				fprintf(stderr, "fuzz-import: cannot read "
					"%s\n", name);
				free(buf);
				return -1;
			}
			break;
		}
		cap *= 2;
		{
			char *grown = realloc(buf, cap);

			if (grown == NULL) {
				free(buf);
				return -1;
			}
			buf = grown;
		}
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2)
		rc = replay_file(stdin, "standard input") != 0;
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");

		if (f == NULL) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		if (replay_file(f, argv[i]) != 0)
			rc = 1;
		fclose(f);
		printf("%s: ok\n", argv[i]);
	}
	import_shutdown();
	xmlCleanupParser();
	return rc;
}
#endif
