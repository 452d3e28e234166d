/* SPDX-License-Identifier: MIT */
/* page-code.c: /admin/codes, the code lists the secretariat administrator
 * extends or retires. Codes are never deleted: data may use them. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db-history.h"
#include "db-report.h"
#include "pages.h"
#include "resp.h"
#include "valid.h"

static const struct field_spec list_fields[] = {
	{ .name = "list", .type = FIELD_LINE, .max = 16 },
};

static const struct field_spec add_fields[] = {
	{ .name = "list", .type = FIELD_LINE, .required = 1, .max = 16 },
	{ .name = "code", .type = FIELD_LINE, .required = 1, .max = 16 },
	{ .name = "label", .type = FIELD_LINE, .required = 1, .max = 200 },
	{ .name = "from", .type = FIELD_LINE, .max = 10 },
};
enum { A_LIST, A_CODE, A_LABEL, A_FROM, A__MAX };

static const struct field_spec end_fields[] = {
	{ .name = "list", .type = FIELD_LINE, .required = 1, .max = 16 },
	{ .name = "code", .type = FIELD_LINE, .required = 1, .max = 16 },
	{ .name = "to", .type = FIELD_LINE, .required = 1, .max = 10 },
};

struct listing {
	struct req *req;
	const char *wanted;
	int n, found;
};

static void put_list(void *ctx, const char *list, long long count)
{
	struct listing *l = ctx;

	resp_set_item(l->req, "Page.Lists", l->n, "name", list);
	resp_set_item_int(l->req, "Page.Lists", l->n, "count", count);
	if (strcmp(list, l->wanted) == 0)
		l->found = 1;
	l->n++;
}

static void put_code(void *ctx, const struct code_row *r)
{
	struct listing *l = ctx;

#define PUT(f, v) resp_set_item(l->req, "Page.Codes", l->n, f, v)
	PUT("code", r->code);
	PUT("label", r->label);
	PUT("from", r->from);
	PUT("to", r->to);
	PUT("active", r->active ? "1" : "");
#undef PUT
	l->n++;
}

/* Renders the lists, and the codes of list (if it exists). */
static enum status render(struct req *req, const char *list, int status)
{
	struct listing l = { req, list, 0, 0 };
	int rc = db_code_lists(req->db, put_list, &l);

	if (rc == DB_OK && l.found) {
		resp_set(req, "Page.List", list);
		l.n = 0;
		rc = db_code_all(req->db, list, put_code, &l);
	}
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_render(req, status, "codes.cs");
}

/* GET /admin/codes[?list=NAME]: the code lists, and one list's codes
 * with their validity. */
enum status page_code_list(struct req *req)
{
	struct field_value v[1];

	form_validate(&req->query, list_fields, 1, v);
	return render(req, v[0].error ? "" : v[0].str, 200);
}

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* POST /admin/codes: adds a code to a list, valid from a date (default
 * today, UTC). 400 with messages for a bad code, label or date, or a
 * code that exists. */
enum status page_code_add(struct req *req)
{
	struct field_value v[A__MAX];
	struct actor who = { req->user->id, req->user->username };
	size_t errors = form_validate(&req->body, add_fields, A__MAX, v);
	char from[11], detail[300];
	int rc;

	today(from);
	if (v[A_FROM].error == NULL && *v[A_FROM].str) {
		if (valid_date(v[A_FROM].str))
			snprintf(from, sizeof(from), "%s", v[A_FROM].str);
		else {
			v[A_FROM].error = "bad_date";
			errors++;
		}
	}
	if (v[A_LIST].error == NULL && !valid_list_name(v[A_LIST].str))
		return ST_BAD_REQUEST;
	if (v[A_CODE].error == NULL && !valid_code(v[A_CODE].str)) {
		v[A_CODE].error = "bad_code";
		errors++;
	}
	if (errors == 0) {
		rc = db_code_active(req->db, v[A_LIST].str, v[A_CODE].str,
				    NULL, 0);
		if (rc < 0)
			return resp_db_failure(rc);
		snprintf(detail, sizeof(detail), "%s/%s %s (from %s)",
			 v[A_LIST].str, v[A_CODE].str, v[A_LABEL].str, from);
		rc = db_begin(req->db);
		if (rc == DB_OK)
			rc = db_code_insert(req->db, v[A_LIST].str,
					    v[A_CODE].str, v[A_LABEL].str,
					    from);
		if (rc == DB_OK)
			rc = db_history_append(req->db, &who, "code.add",
					       "code", 0, detail);
		rc = db_end(req->db, rc);
		if (rc == DB_ERROR) {	/* the primary key: it exists */
			v[A_CODE].error = "code_exists";
			errors++;
		} else if (rc != DB_OK) {
			return resp_db_failure(rc);
		}
	}
	if (errors > 0) {
		resp_form(req, add_fields, A__MAX, v);
		return render(req, v[A_LIST].str, 400);
	}
	return resp_redirect_done(req, arena_printf(req->arena,
		"/admin/codes?list=%s", v[A_LIST].str), "code_added");
}

/* The end date was refused: the message beside the code's date box, and
 * in the summary linking to it (codes.cs: to-<code>). */
static enum status end_refused(struct req *req, const struct field_value *v)
{
	resp_set(req, "Page.EndError", v[1].str);
	resp_problem(req, arena_printf(req->arena, "to-%s", v[1].str),
		     resp_text(req, "Lang.err.end_date", "end_date"));
	return render(req, v[0].str, 400);
}

/* POST /admin/codes/end: ends a code's validity on a date; data that
 * uses it stays as it is, new data can no longer choose it. */
enum status page_code_end(struct req *req)
{
	struct field_value v[3];
	struct actor who = { req->user->id, req->user->username };
	char detail[200];
	int rc;

	if (form_validate(&req->body, end_fields, 3, v) > 0 ||
	    !valid_list_name(v[0].str) || !valid_code(v[1].str))
		return ST_BAD_REQUEST;
	if (!valid_date(v[2].str)) {
		return end_refused(req, v);
	}
	snprintf(detail, sizeof(detail), "%s/%s valid to %s", v[0].str,
		 v[1].str, v[2].str);
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_code_end(req->db, v[0].str, v[1].str, v[2].str);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "code.end", "code", 0,
				       detail);
	rc = db_end(req->db, rc);
	if (rc != DB_OK) {
		if (rc != DB_NONE)
			return resp_db_failure(rc);
		/* no such code, or a date before the code's start */
		return end_refused(req, v);
	}
	return resp_redirect_done(req, arena_printf(req->arena,
		"/admin/codes?list=%s", v[0].str), "code_ended");
}
