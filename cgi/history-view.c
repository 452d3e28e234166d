/* SPDX-License-Identifier: MIT */
/* history-view.c: a history entry as a person reads it. The writers store
 * each detail as codes and numbers in a fixed shape ("flows: 3 cells;
 * changes sha256=..."), inside the hash chain; this file splits a stored
 * detail into named fields, with codes turned into the names of the code
 * lists, and the templates make sentences of them from the language file.
 * Old entries have the same shapes, so they read the same way; digests
 * stay in the data (and in vrsadm verify), out of the page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datasets.h"
#include "db-record.h"
#include "grid.h"
#include "history-view.h"
#include "import.h"
#include "resp.h"
#include "util.h"

#define MAX_DS 8

struct history_view {
	struct req *req;
	const struct submission *s;
	struct grid *shape[MAX_DS];	/* per dataset, on first use */
	/* The last record numbered: an entry's field changes are of one
	 * record, so it is asked for once, not once a field. */
	char last_type[16], last_id[24];
	long long last_n;
};

struct history_view *history_view_new(struct req *req,
				      const struct submission *s)
{
	struct history_view *v = arena_alloc(req->arena, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->req = req;
	v->s = s;
	return v;
}

static void put(struct history_view *v, const char *at, const char *field,
		const char *value)
{
	resp_set(v->req, arena_printf(v->req->arena, "%s.%s", at, field),
		 value);
}

static void put_int(struct history_view *v, const char *at,
		    const char *field, long long value)
{
	resp_set_int(v->req, arena_printf(v->req->arena, "%s.%s", at, field),
		     value);
}

/* ---- names from the code lists ----------------------------------------- */

/* The name of code in list during the submission's period, or the code
 * itself when the list does not have it (an old or a foreign code). */
static const char *name_of(struct history_view *v, const char *list,
			   const char *code)
{
	struct codes c;
	const struct code *k;

	if (grid_codes(v->req, v->s, list, &c) != DB_OK)
		return code;
	k = grid_find_code(&c, code);
	return k != NULL ? k->label : code;
}

/* The table tbl of dataset ds with its row and column names, or NULL. */
static struct table *table_of(struct history_view *v, const char *ds,
			      const char *tbl)
{
	size_t i;

	for (i = 0; i < n_datasets && i < MAX_DS; i++) {
		if (strcmp(datasets[i].key, ds) != 0)
			continue;
		if (v->shape[i] == NULL) {
			struct grid *g = arena_alloc(v->req->arena,
						     sizeof(*g));

			if (grid_shape(v->req, v->s, &datasets[i], g) !=
			    DB_OK)
				return NULL;
			v->shape[i] = g;
		}
		return grid_find_table(v->shape[i], tbl);
	}
	return NULL;
}

static const char *row_name(struct table *t, const char *row)
{
	const struct code *k = t ? grid_find_code(&t->row_choices, row) : NULL;

	return k != NULL ? k->label : row;
}

static const char *col_name(struct table *t, const char *col)
{
	size_t i;

	for (i = 0; t != NULL && i < t->ncols; i++)
		if (strcmp(t->cols[i].code, col) == 0)
			return t->cols[i].label;
	return col;
}

/* ---- cells ------------------------------------------------------------- */

/* A cell as stored in a change: "blank", "5 E" or "M". */
static void put_value(struct history_view *v, const char *at,
		      const char *field, const char *text)
{
	char flag[4] = "";
	long long n;
	const char *node = arena_printf(v->req->arena, "%s.%s", at, field);

	if (strcmp(text, "blank") == 0) {
		put(v, node, "blank", "1");
	} else if (sscanf(text, "%lld %1s", &n, flag) == 2) {
		put_int(v, node, "v", n);
		put(v, node, "f", flag);
	} else if (strlen(text) == 1) {
		put(v, node, "f", text);
	} else {
		put(v, node, "text", text);
	}
}

static void put_cell(struct history_view *v, const char *at, const char *ds,
		     const char *tbl, const char *row, const char *col,
		     const char *was, const char *now)
{
	struct table *t = table_of(v, ds, tbl);

	put(v, at, "kind", "cell");
	put(v, at, "ds", ds);
	put(v, at, "tbl", tbl);
	put(v, at, "row", row_name(t, row));
	put(v, at, "col", col_name(t, col));
	put_value(v, at, "was", was);
	put_value(v, at, "now", now);
}

/* ---- record fields ------------------------------------------------------ */

/* "IRN LAND_VEHICLE > TUR LAND_FOOT" as "Iran (Land vehicle) > ...". */
static const char *legs_names(struct history_view *v, const char *text)
{
	char *out = "", *copy = arena_strdup(v->req->arena, text), *leg;
	char *save = NULL;
	int first = 1;

	for (leg = strtok_r(copy, ">", &save); leg != NULL;
	     leg = strtok_r(NULL, ">", &save)) {
		char to[17], mode[17];

		if (sscanf(leg, " %16s %16s", to, mode) != 2)
			return text;
		out = arena_printf(v->req->arena, "%s%s%s (%s)", out,
				   first ? "" : " > ",
				   name_of(v, "country", to),
				   name_of(v, "transport", mode));
		first = 0;
	}
	return out;
}

/* "AFG 3, IRN 2" as "Afghanistan 3, Iran 2". */
static const char *persons_names(struct history_view *v, const char *text)
{
	char *out = "", *copy = arena_strdup(v->req->arena, text), *p;
	char *save = NULL;
	int first = 1;

	for (p = strtok_r(copy, ",", &save); p != NULL;
	     p = strtok_r(NULL, ",", &save)) {
		char who[17], n[24];

		if (sscanf(p, " %16s %23s", who, n) != 2)
			return text;
		out = arena_printf(v->req->arena, "%s%s%s %s", out,
				   first ? "" : ", ",
				   name_of(v, "country", who), n);
		first = 0;
	}
	return out;
}

/* A record field's stored text with its codes as names. */
static const char *field_text(struct history_view *v, const char *type,
			      const char *field, const char *text)
{
	static const struct {
		const char *type, *field, *list;
	} coded[] = {
		{ "route", "origin", "country" },
		{ "route", "source", "source" },
		{ "route", "confidence", "confidence" },
		{ "incident", "border", "border" },
		{ "incident", "transport", "transport" },
		{ "incident", "follow_up", "followup" },
	};
	size_t i;

	if (*text == '\0')
		return text;
	for (i = 0; i < sizeof(coded) / sizeof(coded[0]); i++)
		if (strcmp(coded[i].type, type) == 0 &&
		    strcmp(coded[i].field, field) == 0)
			return name_of(v, coded[i].list, text);
	if (strcmp(type, "route") == 0 && strcmp(field, "legs") == 0)
		return legs_names(v, text);
	if (strcmp(type, "incident") == 0 && strcmp(field, "persons") == 0)
		return persons_names(v, text);
	if (strcmp(type, "route") == 0 && strcmp(field, "fee") == 0) {
		char amount[40], cur[17], scope[17];

		if (sscanf(text, "%39s %16s %16s", amount, cur, scope) == 3)
			return arena_printf(v->req->arena, "%s %s, %s", amount,
					    name_of(v, "currency", cur),
					    name_of(v, "feescope", scope));
	}
	return text;
}

static void put_record_number(struct history_view *v, const char *at,
			      const char *type, const char *id)
{
	long long n = 0;

	if (strcmp(type, "route") != 0 && strcmp(type, "incident") != 0)
		return;
	if (strcmp(type, v->last_type) == 0 && strcmp(id, v->last_id) == 0) {
		n = v->last_n;
	} else if (db_record_number(v->req->db, type, v->s->id, atoll(id),
				    &n) == DB_OK) {
		snprintf(v->last_type, sizeof(v->last_type), "%s", type);
		snprintf(v->last_id, sizeof(v->last_id), "%s", id);
		v->last_n = n;
	}
	if (n > 0)
		put_int(v, at, "n", n);
}

/* The dataset whose table is tbl (table keys are unique across the
 * datasets), or NULL: an upload's cell changes name the table only. */
static const char *dataset_of(const char *tbl)
{
	size_t i, j;

	for (i = 0; i < n_datasets; i++)
		for (j = 0; j < datasets[i].ntables; j++)
			if (strcmp(datasets[i].tables[j].key, tbl) == 0)
				return datasets[i].key;
	return NULL;
}

void history_view_change(struct history_view *v, const char *at,
			 const char *ds, const struct change *c)
{
	char was[320], now[320];

	if ((ds == NULL || *ds == '\0') && (ds = dataset_of(c->tbl)) == NULL)
		ds = "";
	if (*ds != '\0') {
		put_cell(v, at, ds, c->tbl, c->row, c->col, c->was, c->now);
		return;
	}
	/* An upload's records: "created" (origin-destination, or the
	 * date), or all of a kind "deleted" (their count) by a replace. */
	if (strcmp(c->col, "created") == 0 || strcmp(c->col, "deleted") == 0) {
		char from[17], to[17];

		put(v, at, "kind", c->col);
		put(v, at, "type", c->tbl);
		if (strcmp(c->col, "deleted") == 0) {
			put(v, at, "count", c->was);
			return;
		}
		put_record_number(v, at, c->tbl, c->row);
		if (strcmp(c->tbl, "route") == 0 &&
		    sscanf(c->now, "%16[^-]-%16s", from, to) == 2)
			put(v, at, "what", arena_printf(v->req->arena,
				"%s > %s", name_of(v, "country", from),
				name_of(v, "country", to)));
		else
			put(v, at, "what", c->now);
		return;
	}
	/* A record's long texts are shortened here; the record's own page
	 * shows them whole. */
	put(v, at, "kind", "field");
	put(v, at, "type", c->tbl);
	put_record_number(v, at, c->tbl, c->row);
	put(v, at, "field", c->col);
	put(v, at, "was", utf8_truncate(was, field_text(v, c->tbl, c->col,
							c->was), 300));
	put(v, at, "now", utf8_truncate(now, field_text(v, c->tbl, c->col,
							c->now), 300));
}

/* ---- entries ------------------------------------------------------------ */

/* The detail without its digests ("file sha256=<hex>; ", "; changes
 * sha256=<hex>"): what an entry in no known shape shows. */
static const char *without_digests(struct history_view *v, const char *d)
{
	char *out = arena_strdup(v->req->arena, d), *p;

	while ((p = strstr(out, "sha256=")) != NULL) {
		char *start = p, *end = p + 7;

		end += strspn(end, "0123456789abcdef");
		/* the word before it ("file ", "changes ") goes too */
		while (start > out && start[-1] != ' ' && start[-1] != ';')
			start--;
		if (start > out && start[-1] == ' ') {
			char *w = start - 1;

			while (w > out && w[-1] != ' ' && w[-1] != ';')
				w--;
			if (strncmp(w, "file ", 5) == 0 ||
			    strncmp(w, "changes ", 8) == 0)
				start = w;
		}
		if (strncmp(end, "; ", 2) == 0)
			end += 2;
		else
			while (start > out && (start[-1] == ' ' ||
					       start[-1] == ';'))
				start--;
		memmove(start, end, strlen(end) + 1);
	}
	return out;
}

/* 1 if the n bytes at p name a dataset or a record list ("routes"). */
static int part_known(const char *p, size_t n)
{
	static const char *const records[] = { "routes", "incidents",
					       "narrative" };
	size_t i;

	for (i = 0; i < n_datasets; i++)
		if (strlen(datasets[i].key) == n &&
		    strncmp(datasets[i].key, p, n) == 0)
			return 1;
	for (i = 0; i < sizeof(records) / sizeof(records[0]); i++)
		if (strlen(records[i]) == n && strncmp(records[i], p, n) == 0)
			return 1;
	return 0;
}

/* "submitted -> returned; [flows] text [harm] text": each reason whole
 * as far as stored, with its dataset. */
static void put_reasons(struct history_view *v, const char *at,
			const char *p)
{
	int n = 0;

	while ((p = strchr(p, '[')) != NULL) {
		const char *close = strchr(p, ']'), *next;
		char key[24];

		if (close == NULL || close - p - 1 >= (long)sizeof(key))
			break;
		snprintf(key, sizeof(key), "%.*s", (int)(close - p - 1),
			 p + 1);
		next = close + 1;
		/* the text runs to the next " [<part>]" */
		for (;;) {
			const char *b = strstr(next, " [");
			const char *e = b ? strchr(b, ']') : NULL;

			if (b == NULL || e == NULL) {
				next = close + 1 + strlen(close + 1);
				break;
			}
			if (part_known(b + 2, (size_t)(e - b - 2))) {
				next = b;
				break;
			}
			next = b + 2;
		}
		{
			const char *text = close + 1 + (close[1] == ' ');
			const char *node = arena_printf(v->req->arena,
				"%s.Reasons.%d", at, n++);

			put(v, node, "ds", key);
			put(v, node, "text", arena_strndup(v->req->arena, text,
				(size_t)(next - text)));
		}
		p = next;
	}
}

static void put_nil(struct history_view *v, const char *at, const char *d)
{
	const char *p = strstr(d, "nil: ");
	char *list, *save = NULL, *k;
	int n = 0;

	if (p == NULL)
		return;
	p += 5;
	list = arena_strndup(v->req->arena, p, strcspn(p, ";"));
	for (k = strtok_r(list, " ", &save); k != NULL;
	     k = strtok_r(NULL, " ", &save))
		resp_set(v->req, arena_printf(v->req->arena, "%s.Nil.%d", at,
					      n++), k);
}

static int entry_cells(struct history_view *v, const char *at,
		       const char *d)
{
	char ds[24];
	long long n;
	const char *r = strstr(d, "; reason: "), *end;

	if (sscanf(d, "%23[a-z]: %lld cells", ds, &n) != 2)
		return 0;
	put(v, at, "say", "cells");
	put(v, at, "ds", ds);
	put_int(v, at, "count", n);
	if (r != NULL) {
		/* The digest ends the line: a reason may hold anything. */
		r += 10;
		for (end = strstr(r, "; changes sha256="); end != NULL &&
		     strstr(end + 1, "; changes sha256=") != NULL;
		     end = strstr(end + 1, "; changes sha256="))
			;
		put(v, at, "reason", end ? arena_strndup(v->req->arena, r,
			(size_t)(end - r)) : r);
	}
	return 1;
}

static void trim(char *s)
{
	while (*s && s[strlen(s) - 1] == ' ')
		s[strlen(s) - 1] = '\0';
}

/* "flows/irr_entry/AFG/F.Y_LT18: 5 A -> blank (row removed)", or one
 * cell's change as entries were written before saves listed theirs. */
static int entry_cell(struct history_view *v, const char *at, const char *d)
{
	char ds[24], tbl[24], row[24], col[64], was[40], now[40];

	if (sscanf(d, "%23[^/]/%23[^/]/%23[^/]/%63[^:]: %39[^-]-> %39[^(]",
		   ds, tbl, row, col, was, now) != 6)
		return 0;
	trim(was);
	trim(now);
	put(v, at, "say", strstr(d, "(row removed)") != NULL ?
	    "cell_removed" : "cell");
	put_cell(v, arena_printf(v->req->arena, "%s.Cell", at), ds, tbl, row,
		 col, was, now);
	return 1;
}

/* "flows/irr_entry: row AFG added" (or removed) */
static int entry_row(struct history_view *v, const char *at, const char *d,
		     const char *say)
{
	char ds[24], tbl[24], row[24];

	if (sscanf(d, "%23[^/]/%23[^:]: row %23s", ds, tbl, row) != 3)
		return 0;
	put(v, at, "say", say);
	put(v, at, "ds", ds);
	put(v, at, "tbl", tbl);
	put(v, at, "row", row_name(table_of(v, ds, tbl), row));
	return 1;
}

static int entry_submission(struct history_view *v, const char *at,
			    const char *action, const char *d)
{
	char a[16], b[16];
	long long from, to;
	unsigned long long copied;

	if (sscanf(d, "version %lld -> %lld", &from, &to) == 2) {
		put(v, at, "say", strcmp(action, "reopen") == 0 ? "reopen" :
		    "new_version");
		put_int(v, at, "from", from);
		put_int(v, at, "to", to);
		return 1;
	}
	if (strcmp(action, "start") == 0) {
		const char *p = strstr(d, "; ");

		put(v, at, "say", "start");
		put(v, at, "period", arena_strndup(v->req->arena, d,
			strcspn(d, ";")));
		if (p != NULL &&
		    sscanf(p, "; %llu rows copied forward", &copied) == 1)
			put_int(v, at, "copied", (long long)copied);
		return 1;
	}
	if (sscanf(d, "%15[a-z] -> %15[a-z]", a, b) != 2)
		return 0;
	put(v, at, "from", a);
	put(v, at, "to", b);
	if (strcmp(action, "submit") == 0) {
		put(v, at, "say", "submit");
		put_nil(v, at, d);
		if (strstr(d, "; waiting uploads dropped") != NULL)
			put(v, at, "dropped", "1");
	} else if (strcmp(action, "return") == 0) {
		put(v, at, "say", "return");
		put_reasons(v, at, d + strcspn(d, ";"));
	} else if (strcmp(action, "sharing") == 0) {
		put(v, at, "say", "sharing");
	} else {
		put(v, at, "say", "status");
	}
	return 1;
}

/* "route 13: 2 fields; changes sha256=..." */
static int entry_record(struct history_view *v, const char *at,
			const char *d)
{
	char type[16], id[24];
	long long n;

	if (sscanf(d, "%15[a-z] %23[0-9]: %lld fields", type, id, &n) != 3)
		return 0;
	put(v, at, "say", "record");
	put(v, at, "type", type);
	put_record_number(v, at, type, id);
	put_int(v, at, "count", n);
	return 1;
}

/* "file sha256=<hex>; merge: cells 1 new, ...; changes sha256=<hex>" */
static int entry_import(struct history_view *v, const char *at,
			const char *d)
{
	struct import_summary s;
	const char *p = strstr(d, "; ");
	const char *node = arena_printf(v->req->arena, "%s.Sum", at);

	if (p == NULL || import_summary_parse(p + 2, &s) != 0)
		return 0;
	put(v, at, "say", "import");
	put(v, node, "mode", strncmp(p + 2, "replace", 7) == 0 ? "replace" :
	    "merge");
	put_int(v, node, "cells_new", s.cells_new);
	put_int(v, node, "cells_changed", s.cells_changed);
	put_int(v, node, "cells_removed", s.cells_removed);
	put_int(v, node, "routes_added", s.routes_added);
	put_int(v, node, "routes_removed", s.routes_removed);
	put_int(v, node, "incidents_added", s.incidents_added);
	put_int(v, node, "incidents_removed", s.incidents_removed);
	put_int(v, node, "narrative", s.narrative);
	return 1;
}

void history_view_entry(struct history_view *v, const char *at,
			const struct history_entry *e)
{
	const char *a = e->action, *d = e->detail;
	int done = 0;

	if (strcmp(a, "cells.save") == 0)
		done = entry_cells(v, at, d);
	else if (strcmp(a, "cell.set") == 0)
		done = entry_cell(v, at, d);
	else if (strcmp(a, "row.add") == 0)
		done = entry_row(v, at, d, "row_add");
	else if (strcmp(a, "row.remove") == 0)
		done = entry_row(v, at, d, "row_remove");
	else if (strncmp(a, "submission.", 11) == 0)
		done = entry_submission(v, at, a + 11, d);
	else if (strncmp(a, "route.", 6) == 0 ||
		 strncmp(a, "incident.", 9) == 0 ||
		 strncmp(a, "narrative.", 10) == 0)
		done = entry_record(v, at, d);
	else if (strcmp(a, "import.apply") == 0)
		done = entry_import(v, at, d);
	else if (strcmp(a, "demo.seed") == 0) {
		put(v, at, "say", "demo");
		done = 1;
	}
	if (!done)
		put(v, at, "detail", without_digests(v, d));
}
