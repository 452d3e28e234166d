/* SPDX-License-Identifier: MIT */
/* db-sharing.h: the sharing settings, a viewer's standing per period, and
 * the pooled figures of contributing submissions. No HTTP or HTML; who
 * may see what is decided in policy.c from what these return. */
#ifndef VRS_DB_SHARING_H
#define VRS_DB_SHARING_H

#include "db.h"
#include "policy.h"

struct sharing_settings {
	struct sharing_rule rule;
	char default_level[17];		/* "attributed" or "aggregate" */
};

int db_settings_get(struct db *db, struct sharing_settings *out);
/* Inside the caller's transaction; raises the reference generation. */
int db_setting_set(struct db *db, const char *name, const char *value);

/* Sets a draft or returned submission's sharing level; DB_NONE when it
 * is neither (inside the caller's transaction). */
int db_sub_set_level(struct db *db, long long sub, const char *level);
int db_sub_copy_level(struct db *db, long long to, long long from);

/* One period as the viewer's jurisdiction stands in it. */
struct standing {
	long long period_id;
	char period[17], starts[11], ends[11];
	char period_status[16];		/* open, locked */
	char own_status[16];		/* "" when it has no submission */
	int own_aggregate;		/* its contribution shares in
					 * aggregate only */
	long long others;		/* other states that contributed */
	struct period_standing s;	/* for policy_pooled */
};

/* Every period that is not planned, oldest first, for jurisdiction (0 for
 * the secretariat: nothing of its own). */
int db_standing(struct db *db, long long jurisdiction, int submitted_counts,
		void (*fn)(void *ctx, const struct standing *st), void *ctx);

/* A pooled figure: the sum, how many aggregate-only states other than the
 * viewer it includes (for suppression), how many C cells (secretariat
 * only) and how many states. */
struct pooled {
	long long sum;
	long long agg_others;
	long long confidential;
	long long states;
};

/* A dataset's totals in a period, in one statement: cell() for each
 * pooled cell, state() for each state's figure of a table (the states that
 * share attributed, and the viewer's own). viewer: the viewer's
 * jurisdiction, or 0 for every state's data (C cells and every state's
 * figures), which only policy_pooled_all grants. A state's viewer whose
 * contribution shares in aggregate only (own_aggregate, from its standing)
 * gets agg_others without it (its own data never suppresses a figure for
 * it). */
int db_pool_totals(struct db *db, long long viewer, long long period,
		   const char *dataset, int submitted_counts, int own_aggregate,
		   void (*cell)(void *ctx, const char *tbl, const char *row,
				const char *col, const struct pooled *p),
		   void (*state)(void *ctx, const char *code, const char *name,
				 const char *level, const char *tbl,
				 const struct pooled *p),
		   void *ctx);
/* The per-state figures of db_pool_totals, within the rows whose code is
 * row (from the cells: the country filter). */
int db_pool_by_jurisdiction_row(struct db *db, long long viewer,
				long long period, const char *dataset,
				int submitted_counts, const char *row,
				void (*fn)(void *ctx, const char *code,
					   const char *name, const char *level,
					   const char *tbl,
					   const struct pooled *p),
				void *ctx);
/* One table's total in one period, from the trend summary. Its figure's
 * agg_others is 1 when the total would give away a cell that the totals
 * page suppresses under k and min_count, else 0; its states are those in
 * the period's totals of the dataset (the secretariat: with C cells),
 * and set a digest of which they are (40 hex digits), to compare from
 * one period to the next. */
struct pool_trend {
	long long period;
	const char *tbl;
	struct pooled f;
	const char *set;
};
int db_pool_trends(struct db *db, long long viewer, const char *dataset,
		   int submitted_counts, int k, int min_count,
		   void (*fn)(void *ctx, const struct pool_trend *t),
		   void *ctx);

struct route_flow {
	const char *origin, *destination;
	long long records, migrants, agg_others;
	/* fees only */
	const char *currency, *scope, *min, *max;
};
/* country "" for all routes, else those that start or end there. */
int db_pool_flows(struct db *db, long long viewer, long long period,
		  int submitted_counts, const char *country,
		  void (*fn)(void *ctx, const struct route_flow *f), void *ctx);
int db_pool_fees(struct db *db, long long viewer, long long period,
		 int submitted_counts, const char *country,
		 void (*fn)(void *ctx, const struct route_flow *f), void *ctx);

/* Inside the caller's transaction, with the status change that makes sub
 * count or stop counting: counts is "S" (submitted or accepted) or "A"
 * (accepted). A submission in a summary never changes (it cannot be
 * edited), so removing subtracts exactly what adding added. */
int db_pool_add(struct db *db, long long sub, const char *counts);
int db_pool_remove(struct db *db, long long sub, const char *counts);
/* Recomputes every summary from the submissions (vrsadm migrate, and
 * vrsadm pool-rebuild); *subs receives how many count. */
int db_pool_rebuild(struct db *db, long long *subs);

struct pooled_narrative {
	long long jurisdiction_id;
	const char *code, *name, *level;
	const char *text[3], *share[3];
};
int db_pool_narratives(struct db *db, long long period, int submitted_counts,
		       void (*fn)(void *ctx, const struct pooled_narrative *n),
		       void *ctx);

#endif
