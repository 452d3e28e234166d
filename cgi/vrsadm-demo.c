/* SPDX-License-Identifier: MIT */
/* vrsadm-demo.c: `vrsadm demo-data`, clearly fictitious figures for the
 * demo jurisdictions of `make run` (QZA, QZB, QZC), so that a newcomer
 * finds work in progress and sees the sharing rule at work: QZA and QZB
 * have accepted submissions in 2025-S1 to 2026-S1, QZC only a draft in
 * 2026-S1; in the open period 2026-S2 QZA's draft was returned with a
 * reason, QZB's submission waits for review, and QZC has not started.
 * Idempotent: what exists is left alone. Every write goes through the
 * same database layer and history as the web program's. */
#include <stdio.h>
#include <string.h>

#include "db-history.h"
#include "db-jurisdiction.h"
#include "db-record.h"
#include "db-report.h"
#include "db-sharing.h"
#include "notify.h"
#include "vrsadm-demo.h"

static const char *const demo_periods[] = { "2025-S1", "2025-S2", "2026-S1",
					    "2026-S2" };
#define N_PERIODS (sizeof(demo_periods) / sizeof(demo_periods[0]))
/* Why the secretariat returned QZA's 2026-S2 flows (the one reason). */
static const char demo_reason[] = "Fictitious demo reason: irregular "
	"entries of Syrian men (18 and over) are much higher than in 2026-S1. "
	"Check the figure; if it is right, say why in the narrative.";
static const char *const demo_rows[] = { "AFG", "SYR", "IRQ", "BGD" };
static const char *const demo_cols[] = { "F.Y_LT18", "F.Y_GE18", "M.Y_LT18",
					 "M.Y_GE18" };

/* A period YYYY-S1 or YYYY-S2 with its dates, open or locked. */
static int ensure_period(struct db *db, const struct actor *who,
			 const char *code, int open, long long *id)
{
	struct period p;
	int y = 0, half = 0, rc = db_period_by_code(db, code, &p);

	if (rc == DB_OK) {
		*id = p.id;
		return DB_OK;
	}
	if (rc != DB_NONE || sscanf(code, "%4d-S%1d", &y, &half) != 2)
		return DB_ERROR;
	memset(&p, 0, sizeof(p));
	snprintf(p.code, sizeof(p.code), "%s", code);
	snprintf(p.starts, sizeof(p.starts), "%04d-%s", y,
		 half == 1 ? "01-01" : "07-01");
	snprintf(p.ends, sizeof(p.ends), "%04d-%s", y,
		 half == 1 ? "06-30" : "12-31");
	snprintf(p.opens, sizeof(p.opens), "%s", p.starts);
	snprintf(p.due, sizeof(p.due), "%04d-%s", half == 1 ? y : y + 1,
		 half == 1 ? "08-31" : "02-28");
	snprintf(p.locks, sizeof(p.locks), "%04d-%s", half == 1 ? y : y + 1,
		 half == 1 ? "10-31" : "04-30");
	rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_period_insert(db, &p, id);
	if (rc == DB_OK)
		rc = db_period_set_status(db, *id, open ? "open" : "locked");
	if (rc == DB_OK && open)	/* opened: told as from the web */
		rc = notify_period_opened(db, &p, NULL);
	if (rc == DB_OK)
		rc = db_history_append(db, who, "period.create", "period", *id,
				       code);
	return db_end(db, rc);
}

/* The workflow's entries for a submission the demo puts in a status
 * other than draft (row_version 1 after its insert): submitted (counts
 * where submitted ones do), returned (after being submitted, with the
 * demo reason on flows), accepted. */
static int demo_status(struct db *db, const struct actor *who, long long sub,
		       const char *status)
{
	int rc = DB_OK;

	if (strcmp(status, "accepted") == 0) {
		rc = db_sub_set_status(db, sub, status, 1);
		if (rc == DB_OK)
			rc = db_pool_add(db, sub, "S");
		if (rc == DB_OK)
			rc = db_pool_add(db, sub, "A");
		/* The people concerned hear of it as from the web. */
		if (rc == DB_OK)
			rc = notify_submission(db, NOTIFY_ACCEPTED, sub, NULL);
		return rc;
	}
	rc = db_sub_set_status(db, sub, "submitted", 1);
	if (rc == DB_OK)
		rc = db_history_append(db, who, "submission.submit",
				       "submission", sub,
				       "draft -> submitted; certified");
	if (rc == DB_OK && strcmp(status, "submitted") == 0) {
		rc = db_pool_add(db, sub, "S");
		if (rc == DB_OK)
			rc = notify_submission(db, NOTIFY_SUBMITTED, sub, NULL);
		return rc;
	}
	if (rc == DB_OK)
		rc = db_sd_set(db, sub, "flows", 0, demo_reason);
	if (rc == DB_OK)
		rc = db_sub_set_status(db, sub, "returned", 2);
	if (rc == DB_OK) {
		char detail[sizeof(demo_reason) + 64];

		snprintf(detail, sizeof(detail), "submitted -> returned; "
			 "reasons: [flows] %s", demo_reason);
		rc = db_history_append(db, who, "submission.return",
				       "submission", sub, detail);
	}
	if (rc == DB_OK)	/* with the reason just written */
		rc = notify_submission(db, NOTIFY_RETURNED, sub, NULL);
	return rc;
}

/* One submission of jurisdiction j (index k among the demo ones) in
 * period number pi, with flows, harm, a route and a narrative. */
static int demo_submission(struct db *db, const struct actor *who,
			   long long j, int k, int pi, long long period,
			   const char *status)
{
	static struct route r;
	static char text[3][200];
	struct narrative n;
	struct cell_write w[16];
	struct submission s;
	long long sub = 0, route_id = 0;
	size_t i, c, nw = 0;
	int rc = db_sub_latest(db, j, period, &s);

	if (rc != DB_NONE)
		return rc;	/* there already (DB_OK), or an error */
	rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_sub_insert(db, j, period, 1, &sub);
	for (i = 0; rc == DB_OK && i < 4; i++) {
		rc = db_row_insert(db, sub, "flows", "irr_entry", demo_rows[i]);
		for (c = 0; c < 4; c++) {
			long long v = 11 + 7 * k + 13 * (long long)i +
				      5 * (long long)c + 9 * pi;

			/* The figure the demo's return reason is about:
			 * Syrian men, 18 and over, ten times the others. */
			if (strcmp(status, "returned") == 0 && i == 1 && c == 3)
				v *= 10;
			w[nw++] = (struct cell_write){ "flows", "irr_entry",
				demo_rows[i], demo_cols[c], "A", v };
		}
	}
	if (rc == DB_OK)
		rc = db_cell_upsert_many(db, sub, w, nw);
	if (rc == DB_OK)
		rc = db_cell_upsert(db, sub, "harm", "by_mode", "SEA_VESSEL",
				    "DEAD.SEA", 2 + k + pi, "E");
	memset(&r, 0, sizeof(r));
	strcpy(r.origin, k == 0 ? "AFG" : "SYR");
	strcpy(r.destination, "GRC");
	r.nlegs = 2;
	strcpy(r.legs[0].to, "TUR");
	strcpy(r.legs[0].mode, "LAND_VEHICLE");
	strcpy(r.legs[1].to, "GRC");
	strcpy(r.legs[1].mode, "SEA_VESSEL");
	snprintf(r.migrants, sizeof(r.migrants), "%d", 20 + 10 * k + 5 * pi);
	snprintf(r.fee_amount, sizeof(r.fee_amount), "%d.00",
		 1500 + 250 * k + 100 * pi);
	strcpy(r.fee_currency, "USD");
	strcpy(r.fee_scope, "PERSON");
	strcpy(r.source, "INTERVIEW");
	strcpy(r.confidence, "MEDIUM");
	strcpy(r.note, "Fictitious demo record.");
	if (rc == DB_OK)
		rc = db_route_insert(db, sub, &r, &route_id);
	snprintf(text[0], sizeof(text[0]), "Fictitious demo text: more "
		 "crossings by sea reported in %s.", demo_periods[pi]);
	snprintf(text[1], sizeof(text[1]), "Fictitious demo text for the "
		 "secretariat only.");
	text[2][0] = '\0';
	for (i = 0; i < NARR_COUNT; i++)
		n.text[i] = text[i];
	strcpy(n.share[0], "peers");
	strcpy(n.share[1], "secretariat");
	strcpy(n.share[2], "secretariat");
	n.row_version = 0;
	if (rc == DB_OK)
		rc = db_narrative_save(db, sub, &n);
	for (i = 0; rc == DB_OK && i < 3; i++)
		rc = db_sd_set(db, sub, (const char *[]){ "documents",
			       "smugglers", "incidents" }[i], 1, NULL);
	if (rc == DB_OK)
		rc = db_history_append(db, who, "demo.seed", "submission", sub,
				       "fictitious demo data");
	if (rc == DB_OK && strcmp(status, "draft") != 0)
		rc = demo_status(db, who, sub, status);
	return db_end(db, rc);
}

int demo_data(struct db *db, const struct actor *who)
{
	static const char *const codes[] = { "QZA", "QZB", "QZC" };
	long long ids[3], period = 0;
	int pi, k, rc = DB_OK;

	for (k = 0; rc == DB_OK && k < 3; k++)
		rc = db_jurisdiction_by_code(db, codes[k], &ids[k], NULL, 0);
	if (rc != DB_OK)
		return rc;
	/* The past periods: QZA and QZB contributed, QZC did not (it has a
	 * draft in 2026-S1, which stays open as the demo always had it). */
	for (pi = 0; rc == DB_OK && pi < (int)N_PERIODS - 1; pi++) {
		rc = ensure_period(db, who, demo_periods[pi], pi == 2, &period);
		for (k = 0; rc == DB_OK && k < 2; k++)
			rc = demo_submission(db, who, ids[k], k, pi, period,
					     "accepted");
		if (rc == DB_OK && pi == 2)
			rc = demo_submission(db, who, ids[2], 2, pi, period,
					     "draft");
	}
	/* The period in progress: work for every role. QZC has nothing. */
	if (rc == DB_OK)
		rc = ensure_period(db, who, demo_periods[pi], 1, &period);
	if (rc == DB_OK)
		rc = demo_submission(db, who, ids[0], 0, pi, period,
				     "returned");
	if (rc == DB_OK)
		rc = demo_submission(db, who, ids[1], 1, pi, period,
				     "submitted");
	return rc;
}
