/* SPDX-License-Identifier: MIT */
/* review.c: what the review page of a submission shows beyond its
 * overview ("read before you certify"): the four datasets' tables with
 * their totals, every route and incident, and the narrative, read with
 * the loaders of their own pages. */
#include <stdio.h>

#include "datasets.h"
#include "db-record.h"
#include "grid.h"
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

int report_put_review(struct req *req, const struct submission *s)
{
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
	return rc;
}
