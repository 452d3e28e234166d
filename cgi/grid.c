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

/* ---- a small map from "tbl|row|col" to a cell, in the arena ---------- */



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

/* The cell for key, created empty (value -1, no flag) when absent. NULL
 * only when the map is full, which the caps below rule out. */
struct cell *grid_map_get(struct arena *a, struct cellmap *m,
			    const char *key, int create)
{
	size_t i = fnv1a(key) % m->size, n;

	for (n = 0; n < m->size; n++, i = (i + 1) % m->size) {
		struct cell *c = &m->slots[i];

		if (c->key == NULL) {
			if (!create || m->count + 1 >= m->size)
				return NULL;
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



/* A list loaded once in this request: a dataset's tables share their
 * lists (four country row lists in flows), and a read-only list can. */
struct code_memo {
	const char *list;
	char starts[11], ends[11];	/* the period it was loaded for */
	struct codes codes;
	struct code_memo *next;
};

/* The codes of list valid at some time during the submission's period. */
int grid_codes(struct req *req, const struct submission *s,
		      const char *list, struct codes *out)
{
	struct code_memo *m;
	int rc;

	for (m = req->code_memo; m != NULL; m = m->next)
		if (strcmp(m->list, list) == 0 &&
		    strcmp(m->starts, s->starts) == 0 &&
		    strcmp(m->ends, s->ends) == 0) {
			*out = m->codes;
			return DB_OK;
		}
	{
		/* This worker's copy while the codes are unchanged
		 * (refcache.c); read-only, as every caller treats it. */
		const struct code *items = NULL;

		out->a = req->arena;
		out->n = 0;
		rc = refcache_codes(req, list, s->starts, s->ends,
				    GRID_MAX_CODES, &items, &out->n);
		if (rc != DB_OK)
			return rc;
		out->items = (struct code *)items;
	}
	m = arena_alloc(req->arena, sizeof(*m));
	m->list = list;
	snprintf(m->starts, sizeof(m->starts), "%s", s->starts);
	snprintf(m->ends, sizeof(m->ends), "%s", s->ends);
	m->codes = *out;
	m->next = req->code_memo;
	req->code_memo = m;
	return DB_OK;
}

const struct code *grid_find_code(const struct codes *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->items[i].code, code) == 0)
			return &c->items[i];
	return NULL;
}



static int build_columns(struct req *req, const struct submission *s,
			 struct table *t)
{
	struct codes a, b;
	size_t i, j;
	int rc = grid_codes(req, s, t->def->col_lists[0], &a);

	if (rc != DB_OK)
		return rc;
	if (t->def->col_lists[1] == NULL) {
		t->cols = a.items;
		t->ncols = a.n;
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

static void add_saved_cell(void *ctx, const char *tbl, const char *row,
			   const char *col, long long value, const char *flag)
{
	struct row_ctx *rc = ctx;
	char key[256];
	struct cell *c;

	snprintf(key, sizeof(key), "%s|%s|%s", tbl, row, col);
	c = grid_map_get(rc->a, &rc->g->saved, key, 1);
	if (c == NULL) {
		rc->full = 1;	/* never drop a saved value silently */
		return;
	}
	c->value = value;
	c->flag[0] = flag[0];
}

/* A power of two at least twice n: the maps stay under half full. */
static size_t map_size(size_t n)
{
	size_t size = 64;

	while (size < 2 * n + 2)
		size *= 2;
	return size;
}

/* Loads the dataset's shape, its picked rows and its saved cells. */
int grid_shape(struct req *req, const struct submission *s,
	       const struct dataset_def *ds, struct grid *g)
{
	size_t i;
	int rc = DB_OK;

	memset(g, 0, sizeof(*g));
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
	long long sub = s->id;
	struct row_ctx ctx = { g, req->arena, 0 };
	long long saved = 0;
	size_t i, cells = 0;
	int rc = grid_shape(req, s, ds, g);

	if (rc == DB_OK)
		rc = db_row_list(req->db, sub, ds->key, add_row, &ctx);
	if (rc == DB_OK)
		rc = db_cell_count(req->db, sub, ds->key, &saved);
	for (i = 0; i < ds->ntables; i++)
		cells += g->tables[i].nrows * g->tables[i].ncols;
	/* Sized from the grid's shape and what is stored, so no cell is
	 * ever left out and lookups stay short. */
	grid_map_init(req->arena, &g->saved, map_size(cells > (size_t)saved ?
						 cells : (size_t)saved));
	grid_map_init(req->arena, &g->typed, map_size(cells));
	if (rc == DB_OK)
		rc = db_cell_list(req->db, sub, ds->key, add_saved_cell, &ctx);
	if (rc == DB_OK && ctx.full)
		rc = DB_ERROR;
	return rc;
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

/* hdf_set_value under a node already found: the path is parsed and
 * walked from there, not from the root, for each of a grid's thousands
 * of values. */
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

	snprintf(buf, sizeof(buf), "%lld", value);
	put_under(req, at, name, buf);
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

static void put_cells(struct req *req, struct grid *g, struct table *t,
		      int use_typed, HDF *tnode, long long *coltot)
{
	char name[48], key[256];
	const char *table_label = resp_text(req, arena_printf(req->arena,
		"Lang.ds.%s.%s", g->ds->key, t->def->key), t->def->key);
	long long all = 0, counted;
	size_t ri, ci;

	for (ri = 0; ri < t->nrows; ri++) {
		long long rowtot = 0;
		HDF *row, *cells;

		snprintf(name, sizeof(name), "Rows.%zu", ri);
		if ((row = node_under(req, tnode, name)) == NULL ||
		    (cells = node_under(req, row, "Cells")) == NULL)
			return;
		put_under(req, row, "code", t->rows[ri].code);
		put_under(req, row, "label", t->rows[ri].label);
		for (ci = 0; ci < t->ncols; ci++) {
			struct cell *c = NULL;
			HDF *cell;

			snprintf(key, sizeof(key), "%s|%s|%s", t->def->key,
				 t->rows[ri].code, t->cols[ci].code);
			if (use_typed)
				c = grid_map_get(req->arena, &g->typed, key, 0);
			if (c == NULL)
				c = grid_map_get(req->arena, &g->saved, key, 0);
			/* Every cell gets its node, in column order, so the
			 * template walks the cells instead of looking each
			 * one up by index (several times faster). */
			snprintf(name, sizeof(name), "%zu", ci);
			if ((cell = node_under(req, cells, name)) == NULL)
				return;
			put_under(req, cell, "f", c ? c->flag : "");
			if (c == NULL)
				continue;
			counted = c->value;
			if (c->err != NULL) {
				struct cell *old = grid_map_get(req->arena,
						&g->saved, key, 0);
				long long at;

				/* A wrong cell counts with its saved value. */
				counted = old != NULL ? old->value : -1;
				put_under(req, cell, "err", c->err);
				/* Its line in the error summary names it and
				 * links to its input, whose id is its name
				 * (grid-table.cs: compresses to nothing). */
				at = resp_problem(req, arena_printf(req->arena,
					"v:%s:%s:%s", t->def->key,
					t->rows[ri].code, t->cols[ci].code),
					c->err);
				if (at >= 0) {
					resp_set_item(req, "Form.Problems", at,
						      "table", table_label);
					resp_set_item(req, "Form.Problems", at,
						      "row", t->rows[ri].label);
					resp_set_item(req, "Form.Problems", at,
						      "col", t->cols[ci].label);
				}
			}
			if (c->raw != NULL)	/* as typed */
				put_under(req, cell, "v", c->raw);
			else if (c->value >= 0)
				put_int_under(req, cell, "v", c->value);
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

/* The codes that can be added as rows, once per page (Grid.Choices): the
 * tables of a dataset that take rows all take them from one list (the
 * countries), and a 250-name list repeated per table made a flows page
 * weigh 72 KB before its first row. */
static void put_choices(struct req *req, const struct codes *c)
{
	char name[32];
	HDF *list = node_under(req, req->hdf, "Grid.Choices");
	size_t i;

	for (i = 0; list != NULL && i < c->n; i++) {
		snprintf(name, sizeof(name), "%zu.code", i);
		put_under(req, list, name, c->items[i].code);
		snprintf(name, sizeof(name), "%zu.label", i);
		put_under(req, list, name, c->items[i].label);
	}
}

/* Puts every table with its rows, cells (typed values win over saved
 * ones), per-cell errors and totals under <prefix>.Tables; the codes
 * that could be added as rows only when with_choices (an editable grid). */
void grid_put(struct req *req, struct grid *g, int use_typed,
	      int with_choices, const char *prefix)
{
	char name[160];
	size_t ti, ci;
	int choices = 0;

	resp_set(req, "Grid.dataset", g->ds->key);
	for (ti = 0; ti < g->ds->ntables; ti++) {
		struct table *t = &g->tables[ti];
		long long *coltot = arena_alloc(req->arena,
			(t->ncols + 1) * sizeof(*coltot));
		HDF *tnode, *list;

		snprintf(name, sizeof(name), "%s.Tables.%zu", prefix, ti);
		if ((tnode = node_under(req, req->hdf, name)) == NULL)
			return;
		put_under(req, tnode, "key", t->def->key);
		put_under(req, tnode, "fixed", t->def->rows_fixed ? "1" : "");
		if ((list = node_under(req, tnode, "Cols")) == NULL)
			return;
		for (ci = 0; ci < t->ncols; ci++) {
			snprintf(name, sizeof(name), "%zu.code", ci);
			put_under(req, list, name, t->cols[ci].code);
			snprintf(name, sizeof(name), "%zu.label", ci);
			put_under(req, list, name, t->cols[ci].label);
		}
		if (with_choices && !t->def->rows_fixed && !choices) {
			put_choices(req, &t->row_choices);
			choices = 1;
		}
		put_cells(req, g, t, use_typed, tnode, coltot);
		if ((list = node_under(req, tnode, "ColTotals")) == NULL)
			return;
		for (ci = 0; ci < t->ncols; ci++) {
			snprintf(name, sizeof(name), "%zu", ci);
			put_int_under(req, list, name, coltot[ci]);
		}
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

	snprintf(key, sizeof(key), "%s|%s|%s", tbl, row, col);
	c = grid_map_get(req->arena, &g->saved, key, 0);
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

