/* SPDX-License-Identifier: MIT */
/* grid.c: a dataset's grid: the cell map, the shape from the code lists
 * valid in the period, the page data, and the consistency warnings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "grid.h"
#include "refcache.h"
#include "report.h"
#include "resp.h"
#include "util.h"

/* ---- a small map from "tbl|row|col" to a cell, in the arena ---------- */

/* Copies src after buf[at] when it fits with its NUL; returns the new
 * length, or 0 when it does not fit. */
static size_t key_add(char *buf, size_t cap, size_t at, const char *src,
		      char sep)
{
	size_t n = strlen(src);

	if (at + n + 2 > cap)
		return 0;
	memcpy(buf + at, src, n);
	buf[at + n] = sep;
	buf[at + n + (sep != '\0')] = '\0';
	return at + n + (sep != '\0');
}

size_t grid_key_row(char *buf, size_t cap, const char *tbl, const char *row)
{
	size_t at = key_add(buf, cap, 0, tbl, '|');

	return at == 0 ? 0 : key_add(buf, cap, at, row, '|');
}

size_t grid_key_col(char *buf, size_t cap, size_t at, const char *col)
{
	return at == 0 ? 0 : key_add(buf, cap, at, col, '\0');
}

size_t grid_key(char *buf, size_t cap, const char *tbl, const char *row,
		const char *col)
{
	return grid_key_col(buf, cap, grid_key_row(buf, cap, tbl, row), col);
}



static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void grid_map_init(struct arena *a, struct cellmap *m, size_t size)
{
	m->size = size;
	m->count = 0;
	m->slots = arena_alloc(a, size * sizeof(*m->slots));
}

/* Puts c's key and contents into m (which has room: callers keep it
 * under half full). */
static void map_move(struct cellmap *m, const struct cell *c)
{
	size_t i = fnv1a(c->key) % m->size;

	while (m->slots[i].key != NULL)
		i = (i + 1) % m->size;
	m->slots[i] = *c;
	m->count++;
}

/* The cell for key, created empty (value -1, no flag) when absent; a map
 * that would be half full doubles first, so lookups stay short however
 * many cells a grid holds (a pointer to a cell is good until the next
 * creation). NULL only when absent and not create. */
struct cell *grid_map_get(struct arena *a, struct cellmap *m,
			    const char *key, int create)
{
	size_t i, n;

	if (m->size == 0) {	/* not made yet (typed, on a plain show) */
		if (!create)
			return NULL;
		grid_map_init(a, m, 64);
	}
	for (n = 0, i = fnv1a(key) % m->size; n < m->size;
	     n++, i = (i + 1) % m->size) {
		struct cell *c = &m->slots[i];

		if (c->key == NULL) {
			if (!create)
				return NULL;
			if (2 * (m->count + 1) >= m->size) {
				struct cellmap old = *m;
				size_t k;

				grid_map_init(a, m, old.size * 2);
				for (k = 0; k < old.size; k++)
					if (old.slots[k].key != NULL)
						map_move(m, &old.slots[k]);
				return grid_map_get(a, m, key, create);
			}
			c->key = arena_strdup(a, key);
			c->value = -1;
			m->count++;
			return c;
		}
		if (strcmp(c->key, key) == 0)
			return c;
	}
	return NULL;
}

/* ---- the grid's shape: columns and rows per table -------------------- */



static int code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct code *)a)->code,
		      ((const struct code *)b)->code);
}

/* A list loaded once in this request: a dataset's tables share their
 * lists (four country row lists in flows), and a read-only list can. */
struct code_memo {
	const char *list;
	char starts[11], ends[11];	/* the period it was loaded for */
	struct codes codes;
	struct code_memo *next;
};

/* The memo of list (a name, or two lists' product "a*b") in s's period,
 * or NULL. */
static struct code_memo *memo_find(struct req *req,
				   const struct submission *s,
				   const char *list)
{
	struct code_memo *m;

	for (m = req->code_memo; m != NULL; m = m->next)
		if (strcmp(m->list, list) == 0 &&
		    strcmp(m->starts, s->starts) == 0 &&
		    strcmp(m->ends, s->ends) == 0)
			return m;
	return NULL;
}

static void memo_add(struct req *req, const struct submission *s,
		     const char *list, const struct codes *c)
{
	struct code_memo *m = arena_alloc(req->arena, sizeof(*m));

	m->list = arena_strdup(req->arena, list);
	snprintf(m->starts, sizeof(m->starts), "%s", s->starts);
	snprintf(m->ends, sizeof(m->ends), "%s", s->ends);
	m->codes = *c;
	m->next = req->code_memo;
	req->code_memo = m;
}

int grid_codes(struct req *req, const struct submission *s,
	       const char *list, struct codes *out)
{
	const struct code_memo *m = memo_find(req, s, list);
	int rc;

	if (m != NULL) {
		*out = m->codes;
		return DB_OK;
	}
	/* This worker's copy while the codes are unchanged (refcache.c). */
	rc = refcache_codes(req, list, s->starts, s->ends, GRID_MAX_CODES,
			    out);
	if (rc == DB_OK)
		memo_add(req, s, list, out);
	return rc;
}

int grid_codes_put(struct req *req, const struct submission *s,
		   const char *list, struct codes *out, const char *name)
{
	const char *key;
	int rc = grid_codes(req, s, list, out);

	if (rc != DB_OK)
		return rc;
	/* The options' nodes are built once per worker (Ref.Codes); the
	 * page links to them. */
	key = refcache_codes_hdf(req, list, s->starts, s->ends,
				 GRID_MAX_CODES);
	if (key == NULL)
		return DB_ERROR;
	resp_ref_link(req, name, arena_printf(req->arena, "Ref.Codes.%s",
					      key));
	return DB_OK;
}

const struct code *grid_find_code(const struct codes *c, const char *code)
{
	size_t i;

	if (c->by_code != NULL) {
		struct code key = { code, NULL };

		return bsearch(&key, c->by_code, c->n, sizeof(key), code_cmp);
	}

	for (i = 0; i < c->n; i++)
		if (strcmp(c->items[i].code, code) == 0)
			return &c->items[i];
	return NULL;
}

static int build_columns(struct req *req, const struct submission *s,
			 struct table *t)
{
	const struct code_memo *m;
	struct codes a, b, prod;
	char name[64];
	size_t i, j;
	int rc = grid_codes(req, s, t->def->col_lists[0], &a);

	if (rc != DB_OK)
		return rc;
	if (t->def->col_lists[1] == NULL) {
		t->cols = a.items;
		t->ncols = a.n;
		return DB_OK;
	}
	/* Two lists' product ("F.Y_LT18": "Female, Under 18"), made once
	 * per request (the five tables of flows share it). */
	snprintf(name, sizeof(name), "%s*%s", t->def->col_lists[0],
		 t->def->col_lists[1]);
	if ((m = memo_find(req, s, name)) != NULL) {
		t->cols = m->codes.items;
		t->ncols = m->codes.n;
		return DB_OK;
	}
	rc = grid_codes(req, s, t->def->col_lists[1], &b);
	if (rc != DB_OK)
		return rc;
	t->cols = arena_alloc(req->arena, a.n * b.n * sizeof(*t->cols));
	t->ncols = 0;
	for (i = 0; i < a.n; i++)
		for (j = 0; j < b.n; j++) {
			struct code *c = &t->cols[t->ncols++];

			c->code = arena_printf(req->arena, "%s.%s",
					       a.items[i].code, b.items[j].code);
			c->label = arena_printf(req->arena, "%s, %s",
						a.items[i].label,
						b.items[j].label);
		}
	prod = (struct codes){ req->arena, t->cols, t->ncols, NULL };
	memo_add(req, s, name, &prod);
	return DB_OK;
}

struct row_ctx {
	struct grid *g;
	struct arena *a;
	int full;		/* a cell did not fit the map */
};

static void add_row(void *ctx, const char *tbl, const char *row)
{
	struct row_ctx *rc = ctx;
	size_t i;

	for (i = 0; i < rc->g->ds->ntables; i++) {
		struct table *t = &rc->g->tables[i];
		const struct code *c;

		if (strcmp(t->def->key, tbl) != 0 || t->def->rows_fixed ||
		    t->nrows >= GRID_MAX_CODES)
			continue;
		c = grid_find_code(&t->row_choices, row);
		t->rows[t->nrows].code = arena_strdup(rc->a, row);
		t->rows[t->nrows].label = c ? c->label : t->rows[t->nrows].code;
		t->nrows++;
	}
}

static void add_saved_cell(void *ctx, const char *key, long long value,
			   const char *flag)
{
	struct row_ctx *rc = ctx;
	struct cell *c = grid_map_get(rc->a, &rc->g->saved, key, 1);

	if (c == NULL) {
		rc->full = 1;	/* never drop a saved value silently */
		return;
	}
	c->value = value;
	c->flag[0] = flag[0];
}

/* Slots for n cells: the maps stay under half full. */
static size_t map_size(size_t n)
{
	return n < 31 ? 64 : 2 * n + 2;
}

static void size_saved(void *ctx, size_t rows)
{
	struct row_ctx *rc = ctx;

	grid_map_init(rc->a, &rc->g->saved, map_size(rows));
}

static void put_reason(void *ctx, const char *reason)
{
	struct row_ctx *rc = ctx;

	rc->g->reason = arena_strdup(rc->a, reason);
}

/* Loads the dataset's shape, its picked rows and its saved cells. */
int grid_shape(struct req *req, const struct submission *s,
	       const struct dataset_def *ds, struct grid *g)
{
	size_t i;
	int rc = DB_OK;

	memset(g, 0, sizeof(*g));
	g->sub = s;
	g->ds = ds;
	for (i = 0; rc == DB_OK && i < ds->ntables; i++) {
		struct table *t = &g->tables[i];

		t->def = &ds->tables[i];
		rc = grid_codes(req, s, t->def->row_list, &t->row_choices);
		if (rc == DB_OK)
			rc = build_columns(req, s, t);
		if (t->def->rows_fixed) {
			t->rows = t->row_choices.items;
			t->nrows = t->row_choices.n;
		} else {
			t->rows = arena_alloc(req->arena,
					      GRID_MAX_CODES * sizeof(*t->rows));
		}
	}
	return rc;
}

int grid_load(struct req *req, const struct submission *s,
		     const struct dataset_def *ds, struct grid *g)
{
	static const struct grid_data_fn fn = {
		size_saved, add_row, add_saved_cell, put_reason,
	};
	struct row_ctx ctx = { g, req->arena, 0 };
	size_t i, cells = 0;
	int rc = grid_shape(req, s, ds, g);

	g->reason = "";
	if (rc == DB_OK)
		rc = db_grid_data(req->db, s->id, ds->key, &fn, &ctx);
	if (rc == DB_OK && ctx.full)
		rc = DB_ERROR;
	if (rc != DB_OK)
		return rc;
	/* Picked rows show in the order of their codes (byte order, as
	 * the database keeps them). */
	for (i = 0; i < ds->ntables; i++) {
		struct table *t = &g->tables[i];

		if (!t->def->rows_fixed)
			qsort(t->rows, t->nrows, sizeof(*t->rows), code_cmp);
		cells += t->nrows * t->ncols;
	}
	/* Made here only for a form to read (page-grid.c): a page that
	 * only shows the grid zeroes no map it does not use. */
	g->typed.size = 0;
	g->ncells = cells;
	return DB_OK;
}

void grid_typed_init(struct req *req, struct grid *g)
{
	grid_map_init(req->arena, &g->typed, map_size(g->ncells));
}

struct table *grid_find_table(struct grid *g, const char *key)
{
	size_t i;

	for (i = 0; i < g->ds->ntables; i++)
		if (strcmp(g->tables[i].def->key, key) == 0)
			return &g->tables[i];
	return NULL;
}

int grid_has_row(const struct table *t, const char *code)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].code, code) == 0)
			return 1;
	return 0;
}

int grid_has_col(const struct table *t, const char *code)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].code, code) == 0)
			return 1;
	return 0;
}

/* ---- putting a grid into the page ------------------------------------ */

/* A grid puts thousands of values: each is set below a node already
 * found (hdf_set_value walks its name from there, not from the root),
 * under a short name made without printf. */

static void put_under(struct req *req, HDF *at, const char *name,
		      const char *value)
{
	NEOERR *err = hdf_set_value(at, name, value);

	if (err != STATUS_OK)
		resp_neoerr(req, err, name);
}

static void put_int_under(struct req *req, HDF *at, const char *name,
			  long long value)
{
	char buf[24];

	put_under(req, at, name, util_num(buf, value));
}

/* The node at name under at, created if absent; NULL only when out of
 * memory (logged), and the caller skips what would go below it. */
static HDF *node_under(struct req *req, HDF *at, const char *name)
{
	HDF *n = NULL;
	NEOERR *err = hdf_get_node(at, name, &n);

	if (err != STATUS_OK) {
		resp_neoerr(req, err, name);
		return NULL;
	}
	return n;
}

/* "tbl:row:col", the name of a cell's inputs after "v:" and "f:", from
 * its key "tbl|row|col" (codes hold neither '|' nor ':'). */
static const char *input_name(struct req *req, const char *key)
{
	char *s = arena_strdup(req->arena, key), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '|')
			*p = ':';
	return s;
}

/* One cell, as grid-table.cs reads it: the node C.<ci> of its row. In a
 * read-only table its value is the figure ("" when none); in an editable
 * one it is the inputs' name, and the figure is its child v. A flag other
 * than A is its child f, a message its child err: most cells are one
 * node, and the template tests one child for them. Returns the figure
 * the totals count (-1: none). */
static long long put_cell(struct req *req, struct grid *g, struct table *t,
			  size_t ri, size_t ci, const char *key,
			  const char *table_label, int use_typed,
			  int editable, HDF *cells)
{
	struct cell *c = NULL;
	const char *shown = "";
	char name[24], figure[24], path[32];
	long long counted;
	size_t n;

	if (use_typed)
		c = grid_map_get(req->arena, &g->typed, key, 0);
	if (c == NULL)
		c = grid_map_get(req->arena, &g->saved, key, 0);
	util_num(name, (long long)ci);
	if (c != NULL && c->raw != NULL)	/* as typed */
		shown = c->raw;
	else if (c != NULL && c->value >= 0)
		shown = util_num(figure, c->value);
	if (!editable) {
		put_under(req, cells, name, shown);
	} else {
		put_under(req, cells, name, input_name(req, key));
		if (*shown != '\0') {
			n = strlen(name);
			memcpy(path, name, n);
			memcpy(path + n, ".v", 3);
			put_under(req, cells, path, shown);
		}
	}
	if (c == NULL)
		return -1;
	n = strlen(name);
	memcpy(path, name, n);
	path[n++] = '.';
	if (c->flag[0] != '\0' && c->flag[0] != 'A') {
		memcpy(path + n, "f", 2);
		put_under(req, cells, path, c->flag);
	}
	counted = c->value;
	if (c->err != NULL) {
		struct cell *old = grid_map_get(req->arena, &g->saved, key, 0);
		long long at;

		/* A wrong cell counts with its saved value. */
		counted = old != NULL ? old->value : -1;
		memcpy(path + n, "err", 4);
		put_under(req, cells, path, c->err);
		/* Its line in the error summary names it and links to its
		 * input, whose id is its name (grid-table.cs). */
		at = resp_problem(req, arena_printf(req->arena, "v:%s",
			input_name(req, key)), c->err);
		if (at >= 0) {
			resp_set_item(req, "Form.Problems", at, "table",
				      table_label);
			resp_set_item(req, "Form.Problems", at, "row",
				      t->rows[ri].label);
			resp_set_item(req, "Form.Problems", at, "col",
				      t->cols[ci].label);
		}
	}
	return counted;
}

static void put_cells(struct req *req, struct grid *g, struct table *t,
		      int use_typed, int editable, HDF *tnode,
		      long long *coltot)
{
	char name[24], key[256];
	const char *table_label = resp_text(req, arena_printf(req->arena,
		"Lang.ds.%s.%s", g->ds->key, t->def->key), t->def->key);
	long long all = 0, counted;
	size_t ri, ci;
	HDF *rows = node_under(req, tnode, "Rows");

	for (ri = 0; rows != NULL && ri < t->nrows; ri++) {
		long long rowtot = 0;
		HDF *row, *cells;
		size_t at;

		row = node_under(req, rows, util_num(name, (long long)ri));
		if (row == NULL || (cells = node_under(req, row, "C")) == NULL)
			return;
		if (editable)	/* its remove button names it */
			put_under(req, row, "code", t->rows[ri].code);
		put_under(req, row, "label", t->rows[ri].label);
		at = grid_key_row(key, sizeof(key), t->def->key,
				  t->rows[ri].code);
		for (ci = 0; ci < t->ncols; ci++) {
			if (grid_key_col(key, sizeof(key), at,
					 t->cols[ci].code) == 0)
				continue;	/* codes are short: never */
			counted = put_cell(req, g, t, ri, ci, key, table_label,
					   use_typed, editable, cells);
			/* Totals add what was typed where it is right, and
			 * what is saved where it is not. */
			if (counted >= 0) {
				rowtot += counted;
				coltot[ci] += counted;
			}
		}
		put_int_under(req, row, "total", rowtot);
		all += rowtot;
	}
	put_int_under(req, tnode, "total", all);
}

/* Puts every table with its rows, cells (typed values win over saved
 * ones), per-cell errors and totals under <prefix>.Tables; the cells in
 * the editable shape and the codes that could be added as rows only when
 * editable (grid-table.cs). */
void grid_put(struct req *req, struct grid *g, int use_typed, int editable,
	      const char *prefix)
{
	char name[160];
	size_t ti, ci;
	int choices = 0;
	HDF *tables;

	resp_set(req, "Grid.dataset", g->ds->key);
	snprintf(name, sizeof(name), "%s.Tables", prefix);
	if ((tables = node_under(req, req->hdf, name)) == NULL)
		return;
	for (ti = 0; ti < g->ds->ntables; ti++) {
		struct table *t = &g->tables[ti];
		long long *coltot = arena_alloc(req->arena,
			(t->ncols + 1) * sizeof(*coltot));
		HDF *tnode, *list;

		tnode = node_under(req, tables, util_num(name, (long long)ti));
		if (tnode == NULL)
			return;
		put_under(req, tnode, "key", t->def->key);
		put_under(req, tnode, "fixed", t->def->rows_fixed ? "1" : "");
		if ((list = node_under(req, tnode, "Cols")) == NULL)
			return;
		for (ci = 0; ci < t->ncols; ci++)	/* the headers */
			put_under(req, list, util_num(name, (long long)ci),
				  t->cols[ci].label);
		/* The codes that can be added as rows, once per page: the
		 * tables of a dataset that take rows all take them from one
		 * list (the countries), and a 250-name list repeated per
		 * table made a flows page weigh 72 KB before its first row.
		 * A worker builds it once (grid_codes_put). */
		if (editable && !t->def->rows_fixed && !choices) {
			struct codes c;

			grid_codes_put(req, g->sub, t->def->row_list, &c,
				       "Grid.Choices");
			choices = 1;
		}
		put_cells(req, g, t, use_typed, editable, tnode, coltot);
		if ((list = node_under(req, tnode, "ColTotals")) == NULL)
			return;
		for (ci = 0; ci < t->ncols; ci++)
			put_int_under(req, list, util_num(name, (long long)ci),
				      coltot[ci]);
	}
}

/* ---- consistency warnings -------------------------------------------- */

struct warn_ctx {
	struct req *req;
	struct grid *g;
	size_t n;
};

static long long cell_value(struct req *req, struct grid *g, const char *tbl,
			    const char *row, const char *col)
{
	char key[256];
	struct cell *c;

	c = grid_key(key, sizeof(key), tbl, row, col) == 0 ? NULL :
		grid_map_get(req->arena, &g->saved, key, 0);
	return c ? c->value : -1;
}

static void warn(struct warn_ctx *w, const char *ds, const char *table,
		 const char *row, const char *col, const char *a,
		 long long av, const char *b, long long bv)
{
	char name[96];

#define P(f) (snprintf(name, sizeof(name), "Page.Warnings.%zu." f, w->n), name)
	resp_set(w->req, P("ds"), ds);
	resp_set(w->req, P("table"), table);
	resp_set(w->req, P("row"), row);
	resp_set(w->req, P("col"), col);
	resp_set(w->req, P("a"), a);
	resp_set_int(w->req, P("av"), av);
	resp_set(w->req, P("b"), b);
	resp_set_int(w->req, P("bv"), bv);
#undef P
	w->n++;
}

static const char *label_or_code(const struct codes *c, const char *code)
{
	const struct code *k = grid_find_code(c, code);

	return k != NULL ? k->label : code;
}

/* "Of which smuggled" above the irregular entries of the same breakdown,
 * and a justice funnel that widens (more convicted than prosecuted, more
 * prosecuted than arrested). */
int report_warnings(struct req *req, const struct submission *sub,
		    size_t *count)
{
	static const char *const funnel[] = { "ARRESTED", "PROSECUTED",
					      "CONVICTED" };
	struct warn_ctx w = { req, NULL, 0 };
	struct grid *g = arena_alloc(req->arena, sizeof(*g));
	struct table *smug, *entry, *cit;
	struct codes stages, sexes_l;
	size_t ri, ci, k;
	int rc;

	rc = grid_load(req, sub, dataset_find("flows"), g);
	if (rc != DB_OK)
		return rc;
	w.g = g;
	smug = grid_find_table(g, "smuggled");
	entry = grid_find_table(g, "irr_entry");
	for (ri = 0; ri < smug->nrows; ri++)
		for (ci = 0; ci < smug->ncols; ci++) {
			const char *row = smug->rows[ri].code;
			const char *col = smug->cols[ci].code;
			long long a = cell_value(req, g, "smuggled", row, col);
			long long b = cell_value(req, g, "irr_entry", row, col);

			if (a >= 0 && b >= 0 && a > b)
				warn(&w, "flows", "smuggled",
				     smug->rows[ri].label, smug->cols[ci].label,
				     "smuggled", a, "irr_entry", b);
		}
	(void)entry;
	rc = grid_load(req, sub, dataset_find("smugglers"), g);
	if (rc != DB_OK)
		return rc;
	cit = grid_find_table(g, "by_citizenship");
	rc = grid_codes(req, sub, "stage", &stages);
	if (rc == DB_OK)
		rc = grid_codes(req, sub, "sex", &sexes_l);
	if (rc != DB_OK)
		return rc;
	for (ri = 0; ri < cit->nrows; ri++)
		for (k = 0; k + 1 < sizeof(funnel) / sizeof(funnel[0]); k++) {
			static const char *const sexes[] = { "F", "M", "_U" };
			size_t si;

			for (si = 0; si < 3; si++) {
				char ca[64], cb[64];
				long long a, b;

				snprintf(ca, sizeof(ca), "%s.%s", funnel[k + 1],
					 sexes[si]);
				snprintf(cb, sizeof(cb), "%s.%s", funnel[k],
					 sexes[si]);
				a = cell_value(req, g, "by_citizenship",
					       cit->rows[ri].code, ca);
				b = cell_value(req, g, "by_citizenship",
					       cit->rows[ri].code, cb);
				/* Stages and sexes by name, as the grid
				 * shows them. */
				if (a >= 0 && b >= 0 && a > b)
					warn(&w, "smugglers", "by_citizenship",
					     cit->rows[ri].label,
					     label_or_code(&sexes_l, sexes[si]),
					     label_or_code(&stages,
							   funnel[k + 1]), a,
					     label_or_code(&stages, funnel[k]),
					     b);
			}
		}
	*count = w.n;
	return DB_OK;
}

