/* SPDX-License-Identifier: MIT */
/* record-web.c: helpers the record pages share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-history.h"
#include "form.h"
#include "history-view.h"
#include "record-web.h"
#include "record.h"
#include "resp.h"
#include "util.h"
#include "valid.h"

int rec_codes(struct req *req, const struct submission *s, const char *list,
	      struct codes *out, int put)
{
	char name[64];

	if (!put)
		return grid_codes(req, s, list, out);
	snprintf(name, sizeof(name), "Codes.%s", list);
	return grid_codes_put(req, s, list, out, name);
}

/* Inside the caller's transaction: the history entry of a record write
 * with one change row per field whose text differs. Nothing is appended
 * when no field changed. */
static int rec_history(struct req *req, const struct submission *s,
		       const char *type, long long id, const char *action,
		       const struct field_text *was,
		       const struct field_text *now, size_t n)
{
	struct actor who = { req->user->id, req->user->username };
	struct change *ch = arena_alloc(req->arena, n * sizeof(*ch));
	const char *row = arena_printf(req->arena, "%lld", id);
	char hex[65], detail[200];
	long long seq = 0;
	size_t i, k = 0;
	int rc;

	for (i = 0; i < n; i++)
		if (strcmp(was[i].value, now[i].value) != 0) {
			ch[k].tbl = type;
			ch[k].row = row;
			ch[k].col = now[i].name;
			ch[k].was = was[i].value;
			ch[k].now = now[i].value;
			k++;
		}
	if (k == 0)
		return DB_OK;
	history_changes_digest(ch, k, hex);
	snprintf(detail, sizeof(detail), "%s %lld: %zu fields; changes sha256=%s",
		 type, id, k, hex);
	rc = db_history_append_seq(req->db, &who, action, "submission", s->id,
				   detail, &seq);
	if (rc == DB_OK)
		rc = db_changes_insert(req->db, seq, ch, k);
	return rc;
}

enum status rec_write(struct req *req, const struct rec_write *w,
		      long long *id, int *stale)
{
	int rc = db_begin(req->db);

	*stale = 0;
	if (rc == DB_OK)
		rc = db_sub_touch_editable(req->db, w->s->id);
	if (rc == DB_NONE) {
		db_rollback(req->db);
		return ST_CONFLICT;
	}
	if (rc == DB_OK)
		rc = w->write(req, w->ctx, id);
	if (rc == DB_NONE) {
		db_rollback(req->db);
		*stale = 1;
		return ST_OK;
	}
	if (rc == DB_OK)
		rc = rec_history(req, w->s, w->type, *id, w->action, w->was,
				 w->now, w->n);
	rc = db_end(req->db, rc);
	return rc == DB_OK ? ST_OK : resp_db_failure(rc);
}

void rec_put_fields(struct req *req, const char *list,
		    const struct field_text *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		resp_set_item(req, list, (long long)i, "field", f[i].name);
		resp_set_item(req, list, (long long)i, "value", f[i].value);
	}
}

struct rec_hist {
	struct req *req;
	struct history_view *view;
	const char *type, *row;
	int n, nchanges, failed;
};

static void put_change(void *ctx, const struct change *c)
{
	struct rec_hist *h = ctx;
	char name[96];

	/* One entry may carry the changes of one record only, but the
	 * check costs nothing and keeps the page about this record. */
	if (strcmp(c->tbl, h->type) != 0 || strcmp(c->row, h->row) != 0)
		return;
	snprintf(name, sizeof(name), "Page.History.%d.Changes.%d", h->n,
		 h->nchanges++);
	history_view_change(h->view, name, "", c);
}

static void put_entry(void *ctx, const struct history_entry *e)
{
	struct rec_hist *h = ctx;

	h->nchanges = 0;
	if (db_changes_for(h->req->db, e->seq, put_change, h) != DB_OK)
		h->failed = 1;
	resp_set_item(h->req, "Page.History", h->n, "at", e->at);
	resp_set_item(h->req, "Page.History", h->n, "actor", e->actor);
	resp_set_item(h->req, "Page.History", h->n, "action", e->action);
	h->n++;
}

int rec_put_history(struct req *req, const struct submission *s,
		    const char *type, long long id)
{
	struct rec_hist h = { req, history_view_new(req, s), type,
			      arena_printf(req->arena, "%lld", id), 0, 0, 0 };
	int rc = db_history_for_record(req->db, type, h.row, put_entry, &h);

	return rc == DB_OK && h.failed ? DB_ERROR : rc;
}

/* A query parameter that must be a code or empty; anything else is
 * treated as empty (a filter, not a form: nothing to correct). */
static const char *code_param(struct req *req, const char *name)
{
	const struct param *p = req_param(&req->query, name);

	return p != NULL && valid_code(p->value) ? p->value : "";
}

void rec_filter(struct req *req, struct record_filter *f, long long *page)
{
	const struct param *p = req_param(&req->query, "page");
	const struct param *sort = req_param(&req->query, "sort");
	long long n = p != NULL ? atoll(p->value) : 1;

	if (n < 1 || n > 1000000)
		n = 1;
	*page = n;
	f->country = code_param(req, "country");
	f->mode = code_param(req, "mode");
	f->ascending = sort != NULL && strcmp(sort->value, "asc") == 0;
	f->limit = RECORD_PAGE_SIZE;
	f->offset = (n - 1) * RECORD_PAGE_SIZE;
	resp_set(req, "Page.Filter.country", f->country);
	resp_set(req, "Page.Filter.mode", f->mode);
	resp_set(req, "Page.Filter.sort", f->ascending ? "asc" : "desc");
}

void rec_put_paging(struct req *req, long long total, long long page)
{
	long long pages = (total + RECORD_PAGE_SIZE - 1) / RECORD_PAGE_SIZE;

	if (pages < 1)
		pages = 1;
	resp_set_int(req, "Page.Paging.total", total);
	resp_set_int(req, "Page.Paging.page", page);
	resp_set_int(req, "Page.Paging.pages", pages);
	if (page > 1)
		resp_set_int(req, "Page.Paging.prev", page - 1 < pages ?
			     page - 1 : pages);
	if (page < pages)
		resp_set_int(req, "Page.Paging.next", page + 1);
}

size_t rec_pii_warnings(struct req *req, const struct field_text *f,
			size_t n)
{
	size_t i, found = 0;

	for (i = 0; i < n; i++) {
		int kind = record_pii_kind(f[i].value);

		if (kind != 0) {
			resp_set(req, arena_printf(req->arena,
						   "Form.%s.warning", f[i].name),
				 kind == 1 ? "email" : "document");
			/* The summary links to each text to check. */
			long long at = resp_problem(req,
				resp_field_id(req, f[i].name),
				resp_text(req, kind == 1 ? "Lang.rec.pii_email" :
					  "Lang.rec.pii_document", ""));

			if (at >= 0)
				resp_set_item(req, "Form.Problems", at, "field",
					      f[i].name);
			found++;
		}
	}
	return found;
}

void rec_notice(struct req *req)
{
	if (req_param(&req->query, "saved") != NULL)
		resp_set(req, "Page.Notice", "saved");
	else if (req_param(&req->query, "deleted") != NULL)
		resp_set(req, "Page.Notice", "deleted");
}

long long rec_id_arg(const struct req *req)
{
	const char *s = req->nargs >= 2 ? req->args[1] : "";
	size_t n = strlen(s);

	if (n == 0 || n > 15 || strspn(s, "0123456789") != n || s[0] == '0')
		return 0;
	return atoll(s);
}

static void csv_put(struct rec_csv *c, const char *s, size_t n)
{
	if (c->failed)
		return;
	if (c->len + n + 1 > c->cap) {
		size_t cap = (c->cap + n + 1) * 2;
		char *nb = realloc(c->buf, cap);

		if (nb == NULL) {
			c->failed = 1;
			return;
		}
		c->buf = nb;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

static void csv_put_cb(void *ctx, const char *s, size_t n)
{
	csv_put(ctx, s, n);
}

void rec_csv_row(struct rec_csv *c, const char *const *v, size_t n)
{
	csv_encode_row(v, n, csv_put_cb, c);
}

enum status rec_csv_send(struct req *req, struct rec_csv *c,
			 const char *filename)
{
	enum status st = ST_INTERNAL;

	if (!c->failed && c->buf != NULL)
		st = resp_download(req, "text/csv; charset=utf-8", filename,
				   c->buf, c->len);
	free(c->buf);
	c->buf = NULL;
	return st;
}
