/* SPDX-License-Identifier: MIT */
/* datasets.h: the shape of the four aggregate datasets: their tables, the
 * code list of each table's rows and the code lists whose product gives
 * its columns. Labels live in the language file (Lang.ds.*). */
#ifndef VRS_DATASETS_H
#define VRS_DATASETS_H

#include <stddef.h>

struct table_def {
	const char *key;		/* "irr_entry"; Lang.ds.<ds>.<key> */
	const char *row_list;		/* code list of the rows */
	int rows_fixed;			/* 1: every active code is a row */
	const char *col_lists[2];	/* columns: product of these lists */
};

struct dataset_def {
	const char *key;		/* "flows" */
	const struct table_def *tables;
	size_t ntables;
};

extern const struct dataset_def datasets[];
extern const size_t n_datasets;

/* The dataset called key, or NULL. */
const struct dataset_def *dataset_find(const char *key);

/* Flags a cell may carry, in the order forms offer them. */
extern const char *const cell_flags[];
/* 1 if flag (one letter) needs a number: A, E, C. 0 for M, Z. -1 if it
 * is not a flag. */
int cell_flag_needs_value(const char *flag);

#endif
