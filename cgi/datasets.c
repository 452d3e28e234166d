/* SPDX-License-Identifier: MIT */
/* datasets.c: the four aggregate datasets of the domain, as tables an
 * officer fills: rows from a code list (picked, or all of a short list),
 * columns the product of one or two code lists. */
#include <string.h>

#include "datasets.h"

#define TABLE(k, rows, fixed, c1, c2) \
	{ .key = k, .row_list = rows, .rows_fixed = fixed, \
	  .col_lists = { c1, c2 } }

/* 1. Flows (persons): each indicator by citizenship x sex x age, and
 * irregular entries by place of detection x border type. */
static const struct table_def flows[] = {
	TABLE("irr_entry", "country", 0, "sex", "age"),
	TABLE("irr_exit", "country", 0, "sex", "age"),
	TABLE("irr_stay", "country", 0, "sex", "age"),
	TABLE("smuggled", "country", 0, "sex", "age"),
	TABLE("refused", "country", 0, "sex", "age"),
	TABLE("entry_place", "place", 1, "border", NULL),
};

/* 2. Fraudulent documents: by issuing state, by document type, and by
 * holder citizenship, against fraud type or border type. */
static const struct table_def documents[] = {
	TABLE("by_issuer", "country", 0, "fraud", NULL),
	TABLE("by_doctype", "doctype", 1, "fraud", NULL),
	TABLE("by_holder", "country", 0, "border", NULL),
};

/* 3. Smugglers and justice: the funnel by citizenship x sex, and by role. */
static const struct table_def smugglers[] = {
	TABLE("by_citizenship", "country", 0, "stage", "sex"),
	TABLE("by_role", "role", 1, "stage", NULL),
};

/* 4. Harm: dead, missing, injured by transport mode x border type. */
static const struct table_def harm[] = {
	TABLE("by_mode", "transport", 1, "outcome", "border"),
};

#define DATASET(k, t) { .key = k, .tables = t, \
	.ntables = sizeof(t) / sizeof(t[0]) }

const struct dataset_def datasets[] = {
	DATASET("flows", flows),
	DATASET("documents", documents),
	DATASET("smugglers", smugglers),
	DATASET("harm", harm),
};

const size_t n_datasets = sizeof(datasets) / sizeof(datasets[0]);

const char *const cell_flags[] = { "A", "E", "M", "Z", "C", NULL };

const struct dataset_def *dataset_find(const char *key)
{
	size_t i;

	for (i = 0; i < n_datasets; i++)
		if (strcmp(datasets[i].key, key) == 0)
			return &datasets[i];
	return NULL;
}

int cell_flag_needs_value(const char *flag)
{
	if (flag == NULL || flag[0] == '\0' || flag[1] != '\0')
		return -1;
	switch (flag[0]) {
	case 'A': case 'E': case 'C':
		return 1;
	case 'M': case 'Z':
		return 0;
	}
	return -1;
}
