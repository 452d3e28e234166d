/* SPDX-License-Identifier: MIT */
/* page-grid.c: /submission/<id>/<dataset>, the data-entry grids of an
 * aggregate dataset: show, validate, save (with the stale-save check),
 * add and remove rows, and the consistency warnings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datasets.h"
#include "db-history.h"
#include "db-report.h"
#include "log.h"
#include "pages.h"
#include "report.h"
#include "resp.h"
#include "util.h"

#define MAX_VALUE 999999999LL
#define MAX_CODES 300		/* rows or columns of one table */

/* ---- a small map from "tbl|row|col" to a cell, in the arena ---------- */

struct cell {
	const char *key;
	long long value;	/* -1: none */
	char flag[2];
	int bad;		/* typed: 1 not a number, 2 negative */
	const char *raw;	/* typed text, shown back as typed */
	const char *err;	/* message for a typed cell in error */
	int skip;		/* in a row being removed: not written */
};

struct cellmap {
	struct cell *slots;
	size_t size, count;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void map_init(struct arena *a, struct cellmap *m, size_t size)
{
	m->size = size;
	m->count = 0;
	m->slots = arena_alloc(a, size * sizeof(*m->slots));
}

/* The cell for key, created empty (value -1, no flag) when absent. NULL
 * only when the map is full, which the caps below rule out. */
static struct cell *map_get(struct arena *a, struct cellmap *m,
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

struct code {
	const char *code, *label;
};

struct codes {
	struct arena *a;
	struct code *items;
	size_t n;
};

static void add_code(void *ctx, const char *code, const char *label)
{
	struct codes *c = ctx;

	if (c->n < MAX_CODES) {
		c->items[c->n].code = arena_strdup(c->a, code);
		c->items[c->n].label = arena_strdup(c->a, label);
		c->n++;
	}
}

/* The codes of list valid at some time during the submission's period. */
static int load_codes(struct req *req, const struct submission *s,
		      const char *list, struct codes *out)
{
	out->a = req->arena;
	out->n = 0;
	out->items = arena_alloc(req->arena, MAX_CODES * sizeof(*out->items));
	return db_code_list_during(req->db, list, s->starts, s->ends, add_code,
				   out);
}

static const struct code *find_code(const struct codes *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->items[i].code, code) == 0)
			return &c->items[i];
	return NULL;
}

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
	struct table tables[8];
	struct cellmap saved;		/* from the database */
	struct cellmap typed;		/* from the form, when there is one */
};

static int build_columns(struct req *req, const struct submission *s,
			 struct table *t)
{
	struct codes a, b;
	size_t i, j;
	int rc = load_codes(req, s, t->def->col_lists[0], &a);

	if (rc != DB_OK)
		return rc;
	if (t->def->col_lists[1] == NULL) {
		t->cols = a.items;
		t->ncols = a.n;
		return DB_OK;
	}
	rc = load_codes(req, s, t->def->col_lists[1], &b);
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
		    t->nrows >= MAX_CODES)
			continue;
		c = find_code(&t->row_choices, row);
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
	c = map_get(rc->a, &rc->g->saved, key, 1);
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
static int load_grid(struct req *req, const struct submission *s,
		     const struct dataset_def *ds, struct grid *g)
{
	long long sub = s->id;
	struct row_ctx ctx = { g, req->arena, 0 };
	long long saved = 0;
	size_t i, cells = 0;
	int rc = DB_OK;

	memset(g, 0, sizeof(*g));
	g->ds = ds;
	for (i = 0; rc == DB_OK && i < ds->ntables; i++) {
		struct table *t = &g->tables[i];

		t->def = &ds->tables[i];
		rc = load_codes(req, s, t->def->row_list, &t->row_choices);
		if (rc == DB_OK)
			rc = build_columns(req, s, t);
		if (t->def->rows_fixed) {
			t->rows = t->row_choices.items;
			t->nrows = t->row_choices.n;
		} else {
			t->rows = arena_alloc(req->arena,
					      MAX_CODES * sizeof(*t->rows));
		}
	}
	if (rc == DB_OK)
		rc = db_row_list(req->db, sub, ds->key, add_row, &ctx);
	if (rc == DB_OK)
		rc = db_cell_count(req->db, sub, ds->key, &saved);
	for (i = 0; i < ds->ntables; i++)
		cells += g->tables[i].nrows * g->tables[i].ncols;
	/* Sized from the grid's shape and what is stored, so no cell is
	 * ever left out and lookups stay short. */
	map_init(req->arena, &g->saved, map_size(cells > (size_t)saved ?
						 cells : (size_t)saved));
	map_init(req->arena, &g->typed, map_size(cells));
	if (rc == DB_OK)
		rc = db_cell_list(req->db, sub, ds->key, add_saved_cell, &ctx);
	if (rc == DB_OK && ctx.full)
		rc = DB_ERROR;
	return rc;
}

static struct table *find_table(struct grid *g, const char *key)
{
	size_t i;

	for (i = 0; i < g->ds->ntables; i++)
		if (strcmp(g->tables[i].def->key, key) == 0)
			return &g->tables[i];
	return NULL;
}

static int has_row(const struct table *t, const char *code)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].code, code) == 0)
			return 1;
	return 0;
}

static int has_col(const struct table *t, const char *code)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].code, code) == 0)
			return 1;
	return 0;
}

/* ---- putting a grid into the page ------------------------------------ */

/* Puts every table with its rows, cells (typed values win over saved
 * ones), per-cell errors and totals under <prefix>.Tables. */
static void put_grid(struct req *req, struct grid *g, int use_typed,
		     const char *prefix)
{
	char name[160], key[256];
	size_t ti, ri, ci;

	resp_set(req, "Grid.dataset", g->ds->key);
	for (ti = 0; ti < g->ds->ntables; ti++) {
		struct table *t = &g->tables[ti];
		long long *coltot = arena_alloc(req->arena,
			(t->ncols + 1) * sizeof(*coltot));
		long long all = 0;

#define P(fmt, ...) (snprintf(name, sizeof(name), "%s.Tables.%zu." fmt, \
	prefix, ti, __VA_ARGS__), name)
		resp_set(req, P("%s", "key"), t->def->key);
		resp_set(req, P("%s", "fixed"), t->def->rows_fixed ? "1" : "");
		for (ci = 0; ci < t->ncols; ci++) {
			resp_set(req, P("Cols.%zu.code", ci), t->cols[ci].code);
			resp_set(req, P("Cols.%zu.label", ci),
				 t->cols[ci].label);
		}
		for (ri = 0; ri < t->row_choices.n && !t->def->rows_fixed;
		     ri++) {
			if (has_row(t, t->row_choices.items[ri].code))
				continue;
			resp_set(req, P("Choices.%zu.code", ri),
				 t->row_choices.items[ri].code);
			resp_set(req, P("Choices.%zu.label", ri),
				 t->row_choices.items[ri].label);
		}
		for (ri = 0; ri < t->nrows; ri++) {
			long long rowtot = 0;

			resp_set(req, P("Rows.%zu.code", ri), t->rows[ri].code);
			resp_set(req, P("Rows.%zu.label", ri),
				 t->rows[ri].label);
			for (ci = 0; ci < t->ncols; ci++) {
				struct cell *c = NULL;

				snprintf(key, sizeof(key), "%s|%s|%s",
					 t->def->key, t->rows[ri].code,
					 t->cols[ci].code);
				if (use_typed)
					c = map_get(req->arena, &g->typed, key,
						    0);
				if (c == NULL)
					c = map_get(req->arena, &g->saved, key,
						    0);
				/* Every cell gets its node, in column order, so the
				 * template walks the cells instead of looking each
				 * one up by index (several times faster). */
				if (c == NULL || c->flag[0] == '\0') {
					resp_set(req, P("Rows.%zu.Cells.%zu.f", ri, ci),
						 "");
					if (c == NULL)
						continue;
				} else {
					resp_set(req, P("Rows.%zu.Cells.%zu.f", ri, ci),
						 c->flag);
				}
				if (c->err != NULL)
					resp_set(req, P("Rows.%zu.Cells.%zu.err",
							ri, ci), c->err);
				if (c->raw != NULL) {	/* as typed */
					resp_set(req, P("Rows.%zu.Cells.%zu.v",
							ri, ci), c->raw);
				} else if (c->value >= 0) {
					resp_set_int(req, P("Rows.%zu.Cells.%zu.v",
							    ri, ci), c->value);
					rowtot += c->value;
					coltot[ci] += c->value;
				}
			}
			resp_set_int(req, P("Rows.%zu.total", ri), rowtot);
			all += rowtot;
		}
		for (ci = 0; ci < t->ncols; ci++)
			resp_set_int(req, P("ColTotals.%zu", ci), coltot[ci]);
		resp_set_int(req, P("%s", "total"), all);
#undef P
	}
}

static enum status render_grid(struct req *req, const struct submission *s,
			       struct grid *g, int use_typed, int status)
{
	report_put_submission(req, s);
	if (policy_submission(req->user, s->jurisdiction_id, s->status,
			      s->period_status, SUB_EDIT) == ALLOW)
		resp_set(req, "Page.Can.edit", "1");
	put_grid(req, g, use_typed, "Grid");
	return resp_render(req, status, "grid.cs");
}

static const struct dataset_def *dataset_arg(struct req *req)
{
	return req->nargs >= 2 ? dataset_find(req->args[1]) : NULL;
}

static const struct field_spec notice_fields[] = {
	{ .name = "saved", .type = FIELD_CHECK },
};

/* GET /submission/<id>/<dataset>: the grids, editable when the policy
 * allows, read-only otherwise. 404 for an unknown dataset or another
 * state's submission. */
enum status page_grid_show(struct req *req)
{
	const struct dataset_def *ds = dataset_arg(req);
	struct submission s;
	struct grid *g;
	struct field_value notice[1];
	enum status st;
	int rc;

	if (ds == NULL)
		return ST_NOT_FOUND;
	st = report_load(req, &s, SUB_READ);
	if (st != ST_OK)
		return st;
	g = arena_alloc(req->arena, sizeof(*g));
	rc = load_grid(req, &s, ds, g);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	form_validate(&req->query, notice_fields, 1, notice);
	if (notice[0].num)
		resp_set(req, "Page.Notice", "saved");
	return render_grid(req, &s, g, 0, 200);
}

/* ---- saving ----------------------------------------------------------- */

/* Splits "v:tbl:row:col" into its parts (arena copies). */
static int split_name(struct arena *a, const char *name, char kind,
		      const char **tbl, const char **row, const char **col)
{
	const char *p1, *p2;

	if (name[0] != kind || name[1] != ':')
		return 0;
	name += 2;
	p1 = strchr(name, ':');
	p2 = p1 ? strchr(p1 + 1, ':') : NULL;
	if (p1 == NULL || p2 == NULL || strchr(p2 + 1, ':') != NULL)
		return 0;
	*tbl = arena_strndup(a, name, (size_t)(p1 - name));
	*row = arena_strndup(a, p1 + 1, (size_t)(p2 - p1 - 1));
	*col = arena_strdup(a, p2 + 1);
	return 1;
}

/* Reads every v:/f: pair of the form into g->typed and checks it.
 * Returns the number of cells in error (each recorded for the page), or
 * -1 for a form that names tables, rows or columns the grid does not
 * have (tampering: 400). */
static int read_form(struct req *req, struct grid *g, size_t *nerr)
{
	size_t i;
	int errors = 0;

	for (i = 0; i < req->body.count; i++) {
		const struct param *p = &req->body.items[i];
		const char *tbl, *row, *col;
		struct table *t;
		struct cell *c;
		char key[256];

		if (!split_name(req->arena, p->name, 'v', &tbl, &row, &col) &&
		    !split_name(req->arena, p->name, 'f', &tbl, &row, &col))
			continue;
		t = find_table(g, tbl);
		if (t == NULL || !has_row(t, row) || !has_col(t, col))
			return -1;
		snprintf(key, sizeof(key), "%s|%s|%s", tbl, row, col);
		c = map_get(req->arena, &g->typed, key, 1);
		if (c == NULL)
			return -1;
		if (p->name[0] == 'f') {
			c->flag[0] = p->len == 1 ? p->value[0] : '?';
		} else if (p->len > 0) {
			c->raw = p->value;
			/* Whole numbers only: no sign, no spaces, no 1e3. */
			if (p->has_nul || strspn(p->value, "0123456789") != p->len)
				c->bad = p->value[0] == '-' &&
					 strspn(p->value + 1, "0123456789") ==
					 p->len - 1 && p->len > 1 ? 2 : 1;
			else if (p->len > 10)
				c->value = MAX_VALUE + 1;
			else
				c->value = strtoll(p->value, NULL, 10);
		}
	}
	/* Now each cell is complete: check value and flag together. */
	for (i = 0; i < g->typed.size; i++) {
		struct cell *c = &g->typed.slots[i];
		const char *err = NULL;
		char flag[2] = { c->flag[0], 0 };
		int needs;

		if (c->key == NULL)
			continue;
		if (flag[0] == '\0')
			flag[0] = c->flag[0] = 'A';
		needs = cell_flag_needs_value(flag);
		if (needs < 0)
			err = "bad_flag";
		else if (c->bad == 1)
			err = "not_number";
		else if (c->bad == 2)
			err = "negative";
		else if (c->value > MAX_VALUE)
			err = "too_large";
		else if (needs == 0 && c->value >= 0)
			err = "flag_no_number";
		else if (needs == 1 && c->value < 0 && flag[0] != 'A')
			err = "flag_needs_number";
		if (err != NULL) {
			c->err = resp_text(req, arena_printf(req->arena,
				"Lang.err.%s", err), err);
			errors++;
		}
	}
	*nerr = (size_t)errors;
	return errors;
}

/* Which form action was pressed: save, add a row to a table, remove one. */
struct grid_action {
	enum { GA_SAVE, GA_ADD, GA_REMOVE } kind;
	struct table *table;
	const char *row;
};

static int parse_action(struct req *req, struct grid *g, struct grid_action *a)
{
	const struct param *p = req_param(&req->body, "action");
	const char *tbl, *row, *col;
	char name[80];

	memset(a, 0, sizeof(*a));
	if (p == NULL || strcmp(p->value, "save") == 0)
		return 0;
	if (strncmp(p->value, "add:", 4) == 0) {
		const struct param *r;

		a->kind = GA_ADD;
		a->table = find_table(g, p->value + 4);
		if (a->table == NULL || a->table->def->rows_fixed)
			return -1;
		snprintf(name, sizeof(name), "add_row:%s", a->table->def->key);
		r = req_param(&req->body, name);
		a->row = r ? r->value : "";
		return 0;
	}
	/* "remove:tbl:row" reuses the cell-name splitter with a dummy col */
	if (strncmp(p->value, "remove:", 7) == 0 &&
	    split_name(req->arena, arena_printf(req->arena, "r:%s:x",
						p->value + 7), 'r', &tbl, &row,
		       &col)) {
		a->kind = GA_REMOVE;
		a->table = find_table(g, tbl);
		a->row = row;
		if (a->table == NULL || a->table->def->rows_fixed ||
		    !has_row(a->table, row))
			return -1;
		return 0;
	}
	return -1;
}

static const char *describe(struct arena *a, long long value, const char *flag,
			   int blank)
{
	if (blank)
		return "blank";
	if (value < 0)
		return arena_strdup(a, flag);
	return arena_printf(a, "%lld %s", value, flag);
}

/* Writes the typed cells that differ from the saved ones, inside the
 * caller's transaction: the upserts in batches, then one history entry
 * for the save whose detail carries the SHA-256 of the change list, and
 * the list itself (cell_changes). *changed counts the cells. */
/* 1 if a typed cell differs from the saved one (or a saved one is
 * cleared), else 0: a save with nothing to write changes nothing, not
 * even the version others' open forms are checked against. */
static int has_changes(struct req *req, struct grid *g)
{
	size_t i;

	for (i = 0; i < g->typed.size; i++) {
		struct cell *c = &g->typed.slots[i], *old;
		int blank;

		if (c->key == NULL || c->skip)
			continue;
		blank = c->value < 0 && c->flag[0] == 'A';
		old = map_get(req->arena, &g->saved, c->key, 0);
		if ((old == NULL) != blank || (old != NULL &&
		    (old->value != c->value || old->flag[0] != c->flag[0])))
			return 1;
	}
	return 0;
}

static int write_changes(struct req *req, const struct submission *s,
			 struct grid *g, const char *reason, size_t *changed)
{
	struct actor who = { req->user->id, req->user->username };
	struct change *ch = arena_alloc(req->arena,
					g->typed.count * sizeof(*ch) + 1);
	struct cell_write *w = arena_alloc(req->arena,
					   g->typed.count * sizeof(*w) + 1);
	size_t i, nch = 0, nw = 0;
	char detail[480], hex[65], why[260];
	long long seq = 0;
	int rc = DB_OK;

	for (i = 0; i < g->typed.size; i++) {
		struct cell *c = &g->typed.slots[i], *old;
		char tbl[64], row[64], col[128];
		int blank;

		if (c->key == NULL || c->skip)
			continue;
		blank = c->value < 0 && c->flag[0] == 'A';
		old = map_get(req->arena, &g->saved, c->key, 0);
		if (old == NULL && blank)
			continue;
		if (old != NULL && !blank && old->value == c->value &&
		    old->flag[0] == c->flag[0])
			continue;
		if (sscanf(c->key, "%63[^|]|%63[^|]|%127s", tbl, row, col) != 3)
			return DB_ERROR;
		ch[nch].tbl = arena_strdup(req->arena, tbl);
		ch[nch].row = arena_strdup(req->arena, row);
		ch[nch].col = arena_strdup(req->arena, col);
		ch[nch].was = old == NULL ? "blank" :
			describe(req->arena, old->value, old->flag, 0);
		ch[nch].now = describe(req->arena, c->value, c->flag, blank);
		if (blank) {
			rc = db_cell_delete(req->db, s->id, g->ds->key, tbl, row,
					    col);
			if (rc != DB_OK)
				return rc;
		} else {
			w[nw].tbl = ch[nch].tbl;
			w[nw].row = ch[nch].row;
			w[nw].col = ch[nch].col;
			w[nw].flag = c->flag;
			w[nw].value = c->value;
			nw++;
		}
		nch++;
	}
	*changed = nch;
	if (nch == 0)
		return DB_OK;
	rc = db_cell_upsert_many(req->db, s->id, g->ds->key, w, nw);
	history_changes_digest(ch, nch, hex);
	/* The reason (if any) sits before the digest, which ends the line. */
	snprintf(detail, sizeof(detail), "%s: %zu cells%s%s; changes sha256=%s",
		 g->ds->key, nch, *reason ? "; reason: " : "",
		 utf8_truncate(why, reason, 250), hex);
	if (rc == DB_OK)
		rc = db_history_append_seq(req->db, &who, "cells.save",
					   "submission", s->id, detail, &seq);
	if (rc == DB_OK)
		rc = db_changes_insert(req->db, seq, ch, nch);
	return rc;
}

/* A removed row takes its cells along: each gets its old -> blank entry,
 * so the history still tells what was there. */
static int record_removed_row(struct req *req, const struct submission *s,
			      struct grid *g, const struct table *t,
			      const char *row)
{
	struct actor who = { req->user->id, req->user->username };
	char key[256], detail[420];
	size_t ci;
	int rc = DB_OK;

	for (ci = 0; rc == DB_OK && ci < t->ncols; ci++) {
		struct cell *c;

		snprintf(key, sizeof(key), "%s|%s|%s", t->def->key, row,
			 t->cols[ci].code);
		c = map_get(req->arena, &g->saved, key, 0);
		if (c == NULL)
			continue;
		if (c->value >= 0)
			snprintf(detail, sizeof(detail),
				 "%s/%s/%s/%s: %lld %s -> blank (row removed)",
				 g->ds->key, t->def->key, row, t->cols[ci].code,
				 c->value, c->flag);
		else
			snprintf(detail, sizeof(detail),
				 "%s/%s/%s/%s: %s -> blank (row removed)",
				 g->ds->key, t->def->key, row, t->cols[ci].code,
				 c->flag);
		rc = db_history_append(req->db, &who, "cell.set", "submission",
				       s->id, detail);
	}
	return rc;
}

static const struct field_spec version_fields[] = {
	{ .name = "row_version", .type = FIELD_INT, .required = 1, .min = 1,
	  .max = 2000000000 },
	{ .name = "reason", .type = FIELD_LINE, .max = 250 },
};

/* POST /submission/<id>/<dataset>: saves the typed cells, and adds or
 * removes a row when that button was pressed. Nothing typed is lost: a
 * validation error re-renders every typed value with a message beside
 * each wrong cell (400); a form opened before someone else's save shows
 * both versions (409) and saves nothing. 303 back to the grid on success.
 */
enum status page_grid_save(struct req *req)
{
	const struct dataset_def *ds = dataset_arg(req);
	struct actor who = { req->user->id, req->user->username };
	struct field_value ver[2];
	struct submission s;
	struct grid_action act;
	struct grid *g;
	size_t nerr = 0, changed = 0;
	enum status st;
	char path[96], detail[160];
	int rc;

	if (ds == NULL)
		return ST_NOT_FOUND;
	st = report_load(req, &s, SUB_EDIT);
	if (st != ST_OK)
		return st;
	if (form_validate(&req->body, version_fields, 2, ver) > 0) {
		if (ver[0].error != NULL)
			return ST_BAD_REQUEST;
		nerr++;		/* the reason: shown beside its box */
	}
	g = arena_alloc(req->arena, sizeof(*g));
	rc = load_grid(req, &s, ds, g);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	{
		size_t cell_errors = 0;

		if (read_form(req, g, &cell_errors) < 0 ||
		    parse_action(req, g, &act) < 0)
			return ST_BAD_REQUEST;
		nerr += cell_errors;
	}
	if (act.kind == GA_ADD) {
		const char *err = NULL;

		if (*act.row == '\0')
			err = "choose_row";
		else if (find_code(&act.table->row_choices, act.row) == NULL)
			err = "unknown_code";
		else if (has_row(act.table, act.row))
			err = "duplicate_row";
		if (err != NULL) {
			char name[96];

			snprintf(name, sizeof(name), "Page.AddError.%s",
				 act.table->def->key);
			resp_set(req, name, resp_text(req,
				arena_printf(req->arena, "Lang.err.%s", err),
				err));
			nerr++;
		}
	}
	if (nerr > 0) {
		resp_form(req, version_fields + 1, 1, ver + 1);
		resp_set_int(req, "Form.errors", (long long)nerr);
		resp_set_int(req, "Page.Sub.form_version", ver[0].num);
		return render_grid(req, &s, g, 1, 400);
	}
	if (act.kind == GA_SAVE && !has_changes(req, g)) {
		snprintf(path, sizeof(path), "/submission/%lld/%s?saved=1", s.id,
			 ds->key);
		return resp_redirect(req, path);
	}
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_sub_bump(req->db, s.id, ver[0].num);
	if (rc == DB_NONE) {
		/* Someone saved after this form was opened: show theirs
		 * beside ours, and save nothing. */
		db_rollback(req->db);
		rc = db_sub_by_id(req->db, s.id, &s);
		if (rc != DB_OK)
			return resp_db_failure(rc);
		resp_set(req, "Page.Stale", "1");
		put_grid(req, g, 0, "Theirs");
		resp_set_int(req, "Page.Sub.form_version", s.row_version);
		return render_grid(req, &s, g, 1, 409);
	}
	if (rc == DB_OK && act.kind == GA_REMOVE) {
		/* The row goes with its saved values (recorded below); what
		 * was typed into it is not written first. */
		char prefix[160];
		size_t i, n = (size_t)snprintf(prefix, sizeof(prefix), "%s|%s|",
					       act.table->def->key, act.row);

		for (i = 0; i < g->typed.size; i++)
			if (g->typed.slots[i].key != NULL &&
			    strncmp(g->typed.slots[i].key, prefix, n) == 0)
				g->typed.slots[i].skip = 1;
	}
	if (rc == DB_OK)
		rc = write_changes(req, &s, g, ver[1].str, &changed);
	if (rc == DB_OK && act.kind == GA_ADD) {
		rc = db_row_insert(req->db, s.id, ds->key, act.table->def->key,
				   act.row);
		snprintf(detail, sizeof(detail), "%s/%s: row %s added", ds->key,
			 act.table->def->key, act.row);
		if (rc == DB_OK)
			rc = db_history_append(req->db, &who, "row.add",
					       "submission", s.id, detail);
	} else if (rc == DB_OK && act.kind == GA_REMOVE) {
		rc = record_removed_row(req, &s, g, act.table, act.row);
		if (rc == DB_OK)
			rc = db_row_delete(req->db, s.id, ds->key,
					   act.table->def->key, act.row);
		snprintf(detail, sizeof(detail), "%s/%s: row %s removed",
			 ds->key, act.table->def->key, act.row);
		if (rc == DB_OK)
			rc = db_history_append(req->db, &who, "row.remove",
					       "submission", s.id, detail);
	}
	if (rc == DB_OK)
		rc = db_commit(req->db);
	if (rc != DB_OK) {
		db_rollback(req->db);
		return resp_db_failure(rc);
	}
	snprintf(path, sizeof(path), "/submission/%lld/%s?saved=1", s.id,
		 ds->key);
	return resp_redirect(req, path);
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
	c = map_get(req->arena, &g->saved, key, 0);
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
	size_t ri, ci, k;
	int rc;

	rc = load_grid(req, sub, dataset_find("flows"), g);
	if (rc != DB_OK)
		return rc;
	w.g = g;
	smug = find_table(g, "smuggled");
	entry = find_table(g, "irr_entry");
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
	rc = load_grid(req, sub, dataset_find("smugglers"), g);
	if (rc != DB_OK)
		return rc;
	cit = find_table(g, "by_citizenship");
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
				if (a >= 0 && b >= 0 && a > b)
					warn(&w, "smugglers", "by_citizenship",
					     cit->rows[ri].label, sexes[si],
					     funnel[k + 1], a, funnel[k], b);
			}
		}
	*count = w.n;
	return DB_OK;
}
