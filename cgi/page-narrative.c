/* SPDX-License-Identifier: MIT */
/* page-narrative.c: the narrative of a submission: trends, new modus
 * operandi, legal and policy changes, each plain text with its sharing
 * flag (contributing states, or the secretariat only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "pages.h"
#include "record-web.h"
#include "report.h"
#include "resp.h"

static struct narrative *narrative_new(struct req *req)
{
	struct narrative *n = arena_alloc(req->arena, sizeof(*n));
	size_t i;

	for (i = 0; i < NARR_COUNT; i++)
		n->text[i] = arena_alloc(req->arena, NARRATIVE_MAX_CHARS * 4 + 1);
	return n;
}

static enum status render(struct req *req, const struct submission *s,
			  const struct narrative *n, size_t errors, int status)
{
	size_t i;
	int rc;

	report_put_submission(req, s);
	if (policy_submission(req->user, s->jurisdiction_id, s->status,
			      s->period_status, SUB_EDIT) == ALLOW)
		resp_set(req, "Page.Can.edit", "1");
	for (i = 0; i < NARR_COUNT; i++) {
		resp_set_item(req, "Page.Texts", (long long)i, "key",
			      narrative_keys[i]);
		resp_set_item(req, "Page.Texts", (long long)i, "value",
			      n->text[i]);
		resp_set_item(req, "Page.Texts", (long long)i, "share",
			      n->share[i]);
	}
	resp_set_int(req, "Form.row_version", n->row_version);
	resp_set(req, "Page.Updated", n->updated);
	resp_set_int(req, "Page.MaxChars", NARRATIVE_MAX_CHARS);
	resp_set_int(req, "Form.errors", (long long)errors);
	rc = rec_put_history(req, s, "narrative", s->id);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_render(req, status, "narrative.cs");
}

/* GET /submission/<id>/narrative */
enum status page_narrative_show(struct req *req)
{
	struct submission s;
	struct narrative *n = narrative_new(req);
	enum status st = report_load(req, &s, SUB_READ);
	int rc;

	if (st != ST_OK)
		return st;
	rc = db_narrative_get(req->db, s.id, n);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	rec_notice(req);
	return render(req, &s, n, 0, 200);
}

static void narrative_fields(const struct narrative *n,
			     struct field_text f[2 * NARR_COUNT])
{
	static const char *const share_names[NARR_COUNT] = {
		"trends_share", "modus_share", "legal_share",
	};
	size_t i;

	for (i = 0; i < NARR_COUNT; i++) {
		f[2 * i] = (struct field_text){ narrative_keys[i], n->text[i] };
		f[2 * i + 1] = (struct field_text){ share_names[i],
						    n->share[i] };
	}
}

/* Shows the texts saved now above the boxes with what was typed. */
static enum status stale(struct req *req, const struct submission *s,
			 struct narrative *n, const struct narrative *old)
{
	size_t i;

	for (i = 0; i < NARR_COUNT; i++)
		resp_set_item(req, "Page.Theirs", (long long)i, "value",
			      old->text[i]);
	resp_set(req, "Page.Stale", "1");
	/* Saving again keeps what was typed. */
	n->row_version = old->row_version;
	return render(req, s, n, 0, 409);
}

struct store_ctx {
	const struct submission *s;
	const struct narrative *n;
};

static int store(struct req *req, void *ctx, long long *id)
{
	struct store_ctx *c = ctx;

	(void)id;
	return db_narrative_save(req->db, c->s->id, c->n);
}

/* POST /submission/<id>/narrative: saves the three texts in one
 * transaction with the history entry; a stale form shows the texts
 * saved now beside what was typed. */
enum status page_narrative_save(struct req *req)
{
	struct submission s;
	struct narrative *n = narrative_new(req), *old = narrative_new(req);
	struct field_text was[2 * NARR_COUNT], now[2 * NARR_COUNT];
	const struct param *ver = req_param(&req->body, "row_version");
	size_t i, errors = 0;
	struct store_ctx ctx;
	struct rec_write w;
	long long id;
	int rc, is_stale;
	enum status st = report_load(req, &s, SUB_EDIT);

	if (st != ST_OK)
		return st;
	id = s.id;	/* the narrative's history names it by its submission */
	for (i = 0; i < NARR_COUNT; i++) {
		struct field_spec spec[2] = {
			{ .name = narrative_keys[i], .type = FIELD_TEXT,
			  .max = NARRATIVE_MAX_CHARS },
			{ .type = FIELD_LINE, .max = 16 },
		};
		struct field_value v[2];

		spec[1].name = arena_printf(req->arena, "%s_share",
					    narrative_keys[i]);
		form_validate(&req->body, spec, 2, v);
		if (v[0].error != NULL) {
			const struct param *raw = req_param(&req->body,
							    spec[0].name);

			resp_field_error(req, spec[0].name, v[0].error);
			errors++;
			/* Too long: shown back as typed so nothing is
			 * lost; broken bytes are not echoed. */
			if (raw != NULL && strcmp(v[0].error, "too_long") == 0)
				resp_set(req, arena_printf(req->arena,
					 "Form.%s.typed", spec[0].name),
					 raw->value);
		}
		snprintf(n->text[i], NARRATIVE_MAX_CHARS * 4 + 1, "%s",
			 v[0].error ? "" : v[0].str);
		if (strcmp(v[1].str, "peers") == 0 ||
		    strcmp(v[1].str, "secretariat") == 0) {
			snprintf(n->share[i], sizeof(n->share[i]), "%s",
				 v[1].str);
		} else {
			strcpy(n->share[i], "secretariat");
			resp_field_error(req, spec[1].name, "choose_share");
			errors++;
		}
	}
	n->row_version = ver != NULL ? atoll(ver->value) : -1;
	if (errors == 0) {
		struct field_text f[NARR_COUNT];

		for (i = 0; i < NARR_COUNT; i++)
			f[i] = (struct field_text){ narrative_keys[i],
						    n->text[i] };
		if (rec_pii_warnings(req, f, NARR_COUNT) > 0 &&
		    req_param(&req->body, "confirm_pii") == NULL) {
			resp_set(req, "Page.ConfirmPii", "1");
			resp_field_error(req, "confirm_pii", "confirm_pii");
			errors++;
		}
	}
	/* A kept form under review is shown, never saved (dispatch.c). */
	if (errors > 0 || req->kept_review)
		return render(req, &s, n, errors, errors > 0 ? 400 : 200);

	rc = db_narrative_get(req->db, s.id, old);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (old->row_version != n->row_version)
		return stale(req, &s, n, old);
	narrative_fields(old, was);
	narrative_fields(n, now);
	ctx = (struct store_ctx){ &s, n };
	w = (struct rec_write){ &s, "narrative", "narrative.save", was, now,
				2 * NARR_COUNT, store, &ctx };
	st = rec_write(req, &w, &id, &is_stale);
	if (st != ST_OK)
		return st;
	if (is_stale) {		/* saved by someone between the two reads */
		rc = db_narrative_get(req->db, s.id, old);
		if (rc != DB_OK)
			return resp_db_failure(rc);
		return stale(req, &s, n, old);
	}
	return resp_redirect(req, arena_printf(req->arena,
		"/submission/%lld/narrative?saved=1", s.id));
}
