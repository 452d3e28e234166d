/* SPDX-License-Identifier: MIT */
/* db-exchange.c: the exchange's queries (see db-exchange.h). */
#include <string.h>

#include "db-exchange.h"

int db_export_subs(struct db *db, int any,
		   void (*fn)(void *ctx, const struct export_sub *s),
		   void *ctx)
{
	struct export_sub s;
	struct db_arg arg = DB_INT(any ? 1 : 0);
	struct db_col c[13] = {
		{ .type = DB_T_INT }, STR_COL(s.jcode), STR_COL(s.jname),
		STR_COL(s.period), STR_COL(s.starts), STR_COL(s.ends),
		{ .type = DB_T_INT }, STR_COL(s.status), STR_COL(s.level),
		STR_COL(s.created), STR_COL(s.updated), STR_COL(s.submitted),
		STR_COL(s.accepted),
	};
	int rc = db_query(db, STMT_EXPORT_SUBS, &arg, 1, c, 13);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_EXPORT_SUBS, c, 13)) == DB_OK) {
		s.id = c[0].i;
		s.version = c[6].i;
		fn(ctx, &s);
	}
	db_done(db, STMT_EXPORT_SUBS);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_export_insert(struct db *db, const char *actor, const char *format,
		     const char *filters, const char *versions,
		     long long submissions, const char *data_file,
		     long long *id)
{
	struct db_arg a[] = { DB_STR(actor), DB_STR(format), DB_STR(filters),
			      DB_STR(versions), DB_INT(submissions),
			      DB_STR(data_file) };
	unsigned long long new_id = 0;
	int rc = db_exec(db, STMT_EXPORT_INSERT, a, 6, NULL, &new_id);

	*id = (long long)new_id;
	return rc;
}

int db_export_set_file(struct db *db, long long id, const char *data_file)
{
	struct db_arg a[] = { DB_STR(data_file), DB_INT(id) };

	return db_exec(db, STMT_EXPORT_SET_FILE, a, 2, NULL, NULL);
}

int db_export_finish(struct db *db, long long id, long long bytes,
		     const char *sha256, const char *status)
{
	struct db_arg a[] = { DB_INT(bytes), DB_STR(sha256), DB_STR(status),
			      DB_INT(id) };

	return db_exec(db, STMT_EXPORT_FINISH, a, 4, NULL, NULL);
}

/* The columns of EXPORT_COLS plus versions, into r. */
#define EXPORT_NCOLS 12
static void export_cols(struct export_row *r, struct db_col *c,
			char *scratch, size_t scratch_cap)
{
	struct db_col cols[EXPORT_NCOLS] = {
		{ .type = DB_T_INT }, STR_COL(r->created), STR_COL(r->finished),
		STR_COL(r->actor), STR_COL(r->format), STR_COL(r->filters),
		{ .type = DB_T_INT }, STR_COL(r->data_file),
		{ .type = DB_T_INT }, STR_COL(r->sha256), STR_COL(r->status),
		{ .type = DB_T_STR, .buf = r->versions ? r->versions : scratch,
		  .cap = r->versions ? r->versions_cap : scratch_cap },
	};

	memcpy(c, cols, sizeof(cols));
}

static void export_fill(struct export_row *r, const struct db_col *c)
{
	r->id = c[0].i;
	r->submissions = c[6].i;
	r->bytes = c[8].i;
}

int db_export_get(struct db *db, long long id, struct export_row *out)
{
	char scratch[8];
	struct db_arg arg = DB_INT(id);
	struct db_col c[EXPORT_NCOLS];
	int rc;

	export_cols(out, c, scratch, sizeof(scratch));
	rc = db_query_one(db, STMT_EXPORT_GET, &arg, 1, c, EXPORT_NCOLS);
	if (rc == DB_OK)
		export_fill(out, c);
	return rc;
}

int db_export_list(struct db *db,
		   void (*fn)(void *ctx, const struct export_row *r),
		   void *ctx)
{
	char scratch[8];
	struct export_row r = { 0 };
	struct db_col c[EXPORT_NCOLS];
	int rc;

	export_cols(&r, c, scratch, sizeof(scratch));
	rc = db_query(db, STMT_EXPORT_LIST, NULL, 0, c, EXPORT_NCOLS);
	while (rc == DB_OK && (rc = db_fetch_row(db, STMT_EXPORT_LIST, c,
						 EXPORT_NCOLS)) == DB_OK) {
		export_fill(&r, c);
		fn(ctx, &r);
	}
	db_done(db, STMT_EXPORT_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_import_insert(struct db *db, const struct import_row *r,
		     long long *id)
{
	struct db_arg a[] = {
		DB_STR(r->actor), DB_INT(r->submission_id),
		DB_STR(r->filename), DB_INT(r->bytes), DB_STR(r->sha256),
		DB_STR(r->mode), DB_INT(r->base_version),
		DB_STR(r->base_records), DB_STR(r->status),
		DB_INT(r->problems), DB_STR(r->summary),
	};
	unsigned long long new_id = 0;
	int rc = db_exec(db, STMT_IMPORT_INSERT, a, 11, NULL, &new_id);

	*id = (long long)new_id;
	return rc;
}

int db_import_put_chunk(struct db *db, long long id, long long n,
			const char *data, size_t len)
{
	struct db_arg a[] = { DB_INT(id), DB_INT(n), DB_BLOB(data, len) };

	return db_exec(db, STMT_IMPORT_CHUNK_PUT, a, 3, NULL, NULL);
}

int db_import_chunks(struct db *db, long long id,
		     void (*fn)(void *ctx, const char *data, size_t len),
		     void *ctx)
{
	/* One chunk at a time; process-wide, as the connection is. */
	static char buf[IMPORT_CHUNK_BYTES + 1];
	struct db_arg arg = DB_INT(id);
	struct db_col c = { .type = DB_T_BLOB, .buf = buf,
			    .cap = sizeof(buf) };
	int rc = db_query(db, STMT_IMPORT_CHUNKS, &arg, 1, &c, 1);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_IMPORT_CHUNKS, &c, 1)) == DB_OK)
		fn(ctx, buf, c.len);
	db_done(db, STMT_IMPORT_CHUNKS);
	return rc == DB_NONE ? DB_OK : rc;
}

#define IMPORT_NCOLS 17
static void import_cols(struct import_row *r, struct db_col *c)
{
	struct db_col cols[IMPORT_NCOLS] = {
		{ .type = DB_T_INT }, STR_COL(r->created), STR_COL(r->actor),
		{ .type = DB_T_INT }, STR_COL(r->jcode), STR_COL(r->period),
		{ .type = DB_T_INT }, STR_COL(r->filename),
		{ .type = DB_T_INT }, STR_COL(r->sha256), STR_COL(r->mode),
		{ .type = DB_T_INT }, STR_COL(r->base_records),
		STR_COL(r->status), { .type = DB_T_INT },
		STR_COL(r->summary), { .type = DB_T_INT },
	};

	memcpy(c, cols, sizeof(cols));
}

static void import_fill(struct import_row *r, const struct db_col *c)
{
	r->id = c[0].i;
	r->submission_id = c[3].i;
	r->version = c[6].i;
	r->bytes = c[8].i;
	r->base_version = c[11].i;
	r->problems = c[14].i;
	r->expired = c[16].i != 0;
}

int db_import_get(struct db *db, long long id, long long sub,
		  struct import_row *out)
{
	struct db_arg a[] = { DB_INT(id), DB_INT(sub) };
	struct db_col c[IMPORT_NCOLS];
	int rc;

	import_cols(out, c);
	rc = db_query_one(db, STMT_IMPORT_GET, a, 2, c, IMPORT_NCOLS);
	if (rc == DB_OK)
		import_fill(out, c);
	return rc;
}

int db_draft_records_state(struct db *db, long long sub, char *out,
			   size_t n)
{
	struct db_arg a = DB_INT(sub);
	struct db_col c = { .type = DB_T_STR, .buf = out, .cap = n };

	return db_query_one(db, STMT_DRAFT_RECORDS_STATE, &a, 1, &c, 1);
}

int db_import_rebase(struct db *db, long long id, long long base_version,
		     const char *base_records, const char *summary)
{
	struct db_arg a[] = { DB_INT(base_version), DB_STR(base_records),
			      DB_STR(summary), DB_INT(id) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_IMPORT_REBASE, a, 4, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

/* Ends a waiting upload with statement st, whose arguments are first
 * and the id; its chunks go with it. DB_NONE when it no longer waited. */
static int end_upload(struct db *db, enum stmt st, struct db_arg first,
		      long long id)
{
	struct db_arg a[] = { first, DB_INT(id) };
	unsigned long long n = 0;
	int rc = db_exec(db, st, a, 2, &n, NULL);

	if (rc == DB_OK && n == 0)
		return DB_NONE;
	if (rc == DB_OK)
		rc = db_exec(db, STMT_IMPORT_DROP_CHUNKS, &a[1], 1, NULL,
			     NULL);
	return rc;
}

int db_import_applied(struct db *db, long long id, const char *summary)
{
	return end_upload(db, STMT_IMPORT_APPLIED, DB_STR(summary), id);
}

int db_import_finish(struct db *db, long long id, const char *status)
{
	return end_upload(db, STMT_IMPORT_FINISH, DB_STR(status), id);
}

int db_import_drop_waiting(struct db *db, long long sub,
			   unsigned long long *n)
{
	struct db_arg a = DB_INT(sub);
	int rc = db_exec(db, STMT_IMPORT_WAITING_CHUNKS_DROP, &a, 1, NULL,
			 NULL);

	*n = 0;
	return rc == DB_OK ? db_exec(db, STMT_IMPORT_WAITING_DROP, &a, 1, n,
				     NULL) : rc;
}

int db_import_expire(struct db *db, unsigned long long *n)
{
	int rc = db_exec(db, STMT_IMPORT_EXPIRE_CHUNKS, NULL, 0, NULL, NULL);

	*n = 0;
	return rc == DB_OK ? db_exec(db, STMT_IMPORT_EXPIRE, NULL, 0, n, NULL)
			   : rc;
}

static int import_rows(struct db *db, enum stmt st, const struct db_arg *a,
		       size_t na,
		       void (*fn)(void *ctx, const struct import_row *r),
		       void *ctx)
{
	struct import_row r;
	struct db_col c[IMPORT_NCOLS];
	int rc;

	import_cols(&r, c);
	rc = db_query(db, st, a, na, c, IMPORT_NCOLS);
	while (rc == DB_OK && (rc = db_fetch_row(db, st, c, IMPORT_NCOLS)) ==
	       DB_OK) {
		import_fill(&r, c);
		fn(ctx, &r);
	}
	db_done(db, st);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_import_list(struct db *db,
		   void (*fn)(void *ctx, const struct import_row *r),
		   void *ctx)
{
	return import_rows(db, STMT_IMPORT_LIST, NULL, 0, fn, ctx);
}

int db_import_list_sub(struct db *db, long long sub,
		       void (*fn)(void *ctx, const struct import_row *r),
		       void *ctx)
{
	struct db_arg a = DB_INT(sub);

	return import_rows(db, STMT_IMPORT_LIST_SUB, &a, 1, fn, ctx);
}

int db_codes_of_list(struct db *db, const char *list,
		     void (*fn)(void *ctx, const char *code,
				const char *label, const char *from,
				const char *to),
		     void *ctx)
{
	char code[17], label[801], from[11], to[11];
	struct db_arg arg = DB_STR(list);
	struct db_col c[4] = { STR_COL(code), STR_COL(label), STR_COL(from),
			       STR_COL(to) };
	int rc = db_query(db, STMT_CODES_OF_LIST, &arg, 1, c, 4);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CODES_OF_LIST, c, 4)) == DB_OK)
		fn(ctx, code, label, from, to);
	db_done(db, STMT_CODES_OF_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_dataset_clear(struct db *db, long long sub, const char *ds)
{
	struct db_arg a[] = { DB_INT(sub), DB_STR(ds) };
	int rc = db_exec(db, STMT_CELLS_CLEAR_DATASET, a, 2, NULL, NULL);

	return rc == DB_OK ? db_exec(db, STMT_ROWS_CLEAR_DATASET, a, 2, NULL,
				     NULL) : rc;
}

int db_routes_delete_all(struct db *db, long long sub,
			 unsigned long long *n)
{
	struct db_arg a = DB_INT(sub);

	return db_exec(db, STMT_ROUTES_DELETE_ALL, &a, 1, n, NULL);
}

int db_incidents_delete_all(struct db *db, long long sub,
			    unsigned long long *n)
{
	struct db_arg a = DB_INT(sub);

	return db_exec(db, STMT_INCIDENTS_DELETE_ALL, &a, 1, n, NULL);
}
