/* SPDX-License-Identifier: MIT */
/* db-report.c: code lists, periods, submissions and cells, with no HTTP
 * or HTML knowledge. */
#include <string.h>

#include "db-report.h"


int db_code_active(struct db *db, const char *list, const char *code,
		   char *label, size_t labelsz)
{
	char scratch[801];
	struct db_arg args[] = { DB_STR(list), DB_STR(code) };
	struct db_col c = { .type = DB_T_STR, .buf = label ? label : scratch,
			    .cap = label ? labelsz : sizeof(scratch) };

	return db_query_one(db, STMT_CODE_ACTIVE, args, 2, &c, 1);
}

int db_code_list(struct db *db, const char *list,
		 void (*fn)(void *ctx, const char *code, const char *label),
		 void *ctx)
{
	char code[65], label[801];
	struct db_arg arg = DB_STR(list);
	struct db_col c[2] = { STR_COL(code), STR_COL(label) };
	int rc = db_query(db, STMT_CODE_LIST, &arg, 1, c, 2);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CODE_LIST, c, 2)) == DB_OK)
		fn(ctx, code, label);
	db_done(db, STMT_CODE_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_code_lists(struct db *db,
		  void (*fn)(void *ctx, const char *list, long long count),
		  void *ctx)
{
	char list[65];
	struct db_col c[2] = { STR_COL(list), { .type = DB_T_INT } };
	int rc = db_query(db, STMT_CODE_LISTS, NULL, 0, c, 2);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CODE_LISTS, c, 2)) == DB_OK)
		fn(ctx, list, c[1].i);
	db_done(db, STMT_CODE_LISTS);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_code_all(struct db *db, const char *list,
		void (*fn)(void *ctx, const struct code_row *r), void *ctx)
{
	char code[65], label[801], from[11], to[11];
	struct db_arg arg = DB_STR(list);
	struct db_col c[5] = { STR_COL(code), STR_COL(label), STR_COL(from),
			       STR_COL(to), { .type = DB_T_INT } };
	struct code_row r = { code, label, from, to, 0 };
	int rc = db_query(db, STMT_CODE_ALL, &arg, 1, c, 5);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CODE_ALL, c, 5)) == DB_OK) {
		r.active = (int)c[4].i;
		fn(ctx, &r);
	}
	db_done(db, STMT_CODE_ALL);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_ref_generation_raise(struct db *db)
{
	return db_exec(db, STMT_REF_GENERATION_RAISE, NULL, 0, NULL, NULL);
}

int db_code_insert(struct db *db, const char *list, const char *code,
		   const char *label, const char *from)
{
	struct db_arg args[] = { DB_STR(list), DB_STR(code), DB_STR(label),
				 DB_STR(from), DB_STR(list) };
	int rc = db_exec(db, STMT_CODE_INSERT, args, 5, NULL, NULL);

	return rc == DB_OK ? db_ref_generation_raise(db) : rc;
}

int db_code_end(struct db *db, const char *list, const char *code,
		const char *to)
{
	struct db_arg args[] = { DB_STR(to), DB_STR(list), DB_STR(code),
				 DB_STR(to) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_CODE_END, args, 4, &n, NULL);

	if (rc == DB_OK && n == 0)
		return DB_NONE;
	return rc == DB_OK ? db_ref_generation_raise(db) : rc;
}

int db_code_list_during(struct db *db, const char *list, const char *from,
			const char *to,
			void (*fn)(void *ctx, const char *code,
				   const char *label),
			void *ctx)
{
	char code[65], label[801];
	struct db_arg args[] = { DB_STR(list), DB_STR(to), DB_STR(from) };
	struct db_col c[2] = { STR_COL(code), STR_COL(label) };
	int rc = db_query(db, STMT_CODE_LIST_DURING, args, 3, c, 2);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CODE_LIST_DURING, c, 2)) == DB_OK)
		fn(ctx, code, label);
	db_done(db, STMT_CODE_LIST_DURING);
	return rc == DB_NONE ? DB_OK : rc;
}

/* Binds the nine period columns of STMT_PERIOD_LIST/BY_CODE. */
static void period_cols(struct period *p, struct db_col *c)
{
	memset(c, 0, 9 * sizeof(*c));
	c[0].type = DB_T_INT;
	c[1] = (struct db_col)STR_COL(p->code);
	c[2] = (struct db_col)STR_COL(p->starts);
	c[3] = (struct db_col)STR_COL(p->ends);
	c[4] = (struct db_col)STR_COL(p->opens);
	c[5] = (struct db_col)STR_COL(p->due);
	c[6] = (struct db_col)STR_COL(p->locks);
	c[7] = (struct db_col)STR_COL(p->status);
	c[8].type = DB_T_INT;
}

int db_period_insert(struct db *db, const struct period *p, long long *id)
{
	struct db_arg args[] = { DB_STR(p->code), DB_STR(p->starts),
				 DB_STR(p->ends), DB_STR(p->opens),
				 DB_STR(p->due), DB_STR(p->locks) };
	unsigned long long newid = 0;
	int rc = db_exec(db, STMT_PERIOD_INSERT, args, 6, NULL, &newid);

	*id = (long long)newid;
	return rc;
}

int db_period_list(struct db *db, void (*fn)(void *ctx, const struct period *),
		   void *ctx)
{
	struct period p;
	struct db_col c[9];
	int rc;

	period_cols(&p, c);
	rc = db_query(db, STMT_PERIOD_LIST, NULL, 0, c, 9);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_PERIOD_LIST, c, 9)) == DB_OK) {
		p.id = c[0].i;
		p.overdue = (int)c[8].i;
		fn(ctx, &p);
	}
	db_done(db, STMT_PERIOD_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_period_by_code(struct db *db, const char *code, struct period *out)
{
	struct db_arg arg = DB_STR(code);
	struct db_col c[9];
	int rc;

	period_cols(out, c);
	rc = db_query_one(db, STMT_PERIOD_BY_CODE, &arg, 1, c, 9);
	if (rc == DB_OK) {
		out->id = c[0].i;
		out->overdue = (int)c[8].i;
	}
	return rc;
}

int db_period_set_status(struct db *db, long long id, const char *status)
{
	struct db_arg args[] = { DB_STR(status), DB_INT(id) };

	return db_exec(db, STMT_PERIOD_SET_STATUS, args, 2, NULL, NULL);
}

int db_sub_insert(struct db *db, long long jurisdiction_id,
		  long long period_id, long long version, long long *id)
{
	struct db_arg args[] = { DB_INT(jurisdiction_id), DB_INT(period_id),
				 DB_INT(version) };
	unsigned long long newid = 0;
	int rc = db_exec(db, STMT_SUB_INSERT, args, 3, NULL, &newid);

	*id = (long long)newid;
	return rc;
}

#define SUB_NCOLS 15

/* Binds the SUB_NCOLS columns of SUB_COLS in sql.c. */
static void sub_cols(struct submission *s, struct db_col *c)
{
	memset(c, 0, SUB_NCOLS * sizeof(*c));
	c[0].type = c[1].type = c[6].type = c[8].type = c[11].type =
		DB_T_INT;
	c[2] = (struct db_col)STR_COL(s->jcode);
	c[3] = (struct db_col)STR_COL(s->jname);
	c[4] = (struct db_col)STR_COL(s->period);
	c[5] = (struct db_col)STR_COL(s->period_status);
	c[7] = (struct db_col)STR_COL(s->status);
	c[9] = (struct db_col)STR_COL(s->updated);
	c[10] = (struct db_col)STR_COL(s->due);
	c[12] = (struct db_col)STR_COL(s->starts);
	c[13] = (struct db_col)STR_COL(s->ends);
	c[14] = (struct db_col)STR_COL(s->sharing_level);
}

static void sub_fill(const struct db_col *c, struct submission *s)
{
	s->id = c[0].i;
	s->jurisdiction_id = c[1].i;
	s->version = c[6].i;
	s->row_version = c[8].i;
	s->overdue = (int)c[11].i;
}

static int sub_one(struct db *db, enum stmt st, const struct db_arg *args,
		   size_t n, struct submission *out)
{
	struct db_col c[SUB_NCOLS];
	int rc;

	sub_cols(out, c);
	rc = db_query_one(db, st, args, n, c, SUB_NCOLS);
	if (rc == DB_OK)
		sub_fill(c, out);
	return rc;
}

int db_sub_by_id(struct db *db, long long id, struct submission *out)
{
	struct db_arg arg = DB_INT(id);

	return sub_one(db, STMT_SUB_BY_ID, &arg, 1, out);
}

int db_sub_by_id_part(struct db *db, long long id, const char *part,
		      struct submission *out, char *reason, size_t cap)
{
	struct db_arg args[] = { DB_STR(part), DB_INT(id) };
	struct db_col c[SUB_NCOLS + 1];
	int rc;

	sub_cols(out, c);
	c[SUB_NCOLS] = (struct db_col){ .type = DB_T_STR, .buf = reason,
					.cap = cap };
	rc = db_query_one(db, STMT_SUB_BY_ID_PART, args, 2, c, SUB_NCOLS + 1);
	if (rc == DB_OK)
		sub_fill(c, out);
	return rc;
}

int db_sub_latest(struct db *db, long long jurisdiction_id,
		  long long period_id, struct submission *out)
{
	struct db_arg args[] = { DB_INT(jurisdiction_id), DB_INT(period_id) };

	return sub_one(db, STMT_SUB_LATEST, args, 2, out);
}

int db_sub_list(struct db *db, long long jurisdiction_id,
		void (*fn)(void *ctx, const struct submission *), void *ctx)
{
	struct db_arg args[] = { DB_INT(jurisdiction_id),
				 DB_INT(jurisdiction_id) };
	struct submission s;
	struct db_col c[SUB_NCOLS];
	int rc;

	sub_cols(&s, c);
	rc = db_query(db, STMT_SUB_LIST, args, 2, c, SUB_NCOLS);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_SUB_LIST, c, SUB_NCOLS)) == DB_OK) {
		sub_fill(c, &s);
		fn(ctx, &s);
	}
	db_done(db, STMT_SUB_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_sub_list_submitted(struct db *db,
			  void (*fn)(void *ctx, const struct submission *),
			  void *ctx)
{
	struct submission s;
	struct db_col c[SUB_NCOLS];
	int rc;

	sub_cols(&s, c);
	rc = db_query(db, STMT_SUB_LIST_SUBMITTED, NULL, 0, c, SUB_NCOLS);
	while (rc == DB_OK && (rc = db_fetch_row(db, STMT_SUB_LIST_SUBMITTED,
						 c, SUB_NCOLS)) == DB_OK) {
		sub_fill(c, &s);
		fn(ctx, &s);
	}
	db_done(db, STMT_SUB_LIST_SUBMITTED);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_sub_pending(struct db *db, long long period_id,
		   void (*fn)(void *ctx, const char *jcode, const char *jname,
			      const char *status, long long id),
		   void *ctx)
{
	struct db_arg arg = DB_INT(period_id);
	char code[16], name[801], status[16];
	struct db_col c[4] = { STR_COL(code), STR_COL(name), STR_COL(status),
			       { .type = DB_T_INT } };
	int rc = db_query(db, STMT_SUB_PENDING, &arg, 1, c, 4);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_SUB_PENDING, c, 4)) == DB_OK)
		fn(ctx, code, name, status, c[3].i);
	db_done(db, STMT_SUB_PENDING);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_sub_bump(struct db *db, long long id, long long row_version)
{
	struct db_arg args[] = { DB_INT(id), DB_INT(row_version) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_SUB_BUMP, args, 2, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_sub_set_status(struct db *db, long long id, const char *status,
		      long long row_version)
{
	struct db_arg args[] = { DB_STR(status),
				 DB_INT(strcmp(status, "submitted") == 0),
				 DB_INT(strcmp(status, "accepted") == 0),
				 DB_INT(id), DB_INT(row_version) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_SUB_SET_STATUS, args, 5, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_sub_copy(struct db *db, long long to, long long from)
{
	struct db_arg args[] = { DB_INT(to), DB_INT(from) };
	int rc = db_exec(db, STMT_SD_COPY, args, 2, NULL, NULL);

	if (rc == DB_OK)
		rc = db_exec(db, STMT_ROW_COPY, args, 2, NULL, NULL);
	if (rc == DB_OK)
		rc = db_exec(db, STMT_CELL_COPY, args, 2, NULL, NULL);
	return rc;
}

int db_sub_copy_rows_forward(struct db *db, long long sub,
			     long long jurisdiction_id, long long period_id,
			     unsigned long long *copied)
{
	struct db_arg args[] = { DB_INT(sub), DB_INT(jurisdiction_id),
				 DB_INT(period_id) };

	return db_exec(db, STMT_ROW_COPY_PREVIOUS, args, 3, copied, NULL);
}

int db_sd_list(struct db *db, long long sub,
	       void (*fn)(void *ctx, const char *ds, int nil,
			  const char *reason),
	       void *ctx)
{
	char ds[65], reason[8001];
	struct db_arg arg = DB_INT(sub);
	struct db_col c[3] = { STR_COL(ds), { .type = DB_T_INT },
			       STR_COL(reason) };
	int rc = db_query(db, STMT_SD_LIST, &arg, 1, c, 3);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_SD_LIST, c, 3)) == DB_OK)
		fn(ctx, ds, (int)c[1].i, reason);
	db_done(db, STMT_SD_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_sd_set(struct db *db, long long sub, const char *ds, int nil,
	      const char *reason)
{
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds), DB_INT(nil),
				 reason ? DB_STR(reason) : DB_NULLARG };

	return db_exec(db, STMT_SD_SET, args, 4, NULL, NULL);
}

int db_row_insert(struct db *db, long long sub, const char *ds,
		  const char *tbl, const char *row)
{
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds), DB_STR(tbl),
				 DB_STR(row) };

	return db_exec(db, STMT_ROW_INSERT, args, 4, NULL, NULL);
}

int db_row_delete(struct db *db, long long sub, const char *ds,
		  const char *tbl, const char *row)
{
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds), DB_STR(tbl),
				 DB_STR(row) };
	int rc = db_exec(db, STMT_CELL_DELETE_ROW, args, 4, NULL, NULL);

	return rc == DB_OK ? db_exec(db, STMT_ROW_DELETE, args, 4, NULL, NULL)
			   : rc;
}

int db_cell_list(struct db *db, long long sub, const char *ds,
		 void (*fn)(void *ctx, const char *tbl, const char *row,
			    const char *col, long long value,
			    const char *flag),
		 void *ctx)
{
	char tbl[65], row[65], col[161], flag[5];
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds) };
	struct db_col c[5] = { STR_COL(tbl), STR_COL(row), STR_COL(col),
			       { .type = DB_T_INT }, STR_COL(flag) };
	int rc = db_query(db, STMT_CELL_LIST, args, 2, c, 5);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CELL_LIST, c, 5)) == DB_OK)
		fn(ctx, tbl, row, col, c[3].i, flag);
	db_done(db, STMT_CELL_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_grid_data(struct db *db, long long sub, const char *ds,
		 const struct grid_data_fn *fn, void *ctx)
{
	/* The second column carries a row's or cell's key, or the reason. */
	char text[SUB_REASON_SIZE], flag[5];
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds), DB_INT(sub),
				 DB_STR(ds), DB_INT(sub), DB_STR(ds) };
	struct db_col c[4] = { { .type = DB_T_INT }, STR_COL(text),
			       { .type = DB_T_INT }, STR_COL(flag) };
	int rc = db_query(db, STMT_GRID_DATA, args, 6, c, 4);
	char *bar;

	if (rc == DB_OK)
		fn->size(ctx, (size_t)db_result_rows(db, STMT_GRID_DATA));
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_GRID_DATA, c, 4)) == DB_OK) {
		if (c[0].i == 1) {
			fn->cell(ctx, text, c[2].i, flag);
		} else if (c[0].i == 0 && (bar = strchr(text, '|')) != NULL) {
			*bar = '\0';
			fn->row(ctx, text, bar + 1);
		} else if (c[0].i == 2 && *text != '\0') {
			fn->reason(ctx, text);
		}
	}
	db_done(db, STMT_GRID_DATA);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_cell_list_all(struct db *db, long long sub,
		     void (*fn)(void *ctx, const char *ds, const char *tbl,
				const char *row, const char *col,
				long long value, const char *flag),
		     void *ctx)
{
	char ds[65], tbl[65], row[65], col[161], flag[5];
	struct db_arg arg = DB_INT(sub);
	struct db_col c[6] = { STR_COL(ds), STR_COL(tbl), STR_COL(row),
			       STR_COL(col), { .type = DB_T_INT },
			       STR_COL(flag) };
	int rc = db_query(db, STMT_CELL_LIST_ALL, &arg, 1, c, 6);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CELL_LIST_ALL, c, 6)) == DB_OK)
		fn(ctx, ds, tbl, row, col, c[4].i, flag);
	db_done(db, STMT_CELL_LIST_ALL);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_row_list_all(struct db *db, long long sub,
		    void (*fn)(void *ctx, const char *ds, const char *tbl,
			       const char *row),
		    void *ctx)
{
	char ds[65], tbl[65], row[65];
	struct db_arg arg = DB_INT(sub);
	struct db_col c[3] = { STR_COL(ds), STR_COL(tbl), STR_COL(row) };
	int rc = db_query(db, STMT_ROW_LIST_ALL, &arg, 1, c, 3);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_ROW_LIST_ALL, c, 3)) == DB_OK)
		fn(ctx, ds, tbl, row);
	db_done(db, STMT_ROW_LIST_ALL);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_cell_upsert(struct db *db, long long sub, const char *ds,
		   const char *tbl, const char *row, const char *col,
		   long long value, const char *flag)
{
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds), DB_STR(tbl),
				 DB_STR(row), DB_STR(col),
				 value < 0 ? DB_NULLARG : DB_INT(value),
				 DB_STR(flag) };

	return db_exec(db, STMT_CELL_UPSERT, args, 7, NULL, NULL);
}

struct cell_rows {
	long long sub;
	const struct cell_write *w;
};

static void fill_cell(void *ctx, size_t i, struct db_arg *a)
{
	const struct cell_rows *r = ctx;
	const struct cell_write *x = &r->w[i];

	a[0] = DB_INT(r->sub);
	a[1] = DB_STR(x->ds);
	a[2] = DB_STR(x->tbl);
	a[3] = DB_STR(x->row);
	a[4] = DB_STR(x->col);
	a[5] = x->value < 0 ? DB_NULLARG : DB_INT(x->value);
	a[6] = DB_STR(x->flag);
}

int db_cell_upsert_many(struct db *db, long long sub,
			const struct cell_write *w, size_t n)
{
	struct cell_rows rows = { sub, w };

	return db_exec_rows(db, DB_ROWS(STMT_CELL_UPSERT), 7, n, fill_cell,
			    &rows);
}

int db_cell_delete(struct db *db, long long sub, const char *ds,
		   const char *tbl, const char *row, const char *col)
{
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds), DB_STR(tbl),
				 DB_STR(row), DB_STR(col) };

	return db_exec(db, STMT_CELL_DELETE, args, 5, NULL, NULL);
}

int db_cell_count(struct db *db, long long sub, const char *ds,
		  long long *count)
{
	struct db_arg args[] = { DB_INT(sub), DB_STR(ds) };
	struct db_col c = { .type = DB_T_INT };
	int rc = db_query_one(db, STMT_CELL_COUNT, args, 2, &c, 1);

	*count = rc == DB_OK ? c.i : 0;
	return rc;
}
