/* SPDX-License-Identifier: MIT */
/* page-period.c: /admin/periods, the reporting periods the secretariat
 * administrator creates, opens and locks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-history.h"
#include "db-report.h"
#include "notify.h"
#include "pages.h"
#include "resp.h"
#include "valid.h"

static const struct field_spec period_fields[] = {
	{ .name = "code", .type = FIELD_LINE, .required = 1, .max = 7 },
	{ .name = "opens", .type = FIELD_LINE, .max = 10 },
	{ .name = "due", .type = FIELD_LINE, .max = 10 },
	{ .name = "locks", .type = FIELD_LINE, .max = 10 },
};
enum { F_CODE, F_OPENS, F_DUE, F_LOCKS, F__MAX };

static const struct field_spec status_fields[] = {
	{ .name = "code", .type = FIELD_LINE, .required = 1, .max = 7 },
	{ .name = "status", .type = FIELD_LINE, .required = 1, .max = 8 },
};

struct listing {
	struct req *req;
	int n;
};

static void put_period(void *ctx, const struct period *p)
{
	struct listing *l = ctx;

#define PUT(field, value) resp_set_item(l->req, "Page.Periods", l->n, field, \
					value)
	PUT("code", p->code);
	PUT("starts", p->starts);
	PUT("ends", p->ends);
	PUT("opens", p->opens);
	PUT("due", p->due);
	PUT("locks", p->locks);
	PUT("status", p->status);
	PUT("overdue", p->overdue ? "1" : "");
#undef PUT
	l->n++;
}

static enum status render_list(struct req *req, int status)
{
	struct listing l = { req, 0 };
	int rc = db_period_list(req->db, put_period, &l);

	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_render(req, status, "periods.cs");
}

/* One state that has not sent the period to lock (db_sub_pending). */
static void put_pending(void *ctx, const char *jcode, const char *jname,
			const char *status, long long id)
{
	struct listing *l = ctx;

	resp_set_item(l->req, "Page.Lock.States", l->n, "jcode", jcode);
	resp_set_item(l->req, "Page.Lock.States", l->n, "jname", jname);
	resp_set_item(l->req, "Page.Lock.States", l->n, "status", status);
	if (id > 0)
		resp_set_item_int(l->req, "Page.Lock.States", l->n, "id", id);
	l->n++;
}

/* Page.Lock: the period ?lock= asks to lock, if it is open, with the
 * states that could still change it (a draft or a returned submission)
 * or have sent nothing, so the administrator confirms knowing who loses
 * the chance. Returns a db_rc. */
static int put_lock_confirm(struct req *req)
{
	const struct param *q = req_param(&req->query, "lock");
	struct listing l = { req, 0 };
	struct period p;
	int rc;

	if (q == NULL || q->value[0] == '\0')
		return DB_OK;
	rc = db_period_by_code(req->db, q->value, &p);
	if (rc == DB_NONE || (rc == DB_OK && strcmp(p.status, "open") != 0))
		return DB_OK;	/* the list shows what it can do instead */
	if (rc == DB_OK)
		rc = db_sub_pending(req->db, p.id, put_pending, &l);
	if (rc != DB_OK)
		return rc;
	resp_set(req, "Page.Lock.code", p.code);
	resp_set_int(req, "Page.Lock.count", l.n);
	return DB_OK;
}

/* GET /admin/periods: the periods, newest first, and the form for one
 * more; with ?lock=CODE, first the confirmation that locks it. */
enum status page_period_list(struct req *req)
{
	int rc = put_lock_confirm(req);

	if (rc != DB_OK)
		return resp_db_failure(rc);
	return render_list(req, 200);
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parses an SDMX period code (2026-S1, 2026-Q3, 2026) into its first and
 * last day. Returns 0, or -1 for anything else. */
static int period_span(const char *code, char starts[11], char ends[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	int year, first, last, n = 0;
	char kind = 0, part = 0;

	if (sscanf(code, "%4d%n", &year, &n) != 1 || n != 4 || year < 2000 ||
	    year > 2100)
		return -1;
	if (code[4] == '\0') {
		first = 1;
		last = 12;
	} else if (code[4] == '-' && (code[5] == 'S' || code[5] == 'Q') &&
		   code[6] >= '1' && code[7] == '\0') {
		kind = code[5];
		part = code[6] - '0';
		if ((kind == 'S' && part > 2) || (kind == 'Q' && part > 4))
			return -1;
		first = kind == 'S' ? (part - 1) * 6 + 1 : (part - 1) * 3 + 1;
		last = kind == 'S' ? first + 5 : first + 2;
	} else {
		return -1;
	}
	/* year, first and last are range-checked above: 10 characters. */
	{
		char buf[40];

		snprintf(buf, sizeof(buf), "%04d-%02d-01", year, first);
		memcpy(starts, buf, 11);
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, last,
			 mdays[last - 1] + (last == 2 && leap(year)));
		memcpy(ends, buf, 11);
	}
	return 0;
}

/* Adds days to a valid date (simple and exact: via mktime in UTC). */
static void add_days(const char *date, int days, char out[11])
{
	struct tm tm = { 0 };
	time_t t;

	sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* POST /admin/periods: creates a planned period. The dates default to
 * the period's start (opening), 60 days after its end (due) and 120 days
 * after its end (lock). 400 with messages beside the fields for a bad
 * code, a bad date, dates out of order or a code that exists. */
enum status page_period_create(struct req *req)
{
	struct field_value v[F__MAX];
	struct period p;
	struct actor who = { req->user->id, req->user->username };
	size_t errors = form_validate(&req->body, period_fields, F__MAX, v);
	long long id = 0;
	int rc;

	memset(&p, 0, sizeof(p));
	if (v[F_CODE].error == NULL &&
	    period_span(v[F_CODE].str, p.starts, p.ends) != 0) {
		v[F_CODE].error = "period_code";
		errors++;
	}
	/* Each given date is checked even when the code is wrong, so every
	 * wrong field gets its message at once. */
	{
		size_t f;

		for (f = F_OPENS; f <= F_LOCKS; f++)
			if (v[f].error == NULL && *v[f].str &&
			    !valid_date(v[f].str)) {
				v[f].error = "bad_date";
				errors++;
			}
	}
	if (errors == 0) {
		snprintf(p.code, sizeof(p.code), "%s", v[F_CODE].str);
		if (*v[F_OPENS].str)
			snprintf(p.opens, sizeof(p.opens), "%s", v[F_OPENS].str);
		else
			snprintf(p.opens, sizeof(p.opens), "%s", p.starts);
		if (*v[F_DUE].str)
			snprintf(p.due, sizeof(p.due), "%s", v[F_DUE].str);
		else
			add_days(p.ends, 60, p.due);
		if (*v[F_LOCKS].str)
			snprintf(p.locks, sizeof(p.locks), "%s", v[F_LOCKS].str);
		else
			add_days(p.ends, 120, p.locks);
		if (!valid_date(p.opens)) {
			v[F_OPENS].error = "bad_date";
			errors++;
		}
		if (!valid_date(p.due)) {
			v[F_DUE].error = "bad_date";
			errors++;
		}
		if (!valid_date(p.locks)) {
			v[F_LOCKS].error = "bad_date";
			errors++;
		}
		if (errors == 0 && (strcmp(p.opens, p.due) > 0 ||
				    strcmp(p.due, p.locks) > 0)) {
			v[F_DUE].error = "date_order";
			errors++;
		}
	}
	if (errors == 0) {
		struct period existing;

		rc = db_period_by_code(req->db, p.code, &existing);
		if (rc < 0)
			return resp_db_failure(rc);
		if (rc == DB_OK) {
			v[F_CODE].error = "period_exists";
			errors++;
		}
	}
	if (errors > 0) {
		resp_form(req, period_fields, F__MAX, v);
		return render_list(req, 400);
	}
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_period_insert(req->db, &p, &id);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "period.create", "period",
				       id, p.code);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect_done(req, "/admin/periods", "period_created");
}

/* POST /admin/periods/status: opens, locks or re-plans a period. 400 for
 * an unknown status, 404 for an unknown period. */
enum status page_period_status(struct req *req)
{
	struct field_value v[2];
	struct period p;
	struct actor who = { req->user->id, req->user->username };
	char detail[64];
	int rc;

	if (form_validate(&req->body, status_fields, 2, v) > 0 ||
	    (strcmp(v[1].str, "planned") != 0 && strcmp(v[1].str, "open") != 0
	     && strcmp(v[1].str, "locked") != 0))
		return ST_BAD_REQUEST;
	rc = db_period_by_code(req->db, v[0].str, &p);
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	if (rc < 0)
		return resp_db_failure(rc);
	snprintf(detail, sizeof(detail), "%s: %s -> %s", p.code, p.status,
		 v[1].str);
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_period_set_status(req->db, p.id, v[1].str);
	/* Opening (not re-opening an open one) tells every national user. */
	if (rc == DB_OK && strcmp(v[1].str, "open") == 0 &&
	    strcmp(p.status, "open") != 0)
		rc = notify_period_opened(req->db, &p, NULL);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "period.status",
				       "period", p.id, detail);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect_done(req, "/admin/periods",
		strcmp(v[1].str, "open") == 0 ? "period_opened" :
		strcmp(v[1].str, "locked") == 0 ? "period_locked" :
		"period_planned");
}
