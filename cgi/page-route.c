/* SPDX-License-Identifier: MIT */
/* page-route.c: route and fee records of a submission: the list with
 * filters and paging, the form (legs added, removed and moved by server
 * round trips, so no JavaScript is needed), delete, history and CSV. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "db-history.h"
#include "form.h"
#include "pages.h"
#include "record-form.h"
#include "record.h"
#include "report.h"
#include "resp.h"
#include "util.h"
#include "valid.h"

/* The code lists a route form offers, in the order of route_lists[];
 * the list page needs the first four (its filters and its names). */
enum { L_COUNTRY, L_TRANSPORT, L_CURRENCY, L_SCOPE, L_SOURCE, L_CONF, L_N };
static const char *const route_lists[L_N] = {
	"country", "transport", "currency", "feescope", "source", "confidence",
};

#define N_FIELDS 7	/* as the history records them (route_fields) */

static const struct rec_kind route_kind;

static const char *label_of(const struct codes *c, const char *code)
{
	const struct code *k = grid_find_code(c, code);

	return k != NULL ? k->label : code;
}

/* "IRN (Land vehicle) > TUR (On foot)": the legs as one text, for the
 * list, the history and the CSV. */
static const char *legs_text(struct req *req, const struct route *r)
{
	char *s = "";
	size_t i;

	for (i = 0; i < r->nlegs; i++)
		s = arena_printf(req->arena, "%s%s%s %s", s, i ? " > " : "",
				 r->legs[i].to, r->legs[i].mode);
	return s;
}

/* The legs as a reader wants them: "Türkiye (Land vehicle) > Greece
 * (Sea vessel)" (a list shows 50 routes: joined without printf). */
static const char *legs_labels(struct req *req, const struct rec_page *p,
			       const struct route *r)
{
	const char *part[4 * ROUTE_MAX_LEGS];
	size_t i, n = 0;

	for (i = 0; i < r->nlegs; i++) {
		part[n++] = label_of(&p->codes[L_COUNTRY], r->legs[i].to);
		part[n++] = " (";
		part[n++] = label_of(&p->codes[L_TRANSPORT], r->legs[i].mode);
		part[n++] = i + 1 < r->nlegs ? ") > " : ")";
	}
	return util_join(req->arena, part, n);
}

static const char *fee_text(struct req *req, const struct route *r)
{
	if (r->fee_amount[0] == '\0')
		return "";
	return arena_printf(req->arena, "%s %s %s", r->fee_amount,
			    r->fee_currency, r->fee_scope);
}

/* The fields as the history records them. */
static void route_fields(struct req *req, const struct rec_page *p,
			 const void *record, struct field_text *f)
{
	const struct route *r = record;

	(void)p;
	f[0] = (struct field_text){ "origin", r->origin };
	f[1] = (struct field_text){ "legs", legs_text(req, r) };
	f[2] = (struct field_text){ "migrants", r->migrants };
	f[3] = (struct field_text){ "fee", fee_text(req, r) };
	f[4] = (struct field_text){ "source", r->source };
	f[5] = (struct field_text){ "confidence", r->confidence };
	f[6] = (struct field_text){ "note", r->note };
}

/* ---- the list ------------------------------------------------------- */

struct list_ctx {
	struct req *req;
	struct rec_page *p;
	long long n;
	HDF *list, *row;	/* Page.Routes, and the row put last */
};

/* A row of the list below Page.Routes, each field set below its row. */
static void put_row(void *ctx, const struct route *r)
{
	struct list_ctx *l = ctx;
	struct req *req = l->req;
	char name[24];
	HDF *row;

	if (l->list == NULL)
		l->list = resp_node(req, NULL, "Page.Routes");
	l->row = row = resp_node(req, l->list, util_num(name, l->n++));
	resp_node_set(req, row, "id", util_num(name, r->id));
	resp_node_set(req, row, "origin",
		      label_of(&l->p->codes[L_COUNTRY], r->origin));
	resp_node_set(req, row, "destination",
		      label_of(&l->p->codes[L_COUNTRY], r->destination));
	resp_node_set(req, row, "legs", legs_labels(req, l->p, r));
	resp_node_set(req, row, "migrants", r->migrants);
	resp_node_set(req, row, "fee_amount", r->fee_amount);
	resp_node_set(req, row, "fee_currency",
		      label_of(&l->p->codes[L_CURRENCY], r->fee_currency));
	resp_node_set(req, row, "fee_scope",
		      label_of(&l->p->codes[L_SCOPE], r->fee_scope));
	resp_node_set(req, row, "updated", r->updated);
}

/* GET /submission/<id>/routes: 50 a page, newest change first unless
 * ?sort=asc, filtered by ?country= (origin, transit or destination) and
 * ?mode= (any leg). Two statements: the submission with the routes'
 * return reason, then the page with the count of what the filter
 * matches. */
enum status page_route_list(struct req *req)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	struct list_ctx l = { req, p, 0, NULL, NULL };
	struct record_filter f;
	long long page, total = 0;
	/* Names for the four lists the rows show; the filters offer the
	 * first two. */
	enum status st = rec_load_list(req, p, &route_kind, "routes",
				       L_SCOPE + 1, L_TRANSPORT + 1);
	int rc;

	if (st != ST_OK)
		return st;
	rec_filter(req, &f, &page);
	rc = db_route_list(req->db, p->s.id, &f, put_row, &l, &total);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	rec_put_paging(req, total, page);
	rec_notice(req);
	report_put_submission(req, &p->s);
	rec_put_can_edit(req, &p->s);
	return resp_render(req, 200, "routes.cs");
}

/* One route of the review page: as the list shows it, and its note. */
static void put_review_row(void *ctx, const struct route *r)
{
	struct list_ctx *l = ctx;

	put_row(ctx, r);
	resp_node_set(l->req, l->row, "note", r->note);
}

int page_route_put_all(struct req *req, const struct submission *s)
{
	struct list_ctx l = { req, NULL, 0, NULL, NULL };
	int rc = rec_page_of(req, s, &route_kind, L_SCOPE + 1, &l.p);

	return rc == DB_OK ? db_route_all(req->db, s->id, put_review_row, &l)
			   : rc;
}

/* ---- the form ---------------------------------------------------------- */

/* Puts the route as the form shows it (typed or saved). */
static void put_form(struct req *req, const struct rec_page *p)
{
	const struct route *r = p->r;
	size_t i;

	resp_set(req, "Form.origin.value", r->origin);
	resp_set(req, "Form.migrants.value", r->migrants);
	resp_set(req, "Form.fee_amount.value", r->fee_amount);
	resp_set(req, "Form.fee_currency.value", r->fee_currency);
	resp_set(req, "Form.fee_scope.value", r->fee_scope);
	resp_set(req, "Form.source.value", r->source);
	resp_set(req, "Form.confidence.value", r->confidence);
	resp_set(req, "Form.note.value", r->note);
	resp_set_int(req, "Form.row_version", r->row_version);
	resp_set_int(req, "Form.legs", (long long)r->nlegs);
	for (i = 0; i < r->nlegs; i++) {
		resp_set_item(req, "Form.Legs", (long long)i, "to",
			      r->legs[i].to);
		resp_set_item(req, "Form.Legs", (long long)i, "mode",
			      r->legs[i].mode);
	}
	resp_set_int(req, "Page.MaxLegs", ROUTE_MAX_LEGS);
	/* The names a reader sees where the form is read-only. */
	resp_set(req, "Form.origin.label", label_of(&p->codes[L_COUNTRY],
						    r->origin));
	resp_set(req, "Form.fee_currency.label",
		 label_of(&p->codes[L_CURRENCY], r->fee_currency));
	resp_set(req, "Form.fee_scope.label", label_of(&p->codes[L_SCOPE],
						       r->fee_scope));
	resp_set(req, "Form.source.label", label_of(&p->codes[L_SOURCE],
						    r->source));
	resp_set(req, "Form.confidence.label", label_of(&p->codes[L_CONF],
							r->confidence));
	for (i = 0; i < r->nlegs; i++) {
		resp_set_item(req, "Form.Legs", (long long)i, "to_label",
			      label_of(&p->codes[L_COUNTRY], r->legs[i].to));
		resp_set_item(req, "Form.Legs", (long long)i, "mode_label",
			      label_of(&p->codes[L_TRANSPORT],
				       r->legs[i].mode));
	}
}

/* The typed text of name, or "" when it holds a NUL byte. */
static const char *shown(struct req *req, const char *name)
{
	const struct param *p = req_param(&req->body, name);

	return p == NULL || p->has_nul ? "" : p->value;
}

/* Reads the typed route from the body into p->r, with messages for what
 * is wrong. Legs come as legs=N, leg_to.I and leg_mode.I. */
static void read_form(struct req *req, struct rec_page *p)
{
	static const struct field_spec specs[] = {
		{ .name = "origin", .type = FIELD_LINE, .max = 16 },
		{ .name = "migrants", .type = FIELD_INT, .min = 1,
		  .max = 10000000 },
		{ .name = "fee_amount", .type = FIELD_LINE, .max = 20 },
		{ .name = "fee_currency", .type = FIELD_LINE, .max = 16 },
		{ .name = "fee_scope", .type = FIELD_LINE, .max = 16 },
		{ .name = "source", .type = FIELD_LINE, .max = 16 },
		{ .name = "confidence", .type = FIELD_LINE, .max = 16 },
		{ .name = "note", .type = FIELD_TEXT, .max = NOTE_MAX_CHARS },
	};
	struct field_value v[8];
	struct route *r = p->r;
	const struct param *n = req_param(&req->body, "legs");
	const struct param *ver = req_param(&req->body, "row_version");
	long long legs = n != NULL ? atoll(n->value) : 1;
	size_t i;

	form_validate(&req->body, specs, 8, v);
	for (i = 0; i < 8; i++)
		if (v[i].error != NULL)
			rec_field_error(req, p, specs[i].name, v[i].error);
	rec_take(r->origin, sizeof(r->origin), v[0].str);
	ascii_upcase(r->origin);	/* "afg" is AFG */
	/* A wrong number is shown back as typed, with its message. */
	rec_take(r->migrants, sizeof(r->migrants), v[1].error == NULL ? v[1].str :
	     strcmp(v[1].error, "too_long") != 0 ? shown(req, "migrants") : "");
	rec_take(r->fee_amount, sizeof(r->fee_amount), v[2].str);
	rec_take(r->fee_currency, sizeof(r->fee_currency), v[3].str);
	rec_take(r->fee_scope, sizeof(r->fee_scope), v[4].str);
	rec_take(r->source, sizeof(r->source), v[5].str);
	rec_take(r->confidence, sizeof(r->confidence), v[6].str);
	rec_take(r->note, sizeof(r->note), v[7].str);
	r->row_version = ver != NULL ? atoll(ver->value) : 0;
	if (legs < 1)
		legs = 1;
	if (legs > ROUTE_MAX_LEGS + 1) {
		legs = ROUTE_MAX_LEGS + 1;
		rec_field_error(req, p, "legs", "too_many_legs");
	}
	r->nlegs = (size_t)legs;
	for (i = 0; i < r->nlegs; i++) {
		struct field_spec spec[2] = {
			{ .type = FIELD_LINE, .max = 16 },
			{ .type = FIELD_LINE, .max = 16 },
		};
		struct field_value lv[2];

		spec[0].name = arena_printf(req->arena, "leg_to.%zu", i);
		spec[1].name = arena_printf(req->arena, "leg_mode.%zu", i);
		form_validate(&req->body, spec, 2, lv);
		rec_take(r->legs[i].to, sizeof(r->legs[i].to),
		     lv[0].error ? "" : lv[0].str);
		ascii_upcase(r->legs[i].to);
		rec_take(r->legs[i].mode, sizeof(r->legs[i].mode),
		     lv[1].error ? "" : lv[1].str);
		if (lv[0].error != NULL)
			rec_field_error(req, p, spec[0].name, lv[0].error);
		if (lv[1].error != NULL)
			rec_field_error(req, p, spec[1].name, lv[1].error);
	}
}

/* The rules of a route, beyond each field's own: origin and every leg's
 * end are countries, no country twice in the chain (so origin differs
 * from destination), a fee has an amount above 0 with a currency and a
 * scope, at most ROUTE_MAX_LEGS legs. */
static void check_route(struct req *req, struct rec_page *p)
{
	struct route *r = p->r;
	const char *chain[ROUTE_MAX_LEGS + 2];
	char fee[24], plain[sizeof(r->fee_amount)];
	size_t i;
	int rep;

	rec_check_code(req, p, L_COUNTRY, "origin", r->origin, 1);
	if (r->nlegs > ROUTE_MAX_LEGS && !resp_has_error(req, "legs"))
		rec_field_error(req, p, "legs", "too_many_legs");
	chain[0] = r->origin;
	for (i = 0; i < r->nlegs; i++) {
		char *to = arena_printf(req->arena, "leg_to.%zu", i);
		char *mode = arena_printf(req->arena, "leg_mode.%zu", i);

		rec_check_code(req, p, L_COUNTRY, to, r->legs[i].to, 1);
		rec_check_code(req, p, L_TRANSPORT, mode, r->legs[i].mode, 1);
		chain[i + 1] = r->legs[i].to;
	}
	rep = record_chain_repeat(chain, r->nlegs + 1);
	if (rep > 0 && chain[rep][0] != '\0') {
		char *to = arena_printf(req->arena, "leg_to.%d", rep - 1);

		if (!resp_has_error(req, to))
			rec_field_error(req, p, to, rep == (int)r->nlegs &&
				    strcmp(chain[rep], r->origin) == 0 ?
				    "origin_is_destination" : "country_twice");
	}
	snprintf(r->destination, sizeof(r->destination), "%s",
		 r->nlegs > 0 ? r->legs[r->nlegs - 1].to : "");
	if (r->fee_amount[0] != '\0' && !resp_has_error(req, "fee_amount")) {
		/* "5 000.50" as "5000.50": digit groups as grids take them */
		switch (valid_decimal(r->fee_amount, strlen(r->fee_amount),
				      plain, sizeof(plain)) == 0 ?
			record_parse_fee(plain, fee) : -1) {
		case 0:
			snprintf(r->fee_amount, sizeof(r->fee_amount), "%s", fee);
			break;
		case -2:
			rec_field_error(req, p, "fee_amount", "fee_zero");
			break;
		case -3:
			rec_field_error(req, p, "fee_amount", "fee_too_large");
			break;
		default:
			rec_field_error(req, p, "fee_amount", "fee_number");
		}
	}
	/* Optional as a group: an amount needs its currency and scope, and
	 * the message says so rather than "required". */
	rec_check_code(req, p, L_CURRENCY, "fee_currency", r->fee_currency, 0);
	rec_check_code(req, p, L_SCOPE, "fee_scope", r->fee_scope, 0);
	if (r->fee_amount[0] != '\0' && r->fee_currency[0] == '\0')
		rec_field_error(req, p, "fee_currency", "fee_needs_currency");
	if (r->fee_amount[0] != '\0' && r->fee_scope[0] == '\0')
		rec_field_error(req, p, "fee_scope", "fee_needs_scope");
	if (r->fee_amount[0] == '\0' &&
	    (r->fee_currency[0] != '\0' || r->fee_scope[0] != '\0') &&
	    !resp_has_error(req, "fee_amount"))
		rec_field_error(req, p, "fee_amount", "fee_needs_amount");
	rec_check_code(req, p, L_SOURCE, "source", r->source, 1);
	rec_check_code(req, p, L_CONF, "confidence", r->confidence, 1);
}

/* Applies a leg button (add, remove:I, up:I, down:I) to the typed
 * route. Returns 1 if the action was one. */
static int leg_action(struct req *req, struct rec_page *p, const char *act)
{
	struct route *r = p->r;
	struct route_leg tmp;
	size_t i;

	if (strcmp(act, "add_leg") == 0) {
		if (r->nlegs >= ROUTE_MAX_LEGS)
			rec_field_error(req, p, "legs", "too_many_legs");
		else
			memset(&r->legs[r->nlegs++], 0, sizeof(tmp));
		return 1;
	}
	if (strncmp(act, "remove_leg:", 11) == 0) {
		i = (size_t)atoll(act + 11);
		if (i < r->nlegs && r->nlegs > 1) {
			memmove(&r->legs[i], &r->legs[i + 1],
				(r->nlegs - i - 1) * sizeof(tmp));
			r->nlegs--;
		}
		return 1;
	}
	if (strncmp(act, "up:", 3) == 0 || strncmp(act, "down:", 5) == 0) {
		int up = act[0] == 'u';

		i = (size_t)atoll(act + (up ? 3 : 5));
		if (up && i > 0 && i < r->nlegs) {
			tmp = r->legs[i - 1];
			r->legs[i - 1] = r->legs[i];
			r->legs[i] = tmp;
		} else if (!up && i + 1 < r->nlegs) {
			tmp = r->legs[i + 1];
			r->legs[i + 1] = r->legs[i];
			r->legs[i] = tmp;
		}
		return 1;
	}
	return 0;
}

/* ---- the pages, through record-form.c ----------------------------------- */

static int route_get(struct db *db, long long sub, long long id, void *r)
{
	return db_route_get(db, sub, id, r);
}

static int route_insert(struct db *db, long long sub, const void *r,
			long long *id)
{
	return db_route_insert(db, sub, r, id);
}

static int route_update(struct db *db, long long sub, const void *r)
{
	return db_route_update(db, sub, r);
}

/* A new route starts with one leg. */
static void route_init(void *r)
{
	((struct route *)r)->nlegs = 1;
}

static size_t route_texts(const void *record, struct field_text *f)
{
	const struct route *r = record;

	f[0] = (struct field_text){ "note", r->note };
	return 1;
}

static const struct rec_kind route_kind = {
	.type = "route", .plural = "routes", .form = "route.cs",
	.lists = route_lists, .nlists = L_N, .nfields = N_FIELDS,
	.size = sizeof(struct route),
	.id_at = offsetof(struct route, id),
	.version_at = offsetof(struct route, row_version),
	.get = route_get, .insert = route_insert, .update = route_update,
	.remove = db_route_delete, .init = route_init,
	.fields = route_fields, .texts = route_texts, .put_form = put_form,
	.read_form = read_form, .check = check_route,
	.row_action = leg_action,
};

/* GET /submission/<id>/routes/new: an empty route with one leg. */
enum status page_route_new(struct req *req)
{
	return rec_page_new(req, &route_kind);
}

/* GET /submission/<id>/routes/<rid>: the record, editable when the
 * policy allows, with its history. */
enum status page_route_show(struct req *req)
{
	return rec_page_show(req, &route_kind);
}

/* POST /submission/<id>/routes/new and /submission/<id>/routes/<rid>:
 * a leg button re-renders the form with everything typed; "save"
 * validates and writes the route, its legs and the history entry in one
 * transaction. */
enum status page_route_save(struct req *req)
{
	return rec_page_save(req, &route_kind);
}

/* POST /submission/<id>/routes/<rid>/delete: the record leaves the
 * lists; the database keeps it, so its history stays readable. */
enum status page_route_delete(struct req *req)
{
	return rec_page_delete(req, &route_kind);
}

/* ---- CSV --------------------------------------------------------------- */

struct csv_ctx {
	struct req *req;
	struct rec_csv csv;
};

static void csv_route(void *ctx, const struct route *r)
{
	struct csv_ctx *c = ctx;
	struct req *req = c->req;
	const char *v[] = { arena_printf(req->arena, "%lld", r->id), r->origin,
			    legs_text(req, r), r->destination, r->migrants,
			    r->fee_amount, r->fee_currency, r->fee_scope,
			    r->source, r->confidence, r->note };

	rec_csv_row(&c->csv, v, sizeof(v) / sizeof(v[0]));
}

/* GET /submission/<id>/routes.csv: every route, RFC 4180. */
enum status page_route_csv(struct req *req)
{
	static const char *const head[] = {
		"id", "origin", "legs", "destination", "migrants", "fee_amount",
		"fee_currency", "fee_scope", "source", "confidence", "note",
	};
	struct submission s;
	struct csv_ctx c = { req, { 0 } };
	enum status st = report_load(req, &s, SUB_READ);
	int rc;

	if (st != ST_OK)
		return st;
	rec_csv_row(&c.csv, head, sizeof(head) / sizeof(head[0]));
	rc = db_route_all(req->db, s.id, csv_route, &c);
	if (rc != DB_OK) {
		free(c.csv.buf);
		return resp_db_failure(rc);
	}
	return rec_csv_send(req, &c.csv, arena_printf(req->arena,
		"routes-%s-%s-v%lld.csv", s.jcode, s.period, s.version));
}
