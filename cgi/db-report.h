/* SPDX-License-Identifier: MIT */
/* db-report.h: typed queries on code lists, periods, submissions and the
 * cells of the aggregate datasets. Returns follow enum db_rc (DB_OK found
 * or done, DB_NONE not found or stale, <0 error). */
#ifndef VRS_DB_REPORT_H
#define VRS_DB_REPORT_H

#include "db.h"

struct period {
	long long id;
	char code[12];
	char starts[11], ends[11], opens[11], due[11], locks[11];
	char status[12];		/* planned, open, locked */
	int overdue;			/* the due date has passed */
};

/* Room for a return reason (VARCHAR(2000) of utf8mb4) and its NUL. */
#define SUB_REASON_SIZE 8001

struct submission {
	long long id;
	long long jurisdiction_id;
	char jcode[16];
	char jname[513];
	char period[12];
	char period_status[12];
	long long version;
	char status[16];		/* draft, submitted, returned, ... */
	long long row_version;		/* for the stale-save check */
	char updated[20];		/* UTC */
	char due[11];
	int overdue;
	char starts[11], ends[11];	/* the period's first and last day */
	char sharing_level[17];		/* attributed or aggregate */
};

/* Code lists. label (size labelsz) may be NULL. */
int db_code_active(struct db *db, const char *list, const char *code,
		   char *label, size_t labelsz);
int db_code_list(struct db *db, const char *list,
		 void (*fn)(void *ctx, const char *code, const char *label),
		 void *ctx);
/* The codes of list valid at any time between from and to (YYYY-MM-DD). */
int db_code_list_during(struct db *db, const char *list, const char *from,
			const char *to,
			void (*fn)(void *ctx, const char *code,
				   const char *label),
			void *ctx);

/* The code list administration. */
struct code_row {
	const char *code, *label, *from, *to;
	int active;
};
int db_code_lists(struct db *db,
		  void (*fn)(void *ctx, const char *list, long long count),
		  void *ctx);
int db_code_all(struct db *db, const char *list,
		void (*fn)(void *ctx, const struct code_row *r), void *ctx);
/* Raises the reference generation, which the web workers check the code
 * lists and settings they keep against (refcache.c): every write to the
 * codes or settings tables calls it in its transaction. */
int db_ref_generation_raise(struct db *db);
/* Both raise the reference generation: call them inside a transaction. */
/* DB_ERROR when the code exists already. */
int db_code_insert(struct db *db, const char *list, const char *code,
		   const char *label, const char *from);
/* DB_NONE when there is no such code or to is before its start. */
int db_code_end(struct db *db, const char *list, const char *code,
		const char *to);

/* Periods. */
int db_period_insert(struct db *db, const struct period *p, long long *id);
int db_period_list(struct db *db, void (*fn)(void *ctx, const struct period *),
		   void *ctx);
int db_period_by_code(struct db *db, const char *code, struct period *out);
int db_period_set_status(struct db *db, long long id, const char *status);

/* Submissions. */
int db_sub_insert(struct db *db, long long jurisdiction_id,
		  long long period_id, long long version, long long *id);
int db_sub_by_id(struct db *db, long long id, struct submission *out);
/* The same, with the return reason of part (a dataset key, "routes" or
 * "incidents") into reason (size cap; "" when none). */
int db_sub_by_id_part(struct db *db, long long id, const char *part,
		      struct submission *out, char *reason, size_t cap);
/* The newest version for a jurisdiction and period. */
int db_sub_latest(struct db *db, long long jurisdiction_id,
		  long long period_id, struct submission *out);
/* Current (not superseded) submissions of one jurisdiction, or of all
 * when jurisdiction_id is 0. */
int db_sub_list(struct db *db, long long jurisdiction_id,
		void (*fn)(void *ctx, const struct submission *), void *ctx);
/* Calls fn for each submission waiting for review, newest period first. */
int db_sub_list_submitted(struct db *db,
			  void (*fn)(void *ctx, const struct submission *),
			  void *ctx);
/* Calls fn for each state that has not sent period_id (submitted or
 * accepted), with its current submission's status and id ("" and 0 when
 * it has none), by code. Returns a db_rc. */
int db_sub_pending(struct db *db, long long period_id,
		   void (*fn)(void *ctx, const char *jcode, const char *jname,
			      const char *status, long long id),
		   void *ctx);
/* Counts a change if the submission is still at row_version; DB_NONE if
 * someone changed it since (a stale form). */
int db_sub_bump(struct db *db, long long id, long long row_version);
int db_sub_set_status(struct db *db, long long id, const char *status,
		      long long row_version);
/* Copies datasets, rows and cells of from into to (a new version). */
int db_sub_copy(struct db *db, long long to, long long from);

/* Copy-forward: gives sub the picked rows (not the values) of the
 * jurisdiction's latest submission of an earlier period. *copied counts
 * the rows. */
int db_sub_copy_rows_forward(struct db *db, long long sub,
			     long long jurisdiction_id, long long period_id,
			     unsigned long long *copied);

/* Per dataset: nil return flag and the secretariat's return reason. */
int db_sd_list(struct db *db, long long sub,
	       void (*fn)(void *ctx, const char *ds, int nil,
			  const char *reason),
	       void *ctx);
int db_sd_set(struct db *db, long long sub, const char *ds, int nil,
	      const char *reason);

/* Picked rows and cells. value -1 means none (flags M and Z). */
int db_row_insert(struct db *db, long long sub, const char *ds,
		  const char *tbl, const char *row);
/* Removes the row and its cells. */
int db_row_delete(struct db *db, long long sub, const char *ds,
		  const char *tbl, const char *row);
/* The cells of one dataset of sub, in (tbl, row, col) order. */
int db_cell_list(struct db *db, long long sub, const char *ds,
		 void (*fn)(void *ctx, const char *tbl, const char *row,
			    const char *col, long long value,
			    const char *flag),
		 void *ctx);
/* One dataset of sub as its grid page reads it, in one statement: sized
 * first with the number of rows to come (an upper bound on the cells),
 * then each picked row, each saved cell by its key "tbl|row|col" (both
 * in no particular order), and the dataset's return reason, if any. */
struct grid_data_fn {
	void (*size)(void *ctx, size_t rows);
	void (*row)(void *ctx, const char *tbl, const char *row);
	void (*cell)(void *ctx, const char *key, long long value,
		     const char *flag);
	void (*reason)(void *ctx, const char *reason);
};
int db_grid_data(struct db *db, long long sub, const char *ds,
		 const struct grid_data_fn *fn, void *ctx);
/* Every dataset's cells (rows) of sub, in (dataset, tbl, row, col) order. */
int db_cell_list_all(struct db *db, long long sub,
		     void (*fn)(void *ctx, const char *ds, const char *tbl,
				const char *row, const char *col,
				long long value, const char *flag),
		     void *ctx);
int db_row_list_all(struct db *db, long long sub,
		    void (*fn)(void *ctx, const char *ds, const char *tbl,
			       const char *row),
		    void *ctx);
int db_cell_upsert(struct db *db, long long sub, const char *ds,
		   const char *tbl, const char *row, const char *col,
		   long long value, const char *flag);
/* One cell to write; value -1 means none (flags M and Z). */
struct cell_write {
	const char *ds, *tbl, *row, *col, *flag;
	long long value;
};
/* Upserts n cells (of any datasets), SQL_BATCH at a time. */
int db_cell_upsert_many(struct db *db, long long sub,
			const struct cell_write *w, size_t n);
int db_cell_delete(struct db *db, long long sub, const char *ds,
		   const char *tbl, const char *row, const char *col);
int db_cell_count(struct db *db, long long sub, const char *ds,
		  long long *count);

#endif
