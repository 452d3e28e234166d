/* SPDX-License-Identifier: MIT */
/* page-grid.c: /submission/<id>/<dataset>, the data-entry grids of an
 * aggregate dataset: show, validate, save (with the stale-save check),
 * add and remove rows. The grid itself (shape, cells, page data,
 * warnings) is in grid.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datasets.h"
#include "db-history.h"
#include "db-report.h"
#include "grid.h"
#include "log.h"
#include "pages.h"
#include "report.h"
#include "resp.h"
#include "util.h"
#include "valid.h"

/* Puts the submission, the return reason of this dataset and its grid
 * (typed values when use_typed) into the page, to render next. */
static void put_grid(struct req *req, const struct submission *s,
		     struct grid *g, int use_typed)
{
	int can_edit = policy_submission(req->user, s->jurisdiction_id,
					 s->status, s->period_status,
					 SUB_EDIT) == ALLOW;

	report_put_submission(req, s);
	if (*g->reason != '\0')	/* read with the grid (grid_load) */
		resp_set(req, "Page.Reason", g->reason);
	if (can_edit)
		resp_set(req, "Page.Can.edit", "1");
	grid_put(req, g, use_typed, can_edit, "Grid");
}

static enum status render_grid(struct req *req, const struct submission *s,
			       struct grid *g, int use_typed, int status)
{
	put_grid(req, s, g, use_typed);
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
	rc = grid_load(req, &s, ds, g);
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

	grid_typed_init(req, g);
	for (i = 0; i < req->body.count; i++) {
		const struct param *p = &req->body.items[i];
		const char *tbl, *row, *col;
		struct table *t;
		struct cell *c;
		char key[256];

		if (!split_name(req->arena, p->name, 'v', &tbl, &row, &col) &&
		    !split_name(req->arena, p->name, 'f', &tbl, &row, &col))
			continue;
		t = grid_find_table(g, tbl);
		if (t == NULL || !grid_has_row(t, row) || !grid_has_col(t, col))
			return -1;
		snprintf(key, sizeof(key), "%s|%s|%s", tbl, row, col);
		c = grid_map_get(req->arena, &g->typed, key, 1);
		if (c == NULL)
			return -1;
		if (p->name[0] == 'f') {
			c->flag[0] = p->len == 1 ? p->value[0] : '?';
		} else if (strspn(p->value, " ") != p->len) {	/* not blank */
			long long v;
			int rc = valid_whole(p->value, p->len, &v);

			/* Whole numbers, as people type them ("1 200"). */
			c->raw = p->value;
			if (rc == -1)
				c->bad = 1;
			else if (rc == 0 && v < 0)
				c->bad = 2;
			else
				c->value = rc < 0 || v > GRID_MAX_VALUE ?
					   GRID_MAX_VALUE + 1 : v;
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
		else if (c->value > GRID_MAX_VALUE)
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

/* Which form action was pressed: save, add a row to a table, remove one
 * (asking first when it holds data: confirmed once asked), or keep the
 * row after all (the form again, nothing saved). */
struct grid_action {
	enum { GA_SAVE, GA_ADD, GA_REMOVE, GA_KEEP } kind;
	struct table *table;
	const char *row;
	int confirmed;
};

static int parse_action(struct req *req, struct grid *g, struct grid_action *a)
{
	const struct param *p = req_param(&req->body, "action");
	const char *tbl, *row, *col;

	memset(a, 0, sizeof(*a));
	if (p == NULL || strcmp(p->value, "save") == 0)
		return 0;
	if (strcmp(p->value, "keep") == 0) {
		a->kind = GA_KEEP;
		return 0;
	}
	if (strcmp(p->value, "add") == 0) {
		/* One "add a row" control per page: the table, the row. */
		const struct param *t = req_param(&req->body, "add_table");
		const struct param *r = req_param(&req->body, "add_row");

		a->kind = GA_ADD;
		a->table = t ? grid_find_table(g, t->value) : NULL;
		a->row = r ? r->value : "";
		if (t != NULL && *t->value != '\0' &&
		    (a->table == NULL || a->table->def->rows_fixed))
			return -1;
		return 0;
	}
	/* "remove:tbl:row" reuses the cell-name splitter with a dummy col;
	 * "remove_confirmed:tbl:row" is the answer to "remove it?" */
	if (strncmp(p->value, "remove_confirmed:", 17) == 0)
		a->confirmed = 1;
	if ((a->confirmed || strncmp(p->value, "remove:", 7) == 0) &&
	    split_name(req->arena, arena_printf(req->arena, "r:%s:x",
			p->value + (a->confirmed ? 17 : 7)), 'r', &tbl, &row,
		       &col)) {
		a->kind = GA_REMOVE;
		a->table = grid_find_table(g, tbl);
		a->row = row;
		if (a->table == NULL || a->table->def->rows_fixed ||
		    !grid_has_row(a->table, row))
			return -1;
		return 0;
	}
	return -1;
}

/* 1 if the row holds data: a saved value or flag in it, or something
 * typed into it now. */
static int row_holds_data(struct req *req, struct grid *g,
			  const struct table *t, const char *row)
{
	char key[256];
	size_t ci;

	for (ci = 0; ci < t->ncols; ci++) {
		struct cell *c;

		snprintf(key, sizeof(key), "%s|%s|%s", t->def->key, row,
			 t->cols[ci].code);
		if (grid_map_get(req->arena, &g->saved, key, 0) != NULL)
			return 1;
		c = grid_map_get(req->arena, &g->typed, key, 0);
		if (c != NULL && (c->raw != NULL || c->flag[0] != 'A'))
			return 1;
	}
	return 0;
}

/* The question before a row with data goes: the grid as typed, and the
 * row named, with buttons to remove it or keep it (grid.cs). */
static enum status confirm_remove(struct req *req, const struct submission *s,
				  struct grid *g, const struct grid_action *a,
				  long long form_version)
{
	size_t ri;

	resp_set(req, "Page.ConfirmRemove.table", a->table->def->key);
	resp_set(req, "Page.ConfirmRemove.row", a->row);
	for (ri = 0; ri < a->table->nrows; ri++)
		if (strcmp(a->table->rows[ri].code, a->row) == 0)
			resp_set(req, "Page.ConfirmRemove.label",
				 a->table->rows[ri].label);
	resp_set_int(req, "Page.Sub.form_version", form_version);
	return render_grid(req, s, g, 1, 200);
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
		old = grid_map_get(req->arena, &g->saved, c->key, 0);
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
		old = grid_map_get(req->arena, &g->saved, c->key, 0);
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
			w[nw].ds = g->ds->key;
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
	rc = db_cell_upsert_many(req->db, s->id, w, nw);
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
		c = grid_map_get(req->arena, &g->saved, key, 0);
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
	rc = grid_load(req, &s, ds, g);
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

		if (act.table == NULL)
			err = "choose_table";
		else if (*act.row == '\0')
			err = "choose_row";
		else if (grid_find_code(&act.table->row_choices, act.row) == NULL)
			err = "unknown_code";
		else if (grid_has_row(act.table, act.row))
			err = "duplicate_row";
		if (act.table != NULL)
			resp_set(req, "Page.Add.table", act.table->def->key);
		resp_set(req, "Page.Add.row", act.row);
		if (err != NULL) {
			resp_set(req, "Page.AddError", resp_text(req,
				arena_printf(req->arena, "Lang.err.%s", err),
				err));
			nerr++;
		}
	}
	/* A kept form under review is shown, never saved (dispatch.c). */
	if (nerr > 0 || req->kept_review) {
		/* The summary in the page's order: the cells (put with the
		 * grid), a row to add below its table, the reason last. */
		put_grid(req, &s, g, 1);
		if (act.kind == GA_ADD && *resp_get(req, "Page.AddError"))
			resp_problem(req, act.table == NULL ? "add-table" :
				     "add-row", resp_get(req, "Page.AddError"));
		resp_form(req, version_fields + 1, 1, ver + 1);
		resp_set_int(req, "Form.errors", (long long)nerr);
		resp_set_int(req, "Page.Sub.form_version", ver[0].num);
		return resp_render(req, nerr > 0 ? 400 : 200, "grid.cs");
	}
	if (act.kind == GA_KEEP) {	/* the form as typed, nothing saved */
		resp_set_int(req, "Page.Sub.form_version", ver[0].num);
		return render_grid(req, &s, g, 1, 200);
	}
	if (act.kind == GA_REMOVE && !act.confirmed &&
	    row_holds_data(req, g, act.table, act.row))
		return confirm_remove(req, &s, g, &act, ver[0].num);
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
		grid_put(req, g, 0, 0, "Theirs");
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
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (act.kind != GA_SAVE) {
		snprintf(path, sizeof(path), "/submission/%lld/%s", s.id,
			 ds->key);
		return resp_redirect_done(req, path, act.kind == GA_ADD ?
					  "row_added" : "row_removed");
	}
	snprintf(path, sizeof(path), "/submission/%lld/%s?saved=1", s.id,
		 ds->key);
	return resp_redirect(req, path);
}

