/* SPDX-License-Identifier: MIT */
/* db-sharing.c: settings, standing and pooled figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-report.h"
#include "db-sharing.h"

#define INT_COL { .type = DB_T_INT }
/* The second status of "s.status IN ('accepted', ?)", and the summary
 * rows of that setting ('S': submitted or accepted, 'A': accepted). */
#define COUNTS(submitted) DB_STR((submitted) ? "submitted" : "accepted")
#define SUMMARY(submitted) DB_STR((submitted) ? "S" : "A")

int db_settings_get(struct db *db, struct sharing_settings *out)
{
	char name[129], value[257];
	struct db_col c[2] = { STR_COL(name), STR_COL(value) };
	int rc = db_query(db, STMT_SETTINGS_ALL, NULL, 0, c, 2);

	/* The defaults of the domain, should a row be missing. */
	out->rule = (struct sharing_rule){ SHARE_PER_PERIOD, 4, 0, 3, 0 };
	strcpy(out->default_level, "attributed");
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_SETTINGS_ALL, c, 2)) == DB_OK) {
		if (strcmp(name, "sharing_mode") == 0)
			out->rule.mode = strcmp(value, "rolling") == 0 ?
				SHARE_ROLLING : strcmp(value, "dataset") == 0 ?
				SHARE_PER_DATASET : SHARE_PER_PERIOD;
		else if (strcmp(name, "sharing_window") == 0)
			out->rule.window = atoi(value);
		else if (strcmp(name, "contribution") == 0)
			out->rule.submitted_counts =
				strcmp(value, "submitted") == 0;
		else if (strcmp(name, "suppress_k") == 0)
			out->rule.k = atoi(value);
		else if (strcmp(name, "suppress_below") == 0)
			out->rule.min_count = atoi(value);
		else if (strcmp(name, "default_level") == 0)
			strcpy(out->default_level,
			       strcmp(value, "aggregate") == 0 ? "aggregate" :
			       "attributed");
	}
	db_done(db, STMT_SETTINGS_ALL);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_setting_set(struct db *db, const char *name, const char *value)
{
	struct db_arg a[] = { DB_STR(value), DB_STR(name) };
	int rc = db_exec(db, STMT_SETTING_SET, a, 2, NULL, NULL);

	return rc == DB_OK ? db_ref_generation_raise(db) : rc;
}

int db_sub_set_level(struct db *db, long long sub, const char *level)
{
	struct db_arg a[] = { DB_STR(level), DB_INT(sub) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_SUB_SET_LEVEL, a, 2, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_sub_copy_level(struct db *db, long long to, long long from)
{
	struct db_arg a[] = { DB_INT(from), DB_INT(to) };

	return db_exec(db, STMT_SUB_COPY_LEVEL, a, 2, NULL, NULL);
}

/* STMT_VIEWER_STANDING gives the datasets a state reported as bits, in
 * the order of its FIELD() list: the first four PART_* bits. */
_Static_assert(PART_FLOWS == 0 && PART_DOCUMENTS == 1 &&
	       PART_SMUGGLERS == 2 && PART_HARM == 3,
	       "STMT_VIEWER_STANDING's dataset bits follow PART_*");
#define DATASET_BITS ((1u << PART_FLOWS) | (1u << PART_DOCUMENTS) | \
		      (1u << PART_SMUGGLERS) | (1u << PART_HARM))

int db_standing(struct db *db, long long jurisdiction, int submitted_counts,
		void (*fn)(void *ctx, const struct standing *st), void *ctx)
{
	struct standing st;
	struct db_arg a[] = {
		DB_INT(jurisdiction), DB_INT(jurisdiction),
		COUNTS(submitted_counts), DB_INT(jurisdiction),
		COUNTS(submitted_counts), SUMMARY(submitted_counts),
		DB_INT(jurisdiction), SUMMARY(submitted_counts),
		DB_INT(jurisdiction), DB_INT(jurisdiction),
		COUNTS(submitted_counts), DB_INT(jurisdiction),
		COUNTS(submitted_counts),
	};
	struct db_col c[12] = {
		INT_COL, STR_COL(st.period), STR_COL(st.starts),
		STR_COL(st.period_status), STR_COL(st.ends),
		STR_COL(st.own_status), INT_COL, INT_COL, INT_COL,
		INT_COL, INT_COL, INT_COL,
	};
	int rc = db_query(db, STMT_VIEWER_STANDING, a, 13, c, 12);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_VIEWER_STANDING, c, 12)) == DB_OK) {
		st.period_id = c[0].i;
		st.own_aggregate = c[6].i > 0;
		st.others = c[7].i;
		st.s.contributed = strcmp(st.own_status, "accepted") == 0 ||
			(submitted_counts &&
			 strcmp(st.own_status, "submitted") == 0);
		st.s.reported = (unsigned)c[8].i & DATASET_BITS;
		if (c[9].i > 0)
			st.s.reported |= 1u << PART_ROUTES;
		if (c[10].i > 0)
			st.s.reported |= 1u << PART_INCIDENTS;
		if (c[11].i > 0)
			st.s.reported |= 1u << PART_NARRATIVE;
		fn(ctx, &st);
	}
	db_done(db, STMT_VIEWER_STANDING);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_pool_totals(struct db *db, long long viewer, long long period,
		   const char *dataset, int submitted_counts, int own_aggregate,
		   void (*cell)(void *ctx, const char *tbl, const char *row,
				const char *col, const struct pooled *p),
		   void (*state)(void *ctx, const char *code, const char *name,
				 const char *level, const char *tbl,
				 const struct pooled *p),
		   void *ctx)
{
	char tbl[65], row[65], col[801], level[65];
	int all = viewer == 0, with_own = viewer != 0 && own_aggregate;
	/* The suppression count is what states see (no C cells) for the
	 * secretariat too: its mark shows what they would see. */
	struct db_arg plain[] = { DB_INT(all), DB_INT(all), DB_INT(period),
		SUMMARY(submitted_counts), DB_STR(dataset), DB_INT(all),
		DB_INT(all), SUMMARY(submitted_counts), DB_STR(dataset),
		DB_INT(period), DB_INT(all), DB_INT(viewer), DB_INT(all) };
	struct db_arg own[] = { DB_INT(viewer), DB_INT(period),
		COUNTS(submitted_counts), DB_INT(period),
		SUMMARY(submitted_counts), DB_STR(dataset),
		DB_INT(all), SUMMARY(submitted_counts), DB_STR(dataset),
		DB_INT(period), DB_INT(all), DB_INT(viewer), DB_INT(all) };
	enum stmt st = with_own ? STMT_POOL_TOTALS_OWN : STMT_POOL_TOTALS;
	struct db_col c[10] = { INT_COL, STR_COL(tbl), STR_COL(row),
				STR_COL(col), STR_COL(level), INT_COL, INT_COL,
				INT_COL, INT_COL, INT_COL };
	int rc = with_own ? db_query(db, st, own, 13, c, 10) :
		 db_query(db, st, plain, 13, c, 10);

	while (rc == DB_OK && (rc = db_fetch_row(db, st, c, 10)) == DB_OK) {
		/* Only the secretariat learns where C cells are. */
		struct pooled p = { c[5].i, c[6].i, all ? c[7].i : 0, c[8].i };

		if (c[0].i == 1) {
			p.agg_others = 0;
			state(ctx, row, col, level, tbl, &p);
			continue;
		}
		/* The viewer's own aggregate-only value is not another
		 * state's. */
		if (with_own && c[9].i > 0 && p.agg_others > 0)
			p.agg_others--;
		cell(ctx, tbl, row, col, &p);
	}
	db_done(db, st);
	return rc == DB_NONE ? DB_OK : rc;
}

/* Runs stmt (a per-state query of the pooled summaries) and calls fn for
 * each state and table; C cells are counted for the secretariat only. */
static int by_jurisdiction_rows(struct db *db, enum stmt stmt,
				const struct db_arg *a, size_t na,
				long long viewer,
				void (*fn)(void *ctx, const char *code,
					   const char *name, const char *level,
					   const char *tbl,
					   const struct pooled *p),
				void *ctx)
{
	char code[65], name[801], level[65], tbl[65];
	struct db_col c[6] = { STR_COL(code), STR_COL(name), STR_COL(level),
			       STR_COL(tbl), INT_COL, INT_COL };
	int rc = db_query(db, stmt, a, na, c, 6);

	while (rc == DB_OK && (rc = db_fetch_row(db, stmt, c, 6)) == DB_OK) {
		struct pooled p = { c[4].i, 0, viewer == 0 ? c[5].i : 0, 1 };

		fn(ctx, code, name, level, tbl, &p);
	}
	db_done(db, stmt);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_pool_by_jurisdiction_row(struct db *db, long long viewer,
				long long period, const char *dataset,
				int submitted_counts, const char *row,
				void (*fn)(void *ctx, const char *code,
					   const char *name, const char *level,
					   const char *tbl,
					   const struct pooled *p),
				void *ctx)
{
	struct db_arg a[] = { DB_INT(viewer == 0), DB_INT(period),
			      COUNTS(submitted_counts), DB_STR(dataset),
			      DB_STR(row), DB_INT(viewer == 0), DB_INT(viewer),
			      DB_INT(viewer == 0) };

	return by_jurisdiction_rows(db, STMT_POOL_BY_JURIS_ROW, a, 8, viewer,
				    fn, ctx);
}

int db_pool_trends(struct db *db, long long viewer, const char *dataset,
		   int submitted_counts, int k, int min_count,
		   void (*fn)(void *ctx, const struct pool_trend *t),
		   void *ctx)
{
	char tbl[65], set[41];
	struct db_arg a[] = { DB_INT(viewer == 0),
			      DB_INT(viewer == 0 ? k : k + 1), DB_INT(min_count),
			      DB_INT(min_count), DB_INT(viewer == 0),
			      DB_INT(viewer == 0), SUMMARY(submitted_counts),
			      DB_STR(dataset) };
	struct db_col c[7] = { INT_COL, STR_COL(tbl), INT_COL, INT_COL,
			       INT_COL, INT_COL, STR_COL(set) };
	int rc = db_query(db, STMT_POOL_TRENDS, a, 8, c, 7);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_POOL_TRENDS, c, 7)) == DB_OK) {
		struct pool_trend t = { c[0].i, tbl,
			{ c[2].i, c[3].i, viewer == 0 ? c[4].i : 0, c[5].i },
			set };

		fn(ctx, &t);
	}
	db_done(db, STMT_POOL_TRENDS);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_pool_flows(struct db *db, long long viewer, long long period,
		  int submitted_counts, const char *country,
		  void (*fn)(void *ctx, const struct route_flow *f), void *ctx)
{
	char origin[65], dest[65];
	struct db_arg a[] = { DB_INT(viewer), DB_INT(period),
			      SUMMARY(submitted_counts), DB_STR(country),
			      DB_STR(country), DB_STR(country) };
	struct db_col c[5] = { STR_COL(origin), STR_COL(dest), INT_COL,
			       INT_COL, INT_COL };
	int rc = db_query(db, STMT_POOL_FLOWS, a, 6, c, 5);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_POOL_FLOWS, c, 5)) == DB_OK) {
		struct route_flow f = { origin, dest, c[2].i, c[3].i, c[4].i,
					"", "", "", "" };

		fn(ctx, &f);
	}
	db_done(db, STMT_POOL_FLOWS);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_pool_fees(struct db *db, long long viewer, long long period,
		 int submitted_counts, const char *country,
		 void (*fn)(void *ctx, const struct route_flow *f), void *ctx)
{
	char origin[65], dest[65], cur[65], scope[65], min[32], max[32];
	struct db_arg a[] = { DB_INT(viewer), DB_INT(period),
			      SUMMARY(submitted_counts), DB_STR(country),
			      DB_STR(country), DB_STR(country) };
	struct db_col c[8] = { STR_COL(origin), STR_COL(dest), STR_COL(cur),
			       STR_COL(scope), INT_COL, STR_COL(min),
			       STR_COL(max), INT_COL };
	int rc = db_query(db, STMT_POOL_FEES, a, 6, c, 8);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_POOL_FEES, c, 8)) == DB_OK) {
		struct route_flow f = { origin, dest, c[4].i, 0, c[7].i, cur,
					scope, min, max };

		fn(ctx, &f);
	}
	db_done(db, STMT_POOL_FEES);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_pool_narratives(struct db *db, long long period, int submitted_counts,
		       void (*fn)(void *ctx, const struct pooled_narrative *n),
		       void *ctx)
{
	enum { TEXT_CAP = 80004 };
	char code[65], name[801], level[65], share[3][65];
	char *text = malloc(3 * TEXT_CAP);
	struct db_arg a[] = { DB_INT(period), COUNTS(submitted_counts) };
	struct db_col c[10];
	int rc, i;

	if (text == NULL)
		return DB_ERROR;
	c[0] = (struct db_col)INT_COL;
	c[1] = (struct db_col)STR_COL(code);
	c[2] = (struct db_col)STR_COL(name);
	c[3] = (struct db_col)STR_COL(level);
	for (i = 0; i < 3; i++) {
		c[4 + 2 * i] = (struct db_col){ .type = DB_T_STR,
			.buf = text + i * TEXT_CAP, .cap = TEXT_CAP };
		c[5 + 2 * i] = (struct db_col)STR_COL(share[i]);
	}
	rc = db_query(db, STMT_POOL_NARRATIVES, a, 2, c, 10);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_POOL_NARRATIVES, c, 10)) == DB_OK) {
		struct pooled_narrative n = { c[0].i, code, name, level,
			{ text, text + TEXT_CAP, text + 2 * TEXT_CAP },
			{ share[0], share[1], share[2] } };

		fn(ctx, &n);
	}
	db_done(db, STMT_POOL_NARRATIVES);
	free(text);
	return rc == DB_NONE ? DB_OK : rc;
}

/* sub's cells with sign 1 or -1 into the 'A' or 'S' cell summary. */
static int pool_cells(struct db *db, long long sub, const char *counts,
		      int sign)
{
	struct db_arg a[] = { DB_STR(counts), DB_INT(sign), DB_INT(sign),
			      DB_INT(sign), DB_INT(sign), DB_INT(sign),
			      DB_INT(sign), DB_INT(sign), DB_INT(sub) };

	return db_exec(db, STMT_POOL_ADD_CELLS, a, 9, NULL, NULL);
}

/* The trend summary of sub's period in the counts summary, recomputed
 * from the cell and table summaries (after they changed). */
static int pool_trends(struct db *db, long long sub, const char *counts)
{
	struct db_arg del[] = { DB_INT(sub), DB_STR(counts) };
	struct db_arg add[] = { DB_INT(sub), DB_STR(counts), DB_INT(sub),
				DB_STR(counts) };
	int rc = db_exec(db, STMT_POOL_DEL_TRENDS, del, 2, NULL, NULL);

	if (rc == DB_OK)
		rc = db_exec(db, STMT_POOL_ADD_TRENDS, add, 4, NULL, NULL);
	return rc;
}

int db_pool_add(struct db *db, long long sub, const char *counts)
{
	static const enum stmt per_state[] = {
		STMT_POOL_ADD_TABLES, STMT_POOL_ADD_FLOWS, STMT_POOL_ADD_FEES,
	};
	struct db_arg a[] = { DB_STR(counts), DB_INT(sub) };
	size_t i;
	int rc = pool_cells(db, sub, counts, 1);

	for (i = 0; rc == DB_OK && i < 3; i++)
		rc = db_exec(db, per_state[i], a, 2, NULL, NULL);
	if (rc == DB_OK)
		rc = pool_trends(db, sub, counts);
	return rc;
}

int db_pool_remove(struct db *db, long long sub, const char *counts)
{
	static const enum stmt per_state[] = {
		STMT_POOL_PRUNE_CELLS, STMT_POOL_DEL_TABLES,
		STMT_POOL_DEL_FLOWS, STMT_POOL_DEL_FEES,
	};
	struct db_arg a[] = { DB_INT(sub), DB_STR(counts) };
	size_t i;
	int rc = pool_cells(db, sub, counts, -1);

	for (i = 0; rc == DB_OK && i < 4; i++)
		rc = db_exec(db, per_state[i], a, 2, NULL, NULL);
	if (rc == DB_OK)
		rc = pool_trends(db, sub, counts);
	return rc;
}

int db_pool_rebuild(struct db *db, long long *subs)
{
	static const enum stmt clear[] = {
		STMT_POOL_CLEAR_CELLS, STMT_POOL_CLEAR_TABLES,
		STMT_POOL_CLEAR_FLOWS, STMT_POOL_CLEAR_FEES,
		STMT_POOL_CLEAR_TRENDS,
	};
	struct db_col c[2] = { INT_COL, INT_COL };
	long long *ids = NULL, *accepted = NULL;
	size_t n = 0, cap = 0, i;
	int rc = DB_OK;

	for (i = 0; rc == DB_OK && i < sizeof(clear) / sizeof(clear[0]); i++)
		rc = db_exec(db, clear[i], NULL, 0, NULL, NULL);
	if (rc == DB_OK)
		rc = db_query(db, STMT_POOL_SUBS, NULL, 0, c, 2);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_POOL_SUBS, c, 2)) == DB_OK) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 256;
			long long *a = realloc(ids, ncap * sizeof(*a));
			long long *b = a ? realloc(accepted, ncap * sizeof(*b)) :
				       NULL;

			if (a != NULL)
				ids = a;
			if (b == NULL) {
				rc = DB_ERROR;
				break;
			}
			accepted = b;
			cap = ncap;
		}
		ids[n] = c[0].i;
		accepted[n++] = c[1].i;
	}
	db_done(db, STMT_POOL_SUBS);
	if (rc == DB_NONE)
		rc = DB_OK;
	for (i = 0; rc == DB_OK && i < n; i++) {
		rc = db_pool_add(db, ids[i], "S");
		if (rc == DB_OK && accepted[i])
			rc = db_pool_add(db, ids[i], "A");
	}
	free(ids);
	free(accepted);
	*subs = (long long)n;
	return rc;
}
