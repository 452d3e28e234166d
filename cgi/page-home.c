/* SPDX-License-Identifier: MIT */
/* page-home.c: / , the signed-in home page for every role: the user's
 * to-do list first, then the sections the role may open. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db-report.h"
#include "db-user.h"
#include "pages.h"
#include "policy.h"
#include "resp.h"

static const struct field_spec notice_fields[] = {
	{ .name = "password_changed", .type = FIELD_CHECK },
};

/* The sections a role may open, in the order the page lists them. The
 * policy decides; the template only shows what it is given. */
static const struct {
	enum action action;
	const char *key;
} sections[] = {
	{ ACT_REPORT, "report" },
	{ ACT_ADMIN, "periods" },
	{ ACT_ADMIN, "codes" },
	{ ACT_ADMIN, "sharing_settings" },
	{ ACT_POOLED, "pooled" },
	{ ACT_EXPORT, "exchange" },
	{ ACT_NATIONAL_USERS, "users" },
	{ ACT_OWN_ACCOUNT, "account" },
	{ ACT_OWN_ACCOUNT, "notifications" },
};

/* ---- the to-do list -------------------------------------------------- */

/* Items of one kind shown at most; the rest are counted and the list
 * points to the page that has them all. */
#define TODO_MAX 50

/* What a submission brings to the list, kept from the listing so that
 * the return reasons can be read after it (one query at a time). */
struct todo_sub {
	long long id, jurisdiction_id;
	char jcode[16], period[12], period_status[12], status[16], due[11];
	const char *jname;		/* arena memory */
	int overdue;
};

struct todo {
	struct req *req;
	int n;				/* items put under Page.Todo */
	struct todo_sub *subs;
	size_t nsubs, cap;
	int more[8];			/* items left out, per kind below */
};

enum todo_more { MORE_REVIEW, MORE_USERS };

/* Starts item n of kind; returns its index. */
static int todo_item(struct todo *t, const char *kind)
{
	resp_set_item(t->req, "Page.Todo", t->n, "kind", kind);
	return t->n++;
}

/* named: the item names the state (the secretariat's items; a state's
 * own need not). */
static void todo_sub_fields(struct todo *t, int i, const struct todo_sub *s,
			    int named)
{
	resp_set_item_int(t->req, "Page.Todo", i, "id", s->id);
	resp_set_item(t->req, "Page.Todo", i, "period", s->period);
	if (named) {
		resp_set_item(t->req, "Page.Todo", i, "jcode", s->jcode);
		resp_set_item(t->req, "Page.Todo", i, "jname", s->jname);
	}
	resp_set_item(t->req, "Page.Todo", i, "status", s->status);
	resp_set_item(t->req, "Page.Todo", i, "due", s->due);
	resp_set_item(t->req, "Page.Todo", i, "overdue", s->overdue ? "1" : "");
}

static void collect_sub(void *ctx, const struct submission *s)
{
	struct todo *t = ctx;
	struct todo_sub *x;

	if (t->nsubs == t->cap)
		return;
	x = &t->subs[t->nsubs++];
	x->id = s->id;
	x->jurisdiction_id = s->jurisdiction_id;
	snprintf(x->jcode, sizeof(x->jcode), "%s", s->jcode);
	x->jname = arena_strdup(t->req->arena, s->jname);
	snprintf(x->period, sizeof(x->period), "%s", s->period);
	snprintf(x->period_status, sizeof(x->period_status), "%s",
		 s->period_status);
	snprintf(x->status, sizeof(x->status), "%s", s->status);
	snprintf(x->due, sizeof(x->due), "%s", s->due);
	x->overdue = s->overdue;
}

struct reasons {
	struct req *req;
	int item, n;
};

static void put_reason(void *ctx, const char *ds, int nil, const char *reason)
{
	struct reasons *r = ctx;
	char name[64];

	(void)nil;
	if (*reason == '\0')
		return;
	snprintf(name, sizeof(name), "Page.Todo.%d.Reasons", r->item);
	resp_set_item(r->req, name, r->n, "key", ds);
	resp_set_item(r->req, name, r->n, "reason", reason);
	r->n++;
}

/* The own jurisdiction's work: returned submissions (with their reasons)
 * and drafts for whoever may change them, drafts to certify for whoever
 * may submit them, and open periods not started yet. */
static int todo_national(struct todo *t, struct period *periods, size_t np)
{
	const struct user *u = t->req->user;
	size_t i, k;
	int item, pass, rc = db_sub_list(t->req->db, u->jurisdiction_id,
					 collect_sub, t);

	/* Returned ones first: someone is waiting for the corrections. */
	for (pass = 0; rc == DB_OK && pass < 2; pass++)
		for (i = 0; rc == DB_OK && i < t->nsubs; i++) {
			const struct todo_sub *s = &t->subs[i];
			int returned = strcmp(s->status, "returned") == 0;
			int submit = policy_submission(u, s->jurisdiction_id,
				s->status, s->period_status, SUB_SUBMIT) == ALLOW;
			int edit = policy_submission(u, s->jurisdiction_id,
				s->status, s->period_status, SUB_EDIT) == ALLOW;

			if (returned != (pass == 0) || (!submit && !edit))
				continue;
			/* Who may submit a returned one submits it again
			 * once it is corrected; the others correct it. */
			item = todo_item(t, returned ? (submit ?
					 "returned_submit" : "returned") :
					 submit ? "certify" : "fill");
			todo_sub_fields(t, item, s, 0);
			if (returned) {
				struct reasons r = { t->req, item, 0 };

				rc = db_sd_list(t->req->db, s->id, put_reason,
						&r);
			}
		}
	for (i = 0; rc == DB_OK && i < np; i++) {
		if (policy_submission(u, u->jurisdiction_id, "",
				      periods[i].status, SUB_START) != ALLOW)
			continue;
		for (k = 0; k < t->nsubs &&
		     strcmp(t->subs[k].period, periods[i].code) != 0; k++)
			;
		if (k < t->nsubs)
			continue;	/* started: listed above if work is left */
		item = todo_item(t, "start");
		resp_set_item(t->req, "Page.Todo", item, "period",
			      periods[i].code);
		resp_set_item(t->req, "Page.Todo", item, "due", periods[i].due);
		resp_set_item(t->req, "Page.Todo", item, "overdue",
			      periods[i].overdue ? "1" : "");
	}
	return rc;
}

/* The states late for one overdue period, as a to-do item naming them
 * (db_sub_pending); the item is made with the first one. */
struct late {
	struct todo *t;
	const struct period *period;
	int item, n;
};

static void put_late(void *ctx, const char *jcode, const char *jname,
		     const char *status, long long id)
{
	struct late *l = ctx;
	struct req *req = l->t->req;
	const char *states;

	(void)status;
	if (l->item < 0) {
		l->item = todo_item(l->t, "overdue");
		resp_set_item(req, "Page.Todo", l->item, "period",
			      l->period->code);
		resp_set_item(req, "Page.Todo", l->item, "due",
			      l->period->due);
	}
	if (l->n++ >= TODO_MAX * 2)
		return;	/* counted, not named */
	states = arena_printf(req->arena, "Page.Todo.%d.States", l->item);
	resp_set_item(req, states, l->n - 1, "jcode", jcode);
	resp_set_item(req, states, l->n - 1, "jname", jname);
	if (id > 0)
		resp_set_item_int(req, states, l->n - 1, "id", id);
}

/* The reviewers' work: every submission the policy lets the user review,
 * then each state that has not sent an overdue open period's. */
static int todo_review(struct todo *t, struct period *periods, size_t np)
{
	const struct user *u = t->req->user;
	size_t i;
	int shown = 0, rc;

	/* Only those who review chase what is late. */
	if (policy_submission(u, 0, "submitted", "open", SUB_REVIEW) != ALLOW)
		return DB_OK;
	rc = db_sub_list_submitted(t->req->db, collect_sub, t);
	for (i = 0; rc == DB_OK && i < t->nsubs; i++) {
		const struct todo_sub *s = &t->subs[i];

		if (policy_submission(u, s->jurisdiction_id, s->status,
				      s->period_status, SUB_REVIEW) != ALLOW)
			continue;
		if (shown >= TODO_MAX) {
			t->more[MORE_REVIEW] = 1;
			continue;
		}
		shown++;
		todo_sub_fields(t, todo_item(t, "review"), s, 1);
	}
	/* One item per overdue open period, naming the states that have not
	 * submitted it (each linked to its draft when there is one). */
	for (i = 0; rc == DB_OK && i < np; i++) {
		struct late l = { t, &periods[i], -1, 0 };

		if (strcmp(periods[i].status, "open") != 0 ||
		    !periods[i].overdue)
			continue;
		rc = db_sub_pending(t->req->db, periods[i].id, put_late, &l);
		if (l.item >= 0)
			resp_set_item_int(t->req, "Page.Todo", l.item, "count",
					  l.n);
	}
	return rc;
}

static void put_locked(void *ctx, const struct user_login *l,
		       const char *until)
{
	struct todo *t = ctx;
	int item;

	if (t->more[MORE_USERS] >= TODO_MAX) {
		t->more[MORE_USERS] = TODO_MAX + 1;
		return;
	}
	t->more[MORE_USERS]++;
	item = todo_item(t, "locked_user");
	resp_set_item(t->req, "Page.Todo", item, "username", l->user.username);
	resp_set_item(t->req, "Page.Todo", item, "name", l->user.display_name);
	resp_set_item(t->req, "Page.Todo", item, "jcode",
		      l->user.jurisdiction_code);
	resp_set_item(t->req, "Page.Todo", item, "until", until);
}

/* The administrators' work: planned periods whose opening date has come,
 * open periods whose lock date has come, accounts locked after failed
 * sign-ins. */
static int todo_admin(struct todo *t, struct period *periods, size_t np)
{
	char today[11];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	int rc;

	if (!policy_allows(t->req->user, ACT_ADMIN))
		return DB_OK;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	for (i = 0; i < np; i++) {
		const struct period *p = &periods[i];
		int open = strcmp(p->status, "open") == 0, item;

		if (open ? strcmp(p->locks, today) > 0 :
		    strcmp(p->status, "planned") != 0 ||
		    strcmp(p->opens, today) > 0)
			continue;
		item = todo_item(t, open ? "lock_period" : "open_period");
		resp_set_item(t->req, "Page.Todo", item, "period", p->code);
		resp_set_item(t->req, "Page.Todo", item, "date",
			      open ? p->locks : p->opens);
	}
	t->more[MORE_USERS] = 0;
	rc = db_user_locked_list(t->req->db, t->req->arena, TODO_MAX + 1,
				 put_locked, t);
	if (t->more[MORE_USERS] > TODO_MAX)
		resp_set(t->req, "Page.TodoMore.users", "1");
	return rc;
}

struct period_list {
	struct period *p;
	size_t n, cap;
};

static void collect_period(void *ctx, const struct period *p)
{
	struct period_list *l = ctx;

	if (l->n < l->cap)
		l->p[l->n++] = *p;
}

/* Puts the user's to-do items under Page.Todo, each with its kind and
 * what its link needs. Every item is one the policy lets the user do. */
static int put_todo(struct req *req)
{
	struct todo t = { req, 0, NULL, 0, 0, { 0 } };
	struct period_list pl = { NULL, 0, 200 };
	int rc;

	t.cap = 2000;
	t.subs = arena_alloc(req->arena, t.cap * sizeof(*t.subs));
	pl.p = arena_alloc(req->arena, pl.cap * sizeof(*pl.p));
	rc = db_period_list(req->db, collect_period, &pl);
	if (rc == DB_OK && req->user->jurisdiction_id > 0)
		rc = todo_national(&t, pl.p, pl.n);
	if (rc == DB_OK)
		rc = todo_review(&t, pl.p, pl.n);
	if (rc == DB_OK)
		rc = todo_admin(&t, pl.p, pl.n);
	if (t.more[MORE_REVIEW])
		resp_set(req, "Page.TodoMore.review", "1");
	return rc;
}

/* GET /: who you are, your to-do list and your sections. */
enum status page_home(struct req *req)
{
	struct field_value notice[1];
	size_t i, n = 0;
	int rc;

	form_validate(&req->query, notice_fields, 1, notice);
	if (notice[0].num)
		resp_set(req, "Page.Notice", "password_changed");
	rc = put_todo(req);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		char name[64];

		if (!policy_allows(req->user, sections[i].action))
			continue;
		snprintf(name, sizeof(name), "Page.Sections.%zu", n++);
		resp_set(req, name, sections[i].key);
	}
	return resp_render(req, 200, "home.cs");
}
