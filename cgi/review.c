/* SPDX-License-Identifier: MIT */
/* review.c: what the review page of a submission shows beyond its
 * overview ("read before you certify"): the four datasets' tables with
 * their totals, every route and incident, the narrative, and every time
 * it was returned before, read with the loaders of their own pages. */
#include <stdio.h>
#include <string.h>

#include "datasets.h"
#include "db-history.h"
#include "db-record.h"
#include "grid.h"
#include "history-view.h"
#include "report.h"
#include "resp.h"

/* Puts the narrative's texts and who may read them under Page.Texts. */
static int put_narrative(struct req *req, const struct submission *s)
{
	struct narrative n;
	size_t i;
	int rc;

	for (i = 0; i < NARR_COUNT; i++)
		n.text[i] = arena_alloc(req->arena, NARRATIVE_MAX_CHARS * 4 + 1);
	rc = db_narrative_get(req->db, s->id, &n);
	for (i = 0; rc == DB_OK && i < NARR_COUNT; i++) {
		resp_set_item(req, "Page.Texts", (long long)i, "key",
			      narrative_keys[i]);
		resp_set_item(req, "Page.Texts", (long long)i, "value",
			      n.text[i]);
		resp_set_item(req, "Page.Texts", (long long)i, "share",
			      n.share[i]);
	}
	return rc;
}

struct returns {
	struct req *req;
	struct history_view *view;
	int n;
};

/* Keeps the history's returns (Page.Returns), so whoever reviews a
 * resubmission reads what was asked, and the focal point what to check. */
static void put_return(void *ctx, const struct history_entry *e)
{
	struct returns *r = ctx;
	const char *at;

	if (strcmp(e->action, "submission.return") != 0)
		return;
	at = arena_printf(r->req->arena, "Page.Returns.%d", r->n++);
	resp_set(r->req, arena_printf(r->req->arena, "%s.at", at), e->at);
	resp_set(r->req, arena_printf(r->req->arena, "%s.actor", at),
		 e->actor);
	history_view_entry(r->view, at, e);
}

int report_put_review(struct req *req, const struct submission *s)
{
	struct returns returns = { req, history_view_new(req, s), 0 };
	int rc = DB_OK;
	size_t i;

	for (i = 0; rc == DB_OK && i < n_datasets; i++) {
		struct grid *g = arena_alloc(req->arena, sizeof(*g));
		char prefix[32];

		snprintf(prefix, sizeof(prefix), "Review.Ds.%zu", i);
		rc = grid_load(req, s, &datasets[i], g);
		if (rc != DB_OK)
			break;
		resp_set(req, arena_printf(req->arena, "%s.key", prefix),
			 datasets[i].key);
		grid_put(req, g, 0, 0, prefix);
	}
	if (rc == DB_OK)
		rc = page_route_put_all(req, s);
	if (rc == DB_OK)
		rc = page_incident_put_all(req, s);
	if (rc == DB_OK)
		rc = put_narrative(req, s);
	if (rc == DB_OK)
		rc = db_history_for(req->db, "submission", s->id, put_return,
				    &returns);
	return rc;
}
