/* SPDX-License-Identifier: MIT */
/* record-form.c: a record's pages, whatever its kind (see record-form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "record-form.h"
#include "report.h"
#include "resp.h"
#include "util.h"

static long long *id_of(const struct rec_kind *k, void *r)
{
	return (long long *)((char *)r + k->id_at);
}

static long long *version_of(const struct rec_kind *k, void *r)
{
	return (long long *)((char *)r + k->version_at);
}

/* The rest of a page's loading once its submission is read (st): the
 * record's room and the first nlists code lists of k, the first nput of
 * them put into the page for its selects. */
static enum status load_lists(struct req *req, struct rec_page *p,
			      const struct rec_kind *k, enum status st,
			      size_t nlists, size_t nput)
{
	size_t i;
	int rc = DB_OK;

	p->kind = k;
	p->r = arena_alloc(req->arena, k->size);
	if (st != ST_OK)
		return st;
	for (i = 0; rc == DB_OK && i < nlists && i < REC_MAX_LISTS; i++)
		rc = rec_codes(req, &p->s, k->lists[i], &p->codes[i],
			       i < nput);
	return rc == DB_OK ? ST_OK : resp_db_failure(rc);
}

enum status rec_load(struct req *req, struct rec_page *p,
		     const struct rec_kind *k, enum sub_action a,
		     int put_codes, size_t nlists)
{
	return load_lists(req, p, k, report_load(req, &p->s, a), nlists,
			  put_codes ? nlists : 0);
}

enum status rec_load_list(struct req *req, struct rec_page *p,
			  const struct rec_kind *k, const char *part,
			  size_t nlists, size_t nput)
{
	return load_lists(req, p, k,
			  report_load_part(req, &p->s, SUB_READ, part),
			  nlists, nput);
}

int rec_page_of(struct req *req, const struct submission *s,
		const struct rec_kind *k, size_t nlists, struct rec_page **out)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	size_t i;
	int rc = DB_OK;

	p->kind = k;
	p->s = *s;
	for (i = 0; rc == DB_OK && i < nlists && i < REC_MAX_LISTS; i++)
		rc = rec_codes(req, s, k->lists[i], &p->codes[i], 0);
	*out = p;
	return rc;
}

void rec_field_error(struct req *req, struct rec_page *p, const char *field,
		     const char *key)
{
	resp_field_error(req, field, key);
	p->errors++;
}

void rec_check_code(struct req *req, struct rec_page *p, size_t list,
		    const char *field, const char *value, int required)
{
	if (resp_has_error(req, field))
		return;
	if (value[0] == '\0') {
		if (required)
			rec_field_error(req, p, field, "required");
	} else if (grid_find_code(&p->codes[list], value) == NULL) {
		rec_field_error(req, p, field, "unknown_code");
	}
}

void rec_take(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

void rec_put_can_edit(struct req *req, const struct submission *s)
{
	if (policy_submission(req->user, s->jurisdiction_id, s->status,
			      s->period_status, SUB_EDIT) == ALLOW)
		resp_set(req, "Page.Can.edit", "1");
}

/* A field in error shows what was typed, whole, even where the record
 * could not hold it (too long, say): nothing typed is lost to an error.
 * Rows' fields ("leg_to.2") are left to the kind's put_form. */
static void put_typed(struct req *req)
{
	size_t i;

	for (i = 0; i < req->body.count; i++) {
		const struct param *b = &req->body.items[i];

		if (strchr(b->name, '.') == NULL && !b->has_nul &&
		    resp_has_error(req, b->name))
			resp_set(req, arena_printf(req->arena, "Form.%s.value",
						   b->name), b->value);
	}
}

/* The form: the record's id is 0 for a new one; status is 200, 400
 * (errors) or 409 (stale). */
static enum status render_form(struct req *req, struct rec_page *p,
			       long long id, int status)
{
	report_put_submission(req, &p->s);
	resp_set_int(req, "Page.Record.id", id);
	rec_put_can_edit(req, &p->s);
	p->kind->put_form(req, p);
	if (p->errors > 0)
		put_typed(req);
	resp_set_int(req, "Form.errors", (long long)p->errors);
	if (id > 0) {
		long long n = 0;
		int rc = db_record_number(req->db, p->kind->type, p->s.id, id,
					  &n);

		resp_set_int(req, "Page.Record.n", n);
		if (rc == DB_OK)
			rc = rec_put_history(req, &p->s, p->kind->type, id);

		if (rc != DB_OK)
			return resp_db_failure(rc);
	}
	return resp_render(req, status, p->kind->form);
}

/* Reads record id of the page's submission into p->r: ST_OK, or what
 * to answer. */
static enum status get_record(struct req *req, struct rec_page *p,
			      long long id)
{
	int rc = id > 0 ? p->kind->get(req->db, p->s.id, id, p->r) : DB_NONE;

	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	return rc == DB_OK ? ST_OK : resp_db_failure(rc);
}

enum status rec_page_new(struct req *req, const struct rec_kind *k)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	enum status st = rec_load(req, p, k, SUB_EDIT, 1, k->nlists);

	if (st != ST_OK)
		return st;
	k->init(p->r);
	return render_form(req, p, 0, 200);
}

/* The record, editable when the policy allows, with its history. */
enum status rec_page_show(struct req *req, const struct rec_kind *k)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	long long id = rec_id_arg(req);
	enum status st = rec_load(req, p, k, SUB_READ, 1, k->nlists);

	if (st == ST_OK)
		st = get_record(req, p, id);
	if (st != ST_OK)
		return st;
	rec_notice(req);
	return render_form(req, p, id, 200);
}

/* Someone saved first: the version saved now beside what was typed. */
static enum status stale(struct req *req, struct rec_page *p, long long id)
{
	const struct rec_kind *k = p->kind;
	void *theirs = arena_alloc(req->arena, k->size);
	int rc = k->get(req->db, p->s.id, id, theirs);

	if (rc == DB_NONE) {
		resp_set(req, "Page.Deleted", "1");
	} else if (rc == DB_OK) {
		struct field_text *f = arena_alloc(req->arena, k->nfields *
						   sizeof(*f));

		k->fields(req, p, theirs, f);
		rec_put_fields(req, "Page.Theirs", f, k->nfields);
		/* Saving again keeps what was typed over theirs. */
		*version_of(k, p->r) = *version_of(k, theirs);
	} else {
		return resp_db_failure(rc);
	}
	resp_set(req, "Page.Stale", "1");
	return render_form(req, p, rc == DB_OK ? id : 0, 409);
}

/* rec_write's callbacks: p->r goes in, or out. */
static int store(struct req *req, void *ctx, long long *id)
{
	struct rec_page *p = ctx;

	return *id > 0 ? p->kind->update(req->db, p->s.id, p->r) :
			 p->kind->insert(req->db, p->s.id, p->r, id);
}

static int drop(struct req *req, void *ctx, long long *id)
{
	struct rec_page *p = ctx;

	return p->kind->remove(req->db, p->s.id, *id,
			       *version_of(p->kind, p->r));
}

/* A row button re-renders the form with everything typed; "save"
 * validates and writes the record, its rows and the history entry in
 * one transaction. */
enum status rec_page_save(struct req *req, const struct rec_kind *k)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	const struct param *act = req_param(&req->body, "action");
	struct field_text *was = arena_alloc(req->arena, k->nfields *
					     sizeof(*was));
	struct field_text *now = arena_alloc(req->arena, k->nfields *
					     sizeof(*now));
	struct field_text texts[REC_MAX_TEXTS];
	long long id = 0;
	void *old = NULL;
	struct rec_write w;
	int is_stale;
	enum status st = rec_load(req, p, k, SUB_EDIT, 1, k->nlists);
	const char *path;
	int rc;

	if (st != ST_OK)
		return st;
	if (req->nargs >= 2 && strcmp(req->args[1], "new") != 0 &&
	    (id = rec_id_arg(req)) == 0)
		return ST_NOT_FOUND;
	k->read_form(req, p);
	/* A kept form under review is shown, never saved (dispatch.c). */
	if (req->kept_review)
		return render_form(req, p, id, p->errors ? 400 : 200);
	if (act != NULL && k->row_action(req, p, act->value))
		return render_form(req, p, id, p->errors ? 400 : 200);
	if (act == NULL || strcmp(act->value, "save") != 0)
		return ST_BAD_REQUEST;
	k->check(req, p);
	if (p->errors == 0 &&
	    rec_pii_warnings(req, texts, k->texts(p->r, texts)) > 0 &&
	    req_param(&req->body, "confirm_pii") == NULL) {
		resp_set(req, "Page.ConfirmPii", "1");
		rec_field_error(req, p, "confirm_pii", "confirm_pii");
	}
	if (p->errors > 0)
		return render_form(req, p, id, 400);

	old = arena_alloc(req->arena, k->size);	/* blank for a new one */
	if (id > 0) {
		rc = k->get(req->db, p->s.id, id, old);
		if (rc == DB_NONE || (rc == DB_OK && *version_of(k, old) !=
				      *version_of(k, p->r)))
			return stale(req, p, id);
		if (rc != DB_OK)
			return resp_db_failure(rc);
	}
	k->fields(req, p, old, was);
	*id_of(k, p->r) = id;
	k->fields(req, p, p->r, now);
	w = (struct rec_write){ &p->s, k->type, arena_printf(req->arena,
				"%s.%s", k->type, id > 0 ? "update" : "create"),
				was, now, k->nfields, store, p };
	st = rec_write(req, &w, &id, &is_stale);
	if (st != ST_OK)
		return st;
	if (is_stale)
		return stale(req, p, id);
	path = arena_printf(req->arena, "/submission/%lld/%s/%lld?saved=1",
			    p->s.id, k->plural, id);
	return p->done != NULL ? resp_redirect_done(req, path, p->done) :
				 resp_redirect(req, path);
}

/* The record leaves the lists; the database keeps it, so its history
 * stays readable. */
enum status rec_page_delete(struct req *req, const struct rec_kind *k)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	const struct param *ver = req_param(&req->body, "row_version");
	long long id = rec_id_arg(req);
	struct field_text *was = arena_alloc(req->arena, k->nfields *
					     sizeof(*was));
	struct field_text *now = arena_alloc(req->arena, k->nfields *
					     sizeof(*now));
	struct rec_write w;
	int is_stale;
	enum status st = rec_load(req, p, k, SUB_EDIT, 0, 0);

	if (st == ST_OK)
		st = get_record(req, p, id);
	if (st != ST_OK)
		return st;
	if (ver == NULL || atoll(ver->value) != *version_of(k, p->r))
		return ST_CONFLICT;
	k->fields(req, p, p->r, was);
	k->fields(req, p, arena_alloc(req->arena, k->size), now);
	w = (struct rec_write){ &p->s, k->type, arena_printf(req->arena,
				"%s.delete", k->type), was, now, k->nfields,
				drop, p };
	st = rec_write(req, &w, &id, &is_stale);
	if (st != ST_OK)
		return st;
	if (is_stale)
		return ST_CONFLICT;
	return resp_redirect(req, arena_printf(req->arena,
		"/submission/%lld/%s?deleted=1", p->s.id, k->plural));
}
