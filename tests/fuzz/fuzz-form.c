/* SPDX-License-Identifier: MIT */
/* fuzz-form.c: fuzz entry point for the request parsers (form.c). Build
 * with clang -fsanitize=fuzzer,address to fuzz; tests/unit/test-fuzz-form.c
 * runs it over the corpus in tests/fuzz/form/ on every `make test`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct field_spec fields[] = {
	{ .name = "username", .type = FIELD_LINE, .required = 1, .max = 64 },
	{ .name = "note", .type = FIELD_TEXT, .max = 20000 },
	{ .name = "n", .type = FIELD_INT, .min = -1000, .max = 1000 },
	{ .name = "ok", .type = FIELD_CHECK },
	{ .name = "pw", .type = FIELD_SECRET, .max = 128 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct param_list body, cookies;
	struct field_value v[5];
	char *copy = malloc(size + 1);

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (form_parse_urlencoded(&a, copy, size, 50, 4096, &body) == FORM_OK)
		form_validate(&body, fields, 5, v);
	form_parse_cookies(&a, copy, &cookies);
	arena_free(&a);
	free(copy);
	return 0;
}
