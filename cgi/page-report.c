/* SPDX-License-Identifier: MIT */
/* page-report.c: /report and /submission/<id>: the dashboard, a
 * submission's overview and history, and its workflow: submit, return,
 * accept, reopen. Values are edited in page-grid.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datasets.h"
#include "db-exchange.h"
#include "db-history.h"
#include "history-view.h"
#include "db-jurisdiction.h"
#include "db-record.h"
#include "db-sharing.h"
#include "record-web.h"
#include "db-report.h"
#include "log.h"
#include "notify.h"
#include "pages.h"
#include "policy.h"
#include "report.h"
#include "resp.h"
#include "util.h"

enum status report_verdict(enum verdict v)
{
	switch (v) {
	case ALLOW:
		return ST_OK;
	case DENY_NOT_FOUND:
		return ST_NOT_FOUND;
	case DENY_CONFLICT:
		return ST_CONFLICT;
	default:
		return ST_FORBIDDEN;
	}
}

/* report_load, and with part (when not NULL) its return reason put as
 * Page.Reason when the policy lets the user see the submission. */
static enum status load(struct req *req, struct submission *sub,
			enum sub_action a, const char *part)
{
	char *end, *reason = NULL;
	long long id;
	enum status st;
	int rc;

	if (req->nargs < 1)
		return ST_NOT_FOUND;
	id = strtoll(req->args[0], &end, 10);
	if (*end != '\0' || id <= 0)
		return ST_NOT_FOUND;
	if (part != NULL) {
		reason = arena_alloc(req->arena, SUB_REASON_SIZE);
		rc = db_sub_by_id_part(req->db, id, part, sub, reason,
				       SUB_REASON_SIZE);
	} else {
		rc = db_sub_by_id(req->db, id, sub);
	}
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	if (rc < 0)
		return resp_db_failure(rc);
	st = report_verdict(policy_submission(req->user,
		sub->jurisdiction_id, sub->status, sub->period_status, a));
	if (st == ST_OK && reason != NULL && *reason != '\0')
		resp_set(req, "Page.Reason", reason);
	return st;
}

enum status report_load(struct req *req, struct submission *sub,
			enum sub_action a)
{
	return load(req, sub, a, NULL);
}

enum status report_load_part(struct req *req, struct submission *sub,
			     enum sub_action a, const char *part)
{
	return load(req, sub, a, part);
}

/* Who acts next, for the line every page of a submission shows: the step
 * (Page.Next.step: submit, correct, review or none), the roles the policy
 * lets take it as one key (Page.Next.who: "secretariat_analyst",
 * "data_entry_and_focal_point", "nobody"), and why the viewer cannot
 * (Page.Next.you: can, role or status). */
static void report_put_next(struct req *req, const struct submission *s)
{
	static const char *const steps[SUB__MAX + 1] = {
		[SUB_SUBMIT] = "submit", [SUB_EDIT] = "correct",
		[SUB_REVIEW] = "review", [SUB__MAX] = "none",
	};
	struct next_step n;
	const char *who = "", *fill = "";
	int r;

	policy_next_step(req->user, s->jurisdiction_id, s->status,
			 s->period_status, &n);
	resp_set(req, "Page.Next.step", steps[n.step] ? steps[n.step] : "none");
	if (n.step == SUB__MAX)
		return;
	for (r = 0; r < ROLE__MAX; r++)
		if (n.roles & (1u << r))
			who = arena_printf(req->arena, "%s%s%s", who,
					   *who ? "_and_" : "",
					   resp_role_key(req, r));
	resp_set(req, "Page.Next.who", *who ? who : "nobody");
	for (r = 0; r < ROLE__MAX; r++)
		if (n.fill_roles & (1u << r))
			fill = arena_printf(req->arena, "%s%s%s", fill,
					    *fill ? "_and_" : "",
					    resp_role_key(req, r));
	if (*fill)
		resp_set(req, "Page.Next.fill", fill);
	resp_set(req, "Page.Next.you", n.you == ALLOW ? "can" :
		 n.you == DENY_FORBIDDEN ? "role" : "status");
	/* A data entry officer cannot submit a draft but still edits it. */
	if (n.step != SUB_EDIT &&
	    policy_submission(req->user, s->jurisdiction_id, s->status,
			      s->period_status, SUB_EDIT) == ALLOW)
		resp_set(req, "Page.Next.edit", "1");
}

/* Why the viewer cannot change the submission, from the policy's answer,
 * for the pages that would otherwise offer the forms (Page.ReadOnly.why:
 * role, submitted, accepted, superseded, period_locked, period_planned;
 * Page.ReadOnly.reopen when the viewer may reopen an accepted one). */
static void report_put_readonly(struct req *req, const struct submission *s)
{
	enum verdict v = policy_submission(req->user, s->jurisdiction_id,
					   s->status, s->period_status,
					   SUB_EDIT);
	const char *why;

	if (v == ALLOW)
		return;
	if (v != DENY_CONFLICT)
		why = "role";
	else if (strcmp(s->status, "draft") == 0 ||
		 strcmp(s->status, "returned") == 0)
		why = strcmp(s->period_status, "planned") == 0 ?
		      "period_planned" : "period_locked";
	else
		why = s->status;
	resp_set(req, "Page.ReadOnly.why", why);
	if (policy_submission(req->user, s->jurisdiction_id, s->status,
			      s->period_status, SUB_REOPEN) == ALLOW)
		resp_set(req, "Page.ReadOnly.reopen", "1");
}

void report_put_submission(struct req *req, const struct submission *s)
{
	resp_set_int(req, "Page.Sub.id", s->id);
	resp_set(req, "Page.Sub.period", s->period);
	resp_set(req, "Page.Sub.period_status", s->period_status);
	resp_set(req, "Page.Sub.jcode", s->jcode);
	resp_set(req, "Page.Sub.jname", s->jname);
	resp_set_int(req, "Page.Sub.version", s->version);
	resp_set(req, "Page.Sub.status", s->status);
	resp_set(req, "Page.Sub.sharing_level", s->sharing_level);
	resp_set_int(req, "Page.Sub.row_version", s->row_version);
	resp_set(req, "Page.Sub.updated", s->updated);
	resp_set(req, "Page.Sub.due", s->due);
	/* Late only while the state still has to send it. */
	resp_set(req, "Page.Sub.overdue", s->overdue &&
		 (strcmp(s->status, "draft") == 0 ||
		  strcmp(s->status, "returned") == 0) ? "1" : "");
	report_put_next(req, s);
	report_put_readonly(req, s);
}

/* ---- the dashboard --------------------------------------------------- */

struct dash {
	struct req *req;
	int n;
};

static void put_sub_row(void *ctx, const struct submission *s)
{
	struct dash *d = ctx;

#define PUT(field, value) resp_set_item(d->req, "Page.Subs", d->n, field, value)
	PUT("period", s->period);
	PUT("jcode", s->jcode);
	PUT("jname", s->jname);
	PUT("status", s->status);
	PUT("updated", s->updated);
	PUT("due", s->due);
	PUT("overdue", s->overdue && strcmp(s->status, "accepted") != 0 &&
	    strcmp(s->status, "submitted") != 0 ? "1" : "");
#undef PUT
	resp_set_item_int(d->req, "Page.Subs", d->n, "id", s->id);
	resp_set_item_int(d->req, "Page.Subs", d->n, "version", s->version);
	d->n++;
}

static void put_open_period(void *ctx, const struct period *p)
{
	struct dash *d = ctx;
	char name[64];

	if (strcmp(p->status, "open") != 0)
		return;
	snprintf(name, sizeof(name), "Page.Open.%d.code", d->n);
	resp_set(d->req, name, p->code);
	snprintf(name, sizeof(name), "Page.Open.%d.due", d->n);
	resp_set(d->req, name, p->due);
	d->n++;
}

/* The secretariat's completeness table: every jurisdiction x every open
 * or locked period, with the status of its current submission. */
/* Periods shown side by side unless one is asked for (?period=CODE). */
#define MATRIX_PERIODS 8

struct matrix {
	struct req *req;
	const char *only;		/* a period code, or "" */
	char periods[MATRIX_PERIODS][12];
	size_t np;
	struct {
		char code[16];
		char name[129 * 4];
	} *juris;
	size_t nj;
};

static void matrix_period(void *ctx, const struct period *p)
{
	struct matrix *m = ctx;
	char name[64];

	if (strcmp(p->status, "planned") == 0 || m->np == MATRIX_PERIODS ||
	    (*m->only && strcmp(p->code, m->only) != 0))
		return;
	snprintf(m->periods[m->np], sizeof(m->periods[0]), "%s", p->code);
	snprintf(name, sizeof(name), "Page.Matrix.Periods.%zu.code", m->np);
	resp_set(m->req, name, p->code);
	snprintf(name, sizeof(name), "Page.Matrix.Periods.%zu.due", m->np);
	resp_set(m->req, name, p->due);
	snprintf(name, sizeof(name), "Page.Matrix.Periods.%zu.overdue", m->np);
	resp_set(m->req, name, p->overdue ? "1" : "");
	m->np++;
}

static void matrix_jurisdiction(void *ctx, const char *code, const char *name,
				const char *kind)
{
	struct matrix *m = ctx;
	char key[64];

	(void)kind;
	if (m->nj == 1000)
		return;
	snprintf(m->juris[m->nj].code, sizeof(m->juris[0].code), "%s", code);
	snprintf(key, sizeof(key), "Page.Matrix.Rows.%zu.jcode", m->nj);
	resp_set(m->req, key, code);
	snprintf(key, sizeof(key), "Page.Matrix.Rows.%zu.jname", m->nj);
	resp_set(m->req, key, name);
	m->nj++;
}

static void matrix_cell(void *ctx, const struct submission *s)
{
	struct matrix *m = ctx;
	size_t j, p;
	char name[96];

	for (j = 0; j < m->nj && strcmp(m->juris[j].code, s->jcode); j++)
		;
	for (p = 0; p < m->np && strcmp(m->periods[p], s->period); p++)
		;
	if (j == m->nj || p == m->np)
		return;
#define PUT(f, v) (snprintf(name, sizeof(name), \
	"Page.Matrix.Rows.%zu.Cells.%zu." f, j, p), resp_set(m->req, name, v))
	PUT("status", s->status);
	PUT("updated", s->updated);
#undef PUT
	snprintf(name, sizeof(name), "Page.Matrix.Rows.%zu.Cells.%zu.id", j, p);
	resp_set_int(m->req, name, s->id);
}

static const struct field_spec matrix_fields[] = {
	{ .name = "period", .type = FIELD_LINE, .max = 7 },
};

/* GET /report: national users see their jurisdiction's submissions and
 * the open periods they can start; the secretariat sees the completeness
 * table of every jurisdiction for the latest periods (or ?period=CODE),
 * overdue ones marked. */
enum status page_report_dashboard(struct req *req)
{
	struct dash subs = { req, 0 }, open = { req, 0 };
	int secretariat = role_is_secretariat((enum role)req->user->role);
	int rc;

	if (secretariat) {
		struct matrix *m = arena_alloc(req->arena, sizeof(*m));
		struct field_value q[1];

		form_validate(&req->query, matrix_fields, 1, q);
		m->req = req;
		m->only = q[0].error ? "" : q[0].str;
		resp_set(req, "Page.Period", m->only);
		m->juris = arena_alloc(req->arena, 1000 * sizeof(*m->juris));
		rc = db_period_list(req->db, matrix_period, m);
		if (rc == DB_OK)
			rc = db_jurisdiction_list(req->db, matrix_jurisdiction,
						  m);
		if (rc == DB_OK)
			rc = db_sub_list(req->db, 0, matrix_cell, m);
		if (rc != DB_OK)
			return resp_db_failure(rc);
		resp_set(req, "Page.Secretariat", "1");
		if (*m->only && m->np == 0) {
			/* Say why the table is empty: no such period, or one
			 * not opened yet. */
			struct period p;

			rc = db_period_by_code(req->db, m->only, &p);
			if (rc < 0)
				return resp_db_failure(rc);
			resp_set(req, "Page.PeriodMissing",
				 rc == DB_NONE ? "unknown" : "planned");
			return resp_render(req, rc == DB_NONE ? 404 : 200,
					   "report.cs");
		}
		return resp_render(req, 200, "report.cs");
	}
	rc = db_sub_list(req->db, req->user->jurisdiction_id, put_sub_row,
			 &subs);
	if (rc == DB_OK &&
	    policy_submission(req->user, req->user->jurisdiction_id, "",
			      "open", SUB_START) == ALLOW)
		rc = db_period_list(req->db, put_open_period, &open);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_render(req, 200, "report.cs");
}

static const struct field_spec start_fields[] = {
	{ .name = "period", .type = FIELD_LINE, .required = 1, .max = 7 },
	{ .name = "copy_rows", .type = FIELD_CHECK },
};

/* POST /report/start: opens (or finds) the own jurisdiction's draft for
 * an open period and goes to it. 409 when the period is not open. */
enum status page_report_start(struct req *req)
{
	struct field_value v[2];
	struct period p;
	struct submission s;
	struct actor who = { req->user->id, req->user->username };
	enum status st;
	long long id = 0;
	unsigned long long copied = 0;
	char path[64], detail[64];
	int rc, started = 1;

	if (form_validate(&req->body, start_fields, 2, v) > 0)
		return ST_BAD_REQUEST;
	rc = db_period_by_code(req->db, v[0].str, &p);
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	if (rc < 0)
		return resp_db_failure(rc);
	st = report_verdict(policy_submission(req->user,
		req->user->jurisdiction_id, "", p.status, SUB_START));
	if (st != ST_OK)
		return st;
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_sub_latest(req->db, req->user->jurisdiction_id, p.id,
				   &s);
	if (rc == DB_OK) {
		id = s.id;	/* already started */
		started = 0;
		db_rollback(req->db);
	} else if (rc == DB_NONE) {
		rc = db_sub_insert(req->db, req->user->jurisdiction_id, p.id, 1,
				   &id);
		if (rc == DB_OK && v[1].num)
			rc = db_sub_copy_rows_forward(req->db, id,
				req->user->jurisdiction_id, p.id, &copied);
		snprintf(detail, sizeof(detail), "%s%s", p.code,
			 v[1].num ? arena_printf(req->arena,
				"; %llu rows copied forward", copied) : "");
		if (rc == DB_OK)
			rc = db_history_append(req->db, &who, "submission.start",
					       "submission", id, detail);
		if (rc == DB_OK)
			rc = db_commit(req->db);
	}
	if (rc != DB_OK) {
		db_rollback(req->db);
		return resp_db_failure(rc);
	}
	snprintf(path, sizeof(path), "/submission/%lld", id);
	return started ? resp_redirect_done(req, path, "started") :
			 resp_redirect(req, path);
}

/* ---- one submission -------------------------------------------------- */

/* The parts of a submission that have a nil return and a return reason:
 * the aggregate datasets, then the record types. Incidents are optional
 * for a state: they may stay empty without a nil return. */
static const char *const record_parts[] = { "routes", "incidents" };

static size_t n_parts(void)
{
	return n_datasets + sizeof(record_parts) / sizeof(record_parts[0]);
}

static const char *part_key(size_t i)
{
	return i < n_datasets ? datasets[i].key : record_parts[i - n_datasets];
}

static int part_optional(size_t i)
{
	return i >= n_datasets && strcmp(part_key(i), "incidents") == 0;
}

struct ds_state {
	int nil[8];
	char reason[8][2001];
};

static void collect_sd(void *ctx, const char *ds, int nil, const char *reason)
{
	struct ds_state *st = ctx;
	size_t i;

	for (i = 0; i < n_parts(); i++)
		if (strcmp(part_key(i), ds) == 0) {
			st->nil[i] = nil;
			snprintf(st->reason[i], sizeof(st->reason[i]), "%s",
				 reason);
		}
}

/* Puts each dataset's cell count, nil return and return reason under
 * Page.Datasets.N; counts[] receives the cell counts. */
static int put_datasets(struct req *req, const struct submission *s,
			struct ds_state *st, long long *counts)
{
	char name[64];
	size_t i;
	int rc;

	memset(st, 0, sizeof(*st));
	rc = db_sd_list(req->db, s->id, collect_sd, st);
	if (rc == DB_OK)
		rc = db_record_counts(req->db, s->id, &counts[n_datasets],
				      &counts[n_datasets + 1]);
	for (i = 0; rc == DB_OK && i < n_parts(); i++) {
		if (i < n_datasets)
			rc = db_cell_count(req->db, s->id, part_key(i),
					   &counts[i]);
#define PUT(field, value) \
		snprintf(name, sizeof(name), "Page.Datasets.%zu." field, i), \
		resp_set(req, name, value)
		PUT("key", part_key(i));
		/* A nil return ticked before data came in is not shown,
		 * nor offered ticked again: submitting would only refuse
		 * it. "nil" is what is recorded, "nil_offer" the box in the
		 * submit form (a refused submit shows it as it was sent). */
		PUT("nil", st->nil[i] && counts[i] == 0 ? "1" : "");
		PUT("nil_offer", st->nil[i] && counts[i] == 0 ? "1" : "");
		PUT("reason", st->reason[i]);
#undef PUT
		snprintf(name, sizeof(name), "Page.Datasets.%zu.cells", i);
		resp_set_int(req, name, counts[i]);
	}
	return rc;
}

/* The policy's answers, for the template to offer only what is allowed. */
static void put_permissions(struct req *req, const struct submission *s)
{
	static const struct {
		enum sub_action a;
		const char *name;
	} can[] = {
		{ SUB_EDIT, "Page.Can.edit" },
		{ SUB_SUBMIT, "Page.Can.submit" },
		{ SUB_REVIEW, "Page.Can.review" },
		{ SUB_RETURN, "Page.Can.return" },
		{ SUB_REOPEN, "Page.Can.reopen" },
	};
	size_t i;

	for (i = 0; i < sizeof(can) / sizeof(can[0]); i++)
		if (policy_submission(req->user, s->jurisdiction_id, s->status,
				      s->period_status, can[i].a) == ALLOW)
			resp_set(req, can[i].name, "1");
}

static enum status render_submission(struct req *req,
				     const struct submission *s, int status)
{
	struct ds_state *st = arena_alloc(req->arena, sizeof(*st));
	long long counts[8];
	size_t warnings;
	int rc = put_datasets(req, s, st, counts);

	if (rc == DB_OK)
		rc = report_warnings(req, s, &warnings);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	report_put_submission(req, s);
	put_permissions(req, s);
	return resp_render(req, status, "submission.cs");
}

/* GET /submission/<id>: status, datasets and the actions the user may
 * take. 404 for another state's submission (for national users). */
enum status page_submission_show(struct req *req)
{
	struct submission s;
	enum status st = report_load(req, &s, SUB_READ);

	return st != ST_OK ? st : render_submission(req, &s, 200);
}

/* 1 when a workflow form was sent from the review page: its errors are
 * shown there. */
static int from_review(struct req *req)
{
	const struct param *p = req_param(&req->body, "from");

	return p != NULL && strcmp(p->value, "review") == 0;
}

/* Renders a refused submit or return on the page it came from: the
 * overview, or the review page with everything it shows. */
static enum status render_refused(struct req *req, const struct submission *s)
{
	size_t warnings;
	int rc;

	if (!from_review(req))
		return resp_render(req, 400, "submission.cs");
	rc = report_warnings(req, s, &warnings);
	if (rc == DB_OK)
		rc = report_put_review(req, s);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	resp_set(req, "Page.Review", "1");
	return resp_render(req, 400, "review.cs");
}

/* GET /submission/<id>/review: everything of the submission on one page
 * that prints cleanly (its datasets with totals, records, narrative,
 * warnings, nil returns and return reasons), with the forms to submit,
 * return or accept that the policy allows. 404 for another state's
 * submission (for national users), as its other pages. */
enum status page_submission_review(struct req *req)
{
	struct submission s;
	struct ds_state *st;
	long long counts[8];
	size_t warnings;
	enum status v = report_load(req, &s, SUB_READ);
	int rc;

	if (v != ST_OK)
		return v;
	st = arena_alloc(req->arena, sizeof(*st));
	rc = put_datasets(req, &s, st, counts);
	if (rc == DB_OK)
		rc = report_warnings(req, &s, &warnings);
	if (rc == DB_OK)
		rc = report_put_review(req, &s);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	report_put_submission(req, &s);
	put_permissions(req, &s);
	resp_set(req, "Page.Review", "1");
	return resp_render(req, 200, "review.cs");
}

struct hist {
	struct req *req;
	struct history_view *view;
	int n;
	int failed;
};

struct hist_changes {
	struct history_view *view;
	int entry, n;
	char ds[24];		/* from the entry's "<dataset>: ..." */
};

static void put_change(void *ctx, const struct change *c)
{
	struct hist_changes *hc = ctx;
	char name[96];

	snprintf(name, sizeof(name), "Page.History.%d.Changes.%d", hc->entry,
		 hc->n++);
	history_view_change(hc->view, name, hc->ds, c);
}

static void put_history(void *ctx, const struct history_entry *e)
{
	struct hist *h = ctx;

	/* A save's cell changes, and a record write's field changes, are
	 * stored beside its entry. */
	if (history_action_has_changes(e->action)) {
		struct hist_changes hc = { h->view, h->n, 0, "" };

		if (strcmp(e->action, "cells.save") == 0)
			snprintf(hc.ds, sizeof(hc.ds), "%.*s",
				 (int)strcspn(e->detail, ":"), e->detail);
		if (db_changes_for(h->req->db, e->seq, put_change, &hc) != DB_OK)
			h->failed = 1;
	}

#define PUT(field, value) resp_set_item(h->req, "Page.History", h->n, field, \
					value)
	PUT("at", e->at);
	PUT("actor", e->actor);
	PUT("action", e->action);
#undef PUT
	history_view_entry(h->view, arena_printf(h->req->arena,
			   "Page.History.%d", h->n), e);
	h->n++;
}

/* GET /submission/<id>/history: every change and transition of this
 * submission (all its versions share the jurisdiction and period). */
enum status page_submission_history(struct req *req)
{
	struct submission s;
	struct hist h = { req, NULL, 0, 0 };
	enum status st = report_load(req, &s, SUB_READ);
	int rc;

	if (st != ST_OK)
		return st;
	h.view = history_view_new(req, &s);
	rc = db_history_for(req->db, "submission", s.id, put_history, &h);
	if (rc == DB_OK && h.failed)
		rc = DB_ERROR;
	if (rc != DB_OK)
		return resp_db_failure(rc);
	report_put_submission(req, &s);
	return resp_render(req, 200, "history.cs");
}

/* Runs a status change and its history entry in one transaction.
 * Returns ST_OK, ST_CONFLICT when the submission changed meanwhile, or
 * an error. */
static enum status transition(struct req *req, const struct submission *s,
			      const char *to, const char *action,
			      const char *detail)
{
	struct actor who = { req->user->id, req->user->username };
	char full[500];
	int rc;

	snprintf(full, sizeof(full), "%s -> %s%s%s", s->status, to,
		 *detail ? "; " : "", detail);
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_sub_set_status(req->db, s->id, to, s->row_version);
	if (rc == DB_OK && strcmp(to, "accepted") == 0)
		rc = db_pool_add(req->db, s->id, "A");	/* counts from now on */
	if (rc == DB_OK && strcmp(to, "accepted") == 0)
		rc = notify_submission(req->db, NOTIFY_ACCEPTED, s->id, NULL);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, action, "submission",
				       s->id, full);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	return ST_OK;
}

/* Back to the submission's page, which says what was done. */
static enum status back_to(struct req *req, const struct submission *s,
			   const char *done)
{
	char path[64];

	snprintf(path, sizeof(path), "/submission/%lld", s->id);
	return resp_redirect_done(req, path, done);
}

/* A line of the error summary about dataset i, named by the dataset
 * (macros.cs error_summary), linking to its box "<box>-<key>". */
static void ds_problem(struct req *req, const char *box, size_t i,
		       const char *text)
{
	long long at = resp_problem(req, arena_printf(req->arena, "%s-%s",
						      box, part_key(i)), text);

	if (at >= 0)
		resp_set_item(req, "Form.Problems", at, "ds", part_key(i));
}

/* The form's row_version must be the submission's: a page opened before
 * someone else's change cannot act on it. */
static int fresh(struct req *req, const struct submission *s)
{
	const struct param *p = req_param(&req->body, "row_version");

	return p != NULL && atoll(p->value) == s->row_version;
}

/* POST /submission/<id>/submit: the focal point certifies and submits.
 * Every dataset needs values or a ticked nil return, and consistency
 * warnings need an acknowledgement; otherwise 400 with the page and its
 * messages. 409 for a stale form or a status that cannot be submitted. */
enum status page_submission_submit(struct req *req)
{
	struct submission s;
	struct ds_state *st;
	long long counts[8];
	char detail[200] = "certified", name[64];
	enum status v = report_load(req, &s, SUB_SUBMIT);
	struct actor who = { req->user->id, req->user->username };
	unsigned long long dropped = 0;
	int errors = 0, rc;
	size_t i, warnings;

	if (v != ST_OK)
		return v;
	if (!fresh(req, &s))
		return ST_CONFLICT;
	st = arena_alloc(req->arena, sizeof(*st));
	rc = put_datasets(req, &s, st, counts);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	/* What was ticked is only read here: nothing is recorded unless
	 * the submit goes through. The summary lists the problems in the
	 * form's order, each linking to its box (submission.cs). */
	for (i = 0; i < n_parts(); i++) {
		int nil;

		snprintf(name, sizeof(name), "nil_%s", part_key(i));
		nil = req_param(&req->body, name) != NULL;
		st->nil[i] = nil;
		snprintf(name, sizeof(name), "Page.Datasets.%zu.nil_offer", i);
		resp_set(req, name, nil ? "1" : "");
		if ((counts[i] == 0 && !nil && !part_optional(i)) ||
		    (counts[i] > 0 && nil)) {
			const char *err = nil ? "nil_with_values" :
					  "empty_needs_nil";

			snprintf(name, sizeof(name), "Page.Datasets.%zu.error",
				 i);
			resp_set(req, name, err);
			ds_problem(req, "nil", i, resp_text(req, arena_printf(
				req->arena, "Lang.sub.%s", err), err));
			errors++;
		}
	}
	rc = report_warnings(req, &s, &warnings);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (warnings > 0 && req_param(&req->body, "acknowledge") == NULL) {
		resp_set(req, "Page.Error.acknowledge", "1");
		resp_problem(req, "acknowledge", resp_text(req,
			     "Lang.sub.acknowledge_error", ""));
		errors++;
	}
	if (req_param(&req->body, "certify") == NULL) {
		resp_set(req, "Page.Error.certify", "1");
		resp_problem(req, "certify", resp_text(req,
			     "Lang.sub.certify_error", ""));
		errors++;
	}
	if (errors > 0) {
		report_put_submission(req, &s);
		put_permissions(req, &s);
		resp_set_int(req, "Form.errors", errors);
		return render_refused(req, &s);
	}
	for (i = 0; i < n_parts(); i++)
		if (st->nil[i]) {
			strncat(detail, strchr(detail, ';') ? " " : "; nil: ",
				sizeof(detail) - strlen(detail) - 1);
			strncat(detail, part_key(i),
				sizeof(detail) - strlen(detail) - 1);
		}
	rc = db_begin(req->db);
	for (i = 0; rc == DB_OK && i < n_parts(); i++)
		rc = db_sd_set(req->db, s.id, part_key(i), st->nil[i],
			       NULL);
	if (rc == DB_OK)
		rc = db_sub_set_status(req->db, s.id, "submitted",
				       s.row_version);
	if (rc == DB_OK)	/* it counts now where submitted ones do */
		rc = db_pool_add(req->db, s.id, "S");
	/* Uploads still waiting could never be applied now. */
	if (rc == DB_OK)
		rc = db_import_drop_waiting(req->db, s.id, &dropped);
	if (rc == DB_OK)	/* the analysts hear of it */
		rc = notify_submission(req->db, NOTIFY_SUBMITTED, s.id, NULL);
	if (rc == DB_OK) {
		char full[300];

		snprintf(full, sizeof(full), "%s -> submitted; %s%s", s.status,
			 detail, dropped > 0 ? "; waiting uploads dropped" :
			 "");
		rc = db_history_append(req->db, &who, "submission.submit",
				       "submission", s.id, full);
	}
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	return back_to(req, &s, "submitted");
}

/* POST /submission/<id>/return: the secretariat returns a submitted
 * submission with a reason for each dataset that needs work; 400 when no
 * reason is given. */
enum status page_submission_return(struct req *req)
{
	struct submission s;
	struct ds_state *st;
	long long counts[8];
	enum status v = report_load(req, &s, SUB_RETURN);
	struct actor who = { req->user->id, req->user->username };
	char name[64];
	/* Every reason whole: the history keeps them after the next submit
	 * clears the datasets' (HISTORY_DETAIL_MAX has room for all). */
	char *detail = arena_strdup(req->arena, "submitted -> returned; reasons:");
	int given = 0, rc;
	size_t i;

	if (v != ST_OK)
		return v;
	if (!fresh(req, &s))
		return ST_CONFLICT;
	st = arena_alloc(req->arena, sizeof(*st));
	rc = put_datasets(req, &s, st, counts);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	for (i = 0; i < n_parts(); i++) {
		static const struct field_spec spec_tpl = {
			.type = FIELD_TEXT, .max = 2000 };
		struct field_spec spec = spec_tpl;
		struct field_value fv;

		snprintf(name, sizeof(name), "reason_%s", part_key(i));
		spec.name = name;
		form_validate(&req->body, &spec, 1, &fv);
		snprintf(name, sizeof(name), "Page.Datasets.%zu.reason", i);
		resp_set(req, name, fv.str);
		if (fv.error != NULL) {
			const char *text = resp_text(req, arena_printf(
				req->arena, "Lang.err.%s", fv.error), fv.error);

			snprintf(name, sizeof(name),
				 "Page.Datasets.%zu.reason_error", i);
			resp_set(req, name, text);
			ds_problem(req, "reason", i, text);
			given = -1000;
		} else if (fv.str[strspn(fv.str, " \t\r\n")] != '\0') {
			given++;
			detail = arena_printf(req->arena, "%s [%s] %s", detail,
					      part_key(i), fv.str);
			snprintf(st->reason[i], sizeof(st->reason[i]), "%s",
				 fv.str);
		} else {
			st->reason[i][0] = '\0';
		}
	}
	if (given <= 0) {
		if (given == 0) {
			resp_set(req, "Page.Error.reason", "1");
			resp_problem(req, arena_printf(req->arena, "reason-%s",
						       part_key(0)),
				     resp_text(req, "Lang.sub.reason_error",
					       ""));
		}
		report_put_submission(req, &s);
		put_permissions(req, &s);
		resp_set_int(req, "Form.errors", 1);
		return render_refused(req, &s);
	}
	rc = db_begin(req->db);
	for (i = 0; rc == DB_OK && i < n_parts(); i++)
		rc = db_sd_set(req->db, s.id, part_key(i), st->nil[i],
			       *st->reason[i] ? st->reason[i] : NULL);
	if (rc == DB_OK)
		rc = db_sub_set_status(req->db, s.id, "returned",
				       s.row_version);
	if (rc == DB_OK)	/* and stops counting at once */
		rc = db_pool_remove(req->db, s.id, "S");
	if (rc == DB_OK)	/* with the reasons just written */
		rc = notify_submission(req->db, NOTIFY_RETURNED, s.id, NULL);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "submission.return",
				       "submission", s.id, detail);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	return back_to(req, &s, "returned");
}

/* POST /submission/<id>/accept: the secretariat accepts a submitted
 * submission. 409 for a stale form or another status. */
enum status page_submission_accept(struct req *req)
{
	struct submission s;
	enum status v = report_load(req, &s, SUB_REVIEW);

	if (v != ST_OK)
		return v;
	if (!fresh(req, &s))
		return ST_CONFLICT;
	v = transition(req, &s, "accepted", "submission.accept", "");
	return v != ST_OK ? v : back_to(req, &s, "accepted");
}

/* POST /submission/<id>/reopen: an accepted submission is superseded by
 * version n+1, a draft with the same values; the old version stays
 * readable. */
enum status page_submission_reopen(struct req *req)
{
	struct submission s;
	struct actor who = { req->user->id, req->user->username };
	enum status v = report_load(req, &s, SUB_REOPEN);
	long long id = 0;
	char detail[64], path[64];
	int rc;

	if (v != ST_OK)
		return v;
	if (!fresh(req, &s))
		return ST_CONFLICT;
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_sub_set_status(req->db, s.id, "superseded",
				       s.row_version);
	if (rc == DB_OK)
		rc = db_pool_remove(req->db, s.id, "A");
	if (rc == DB_OK)
		rc = db_pool_remove(req->db, s.id, "S");
	if (rc == DB_OK) {
		struct period p;

		rc = db_period_by_code(req->db, s.period, &p);
		if (rc == DB_OK)
			rc = db_sub_insert(req->db, s.jurisdiction_id, p.id,
					   s.version + 1, &id);
	}
	if (rc == DB_OK)
		rc = db_sub_copy(req->db, id, s.id);
	if (rc == DB_OK)
		rc = db_record_copy(req->db, id, s.id);
	if (rc == DB_OK)
		rc = db_sub_copy_level(req->db, id, s.id);
	snprintf(detail, sizeof(detail), "version %lld -> %lld (id %lld)",
		 s.version, s.version + 1, id);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "submission.reopen",
				       "submission", s.id, detail);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "submission.start",
				       "submission", id, detail);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	snprintf(path, sizeof(path), "/submission/%lld", id);
	return resp_redirect_done(req, path, "reopened");
}

/* POST /submission/<id>/sharing: the focal point chooses whether other
 * contributing states see this submission's figures per jurisdiction
 * ("attributed") or only inside regional totals ("aggregate"). */
enum status page_submission_sharing(struct req *req)
{
	struct submission s;
	struct actor who = { req->user->id, req->user->username };
	const struct param *level = req_param(&req->body, "level");
	enum status v = report_load(req, &s, SUB_SUBMIT);
	int rc;

	if (v != ST_OK)
		return v;
	if (level == NULL || (strcmp(level->value, "attributed") != 0 &&
			      strcmp(level->value, "aggregate") != 0))
		return ST_BAD_REQUEST;
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_sub_set_level(req->db, s.id, level->value);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "submission.sharing",
				       "submission", s.id,
				       arena_printf(req->arena, "%s -> %s",
						    s.sharing_level,
						    level->value));
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	return back_to(req, &s, "sharing_level");
}

/* ---- CSV --------------------------------------------------------------- */

struct csv {
	struct rec_csv out;
	const char *ds;
};

static void csv_cell(void *ctx, const char *tbl, const char *row,
		     const char *col, long long value, const char *flag)
{
	struct csv *c = ctx;
	char num[24] = "";
	const char *v[] = { c->ds, tbl, row, col, num, flag };

	/* A blank value for flags M and Z: there is no number. */
	if (value >= 0)
		snprintf(num, sizeof(num), "%lld", value);
	rec_csv_row(&c->out, v, 6);
}

/* GET /submission/<id>/csv: every cell of the submission's datasets, one
 * per line (RFC 4180), blank values for flags M and Z. */
enum status page_submission_csv(struct req *req)
{
	struct submission s;
	static const char *const head[] = { "dataset", "table", "row",
					    "column", "value", "flag" };
	struct csv c = { { 0 }, NULL };
	enum status st = report_load(req, &s, SUB_READ);
	char filename[80];
	size_t i;
	int rc = DB_OK;

	if (st != ST_OK)
		return st;
	rec_csv_row(&c.out, head, 6);
	for (i = 0; rc == DB_OK && i < n_datasets; i++) {
		c.ds = datasets[i].key;
		rc = db_cell_list(req->db, s.id, c.ds, csv_cell, &c);
	}
	if (rc != DB_OK) {
		free(c.out.buf);
		return resp_db_failure(rc);
	}
	snprintf(filename, sizeof(filename), "vrs-%s-%s-v%lld.csv", s.jcode,
		 s.period, s.version);
	return rec_csv_send(req, &c.out, filename);
}
