/* SPDX-License-Identifier: MIT */
/* grid.h: a dataset's grid for the reporting pages: its shape (tables,
 * rows and columns from the code lists valid in the period), the saved
 * and typed cells, and putting it into the page. */
#ifndef VRS_GRID_H
#define VRS_GRID_H

#include <stddef.h>

#include "datasets.h"
#include "db-report.h"
#include "req.h"

#define GRID_MAX_VALUE 999999999LL
#define GRID_MAX_CODES 300	/* rows or columns of one table */

/* One cell of a grid, saved or typed; keys are "tbl|row|col". */
struct cell {
	const char *key;
	long long value;	/* -1: none */
	char flag[2];
	int bad;		/* typed: 1 not a number, 2 negative */
	const char *raw;	/* typed text, shown back as typed */
	const char *err;	/* message for a typed cell in error */
	int skip;		/* in a row being removed: not written */
	long long count;	/* pooled views: aggregate-only states in it */
};

/* An open-addressing map of cells in the arena, sized from the grid. */
struct cellmap {
	struct cell *slots;
	size_t size, count;
};

struct code {
	const char *code, *label;
};

/* The codes of one list, in display order (arena memory, or the
 * worker's cache: grid_codes); by_code, when not NULL, holds the same n
 * codes in strcmp order of their codes, for grid_find_code. */
struct codes {
	struct arena *a;
	struct code *items;
	size_t n;
	const struct code *by_code;
};

struct table {
	const struct table_def *def;
	struct codes row_choices;	/* the whole row code list */
	struct code *cols;		/* product of the column lists */
	size_t ncols;
	struct code *rows;		/* the rows shown */
	size_t nrows;
};

struct grid {
	const struct dataset_def *ds;
	const struct submission *sub;	/* the caller's: its period */
	struct table tables[8];
	struct cellmap saved;		/* from the database */
	const char *reason;		/* why it was returned, or "" */
	struct cellmap typed;		/* from the form, when there is one
					 * (grid_typed_init makes it) */
	size_t ncells;			/* rows x columns of all tables */
};

/* The key "tbl|row|col" of a cell in buf (size cap), without printf:
 * grids look up thousands. grid_key_row writes "tbl|row|" and returns its
 * length; grid_key_col adds col after that length. Each returns the
 * length of what it wrote, or 0 when it does not fit in cap. */
size_t grid_key(char *buf, size_t cap, const char *tbl, const char *row,
		const char *col);
size_t grid_key_row(char *buf, size_t cap, const char *tbl, const char *row);
size_t grid_key_col(char *buf, size_t cap, size_t at, const char *col);
/* The cell for key ("tbl|row|col") in m, created when create is set
 * (the map doubles when it would be half full: a pointer to a cell is
 * good until the next creation). NULL when absent and not create. */
struct cell *grid_map_get(struct arena *a, struct cellmap *m, const char *key,
			  int create);
/* grid_codes, and the codes put for the template under name (N.code,
 * N.label, e.g. "Codes.country"): a list's nodes are built once per
 * worker (refcache_codes_hdf) and the page links to them. */
int grid_codes_put(struct req *req, const struct submission *s,
		   const char *list, struct codes *out, const char *name);
/* The code in c, or NULL. */
const struct code *grid_find_code(const struct codes *c, const char *code);
/* The codes of list valid at some time during s's period (read-only),
 * once per request: from the worker's copy (refcache_codes) while the
 * request's reference generation is the copy's. Returns a db_rc. */
int grid_codes(struct req *req, const struct submission *s, const char *list,
	       struct codes *out);
/* An empty map of size slots (keep it under half full) in arena a. */
void grid_map_init(struct arena *a, struct cellmap *m, size_t size);
/* Makes g's map of typed cells, sized for the grid, before a form is
 * read into it. */
void grid_typed_init(struct req *req, struct grid *g);
/* The dataset's tables with their columns and row choices in s's period
 * (only s->starts and s->ends are read); no rows picked, no cells. */
int grid_shape(struct req *req, const struct submission *s,
	       const struct dataset_def *ds, struct grid *g);
/* Loads the dataset's shape for submission s, its picked rows (in code
 * order), its saved cells and its return reason (g->reason) into g, the
 * last three in one statement. Returns a db_rc. */
int grid_load(struct req *req, const struct submission *s,
	      const struct dataset_def *ds, struct grid *g);
struct table *grid_find_table(struct grid *g, const char *key);
int grid_has_row(const struct table *t, const char *code);
int grid_has_col(const struct table *t, const char *code);
/* Puts every table, its rows, cells (typed ones win when use_typed),
 * errors and totals under <prefix>.Tables for grid-table.cs: in the
 * editable shape, with the codes that can be added as rows, when
 * editable (the caller's policy answer), else read-only. */
void grid_put(struct req *req, struct grid *g, int use_typed, int editable,
	      const char *prefix);

#endif
